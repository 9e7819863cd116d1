"""Cari and Administrasi for issue 18 through AppTest, on the `site` repository: "juga
dicari", "did you mean" as a link, partial matches apart from the results, the search
dictionary tab; and that none of these shows a word or record the caller may not see."""

from __future__ import annotations

from repository.app import Lontar
from repository.core.config import Home
from repository.core.security import ADMIN
from tests.test_pages import SEARCH, headings_of, in_language, links, open_page, shown, text_of
from ui import registry
from ui.frame import close_services

ADMIN_PAGE = registry.ADMIN.script


def partial_titles(app) -> list[str]:
    """Titles linked below the "Cocok sebagian" heading (hits are record links)."""
    return [shown(label) for label, link in links(app).items() if link["page"] == "Arsip"]


def test_also_searched_names_the_standard_spelling(site):
    app = open_page(SEARCH, q="nomer surat masuk")
    assert headings_of(app)[0].startswith("55 ")  # nomor: the 55 letters say it
    assert "Juga dicari: nomor" in text_of(app)
    in_language(app)
    assert "Also searched: nomor" in text_of(app)


def test_did_you_mean_links_to_the_corrected_search(site):
    app = open_page(SEARCH, q="pedomam")
    assert "Mungkin maksud Anda:" in text_of(app)
    suggestion = links(app)["pedoman"]
    assert suggestion["page"] == "Cari" and "q=pedoman" in suggestion["query"]
    fixed = open_page(SEARCH, q="pedoman")
    assert "Mungkin maksud Anda" not in text_of(fixed)


def test_did_you_mean_never_offers_a_word_of_a_record_the_caller_may_not_see(site):
    # "terbatas" is only in a T record of DINKES: its clerk may see it, DPK's staff may not
    clerk = open_page(SEARCH, user="pencatat", q="terbatass")
    assert "terbatas" in links(clerk)
    staff = open_page(SEARCH, user="staf.dpk", q="terbatass")
    assert "Mungkin maksud Anda" not in text_of(staff)
    # no link offers the word (the links of the staff's own search carry "terbatass")
    assert "terbatas" not in links(staff)
    assert not any(
        "q=terbatas&" in v["query"] or v["query"].endswith("q=terbatas")
        for v in links(staff).values()
    )


def test_partial_matches_are_shown_apart_and_counted(site):
    app = open_page(SEARCH, q="pedoman pengarsipan banjir")
    assert headings_of(app)[0].startswith("0 ")
    assert any(h.startswith("Cocok sebagian (") for h in headings_of(app))
    assert "Pedoman pengarsipan" in partial_titles(app)
    assert "semua kata pencarian kecuali satu" in text_of(app)
    in_language(app)
    assert any(h.startswith("Partial matches (") for h in headings_of(app))


def test_partial_matches_never_show_a_record_the_caller_may_not_see(site):
    # Rapat T (class T, DINKES) holds "rapat" and "terbatas", not "pedoman"
    clerk = open_page(SEARCH, user="pencatat", q="rapat terbatas pedoman")
    assert "Rapat T" in partial_titles(clerk)
    staff = open_page(SEARCH, user="staf.dpk", q="rapat terbatas pedoman")
    assert "Rapat T" not in text_of(staff)
    # Audit R's words are sealed (blind terms): its partial match reaches only who may see it
    boss = open_page(SEARCH, user="kepala", q="audit rahasia banjir")
    assert "Audit R" in partial_titles(boss)
    for user in ("staf.dpk", "pencatat"):
        assert "Audit R" not in text_of(open_page(SEARCH, user=user, q="audit rahasia banjir"))


def test_dictionary_tab_adds_removes_and_imports(site):
    app = open_page(ADMIN_PAGE, user="kepala")
    table = app.dataframe[2].value
    assert len(table) > 250 and set(table["Sumber"]) == {"Nasional"}
    app.text_input(key="thesaurus_term").input("DKPS")
    app.text_input(key="thesaurus_equivalent").input("dinas kependudukan dan pencatatan sipil")
    next(b for b in app.button if b.label == "Tambah atau aktifkan entri").click().run()
    assert not app.exception
    assert any("DKPS" in s.value for s in app.success)
    table = app.dataframe[2].value
    local = table[table["Sumber"] == "Pemda ini"]
    assert list(local["Istilah ↔ padanan"]) == ["DKPS ↔ dinas kependudukan dan pencatatan sipil"]
    app.selectbox(key="thesaurus_pick").set_value("SPT|surat pemberitahuan tahunan")
    next(b for b in app.button if b.label.startswith("Hapus entri")).click().run()
    table = app.dataframe[2].value
    spt = table[table["Istilah ↔ padanan"] == "SPT ↔ surat pemberitahuan tahunan"]
    assert len(spt) == 1 and not spt["Berlaku"].any()
    uploader = app.get("file_uploader")[0]
    uploader.set_value([("kamus.csv", b"term,equivalent,kind\nsholat,salat,variant\n", "text/csv")])
    next(b for b in app.button if b.label == "Impor CSV").click().run()
    assert any("1 baris" in s.value for s in app.success)
    close_services()
    service = Lontar(Home.resolve())
    try:
        rows = service.thesaurus.entries(ADMIN)
        kinds = {r["term"]: r["kind"] for r in rows if r["source"] == "local"}
    finally:
        service.close()
    assert kinds == {"DKPS": "abbreviation", "sholat": "variant"}


def test_dictionary_tab_is_for_administrators_only(site):
    clerk = open_page(ADMIN_PAGE, user="pencatat")
    assert not clerk.get("dataframe")


def test_filters_in_force_are_named_and_each_lifted_by_a_link_with_the_order_beside(site):
    """The filter fields are behind their switch: a search narrowed by a facet or a shared
    address says above its results what narrows it, each filter with a link without it."""
    app = open_page(SEARCH, q="surat", opd="DPK", tingkat="item", keamanan="B,T")
    assert not app.selectbox  # the switch is off
    found = links(app)
    unit = found["Unit: Dinas Perpustakaan dan Kearsipan"]["query"]
    assert "opd=" not in unit and "tingkat=item" in unit and "keamanan=B%2CT" in unit
    only_t = found["Klasifikasi keamanan: Biasa/Terbuka"]["query"]
    assert "keamanan=T" in only_t and "opd=DPK" in only_t
    bare = found["Hapus semua saringan"]["query"]
    assert bare == "q=surat"
    newest = found["Tanggal terbaru"]["query"]
    assert "urut=date_desc" in newest and "opd=DPK" in newest
    assert "Relevansi" not in found  # the order in force is marked, not a link
    in_language(app)
    assert "Unit: Dinas Perpustakaan dan Kearsipan" in links(app)
    assert "Clear all filters" in links(app)


def test_results_pager_and_facets_are_one_block_side_by_side(site):
    """After a search the browser draws as few elements as can be (docs/performance.md):
    the results, the pager and the facets are one HTML block laid out side by side by the
    style sheet (`ui.render.beside`), no Streamlit columns."""
    app = open_page(SEARCH, q="surat masuk")
    assert int(headings_of(app)[0].split()[0]) > 20  # more than a page: a pager is drawn
    beside = [e.proto.body for e in app.main.get("html") if "lontar-beside" in e.proto.body]
    assert len(beside) == 1
    body = beside[0]
    main, side = body.index("class='lontar-main'"), body.index("class='lontar-side'")
    assert main < body.index("Arsip?id=") < side  # a result, in the wide part
    assert body.index("Halaman 1 dari ") < side  # the pager, under the results
    assert "href='Cari?q=surat+masuk&amp;" in body[side:]  # a facet narrows the search
    assert not app.main.get("column")
