"""The search-quality benchmark's yardstick: its data are well-formed and reproducible, and its
metrics give the values worked out by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections import Counter
from pathlib import Path

import pytest

from bench.quality import judge, make_records
from bench.quality.families import evaluate as evaluate_families
from bench.quality.run import (
    CATEGORIES,
    NO_ANSWER,
    UNIT_NAMES,
    Query,
    build_whoosh,
    load_queries,
    load_records,
    ndcg_at,
    parse_judgements,
    recall_at,
    reciprocal_rank,
    summarise,
    targets_met,
    whoosh_search,
)

PROJECT = Path(__file__).resolve().parent.parent
FIELDS = ("id", "unit", "kind", "title", "date", "classification", "security", "text")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return load_records()


@pytest.fixture(scope="module")
def queries() -> list[Query]:
    return load_queries()


def _codes() -> set[str]:
    with (PROJECT / "data" / "klasifikasi-83-2022-top.csv").open(encoding="utf-8") as rows:
        return {row["code"] for row in csv.DictReader(rows)}


# -- the records -------------------------------------------------------------------------------
def test_records_are_enough_and_complete(records):
    assert len(records) >= 300
    assert len({r["id"] for r in records}) == len(records)
    for record in records:
        assert all(str(record[name]).strip() for name in FIELDS), record["id"]


def test_records_span_many_units_kinds_and_classes(records):
    assert len({r["unit"] for r in records}) >= 12
    assert len({r["kind"] for r in records}) >= 10
    assert {r["security"] for r in records} == {"B", "T", "R", "SR"}  # sealed text too


def test_record_fields_are_valid(records):
    codes = _codes()
    for record in records:
        assert record["classification"] in codes, record["id"]
        assert record["unit"] in UNIT_NAMES, record["id"]
        dt.date.fromisoformat(record["date"])


def test_records_carry_the_phenomena_the_issue_names(records):
    """Reduplication, nasal prefixes, abbreviations and older spellings all occur."""
    text = "\n".join(f"{r['title']}\n{r['text']}" for r in records)
    for word in ("berkas-berkas", "sehari-hari", "pemusnahan", "memusnahkan", "penertiban",
                 "ditertibkan", "penanaman", "penataan", "penanganan", "KTP-el", "SPJ",
                 "surat pertanggungjawaban", "ijin", "propinsi", "nomer", "analisa", "resiko",
                 "smart city"):  # fmt: skip
        assert word in text, word


def test_records_file_is_what_the_seeded_script_writes(records):
    """Judgements refer to fixed data: the committed file is the script's output."""
    assert make_records.make_records() == records


# -- the queries -------------------------------------------------------------------------------
def test_queries_are_enough_in_every_category(queries):
    assert len(queries) >= 80
    assert len({q.id for q in queries}) == len(queries)
    counts = Counter(q.category for q in queries)
    assert set(counts) == set(CATEGORIES)
    assert counts[NO_ANSWER] >= 6
    assert min(counts.values()) >= 6


def test_every_judged_id_exists_with_a_grade_from_1_to_3(queries, records):
    ids = {r["id"] for r in records}
    for query in queries:
        assert set(query.grades) <= ids, query.id
        assert all(1 <= g <= 3 for g in query.grades.values()), query.id


def test_answerable_queries_have_a_fully_relevant_record(queries):
    for query in queries:
        if query.category != NO_ANSWER:
            assert 3 in query.grades.values(), query.id


def test_no_answer_queries_have_no_judgements_and_no_corpus_words(queries, records):
    """Their topics are absent: no record holds all of their words."""
    texts = [f"{r['title']} {r['text']}".lower() for r in records]
    for query in queries:
        if query.category == NO_ANSWER:
            assert query.grades == {}, query.id
            words = query.text.lower().split()
            assert not any(all(w in t for w in words) for t in texts), query.id


def test_queries_file_is_what_the_criteria_give(records):
    """`queries.csv` is the criteria of judge.py applied to the records, nothing edited."""
    written = (judge.HERE / "queries.csv").read_text(encoding="utf-8")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "category", "query", "need", "judgements"])
    for qid, category, text, need_text, need in judge.QUERY_NEEDS:
        grades = judge.judged(records, need)
        cells = " ".join(f"{rid}:{g}" for rid, g in sorted(grades.items()))
        writer.writerow([qid, category, text, need_text, cells])
    assert out.getvalue() == written


# -- the metrics -------------------------------------------------------------------------------
def test_parse_judgements():
    assert parse_judgements("Q001:3 Q010:1") == {"Q001": 3, "Q010": 1}
    assert parse_judgements("") == {}


def test_recall_counts_grades_2_and_3_out_of_at_most_k():
    grades = {"a": 3, "c": 2, "d": 1}
    assert recall_at(["a", "b", "c"], grades) == 1.0  # d is a passing mention only
    assert recall_at(["a", "b"], grades) == 0.5
    many = {f"r{i}": 2 for i in range(12)}
    assert recall_at([f"r{i}" for i in range(10)], many) == 1.0
    assert recall_at([f"r{i}" for i in range(5)], many) == 0.5


def test_reciprocal_rank():
    assert reciprocal_rank(["x", "a"], {"a": 3}) == 0.5
    assert reciprocal_rank(["x", "d", "a"], {"a": 2, "d": 1}) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x"] * 10 + ["a"], {"a": 3}) == 0.0  # beyond the top 10


def test_ndcg_by_hand():
    assert ndcg_at(["a"], {"a": 3}) == 1.0
    assert ndcg_at(["x", "a"], {"a": 3}) == pytest.approx(1 / math.log2(3))
    # b (1) before a (3): (1 + 7/log2 3) / (7 + 1/log2 3)
    expected = (1 + 7 / math.log2(3)) / (7 + 1 / math.log2(3))
    assert ndcg_at(["b", "a"], {"a": 3, "b": 1}) == pytest.approx(expected)
    assert ndcg_at(["x", "y"], {"a": 3}) == 0.0


def test_no_answer_scores_one_only_when_empty():
    for metric in (recall_at, reciprocal_rank, ndcg_at):
        assert metric([], {}) == 1.0
        assert metric(["x"], {}) == 0.0


def test_summary_and_targets_on_a_tiny_case():
    queries = [
        Query("1", "morphology", "q", {"a": 3}),
        Query("2", "morphology", "q", {"b": 3}),
        Query("3", NO_ANSWER, "q", {}),
    ]
    rankings = {"1": ["a"], "2": ["x"], "3": []}
    table = summarise(queries, rankings)
    assert table["morphology"] == {"recall": 0.5, "mrr": 0.5, "ndcg": 0.5, "queries": 2}
    assert table["overall"]["queries"] == 2  # no_answer is judged by its own rule
    assert table[NO_ANSWER]["ndcg"] == 1.0
    met = targets_met(table, queries, rankings)
    assert met == {
        "ndcg_overall": False,
        "recall_overall": False,
        "no_category_below_floor": False,
        "no_answer_all_empty": True,
    }
    assert not targets_met(table, queries, {**rankings, "3": ["a"]})["no_answer_all_empty"]


def test_the_whoosh_baseline_stems_and_ands(tmp_path):
    rows = [
        {"id": "Q1", "title": "Pengarsipan surat", "text": "kearsipan daerah"},
        {"id": "Q2", "title": "Rapat", "text": "arsip dan banjir"},
    ]
    search = whoosh_search(build_whoosh(tmp_path, rows))
    assert sorted(search("arsip")) == ["Q1", "Q2"]  # pengarsipan, kearsipan → arsip
    assert search("arsip banjir") == ["Q2"]
    assert search("gempa") == []


def test_family_scores_by_hand():
    families = [
        (["tanam", "penanaman", "ditanam"], ["tanah"]),
        (["surat", "surat-surat", "persuratan"], ["surut"]),
    ]
    first_five = evaluate_families(lambda w: w[:5], families)
    assert first_five["families_together"] == 0.0  # "penan", "ditan", "persu" all differ
    assert first_five["near_misses_apart"] == 1.0
    lookup = {"penanaman": "tanam", "ditanam": "tanam", "persuratan": "surat", "tanah": "tanam"}
    scores = evaluate_families(lambda w: lookup.get(w, w), families)
    assert scores["families_together"] == 1.0  # surat-surat is the tokenizer's business
    assert scores["near_misses_apart"] == 0.5  # tanah fell in with tanam
