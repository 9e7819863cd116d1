"""Selection lists (daftar pilihan): the records a researcher pinned while browsing the
catalogue, as rows, and saved under a number a reading-room request or a PPID request cites.

A saved list is a `Selection` in `catalogue.selections` (bare number -> Selection). Its bare
number is `DP-<year>-<nnnn>`, taken from one counter per year (`catalogue.selection_counters`,
year -> last number) in the transaction that stores the list, as ppid/model.py numbers
requests: two saves at once conflict on the counter, one retries and takes the next number, so
numbers are unique and gapless. Sequential numbers can be guessed, so each list also gets a
random check (`CHECK_LENGTH` characters of Crockford's base32, which has no I, L, O or U) and
the number a researcher cites is the full one, `DP-2026-0007-K3QF7`. The public opens a list
only by its full number; staff (who may publish or handle PPID requests) also by the bare one,
the number a request form may carry without its check.

A list holds ids only. What it shows is decided when it is read: a record that is no longer
public (withdrawn, reclassified, destroyed) is a row marked unavailable, without its title.
The name and contact given when saving are personal data and only staff see them
(`ReadingRoom.selection`).

Saving and failed openings are throttled per client address (`Throttle`, in this process's
memory): enough to stop a script filling the database or trying checks, not a defence against
one spread over many addresses.
"""

from __future__ import annotations

import hmac
import itertools
import re
import secrets
import threading
from collections.abc import Iterable
from html import escape

from persistent import Persistent
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from repository.catalogue.findingaid import dates_text
from repository.catalogue.model import Catalogue, catalogue_for_write
from repository.catalogue.publication import is_public
from repository.catalogue.views import node_dict
from repository.core import clock, exports
from repository.core.content import Pemda, lazy_tree
from repository.core.errors import InvalidInput
from repository.core.formatting import date_text
from repository.core.i18n import translate
from repository.core.pdf import pdf, stylesheet
from repository.ppid.forms import EMAIL
from repository.records.records import clean_text

PREFIX = "DP"
MAX_IDS = 500  # what a reading room can fetch for one visit, and a bound on what one save stores
MAX_NAME = 200
# a number as typed, once spaces are gone and letters upper case: the bare part, the check
NUMBER = re.compile(r"^DP-(\d{4})-(\d+)(?:-([0-9A-Z]+))?$")
CHECK_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32: no I, L, O, U
CHECK_LENGTH = 5  # 32**5, about 33 million checks per number
READ_AS = str.maketrans("OIL", "011")  # what a reader may type for 0 and 1
SAVES = (10, 60.0, "sel_too_many_saves")  # per client address per window (seconds)
MISSES = (20, 600.0, "sel_too_many_misses")  # different wrong numbers, likewise
# what a row of a list shows of a public record (views.node_dict is the projection)
ROW_FIELDS = (
    "id",
    "refcode",
    "title",
    "level",
    "date_start",
    "date_end",
    "creator",
    "unit",
    "digital",
    "url",
)
FORMATS = ("csv", "xlsx", "pdf")
# the columns of an exported list, each headed in the reader's language (sel_col_<name>)
COLUMNS = ("no", "refcode", "title", "level", "date_start", "date_end", "creator", "url")


class Selection(Persistent):
    """One saved list; it never changes after saving (a new list gets a new number)."""

    number = ""  # the bare number, DP-2026-0007: the key in `catalogue.selections`
    check = ""  # the random part the public needs (lists saved before it had none)
    ids: tuple[str, ...] = ()
    created = ""  # ISO moment of saving, with its offset
    name = ""  # the researcher's name, if given (staff only)
    contact = ""  # an e-mail address, if given (staff only)
    saved_by = ""  # the account that saved it, or "anonymous"

    def __init__(
        self, number: str, ids: tuple[str, ...], name: str, contact: str, saved_by: str
    ) -> None:
        self.number = number
        self.check = new_check()
        self.ids = ids
        self.name = name
        self.contact = contact
        self.saved_by = saved_by
        self.created = clock.now().isoformat(timespec="seconds")

    @property
    def cited(self) -> str:
        """The full number, the one to cite and the one the public opens it by."""
        return f"{self.number}-{self.check}" if self.check else self.number


def new_check() -> str:
    return "".join(secrets.choice(CHECK_ALPHABET) for _ in range(CHECK_LENGTH))


def clean_ids(ids: Iterable[str]) -> list[str]:
    """The ids as typed or pinned: trimmed, empty ones and repeats left out, order kept."""
    seen: dict[str, None] = {}
    for value in ids or ():
        text = str(value or "").strip()
        if text:
            seen.setdefault(text, None)
    return list(seen)


def checked_ids(ids: Iterable[str]) -> list[str]:
    """Refuses an empty list and one longer than `MAX_IDS`, in words a researcher reads."""
    cleaned = clean_ids(ids)
    if not cleaned:
        raise InvalidInput("sel_empty")
    if len(cleaned) > MAX_IDS:
        raise InvalidInput("sel_too_many", limit=MAX_IDS, count=len(cleaned))
    return cleaned


def checked_contact(name: str, contact: str) -> tuple[str, str]:
    """The optional name (one line, bounded) and e-mail address (checked as PPID checks it)."""
    name = clean_text(name or "", one_line=True)
    contact = clean_text(contact or "", one_line=True)
    if len(name) > MAX_NAME:
        raise InvalidInput("sel_name_too_long", limit=MAX_NAME)
    if contact and (len(contact) > 254 or not EMAIL.match(contact)):
        raise InvalidInput("sel_bad_contact", value=contact)
    return name, contact


def public_ids(pemda: Pemda, ids: Iterable[str]) -> list[str]:
    """The ids of records that exist and are public now, in the order given."""
    return [rid for rid in ids if _public_record(pemda, rid) is not None]


def _public_record(pemda: Pemda, record_id: str):
    record = pemda.records.get(record_id)
    return record if record is not None and is_public(record) else None


def row(pemda: Pemda, record_id: str, base_url: str) -> dict:
    """One line of a list: the public record's facts (`available`), or only its id."""
    record = _public_record(pemda, record_id)
    if record is None:
        return {"id": record_id, "available": False}
    node = node_dict(record, base_url)
    return {**{name: node[name] for name in ROW_FIELDS}, "available": True}


def rows(pemda: Pemda, ids: Iterable[str], base_url: str, *, public_only: bool) -> list[dict]:
    """The lines of a list, numbered from 1 in its order; `public_only` leaves the others out
    (the list being made), else they stay as unavailable lines (a saved list)."""
    found = [row(pemda, rid, base_url) for rid in clean_ids(ids)]
    if public_only:
        found = [line for line in found if line["available"]]
    return [{"no": number, **line} for number, line in enumerate(found, 1)]


def next_number(catalogue: Catalogue, year: int) -> str:
    """DP-2026-0001, DP-2026-0002, ...: one counter per year, one BTree key, so two saves at
    once conflict and `write` retries one of them."""
    counters = lazy_tree(catalogue, "selection_counters")
    counters[year] = counters.get(year, 0) + 1
    return f"{PREFIX}-{year}-{counters[year]:04d}"


def save(pemda: Pemda, ids: list[str], name: str, contact: str, actor: str) -> Selection:
    """Stores the public ones of `ids` (checked already) under a new number; refuses a list
    none of whose records is public."""
    kept = public_ids(pemda, ids)
    if not kept:
        raise InvalidInput("sel_none_public")
    catalogue = catalogue_for_write(pemda)
    number = next_number(catalogue, clock.today().year)
    selection = Selection(number, tuple(kept), name, contact, actor)
    lazy_tree(catalogue, "selections")[number] = selection
    return selection


def parsed_number(number: str) -> tuple[str, str] | None:
    """A number as typed (" dp-2026-7-k3qf7 ", "DP-2026-0007") as (bare number as stored,
    check or ""), the check read as Crockford's base32 is (O as 0, I and L as 1); None for
    anything else."""
    text = "".join(str(number or "").split()).upper()
    found = NUMBER.match(text)
    if found is None:
        return None
    year, serial, check = found.groups()
    return f"{PREFIX}-{year}-{int(serial):04d}", (check or "").translate(READ_AS)


def bare_number(number: str) -> str:
    """DP-2026-0007 of DP-2026-0007-K3QF7 (what the audit trail names)."""
    parsed = parsed_number(number)
    return parsed[0] if parsed else number


def find(pemda: Pemda, number: str, *, staff: bool) -> Selection | None:
    """The list a number names: by its full number for everyone, by the bare one for `staff`
    only. A wrong check finds nothing, as an unknown number does."""
    parsed = parsed_number(number)
    catalogue = pemda.catalogue
    selections = (catalogue.selections if catalogue is not None else None) or {}
    saved = selections.get(parsed[0]) if parsed else None
    if saved is None:
        return None
    check = parsed[1]
    if not check:
        return saved if staff else None
    return saved if saved.check and hmac.compare_digest(check, saved.check) else None


class Throttle:
    """Recent attempts per client address, in this process's memory (a restart forgets them,
    and each web process counts its own). `most` different attempts in `window` seconds, then
    refusal until the oldest leaves the window; an attempt repeated (the same wrong number
    asked again when the page reruns) counts once."""

    def __init__(self, most: int, window: float, key: str) -> None:
        self.most, self.window, self.key = most, window, key
        self._seen: dict[str, dict[str, float]] = {}
        self._lock = threading.Lock()
        self._fresh = itertools.count()

    def allow(self, address: str, now: float, attempt: str | None = None) -> None:
        """Raises `InvalidInput(key)` once `address` has used up the window, except for an
        `attempt` counted already (asking it again tells nothing new)."""
        with self._lock:
            recent = self._recent(address, now)
            if attempt not in recent and len(recent) >= self.most:
                raise InvalidInput(self.key, minutes=max(1, int(self.window // 60)))

    def note(self, address: str, now: float, attempt: str | None = None) -> None:
        """Counts an attempt (`attempt` names it; None: a new one each time)."""
        with self._lock:
            if len(self._seen) > 10_000:  # many addresses: forget the quiet ones
                self._seen = {a: t for a in list(self._seen) if (t := self._recent(a, now))}
            recent = self._recent(address, now)
            recent[attempt if attempt is not None else f"#{next(self._fresh)}"] = now
            self._seen[address] = recent

    def _recent(self, address: str, now: float) -> dict[str, float]:
        seen = self._seen.get(address, {})
        return {what: at for what, at in seen.items() if at > now - self.window}


# -- exports ----------------------------------------------------------------------------------
def export(lines: list[dict], fmt: str, lang: str, institution: str, number: str = "") -> bytes:
    """A list's lines as a file: CSV or Excel with the columns headed in `lang` (dates stay
    ISO 8601, for sorting), or a PDF to print, dates in words."""
    if fmt not in FORMATS:
        raise InvalidInput("sel_bad_format", fmt=fmt, formats=", ".join(FORMATS))
    if fmt == "pdf":
        return _pdf(lines, lang, institution, number)
    headers = {name: translate(f"sel_col_{name}", lang) for name in COLUMNS}
    table = [{headers[name]: _cell(line, name, lang) for name in COLUMNS} for line in lines]
    return exports.encode(table, fmt, list(headers.values()))


def _cell(line: dict, name: str, lang: str):
    if not line["available"]:
        shown = {"no": line["no"], "title": translate("sel_unavailable", lang)}
        return shown.get(name, "")
    if name == "level":
        return translate(f"level_{line['level']}", lang)
    return line.get(name) or ""


PDF_WIDTHS = (1 * cm, 4.2 * cm, 7 * cm, 2.8 * cm, 3 * cm)


def _pdf(lines: list[dict], lang: str, institution: str, number: str) -> bytes:
    """The list to print or send: who holds the records, the list's number if saved, the
    day, then one table line per record (its permanent URL under the title)."""
    styles = stylesheet()
    small = styles["BodyText"].clone("sel_cell", fontSize=8, leading=10)
    title = translate("sel_pdf_title", lang) + (f" {number}" if number else "")
    made = translate("sel_pdf_made", lang, date=date_text(clock.today(), lang), count=len(lines))
    columns = ("no", "refcode", "title", "dates", "creator")
    header = [Paragraph(escape(translate(f"sel_col_{c}", lang)), small) for c in columns]
    body = [[Paragraph(_pdf_cell(line, c, lang), small) for c in columns] for line in lines]
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
    story = [
        Paragraph(escape(institution), styles["Heading3"]),
        Paragraph(escape(title), styles["Heading1"]),
        Paragraph(escape(made), styles["BodyText"]),
        Spacer(1, 8),
        table,
    ]
    return pdf(title, story)


def _pdf_cell(line: dict, name: str, lang: str) -> str:
    if name == "no":
        return str(line["no"])
    if not line["available"]:
        return f"<i>{escape(translate('sel_unavailable', lang))}</i>" if name == "title" else ""
    if name == "dates":
        return escape(dates_text(line, lang, "medium"))
    if name == "title":
        url = escape(line["url"], quote=True)
        return f"{escape(line['title'])}<br/><font size='6' color='grey'>{url}</font>"
    return escape(line.get(name) or "")
