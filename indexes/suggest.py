"""Classification suggestions from records already classified (more like this).

The record's key terms (Whoosh's `key_terms`, by BM25 weight) find the most similar records
the caller may see that already have a code; each neighbour votes for its code with its score.
A suggestion carries its reason in parts a person reads: the neighbours that voted for it,
how many there were, and which of the record's key words they share ("6 kata sama dengan 14
arsip berkode 800.1.11"), instead of a BM25 score. Nothing is learned ahead of
time, so a new scheme or a newly classified record counts at the next search.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh.query import Term

from indexes.search import neighbourhood
from indexes.store import IndexStore
from repository.core.security import Caller

NEIGHBOURS = 25
KEY_TERMS = 12


@dataclass
class Suggestion:
    code: str
    score: float
    neighbours: list[dict] = field(default_factory=list)  # id, title, score (the best 3)
    records: int = 0  # how many of the neighbours carry the code
    words: list[str] = field(default_factory=list)  # the record's key words they share
    docs: list[int] = field(default_factory=list, repr=False)  # the neighbours, in the index


def suggest(
    store: IndexStore, caller: Caller, record_id: str, *, top: int = 3, hidden: tuple = ()
) -> list[Suggestion]:
    key_terms = {"text": KEY_TERMS, "title": 4}
    with neighbourhood(store, caller, record_id, key_terms, hidden) as found:
        if found is None:
            return []
        searcher, engine, query, matched = found
        matched &= ~store.mask(engine, Term("class_top", "-"))  # classified records only
        votes: dict[str, Suggestion] = {}
        scores = engine.scores(query, matched)
        for neighbour in engine.top(query, matched, NEIGHBOURS):
            stored = searcher.stored_fields(neighbour)
            code, score = stored.get("classification", ""), float(scores[neighbour])
            vote = votes.setdefault(code, Suggestion(code, 0.0))
            vote.score += score
            vote.records += 1
            vote.docs.append(neighbour)
            vote.neighbours.append(
                {"id": stored["id"], "title": stored.get("title", ""), "score": round(score, 2)}
            )
        ranked = sorted(votes.values(), key=lambda s: (-s.score, s.code))[:top]
        terms = [(q.fieldname, q.text) for q in query.subqueries if isinstance(q, Term)]
        masks = {term: engine.term_mask(*term) for term in terms}
        for suggestion in ranked:
            suggestion.score = round(suggestion.score, 2)
            suggestion.neighbours = suggestion.neighbours[:3]
            suggestion.words = _shared(masks, suggestion.docs)
        return ranked


def _shared(masks: dict, docs: list[int]) -> list[str]:
    """The key words found in any of `docs`, each word once whatever its field."""
    words: list[str] = []
    for (_, word), mask in masks.items():
        text = word.decode() if isinstance(word, bytes) else str(word)
        if text not in words and any(mask[d] for d in docs):
            words.append(text)
    return words
