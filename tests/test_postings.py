"""Each segment's posting lists as mapped arrays (indexes/postings.py): the same lists as
Whoosh's blocks, used by searches once written, ignored when damaged, gone with their segment,
written by the worker when idle and by every rebuild.

The engine's answers with mapped lists are checked against plain Whoosh in tests/test_engine.py
(`mapped` in its corpora)."""

from __future__ import annotations

import numpy as np
import pytest

from indexes import engine as engine_module
from indexes import postings
from indexes.engine import TermCache, block_postings
from indexes.search import SearchRequest
from indexes.store import open_writer
from indexes.writer import expunge_deleted
from repository.core.security import ADMIN
from repository.run.worker import Worker
from tests.conftest import add

TEXTS = {
    "a.txt": b"laporan rapat anggaran banjir",
    "b.txt": b"laporan banjir kecamatan",
    "c.txt": b"laporan kegiatan vaksinasi",
}


@pytest.fixture
def indexed(service):
    """Three records in three segments (one import, one commit each)."""
    ids = [add(service, name, data) for name, data in TEXTS.items()]
    assert len(segments(service.store)) == 3
    return service, ids


def segments(store) -> list[str]:
    with store.searcher() as searcher:
        return [reader.segment().segment_id() for reader, _ in searcher.reader().leaf_readers()]


def started_afresh(store) -> None:
    """As a process started now: no file open, no posting list cached."""
    store.close()
    store._terms = TermCache()


def found(service, query: str, caller=ADMIN) -> list[str]:
    result = service.records.search(caller, SearchRequest(query=query, page_size=50))
    return sorted(hit.id for hit in result.hits)


def test_the_mapped_lists_are_whoosh_lists(indexed):
    service, _ = indexed
    store = service.store
    assert store.write_postings(limit=None) == 3
    with store.searcher() as searcher:
        for reader, _ in searcher.reader().leaf_readers():
            mapped = postings.open_segment(store.path, reader.segment().segment_id())
            assert mapped is not None
            words = 0
            for fieldname in postings._word_fields(reader):
                for btext, _ in reader.iter_field(fieldname):
                    ids, weights = mapped.lookup(reader, fieldname, btext)
                    want_ids, want_weights = block_postings(reader, fieldname, btext)
                    assert ids.tolist() == want_ids.tolist(), (fieldname, btext)
                    assert weights.tolist() == want_weights.tolist(), (fieldname, btext)
                    words += 1
            assert words > 10
            absent = mapped.lookup(reader, "text", "zzzkatatakada")
            assert absent is not None and len(absent[0]) == 0


def test_a_search_reads_the_mapped_lists_and_not_the_blocks(indexed, monkeypatch):
    service, ids = indexed
    before = {q: found(service, q) for q in ("laporan", "banjir", "vaksinasi", "rapat OR kegiatan")}
    service.store.write_postings(limit=None)
    started_afresh(service.store)

    def refused(*args):
        raise AssertionError("read from Whoosh's blocks although the segment's lists are mapped")

    monkeypatch.setattr(engine_module, "block_postings", refused)
    after = {q: found(service, q) for q in before}
    assert after == before
    assert after["laporan"] == sorted(ids)
    assert set(service.store._mapped) == set(segments(service.store))


def test_a_segment_without_lists_is_read_from_its_blocks(indexed):
    service, ids = indexed
    assert service.store.write_postings(limit=1) == 1  # one of three segments
    started_afresh(service.store)
    assert found(service, "laporan") == sorted(ids)
    assert len(service.store._mapped) == 1


@pytest.mark.parametrize("damage", ["cut", "both_cut", "empty", "missing"])
def test_damaged_lists_are_ignored_then_written_again(indexed, damage):
    """A crash while they were written, or a disk that lost part of them: the search reads the
    blocks and answers alike, and the writer's next pass writes them again."""
    service, ids = indexed
    store = service.store
    store.write_postings(limit=None)
    victim = postings.folder(store.path) / segments(store)[0] / "ids.i32"
    if damage == "cut":
        victim.write_bytes(victim.read_bytes()[:-4])
    elif damage == "both_cut":  # lengths that agree, but the last lists are not all there
        for part in (victim, victim.with_name("weights.f32")):
            part.write_bytes(part.read_bytes()[:-8])
    elif damage == "empty":
        victim.write_bytes(b"")
    else:
        victim.unlink()
    started_afresh(store)
    assert found(service, "laporan") == sorted(ids)
    assert len(store._mapped) == 2
    assert store.write_postings(limit=None) == 1
    started_afresh(store)
    assert found(service, "laporan") == sorted(ids)
    assert len(store._mapped) == 3


def test_lists_that_disagree_with_the_term_info_are_not_used(indexed):
    """A list whose length is not the one Whoosh's term info gives is not this segment's."""
    service, _ = indexed
    store = service.store
    store.write_postings(limit=None)
    counts = postings.folder(store.path) / segments(store)[0] / "counts.i64"
    np.zeros(counts.stat().st_size // 8, np.int64).tofile(counts)
    with store.searcher() as searcher:
        reader = next(iter(searcher.reader().leaf_readers()))[0]
        mapped = postings.open_segment(store.path, reader.segment().segment_id())
        assert mapped.lookup(reader, "text", "lapor") is None
    store.close()
    assert len(found(service, "laporan")) == 3


def test_the_lists_of_a_rewritten_segment_go_with_it(indexed):
    """A destruction rewrites the segments that held the record (`expunge_deleted`): the old
    segment's lists are removed on the writer's next pass, and so is a half-written folder."""
    service, ids = indexed
    store = service.store
    store.write_postings(limit=None)
    old = set(segments(store))
    writer = open_writer(store.ix())
    writer.delete_by_term("id", ids[1])
    writer.commit(mergetype=expunge_deleted)
    leftover = postings.folder(store.path) / ".abc.123"
    leftover.mkdir()
    store.write_postings(limit=None)
    now = set(segments(store))
    assert now != old
    assert {entry.name for entry in postings.folder(store.path).iterdir()} == now
    store.close()
    assert found(service, "laporan") == sorted([ids[0], ids[2]])


def test_the_worker_writes_the_lists_when_nothing_else_waits(indexed):
    service, _ = indexed
    worker = Worker(service)
    passes = 0
    while worker.step():
        passes += 1
        assert passes < 50, "the worker never ran out of work"
    assert {entry.name for entry in postings.folder(service.store.path).iterdir()} == set(
        segments(service.store)
    )
    assert not worker.step()  # written once: nothing more to do


def test_a_rebuild_writes_the_lists_of_its_new_index(indexed):
    """Each segment written is reported as progress too: at a million records the lists take
    minutes, which must not look like a hung worker."""
    service, ids = indexed
    reported = []
    assert service.index.reindex(lambda done, total: reported.append(done)) == 3
    names = {entry.name for entry in postings.folder(service.store.path).iterdir()}
    assert names == set(segments(service.store))
    assert len(reported) >= 1 + len(names)  # the round's progress, then one per segment
    assert found(service, "laporan") == sorted(ids)
