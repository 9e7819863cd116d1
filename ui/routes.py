"""The addresses of Lontar's own HTTP routes that pages link to (`ui/web.py` serves them),
relative to the app's root like the pages' own links (`Page.href`), so an app served under a
path prefix keeps it. A link to a route is one piece of a page's HTML block where a Streamlit
download button was an element of its own (docs/performance.md, Speed in the browser); the
route checks the session and the object itself."""

from __future__ import annotations

from urllib.parse import urlencode

from repository.app import SearchRequest
from ui import params

EXPORT_ROUTE = "api/ekspor/cari"  # Cari's export: `api/ekspor/cari.csv?q=…&lang=id`
EXPORT_FORMATS = ("csv", "xlsx")
ORIGINAL_ROUTE = "api/arsip/asli"  # a record's file as uploaded: `?id=…&berkas=0&lang=id`


def export_href(request: SearchRequest, fmt: str, language: str) -> str:
    """The file of every hit of `request` in `fmt`, its words in `language` (the page's
    own, fixed when the link is drawn)."""
    query = {**params.params_from(request), "lang": language}
    query.pop(params.NAMES["page"], None)  # every page of it, not the one shown
    return f"{EXPORT_ROUTE}.{fmt}?{urlencode(query)}"


def original_href(record_id: str, position: int, language: str) -> str:
    """A record's file at `position`, exactly as uploaded (`language`: the words of a
    refusal)."""
    query = {"id": record_id, "berkas": position, "lang": language}
    return f"{ORIGINAL_ROUTE}?{urlencode(query)}"
