"""The shortcuts that make broad PostgreSQL searches fast change how, never what, is found.

indexes/postgres/results.py ranks every match cheaply (title and `lead_tsv`, the text's first
words) and only the best `rerank` exactly, and has a search's rows come from the words' GIN
index; schema.py keeps the long columns out of the row. These tests hold the answer to the
exact one: the same documents on every page, in exact order where the exact rank applies,
`lead_tsv` the first words of `text_tsv`, and a table without it outdated.
"""

from __future__ import annotations

import pytest

from indexes.postgres.index import PostgresIndex
from indexes.postgres.query import Sql, both, visible, where
from indexes.postgres.results import for_search, parsed, rank, ranked
from indexes.postgres.rows import LEAD, make_row
from indexes.postgres.writer import write_rows
from repository.core.security import ADMIN, ANONYMOUS
from tests.conftest import add
from tests.pg_server import pg_server
from tests.test_pg_query import fields

FILLER = "pegawai kantor menyusun dokumen harian untuk kepala bidang"  # 9 tokens, no "banjir"


def text(early: int, late: int) -> str:
    """A text with "banjir" `early` times in its first words and `late` times past `LEAD`."""
    head = " ".join(["banjir"] * early + FILLER.split())
    filler = " ".join([FILLER] * (LEAD // 9 + 2))
    return f"{head} {filler} {' '.join(['banjir'] * late)} selesai"


def documents() -> list[dict]:
    """40 records that all hold "banjir": in the title, early, late or both, so that the cheap
    order (title and first words) and the exact one (the whole text) differ."""
    found = []
    for n in range(40):
        title = "Banjir kota" if n % 7 == 0 else f"Laporan nomor {n}"
        found.append(fields(f"r{n:02d}", title, text(n % 3, 1 + (n * 5) % 11)))
    return found


@pytest.fixture(scope="module")
def index():
    with pg_server() as server:
        made = PostgresIndex(server.dsn(server.create_database()), "lontar", None)
        made.ensure()
        with made.cursor() as cur:
            write_rows(cur, made, [make_row(f) for f in documents()], [])
            cur.execute(f"ANALYZE {made.docs}")
        yield made
        made.close()


def scope_of(index: PostgresIndex, words: str):
    query = parsed(index, words)
    return query, both(visible(ANONYMOUS, ()), where(query))


def ordered(index: PostgresIndex, scope: Sql, score: Sql) -> list[str]:
    """Every id of `scope` by `score`, ties by id: a whole order computed the plain way."""
    with index.cursor() as cur:
        order = f'{score.text} DESC, id COLLATE "C"'
        sql = f"SELECT id FROM {index.docs} WHERE {scope.text} ORDER BY {order}"
        cur.execute(sql, [*scope.params, *score.params])
        return [row[0] for row in cur.fetchall()]


def pages(index: PostgresIndex, query, scope: Sql, size: int, rerank: int) -> list[str]:
    found, offset = [], 0
    with index.cursor() as cur:
        while page := ranked(index, cur, query, scope, size, offset, rerank=rerank):
            found += page
            offset += size
    return found


@pytest.mark.parametrize("rerank", [1, 4, 100])
@pytest.mark.parametrize("size", [1, 3, 7, 50])
def test_the_pages_together_are_every_match_once_in_one_order(index, rerank, size):
    query, scope = scope_of(index, "banjir")
    everything = ordered(index, scope, Sql("0::real"))
    assert len(everything) == 40
    found = pages(index, query, scope, size, rerank)
    assert sorted(found) == sorted(everything)  # each match once: nothing lost, nothing twice
    with index.cursor() as cur:
        assert found == ranked(index, cur, query, scope, 1000, rerank=rerank)


def test_the_first_rerank_are_the_cheap_orders_best_in_exact_order(index):
    query, scope = scope_of(index, "banjir")
    exact_rank, cheap_rank = rank(query), rank(query, lead=True)
    # exact ties in the cheap order, as ranked() breaks them
    tied = Sql(f"{exact_rank.text} DESC, {cheap_rank.text}", exact_rank.params + cheap_rank.params)
    exact = ordered(index, scope, tied)
    cheap = ordered(index, scope, cheap_rank)
    assert cheap != exact  # the corpus tells the two apart, or this test proves nothing
    with index.cursor() as cur:
        assert ranked(index, cur, query, scope, 40, rerank=40) == exact
        first = ranked(index, cur, query, scope, 40, rerank=10)
    assert set(first[:10]) == set(cheap[:10])
    assert first[:10] == [rid for rid in exact if rid in set(cheap[:10])]
    assert first[10:] == cheap[10:]


def test_lead_tsv_is_the_text_tsv_of_the_first_positions(index):
    with index.cursor() as cur:
        cur.execute(
            f"SELECT id, ARRAY(SELECT (l.lexeme, l.positions)::text FROM unnest(lead_tsv) l), "
            f"ARRAY(SELECT (t.lexeme, ARRAY(SELECT p FROM unnest(t.positions) p WHERE p <= %s))"
            f"::text FROM unnest(text_tsv) t WHERE t.positions[1] <= %s), length(text_tsv) "
            f"FROM {index.docs}",
            (LEAD, LEAD),
        )
        rows = cur.fetchall()
    assert len(rows) == 40
    for rid, lead, expected, whole in rows:
        assert lead == expected, rid
        assert 0 < len(lead) < whole, rid


def plan(index: PostgresIndex, scope: Sql, *, tuned: bool) -> str:
    with index.cursor() as cur:
        if tuned:
            for_search(cur)
        cur.execute(f"EXPLAIN SELECT count(*) FROM {index.docs} WHERE {scope.text}", scope.params)
        return "\n".join(row[0] for row in cur.fetchall())


@pytest.mark.parametrize("caller", [ANONYMOUS, ADMIN])
def test_a_search_takes_the_matches_from_the_words_index(index, caller):
    """With the search settings the words are answered by their GIN index (no row's vector
    read); without them this small table is scanned and the words tested on each row."""
    query = parsed(index, "banjir")
    scope = both(visible(caller, ()), where(query))
    tuned = plan(index, scope, tuned=True)
    assert "Bitmap Index Scan on docs_text_tsv_idx" in tuned, tuned
    assert not any("Filter" in line and "text_tsv" in line for line in tuned.splitlines()), tuned
    plain = plan(index, scope, tuned=False)
    assert any("Filter" in line and "text_tsv" in line for line in plain.splitlines()), plain


def storage(index: PostgresIndex) -> dict[str, str]:
    with index.cursor() as cur:
        cur.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = to_regclass(%s) "
            "AND attname IN ('body', 'text_tsv', 'lead_tsv', 'title_tsv')",
            (index.docs,),
        )
        return dict(cur.fetchall())


EXPECTED_STORAGE = {"body": "e", "text_tsv": "e", "lead_tsv": "m", "title_tsv": "x"}


def test_long_columns_are_stored_out_of_the_row_after_ensure_and_rebuild(service, tmp_path):
    add(service, "a.txt", b"Rapat koordinasi banjir di kecamatan", title="Rapat banjir")
    with pg_server() as server:
        made = PostgresIndex(server.dsn(server.create_database()), "lontar", service.keyring)
        try:
            made.ensure()
            assert storage(made) == EXPECTED_STORAGE
            assert made.rebuild(service.db, tmp_path) == 1
            assert storage(made) == EXPECTED_STORAGE
            assert not made.outdated()
            with made.cursor() as cur:
                cur.execute(f"ALTER TABLE {made.docs} DROP COLUMN lead_tsv")
            assert made.outdated()  # a table of the previous version must be rebuilt
        finally:
            made.close()
