"""The finding aid (inventaris arsip statis) of a public fonds, series or berkas, as a PDF
generated from the public tree: a title page (institution, title, reference code, dates,
creator), the ISAD(G) introduction from the archival description, then the inventory: the
public records below in reference order, series as headings, every berkas and item a numbered
entry with its reference code, title, dates and, for a digital one, its permanent URL.

A fonds may hold 100k items, so nothing here holds the whole tree. The inventory is a
generator over `views.public_children`, one node dict at a time, and the PDF is built from a
story that platypus reads from the front while the generator fills it from the back
(`Stream`): the flowables waiting at any moment are a few dozen, not 100k. Every
`RELEASE_EVERY` records the database connection's cache is trimmed (`cacheGC`), since one
read transaction keeps every object it touched otherwise (shared/stack-notes.md, ZODB).

Everything a person reads is in the reader's language: labels through the catalogue, dates
through `core.formatting`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from html import escape
from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from repository.catalogue.views import node_dict, public_children
from repository.core import clock
from repository.core.content import Record
from repository.core.errors import InvalidInput
from repository.core.formatting import date_text
from repository.core.i18n import MESSAGES, translate
from repository.core.pdf import stylesheet

WITH_AID = ("fonds", "series", "file")  # the levels that hold an inventory
HEADINGS = ("fonds", "series")  # below the top, these are headings, not numbered entries
RELEASE_EVERY = 1000  # records between two trims of the connection's cache
AHEAD = 64  # flowables the story holds ahead of the layout
# ISAD(G) elements of the introduction, beside the identity table: (label key, field)
NARRATIVE = (
    ("fa_el_admin_history", "admin_history"),
    ("fa_el_scope_content", "scope_content"),
    ("fa_el_access", "access_conditions"),
    ("fa_el_reproduction", "reproduction_conditions"),
)


class Stream(list):
    """A platypus story filled lazily: `build` asks its length before each step and takes
    flowables from the front (splitting and keep-with-next put some back there); asking the
    length tops it up from the generator, so it never holds more than `AHEAD` and a little."""

    def __init__(self, flowables: Iterator[Flowable], ahead: int = AHEAD) -> None:
        super().__init__()
        self._source: Iterator[Flowable] | None = flowables
        self._ahead = ahead

    def __len__(self) -> int:
        while self._source is not None and list.__len__(self) < self._ahead:
            following = next(self._source, None)
            if following is None:
                self._source = None
            else:
                self.append(following)
        return list.__len__(self)


def check_level(record: Record) -> None:
    if record.level not in WITH_AID:
        raise InvalidInput("fa_level", level=translate(f"level_{record.level}"))


def finding_aid_pdf(record: Record, institution: str, base_url: str, lang: str) -> bytes:
    """The PDF of a public `record`'s finding aid (the caller checked that it is public and
    of a level in `WITH_AID`); built while the database connection is open."""
    node = node_dict(record, base_url)
    styles = _styles()
    buffer = BytesIO()
    title = f"{translate('fa_title', lang)} {node['refcode']}"
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, author=institution,
        leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm,
    )  # fmt: skip
    footer = _footer(f"{translate('fa_title', lang)} · {node['refcode']}", lang)
    story = Stream(_story(record, node, institution, base_url, lang, styles))
    document.build(story, onFirstPage=lambda canvas, doc: None, onLaterPages=footer)
    return buffer.getvalue()


def _story(
    record: Record, node: dict, institution: str, base_url: str, lang: str, styles: dict
) -> Iterator[Flowable]:
    yield from _title_page(node, institution, lang, styles)
    yield PageBreak()
    yield from _introduction(node, lang, styles)
    yield CondPageBreak(6 * cm)
    yield Paragraph(escape(translate("fa_inventory", lang)), styles["h1"])
    count = number = 0
    for depth, child in _walk(record):
        count += 1
        below = node_dict(child, base_url)
        if below["level"] in HEADINGS:
            yield from _heading(below, depth, lang, styles)
        else:
            number += 1
            in_berkas = child.parent is not record and child.parent.level == "file"
            yield _entry(below, number, int(in_berkas), lang, styles)
        if count % RELEASE_EVERY == 0 and record._p_jar is not None:
            record._p_jar.cacheGC()  # the objects read so far may go (their ghosts stay)
    if not count:
        yield Paragraph(escape(translate("fa_empty", lang)), styles["body"])


# -- the inventory --------------------------------------------------------------------------
def _walk(record: Record, depth: int = 0) -> Iterator[tuple[int, Record]]:
    """The public records below `record`, depth first, each level in reference order."""
    for child in public_children(record):
        yield depth, child
        yield from _walk(child, depth + 1)


def _heading(node: dict, depth: int, lang: str, styles: dict) -> Iterator[Flowable]:
    """A series (or a fonds within the fonds) as a heading over its entries, its reference
    code and dates under it, both kept with the first entry."""
    yield Paragraph(escape(node["title"]), styles["h2"] if depth == 0 else styles["h3"])
    yield Paragraph(_code_and_dates(node, lang), styles["under"])


def _entry(node: dict, number: int, indent: int, lang: str, styles: dict) -> Flowable:
    """A berkas or item as a numbered entry (the numbers run through the whole inventory),
    an item of a berkas indented under it; a digital one with its permanent URL."""
    text = f"<b>{number}.</b>&nbsp;&nbsp;{escape(node['title'])}<br/>"
    text += _code_and_dates(node, lang)
    if node["digital"]:
        url = escape(node["url"], quote=True)
        text += f"<br/><font size='7'><link href='{url}' color='blue'>{url}</link></font>"
    return Paragraph(text, styles["entry"][indent])


def _code_and_dates(node: dict, lang: str) -> str:
    refcode = f"<font name='Courier' size='8'>{escape(node['refcode'])}</font>"
    return f"{refcode} · {escape(dates_text(node, lang, 'medium'))}"


# -- the title page and the introduction -----------------------------------------------------
def _title_page(node: dict, institution: str, lang: str, styles: dict) -> Iterator[Flowable]:
    yield Spacer(1, 4 * cm)
    yield Paragraph(escape(institution.upper()), styles["institution"])
    yield HRFlowable(width="100%", thickness=1.5, color=colors.black, spaceAfter=18)
    yield Paragraph(escape(translate("fa_title", lang).upper()), styles["kind"])
    yield Paragraph(escape(node["title"]), styles["title"])
    yield Spacer(1, 1 * cm)
    rows = [
        (translate("fa_el_refcode", lang), node["refcode"]),
        (translate("fa_el_dates", lang), dates_text(node, lang)),
        (translate("fa_el_creator", lang), node["creator"] or "-"),
        (translate("fa_el_level", lang), translate(f"level_{node['level']}", lang)),
        (translate("fa_el_url", lang), node["url"]),
    ]
    yield _facts(rows, styles)
    yield Spacer(1, 2 * cm)
    made = translate("fa_made", lang, date=date_text(clock.today(), lang))
    yield Paragraph(escape(made), styles["small"])


def _introduction(node: dict, lang: str, styles: dict) -> Iterator[Flowable]:
    """ISAD(G)'s essential elements: identity and context as a table, the narrative elements
    (history, scope and content, conditions of access and reproduction) as text."""
    own = node["description"] or {}
    yield Paragraph(escape(translate("fa_intro", lang)), styles["h1"])
    languages = ", ".join(language_name(code, lang) for code in node["languages"])
    rows = [
        (translate("fa_el_refcode", lang), node["refcode"]),
        (translate("fa_el_title", lang), node["title"]),
        (translate("fa_el_dates", lang), dates_text(node, lang)),
        (translate("fa_el_level", lang), translate(f"level_{node['level']}", lang)),
        (translate("fa_el_extent", lang), own.get("extent") or "-"),
        (translate("fa_el_creator", lang), node["creator"] or "-"),
        (translate("fa_el_language", lang), languages or "-"),
    ]
    yield _facts(rows, styles)
    texts = {
        **{field: own.get(field, "") for _, field in NARRATIVE},
        "access_conditions": node["access_conditions"],
        "reproduction_conditions": node["reproduction_conditions"],
    }
    texts["scope_content"] = texts["scope_content"] or node["scope"]
    for key, field in NARRATIVE:
        if texts[field].strip():
            yield Paragraph(escape(translate(key, lang)), styles["h4"])
            yield Paragraph(_multiline(texts[field]), styles["body"])


def language_name(code: str, lang: str) -> str:
    """A language by name where the catalogue knows it (ind: Bahasa Indonesia), else its
    ISO 639-2 code: the one table of names the Katalog's facet and record page use too
    (`kat_language_<code>`)."""
    key = f"kat_language_{code}"
    return translate(key, lang) if key in MESSAGES else code


def _facts(rows: list[tuple[str, str]], styles: dict) -> Table:
    cells = [
        [
            Paragraph(f"<b>{escape(label)}</b>", styles["body"]),
            Paragraph(escape(str(value)), styles["body"]),
        ]
        for label, value in rows
    ]
    table = Table(cells, colWidths=[5 * cm, 12 * cm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _multiline(text: str) -> str:
    return "<br/>".join(escape(line) for line in text.strip().splitlines())


def dates_text(node: dict, lang: str, style: str = "long") -> str:
    """A span ("1 Januari 1950 – 31 Desember 1960"), one date, or "tanpa tanggal"."""
    start, end = node["date_start"], node["date_end"]
    if not start and not end:
        return translate("fa_no_date", lang)
    shown = [date_text(value, lang, style) for value in (start, end) if value]
    return " – ".join(dict.fromkeys(shown))


# -- looks ------------------------------------------------------------------------------------
def _styles() -> dict:
    """The core stylesheet's styles, adapted for the title page, headings and entries."""
    base = stylesheet()
    entry = [
        ParagraphStyle(
            f"fa_entry_{step}",
            parent=base["BodyText"],
            fontSize=9,
            leading=11,
            leftIndent=(0.9 + step * 0.8) * cm,
            firstLineIndent=-0.9 * cm,
            spaceBefore=3,
        )
        for step in range(2)
    ]
    heading = {"keepWithNext": 1}
    return {
        "institution": ParagraphStyle("fa_inst", parent=base["Heading2"], alignment=1),
        "kind": ParagraphStyle("fa_kind", parent=base["Heading3"], alignment=1),
        "title": ParagraphStyle("fa_title", parent=base["Title"], fontSize=20, leading=24),
        "h1": ParagraphStyle("fa_h1", parent=base["Heading1"], spaceBefore=12, **heading),
        "h2": ParagraphStyle("fa_h2", parent=base["Heading2"], **heading),
        "h3": ParagraphStyle("fa_h3", parent=base["Heading3"], **heading),
        "h4": ParagraphStyle("fa_h4", parent=base["Heading4"], **heading),
        "body": base["BodyText"],
        "under": ParagraphStyle(
            "fa_under", parent=base["BodyText"], fontSize=9, leading=11, spaceAfter=4, **heading
        ),
        "small": ParagraphStyle("fa_small", parent=base["BodyText"], fontSize=8, leading=10),
        "entry": entry,
    }


def _footer(text: str, lang: str) -> Callable[..., None]:
    """Draws the document's name and the page number at the foot of every page but the
    title page."""

    def draw(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(2 * cm, 1.2 * cm, text[:110])
        page = translate("fa_page", lang, page=document.page)
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, page)
        canvas.restoreState()

    return draw
