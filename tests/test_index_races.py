"""An app process searches while the worker, another process, commits and merges (the load
test found both failures: a searcher whose segment files a merge deleted before they were
first read, and Whoosh's `exists_in` opening a table of contents the next commit deleted)."""

from __future__ import annotations

import multiprocessing
import time

from indexes.documents import record_fields
from indexes.search import SearchRequest
from indexes.store import IndexStore, open_writer
from repository.core.content import pemda_of
from repository.core.db import reading
from repository.core.security import ADMIN
from tests.conftest import add

SECONDS = 6.0


def _commit_and_merge(path: str, documents: list[dict], stop_at: float) -> None:
    """The worker's part: rewrite the same records, one commit each, merging every few."""
    store = IndexStore(path)
    rounds = 0
    while time.monotonic() < stop_at:
        writer = open_writer(store.ix())
        writer.update_document(**documents[rounds % len(documents)])
        writer.commit(optimize=rounds % 3 == 0)
        rounds += 1


def test_searching_while_another_process_commits_and_merges(service):
    ids = [add(service, f"{n}.txt", f"surat edaran rapat nomor {n}".encode()) for n in range(12)]
    with reading(service.db) as root:
        documents = [record_fields(pemda_of(root).records[rid]) for rid in ids]
    stop_at = time.monotonic() + SECONDS
    context = multiprocessing.get_context("fork")
    writer = context.Process(
        target=_commit_and_merge, args=(str(service.store.path), documents, stop_at)
    )
    writer.start()
    searches = 0
    try:
        while time.monotonic() < stop_at:
            assert service.store.exists()
            found = service.records.search(ADMIN, SearchRequest(query="surat", page_size=5))
            assert found.total == len(ids)
            searches += 1
    finally:
        writer.join(30)
    assert writer.exitcode == 0
    assert searches > 20  # the two processes did overlap
