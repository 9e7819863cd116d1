"""Reindex throughput and peak memory, against raw Whoosh building the same texts.

python -m bench.reindex --n 10000      (100000 for the issue's target)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time

from bench.common import (
    OUT,
    TreeRss,
    build_repository,
    peak_rss_mb,
    report,
    synthetic_texts,
)


def lontar_reindex(n: int) -> dict:
    from repository.app import Lontar

    home = build_repository(n)
    with Lontar(home) as service, TreeRss() as rss:
        started = time.perf_counter()
        count = service.index.reindex()
        seconds = time.perf_counter() - started
        checked = time.perf_counter()
        assert service.index.check().clean
        check_seconds = time.perf_counter() - checked
    return {
        "records": count,
        "seconds": round(seconds, 1),
        "check_seconds": round(check_seconds, 1),
        "records_per_s": round(count / seconds),
        "peak_rss_mb": round(max(rss.peak_mb, peak_rss_mb())),
    }


def raw_whoosh(n: int) -> dict:
    from whoosh import index
    from whoosh.fields import ID, TEXT, Schema

    from indexes.analysis import indonesian_analyzer

    path = OUT / f"raw-{n}"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    analyzer = indonesian_analyzer()
    schema = Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=analyzer, stored=True),
        text=TEXT(analyzer=analyzer, stored=True),
    )
    ix = index.create_in(str(path), schema)
    with TreeRss() as rss:
        started = time.perf_counter()
        writer = ix.writer(limitmb=256, compound=False)
        for seq, (_, _, doc) in enumerate(synthetic_texts(n)):
            writer.add_document(id=str(seq), title=doc.title, text=doc.text)
        writer.commit()
        seconds = time.perf_counter() - started
    return {
        "records": n,
        "seconds": round(seconds, 1),
        "records_per_s": round(n / seconds),
        "peak_rss_mb": round(max(rss.peak_mb, peak_rss_mb())),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--part", choices=("lontar", "raw"))
    args = parser.parse_args()
    if args.part:
        import json

        result = lontar_reindex(args.n) if args.part == "lontar" else raw_whoosh(args.n)
        print("RESULT " + json.dumps(result))
        return
    build_repository(args.n)
    results = {}
    for part in ("lontar", "raw"):  # each in its own process, so peak RSS is its own
        done = subprocess.run(
            [sys.executable, "-m", "bench.reindex", "--n", str(args.n), "--part", part],
            capture_output=True,
            text=True,
            check=True,
        )
        line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
        results[part] = __import__("json").loads(line[7:])
    results["ratio_seconds"] = round(results["lontar"]["seconds"] / results["raw"]["seconds"], 2)
    report(f"reindex-{args.n}", results)


if __name__ == "__main__":
    main()
