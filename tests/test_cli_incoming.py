"""`lontar incoming register|show` and `lontar agenda` as a person runs them: a real process on
a real home, the pencatat acting with `--as`, the file going through the ingest, the agenda
printed, searched and exported, and errors said in words with exit status 1."""

from __future__ import annotations

import json

import openpyxl
import pytest
from pypdf import PdfReader

from repository.app import Lontar
from repository.core import clock
from repository.core.content import pemda_of
from repository.core.db import reading
from repository.core.security import ADMIN
from repository.letters import workindex
from tests.conftest import lontar_cli, make_pdf

YEAR = clock.today().year


@pytest.fixture
def home_with_office(service, tmp_path):
    service.access.add_account(ADMIN, "agendaris", "agendaris-uji-1", {"Pencatat"}, unit="DINKES")
    service.access.add_account(ADMIN, "kadis", "kadis-uji-12", {"Pejabat"}, unit="DINKES")
    service.letters.save_position(
        ADMIN, "KADIS", unit="DINKES", name="Kepala Dinas Kesehatan", holder="kadis", rank=1
    )
    home = service.home
    service.close()
    letter = tmp_path / "surat-bpbd.pdf"
    letter.write_bytes(make_pdf("Kesiapsiagaan banjir", "Mohon kesiapsiagaan menghadapi banjir"))
    return home, letter


def register(home, letter, *extra: str, check: bool = True):
    return lontar_cli(
        "incoming", "register", str(letter), "--unit", "DINKES", "--as", "agendaris",
        "--sender", "Kepala BPBD Provinsi", "--their-number", "360/77/BPBD",
        "--their-date", clock.today().isoformat(), "--hal", "Kesiapsiagaan banjir",
        *extra, home=home, check=check,
    )  # fmt: skip


def test_register_show_and_the_agenda(home_with_office, tmp_path):
    home, letter = home_with_office
    made = json.loads(register(home, letter, "--json", "--urgency", "segera").stdout)
    assert made["agenda"] == f"0001/DINKES/{YEAR}"
    assert [o["filename"] for o in made["report"]["accepted"]] == ["surat-bpbd.pdf"]
    shown = json.loads(lontar_cli("incoming", "show", made["id"], "--as", "kadis", "--json",
                                  home=home).stdout)  # fmt: skip
    assert shown["hal"] == "Kesiapsiagaan banjir" and shown["urgency"] == "segera"
    assert shown["addressed"]["code"] == "KADIS" and len(shown["documents"]) == 1
    rows = json.loads(lontar_cli("agenda", "--unit", "DINKES", "--year", str(YEAR), "--json",
                                 "--as", "agendaris", home=home).stdout)  # fmt: skip
    assert [r["agenda"] for r in rows] == [f"0001/DINKES/{YEAR}"]
    plain = lontar_cli("agenda", "--unit", "DINKES", "--year", str(YEAR), "--query", "banjir",
                       home=home).stdout  # fmt: skip
    assert f"0001/DINKES/{YEAR}" in plain and "Kepala BPBD Provinsi" in plain
    out = tmp_path / "agenda.xlsx"
    lontar_cli("agenda", "--unit", "DINKES", "--year", str(YEAR), "--export", "xlsx",
               "--out", str(out), home=home)  # fmt: skip
    sheet = openpyxl.load_workbook(out).active
    assert sheet.cell(2, 3).value == f"0001/DINKES/{YEAR}"
    printed = tmp_path / "agenda.pdf"
    lontar_cli("agenda", "--unit", "DINKES", "--year", str(YEAR), "--export", "pdf",
               "--out", str(printed), home=home)  # fmt: skip
    assert "Kesiapsiagaan banjir" in PdfReader(printed).pages[0].extract_text()


def test_errors_are_said_in_words(home_with_office):
    home, letter = home_with_office
    refused = register(home, letter, "--addressed", "TIDAKADA", check=False)
    assert refused.returncode == 1
    assert "Jabatan TIDAKADA tidak ada di unit ini" in refused.stderr
    hidden = lontar_cli("incoming", "show", "tidakada", "--as", "kadis", home=home, check=False)
    assert hidden.returncode == 1 and "Naskah masuk tidak ditemukan" in hidden.stderr
    denied = lontar_cli("agenda", "--unit", "DINKES", "--year", str(YEAR), "--as", "kadis",
                        home=home, check=False)  # fmt: skip
    assert denied.returncode == 1 and "Traceback" not in denied.stderr


def unread(home) -> set[str]:
    """The addressee's unread received letters (the work-queue index)."""
    lontar = Lontar(home)
    try:
        with reading(lontar.db) as root:
            registry = pemda_of(root).letters
            return set(workindex.ids(registry, "incoming_unread", ["position:KADIS"]))
    finally:
        lontar.close()


def test_show_marks_the_letter_read_for_its_addressee_only(home_with_office):
    """Suspected e: the CLI read of the whole letter marks it read as the page does."""
    home, letter = home_with_office
    made = json.loads(register(home, letter, "--json").stdout)
    lontar_cli("incoming", "show", made["id"], "--as", "agendaris", home=home)
    assert unread(home) == {made["id"]}  # a clerk's read is not the addressee's
    lontar_cli("incoming", "show", made["id"], "--as", "kadis", home=home)
    assert unread(home) == set()
