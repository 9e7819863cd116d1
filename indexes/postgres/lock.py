"""The one index writer, across machines: a PostgreSQL advisory lock.

`flock` on a file in the home (repository/core/writer_lock.py) only excludes processes of one
machine; with the index in PostgreSQL the worker may run on any node, so the lock lives in the
database. It is a session-level `pg_try_advisory_lock` taken on a connection of its own, kept
open while the lock is held: PostgreSQL drops the lock when that session ends, however its
holder died. The server notices a vanished holder (a machine that lost power) through TCP
keepalives, which this connection asks for at short intervals instead of the system's two hours.
The session also turns `idle_session_timeout` off (PostgreSQL 14+): a role or database set to
end idle sessions, a common hardening, would otherwise end this one, which is idle by design,
and with it the lock. A holder can ask its session whether it still holds the lock
(`still_held`), as the writer does before each batch (indexes/postgres/index.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Iterator

from indexes.postgres.connection import connect, unavailable

POLL = 0.2
APPLICATION = "lontar index writer"  # how pg_stat_activity names the holder
# Seconds of silence before the server probes the holder's connection, between probes, and
# the probes missed before it ends the session (and with it the lock): about a minute.
KEEPALIVE = {"tcp_keepalives_idle": 30, "tcp_keepalives_interval": 10, "tcp_keepalives_count": 3}
IDLE_SESSION_TIMEOUT_SINCE = 140000  # the server version that has the setting


def lock_key(schema: str) -> int:
    """A stable signed 64-bit key for the schema's writer (advisory locks are per database,
    so two Lontar schemas in one database need two keys)."""
    digest = hashlib.sha256(f"lontar index writer:{schema}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextlib.contextmanager
def writer_lock(dsn: str, schema: str, *, wait: float = 0.0) -> Iterator[bool]:
    """Yields True while this process holds the schema's writer lock, False when another
    session holds it (after waiting up to `wait` seconds). Closing the connection ends the
    session and so releases the lock: no unlock to forget, or to fail on a dead connection.
    `SearchUnavailable` when the server cannot be reached."""
    with session(dsn, schema, wait=wait) as (_, held):
        yield held


@contextlib.contextmanager
def session(dsn: str, schema: str, *, wait: float = 0.0) -> Iterator[tuple[object, bool]]:
    """`writer_lock` with the session's connection, for `still_held`."""
    connection = connect(dsn, APPLICATION)
    try:
        with unavailable():
            connection.autocommit = True
            with connection.cursor() as cur:
                for name, value in _settings(connection).items():
                    cur.execute(f"SET {name} = %s", (value,))
                held = _acquire(cur, lock_key(schema), wait)
        yield connection, held
    finally:
        connection.close()


def _settings(connection) -> dict[str, int]:
    if connection.server_version < IDLE_SESSION_TIMEOUT_SINCE:
        return KEEPALIVE
    return {**KEEPALIVE, "idle_session_timeout": 0}


def _acquire(cur, key: int, wait: float) -> bool:
    deadline = time.monotonic() + wait
    while True:
        cur.execute("SELECT pg_try_advisory_lock(%s)", (key,))
        if cur.fetchone()[0]:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(POLL)


def held_by_anyone(cur, schema: str) -> bool:
    """Whether some session holds the schema's writer lock: a worker on another node is alive
    (its lock goes with its connection)."""
    return _granted(
        cur, schema, "database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    )


def still_held(connection, schema: str) -> bool:
    """Whether the session of `connection` (a `session`) still holds the schema's writer
    lock; `SearchUnavailable` when the session is gone (and the lock with it)."""
    with unavailable(), connection.cursor() as cur:
        return _granted(cur, schema, "pid = pg_backend_pid()")


def _granted(cur, schema: str, whose: str) -> bool:
    """Whether `pg_locks` shows the schema's writer lock granted to the sessions `whose`
    (a fixed SQL condition) picks. A bigint advisory key shows there as its high and low 32
    bits, unsigned, in `classid` and `objid`, with `objsubid` 1."""
    key = lock_key(schema) & 0xFFFFFFFFFFFFFFFF
    cur.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
        f" AND {whose} AND classid = %s AND objid = %s AND objsubid = 1)",
        (key >> 32, key & 0xFFFFFFFF),
    )
    return bool(cur.fetchone()[0])
