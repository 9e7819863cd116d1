"""Cari (search): the full query syntax, filters, facet counts, highlighted results, paging;
what was also searched (abbreviations, spelling variants), "did you mean" and partial matches
shown apart when little is found.

The URL holds the whole search (ui.params), so a search can be bookmarked or shared.
"""

from __future__ import annotations

import streamlit as st

from ui import params, refine, registry, render, routes, search_form, visit
from ui.frame import frame, guard
from ui.session import lang, t
from ui.text import escaped

lontar, caller = frame(registry.SEARCH)
st.title(t("nav_search"))
request = params.request_from(st.query_params)

with guard():
    names = lontar.records.unit_names()
    codes = {c["code"]: c["label"] for c in lontar.ingest.classification_choices()}
    more = st.toggle(t("search_more_filters"), key=search_form.SWITCH)
    with st.form("search_form", enter_to_submit=False):
        query = st.text_input(t("search_label"), request.query, key="q", help=t("search_help"))
        filters = search_form.fields(lontar, caller, request) if more else None
        if st.form_submit_button(t("search_button"), type="primary"):
            chosen = search_form.submitted(request, query, filters)
            st.query_params.from_dict(params.params_from(chosen))
            visit.forget("search")  # a click searches again, even for the same words
            request = chosen  # searched in this run: no second run of the page for it

    # A search in the URL is run, and audited (`searched`), once per visit: reruns reuse it.
    result = visit.once("search", request, lambda: lontar.records.search(caller, request))
    # Everything the search found is one block: its count, what else it looked for, the
    # order and filters, the results and pager beside the facets, the partial matches. Each
    # element drawn after the search is time the browser adds to it (docs/performance.md,
    # Speed in the browser); drawn with `st.subheader`, `st.caption`, `st.info` and
    # `st.divider`, they were three to ten elements.
    found = (
        render.search_aids_html(result, request, registry.SEARCH)
        + refine.refinements_html(request, registry.SEARCH, names, codes)
        + ("" if result.hits else render.note_html(escaped(t("no_results"))))
        + render.beside(
            render.hits_html(result.hits, names)
            + render.pager_html(request, result.pages, registry.SEARCH),
            render.facets_html(result.facets, request, registry.SEARCH, names, codes),
        )
        + render.partial_hits_html(result, names)
    )
    # The exports are links to a route that checks the session (ui/web.py), not download
    # buttons: three elements fewer after every search.
    files = [
        (t("export_" + fmt), routes.export_href(request, fmt, lang()))
        for fmt in routes.EXPORT_FORMATS
    ]
    downloads = render.download_links_html(files) if result.total else ""
    render.block(render.headed(t("results_count", total=result.total), found + downloads))
