"""Whoosh query trees as SQL conditions over the `docs` table, with Whoosh's meaning.

The PostgreSQL backend parses a query with the very parser the Whoosh backend uses
(indexes/search.py), expands and blinds it the same way, and only then turns the tree into
SQL here, so both backends read a query alike. Each node becomes the condition that holds for
exactly the documents the array engine (indexes/engine.py) gives it:

- a word or phrase of `title`/`text` is a `tsquery` of quoted lexemes (the analyzer's stems,
  never PostgreSQL's own stemming), a phrase a chain of `<N>` with Whoosh's slop;
- a prefix is `'stem':*`; on an exact field (reference code, unit, flags ...) it is `LIKE`;
- an exact field is its column, compared as Whoosh indexed it (lower-cased where the field
  lower-cases, an array for a space-separated KEYWORD field);
- date and number ranges compare the column; a date-less record is in no range;
- NOT is `IS NOT TRUE`, so a NULL column (no value) is "not matched", as it is in Whoosh.

What cannot be translated exactly is refused with `QuerySyntaxError` rather than answered
differently: wildcards (`?`, an inner `*`) and term ranges on title and text (Whoosh expands
them over its whole term list, blind terms of sealed text included, which PostgreSQL has no
list of), fuzzy terms, regular expressions and span queries (Lontar's parser makes none of
these three), and phrases whose slop would need more than `MAX_PHRASE_VARIANTS` alternatives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from whoosh import query as wq
from whoosh.util.times import long_to_datetime

from indexes.postgres.rows import MAX_LEXEME_BYTES, quote
from indexes.schema import build_schema
from indexes.search import SearchRequest
from repository.core.errors import QuerySyntaxError
from repository.core.security import Caller, visible_classes

TEXT_COLUMNS = {"title": "title_tsv", "text": "text_tsv"}
# Whoosh field -> the column holding the term Whoosh indexes for it (one value per record).
SCALAR_COLUMNS = {
    "id": "id",
    "refcode": "refcode_key",
    "refsort": "refsort",
    "parent": "parent",
    "classification": "classification_key",
    "class_top": "class_top",
    "unit": "unit_key",
    "level": "level",
    "year": "year",
    "security": "security",
    "language": "language",
    "digital": "digital",
}
ARRAY_COLUMNS = ("class_path", "unit_path", "flags", "allowed", "path")
RANGE_COLUMNS = ("date", "added", "revision")
MAX_PHRASE_VARIANTS = 256  # a phrase of n words with slop s needs s^(n-1) alternatives
LIKE_ESCAPES = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})


@dataclass
class Sql:
    """A boolean SQL expression over the columns of `docs`, with its `%s` parameters."""

    text: str
    params: list = field(default_factory=list)


TRUE = Sql("TRUE")
FALSE = Sql("FALSE")


def both(*parts: Sql | None) -> Sql:
    """The AND of the parts given (None parts are left out); TRUE when there are none."""
    given = [part for part in parts if part is not None]
    if not given:
        return TRUE
    if len(given) == 1:
        return given[0]
    return Sql(" AND ".join(f"({p.text})" for p in given), [x for p in given for x in p.params])


def either(*parts: Sql) -> Sql:
    """The OR of the parts; FALSE when there are none (Whoosh's empty Or matches nothing)."""
    if not parts:
        return FALSE
    if len(parts) == 1:
        return parts[0]
    return Sql(" OR ".join(f"({p.text})" for p in parts), [x for p in parts for x in p.params])


def negated(part: Sql) -> Sql:
    """Everything `part` does not hold for, NULL (a missing value) included."""
    return Sql(f"({part.text}) IS NOT TRUE", part.params)


# -- the caller and the request ---------------------------------------------------------------
def visible(caller: Caller, hidden: tuple[str, ...] = ()) -> Sql:
    """`indexes.search.permission_filter`: one of the caller's principals is allowed, the
    security class is one the caller is cleared for, and the record is in no subtree a
    pending narrowing change hides.

    Written so that the planner cannot answer them from an index (`IS TRUE`: the same rows, a
    NULL is not matched either way): every caller holds the anonymous role and sees the
    public classes, so they hold for most records, and when the planner used their index it
    checked the words on every such row, reading each one's whole tsvector, instead of taking
    the rows from the words' own index (indexes/postgres/results.py `for_search`)."""
    principals = sorted(p.lower() for p in caller.principals)
    allowed = Sql("(allowed && %s::text[]) IS TRUE", [principals])
    classes = Sql("(security = ANY(%s::text[])) IS TRUE", [list(visible_classes(caller))])
    if not hidden:
        return both(allowed, classes)
    hides = Sql("path && %s::text[]", [sorted(key.lower() for key in hidden)])
    return both(allowed, classes, negated(hides))


def request_where(request: SearchRequest) -> Sql | None:
    """`indexes.search.request_filter`: the page's filters, None when it sets none."""
    parts: list[Sql] = []
    if request.unit:
        parts.append(_contains("unit_path", request.unit.lower()))
    if request.level:
        parts.append(Sql("level = %s", [request.level]))
    if request.parent:
        parts.append(Sql("parent = %s", [request.parent.lower()]))
    if request.within:
        parts.append(Sql("path && %s::text[]", [[key.lower() for key in request.within]]))
    if request.language:
        parts.append(Sql("language = %s", [request.language.lower()]))
    if request.digital is not None:
        parts.append(Sql("digital = %s", ["1" if request.digital else "0"]))
    if request.classification:
        parts.append(_contains("class_path", request.classification.lower()))
    if request.unclassified:
        parts.append(Sql("class_top = '-'"))
    if request.security:
        parts.append(Sql("security = ANY(%s::text[])", [[s.upper() for s in request.security]]))
    if request.flags:
        parts.append(Sql("flags && %s::text[]", [[f.lower() for f in request.flags]]))
    if request.date_from or request.date_to:
        start = _day(request.date_from, dt.time.min)
        end = _day(request.date_to, dt.time.max)
        parts.append(_range("date", start, end, False, False))
    return both(*parts) if parts else None


def _day(day: dt.date | None, at: dt.time) -> dt.datetime | None:
    return dt.datetime.combine(day, at) if day else None


# -- the query --------------------------------------------------------------------------------
def where(query: wq.Query) -> Sql:
    """The condition true for exactly the documents `query` matches in the array engine.
    Raises `QuerySyntaxError` for what cannot be translated exactly (module doc)."""
    if isinstance(query, wq.Every):
        return TRUE
    if query is wq.NullQuery or isinstance(query, type(wq.NullQuery)):
        return FALSE
    if isinstance(query, wq.AndNot):
        return both(where(query.a), negated(where(query.b)))
    if isinstance(query, wq.AndMaybe):
        return where(query.a)
    if isinstance(query, wq.Require):
        return both(where(query.a), where(query.b))
    if isinstance(query, wq.Not):
        return negated(where(query.query))
    if type(query) is wq.And:
        return both(*(where(q) for q in query.subqueries))
    if type(query) is wq.Or:
        return either(*(where(q) for q in query.subqueries))
    return _leaf(query)


def _leaf(query: wq.Query) -> Sql:
    kind = type(query)
    if kind is wq.Term:
        return _term(query.fieldname, query.text)
    if kind is wq.Phrase:
        return _phrase(query)
    if kind is wq.Prefix:
        return _prefix(query.fieldname, query.text)
    if kind is wq.Wildcard and query.fieldname not in TEXT_COLUMNS:
        return _like(query.fieldname, _glob_pattern(query.text))
    if kind is wq.TermRange and query.fieldname not in TEXT_COLUMNS:
        return _term_range(query)
    if isinstance(query, wq.NumericRange) and query.fieldname in RANGE_COLUMNS:
        return _numeric_range(query)
    raise QuerySyntaxError(detail=_refusal(query))


def _refusal(query: wq.Query) -> str:
    name = type(query).__name__
    fieldname = getattr(query, "fieldname", None)
    where_ = f" on {fieldname}" if fieldname else ""
    return f"{name}{where_} is not supported by the PostgreSQL search backend"


@cache
def _schema():
    return build_schema()


def _term(fieldname: str, text) -> Sql:
    if fieldname in TEXT_COLUMNS:
        lexeme = text.decode() if isinstance(text, bytes) else text
        return _tsquery(fieldname, quote(lexeme)) if storable(lexeme) else FALSE
    if isinstance(text, bytes):
        return _numeric_term(fieldname, text)
    if fieldname in SCALAR_COLUMNS:
        return Sql(f"{SCALAR_COLUMNS[fieldname]} = %s", [text])
    if fieldname in ARRAY_COLUMNS:
        return _contains(fieldname, text)
    return FALSE  # a field that indexes nothing (`media`) or none at all


def _numeric_term(fieldname: str, text: bytes) -> Sql:
    """A term the parser made of a number or date (`revision:5`): its decoded value."""
    if fieldname not in RANGE_COLUMNS:
        return FALSE
    value = _schema()[fieldname].from_bytes(text)
    return Sql(f"{fieldname} = %s", [value])


def storable(lexeme: str) -> bool:
    """A lexeme PostgreSQL can hold; a longer one is in no row (the writer leaves it out)."""
    return 0 < len(lexeme.encode()) <= MAX_LEXEME_BYTES


def _tsquery(fieldname: str, literal: str) -> Sql:
    return Sql(f"{TEXT_COLUMNS[fieldname]} @@ %s::tsquery", [literal])


def _contains(column: str, value: str) -> Sql:
    return Sql(f"{column} @> %s::text[]", [[value]])


def _phrase(query: wq.Phrase) -> Sql:
    """Whoosh's phrase (SpanNear2, ordered, mindist 1): each word 1 to `slop` positions
    after the one before it; positions are those the analyzer gives (stop words renumbered
    away, as in the index)."""
    if query.fieldname not in TEXT_COLUMNS:
        raise QuerySyntaxError(detail=f"Phrase search: {query.fieldname!r} has no positions")
    words = list(query.words)
    if not words or not all(storable(w) for w in words):
        return FALSE
    if len(words) > 1 and query.slop < 1:
        return FALSE  # no distance lies between 1 and a slop under 1
    return _tsquery(query.fieldname, phrase_tsquery(words, max(1, query.slop)))


def phrase_tsquery(words: list[str], slop: int) -> str:
    """`'a' <-> 'b'`, or with a slop every distance from 1 to `slop` between neighbours:
    PostgreSQL measures `<N>` from the end of its left side, so the alternatives nest."""
    variants = slop ** (len(words) - 1)
    if variants > MAX_PHRASE_VARIANTS:
        raise QuerySyntaxError(
            detail=f"a phrase of {len(words)} words with slop {slop} is too loose for the "
            f"PostgreSQL search backend (at most {MAX_PHRASE_VARIANTS} word arrangements)"
        )
    text = quote(words[0])
    for word in words[1:]:
        if slop == 1:
            text = f"{text} <-> {quote(word)}"
            continue
        steps = [f"({text}) <{distance}> {quote(word)}" for distance in range(1, slop + 1)]
        text = "(" + " | ".join(steps) + ")"
    return text


def _prefix(fieldname: str, text: str) -> Sql:
    if fieldname in TEXT_COLUMNS:
        if not storable(text):
            return FALSE
        return _tsquery(fieldname, quote(text) + ":*")
    return _like(fieldname, text.translate(LIKE_ESCAPES) + "%")


def _glob_pattern(text: str) -> str:
    """Whoosh's wildcard (`*` any run, `?` one character) as a LIKE pattern."""
    return text.translate(LIKE_ESCAPES).replace("*", "%").replace("?", "_")


def _like(fieldname: str, pattern: str) -> Sql:
    if fieldname in SCALAR_COLUMNS:
        return Sql(f"{SCALAR_COLUMNS[fieldname]} LIKE %s", [pattern])
    if fieldname in ARRAY_COLUMNS:
        return Sql(f"EXISTS (SELECT 1 FROM unnest({fieldname}) v WHERE v LIKE %s)", [pattern])
    if fieldname in RANGE_COLUMNS:
        raise QuerySyntaxError(detail=f"a pattern on {fieldname} cannot be searched")
    return FALSE


def _term_range(query: wq.TermRange) -> Sql:
    """Whoosh compares terms as UTF-8 bytes: the "C" collation compares the same way."""
    if query.fieldname in SCALAR_COLUMNS:
        value = f'{SCALAR_COLUMNS[query.fieldname]} COLLATE "C"'
    elif query.fieldname in ARRAY_COLUMNS:
        value = 'v COLLATE "C"'
    else:
        raise QuerySyntaxError(detail=_refusal(query))
    tests, params = [f"{value} IS NOT NULL"], []
    if query.start is not None:
        tests.append(f"{value} {'>' if query.startexcl else '>='} %s")
        params.append(query.start)
    if query.end is not None:
        tests.append(f"{value} {'<' if query.endexcl else '<='} %s")
        params.append(query.end)
    test = " AND ".join(tests)
    if query.fieldname in ARRAY_COLUMNS:
        return Sql(f"EXISTS (SELECT 1 FROM unnest({query.fieldname}) v WHERE {test})", params)
    return Sql(test, params)


def _numeric_range(query: wq.NumericRange) -> Sql:
    """As the engine's `_range_mask`: a DateRange has datetimes, a NumericRange the raw
    numbers (for a date: Whoosh's microsecond count, turned back into a datetime)."""
    start = getattr(query, "startdate", query.start)
    end = getattr(query, "enddate", query.end)
    if query.fieldname != "revision":
        start, end = _as_datetime(start), _as_datetime(end)
    return _range(query.fieldname, start, end, query.startexcl, query.endexcl)


def _as_datetime(value) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return long_to_datetime(int(value))


def _range(column: str, start, end, startexcl: bool, endexcl: bool) -> Sql:
    tests, params = [f"{column} IS NOT NULL"], []
    if start is not None:
        tests.append(f"{column} {'>' if startexcl else '>='} %s")
        params.append(start)
    if end is not None:
        tests.append(f"{column} {'<' if endexcl else '<='} %s")
        params.append(end)
    return Sql(" AND ".join(tests), params)
