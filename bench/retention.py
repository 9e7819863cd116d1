"""The retention lists over a whole repository: `retention_due` for the administrator (every
record) and for one unit, against the raw cost of walking every record in ZODB.

    python -m bench.retention --n 100000
"""

from __future__ import annotations

import argparse
import time

from bench.common import build_repository, peak_rss_mb, report

JRA = "data/jra-contoh.csv"


def main() -> None:
    from repository.app import Lontar
    from repository.core.content import pemda_of
    from repository.core.db import reading
    from repository.core.security import ADMIN

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10000)
    args = parser.parse_args()
    home = build_repository(args.n)
    with Lontar(home) as service:
        with open(JRA, encoding="utf-8") as handle:
            service.workbench.load_jra(ADMIN, handle.read())

        def walk() -> int:
            with reading(service.db) as root:
                return sum(1 for r in pemda_of(root).records.values() if r.classification)

        figures = {"records": args.n}
        walk()  # warm-up: the first walk reads Data.fs from disk, later ones from the OS cache
        for name, run in (
            ("raw_walk", walk),
            ("due_all", lambda: service.workbench.retention_due(ADMIN, on="2030-01-01")),
            ("due_unit", lambda: service.workbench.retention_due(ADMIN, "DINKES", "2030-01-01")),
        ):
            service.db.cacheMinimize()
            started = time.perf_counter()
            result = run()
            figures[name] = {"seconds": round(time.perf_counter() - started, 2)}
            if isinstance(result, dict):
                figures[name]["listed"] = {
                    k: len(v) for k, v in result.items() if isinstance(v, list)
                }
        figures["ratio_due_all_vs_walk"] = round(
            figures["due_all"]["seconds"] / max(figures["raw_walk"]["seconds"], 1e-6), 2
        )
        figures["peak_rss_mb"] = round(peak_rss_mb())
    report("retention", figures)


if __name__ == "__main__":
    main()
