"""The search service: query syntax, filters, facets, snippets, paging, sorting.

The caller is always passed in. Its principals become a filter document set that every
search, total, facet count and snippet is confined to, so nothing a caller may not see can
show up in any part of the answer.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import asdict, dataclass, field

from whoosh import sorting
from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.qparser import (
    AndGroup,
    FieldAliasPlugin,
    GtLtPlugin,
    MultifieldParser,
)
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.query import And, DateRange, Every, NullQuery, Or, Query, Term

from indexes.schema import FIELD_ALIASES
from indexes.store import IndexStore
from repository.errors import QuerySyntaxError
from repository.security import Caller

SORTS = ("relevance", "date_desc", "date_asc")
SNIPPET_CHARS = 240


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
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    facets: bool = True


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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    def as_dict(self) -> dict:
        return {**asdict(self), "pages": self.pages}


def make_parser(schema):
    parser = MultifieldParser(["title", "text", "refcode"], schema, group=AndGroup)
    parser.add_plugin(FieldAliasPlugin(FIELD_ALIASES))
    parser.add_plugin(GtLtPlugin())
    parser.add_plugin(DateParserPlugin(free=False))
    return parser


def parse_query(store: IndexStore, text: str) -> Query:
    if not text.strip():
        return Every()
    parser = make_parser(store.ix().schema)
    try:
        parsed = parser.parse(text)
    except Exception as exc:  # Whoosh raises many types on odd input; all mean "cannot parse"
        raise QuerySyntaxError(detail=str(exc)) from exc
    errors = [q for q in parsed.leaves() if getattr(q, "error", None)]
    if errors:
        raise QuerySyntaxError(detail=str(errors[0].error))
    return NullQuery if parsed is None else parsed


def permission_filter(caller: Caller) -> Query:
    return Or([Term("allowed", p.lower()) for p in sorted(caller.principals)])


def request_filter(request: SearchRequest) -> Query | None:
    terms: list[Query] = []
    if request.unit:
        terms.append(Term("unit_path", request.unit.lower()))
    if request.level:
        terms.append(Term("level", request.level))
    if request.classification:
        terms.append(Term("class_path", request.classification.lower()))
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


def _facet_types(flag_names: list[str]) -> dict:
    facets: dict = {
        name: sorting.FieldFacet(name, maptype=sorting.Count)
        for name in ("unit", "level", "security", "class_top", "year")
    }
    if flag_names:
        queries = {name: Term("flags", name) for name in flag_names}
        facets["flags"] = sorting.QueryFacet(queries, allow_overlap=True, maptype=sorting.Count)
    return facets


def _flag_names(searcher) -> list[str]:
    return [t.decode() if isinstance(t, bytes) else t for t in searcher.lexicon("flags")]


def _snippet(hit) -> str:
    snippet = hit.highlights("text", top=2) or hit.highlights("title")
    if snippet:
        return snippet
    text = hit.get("text") or ""
    return html.escape(text[:SNIPPET_CHARS].strip())


def _hit(hit) -> Hit:
    date = hit.get("date")
    return Hit(
        id=hit["id"],
        title=hit.get("title", ""),
        snippet=_snippet(hit),
        score=round(float(hit.score or 0.0), 4),
        refcode=hit.get("refcode", ""),
        unit=hit.get("unit", "").upper(),
        level=hit.get("level", ""),
        date=date.date().isoformat() if date else None,
        security=hit.get("security", ""),
        classification=hit.get("classification", ""),
        flags=(hit.get("flags") or "").split(),
    )


def _counts(results, name: str) -> dict[str, int]:
    groups = results.groups(name)
    return {str(k): v for k, v in sorted(groups.items(), key=lambda kv: str(kv[0])) if k and v}


def search(store: IndexStore, caller: Caller, request: SearchRequest) -> SearchResult:
    """Raises `QuerySyntaxError` for a query that cannot be read."""
    store.ensure()
    query = parse_query(store, request.query)
    page = max(1, request.page)
    with store.searcher() as searcher:
        allowed = store.docset(searcher, permission_filter(caller))
        extra = request_filter(request)
        docs = allowed if extra is None else allowed & store.docset(searcher, extra)
        if not docs:  # Whoosh reads an empty filter as "no filter": answer it here instead
            return SearchResult(total=0, page=page, page_size=request.page_size)
        sort = request.sort if request.sort in SORTS else "relevance"
        if sort == "relevance" and isinstance(query, Every):
            sort = "date_desc"
        options: dict = {"filter": docs}
        if sort != "relevance":
            options.update(sortedby="date", reverse=sort == "date_desc")
        if request.facets:
            options["groupedby"] = _facet_types(_flag_names(searcher))
        results = searcher.search_page(query, page, pagelen=request.page_size, **options)
        results.results.fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        results.results.formatter = HtmlFormatter(tagname="mark", between=" … ")
        hits = [_hit(hit) for hit in results]
        facets = {}
        if request.facets:
            facets = {name: _counts(results.results, name) for name in options["groupedby"]}
        return SearchResult(
            total=results.total, page=page, page_size=request.page_size, hits=hits, facets=facets
        )
