"""Partial matches, "did you mean", related records and classification suggestions on the
PostgreSQL backend, compared with the Whoosh backend's answers.

One real Lontar home (FileStorage, its Whoosh index fed through the real queue) and a real
PostgreSQL server (tests/pg_server.py) whose index is rebuilt from the same records: the
fallback answers must be Whoosh's exactly, related records and suggestions plausible (the
same top answer where the corpus makes it clear), and nothing may come from a record the
caller may not see.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg2
import pytest

from indexes.postgres import fallback as pg_fallback
from indexes.postgres import similar
from indexes.postgres.index import PostgresIndex
from indexes.postgres.query import visible
from indexes.search import SearchRequest
from repository.app import Lontar
from repository.core.config import Home
from repository.core.security import ADMIN, ANONYMOUS, Caller
from tests.conftest import SEARCH_ENVS, add
from tests.pg_server import PgServer, pg_server

CLERK = Caller("pencatat", (("DINKES", frozenset({"Pencatat"})),), unit="DINKES")
CALLERS = {"admin": ADMIN, "anonymous": ANONYMOUS, "clerk": CLERK}

# name -> (text, options); the text is the file's content, so the record's text
CORPUS = {
    "banjir_rapat": (
        "Undangan rapat koordinasi penanggulangan banjir di kelurahan Sukamaju. "
        "Banjir merendam rumah warga.",
        {"classification": "300.2", "title": "Undangan rapat banjir"},
    ),
    "banjir_evakuasi": (
        "Laporan penanggulangan banjir dan evakuasi warga terdampak banjir bandang.",
        {"classification": "300.2", "title": "Laporan evakuasi banjir"},
    ),
    "banjir_logistik": (
        "Bantuan logistik korban banjir bandang di bantaran sungai, evakuasi pengungsi.",
        {"classification": "300.2", "title": "Bantuan logistik banjir bandang"},
    ),
    "anggaran_pegawai": (
        "Laporan anggaran belanja pegawai tahun 2024.",
        {"classification": "900.1", "title": "Anggaran belanja pegawai", "unit": "DPK"},
    ),
    "anggaran_daerah": (
        "Rencana anggaran pendapatan dan belanja daerah perubahan.",
        {"classification": "900.1", "title": "Rencana anggaran daerah"},
    ),
    "anggaran_modal": (
        "Realisasi anggaran belanja modal dinas kesehatan.",
        {"classification": "900.1", "title": "Realisasi belanja modal"},
    ),
    "mahoni": (
        "Penanaman bibit pohon mahoni di sepanjang sungai.",
        {"classification": "500", "title": "Penanaman mahoni"},
    ),
    "trembesi": (
        "Bibit pohon trembesi untuk penghijauan kota.",
        {"classification": "500", "title": "Penghijauan kota"},
    ),
    "posyandu": (
        "Rapat koordinasi posyandu stunting balita.",
        {"classification": "400", "title": "Posyandu stunting", "unit": "DINKES.P2P"},
    ),
    "vaksinasi": (
        "Surat edaran vaksinasi campak anak sekolah.",
        {"title": "Edaran vaksinasi campak"},
    ),
    # a class T record of another unit, much like the flood records: never shown to the clerk
    "terbatas": (
        "Temuan inspektorat, terbatas: banjir bandang, evakuasi warga terdampak banjir, "
        "korban banjir bandang di bantaran sungai.",
        {"classification": "800.1", "title": "Temuan terbatas", "unit": "DPK", "security": "T"},
    ),
    # sealed text (R): its words are in the index only as keyed terms
    "rahasia": (
        "Hasil audit gratifikasi bendahara pengeluaran.",
        {"classification": "700.1", "title": "Audit keuangan", "security": "R"},
    ),
    # not classified yet: what the suggestions are for
    "baru": (
        "Evakuasi warga korban banjir bandang di kelurahan Sukamaju.",
        {"title": "Evakuasi korban banjir"},
    ),
}


@dataclass
class Backends:
    lontar: Lontar
    pg: PostgresIndex
    ids: dict[str, str]
    server: PgServer


def _home(root) -> Lontar:
    home = Home.resolve(root / "home")
    home.ensure()
    lontar = Lontar(home)
    lontar.init("ID-T", "Pemerintah Kota Uji")
    lontar.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
    lontar.records.add_unit(ADMIN, "DINKES.P2P", "Bidang P2P", "DINKES")
    lontar.records.add_unit(ADMIN, "DPK", "Dinas Perpustakaan dan Kearsipan")
    return lontar


@pytest.fixture(scope="module")
def backends(tmp_path_factory):
    """The Whoosh home (the default backend, whatever the shell says) and a PostgreSQL index
    rebuilt from its records."""
    with pytest.MonkeyPatch.context() as patch:
        for name in SEARCH_ENVS:
            patch.delenv(name, raising=False)
        lontar = _home(tmp_path_factory.mktemp("pg_similar"))
        ids = {
            name: add(lontar, f"{name}.txt", text.encode(), date="2024-03-01", **options)
            for name, (text, options) in CORPUS.items()
        }
        lontar.index.catch_up()
        with pg_server() as server:
            pg = PostgresIndex(server.dsn(server.create_database()), "lontar", lontar.keyring)
            pg.ensure()
            pg.rebuild(lontar.db, lontar.home.work_dir)
            try:
                yield Backends(lontar, pg, ids, server)
            finally:
                pg.close()
                lontar.close()


def _both(backends: Backends, caller: Caller, **request):
    asked = SearchRequest(**request)
    return backends.lontar.store.search(caller, asked), backends.pg.search(caller, asked)


# -- partial matches and "did you mean": Whoosh's answers exactly -------------------------------
FALLBACK_QUERIES = [
    "banjr",  # one letter left out
    "koordinsi banjir",
    "Koordinsi BANJIR bandang",  # typed in capitals
    "anggarn pegawai",  # corrected to a word whose stem is the near term
    "rapta",  # a transposition: Levenshtein 2, so not near enough for 5 letters
    "inspektrat",  # only in a class T record
    "gratifikas",  # only in sealed text: never a candidate
    "trembesii mahonii",
    "bibit pohon mahoni trembesi",  # nothing holds all four: three of four
    "rapat koordinasi banjir posyandu",
    "bibit pohon mahoni",  # one found: records holding two of three
    "rapat koordinasi banjir NOT posyandu",
    "rapat koordinasi stunting NOT banjir",
    "kereta cepat",  # two words, nothing found: no partial matches
    "evakuasi warga bandang sungai inspektorat",
    "sekolah anak campak vaksinasi polio",
]


@pytest.mark.parametrize("who", sorted(CALLERS))
@pytest.mark.parametrize("query", FALLBACK_QUERIES)
def test_fallback_answers_as_whoosh(backends, query, who):
    whoosh, pg = _both(backends, CALLERS[who], query=query)
    assert (pg.total, pg.partial_total, pg.did_you_mean) == (
        whoosh.total,
        whoosh.partial_total,
        whoosh.did_you_mean,
    )
    assert {hit.id for hit in pg.partial} == {hit.id for hit in whoosh.partial}


@pytest.mark.parametrize("unit", ["DINKES", "DPK", "DINKES.P2P"])
@pytest.mark.parametrize("query", ["anggarn belanja", "rapat koordinasi banjir posyandu"])
def test_fallback_within_a_unit_answers_as_whoosh(backends, query, unit):
    whoosh, pg = _both(backends, ADMIN, query=query, unit=unit)
    assert (pg.partial_total, pg.did_you_mean) == (whoosh.partial_total, whoosh.did_you_mean)
    assert {hit.id for hit in pg.partial} == {hit.id for hit in whoosh.partial}


def test_the_compared_answers_say_something(backends):
    """The comparisons above are not of empty answers: the corpus makes these."""
    expected = {
        ("banjr", "admin"): ("banjir", 0),
        ("koordinsi banjir", "clerk"): ("koordinasi banjir", 0),
        ("anggarn pegawai", "admin"): ("anggaran pegawai", 0),
        ("inspektrat", "admin"): ("inspektorat", 0),
        ("bibit pohon mahoni trembesi", "anonymous"): (None, 2),
        ("rapat koordinasi banjir posyandu", "admin"): (None, 2),
        ("bibit pohon mahoni", "admin"): (None, 1),
    }
    for (query, who), (suggested, partial) in expected.items():
        _, pg = _both(backends, CALLERS[who], query=query)
        assert (pg.did_you_mean, pg.partial_total) == (suggested, partial), (query, who)


def test_no_word_of_a_record_the_caller_may_not_see(backends):
    """`inspektorat` is only in a class T record of DPK: the administrator is offered it,
    the clerk and anonymous are not; sealed text offers nothing, even to the administrator,
    and is not in the vocabulary at all."""
    assert _both(backends, ADMIN, query="inspektrat")[1].did_you_mean == "inspektorat"
    for caller in (CLERK, ANONYMOUS):
        assert _both(backends, caller, query="inspektrat")[1].did_you_mean is None
    assert _both(backends, ADMIN, query="gratifikasi")[1].total == 1  # found through its key
    assert _both(backends, ADMIN, query="gratifikas")[1].did_you_mean is None
    with backends.pg.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {backends.pg.words} WHERE term LIKE 'gratifikas%%'")
        assert cur.fetchone()[0] == 0


def test_partial_matches_only_among_visible_records(backends):
    hidden = backends.ids["terbatas"]
    query = "evakuasi warga bandang sungai inspektorat"
    admin = _both(backends, ADMIN, query=query)[1]
    assert hidden in {hit.id for hit in admin.hits + admin.partial}
    for caller in (CLERK, ANONYMOUS):
        found = _both(backends, caller, query=query)[1]
        assert hidden not in {hit.id for hit in found.hits + found.partial}


def test_python_distances_find_what_fuzzystrmatch_finds(backends):
    """The two ways of finding near terms (with and without the extension) agree."""
    pg = backends.pg
    with pg.cursor() as cur:
        function = pg_fallback.levenshtein_function(pg, cur)
        assert function is not None  # postgresql-contrib is installed where the tests run
        for word in ("banjr", "koordinsi", "anggarn", "rapta", "evakuas", "penanggulngan"):
            lowered = word.lower()
            targets = {lowered, pg_fallback.stem(lowered)}
            maxdist = 1 if len(lowered) < 6 else 2
            in_sql = pg_fallback._near_in_sql(pg, cur, function, targets, maxdist)
            in_python = pg_fallback._near_in_python(pg, cur, targets, maxdist)
            assert in_sql == in_python, word
            assert in_sql or word == "rapta", word


def test_did_you_mean_where_fuzzystrmatch_may_not_be_created(backends):
    """An account that owns its schema but may not create the extension in the database
    gets the same suggestions, the distances computed in Python."""
    server, lontar = backends.server, backends.lontar
    database = server.create_database()
    with psycopg2.connect(server.dsn(database)) as connection, connection.cursor() as cur:
        cur.execute("CREATE ROLE lector LOGIN")
        cur.execute("CREATE SCHEMA lontar AUTHORIZATION lector")
    connection.close()
    dsn = server.dsn(database).replace("user=postgres", "user=lector")
    reader = PostgresIndex(dsn, "lontar", lontar.keyring)
    try:
        reader.ensure()
        reader.rebuild(lontar.db, lontar.home.work_dir)
        with reader.cursor() as cur:
            assert pg_fallback.levenshtein_function(reader, cur) is None
        for query in ("banjr", "koordinsi banjir", "inspektrat", "rapta"):
            expected = lontar.store.search(ADMIN, SearchRequest(query=query))
            found = reader.search(ADMIN, SearchRequest(query=query))
            assert found.did_you_mean == expected.did_you_mean, query
        assert reader.search(ADMIN, SearchRequest(query="banjr")).did_you_mean == "banjir"
    finally:
        reader.close()


def test_frequencies_count_only_visible_documents(backends):
    pg = backends.pg
    with pg.cursor() as cur:
        for caller, expected in ((ADMIN, 1), (CLERK, 0), (ANONYMOUS, 0)):
            found = pg_fallback.frequencies(pg, cur, ["inspektorat"], visible(caller))
            assert found == {"inspektorat": expected}, caller.name


# -- related records ----------------------------------------------------------------------
@pytest.mark.parametrize("who", sorted(CALLERS))
@pytest.mark.parametrize("name", ["banjir_evakuasi", "anggaran_daerah", "mahoni", "baru"])
def test_related_is_plausible_and_visible(backends, name, who):
    caller = CALLERS[who]
    record = backends.ids[name]
    whoosh = backends.lontar.store.related(caller, record, limit=5)
    pg = backends.pg.related(caller, record, limit=5)
    seen = _visible_ids(backends, caller)
    assert pg, (name, who)
    assert record not in {hit.id for hit in pg}
    assert {hit.id for hit in pg} <= seen
    assert pg[0].id in {hit.id for hit in whoosh if hit.score == whoosh[0].score}  # ties: any
    assert all(hit.snippet == "" and hit.score > 0 for hit in pg)
    assert [hit.score for hit in pg] == sorted((hit.score for hit in pg), reverse=True)


def test_related_keeps_a_hidden_neighbour_hidden(backends):
    """The class T record is the flood record's nearest neighbour for the administrator,
    never for the clerk, nor inside a subtree a pending change hides."""
    record, hidden = backends.ids["banjir_evakuasi"], backends.ids["terbatas"]
    assert hidden in {hit.id for hit in backends.pg.related(ADMIN, record)}
    assert hidden not in {hit.id for hit in backends.pg.related(CLERK, record)}
    assert hidden not in {
        hit.id for hit in backends.pg.related(ADMIN, record, hidden=("unit:DPK",))
    }


def test_nothing_related_to_a_record_the_caller_may_not_see(backends):
    hidden = backends.ids["terbatas"]
    assert backends.pg.related(CLERK, hidden) == []
    assert backends.pg.suggest(CLERK, hidden) == []
    assert backends.pg.related(ADMIN, "no-such-record") == []


def test_rounds_end_with_the_neighbours_scoring_every_record_gives(backends):
    """Scoring first the records of the strongest key terms, then those the best found so
    far says may still beat it, gives what scoring every record holding a key term gives."""
    pg, rounds_taken = backends.pg, 0
    with pg.cursor() as cur:
        for name, record in backends.ids.items():
            found = similar.neighbourhood(pg, cur, ADMIN, record, similar.SUGGEST_TERMS)
            weights = similar.term_weights(pg, cur, found.terms)
            rounds_taken += similar._within(weights, 1) < len(weights)
            for limit in (1, 2, 5):
                every = similar.neighbours(pg, cur, found, limit, candidates=10**9)
                rounds = similar.neighbours(pg, cur, found, limit, candidates=1)
                assert [(n.id, round(n.score, 9)) for n in rounds] == [
                    (n.id, round(n.score, 9)) for n in every
                ], (name, limit)
    assert rounds_taken > len(backends.ids) // 2  # the first round left terms out


# -- classification suggestions -------------------------------------------------------------
@pytest.mark.parametrize("who", sorted(CALLERS))
def test_suggestion_as_whoosh_where_clear(backends, who):
    caller = CALLERS[who]
    record = backends.ids["baru"]
    whoosh = backends.lontar.store.suggest(caller, record)
    pg = backends.pg.suggest(caller, record)
    assert pg[0].code == whoosh[0].code == "300.2"
    assert pg[0].records == whoosh[0].records
    assert set(pg[0].words) == set(whoosh[0].words)
    seen = _visible_ids(backends, caller)
    for suggestion in pg:
        assert suggestion.code
        assert {n["id"] for n in suggestion.neighbours} <= seen
        assert record not in {n["id"] for n in suggestion.neighbours}


def test_suggestion_never_counts_a_hidden_record(backends):
    """The class T record (code 800.1) is a close neighbour of the new flood record: it
    votes for the administrator only."""
    record = backends.ids["baru"]
    codes = {s.code for s in backends.pg.suggest(ADMIN, record, top=5)}
    assert "800.1" in codes
    for caller in (CLERK, ANONYMOUS):
        assert "800.1" not in {s.code for s in backends.pg.suggest(caller, record, top=5)}


def _visible_ids(backends: Backends, caller: Caller) -> set[str]:
    seen = visible(caller)
    with backends.pg.cursor() as cur:
        cur.execute(f"SELECT id FROM {backends.pg.docs} WHERE {seen.text}", seen.params)
        return {row[0] for row in cur.fetchall()}
