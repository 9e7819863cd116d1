"""A confined record (a received letter's thread) is seen by the principals it names and the
Administrator only: not by the unit's other members, not by the public even at class B, and
the same in search as in the record view. Roles held in a unit are principals of their own
(`role:Pencatat@DINKES`), so a thread can name "the unit's pencatat" without naming people."""

from __future__ import annotations

import pytest

from indexes.search import SearchRequest
from repository.core.content import ROOT_KEY
from repository.core.db import write
from repository.core.errors import RecordNotFound
from repository.core.security import ADMIN, ANONYMOUS, role_principals
from repository.records.records import get_record
from repository.records.sharing import enqueue_subtree
from tests.conftest import add, make_pdf

PASSWORD = "rahasia-uji-123"
PEOPLE = {  # name: (roles, unit)
    "staf": ({"Staf"}, "DINKES"),
    "named": ({"Staf"}, "DINKES"),
    "pencatat": ({"Pencatat"}, "DINKES"),
    "pencatat.dpk": ({"Pencatat"}, "DPK"),
}


@pytest.fixture
def thread(service):
    for name, (roles, unit) in PEOPLE.items():
        service.access.add_account(ADMIN, name, PASSWORD, roles, unit=unit, clearance="T")
    berkas = service.ingest.create_container(ADMIN, "DINKES", "file", "Naskah masuk 0001")
    inside = add(
        service, "surat.pdf", make_pdf("Undangan rapat koordinasi", "Zebrakuda"), into=berkas
    )
    outside = add(service, "lain.pdf", make_pdf("Laporan bulanan", "Zebrakuda"))

    def confine(root) -> None:
        pemda = root[ROOT_KEY]
        record = get_record(pemda, berkas)
        record.confined = ("user:named", *role_principals(record, {"Pencatat"}))
        enqueue_subtree(pemda, record)

    write(service.db, confine)
    service.index.catch_up()
    return service, berkas, inside, outside


def _hits(service, name: str) -> set[str]:
    caller = ANONYMOUS if name == "anonymous" else service.access.caller(name)
    result = service.records.search(caller, SearchRequest(query="Zebrakuda"))
    return {hit.id for hit in result.hits}


@pytest.mark.parametrize(
    "name, sees",
    [
        ("named", True),
        ("pencatat", True),
        ("admin", True),
        ("staf", False),
        ("pencatat.dpk", False),
        ("anonymous", False),
    ],
)
def test_only_the_named_principals_see_a_confined_thread(thread, name, sees):
    service, berkas, inside, _ = thread
    caller = {"admin": ADMIN, "anonymous": ANONYMOUS}.get(name) or service.access.caller(name)
    hits = _hits(service, name) if name != "admin" else None
    if hits is not None:
        assert (inside in hits) is sees
    for record_id in (berkas, inside):
        if sees:
            assert service.records.show(caller, record_id)["id"] == record_id
        else:
            with pytest.raises(RecordNotFound):
                service.records.show(caller, record_id)


def test_the_units_other_records_are_untouched(thread):
    service, _, inside, outside = thread
    assert outside in _hits(service, "staf")
    assert inside not in _hits(service, "staf")


def test_a_role_in_a_unit_is_a_principal_of_its_own(service):
    service.access.add_account(ADMIN, "pc", PASSWORD, {"Pencatat"}, unit="DINKES")
    principals = service.access.caller("pc").principals
    assert "role:Pencatat@DINKES" in principals
    assert "role:Pencatat" not in principals  # a grant in a unit is not one at the Pemda
