"""A search's refinements as links, in one element above its results: the order (each other
order one link away) and the filters in force (each with a link that lifts it, and one that
lifts them all). With Cari's filter fields behind a switch (`ui.search_form`), this keeps
what narrows a search in sight; the order moved here from the form, as result pages of
search engines show it."""

from __future__ import annotations

import dataclasses

from repository.app import SORTS, SearchRequest, flag_label
from ui import params, render
from ui.registry import Page
from ui.session import lang, t
from ui.text import escaped

SEP = f"<span aria-hidden='true' style='{render.GREY_STYLE}'> · </span>"


def refinements(
    request: SearchRequest, page: Page, units: dict[str, str], codes: dict[str, str]
) -> None:
    """The order line and, when any filter is in force, the filters line."""
    parts = [_order(request, page)]
    lifted = _lifts(request, units, codes)
    if lifted:
        parts.append(_filters(request, page, lifted))
    render.block("".join(parts))


def _order(request: SearchRequest, page: Page) -> str:
    choices = []
    for sort in SORTS:
        words = t("sort_" + sort)
        if sort == request.sort:
            choices.append(f"<strong aria-current='true'>{escaped(words)}</strong>")
        else:
            again = dataclasses.replace(request, sort=sort, page=1)
            choices.append(render.anchor(render.Link(page, words, params.params_from(again))))
    label = escaped(t("sort"))
    return f"<nav aria-label='{label}'><span>{label}: </span>{SEP.join(choices)}</nav>"


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
    """(what a filter says, the search without it) for each filter in force."""

    def lift(**changes) -> SearchRequest:
        return dataclasses.replace(request, **changes, page=1)

    found = []
    if request.unit:
        found.append((f"{t('col_unit')}: {units.get(request.unit, request.unit)}", lift(unit=None)))
    if request.level:
        found.append((f"{t('col_level')}: {t('level_' + request.level)}", lift(level=None)))
    if request.classification:
        code = request.classification
        found.append((f"{t('classification')}: {codes.get(code, code)}", lift(classification=None)))
    if request.date_from or request.date_to:
        span = " – ".join(render.day(d) if d else "…" for d in (request.date_from, request.date_to))
        found.append((f"{t('date')}: {span}", lift(date_from=None, date_to=None)))
    for value in request.security:
        rest = tuple(v for v in request.security if v != value)
        found.append((f"{t('security')}: {t('security_' + value)}", lift(security=rest)))
    language = lang()
    for value in request.flags:
        rest = tuple(v for v in request.flags if v != value)
        found.append((f"{t('flags')}: {flag_label(value, language)}", lift(flags=rest)))
    return found
