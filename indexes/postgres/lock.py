"""The one index writer, across machines: a PostgreSQL advisory lock.

`flock` on a file in the home (repository/core/writer_lock.py) only excludes processes of one
machine; with the index in PostgreSQL the worker may run on any node, so the lock lives in the
database. It is a session-level `pg_try_advisory_lock` taken on a connection of its own, kept
open while the lock is held: PostgreSQL drops the lock when that session ends, however its
holder died. The server notices a vanished holder (a machine that lost power) through TCP
keepalives, which this connection asks for at short intervals instead of the system's two hours.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Iterator

import psycopg2

POLL = 0.2
APPLICATION = "lontar index writer"  # how pg_stat_activity names the holder
# Seconds of silence before the server probes the holder's connection, between probes, and
# the probes missed before it ends the session (and with it the lock): about a minute.
KEEPALIVE = {"tcp_keepalives_idle": 30, "tcp_keepalives_interval": 10, "tcp_keepalives_count": 3}


def lock_key(schema: str) -> int:
    """A stable signed 64-bit key for the schema's writer (advisory locks are per database,
    so two Lontar schemas in one database need two keys)."""
    digest = hashlib.sha256(f"lontar index writer:{schema}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextlib.contextmanager
def writer_lock(dsn: str, schema: str, *, wait: float = 0.0) -> Iterator[bool]:
    """Yields True while this process holds the schema's writer lock, False when another
    session holds it (after waiting up to `wait` seconds). Closing the connection ends the
    session and so releases the lock: no unlock to forget, or to fail on a dead connection."""
    connection = psycopg2.connect(dsn, application_name=APPLICATION)
    try:
        connection.autocommit = True
        with connection.cursor() as cur:
            for name, value in KEEPALIVE.items():
                cur.execute(f"SET {name} = %s", (value,))
            held = _acquire(cur, lock_key(schema), wait)
        yield held
    finally:
        connection.close()


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
    (its lock goes with its connection). A bigint advisory key shows in `pg_locks` as its high
    and low 32 bits, unsigned, in `classid` and `objid`, with `objsubid` 1."""
    key = lock_key(schema) & 0xFFFFFFFFFFFFFFFF
    cur.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
        " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        " AND classid = %s AND objid = %s AND objsubid = 1)",
        (key >> 32, key & 0xFFFFFFFF),
    )
    return bool(cur.fetchone()[0])
