"""Titles, descriptions and file names with control characters: cleaned where they come in
(records/records.py `clean_text`), and made XML-safe where they go out (the Dublin Core and EAD
of a hand-over bag, disposal/bags.py), so the archive that receives the bag can parse it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import bagit
import pytest

from repository.core.errors import InvalidInput
from repository.core.security import ADMIN
from repository.disposal import bags
from repository.records.records import clean_text
from tests.conftest import add, make_pdf

HOSTILE = "Surat\x00\x01\x1b[31m\x7f <rapat> & ]]> \x85\u2028\r\nbaris\tdua\ufffe"
# What Python makes of a file name that is not UTF-8 (b"\xff" read with surrogateescape)
NOT_UTF8 = "\udcff"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
TODAY = "2030-01-01"
MULTILINE = "Baris 1\nBaris 2\nBaris 3\n\tmenjorok"


@pytest.mark.parametrize(
    ("given", "one_line", "stored"),
    [
        (HOSTILE, True, "Surat[31m <rapat> & ]]> baris dua"),
        (f"{NOT_UTF8}Judul{NOT_UTF8}", True, "Judul"),
        ("  Judul\n\n  berkas  ", True, "Judul berkas"),
        ("a\r\nb\rc\x0bd\x0ce\x1cf", True, "a b c d e f"),
        ("satu\ttab", True, "satu tab"),
        ("\x01\x02", True, ""),
        (None, True, ""),
        ("Baris 1\r\nBaris 2\rBaris 3\n\tmenjorok\x00\x1b\x7f\x9b", False, MULTILINE),
        ("Tanggal 1–3 Mei, “kutipan”, é, 😀", True, "Tanggal 1–3 Mei, “kutipan”, é, 😀"),
    ],
)
def test_clean_text(given, one_line, stored):
    assert clean_text(given, one_line=one_line) == stored


def clean(value: str) -> bool:
    return not CONTROL.search(value)


def test_titles_and_descriptions_are_cleaned_when_created_and_edited(service):
    record = service.ingest.create_container(
        ADMIN, "DINKES", "file", HOSTILE, description=HOSTILE, location="Rak\n3\x07"
    )
    shown = service.records.show(ADMIN, record)
    assert shown["title"] == "Surat[31m <rapat> & ]]> baris dua"
    assert clean(shown["description"]) and "\r" not in shown["description"]
    assert shown["description"].endswith("\nbaris\tdua")  # a description keeps its lines
    assert shown["location"] == "Rak 3"

    service.records.update_record(
        ADMIN, record, {"title": "Baru\x00\n<b>judul</b>\x1b", "description": "a\x00\r\nb"}
    )
    shown = service.records.show(ADMIN, record)
    assert (shown["title"], shown["description"]) == ("Baru <b>judul</b>", "a\nb")
    with pytest.raises(InvalidInput):  # nothing but control characters is no title
        service.records.update_record(ADMIN, record, {"title": "\x00\x01\n"})
    with pytest.raises(InvalidInput):
        service.ingest.create_container(ADMIN, "DINKES", "file", "\x1b\x7f")


def test_an_imported_file_name_makes_a_clean_title(service):
    record = add(service, "Nota\x01\x1b<&>]]>\nDinas.txt", b"Nota dinas tentang arsip")
    title = service.records.show(ADMIN, record)["title"]
    assert clean(title) and "\n" not in title and title.startswith("Nota") and "<&>]]>" in title


def test_an_imported_file_name_is_stored_clean(service):
    record = add(service, "Nota\x01\x1b<&>]]>\nDinas.txt", b"Nota dinas tanpa kendali")
    filename = service.records.show(ADMIN, record)["attachments"][0]["filename"]
    assert clean(filename) and "\n" not in filename


def test_a_file_name_that_is_not_utf8_is_imported(service):
    record = add(service, f"surat{NOT_UTF8}.txt", b"Surat dengan nama berkas bukan UTF-8")
    shown = service.records.show(ADMIN, record)
    assert clean(shown["title"]) and clean(shown["attachments"][0]["filename"])


# -- the bag's XML, whatever the records hold -----------------------------------------------------
META = {
    "id": "abcd2345",
    "refcode": "ID-T/DINKES/1",
    "title": HOSTILE + NOT_UTF8,  # as a record written before titles were cleaned may hold it
    "date_start": "2001-01-01",
    "date_end": "2001-12-31",
    "code": "100.3",
    "code_name": "Hukum\x0c",
    "unit": "DINKES",
    "unit_name": "Dinas <Kesehatan> & \x00",
    "level": "item",
    "security": "B",
    "description": HOSTILE + "\n" + HOSTILE,
    "disposition": "Permanen",
}


def test_dublin_core_and_ead_parse_whatever_the_metadata_holds():
    dc = ET.fromstring(bags.dublin_core(META, "Pemerintah Kota \x01Uji\n"))
    title = dc.find(f"{{{bags.DC}}}title").text
    assert title.startswith("Surat[31m <rapat> & ]]>") and clean(title)
    assert dc.find(f"{{{bags.DC}}}creator").text == "Dinas <Kesehatan> & "
    files = [bags.BagFile(f"scan\x00<1>&\n{HOSTILE}.pdf", b"", "0" * 64)]
    handover = {"id": "SERAH-\x01X", "source": "DINKES\x1b", "target": "DPK"}
    ead = ET.fromstring(bags.finding_aid(handover, [bags.BagRecord(META, files)], "Pemda\x00"))
    component = ead.find(f".//{{{bags.EAD}}}c")
    assert clean(component.find(f".//{{{bags.EAD}}}unittitle").text)
    href = component.find(f".//{{{bags.EAD}}}dao").get("href")
    assert re.fullmatch(r"records/abcd2345/files/1-[A-Za-z0-9._-]+", href)
    assert "]]>" in ead.find(f".//{{{bags.EAD}}}p").text  # escaped, not cut


def test_bag_info_values_are_one_line():
    assert bags.one_line("Pemerintah\nKota\x00 \r\n Uji\x1b") == "Pemerintah Kota Uji"


# -- a real hand-over bag ------------------------------------------------------------------------
def test_a_handover_bag_of_hostile_records_parses(archive, tmp_path):
    archive.access.add_account(ADMIN, "kadis", "kadis-dinkes-1", {"Pejabat"}, unit="DINKES")
    archive.access.add_account(ADMIN, "kadpk", "kepala-dpk-1", {"Pejabat"}, unit="DPK")
    made = []
    for n, security in ((1, "B"), (2, "R")):
        pdf = make_pdf(f"Perda {n}", f"Isi perda nomor {n}")
        record = add(
            archive,
            f"Perda\x00 {n} <&> ]]>\n\x1b[0m.pdf",
            pdf,
            title=f"{HOSTILE} {n}",
            date="2001-01-01",
            description=HOSTILE,
            security=security,
        )
        archive.workbench.classify(ADMIN, record, "100.3")
        archive.workbench.retention_event(ADMIN, record, "dicabut", "2005-01-01")
        made.append(record)
    handover = archive.disposal.propose_transfer(ADMIN, "DINKES", "DPK", on=TODAY, kind="handover")
    assert {r["id"] for r in handover["records"]} == set(made)
    archive.disposal.sign_transfer(archive.access.caller("kadis"), handover["id"], "sender")
    archive.disposal.sign_transfer(archive.access.caller("kadpk"), handover["id"], "receiver")
    archive.disposal.handover_bag(ADMIN, handover["id"], tmp_path)
    bag_dir = tmp_path / handover["id"]
    assert bagit.Bag(str(bag_dir)).is_valid()
    for record in made:
        dc = ET.parse(bag_dir / "data" / "records" / record / "dc.xml").getroot()
        title = dc.find(f"{{{bags.DC}}}title").text
        assert title.startswith("Surat[31m <rapat> & ]]> baris dua") and clean(title)
    ead = ET.parse(bag_dir / "data" / "ead.xml").getroot()
    titles = [t.text for t in ead.iter(f"{{{bags.EAD}}}unittitle")]
    assert len(titles) == 3 and all(clean(t) for t in titles)
