"""The PostgreSQL backend's query translation and search, against the Whoosh backend.

Real parts only: a PostgreSQL server from tests/pg_server.py, a Whoosh index on disk, the same
fields written to both (rows by indexes/postgres/rows.py and writer.py), and a real Lontar
home (the demo repository) indexed by both backends. Each query is asked of both and the
answers compared: the documents a tree matches (array engine vs SQL), and whole searches
(total, hits, order, facets, snippets, paging, fallbacks, errors).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import numpy as np
import pytest
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    DateRange,
    Every,
    Not,
    NullQuery,
    Or,
    Phrase,
    Prefix,
    Require,
    Term,
)

from indexes.documents import class_prefixes, natural
from indexes.expansion import Thesaurus
from indexes.postgres import search as pg_search
from indexes.postgres.index import PostgresIndex
from indexes.postgres.query import Sql, both, phrase_tsquery, request_where, visible, where
from indexes.postgres.rows import make_row
from indexes.postgres.writer import write_rows
from indexes.sealed import blind_query, blind_terms
from indexes.search import (
    SearchRequest,
    parse_query,
    permission_filter,
    request_filter,
)
from indexes.search import search as whoosh_search
from indexes.store import IndexStore, open_writer
from repository.app import Lontar
from repository.core.config import Home
from repository.core.errors import IndexOutdated, QuerySyntaxError
from repository.core.keys import Keyring
from repository.core.security import ADMIN, ANONYMOUS, Caller
from repository.demo.builder import build_demo
from tests.conftest import SEARCH_ENVS
from tests.pg_server import pg_server

STAF = Caller("staf", (("DINKES", frozenset({"Staf"})),), clearance="T", unit="DINKES")


@pytest.fixture(scope="module")
def server():
    with pg_server() as running:
        yield running


# -- a small corpus, written to both indexes ----------------------------------------------------
def fields(rid: str, title: str, text: str, **given) -> dict:
    """What `indexes.documents.record_fields` gives for a record, made by hand."""
    classification = given.pop("classification", "000.5.3")
    unit = given.pop("unit", "DINKES")
    date = given.pop("date", dt.datetime(2021, 3, 4))
    refcode = given.pop("refcode", f"ID-T/{unit}/{rid}")
    found = {
        "id": rid,
        "title": title,
        "text": text,
        "refcode": refcode,
        "refsort": natural(refcode),
        "parent": "unit:" + unit.lower(),
        "added": dt.datetime(2024, 1, 1),
        "classification": classification,
        "class_path": " ".join(class_prefixes(classification)),
        "class_top": (class_prefixes(classification) or ["-"])[0],
        "unit": unit,
        "unit_path": unit,
        "level": "item",
        "year": str(date.year) if date else "-",
        "security": "B",
        "language": "ind",
        "digital": "1",
        "flags": "",
        "media": "",
        "allowed": "role:Anonymous",
        "path": rid,
        "revision": 1,
        **given,
    }
    if date:
        found["date"] = date
    return found


def corpus(keyring: Keyring) -> list[dict]:
    secret = "hasil audit rahasia keuangan banjir"
    sealed_text = "Ringkasan audit tahunan."
    return [
        fields(
            "d1",
            "Pedoman kearsipan",
            "Pedoman pengarsipan surat dinas di kelurahan. Banjir dan longsor melanda.",
            classification="000.5.3.1",
            flags="vital",
        ),
        fields(
            "d2",
            "Undangan rapat koordinasi",
            "Undangan rapat koordinasi penanggulangan banjir. Surat-surat keputusan terlampir.",
            unit="DINKES.P2P",
            unit_path="DINKES DINKES.P2P",
            date=dt.datetime(2023, 7, 1),
            classification="300.2",
            flags="vital permanen",
            path="d1 d2",
        ),
        fields(
            "d3",
            "Laporan anggaran",
            "Laporan anggaran belanja pegawai tahun 2024. banjir besar longsor kecil",
            unit="DPK",
            date=None,
            classification="",
            level="berkas",
            security="T",
            allowed="role:Administrator local:DPK",
        ),
        fields(
            "d4",
            "Audit",
            f"{sealed_text}\n{blind_terms(secret, keyring)}",
            _stored_text=sealed_text,
            security="R",
            allowed="role:Administrator",
            date=dt.datetime(2020, 12, 31),
        ),
        fields(
            "d5",
            "Surat edaran tentang ijin usaha",
            "Surat keputusan bupati tentang perizinan. Rapat banjir rapat banjir koordinasi.",
            refcode="X-1",
            digital="0",
            language="eng",
            date=dt.datetime(2022, 5, 6),
            classification="900.1",
        ),
        fields(
            "d6",
            "Banjir sangat besar",
            "banjir sangat besar melanda longsor pada malam hari",
            date=dt.datetime(2023, 7, 20),
            unit="DPK",
            revision=3,
        ),
    ]


@pytest.fixture(scope="module")
def pair(server, tmp_path_factory):
    """(Whoosh store, PostgreSQL index) holding the same corpus."""
    path = tmp_path_factory.mktemp("pair")
    keyring = Keyring(path / "master.key", os.urandom(32))
    store = IndexStore(path / "index", keyring)
    store.ensure()
    documents = corpus(keyring)
    writer = open_writer(store.ix())
    for found in documents:
        writer.update_document(**found)
    writer.commit()
    index = PostgresIndex(server.dsn(server.create_database()), "lontar", keyring)
    index.ensure()
    with index.cursor() as cur:
        write_rows(cur, index, [make_row(found) for found in documents], [])
    yield store, index
    index.close()
    store.close()


def whoosh_ids(store: IndexStore, query) -> set[str]:
    with store.searcher() as searcher:
        engine = store.engine(searcher)
        mask = engine.mask(query)
        return {searcher.stored_fields(int(d))["id"] for d in np.flatnonzero(mask)}


def sql_ids(index: PostgresIndex, condition: Sql) -> set[str]:
    with index.cursor() as cur:
        cur.execute(f"SELECT id FROM {index.docs} WHERE {condition.text}", condition.params)
        return {row[0] for row in cur.fetchall()}


def parsed_both(store: IndexStore, text: str):
    return blind_query(parse_query(store, text), store.keyring)


ALL = {"d1", "d2", "d3", "d4", "d5", "d6"}
QUERIES = {
    "banjir": ALL,
    "banjir longsor": {"d1", "d3", "d6"},
    "banjir OR anggaran": ALL,
    "banjir NOT longsor": {"d2", "d4", "d5"},
    "NOT tanggal:2021": {"d2", "d3", "d4", "d5", "d6"},  # d3 has no date: NULL is "not matched"
    "NOT kode:000*": {"d2", "d3", "d5"},
    "NOT banjir": set(),
    "rapat NOT (koordinasi OR usaha)": set(),
    '"banjir longsor"': {"d1"},  # `dan` is a stop word: renumbered away
    '"banjir dan longsor"': {"d1"},
    '"banjir longsor"~3': {"d1", "d3", "d6"},
    '"banjir longsor"~2': {"d1", "d3"},
    '"longsor banjir"~5': set(),
    '"surat-surat keputusan"': {"d2", "d5"},
    "surat-surat": {"d1", "d2", "d5"},
    "arsip*": {"d1"},
    "Pengiriman*": set(),
    "kearsipan": {"d1"},
    "judul:rapat": {"d2"},
    "isi:rapat": {"d2", "d5"},
    "judul:(rapat banjir)": set(),
    "kode:000.5.3.1": {"d1"},
    "kode:000*": {"d1", "d4", "d6"},
    "opd:dinkes": {"d1", "d4", "d5"},
    "opd:DINKES.P2P": {"d2"},
    "opd:dink?s": {"d1", "d4", "d5"},
    "unit_path:dinkes": {"d1", "d2", "d4", "d5"},
    "tingkat:berkas": {"d3"},
    "keamanan:T": {"d3"},
    "tanda:vital": {"d1", "d2"},
    "tanda:vit*": {"d1", "d2"},
    "tanda:[p TO w]": {"d1", "d2"},
    "tanggal:2021": {"d1", "d2"} - {"d2"},
    "tanggal:>2021": {"d1", "d2", "d5", "d6"},
    "tanggal:<2022": {"d1", "d4", "d5"},  # Whoosh's date parser: to the end of 2022
    "tanggal:[20200101 to 20211231]": {"d1", "d4"},
    "tanggal:2023-07": None,
    "added:2024": ALL,
    "year:2021": {"d1"},
    "class_top:-": {"d3"},
    "digital:0": {"d5"},
    "language:eng": {"d5"},
    "ref:x-1": {"d5"},
    "ref:ID-T/DPK/d3": {"d3"},
    "ref:[a TO j]": {"d1", "d2", "d3", "d4", "d6"},
    "kode:[300 TO 900]": {"d2"},
    "revision:3": {"d6"},
    "dan": set(),
    "banjir dan longsor": {"d1", "d3", "d6"},
    "rahasia": {"d4"},  # only through its blind term
    '"audit rahasia"': {"d4"},
    "audit": {"d4"},
    "*": ALL,
    "id:d2": {"d2"},
    "x:y": set(),
    "media:pdf": None,  # Whoosh's parser refuses it: both refuse
}


def test_a_revision_range_compares_revisions(pair):
    """Not the engine's answer: it compares the column's stored (sign-shifted) numbers with
    the bound and so finds every record for `revision:>1`."""
    store, index = pair
    query = parsed_both(store, "revision:>1")
    assert sql_ids(index, where(query)) == {"d6"}


@pytest.mark.parametrize("text", list(QUERIES))
def test_a_query_matches_the_same_documents_in_sql_as_in_the_engine(pair, text):
    store, index = pair
    if QUERIES[text] is None:
        with pytest.raises(QuerySyntaxError):
            pg_search.parsed(index, text)
        return
    query = parsed_both(store, text)
    assert whoosh_ids(store, query) == QUERIES[text]
    assert sql_ids(index, where(query)) == QUERIES[text]


def test_trees_the_parser_does_not_make_mean_what_the_engine_makes_of_them(pair):
    store, index = pair
    banjir, longsor = Term("text", "banjir"), Term("text", "longsor")
    trees = {
        AndNot(banjir, longsor): {"d2", "d5"},
        AndMaybe(longsor, Term("title", "banjir")): {"d1", "d3", "d6"},
        Require(banjir, Term("title", "banjir")): {"d6"},
        Not(DateRange("date", None, None)): {"d3"},
        And([]): ALL,
        Or([]): set(),
        NullQuery: set(),
        And([NullQuery, banjir]): set(),
        Every("title"): ALL,
        Prefix("flags", "perm"): {"d2"},
        Phrase("text", ["banjir", "longsor"], slop=0): set(),
        Phrase("text", ["banjir"], slop=0): {"d1", "d2", "d3", "d5", "d6"},
        Prefix("date", "2"): None,
        Term("media", "pdf"): set(),
    }
    for tree, expected in trees.items():
        if expected is None:
            with pytest.raises(QuerySyntaxError):
                where(tree)
            continue
        assert whoosh_ids(store, tree) == expected, tree
        assert sql_ids(index, where(tree)) == expected, tree


@pytest.mark.parametrize(
    "text", ["ban?ir", "judul:[a TO c]", "isi:*jir", '"a b c d e"~5', "isi:ban?ir"]
)
def test_what_cannot_be_translated_exactly_is_refused(pair, text):
    store, _ = pair
    query = parsed_both(store, text)
    whoosh_ids(store, query)  # Whoosh answers it
    with pytest.raises(QuerySyntaxError) as refused:
        where(query)
    assert "PostgreSQL" in str(refused.value.params["detail"])


def test_a_phrase_with_slop_allows_each_gap_up_to_the_slop(server):
    import psycopg2

    vector = "'a':1 'x':2 'b':3 'c':4 'd':9"
    cases = [
        (["a", "b", "c"], 2, True),
        (["a", "b", "c"], 1, False),
        (["a", "c"], 3, True),
        (["a", "c"], 2, False),
        (["b", "c", "d"], 5, True),
        (["b", "c", "d"], 4, False),
        (["c", "b"], 5, False),  # order counts
    ]
    with psycopg2.connect(server.dsn()) as connection, connection.cursor() as cur:
        for words, slop, expected in cases:
            cur.execute("SELECT %s::tsvector @@ %s::tsquery", [vector, phrase_tsquery(words, slop)])
            assert cur.fetchone()[0] is expected, (words, slop)
    connection.close()


CALLERS = {
    "admin": ADMIN,
    "anonymous": ANONYMOUS,
    "staf": STAF,
    "nobody": Caller("nobody", clearance="B"),
}


# what the administrator sees: d2 lies below d1 (its path holds both)
ADMIN_SEES = {(): ALL, ("d1",): ALL - {"d1", "d2"}, ("d2", "D6"): ALL - {"d2", "d6"}}


@pytest.mark.parametrize("name", list(CALLERS))
@pytest.mark.parametrize("hidden", list(ADMIN_SEES))
def test_visible_is_the_permission_filter(pair, name, hidden):
    store, index = pair
    expected = whoosh_ids(store, permission_filter(CALLERS[name], hidden))
    assert sql_ids(index, visible(CALLERS[name], hidden)) == expected
    if name == "admin":
        assert expected == ADMIN_SEES[hidden]
    if name == "anonymous":
        assert expected == ADMIN_SEES[hidden] - {"d3", "d4"}


REQUESTS = [
    SearchRequest(unit="dinkes"),
    SearchRequest(unit="DINKES.P2P"),
    SearchRequest(level="berkas"),
    SearchRequest(parent="UNIT:DPK"),
    SearchRequest(within=("D1",)),
    SearchRequest(language="ENG"),
    SearchRequest(digital=False),
    SearchRequest(digital=True),
    SearchRequest(classification="000.5"),
    SearchRequest(unclassified=True),
    SearchRequest(security=("t", "r")),
    SearchRequest(flags=("VITAL",)),
    SearchRequest(flags=("permanen", "none")),
    SearchRequest(date_from=dt.date(2021, 3, 4)),
    SearchRequest(date_to=dt.date(2021, 3, 4)),
    SearchRequest(date_from=dt.date(2022, 1, 1), date_to=dt.date(2023, 7, 1)),
    SearchRequest(unit="dpk", date_from=dt.date(2000, 1, 1)),
]


@pytest.mark.parametrize("request_", REQUESTS, ids=repr)
def test_request_where_is_the_request_filter(pair, request_):
    store, index = pair
    expected = whoosh_ids(store, request_filter(request_))
    assert sql_ids(index, both(request_where(request_))) == expected


def test_the_request_filters_are_not_all_empty(pair):
    """The comparison above would pass if both sides matched nothing."""
    store, _ = pair
    sizes = [len(whoosh_ids(store, request_filter(r))) for r in REQUESTS]
    assert sum(1 for size in sizes if 0 < size < 6) >= 12
    assert request_where(SearchRequest()) is None


def test_where_of_every_and_nothing(pair):
    _, index = pair
    assert sql_ids(index, where(Every())) == ALL
    assert sql_ids(index, both()) == ALL


# -- whole searches over a real Lontar home, both backends --------------------------------------
@pytest.fixture(scope="module")
def lontar(server, tmp_path_factory):
    """The demo repository, indexed by Whoosh (the app's index) and by PostgreSQL."""
    with pytest.MonkeyPatch.context() as env:
        for name in SEARCH_ENVS:
            env.delenv(name, raising=False)
        home = Home.resolve(tmp_path_factory.mktemp("lontar") / "home")
        home.ensure()
        service = Lontar(home)
    build_demo(service, records=40)
    service.index.catch_up(ocr=False)
    index = PostgresIndex(server.dsn(server.create_database()), "lontar", service.context.keyring)
    index.rebuild(service.db, Path(home.path))
    yield service, index
    index.close()
    service.close()


def both_answers(lontar, caller: Caller, request: SearchRequest, thesaurus=None):
    service, index = lontar
    hidden, _ = service.records._search_context(caller)
    opened = service.records._opened
    whoosh = whoosh_search(service.store, caller, request, hidden, opened, thesaurus)
    postgres = pg_search.search(index, caller, request, hidden, opened, thesaurus)
    return whoosh, postgres


def same_answer(whoosh, postgres, request: SearchRequest) -> None:
    """Equal in everything but relevance order and scores. A relevance page holds the same
    hits only when it holds the whole answer; a sorted page holds the same sort keys in the
    same order (ties are ordered by id, Whoosh's by document number)."""
    assert postgres.total == whoosh.total
    assert (postgres.page, postgres.page_size, postgres.pages) == (
        whoosh.page,
        whoosh.page_size,
        whoosh.pages,
    )
    assert postgres.facets == whoosh.facets
    assert postgres.also_searched == whoosh.also_searched
    assert len(postgres.hits) == len(whoosh.hits)
    sort = request.sort if request.query.strip() or request.sort != "relevance" else "date_desc"
    if sort != "relevance":
        assert sort_keys(postgres.hits, sort) == sort_keys(whoosh.hits, sort)
    if request.page == 1 and whoosh.total <= request.page_size:
        same_hits_by_id(whoosh.hits, postgres.hits)


def same_hits_by_id(whoosh_hits, postgres_hits) -> None:
    """The same hits, each the same (snippet included) but for its score."""
    mine = {h.id: dataclasses.replace(h, score=0.0) for h in postgres_hits}
    theirs = {h.id: dataclasses.replace(h, score=0.0) for h in whoosh_hits}
    assert mine == theirs


def sort_keys(hits, sort: str) -> list:
    if sort == "refcode":
        return [natural(h.refcode) for h in hits]
    if sort == "added_desc":  # hits do not show when a record was added
        return sorted(h.id for h in hits)
    return [h.date for h in hits]


SEARCHES = [
    SearchRequest(query="surat", page_size=500),
    SearchRequest(query="rapat koordinasi", page_size=500),
    SearchRequest(query='"rapat koordinasi"', page_size=500),
    SearchRequest(query="anggar*", page_size=500),
    SearchRequest(query="laporan NOT anggaran", count_children=True, page_size=500),
    SearchRequest(query="kode:000* OR opd:dpk", page_size=500),
    SearchRequest(query="tanggal:>2022 surat", page_size=500),
    SearchRequest(query="", page_size=500),
    SearchRequest(query="", sort="date_asc", page_size=500),
    SearchRequest(query="", sort="refcode", page_size=500),
    SearchRequest(query="", sort="added_desc", page_size=500),
    SearchRequest(query="surat", sort="date_desc", page_size=500),
    SearchRequest(query="surat", page=2, page_size=5),
    SearchRequest(query="surat", page=99),
    SearchRequest(query="", unit="DINKES", facets=False, page_size=500),
    SearchRequest(query="", security=("T", "R", "SR"), page_size=500),
    SearchRequest(query="", flags=("ocr_waiting",), page_size=500),
    SearchRequest(query="", unclassified=True, count_children=True, page_size=500),
    SearchRequest(query="pegawai", date_from=dt.date(2023, 1, 1), page_size=500),
    SearchRequest(query="pengadaan barang jasa", page_size=500),
    SearchRequest(query="zzzyx tidakada"),
    SearchRequest(query="surat OR " + "中" * 700, page_size=500),  # past PostgreSQL's lexeme
]


@pytest.mark.parametrize("caller", ["admin", "anonymous", "staf"])
@pytest.mark.parametrize("request_", SEARCHES, ids=repr)
def test_a_search_answers_as_the_whoosh_backend(lontar, caller, request_):
    whoosh, postgres = both_answers(lontar, CALLERS[caller], request_)
    same_answer(whoosh, postgres, request_)
    assert (postgres.did_you_mean, postgres.partial_total) == (
        whoosh.did_you_mean,
        whoosh.partial_total,
    )


def test_the_searches_compared_are_not_trivial(lontar):
    """Most compared answers hold hits, facets and highlighted snippets."""
    answers = [both_answers(lontar, ADMIN, r)[1] for r in SEARCHES]
    assert sum(1 for a in answers if a.total) >= len(SEARCHES) - 2
    assert any("<mark" in h.snippet for a in answers for h in a.hits)
    assert any(a.facets.get("flags") for a in answers)
    assert any(a.facets.get("parent") for a in answers)
    sealed = both_answers(lontar, ADMIN, SearchRequest(query="", security=("R", "SR")))[1]
    assert sealed.total >= 1


def test_the_sorted_pages_compared_are_long_and_really_sorted(lontar):
    """The sorted answers `SEARCHES` compares hold many distinct keys, in order: newest first
    with the undated last, oldest first with the undated first, codes as people count."""
    expected = {
        "date_desc": lambda keys: [k for k in keys if k] + [k for k in keys if not k],
        "date_asc": lambda keys: [k for k in keys if not k] + [k for k in keys if k],
        "refcode": lambda keys: keys,
    }
    for sort, arranged in expected.items():
        hits = both_answers(lontar, ADMIN, SearchRequest(query="", sort=sort, page_size=500))[
            1
        ].hits
        keys = sort_keys(hits, sort)
        assert len(set(keys)) > 50
        dated = [k for k in keys if k]
        assert keys == arranged(keys)
        assert dated == sorted(dated, reverse=sort == "date_desc")


def test_paging_walks_the_whole_answer_once(lontar):
    _, index = lontar
    seen: list[str] = []
    for page in range(1, 30):
        request = SearchRequest(query="surat", page=page, page_size=7, facets=False)
        result = pg_search.search(index, ADMIN, request)
        seen += [h.id for h in result.hits]
        if page >= result.pages:
            break
    assert len(seen) == len(set(seen)) == result.total > 7


def test_expansion_is_named_and_searched_alike(lontar):
    thesaurus = Thesaurus.from_pairs([("SK", "surat keputusan"), ("ijin", "izin")])
    request = SearchRequest(query="SK bupati")
    whoosh, postgres = both_answers(lontar, ADMIN, request, thesaurus)
    same_answer(whoosh, postgres, request)
    assert postgres.also_searched == ["surat keputusan"]


def test_sealed_text_is_found_and_shown_only_to_the_cleared(lontar):
    service, index = lontar
    secret = _sealed_word(service, index)
    for caller in (ADMIN, ANONYMOUS, STAF):
        request = SearchRequest(query=secret)
        whoosh, postgres = both_answers(lontar, caller, request)
        same_answer(whoosh, postgres, request)
    admin = both_answers(lontar, ADMIN, SearchRequest(query=secret))[1]
    assert admin.total >= 1
    assert any(f">{secret}</mark>" in hit.snippet.lower() for hit in admin.hits)
    assert both_answers(lontar, ANONYMOUS, SearchRequest(query=secret))[1].total == 0


def _sealed_word(service, index) -> str:
    """A word of a sealed record's text that no other record holds in its stored text."""
    with index.cursor() as cur:
        cur.execute(f"SELECT id FROM {index.docs} WHERE security IN ('R', 'SR')")
        sealed = [row[0] for row in cur.fetchall()]
        cur.execute(f"SELECT body FROM {index.docs}")
        plain = " ".join(row[0] for row in cur.fetchall()).lower()
    for rid in sealed:
        for word in service.records._opened(rid).split():
            word = word.strip(".,:;()").lower()
            if word.isalpha() and len(word) > 5 and word not in plain:
                return word
    raise AssertionError("the demo has no word found only in sealed text")


@pytest.mark.parametrize("text", ["tanggal:[kemarin to besok]", "x" * 1001, "a " * 70])
def test_errors_are_the_same(lontar, text):
    service, index = lontar
    with pytest.raises(QuerySyntaxError) as whoosh:
        whoosh_search(service.store, ADMIN, SearchRequest(query=text))
    with pytest.raises(QuerySyntaxError) as postgres:
        pg_search.search(index, ADMIN, SearchRequest(query=text))
    assert postgres.value.key == whoosh.value.key


def test_an_outdated_index_refuses_to_search(server):
    index = PostgresIndex(server.dsn(server.create_database()), "lontar", None)
    index.ensure()
    with index.cursor() as cur:
        cur.execute(f"UPDATE {index.meta} SET value = 'old' WHERE key = 'analysis'")
    with pytest.raises(IndexOutdated):
        pg_search.search(index, ADMIN, SearchRequest(query="surat"))
    index.close()
