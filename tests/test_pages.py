"""Every page through Streamlit's AppTest, on a real repository (FileStorage, Whoosh on disk).

Pages are reached the way the app reaches them: from the entry point, with `switch_page` and
URL query parameters, so the sidebar links and deep links are what is tested.
"""

from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl

import pandas as pd
from streamlit.testing.v1 import AppTest

from repository.app import Lontar
from repository.core.config import Home
from tests.conftest import CORPUS, PASSWORDS, PROJECT, make_pdf
from ui import registry

SEARCH, BROWSE, RECORD, UPLOAD = (
    registry.SEARCH.script,
    registry.BROWSE.script,
    registry.RECORD.script,
    registry.UPLOAD.script,
)


def open_page(page: str | None = None, *, user: str | None = None, **params: str) -> AppTest:
    app = AppTest.from_file(str(PROJECT / "streamlit_app.py"), default_timeout=90)
    if user:
        app.run()
        login(app, user)
    if page:
        app.switch_page(page)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, app.exception[0].message if app.exception else ""
    return app


def login(app: AppTest, user: str, password: str | None = None) -> AppTest:
    app.sidebar.toggle(key="login_open").set_value(True).run()  # the form is behind it
    app.sidebar.text_input(key="login_name").input(user)
    app.sidebar.text_input(key="login_password").input(password or PASSWORDS[user])
    app.sidebar.button[0].click().run()
    return app


class _Reader(HTMLParser):
    """What a person reads of the HTML a page drew (ui.render): its links (words, address),
    its tables (rows of cell texts) and its top headings (a page title drawn in a block)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.tables: list[list[list[str]]] = []
        self.headed: list[bool] = []  # whether each table has a header row
        self._href: str | None = None
        self._words: list[str] = []
        self._hidden = 0  # inside an element hidden from people reading (an icon)
        self._cell: list[str] | None = None
        self.titles: list[str] = []  # <h1>
        self.headings: list[str] = []  # <h3>, as `st.subheader` and `ui.render.headed` draw
        self._title: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("aria-hidden") == "true" or tag in ("style", "script") or self._hidden:
            self._hidden += 1
        elif tag == "a" and "data-lontar-link" in attrs:
            self._href, self._words = attrs["href"], []
        elif tag == "table":
            self.tables.append([])
            self.headed.append(False)
        elif tag == "thead":
            self.headed[-1] = True
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("h1", "h3"):
            self._title = []

    def handle_endtag(self, tag):
        if self._hidden:
            self._hidden -= 1
        elif tag == "a" and self._href is not None:
            self.links.append(("".join(self._words).strip(), self._href))
            self._href = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag in ("h1", "h3") and self._title is not None:
            (self.titles if tag == "h1" else self.headings).append("".join(self._title).strip())
            self._title = None

    def handle_data(self, data):
        if self._hidden:
            return
        if self._title is not None:
            self._title.append(data)
        if self._href is not None:
            self._words.append(data)
        if self._cell is not None:
            self._cell.append(data)


def read_html(bodies) -> _Reader:
    reader = _Reader()
    for body in bodies:
        reader.feed(body)
    return reader


def links(app: AppTest, where=None) -> dict[str, dict]:
    """label as shown → (page, query string) of every link in `where` (default: main): page
    links, and the links the pages draw many to one block (ui.render.links)."""
    found = {}
    for element in (where or app.main).get("page_link"):
        found[shown(element.proto.label)] = {
            "page": element.proto.page,
            "query": element.proto.query_string,
        }
    for words, href in read_html(e.proto.body for e in (where or app.main).get("html")).links:
        page, _, query = href.partition("?")
        found[words] = {"page": "" if page == "./" else page, "query": query}
    return found


def in_language(app: AppTest, name: str = "English") -> AppTest:
    """Follows the sidebar's link to the page shown in another language: the same page and
    parameters, with `lang`."""
    target = links(app, where=app.sidebar)[name]
    for key, value in parse_qsl(target["query"]):
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception[0].message if app.exception else ""
    return app


def title_of(app: AppTest) -> str:
    """The page's title as a person reads it: an st.title, or the <h1> of a block the page
    drew (a record's title joins its trail in one block, ui.render)."""
    if app.title:
        return shown(app.title[0].value)
    return read_html(e.proto.body for e in app.main.get("html")).titles[0]


def headings_of(app: AppTest) -> list[str]:
    """The main area's section headings as a person reads them: those of `st.subheader`,
    then the <h3> of the blocks the page drew (Cari's results are one block, ui.render)."""
    drawn = [shown(s.value) for s in app.main.subheader]
    return drawn + read_html(e.proto.body for e in app.main.get("html")).headings


def notes_of(app: AppTest) -> list[str]:
    """The boxes of information as a person reads them: `st.info`'s, then those the page drew
    in its blocks (`ui.render.note_html`), each one's words without their markup."""
    bodies = "".join(e.proto.body for e in app.main.get("html"))
    drawn = re.findall(r"<div role='status'[^>]*>(.*?)</div>", bodies, re.DOTALL)
    words = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", d)).split()) for d in drawn]
    return [i.value for i in app.info] + words


def text_of(app: AppTest) -> str:
    parts = [
        str(e.value)
        for kind in ("markdown", "caption", "subheader", "title")
        for e in app.get(kind)
    ]
    parts += [html.unescape(e.proto.body) for e in app.get("html")]
    parts += [e.proto.label for e in app.main.get("page_link")]
    return "\n".join(parts)


# -- frame: sidebar by role, login, language ---------------------------------------------------
def test_sidebar_shows_only_the_pages_a_role_may_use(site):
    public = links(open_page(), where=open_page().sidebar)
    assert {link["page"] for link in public.values()} >= {"Cari", "Jelajah", "Arsip"}
    assert "Unggah" not in public
    clerk = open_page(user="pencatat")
    assert "Unggah" in links(clerk, where=clerk.sidebar)
    assert "pencatat" in text_of(clerk)


def test_upload_page_refuses_the_public_even_by_url(site):
    app = open_page(UPLOAD)
    assert app.warning and "tidak mengizinkan" in app.warning[0].value
    assert not app.get("file_uploader")


def test_wrong_password_is_refused_with_a_message(site):
    app = open_page()
    login(app, "pencatat", "salah-sekali")
    assert app.sidebar.error and "salah" in app.sidebar.error[0].value
    assert "Unggah" not in links(app, where=app.sidebar)


def test_english_switch_covers_labels_and_messages(site):
    app = open_page(SEARCH, q="pengarsipan")
    assert "arsip ditemukan" in headings_of(app)[0]
    in_language(app)
    assert "records found" in headings_of(app)[0]
    assert app.query_params["q"] in ("pengarsipan", ["pengarsipan"])  # the same search
    assert "Search" in [b.label for b in app.button]
    app.switch_page(RECORD)
    app.query_params["id"] = "tidakada"
    app.run()
    assert "was not found" in app.error[0].value  # the page's error, in English too


# -- Beranda --------------------------------------------------------------------------------------
def test_home_counts_only_what_the_caller_may_see(site):
    app = open_page()
    counts = unit_bars(app)
    # the berkas, its 55 letters, the guide, the locked PDF; units by name, not code
    assert counts == {"Dinas Perpustakaan dan Kearsipan": 58}
    assert app.metric[0].value == "58"
    page_text = text_of(app)
    assert "Audit R" not in page_text and "Rapat T" not in page_text
    assert "terkunci" in page_text  # the encrypted PDF is listed as needing attention
    staff = open_page(user="pencatat")
    assert unit_bars(staff)["Dinas Kesehatan"] == 1  # T only


def unit_bars(app) -> dict[str, int]:
    """The home page's bars: "<unit name>: <count>" (names escaped as Markdown)."""
    found = {}
    for bar in app.get("progress"):
        name, _, count = bar.proto.text.rpartition(": ")
        found[name.replace("\\", "")] = int(count.replace(".", ""))
    return found


def test_home_search_box_opens_the_search_page(site):
    app = open_page()
    app.text_input(key="home_q").input("pedoman")
    app.button[0].click().run()
    assert app.query_params.get("q") == ["pedoman"] or app.query_params.get("q") == "pedoman"


# -- Cari -----------------------------------------------------------------------------------------
def test_search_by_url_shows_highlighted_hits_linked_to_records(site):
    app = open_page(SEARCH, q="elektronik")
    assert headings_of(app)[0].startswith("1 ")
    assert re.search(r"<mark[^>]*>elektronik</mark>", text_of(app))
    record_links = {k: v for k, v in links(app).items() if v["page"] == "Arsip"}
    assert record_links["Pedoman pengarsipan"]["query"] == f"id={site['public']}"


def test_search_form_filters_and_writes_the_url(site):
    app = open_page(SEARCH)
    assert not app.selectbox  # the filter fields are behind their switch
    app.toggle(key="search_filters").set_value(True).run()
    app.text_input(key="q").input("surat")
    app.selectbox(key="unit").set_value("DPK")
    app.button[0].click().run()
    assert app.query_params["q"] == ["surat"] or app.query_params["q"] == "surat"
    assert headings_of(app)[0].startswith("57 ")  # the berkas, its letters, the guide
    assert "Halaman 1 dari 3" in text_of(app)
    nxt = links(app)["Berikutnya →"]
    assert "hal=2" in nxt["query"] and "opd=DPK" in nxt["query"]


def test_facet_counts_never_include_hidden_records(site):
    app = open_page(SEARCH, q="pengarsipan")
    facet_labels = [k for k, v in links(app).items() if v["page"] == "Cari"]
    assert any(label.startswith("Dinas Perpustakaan dan Kearsipan (") for label in facet_labels)
    assert not any(label.startswith("Dinas Kesehatan") for label in facet_labels)
    assert not any("Rahasia" in label or "Terbatas" in label for label in facet_labels)


def test_restricted_record_is_seen_by_its_unit_only(site):
    assert "Rapat T" in text_of(open_page(SEARCH, user="pencatat", q="vaksin"))
    assert "Rapat T" not in text_of(open_page(SEARCH, user="staf.dpk", q="vaksin"))
    assert "Audit R" not in text_of(open_page(SEARCH, user="pencatat", q="audit"))


def test_bad_query_is_a_message_not_a_traceback(site):
    app = open_page(SEARCH, q="tanggal:[a to b]")
    assert app.error and "Kueri" in app.error[0].value


# -- Jelajah -------------------------------------------------------------------------------------
def test_browse_from_the_pemda_down_to_an_item(site):
    top = open_page(BROWSE)
    units = links(top)
    dpk = next(label for label in units if label.startswith("DPK"))
    assert dpk.endswith("(58)")
    unit = open_page(BROWSE, node="unit:DPK")
    berkas = next(v for k, v in links(unit).items() if "Berkas surat masuk" in k)
    assert berkas["query"] == f"node={site['berkas']}"
    assert next(k for k in links(unit) if "Berkas surat masuk" in k).endswith("(55)")
    folder = open_page(BROWSE, node=site["berkas"])
    assert "Isi (55 arsip)" in text_of(folder)
    items = [k for k, v in links(folder).items() if v["page"] == "Arsip"]
    assert len(items) == 50 + 1  # one page of items, plus "open record" for the berkas itself
    assert "Halaman 1 dari 2" in text_of(folder)
    second = open_page(BROWSE, node=site["berkas"], hal="2")
    assert len([k for k, v in links(second).items() if "Surat masuk" in k]) == 5
    crumbs = [k for k, v in links(folder).items() if v["page"] == "Jelajah"]
    assert crumbs[0].startswith("ID-T") and crumbs[1].startswith("DPK")


def test_browse_counts_hide_what_the_caller_may_not_see(site):
    app = open_page(BROWSE)
    dinkes = next(label for label in links(app) if label.startswith("DINKES"))
    assert dinkes.endswith("(0)")
    denied = open_page(BROWSE, node=site["secret"])
    assert denied.error and "tidak ditemukan" in denied.error[0].value


# -- Arsip -----------------------------------------------------------------------------------------
def test_record_view_shows_metadata_preview_text_history_and_related(site):
    app = open_page(RECORD, id=site["public"])
    assert title_of(app) == "Pedoman pengarsipan"
    metadata = static_table(app, "Kolom")
    assert site["public"] in list(metadata.iloc[:, 1])
    assert app.get("imgs") or app.get("image"), "a page preview is drawn"
    # one page and no OCR copy: nothing to choose, so no page field or source switch
    assert not [w for w in app.number_input if w.key == "preview_page"] and not app.radio
    assert not app.get("text")  # the extracted text waits behind its switch
    app.toggle(key="show_text").set_value(True).run()
    assert "surat dinas elektronik" in "\n".join(str(t.value) for t in app.get("text"))
    history = static_table(app, "Oleh")
    assert "Arsip dibuat." in list(history.iloc[:, 2])
    letter = open_page(RECORD, id=site["letter"])
    related = [k for k, v in links(letter).items() if v["page"] == "Arsip"]
    assert len(related) == 5 and all(k.startswith("Surat masuk") for k in related)
    assert "Surat masuk 00" not in related  # not itself
    assert "Ubah metadata" not in [w.label for w in app.toggle]  # the public may not edit


def test_hidden_record_is_reported_as_not_found(site):
    app = open_page(RECORD, id=site["secret"])
    assert app.error and "tidak ditemukan" in app.error[0].value
    assert "Audit" not in text_of(app)


def test_archivist_edits_metadata_and_history_keeps_it(site):
    app = open_page(RECORD, user="arsiparis", id=site["public"])
    assert not [w for w in app.text_input if w.key == "edit_title"]  # until asked
    app.toggle(key="edit_open").set_value(True).run()
    app.text_input(key="edit_title").input("Pedoman pengarsipan (revisi)")
    app.selectbox(key="edit_security").set_value("T")
    button(app, "Simpan").click().run()
    assert not app.exception
    assert title_of(app) == "Pedoman pengarsipan (revisi)"
    history = static_table(app, "Oleh")
    assert "Klasifikasi keamanan diubah dari Biasa/Terbuka menjadi Terbatas." in list(
        history.iloc[:, 2]
    )
    public = open_page(RECORD, id=site["public"])  # now class T: the public no longer sees it
    assert public.error


def test_bad_edit_is_a_message(site):
    app = open_page(RECORD, user="arsiparis", id=site["public"])
    app.toggle(key="edit_open").set_value(True).run()
    app.text_input(key="edit_date_start").input("2024-13-45")
    button(app, "Simpan").click().run()
    assert app.error and "TTTT-BB-HH" in app.error[0].value


# -- Unggah --------------------------------------------------------------------------------------
def test_upload_reports_accepted_duplicate_flagged_and_rejected(site):
    app = open_page(UPLOAD, user="pencatat")
    pdf = make_pdf("Laporan imunisasi", "Laporan cakupan imunisasi campak triwulan.")
    locked = CORPUS / "pdf" / "005-libreoffice-writer-password_libreoffice-writer-password.pdf"
    app.get("file_uploader")[0].set_value(
        [
            ("imunisasi.pdf", pdf, "application/pdf"),
            ("lagi.pdf", pdf, "application/pdf"),
            ("kunci.pdf", locked.read_bytes() + b"\n", "application/pdf"),
            ("program.exe", b"MZ\x90\x00" + bytes(200), "application/octet-stream"),
        ]
    )
    button(app, "Unggah").click().run()
    assert not app.exception
    assert "2 diterima, 1 duplikat, 1 ditandai, 1 ditolak" in app.success[0].value
    rejected = table_with(app, "Keterangan", last=True)
    assert "Bukan dokumen" in rejected.iloc[0, 2]
    accepted, duplicate = [d.value for d in app.dataframe if "Keterangan" in d.value.columns][:2]
    assert "imunisasi" in list(accepted.iloc[:, 1])  # the record by its title
    first = accepted.iloc[0, 3]
    assert "imunisasi" in duplicate.iloc[0, 2] and first not in duplicate.iloc[0, 2]
    found = open_page(SEARCH, user="pencatat", q="imunisasi")
    assert headings_of(found)[0].startswith("1 ")


def _service() -> Lontar:
    return Lontar(Home.resolve(os.environ["LONTAR_HOME"]))


def shown(markdown: str) -> str:
    """What a person sees of Markdown that pages escaped (ui.text.plain)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def choose(selectbox, label: str):
    """By the label a person sees: AppTest cannot map values through a page's format_func."""
    return selectbox.select_index(list(selectbox.options).index(label))


def static_table(app: AppTest, column: str):
    """The first table whose long cells wrap that has `column`, as a person reads it: an
    st.table (its cells read as Markdown, so the page escaped them) or an HTML table the
    page drew (ui.render.table, its cells escaped as HTML)."""
    for element in app.table:
        if column in element.value.columns:
            return element.value.map(lambda v: shown(v) if isinstance(v, str) else v)
    return next(t for t in html_tables(app) if column in t.columns)


def html_tables(app: AppTest) -> list:
    """The HTML tables a page drew, as data frames (the first row is the header; a table of
    facts, without one, gets columns 0 and 1)."""
    reader = read_html(e.proto.body for e in app.get("html"))
    found = []
    for rows, headed in zip(reader.tables, reader.headed, strict=True):
        found.append(pd.DataFrame(rows[1:], columns=rows[0]) if headed else pd.DataFrame(rows))
    return found


def table_with(app: AppTest, column: str, *, last: bool = False):
    """The (first or last) dataframe or HTML table (ui.render.table) that has `column`:
    tables are found by what they show."""
    tables = [d.value for d in app.dataframe if column in d.value.columns]
    tables += [table for table in html_tables(app) if column in table.columns]
    return tables[-1 if last else 0]


def test_every_link_example_in_the_docs_opens_without_error(site):
    """The examples of docs/ui.md are run here, so the documented URLs keep working."""
    examples = re.findall(r"`/Cari\?([^`]+)`", (PROJECT / "docs" / "ui.md").read_text())
    assert len(examples) >= 9
    for example in examples:
        params = dict(pair.split("=", 1) for pair in example.split("&"))
        app = open_page(SEARCH, **params)
        assert not app.error, (example, app.error[0].value if app.error else "")
        assert headings_of(app)[0].split()[0].isdigit()
