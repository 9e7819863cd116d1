"""Katalog (issue 21) through AppTest on a real repository: search with facets over published
material only, "show more" on a facet, the tree opened node by node, one record's page
(description, breadcrumb, siblings, viewer, download only where allowed, citations, pinning),
"not found" for what is not public, both languages; and the permanent URL `/katalog/<ref>`
(ui/web.py).

Moving a record (a new reference code, the old one still resolving) is not tested here: the
repository has no service that moves a record yet.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

import pytest
from starlette.requests import Request

from indexes import writer
from repository.app import ANONYMOUS, Lontar
from repository.core.config import Home
from repository.core.security import ADMIN
from tests.conftest import PASSWORDS, SCHEME_V1, add, make_pdf, make_scan
from tests.test_pages import html_tables, in_language, links, open_page, text_of
from ui import registry, web
from ui.frame import close_services

KATALOG = registry.CATALOGUE.script
OPDS = [(f"OPD{n:02d}", f"Dinas Uji {n:02d}") for n in range(1, 11)]  # with DPK, DINKES: 12
ITEMS = 55  # in one berkas: two pages of the tree (fifty a page)


def _container(service, unit: str, level: str, title: str, into=None, **fields) -> str:
    return service.ingest.create_container(ADMIN, unit, level, title, into=into, **fields)


def _main_fonds(service) -> dict:
    """DPK's fonds: a described fonds, a series, a berkas with a PDF, a T letter beside it,
    and a berkas of 55 items."""
    ids = {"fonds": _container(service, "DPK", "fonds", "Arsip Walikota", date_start="1950-01-01")}
    ids["series"] = _container(service, "DPK", "series", "Surat keputusan", ids["fonds"])
    ids["berkas"] = _container(
        service, "DPK", "file", "Berkas keputusan 1951", ids["series"], date_start="1951-03-01"
    )
    ids["pdf"] = add(
        service, "pasar.pdf", make_pdf("Keputusan pasar", "Pasar rakyat dibuka."),
        unit="DPK", into=ids["berkas"], title="Keputusan pasar", date="1951-03-02",
    )  # fmt: skip
    ids["secret"] = add(
        service, "rahasia.txt", b"Keputusan pasar rahasia", unit="DPK", into=ids["berkas"],
        title="Keputusan pasar terbatas", security="T",
    )  # fmt: skip
    service.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
    service.workbench.classify(ADMIN, ids["pdf"], "000.5")
    ids["letters"] = _container(service, "DPK", "file", "Surat masuk 1952", ids["series"])
    ids["items"] = [
        _container(service, "DPK", "item", f"Surat masuk {n:02d}", ids["letters"])
        for n in range(ITEMS)
    ]
    service.catalogue.publish(
        ADMIN,
        ids["fonds"],
        {
            "creator": "Walikota Kota Uji",
            "extent": "3 boks arsip",
            "admin_history": "Walikota memimpin pemerintahan kota sejak 1950.",
            "scope_content": "Keputusan dan surat walikota.",
            "access_conditions": "Terbuka untuk umum.",
            "language": "ind",
        },
    )
    return ids


@pytest.fixture
def katalog(service, monkeypatch):
    """Twelve OPDs with a published fonds each; what is not published (DINKES's berkas with
    "pasar" in it) and what is T never shows."""
    ids = _main_fonds(service)
    closed = _container(service, "DINKES", "fonds", "Arsip kesehatan", date_start="1960-01-01")
    ids["closed"] = _container(service, "DINKES", "fonds", "Pasar sehat tertutup")
    _container(service, "DINKES", "item", "Pasar sehat", ids["closed"])
    _container(service, "DINKES", "item", "Imunisasi 1960", closed)
    service.catalogue.publish(ADMIN, closed)
    ids["scans"] = _container(service, "DINKES", "file", "Foto kegiatan", date_start="1970-05-01")
    ids["scan"] = add(
        service, "foto.png", make_scan("Foto kegiatan posyandu"), unit="DINKES",
        into=ids["scans"], title="Foto posyandu",
    )  # fmt: skip
    service.catalogue.publish(ADMIN, ids["scans"], {"downloads": False, "language": "jav"})
    for code, name in OPDS:
        service.records.add_unit(ADMIN, code, name)
        fonds = _container(service, code, "fonds", f"Arsip {name}", date_start="1980-01-01")
        _container(service, code, "item", f"Laporan {name}", fonds)
        service.catalogue.publish(ADMIN, fonds)
    writer.drain(service.db, service.store)
    # the berkas of 55 in the tree's order (the catalogue's, by reference code), page by page
    ids["pages"] = [
        [row["id"] for row in service.catalogue.children(ANONYMOUS, ids["letters"], page)["rows"]]
        for page in (1, 2)
    ]
    ids["titles"] = {rid: f"Surat masuk {n:02d}" for n, rid in enumerate(ids["items"])}
    service.access.add_account(
        ADMIN, "kepala", PASSWORDS["kepala"], {"Administrator"}, clearance="SR"
    )  # staff: the catalogue shows them what it shows the public
    service.close()
    monkeypatch.setenv("LONTAR_HOME", str(service.home.path))
    close_services()
    yield ids
    close_services()


def katalog_page(user: str | None = None, **params: str):
    return open_page(KATALOG, user=user, **params)


def record_links(app) -> dict[str, dict]:
    """Links to records' catalogue pages: words -> their query parameters."""
    return {
        words: parse_qs(link["query"])
        for words, link in links(app).items()
        if link["page"] == "Katalog" and "id=" in link["query"]
    }


def facts(app) -> dict[str, str]:
    """The description (a table of facts, no header): element -> value."""
    table = next(t for t in html_tables(app) if list(t.columns) == [0, 1])
    return dict(zip(table[0], table[1], strict=True))


def tree_links(app) -> dict[str, dict]:
    """The records the tree lists (its links say on which page of their parent they are;
    the search results beside it do not)."""
    return {words: query for words, query in record_links(app).items() if "saudara" in query}


def node_button(app, record_id: str):
    return next(b for b in app.button if b.key == f"kat_node_{record_id}")


def codes(app) -> list[str]:
    return [c.value for c in app.code]


# -- search ------------------------------------------------------------------------------------
def test_search_finds_what_is_published_and_nothing_else(katalog):
    for user in (None, "kepala"):  # staff see the catalogue as the public does
        app = katalog_page(user, q="pasar")
        assert app.subheader[0].value == "1 arsip ditemukan"
        found = record_links(app)
        assert found["Keputusan pasar"]["id"] == [katalog["pdf"]]
        text = text_of(app)
        assert "Keputusan pasar terbatas" not in text  # T, in the same berkas
        assert "Pasar sehat" not in text  # never published
        # the facets count the same records: DINKES's unpublished "pasar" is not counted
        assert "Dinas Perpustakaan dan Kearsipan (1)" in links(app)
        assert not [w for w in links(app) if w.startswith("Dinas Kesehatan")]


def test_a_facet_value_narrows_the_search_and_the_url_keeps_it(katalog):
    app = katalog_page()
    fonds = links(app)["Fonds (12)"]  # DPK, DINKES and the ten test OPDs
    params = {k: v[0] for k, v in parse_qs(fonds["query"]).items()}
    assert params == {"tingkat": "fonds"}
    narrowed = katalog_page(**params)
    assert narrowed.subheader[0].value == "12 arsip ditemukan"
    assert "Tingkat deskripsi: Fonds ✕" in links(narrowed)  # the filter, and its removal
    assert "Arsip Walikota" in record_links(narrowed)
    assert "Keputusan pasar" not in record_links(narrowed)
    # a year is a from/to filter; a language and "has a file" show in words
    year = {k: v[0] for k, v in parse_qs(links(app)["1951 (2)"]["query"]).items()}
    assert year == {"dari": "1951", "sampai": "1951"}
    assert sorted(record_links(katalog_page(**year))) == [
        "Berkas keputusan 1951",
        "Keputusan pasar",
    ]
    assert "Bahasa Jawa (2)" in links(app)  # the scans' berkas and its scan
    digital = {k: v[0] for k, v in parse_qs(links(app)["Ada berkas digital (2)"]["query"]).items()}
    assert sorted(record_links(katalog_page(**digital))) == ["Foto posyandu", "Keputusan pasar"]
    code = {k: v[0] for k, v in parse_qs(links(app)["000 — Umum (1)"]["query"]).items()}
    assert code == {"kode": "000"}
    narrowed = katalog_page(**code)
    assert list(record_links(narrowed)) == ["Keputusan pasar"]
    assert "Klasifikasi: 000 — Umum ✕" in links(narrowed)


def test_show_more_lists_every_value_of_a_facet(katalog):
    app = katalog_page()
    assert len([w for w in links(app) if w.startswith("Dinas ")]) == 10  # the first ten
    app.toggle(key="kat_all_unit").set_value(True).run()
    shown = [w for w in links(app) if w.startswith("Dinas ")]
    assert len(shown) == 12, shown
    assert "Dinas Kesehatan (4)" in shown and "Dinas Uji 07 (2)" in shown


# -- the tree ----------------------------------------------------------------------------------
def test_the_tree_opens_node_by_node_with_counts_and_pages(katalog):
    app = katalog_page()
    top = node_button(app, katalog["fonds"])
    assert top.label.startswith("Arsip Walikota (")  # its count of public records
    top.click().run()
    series = node_button(app, katalog["series"])
    assert series.label.startswith("Surat keputusan (2)")  # its two berkas
    series.click().run()
    assert node_button(app, katalog["berkas"]).label.startswith("Berkas keputusan 1951 (1)")
    node_button(app, katalog["berkas"]).click().run()
    assert "Keputusan pasar" in tree_links(app)
    assert "Keputusan pasar terbatas" not in text_of(app)
    node_button(app, katalog["letters"]).click().run()  # 55 items: fifty now
    first, second = ([katalog["titles"][i] for i in page] for page in katalog["pages"])
    assert (len(first), len(second)) == (50, 5)
    found = tree_links(app)
    assert set(first) <= set(found) and not set(second) & set(found)
    assert found[first[0]]["saudara"] == ["1"]
    next(b for b in app.button if b.key == f"kat_next_{katalog['letters']}").click().run()
    found = tree_links(app)
    assert set(second) <= set(found) and not set(first) & set(found)
    assert found[second[0]]["saudara"] == ["2"]
    assert "Keputusan pasar" in found  # the other berkas stayed open
    assert app.session_state["kat_open"] == [
        katalog["fonds"], katalog["series"], katalog["berkas"], katalog["letters"],
    ]  # fmt: skip
    node_button(app, katalog["series"]).click().run()  # closing hides what is below it
    assert "Keputusan pasar" not in tree_links(app)


# -- one record --------------------------------------------------------------------------------
def test_a_record_page_shows_description_place_file_and_citations(katalog):
    app = katalog_page(id=katalog["pdf"])
    assert not app.error and app.title[0].value == "Keputusan pasar"
    shown = facts(app)
    assert shown["Kode referensi"] == "ID-T/DPK/F1/S1/B1/1"
    assert shown["Nama pencipta"] == "Walikota Kota Uji"  # the fonds' description
    assert shown["Persyaratan akses"] == "Terbuka untuk umum."
    assert shown["Bahasa"] == "Bahasa Indonesia"
    assert shown["Tanggal"] == "2 Maret 1951"
    trail = links(app)
    for title in ("Arsip Walikota", "Surat keputusan", "Berkas keputusan 1951"):
        assert title in trail
    assert app.get("image"), "the PDF's page is drawn"
    assert [b for b in app.get("download_button") if b.proto.label == "Unduh berkas"]
    anri, chicago = codes(app)
    assert anri.startswith("Pemerintah Kota Uji, Arsip Walikota, ID-T/DPK/F1/S1/B1/1, ")
    assert "Keputusan pasar, 2 Maret 1951." in anri and "(diakses " in anri
    assert anri.count(f"/katalog/{katalog['pdf']}") == 1
    assert chicago.startswith("“Keputusan pasar,” 2 Maret 1951, ID-T/DPK/F1/S1/B1/1, ")
    assert ", diakses " in chicago and chicago.endswith(f"/katalog/{katalog['pdf']}.")


def test_a_fonds_page_shows_its_own_description_contents_and_finding_aid(katalog):
    app = katalog_page(id=katalog["fonds"])
    shown = facts(app)
    assert shown["Jumlah dan media"] == "3 boks arsip"
    assert shown["Riwayat administrasi / biografi"].startswith("Walikota memimpin")
    assert shown["Ruang lingkup dan isi"] == "Keputusan dan surat walikota."
    assert "Surat keputusan" in record_links(app)  # its contents
    assert any(s.value == "Isi (1)" for s in app.subheader)
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels == ["Dublin Core (XML)", "EAD (XML)", "Inventaris arsip (PDF)"]
    assert not [b for b in app.get("download_button") if b.proto.label == "Unduh berkas"]


def test_no_download_where_the_description_forbids_it_but_the_scan_is_shown(katalog):
    app = katalog_page(id=katalog["scan"])
    assert app.get("image"), "the scan is shown"
    assert "Unduh berkas" not in [b.proto.label for b in app.get("download_button")]
    assert "tidak mengizinkan pengunduhan" in text_of(app)
    assert facts(app)["Bahasa"] == "Bahasa Jawa"


def test_siblings_lead_to_the_previous_and_next_record_across_pages(katalog):
    order, title = katalog["pages"][0] + katalog["pages"][1], katalog["titles"]
    app = katalog_page(id=order[49])  # the last of the first page of fifty
    moves = record_links(app)
    assert moves[f"‹ Sebelumnya: {title[order[48]]}"] == {"id": [order[48]], "saudara": ["1"]}
    assert moves[f"Berikutnya: {title[order[50]]} ›"] == {"id": [order[50]], "saudara": ["2"]}
    assert moves["Naik ke: Surat masuk 1952"]["id"] == [katalog["letters"]]
    assert title[order[0]] not in moves  # the page of records beside it: on request
    app.toggle(key="kat_siblings_on").set_value(True).run()
    assert title[order[0]] in record_links(app)
    later = katalog_page(id=order[50])  # found without the page it came from, on page 2
    assert f"‹ Sebelumnya: {title[order[49]]}" in record_links(later)
    assert f"Berikutnya: {title[order[51]]} ›" in record_links(later)


def test_pinning_adds_to_the_selection_list_and_counts_it(katalog):
    app = katalog_page(id=katalog["pdf"])
    next(b for b in app.button if b.key == "kat_pin").click().run()
    assert app.session_state["selection_ids"] == [katalog["pdf"]]
    pinned = [e.proto for e in app.main.get("page_link") if "Daftar pilihan" in e.proto.label]
    assert pinned and pinned[0].label == "Daftar pilihan: 1 arsip"
    assert pinned[0].page_script_hash or pinned[0].page  # a link to Daftar Pilihan
    next(b for b in app.button if b.key == "kat_unpin").click().run()
    assert app.session_state["selection_ids"] == []


@pytest.mark.parametrize("which", ["secret", "closed", "unknown"])
def test_what_is_not_public_is_not_found_in_the_catalogue(katalog, which):
    ref = katalog.get(which, "ZZZZZZZZ")
    app = katalog_page(id=ref)
    assert [w.value for w in app.warning] == [f"Arsip “{ref}” tidak ditemukan di katalog."]
    assert "Keputusan pasar terbatas" not in text_of(app) and not codes(app)


def test_the_catalogue_speaks_english_too(katalog):
    app = katalog_page(q="pasar")
    in_language(app)
    assert app.subheader[0].value == "1 records found"
    assert "Level of description" in text_of(app)
    record = katalog_page(id=katalog["pdf"])
    in_language(record)
    assert facts(record)["Name of creator"] == "Walikota Kota Uji"
    anri, chicago = codes(record)
    assert "2 March 1951" in anri and "(accessed " in anri
    assert ", accessed " in chicago
    assert "Pin to the selection list" in [b.label for b in record.button]


# -- the permanent URL -------------------------------------------------------------------------
def _redirect(path_ref: str) -> str:
    scope = {"type": "http", "method": "GET", "path": f"/katalog/{path_ref}", "headers": [],
             "query_string": b"", "path_params": {"ref": path_ref}}  # fmt: skip
    answer = web.katalog(Request(scope))
    assert answer.status_code == 303
    return answer.headers["location"]


def test_the_permanent_url_resolves_an_id_and_a_reference_code(katalog):
    pdf = katalog["pdf"]
    assert _redirect(pdf) == f"/Katalog?id={pdf}"
    assert _redirect("ID-T/DPK/F1/S1/B1/1") == f"/Katalog?id={pdf}"
    # unknown and not public alike go on as typed: the page says "not found"
    assert _redirect(katalog["secret"]) == f"/Katalog?id={katalog['secret']}"
    assert _redirect("ID-T/DPK/F9") == "/Katalog?id=ID-T%2FDPK%2FF9"
    # characters no id or reference code has: the catalogue's front page
    for hostile in ('"><script>', "a b", "../../etc", "/x", ""):
        assert _redirect(hostile) == "/Katalog"


def test_the_permanent_url_follows_withdrawal(katalog):
    """Withdrawn from the catalogue, the same URL leads to "not found"."""
    with Lontar(Home.resolve()) as lontar:
        lontar.catalogue.unpublish(ADMIN, katalog["fonds"])
        writer.drain(lontar.db, lontar.store)
    close_services()
    assert _redirect(katalog["pdf"]) == f"/Katalog?id={katalog['pdf']}"
    app = katalog_page(id=katalog["pdf"])
    assert re.match(r"Arsip “\w+” tidak ditemukan di katalog\.", app.warning[0].value)
