"""The reading room on a real repository: selection lists (pinned, exported, saved under a
number per year with a random check, opened by the full number, or the bare one by staff, with
withdrawn records shown as unavailable; saves and wrong numbers throttled per address),
finding aids (a PDF whose inventory lists exactly the public records, in reference order,
languages by the catalogue's one table of names), their commands, `lontar describe`'s labels,
and the Daftar Pilihan page through AppTest."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import threading

import pypdf
import pytest
from openpyxl import load_workbook
from reportlab.platypus import Paragraph, SimpleDocTemplate
from streamlit.testing.v1 import AppTest

from indexes import writer
from repository.app import ANONYMOUS, InvalidInput, RecordNotFound
from repository.catalogue import findingaid, selection
from repository.core import clock
from repository.core.i18n import MESSAGES, translate
from repository.core.pdf import stylesheet
from repository.core.security import ADMIN
from tests.conftest import PROJECT, add, lontar_cli, make_pdf
from tests.test_pages import links, text_of
from ui import registry
from ui.frame import close_services

PAGE = registry.SELECTION.script
CITED = re.compile(r"^DP-(\d{4})-(\d{4})-([0-9A-HJKMNP-TV-Z]{5})$")  # Crockford: no I L O U


def bare(number: str) -> str:
    return CITED.match(number).expand(r"DP-\1-\2")


def web(address: str):
    """The anonymous caller as the web page makes it: its origin is the client address."""
    return dataclasses.replace(ANONYMOUS, origin=f"web:{address}")


def create(service, level: str, title: str, into: str | None = None, **fields) -> str:
    return service.ingest.create_container(ADMIN, "DPK", level, title, into=into, **fields)


@pytest.fixture
def holdings(service) -> dict[str, str]:
    """A published fonds (two series, a berkas with three items, one of them class T, and an
    item with a file) and, in a second fonds, a published series beside an unpublished one."""
    ids = {"fonds": create(service, "fonds", "Arsip Walikota", date_start="1950-01-01")}
    ids["s1"] = create(service, "series", "Surat keputusan walikota", ids["fonds"])
    ids["s2"] = create(service, "series", "Peraturan daerah", ids["fonds"])
    ids["berkas"] = create(
        service, "file", "Berkas pasar rakyat", ids["s1"], date_start="1951-02-03"
    )
    ids["pasar"] = add(
        service, "pasar.pdf", make_pdf("Keputusan pasar", "Pasar rakyat dibuka."),
        unit="DPK", into=ids["berkas"], title="Keputusan pembukaan pasar",
    )  # fmt: skip
    ids["terminal"] = create(
        service, "item", "Keputusan terminal bus", ids["berkas"], date_start="1952-06-07"
    )
    ids["secret"] = add(
        service, "t.txt", b"Rapat terbatas", unit="DPK", into=ids["berkas"],
        title="Rapat terbatas harga pasar", security="T",
    )  # fmt: skip
    ids["perda"] = create(service, "item", "Perda retribusi pasar", ids["s2"])
    ids["other"] = create(service, "fonds", "Arsip Sekretariat Daerah")
    ids["open"] = create(service, "series", "Nota dinas terbuka", ids["other"])
    ids["open_item"] = create(service, "item", "Nota pembangunan jembatan", ids["open"])
    ids["closed"] = create(service, "series", "Nota dinas belum terbit", ids["other"])
    ids["closed_item"] = create(service, "item", "Nota pelebaran jalan", ids["closed"])
    description = {
        "creator": "Walikota Kota Uji",
        "admin_history": "Kantor walikota dibentuk pada tahun 1950.",
        "scope_content": "Keputusan dan peraturan walikota.",
        "extent": "2 seri",
        "language": "ind jav",
    }
    service.catalogue.publish(ADMIN, ids["fonds"], description)
    service.catalogue.publish(ADMIN, ids["open"])
    writer.drain(service.db, service.store)
    return ids


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def actions(service, action: str) -> list[dict]:
    return [e for e in service.access.audit.entries() if e["action"] == action]


# -- selection lists --------------------------------------------------------------------------
def test_rows_keep_the_order_pinned_and_leave_out_what_is_not_public(service, holdings):
    pinned = [holdings["terminal"], holdings["secret"], "tidakada", holdings["pasar"]]
    rows = service.catalogue.selection_rows(ANONYMOUS, [*pinned, holdings["terminal"]])
    assert [row["id"] for row in rows] == [holdings["terminal"], holdings["pasar"]]
    assert [row["no"] for row in rows] == [1, 2]
    first = rows[0]
    assert first["title"] == "Keputusan terminal bus"
    assert first["creator"] == "Walikota Kota Uji"
    assert first["date_start"] == "1952-06-07"
    assert first["url"].endswith(f"/katalog/{holdings['terminal']}")
    assert rows[1]["digital"] is True and first["digital"] is False


def test_save_and_open_by_number(service, holdings):
    ids = [holdings["pasar"], holdings["berkas"]]
    number = service.catalogue.save_selection(ANONYMOUS, ids, "Budi Santoso", "budi@contoh.id")
    assert bare(number) == f"DP-{clock.today().year}-0001"
    opened = service.catalogue.selection(ANONYMOUS, number)
    assert opened["number"] == number
    assert [row["title"] for row in opened["rows"]] == [
        "Keputusan pembukaan pasar",
        "Berkas pasar rakyat",
    ]
    assert (opened["count"], opened["available"]) == (2, 2)
    assert "contact" not in opened and "name" not in opened  # only staff see who saved it
    typed = f" dp-{clock.today().year}-1-{number[-5:].lower()} "
    assert service.catalogue.selection(ANONYMOUS, typed)["number"] == number
    staff = service.catalogue.selection(ADMIN, f" dp-{clock.today().year}-1 ")
    assert staff["number"] == number  # staff open it by the bare number, and see the full one
    assert (staff["name"], staff["contact"], staff["saved_by"]) == (
        "Budi Santoso",
        "budi@contoh.id",
        "anonymous",
    )
    [entry] = actions(service, "selection_saved")
    assert entry["target"] == bare(number) and entry["detail"] == {"records": 2}
    assert "budi@contoh.id" not in json.dumps(entry) and number[-5:] not in json.dumps(entry)
    with pytest.raises(RecordNotFound) as missing:
        service.catalogue.selection(ANONYMOUS, "DP-2026-9999-ABCDE")
    assert "DP-2026-9999-ABCDE" in missing.value.message("id")


def test_the_public_needs_the_full_number(service, holdings):
    """Finding 15: numbers run in sequence, so the bare number opens nothing for the public;
    a wrong check is not found, exactly as an unknown number."""
    number = service.catalogue.save_selection(ANONYMOUS, [holdings["pasar"]], "Sari")
    other = number[:-5] + ("ABCDE" if number[-5:] != "ABCDE" else "ABCDF")
    for guess in (bare(number), other, number[:-1], number + "X", bare(number) + "-"):
        with pytest.raises(RecordNotFound) as refused:
            service.catalogue.selection(ANONYMOUS, guess)
        assert refused.value.key == "sel_not_found"
        with pytest.raises(RecordNotFound):
            service.catalogue.export_selection(ANONYMOUS, [], "csv", "id", number=guess)
    with pytest.raises(RecordNotFound):  # a wrong check is wrong for staff too
        service.catalogue.selection(ADMIN, other)
    service.access.add_account(ADMIN, "petugas", "petugas-ppid-uji", {"PPID"}, unit="DPK")
    officer = service.access.caller("petugas")
    assert not officer.may("publish") and officer.may("ppid")
    assert service.catalogue.selection(officer, bare(number))["name"] == "Sari"


def test_checks_are_random_and_read_as_crockfords_base32(service, holdings):
    numbers = [service.catalogue.save_selection(ANONYMOUS, [holdings["pasar"]]) for _ in range(6)]
    assert all(CITED.match(number) for number in numbers)
    assert len({number[-5:] for number in numbers}) > 1
    assert selection.parsed_number(" dp-2026-7-k3qfo ") == ("DP-2026-0007", "K3QF0")
    assert selection.parsed_number("DP-2026-0007-IL000") == ("DP-2026-0007", "11000")
    assert selection.parsed_number("DP-2026-0007") == ("DP-2026-0007", "")
    assert selection.parsed_number("DP-26-7") is None
    assert selection.bare_number(numbers[0]) == bare(numbers[0])


def test_saves_are_throttled_per_address(service, holdings):
    ids = [holdings["pasar"]]
    most, window, _ = selection.SAVES
    with clock.frozen(dt.datetime(2026, 5, 4, 10, 0)):
        for _ in range(most):
            service.catalogue.save_selection(web("10.0.0.1"), ids)
        with pytest.raises(InvalidInput) as refused:
            service.catalogue.save_selection(web("10.0.0.1"), ids)
        assert refused.value.key == "sel_too_many_saves"
        assert "Coba lagi dalam 1 menit" in refused.value.message("id")
        service.catalogue.save_selection(web("10.0.0.2"), ids)  # another address
    with clock.frozen(dt.datetime(2026, 5, 4, 10, 0) + dt.timedelta(seconds=window + 1)):
        service.catalogue.save_selection(web("10.0.0.1"), ids)
    assert len(actions(service, "selection_saved")) == most + 2


def test_wrong_numbers_are_throttled_per_address(service, holdings):
    number = service.catalogue.save_selection(ANONYMOUS, [holdings["pasar"]])
    most, window, _ = selection.MISSES
    guesser = web("10.0.0.9")
    start = dt.datetime(2026, 5, 4, 10, 0)
    with clock.frozen(start):
        for serial in range(2, most + 2):
            for _ in range(2):  # the page asks again on every rerun: one wrong number
                with pytest.raises(RecordNotFound):
                    service.catalogue.selection(guesser, f"DP-2026-{serial:04d}-ABCDE")
        with pytest.raises(RecordNotFound):  # the last wrong one, asked again, is still wrong
            service.catalogue.selection(guesser, f"DP-2026-{most + 1:04d}-ABCDE")
        with pytest.raises(InvalidInput) as refused:
            service.catalogue.selection(guesser, number)  # even the right one, for a while
        assert refused.value.key == "sel_too_many_misses"
        assert service.catalogue.selection(web("10.0.0.8"), number)["count"] == 1
        assert service.catalogue.selection(ADMIN, bare(number))["count"] == 1
    with clock.frozen(start + dt.timedelta(seconds=window + 1)):
        assert service.catalogue.selection(guesser, number)["count"] == 1


def test_numbers_run_per_year(service, holdings):
    ids = [holdings["pasar"]]
    with clock.frozen(dt.datetime(2026, 12, 31, 23, 0)):
        first = service.catalogue.save_selection(ANONYMOUS, ids)
        second = service.catalogue.save_selection(ANONYMOUS, ids)
    with clock.frozen(dt.datetime(2027, 1, 1, 8, 0)):
        third = service.catalogue.save_selection(ANONYMOUS, ids)
    assert [bare(n) for n in (first, second, third)] == [
        "DP-2026-0001",
        "DP-2026-0002",
        "DP-2027-0001",
    ]


def test_lists_saved_at_the_same_moment_get_distinct_numbers_without_gaps(service, holdings):
    start, numbers = threading.Barrier(8), []

    def save(n: int) -> None:
        start.wait()
        numbers.append(service.catalogue.save_selection(ANONYMOUS, [holdings["pasar"]], f"P{n}"))

    threads = [threading.Thread(target=save, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    year = clock.today().year
    assert sorted(map(bare, numbers)) == [f"DP-{year}-{n:04d}" for n in range(1, 9)]
    names = {service.catalogue.selection(ADMIN, number)["name"] for number in numbers}
    assert names == {f"P{n}" for n in range(8)}


def test_an_empty_list_too_long_a_list_and_a_bad_contact_are_refused(service, holdings):
    with pytest.raises(InvalidInput) as empty:
        service.catalogue.save_selection(ANONYMOUS, ["", "  "])
    assert empty.value.key == "sel_empty"
    too_many = [f"id{n}" for n in range(selection.MAX_IDS + 1)]
    with pytest.raises(InvalidInput) as long:
        service.catalogue.save_selection(ANONYMOUS, too_many)
    assert "500" in long.value.message("id") and "501" in long.value.message("en")
    with pytest.raises(InvalidInput) as contact:
        service.catalogue.save_selection(ANONYMOUS, [holdings["pasar"]], contact="budi@")
    assert contact.value.key == "sel_bad_contact"
    with pytest.raises(InvalidInput) as hidden:
        service.catalogue.save_selection(ANONYMOUS, [holdings["secret"], holdings["closed"]])
    assert hidden.value.key == "sel_none_public"
    assert not actions(service, "selection_saved")


def test_non_public_ids_are_dropped_and_a_withdrawn_record_shows_as_unavailable(service, holdings):
    asked = [holdings["pasar"], holdings["secret"], holdings["closed_item"], holdings["terminal"]]
    number = service.catalogue.save_selection(ANONYMOUS, asked)
    assert [row["id"] for row in service.catalogue.selection(ANONYMOUS, number)["rows"]] == [
        holdings["pasar"],
        holdings["terminal"],
    ]
    service.records.update_record(ADMIN, holdings["terminal"], {"security": "T"})
    writer.drain(service.db, service.store)
    opened = service.catalogue.selection(ANONYMOUS, number)
    assert (opened["count"], opened["available"]) == (2, 1)
    withdrawn = opened["rows"][1]
    assert withdrawn == {"no": 2, "id": holdings["terminal"], "available": False}
    assert "Keputusan terminal bus" not in json.dumps(opened)


# -- exports ----------------------------------------------------------------------------------
def test_csv_columns_are_in_the_readers_language(service, holdings):
    ids = [holdings["pasar"], holdings["secret"], holdings["berkas"]]
    english = service.catalogue.export_selection(ANONYMOUS, ids, "csv", "en").decode("utf-8-sig")
    lines = english.splitlines()
    assert lines[0] == ("No.,Reference code,Title,Level,Start date,End date,Creator,Permanent URL")
    assert lines[1].startswith("1,") and "Keputusan pembukaan pasar" in lines[1]
    assert ",File,1951-02-03," in lines[2] and len(lines) == 3
    assert "Rapat terbatas" not in english
    indonesian = service.catalogue.export_selection(ANONYMOUS, ids, "csv", "id").decode()
    assert "Kode referensi,Judul,Tingkat" in indonesian and ",Berkas,1951-02-03," in indonesian
    assert len(actions(service, "exported")) == 2


def test_excel_and_pdf_exports_open_and_hold_the_titles(service, holdings):
    ids = [holdings["pasar"], holdings["terminal"]]
    sheet = load_workbook(
        io.BytesIO(service.catalogue.export_selection(ANONYMOUS, ids, "xlsx", "id"))
    ).active
    assert [c.value for c in sheet[1]][:3] == ["No.", "Kode referensi", "Judul"]
    assert sheet["C3"].value == "Keputusan terminal bus"
    text = pdf_text(service.catalogue.export_selection(ANONYMOUS, ids, "pdf", "id"))
    assert "Daftar Pilihan" in text and "Pemerintah Kota Uji" in text
    assert text.index("Keputusan pembukaan pasar") < text.index("Keputusan terminal bus")
    assert "7 Jun 1952" in text
    with pytest.raises(InvalidInput) as bad:
        service.catalogue.export_selection(ANONYMOUS, ids, "docx", "id")
    assert bad.value.key == "sel_bad_format"


def test_a_saved_list_exports_with_its_number_and_unavailable_lines(service, holdings):
    number = service.catalogue.save_selection(ANONYMOUS, [holdings["terminal"], holdings["pasar"]])
    service.catalogue.unpublish(ADMIN, holdings["fonds"])
    text = pdf_text(service.catalogue.export_selection(ANONYMOUS, [], "pdf", "en", number=number))
    assert f"Selection list {number}" in text
    assert text.count("no longer available") == 2 and "Keputusan" not in text
    exported = actions(service, "exported")[-1]
    assert exported["target"] == bare(number) and exported["detail"]["format"] == "pdf"


# -- finding aids -----------------------------------------------------------------------------
def test_finding_aid_lists_the_public_tree_in_order(service, holdings):
    text = pdf_text(service.catalogue.finding_aid(ANONYMOUS, holdings["fonds"], "id"))
    order = [
        "Pemerintah Kota Uji".upper(),
        "INVENTARIS ARSIP STATIS",
        "Arsip Walikota",
        "Pendahuluan",
        "Bahasa Indonesia, Bahasa Jawa",
        "Kantor walikota dibentuk pada tahun 1950.",
        "Daftar Arsip",
        "Surat keputusan walikota",
        "1. Berkas pasar rakyat",
        "2. Keputusan pembukaan pasar",
        f"/katalog/{holdings['pasar']}",
        "3. Keputusan terminal bus",
        "7 Jun 1952",
        "Peraturan daerah",
        "4. Perda retribusi pasar",
    ]
    flat = " ".join(text.split())
    positions = [flat.find(" ".join(part.split())) for part in order]
    assert -1 not in positions, [p for p, at in zip(order, positions, strict=True) if at < 0]
    assert positions == sorted(positions)
    assert "Rapat terbatas" not in text
    assert "Arsip Sekretariat Daerah" not in text and "Nota" not in text
    assert f"/katalog/{holdings['terminal']}" not in text  # no file, no URL
    [entry] = actions(service, "exported")
    assert entry["target"] == holdings["fonds"]
    assert entry["detail"] == {"format": "pdf", "document": "finding_aid"}


def test_finding_aid_names_languages_from_the_catalogues_one_table(service, holdings):
    text = " ".join(
        pdf_text(service.catalogue.finding_aid(ANONYMOUS, holdings["fonds"], "en")).split()
    )
    assert "Language of material Indonesian, Javanese" in text
    assert findingaid.language_name("jav", "id") == translate("kat_language_jav", "id")
    assert findingaid.language_name("xyz", "id") == "xyz"
    assert not [key for key in MESSAGES if key.startswith("fa_lang_")]


def test_finding_aid_of_a_series_leaves_out_its_unpublished_sibling(service, holdings):
    text = pdf_text(service.catalogue.finding_aid(ANONYMOUS, holdings["open"], "en"))
    assert "Finding aid".upper() in text and "Inventory" in text
    assert "1. Nota pembangunan jembatan" in " ".join(text.split())
    assert "Nota pelebaran jalan" not in text and "belum terbit" not in text
    assert "Arsip Sekretariat Daerah" not in text  # the fonds above is not public


def test_finding_aid_refuses_what_is_not_public_and_items(service, holdings):
    for hidden in (holdings["other"], holdings["closed"], holdings["secret"], "tidakada"):
        with pytest.raises(RecordNotFound):
            service.catalogue.finding_aid(ANONYMOUS, hidden, "id")
    with pytest.raises(InvalidInput) as item:
        service.catalogue.finding_aid(ANONYMOUS, holdings["terminal"], "id")
    assert item.value.message("id") == (
        "Inventaris hanya dibuat untuk fonds, seri atau berkas (bukan Item)."
    )
    assert not actions(service, "exported")


def test_the_story_is_read_a_little_at_a_time():
    """The finding aid of a large fonds never holds its whole inventory: the story platypus
    reads is topped up as it goes (`Stream`)."""
    style = stylesheet()["BodyText"]
    held: list[int] = []

    def flowables():
        for n in range(3000):
            held.append(list.__len__(story))
            yield Paragraph(f"Entri nomor {n} dari inventaris yang panjang", style)

    story = findingaid.Stream(flowables())
    out = io.BytesIO()
    SimpleDocTemplate(out).build(story)
    assert len(held) == 3000 and max(held) <= 100  # never the whole story at once
    assert len(pypdf.PdfReader(io.BytesIO(out.getvalue())).pages) > 40


# -- the command line -------------------------------------------------------------------------
def test_finding_aid_and_selection_commands(service, holdings, tmp_path):
    number = service.catalogue.save_selection(
        ANONYMOUS, [holdings["pasar"], holdings["terminal"]], "Sari", "sari@contoh.id"
    )
    service.records.update_record(ADMIN, holdings["terminal"], {"security": "T"})
    writer.drain(service.db, service.store)
    service.close()
    home = service.home
    out = tmp_path / "inventaris.pdf"
    done = lontar_cli("finding-aid", holdings["fonds"], "--out", str(out), "--json", home=home)
    reported = json.loads(done.stdout)
    assert reported["bytes"] == out.stat().st_size
    assert reported["pages"] == len(pypdf.PdfReader(out).pages) >= 2
    assert "Perda retribusi pasar" in pdf_text(out.read_bytes())
    said = lontar_cli(
        "finding-aid", holdings["fonds"], "--out", str(out), "--lang", "en", home=home
    )
    assert "Inventory" in pdf_text(out.read_bytes())
    size = f"{out.stat().st_size:,}"
    assert said.stdout == (
        f"Finding aid of {holdings['fonds']} written to {out} ({reported['pages']} pages, "
        f"{size} bytes).\n"
    )
    shown = lontar_cli("selection", "show", number.lower(), home=home).stdout
    assert shown.splitlines()[0] == f"Daftar {number}"
    assert "Nama: Sari · Surel: sari@contoh.id" in shown
    assert "1. ID-T/DPK/F1/S1/B1/1  Keputusan pembukaan pasar" in shown
    assert f"2. [{holdings['terminal']}] tidak lagi tersedia" in shown
    as_json = json.loads(lontar_cli("selection", "show", bare(number), "--json", home=home).stdout)
    assert as_json["available"] == 1 and as_json["contact"] == "sari@contoh.id"
    assert as_json["number"] == number  # staff open the bare number and learn the full one
    public = lontar_cli("selection", "show", number, "--as", "anonymous", home=home).stdout
    assert "Keputusan pembukaan pasar" in public and "sari@contoh.id" not in public
    guessed = lontar_cli(
        "selection", "show", bare(number), "--as", "anonymous", home=home, check=False
    )
    assert guessed.returncode == 1 and f"{bare(number)} tidak ditemukan" in guessed.stderr
    missing = lontar_cli("selection", "show", "DP-2020-0001", home=home, check=False)
    assert missing.returncode == 1 and "DP-2020-0001 tidak ditemukan" in missing.stderr
    item = lontar_cli(
        "finding-aid", holdings["pasar"], "--out", str(out), "--lang", "en", home=home, check=False
    )
    assert item.returncode == 1 and "not Item" in item.stderr


def test_describe_prints_the_fields_by_their_names(service, holdings):
    """Finding 17: `lontar describe` labels the fields as the Publikasi form does, in the
    reader's language, not by their identifiers."""
    service.catalogue.describe(
        ADMIN, holdings["fonds"], {"access_conditions": "Terbuka.\nKecuali berkas pribadi."}
    )
    service.close()
    home = service.home
    shown = lontar_cli("describe", holdings["fonds"], home=home).stdout.splitlines()
    assert shown[:5] == [
        "ID-T/DPK/F1 Arsip Walikota",
        "  Tampil di katalog",
        "  Jumlah dan media (3.1.5): 2 seri",
        "  Nama pencipta (3.2.1): Walikota Kota Uji",
        "  Riwayat administrasi / biografi (3.2.2): Kantor walikota dibentuk pada tahun 1950.",
    ]
    at = shown.index("  Syarat akses (3.4.1):")
    assert shown[at + 1 : at + 3] == ["    Terbuka.", "    Kecuali berkas pribadi."]
    assert "  Syarat reproduksi (3.4.2): -" in shown
    assert "  Publik boleh mengunduh berkas digitalnya: ya" in shown
    assert shown[-1].startswith("  Deskripsi diubah ") and shown[-1].endswith(" oleh admin")
    english = lontar_cli("describe", holdings["fonds"], "--lang", "en", home=home).stdout
    assert "  Name of creator (3.2.1): Walikota Kota Uji" in english.splitlines()
    assert "  Language of material (3.4.3): ind jav" in english.splitlines()
    hidden = lontar_cli("describe", holdings["closed"], home=home).stdout.splitlines()
    assert hidden[1] == "  Belum dipublikasikan"
    for name in ("extent:", "creator:", "admin_history", "downloads"):
        assert name not in "\n".join([*shown, english])


# -- the page ---------------------------------------------------------------------------------
@pytest.fixture
def reading_room(service, holdings, monkeypatch):
    """The page's repository has an account (else the app asks for its first administrator)."""
    service.access.add_account(ADMIN, "arsiparis", "arsiparis-uji", {"Arsiparis"}, unit="DPK")
    service.close()
    monkeypatch.setenv("LONTAR_HOME", str(service.home.path))
    close_services()
    yield holdings
    close_services()


def page_with(pinned: list[str] | None = None, **params: str) -> AppTest:
    app = AppTest.from_file(str(PROJECT / "streamlit_app.py"), default_timeout=90)
    if pinned is not None:
        app.session_state["selection_ids"] = pinned
    app.switch_page(PAGE)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, app.exception[0].message if app.exception else ""
    return app


def test_the_page_shows_the_pinned_records_and_saves_them_under_a_number(reading_room):
    ids = reading_room
    app = page_with([ids["terminal"], ids["secret"], ids["pasar"]])
    shown = links(app)
    assert shown["Keputusan terminal bus"] == {
        "page": registry.CATALOGUE.url,
        "query": f"id={ids['terminal']}",
    }
    assert "Keputusan pembukaan pasar" in shown and "Rapat terbatas harga pasar" not in shown
    assert "1 arsip yang disematkan tidak lagi tersedia" in text_of(app)
    app.text_input(key="sel_name").input("Budi")
    app.text_input(key="sel_contact").input("bukan-surel")
    app.button(key="sel_save_go").click().run()
    assert "Alamat surel tidak valid: bukan-surel." in [e.value for e in app.error]
    app.text_input(key="sel_contact").input("budi@contoh.id")
    app.button(key="sel_save_go").click().run()
    number = app.session_state["sel_saved"][0]
    assert bare(number) == f"DP-{clock.today().year}-0001"
    text = text_of(app)
    assert f"# {number}".replace("-", "\\-") in text
    assert "Sebutkan nomor ini pada permohonan informasi (PPID)" in text
    assert "Catat nomor lengkapnya" in text
    assert links(app)["Ajukan permohonan informasi"]["page"] == registry.REQUEST.url


def test_the_page_removes_records_and_opens_a_saved_list(reading_room):
    ids = reading_room
    app = page_with([ids["terminal"], ids["pasar"], ids["perda"]])
    app.multiselect(key="sel_remove_pick").select(ids["pasar"]).run()
    app.button(key="sel_remove_go").click().run()
    assert app.session_state["selection_ids"] == [ids["terminal"], ids["perda"]]
    assert "Keputusan pembukaan pasar" not in links(app)
    app.button(key="sel_save_go").click().run()
    number = app.session_state["sel_saved"][0]
    assert "Daftar tersimpan dengan nomor" in text_of(app)
    app.session_state["selection_ids"] = [ids["terminal"], ids["perda"], ids["pasar"]]
    app.run()
    assert "Daftar tersimpan dengan nomor" not in text_of(app)  # no longer this list's number
    app.text_input(key="sel_number").input(number.lower())
    app.button(key="sel_open_go").click().run()
    text = text_of(app)
    assert f"Daftar {number}".replace("-", "\\-") in text
    assert "2 arsip, 2 masih tersedia" in text
    assert "Nama:" not in text  # the public does not see who saved it

    fresh = page_with(nomor=number)
    assert "Perda retribusi pasar" in links(fresh)
    fresh.button(key="sel_load").click().run()
    assert fresh.session_state["selection_ids"] == [ids["terminal"], ids["perda"]]
    guessed = page_with(nomor=bare(number))  # the public needs the full number
    assert f"Daftar pilihan {bare(number)} tidak ditemukan" in guessed.error[0].value
    assert "Perda retribusi pasar" not in links(guessed)


def test_a_saved_list_shows_withdrawn_records_as_unavailable(reading_room, service):
    ids = reading_room
    app = page_with([ids["terminal"], ids["pasar"]])
    app.button(key="sel_save_go").click().run()
    number = app.session_state["sel_saved"][0]
    close_services()
    lontar = type(service)(service.home)
    lontar.catalogue.unpublish(ADMIN, ids["fonds"])
    lontar.close()
    app = page_with(nomor=number)
    text = text_of(app)
    assert text.count("tidak lagi tersedia") == 2
    assert "Keputusan terminal bus" not in text and "Keputusan pembukaan pasar" not in text
    missing = page_with(nomor="DP-1999-0001-ABCDE")
    assert missing.error[0].value.startswith("Daftar pilihan DP-1999-0001-ABCDE tidak ditemukan.")
