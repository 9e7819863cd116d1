"""bench/oai.py on a small repository: the harvest it times serves every public record and
only those, through every token, and the baseline builds the same records (no timing is
asserted; the benchmark itself reports the figures)."""

from __future__ import annotations

from bench import oai as bench
from repository.core.config import Home


def test_the_benchmark_harvests_exactly_its_public_records_and_builds_them_raw(tmp_path):
    home = Home.resolve(tmp_path / "home")
    bench.build(450, home)
    figures = bench.measure(home)
    for run in ("harvest_first", "harvest"):
        assert figures[run]["records"] == 450  # not one of the T items beside them
        assert figures[run]["pages"] == 5
        assert figures[run]["peak_rss_mb"] > 0
    assert figures["raw_dc"]["records"] == 450
    assert figures["ratio"] > 0 and figures["ledger_records_per_s"] > 0
    assert sum(items for _, items in bench.plan(450)) == 450 - 8 * (1 + bench.SERIES + 1)
