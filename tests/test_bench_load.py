"""bench/load.py end to end: a short run of two users on one node (`lontar serve` on a fresh
demo home) and on the empty app, through the command line, gives every figure and meets no
error (no timing is asserted; the benchmark itself reports the figures)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench import load
from bench.common import OUT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROJECT = Path(__file__).resolve().parent.parent
LABEL = "smoke-test"


def test_two_users_for_twenty_seconds_give_figures_and_no_errors(tmp_path):
    if not Path(load.CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it (apt package chromium)")
    written = OUT / f"load-{LABEL}.json"
    written.unlink(missing_ok=True)
    argv = ["--topology", "one", "--users", "2", "--duration", "20", "--floor", "5"]
    argv += ["--label", LABEL, "--workdir", str(tmp_path / "load")]
    done = subprocess.run(
        [sys.executable, "-m", "bench.load", *argv],
        cwd=PROJECT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]

    figures = json.loads(written.read_text())
    assert figures["errors_total"] == 0, figures["examples"]
    assert figures["floor_errors_total"] == 0
    assert figures["users"] == 2 and figures["users_per_node"] == [2]
    assert figures["after_login"]["count"] == 2  # each user's first search, apart
    for gesture in load.GESTURES:
        assert figures["floor"][gesture]["count"] > 0
    actions = figures["actions"]
    assert actions["search"]["count"] > 0 and actions["open"]["count"] > 0
    assert actions["upload"]["count"] >= 1  # user 0 uploads in its first round
    for name in ("search", "open"):
        row = actions[name]
        assert row["p50_ms"] > 0 and row["p95_ms"] > 0 and row["ratio_p95"] > 0
        assert row["skipped"] == 0  # its words were chosen to find something
    assert figures["actions_per_s"] > 0 and len(figures["uptime"][0]) == 3
    assert load.table(figures) in done.stdout
