"""The records pages as staff read them (issue 17): history in sentences, dates in words,
sharing by name near the top, units and classification codes picked by name, long cells
wrapped, exports for people. AppTest on a real repository, as in tests/test_pages.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from repository.core.security import ADMIN
from tests.conftest import SCHEME_V1, make_pdf
from tests.test_pages import (
    BROWSE,
    RECORD,
    SEARCH,
    UPLOAD,
    _service,
    button,
    choose,
    in_language,
    links,
    open_page,
    static_table,
    title_of,
)
from ui.frame import close_services

SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
WHEN = re.compile(r"^\d{1,2} \w+ \d{4} \d{2}\.\d{2} WI(B|TA|T)$")


def share(app, label: str, until: dt.date | None = None):
    if not app.toggle(key="share_open").value:
        app.toggle(key="share_open").set_value(True).run()  # the form is behind it
    choose(app.selectbox(key="share_target"), label)
    if until is not None:
        app.date_input(key="share_until").set_value(until)
    return button(app, "Bagikan").click().run()


def test_sharing_is_offered_by_name_near_the_top_and_not_to_those_who_see_it(site):
    app = open_page(RECORD, user="arsiparis", id=site["public"])
    labels = [w.label for w in app.toggle]
    assert labels.index("Berbagi") < labels.index("Ubah metadata")
    assert not [w for w in app.selectbox if w.key == "share_target"]  # until asked
    app.toggle(key="share_open").set_value(True).run()
    offered = list(app.selectbox(key="share_target").options)
    assert "Unit: Dinas Kesehatan" in offered and "Unit: Bidang P2P" in offered
    # the record's own unit already sees it; the caller needs no share with themselves
    assert "Unit: Dinas Perpustakaan dan Kearsipan" not in offered
    assert "Pengguna: arsiparis" not in offered and "Pengguna: pencatat" in offered
    assert not any("DINKES" in label or "user:" in label for label in offered)
    share(app, "Unit: Dinas Kesehatan")
    assert not app.exception and not app.error
    assert "Dibagikan kepada Dinas Kesehatan." in app.success[0].value
    assert "Unit: Dinas Kesehatan" not in list(app.selectbox(key="share_target").options)
    assert "Unit: Dinas Kesehatan" in list(app.selectbox(key="unshare_target").options)


def test_staff_below_the_sharing_roles_see_no_share_form(site):
    app = open_page(RECORD, user="staf.dpk", id=site["public"])
    assert "Berbagi" not in [w.label for w in app.toggle]


def test_history_reads_as_sentences_in_both_languages(site):
    app = open_page(RECORD, user="arsiparis", id=site["public"])
    share(app, "Unit: Dinas Kesehatan", until=dt.date(2030, 1, 31))
    history = static_table(app, "Oleh")
    lines = list(history.iloc[:, 2])
    assert "Dibagikan (baca saja) kepada Dinas Kesehatan sampai 31 Januari 2030." in lines
    assert "Arsip dibuat." in lines
    assert all(WHEN.match(when) for when in history.iloc[:, 0]), list(history.iloc[:, 0])
    assert not [line for line in lines if SNAKE.search(line) or "local:" in line]
    in_language(app)
    lines = list(static_table(app, "Who").iloc[:, 2])
    assert "Shared read-only with Dinas Kesehatan until 31 January 2030." in lines
    assert "Record created." in lines
    assert not [line for line in lines if SNAKE.search(line)]


def test_record_dates_and_edits_read_in_words(site):
    app = open_page(RECORD, user="arsiparis", id=site["letter"])
    app.toggle(key="edit_open").set_value(True).run()
    app.text_input(key="edit_date_start").input("2024-05-02")
    button(app, "Simpan").click().run()
    assert not app.error
    metadata = static_table(app, "Kolom")
    fields = dict(zip(metadata.iloc[:, 0], metadata.iloc[:, 1], strict=True))
    assert fields["Tanggal"] == "2 Mei 2024"
    assert fields["Unit"] == "Dinas Perpustakaan dan Kearsipan"
    lines = list(static_table(app, "Oleh").iloc[:, 2])
    assert "Tanggal awal diubah dari (kosong) menjadi 2 Mei 2024." in lines
    # the browse trail names the record's parents by title
    trail = [words for words, link in links(app).items() if link["page"] == "Jelajah"]
    assert any("Berkas surat masuk 2024" in words for words in trail)


def test_long_cells_wrap_in_the_record_view(site):
    app = open_page(RECORD, user="arsiparis", id=site["public"])
    long = "Uraian panjang " * 40
    app.toggle(key="edit_open").set_value(True).run()
    app.text_area(key="edit_description").input(long)
    button(app, "Simpan").click().run()
    metadata = static_table(app, "Kolom")  # st.table lays long text out in full
    assert long.strip() in list(metadata.iloc[:, 1])
    shown = {c for d in app.dataframe for c in d.value.columns}
    assert not {"Kolom", "Oleh"} & shown  # neither is a dataframe, which cuts cells off


def test_a_title_with_markup_is_shown_as_typed_in_the_record_views_title_block(site):
    """The title is drawn in an HTML block with the trail (one element, not two): what was
    typed is escaped there, so markup in a title is words on the page, not markup."""
    typed = "<img src=x onerror=alert(1)> Laporan & *catatan*"
    with _service() as lontar:
        lontar.records.update_record(ADMIN, site["public"], {"title": typed})
    close_services()
    app = open_page(RECORD, user="arsiparis", id=site["public"])
    assert title_of(app) == typed
    assert not any("<img" in e.proto.body for e in app.main.get("html"))


def test_upload_offers_only_units_where_the_caller_may_add(site):
    app = open_page(UPLOAD, user="pencatat")  # Pencatat of DINKES (and so of its sub-unit)
    offered = list(app.selectbox(key="upload_unit").options)
    assert offered == ["Dinas Kesehatan", "Bidang P2P"]


def test_upload_classification_is_a_choice_from_the_scheme(site):
    with _service() as lontar:
        lontar.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
    close_services()
    app = open_page(UPLOAD, user="pencatat")
    picker = app.selectbox(key="upload_classification")
    assert "000.5 — Kearsipan" in list(picker.options)
    assert not [w for w in app.text_input if w.key == "upload_classification"]  # no free text
    choose(picker, "000.5 — Kearsipan")
    app.get("file_uploader")[0].set_value(
        [("nota.pdf", make_pdf("Nota dinas", "Nota dinas kearsipan."), "application/pdf")]
    )
    button(app, "Unggah").click().run()
    assert not app.exception and "1 diterima" in app.success[0].value
    created = next(
        e.proto.query_string for e in app.main.get("page_link") if "nota" in e.proto.label
    )
    close_services()
    with _service() as lontar:
        assert lontar.records.show(ADMIN, created.split("=", 1)[1])["classification"] == "000.5"


def test_upload_hides_streamlits_english_size_hint_and_says_it_in_indonesian(site):
    app = open_page(UPLOAD, user="pencatat")
    assert any("stFileUploaderDropzoneInstructions" in e.proto.body for e in app.get("html"))
    assert any("MB per berkas" in c.value for c in app.caption)
    assert app.get("file_uploader")[0].proto.help


def test_browse_table_has_translated_headers_and_dates(site):
    app = open_page(BROWSE, node=site["berkas"])
    assert not app.dataframe  # the grid is built only when asked for
    app.toggle(key="contents_as_table").set_value(True).run()
    table = app.dataframe[0].value
    assert list(table.columns)[:3] == ["Judul", "Kode referensi", "Tingkat"]
    assert not [c for c in table.columns if SNAKE.search(c) or c in ("id", "refcode", "level")]


def test_search_export_for_people_has_translated_headers_and_an_iso_column(site):
    from repository.app import SearchRequest

    with _service() as lontar:
        lontar.records.update_record(ADMIN, site["public"], {"date_start": "2024-05-02"})
        lontar.index.catch_up({site["public"]}, ocr=False, timeout=60)
        data = lontar.records.export(ADMIN, SearchRequest(query="pedoman"), "csv", "id")
        machine = lontar.records.export(ADMIN, SearchRequest(query="pedoman"), "csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["Judul"] == "Pedoman pengarsipan"
    assert rows[0]["Tanggal"] == "2 Mei 2024" and rows[0]["Tanggal (ISO)"] == "2024-05-02"
    assert rows[0]["Unit"] == "Dinas Perpustakaan dan Kearsipan"
    assert rows[0]["Klasifikasi keamanan"] == "Biasa/Terbuka"
    assert machine.decode("utf-8-sig").startswith("id,refcode,title,date")  # for programs


def test_share_by_unit_name_is_understood(site):
    with _service() as lontar:
        principal = lontar.access.share(ADMIN, site["public"], "Dinas Kesehatan")
    assert principal == "local:DINKES"


def test_every_action_records_and_ingest_audit_has_words_in_both_languages():
    from repository.app import keys_with_prefix, translate

    actions = {"unit_added", "viewed", "downloaded", "edited", "searched", "exported"}
    actions |= {"created", "imported", "recovered", "packed", "pack_failed"}
    assert actions <= set(keys_with_prefix("audit_action_"))
    for action in actions:
        words = {translate(f"audit_action_{action}", lang) for lang in ("id", "en")}
        assert len(words) == 2 and not any(SNAKE.search(w) for w in words), action


def test_classification_codes_show_their_names(site):
    with _service() as lontar:
        lontar.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
        lontar.workbench.classify(ADMIN, site["public"], "000.5")
        lontar.index.catch_up({site["public"]}, ocr=False, timeout=60)
    close_services()
    app = open_page(RECORD, id=site["public"])
    fields = dict(static_table(app, "Kolom").iloc[:, :2].values.tolist())
    assert fields["Kode klasifikasi"] == "000.5 — Kearsipan"
    found = open_page(SEARCH, q="pedoman")
    facet_labels = list(links(found))
    assert any(label.startswith("000 — Umum (") for label in facet_labels), facet_labels


def test_history_of_other_features_never_shows_a_raw_action(archive):
    from tests.conftest import item

    record = item(archive, "Nota dinas", "000.5", "2024-05-02")
    archive.workbench.hold(ADMIN, record, "Perkara 12/2024")
    for lang in ("id", "en"):
        lines = [h["text"] for h in archive.records.show(ADMIN, record, lang)["history_lines"]]
        assert len(lines) >= 3, lines
        assert not [line for line in lines if SNAKE.search(line) or "classified" in line]
        assert any("000.5" in line for line in lines) and any("Perkara" in line for line in lines)
