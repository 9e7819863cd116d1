"""The audit trail in PostgreSQL (repository/core/audit_pg.py) on a real server: the same chain
as the file, one chain for processes of several homes, tampering found by its seq, a file trail
moved in, nothing done without its entry when the server is gone, a Lontar home's audit views
on it, and the backup's file copy."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import subprocess
import sys
import textwrap

import psycopg2
import psycopg2.errors
import pytest
import ZODB
from ZODB.FileStorage import FileStorage

from indexes.search import SearchRequest
from repository.app import Lontar
from repository.core import clock
from repository.core.audit import RETRACTION, AuditLog, trail_path
from repository.core.audit_pg import (
    AUDIT_DSN_ENV,
    AUDIT_ENV,
    AUDIT_SCHEMA_ENV,
    KEPT,
    MOVED,
    PgAuditLog,
    audit_settings,
    open_audit,
)
from repository.core.config import Home
from repository.core.db import reading, write
from repository.core.errors import AuditUnavailable
from repository.core.keys import Keyring
from repository.core.security import ADMIN
from repository.core.service import Context
from repository.run.backup import audit_head, copy_audit
from tests.conftest import PROJECT, add
from tests.pg_server import pg_server

SCHEMA = "lontar_audit"
T = dt.datetime(2026, 12, 1, 9, 30, 15, 123000)
EVENTS = [
    ("admin", "imported", "rec-1", "10.0.0.5", {"file": "Surat édaran.pdf", "pages": 3}),
    ("auditor", "searched", "", "10.0.0.6", {"query": 'vaksin "polio"', "hits": 2.5}),
    ("system", "recovered", "rec-2", "", {"nested": {"b": [1, None, True], "a": "ü"}}),
    ("admin", "logout", "", "cli", {}),
]


@pytest.fixture(autouse=True)
def _no_audit_settings(monkeypatch):
    """Whatever the developer's shell says, each test chooses its trail itself."""
    for name in (AUDIT_ENV, AUDIT_DSN_ENV, AUDIT_SCHEMA_ENV):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def server():
    with pg_server() as running:
        yield running


@pytest.fixture
def dsn(server) -> str:
    return server.dsn(server.create_database())


@pytest.fixture
def on_pg(monkeypatch, dsn) -> str:
    """Every trail opened from here on is the table in the test's own database."""
    monkeypatch.setenv(AUDIT_ENV, "postgresql")
    monkeypatch.setenv(AUDIT_DSN_ENV, dsn)
    return dsn


def superuser(dsn: str, *statements: str) -> list[tuple]:
    """Runs statements as the server's superuser (what an intruder with the database's
    password could do); the rows of the last one, if it returns any."""
    connection = psycopg2.connect(dsn)
    try:
        with connection, connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
            return cursor.fetchall() if cursor.description else []
    finally:
        connection.close()


def tamper(dsn: str, statement: str) -> None:
    """The append-only trigger stands in the way of even the superuser until disabled."""
    table = f"{SCHEMA}.audit"
    superuser(
        dsn,
        f"ALTER TABLE {table} DISABLE TRIGGER audit_append_only",
        statement,
        f"ALTER TABLE {table} ENABLE TRIGGER audit_append_only",
    )


def file_lines(log: PgAuditLog) -> list[str]:
    return [json.dumps(entry, ensure_ascii=False) for entry in log.entries()]


# -- the same chain --------------------------------------------------------------------------------
def test_the_table_holds_the_chain_the_file_would(tmp_path, dsn):
    file_log, table_log = AuditLog(tmp_path / "audit.jsonl"), PgAuditLog(dsn, SCHEMA)
    with clock.frozen(T):
        written = [file_log.append(*EVENTS[0][:4], **EVENTS[0][4]), *file_log.extend(EVENTS[1:])]
        returned = [table_log.append(*EVENTS[0][:4], **EVENTS[0][4]), *table_log.extend(EVENTS[1:])]
    assert returned == written
    assert list(table_log.entries()) == list(file_log.entries()) == written
    assert file_lines(table_log) == (tmp_path / "audit.jsonl").read_text().splitlines()
    from_file, from_table = file_log.verify(), table_log.verify()
    assert from_table.intact and from_file.intact
    assert (from_table.count, from_table.head) == (from_file.count, from_file.head)
    wanted = ["imported", "recovered"]
    assert table_log.targets(wanted) == file_log.targets(wanted) == {"rec-1", "rec-2"}
    assert table_log.entry(2) == file_log.entry(2) == written[2]
    assert table_log.entry(9) is None and file_log.entry(9) is None
    with (tmp_path / "audit.jsonl").open("ab") as handle:
        handle.write(b'{"seq": 4, "at": "2026-')  # torn: the head is the entry before it
    assert file_log.last() == written[-1]


def test_an_entry_a_failed_finish_retracted_names_no_target_in_the_table_or_the_file(tmp_path, dsn):
    """`lontar check` reads creation entries through `targets`: a retracted `imported` (its
    commit's finish failed, `repository.core.db.AuditVote`) must not count, in either."""
    file_log, table_log = AuditLog(tmp_path / "audit.jsonl"), PgAuditLog(dsn, SCHEMA)
    for log in (file_log, table_log):
        written = log.extend(EVENTS)
        log.append("system", RETRACTION, "audit", "", seqs=[written[0]["seq"]])
    wanted = ["imported", "recovered"]
    assert table_log.targets(wanted) == file_log.targets(wanted) == {"rec-2"}
    assert table_log.claims(wanted) == file_log.claims(wanted) == [(2, "recovered", "rec-2")]
    table_log.extend([EVENTS[0]])  # the retried commit's own entry stands
    assert table_log.targets(wanted) == {"rec-1", "rec-2"}


def test_the_table_refuses_updates_and_deletes(dsn):
    PgAuditLog(dsn, SCHEMA).extend(EVENTS)
    for statement in (
        f"UPDATE {SCHEMA}.audit SET actor = 'mallory' WHERE seq = 1",
        f"DELETE FROM {SCHEMA}.audit WHERE seq = 3",
        f"TRUNCATE {SCHEMA}.audit",
    ):
        with pytest.raises(psycopg2.Error, match="append-only"):
            superuser(dsn, statement)
    assert PgAuditLog(dsn, SCHEMA).verify().count == len(EVENTS)


def test_a_role_granted_select_and_insert_only_appends_and_verifies(dsn):
    """The deployment docs/security.md describes: the nodes' role may not change a row."""
    PgAuditLog(dsn, SCHEMA).extend(EVENTS[:1])  # the first start, as the owner
    superuser(
        dsn,
        "CREATE ROLE lontar_node LOGIN",
        f"GRANT USAGE ON SCHEMA {SCHEMA} TO lontar_node",
        f"GRANT SELECT, INSERT ON {SCHEMA}.audit TO lontar_node",
    )
    node_dsn = dsn.replace("user=postgres", "user=lontar_node")
    node = PgAuditLog(node_dsn, SCHEMA)
    node.extend(EVENTS[1:])
    assert node.verify().intact and node.verify().count == len(EVENTS)
    connection = psycopg2.connect(node_dsn)
    try:
        with pytest.raises(psycopg2.errors.InsufficientPrivilege), connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {SCHEMA}.audit DISABLE TRIGGER audit_append_only")
    finally:
        connection.close()


# -- several processes -----------------------------------------------------------------------------
APPENDER = """
import json, os, sys, time
from pathlib import Path
from repository.core.audit_pg import open_audit
from repository.core.config import Home

home, name, rounds = Home(Path(sys.argv[1])), sys.argv[2], int(sys.argv[3])
go = Path(sys.argv[4])
while not go.exists():
    time.sleep(0.01)
trail = open_audit(home)
for n in range(rounds):
    if n % 3:
        trail.append(name, "viewed", f"{name}-{n}", "", n=n)
    else:
        events = [(name, "imported", f"{name}-{n}-{k}", "", {"n": n, "k": k}) for k in range(3)]
        trail.extend(events)
"""


def test_two_processes_of_two_homes_append_one_chain(tmp_path, on_pg):
    rounds, go = 120, tmp_path / "go"
    script = tmp_path / "appender.py"
    script.write_text(textwrap.dedent(APPENDER))
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    workers = [
        subprocess.Popen(
            [sys.executable, str(script), str(tmp_path / name), name, str(rounds), str(go)],
            env=env,
            cwd=PROJECT,
        )
        for name in ("node1", "node2")
    ]
    go.touch()
    assert [worker.wait(timeout=600) for worker in workers] == [0, 0]

    trail = open_audit(Home(tmp_path / "node1"))
    entries = list(trail.entries())
    verdict = trail.verify()
    per_process = rounds // 3 * 3 + (rounds - rounds // 3)  # three per extend, one per append
    assert verdict.intact, verdict.problems
    assert verdict.count == len(entries) == 2 * per_process
    assert [entry["seq"] for entry in entries] == list(range(len(entries)))
    for name in ("node1", "node2"):
        own = [entry["detail"]["n"] for entry in entries if entry["actor"] == name]
        assert own == sorted(own) and len(own) == per_process
    actors = [entry["actor"] for entry in entries]
    switches = sum(1 for a, b in itertools.pairwise(actors) if a != b)
    assert switches >= 1  # both wrote into the one chain, not two chains side by side


# -- tampering ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("statement", "seq", "problem"),
    [
        (f"UPDATE {SCHEMA}.audit SET actor = 'mallory' WHERE seq = 2", 2, "edited"),
        (f"UPDATE {SCHEMA}.audit SET detail = '{{\"file\": ' WHERE seq = 1", 1, "not_json"),
        (f"DELETE FROM {SCHEMA}.audit WHERE seq = 2", 3, "sequence 3 where 2 was expected"),
    ],
)
def test_a_tampered_row_is_named_by_its_seq(dsn, statement, seq, problem):
    trail = PgAuditLog(dsn, SCHEMA)
    trail.extend(EVENTS)
    assert trail.verify().intact
    tamper(dsn, statement)
    verdict = trail.verify()
    assert not verdict.intact
    assert verdict.problems[0]["seq"] == seq
    assert verdict.problems[0]["problem"] == problem


# -- moving a file trail in ------------------------------------------------------------------------
def file_trail(home: Home, events: list) -> AuditLog:
    log = AuditLog(trail_path(home))
    log.extend(events)
    return log


def test_a_file_trail_moves_in_once_and_other_files_are_noted(tmp_path, on_pg):
    first, second = Home(tmp_path / "node1"), Home(tmp_path / "node2")
    old = file_trail(first, EVENTS)
    torn = b'{"seq": 4, "at": "2026-12-01T09:30:15+07:00", "actor": "adm'
    with trail_path(first).open("ab") as handle:
        handle.write(torn)  # a process killed mid-append before the move

    moved = open_audit(first)
    moved.append("admin", "viewed", "rec-1", "cli")
    entries = list(moved.entries())
    kept = list(old.entries())  # the file as it was moved: its torn tail repaired first
    assert entries[: len(kept)] == kept and kept[-1]["action"] == "audit_repaired"
    assert kept[-1]["detail"]["bytes"] == len(torn)
    marker = entries[len(kept)]
    assert marker["action"] == MOVED and marker["detail"]["file"] == str(trail_path(first))
    assert marker["detail"]["head"] == old.verify().head
    assert marker["detail"]["entries"] == len(kept)
    assert [e["action"] for e in entries[len(kept) + 1 :]] == ["viewed"]
    assert moved.verify().intact

    other = file_trail(second, EVENTS[:2])
    open_audit(second).append("admin", "viewed", "rec-2", "node2")
    again = PgAuditLog(on_pg, SCHEMA, file=trail_path(second))  # another process, later
    again.append("admin", "viewed", "rec-3", "node2")
    noted = [e for e in again.entries() if e["action"] == KEPT]
    assert len(noted) == 1 and noted[0]["detail"]["head"] == other.verify().head
    assert PgAuditLog(on_pg, SCHEMA, file=trail_path(first)).verify().intact
    assert len([e for e in again.entries() if e["action"] == MOVED]) == 1


def test_the_first_entry_after_a_server_restart_is_written(server, dsn):
    """The pooled connection the restart ended is replaced before it is lent: psycopg2's
    `poll()` took the server's goodbye for a notice, and the next append failed."""
    log = PgAuditLog(dsn, SCHEMA)
    log.append(*EVENTS[0][:4], **EVENTS[0][4])
    server.stop()
    server.start()
    log.extend(EVENTS[1:])
    assert log.verify().intact and log.verify().count == len(EVENTS)


def test_a_broken_file_trail_is_not_moved(tmp_path, on_pg):
    home = Home(tmp_path / "home")
    file_trail(home, EVENTS)
    lines = trail_path(home).read_text().splitlines()
    lines[1] = lines[1].replace('"auditor"', '"mallory"')
    trail_path(home).write_text("\n".join(lines) + "\n")
    with pytest.raises(AuditUnavailable, match="line 2: edited"):
        open_audit(home).append("admin", "viewed", "rec-1", "cli")
    assert superuser(on_pg, f"SELECT to_regclass('{SCHEMA}.audit')") == [(None,)]


# -- nothing without its entry ---------------------------------------------------------------------
def test_an_unreachable_server_refuses_the_write(tmp_path, monkeypatch):
    home = Home(tmp_path / "home")
    home.ensure()
    db = ZODB.DB(FileStorage(str(home.data_fs)))
    with pg_server() as own:
        monkeypatch.setenv(AUDIT_ENV, "postgresql")
        monkeypatch.setenv(AUDIT_DSN_ENV, own.dsn(own.create_database()))
        context = Context(home, db, Keyring.load(home))

        def setting(name: str):
            def work(root) -> str:
                root[name] = 1
                return name

            return work

        def events(name: str) -> list:
            return [("admin", "set", name, "cli", {})]

        write(db, setting("first"), audit=context.audit, events=events)
        own.stop()
        last = db.lastTransaction()
        with pytest.raises(AuditUnavailable):
            write(db, setting("second"), audit=context.audit, events=events)
        assert db.lastTransaction() == last
        with reading(db) as root:
            assert "first" in root and "second" not in root
        own.start()
        write(db, setting("second"), audit=context.audit, events=events)
        assert [e["target"] for e in context.audit.entries()] == ["first", "second"]
        assert context.audit.verify().intact
    db.close()
    assert not trail_path(home).exists()


# -- a Lontar home on the table ------------------------------------------------------------------
@pytest.fixture
def pg_service(tmp_path, on_pg):
    home = Home.resolve(tmp_path / "home")
    home.ensure()
    lontar = Lontar(home)
    lontar.init("ID-T", "Pemerintah Kota Uji")
    lontar.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
    yield lontar
    lontar.close()


def test_a_home_on_postgresql_audits_and_reads_its_trail_there(pg_service, on_pg):
    record = add(pg_service, "surat.txt", b"Surat undangan rapat vaksinasi", title="Undangan")
    assert pg_service.records.search(ADMIN, SearchRequest(query="undangan")).hits
    pg_service.records.show(ADMIN, record)

    rows = pg_service.access.audit_entries(ADMIN)
    actions = [row["action"] for row in rows]
    assert {"unit_added", "imported", "searched", "viewed"} <= set(actions)
    assert any(row["target"] == record for row in rows if row["action"] == "imported")
    assert pg_service.access.audit_verify().intact
    export = pg_service.access.audit_export(ADMIN).decode("utf-8-sig")
    assert record in export and "audit_read" in export
    in_table = superuser(on_pg, f"SELECT action FROM {SCHEMA}.audit ORDER BY seq")
    assert [row[0] for row in in_table][: len(actions)] == actions
    assert not trail_path(pg_service.home).exists()


def test_the_backup_writes_the_table_out_as_the_trail_file(pg_service, tmp_path):
    add(pg_service, "surat.txt", b"Surat undangan rapat", title="Undangan")
    dest = tmp_path / "cadangan"
    folder = dest / "sets" / "uji"
    copied = copy_audit(pg_service.home, folder, dest)
    copy = folder / "audit" / "audit.jsonl"
    trail = pg_service.context.audit
    assert copy.read_text().splitlines() == file_lines(trail)
    assert set(copied.hashes) == {"sets/uji/audit/audit.jsonl"}
    head, warnings = audit_head(folder)
    verdict = trail.verify()
    assert warnings == [] and head["intact"]
    assert (head["seq"], head["hash"], head["entries"]) == (
        verdict.head["seq"],
        verdict.head["hash"],
        verdict.count,
    )


def test_a_copy_of_a_tampered_table_is_reported_broken(pg_service, tmp_path, on_pg):
    add(pg_service, "surat.txt", b"Surat undangan rapat", title="Undangan")
    tamper(on_pg, f"UPDATE {SCHEMA}.audit SET target = 'lain' WHERE seq = 1")
    folder = tmp_path / "cadangan" / "sets" / "uji"
    copy_audit(pg_service.home, folder, tmp_path / "cadangan")
    head, warnings = audit_head(folder)
    assert not head["intact"] and warnings


# -- settings --------------------------------------------------------------------------------------
def test_settings_default_to_the_file_and_share_the_storage_database(tmp_path, monkeypatch):
    home = Home(tmp_path / "home")
    home.path.mkdir()
    assert audit_settings(home).backend == "file"
    assert isinstance(open_audit(home), AuditLog)
    home.config_file.write_text('[audit]\nbackend = "postgresql"\n')
    with pytest.raises(ValueError, match="needs a dsn"):
        audit_settings(home)
    monkeypatch.setenv("LONTAR_STORAGE", "postgresql://lontar:rahasia@db.example:5433/arsip")
    chosen = audit_settings(home)
    assert chosen.schema == "lontar_audit"
    assert "dbname='arsip'" in chosen.dsn and "port='5433'" in chosen.dsn
    monkeypatch.delenv("LONTAR_STORAGE")
    (home.path / "storage.conf").write_text(
        "%import relstorage\n<zodb>\n<relstorage>\n  <postgresql>\n"
        "    dsn host=db.example dbname=arsip password=a$$b\n"
        "  </postgresql>\n</relstorage>\n</zodb>\n"
    )
    assert audit_settings(home).dsn == "host=db.example dbname=arsip password=a$b"
    monkeypatch.setenv(AUDIT_SCHEMA_ENV, "audit; DROP")
    with pytest.raises(ValueError, match="plain SQL name"):
        audit_settings(home)
    monkeypatch.setenv(AUDIT_ENV, "syslog")
    with pytest.raises(ValueError, match="choose one of"):
        audit_settings(home)


def test_the_env_overrides_the_file_settings(tmp_path, monkeypatch):
    home = Home(tmp_path / "home")
    home.path.mkdir()
    home.config_file.write_text('[audit]\nbackend = "postgresql"\ndsn = "dbname=a"\n')
    monkeypatch.setenv(AUDIT_ENV, "file")
    assert audit_settings(home).backend == "file"
    monkeypatch.setenv(AUDIT_ENV, "postgresql")
    monkeypatch.setenv(AUDIT_DSN_ENV, "postgresql://u@h/b")
    monkeypatch.setenv(AUDIT_SCHEMA_ENV, "Jejak")
    chosen = audit_settings(home)
    assert chosen.schema == "jejak" and "dbname='b'" in chosen.dsn


# -- needs the recovery.py and fixity.py diffs (G-recovery.diff, G-fixity.diff) ------------------
def test_a_backup_of_a_home_on_postgresql_restores_and_drills(pg_service, tmp_path, on_pg):
    from repository.run.backup import BackupOptions, backup
    from repository.run.drill import drill
    from repository.run.fixity import end_checks

    add(pg_service, "surat.txt", b"Surat undangan rapat", title="Undangan")
    add(pg_service, "r.txt", b"Audit rahasia", security="R", title="Audit R")
    assert pg_service.index.check().recovered == []
    result = backup(pg_service, ADMIN, BackupOptions(tmp_path / "cadangan"))
    assert not result.warnings or all("kunci" in w or "key" in w for w in result.warnings)
    report = drill(tmp_path / "cadangan", pg_service.keyring, work=tmp_path)
    assert report.ok, [c for c in report.checks if not c.ok]
    summary, findings = end_checks(pg_service)
    assert findings == []
    _, findings = end_checks(pg_service, summary)
    assert findings == []
    head = summary["audit"]["head"]
    tamper(on_pg, f"DELETE FROM {SCHEMA}.audit WHERE seq >= {head['seq']}")
    _, findings = end_checks(pg_service, summary)
    assert {f["problem"] for f in findings} == {"head_changed"}


def test_a_drill_never_writes_into_the_live_index_or_trail(tmp_path, monkeypatch, on_pg):
    """The restored copy names the same PostgreSQL index and trail in its configuration; the
    drill checks it with its own Whoosh index and audit file instead."""
    from indexes.postgres.index import PostgresIndex
    from repository.run.backup import BackupOptions, backup
    from repository.run.drill import drill

    monkeypatch.setenv("LONTAR_SEARCH", "postgresql")
    monkeypatch.setenv("LONTAR_SEARCH_DSN", on_pg)
    home = Home.resolve(tmp_path / "home")
    home.ensure()
    with Lontar(home) as live:
        live.init("ID-T", "Pemerintah Kota Uji")
        live.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
        add(live, "surat.txt", b"Surat undangan rapat", title="Undangan")
        assert isinstance(live.store, PostgresIndex)
        before = (live.store.generation(), live.store.doc_count())
        backup(live, ADMIN, BackupOptions(tmp_path / "cadangan"))
        trail = len(list(live.context.audit.entries()))
        report = drill(tmp_path / "cadangan", live.keyring, work=tmp_path)
        assert report.ok, [c for c in report.checks if not c.ok]
        assert (live.store.generation(), live.store.doc_count()) == before
        assert len(list(live.context.audit.entries())) == trail
