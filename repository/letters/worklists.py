"""The letters' service part: the caller's work queues (Kotak Masuk and Beranda's counts),
read from the work-queue index, and the e-mail notifications the worker sends.

What one sees is the queues of the positions one holds on the day (held or acted for, Plt /
Plh) and, for the units where one keeps the agenda, the letters waiting to be registered.
Every candidate the index names is checked with the visibility rule before it is counted
or listed (queues.py): an index is not a permission.
"""

from __future__ import annotations

import logging

from repository.core import clock
from repository.core.config import MailSettings
from repository.core.content import Pemda
from repository.core.db import reading
from repository.core.errors import AccessDenied, InvalidInput
from repository.core.security import Caller
from repository.letters import notify, queues, views, workindex
from repository.letters.model import Registry, registry_of
from repository.letters.service_base import LetterBase
from repository.letters.views import Who
from repository.ppid.forms import EMAIL

log = logging.getLogger("lontar.notify")
MAX_EMAIL = 254


class Worklists(LetterBase):
    def inbox(self, caller: Caller) -> dict:
        """{"counts": {queue: n}, "lists": {queue: [row]}} for every queue of queues.QUEUES,
        each list newest first."""
        return self._collect(caller, rows=True)

    def inbox_counts(self, caller: Caller) -> dict[str, int]:
        """The counts alone (Beranda): the same checks, no lines built."""
        return self._collect(caller, rows=False)["counts"]

    def _collect(self, caller: Caller, rows: bool) -> dict:
        lists: dict[str, list[dict]] = {q: [] for q in queues.QUEUES}
        self._ensure_lists()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            if registry is not None and not caller.anonymous:
                who = Who.of(registry, caller, clock.today())
                _outgoing(pemda, registry, who, lists)
                _incoming(pemda, registry, who, lists)
                _dispositions(pemda, registry, who, lists)
        for found in lists.values():
            found.sort(key=lambda r: r["at"] or "", reverse=True)
        counts = {queue: len(found) for queue, found in lists.items()}
        return {"counts": counts, "lists": lists if rows else {}}

    def _ensure_lists(self) -> None:
        """A registry written before the per-owner outgoing lists gets them once, built from
        every letter (a write on first use, as the type catalogue is seeded): afterwards the
        queues are read from the caller's own lists, however many letters are in progress."""
        with reading(self.db) as root:
            if not queues.needs_lists(self._pemda(root).letters):
                return

        def build(pemda: Pemda) -> int:
            registry = registry_of(pemda)
            return queues.build_lists(registry) if queues.needs_lists(registry) else 0

        self.commit(
            Caller("system"),
            lambda root: build(self._pemda(root)),
            note="letters work lists",
            audit=lambda _: (),
        )

    # -- e-mail -----------------------------------------------------------------------------------
    def email(self, caller: Caller) -> str:
        """One's own notification address ("" for none), for the form that changes it."""
        with reading(self.db) as root:
            found = (self._pemda(root).accounts or {}).get(caller.name)
            return getattr(found, "email", "") if found is not None else ""

    def set_email(self, caller: Caller, address: str, account: str = "") -> None:
        """The address notifications go to: one's own, or anyone's for an administrator of
        accounts ("" removes it)."""
        name = (account or caller.name).strip().lower()
        address = (address or "").strip()
        if name != caller.name and not caller.may("manage"):
            raise AccessDenied()
        if address and (len(address) > MAX_EMAIL or not EMAIL.match(address)):
            raise InvalidInput("notify_email_invalid", address=address)

        def change(pemda: Pemda) -> None:
            found = (pemda.accounts or {}).get(name)
            if found is None:
                raise InvalidInput("notify_account_unknown", account=name)
            found.email = address

        self._write(
            caller,
            change,
            f"notify email {name}",
            audit=lambda _: [("notify_email_set", f"account:{name}", {"set": bool(address)})],
        )

    def outbox(self, caller: Caller) -> list[dict]:
        """The notifications waiting to be sent (or retried, with their last error)."""
        if not caller.may("manage"):
            raise AccessDenied()
        with reading(self.db) as root:
            return notify.pending_rows(self._pemda(root).letters)

    def send_notifications(self, settings: MailSettings | None) -> int:
        """The worker's job: with a server configured, switch the outbox on (once), then send
        what is due and settle each entry in its own transaction after sending. Returns how
        many messages went out; 0 when off or nothing is due."""
        if settings is None:
            return 0
        now = clock.utcnow()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            if registry is not None and notify.enabled(registry):
                day = clock.today()
                due = notify.due(registry, now)
                mails = {
                    key: notify.compose(pemda, registry, key, entry, day, settings.public_url)
                    for key, entry in due
                }
            else:
                due, mails = [], None
        if mails is None:
            self._system_write(lambda registry: notify.switch_on(registry), "notify on")
            return 0
        failed = notify.send(settings, [m for found in mails.values() for m in found])
        for key, error in failed.items():
            log.warning("notification %s not sent: %s", key, error)
        outcomes = {key: failed.get(key) for key in mails}
        if outcomes:
            self._system_write(lambda registry: notify.settle(registry, outcomes, now), "notify")
        return sum(len(found) for key, found in mails.items() if key not in failed)

    def _system_write(self, change, note: str) -> None:
        """A change nobody made (the worker's bookkeeping): not audited."""
        self.commit(
            Caller("system"),
            lambda root: change(registry_of(self._pemda(root))),
            note=note,
            audit=lambda _: (),
        )


# -- reading the queues ---------------------------------------------------------------------------
def _outgoing(pemda: Pemda, registry: Registry, who: Who, lists: dict) -> None:
    """To verify, to sign, signed not sent: from the caller's outgoing lists."""
    for queue, letter in queues.waiting_outgoing(pemda, registry, who):
        if views.may_see(pemda, registry, letter, who):
            lists[queue].append(queues.letter_row(pemda, registry, letter, queue))


def _incoming(pemda: Pemda, registry: Registry, who: Who, lists: dict) -> None:
    table = getattr(registry, "incoming", None) or {}
    owners = [f"position:{code}" for code in sorted(who.held)]
    wanted = [(q, owners) for q in ("incoming_unread", "incoming_open", "cc_unread")]
    wanted.append(("unregistered", queues.unit_owners(pemda, registry, who)))
    for queue, where in wanted:
        for incoming_id in workindex.ids(registry, queue, where):
            found = table.get(incoming_id)
            if found is not None and views.sees_incoming(pemda, registry, found, who):
                lists[queue].append(queues.incoming_row(pemda, registry, found, who, queue))


def _dispositions(pemda: Pemda, registry: Registry, who: Who, lists: dict) -> None:
    table = getattr(registry, "dispositions", None) or {}
    incoming = getattr(registry, "incoming", None) or {}
    owners = [f"position:{code}" for code in sorted(who.held)]
    for queue in ("disp_unread", "disp_open"):
        for disposition_id in workindex.ids(registry, queue, owners):
            found = table.get(disposition_id)
            letter = incoming.get(found.incoming_id) if found is not None else None
            if letter is None or not views.sees_incoming(pemda, registry, letter, who):
                continue
            line = queues.disposition_row(pemda, registry, found, letter, who, queue)
            lists[queue].append(line)
            if queue == "disp_open" and queues.overdue(found, who.day):
                lists["disp_overdue"].append({**line, "queue": "disp_overdue"})
