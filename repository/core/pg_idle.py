"""Whether an idle PostgreSQL connection of a pool still stands, asked without a round trip.

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


def idle_connection_stands(connection: Any) -> bool:
    """True when `connection` is open and the server sent nothing to it since it went idle."""
    if connection.closed:
        return False
    probe = select.poll()
    probe.register(connection.fileno(), select.POLLIN)
    return not probe.poll(0)
