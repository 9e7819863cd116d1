"""The search service on PostgreSQL: the same answer as indexes/search.py, counted by SQL.

Everything before the index is shared with the Whoosh backend, so a query means the same on
both: the size check, the thesaurus expansion, Whoosh's own parser, the stop-word clean-up and
the blind terms of sealed text (indexes/search.py, expansion.py, sealed.py). The parsed tree
becomes an SQL condition (indexes/postgres/query.py) that is ANDed with the caller's
permissions and the page's filters, so the total, every hit, every facet count and every
snippet come from the caller's documents only, read in one snapshot (results.py
`for_reading`).

What the database does: the total and every facet (flags included) are one GROUPING SETS
pass over the matched rows (`count(*)` when no facets are asked for); the page is the ordered
set cut by LIMIT/OFFSET: relevance as indexes/postgres/results.py ranks it, the other sorts
by their columns, ties by id where Whoosh ties by document number; only the page's rows are
read whole, and their snippets made by indexes/search.py's own highlighter. The transaction
runs with results.py's `SEARCH_SETTINGS`, so that a broad query reads no match's whole
tsvector for the count and the facets.

Partial matches and "did you mean" (indexes/postgres/fallback.py) and this module share
results.py, so that this module may call the fallback without an import cycle.
"""

from __future__ import annotations

from whoosh.query import Every, Query

from indexes.expansion import Thesaurus, expand
from indexes.fallback import FEW
from indexes.postgres import fallback as pg_fallback
from indexes.postgres.query import Sql, both, request_where
from indexes.postgres.query import visible as visible_sql
from indexes.postgres.query import where as where_sql
from indexes.postgres.results import count, for_search, hits, parsed, ranked, require_current
from indexes.search import SORTS, OpenSealed, SearchRequest, SearchResult, check_query_size
from repository.core.security import Caller

FACETS = ("unit", "level", "security", "class_top", "year", "language", "digital")
# The sorts of indexes/search.py: missing dates last when newest first, first when oldest
# first (the engine sorts them as the lowest value); ties in the direction of the sort.
ORDERS = {
    "date_desc": 'date DESC NULLS LAST, id COLLATE "C" DESC',
    "date_asc": 'date ASC NULLS FIRST, id COLLATE "C"',
    "added_desc": 'added DESC, id COLLATE "C" DESC',
    "refcode": 'refsort COLLATE "C" NULLS FIRST, id COLLATE "C"',
}


def search(
    index,
    caller: Caller,
    request: SearchRequest,
    hidden: tuple[str, ...] = (),
    opened: OpenSealed | None = None,
    thesaurus: Thesaurus | None = None,
) -> SearchResult:
    """indexes/search.py `search` on a `PostgresIndex`: same errors, total, hits, facets,
    snippets, paging, `also_searched`, and (for fewer than `FEW` hits) partial matches and
    "did you mean" (indexes/postgres/fallback.py)."""
    require_current(index)
    check_query_size(request.query)
    expanded = expand(request.query, thesaurus if request.expand else None)
    query = parsed(index, expanded.text)
    every = isinstance(query, Every)
    docs = both(visible_sql(caller, hidden), request_where(request))
    matched = docs if every else both(docs, where_sql(query))
    page = max(1, request.page)
    with index.cursor() as cur:
        for_search(cur)
        if request.facets:
            total, counted = tally(index, cur, matched, request.count_children)
        else:
            total, counted = count(index, cur, matched), {}
        result = SearchResult(total=total, page=page, page_size=request.page_size)
        result.also_searched = expanded.added
        if total < FEW and request.fallback and not every:
            found = (query, docs, matched)
            pg_fallback.fall_back(index, cur, *found, request, result, opened, thesaurus)
        if not total:
            return result
        first = (page - 1) * request.page_size
        ids = _ordered(index, cur, query, matched, request, first)
        result.hits = hits(index, cur, ids, query, opened, within=docs)
        result.facets = counted
        return result


def _ordered(index, cur, query: Query, scope: Sql, request: SearchRequest, first: int) -> list:
    sort = request.sort if request.sort in SORTS else "relevance"
    if sort == "relevance" and isinstance(query, Every):
        sort = "date_desc"
    if sort == "relevance":
        return ranked(index, cur, query, scope, request.page_size, first)
    sql = (
        f"SELECT id FROM {index.docs} WHERE {scope.text} ORDER BY {ORDERS[sort]} LIMIT %s OFFSET %s"
    )
    cur.execute(sql, [*scope.params, request.page_size, first])
    return [row[0] for row in cur.fetchall()]


# -- facets -------------------------------------------------------------------------------------
def tally(index, cur, scope: Sql, children: bool) -> tuple[int, dict[str, dict[str, int]]]:
    """The total of `scope` and its facets, in one pass over the matched rows (GROUPING
    SETS): each facet's values (empty ones left out, as the engine does), `parent` with
    `children`, and the flags that occur (counted from each distinct flags array)."""
    names = FACETS + (("parent",) if children else ())
    columns = ", ".join((*names, "flags"))
    sets = ", ".join(["()", *(f"({name})" for name in (*names, "flags"))])
    cur.execute(
        f"SELECT GROUPING({columns}), {columns}, count(*) FROM {index.docs} "
        f"WHERE {scope.text} GROUP BY GROUPING SETS ({sets})",
        scope.params,
    )
    total, found = 0, {name: {} for name in (*names, "flags")}
    for grouping, *values, number in cur.fetchall():
        position = _grouped(grouping, len(values))
        if position is None:
            total = int(number)
        elif position == len(names):
            for flag in set(values[position] or ()) - {""}:
                found["flags"][flag] = found["flags"].get(flag, 0) + int(number)
        elif values[position]:
            found[names[position]][values[position]] = int(number)
    return total, {name: dict(sorted(counts.items())) for name, counts in found.items()}


def _grouped(grouping: int, size: int) -> int | None:
    """The one column a GROUPING SETS row is grouped by (None: the row of the empty set, the
    total): GROUPING() sets a bit, the first column's the highest, for each column the row
    is not grouped by."""
    return next((i for i in range(size) if not grouping >> (size - 1 - i) & 1), None)
