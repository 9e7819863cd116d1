"""Search results as files: CSV (UTF-8 with BOM, which Excel opens with Indonesian names
intact), Excel and JSON. The rows come from the search service, so an export holds exactly
what its caller may see, no more."""

from __future__ import annotations

import csv
import io
import json
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


def row_of(hit) -> dict:
    return {
        name: " ".join(hit.flags) if name == "flags" else getattr(hit, name) for name in COLUMNS
    }


def encode(rows: Iterable[dict], fmt: str, columns: Sequence[str] = COLUMNS) -> bytes:
    """Rows as a file in `fmt`; every export of Lontar (search, audit, registers) goes
    through here, so they all open the same way in Excel."""
    rows = list(rows)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1).encode()
    if fmt == "xlsx":
        import pandas as pd  # heavy (about 0.3 s): loaded only when an Excel file is asked for

        out = io.BytesIO()
        pd.DataFrame(rows, columns=list(columns)).to_excel(out, index=False, sheet_name="Lontar")
        return out.getvalue()
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()
