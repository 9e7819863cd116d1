"""The dictionaries and word lists under data/ and bench/quality/ parse and are complete."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
ABBREVIATIONS = PROJECT / "data" / "abbreviations.csv"
SPELLING = PROJECT / "data" / "spelling_variants.csv"
FAMILIES = PROJECT / "bench" / "quality" / "word_families.csv"
NEEDED_ABBREVIATIONS = (
    *("SK", "SE", "SPJ", "APBD", "ASN", "PNS", "OPD", "NIK", "KK", "KTP-el", "Rakor"),
    *("Dinkes", "Disdukcapil", "BPBD", "Bappeda", "Satpol PP", "JRA"),
)
NASAL_CASES = (
    *("penanaman", "penertiban", "penataan", "penanganan", "menyapu", "pengiriman"),
    *("kepegawaian", "pemusnahan", "memusnahkan", "dimusnahkan", "surat-surat"),
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as lines:
        return list(csv.DictReader(lines))


@pytest.mark.parametrize(
    ("path", "columns", "minimum"),
    [
        (ABBREVIATIONS, ["abbreviation", "expansion", "scope", "source"], 150),
        (SPELLING, ["standard", "variant", "source"], 100),
        (FAMILIES, ["family", "words", "near_misses"], 300),
    ],
)
def test_file_parses_with_enough_complete_unique_rows(path, columns, minimum):
    rows = _rows(path)
    assert list(rows[0]) == columns
    assert len(rows) >= minimum
    for row in rows:
        assert len(row) == len(columns) and None not in row, row  # no stray commas
        assert all(value and value.strip() == value for value in row.values()), row
    keys = [tuple(row.values()) for row in rows]
    assert len(set(keys)) == len(keys)


def test_abbreviations_cover_national_terms_and_regional_agencies():
    rows = _rows(ABBREVIATIONS)
    assert {row["scope"] for row in rows} == {"national", "regional"}
    assert sum(row["scope"] == "regional" for row in rows) >= 30
    pairs = {(row["abbreviation"], row["expansion"]) for row in rows}
    assert len(pairs) == len(rows)  # an abbreviation repeats only with another expansion
    names = {row["abbreviation"] for row in rows}
    for needed in NEEDED_ABBREVIATIONS:
        assert needed in names, needed
    assert len([row for row in rows if row["abbreviation"] == "PKL"]) == 2  # two meanings


def test_spelling_pairs_differ_and_hold_the_issue_examples():
    rows = _rows(SPELLING)
    assert all(row["standard"] != row["variant"] for row in rows)
    assert all(row["source"] == "KBBI daring" for row in rows)
    variants = [row["variant"].lower() for row in rows]
    assert len(set(variants)) == len(variants)  # a variant maps to one standard form
    pairs = {(row["standard"], row["variant"]) for row in rows}
    for pair in (("izin", "ijin"), ("provinsi", "propinsi"), ("nomor", "nomer"),
                 ("analisis", "analisa"), ("risiko", "resiko")):  # fmt: skip
        assert pair in pairs


def test_word_families_are_disjoint_from_their_near_misses():
    rows = _rows(FAMILIES)
    assert len({row["family"] for row in rows}) == len(rows)
    for row in rows:
        words, near = row["words"].split(), row["near_misses"].split()
        assert len(words) >= 2, row
        assert not set(words) & set(near), row


def test_word_families_hold_the_nasal_prefix_cases():
    words = {w for row in _rows(FAMILIES) for w in row["words"].split()}
    for word in NASAL_CASES:
        assert word in words, word
