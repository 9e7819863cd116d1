"""The tables of the PostgreSQL index, as DDL, and how to tell an index built by another version.

`docs` holds one row per indexed record: what Whoosh's fields hold (see indexes/schema.py and
indexes/documents.py), with the full-text fields as `tsvector` values made by Lontar's own
analyzer (indexes/postgres/rows.py), so no PostgreSQL text search configuration is applied on
top. `words` is the vocabulary with document frequencies (did-you-mean, more-like-this), kept
by the writer; its terms compare bytewise (`COLLATE "C"`), so its primary key also serves
prefix lookups (`term LIKE 'x%'`). `meta` holds the generation every writer transaction
bumps, the analysis signature the rows were made with, the live row count and a rebuild's
saved position.

Searching reads the heap rows of every match (the count, the facets, the ranking), so they are
kept small: the stored text and the text's tsvector live out of the row (TOAST, `STORAGE
EXTERNAL`), read only for a page's hits, a phrase's check and the exact ranking of the best
few; `lead_tsv`, the tsvector of the text's first words, stays in the row (`STORAGE MAIN`)
and ranks all the matches cheaply (indexes/postgres/results.py).

A rebuild fills `docs_new`/`words_new` and renames them over the live tables in one
transaction; the secondary indexes are created on the new table once it is full (faster than
maintaining them row by row) and renamed with it, so their names never collide.
"""

from __future__ import annotations

from indexes.analysis import ANALYSIS

# Column -> type, in the contract's order. A docs table lacking one of them was built by an
# older version (`outdated`).
COLUMNS: dict[str, str] = {
    "id": "text PRIMARY KEY",
    "revision": "integer NOT NULL",
    "title": "text NOT NULL",
    "body": "text NOT NULL",
    "title_tsv": "tsvector NOT NULL",
    "text_tsv": "tsvector NOT NULL",
    "lead_tsv": "tsvector NOT NULL",  # the text's first words: ranks broad answers (rows.py)
    "title_len": "integer",
    "text_len": "integer",
    "refcode": "text",
    "refcode_key": "text",
    "refsort": "text",
    "parent": "text",
    "classification": "text",
    "classification_key": "text",
    "class_path": "text[]",
    "class_top": "text",
    "unit": "text",
    "unit_key": "text",
    "unit_path": "text[]",
    "level": "text",
    "date": "timestamp NULL",
    "added": "timestamp NOT NULL",
    "year": "text",
    "security": "text",
    "language": "text",
    "digital": "text",
    "flags": "text[]",
    "media": "text",
    "allowed": "text[]",
    "path": "text[]",
}
GIN = ("title_tsv", "text_tsv", "allowed", "path", "unit_path", "class_path", "flags")
BTREE = (
    "date", "added", "refsort", "unit_key", "security", "class_top", "parent", "level",
    "refcode_key", "classification_key",  # a plain word is also matched against codes
)  # fmt: skip

# Where PostgreSQL keeps the long columns (module doc): out of the row, uncompressed (a
# tsvector barely compresses), the ranking lead in it.
STORAGE = {"body": "EXTERNAL", "text_tsv": "EXTERNAL", "lead_tsv": "MAIN"}

DOCS, WORDS, META = "docs", "words", "meta"
NEW = "_new"  # suffix of the tables a rebuild fills


def quoted(name: str) -> str:
    """An SQL identifier, quoted (schema names come from configuration, never from users)."""
    return '"' + name.replace('"', '""') + '"'


def table(schema: str, name: str) -> str:
    return f"{quoted(schema)}.{quoted(name)}"


def docs_ddl(schema: str, name: str = DOCS) -> str:
    columns = ",\n  ".join(f"{quoted(column)} {kind}" for column, kind in COLUMNS.items())
    return f"CREATE TABLE IF NOT EXISTS {table(schema, name)} (\n  {columns}\n)"


def storage_ddl(schema: str, name: str = DOCS) -> str:
    """How a new docs table stores its long columns (CREATE TABLE takes no STORAGE before
    PostgreSQL 16); it applies to the rows written after it, so only to a fresh table."""
    changes = ", ".join(f"ALTER COLUMN {quoted(c)} SET STORAGE {s}" for c, s in STORAGE.items())
    return f"ALTER TABLE {table(schema, name)} {changes}"


def words_ddl(schema: str, name: str = WORDS) -> str:
    return (
        f"CREATE TABLE IF NOT EXISTS {table(schema, name)} ("
        'field text NOT NULL, term text COLLATE "C" NOT NULL, df integer NOT NULL, '
        "PRIMARY KEY (field, term))"
    )


def meta_ddl(schema: str) -> str:
    return (
        f"CREATE TABLE IF NOT EXISTS {table(schema, META)} "
        "(key text PRIMARY KEY, value text NOT NULL)"
    )


def index_name(name: str, column: str) -> str:
    return f"{name}_{column}_idx"


def secondary_indexes(schema: str, name: str = DOCS) -> list[str]:
    """The GIN and btree indexes of a docs table called `name`."""
    target = table(schema, name)
    gin = [
        f"CREATE INDEX IF NOT EXISTS {quoted(index_name(name, c))} ON {target} USING gin ({c})"
        for c in GIN
    ]
    btree = [
        f"CREATE INDEX IF NOT EXISTS {quoted(index_name(name, c))} ON {target} ({quoted(c)})"
        for c in BTREE
    ]
    return gin + btree


def renames(schema: str, old: str, new: str, indexed: tuple[str, ...]) -> list[str]:
    """Statements that give table `old`'s primary key and indexes on the columns `indexed`
    the names they have on a table called `new`, run after the table itself was renamed."""
    names = [f"{old}_pkey"] + [index_name(old, column) for column in indexed]
    return [
        f"ALTER INDEX {table(schema, name)} RENAME TO {quoted(new + name[len(old) :])}"
        for name in names
    ]


def create_all(cur, schema: str) -> None:
    """Schema, tables and indexes when missing, and the meta rows a fresh index starts with
    (an existing index keeps its own: an older `analysis` must stay visible to `outdated`)."""
    cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,))
    if cur.fetchone() is None:  # asked first: CREATE SCHEMA wants the right to, even if it exists
        cur.execute(f"CREATE SCHEMA {quoted(schema)}")
    cur.execute(meta_ddl(schema))
    fresh = not exists(cur, schema)
    cur.execute(docs_ddl(schema))
    if fresh:
        cur.execute(storage_ddl(schema))
    for statement in secondary_indexes(schema):
        cur.execute(statement)
    cur.execute(words_ddl(schema))
    if fresh:
        initial = [("generation", "0"), ("analysis", ANALYSIS), ("doc_count", "0")]
        for key, value in initial:
            cur.execute(
                f"INSERT INTO {table(schema, META)} (key, value) VALUES (%s, %s) "
                "ON CONFLICT (key) DO NOTHING",
                (key, value),
            )


def exists(cur, schema: str, name: str = DOCS) -> bool:
    cur.execute("SELECT to_regclass(%s) IS NOT NULL", (table(schema, name),))
    return bool(cur.fetchone()[0])


def columns_of(cur, schema: str, name: str = DOCS) -> set[str]:
    """The columns of a table (none when it is missing), from the catalog: the
    information_schema views cost a millisecond, and `outdated` runs before every search."""
    cur.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(%s) "
        "AND attnum > 0 AND NOT attisdropped",
        (table(schema, name),),
    )
    return {row[0] for row in cur.fetchall()}


def outdated(cur, schema: str) -> bool:
    """The rows were analysed otherwise (their lexemes would not meet today's query terms), or
    the docs table lacks a column this version writes: the index must be rebuilt. False when
    there is no index yet (nothing to rebuild)."""
    columns = columns_of(cur, schema)
    if not columns:
        return False
    cur.execute(f"SELECT value FROM {table(schema, META)} WHERE key = 'analysis'")
    row = cur.fetchone()
    return row is None or row[0] != ANALYSIS or not set(COLUMNS) <= columns
