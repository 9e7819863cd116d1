"""Every page as every demo role (and the public) in both languages, read the way a person reads
it: no raw message keys, no snake_case, no English words in the Indonesian pages, no ISO
timestamps, and none of Streamlit's own English where a page could hide it (issue 17, part 3).

The demo repository is built once for the module (a dozen records); each role keeps one
AppTest session per language and moves between pages as the sidebar does, so the whole
matrix (pages x callers x languages) runs in about a minute. Each case is one page as one
caller in one language and names every offending string and the element it was found in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from indexes.search import SearchRequest
from repository.app import Lontar
from repository.core.config import Home
from repository.core.i18n import MESSAGES
from repository.core.security import ADMIN
from repository.demo.builder import DEMO_ACCOUNTS, build_demo
from tests.conftest import PROJECT
from tests.test_pages import login
from ui import registry
from ui.frame import close_services

ROLES = [None, *(name for name, *_ in DEMO_ACCOUNTS)]  # None: the public, not logged in
PASSWORD = {name: password for name, password, *_ in DEMO_ACCOUNTS}

SNAKE = re.compile(r"(?<![\w./@:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/@-]|\.\w)")
ISO_MOMENT = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
)
# snake_case that is content, not a key (add with the reason it is content): the tokens a
# person types into an agenda number's pattern, named in that field's help
SNAKE_ALLOWED: set[str] = {"bulan_romawi"}
# Words no Indonesian page should show: raw stages, actions and statuses, Python's and pandas'
# spellings of nothing, and Streamlit's own widget English. Whole words, case-insensitive.
ENGLISH_WORDS = {
    "created", "listed", "downloaded", "login", "logout", "history", "pending", "decided",
    "received", "granted", "refused", "partial", "assigned", "extended", "submitted",
    "approved", "rejected", "signed", "executed", "viewed", "searched", "uploaded", "updated",
    "edited", "deleted", "shared", "unshared", "classified", "recovered", "settled",
    "objection", "objections", "overdue", "due", "draft", "closed", "done", "failed", "none",
    "true", "false", "nan", "nat", "details", "actor", "action", "count",
    "day", "date", "title", "level", "code", "start", "active", "inactive", "until",
    "disposition", "transfer", "destruction", "appraisal", "permanent", "requester", "notice",
    "index", "value", "variable", "color",  # what st.bar_chart names unnamed axes and legends
}  # fmt: skip
ENGLISH_PHRASES = (
    "Press Enter", "Choose options", "Choose an option", "No options to select",
    "Drag and drop", "per file", "Browse files", "No results", "English month names",
)  # fmt: skip
NOTHING = {"None", "True", "False", "nan", "NaN", "NaT", "{}", "[]", "null", "undefined"}
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
ESCAPE = re.compile(r"\\(.)")
DIRECTIVE = re.compile(r":[a-z]+\[|:material/[a-z_]+:")


@dataclass
class Seen:
    """One string a person sees, and where: the element kind and what it belongs to."""

    where: str
    text: str
    content: bool = False  # a data cell: may hold what people typed (titles, names)
    document: bool = False  # a document's own text (extracted text, snippets): not ours


@dataclass
class Visit:
    """How a page is brought to its main state: URL parameters and, for the status page, the
    look-up a requester does."""

    params: Callable[[dict], dict[str, str]] = lambda demo: {}
    act: Callable[[AppTest, dict], None] | None = None


def _look_up_status(app: AppTest, demo: dict) -> None:
    """The requester's look-up: the number is in the URL, the email goes in the secret box."""
    secret = [box for box in app.main.text_input if box.proto.type == box.proto.PASSWORD]
    assert secret, "Status Permohonan: no password box for the email or NIK"
    secret[0].input(demo["email"])
    app.main.form_submit_button[0].click().run()


VISITS = {
    registry.SEARCH: Visit(lambda demo: {"q": demo["word"]}),
    registry.BROWSE: Visit(lambda demo: {"node": "unit:DINKES"}),
    registry.RECORD: Visit(lambda demo: {"id": demo["record"]}),
    # the refused request, with its objection; the desk opens the granted one
    registry.REQUEST_STATUS: Visit(lambda demo: {"nomor": demo["refused"]}, _look_up_status),
    registry.PPID_DESK: Visit(lambda demo: {"nomor": demo["granted"]}),
    # a sent letter (those outside its chain and recipients are told it was not found)
    registry.LETTERS: Visit(lambda demo: {"id": demo["letter"]}),
    registry.LETTER_VERIFY: Visit(lambda demo: {"id": demo["verify_id"]}),
}


# -- the demo and one session per caller and language --------------------------------------------
@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[dict]:
    """The demo repository, small: what each page needs to show its main state."""
    home = Home.resolve(tmp_path_factory.mktemp("words") / "home")
    home.ensure()
    with Lontar(home) as lontar:
        build_demo(lontar, records=12)
        found = lontar.records.search(
            ADMIN, SearchRequest(unit="DINKES", security=("B",), level="item")
        ).hits
        requests = [r["number"] for r in lontar.ppid.ppid_queue(ADMIN)]
        _main_states(lontar, found[0].id, requests[1])
        sent = next(r for r in lontar.letters.queues(ADMIN)["sent"] if r["sifat"] == "biasa")
        verify_id = lontar.letters.letter(ADMIN, sent["id"])["signed"]["verify_id"]
    record = found[0]
    word = max(record.title.split(), key=len)
    yield {"home": home, "record": record.id, "word": word, "granted": requests[0],
           "refused": requests[1], "email": "pemohon@contoh.id", "letter": sent["id"],
           "verify_id": verify_id}  # fmt: skip
    _sessions.clear()
    close_services()


def _main_states(lontar: Lontar, record_id: str, refused: str) -> None:
    """What a working office has beyond the demo, so the pages show their lists and lines:
    an edited, shared, held and vital record, a transfer list, an objection."""
    lontar.records.update_record(ADMIN, record_id, {"description": "Uraian yang diperbaiki"})
    lontar.access.share(ADMIN, record_id, "DISDIK", "2027-06-30")
    lontar.workbench.hold(ADMIN, record_id, "Perkara di pengadilan")
    lontar.workbench.mark_vital(ADMIN, record_id, "Duplikasi", "Gedung B", "2026-11-02")
    lontar.disposal.propose_transfer(ADMIN, "DINKES.P2P", "DPK")
    lontar.ppid.file_objection(refused, "pemohon@contoh.id", ["a"], "Ditolak tanpa alasan", "uji")


@pytest.fixture
def repository(demo, monkeypatch) -> dict:
    """The demo's home for the app; set per test, after conftest clears LONTAR_HOME."""
    monkeypatch.setenv("LONTAR_HOME", str(demo["home"].path))
    if not _sessions:
        close_services()  # a service another module left open points at its own home
    return demo


_sessions: dict[tuple[str | None, str], AppTest] = {}


def session(role: str | None, language: str) -> AppTest:
    """The caller's browser session in one language, logged in once and kept for its pages."""
    app = _sessions.get((role, language))
    if app is None:
        app = AppTest.from_file(str(PROJECT / "streamlit_app.py"), default_timeout=90)
        app.session_state["_lang"] = language
        app.run()
        if role:
            login(app, role, PASSWORD[role])
            errors = [e.value for e in app.sidebar.error]
            assert not errors, f"{role} could not log in: {errors}"
            assert [b for b in app.sidebar.button if b.key == "logout"], f"{role} not logged in"
        _sessions[(role, language)] = app
    return app


def visit(role: str | None, language: str, entry: registry.Page, demo: dict) -> AppTest:
    """Opens the page the way a link does: switch, then the URL's parameters, then run."""
    app = session(role, language)
    how = VISITS.get(entry, Visit())
    app.switch_page(entry.script)
    app.query_params.clear()
    app.query_params.update(how.params(demo))
    try:
        app.run()
        if how.act:
            how.act(app, demo)
    except Exception:
        _sessions.pop((role, language), None)  # a broken session must not spoil the next page
        raise
    assert not app.exception, f"{entry.script} failed (its traceback is in the captured stderr)"
    return app


# -- what a person sees ---------------------------------------------------------------------------
TEXT_FIELDS = ("label", "body", "placeholder", "help", "caption", "text", "delta")
LINK = re.compile(r"\]\([^)]*\)")
TAG = re.compile(r"<[^>]+>")
HIDDEN = re.compile(r"<(style|script)\b.*?</\1>", re.S | re.I)


def readable(text: str) -> str:
    """Markdown as a person reads it: escapes undone, link targets, colour directives and
    icons dropped (a link's target is a URL, not words)."""
    text = LINK.sub("]", text)
    text = DIRECTIVE.sub(" ", text)
    return ESCAPE.sub(r"\1", TAG.sub(" ", HIDDEN.sub(" ", text)))


def seen(app: AppTest) -> Iterator[Seen]:
    """Every string on the page, from the element tree: texts, labels, options, headers and
    cells of tables, chart titles, expander and tab labels."""
    for part, root in (("sidebar", app.sidebar), ("main", app.main)):
        for node in root:
            if hasattr(node, "children"):
                yield from _block(part, node)
            else:
                yield from _element(f"{part} {node.type}", node)


def _block(part: str, node) -> Iterator[Seen]:
    """Expander, status, tab and popover labels; forms that tell people to press Enter."""
    label = getattr(node, "label", None)
    if isinstance(label, str) and label:
        yield Seen(f"{part} {node.type}", readable(label))
    proto = node.proto
    if node.type == "form" and proto is not None and proto.form.enter_to_submit:
        yield Seen(f"{part} form {proto.form.form_id!r}", "Press Enter to submit form")
    if node.type == "popover" and proto is not None:
        yield Seen(f"{part} popover", readable(proto.popover.label))


def _element(where: str, node) -> Iterator[Seen]:
    """The texts of one element, and the English Streamlit adds to it when a page lets it."""
    proto = node.proto
    if node.type == "text" or (node.type == "html" and "lontar-snippet" in proto.body):
        yield Seen(where, proto.body, document=True)  # the record's words, as written
        return
    for name in TEXT_FIELDS:
        value = getattr(proto, name, None)
        if isinstance(value, str) and value:
            yield Seen(f"{where} {name}", readable(value))
    for option in getattr(proto, "options", ()):
        text = option if isinstance(option, str) else getattr(option, "content", "")
        if text:
            yield Seen(f"{where} option", readable(text))
    if node.type == "multiselect" and not proto.placeholder:
        yield Seen(f"{where} {proto.label!r} placeholder", "Choose options")
    if node.type == "selectbox" and not proto.placeholder and node.value is None:
        yield Seen(f"{where} {proto.label!r} placeholder", "Choose an option")
    if node.type in ("dataframe", "table"):
        yield from _table(where, node.value, markdown=node.type == "table")
    if node.type in ("arrow_vega_lite_chart", "vega_lite_chart"):
        yield from _chart(where, proto)


def _table(where: str, frame: pd.DataFrame, markdown: bool = False) -> Iterator[Seen]:
    """Column names and text cells (st.table reads its cells as Markdown, st.dataframe not)."""
    shown = readable if markdown else str
    for column in frame.columns:
        yield Seen(f"{where} column", shown(str(column)))
    if not isinstance(frame.index, pd.RangeIndex):  # row labels, e.g. a facts table's
        for label in frame.index:
            yield Seen(f"{where} row label", shown(str(label)), content=True)
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            yield Seen(f"{where} column {column!r}", "2000-01-01T00:00 (datetime cells)")
            continue
        for cell in frame[column]:
            if not isinstance(cell, int | float) or cell != cell:  # numbers, but NaN shows
                yield Seen(f"{where} cell in {column!r}", shown(str(cell)), content=True)


def _chart(where: str, proto) -> Iterator[Seen]:
    """Axis, legend and tooltip titles (a field without a title shows its column name), and
    the values of the fields drawn (tick labels, legend entries); other columns stay unseen."""
    drawn = set()
    for encoding in _encodings(json.loads(proto.spec or "{}")):
        name = encoding.get("field")
        title = encoding.get("title", name)
        if isinstance(title, str) and title:
            yield Seen(f"{where} title", title)
        if isinstance(name, str) and encoding.get("type") in ("nominal", "ordinal", None):
            drawn.add(name)
        if encoding.get("type") == "temporal" and _month_names(encoding):
            yield Seen(f"{where} temporal {name!r}", "Dec 5, 2026 (Vega's English month names)")
    frames = [_arrow(d.data.data) for d in getattr(proto, "datasets", ())]
    if proto.HasField("data") and proto.data.data:
        frames.append(_arrow(proto.data.data))
    for frame in frames:
        for column in drawn & set(frame.columns):
            for cell in frame[column]:
                yield Seen(f"{where} value of {column!r}", str(cell), content=True)


def _month_names(encoding: dict) -> bool:
    """Whether Vega writes this time axis with its (English) month or day names: unless the
    axis is given a format of numbers only."""
    given = [encoding.get(part, {}) or {} for part in ("axis", "legend")]
    formats = [g.get("format") for g in given if isinstance(g, dict) and g.get("format")]
    return not formats or any(re.search(r"%[aAbB]", f) for f in formats)


def _encodings(spec) -> Iterator[dict]:
    """Every channel of every `encoding` in a Vega-Lite spec, tooltips' lists included."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key != "encoding" or not isinstance(value, dict):
                yield from _encodings(value)
                continue
            for channel in value.values():
                channels = channel if isinstance(channel, list) else [channel]
                yield from (c for c in channels if isinstance(c, dict))
    elif isinstance(spec, list):
        for value in spec:
            yield from _encodings(value)


def _arrow(data: bytes) -> pd.DataFrame:
    return dataframe_util.convert_arrow_bytes_to_pandas_df(data)


# -- what must not be there -----------------------------------------------------------------------
def faults(seen_here: Seen, language: str) -> list[str]:
    """What is wrong with one string a person sees, in words for the failure message."""
    text, found = seen_here.text.strip(), []
    if seen_here.document:
        return found
    if text in MESSAGES and translate_differs(text, language):
        found.append("raw message key")
    if text in NOTHING:
        found.append("Python/pandas value")
    for token in SNAKE.findall(text) if not found else ():
        if token in MESSAGES:
            found.append(f"raw message key {token!r}")
        elif token not in SNAKE_ALLOWED:
            found.append(f"snake_case {token!r}")
    if moment := ISO_MOMENT.search(text):
        found.append(f"machine date/time {moment.group()!r}")
    if language == "id":
        found += _english(text, seen_here.content)
    return found


def translate_differs(key: str, language: str) -> bool:
    """A key shown as itself is raw unless its translation is the same word (e.g. "Status")."""
    return MESSAGES[key].get(language, MESSAGES[key]["id"]) != key


def _english(text: str, content: bool) -> list[str]:
    found = [f"Streamlit English {p!r}" for p in ENGLISH_PHRASES if p.lower() in text.lower()]
    if content:  # a cell may hold a title someone typed: only a whole English cell is ours
        words = [text] if text.lower() in ENGLISH_WORDS else []
    else:
        words = [w for w in WORD.findall(text) if w.lower() in ENGLISH_WORDS]
    found += [f"English {w!r}" for w in dict.fromkeys(words)]
    return found


def report(app: AppTest, language: str) -> list[str]:
    """The faults on the page, one line per fault and element; a table column with the same
    fault in many cells is one line with the count and the first cell."""
    lines: dict[tuple[str, str], list[str]] = {}
    for item in seen(app):
        for fault in faults(item, language):
            kind = fault.split(" '")[0] if item.content else fault
            lines.setdefault((kind, item.where), []).append(f"{fault}: {item.text[:120]!r}")
    return [
        f"{found[0]} in [{where}]" + (f" (and {len(found) - 1} more)" if found[1:] else "")
        for (_, where), found in lines.items()
    ]


CASES = [
    pytest.param(
        role, language, entry, id=f"{entry.url or 'Beranda'}-{role or 'publik'}-{language}"
    )
    for role in ROLES
    for language in ("id", "en")
    for entry in registry.PAGES
]


@pytest.mark.parametrize(("role", "language", "entry"), CASES)
def test_a_page_reads_as_words(repository, role, language, entry):
    app = visit(role, language, entry, repository)
    problems = report(app, language)
    assert not problems, (
        f"{entry.script} as {role or 'the public'} in {language!r} shows:\n  "
        + "\n  ".join(problems)
    )


SLOPPY_PAGE = """
import pandas as pd
import streamlit as st

st.title("nav_search")
st.caption("Dibuat oleh admin · created")
st.dataframe(pd.DataFrame({"active_until": ["2026-12-04T19:05:55+00:00"], "Judul": ["None"]}))
st.multiselect("Unit", ["DINKES"])
with st.form("f"):
    st.text_input("Nama")
    st.form_submit_button("Kirim")
st.bar_chart(pd.DataFrame({"day": pd.to_datetime(["2026-12-04"]), "n": [1]}), x="day", y="n")
st.text("Laporan 2026-12-04T19:05 created")  # a document's own words: not checked
"""


def test_the_check_sees_what_a_sloppy_page_shows():
    """The guard itself can fail: each fault a page could make is named, and a document's own
    words are left alone."""
    app = AppTest.from_string(SLOPPY_PAGE, default_timeout=30).run()
    problems = "\n".join(report(app, "id"))
    for expected in (
        "raw message key: 'nav_search' in [main title body]",
        "English 'created': 'Dibuat oleh admin · created' in [main caption body]",
        "snake_case 'active_until': 'active_until' in [main dataframe column]",
        "machine date/time '2026-12-04T19:05:55+00:00'",
        "Python/pandas value: 'None' in [main dataframe cell in 'Judul']",
        "Streamlit English 'Choose options'",
        "Streamlit English 'Press Enter': 'Press Enter to submit form' in [main form 'f']",
        "English month names",
    ):
        assert expected in problems, f"{expected!r} not reported in:\n{problems}"
    assert "Laporan" not in problems
    assert report(app, "en") and "English 'created'" not in "\n".join(report(app, "en"))
