"""Compare the repository with the PostgreSQL index: what is missing, stale or left over.

The same comparison as indexes/check.py, with the indexed revisions read from the `docs`
table through a server-side cursor (ids and revisions only, fetched in slices), so a check of
a million records neither loads a stored text nor holds the whole answer twice.
"""

from __future__ import annotations

import ZODB

from indexes.check import CheckReport, compare, repository_revisions
from indexes.postgres import schema

FETCH = 10_000


def indexed_revisions(index) -> dict[str, int]:
    with index.cursor() as cur:
        if not schema.exists(cur, index.schema):
            return {}
    with index.cursor(name="lontar_check") as cur:
        cur.itersize = FETCH
        cur.execute(f"SELECT id, revision FROM {index.docs}")
        return dict(cur)


def check(db: ZODB.DB, index) -> CheckReport:
    """Records with queue entries still waiting are counted as pending, not as faults."""
    repo, pending = repository_revisions(db)
    return compare(repo, pending, indexed_revisions(index))
