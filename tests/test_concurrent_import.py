"""Many people filing into one unit at once: no import fails, every reference code is unique.

A container's child numbers (the `4` of `.../B3/4`) come from a `Sequence` of its own, not
from the unit, and once a process has met another claimer they are claimed apart, in short
transactions that conflict resolution never lets give out one number twice (see "child
numbers" in `repository/core/content.py`): imports into one unit no longer write one object.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import threading

import pytest
import transaction
from transaction.interfaces import NoTransaction
from ZODB.POSException import ConflictError

from repository.app import Lontar
from repository.core.content import Sequence, pemda_of
from repository.core.db import reading, write
from repository.core.security import ADMIN
from repository.records.records import create_record
from repository.records.units import get_unit
from tests.conftest import (
    PROJECT,
    PYTHON,
    free_port,
    healthy,
    lontar_cli,
    start_serve,
    wait_until,
)

IMPORTERS, FILES = 5, 50
HALF = IMPORTERS * FILES // 2
CLI = (PYTHON, "-m", "repository.cli", "--home")


def _numbers(container) -> list[int]:
    return sorted(int(child.code) for child in container.children.values())


def _codes(container) -> list[str]:
    return [child.reference_code for child in container.children.values()]


@pytest.mark.slow
def test_five_importers_into_one_unit_under_serve_all_succeed_with_unique_codes(home, tmp_path):
    lontar_cli("init", home=home)
    lontar_cli("unit", "add", "DPK", "--name", "Kearsipan", home=home)
    folders = []
    for importer in range(IMPORTERS):
        folder = tmp_path / f"importer-{importer}"
        folder.mkdir()
        for n in range(FILES):
            (folder / f"nota-{importer}-{n:02d}.txt").write_text(
                f"Nota dinas {importer}-{n} tentang pengarsipan kiriman {importer * FILES + n}"
            )
        folders.append(folder)
    port = free_port()
    serve = start_serve(home, port, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_until(lambda: healthy(port), 90, "the app")
        importers = [
            subprocess.Popen(
                [*CLI, str(home.path), "import", str(folder), "--unit", "DPK", "--json"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=PROJECT,
                env=os.environ.copy(),
            )
            for folder in folders
        ]
        results = [(p, *p.communicate(timeout=600)) for p in importers]
    finally:
        serve.send_signal(signal.SIGINT)
        _, err = serve.communicate(timeout=60)
    assert serve.returncode == 0, err
    failures = [(p.returncode, err[-2000:]) for p, _, err in results if p.returncode != 0]
    assert not failures, failures
    for _, out, _ in results:
        assert len(json.loads(out)["accepted"]) == FILES

    with Lontar(home) as service, reading(service.db) as root:
        unit = get_unit(pemda_of(root), "DPK")
        codes = _codes(unit)
        assert len(codes) == IMPORTERS * FILES == len(set(codes))
        # a retried transaction gets its number back: no gaps either
        assert _numbers(unit) == list(range(1, IMPORTERS * FILES + 1))


def _overlapping(service, count: int) -> tuple[list[str], int]:
    """`count` transactions, all open at once, each filing a record into DPK, then committed
    one after another: the codes of those that committed, and how many failed."""
    managers = [transaction.TransactionManager(explicit=True) for _ in range(count)]
    connections = [service.db.open(tm) for tm in managers]
    codes, failed = [], 0
    try:
        for tm, conn in zip(managers, connections, strict=True):
            tm.begin()
            pemda = pemda_of(conn.root())
            unit = get_unit(pemda, "DPK")
            codes.append(create_record(pemda, unit, level="item", title="x", actor="uji").code)
        for n, tm in enumerate(managers):
            try:
                tm.commit()
            except ConflictError:
                failed += 1
                codes[n] = None
    finally:
        for tm, conn in zip(managers, connections, strict=True):
            with contextlib.suppress(NoTransaction):
                tm.abort()  # what did not commit
            conn.close()
    return [code for code in codes if code is not None], failed


def _transactions(service) -> int:
    return sum(1 for _ in service.db.storage.iterator())


def test_overlapping_transactions_into_one_unit_conflict_once_then_all_commit(service):
    """The hot spot itself. With the number kept on the unit, every transaction but the first
    of overlapping ones failed with a ConflictError, every time. Now the first time a process
    meets another claimer its numbers are claimed inside the transactions and all but one of
    them start again; from then on it claims them apart and all of them commit."""
    assert _overlapping(service, IMPORTERS) == (["1"], IMPORTERS - 1)
    assert _overlapping(service, IMPORTERS) == ([str(n) for n in range(2, IMPORTERS + 2)], 0)
    with reading(service.db) as root:
        assert _numbers(get_unit(pemda_of(root), "DPK")) == list(range(1, IMPORTERS + 2))


def test_a_lone_writer_commits_once_per_record_and_a_busy_one_claims_apart(service):
    def add(root) -> str:
        pemda = pemda_of(root)
        return create_record(pemda, get_unit(pemda, "DPK"), level="item", title="x", actor="u").code

    before = _transactions(service)
    assert [write(service.db, add) for _ in range(3)] == ["1", "2", "3"]
    assert _transactions(service) == before + 3  # the number inside the record's transaction
    _overlapping(service, 2)  # "4" committed, the other one failed: now busy
    before = _transactions(service)
    assert write(service.db, add) == "5"
    assert _transactions(service) == before + 2  # the claim apart, then the record


def test_threads_filing_into_one_unit_and_one_berkas_never_exhaust_their_retries(service):
    """Five writers with their own connections on one FileStorage, each holding its
    transaction open a little so that they overlap: none fails, no number twice, no gap."""
    berkas = service.ingest.create_container(ADMIN, "DPK", "file", "Berkas uji")
    errors: list[BaseException] = []
    start = threading.Barrier(IMPORTERS)

    def importer(number: int) -> None:
        start.wait()
        for n in range(FILES):

            def store(root, n=n):
                pemda = pemda_of(root)
                container = pemda.records[berkas] if n % 2 else get_unit(pemda, "DPK")
                record = create_record(
                    pemda, container, level="item", title=f"nota {number}-{n}", actor="uji"
                )
                threading.Event().wait(0.005)  # the rest of the import's work
                return record.id

            try:
                write(service.db, store, note=f"uji {number}-{n}")
            except BaseException as exc:
                errors.append(exc)

    threads = [threading.Thread(target=importer, args=(n,)) for n in range(IMPORTERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:3]
    with reading(service.db) as root:
        pemda = pemda_of(root)
        unit, into_berkas = get_unit(pemda, "DPK"), pemda.records[berkas]
        for container, count in ((unit, HALF + 1), (into_berkas, HALF)):
            assert len(set(_codes(container))) == len(container.children) == count
            numbers = [int(c.code.lstrip("B")) for c in container.children.values()]
            assert sorted(numbers) == list(range(1, count + 1))  # the berkas itself is B1


def test_numbers_continue_after_those_an_older_repository_gave_out(service):
    """A unit or berkas written before `Sequence` has only its `next_seq`: its sequence is
    made with the first new number and goes on from there, without reusing one."""

    def make_old(root) -> str:
        pemda = pemda_of(root)
        unit = get_unit(pemda, "DPK")
        del unit.sequence
        unit.next_seq = 7
        berkas = create_record(
            pemda, unit, level="file", title="Berkas lama", actor="uji", code="B7"
        )
        berkas.next_seq = 41
        return berkas.id

    berkas_id = write(service.db, make_old)
    with reading(service.db) as root:
        unit = get_unit(pemda_of(root), "DPK")
        assert "sequence" not in unit.__dict__ and unit.sequence is None
        assert pemda_of(root).records[berkas_id].sequence is None

    def add_two(root) -> list[str]:
        pemda = pemda_of(root)
        return [
            create_record(pemda, container, level="item", title="baru", actor="uji").code
            for container in (get_unit(pemda, "DPK"), pemda.records[berkas_id]) * 2
        ]

    assert write(service.db, add_two) == ["8", "42", "9", "43"]
    assert write(service.db, add_two) == ["10", "44", "11", "45"]


def test_a_number_claimed_apart_for_an_aborted_transaction_is_handed_out_again(service):
    def add(root) -> str:
        pemda = pemda_of(root)
        return create_record(pemda, get_unit(pemda, "DPK"), level="item", title="x", actor="u").code

    assert _overlapping(service, 2) == (["1"], 1)  # busy: numbers are claimed apart
    assert write(service.db, add) == "2"
    tm = transaction.TransactionManager(explicit=True)
    conn = service.db.open(tm)
    tm.begin()
    assert add(conn.root()) == "3"  # claimed apart, committed, then not used
    tm.abort()
    conn.close()
    assert [write(service.db, add) for _ in range(2)] == ["3", "4"]
    with reading(service.db) as root:
        assert get_unit(pemda_of(root), "DPK").sequence.last == 4


def test_claims_apart_resolve_to_distinct_numbers_and_a_claim_inside_never_moves():
    old = {"last": 4, "claims": (("a", 4),)}

    def claimed(*tokens: str | None) -> dict:
        sequence = Sequence()
        sequence.__setstate__(old)
        for token in tokens:
            sequence.claim(token)
        return sequence.__getstate__()

    resolve = Sequence()._p_resolveConflict
    resolved = resolve(old, claimed("t1", "t2"), claimed("m"))
    assert resolved["last"] == 7
    assert dict(resolved["claims"]) == {"a": 4, "t1": 5, "t2": 6, "m": 7}
    assert resolve(old, claimed(None), claimed("m"))["claims"][-1] == ("m", 6)
    for committed, new in (
        (claimed("t1"), claimed(None)),  # "5" is in use in the new transaction: it must retry
        (claimed("t1"), claimed("m", None)),
        (claimed("t1"), claimed("t1")),  # the same token twice could not be told apart
    ):
        with pytest.raises(ConflictError):
            resolve(old, committed, new)
