"""The demo repository `make run` creates on first start: built through the same services a
user calls, so every page has something to show."""

from __future__ import annotations

from indexes.search import SearchRequest
from repository.app import Lontar
from repository.core.security import ADMIN, ANONYMOUS
from repository.demo.builder import DEMO_ACCOUNTS, build_demo


def test_a_small_demo_has_records_accounts_and_ppid_cases(home):
    with Lontar(home) as service:
        made = build_demo(service, records=24)
        assert service.records.search(ADMIN, SearchRequest(level="item")).total == made["records"]
        for name, password, *_ in DEMO_ACCOUNTS:
            assert service.access.login(name, password).name == name
        queue = service.ppid.ppid_queue(service.access.caller("ppid"))
        assert sorted(r["decision"] for r in queue) == ["dikabulkan seluruhnya", "ditolak"]
        assert len(service.ppid.public_dip()) == 3
        assert service.ppid.dik_list(ANONYMOUS)[0]["ground"] == "h"
        assert service.workbench.scheme_versions()
