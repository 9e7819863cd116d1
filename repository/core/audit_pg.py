"""The audit trail in PostgreSQL: one hash chain for every node of an installation.

With several app nodes (docs/scaling.md) a trail file per home gives each node a chain of its
own, and the audit pages of one node show only its entries. Configured so, the entries go to one
table instead, `<schema>.audit`, one row an entry with its `seq` as primary key, chained and
hashed exactly as `repository.core.audit` makes them: a chain verified from the table and from a
file copy of it (`lontar backup` writes one) is the same chain.

Appends serialise across nodes on a transaction-level advisory lock: take it, read the last row,
insert, commit; the lock goes with the commit, or with a connection that dies. Nothing is ever
updated or deleted: a trigger refuses UPDATE, DELETE and TRUNCATE, and a deployment grants the
service's role no more than SELECT and INSERT (docs/security.md). A failure raises
`AuditUnavailable`, and the action the entry was for is not done (`repository.core.db.write`
appends in the transaction's vote).

The first use in a process prepares the table and takes the home's file trail in: when the table
is empty, the file's entries (verified first) are copied with their own seq, prev and hash, and
an `audit_moved` entry names the file and its head; when the table already holds a chain (another
node moved first), an `audit_file_kept` entry fixes the file's head in the chain once, so that
the entries left in it cannot be cut off unnoticed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import psycopg2
import psycopg2.extensions
import psycopg2.extras

from repository.core import pg_connections
from repository.core.audit import (
    RETRACTION,
    AuditLog,
    ChainCheck,
    Event,
    Verdict,
    _chained,
    _parsed,
    trail_path,
)
from repository.core.config import Home, postgres_place, storage_dsn, toml_table
from repository.core.errors import AuditUnavailable
from repository.core.pg_connections import idle_connection_stands

T = TypeVar("T")
AUDIT_ENV, AUDIT_DSN_ENV, AUDIT_SCHEMA_ENV = (
    "LONTAR_AUDIT",
    "LONTAR_AUDIT_DSN",
    "LONTAR_AUDIT_SCHEMA",
)
AUDIT_BACKENDS = ("file", "postgresql")
DEFAULT_SCHEMA = "lontar_audit"
MOVED, KEPT = "audit_moved", "audit_file_kept"
UNAVAILABLE = "audit_unavailable_pg"
COLUMNS = ("seq", "at", "actor", "action", "target", "origin", "detail", "prev", "hash")
BATCH = 2000  # rows read or inserted per statement
MAX_IDLE = 4  # connections kept open per database between uses
SESSION = "SET lock_timeout = '60s'; SET idle_in_transaction_session_timeout = '60s'"
DDL = """
CREATE SCHEMA IF NOT EXISTS {schema};
CREATE TABLE {schema}.audit (
    seq bigint PRIMARY KEY,
    at text NOT NULL,
    actor text,
    action text NOT NULL,
    target text,
    origin text,
    detail text NOT NULL,
    prev text NOT NULL,
    hash text NOT NULL
);
COMMENT ON COLUMN {schema}.audit.detail IS 'the JSON text of the detail, exactly as hashed';
CREATE INDEX audit_action ON {schema}.audit (action, target);
CREATE FUNCTION {schema}.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {schema}.audit
    FOR EACH STATEMENT EXECUTE FUNCTION {schema}.audit_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON {schema}.audit FROM PUBLIC;
"""


# -- which trail ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AuditSettings:
    """`file`: `<home>/audit/audit.jsonl`, for one server. `postgresql`: the table
    `<schema>.audit` in the database `dsn`, one chain for every node."""

    backend: str = "file"
    dsn: str = ""
    schema: str = DEFAULT_SCHEMA


def audit_settings(home: Home) -> AuditSettings:
    """`$LONTAR_AUDIT`, `$LONTAR_AUDIT_DSN` and `$LONTAR_AUDIT_SCHEMA`, each else the `[audit]`
    table of `<home>/lontar.toml` (`backend`, `dsn`, `schema`), else the file. Without a dsn
    the trail goes to the records' database (`storage_dsn`). Raises `ValueError` naming what
    is wrong: a process must not write its entries to the wrong place."""
    table = toml_table(home, "audit")
    backend = os.environ.get(AUDIT_ENV) or str(table.get("backend", "file"))
    if backend not in AUDIT_BACKENDS:
        raise ValueError(f"audit backend {backend!r}: choose one of {', '.join(AUDIT_BACKENDS)}")
    if backend == "file":
        return AuditSettings()
    dsn = os.environ.get(AUDIT_DSN_ENV) or str(table.get("dsn", "")) or storage_dsn(home)
    schema = os.environ.get(AUDIT_SCHEMA_ENV) or str(table.get("schema", DEFAULT_SCHEMA))
    return AuditSettings(backend, *postgres_place("audit", AUDIT_DSN_ENV, dsn, schema))


_logs: dict[tuple[str, str, Path], PgAuditLog] = {}
_logs_lock = threading.Lock()


def open_audit(home: Home) -> AuditLog | PgAuditLog:
    """The home's audit trail as configured (`audit_settings`); a PostgreSQL one is shared by
    every `Context` of the process, with its connections."""
    settings = audit_settings(home)
    if settings.backend == "file":
        return AuditLog(trail_path(home))
    key = (settings.dsn, settings.schema, trail_path(home))
    with _logs_lock:
        if key not in _logs:
            _logs[key] = PgAuditLog(settings.dsn, settings.schema, file=key[2])
        return _logs[key]


# -- connections ----------------------------------------------------------------------------------
class _Pool:
    """Open connections to one database, shared by the threads of a process (Streamlit runs
    each session in a thread); a new one when none is idle. A process forked from the owner
    starts afresh and never touches the owner's connections: closing one would end the
    owner's session."""

    def __init__(self, dsn: str) -> None:
        self.dsn, self.pid = dsn, os.getpid()
        self.idle: list = []
        self.lock = threading.Lock()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        """A cursor in a transaction: committed on normal exit, rolled back on an error."""
        connection = self._take()
        try:
            with connection.cursor() as cursor:
                yield cursor
            connection.commit()
        except BaseException:
            self._give_back_failed(connection)
            raise
        self._give_back(connection)

    def _take(self) -> Any:
        with self.lock:
            if self.pid != os.getpid():
                _inherited.extend(self.idle)
                self.idle, self.pid = [], os.getpid()
            while self.idle:
                connection = self.idle.pop()
                if idle_connection_stands(connection):
                    return connection
                connection.close()
        return self._connect()

    def _connect(self) -> Any:
        connection = pg_connections.connect(self.dsn, "lontar-audit")
        with connection.cursor() as cursor:
            cursor.execute(SESSION)
        connection.commit()
        return connection

    def _give_back(self, connection: Any) -> None:
        with self.lock:
            if self.pid == os.getpid() and len(self.idle) < MAX_IDLE:
                self.idle.append(connection)
                return
        connection.close()

    def _give_back_failed(self, connection: Any) -> None:
        if not connection.closed:
            try:
                connection.rollback()
            except psycopg2.Error:
                connection.close()  # a broken connection: not given back
        if not connection.closed:
            self._give_back(connection)


_pools: dict[str, _Pool] = {}
_inherited: list = []  # connections of a parent process, kept from the collector's close
_pools_lock = threading.Lock()


def _pool(dsn: str) -> _Pool:
    with _pools_lock:
        return _pools.setdefault(dsn, _Pool(dsn))


def _lock_key(schema: str) -> int:
    """The advisory lock of one trail: a signed 64-bit number from the schema's name."""
    digest = hashlib.sha256(f"lontar-audit:{schema}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _reason(exc: psycopg2.Error) -> str:
    """The server's own words when it answered, else the first line of the client's."""
    diagnosis = getattr(exc, "diag", None)
    text = (diagnosis and diagnosis.message_primary) or str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# -- the trail ------------------------------------------------------------------------------------
class PgAuditLog:
    """`AuditLog`'s interface on the table `<schema>.audit`. `file` is the home's trail file,
    taken in at the first use (see the module's docstring)."""

    def __init__(self, dsn: str, schema: str, *, file: Path | None = None) -> None:
        if not schema.isidentifier():
            raise ValueError(f"audit schema {schema!r} is not a plain SQL name")
        self.dsn, self.schema, self.file = dsn, schema, file
        self.table = f'"{schema}".audit'
        self._pool, self._key = _pool(dsn), _lock_key(schema)
        self._ready = False

    def append(self, actor: str, action: str, target: str = "", origin: str = "", **detail) -> dict:
        return self.extend([(actor, action, target, origin, detail)])[-1]

    def extend(self, events: list[Event]) -> list[dict]:
        """Appends (actor, action, target, origin, detail) events in order, chained to the
        table's last entry, in one transaction under the trail's lock. Raises
        `AuditUnavailable` (with nothing appended) when they cannot be written."""
        return self._locked(lambda cursor: self._insert_chained(cursor, events))

    def entries(self) -> Iterator[dict]:
        for row in self._rows():
            yield _entry(row)

    def verify(self) -> Verdict:
        """The chain checked as a file's is: a problem names the row's position (`line`, so
        that every reader of a verdict works unchanged) and its `seq`."""
        check = ChainCheck()
        for number, row in enumerate(self._rows(), start=1):
            check.add({"line": number, "seq": row[0]}, _entry_or_none(row))
        return check.verdict

    def targets(self, actions: Iterable[str]) -> set[str]:
        """The targets of the entries of `actions` that no `aborted` entry retracts (see
        `AuditLog.targets`)."""
        return {target for _seq, _action, target in self.claims(actions)}

    def claims(self, actions: Iterable[str]) -> list[tuple[int, str, str]]:
        """(seq, action, target) of the entries of `actions` that name a target and that no
        `aborted` entry retracts, in order (see `AuditLog.claims`)."""
        query = (  # the retracted seqs read once, not once per creation entry
            "WITH retracted AS (SELECT jsonb_array_elements_text(detail::jsonb -> 'seqs')::bigint"
            f" AS seq FROM {self.table} WHERE action = %s)"
            f" SELECT seq, action, target FROM {self.table}"
            " WHERE action = ANY(%s) AND target <> ''"
            " AND seq NOT IN (SELECT seq FROM retracted WHERE seq IS NOT NULL) ORDER BY seq"
        )
        rows = self._read(query, (RETRACTION, list(actions)))
        return [(int(seq), action, target) for seq, action, target in rows]

    def entry(self, seq: int) -> dict | None:
        """The entry `seq`, None when there is none (see `AuditLog.entry`)."""
        query = f"SELECT {', '.join(COLUMNS)} FROM {self.table} WHERE seq = %s"
        rows = self._read(query, (seq,))
        return _entry_or_none(rows[0]) if rows else None

    # -- transactions ------------------------------------------------------------------------
    def _locked(self, work: Callable[[Any], T]) -> T:
        """`work(cursor)` in a transaction holding the trail's lock, after the first use's
        preparation; a database failure is `AuditUnavailable`."""
        try:
            with self._pool.transaction() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", (self._key,))
                if not self._ready:
                    self._prepare(cursor)
                result = work(cursor)
        except psycopg2.Error as exc:
            raise AuditUnavailable(UNAVAILABLE, reason=_reason(exc)) from exc
        self._ready = True
        return result

    def _read(self, query: str, params: tuple) -> list[tuple]:
        if not self._ready:
            self._locked(lambda cursor: None)
        try:
            with self._pool.transaction() as cursor:
                cursor.execute(query, params)
                return cursor.fetchall()
        except psycopg2.Error as exc:
            raise AuditUnavailable(UNAVAILABLE, reason=_reason(exc)) from exc

    def _rows(self) -> Iterator[tuple]:
        """Every row in seq order, read in batches (no transaction stays open while the
        caller works through them)."""
        query = (
            f"SELECT {', '.join(COLUMNS)} FROM {self.table} WHERE seq > %s ORDER BY seq LIMIT %s"
        )
        after = None
        while True:
            rows = self._read(query, (-1 if after is None else after, BATCH))
            yield from rows
            if len(rows) < BATCH:
                return
            after = rows[-1][0]

    def _insert_chained(self, cursor: Any, events: list[Event]) -> list[dict]:
        cursor.execute(f"SELECT seq, hash FROM {self.table} ORDER BY seq DESC LIMIT 1")
        last = cursor.fetchone()
        previous = {"seq": last[0], "hash": last[1]} if last else None
        entries = []
        for event in events:
            previous = _chained(previous, *event)
            entries.append(previous)
        self._insert(cursor, entries)
        return entries

    def _insert(self, cursor: Any, entries: list[dict]) -> None:
        query = f"INSERT INTO {self.table} ({', '.join(COLUMNS)}) VALUES %s"
        for start in range(0, len(entries), BATCH):
            rows = [_row(entry) for entry in entries[start : start + BATCH]]
            psycopg2.extras.execute_values(cursor, query, rows, page_size=BATCH)

    # -- the first use ----------------------------------------------------------------------
    def _prepare(self, cursor: Any) -> None:
        """The schema and table when missing, then the home's file trail taken in."""
        cursor.execute("SELECT to_regclass(%s)", (self.table,))
        if cursor.fetchone()[0] is None:
            cursor.execute(DDL.format(schema=f'"{self.schema}"'))
        if self.file is None or not self.file.exists():
            return
        cursor.execute(f"SELECT seq, hash FROM {self.table} ORDER BY seq DESC LIMIT 1")
        last = cursor.fetchone()
        if last is None:
            self._move_file(cursor, self.file)
        else:
            self._note_file(cursor, self.file, {"seq": last[0], "hash": last[1]})

    def _move_file(self, cursor: Any, path: Path) -> None:
        """The file's entries into the empty table, as they are, once the file's own check
        finds them whole (a torn tail is first kept aside and repaired, as the next append to
        the file would); then `audit_moved`, chained after them."""
        trail = AuditLog(path)
        trail.extend([])
        verdict = trail.verify()
        if not verdict.intact:
            first = verdict.problems[0]
            reason = f"{path} line {first['line']}: {first['problem']}"
            raise AuditUnavailable(UNAVAILABLE, reason=reason)
        if not verdict.count:
            return
        batch: list[dict] = []
        for entry in trail.entries():
            batch.append(entry)
            if len(batch) == BATCH:
                self._insert(cursor, batch)
                batch = []
        self._insert(cursor, batch)
        detail = _file_detail(path, verdict.head) | {"entries": verdict.count}
        self._insert(cursor, [_chained(verdict.head, "system", MOVED, "audit", "", detail)])

    def _note_file(self, cursor: Any, path: Path, last: dict) -> None:
        """A file left behind (this node's entries from before the table): its head goes
        into the chain once, unless an entry already names it."""
        head = AuditLog(path).last()
        if head is None:
            return
        cursor.execute(f"SELECT detail FROM {self.table} WHERE action IN (%s, %s)", (MOVED, KEPT))
        if any(_head_hash(text) == head.get("hash") for (text,) in cursor.fetchall()):
            return
        detail = _file_detail(path, {"seq": head.get("seq"), "hash": head.get("hash")})
        self._insert(cursor, [_chained(last, "system", KEPT, "audit", "", detail)])


def _file_detail(path: Path, head: dict) -> dict:
    return {"file": str(path), "host": socket.gethostname(), "head": head}


def _head_hash(detail: str) -> str | None:
    parsed = _parsed(detail)
    return (parsed.get("head") or {}).get("hash") if parsed else None


def _row(entry: dict) -> tuple:
    """A row of the table: the detail as the JSON text its hash was made over."""
    detail = json.dumps(entry["detail"], ensure_ascii=False)
    row = tuple(detail if name == "detail" else entry[name] for name in COLUMNS)
    if any(isinstance(value, str) and "\0" in value for value in row):
        # PostgreSQL's text holds no NUL, and another text would not be the hashed one
        raise AuditUnavailable(UNAVAILABLE, reason="a NUL character in the entry")
    return row


def _entry(row: tuple) -> dict:
    """The entry of a row, equal to the one its file line would hold."""
    entry = dict(zip(COLUMNS, row, strict=True))
    entry["detail"] = json.loads(entry["detail"])
    return entry


def _entry_or_none(row: tuple) -> dict | None:
    """None for a row whose detail is no longer JSON (edited in the table)."""
    try:
        return _entry(row)
    except (TypeError, ValueError):
        return None
