"""The size curve of issue 23: search, reindex, ingest and page figures at 10k, 100k and 1M
records side by side, read from the JSON files the benchmarks wrote (bench/out), as a
Markdown table for docs/performance.md. Measures nothing itself: run the benchmarks first
(`make bench-1m`, and the same commands with `--n 10000` and `--n 100000`).

    python -m bench.curve [--out bench/out]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.common import OUT

SIZES = (10_000, 100_000, 1_000_000)


def _load(folder: Path, name: str) -> dict:
    path = folder / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def _get(figures: dict, *keys: str) -> object:
    for key in keys:
        if not isinstance(figures, dict) or key not in figures:
            return None
        figures = figures[key]
    return figures


def _cell(value: object, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and value >= 100:
        value = round(value)
    text = f"{value:,}" if isinstance(value, int | float) else str(value)
    return f"{text}{unit}"


def rows(folder: Path) -> list[tuple[str, list[str]]]:
    """(what, one cell per size) for every figure the curve shows."""
    search = {n: _load(folder, f"search-{n}") for n in SIZES}
    reindex = {n: _load(folder, f"reindex-{n}") for n in SIZES}
    ui = {n: _load(folder, f"ui-{n}") for n in SIZES}
    ingest = {n: _load(folder, f"ingest-into-{n}") for n in SIZES}
    wanted = [
        ("search p50 / p95, anonymous", search, ("lontar", "anonymous_filtered"), "ms"),
        ("search p50 / p95, one-OPD official", search, ("lontar", "one_unit"), "ms"),
        ("search p50 / p95, administrator", search, ("lontar", "admin"), "ms"),
        (
            "raw Whoosh search p50 / p95 (no filter, no facets)",
            search,
            ("raw_whoosh_unfiltered",),
            "ms",
        ),
    ]
    out = []
    for label, source, keys, unit in wanted:
        cells = []
        for n in SIZES:
            part = _get(source[n], *keys)
            cells.append(
                f"{_cell(_get(part, 'p50_ms'))} / {_cell(_get(part, 'p95_ms'), ' ' + unit)}"
                if part
                else "–"
            )
        out.append((label, cells))
    singles = [
        ("search process peak memory", search, ("lontar", "peak_rss_mb"), " MB"),
        ("page-serving process peak memory", ui, ("peak_rss_mb",), " MB"),
        ("reindex", reindex, ("lontar", "seconds"), " s"),
        ("raw Whoosh build of the same texts", reindex, ("raw", "seconds"), " s"),
        ("reindex peak memory (process tree)", reindex, ("lontar", "peak_rss_mb"), " MB"),
        ("`lontar check` after the reindex", reindex, ("lontar", "check_seconds"), " s"),
        ("ingest into the repository (PDFs)", ingest, ("lontar", "files_per_s"), " files/s"),
        ("raw pypdf + Whoosh, same files", ingest, ("raw_pypdf_whoosh", "files_per_s"), " files/s"),
    ]
    for label, source, keys, unit in singles:
        out.append((label, [_cell(_get(source[n], *keys), unit) for n in SIZES]))
    for label, page in (("Cari", "search"), ("Jelajah", "browse"), ("Arsip", "record")):
        cells = [_page(ui[n].get(page)) for n in SIZES]
        out.append((f"{label} page p95: server (AppTest, harness off) / its service call", cells))
    return out


def _page(figures: dict | None) -> str:
    if not figures:
        return "–"
    net, call = _get(figures, "page_net", "p95_ms"), _get(figures, "service_call", "p95_ms")
    return f"{_cell(net)} / {_cell(call, ' ms')}"


def table(folder: Path) -> str:
    lines = ["| | " + " | ".join(f"{n:,}" for n in SIZES) + " |", "|---" * (len(SIZES) + 1) + "|"]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows(folder)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=OUT)
    print(table(parser.parse_args().out))


if __name__ == "__main__":
    main()
