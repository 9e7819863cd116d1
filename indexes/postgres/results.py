"""The parts of a PostgreSQL answer that search, partial matches and related records share:
the query parsed as the Whoosh backend parses it, the check that the index is current, the
count of a scope, ranking, and hits with their snippets.

Apart from indexes/postgres/search.py so that fallback.py and similar.py, which search.py
calls or sits beside, use them without an import cycle. Ranking is `ts_rank_cd` over the
query's positive title and text words (prefixes included), the title weighted twice the text
as the array engine weighs it, ties by id (byte order). Snippets are made by
indexes/search.py's own highlighter from the stored title and text, with the words Whoosh
would highlight: a prefix stands for the vocabulary words it starts (`words`, as Whoosh's
`simplify` expands it over its term list).
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


def count(index, cur, scope: Sql) -> int:
    cur.execute(f"SELECT count(*) FROM {index.docs} WHERE {scope.text}", scope.params)
    return int(cur.fetchone()[0])


def ranked(index, cur, query: Query, scope: Sql, limit: int, offset: int = 0) -> list[str]:
    """The ids of `scope`, best first by `rank(query)`, ties by id; `limit` from `offset`."""
    score = rank(query)
    order = f'{score.text} DESC, id COLLATE "C"' if score else 'id COLLATE "C"'
    params = [*scope.params, *(score.params if score else []), limit, offset]
    sql = f"SELECT id FROM {index.docs} WHERE {scope.text} ORDER BY {order} LIMIT %s OFFSET %s"
    cur.execute(sql, params)
    return [row[0] for row in cur.fetchall()]


def rank(query: Query | None) -> Sql | None:
    """`ts_rank_cd` of the query's positive title and text words (prefixes included), each
    field weighted as the array engine weighs it; None when the query has none."""
    parts = []
    for fieldname, boost in SCORED_FIELDS.items():
        lexemes = [quote(text) for f, text in _positive(query) if f == fieldname]
        lexemes += [quote(text) + ":*" for f, text in _prefixes(query) if f == fieldname]
        if lexemes:
            column = TEXT_COLUMNS[fieldname]
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
    index, cur, ids: list[str], query: Query | None, opened: OpenSealed | None, *, snippets=True
) -> list[Hit]:
    """The hits of `ids`, in that order, scored by `rank(query)` (0 without a query or its
    words) and, with `snippets`, highlighted as indexes/search.py `_hits` does."""
    if not ids:
        return []
    score = rank(query) or Sql("0")
    body = "body" if snippets else "''"
    cur.execute(
        f"SELECT {HIT_COLUMNS}, {body}, {score.text} FROM {index.docs} WHERE id = ANY(%s)",
        [*score.params, list(ids)],
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
