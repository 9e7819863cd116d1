"""The parts of a PostgreSQL answer that search, partial matches and related records share:
the query parsed as the Whoosh backend parses it, the check that the index is current, the
planner settings of a search, the count of a scope, ranking, and hits with their snippets.

Apart from indexes/postgres/search.py so that fallback.py and similar.py, which search.py
calls or sits beside, use them without an import cycle. Ranking is `ts_rank_cd` over the
query's positive title and text words (prefixes included), the title weighted twice the text
as the array engine weighs it, ties by id (byte order). Snippets are made by
indexes/search.py's own highlighter from the stored title and text, with the words Whoosh
would highlight: a prefix stands for the vocabulary words it starts (`words`, as Whoosh's
`simplify` expands it over its term list).

Broad queries (a word in most records) are what costs: every match's row is read for the
count and the facets, and ranking by the text's whole tsvector read each match's vector out
of TOAST. So a search's transaction has the rows come from the words' GIN index, which needs
no vector read (`for_search`; query.py keeps the permission test off the indexes), and the
ranking is in two steps: all the matches by the cheap rank of the title and the text's first
words (`lead_tsv`, in the row), then the first `RERANK` of that order again by the exact
rank. Which documents a query finds never changes; only the order after the first `RERANK`
is the cheap one, and it is the same for every page of the answer.

A search, related records and suggestions each read in one REPEATABLE READ, READ ONLY
transaction (`for_reading`): the total, the facets, the order and the hits come from one
snapshot, so a record the worker changes meanwhile is shown as it was when the count was made,
never as it is now; `hits` tests the caller's scope again all the same. Each statement may run
`STATEMENT_TIMEOUT` at most: a query that cannot use an index (`refcode:*1*`) must not hold
one of the pool's few connections for long; the cancelled search is `SearchTimedOut`.
"""

from __future__ import annotations

from functools import cache

from whoosh import query as wq
from whoosh.query import Query

from indexes.engine import SCORED_FIELDS, positive_terms
from indexes.postgres.query import LIKE_ESCAPES, TEXT_COLUMNS, Sql, storable
from indexes.postgres.rows import analyzer, quote
from indexes.schema import build_schema
from indexes.sealed import blind_query
from indexes.search import Hit, OpenSealed, _hit, _snippet, _Stored, parse_query
from repository.core.errors import IndexOutdated

HIT_COLUMNS = "id, title, refcode, unit, level, date, security, classification, flags"
RANK_NORMALIZATION = 1  # ts_rank_cd divided by 1 + log(length): long texts do not win by size
RERANK = 100  # the best of the cheap order that the exact rank orders again (module doc)
# A search's planner settings (module doc). Without them the planner reads a broad match by
# scanning the table and testing the words on each row (each row's whole tsvector); the
# bitmap of the words' index stays exact (never re-tested) within `work_mem` (about 50 bytes a
# heap page: 32 MB hold millions of rows); JIT compiling costs more than these queries gain.
SEARCH_SETTINGS = ("enable_seqscan = off", "work_mem = '32MB'", "jit = off")
STATEMENT_TIMEOUT = "30s"  # the longest a reading statement may run (module doc)


class _SchemaOnly:
    """What `indexes.search.parse_query` reads of an index store, the schema of its index:
    the PostgreSQL backend has no Whoosh index, and parsing must stay that one function (its
    size check, error handling and stop-word clean-up) for a query to mean the same on both."""

    def __init__(self) -> None:
        self.schema = build_schema()

    def ix(self) -> _SchemaOnly:
        return self


@cache
def _parsing() -> _SchemaOnly:
    return _SchemaOnly()


def parsed(index, text: str) -> Query:
    """`text` (size checked by the caller) parsed as indexes/search.py parses it, with the
    blind terms of sealed text when the index has a keyring."""
    return blind_query(parse_query(_parsing(), text, checked=True), index.keyring)


def require_current(index) -> None:
    """As indexes/search.py: tables made when missing, `IndexOutdated` while an index built
    by an older analysis waits for its rebuild."""
    index.ensure()
    if index.outdated():
        raise IndexOutdated()


def for_reading(cur) -> None:
    """The cursor's transaction as one read-only snapshot with `STATEMENT_TIMEOUT` (module
    doc); the first statement of the transaction."""
    cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    cur.execute("SET LOCAL statement_timeout = %s", (STATEMENT_TIMEOUT,))


def for_search(cur) -> None:
    """`for_reading` and `SEARCH_SETTINGS` for the rest of the cursor's transaction."""
    for_reading(cur)
    for setting in SEARCH_SETTINGS:
        cur.execute(f"SET LOCAL {setting}")


def count(index, cur, scope: Sql) -> int:
    cur.execute(f"SELECT count(*) FROM {index.docs} WHERE {scope.text}", scope.params)
    return int(cur.fetchone()[0])


def ranked(
    index, cur, query: Query, scope: Sql, limit: int, offset: int = 0, *, rerank: int = RERANK
) -> list[str]:
    """The ids of `scope`, best first, `limit` from `offset`: the cheap order
    (`rank(query, lead=True)`, ties by id) with its first `rerank` ordered again by the exact
    `rank(query)` (module doc)."""
    quick = rank(query, lead=True)
    if quick is None:
        return _ids(index, cur, scope, Sql('id COLLATE "C"'), limit, offset)
    order = Sql(f'{quick.text} DESC, id COLLATE "C"', quick.params)
    if offset >= rerank:
        return _ids(index, cur, scope, order, limit, offset)
    head = _ids(index, cur, scope, order, max(rerank, offset + limit), 0)
    best = _exact(index, cur, query, head[:rerank], quick)
    return (best + head[rerank:])[offset : offset + limit]


def _ids(index, cur, scope: Sql, order: Sql, limit: int, offset: int) -> list[str]:
    sql = f"SELECT id FROM {index.docs} WHERE {scope.text} ORDER BY {order.text} LIMIT %s OFFSET %s"
    cur.execute(sql, [*scope.params, *order.params, limit, offset])
    return [row[0] for row in cur.fetchall()]


def _exact(index, cur, query: Query, ids: list[str], quick: Sql) -> list[str]:
    """`ids` by the exact rank, ties in their cheap order (by `quick`, then id)."""
    exact = rank(query)
    if exact is None or exact.text == quick.text or len(ids) < 2:
        return ids
    order = Sql(
        f'{exact.text} DESC, {quick.text} DESC, id COLLATE "C"', exact.params + quick.params
    )
    return _ids(index, cur, Sql("id = ANY(%s)", [ids]), order, len(ids), 0)


def rank(query: Query | None, *, lead: bool = False) -> Sql | None:
    """`ts_rank_cd` of the query's positive title and text words (prefixes included), each
    field weighted as the array engine weighs it; None when the query has none. With `lead`,
    the text's words are ranked in `lead_tsv` (its first words) instead of the whole text."""
    parts = []
    for fieldname, boost in SCORED_FIELDS.items():
        lexemes = [quote(text) for f, text in _positive(query) if f == fieldname]
        lexemes += [quote(text) + ":*" for f, text in _prefixes(query) if f == fieldname]
        if lexemes:
            column = "lead_tsv" if lead and fieldname == "text" else TEXT_COLUMNS[fieldname]
            literal = " | ".join(dict.fromkeys(lexemes))
            parts.append(
                Sql(f"{boost} * ts_rank_cd({column}, %s::tsquery, {RANK_NORMALIZATION})", [literal])
            )
    if not parts:
        return None
    return Sql(" + ".join(p.text for p in parts), [x for p in parts for x in p.params])


def _positive(query: Query | None) -> list[tuple[str, str]]:
    """The positive title and text terms (`positive_terms`) a tsquery can hold (query.py
    makes those it cannot hold match nothing)."""
    if query is None:
        return []
    found = positive_terms(query)
    return [(f, t) for f, t in found if f in TEXT_COLUMNS and isinstance(t, str) and storable(t)]


def _prefixes(query: Query | None) -> list[tuple[str, str]]:
    """The (field, text) of the prefixes that make a document relevant, as `positive_terms`
    finds terms: none under a Not."""
    if query is None or isinstance(query, wq.Not):
        return []
    if isinstance(query, wq.AndNot):
        return _prefixes(query.a)
    if type(query) is wq.Prefix:
        held = query.fieldname in TEXT_COLUMNS and storable(query.text)
        return [(query.fieldname, query.text)] if held else []
    if query.is_leaf():
        return []
    return list(dict.fromkeys(p for child in query.children() for p in _prefixes(child)))


# -- hits ---------------------------------------------------------------------------------------
def hits(
    index,
    cur,
    ids: list[str],
    query: Query | None,
    opened: OpenSealed | None,
    *,
    within: Sql,
    snippets=True,
) -> list[Hit]:
    """The hits of `ids`, in that order, scored by `rank(query)` (0 without a query or its
    words) and, with `snippets`, highlighted as indexes/search.py `_hits` does. Only those
    still `within` the caller's scope (the ids came from it: a second test, so that no row
    outside it is ever read whole, let alone opened if sealed)."""
    if not ids:
        return []
    score = rank(query) or Sql("0")
    body = "body" if snippets else "''"
    cur.execute(
        f"SELECT {HIT_COLUMNS}, {body}, {score.text} FROM {index.docs} "
        f"WHERE id = ANY(%s) AND ({within.text})",
        [*score.params, list(ids), *within.params],
    )
    rows = {row[0]: row for row in cur.fetchall()}
    terms = snippet_terms(index, cur, query) if snippets else frozenset()
    text_analyzer = analyzer("text")
    found = []
    for rid in ids:
        if rid in rows:
            stored, value = _stored(rows[rid])
            snippet = _snippet(stored, terms, text_analyzer, opened) if snippets else ""
            found.append(_hit(_Stored(stored, snippet, value)))
    return found


def _stored(row: tuple) -> tuple[dict, float]:
    """A row as the stored fields of a Whoosh hit (`_hit`, `_snippet` read them) and its score."""
    rid, title, refcode, unit, level, date, security, classification, flags, body, score = row
    stored = {
        "id": rid,
        "title": title,
        "text": body,
        "refcode": refcode or "",
        "unit": unit or "",
        "level": level or "",
        "date": date,
        "security": security or "",
        "classification": classification or "",
        "flags": " ".join(flags or []),
    }
    return stored, float(score)


def snippet_terms(index, cur, query: Query | None) -> frozenset[str]:
    """The title and text words Whoosh highlights for `query`: its positive terms, and for
    each positive prefix the vocabulary's words that start with it."""
    terms = {text for _, text in _positive(query)}
    for fieldname, prefix in _prefixes(query):
        cur.execute(
            f"SELECT term FROM {index.words} WHERE field = %s AND term LIKE %s AND df > 0",
            [fieldname, prefix.translate(LIKE_ESCAPES) + "%"],
        )
        terms.update(row[0] for row in cur.fetchall())
    return frozenset(terms)
