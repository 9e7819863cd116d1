"""A record's index fields (indexes/documents.record_fields) as a row of the `docs` table.

The full-text columns are `tsvector` literals of the tokens Whoosh's own analyzer makes for the
same field (`build_schema()["text"]`/`["title"]`, mode "index"), with 1-based positions, so a
query term stemmed by Lontar meets exactly the lexemes it meets in Whoosh; PostgreSQL's text
search configurations are never applied on top.

PostgreSQL bounds a tsvector: a lexeme of at most 2046 bytes (longer ones are left out: no
query can type them), positions up to 16383 (later ones are clamped to 16383, as PostgreSQL
itself would), at most 256 positions a lexeme (PostgreSQL keeps the first 256), and under 1 MB
of lexemes and positions. A text past that last bound (a long OCR'd book) first loses the
positions that say nothing (lexemes seen only past position 16383), then all positions
(phrases no longer match in that one document, words still do), then its last-seen lexemes:
a huge text never breaks a batch.

`lead_tsv` is the part of `text_tsv` at the first `LEAD` positions: small enough to stay in
the table's row, it ranks broad answers without reading every match's whole vector.

Sealed (R/SR) text: `body` is `_stored_text`, the text without the blind terms (no plaintext of
sealed text), while `text_tsv` holds the blind terms with their positions, as Whoosh's `text`
field does. The vocabulary (`words`) takes a row's lexemes less anything shaped like a blind
term (`repository.core.keys.Keyring.term`): a function of the stored row alone, so the df the
writer adds for a new version and takes away for the old one always agree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from indexes.postgres.schema import COLUMNS
from indexes.schema import build_schema
from repository.core.keys import TERM_PREFIX

MAX_LEXEME_BYTES = 2046
MAX_POSITION = 16383
MAX_POSITIONS = 256
# PostgreSQL refuses a tsvector whose lexemes and positions take 1,048,575 bytes or more.
VECTOR_BUDGET = 1_000_000
BLIND = re.compile(re.escape(TERM_PREFIX) + r"[0-9a-f]{20}")
KEYWORD = re.compile(r"[^ \t\r\n]+")  # Whoosh's SpaceSeparatedTokenizer, which KEYWORD uses
SURROGATE = re.compile("[\ud800-\udfff]")
LOWERED = ("class_path", "unit_path", "flags", "allowed", "path")
TEXT_FIELDS = ("title", "text")
LEAD = 32  # positions of the text in `lead_tsv`: ~400 bytes a row, in the heap row


@dataclass(frozen=True)
class Vector:
    literal: str  # the tsvector literal
    lexemes: frozenset[str]  # what it holds, after the bounds
    length: int  # the tokens of the field (Whoosh's field length)


@dataclass(frozen=True)
class Row:
    id: str
    values: dict  # column -> value, every column of schema.COLUMNS
    words: dict[str, frozenset[str]]  # 'title' | 'text' -> lexemes for the vocabulary


@lru_cache(maxsize=2)
def analyzer(field: str):
    """The analyzer Whoosh indexes `field` with (built once per process)."""
    return build_schema()[field].analyzer


def tokens(field: str, text: str) -> list[tuple[str, int]]:
    """Each token of `text` with its 1-based position, as Whoosh indexes `field`."""
    return [(t.text, t.pos + 1) for t in analyzer(field)(text, positions=True, mode="index")]


def quote(lexeme: str) -> str:
    """A lexeme as it stands in a tsvector or tsquery literal."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def vector(found: list[tuple[str, int]]) -> Vector:
    positions: dict[str, list[int]] = {}
    for lexeme, position in found:
        if len(lexeme.encode()) <= MAX_LEXEME_BYTES:
            positions.setdefault(lexeme, []).append(min(position, MAX_POSITION))
    kept = _fitted({lexeme: _bounded(p) for lexeme, p in positions.items()})
    literal = " ".join(
        f"{quote(lexeme)}:{','.join(map(str, p))}" if p else quote(lexeme)
        for lexeme, p in kept.items()
    )
    return Vector(literal, frozenset(kept), len(found))


def lead(found: list[tuple[str, int]]) -> Vector:
    """The tokens at the first `LEAD` positions (blind terms of sealed text included, as in
    `text_tsv`, of which it is a part): what ranks all the matches of a broad query cheaply
    (indexes/postgres/results.py) without reading the whole text's vector."""
    return vector([(lexeme, position) for lexeme, position in found if position <= LEAD])


def _bounded(positions: list[int]) -> list[int]:
    return sorted(set(positions))[:MAX_POSITIONS]


def vector_size(positions: dict[str, list[int]]) -> int:
    """Bytes of lexemes and positions, as PostgreSQL counts them against its 1 MB bound."""
    size = 0
    for lexeme, p in positions.items():
        length = len(lexeme.encode())
        size += length + (length % 2 + 2 + 2 * len(p) if p else 0)
    return size


def _fitted(positions: dict[str, list[int]]) -> dict[str, list[int]]:
    """`positions` within `VECTOR_BUDGET`, giving up what matters least first (module doc)."""
    if vector_size(positions) <= VECTOR_BUDGET:
        return positions
    late = {lexeme: ([] if p == [MAX_POSITION] else p) for lexeme, p in positions.items()}
    if vector_size(late) <= VECTOR_BUDGET:
        return late
    kept, size = {}, 0
    for lexeme in positions:  # first seen first
        size += len(lexeme.encode())
        if size > VECTOR_BUDGET:
            break
        kept[lexeme] = []
    return kept


def keywords(value: str, *, lower: bool) -> list[str]:
    return KEYWORD.findall(value.lower() if lower else value)


def clean(value: str) -> str:
    """Text PostgreSQL accepts: no NUL character, valid UTF-8 (a lone surrogate, which some
    PDF text extraction leaves, becomes U+FFFD)."""
    value = value.replace("\x00", " ")
    try:
        value.encode()
    except UnicodeEncodeError:
        value = SURROGATE.sub("\ufffd", value)
    return value


def visible_words(lexemes: frozenset[str] | list[str]) -> frozenset[str]:
    """A text's lexemes less those shaped like blind terms (module doc)."""
    return frozenset(lexeme for lexeme in lexemes if not BLIND.fullmatch(lexeme))


def make_row(fields: dict) -> Row:
    title = vector(tokens("title", fields["title"]))
    found = tokens("text", fields["text"])
    text = vector(found)
    values = _plain_values(fields)
    values.update(
        title_tsv=title.literal,
        text_tsv=text.literal,
        lead_tsv=lead(found).literal,
        title_len=title.length,
        text_len=text.length,
    )
    words = {"title": title.lexemes, "text": visible_words(text.lexemes)}
    return Row(fields["id"], {column: values[column] for column in COLUMNS}, words)


def _plain_values(fields: dict) -> dict:
    """Every column but the full-text ones, as Whoosh's fields hold them."""
    values = {
        column: fields[column]
        for column in ("id", "revision", "refcode", "refsort", "parent", "classification")
    }
    for column in ("class_top", "unit", "level", "year", "security", "language", "digital"):
        values[column] = fields[column]
    values.update(
        title=fields["title"],
        body=fields.get("_stored_text", fields["text"]),
        refcode_key=fields["refcode"].lower(),
        classification_key=fields["classification"].lower(),
        unit_key=fields["unit"].lower(),
        date=fields.get("date"),
        added=fields["added"],
        media=fields["media"],
    )
    values.update({column: keywords(fields[column], lower=True) for column in LOWERED})
    return {k: clean(v) if isinstance(v, str) else v for k, v in values.items()}


# -- COPY (a rebuild's fast path) -----------------------------------------------------------
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def copy_value(value) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, list):
        value = "{" + ",".join(_array_item(item) for item in value) + "}"
    elif isinstance(value, dt.datetime):
        value = value.isoformat(sep=" ")
    return str(value).translate(_COPY_ESCAPES)


def _array_item(item: str) -> str:
    return '"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"'


def copy_line(row: Row) -> str:
    return "\t".join(copy_value(row.values[column]) for column in COLUMNS) + "\n"
