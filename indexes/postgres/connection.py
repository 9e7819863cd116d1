"""Opening connections to the search database, and what its failures mean to Lontar.

Every connection the index opens (the search pool, the writer lock, a VACUUM) goes through
`connect`, with a `connect_timeout` unless the DSN sets its own: without one, a database host
that drops packets would hold a search thread, and one of the pool's few slots, for about two
minutes. `unavailable` turns the errors of a server that is down,
restarting or unreachable into `SearchUnavailable`, and a statement the server cancelled
(`statement_timeout`) into `SearchTimedOut`, `LontarError`s the pages show as a message;
any other psycopg2 error (a bug, a deadlock) is raised as it is.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

import psycopg2
import psycopg2.extensions

from repository.core import pg_connections
from repository.core.errors import SearchTimedOut, SearchUnavailable

log = logging.getLogger(__name__)

OUTAGE = (psycopg2.OperationalError, psycopg2.InterfaceError)


def connect(dsn: str, application_name: str):
    """A new connection (with a timeout, `repository.core.pg_connections`);
    `SearchUnavailable` when the server cannot be reached in time."""
    with unavailable():
        return pg_connections.connect(dsn, application_name)


@contextlib.contextmanager
def unavailable() -> Iterator[None]:
    """Raises `SearchUnavailable` for an outage or a cancelled statement (module doc). A
    deadlock or serialization failure is an `OperationalError` too, but not an outage: it is
    raised as it is, for the writer to fail loudly."""
    try:
        yield
    except psycopg2.extensions.TransactionRollbackError:
        raise
    except psycopg2.extensions.QueryCanceledError as exc:
        log.warning("a search statement was cancelled (statement_timeout or an operator)")
        raise SearchTimedOut() from exc
    except OUTAGE as exc:
        raise SearchUnavailable() from exc
