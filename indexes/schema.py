"""The one Whoosh schema: full text for title and content, fields for filters and facets.

Facet fields are `sortable` (column storage) so counting them over a whole result set reads
columns instead of stored documents. `allowed` holds the principals that may see a record; every
query is filtered on it.
"""

from __future__ import annotations

from whoosh.analysis import IDTokenizer, LowercaseFilter
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from indexes.analysis import indonesian_analyzer

FACETS = ("unit", "level", "security", "class_top", "year", "flags", "language", "digital")
FACET_COLUMNS = tuple(
    name for name in FACETS if name != "flags"
)  # counted from columns; flags are terms

# Names people may type before a colon, in Bahasa Indonesia and English.
FIELD_ALIASES = {
    "title": ["judul"],
    "text": ["isi"],
    "refcode": ["kode_referensi", "ref"],
    "classification": ["klasifikasi", "kode"],
    "unit": ["opd"],
    "level": ["tingkat"],
    "date": ["tanggal"],
    "security": ["keamanan"],
    "flags": ["tanda"],
}


class DAY(DATETIME):
    """A DATETIME that indexes 4 terms per value instead of 8: range queries stay exact,
    and indexing the one date every record has costs half as much."""

    def __init__(self, stored: bool = False, sortable: bool = False) -> None:
        super().__init__(stored=stored, sortable=sortable)
        self.shift_step = 16


def lower_id():
    """An exact-match field compared without case (codes are typed both ways)."""
    return IDTokenizer() | LowercaseFilter()


def build_schema() -> Schema:
    analyzer = indonesian_analyzer()
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        title=TEXT(analyzer=analyzer, stored=True, field_boost=2.0),
        text=TEXT(analyzer=analyzer, stored=True),
        refcode=ID(stored=True, analyzer=lower_id(), sortable=True),
        refsort=ID(sortable=True),  # the reference code in natural order (documents.natural)
        parent=ID(sortable=True),
        classification=ID(stored=True, analyzer=lower_id()),
        class_path=KEYWORD(lowercase=True),
        class_top=ID(sortable=True),
        unit=ID(stored=True, analyzer=lower_id(), sortable=True),
        unit_path=KEYWORD(lowercase=True),
        level=ID(stored=True, sortable=True),
        date=DAY(stored=True, sortable=True),
        added=DAY(sortable=True),
        year=ID(sortable=True),
        security=ID(stored=True, sortable=True),
        language=ID(sortable=True),
        digital=ID(sortable=True),
        flags=KEYWORD(stored=True, lowercase=True, scorable=False),
        media=STORED(),
        allowed=KEYWORD(lowercase=True),
        path=KEYWORD(lowercase=True),
        revision=NUMERIC(int, bits=32, stored=True, sortable=True, shift_step=32),
    )
