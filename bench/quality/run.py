"""Search quality: Lontar's search against plain Whoosh on the judged queries of this folder.

    python -m bench.quality.run [--json out.json] [--misses]     (make bench-quality)

Both engines get the same 336 records (`records.jsonl`) in the same run: Lontar through its
own repository (a real ZODB FileStorage and index in a temporary directory, R/SR texts sealed,
the index built by `reindex`) and its search service as the administrator, who may see
everything; plain Whoosh with a StandardAnalyzer-like tokenizer, lower case and PyStemmer's
Snowball Indonesian stemmer over title (boost 2) and text, BM25F, words ANDed. Each query's
top 10 is scored against `queries.csv` (graded 0-3, see README.md): recall@10, MRR and
nDCG@10 per category and overall, and whether the issue's targets are met.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import math
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from bench.quality.make_records import UNITS

HERE = Path(__file__).resolve().parent
K = 10
NO_ANSWER = "no_answer"
CATEGORIES = (
    "morphology",
    "kata_ulang",
    "abbreviation",
    "spelling",
    "multi_word",
    "phrase",
    "date",
    "english",
    NO_ANSWER,
)
TARGETS = {"ndcg": 0.85, "recall": 0.9, "category_floor": 0.75}
UNIT_NAMES = {code: names[0] for code, names in UNITS.items()}


@dataclass(frozen=True)
class Query:
    id: str
    category: str
    text: str
    grades: dict[str, int]


# -- the data --------------------------------------------------------------------------------
def load_records(path: Path = HERE / "records.jsonl") -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def parse_judgements(cell: str) -> dict[str, int]:
    """`Q001:3 Q002:1` → {"Q001": 3, "Q002": 1}."""
    pairs = (item.split(":") for item in cell.split())
    return {rid: int(grade) for rid, grade in pairs}


def load_queries(path: Path = HERE / "queries.csv") -> list[Query]:
    with path.open(encoding="utf-8", newline="") as rows:
        return [
            Query(row["id"], row["category"], row["query"], parse_judgements(row["judgements"]))
            for row in csv.DictReader(rows)
        ]


# -- the metrics -----------------------------------------------------------------------------
RELEVANT = 2  # grade 1 is a passing mention: it adds to nDCG, but missing it is no miss


def recall_at(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    """Share of the relevant records (grade ≥ 2) in the top k, out of at most k: a query with
    14 relevant records scores 1.0 when its top 10 are all relevant."""
    relevant = {rid for rid, g in grades.items() if g >= RELEVANT}
    if not relevant:
        return 1.0 if not ranked else 0.0
    found = sum(1 for rid in ranked[:k] if rid in relevant)
    return found / min(k, len(relevant))


def reciprocal_rank(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    """1 / the rank of the first relevant record (grade ≥ 2) in the top k."""
    if not any(g >= RELEVANT for g in grades.values()):
        return 1.0 if not ranked else 0.0
    for position, rid in enumerate(ranked[:k], start=1):
        if grades.get(rid, 0) >= RELEVANT:
            return 1 / position
    return 0.0


def ndcg_at(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    """nDCG with gain 2^grade - 1 and a log2(rank + 1) discount, against the ideal order of
    the judged grades."""
    ideal_grades = sorted((g for g in grades.values() if g > 0), reverse=True)[:k]
    if not ideal_grades:
        return 1.0 if not ranked else 0.0
    ideal = _dcg(ideal_grades)
    return _dcg([grades.get(rid, 0) for rid in ranked[:k]]) / ideal


def _dcg(gains: Iterable[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def score(ranked: list[str], grades: dict[str, int]) -> dict[str, float]:
    """The three figures of one query. A query with no relevant record (no_answer) scores 1
    when the engine returns nothing and 0 otherwise, in all three."""
    return {
        "recall": recall_at(ranked, grades),
        "mrr": reciprocal_rank(ranked, grades),
        "ndcg": ndcg_at(ranked, grades),
    }


def summarise(queries: list[Query], rankings: dict[str, list[str]]) -> dict[str, dict]:
    """Mean figures per category, and `overall` over the answerable queries (no_answer is
    judged by its own rule: every such query empty)."""
    per_query = {q.id: score(rankings[q.id], q.grades) for q in queries}
    table: dict[str, dict] = {}
    for category in CATEGORIES:
        ids = [q.id for q in queries if q.category == category]
        if ids:
            table[category] = _mean([per_query[i] for i in ids]) | {"queries": len(ids)}
    answerable = [per_query[q.id] for q in queries if q.category != NO_ANSWER]
    table["overall"] = _mean(answerable) | {"queries": len(answerable)}
    return table


def _mean(figures: list[dict[str, float]]) -> dict[str, float]:
    return {m: round(sum(f[m] for f in figures) / len(figures), 3) for m in figures[0]}


def targets_met(table: dict[str, dict], queries: list[Query], rankings) -> dict[str, bool]:
    categories = [c for c in CATEGORIES if c in table and c != NO_ANSWER]
    floor = min(min(table[c]["recall"], table[c]["ndcg"]) for c in categories)
    return {
        "ndcg_overall": table["overall"]["ndcg"] >= TARGETS["ndcg"],
        "recall_overall": table["overall"]["recall"] >= TARGETS["recall"],
        "no_category_below_floor": floor >= TARGETS["category_floor"],
        "no_answer_all_empty": all(not rankings[q.id] for q in queries if q.category == NO_ANSWER),
    }


# -- Lontar ----------------------------------------------------------------------------------
def build_lontar(root: Path, records: list[dict]):
    """A real repository under `root`: units, records with their text as a text attachment
    (sealed for R/SR), written in one transaction, then indexed by `reindex`. Returns the
    open service and Lontar id → corpus id."""
    from repository.app import Lontar
    from repository.core.config import Home
    from repository.core.db import write
    from repository.core.security import ADMIN

    service = Lontar(Home.resolve(root / "repo"))
    service.init("ID-QA", "Pemda Uji Mutu Pencarian")
    for code in sorted({r["unit"] for r in records}):
        service.records.add_unit(ADMIN, code, UNIT_NAMES.get(code, code))
    ids: dict[str, str] = {}
    write(service.db, lambda db_root: ids.update(_add_records(db_root, records, service)))
    service.index.reindex()
    return service, ids


def _add_records(db_root, records: list[dict], service) -> dict[str, str]:
    from repository.core.content import pemda_of
    from repository.records.records import create_record

    pemda, ids = pemda_of(db_root), {}
    for row in records:
        record = create_record(
            pemda,
            pemda.units[row["unit"]],
            level="item",
            title=row["title"],
            actor="bench-quality",
            date_start=dt.date.fromisoformat(row["date"]),
            classification=row["classification"],
            security=row["security"],
        )
        record.attachments[0] = _text_attachment(row, service.keyring)
        ids[record.id] = row["id"]
    pemda.index_queue.clear()  # the index is built by the reindex that follows
    return ids


def _text_attachment(row: dict, keyring):
    from repository.core.sealing import new_attachment, text_body

    data = row["text"].encode()
    digest = hashlib.sha256(data).hexdigest()
    attachment = new_attachment(
        f"{row['id']}.txt", data, "text/plain", digest, row["security"], keyring
    )
    attachment.pages = 1
    attachment.text = text_body(attachment, [row["text"]], keyring)
    return attachment


def lontar_search(service, ids: dict[str, str]) -> Callable[[str], list[str]]:
    from indexes.search import SearchRequest
    from repository.core.errors import QuerySyntaxError
    from repository.core.security import ADMIN

    def run(text: str) -> list[str]:
        try:
            result = service.records.search(ADMIN, SearchRequest(query=text, page_size=K))
        except QuerySyntaxError:
            return []
        return [ids[hit.id] for hit in ranked_hits(result)][:K]

    return run


def ranked_hits(result) -> list:
    """The hits in the order a user sees them: the results, then the partial matches the
    search returns apart."""
    return [*result.hits, *result.partial]


# -- plain Whoosh ----------------------------------------------------------------------------
def build_whoosh(root: Path, records: list[dict]):
    """Whoosh as a developer would set it up from its documentation: the standard tokenizer,
    lower case, the Snowball Indonesian stemmer, title and text, nothing else."""
    from whoosh import index
    from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter
    from whoosh.fields import ID, TEXT, Schema

    from indexes.analysis import snowball  # Snowball, uncorrected: the baseline's stemmer

    analyzer = RegexTokenizer() | LowercaseFilter() | StemFilter(stemfn=snowball)
    schema = Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=analyzer, field_boost=2.0),
        text=TEXT(analyzer=analyzer),
    )
    path = root / "whoosh"
    path.mkdir()
    ix = index.create_in(str(path), schema)
    writer = ix.writer()
    for row in records:
        writer.add_document(id=row["id"], title=row["title"], text=row["text"])
    writer.commit()
    return ix


def whoosh_search(ix) -> Callable[[str], list[str]]:
    from whoosh.qparser import AndGroup, MultifieldParser

    searcher = ix.searcher()
    parser = MultifieldParser(["title", "text"], ix.schema, group=AndGroup)

    def run(text: str) -> list[str]:
        return [hit["id"] for hit in searcher.search(parser.parse(text), limit=K)]

    return run


# -- the run ---------------------------------------------------------------------------------
def rank_all(run: Callable[[str], list[str]], queries: list[Query]) -> dict[str, list[str]]:
    return {q.id: run(q.text) for q in queries}


def markdown(tables: dict[str, dict]) -> str:
    names = list(tables)
    head = "| category | queries | " + " | ".join(
        f"{n} recall@10 | {n} MRR | {n} nDCG@10" for n in names
    )
    lines = [head + " |", "|---" * (2 + 3 * len(names)) + "|"]
    for category in [*CATEGORIES, "overall"]:
        first = tables[names[0]].get(category)
        if first is None:
            continue
        cells = [category, str(first["queries"])]
        for n in names:
            row = tables[n][category]
            cells += [f"{row['recall']:.3f}", f"{row['mrr']:.3f}", f"{row['ndcg']:.3f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def misses(queries: list[Query], rankings: dict[str, list[str]]) -> list[str]:
    """One line per query that falls short, for whoever tunes the analysis."""
    out = []
    for q in queries:
        figures = score(rankings[q.id], q.grades)
        if figures["ndcg"] < 1 or figures["recall"] < 1:
            out.append(
                f"{q.id} {q.category} {q.text!r}: nDCG {figures['ndcg']:.2f} "
                f"recall {figures['recall']:.2f} got {rankings[q.id]}"
            )
    return out


def evaluate(root: Path) -> dict:
    records, queries = load_records(), load_queries()
    service, ids = build_lontar(root, records)
    try:
        ours = rank_all(lontar_search(service, ids), queries)
    finally:
        service.close()
    theirs = rank_all(whoosh_search(build_whoosh(root, records)), queries)
    tables = {"lontar": summarise(queries, ours), "whoosh": summarise(queries, theirs)}
    return {
        "records": len(records),
        "queries": len(queries),
        "tables": tables,
        "targets": {
            "lontar": targets_met(tables["lontar"], queries, ours),
            "whoosh": targets_met(tables["whoosh"], queries, theirs),
        },
        "rankings": {"lontar": ours, "whoosh": theirs},
        "misses": {"lontar": misses(queries, ours), "whoosh": misses(queries, theirs)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write every figure and ranking here")
    parser.add_argument("--misses", action="store_true", help="list queries that fall short")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lontar-quality-") as tmp:
        figures = evaluate(Path(tmp))
    print(f"{figures['records']} records, {figures['queries']} judged queries\n")
    print(markdown(figures["tables"]))
    for engine, met in figures["targets"].items():
        print(
            f"\ntargets ({engine}): "
            + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in met.items())
        )
    if args.misses:
        for engine, lines in figures["misses"].items():
            print(f"\nshort of perfect ({engine}):", *lines, sep="\n  ")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
