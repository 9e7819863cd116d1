"""The Katalog and Publikasi Katalog pages after the review of issue 21, through AppTest on a
real repository: a record withdrawn during a visit is gone on the next rerun; a search that
finds little offers a corrected query and the records holding all its words but one, only from
what is published; the year facet reads newest first and the OPD facet is not called the
creator; the Publikasi picker offers the archivist's own units' nodes however many other units
sort first; a node public through the one above it is described, not published on its own;
and one table names the languages.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

import pytest

from indexes import writer
from repository.app import ANONYMOUS, SearchRequest
from repository.catalogue import messages
from repository.core.security import ADMIN
from tests.conftest import PASSWORDS, add, make_pdf
from tests.test_pages import button, links, open_page, text_of
from ui import publication, registry
from ui.frame import close_services, shared

KATALOG = registry.CATALOGUE.script
PUBLIKASI = registry.PUBLISH.script


def _open(service, monkeypatch) -> None:
    """The pages open the repository the test built."""
    service.close()
    monkeypatch.setenv("LONTAR_HOME", str(service.home.path))
    close_services()


@pytest.fixture
def city(service, monkeypatch):
    """DPK's published fonds: a series with berkas of three years, a letter with a PDF; and
    DINKES's unpublished fonds with words of its own ("kebun", "pasar")."""
    new = service.ingest.create_container
    ids = {"fonds": new(ADMIN, "DPK", "fonds", "Arsip kota", date_start="1950-01-01")}
    ids["series"] = new(ADMIN, "DPK", "series", "Seri kota", into=ids["fonds"])
    ids["berkas"] = [
        new(ADMIN, "DPK", "file", f"Berkas kota {year}", into=ids["series"],
            date_start=f"{year}-01-01")
        for year in (1960, 1951, 1980)
    ]  # fmt: skip
    ids["pdf"] = add(
        service, "a.pdf", make_pdf("Surat kota", "Surat kota dibuka."),
        unit="DPK", into=ids["berkas"][0], title="Surat kota", date="1960-02-01",
    )  # fmt: skip
    hidden = new(ADMIN, "DINKES", "fonds", "Arsip dinas tertutup")
    add(
        service, "b.pdf", make_pdf("Surat kebun dibuka", "Surat kebun pasar dibuka."),
        unit="DINKES", into=hidden, title="Surat kebun dibuka",
    )  # fmt: skip
    service.catalogue.publish(ADMIN, ids["fonds"], {"creator": "Walikota Uji"})
    writer.drain(service.db, service.store)
    service.access.add_account(
        ADMIN, "kepala", PASSWORDS["kepala"], {"Administrator"}, clearance="SR"
    )  # past the first-run setup
    _open(service, monkeypatch)
    yield ids
    close_services()


# -- the record page -----------------------------------------------------------------------------
def test_a_record_withdrawn_during_the_visit_is_gone_on_the_next_rerun(city):
    app = open_page(KATALOG, id=city["pdf"])
    assert app.title[0].value == "Surat kota"
    lontar = shared()
    lontar.catalogue.unpublish(ADMIN, city["fonds"])
    lontar.index.catch_up(ocr=False)
    app.run()  # a rerun of the same visit: a pin, a toggle, another page of the file
    assert not app.exception and not app.error  # not the staff "tidak berhak melihatnya"
    assert "Surat kota" not in [t.value for t in app.title]
    assert [w.value for w in app.warning] == [f"Arsip “{city['pdf']}” tidak ditemukan di katalog."]


def test_a_record_page_opened_again_is_audited_once_per_visit(city):
    """The check on every run is not audited; opening the record is, once."""
    app = open_page(KATALOG, id=city["pdf"])
    app.run()
    app.run()
    entries = shared().access.audit_entries(ADMIN, target=city["pdf"])
    assert [e["action"] for e in entries].count("catalogue_viewed") == 1


def test_the_record_page_names_the_creator_and_the_agency_apart(city):
    app = open_page(KATALOG, id=city["pdf"])
    text = text_of(app)
    assert "Nama pencipta" in text and "Walikota Uji" in text  # ISAD(G) 3.2.1
    assert "OPD / unit pengolah" in text and "Dinas Perpustakaan dan Kearsipan" in text
    assert "Pencipta: lembaga atau orang yang menciptakan arsip" in text


# -- the search ----------------------------------------------------------------------------------
def test_a_typo_offers_the_corrected_search_as_a_link(city):
    found = shared().catalogue.search(ANONYMOUS, SearchRequest(query="kotaa surat"))
    assert (found.total, found.did_you_mean) == (0, "kota surat")
    app = open_page(KATALOG, q="kotaa surat")
    assert "Mungkin maksud Anda:" in text_of(app)
    corrected = links(app)["kota surat"]
    assert corrected["page"] == "Katalog"
    assert parse_qs(corrected["query"]) == {"q": ["kota surat"]}
    assert open_page(KATALOG, q="kota surat").subheader[0].value == "1 arsip ditemukan"


def test_a_typo_of_an_unpublished_word_offers_nothing(city):
    """ "kebun" is only in DINKES's unpublished fonds: the catalogue never suggests it."""
    app = open_page(KATALOG, q="kebum surat")
    text = text_of(app)
    assert "Mungkin maksud Anda:" not in text and "kebun" not in text.lower()


def test_partial_matches_come_under_their_own_heading_and_only_from_the_catalogue(city):
    app = open_page(KATALOG, q="surat dibuka pasar")  # no public record holds all three
    assert app.subheader[0].value == "0 arsip ditemukan"
    assert "Cocok sebagian (1)" in [s.value for s in app.subheader]
    assert "Arsip publik ini memuat semua kata pencarian kecuali satu." in text_of(app)
    shown = {w: q for w, q in links(app).items() if "id=" in q["query"]}
    assert list(shown) == ["Surat kota"]  # not DINKES's "Surat kebun dibuka", which has all
    assert "kebun" not in text_of(app).lower()


def test_the_year_facet_reads_newest_first_and_the_agency_facet_is_named_so(city):
    app = open_page(KATALOG)
    years = [w for w in links(app) if re.fullmatch(r"\d{4} \(\d+\)", w)]
    assert [y.split()[0] for y in years] == ["1980", "1960", "1951", "1950"], years
    assert "OPD / unit pengolah" in text_of(app)
    assert "Pencipta (OPD)" not in text_of(app)


# -- Publikasi Katalog -----------------------------------------------------------------------------
@pytest.fixture
def many_units(service, monkeypatch):
    """31 fonds of DINKES, which sort before DPK's two; a DPK archivist, an administrator."""
    new = service.ingest.create_container
    for n in range(31):
        new(ADMIN, "DINKES", "fonds", f"Arsip kesehatan {n}")
    mine = new(ADMIN, "DPK", "fonds", "Arsip perpustakaan")
    new(ADMIN, "DPK", "fonds", "Arsip pustaka keliling")
    writer.drain(service.db, service.store)
    service.access.add_account(
        ADMIN, "arsiparis", PASSWORDS["arsiparis"], {"Arsiparis"}, unit="DPK"
    )
    service.access.add_account(
        ADMIN, "kepala", PASSWORDS["kepala"], {"Administrator"}, clearance="SR"
    )
    _open(service, monkeypatch)
    yield mine
    close_services()


def test_the_picker_offers_the_archivists_own_fonds_whatever_sorts_first(many_units):
    app = open_page(PUBLIKASI, user="arsiparis")
    picker = app.selectbox(key="pub_pick_fonds")
    assert list(picker.options) == [
        "Arsip perpustakaan · ID-T/DPK/F1",
        "Arsip pustaka keliling · ID-T/DPK/F2",
    ]
    assert "2 ditawarkan" in text_of(app)
    app.text_input(key="pub_query").input("keliling").run()
    assert list(app.selectbox(key="pub_pick_fonds").options) == [
        "Arsip pustaka keliling · ID-T/DPK/F2"
    ]


def test_the_picker_offers_an_administrator_every_unit(many_units):
    app = open_page(PUBLIKASI, user="kepala")
    options = list(app.selectbox(key="pub_pick_fonds").options)
    assert len(options) == publication.PICKS
    assert options[:2] == [
        "Arsip kesehatan 0 · ID-T/DINKES/F1",
        "Arsip kesehatan 1 · ID-T/DINKES/F2",
    ]
    assert options[9:11] == [
        "Arsip kesehatan 9 · ID-T/DINKES/F10",
        "Arsip kesehatan 10 · ID-T/DINKES/F11",
    ]  # F10 after F9, as people count


@pytest.fixture
def published_fonds(service, monkeypatch):
    new = service.ingest.create_container
    ids = {"fonds": new(ADMIN, "DPK", "fonds", "Arsip Walikota")}
    ids["series"] = new(ADMIN, "DPK", "series", "Surat keputusan", into=ids["fonds"])
    ids["other"] = new(ADMIN, "DPK", "fonds", "Arsip pasar")
    service.catalogue.publish(ADMIN, ids["fonds"])
    service.access.add_account(
        ADMIN, "arsiparis", PASSWORDS["arsiparis"], {"Arsiparis"}, unit="DPK"
    )
    writer.drain(service.db, service.store)
    _open(service, monkeypatch)
    yield ids
    close_services()


def test_a_node_public_through_its_fonds_is_described_not_published(published_fonds):
    ids = published_fonds
    app = open_page(PUBLIKASI, user="arsiparis", id=ids["series"])
    assert "Sudah tampil di katalog melalui fonds atau seri di atasnya" in text_of(app)
    app.text_input(key=f"pub_extent_{ids['series']}").input("4 boks")
    button(app, "Simpan deskripsi").click().run()
    assert not app.exception and not app.error
    assert "Deskripsi Surat keputusan disimpan." in [s.value for s in app.success]
    lontar = shared()
    assert [row["id"] for row in lontar.catalogue.published(ADMIN)] == [ids["fonds"]]
    assert lontar.catalogue.description(ADMIN, ids["series"])["extent"] == "4 boks"
    # a node the catalogue does not show is still published by saving
    other = open_page(PUBLIKASI, user="arsiparis", id=ids["other"])
    assert "Belum dipublikasikan: menyimpan akan mempublikasikannya" in text_of(other)
    button(other, "Simpan dan publikasikan").click().run()
    assert {row["id"] for row in lontar.catalogue.published(ADMIN)} == {
        ids["fonds"],
        ids["other"],
    }


def test_the_withdrawal_says_what_was_published_below_goes_too(published_fonds):
    ids = published_fonds
    shared().catalogue.publish(ADMIN, ids["series"])  # published on its own, below the fonds
    app = open_page(PUBLIKASI, user="arsiparis")
    next(b for b in app.button if b.key == f"pub_withdraw_{ids['fonds']}").click().run()
    (asked,) = [w.value for w in app.warning if "Tarik **" in w.value]
    assert asked.startswith("Tarik **Arsip Walikota** dari katalog?")
    assert "termasuk seri atau berkas di bawahnya yang dipublikasikan tersendiri" in asked
    button(app, "Ya, tarik dari katalog").click().run()
    assert [s.value for s in app.success] == [
        "Arsip Walikota ditarik dari katalog, bersama 1 seri atau berkas di bawahnya yang "
        "dipublikasikan tersendiri."
    ]
    assert shared().catalogue.published(ADMIN) == []


def test_the_form_names_languages_from_the_catalogues_table(published_fonds):
    app = open_page(PUBLIKASI, user="arsiparis", id=published_fonds["other"])
    languages = app.multiselect(key=f"pub_language_{published_fonds['other']}")
    assert "Bahasa Aceh (ace)" in languages.options
    assert "Bahasa Indonesia (ind)" in languages.options


# -- the words -----------------------------------------------------------------------------------
def test_one_table_names_every_language_the_catalogue_offers():
    codes = set("ind eng jav sun mad ban bug min nld ara zho ace bjn jpn por dut".split())  # noqa: SIM905
    codes |= set(publication.LANGUAGES)
    for code in codes:
        names = messages.MESSAGES[f"kat_language_{code}"]
        assert names["id"].startswith("Bahasa ") and names["en"], code
    assert not [key for key in messages.MESSAGES if key.startswith("pub_lang_")]


def test_the_indonesian_words_say_faset_not_facet():
    said = [
        key
        for key, words in messages.MESSAGES.items()
        if key.startswith(("kat_", "pub_")) and "facet" in words["id"].lower()
    ]
    assert said == []
