"""Classification suggestions: top-1 and top-3 accuracy on held-out records, and latency.

Each held-out record (a random sample of classified records) is treated as unclassified: its
own code is hidden from the vote (a record is never its own neighbour) and the suggestions
come from the other records, exactly as the queue asks for them. This is a leave-one-out
split; the method learns nothing ahead, so no separate training split is needed. Compared
with the majority baseline (always suggesting the most frequent code).

    python -m bench.classify --n 100000 [--sample 500]
    python -m bench.classify --home var      (the demo repository, or an agency's own)
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

from bench.common import build_repository, percentiles, report


def main() -> None:
    from indexes.suggest import suggest
    from repository.app import Lontar
    from repository.core.config import Home
    from repository.core.security import ADMIN

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--home", help="evaluate this repository instead (e.g. the demo)")
    args = parser.parse_args()
    home = Home.resolve(args.home) if args.home else build_repository(args.n)
    with Lontar(home) as service:
        if not args.home and service.store.doc_count() < args.n:
            service.index.reindex()
        with service.store.searcher() as searcher:
            ids = list(searcher.reader().column_reader("id"))
            codes = {
                fields["id"]: fields.get("classification", "")
                for fields in searcher.all_stored_fields()
            }
        classified = [i for i in ids if codes.get(i)]
        sample = random.Random(3).sample(classified, min(args.sample, len(classified)))
        majority = Counter(codes[i] for i in classified).most_common(3)
        hits1 = hits3 = 0
        samples = []
        for record_id in sample:
            started = time.perf_counter()
            ranked = [s.code for s in suggest(service.store, ADMIN, record_id, top=3)]
            samples.append(time.perf_counter() - started)
            hits1 += bool(ranked) and ranked[0] == codes[record_id]
            hits3 += codes[record_id] in ranked
        baseline1 = sum(codes[i] == majority[0][0] for i in sample) / len(sample)
        baseline3 = sum(codes[i] in {c for c, _ in majority} for i in sample) / len(sample)
    report(
        "classify",
        {
            "records": len(ids),
            "held_out": len(sample),
            "codes": len(set(codes.values()) - {""}),
            "top1": round(hits1 / len(sample), 3),
            "top3": round(hits3 / len(sample), 3),
            "majority_top1": round(baseline1, 3),
            "majority_top3": round(baseline3, 3),
            "latency": percentiles(samples),
        },
    )


if __name__ == "__main__":
    main()
