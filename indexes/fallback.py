"""When a query finds nothing or very little: partial matches and "did you mean".

Plain words are ANDed, so one word no record holds (a typo, a word the archive never uses)
empties the answer. Two ways out, both inside the caller's documents only:

- partial matches: the records that hold all the query's words but one, shown apart from
  the full answer. When the full answer is empty the query needs at least
  `PARTIAL_MIN_WORDS` words: one of two words is too little to call a match (`kereta cepat`
  must not answer with every record saying *cepat*, the no-answer queries of
  bench/quality). When the full answer holds something, the matter exists in the archive,
  and records holding all words but one of a query of two or more words are likely about it
  too (`bibit-bibit mahoni` finds the tree-planting records that say only *bibit pohon*);
  they are ranked by the whole query, so the rarer word counts most;
- did you mean: a word that matches nothing the caller may see is replaced by the nearest
  term of the index vocabulary (Damerau-Levenshtein distance 1, or 2 for words of 6 letters
  or more), the closest first and then the most frequent among the caller's documents, and
  the corrected query is offered only when it finds something.

Suggestions never leak a hidden record's words (docs/security.md): a candidate term counts
only through the documents the caller may see with the current filters, and sealed (R/SR)
text is in the index only as keyed terms, which are not words and are never candidates. The
word shown is read from a visible record's stored text (the index holds stems).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq

from indexes.analysis import STOP_WORDS, TOKEN_PATTERN, stem
from indexes.expansion import OPERATORS
from indexes.sealed import blind_query
from repository.core.keys import Keyring

PARTIAL_MIN_WORDS = 3  # for a query that found nothing: all its words but one
PARTIAL_MIN_WORDS_FOUND = 2  # for a query that found a little: the matter exists
FEW = 10  # a result smaller than a page also gets partial matches and a suggestion
PARTIAL_SHOWN = 10  # the best partial matches are shown (and highlighted), the rest counted
TEXT_FIELDS = ("title", "text")
SURFACE_CHARS = 20_000
_WORD = re.compile(TOKEN_PATTERN)
_QUERY_WORD = re.compile(r"(?<![\w:\"*?])([^\W\d_]{3,})(?![\w:*?])")


def partial_mask(engine, query: wq.Query, docs: np.ndarray, matched: np.ndarray):
    """The documents matching all positive parts of an AND query but one (and none of its
    NOT parts), among `docs`, without those already `matched`; None when the query is not
    an AND of at least `PARTIAL_MIN_WORDS` positive parts."""
    if not isinstance(query, wq.And):
        return None
    positive = [q for q in query.subqueries if not isinstance(q, wq.Not)]
    negative = [q for q in query.subqueries if isinstance(q, wq.Not)]
    least = PARTIAL_MIN_WORDS_FOUND if matched.any() else PARTIAL_MIN_WORDS
    if len(positive) < least:
        return None
    hits = np.zeros(engine.size, np.int16)
    for part in positive:
        hits += engine.mask(part)
    mask = (hits >= least_matching(len(positive), matched.any())) & docs & ~matched
    for part in negative:
        mask &= engine.mask(part)
    return mask


def least_matching(parts: int, found: bool) -> int:
    """How many of a query's `parts` a partial match holds: all but one when the query found
    nothing (no more, or the no-answer queries would answer); when it found something, more
    than half of a long query (4 of 5 is too strict for `undangan rapat koordinasi stunting
    posyandu`: 3 of them still name the matter), all but one of a short one."""
    if not found:
        return parts - 1
    return max(1, parts - max(1, (parts - 1) // 2))


@dataclass
class Correction:
    word: str  # as the user typed it
    suggestion: str  # a word from a visible record
    distance: int
    frequency: int  # visible documents holding it


def unmatched_words(text: str) -> list[str]:
    """The plain words of a query (letters only, no field, wildcard or quoted phrase)."""
    outside_quotes = re.sub(r'"[^"]*"?', " ", text)
    words = [w for w in _QUERY_WORD.findall(outside_quotes) if w not in OPERATORS]
    return [w for w in words if w.lower() not in STOP_WORDS]


def word_mask(engine, word: str, docs: np.ndarray, keyring: Keyring | None) -> np.ndarray:
    """The caller's documents whose title or text holds `word` (sealed text included)."""
    term = stem(word.lower())
    query = blind_query(wq.Or([wq.Term(f, term) for f in TEXT_FIELDS]), keyring)
    return engine.mask(query) & docs


def correction(searcher, engine, word: str, docs: np.ndarray) -> Correction | None:
    """The nearest visible vocabulary term to `word`, as a word; None when none is near."""
    lowered = word.lower()
    targets = {lowered, stem(lowered)}
    maxdist = 1 if len(lowered) < 6 else 2
    best: tuple[int, int, str] | None = None
    for candidate in _candidates(engine, targets, maxdist):
        distance = min(damerau_levenshtein(candidate, t) for t in targets)
        if distance > maxdist:
            continue
        holders = engine.term_mask("title", candidate) | engine.term_mask("text", candidate)
        frequency = int((holders & docs).sum())
        if frequency and (best is None or (distance, -frequency) < (best[0], -best[1])):
            best = (distance, frequency, candidate)
    if best is None:
        return None
    distance, frequency, term = best
    surface = surface_word(searcher, engine, term, docs) or term
    return Correction(word, surface, distance, frequency)


def _candidates(engine, targets: set[str], maxdist: int) -> set[str]:
    """Alphabetic vocabulary terms near a target (keyed blind terms start with a digit)."""
    found: set[str] = set()
    for reader, _offset, _segment in engine.leaves:
        for fieldname in TEXT_FIELDS:
            for target in targets:
                found.update(reader.terms_within(fieldname, target, maxdist, prefix=1))
    return {term for term in found if term.isalpha() and term not in targets}


def surface_word(searcher, engine, term: str, docs: np.ndarray) -> str | None:
    """A word whose stem is `term`, read from the stored title or text of the first visible
    document holding it."""
    for fieldname in TEXT_FIELDS:
        holders = np.flatnonzero(engine.term_mask(fieldname, term) & docs)
        if not len(holders):
            continue
        found = surface_in(searcher.stored_fields(int(holders[0])).get(fieldname) or "", term)
        if found:
            return found
    return None


def surface_in(text: str, term: str) -> str | None:
    """The first word of `text` (within its first `SURFACE_CHARS`) whose stem is `term`."""
    for word in _WORD.findall(text[:SURFACE_CHARS]):
        for part in word.lower().split("-"):
            if part.isalpha() and stem(part) == term:
                return part
    return None


def corrected_text(text: str, corrections: list[Correction]) -> str:
    """`text` with each corrected word replaced (whole words only)."""
    for fix in corrections:
        text = re.sub(rf"(?<!\w){re.escape(fix.word)}(?!\w)", fix.suggestion, text, count=1)
    return text


def damerau_levenshtein(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) turning `a` into `b`."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
