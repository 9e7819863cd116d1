"""The work queues (Kotak Masuk) on real parts: letters drafted, verified and signed with the
Pemda's CA, incoming letters registered through the receiving service (their PDF through the
ingest), dispositions given by the disposition service, all in a FileStorage repository. The
queues are read from the work-queue index; each item is checked again for visibility."""

from __future__ import annotations

import datetime as dt

import pytest
from BTrees.OOBTree import OOTreeSet

from repository.core import clock
from repository.core.content import pemda_of
from repository.core.db import reading, write
from repository.core.security import ADMIN, ANONYMOUS
from repository.letters import queues, workindex
from repository.letters.model import registry_of
from repository.letters.signing.provider import provider_for
from tests.conftest import make_pdf
from tests.test_letters import (  # noqa: F401  (fixtures)
    PASSWORD,
    fields,
    office,
    ready_letter,
    sign,
    signing,
    who,
)

ALL_QUEUES = set(queues.QUEUES)


def external(service, hal: str = "Permohonan data kasus DBD", **changes) -> str:
    """A letter from outside, registered by DINKES's pencatat (to the head, KADIS)."""
    typed = {
        "sender": "RSUD Kota Uji",
        "their_number": "445/12/RSUD/2026",
        "their_date": clock.today().isoformat(),
        "hal": hal,
        **changes,
    }
    made = service.letters.register_external(
        who(service, "pencatat"), "DINKES", typed, [("surat.pdf", make_pdf(hal, "Isi surat."))]
    )
    return made["id"]


def ids(found: dict, queue: str) -> list[str]:
    return [row["id"] for row in found["lists"][queue]]


def change(service, work) -> None:
    write(service.db, lambda root: work(registry_of(pemda_of(root))), note="test")


def test_a_registered_letter_waits_for_its_addressee_not_for_subordinates(office):  # noqa: F811
    service = office
    incoming_id = external(service)
    kadis = service.letters.inbox(who(service, "kadis"))
    assert set(kadis["counts"]) == ALL_QUEUES and set(kadis["lists"]) == ALL_QUEUES
    assert ids(kadis, "incoming_unread") == [incoming_id]
    assert ids(kadis, "incoming_open") == [incoming_id]
    row = kadis["lists"]["incoming_open"][0]
    assert (row["kind"], row["hal"], row["from"]) == (
        "incoming",
        "Permohonan data kasus DBD",
        "RSUD Kota Uji",
    )
    assert row["agenda"] and row["target"] == incoming_id and row["at"] == clock.today().isoformat()
    assert service.letters.inbox_counts(who(service, "kadis")) == kadis["counts"]
    for name in ("kabid", "sekdis", "staf", "kadpk"):  # not before it is disposed to them
        assert sum(service.letters.inbox_counts(who(service, name)).values()) == 0, name


def test_disposing_moves_the_letter_down_and_the_due_date_makes_it_overdue(office):  # noqa: F811
    service = office
    incoming_id = external(service)
    kadis, kabid = who(service, "kadis"), who(service, "kabid")
    due = clock.today() + dt.timedelta(days=3)
    [disposition_id] = service.letters.dispose(
        kadis, incoming_id, ["KABID"], ["untuk_ditindaklanjuti"], note="Segera", due=due
    )
    assert ids(service.letters.inbox(kadis), "incoming_open") == []
    found = service.letters.inbox(kabid)
    assert ids(found, "disp_unread") == ids(found, "disp_open") == [disposition_id]
    assert ids(found, "disp_overdue") == []
    row = found["lists"]["disp_open"][0]
    assert row["kind"] == "disposition" and row["target"] == incoming_id
    assert row["from"].startswith("Kepala Dinas Kesehatan") and row["due"] == due.isoformat()
    with clock.frozen(due + dt.timedelta(days=1)):
        late = service.letters.inbox(kabid)
    assert ids(late, "disp_overdue") == [disposition_id]
    assert late["counts"]["disp_overdue"] == 1

    service.letters.mark_incoming_read(kabid, incoming_id)
    found = service.letters.inbox(kabid)
    assert ids(found, "disp_unread") == [] and ids(found, "disp_open") == [disposition_id]
    service.letters.close_disposition(kabid, disposition_id, "Data sudah dikirim")
    assert sum(service.letters.inbox_counts(kabid).values()) == 0


def test_an_index_entry_is_not_a_permission(office):  # noqa: F811
    """An id in a queue the caller may not see (here put there by hand) is not listed."""
    service = office
    incoming_id = external(service)

    draft_id = service.letters.draft(who(service, "staf"), fields())

    def stray(registry):
        workindex.add(registry, "incoming_unread", "position:KABID", incoming_id)
        workindex.add(registry, "disp_open", "position:KABID", "no-such-disposition")
        workindex.add(registry, "to_verify", "position:KABID", "no-such-letter")
        workindex.add(registry, "signed", "user:kabid", draft_id)  # someone else's draft

    change(service, stray)
    found = service.letters.inbox(who(service, "kabid"))
    assert found["counts"] == {q: 0 for q in ALL_QUEUES}


def test_outgoing_letters_wait_for_the_verifier_the_signer_and_the_sender(signing):  # noqa: F811
    service = signing
    staf = who(service, "staf")
    letter_id = service.letters.draft(staf, fields())
    service.letters.submit(staf, letter_id)
    assert ids(service.letters.inbox(who(service, "kabid")), "to_verify") == [letter_id]
    assert ids(service.letters.inbox(who(service, "sekdis")), "to_verify") == []
    service.letters.approve(who(service, "kabid"), letter_id, 1)
    assert ids(service.letters.inbox(who(service, "sekdis")), "to_verify") == [letter_id]
    service.letters.approve(who(service, "sekdis"), letter_id, 1)
    kadis = service.letters.inbox(who(service, "kadis"))
    assert ids(kadis, "to_sign") == [letter_id]
    assert kadis["lists"]["to_sign"][0]["from"] == "Sari Staf"
    sign(service, letter_id)
    assert ids(service.letters.inbox(who(service, "pencatat")), "signed") == [letter_id]
    assert ids(service.letters.inbox(who(service, "kadis")), "to_sign") == []
    service.letters.send(who(service, "pencatat"), letter_id)
    assert service.letters.inbox_counts(who(service, "pencatat"))["signed"] == 0
    assert _lists_of(service, letter_id) == set()  # a sent letter is in no list


def test_an_internal_letter_waits_for_the_receiving_units_pencatat(signing):  # noqa: F811
    service = signing
    service.access.add_account(ADMIN, "tudpk", PASSWORD, {"Pencatat"}, unit="DPK")
    service.letters.set_auto_register(ADMIN, False)
    letter_id = ready_letter(service, recipients=["unit:DPK"], copies=[])
    sign(service, letter_id)
    service.letters.send(who(service, "pencatat"), letter_id)
    waiting = service.letters.inbox(who(service, "tudpk"))
    [incoming_id] = ids(waiting, "unregistered")
    assert waiting["lists"]["unregistered"][0]["hal"] == fields()["hal"]
    assert ids(service.letters.inbox(who(service, "pencatat")), "unregistered") == []
    assert ids(service.letters.inbox(ADMIN), "unregistered") == [incoming_id]
    assert sum(service.letters.inbox_counts(who(service, "kadpk")).values()) == 0
    service.letters.register(who(service, "tudpk"), incoming_id)
    assert ids(service.letters.inbox(who(service, "tudpk")), "unregistered") == []
    assert ids(service.letters.inbox(who(service, "kadpk")), "incoming_unread") == [incoming_id]


def test_a_letter_leaves_each_list_when_its_state_changes(signing):  # noqa: F811
    """draft -> verification (each verifier in turn) -> ready -> signing -> (failed) ready ->
    signed -> sent: in exactly the list of whoever it waits for at each step."""
    service = signing
    letters = service.letters
    staf, kadis = who(service, "staf"), who(service, "kadis")
    letter_id = letters.draft(staf, fields())
    assert _lists_of(service, letter_id) == {"drafts|user:staf"}
    assert _stored(service, lambda r: r.outgoing_lists) == queues.LISTS_VERSION  # a new registry
    letters.submit(staf, letter_id)
    assert _lists_of(service, letter_id) == {"to_verify|position:KABID"}
    letters.approve(who(service, "kabid"), letter_id, 1)
    assert _lists_of(service, letter_id) == {"to_verify|position:SEKDIS"}
    letters.approve(who(service, "sekdis"), letter_id, 1)
    assert _lists_of(service, letter_id) == {"to_sign|position:KADIS"}
    started = letters._take_number(kadis, letter_id, 1, provider_for(service.home))
    assert _lists_of(service, letter_id) == {"unknown|all"}
    assert [r["id"] for r in letters.queues(kadis)["unknown"]] == [letter_id]
    with pytest.raises(ValueError):
        letters._stop_and_raise(kadis, letter_id, started, "signing_failed", ValueError("x"))
    assert _lists_of(service, letter_id) == {"to_sign|position:KADIS"}
    sign(service, letter_id)
    assert _lists_of(service, letter_id) == {
        "signed|user:staf",
        "signed|user:kadis",
        "signed|unit:DINKES",
    }
    assert ids(service.letters.inbox(kadis), "signed") == [letter_id]
    letters.send(who(service, "pencatat"), letter_id)
    assert _lists_of(service, letter_id) == set()
    assert [r["id"] for r in letters.queues(staf)["sent"]] == [letter_id]


def test_returned_rejected_and_withdrawn_letters_leave_the_lists(signing):  # noqa: F811
    service = signing
    letters, staf, kabid = service.letters, who(service, "staf"), who(service, "kabid")
    returned = letters.draft(staf, fields())
    letters.submit(staf, returned)
    letters.send_back(kabid, returned, "Perbaiki hal", 1)
    assert _lists_of(service, returned) == {"returned|user:staf"}
    assert [r["id"] for r in letters.queues(staf)["returned"]] == [returned]
    assert ids(letters.inbox(kabid), "to_verify") == []
    letters.edit(staf, returned, {"hal": "Undangan rapat (perbaikan)"})
    assert _lists_of(service, returned) == {"drafts|user:staf"}
    letters.withdraw(staf, returned)
    assert _lists_of(service, returned) == set()
    rejected = letters.draft(staf, fields())
    letters.submit(staf, rejected)
    letters.reject(kabid, rejected, "Tidak perlu")
    assert _lists_of(service, rejected) == set()
    assert letters.queues(staf)["drafts"] == letters.queues(staf)["returned"] == []
    assert _stored(service, lambda r: {k for k, v in r.work.items() if v}) == set()


def test_a_registry_written_before_the_lists_gets_them_once(signing):  # noqa: F811
    """An older registry (one list `open|all`, no owners' lists, letters without `queued`)
    is migrated on the first read of the queues, once; later reads write nothing."""
    service = signing
    letters, staf = service.letters, who(service, "staf")
    draft_id = letters.draft(staf, fields())
    waiting = letters.draft(staf, fields())
    letters.submit(staf, waiting)
    sent = ready_letter(service)
    sign(service, sent)
    letters.send(who(service, "pencatat"), sent)
    withdrawn = letters.draft(staf, fields())
    letters.withdraw(staf, withdrawn)
    before = _stored(service, _all_lists)

    def make_old(registry):
        for key in list(registry.work):
            del registry.work[key]
        registry.work[queues.LEGACY_OPEN] = OOTreeSet([draft_id, waiting])
        for letter in registry.letters.values():
            letter.queued = ()  # the class default: what an older letter reads
        del registry.outgoing_lists

    change(service, make_old)
    assert _stored(service, lambda r: (r.outgoing_lists, _all_lists(r))) == (0, {})
    assert ids(letters.inbox(who(service, "kabid")), "to_verify") == [waiting]
    assert _stored(service, _all_lists) == before
    assert _stored(service, lambda r: queues.LEGACY_OPEN in r.work) is False
    assert _lists_of(service, waiting) == {"to_verify|position:KABID"}
    last = service.db.lastTransaction()
    assert [r["id"] for r in letters.queues(staf)["drafts"]] == [draft_id]
    letters.inbox_counts(who(service, "kadis"))
    assert service.db.lastTransaction() == last  # built once: reading writes nothing now


def test_an_anonymous_caller_has_no_queues(office):  # noqa: F811
    external(office)
    assert office.letters.inbox_counts(ANONYMOUS) == {q: 0 for q in ALL_QUEUES}


def _stored(service, read):
    with reading(service.db) as root:
        return read(pemda_of(root).letters)


def _all_lists(registry) -> dict[str, set[str]]:
    """Every non-empty outgoing list of the work index, as sets."""
    work = registry.work or {}
    wanted = tuple(f"{q}|" for q in workindex.OUTGOING)
    return {k: set(v) for k, v in work.items() if k.startswith(wanted) and v}


def _lists_of(service, letter_id: str) -> set[str]:
    """The lists the letter is in, found by looking through all of them; and the letter's
    own record of them (what `track` removes it from) must say the same."""

    def read(registry):
        found = {k for k, v in (registry.work or {}).items() if letter_id in v}
        assert set(registry.letters[letter_id].queued) == found
        return found

    return _stored(service, read)
