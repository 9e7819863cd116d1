"""What every part of the letters' service shares: writing through the Pemda, seeding the
type catalogue on first use, finding a letter the caller may see, and the permission checks.

`LetterServices` (services.py) is composed of mixins that all inherit this base, so each
part can live in its own module and still be one service object (`lontar.letters`).
"""

from __future__ import annotations

from repository.core import clock
from repository.core.content import Pemda
from repository.core.db import RETRIES, reading
from repository.core.errors import AccessDenied, RecordNotFound
from repository.core.security import Caller
from repository.core.service import Context, Service
from repository.letters import (
    catalogue,
    dispatch,
    filing,
    messages,  # noqa: F401  (registers the catalogue)
    queues,
    views,
    workflow,
)
from repository.letters.model import Letter, Registry, registry_of
from repository.letters.views import Who
from repository.records.access import AccessServices
from repository.records.services import RecordServices

NOT_FOUND = "letter_not_found"


class LetterBase(Service):
    def __init__(self, context: Context, records: RecordServices, access: AccessServices) -> None:
        super().__init__(context)
        self.records = records
        self.access = access

    def _write(self, caller: Caller, work, note: str, audit=lambda _: (), retries: int = RETRIES):
        return self.commit(
            caller, lambda root: work(self._pemda(root)), note=note, audit=audit, retries=retries
        )

    def _ensure_seeded(self) -> None:
        """The type catalogue and the two standard groups, on first use (no audit: nobody
        did anything; it is the Pemda's starting set)."""
        with reading(self.db) as root:
            registry = self._pemda(root).letters
            if registry is not None and len(registry.types) and len(registry.groups):
                return

        def seed(pemda: Pemda) -> None:
            registry = registry_of(pemda)
            catalogue.seed(registry)
            dispatch.seed_groups(pemda, registry)

        self.commit(
            Caller("system"),
            lambda root: seed(self._pemda(root)),
            note="letters seed",
            audit=lambda _: (),
        )

    def _letter(self, pemda: Pemda, registry: Registry | None, who: Who, letter_id: str) -> Letter:
        letter = registry.letters.get(letter_id or "") if registry is not None else None
        if letter is None or not views.may_see(pemda, registry, letter, who):
            raise RecordNotFound(NOT_FOUND, id=letter_id)
        return letter

    def _manage(self, caller: Caller, pemda: Pemda, unit: str | None = None) -> None:
        where = pemda.units.get((unit or "").upper()) if unit else pemda
        if where is None or not caller.may("manage_letters", where):
            raise AccessDenied()

    def _apply(self, pemda: Pemda, registry: Registry, who: Who, letter: Letter, action, **kw):
        roles = who.roles(pemda, letter.unit)
        state = workflow.apply(
            letter, action, who.caller.name, positions_held=who.held, roles_in_unit=roles, **kw
        )
        queues.track(registry, letter)  # the work lists and notifications (C)
        return state

    def _act(self, caller: Caller, letter_id: str, action: str, audited: str, **kw) -> str:
        """A workflow action in its own transaction; only the version goes to the audit (a
        note may be long and is in the letter's history)."""

        def change(pemda: Pemda) -> str:
            registry = registry_of(pemda)
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            state = self._apply(pemda, registry, who, letter, action, **kw)
            _void_if_closed(registry, letter)
            return state

        detail = {k: v for k, v in kw.items() if k == "version"}
        return self._write(
            caller,
            change,
            f"letter {action} {letter_id}",
            audit=lambda now: [(audited, f"letter:{letter_id}", {**detail, "result": now})],
        )


CLOSED = {"rejected": "letter_number_void_rejected", "withdrawn": "letter_number_void_withdrawn"}


def _void_if_closed(registry: Registry, letter: Letter) -> None:
    """A letter that ends unsigned while holding a number from a failed attempt gives it
    up in the same transaction, as a void line of the agenda keluar (no invisible gap)."""
    if letter.state in CLOSED and letter.number and letter.signed is None:
        filing.void_number(registry, letter, CLOSED[letter.state])
