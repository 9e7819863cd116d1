"""The demo repository `make run` creates on first start: built through the same services a
user calls, so every page has something to show."""

from __future__ import annotations

from indexes.search import SearchRequest
from repository.app import Lontar
from repository.core.security import ADMIN, ANONYMOUS, PERMISSIONS
from repository.demo.builder import DEMO_ACCOUNTS, build_demo, demo_account_lines


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


def test_every_opd_has_someone_below_the_administrator_who_may_share(home):
    """So a demo user can try sharing in DINKES, DISDIK...: an Arsiparis or Pejabat per OPD,
    and the login page's list names every account with its password."""
    with Lontar(home) as service:
        build_demo(service, records=16)
        opds = [u["code"] for u in service.records.units(ADMIN) if not u["parent"]]
        below_admin = PERMISSIONS["share"] - {"Administrator"}
        sharers = {unit for _, _, roles, unit, *_ in DEMO_ACCOUNTS if roles & below_admin}
        assert set(opds) <= sharers
        for name, password, roles, unit, *_ in DEMO_ACCOUNTS:
            if unit in opds and roles & below_admin:
                caller = service.access.login(name, password)
                assert dict(caller.grants)[unit] & below_admin
    lines = demo_account_lines()
    assert len(lines) == len(DEMO_ACCOUNTS)
    for line, (name, password, *_) in zip(lines, DEMO_ACCOUNTS, strict=True):
        assert line.split()[:2] == [name, password]


def test_the_demo_has_records_waiting_for_a_code_and_no_fonds_in_that_queue(home):
    with Lontar(home) as service:
        build_demo(service, records=16)
        queue = service.workbench.classification_queue(ADMIN)
        assert queue.total == 2 and {h.level for h in queue.hits} == {"item"}
        fonds = service.records.search(ADMIN, SearchRequest(level="fonds", unclassified=True))
        assert fonds.total  # fonds have no code and are not work to do
