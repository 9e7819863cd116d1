"""bench/curve.py reads what the benchmarks wrote: a figure of each kind lands in its row and
size column, and a size not measured shows a dash rather than a wrong number."""

from __future__ import annotations

import json

from bench.curve import rows, table


def test_the_curve_places_each_figure_in_its_row_and_size(tmp_path):
    search = {
        "lontar": {
            "anonymous_filtered": {"p50_ms": 41.2, "p95_ms": 121.55},
            "one_unit": {"p50_ms": 39.6, "p95_ms": 95.88},
            "admin": {"p50_ms": 41.64, "p95_ms": 79.62},
            "peak_rss_mb": 511,
        },
        "raw_whoosh_unfiltered": {"p50_ms": 300.0, "p95_ms": 2100.0},
    }
    (tmp_path / "search-1000000.json").write_text(json.dumps(search))
    (tmp_path / "reindex-100000.json").write_text(
        json.dumps({"lontar": {"seconds": 147.7, "peak_rss_mb": 375}, "raw": {"seconds": 157.8}})
    )
    found = dict(rows(tmp_path))
    assert found["search p50 / p95, one-OPD official"] == ["–", "–", "39.6 / 95.88 ms"]
    assert found["raw Whoosh search p50 / p95 (no filter, no facets)"][2] == "300 / 2,100 ms"
    assert found["search process peak memory"] == ["–", "–", "511 MB"]
    assert found["reindex"] == ["–", "148 s", "–"]
    assert table(tmp_path).splitlines()[0] == "| | 10,000 | 100,000 | 1,000,000 |"
