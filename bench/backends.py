"""The two search backends on the same data in one run: Whoosh (the array engine) and
PostgreSQL full-text search (indexes/postgres/), each against its raw engine.

    python -m bench.backends --n 100000

For each backend: the rebuild of the whole index from the bench repository (records/s, peak
memory of this process and its children; PostgreSQL's own server processes are not counted),
search p50/p95 for
anonymous, a one-OPD official and the administrator (permission filter, facets, highlights),
and ingest of born-digital PDFs into a new repository (files/s, from file to searchable). The
raw baselines, measured in the same run on the same index: plain Whoosh (`bench.search.raw`:
no filter, no facets) and a plain PostgreSQL full-text query (the words as a tsquery over the
same tsvectors, first 20 by ts_rank_cd, no filter, no facets, no snippets).

PostgreSQL is started by the bench in a temporary directory (tests/pg_server.py), with
durability switched off as in the tests (fsync off): the figures are the engines', not the disk's.
"""

from __future__ import annotations

import argparse
import os
import time
from unittest import mock

from bench import ingest as bench_ingest
from bench.common import ONE_UNIT, TreeRss, build_repository, percentiles, report
from bench.search import queries
from bench.search import raw as raw_whoosh
from indexes.backend import SearchIndex
from indexes.postgres.index import PostgresIndex
from indexes.postgres.rows import quote, tokens
from indexes.search import SearchRequest
from repository.app import Lontar
from repository.core.security import ADMIN, ANONYMOUS
from tests.pg_server import pg_server

CALLERS = (("anonymous", ANONYMOUS), ("one_unit", ONE_UNIT), ("admin", ADMIN))


def _timed(run, qs: list[str]) -> dict:
    for q in qs[:20]:
        run(q)  # warm-up: connections, caches, filter sets
    samples = []
    for q in qs:
        started = time.perf_counter()
        run(q)
        samples.append(time.perf_counter() - started)
    return {**percentiles(samples), "qps": round(len(qs) / sum(samples))}


def rebuild(service: Lontar, index: SearchIndex) -> dict:
    with TreeRss() as rss:
        started = time.perf_counter()
        count = index.rebuild(service.db, service.home.work_dir)
        seconds = time.perf_counter() - started
    return {
        "records": count,
        "seconds": round(seconds, 1),
        "records_per_s": round(count / seconds),
        "peak_rss_mb_tree": round(rss.peak_mb),
    }


def searches(index: SearchIndex, qs: list[str]) -> dict:
    figures = {}
    for name, caller in CALLERS:
        figures[name] = _timed(
            lambda q, c=caller: index.search(c, SearchRequest(query=q, page_size=20)), qs
        )
    return figures


def raw_postgresql(index: PostgresIndex, qs: list[str]) -> dict:
    def run(q: str) -> None:
        words = [quote(t) for w in q.split() for t, _ in tokens("text", w)]
        query = " & ".join(words) or "''"
        with index.cursor() as cur:
            cur.execute(
                f"SELECT id, title FROM {index.docs} WHERE text_tsv @@ %s::tsquery "
                "ORDER BY ts_rank_cd(text_tsv, %s::tsquery) DESC LIMIT 20",
                (query, query),
            )
            cur.fetchall()

    return _timed(run, qs)


def ingest(files, env: dict[str, str]) -> dict:
    with mock.patch.dict(os.environ, env):
        return bench_ingest.lontar(files)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--files", type=int, default=100, help="PDFs for the ingest figures")
    args = parser.parse_args()
    qs = queries()
    files = bench_ingest.make_pdfs(args.files)
    home = build_repository(args.n)
    figures: dict = {"records": args.n, "queries": len(qs)}
    with pg_server() as server:
        dsn = server.dsn(server.create_database("bench"))
        with Lontar(home) as service:
            pg = PostgresIndex(dsn, "lontar", service.keyring)
            pg.ensure()
            figures["whoosh"] = {"rebuild": rebuild(service, service.store)}
            figures["postgresql"] = {"rebuild": rebuild(service, pg)}
            figures["whoosh"]["search"] = searches(service.store, qs)
            figures["postgresql"]["search"] = searches(pg, qs)
            figures["raw_whoosh_unfiltered"] = raw_whoosh(args.n, qs)
            figures["raw_postgresql_unfiltered"] = raw_postgresql(pg, qs)
            pg.close()
        figures["whoosh"]["ingest"] = ingest(files, {"LONTAR_SEARCH": "whoosh"})
        pg_env = {"LONTAR_SEARCH": "postgresql", "LONTAR_SEARCH_DSN": dsn}
        figures["postgresql"]["ingest"] = ingest(files, {**pg_env, "LONTAR_SEARCH_SCHEMA": "ing"})
    figures["ratios"] = _ratios(figures)
    report(f"backends-{args.n}", figures)


def _ratios(figures: dict) -> dict:
    whoosh, pg = figures["whoosh"], figures["postgresql"]
    return {
        "postgresql_vs_whoosh_search_p95": {
            name: round(pg["search"][name]["p95_ms"] / whoosh["search"][name]["p95_ms"], 2)
            for name, _ in CALLERS
        },
        "postgresql_vs_raw_postgresql_p95": round(
            pg["search"]["anonymous"]["p95_ms"] / figures["raw_postgresql_unfiltered"]["p95_ms"], 2
        ),
        "whoosh_vs_raw_whoosh_p95": round(
            whoosh["search"]["anonymous"]["p95_ms"] / figures["raw_whoosh_unfiltered"]["p95_ms"], 2
        ),
        "postgresql_vs_whoosh_rebuild_seconds": round(
            pg["rebuild"]["seconds"] / whoosh["rebuild"]["seconds"], 2
        ),
        "postgresql_vs_whoosh_ingest_files_per_s": round(
            pg["ingest"]["files_per_s"] / whoosh["ingest"]["files_per_s"], 2
        ),
    }


if __name__ == "__main__":
    main()
