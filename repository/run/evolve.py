"""Upgrades: numbered evolve steps that bring an older database to this release's shape.

The database records its schema generation on the Pemda (`Pemda.schema_version`; data from
before generations reads as the class default, 1). `STEPS` maps each later generation to the
function that brings the data from the generation before it; `lontar serve` runs the pending
ones at start, before the worker and the app (repository/run/serve.py), and `lontar upgrade`
runs or lists them. Each step runs in a transaction of its own, which also raises the stored
generation and writes an `evolved` audit entry in the same commit (both or neither), so a
step killed half-way is simply run again. Each is idempotent: it changes only what is still
in the older shape and reports how many things it changed.

A database whose generation is newer than `NEWEST` was written by a newer release: it is
refused (`DatabaseNewer`), since this code could misread or damage what it does not know.

What the steps are, honestly: the release before the catalogue (9e90da6) left nothing that
today's code cannot read: the fields added since (`Record.published`, `Record.language`,
`Pemda.catalogue`) have class defaults, and an index without the new `language` and
`digital` fields is rebuilt by the worker by itself (`IndexStore.outdated`). Older
repositories still carry two shapes that today's code converts lazily, on the first write
that needs them: the flat classification table from before scheme versions (whose lazy
conversion loses it, see `scheme_versions`), and a letters registry from before the
per-owner work lists (built by the first person opening Kotak Masuk, inside their request).
The steps do both once, at upgrade, before anything else writes, logged and audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import ZODB
from BTrees.OOBTree import OOBTree

from repository.core.audit import AuditLog, Event
from repository.core.audit_pg import PgAuditLog, open_audit
from repository.core.config import Home
from repository.core.content import ROOT_KEY, Pemda, pemda_of
from repository.core.db import open_db, reading, write
from repository.core.errors import LontarError
from repository.core.i18n import translate
from repository.letters import queues
from repository.workbench import scheme

FIRST = 1  # the generation of data written before generations were recorded
ACTION = "evolved"  # the audit trail's action of one step


class DatabaseNewer(LontarError):
    """The database was written by a newer Lontar than this one."""

    key = "evolve_newer"


def scheme_versions(pemda: Pemda) -> int:
    """A repository from before scheme versions keeps its codes in one flat table, which
    readers take as the version "awal" loaded at the beginning of time; it becomes that
    stored version, exactly as read (the date too), so nothing any view shows changes.

    Not through `scheme.schemes_of`, which would do it on the first scheme change: that one
    creates the (empty) versions before it reads the flat table, so it loses the "awal"
    version and every code filed under it stops resolving (reported to the integrator).
    Returns the number of codes carried over."""
    if pemda.schemes is not None or not len(pemda.classification):
        return 0
    first = scheme.Scheme(scheme.LEGACY, dt.date.min)
    first.codes.update(pemda.classification.items())
    pemda.schemes = OOBTree({scheme.LEGACY: first})
    pemda.current_scheme = scheme.LEGACY
    return len(first.codes)


def letter_work_lists(pemda: Pemda) -> int:
    """A letters registry from before the per-owner work lists gets them, built from every
    letter's state (`queues.build_lists`, which Kotak Masuk otherwise runs on its first
    read). Returns the number of letters placed in a list."""
    registry = pemda.letters
    if not queues.needs_lists(registry):
        return 0
    return queues.build_lists(registry)


Step = Callable[[Pemda], int]
STEPS: dict[int, Step] = {2: scheme_versions, 3: letter_work_lists}
NEWEST = max(STEPS)


@dataclass(frozen=True)
class Evolved:
    """One step run: from which generation to which, its name and how much it changed."""

    old: int
    new: int
    name: str
    changed: int

    def line(self, lang: str | None = None) -> str:
        """The log line: "evolved the database from generation 1 to 2: <what>"."""
        if self.changed:
            what = translate(f"evolve_step_{self.name}", lang, count=self.changed)
        else:
            what = translate("evolve_nothing", lang, name=self.name)
        return translate("evolve_done", lang, old=self.old, new=self.new, what=what)


def generation(pemda: Pemda) -> int:
    """The Pemda's stored generation; the class default (`FIRST`) for data from before."""
    return int(getattr(pemda, "schema_version", FIRST))


def stored_generation(db: ZODB.DB) -> int | None:
    """The database's generation, None when it holds no repository yet."""
    with reading(db) as root:
        return generation(root[ROOT_KEY]) if ROOT_KEY in root else None


def check_known(stored: int) -> None:
    """Raises `DatabaseNewer` for a generation this code does not know."""
    if stored > NEWEST:
        raise DatabaseNewer(stored=stored, newest=NEWEST)


def pending(db: ZODB.DB) -> list[tuple[int, str]]:
    """(generation, step name) of each step still to run, oldest first; raises
    `DatabaseNewer` for a database newer than this code."""
    stored = stored_generation(db)
    if stored is None:
        return []
    check_known(stored)
    return [(number, STEPS[number].__name__) for number in sorted(STEPS) if number > stored]


def evolve(
    db: ZODB.DB,
    audit: AuditLog,
    actor: str = "system",
    origin: str = "",
    report: Callable[[Evolved], None] | None = None,
) -> list[Evolved]:
    """Runs every pending step in order, each in its own transaction with its audit entry;
    `report` hears of each as soon as it is committed. Returns the steps run (none when the
    database is new, at the newest generation, or another process got there first)."""
    done = []
    for number, _name in pending(db):
        step = _run_step(db, audit, number, actor, origin)
        if step is not None:
            done.append(step)
            if report is not None:
                report(step)
    return done


def _run_step(db: ZODB.DB, audit: AuditLog, number: int, actor: str, origin: str) -> Evolved | None:
    """One step in its transaction, which also raises the generation and writes the entry;
    None when the generation had moved past it meanwhile."""
    function = STEPS[number]

    def work(root) -> Evolved | None:
        pemda = pemda_of(root)
        old = generation(pemda)
        check_known(old)
        if old >= number:
            return None  # done meanwhile (another process), or a repeat after a retry
        changed = function(pemda)
        pemda.schema_version = number
        return Evolved(old, number, function.__name__, changed)

    def events(done: Evolved | None) -> list[Event]:
        if done is None:
            return []
        detail = {"from": done.old, "to": done.new, "step": done.name, "changed": done.changed}
        return [(actor, ACTION, f"generation:{number}", origin, detail)]

    return write(db, work, note=f"evolve to generation {number}", audit=audit, events=events)


def audit_log(home: Home) -> AuditLog | PgAuditLog:
    """The home's audit trail (where `Context.audit` writes: the file or PostgreSQL)."""
    return open_audit(home)


def evolve_home(home: Home, report: Callable[[Evolved], None] | None = None) -> list[Evolved]:
    """What `lontar serve` runs at start: opens the database the way every process does (its
    ZEO server, a configured storage, or the file), evolves it as the system, closes it."""
    db = open_db(home)
    try:
        return evolve(db, audit_log(home), report=report)
    finally:
        db.close()
