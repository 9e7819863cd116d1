"""How a researcher cites one public record: the citation box of the Katalog page, in two
styles, built from the record's public projection (`views.node_dict`) alone.

- "anri": the Indonesian archival style: institution, collection (khazanah: the top public
  ancestor), reference code, title, dates, then the permanent URL and the day it was read.
- "chicago": Chicago notes-bibliography for archival material (a note: title in quotation
  marks, date, identifier, collection, repository), with the access date and the URL.

Dates are written for the reader (`core.formatting`, "2 Mei 2024" / "2 May 2024"), the access
date is today by the one clock, and the connecting words come from the message catalogue, so
both styles read in the reader's language. The URL is the permanent one (by id: a move never
changes it).
"""

from __future__ import annotations

from repository.catalogue import messages  # noqa: F401  (registers the catalogue's words)
from repository.core import clock, formatting
from repository.core.i18n import translate

STYLES = ("anri", "chicago")


def citations(node: dict, institution: str, lang: str) -> dict[str, str]:
    """Style name -> citation text of one public node, in `lang` ("id" or "en")."""
    parts = citation_parts(node, institution, lang)
    return {style: translate(f"kat_cite_{style}", lang, **parts) for style in STYLES}


def citation_parts(node: dict, institution: str, lang: str) -> dict[str, str]:
    """The pieces both styles are made of; a missing piece leaves no empty comma behind."""
    crumbs = node.get("breadcrumbs") or []
    collection = " ".join(str(crumbs[0].get("title") or "").split()) if crumbs else ""
    title = " ".join(str(node.get("title") or "").split())
    dates = dates_text(node.get("date_start"), node.get("date_end"), lang)
    return {
        "institution": " ".join(institution.split()),
        "collection": f"{collection}, " if collection else "",
        "refcode": node.get("refcode") or node.get("id", ""),
        "title": title or translate("kat_cite_untitled", lang),
        "dates": dates,
        "dates_stop": dates if dates.endswith(".") else f"{dates}.",  # "t.t.", not "t.t.."
        "url": node.get("url", ""),
        "accessed": formatting.date_text(clock.today(), lang),
    }


def dates_text(start: str | None, end: str | None, lang: str) -> str:
    """ "2 Mei 2024", "2 Mei 2024–5 Juni 2024", or the style's "no date" (t.t. / n.d.)."""
    shown = [formatting.date_text(d, lang) for d in dict.fromkeys(filter(None, [start, end]))]
    return "–".join(shown) if shown else translate("kat_cite_no_date", lang)
