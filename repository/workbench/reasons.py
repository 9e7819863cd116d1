"""Why a classification code is suggested, in parts a person can read: how many of the
record's key words the similar records share, and how many of those records carry the code
("6 kata sama dengan 14 arsip berkode 800.1.11"), instead of a BM25 score.

The neighbours are found as `indexes.suggest` finds them (the record's key terms, among the
records the caller may see that have a code); here each code's neighbours are counted and
the key words that occur in at least one of them are collected.
"""

from __future__ import annotations

from collections import defaultdict

from whoosh.query import Term

from indexes.search import neighbourhood
from indexes.store import IndexStore
from indexes.suggest import KEY_TERMS, NEIGHBOURS
from repository.core.security import Caller


def reasons(
    store: IndexStore, caller: Caller, record_id: str, hidden: tuple = ()
) -> dict[str, dict]:
    """code -> {"records": neighbours with that code, "words": key words they share}."""
    key_terms = {"text": KEY_TERMS, "title": 4}
    with neighbourhood(store, caller, record_id, key_terms, hidden) as found:
        if found is None:
            return {}
        searcher, engine, query, matched = found
        matched &= ~store.mask(engine, Term("class_top", "-"))
        by_code: dict[str, list[int]] = defaultdict(list)
        for neighbour in engine.top(query, matched, NEIGHBOURS):
            by_code[searcher.stored_fields(neighbour).get("classification", "")].append(neighbour)
        terms = [(q.fieldname, q.text) for q in query.subqueries if isinstance(q, Term)]
        masks = {term: engine.term_mask(*term) for term in terms}
        return {
            code: {"records": len(docs), "words": _shared(masks, docs)}
            for code, docs in by_code.items()
        }


def _shared(masks: dict, docs: list[int]) -> list[str]:
    """The key words found in any of `docs`, each word once whatever its field."""
    words: list[str] = []
    for (_, word), mask in masks.items():
        text = word.decode() if isinstance(word, bytes) else str(word)
        if text not in words and any(mask[d] for d in docs):
            words.append(text)
    return words
