"""A search's refinements as links, in the block of its results, above them: the order (each other
order one link away) and the filters in force (each with a link that lifts it, and one that
lifts them all). With Cari's filter fields behind a switch (`ui.search_form`), this keeps
what narrows a search in sight; the order moved here from the form, as result pages of
search engines show it."""

from __future__ import annotations

import dataclasses

from repository.app import SORTS, SearchRequest
from ui import params, render
from ui.registry import Page
from ui.session import t
from ui.text import escaped

SEP = f"<span aria-hidden='true' style='{render.GREY_STYLE}'> · </span>"


def refinements_html(
    request: SearchRequest, page: Page, units: dict[str, str], codes: dict[str, str]
) -> str:
    """The order line and, when any filter is in force, the filters line."""
    parts = [_order(request, page)]
    lifted = _lifts(request, units, codes)
    if lifted:
        parts.append(_filters(request, page, lifted))
    return "".join(parts)


def _order(request: SearchRequest, page: Page) -> str:
    choices = [
        render.Link(
            page,
            t("sort_" + sort),
            params.params_from(dataclasses.replace(request, sort=sort, page=1)),
            current=sort == request.sort,
        )
        for sort in SORTS
    ]
    label = escaped(t("sort"))
    items = SEP.join(render.choice(link) for link in choices)
    return f"<nav aria-label='{label}'><span>{label}: </span>{items}</nav>"


def _filters(request: SearchRequest, page: Page, lifted: list[tuple[str, SearchRequest]]) -> str:
    links = [
        render.Link(page, words, params.params_from(rest), icon="close") for words, rest in lifted
    ]
    if len(lifted) > 1:
        bare = _without_filters(request)
        links.append(render.Link(page, t("filters_clear"), params.params_from(bare)))
    label = escaped(t("filters_in_force"))
    items = SEP.join(render.anchor(link) for link in links)
    return (
        f"<nav aria-label='{label}' style='margin-top: 0.3rem'><span>{label}: </span>{items}</nav>"
    )


def _without_filters(request: SearchRequest) -> SearchRequest:
    return dataclasses.replace(
        request,
        unit=None,
        level=None,
        classification=None,
        date_from=None,
        date_to=None,
        security=(),
        flags=(),
        page=1,
    )


def _lifts(
    request: SearchRequest, units: dict[str, str], codes: dict[str, str]
) -> list[tuple[str, SearchRequest]]:
    """(what a filter says, the search without it) for each filter in force; values in
    words as the facets name them (`render.facet_label`)."""
    names = {"unit": units, "class_top": codes}

    def lift(**changes) -> SearchRequest:
        return dataclasses.replace(request, **changes, page=1)

    def said(heading: str, facet: str, value: str) -> str:
        return f"{t(heading)}: {render.facet_label(facet, value, names)}"

    found = []
    if request.unit:
        found.append((said("col_unit", "unit", request.unit), lift(unit=None)))
    if request.level:
        found.append((said("col_level", "level", request.level), lift(level=None)))
    if request.classification:
        code = request.classification
        found.append((said("classification", "class_top", code), lift(classification=None)))
    if request.date_from or request.date_to:
        span = " – ".join(render.day(d) if d else "…" for d in (request.date_from, request.date_to))
        found.append((f"{t('date')}: {span}", lift(date_from=None, date_to=None)))
    for name in ("security", "flags"):
        chosen = getattr(request, name)
        for value in chosen:
            rest = tuple(v for v in chosen if v != value)
            found.append((said(name, name, value), lift(**{name: rest})))
    return found
