"""Citations of a catalogue record (repository/catalogue/citation.py): the ANRI style and
Chicago's notes for archival material, in both languages, from the record's public projection
on a real repository; dates in words, the access date from the one clock, the permanent URL by
id, and no empty piece leaving a stray comma."""

from __future__ import annotations

import datetime as dt

import pytest

from indexes import writer
from repository.app import ANONYMOUS
from repository.catalogue.citation import STYLES, citations, dates_text
from repository.core import clock
from repository.core.security import ADMIN
from tests.conftest import add, make_pdf

TODAY = dt.datetime(2026, 12, 5, 10, 0, tzinfo=clock.zone())


@pytest.fixture
def published(service) -> dict:
    fonds = service.ingest.create_container(
        ADMIN, "DPK", "fonds", "Arsip Walikota", date_start="1950-01-01", date_end="1965-12-31"
    )
    series = service.ingest.create_container(ADMIN, "DPK", "series", "Surat keputusan", fonds)
    item = add(
        service, "pasar.pdf", make_pdf("Keputusan pasar", "Pasar rakyat."), unit="DPK",
        into=series, title="Keputusan pasar", date="1951-03-02",
    )  # fmt: skip
    service.catalogue.publish(ADMIN, fonds, {"creator": "Walikota"})
    writer.drain(service.db, service.store)
    return {
        name: service.catalogue.node(ANONYMOUS, rid)
        for name, rid in (("fonds", fonds), ("series", series), ("item", item))
    }


def cite(node: dict, lang: str) -> dict[str, str]:
    with clock.frozen(TODAY):
        return citations(node, "Pemerintah Kota Uji", lang)


def test_an_item_in_both_styles_and_languages(published):
    item = published["item"]
    url = f"http://localhost:8501/katalog/{item['id']}"
    assert cite(item, "id") == {
        "anri": f"Pemerintah Kota Uji, Arsip Walikota, {item['refcode']}, Keputusan pasar, "
        f"2 Maret 1951. {url} (diakses 5 Desember 2026).",
        "chicago": f"“Keputusan pasar,” 2 Maret 1951, {item['refcode']}, Arsip Walikota, "
        f"Pemerintah Kota Uji, diakses 5 Desember 2026, {url}.",
    }
    english = cite(item, "en")
    assert english["anri"].endswith(f"2 March 1951. {url} (accessed 5 December 2026).")
    assert english["chicago"].endswith(f"Pemerintah Kota Uji, accessed 5 December 2026, {url}.")


def test_a_fonds_names_no_collection_above_itself_and_spans_its_dates(published):
    fonds = published["fonds"]
    anri = cite(fonds, "id")["anri"]
    assert anri.startswith(f"Pemerintah Kota Uji, {fonds['refcode']}, Arsip Walikota, ")
    assert "1 Januari 1950–31 Desember 1965." in anri
    assert ", ," not in anri and ", ," not in cite(fonds, "en")["chicago"]


def test_an_untitled_undated_record_still_reads(published):
    node = dict(published["series"], title=" ")  # no date; a title only of blanks
    found = cite(node, "id")
    assert f"{node['refcode']}, [tanpa judul], t.t. " in found["anri"]
    assert cite(node, "en")["chicago"].startswith("“[untitled],” n.d., ")


def test_the_access_date_follows_the_clock_and_the_url_is_the_permanent_one(published):
    item = published["item"]
    with clock.frozen(dt.datetime(2027, 1, 2, 9, 0, tzinfo=clock.zone())):
        later = citations(item, "Pemerintah Kota Uji", "id")
    assert all("diakses 2 Januari 2027" in later[style] for style in STYLES)
    assert all(f"/katalog/{item['id']}" in later[style] for style in STYLES)
    assert item["refcode"] not in item["url"]  # a move changes the code, never the URL


def test_dates_read_as_one_day_a_span_or_none():
    assert dates_text("2024-05-02", "2024-05-02", "id") == "2 Mei 2024"
    assert dates_text("2024-05-02", "2024-06-05", "en") == "2 May 2024–5 June 2024"
    assert dates_text(None, "2024-06-05", "id") == "5 Juni 2024"
    assert dates_text(None, None, "id") == "t.t." and dates_text(None, None, "en") == "n.d."
