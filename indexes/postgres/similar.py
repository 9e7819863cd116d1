"""More like this on PostgreSQL: related records and classification suggestions.

The PostgreSQL counterparts of indexes/search.py `related`/`neighbourhood` and
indexes/suggest.py, by the same rules: the record's key terms are picked by Whoosh's own
`Expander` (Bo1) from its stored title and text, analysed by the same field analyzers; each is
searched in every field asked for, and the records holding one of them among those the caller
may see (the record itself left out) are ranked by the BM25 of the array engine
(indexes/engine.py: same k1, b, title boost, idf and posting weights), computed in SQL from the
rows' tsvectors.

Scoring a record means reading its tsvectors, and a key term can be a common word (a record
that says *dinas* twenty times): the records holding it are most of the archive. So records
are scored in rounds, as MaxScore does: first those holding the strongest key terms, as many
terms as `CANDIDATES` records hold, each record scored on all the key terms. A record holding
none of those terms scores less than the sum of the other terms' bounds (a term adds less than
k1 + 1 times its weight, whatever its frequency): when the `limit`-th best found so far scores
at least that, the answer is exact. Otherwise the next round takes the terms that score says
are needed, as long as `MAX_CANDIDATES` records hold them (past that, the answer is the best
among those: only records sharing nothing but very common words are left out).

What differs from Whoosh, and why: Bo1 weighs a term by its collection frequency, which the
`words` table does not keep; the document frequency stands in. A tsvector keeps at most 256
positions of a lexeme, so a term's frequency in one record stops counting there. Ties fall to
the record id, not to Whoosh's document number. Nothing of a record the caller may not see is
read: the neighbours are searched inside `visible(caller, hidden)` only; the global document
frequencies weigh the terms, as Whoosh's do. Each answer is read in one snapshot
(results.py `for_reading`).
"""

from __future__ import annotations

import math
import threading
import weakref
from dataclasses import dataclass, field, replace
from functools import cache

from whoosh.classify import Expander

from indexes.engine import K1, SCORED_FIELDS, B
from indexes.postgres.query import Sql, both, visible
from indexes.postgres.results import for_reading, hits, require_current
from indexes.postgres.rows import MAX_POSITION, quote
from indexes.schema import build_schema
from indexes.search import Hit
from indexes.suggest import KEY_TERMS, NEIGHBOURS, Suggestion
from repository.core.security import Caller

RELATED_TERMS = {"text": 8}
SUGGEST_TERMS = {"text": KEY_TERMS, "title": 4}
VECTORS = {"title": ("title_tsv", "title_len"), "text": ("text_tsv", "text_len")}
CANDIDATES = 1_000  # records scored in the first round (by the key terms' df)
MAX_CANDIDATES = 20_000  # at most, in the last


@dataclass
class Neighbourhood:
    """A record's key terms as (field, term) pairs, deduplicated in query order, and the
    records that may be its neighbours: visible ones, the record itself left out."""

    record_id: str
    terms: list[tuple[str, str]]
    scope: Sql


@dataclass
class Neighbour:
    id: str
    score: float
    terms: frozenset[tuple[str, str]]  # the key terms the neighbour holds
    title: str = ""
    classification: str = ""


@dataclass(frozen=True)
class Weight:
    """A key term as BM25 weighs it in one field."""

    field: str
    term: str
    weight: float  # field boost × idf
    average: float  # the field's mean length
    posting: float  # the weight of one occurrence in Whoosh's postings (its field boost)
    df: int

    @property
    def bound(self) -> float:
        """The most this term adds to a score, whatever its frequency in the record."""
        return self.weight * (K1 + 1)


@dataclass(frozen=True)
class Stats:
    """What BM25 needs of the whole index."""

    count: int
    average: dict[str, float] = field(default_factory=dict)  # field -> mean length


def related(
    index, caller: Caller, record_id: str, *, limit: int = 5, hidden: tuple = ()
) -> list[Hit]:
    """More like this: the record's key text terms, ranked among what the caller may see.
    The hits carry no snippet (the record page shows one line each), as in Whoosh."""
    require_current(index)
    with index.cursor() as cur:
        for_reading(cur)
        found = neighbourhood(index, cur, caller, record_id, RELATED_TERMS, hidden)
        if found is None:
            return []
        ranked = neighbours(index, cur, found, limit)
        scores = {n.id: round(n.score, 4) for n in ranked}
        chosen = [n.id for n in ranked]
        found_hits = hits(index, cur, chosen, None, None, within=found.scope, snippets=False)
        return [replace(hit, score=scores[hit.id]) for hit in found_hits]


def suggest(
    index, caller: Caller, record_id: str, *, top: int = 3, hidden: tuple = ()
) -> list[Suggestion]:
    """Classification codes voted for by the record's nearest classified neighbours (each
    with its BM25 score), with the reasons indexes/suggest.py gives."""
    require_current(index)
    with index.cursor() as cur:
        for_reading(cur)
        found = neighbourhood(index, cur, caller, record_id, SUGGEST_TERMS, hidden)
        if found is None:
            return []
        found.scope = both(found.scope, Sql("class_top <> '-'"))
        votes: dict[str, Suggestion] = {}
        voters: dict[str, list[Neighbour]] = {}
        for neighbour in neighbours(index, cur, found, NEIGHBOURS):
            code = neighbour.classification
            _vote(votes.setdefault(code, Suggestion(code, 0.0)), neighbour)
            voters.setdefault(code, []).append(neighbour)
        ranked = sorted(votes.values(), key=lambda s: (-s.score, s.code))[:top]
        for suggestion in ranked:
            suggestion.score = round(suggestion.score, 2)
            suggestion.neighbours = suggestion.neighbours[:3]
            suggestion.words = _shared(found.terms, voters[suggestion.code])
        return ranked


def _vote(vote: Suggestion, neighbour: Neighbour) -> None:
    vote.score += neighbour.score
    vote.records += 1
    vote.neighbours.append(
        {"id": neighbour.id, "title": neighbour.title, "score": round(neighbour.score, 2)}
    )


def _shared(terms: list[tuple[str, str]], voters: list[Neighbour]) -> list[str]:
    """The key words any of `voters` holds, each word once whatever its field, in the order
    of the query's terms."""
    held = set().union(*(n.terms for n in voters))
    words: list[str] = []
    for term in terms:
        if term in held and term[1] not in words:
            words.append(term[1])
    return words


def neighbourhood(
    index, cur, caller: Caller, record_id: str, key_terms: dict[str, int], hidden: tuple = ()
) -> Neighbourhood | None:
    """The record's key terms (so many per field, each searched in every field of
    `key_terms`, as indexes/search.py `neighbourhood` does); None when the caller may not
    see the record or it has no terms."""
    seen = visible(caller, tuple(hidden))
    cur.execute(
        f"SELECT title, body FROM {index.docs} WHERE id = %s AND ({seen.text})",
        [record_id, *seen.params],
    )
    row = cur.fetchone()
    if row is None:
        return None
    stored = {"title": row[0], "text": row[1]}
    count = index_stats(index, cur).count
    keys: list[str] = []
    for fieldname, number in key_terms.items():
        keys += key_words(index, cur, fieldname, stored[fieldname], number, count)
    if not keys:
        return None
    terms = list(dict.fromkeys((fieldname, word) for fieldname in key_terms for word in keys))
    return Neighbourhood(record_id, terms, both(seen, Sql("id <> %s", [record_id])))


# -- key terms ------------------------------------------------------------------------------
class _Vocabulary:
    """The index as Whoosh's `Expander` reads it: its schema, its document count, and each
    term's frequency, answered from the `words` table (`known`, filled once the record's
    terms are known)."""

    def __init__(self, doc_count: int) -> None:
        self.schema = _schema()
        self._count = doc_count
        self.known: dict[tuple[str, str], int] = {}

    def doc_count_all(self) -> int:
        return self._count

    def field_length(self, _fieldname: str) -> int:
        return 0  # Bo1 does not read it

    def __contains__(self, term: tuple) -> bool:
        return self.frequency(*term) > 0

    def frequency(self, fieldname: str, btext) -> int:
        text = btext.decode() if isinstance(btext, bytes) else btext
        return self.known.get((fieldname, text), 0)


@cache
def _schema():
    return build_schema()


def key_words(index, cur, fieldname: str, text: str, count: int, doc_count: int) -> list[str]:
    """The `count` most important words of `text` as Whoosh's `key_terms` picks them (Bo1
    over the field's analysed tokens), document frequencies standing for collection ones."""
    vocabulary = _Vocabulary(max(doc_count, 1))
    expander = Expander(vocabulary, fieldname)
    expander.add_text(text or "")
    terms = list(expander.topN_weight)
    if terms:
        cur.execute(
            f"SELECT term, df FROM {index.words} WHERE field = %s AND term = ANY(%s) AND df > 0",
            [fieldname, terms],
        )
        vocabulary.known = {(fieldname, term): df for term, df in cur.fetchall()}
    return [word for word, _ in expander.expanded_terms(count)]


# -- BM25 -----------------------------------------------------------------------------------
_STATS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_STATS_LOCK = threading.Lock()
STATS_DRIFT = 0.01  # the mean lengths are read again once the row count moved by 1 %


def index_stats(index, cur) -> Stats:
    """The live row count (meta, kept by the writer) and the mean field lengths. The means
    take a scan of the whole table, too slow for every record page at a million rows, and
    they hardly move: they are read again only when the row count moved by `STATS_DRIFT`."""
    cur.execute(f"SELECT value FROM {index.meta} WHERE key = 'doc_count'")
    row = cur.fetchone()
    count = int(row[0]) if row else 0
    with _STATS_LOCK:
        kept = _STATS.get(index)
    if kept is not None and abs(kept.count - count) <= kept.count * STATS_DRIFT:
        return Stats(count, kept.average)
    cur.execute(
        "SELECT coalesce(avg(coalesce(title_len, 0)), 0), "
        f"coalesce(avg(coalesce(text_len, 0)), 0) FROM {index.docs}"
    )
    title, text = cur.fetchone()
    stats = Stats(count, {"title": float(title), "text": float(text)})
    with _STATS_LOCK:
        _STATS[index] = stats
    return stats


def term_weights(index, cur, terms: list[tuple[str, str]]) -> list[Weight]:
    """The weight of each of `terms` some record holds, with the idf of indexes/engine.py
    `scores`, the strongest first."""
    stats = index_stats(index, cur)
    cur.execute(
        f"SELECT field, term, df FROM {index.words} "
        "WHERE (field, term) IN (SELECT * FROM unnest(%s::text[], %s::text[])) AND df > 0",
        [[f for f, _ in terms], [t for _, t in terms]],
    )
    dfs = {(f, t): df for f, t, df in cur.fetchall()}
    n = max(stats.count, 1)
    weights = []
    for fieldname, term in terms:
        df = dfs.get((fieldname, term))
        if df is None or fieldname not in SCORED_FIELDS:
            continue
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        boost = SCORED_FIELDS[fieldname]
        posting = _schema()[fieldname].format.field_boost
        average = max(stats.average.get(fieldname, 0.0), 1e-6)
        weights.append(Weight(fieldname, term, boost * idf, average, posting, df))
    return sorted(weights, key=lambda w: -w.bound)


def neighbours(
    index,
    cur,
    found: Neighbourhood,
    limit: int,
    *,
    candidates: int = CANDIDATES,
    most: int = MAX_CANDIDATES,
) -> list[Neighbour]:
    """The best `limit` records of `found.scope` holding a key term, by BM25 over all the
    key terms, best first, scoring `candidates` records first and `most` at most (rounds:
    module doc)."""
    weights = term_weights(index, cur, found.terms)
    if not weights or limit <= 0:
        return []
    taken = _within(weights, candidates)
    while True:
        ranked = _scored(index, cur, found.scope, weights, weights[:taken], limit)
        needed = _needed(weights, ranked, limit)
        following = min(needed, max(taken, _within(weights, most)))
        if following <= taken:
            return ranked
        taken = following


def _within(weights: list[Weight], budget: int) -> int:
    """How many of the strongest terms are held by at most `budget` records (one at least)."""
    total = 0
    for taken, weight in enumerate(weights):
        total += weight.df
        if taken and total > budget:
            return taken
    return len(weights)


def _needed(weights: list[Weight], ranked: list[Neighbour], limit: int) -> int:
    """How many of the strongest terms a record must hold one of to beat the `limit`-th of
    `ranked`: the others together add less than its score."""
    if len(ranked) < limit:
        return len(weights)
    least = ranked[limit - 1].score
    rest = 0.0
    for taken in range(len(weights), 0, -1):
        rest += weights[taken - 1].bound
        if rest >= least:
            return taken
    return 0


SCORED_SQL = """
WITH keys(field, term, weight, average, posting) AS (
    SELECT * FROM unnest(%s::text[], %s::text[], %s::float8[], %s::float8[], %s::float8[])
), scored AS (
    SELECT c.id,
           sum(k.weight * u.tf * k.posting * {k1plus}
               / (u.tf * k.posting + {k1} * (1 - {b} + {b} * u.len / k.average))) AS score,
           array_agg(k.field || ' ' || k.term) AS terms
    FROM (SELECT id, title_tsv, text_tsv, title_len, text_len FROM {docs} WHERE {scope}) c
    CROSS JOIN LATERAL ({title} UNION ALL {text}) u
    JOIN keys k ON k.field = u.field AND k.term = u.lexeme
    GROUP BY c.id
    ORDER BY score DESC, c.id COLLATE "C"
    LIMIT %s
)
SELECT s.id, s.score, s.terms, d.title, d.classification
FROM scored s JOIN {docs} d ON d.id = s.id
ORDER BY s.score DESC, s.id COLLATE "C"
"""

# A field's key lexemes with their frequencies. `ts_filter` of the lexemes weighted 'A' picks
# them without a row for every lexeme of the text; it drops lexemes without positions, which
# only a text of more than MAX_POSITION tokens can have (rows.py), so such a text is read whole.
FREQUENCIES_SQL = """
SELECT '{field}' AS field, lexeme, greatest(cardinality(positions), 1) AS tf,
       coalesce(c.{length}, 0) AS len
FROM unnest(CASE WHEN coalesce(c.{length}, 0) > {max_position} THEN c.{vector}
                 ELSE ts_filter(setweight(setweight(c.{vector}, 'D'), 'A', %s), '{{a}}') END)
WHERE lexeme = ANY(%s)
"""


def _scored(
    index, cur, scope: Sql, weights: list[Weight], first: list[Weight], limit: int
) -> list[Neighbour]:
    """The best `limit` records of `scope` holding one of the `first` terms, each scored by
    all the `weights`."""
    holding = both(scope, _holding(first))
    parts = {f: _frequencies(f) for f in VECTORS}
    sql = SCORED_SQL.format(docs=index.docs, scope=holding.text, k1=K1, k1plus=K1 + 1, b=B, **parts)
    columns = [
        [getattr(w, name) for w in weights]
        for name in ("field", "term", "weight", "average", "posting")
    ]
    lexemes = [[w.term for w in weights if w.field == f] for f in VECTORS]
    per_field = [value for terms in lexemes for value in (terms, terms)]
    cur.execute(sql, [*columns, *holding.params, *per_field, limit])
    return [
        Neighbour(rid, float(score), _pairs(terms), title or "", classification or "")
        for rid, score, terms, title, classification in cur.fetchall()
    ]


def _frequencies(fieldname: str) -> str:
    vector, length = VECTORS[fieldname]
    return FREQUENCIES_SQL.format(
        field=fieldname, vector=vector, length=length, max_position=MAX_POSITION
    )


def _holding(weights: list[Weight]) -> Sql:
    """One of the terms in its field's tsvector (GIN-searchable)."""
    ors, params = [], []
    for fieldname in VECTORS:
        lexemes = [w.term for w in weights if w.field == fieldname]
        if lexemes:
            ors.append(f"{VECTORS[fieldname][0]} @@ %s::tsquery")
            params.append(" | ".join(quote(lexeme) for lexeme in lexemes))
    return Sql(" OR ".join(ors), params)


def _pairs(terms: list[str]) -> frozenset[tuple[str, str]]:
    return frozenset(tuple(term.split(" ", 1)) for term in terms)
