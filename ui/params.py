"""Search requests to and from URL query parameters, so every search has a link that opens
the same view in a fresh browser session. Parameter names are Indonesian, like the UI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from repository.app import SORTS, SearchRequest

NAMES = {
    "query": "q",
    "unit": "opd",
    "level": "tingkat",
    "classification": "kode",
    "date_from": "dari",
    "date_to": "sampai",
    "security": "keamanan",
    "flags": "tanda",
    "sort": "urut",
    "page": "hal",
}


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value)) if value else default
    except ValueError:
        return default


def _list(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(",") if v)


def request_from(params: Mapping[str, str], page_size: int = 20) -> SearchRequest:
    """Unreadable values fall back to their defaults: a mangled link still opens a search."""
    get = params.get
    sort = get(NAMES["sort"]) or "relevance"
    return SearchRequest(
        query=get(NAMES["query"]) or "",
        unit=get(NAMES["unit"]) or None,
        level=get(NAMES["level"]) or None,
        classification=get(NAMES["classification"]) or None,
        date_from=_date(get(NAMES["date_from"])),
        date_to=_date(get(NAMES["date_to"])),
        security=_list(get(NAMES["security"])),
        flags=_list(get(NAMES["flags"])),
        sort=sort if sort in SORTS else "relevance",
        page=_int(get(NAMES["page"]), 1),
        page_size=page_size,
    )


def params_from(request: SearchRequest) -> dict[str, str]:
    """Only what differs from the defaults, so links stay short."""
    values = {
        "query": request.query,
        "unit": request.unit,
        "level": request.level,
        "classification": request.classification,
        "date_from": request.date_from.isoformat() if request.date_from else None,
        "date_to": request.date_to.isoformat() if request.date_to else None,
        "security": ",".join(request.security),
        "flags": ",".join(request.flags),
        "sort": None if request.sort == "relevance" else request.sort,
        "page": str(request.page) if request.page > 1 else None,
    }
    return {NAMES[k]: v for k, v in values.items() if v}
