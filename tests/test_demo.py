"""The demo repository `make run` creates on first start: built through the same services a
user calls, so every page has something to show."""

from __future__ import annotations

import pytest

from indexes.search import SearchRequest
from repository.app import Lontar
from repository.core import clock
from repository.core.errors import RecordNotFound
from repository.core.security import ADMIN, ANONYMOUS, PERMISSIONS
from repository.demo.builder import DEMO_ACCOUNTS, build_demo, demo_account_lines
from repository.letters import queues

CIRCULAR = "Penerapan tata naskah dinas elektronik"  # the Sekda's letter to every OPD


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


def test_the_demo_fills_every_incoming_queue_and_the_circular_reaches_every_opd(home):
    """Kotak Masuk has something in each incoming and disposition queue for the Dinas
    Kesehatan's people; the Sekda's circular is registered in every OPD's agenda masuk, and
    Bappeda's head may dispose it while his Kepala Bidang cannot open it yet."""
    with Lontar(home) as service:
        made = build_demo(service, records=8)
        assert made["incoming"] == 8
        year = clock.today().year
        counts = [
            service.letters.inbox_counts(service.access.caller(name, "uji"))
            for name in ("kadinkes", "sekdinkes", "kabid.p2p", "pencatat")
        ]
        waiting = {queue for found in counts for queue, n in found.items() if n}
        assert set(queues.INCOMING + queues.DISPOSITIONS) <= waiting
        for unit in ("SETDA", "DINKES", "BAPPEDA", "DPK", "KEC.UTARA"):
            rows = service.letters.agenda_register(ADMIN, unit, year, CIRCULAR)
            assert [r["state"] for r in rows] == ["registered"], unit
        (circular,) = service.letters.agenda_register(ADMIN, "BAPPEDA", year, CIRCULAR)
        head = service.access.caller("kabappeda", "uji")
        assert "dispose" in service.letters.incoming(head, circular["id"])["actions"]
        with pytest.raises(RecordNotFound):
            service.letters.incoming(service.access.caller("kabid.ekonomi", "uji"), circular["id"])
        _dispositions_in_every_state(service)


def _dispositions_in_every_state(service: Lontar) -> None:
    """The Dinas Kesehatan's agenda this year: dispositions unread, read, closed and
    cancelled (the overdue one is counted above: in early January it is last year's), one
    answered with a reply draft; the external letters carry their scans."""
    kadinkes = service.access.caller("kadinkes", "uji")
    rows = service.letters.agenda_register(ADMIN, "DINKES", clock.today().year)
    received = [r["received"] for r in rows]
    assert received == sorted(received)  # the agenda runs in the order letters arrived
    chains = [service.letters.incoming(kadinkes, r["id"]) for r in rows]
    states = [d["state"] for found in chains for d in found["dispositions"]]
    assert {"unread", "read", "closed", "cancelled"} <= set(states)
    (answered,) = [found for found in chains if any(d["reply"] for d in found["dispositions"])]
    kabid = service.access.caller("kabid.p2p", "uji")  # the draft is its author's so far
    (reply,) = service.letters.incoming(kabid, answered["id"])["replies"]
    assert service.letters.letter(kabid, reply["id"])["in_reply_to"] == answered["id"]
    assert {r["kind"] for r in rows} == {"to", "cc"}
    assert all(found["documents"] for found in chains if found["source"] == "external")
