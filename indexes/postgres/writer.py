"""The only code that writes the PostgreSQL index, under the writer lock (lock.py).

The contract is indexes/writer.py's: `apply_queue` reads each queued record's current state,
upserts its row (or deletes it when the record is gone) with the vocabulary's document
frequencies moved by the difference between the old and the new row, bumps the generation,
commits in PostgreSQL, and only then removes the queue entries in ZODB. A crash in between
repeats the work, which is harmless. While a rebuild is in progress (a killed one waiting to
resume) the queue is left alone: `docs_new` holds the records read before the changes queued
since, and its swap would bring their old rows back after the live ones were fixed and the
entries gone. The rebuild drains the queue itself, once swapped in. Before each batch the
writer asks the lock's session whether it still holds the lock (`PostgresIndex.still_writer`).

A deleted row is gone for every query at once; its bytes stay in the table's dead tuples until
VACUUM reclaims them (autovacuum, or `PostgresIndex.reclaim` at once after a destruction), and
in the WAL until it is recycled: PostgreSQL's business, as file-system blocks are Whoosh's.

`rebuild` fills `docs_new` from every record, chunk by chunk, each chunk read in its own ZODB
transaction with the cache emptied (bounded memory) and COPYed in a PostgreSQL transaction that
also saves the position in meta: a killed rebuild resumes after its last committed chunk, with
nothing twice. Then the secondary indexes and the vocabulary are made, and one transaction
renames the new tables over the live ones: readers on any node see the old index or the new
one, never half of either.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass

import ZODB
from psycopg2.extras import execute_values

from indexes.analysis import ANALYSIS
from indexes.postgres import schema
from indexes.postgres.rows import BLIND, TEXT_FIELDS, Row, copy_line, make_row, visible_words
from indexes.writer import fields_for, forget_queued, ids_after, queued

Progress = Callable[[int, int], None]
REBUILD = "rebuild"  # the meta key of a rebuild's saved state
PAGE_BYTES = 8_000_000  # an upsert statement's rows, at most (a few huge OCR texts)
PAGE_ROWS = 200
TSV = ("title_tsv", "text_tsv", "lead_tsv")
NO_WORDS = {field: frozenset() for field in TEXT_FIELDS}


def apply_queue(db: ZODB.DB, index, *, batch: int = 500) -> int:
    """Apply up to `batch` queue entries; returns how many entries were consumed: none while
    a rebuild is in progress (module doc)."""
    entries = queued(db, batch)
    if not entries or rebuild_in_progress(index):
        return 0
    index.still_writer()
    ids = list(dict.fromkeys(rid for _, rid in entries))
    documents = fields_for(db, ids, index.keyring)
    rows = [make_row(fields) for fields in documents.values() if fields is not None]
    gone = [rid for rid, fields in documents.items() if fields is None]
    index.ensure()
    with index.cursor() as cur:
        write_rows(cur, index, rows, gone)
    forget_queued(db, [key for key, _ in entries], ids)
    return len(entries)


def drain(db: ZODB.DB, index, *, batch: int = 500) -> int:
    """Apply the whole queue; 0 while a rebuild is in progress."""
    total = 0
    while consumed := apply_queue(db, index, batch=batch):
        total += consumed
    return total


def write_rows(cur, index, rows: list[Row], gone: list[str]) -> None:
    """Upsert `rows`, delete the ids `gone`, move the vocabulary's df and bump the generation,
    in the caller's transaction."""
    old = _old_words(cur, index, [row.id for row in rows] + gone)
    _upsert(cur, index.docs, rows)
    if gone:
        cur.execute(f"DELETE FROM {index.docs} WHERE id = ANY(%s)", (gone,))
    _move_df(cur, index.words, _df_changes(old, rows, gone))
    added = sum(row.id not in old for row in rows) - sum(rid in old for rid in gone)
    _bump(cur, index, added)


def _old_words(cur, index, ids: list[str]) -> dict[str, dict[str, frozenset[str]]]:
    """The vocabulary of the rows now stored for `ids` (rows.visible_words, as for new rows)."""
    cur.execute(
        f"SELECT id, tsvector_to_array(title_tsv), tsvector_to_array(text_tsv) "
        f"FROM {index.docs} WHERE id = ANY(%s)",
        (ids,),
    )
    return {
        rid: {"title": frozenset(title), "text": visible_words(text)}
        for rid, title, text in cur.fetchall()
    }


def _df_changes(old: dict, rows: list[Row], gone: list[str]) -> dict[tuple[str, str], int]:
    new = {row.id: row.words for row in rows}
    delta: Counter = Counter()
    for rid in set(old) | set(new):
        before, after = old.get(rid, NO_WORDS), new.get(rid, NO_WORDS)
        for field in TEXT_FIELDS:
            for term in after[field] - before[field]:
                delta[field, term] += 1
            for term in before[field] - after[field]:
                delta[field, term] -= 1
    return {key: change for key, change in delta.items() if change}


def _move_df(cur, words: str, changes: dict[tuple[str, str], int]) -> None:
    """Add the changes to `df` (in key order: two writers would never deadlock) and drop the
    terms no live document holds any more."""
    if not changes:
        return
    items = sorted(changes.items())
    execute_values(
        cur,
        f"INSERT INTO {words} AS w (field, term, df) VALUES %s "
        "ON CONFLICT (field, term) DO UPDATE SET df = w.df + EXCLUDED.df",
        [(field, term, change) for (field, term), change in items],
        page_size=1000,
    )
    fallen = [key for key, change in items if change < 0]
    if fallen:
        cur.execute(
            f"DELETE FROM {words} w USING unnest(%s::text[], %s::text[]) AS f(field, term) "
            "WHERE w.field = f.field AND w.term = f.term AND w.df <= 0",
            ([field for field, _ in fallen], [term for _, term in fallen]),
        )


def _upsert(cur, docs: str, rows: list[Row]) -> None:
    columns = list(schema.COLUMNS)
    names = ", ".join(schema.quoted(column) for column in columns)
    updates = ", ".join(f"{schema.quoted(c)} = EXCLUDED.{schema.quoted(c)}" for c in columns[1:])
    template = "(" + ", ".join("%s::tsvector" if c in TSV else "%s" for c in columns) + ")"
    statement = f"INSERT INTO {docs} ({names}) VALUES %s ON CONFLICT (id) DO UPDATE SET {updates}"
    for page in _pages(rows):
        values = [tuple(row.values[column] for column in columns) for row in page]
        execute_values(cur, statement, values, template=template, page_size=len(page))


def _pages(rows: list[Row]) -> list[list[Row]]:
    """Rows in statements of bounded size: a batch of long texts is not one giant string."""
    pages, page, size = [], [], 0
    for row in rows:
        weight = sum(len(row.values[c]) for c in ("body", "title", *TSV))
        if page and (size + weight > PAGE_BYTES or len(page) >= PAGE_ROWS):
            pages.append(page)
            page, size = [], 0
        page.append(row)
        size += weight
    return [*pages, page] if page else pages


def _bump(cur, index, added: int) -> None:
    cur.execute(
        f"UPDATE {index.meta} SET value = (value::bigint + 1)::text WHERE key = 'generation'"
    )
    if added:
        cur.execute(
            f"UPDATE {index.meta} SET value = (value::bigint + %s)::text WHERE key = 'doc_count'",
            (added,),
        )


# -- rebuilding -----------------------------------------------------------------------------
@dataclass
class RebuildState:
    """Saved in meta with every chunk, in the chunk's own transaction."""

    last_id: str = ""
    done: int = 0
    total: int = 0
    analysis: str = ANALYSIS  # a rebuild begun by another analysis starts again


def rebuild(db: ZODB.DB, index, *, progress: Progress | None = None, chunk: int = 500) -> int:
    """Build the index anew from every record, swap it in and apply what was queued
    meanwhile; returns the records read. Resumes a rebuild that was killed (module doc)."""
    index.ensure()
    new_docs = schema.table(index.schema, schema.DOCS + schema.NEW)
    state = _start(index)
    while True:
        ids, state.total = ids_after(db, state.last_id, chunk)
        if not ids:
            break
        documents = fields_for(db, ids, index.keyring)
        rows = [make_row(fields) for fields in documents.values() if fields is not None]
        state.last_id, state.done = ids[-1], state.done + len(ids)
        with index.cursor() as cur:
            _copy(cur, new_docs, rows)
            _save(cur, index, state)
        if progress:
            progress(state.done, state.total)
    rows = _prepare(index)
    _swap(index, rows)
    drain(db, index)
    return state.done


def rebuild_in_progress(index) -> bool:
    with index.cursor() as cur:
        return schema.exists(cur, index.schema, schema.META) and _load(cur, index) is not None


def _load(cur, index) -> RebuildState | None:
    cur.execute(f"SELECT value FROM {index.meta} WHERE key = %s", (REBUILD,))
    row = cur.fetchone()
    return RebuildState(**json.loads(row[0])) if row else None


def _save(cur, index, state: RebuildState) -> None:
    _set(cur, index, REBUILD, json.dumps(asdict(state)))


def _start(index) -> RebuildState:
    """The saved state of a rebuild to resume, or a fresh `docs_new` and state."""
    name = schema.DOCS + schema.NEW
    with index.cursor() as cur:
        state = _load(cur, index)
        resumable = (
            state is not None
            and state.analysis == ANALYSIS
            and set(schema.COLUMNS) <= schema.columns_of(cur, index.schema, name)
        )
        if resumable:
            return state
        cur.execute(f"DROP TABLE IF EXISTS {schema.table(index.schema, name)}")
        cur.execute(schema.docs_ddl(index.schema, name))
        cur.execute(schema.storage_ddl(index.schema, name))
        state = RebuildState()
        _save(cur, index, state)
        return state


def _copy(cur, table: str, rows: list[Row]) -> None:
    if not rows:
        return
    names = ", ".join(schema.quoted(column) for column in schema.COLUMNS)
    data = io.StringIO("".join(copy_line(row) for row in rows))
    cur.copy_expert(f"COPY {table} ({names}) FROM STDIN", data)


def _prepare(index) -> int:
    """The new table's secondary indexes, planner statistics and vocabulary (what a kill
    here leaves is made again on resume); returns its row count, counted here because the
    swap holds every search on every node while it runs."""
    s, new = index.schema, schema.NEW
    new_docs, new_words = schema.table(s, schema.DOCS + new), schema.table(s, schema.WORDS + new)
    with index.cursor() as cur:
        cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for statement in schema.secondary_indexes(s, schema.DOCS + new):
            cur.execute(statement)
        cur.execute(f"ANALYZE {new_docs}")
    with index.cursor() as cur:
        cur.execute("SET LOCAL work_mem = '256MB'")
        cur.execute(f"DROP TABLE IF EXISTS {new_words}")
        cur.execute(schema.words_ddl(s, schema.WORDS + new))
        for field, column, rule in (("title", "title_tsv", ""), ("text", "text_tsv", BLIND_SQL)):
            cur.execute(
                f"INSERT INTO {new_words} (field, term, df) SELECT %s, lexeme, count(*) "
                f"FROM {new_docs}, unnest(tsvector_to_array({column})) AS lexeme "
                f"{rule} GROUP BY lexeme",
                (field,),
            )
        cur.execute(f"ANALYZE {new_words}")
        cur.execute(f"SELECT count(*) FROM {new_docs}")
        return int(cur.fetchone()[0])


# The SQL twin of rows.visible_words: the vocabulary never holds a blind term.
BLIND_SQL = "WHERE lexeme !~ '^" + BLIND.pattern + "$'"


def _swap(index, rows: int) -> None:
    """The new tables replace the live ones in one transaction, with the analysis they were
    made by, their row count (`rows`, from `_prepare`) and a new generation."""
    s, new = index.schema, schema.NEW
    with index.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {index.docs}, {index.words}")
        for name, indexed in ((schema.DOCS, schema.GIN + schema.BTREE), (schema.WORDS, ())):
            cur.execute(f"ALTER TABLE {schema.table(s, name + new)} RENAME TO {name}")
            for statement in schema.renames(s, name + new, name, indexed):
                cur.execute(statement)
        values = {"analysis": ANALYSIS, "doc_count": str(rows)}
        for key, value in values.items():
            _set(cur, index, key, value)
        cur.execute(f"DELETE FROM {index.meta} WHERE key = %s", (REBUILD,))
        _bump(cur, index, 0)


def _set(cur, index, key: str, value: str) -> None:
    cur.execute(
        f"INSERT INTO {index.meta} (key, value) VALUES (%s, %s) "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        (key, value),
    )
