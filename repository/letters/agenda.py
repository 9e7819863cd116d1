"""The buku agenda masuk: agenda numbers per unit and year, their pattern, and the register's
rows and their exports (Excel/CSV/JSON rows, the printed book). Pure functions in the
caller's transaction: they commit and audit nothing.

An agenda number is taken from one `Counter` per unit and year (`registry.counters`,
"agenda|UNIT|YEAR"), in the transaction that registers the letter. The counter has no
conflict resolution on purpose: two registrations in one unit conflict, one retries and takes
the next number, so numbers are unique and, since a number is taken only by a transaction
that also stores its letter, gapless. `registry.agenda["UNIT|YEAR"]` maps each number's
place (urut) to the incoming letter that holds it: the register reads it in order.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from BTrees.IOBTree import IOBTree
from reportlab.lib import colors
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from repository.core import formatting
from repository.core.content import Pemda
from repository.core.errors import InvalidInput
from repository.core.i18n import translate
from repository.core.pdf import pdf, stylesheet
from repository.core.security import Caller
from repository.letters import (
    messages,  # noqa: F401  (registers the catalogue)
    numbering,
)
from repository.letters.model import Counter, Incoming, Registry

TOKENS = ("urut", "unit", "tahun", "bulan_romawi", "bulan2")
DEFAULT_PATTERN = "{urut}/{unit}/{tahun}"
PADDING = 4
MAX_PATTERN = 100
COLUMNS = (
    "no",
    "received",
    "agenda",
    "sender",
    "their_date",
    "their_number",
    "hal",
    "classification",
    "addressed",
    "state",
)


def check_pattern(pattern: str) -> str:
    """The pattern trimmed, or agenda_pattern_invalid naming what is wrong: a pattern must
    hold {urut} (else two letters would get one number) and only the agenda's tokens."""
    pattern = (pattern or "").strip()
    names = numbering.TOKEN.findall(pattern)
    rest = numbering.TOKEN.sub("", pattern)
    unknown = [name for name in names if name not in TOKENS]
    if not pattern or len(pattern) > MAX_PATTERN or "{" in rest or "}" in rest:
        raise InvalidInput("agenda_pattern_invalid", pattern=pattern)
    if unknown:
        raise InvalidInput("agenda_pattern_token", token=unknown[0], tokens=_token_list())
    if "urut" not in names:
        raise InvalidInput("agenda_pattern_needs_urut")
    return pattern


def _token_list() -> str:
    return ", ".join("{" + name + "}" for name in TOKENS)


def pattern_for(registry: Registry, unit_code: str) -> str:
    """The unit's own pattern, else the Pemda's default (unit ""), else the built-in one."""
    patterns = getattr(registry, "agenda_patterns", None) or {}
    return patterns.get(unit_code) or patterns.get("") or DEFAULT_PATTERN


def format_agenda(pattern: str, urut: int, unit_code: str, day: dt.date) -> str:
    tokens = {
        "urut": str(urut).zfill(PADDING),
        "unit": unit_code,
        "tahun": str(day.year),
        "bulan_romawi": numbering.roman_month(day.month),
        "bulan2": f"{day.month:02d}",
    }
    return numbering.TOKEN.sub(lambda match: tokens.get(match.group(1), ""), pattern)


def book_key(unit_code: str, year: int) -> str:
    return f"{unit_code}|{year}"


def allocate(registry: Registry, incoming: Incoming, day: dt.date) -> str:
    """Gives the letter the next agenda number of its unit and the year of `day` (the day it
    is registered), enters it in the book and returns the number as printed. Idempotent for
    a letter that has one already (a retried transaction starts from fresh state anyway)."""
    if incoming.agenda:
        return incoming.agenda
    key = f"agenda|{incoming.unit}|{day.year}"
    counter = registry.counters.get(key)
    if counter is None:
        counter = registry.counters[key] = Counter()
    counter.value += 1
    books = registry.table("agenda")
    book = books.get(book_key(incoming.unit, day.year))
    if book is None:
        book = books[book_key(incoming.unit, day.year)] = IOBTree()
    book[counter.value] = incoming.id
    pattern = pattern_for(registry, incoming.unit)
    incoming.agenda = format_agenda(pattern, counter.value, incoming.unit, day)
    incoming.agenda_urut, incoming.agenda_year = counter.value, day.year
    return incoming.agenda


def entries(registry: Registry | None, unit_code: str, year: int) -> list[Incoming]:
    """The book's letters in the order of their numbers."""
    books = getattr(registry, "agenda", None) or {}
    book = books.get(book_key(unit_code, year))
    table = getattr(registry, "incoming", None) or {}
    return [table[i] for i in (book.values() if book is not None else ()) if i in table]


def register_row(
    pemda: Pemda, registry: Registry, caller: Caller, incoming: Incoming, names, opens: bool
) -> dict:
    """One line of the buku agenda. For a reader who may not open the letter (`opens`:
    views.sees_incoming, e.g. an Arsiparis outside its chain) or is not cleared for its class,
    the line keeps its number, dates, classification and state, so the book accounts for
    every number, but not who sent it, their number, hal or summary (as the agenda keluar
    withholds a classified letter's hal and addressees). `names` turns a position code into
    its name."""
    seen = opens and caller.sees_class(incoming.security or "B")
    return {
        "id": incoming.id,
        "no": incoming.agenda_urut,
        "received": iso(incoming.received),
        "agenda": incoming.agenda,
        "sender": incoming.sender if seen else "",
        "their_date": iso(incoming.their_date),
        "their_number": incoming.their_number if seen else "",
        "hal": incoming.hal if seen else "",
        "summary": incoming.summary if seen else "",
        "classification": incoming.classification,
        "addressed": names(incoming.addressed) if incoming.addressed else "",
        "state": incoming.state,
        "kind": incoming.kind,
        "source": incoming.source,
        "withheld": not seen,
    }


def row_words(row: dict) -> str:
    """What a register search looks in: only what the line shows (a withheld line's sender,
    number and hal are blank, so they cannot be found by guessing either)."""
    parts = (
        row["agenda"],
        row["sender"],
        row["their_number"],
        row["hal"],
        row["summary"],
        row["classification"],
        row["addressed"],
    )
    return " ".join(str(p) for p in parts if p).lower()


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


# -- exports ---------------------------------------------------------------------------------------
def agenda_table(rows: list[dict], lang: str | None = None) -> tuple[list[dict], list[str]]:
    """The register as an export's rows under headers in the reader's language; dates as
    ISO (machine) values, states in words, withheld cells empty."""
    headers = {c: translate(f"agenda_col_{c}", lang) for c in COLUMNS}
    table = []
    for row in rows:
        values = {c: row.get(c) for c in COLUMNS}
        values["received"] = formatting.machine(row["received"]) if row["received"] else ""
        values["their_date"] = formatting.machine(row["their_date"]) if row["their_date"] else ""
        values["state"] = translate(f"incoming_state_{row['state']}", lang)
        table.append({headers[c]: values[c] for c in COLUMNS})
    return table, [headers[c] for c in COLUMNS]


PDF_LANG = "id"  # the printed book is an official register: Bahasa Indonesia
PDF_WIDTHS = (22, 48, 62, 70, 48, 55, 95, 40, 60, 45)


def agenda_pdf(unit_name: str, year: int, rows: list[dict]) -> bytes:
    """The buku agenda masuk to print: a heading and one table line per agenda number."""
    styles = stylesheet()
    small = styles["BodyText"].clone("agenda", fontSize=7, leading=8.5)
    title = translate("agenda_pdf_title", PDF_LANG, unit=unit_name, year=year)
    header = [Paragraph(escape(translate(f"agenda_col_{c}", PDF_LANG)), small) for c in COLUMNS]
    body = [[Paragraph(escape(_pdf_cell(row, c)), small) for c in COLUMNS] for row in rows]
    table = Table([header, *body], colWidths=PDF_WIDTHS, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
            ]
        )
    )
    story = [Paragraph(escape(title), styles["Heading2"]), Spacer(1, 6), table]
    if not rows:
        story.append(Paragraph(escape(translate("agenda_empty", PDF_LANG)), styles["BodyText"]))
    return pdf(title, story)


def _pdf_cell(row: dict, column: str) -> str:
    value = row.get(column)
    if column in ("received", "their_date"):
        return formatting.date_text(value, PDF_LANG, "medium") if value else "-"
    if column == "state":
        return translate(f"incoming_state_{value}", PDF_LANG)
    if row.get("withheld") and column in ("sender", "their_number", "hal"):
        return translate("agenda_withheld", PDF_LANG)
    return str(value) if value not in (None, "") else "-"
