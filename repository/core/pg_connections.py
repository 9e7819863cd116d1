"""Opening a PostgreSQL connection, and whether an idle one of a pool still stands: what the
audit trail's pool and the search index's share.

`connect` gives every connection a `connect_timeout` unless the DSN sets its own: without one,
a database host that drops packets holds the caller for the system's TCP retry time, about two
minutes.

The search index's pool and the audit trail's pool keep connections between uses. A server
restart (or `pg_terminate_backend`) ends them: the server sends the end of the session (a
FATAL error, then the close) to each. Lending such a connection fails the next statement, and
with it a search or an audited action. psycopg2's `poll()` does not see it: its first call
reads the FATAL as a notice and reports the connection as fine, and only a second read fails.
So the socket is asked whether anything arrived while the connection was idle; nothing should
have, and a connection that got anything is replaced (a false alarm costs one connect).
"""

from __future__ import annotations

import select
from typing import Any

import psycopg2
import psycopg2.extensions

CONNECT_TIMEOUT = 10  # seconds


def connect(dsn: str, application_name: str) -> Any:
    """A new connection, named in `pg_stat_activity`; psycopg2's errors as they are."""
    given = psycopg2.extensions.parse_dsn(dsn)
    extra = {} if "connect_timeout" in given else {"connect_timeout": CONNECT_TIMEOUT}
    return psycopg2.connect(dsn, application_name=application_name, **extra)


def idle_connection_stands(connection: Any) -> bool:
    """True when `connection` is open and the server sent nothing to it since it went idle."""
    if connection.closed:
        return False
    probe = select.poll()
    probe.register(connection.fileno(), select.POLLIN)
    return not probe.poll(0)
