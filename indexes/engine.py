"""Counting, filtering and ranking over whole-index arrays, for queries that match most records.

Whoosh scores, filters and counts one document at a time in Python: a word found in 70,000 of
100,000 records costs seconds once facets and totals are needed. Here Whoosh stays the index
(analysis, storage, query parsing, highlighting) and this module reads its posting lists once
per segment into numpy arrays, then answers a query with array operations:

- a term is a boolean mask over all documents; And/Or/Not are &, |, ~;
- totals and facet counts are sums over masks (permissions applied first, always);
- relevance is BM25 (title boosted) summed over the query's positive terms, top-k by partition;
- sorting by a field uses its column, read once per segment.

Segments never change once written (only their deletions do), so everything is cached per
segment id and a commit only costs the reading of its new segment. Queries this module cannot
evaluate as masks (phrases, for instance) get their matching set from Whoosh itself.

Reading posting blocks whole needs Whoosh internals (the W3 codec's block reader, a segment's
deleted set), read as whoosh-reloaded 2.7.5 has them: the first engine refuses any other
Whoosh (`require_known_whoosh`) instead of answering wrong, and tests/test_engine.py checks
the engine's answers against plain Whoosh searching the same index.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import whoosh
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import SegmentReader
from whoosh.util.times import datetime_to_long

from repository.core.errors import LontarError

K1, B = 1.2, 0.75
SCORED_FIELDS = {"title": 2.0, "text": 1.0}
READ_AHEAD_TERMS = 50_000  # words a segment offers the read-ahead: a lexicon of millions is
# walked, never held
# The term cache grows with the index: at a million records the posting lists of the words most
# searched for take about 200 MB, and a 96 MB cache read them again from Whoosh's pickled blocks
# on nearly every broad query (search p95 700 ms instead of 120 ms, bench.search --n 1000000)
TERM_CACHE_BYTES = 96 * 1024 * 1024
TERM_CACHE_BYTES_PER_DOC = 320
TERM_CACHE_MAX_BYTES = 1024 * 1024 * 1024

# The Whoosh this module was written against (whoosh-reloaded, pinned in requirements.txt), and
# the members it uses that are not Whoosh's public API. Instance attributes (a block's `_ids`)
# are checked on the objects themselves, when read (`private_member`).
WHOOSH_VERSION = "2.7.5"
PRIVATE_MEMBERS: dict[type, tuple[str, ...]] = {
    W3LeafMatcher: ("_read_ids", "_read_weights", "_next_block", "is_active"),
    SegmentReader: ("deleted_docs_set", "has_deletions", "segment", "doc_field_length"),
}


class WhooshMismatch(LontarError, RuntimeError):
    """The installed Whoosh is not the one the engine reads the internals of."""

    key = "whoosh_mismatch"

    def __init__(self, detail: str) -> None:
        super().__init__(detail=detail)
        self.args = (detail,)

    def message(self, lang: str | None = None) -> str:
        found = super().message(lang)
        return self.params["detail"] if found == self.key else found


def check_whoosh_version(found: str) -> None:
    """Raises `WhooshMismatch` unless `found` is the Whoosh version this module was written for."""
    if found != WHOOSH_VERSION:
        raise WhooshMismatch(
            f"indexes/engine.py reads Whoosh internals as whoosh-reloaded {WHOOSH_VERSION} has "
            f"them, but Whoosh {found} is installed: install whoosh-reloaded=={WHOOSH_VERSION} "
            "(requirements.txt), or check the engine against the new version and change "
            "WHOOSH_VERSION"
        )


def check_whoosh_members(members: dict[type, tuple[str, ...]] = PRIVATE_MEMBERS) -> None:
    """Raises `WhooshMismatch` naming every member in `members` its class lacks."""
    missing = [
        f"{cls.__module__}.{cls.__qualname__}.{name}"
        for cls, names in members.items()
        for name in names
        if not hasattr(cls, name)
    ]
    if missing:
        raise WhooshMismatch(
            f"indexes/engine.py needs Whoosh members that Whoosh {whoosh.versionstring()} lacks: "
            + ", ".join(missing)
        )


@functools.cache
def require_known_whoosh() -> None:
    """Checked once, by the first engine: wrong answers are worse than none."""
    check_whoosh_version(whoosh.versionstring())
    check_whoosh_members()


def private_member(obj, name: str):
    """A non-public attribute of a Whoosh object, or `WhooshMismatch` when it has none."""
    try:
        return getattr(obj, name)
    except AttributeError:
        raise WhooshMismatch(
            f"indexes/engine.py needs {type(obj).__qualname__}.{name}, which Whoosh "
            f"{whoosh.versionstring()} lacks"
        ) from None


@dataclass
class SegmentData:
    """What is read once from one immutable segment."""

    size: int
    lengths: dict[str, np.ndarray] = field(default_factory=dict)
    columns: dict[str, np.ndarray] = field(default_factory=dict)


def term_cache_budget(size: int) -> int:
    """The automatic budget for an index of `size` documents: 96 MB up to 300,000 documents,
    then 320 bytes a document (a term's ids and frequencies take 8 bytes a matching document),
    at most 1 GB."""
    return min(max(TERM_CACHE_BYTES, size * TERM_CACHE_BYTES_PER_DOC), TERM_CACHE_MAX_BYTES)


class TermCache:
    """(segment, field, term) → (ids, frequencies), least recently used out first.

    `budget` fixes the size in bytes (`[search] term_cache_mb`); without it the cache follows
    the index's size (`fit`)."""

    def __init__(self, budget: int | None = None) -> None:
        self.fixed = budget is not None
        self.budget, self.used = (budget if budget is not None else TERM_CACHE_BYTES), 0
        self._items: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def fit(self, size: int) -> None:
        """Follows an index of `size` documents, unless the budget was fixed."""
        if self.fixed:
            return
        with self._lock:
            self.budget = term_cache_budget(size)
            self._evict()

    def _evict(self) -> None:
        while self.used > self.budget and len(self._items) > 1:
            _, (ids, freqs) = self._items.popitem(last=False)
            self.used -= ids.nbytes + freqs.nbytes

    def get(self, key: tuple, load) -> tuple[np.ndarray, np.ndarray]:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        found = load()
        with self._lock:
            if key not in self._items:  # another thread may have read it meanwhile
                self._items[key] = found
                self.used += found[0].nbytes + found[1].nbytes
                self._evict()
        return found


NO_POSTINGS = (np.empty(0, np.int32), np.empty(0, np.float32))  # a word a segment lacks


def block_postings(reader, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
    """A term's documents and frequencies in one segment, read from Whoosh's blocks."""
    btext = reader.schema[fieldname].to_bytes(text) if isinstance(text, str) else text
    if (fieldname, btext) not in reader:
        return NO_POSTINGS
    matcher = reader.postings(fieldname, btext)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child  # deleted documents: the engine's `live` mask drops them
    if not isinstance(matcher, W3LeafMatcher):
        raise WhooshMismatch(
            "indexes/engine.py reads postings block by block as W3LeafMatcher has them; "
            f"Whoosh {whoosh.versionstring()} gave {type(matcher).__qualname__}"
        )
    ids: list = []
    weights: list = []
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        ids.extend(private_member(matcher, "_ids"))
        weights.extend(private_member(matcher, "_weights"))
        if private_member(matcher, "_lastblock"):
            break
        matcher._next_block()
    return np.asarray(ids, np.int32), np.asarray(weights, np.float32)


class MappedPostings(Protocol):
    """A segment's posting lists kept outside Whoosh's blocks (indexes/postings.py)."""

    def lookup(self, reader, fieldname: str, text) -> tuple[np.ndarray, np.ndarray] | None: ...


class Engine:
    """One per searcher generation; shares segment data and term arrays across generations."""

    def __init__(
        self,
        searcher,
        segments: dict[str, SegmentData],
        terms: TermCache,
        mapped: Callable[[str], MappedPostings | None] | None = None,
    ) -> None:
        require_known_whoosh()
        self.searcher = searcher
        self._mapped = mapped
        self.leaves = []
        base = 0
        for reader, offset in searcher.reader().leaf_readers():
            if reader.segment() is None:  # an index with no segment yet reads as EmptyReader
                continue
            self.leaves.append((reader, offset, reader.segment().segment_id()))
            base = offset + reader.doc_count_all()
        self.size = base
        self._segments, self._terms = segments, terms
        self.live = np.ones(self.size, bool)
        for reader, offset, _ in self.leaves:
            deleted = list(reader.deleted_docs_set) if reader.has_deletions() else []
            if deleted:
                self.live[np.asarray(deleted, np.int64) + offset] = False
        self.doc_count = int(self.live.sum())
        self._averages: dict[str, float] = {}
        self._lexicons: dict[str, list[str]] = {}
        terms.fit(self.size)

    # -- segment data ------------------------------------------------------------------------
    def _segment(self, reader, segment_id: str) -> SegmentData:
        data = self._segments.get(segment_id)
        if data is None:
            data = self._segments.setdefault(segment_id, SegmentData(reader.doc_count_all()))
        return data

    def lengths(self, fieldname: str) -> np.ndarray:
        parts = []
        for reader, _, segment_id in self.leaves:
            data = self._segment(reader, segment_id)
            if fieldname not in data.lengths:
                lengths = np.fromiter(
                    (reader.doc_field_length(i, fieldname) for i in range(data.size)),
                    np.float32,
                    data.size,
                )
                # Whoosh reads an empty field's length back as NaN (a berkas without text,
                # an encrypted PDF): one NaN made the average, and every BM25 score, NaN
                data.lengths[fieldname] = np.nan_to_num(lengths, nan=0.0)
            parts.append(data.lengths[fieldname])
        return np.concatenate(parts) if parts else np.empty(0, np.float32)

    def _per_segment(self, kind: str, fieldname: str, convert, translate: bool = True) -> list:
        parts = []
        for reader, _, segment_id in self.leaves:
            data = self._segment(reader, segment_id)
            key = f"{kind}:{fieldname}"
            if key not in data.columns:
                column = reader.column_reader(fieldname, translate=translate) if data.size else []
                data.columns[key] = convert(list(column))
            parts.append(data.columns[key])
        return parts

    def numbers(self, fieldname: str) -> np.ndarray:
        """A numeric or date column as its raw int64 (dates: microseconds), missing lowest.
        Raw, because translating a missing date's placeholder overflows `datetime`."""
        missing = self.searcher.schema[fieldname].column_type.default_value()
        parts = self._per_segment(
            "n", fieldname, lambda raw: _as_numbers(raw, missing), translate=False
        )
        return np.concatenate(parts) if parts else np.empty(0, np.int64)

    def strings(self, fieldname: str) -> np.ndarray:
        parts = self._per_segment("s", fieldname, lambda raw: np.asarray([_text(v) for v in raw]))
        return np.concatenate(parts) if parts else np.empty(0, str)

    def codes(self, fieldname: str) -> list[tuple[np.ndarray, list[str], int]]:
        """Per segment: each document's value as a code into that segment's vocabulary."""
        parts = self._per_segment("c", fieldname, _as_codes)
        return [
            (codes, vocab, offset)
            for (codes, vocab), (_, offset, _) in zip(parts, self.leaves, strict=True)
        ]

    # -- terms ----------------------------------------------------------------------------------
    def term(self, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
        """Global ids and frequencies of a term over all segments."""
        ids, freqs = [], []
        for reader, offset, segment_id in self.leaves:
            seg_ids, seg_freqs = self._terms.get(
                (segment_id, fieldname, text),
                lambda r=reader, s=segment_id: self._read(r, s, fieldname, text),
            )
            ids.append(seg_ids + offset)
            freqs.append(seg_freqs)
        if not ids:
            return np.empty(0, np.int32), np.empty(0, np.float32)
        return np.concatenate(ids), np.concatenate(freqs)

    def _read(self, reader, segment_id: str, fieldname: str, text) -> tuple:
        """From the segment's mapped lists (indexes/postings.py) when it has them."""
        mapped = self._mapped(segment_id) if self._mapped is not None else None
        found = mapped.lookup(reader, fieldname, text) if mapped is not None else None
        return found if found is not None else block_postings(reader, fieldname, text)

    def read_ahead(self, fieldnames, budget: int) -> int:
        """Reads the posting arrays of the words in the most documents into the term cache,
        as many as `budget` bytes hold; returns how many words. Those are the words searches
        and related records meet most, and the longest to read from Whoosh's blocks: in a
        process just started, each first meeting cost a page 5-30 ms (docs/performance.md,
        Speed in the browser)."""
        frequencies: dict[tuple[str, str], int] = {}
        for fieldname in fieldnames:
            field = self.searcher.schema[fieldname]
            for reader, _, _ in self.leaves:  # each segment's most frequent, memory bounded
                lexicon = (
                    (info.doc_frequency(), btext) for btext, info in reader.iter_field(fieldname)
                )
                for documents, btext in heapq.nlargest(READ_AHEAD_TERMS, lexicon):
                    key = (fieldname, field.from_bytes(btext))
                    frequencies[key] = frequencies.get(key, 0) + documents
        budget = min(budget, self._terms.budget // 4)  # the rest stays for what is searched
        read = 0
        for (fieldname, text), documents in sorted(frequencies.items(), key=lambda kv: -kv[1]):
            budget -= documents * 8  # an int32 id and a float32 frequency a document
            if budget < 0:
                break
            self.term(fieldname, text)
            read += 1
        return read

    def term_mask(self, fieldname: str, text) -> np.ndarray:
        mask = np.zeros(self.size, bool)
        mask[self.term(fieldname, text)[0]] = True
        return mask

    # -- queries --------------------------------------------------------------------------------
    def mask(self, query: wq.Query) -> np.ndarray:
        """The live documents matching `query`."""
        return self._mask(query) & self.live

    def _mask(self, q: wq.Query) -> np.ndarray:
        if isinstance(q, wq.Term):
            return self.term_mask(q.fieldname, q.text)
        if isinstance(q, wq.Every):
            return np.ones(self.size, bool)
        if isinstance(q, type(wq.NullQuery)):
            return np.zeros(self.size, bool)
        if isinstance(q, wq.AndNot):
            return self._mask(q.a) & ~self._mask(q.b)
        # ANDMAYBE and REQUIRE here too: handed to Whoosh, an ANDNOT inside them would match
        # wrongly (Whoosh 2.7.5's AndNotMatcher keeps `a`'s first document even when `b` has it)
        if isinstance(q, wq.AndMaybe):
            return self._mask(q.a)
        if isinstance(q, wq.Require):
            return self._mask(q.a) & self._mask(q.b)
        if isinstance(q, wq.Not):
            return ~self._mask(q.query)
        if isinstance(q, wq.And):
            out = np.ones(self.size, bool)
            for sub in q.subqueries:
                out &= self._mask(sub)
            return out
        if isinstance(q, wq.Or):
            out = np.zeros(self.size, bool)
            for sub in q.subqueries:
                out |= self._mask(sub)
            return out
        if isinstance(q, wq.NumericRange) and q.fieldname in NUMERIC_COLUMNS:
            return self._range_mask(q)
        if isinstance(q, wq.MultiTerm | wq.RangeMixin) and not isinstance(q, wq.Phrase):
            expanded = q.simplify(self.searcher.reader())
            if expanded is not q and not isinstance(expanded, type(q)):
                return self._mask(expanded)
        return self._whoosh_mask(q)

    def _range_mask(self, q: wq.NumericRange) -> np.ndarray:
        """Date and number ranges from the column, instead of OR-ing thousands of terms."""
        values = self.numbers(q.fieldname)
        low, high = _bound(getattr(q, "startdate", q.start)), _bound(getattr(q, "enddate", q.end))
        mask = values != np.iinfo(np.int64).min
        if low is not None:
            mask &= (values > low) if q.startexcl else (values >= low)
        if high is not None:
            mask &= (values < high) if q.endexcl else (values <= high)
        return mask

    def _whoosh_mask(self, q: wq.Query) -> np.ndarray:
        mask = np.zeros(self.size, bool)
        docs = np.fromiter(self.searcher.docs_for_query(q), np.int64)
        mask[docs] = True
        return mask

    # -- ranking --------------------------------------------------------------------------------
    def scores(self, query: wq.Query, mask: np.ndarray) -> np.ndarray:
        """BM25 over the positive title/text terms of the query, for the masked documents."""
        total = np.zeros(self.size, np.float32)
        n = max(self.doc_count, 1)
        for fieldname, text in positive_terms(query):
            boost = SCORED_FIELDS.get(fieldname)
            if boost is None:
                continue
            ids, freqs = self.term(fieldname, text)
            if not len(ids):
                continue
            keep = mask[ids]
            ids, freqs = ids[keep], freqs[keep]
            if not len(ids):
                continue
            df = int(self.live[self.term(fieldname, text)[0]].sum())  # live documents only
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            lengths = self.lengths(fieldname)
            norm = K1 * (1 - B + B * lengths[ids] / max(self._average_length(fieldname), 1e-6))
            # a document is once in a term's list, so a plain += adds each score once (and
            # runs ten times faster than np.add.at, which allows repeats)
            total[ids] += boost * idf * freqs * (K1 + 1) / (freqs + norm)
        return total

    def _average_length(self, fieldname: str) -> float:
        """Over the live documents, once a generation (the live set is the generation's)."""
        found = self._averages.get(fieldname)
        if found is None:
            lengths = self.lengths(fieldname)
            found = float(lengths[self.live].mean()) if self.doc_count else 1.0
            self._averages[fieldname] = found
        return found

    def lexicon(self, fieldname: str) -> list[str]:
        """A field's words, read once a generation (the flags' names, counted per search)."""
        found = self._lexicons.get(fieldname)
        if found is None:
            found = self._lexicons[fieldname] = [
                _text(word) for word in self.searcher.lexicon(fieldname)
            ]
        return found

    def top(self, query: wq.Query, mask: np.ndarray, limit: int) -> list[int]:
        candidates = np.flatnonzero(mask)
        if not len(candidates):
            return []
        scores = self.scores(query, mask)[candidates]
        if len(candidates) > limit:
            # Of the documents tied at the limit-th best score, keep those that come first in
            # the full order (lowest numbers), as `argpartition` does not: page 2 (limit 40)
            # would show a record page 1 (limit 20) showed, and another on neither.
            threshold = -np.partition(-scores, limit - 1)[limit - 1]
            above = np.flatnonzero(scores > threshold)
            tied = np.flatnonzero(scores == threshold)[: limit - len(above)]
            keep = np.concatenate([above, tied])
            candidates, scores = candidates[keep], scores[keep]
        order = np.lexsort((candidates, -scores))
        return [int(d) for d in candidates[order]]

    def sorted_by(self, fieldname: str, mask: np.ndarray, limit: int, reverse: bool) -> list[int]:
        candidates = np.flatnonzero(mask)
        if not len(candidates):
            return []
        numeric = fieldname in NUMERIC_COLUMNS
        values = (self.numbers if numeric else self.strings)(fieldname)[candidates]
        order = np.argsort(values, kind="stable")
        if reverse:
            order = order[::-1]
        return [int(d) for d in candidates[order[:limit]]]

    # -- facets ---------------------------------------------------------------------------------
    def counts(self, fieldname: str, mask: np.ndarray) -> dict[str, int]:
        found: dict[str, int] = {}
        for codes, vocab, offset in self.codes(fieldname):
            local = mask[offset : offset + len(codes)]
            if not local.any():
                continue
            tallies = np.bincount(codes[local], minlength=len(vocab))
            for code in np.flatnonzero(tallies):
                value = vocab[code]
                if value:
                    found[value] = found.get(value, 0) + int(tallies[code])
        return dict(sorted(found.items()))


NUMERIC_COLUMNS = {"date", "added", "revision"}


def _as_numbers(raw: list, missing) -> np.ndarray:
    out = np.full(len(raw), np.iinfo(np.int64).min, np.int64)
    for i, value in enumerate(raw):
        if value is not None and value != missing:
            out[i] = int(value)
    return out


def _bound(value) -> int | None:
    if value is None:
        return None
    return datetime_to_long(value) if isinstance(value, dt.datetime) else int(value)


def _as_codes(raw: list) -> tuple[np.ndarray, list[str]]:
    vocab: dict[str, int] = {}
    codes = np.fromiter((vocab.setdefault(_text(v), len(vocab)) for v in raw), np.int32, len(raw))
    return codes, list(vocab)


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


def positive_terms(q: wq.Query) -> list[tuple[str, str]]:
    """The (field, text) terms that make a document relevant: not those under a Not."""
    if isinstance(q, wq.Not):
        return []
    if isinstance(q, wq.AndNot):
        return positive_terms(q.a)
    if isinstance(q, wq.Term):
        return [(q.fieldname, q.text)]
    if isinstance(q, wq.Phrase):
        return [(q.fieldname, word) for word in q.words]
    if q.is_leaf():
        return []
    found = []
    for sub in q.children():
        found.extend(positive_terms(sub))
    return list(dict.fromkeys(found))
