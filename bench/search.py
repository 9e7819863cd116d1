"""Search latency with the permission filter, facets and highlights, against raw Whoosh
(same analyzer, same texts, no filter, no facets, same highlights).

    python -m bench.search --n 10000      (100000 for the issue's target)
"""

from __future__ import annotations

import argparse
import random
import time

from bench.common import ONE_UNIT, OUT, build_repository, peak_rss_mb, percentiles, report
from repository.demo.corpus import SUBJECTS

QUERIES = 300


def queries(seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    words = sorted({w for s in SUBJECTS for w in s.split() if len(w) > 3})
    return [" ".join(rng.sample(words, rng.randint(1, 3))) for _ in range(QUERIES)]


def _time(run, qs: list[str]) -> list[float]:
    for q in qs[:20]:
        run(q)  # warm-up: searcher open, filter sets, stem cache
    samples = []
    for q in qs:
        started = time.perf_counter()
        run(q)
        samples.append(time.perf_counter() - started)
    return samples


def lontar(n: int, qs: list[str]) -> dict:
    from indexes.search import SearchRequest
    from repository.app import Lontar
    from repository.core.security import ADMIN, ANONYMOUS

    home = build_repository(n)
    with Lontar(home) as service:
        if not service.store.exists() or service.store.outdated() or service.store.doc_count() < n:
            service.index.reindex()
        figures = {}
        callers = (("anonymous_filtered", ANONYMOUS), ("one_unit", ONE_UNIT), ("admin", ADMIN))
        for name, caller in callers:
            hits = []

            def run(q: str, caller=caller, hits=hits) -> None:
                result = service.records.search(caller, SearchRequest(query=q, page_size=20))
                hits.append(result.total)

            samples = _time(run, qs)
            figures[name] = {
                **percentiles(samples),
                "qps": round(len(qs) / sum(samples)),
                "mean_total": round(sum(hits) / len(hits)),
            }
        figures["peak_rss_mb"] = round(peak_rss_mb())
        return figures


def raw(n: int, qs: list[str]) -> dict:
    from whoosh import index
    from whoosh.qparser import AndGroup, MultifieldParser

    path = OUT / f"raw-{n}"
    if not index.exists_in(str(path)):
        from bench.reindex import raw_whoosh

        raw_whoosh(n)
    ix = index.open_dir(str(path))
    searcher = ix.searcher()
    parser = MultifieldParser(["title", "text"], ix.schema, group=AndGroup)

    def run(q: str) -> None:
        results = searcher.search(parser.parse(q), limit=20)
        for hit in results:
            hit.highlights("text", top=2)
            dict(hit)

    samples = _time(run, qs)
    return {**percentiles(samples), "qps": round(len(qs) / sum(samples))}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10000)
    args = parser.parse_args()
    qs = queries()
    ours, baseline = lontar(args.n, qs), raw(args.n, qs)
    report(
        f"search-{args.n}",
        {
            "records": args.n,
            "queries": len(qs),
            "lontar": ours,
            "raw_whoosh_unfiltered": baseline,
            "ratio_p95_filtered_vs_raw": round(
                ours["anonymous_filtered"]["p95_ms"] / baseline["p95_ms"], 2
            ),
        },
    )


if __name__ == "__main__":
    main()
