"""bench/browser.py measures every page and every floor gesture: one round on a tiny
repository (no timing is asserted; the benchmark itself reports the figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import browser as bench
from repository.core.config import Home

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_one_round_gives_figures_for_every_page(tmp_path):
    pytest.importorskip("playwright.sync_api")
    if not Path(bench.CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it (apt package chromium)")
    home = Home.resolve(tmp_path / "home")
    bench.fill(home, 120)
    bench.staff(home)

    samples = bench.measure(home, rounds=1, warmup=0)

    assert set(samples) == {*bench.PAGES, *bench.FLOOR_LABELS}
    assert all(len(values) == 1 and values[0] > 0 for values in samples.values())
    figures = bench.summary(samples)
    assert set(figures["pages"]) == set(bench.PAGES)
    assert all(row["ratio_p95"] > 0 for row in figures["pages"].values())
    assert bench.table(figures).count("\n") == len(bench.PAGES) + 1
