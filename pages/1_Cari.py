"""Cari (search): the full query syntax, filters, facet counts, highlighted results, paging;
what was also searched (abbreviations, spelling variants), "did you mean" and partial matches
shown apart when little is found.

The URL holds the whole search (ui.params), so a search can be bookmarked or shared.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from repository.app import LEVELS, SECURITY_CLASSES, SORTS, exports, flag_label
from ui import params, pickers, registry, render, visit
from ui.frame import frame, guard
from ui.session import labels, lang, t


def flag_labels():
    language = lang()
    return lambda value: flag_label(value, language)


lontar, caller = frame(registry.SEARCH)
st.title(t("nav_search"))
request = params.request_from(st.query_params)

with guard():
    names = lontar.records.unit_names()
    with st.form("search_form", enter_to_submit=False):
        query = st.text_input(t("search_label"), request.query, key="q", help=t("search_help"))
        c1, c2, c3, c4 = st.columns(4)
        unit = pickers.unit(lontar, caller, t("col_unit"), "unit", default=request.unit, where=c1)
        level = c2.selectbox(
            t("col_level"),
            ["", *LEVELS],
            key="level",
            index=["", *LEVELS].index(request.level or ""),
            format_func=labels("level_"),
            placeholder=t("choose"),
        )
        code = c3.text_input(t("classification_prefix"), request.classification or "", key="kode")
        sort = c4.selectbox(
            t("sort"),
            SORTS,
            index=SORTS.index(request.sort),
            key="sort",
            format_func=labels("sort_"),
            placeholder=t("choose"),
        )
        d1, d2, d3, d4 = st.columns(4)
        date_from = d1.date_input(
            t("date_from"), request.date_from, key="dari", format="DD/MM/YYYY"
        )
        date_to = d2.date_input(t("date_to"), request.date_to, key="sampai", format="DD/MM/YYYY")
        security = d3.multiselect(
            t("security"),
            SECURITY_CLASSES,
            list(request.security),
            key="keamanan",
            placeholder=t("choose"),
            format_func=labels("security_"),
        )
        flags = d4.multiselect(
            t("flags"),
            render.FLAG_CHOICES,
            list(request.flags),
            key="tanda",
            placeholder=t("choose"),
            format_func=flag_labels(),
        )
        if st.form_submit_button(t("search_button"), type="primary"):
            chosen = dataclasses.replace(
                request,
                query=query,
                unit=unit or None,
                level=level or None,
                classification=code.strip() or None,
                date_from=date_from,
                date_to=date_to,
                security=tuple(security),
                flags=tuple(flags),
                sort=sort,
                page=1,
            )
            st.query_params.from_dict(params.params_from(chosen))
            visit.forget("search")  # a click searches again, even for the same words
            request = chosen  # searched in this run: no second run of the page for it

    # A search in the URL is run, and audited (`searched`), once per visit: reruns reuse it.
    result = visit.once("search", request, lambda: lontar.records.search(caller, request))
    st.subheader(t("results_count", total=result.total))
    render.search_aids(result, request, registry.SEARCH)
    results_col, facets_col = st.columns([3, 1])
    with facets_col:
        codes = {c["code"]: c["label"] for c in lontar.ingest.classification_choices()}
        render.facets(result.facets, request, registry.SEARCH, names, codes)
    with results_col:
        if not result.hits:
            st.info(t("no_results"))
        render.hits(result.hits, names)
        render.pager(request, result.pages, registry.SEARCH)
        render.partial_hits(result, names)
        if result.total:
            language = lang()  # the file's words, fixed now: it is built after the run
            # one row of two buttons: three columns were four elements, this is one
            row = st.container(horizontal=True)
            for fmt in ("csv", "xlsx"):
                row.download_button(
                    t("export_" + fmt),
                    lambda fmt=fmt: lontar.records.export(caller, request, fmt, language),
                    file_name=f"lontar-cari.{fmt}",
                    mime=exports.MEDIA_TYPES[fmt],
                    key=f"export_{fmt}",
                    on_click="ignore",
                )
