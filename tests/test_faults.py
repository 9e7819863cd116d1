"""The fault-injection suite, a few seeded rounds of each fault with the real processes
(`python -m bench.faults --rounds 50` is the soak behind docs/reliability.md): after each, every
record a command reported is there with its bytes, audited, and indexed after catch-up, and the
audit trail's chain is intact."""

from __future__ import annotations

import pytest

from bench.faults import FAULTS, run

ROUNDS = {"concurrent": 1, "zeo_restart": 1, "disk_full_reindex": 1}


@pytest.mark.slow
@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_nothing_reported_is_lost_unaudited_or_unindexed(fault, tmp_path):
    row = run(fault, ROUNDS.get(fault, 2), seed=7, workdir=tmp_path)
    assert row.reported, "the fault struck before anything was committed: not a test"
    assert (row.lost, row.unaudited, row.unindexed) == (0, 0, 0), row
    assert row.chain_intact, row
