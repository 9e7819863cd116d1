"""Katalog's search: the search box, the facets (each with all its values on request), the
results, and the words the catalogue's three parts share (levels, dates, languages).

The whole search is in the URL (`request_from` / `params_from`, names in Bahasa Indonesia like
ui/params.py), so a narrowed search can be bookmarked and shared; every facet value is a link
to the same search narrowed to it. The search runs as the public catalogue sees it
(`lontar.catalogue.search`): only what is published, whoever is logged in, counts included;
so are its aids for a search that finds little (a corrected query, the records that hold all
its words but one), which come from the same search.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from functools import partial

import streamlit as st

from repository.app import (
    LEVELS,
    SORTS,
    Caller,
    Hit,
    Lontar,
    SearchRequest,
    SearchResult,
    formatting,
)
from ui import registry, render, visit
from ui.render import Link
from ui.session import labels, lang, t
from ui.text import escaped, plain

PAGE_SIZE = 20
FACET_TOP = 10  # values a facet shows until the reader asks for all of them
FACETS = ("level", "unit", "class_top", "year", "digital", "language")
NAMES = {
    "query": "q",
    "level": "tingkat",
    "unit": "opd",
    "classification": "kode",
    "date_from": "dari",
    "date_to": "sampai",
    "digital": "digital",
    "language": "bahasa",
    "sort": "urut",
    "page": "hal",
}
SEARCH_PARAMS = frozenset(NAMES.values())


# -- the search in the URL -------------------------------------------------------------------
def _year(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and 1 <= int(value) <= 9999 else None


def page_number(value: str | None) -> int:
    return max(1, int(value)) if value and value.isdigit() else 1


def request_from(params: Mapping[str, str]) -> SearchRequest:
    """Unreadable values fall back to their defaults: a mangled link still opens a search.
    Years stand for whole years (`dari=1950` is from 1 January 1950)."""
    get = params.get
    start, end = _year(get(NAMES["date_from"])), _year(get(NAMES["date_to"]))
    level = get(NAMES["level"])
    digital = {"1": True, "0": False}.get(get(NAMES["digital"]) or "")
    query = get(NAMES["query"]) or ""
    sort = get(NAMES["sort"]) or ("relevance" if query.strip() else "refcode")
    return SearchRequest(
        query=query,
        level=level if level in LEVELS else None,
        unit=get(NAMES["unit"]) or None,
        classification=get(NAMES["classification"]) or None,
        date_from=dt.date(start, 1, 1) if start else None,
        date_to=dt.date(end, 12, 31) if end else None,
        digital=digital,
        language=get(NAMES["language"]) or None,
        sort=sort if sort in SORTS else "relevance",
        page=page_number(get(NAMES["page"])),
        page_size=PAGE_SIZE,
    )


def params_from(request: SearchRequest) -> dict[str, str]:
    """Only what differs from the defaults, so links stay short."""
    default_sort = "relevance" if request.query.strip() else "refcode"
    values = {
        "query": request.query,
        "level": request.level,
        "unit": request.unit,
        "classification": request.classification,
        "date_from": str(request.date_from.year) if request.date_from else None,
        "date_to": str(request.date_to.year) if request.date_to else None,
        "digital": None if request.digital is None else "1" if request.digital else "0",
        "language": request.language,
        "sort": None if request.sort == default_sort else request.sort,
        "page": str(request.page) if request.page > 1 else None,
    }
    return {NAMES[k]: v for k, v in values.items() if v}


# -- words the catalogue's parts share -----------------------------------------------------
def language_name(code: str) -> str:
    """ "Bahasa Jawa" for `jav`; a code without a name in the catalogue is shown as it is."""
    key = f"kat_language_{code}"
    named = t(key)
    return code if named == key else named


def level_name(level: str) -> str:
    return t("level_" + level) if level else "-"


def dates_text(start: str | None, end: str | None = None) -> str:
    """ "2 Mei 2024", "2 Mei 2024 – 5 Juni 2024", or "Tanpa tanggal"."""
    shown = [render.day(d) for d in dict.fromkeys(filter(None, [start, end]))]
    return " – ".join(shown) or t("kat_no_date")


def record_link(text: str, record_id: str, note: str = "", **extra: str) -> Link:
    """A link to one record's page in the catalogue (`?id=`)."""
    return Link(registry.CATALOGUE, text, {"id": record_id, **extra}, note)


# -- the search page ---------------------------------------------------------------------------
def search_view(lontar: Lontar, caller: Caller) -> None:
    """The search box, the active filters, the results and the facets."""
    st.caption(t("kat_intro"))
    request = _form(request_from(st.query_params))
    result = visit.once("kat_search", request, lambda: lontar.catalogue.search(caller, request))
    if not result.total and request == request_from({}):
        st.info(t("kat_empty"))
        return
    _active_filters(request, lontar)
    st.subheader(t("kat_results", total=formatting.number_text(result.total, lang())))
    facets_col, results_col = st.columns([1, 2])
    units = lontar.records.unit_names()
    with results_col:
        if not result.hits:
            st.info(t("kat_no_results"))
        _search_aids(result, request)
        _hits(result.hits, units)
        _pager(request, result.pages)
        _partial(result, units)
    with facets_col:
        facets(result.facets, request, lontar)


def _form(request: SearchRequest) -> SearchRequest:
    """The words, the years and the order; a search sends them to the URL (shareable) and
    keeps the facets chosen."""
    with st.form("kat_search_form", enter_to_submit=False):
        query = st.text_input(
            t("kat_search_label"), request.query, key="kat_q", help=t("kat_search_help")
        )
        c1, c2, c3 = st.columns(3)
        start = c1.number_input(
            t("kat_year_from"), 1, 9999, _year_of(request.date_from), key="kat_dari"
        )
        end = c2.number_input(
            t("kat_year_to"), 1, 9999, _year_of(request.date_to), key="kat_sampai"
        )
        sort = c3.selectbox(
            t("kat_sort"), SORTS, SORTS.index(request.sort), key="kat_urut",
            format_func=labels("sort_"),
        )  # fmt: skip
        if not st.form_submit_button(t("kat_search_button"), type="primary"):
            return request
    chosen = dataclasses.replace(
        request,
        query=query.strip(),
        date_from=dt.date(int(start), 1, 1) if start else None,
        date_to=dt.date(int(end), 12, 31) if end else None,
        sort=_sort_for(query.strip(), sort, request),
        page=1,
    )
    st.query_params.from_dict(params_from(chosen))
    visit.forget("kat_search")  # a click searches again, even for the same words
    return chosen


def _year_of(day: dt.date | None) -> int | None:
    return day.year if day else None


def _search_aids(result: SearchResult, request: SearchRequest) -> None:
    """What the search also looked for (an abbreviation's long form), and a corrected query
    as a link that runs it: "Mungkin maksud Anda: kota surat"."""
    if result.also_searched:
        st.caption(t("kat_also", forms=", ".join(plain(f) for f in result.also_searched)))
    if result.did_you_mean:
        corrected = dataclasses.replace(request, query=result.did_you_mean, page=1)
        link = Link(registry.CATALOGUE, result.did_you_mean, params_from(corrected))
        render.block(f"<p>{escaped(t('kat_did_you_mean'))} {render.anchor(link)}</p>")


def _partial(result: SearchResult, units: dict[str, str]) -> None:
    """The public records that hold all the words but one, under their own heading, after
    the full results."""
    if not result.partial:
        return
    st.divider()
    total = formatting.number_text(result.partial_total, lang())
    st.subheader(t("kat_partial", total=total))
    st.caption(t("kat_partial_help"))
    _hits(result.partial, units)


def _hits(hits: list[Hit], units: dict[str, str]) -> None:
    """The results as one element: each title links to the record's page; under it its
    level, dates, reference code and the OPD / unit that holds it, then the highlighted
    snippet."""
    if not hits:
        return
    parts = []
    for hit in hits:
        link = render.anchor(record_link(hit.title or hit.refcode or hit.id, hit.id))
        meta = t(
            "kat_hit_meta",
            level=level_name(hit.level),
            dates=dates_text(hit.date),
            refcode=hit.refcode,
            unit=units.get(hit.unit, hit.unit),
        )
        snippet = f"<div class='lontar-snippet'>{hit.snippet}</div>" if hit.snippet else ""
        parts.append(
            f"<div style='{render.HIT_STYLE}'><div style='{render.TITLE_STYLE}'>{link}</div>"
            f"<div style='{render.META_STYLE}'>{escaped(meta)}</div>{snippet}</div>"
        )
    render.block("".join(parts))


def _pager(request: SearchRequest, pages: int) -> None:
    if pages <= 1:
        return
    page = request.page
    earlier = dataclasses.replace(request, page=page - 1)
    later = dataclasses.replace(request, page=page + 1)
    render.paging(
        page,
        pages,
        Link(registry.CATALOGUE, t("kat_previous"), params_from(earlier)) if page > 1 else None,
        Link(registry.CATALOGUE, t("kat_next"), params_from(later)) if page < pages else None,
    )


# -- facets ------------------------------------------------------------------------------------
def facets(counts: dict[str, dict[str, int]], request: SearchRequest, lontar: Lontar) -> None:
    """Every facet with its values, the years newest first and the others by count; the
    first ten, and all of them when the reader asks (a switch per facet: never capped)."""
    names = {
        "unit": lontar.records.unit_names(),
        "class_top": {c["code"]: c["label"] for c in lontar.ingest.classification_choices()},
    }
    st.markdown(f"**{t('kat_facets')}**")
    for name in FACETS:
        values = facet_order(name, counts.get(name) or {})
        if not values:
            continue
        shown = values
        if len(values) > FACET_TOP:
            everything = st.session_state.get(f"kat_all_{name}", False)
            shown = values if everything else values[:FACET_TOP]
        rows = "".join(
            f"<li style='{render.ITEM_STYLE}'>{_facet_value(request, name, v, n, names)}</li>"
            for v, n in shown
        )
        heading = escaped(t("kat_facet_" + name))
        render.block(
            f"<p style='{render.FACET_STYLE}'>{heading}</p>"
            f"<ul style='{render.LIST_STYLE}' aria-label='{heading}'>{rows}</ul>"
        )
        if len(values) > FACET_TOP:
            st.toggle(t("kat_facet_all", count=len(values)), key=f"kat_all_{name}")


def facet_order(name: str, counts: dict[str, int]) -> list[tuple[str, int]]:
    """Years newest first (a timeline reads in order; "no date" last); the other facets by
    count, the largest first."""
    if name == "year":
        return sorted(counts.items(), key=lambda kv: (not kv[0].isdigit(), -_number(kv[0])))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _number(value: str) -> int:
    return int(value) if value.isdigit() else 0


def facet_label(name: str, value: str, names: dict[str, dict[str, str]]) -> str:
    """A facet value as people read it: a unit's or a code's name, a level or a language in
    words; the index's "-" (no value) as "Tanpa tanggal" / "Tanpa klasifikasi"."""
    if name == "level":
        return level_name(value)
    if name == "digital":
        return t(f"kat_digital_{value}")
    if name == "language":
        return language_name(value)
    if value == "-":
        return t("kat_no_date" if name == "year" else "kat_unclassified")
    return names.get(name, {}).get(value, value)


def _facet_value(request: SearchRequest, name: str, value: str, count: int, names) -> str:
    label = f"{facet_label(name, value, names)} ({formatting.number_text(count, lang())})"
    narrowed = narrowed_to(request, name, value)
    if narrowed is None:  # no value to narrow to (undated, unclassified)
        return f"<span style='{render.GREY_STYLE}'>{escaped(label)}</span>"
    chosen = narrowed == dataclasses.replace(request, page=1)
    link = Link(registry.CATALOGUE, label, params_from(narrowed), current=chosen)
    return f"<strong>{render.anchor(link)}</strong>" if chosen else render.anchor(link)


def narrowed_to(request: SearchRequest, name: str, value: str) -> SearchRequest | None:
    """The search narrowed to one facet value (a year is a from/to filter of that year)."""
    if value == "-" and name in ("year", "class_top"):
        return None
    if name == "year":
        if not value.isdigit():
            return None
        year = int(value)
        changes = {"date_from": dt.date(year, 1, 1), "date_to": dt.date(year, 12, 31)}
    elif name == "class_top":
        changes = {"classification": value}
    elif name == "digital":
        changes = {"digital": value == "1"}
    else:
        changes = {name: value}
    return dataclasses.replace(request, **changes, page=1)


# -- the filters in force --------------------------------------------------------------------
def _active_filters(request: SearchRequest, lontar: Lontar) -> None:
    """Each filter in force as a link that removes it, and one that removes them all."""
    shown = []
    for name, value, without in _filters(request):
        value = _filter_value(name, value, lontar)
        text = t("kat_filter_remove", name=t("kat_facet_" + name), value=value)
        shown.append(Link(registry.CATALOGUE, text, params_from(without), icon="filter_alt"))
    if not shown:
        return
    clear = dataclasses.replace(request_from({}), query=request.query, sort=request.sort)
    shown.append(Link(registry.CATALOGUE, t("kat_filters_clear"), params_from(clear)))
    render.trail(shown, t("kat_filters"))


def _filters(request: SearchRequest) -> list[tuple[str, str, SearchRequest]]:
    less = partial(dataclasses.replace, request, page=1)
    found = []
    if request.level:
        found.append(("level", request.level, less(level=None)))
    if request.unit:
        found.append(("unit", request.unit, less(unit=None)))
    if request.classification:
        found.append(("class_top", request.classification, less(classification=None)))
    if request.date_from or request.date_to:
        years = [str(d.year) if d else "…" for d in (request.date_from, request.date_to)]
        years = years[:1] if years[0] == years[1] else years
        found.append(("year", "–".join(years), less(date_from=None, date_to=None)))
    if request.digital is not None:
        found.append(("digital", "1" if request.digital else "0", less(digital=None)))
    if request.language:
        found.append(("language", request.language, less(language=None)))
    return found


def _filter_value(name: str, value: str, lontar: Lontar) -> str:
    if name == "unit":
        return lontar.records.unit_names().get(value, value)
    if name == "class_top":
        codes = {c["code"]: c["label"] for c in lontar.ingest.classification_choices()}
        return codes.get(value, value)
    if name in ("level", "digital", "language"):
        return facet_label(name, value, {})
    return value


def _sort_for(query: str, chosen: str, request) -> str:
    """The order the reader chose, or the default for what they searched: words by relevance,
    browsing without words by reference code. The box starts on the default of the search
    before (refcode on an empty page), so leaving it there means "the default"."""
    default = "relevance" if query else "refcode"
    before = "relevance" if request.query.strip() else "refcode"
    return default if chosen == before else chosen
