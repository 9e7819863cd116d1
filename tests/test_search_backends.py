"""The two search backends answer alike: the same demo repository indexed by Whoosh and by
PostgreSQL full-text search (a real server, tests/pg_server.py), asked the same queries by the
same callers, gives the same totals, hits, facets, snippets, expansions and suggestions.

Relevance ranks differently (Whoosh: BM25 on the array engine; PostgreSQL: ts_rank_cd), so for
the relevance sort the hits are compared as sets over a page large enough to hold them all; the
other sorts are compared in order of their sort key.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexes.backend import SearchIndex, WhooshIndex
from indexes.postgres.index import PostgresIndex
from indexes.search import SearchRequest, SearchResult
from repository.app import Lontar
from repository.core.config import Home
from repository.core.errors import QuerySyntaxError
from repository.core.security import ADMIN, ANONYMOUS, PUBLIC_CATALOGUE
from repository.demo.builder import DEMO_ACCOUNTS, build_demo
from repository.demo.corpus import SUBJECTS
from tests.pg_server import pg_server

ALL = 1000  # a page that holds every hit of the demo


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """(lontar, whoosh, postgresql): one demo repository, both indexes caught up."""
    home = Home.resolve(tmp_path_factory.mktemp("backends") / "home")
    home.ensure()
    with pg_server() as server, Lontar(home) as lontar:
        build_demo(lontar, records=90)
        lontar.index.catch_up(ocr=False)
        assert isinstance(lontar.store, WhooshIndex)
        pg = PostgresIndex(server.dsn(server.create_database()), "lontar", lontar.keyring)
        pg.ensure()
        pg.drain(lontar.db)
        pg.rebuild(lontar.db, home.work_dir)
        try:
            yield lontar, lontar.store, pg
        finally:
            pg.close()


def callers(lontar: Lontar) -> dict:
    found = {"anonymous": ANONYMOUS, "admin": ADMIN, "katalog": PUBLIC_CATALOGUE}
    for name, *_ in DEMO_ACCOUNTS:
        found[name] = lontar.access.caller(name)
    return found


def words() -> list[str]:
    return sorted({w for s in SUBJECTS for w in s.split() if len(w) > 3})


def assert_alike(a: SearchResult, b: SearchResult, request: SearchRequest, what: str) -> None:
    assert a.total == b.total, what
    assert a.facets == b.facets, what
    assert a.also_searched == b.also_searched, what
    assert a.did_you_mean == b.did_you_mean, what
    assert a.partial_total == b.partial_total, what
    if request.sort == "relevance" and request.query.strip():
        assert {h.id for h in a.hits} == {h.id for h in b.hits}, what
    else:
        key = {"date_desc": "date", "date_asc": "date", "refcode": "refcode"}.get(request.sort)
        if key:
            assert [getattr(h, key) for h in a.hits] == [getattr(h, key) for h in b.hits], what
        assert len(a.hits) == len(b.hits), what
    mine = {h.id: h for h in a.hits}
    for hit in b.hits:
        if hit.id in mine:
            ours = replace(mine[hit.id], score=0.0)
            assert replace(hit, score=0.0) == ours, what


def ask(index: SearchIndex, caller, request: SearchRequest):
    try:
        return index.search(caller, request)
    except QuerySyntaxError as exc:
        return type(exc)


QUERIES = [
    "",
    "rapat",
    "surat edaran",
    "anggaran OR kegiatan",
    "laporan NOT tahunan",
    '"rapat koordinasi"',
    "judul:laporan",
    "isi:anggaran",
    "opd:DINKES",
    "klasifikasi:000.5",
    "tanggal:>2024",
    "keamanan:T",
    "xyzzy",
    "rapatt koordinasii",
    "banjir dan longsor",
    "imun*",
]


@pytest.mark.parametrize("query", QUERIES)
def test_same_answers_for_every_caller(both, query):
    lontar, whoosh, pg = both
    request = SearchRequest(query=query, page_size=ALL)
    for name, caller in callers(lontar).items():
        a, b = ask(whoosh, caller, request), ask(pg, caller, request)
        if isinstance(a, type):
            assert a is b, f"{name}: {query!r}"
        else:
            assert_alike(a, b, request, f"{name}: {query!r}")


FILTERS = [
    SearchRequest(unit="DINKES"),
    SearchRequest(level="berkas"),
    SearchRequest(classification="000"),
    SearchRequest(unclassified=True),
    SearchRequest(security=("T", "R")),
    SearchRequest(date_from=dt.date(2023, 1, 1), date_to=dt.date(2024, 12, 31)),
    SearchRequest(digital=True),
    SearchRequest(digital=False),
    SearchRequest(language="ind"),
    SearchRequest(count_children=True),
    SearchRequest(parent="unit:dinkes", count_children=True),
    SearchRequest(sort="date_desc"),
    SearchRequest(sort="date_asc"),
    SearchRequest(sort="refcode"),
    SearchRequest(query="surat", sort="date_desc"),
]


@pytest.mark.parametrize("request_", FILTERS, ids=repr)
def test_same_answers_with_filters_and_sorts(both, request_):
    lontar, whoosh, pg = both
    request = replace(request_, page_size=ALL)
    for name in ("anonymous", "admin", "staf", "kadpk"):
        caller = callers(lontar)[name]
        assert_alike(whoosh.search(caller, request), pg.search(caller, request), request, name)


def test_pages_split_the_same_hits(both):
    _lontar, whoosh, pg = both
    for page in (1, 2, 3):
        request = SearchRequest(sort="refcode", page=page, page_size=7)
        a, b = whoosh.search(ADMIN, request), pg.search(ADMIN, request)
        assert [h.refcode for h in a.hits] == [h.refcode for h in b.hits]


def test_hidden_subtrees_hidden_in_both(both):
    _lontar, whoosh, pg = both
    some = whoosh.search(ADMIN, SearchRequest(level="berkas", page_size=3)).hits
    hidden = tuple(h.id for h in some)
    request = SearchRequest(page_size=ALL)
    a, b = whoosh.search(ADMIN, request, hidden), pg.search(ADMIN, request, hidden)
    assert_alike(a, b, request, "hidden")
    assert not {h.id for h in b.hits} & set(hidden)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_random_queries_agree(both, data):
    lontar, whoosh, pg = both
    vocabulary = words()
    picked = data.draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=3))
    joiner = data.draw(st.sampled_from([" ", " OR ", " NOT "]))
    query = joiner.join(picked) if joiner != " NOT " or len(picked) > 1 else picked[0]
    name = data.draw(st.sampled_from(["anonymous", "admin", "staf", "guru", "auditor", "katalog"]))
    request = SearchRequest(query=query, page_size=ALL)
    caller = callers(lontar)[name]
    assert_alike(whoosh.search(caller, request), pg.search(caller, request), request, query)


def test_related_and_suggestions_stay_visible(both):
    """More-like-this ranks by other formulas, so only what matters is the same: nothing the
    caller may not see, and the record itself never."""
    lontar, whoosh, pg = both
    staf = callers(lontar)["staf"]
    visible = {h.id for h in whoosh.search(staf, SearchRequest(page_size=ALL)).hits}
    for record_id in random.Random(3).sample(sorted(visible), 10):
        related = pg.related(staf, record_id, limit=5)
        assert {h.id for h in related} <= visible - {record_id}
        for suggestion in pg.suggest(staf, record_id, top=3):
            assert {n["id"] for n in suggestion.neighbours} <= visible - {record_id}
