"""The search service: query syntax, filters, facets, snippets, paging, sorting.

The caller is always passed in. Its principals become a filter document set that every
search, total, facet count and snippet is confined to, so nothing a caller may not see can
show up in any part of the answer.
"""

from __future__ import annotations

import bisect
import contextlib
import copy
import datetime as dt
import html
import threading
import weakref
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import accumulate, compress, islice
from operator import sub

import numpy as np
from whoosh.classify import Expander
from whoosh.highlight import (
    FIRST,
    BasicFragmentScorer,
    ContextFragmenter,
    Fragment,
    HtmlFormatter,
    highlight,
    mkfrag,
    top_fragments,
)
from whoosh.qparser import (
    AndGroup,
    FieldAliasPlugin,
    GtLtPlugin,
    MultifieldParser,
    OperatorsPlugin,
)
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.query import And, AndNot, DateRange, Every, NullQuery, Or, Query, Term

from indexes import fallback
from indexes.analysis import STOP_WORDS, query_tokens
from indexes.engine import positive_terms
from indexes.expansion import Thesaurus, expand
from indexes.schema import FACET_COLUMNS, FIELD_ALIASES
from indexes.sealed import blind_query
from indexes.store import IndexStore
from repository.core.errors import IndexOutdated, QuerySyntaxError
from repository.core.keys import SEALED_CLASSES
from repository.core.security import Caller, visible_classes

OpenSealed = Callable[[str], str]

SORTS = ("relevance", "date_desc", "date_asc", "added_desc", "refcode")
SORT_FIELDS = {
    "date_desc": ("date", True),
    "date_asc": ("date", False),
    "added_desc": ("added", True),
    "refcode": ("refsort", False),  # B2 before B10
}
SNIPPET_CHARS = 240
SNIPPET_WINDOW = 1500
SNIPPET_SURROUND = 60  # characters of context before a highlighted word and after
SNIPPET_FRAGMENTS = 2
# Whoosh's parser takes time quadratic in the query's length (100k characters: 45 s), and
# every term costs a mask, a score and a highlight: longer queries are refused before parsing.
MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 64
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO", "to"})


@dataclass
class SearchRequest:
    query: str = ""
    unit: str | None = None
    level: str | None = None
    classification: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    security: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    parent: str | None = None  # a record id, or `unit:CODE`: the direct contents only
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    facets: bool = True
    count_children: bool = False  # a `parent` facet: how many visible records each container holds
    unclassified: bool = False  # only records without a classification code
    expand: bool = True  # also search abbreviations' and spelling variants' equivalents
    fallback: bool = True  # partial matches and "did you mean" when little is found
    within: tuple[str, ...] = ()  # record ids: only what is at or below one of them
    language: str | None = None  # ISO 639-2 code (indexes.documents.language_of)
    digital: bool | None = None  # True: only records with a file; False: only without


@dataclass
class Hit:
    id: str
    title: str
    snippet: str
    score: float
    refcode: str
    unit: str
    level: str
    date: str | None
    security: str
    classification: str
    flags: list[str]


@dataclass
class SearchResult:
    total: int
    page: int
    page_size: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # What the page shows beside the hits (all confined to what the caller may see):
    also_searched: list[str] = field(default_factory=list)  # "juga dicari: Surat Edaran"
    did_you_mean: str | None = None  # the query with its unmatched words corrected
    partial: list[Hit] = field(default_factory=list)  # all words but one, best first
    partial_total: int = 0

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    def as_dict(self) -> dict:
        return {**asdict(self), "pages": self.pages}


def make_parser(schema):
    parser = MultifieldParser(["title", "text", "refcode"], schema, group=AndGroup)
    # AND, OR, NOT only (docs/search.md): Whoosh's ANDNOT, ANDMAYBE and REQUIRE fail in
    # `simplify()` and its AndNot matcher keeps a document it should drop
    parser.replace_plugin(OperatorsPlugin(AndNot=None, AndMaybe=None, Require=None))
    parser.add_plugin(FieldAliasPlugin(FIELD_ALIASES))
    parser.add_plugin(GtLtPlugin())
    parser.add_plugin(DateParserPlugin(free=False))
    return parser


def check_query_size(text: str) -> None:
    """Refuses (`query_too_long`) a query of more than `MAX_QUERY_CHARS` characters or
    `MAX_QUERY_TERMS` words, counted without parsing (operators are not words)."""
    text = text.strip()
    terms = sum(1 for word in text.split() if word not in OPERATORS)
    if len(text) > MAX_QUERY_CHARS or terms > MAX_QUERY_TERMS:
        raise QuerySyntaxError(
            "query_too_long",
            chars=len(text),
            terms=terms,
            max_chars=MAX_QUERY_CHARS,
            max_terms=MAX_QUERY_TERMS,
        )


def parse_query(store: IndexStore, text: str, *, checked: bool = False) -> Query:
    """`checked`: the size was checked already (on the user's text, before expansion)."""
    if not text.strip():
        return Every()
    if not checked:
        check_query_size(text)
    parser = make_parser(store.ix().schema)
    try:
        parsed = parser.parse(text)
    except Exception as exc:  # Whoosh raises many types on odd input; all mean "cannot parse"
        raise QuerySyntaxError(detail=str(exc)) from exc
    errors = [q for q in parsed.leaves() if getattr(q, "error", None)]
    if errors:
        raise QuerySyntaxError(detail=str(errors[0].error))
    return NullQuery if parsed is None else without_stop_words(parsed)


def without_stop_words(query: Query) -> Query:
    """`query` without the parts a stop word left behind. The analyzer drops a stop word
    from title and text, but the reference-code field (an exact ID) keeps it, so `banjir
    dan longsor` used to require a reference code `dan` and found nothing. The query is
    returned as it is when nothing goes (Whoosh's `copy` is a deep copy)."""
    if not isinstance(query, And | Or):
        return query
    children = [without_stop_words(q) for q in query.subqueries]
    if isinstance(query, And):  # an OR with a stop word in it is harmless
        children = [q for q in children if not _stop_word_only(q)] or [NullQuery]
    if len(children) == len(query.subqueries) and all(
        new is old for new, old in zip(children, query.subqueries, strict=True)
    ):
        return query
    rebuilt = copy.copy(query)
    rebuilt.subqueries = children
    return rebuilt


def _stop_word_only(query: Query) -> bool:
    """A reference-code term for a stop word, alone or ORed only with others like it."""
    if isinstance(query, Term):
        return query.fieldname == "refcode" and query.text in STOP_WORDS
    if isinstance(query, Or):
        return bool(query.subqueries) and all(_stop_word_only(q) for q in query.subqueries)
    return False


def permission_filter(caller: Caller, hidden: tuple[str, ...] = ()) -> Query:
    """Allowed principals, clearance, and the subtrees a pending narrowing change hides."""
    allowed = Or([Term("allowed", p.lower()) for p in sorted(caller.principals)])
    classes = Or([Term("security", c) for c in visible_classes(caller)])
    query = And([allowed, classes])
    if hidden:
        query = AndNot(query, Or([Term("path", key.lower()) for key in sorted(hidden)]))
    return query


def request_filter(request: SearchRequest) -> Query | None:
    terms: list[Query] = []
    if request.unit:
        terms.append(Term("unit_path", request.unit.lower()))
    if request.level:
        terms.append(Term("level", request.level))
    if request.parent:
        terms.append(Term("parent", request.parent.lower()))
    if request.within:
        terms.append(Or([Term("path", key.lower()) for key in request.within]))
    if request.language:
        terms.append(Term("language", request.language.lower()))
    if request.digital is not None:
        terms.append(Term("digital", "1" if request.digital else "0"))
    if request.classification:
        terms.append(Term("class_path", request.classification.lower()))
    if request.unclassified:
        terms.append(Term("class_top", "-"))
    if request.security:
        terms.append(Or([Term("security", s.upper()) for s in request.security]))
    if request.flags:
        terms.append(Or([Term("flags", f.lower()) for f in request.flags]))
    if request.date_from or request.date_to:
        start = _day(request.date_from, dt.time.min)
        end = _day(request.date_to, dt.time.max)
        terms.append(DateRange("date", start, end))
    return And(terms) if terms else None


def _day(day: dt.date | None, at: dt.time) -> dt.datetime | None:
    return dt.datetime.combine(day, at) if day else None


def _window(text: str, terms: frozenset[str]) -> str:
    """The part of a long text around the first place a term's stem occurs: highlighting
    re-analyses what it is given, so a 50-page report would cost as much as 50 hits."""
    if len(text) <= SNIPPET_WINDOW:
        return text
    lowered = text.lower()
    found = [i for i in (lowered.find(term) for term in terms) if i >= 0]
    start = max(0, min(found) - SNIPPET_CHARS) if found else 0
    return text[start : start + SNIPPET_WINDOW]


def _snippet(stored: dict, terms: frozenset[str], analyzer, opened: OpenSealed | None) -> str:
    text = stored.get("text") or ""
    if opened is not None and stored.get("security") in SEALED_CLASSES:
        text = "\n".join(filter(None, [text, opened(stored["id"])]))
    if terms and text:
        snippet = _highlighted(_window(text, terms), terms, analyzer)
        if snippet:
            return snippet
    return html.escape(text[:SNIPPET_CHARS].strip())


def _fragmenter() -> ContextFragmenter:
    return ContextFragmenter(maxchars=SNIPPET_CHARS, surround=SNIPPET_SURROUND)


def _formatter() -> HtmlFormatter:
    return HtmlFormatter(tagname="mark", between=" … ")


def _highlighted(text: str, terms: frozenset[str], analyzer) -> str:
    """Whoosh's `highlight` with the same fragmenter, scorer and formatter, so the same
    snippet, from the analyzer's tokens as `analysis.query_tokens` makes them and only those
    the fragments depend on (`_near_matches`): Whoosh's own path runs four generators and
    makes a token object for every word of the window, ~260 µs a hit; this ~120 µs
    (`tests/test_snippet_speed.py` compares the two).

    An analyzer of another kind, or a text past the fragmenter's `charlimit`, takes Whoosh's
    path."""
    tokens = query_tokens(analyzer)
    if tokens is None or len(text) > _fragmenter().charlimit:
        return highlight(text, terms, analyzer, _fragmenter(), _formatter(), SNIPPET_FRAGMENTS)
    starts, ends, forms = tokens(text)
    matched = list(map(terms.__contains__, forms))
    if not any(matched):
        return ""  # what Whoosh gives: no fragment
    kept = _near_matches(starts, ends, matched, SNIPPET_SURROUND)
    fragments = _fragments(text, (starts, ends, forms, matched), kept)
    best = top_fragments(fragments, SNIPPET_FRAGMENTS, BasicFragmentScorer(), FIRST, 1)
    return _formatter()(text, best)


def _fragments(text: str, tokens: tuple, kept: list[int]) -> Iterator[Fragment]:
    """`ContextFragmenter(SNIPPET_CHARS, SNIPPET_SURROUND).fragment_tokens` step for step
    (Whoosh 2.7's loop; its `charlimit` is checked by the caller) over the token lists
    `(starts, ends, forms, matched)` at the indices `kept`, making a token object only for
    a match, which is all a fragment holds."""
    starts, ends, forms, matched = tokens
    maxchars, surround = SNIPPET_CHARS, SNIPPET_SURROUND
    first, firsts, countdown, tks, endchar, currentlen = None, deque(), -1, [], None, 0
    for i in kept:
        startchar, endchar = starts[i], ends[i]
        length = endchar - startchar
        if countdown < 0 and not matched[i]:
            firsts.append(startchar)
            while firsts and endchar - firsts[0] > surround:
                firsts.popleft()
        elif currentlen + length > maxchars:
            countdown = 0
        elif matched[i]:
            countdown = surround
            if first is None:
                if firsts:
                    first = firsts[0]
                else:
                    first = startchar
                    countdown += surround
            tks.append(_Token(startchar, endchar, forms[i], True))
        if countdown >= 0:
            currentlen += length
            countdown -= length
            if countdown <= 0:
                yield mkfrag(text, tks, startchar=first, endchar=endchar)
                first, firsts, tks, currentlen = None, deque(), [], 0
    if tks:
        yield mkfrag(text, tks, startchar=first, endchar=endchar)


class _Token:
    """What Whoosh's fragmenter, scorer and formatter read of a token."""

    __slots__ = ("boost", "endchar", "matched", "startchar", "text")

    def __init__(self, startchar: int, endchar: int, text: str, matched: bool) -> None:
        self.startchar, self.endchar, self.text, self.matched = startchar, endchar, text, matched
        self.boost = 1.0

    def copy(self) -> _Token:
        return _Token(self.startchar, self.endchar, self.text, self.matched)


def _near_matches(
    starts: list[int], ends: list[int], matched: list[bool], surround: int
) -> list[int]:
    """The indices of the tokens `ContextFragmenter(surround=surround)` can read before it
    leaves a fragment, in order; the ones left out change none of its fragments.

    Outside a fragment the fragmenter only remembers the tokens that start within
    `surround` characters of the end of the latest one (a match's fragment starts at the
    first of them), so a match needs the tokens from there to it; `bisect` finds them,
    and the token just before the match is always kept so that older ones are let go as
    they would be. A fragment ends once the tokens after its latest match add up to its
    remaining context (at most 2 × `surround` characters), and the token after that end is
    read too (it can close the fragment when the count lands on zero)."""
    kept: list[int] = []
    last = -1
    size = len(starts)
    lengths = list(accumulate(map(sub, ends, starts)))  # the tokens' lengths up to each
    for i in compress(range(size), matched):
        first = i if i == 0 else bisect.bisect_left(starts, ends[i - 1] - surround, 0, i - 1)
        # the first token by which those after the match add up to 2 × surround, and one more
        end = bisect.bisect_left(lengths, lengths[i] + 2 * surround, i + 1)
        end = min(size - 1, end + 1)
        kept.extend(range(max(first, last + 1), end + 1))
        last = max(last, end)
    return kept


class _Stored(dict):
    """Stored fields shaped like a Whoosh hit for `_hit`."""

    score: float = 0.0

    def __init__(self, fields: dict, snippet: str, score: float) -> None:
        super().__init__(fields)
        self.snippet, self.score = snippet, score

    def highlights(self, *_args, **_kwargs) -> str:
        return self.snippet


def _hit(hit) -> Hit:
    date = hit.get("date")
    return Hit(
        id=hit["id"],
        title=hit.get("title", ""),
        snippet=hit.snippet,
        score=round(hit.score, 4) if isinstance(hit.score, float | int) else 0.0,
        refcode=hit.get("refcode", ""),
        unit=hit.get("unit", "").upper(),
        level=hit.get("level", ""),
        date=date.date().isoformat() if date else None,
        security=hit.get("security", ""),
        classification=hit.get("classification", ""),
        flags=(hit.get("flags") or "").split(),
    )


def _require_current(store: IndexStore) -> None:
    store.ensure()
    if store.outdated():
        raise IndexOutdated()


def search(
    store: IndexStore,
    caller: Caller,
    request: SearchRequest,
    hidden: tuple[str, ...] = (),
    opened: OpenSealed | None = None,
    thesaurus: Thesaurus | None = None,
) -> SearchResult:
    """Raises `QuerySyntaxError` for a query that cannot be read, `IndexOutdated` while an
    index built by an older version waits for its rebuild. `opened` gives the sealed text
    of a record the caller may see, for its snippet. `thesaurus` (indexes/expansion.py:
    abbreviations and spelling variants, the national lists plus the Pemda's own) makes
    each form in the query also search its equivalents; `result.also_searched` names them.
    A result of fewer than `fallback.FEW` hits also carries `partial` matches and a
    `did_you_mean` query (see indexes/fallback.py)."""
    _require_current(store)
    check_query_size(request.query)
    expanded = expand(request.query, thesaurus if request.expand else None)
    query = blind_query(parse_query(store, expanded.text, checked=True), store.keyring)
    page = max(1, request.page)
    with store.searcher() as searcher:
        engine = store.engine(searcher)
        docs = store.mask(engine, permission_filter(caller, hidden))
        extra = request_filter(request)
        if extra is not None:
            docs = docs & store.mask(engine, extra)
        matched = engine.mask(query) & docs if not isinstance(query, Every) else docs
        total = int(matched.sum())
        result = SearchResult(total=total, page=page, page_size=request.page_size)
        result.also_searched = expanded.added
        if total < fallback.FEW and request.fallback and not isinstance(query, Every):
            found = (query, docs, matched)
            _fall_back(store, searcher, engine, found, request, result, opened, thesaurus)
        if not total:
            return result
        order = _ordered(engine, query, matched, request, page * request.page_size)
        first = (page - 1) * request.page_size
        result.hits = _hits(searcher, engine, query, order[first:], matched, opened)
        if request.facets:
            result.facets = _facets(engine, matched, request.count_children)
        return result


def _fall_back(store, searcher, engine, found, request, result, opened, thesaurus) -> None:
    """Partial matches and a corrected query, for a result of fewer than `FEW` hits;
    `found` is (query, the caller's documents, those it matched)."""
    query, docs, matched = found
    partial = fallback.partial_mask(engine, query, docs, matched)
    if partial is not None and partial.any():
        result.partial_total = int(partial.sum())
        order = engine.top(query, partial, min(request.page_size, fallback.PARTIAL_SHOWN))
        result.partial = _hits(searcher, engine, query, order, partial, opened)
    fixes = []
    for word in fallback.unmatched_words(request.query):
        if not fallback.word_mask(engine, word, docs, store.keyring).any():
            fix = fallback.correction(searcher, engine, word, docs)
            if fix is not None:
                fixes.append(fix)
    if fixes:
        text = fallback.corrected_text(request.query, fixes)
        expanded = expand(text, thesaurus if request.expand else None).text
        corrected = blind_query(parse_query(store, expanded, checked=True), store.keyring)
        if (engine.mask(corrected) & docs).any():
            result.did_you_mean = text


def _ordered(engine, query, matched, request: SearchRequest, limit: int) -> list[int]:
    sort = request.sort if request.sort in SORTS else "relevance"
    if sort == "relevance" and isinstance(query, Every):
        sort = "date_desc"
    if sort == "relevance":
        return engine.top(query, matched, limit)
    field_name, reverse = SORT_FIELDS[sort]
    return engine.sorted_by(field_name, matched, limit, reverse)


def _hits(
    searcher, engine, query, docnums: list[int], matched, opened=None, snippets: bool = True
) -> list[Hit]:
    """The hits at `docnums`, scored; with `snippets` False each snippet is empty (no text is
    analysed, no sealed text opened) for a list that does not show them."""
    expanded = query.simplify(searcher.reader())
    terms = frozenset(text for f, text in positive_terms(expanded) if f in ("text", "title"))
    analyzer = searcher.schema["text"].analyzer
    scores = None
    if docnums and terms:
        only = np.zeros(engine.size, bool)
        only[docnums] = True
        scores = engine.scores(expanded, only & matched)
    hits = []
    for docnum in docnums:
        stored = searcher.stored_fields(docnum)
        score = float(scores[docnum]) if scores is not None else 0.0
        snippet = _snippet(stored, terms, analyzer, opened) if snippets else ""
        hits.append(_hit(_Stored(stored, snippet, score)))
    return hits


def _facets(engine, matched, children: bool) -> dict[str, dict[str, int]]:
    names = FACET_COLUMNS + (("parent",) if children else ())
    facets = {name: engine.counts(name, matched) for name in names}
    flags = {}
    for name in engine.lexicon("flags"):
        count = int((matched & engine.term_mask("flags", name)).sum())
        if count:
            flags[name] = count
    facets["flags"] = flags
    return facets


def related(
    store: IndexStore, caller: Caller, record_id: str, *, limit: int = 5, hidden: tuple = ()
) -> list[Hit]:
    """More like this: the record's key terms, ranked among what the caller may see. The
    hits carry no snippet: the record page lists them as one line each (`render.hit_line`),
    and highlighting five texts was a sixth of the work."""
    with neighbourhood(
        store, caller, record_id, {"text": 8}, hidden, common=RELATED_COMMON_SHARE
    ) as found:
        if found is None:
            return []
        searcher, engine, query, matched = found
        order = engine.top(query, matched, limit)
        return _hits(searcher, engine, query, order, matched, snippets=False)


# More like this leaves out words found in more than this share of the documents (what
# Lucene's MoreLikeThis calls maxDocFreqPct): "arsip", "surat", "tahun" say nothing of what a
# record is about, and their postings, nearly every document's, were most of a cold `related`
# at 100k records (median 29 ms, p90 207 ms, max 369 ms). Below COMMON_FLOOR documents no
# word is too common to count (a small repository keeps every word it has).
RELATED_COMMON_SHARE = 0.25
COMMON_FLOOR = 1000


# A term's collection frequency, as the key-term model reads it for every word of the record
# (~100 look-ups in the term table, half of a cold `related`), kept per index generation:
# one dict per engine, which is one per generation (IndexStore.engine).
_COUNTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_COUNTS_LOCK = threading.Lock()
COUNTS_KEPT = 500_000  # terms kept per generation before starting afresh


def _counts_of(engine) -> dict:
    with _COUNTS_LOCK:
        counts = _COUNTS.get(engine)
        if counts is None or len(counts) > COUNTS_KEPT:
            counts = _COUNTS[engine] = {}
        return counts


class _KeptCounts:
    """The index reader as Whoosh's `Expander` reads it, each term's presence and frequency
    answered from `kept` once read (the same numbers: the generation is the same)."""

    def __init__(self, reader, kept: dict) -> None:
        self._reader, self._kept = reader, kept

    def __getattr__(self, name: str):
        return getattr(self._reader, name)

    def __contains__(self, term: tuple) -> bool:
        return self._frequency(term) is not None

    def frequency(self, fieldname: str, text) -> float:
        return self._frequency((fieldname, text))

    def doc_frequency(self, fieldname: str, text) -> int:
        key = ("documents", fieldname, text)
        try:
            return self._kept[key]
        except KeyError:
            found = self._kept[key] = self._reader.doc_frequency(fieldname, text)
            return found

    def _frequency(self, term: tuple) -> float | None:
        try:
            return self._kept[term]
        except KeyError:
            found = self._reader.frequency(*term) if term in self._reader else None
            self._kept[term] = found
            return found


def _key_words(reader, docnum: int, fieldname: str, count: int, most: float | None) -> list:
    """The document's `count` best key words of a field (what `searcher.key_terms` does),
    passing over those in more than `most` documents (None: none is too common)."""
    expander = Expander(reader, fieldname)
    expander.add_document(docnum)
    ranked = [word for word, _ in expander.expanded_terms(count * (3 if most else 1))]
    if most is None:
        return ranked
    return list(islice((w for w in ranked if reader.doc_frequency(fieldname, w) <= most), count))


@contextlib.contextmanager
def neighbourhood(
    store: IndexStore,
    caller: Caller,
    record_id: str,
    key_terms: dict[str, int],
    hidden=(),
    common: float = 1.0,
) -> Iterator[tuple | None]:
    """(searcher, engine, query, matched) for more-like-this: the record's key terms (so
    many per field, none found in more than the `common` share of the documents) as one
    query, and the documents it matches among those the caller may see, the record itself
    left out. None when the caller may not see the record or it has no terms."""
    _require_current(store)
    with store.searcher() as searcher:
        docnum = searcher.document_number(id=record_id)
        engine = store.engine(searcher)
        visible = store.mask(engine, permission_filter(caller, hidden))
        keys = []
        if docnum is not None and visible[docnum]:
            reader = _KeptCounts(searcher.reader(), _counts_of(engine))
            most = max(COMMON_FLOOR, common * reader.doc_count()) if common < 1 else None
            for fieldname, count in key_terms.items():
                keys += _key_words(reader, docnum, fieldname, count, most)
        if not keys:
            yield None
            return
        query = Or([Term(fieldname, word) for fieldname in key_terms for word in keys])
        matched = engine.mask(query) & visible
        matched[docnum] = False
        yield searcher, engine, query, matched
