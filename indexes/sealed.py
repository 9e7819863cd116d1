"""The blind index: how sealed (R/SR) text is found by those allowed to see it.

The text of a sealed attachment is analysed as any text is (tokens, stop words, stems), then
each stem is replaced by its keyed term (`Keyring.term`) before it reaches Whoosh. The index
files hold positions and frequencies of opaque terms and no stored text, so reading them
reveals no word; a search replaces each stem of the query by `stem OR term(stem)`, so words
and phrases find sealed records like any other, ranked by the same BM25. The permission filter
still decides who sees the hit, and its snippet is made from the decrypted text only then.

What it costs: prefix, wildcard and fuzzy queries cannot match sealed text (a keyed term has
no prefix to share), and someone who can read the index sees how often each opaque term
occurs, which for a handful of documents says little and never gives the word.
"""

from __future__ import annotations

from whoosh import query as wq

from indexes.analysis import indonesian_analyzer
from repository.core.keys import Keyring

BLIND_FIELDS = ("text",)


def blind_terms(text: str, keyring: Keyring) -> str:
    """The keyed terms of `text`, in order, as text the analyzer passes through unchanged
    (so positions, and with them phrases, are kept)."""
    analyzer = indonesian_analyzer()
    return " ".join(keyring.term(token.text) for token in analyzer(text))


def blind_query(query: wq.Query, keyring: Keyring | None) -> wq.Query:
    """`query` with every text term and phrase also matching its keyed form."""
    if keyring is None or not keyring.available:
        return query
    if isinstance(query, wq.Term) and query.fieldname in BLIND_FIELDS:
        return wq.Or([query, wq.Term(query.fieldname, keyring.term(query.text))])
    if isinstance(query, wq.Phrase) and query.fieldname in BLIND_FIELDS:
        blind = [keyring.term(word) for word in query.words]
        return wq.Or([query, wq.Phrase(query.fieldname, blind, slop=query.slop)])
    if isinstance(query, wq.Not):
        return wq.Not(blind_query(query.query, keyring))
    if isinstance(query, wq.AndNot):
        return wq.AndNot(blind_query(query.a, keyring), blind_query(query.b, keyring))
    if isinstance(query, wq.And | wq.Or | wq.AndMaybe | wq.Require):
        return _rebuilt(query, [blind_query(child, keyring) for child in query.children()])
    return query


def _rebuilt(query: wq.Query, children: list[wq.Query]) -> wq.Query:
    if isinstance(query, wq.And | wq.Or):
        copy = query.copy()
        copy.subqueries = children
        return copy
    return type(query)(*children)
