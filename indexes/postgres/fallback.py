"""Partial matches and "did you mean" on PostgreSQL: indexes/fallback.py's rules, in SQL.

The rules, and the reasons for them, are those of indexes/fallback.py, whose engine-agnostic
parts (thresholds, `least_matching`, `unmatched_words`, `corrected_text`, the distance) are
used as they are; only the counting is done here, by PostgreSQL, and always inside the
caller's documents (`visible`, the request's filters included):

- partial matches: `(p1)::int + (p2)::int + ... >= least` over the predicates of the query's
  positive parts (`indexes.postgres.query.where`), none of its NOT parts, not the full
  answer; and the OR of the parts fewest records hold, as many as a partial match must hold
  one of, so that the GIN indexes find the few rows to count;
- did you mean: the candidates are the terms of the `words` vocabulary that Whoosh's
  `terms_within(field, target, maxdist, prefix=1)` finds in its lexicon: same first letter,
  plain Levenshtein distance at most `maxdist` from the word or its stem (fuzzystrmatch's
  `levenshtein_less_equal` when the extension exists or may be created, else a length window
  in SQL and the distance in Python). `words` never holds blind terms (indexes/postgres/
  rows.py), and a candidate counts only through the caller's documents that hold it. Ties of
  distance and frequency, which Whoosh settles by the order of a Python set, go to the first
  term in alphabetical order; the record a word's surface form is read from is the first
  visible holder by id (Whoosh: by document number).
"""

from __future__ import annotations

import logging
import math
import threading
import weakref

import psycopg2
from whoosh import query as wq
from whoosh.support.levenshtein import levenshtein

from indexes import fallback
from indexes.analysis import stem
from indexes.engine import positive_terms
from indexes.expansion import Thesaurus, expand
from indexes.postgres.query import Sql, both, either, negated, where
from indexes.postgres.results import count, hits, parsed, ranked
from indexes.postgres.rows import quote
from indexes.sealed import blind_query
from indexes.search import OpenSealed, SearchRequest, SearchResult

log = logging.getLogger(__name__)

STORED_COLUMNS = {"title": ("title", "title_tsv"), "text": ("body", "text_tsv")}
LEVENSHTEIN_MAX = 255  # fuzzystrmatch refuses longer strings


def fall_back(
    index,
    cur,
    query: wq.Query,
    visible: Sql,
    matched: Sql,
    request: SearchRequest,
    result: SearchResult,
    opened: OpenSealed | None,
    thesaurus: Thesaurus | None,
) -> None:
    """Fills `result.partial`, `partial_total` and `did_you_mean` for a result of fewer than
    `fallback.FEW` hits (the caller checks that, `request.fallback` and a query that is not
    Every). `query` is the parsed, expanded and blinded query, `visible` the caller's
    documents with the request's filters, `matched` those the query matched."""
    partial = partial_sql(index, cur, query, visible, matched, found=result.total > 0)
    if partial is not None:
        result.partial_total = count(index, cur, partial)
    if result.partial_total:
        limit = min(request.page_size, fallback.PARTIAL_SHOWN)
        ids = ranked(index, cur, query, partial, limit)
        result.partial = hits(index, cur, ids, query, opened, within=visible)
    fixes = corrections(index, cur, request.query, visible)
    if fixes:
        text = fallback.corrected_text(request.query, fixes)
        expanded = expand(text, thesaurus if request.expand else None).text
        if exists(index, cur, both(visible, where(parsed(index, expanded)))):
            result.did_you_mean = text


# -- partial matches ------------------------------------------------------------------------
def partial_sql(
    index, cur, query: wq.Query, visible: Sql, matched: Sql, *, found: bool
) -> Sql | None:
    """The documents matching all positive parts of an AND query but one (`found`: the full
    answer is not empty, see `fallback.least_matching`) and none of its NOT parts, among
    `visible`, without those `matched`; None when the query is not an AND of enough parts."""
    if not isinstance(query, wq.And):
        return None
    positive = [q for q in query.subqueries if not isinstance(q, wq.Not)]
    negative = [q for q in query.subqueries if isinstance(q, wq.Not)]
    least = fallback.PARTIAL_MIN_WORDS_FOUND if found else fallback.PARTIAL_MIN_WORDS
    if len(positive) < least:
        return None
    need = fallback.least_matching(len(positive), found)
    parts = [where(q) for q in positive]
    counted = " + ".join(f"coalesce(({part.text})::int, 0)" for part in parts)
    enough = Sql(f"({counted}) >= %s", [*(x for p in parts for x in p.params), need])
    rarest = _rarest(index, cur, positive, len(positive) - need + 1)
    return both(
        visible, either(*map(where, rarest)), enough, negated(matched), *map(where, negative)
    )


def _rarest(index, cur, parts: list[wq.Query], number: int) -> list[wq.Query]:
    """The `number` parts the fewest records hold, as far as the vocabulary tells (a part
    without a title or text word counts as held by all). A record missing at most `number`
    - 1 parts holds one of any `number` of them: these let the GIN indexes find the few
    records to count instead of testing every visible one."""
    terms = {p: [t for t in positive_terms(p) if t[0] in fallback.TEXT_FIELDS] for p in parts}
    wanted = sorted({t for found in terms.values() for t in found})
    cur.execute(
        f"SELECT field, term, df FROM {index.words} "
        "WHERE (field, term) IN (SELECT * FROM unnest(%s::text[], %s::text[]))",
        [[f for f, _ in wanted], [t for _, t in wanted]],
    )
    dfs = {(f, t): df for f, t, df in cur.fetchall()}

    def size(part: wq.Query) -> float:
        return sum(dfs.get(t, 0) for t in terms[part]) if terms[part] else math.inf

    return sorted(parts, key=size)[:number]


def exists(index, cur, scope: Sql) -> bool:
    cur.execute(f"SELECT EXISTS (SELECT 1 FROM {index.docs} WHERE {scope.text})", scope.params)
    return bool(cur.fetchone()[0])


# -- did you mean ---------------------------------------------------------------------------
def corrections(index, cur, text: str, visible: Sql) -> list[fallback.Correction]:
    """A correction for each plain word of `text` that no visible title or text holds
    (sealed text included) and that has a visible near term."""
    fixes = []
    for word in fallback.unmatched_words(text):
        if exists(index, cur, both(visible, where(word_query(word, index.keyring)))):
            continue
        fix = correction(index, cur, word, visible)
        if fix is not None:
            fixes.append(fix)
    return fixes


def word_query(word: str, keyring) -> wq.Query:
    """`word` in the title or the text, its keyed form in sealed text too."""
    term = stem(word.lower())
    return blind_query(wq.Or([wq.Term(f, term) for f in fallback.TEXT_FIELDS]), keyring)


def correction(index, cur, word: str, visible: Sql) -> fallback.Correction | None:
    """The nearest visible vocabulary term to `word` (the most frequent among the nearest),
    as a word; None when none is near."""
    lowered = word.lower()
    targets = {lowered, stem(lowered)}
    maxdist = 1 if len(lowered) < 6 else 2
    distances: dict[int, list[str]] = {}
    for term in candidates(index, cur, targets, maxdist):
        distance = min(fallback.damerau_levenshtein(term, t) for t in targets)
        if distance <= maxdist:
            distances.setdefault(distance, []).append(term)
    for distance in sorted(distances):
        found = frequencies(index, cur, sorted(distances[distance]), visible)
        term, frequency = min(found.items(), key=lambda item: (-item[1], item[0]))
        if frequency:
            surface = surface_word(index, cur, term, visible) or term
            return fallback.Correction(word, surface, distance, frequency)
    return None


def candidates(index, cur, targets: set[str], maxdist: int) -> set[str]:
    """Alphabetic vocabulary terms of title or text within `maxdist` plain Levenshtein edits
    of a target, sharing its first letter (Whoosh's `terms_within(..., prefix=1)`)."""
    function = levenshtein_function(index, cur)
    if function is None or any(len(t) + maxdist > LEVENSHTEIN_MAX for t in targets):
        near = _near_in_python(index, cur, targets, maxdist)
    else:
        near = _near_in_sql(index, cur, function, targets, maxdist)
    return {term for term in near if term.isalpha() and term not in targets}


def _near_in_sql(index, cur, function: str, targets: set[str], maxdist: int) -> set[str]:
    """By `function` (fuzzystrmatch), after the first letter and a length window (which an
    index on `(left(term, 1), length(term))` can serve); the CASE keeps the function from
    the strings it refuses, whatever order PostgreSQL tests the rest in."""
    one = (
        "(left(term, 1) = %s AND length(term) BETWEEN %s AND %s AND CASE WHEN "
        f"length(term) <= {LEVENSHTEIN_MAX} THEN {function}(term, %s, %s) <= %s ELSE false END)"
    )
    params: list = []
    for target in sorted(targets):
        window = [len(target) - maxdist, len(target) + maxdist]
        params += [target[:1], *window, target, maxdist, maxdist]
    return _terms(index, cur, " OR ".join([one] * len(targets)), params)


def _near_in_python(index, cur, targets: set[str], maxdist: int) -> set[str]:
    """A length window and the first letter in SQL, the distance in Python."""
    one = "(left(term, 1) = %s AND length(term) BETWEEN %s AND %s)"
    params: list = []
    for target in sorted(targets):
        params += [target[:1], len(target) - maxdist, len(target) + maxdist]
    found = _terms(index, cur, " OR ".join([one] * len(targets)), params)
    return {
        term
        for term in found
        if any(
            term[:1] == t[:1] and levenshtein(term, t, limit=maxdist) <= maxdist for t in targets
        )
    }


def _terms(index, cur, condition: str, params: list) -> set[str]:
    cur.execute(
        f"SELECT DISTINCT term FROM {index.words} "
        f"WHERE field IN ('title', 'text') AND df > 0 AND ({condition})",
        params,
    )
    return {row[0] for row in cur.fetchall()}


def frequencies(index, cur, terms: list[str], visible: Sql) -> dict[str, int]:
    """How many visible documents hold each term in their title or text."""
    cur.execute(
        f"SELECT c.term, (SELECT count(*) FROM {index.docs} "
        f"WHERE ({visible.text}) AND (title_tsv @@ c.q OR text_tsv @@ c.q)) "
        "FROM unnest(%s::text[], %s::tsquery[]) AS c(term, q)",
        [*visible.params, terms, [quote(term) for term in terms]],
    )
    return {term: int(n) for term, n in cur.fetchall()}


def surface_word(index, cur, term: str, visible: Sql) -> str | None:
    """A word whose stem is `term`, read from the stored title or text of the first visible
    document holding it (as `fallback.surface_word` reads it)."""
    for fieldname in fallback.TEXT_FIELDS:
        column, vector = STORED_COLUMNS[fieldname]
        cur.execute(
            f"SELECT left({column}, %s) FROM {index.docs} "
            f"WHERE ({visible.text}) AND {vector} @@ %s::tsquery "
            'ORDER BY id COLLATE "C" LIMIT 1',
            [fallback.SURFACE_CHARS, *visible.params, quote(term)],
        )
        row = cur.fetchone()
        if row is None:
            continue
        found = fallback.surface_in(row[0] or "", term)
        if found:
            return found
    return None


# -- fuzzystrmatch --------------------------------------------------------------------------
_FUNCTIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_FUNCTIONS_LOCK = threading.Lock()


def levenshtein_function(index, cur) -> str | None:
    """fuzzystrmatch's `levenshtein_less_equal`, schema-qualified; None when the extension
    is not there. `create_extension` (run by the index's `ensure`) made it if the account
    may. Looked up once per index object (per process)."""
    with _FUNCTIONS_LOCK:
        if index in _FUNCTIONS:
            return _FUNCTIONS[index]
    function = _installed(cur)
    with _FUNCTIONS_LOCK:
        _FUNCTIONS[index] = function
    return function


def _installed(cur) -> str | None:
    cur.execute(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'fuzzystrmatch'"
    )
    row = cur.fetchone()
    return None if row is None else '"{}".levenshtein_less_equal'.format(row[0].replace('"', '""'))


def create_extension(cur) -> None:
    """fuzzystrmatch, when missing and the account may create it (a trusted extension since
    PostgreSQL 13: the right to create in the database is enough), in the caller's
    transaction (the index's `ensure`, under its advisory lock: two nodes do not race). Not
    while a search runs: creating it needs a transaction of its own, so a second connection,
    and a search holding one of the pool's connections would wait for it (with every
    connection lent, forever). A refusal is logged and rolled back to a savepoint; the
    distances are then computed in Python."""
    if _installed(cur) is not None:
        return
    cur.execute("SAVEPOINT fuzzystrmatch")
    try:
        cur.execute("CREATE EXTENSION IF NOT EXISTS fuzzystrmatch")
    except psycopg2.Error as exc:
        if cur.connection.closed:
            raise
        cur.execute("ROLLBACK TO SAVEPOINT fuzzystrmatch")
        log.warning("did you mean: no fuzzystrmatch (%s); distances computed in Python", exc)
        return
    cur.execute("RELEASE SAVEPOINT fuzzystrmatch")
