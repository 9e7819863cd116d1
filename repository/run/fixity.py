"""Fixity: every original and OCR derivative re-hashed and compared with what was stored, then
the audit chain verified and the index compared with the database.

The worker runs it on a schedule (`[fixity] every_days`, default weekly, counted from the
start of the last run), one slice of `slice` records per worker step with `pause` seconds
between slices, so a check of 100k records never loads the server; the run's position is
the `ops_fixity_cursor` setting, so a restarted worker goes on where it stopped.
`lontar fixity --now` runs a whole check at once (slices too, bounded memory, no pause).

What each file is compared with:
- an original: its SHA-256 as stored at upload (`attachment.sha256`); a sealed (R/SR) file is
  decrypted first and compared with its sealed real digest, as `core/sealing.py` reads it. A
  flipped bit in a sealed file already fails the decryption (AES-GCM): "unreadable".
- an OCR derivative: no digest is stored when the worker makes it, so the first fixity run
  that sees one records it (`ops_fixity_derivatives`: "id/position" -> the blob's oid and
  its SHA-256, keyed like `sha256` for a sealed file, so Data.fs holds no plain digest of
  a sealed file); later runs compare with that. A new derivative (a new blob) is recorded
  anew.

Findings go to `ops_last_fixity` (read by `lontar health` and Beranda), the audit trail
(event `fixity`, with the counts and the failing record ids) and, from the worker, the log at
ERROR. A finding is a dict with `kind`: "file" (record, position, file, problem: missing,
mismatch, unreadable, no_key), "audit" (line, problem) or "index" (record, problem: missing,
stale, orphan).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from BTrees.OOBTree import OOBTree
from ZODB.POSException import POSError, POSKeyError

from repository.app import Lontar
from repository.core import clock, sealing
from repository.core.audit import AuditLog
from repository.core.audit_pg import PgAuditLog
from repository.core.content import Attachment, pemda_of
from repository.core.db import reading, write
from repository.core.errors import AccessDenied, InvalidInput
from repository.core.i18n import translate
from repository.core.keys import KeyMismatch, KeyMissing, Keyring
from repository.core.operations import (
    FIXITY_CURSOR,
    FIXITY_DERIVATIVES,
    LAST_FIXITY,
    OpsSettings,
    ops_settings,
    read_state,
)
from repository.core.security import Caller

log = logging.getLogger("lontar.fixity")

ACTION = "fixity"
MAX_LISTED = 1000  # findings and record ids kept in the state and the audit entry
AUDIT_LISTED = 20  # audit-chain problems listed (the first ones say where it broke)
WORKER, WORKER_ORIGIN = "system", "worker"
RETRY_SECONDS = 600  # after a failed step
# what loading a damaged record raises (its pickle gone, undone, cut or garbled)
UNLOADABLE = (POSKeyError, POSError, ValueError, TypeError, AttributeError, pickle.UnpicklingError)


# -- one file ------------------------------------------------------------------------------------
def _stream_digest(attachment_blob: Any) -> str:
    with attachment_blob.open("r") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def original_problem(attachment: Attachment, keyring: Keyring) -> str | None:
    """None when the original's bytes still have the SHA-256 stored at upload, else what is
    wrong: missing (no blob file), unreadable (a sealed file that does not decrypt),
    no_key (a sealed file and no master key here), mismatch."""

    def digests() -> tuple[str, str]:
        if attachment.sealed:
            data = sealing.original_bytes(attachment, keyring)
            return hashlib.sha256(data).hexdigest(), sealing.digest(attachment, keyring)
        return _stream_digest(attachment.blob), attachment.sha256

    read, problem = _reading(digests)
    return problem if problem else (None if read[0] == read[1] else "mismatch")


def _reading(read: Any) -> tuple[Any, str | None]:
    """`read()`'s value, or what keeps a file from being read: no_key (a sealed file and no
    master key here), unreadable (it does not decrypt), missing (no blob file)."""
    try:
        return read(), None
    except KeyMissing:
        return None, "no_key"
    except KeyMismatch:
        return None, "unreadable"
    except (POSKeyError, OSError):
        return None, "missing"


def derivative_digest(attachment: Attachment, keyring: Keyring) -> str:
    """The derivative's SHA-256 as recorded: plain, or keyed for a sealed file. Raises
    `KeyMissing`, `KeyMismatch`, `POSKeyError` or `OSError` as reading it does."""
    if not attachment.sealed:
        return _stream_digest(attachment.ocr_blob)
    data = sealing.derivative_bytes(attachment, keyring) or b""
    return keyring.fingerprint(hashlib.sha256(data).hexdigest())


def _derivative_problem(
    key: str, attachment: Attachment, keyring: Keyring, known: Any, baselines: dict
) -> str | None:
    oid = (attachment.ocr_blob._p_oid or b"").hex()
    digest, problem = _reading(lambda: derivative_digest(attachment, keyring))
    if problem:
        return problem
    stored = known.get(key)
    if stored is None or stored[0] != oid:
        baselines[key] = (oid, digest)  # first seen: this is what later runs compare with
        return None
    return None if stored[1] == digest else "mismatch"


# -- one slice of records ------------------------------------------------------------------------
@dataclass
class Slice:
    """What one slice found: records and files checked, findings, derivative digests seen
    for the first time, and the last record id (the next slice starts after it)."""

    last: str | None = None
    records: int = 0
    files: int = 0
    findings: list[dict] = field(default_factory=list)
    baselines: dict[str, tuple[str, str]] = field(default_factory=dict)
    done: bool = False


def check_slice(db: Any, keyring: Keyring, after: str | None, size: int) -> Slice:
    """Checks the `size` records after `after` (None: from the first) in one read; the
    connection's cache is emptied after it, so a run over 100k records stays small."""
    result = Slice(last=after)
    with reading(db) as root:
        pemda = pemda_of(root)
        known = pemda.settings.get(FIXITY_DERIVATIVES) or {}
        for record_id in pemda.records.keys(min=after, excludemin=after is not None):
            if result.records >= size:
                break
            _check_loaded(record_id, pemda.records, keyring, known, result)
            result.records += 1
            result.last = record_id
        else:
            result.done = True
        root._p_jar.cacheMinimize()
    return result


def _check_loaded(record_id: str, records: Any, keyring: Keyring, known: Any, out: Slice) -> None:
    """One record's files; a record whose object cannot be loaded is a finding (its original
    unreadable, position -1) and the slice goes on: one damaged record must not stop every
    later run at the same cursor."""
    try:
        _check_record(record_id, records[record_id], keyring, known, out)
    except UNLOADABLE as exc:
        log.error("fixity: record %s cannot be loaded: %r", record_id, exc)
        out.findings.append(_file_finding(record_id, -1, "original", "unreadable"))


def _check_record(record_id: str, record: Any, keyring: Keyring, known: Any, out: Slice) -> None:
    for position, attachment in record.attachments.items():
        out.files += 1
        problem = original_problem(attachment, keyring)
        if problem:
            out.findings.append(_file_finding(record_id, position, "original", problem))
        if attachment.ocr_blob is None:
            continue
        out.files += 1
        key = f"{record_id}/{position}"
        problem = _derivative_problem(key, attachment, keyring, known, out.baselines)
        if problem:
            out.findings.append(_file_finding(record_id, position, "ocr", problem))


def _file_finding(record_id: str, position: int, file: str, problem: str) -> dict:
    return {
        "kind": "file",
        "record": record_id,
        "position": position,
        "file": file,
        "problem": problem,
    }


# -- a run ---------------------------------------------------------------------------------------
def new_run(db: Any, by: str) -> dict:
    """The state of a run about to start (what `ops_fixity_cursor` holds)."""
    with reading(db) as root:
        total = pemda_of(root).record_count()
    return {
        "started": _now(),
        "after": None,
        "checked": 0,
        "files": 0,
        "failed": 0,
        "findings": [],
        "total": total,
        "by": by,
    }


def advance(state: dict, found: Slice) -> dict:
    """The run's state after one slice (a new dict: stored values are replaced, not changed)."""
    findings = (state["findings"] + found.findings)[:MAX_LISTED]
    return {
        **state,
        "after": found.last,
        "checked": state["checked"] + found.records,
        "files": state["files"] + found.files,
        "failed": state["failed"] + len(found.findings),
        "findings": findings,
    }


def save_slice(db: Any, state: dict | None, baselines: dict, *, cursor: bool) -> None:
    """One short write after a slice: the new derivative digests and (for the worker's run)
    the cursor. Nothing when a run outside the worker found no new derivative."""
    if not cursor and not baselines:
        return

    def work(root: Any) -> None:
        settings = pemda_of(root).settings
        if baselines:
            tree = settings.get(FIXITY_DERIVATIVES)
            if tree is None:
                tree = settings[FIXITY_DERIVATIVES] = OOBTree()
            tree.update(baselines)
        if cursor:
            settings[FIXITY_CURSOR] = state

    write(db, work, note="fixity slice")


def end_checks(lontar: Lontar, previous: dict | None = None) -> tuple[dict, list[dict]]:
    """The audit chain and the index against the database (read only): a summary and the
    findings. What a moment of other processes' work can make look wrong is looked at twice
    and reported only when the second look sees it too: a line being appended to the trail,
    a record changed and indexed between reading the database and the index.

    The chain alone cannot show a cut-off tail; so each run keeps the trail's head (last
    sequence number and hash) and the next run checks that that entry is still there,
    unchanged (`head_changed`): the trail was cut or rewritten in between."""
    audit_log = lontar.context.audit
    verdict = audit_log.verify()
    problems = {(p["line"], p["problem"]) for p in verdict.problems}
    if problems:
        time.sleep(1.0)
        problems &= {(p["line"], p["problem"]) for p in audit_log.verify().problems}
    head = (previous or {}).get("audit", {}).get("head")
    if head and not _head_still_there(audit_log, head):
        problems.add((head["seq"] + 1, "head_changed"))
    findings = [
        {"kind": "audit", "line": line, "problem": problem}
        for line, problem in sorted(problems)[:AUDIT_LISTED]
    ]
    report = _index_report(lontar)
    faults = _index_faults(report)
    if faults:
        time.sleep(1.0)
        faults &= _index_faults(_index_report(lontar))
    findings += [
        {"kind": "index", "record": record_id, "problem": problem}
        for problem, record_id in sorted(faults)
    ][:MAX_LISTED]
    audit = {
        "entries": verdict.count,
        "problems": len(problems),
        "repairs": len(verdict.repairs),
        "head": verdict.head,
    }
    index = {
        "records": report.records,
        "indexed": report.indexed,
        "pending": report.pending,
        "faults": len(faults),
        "unchecked": isinstance(report, _Unchecked),
    }
    summary = {"audit": audit, "index": index}
    return summary, findings


@dataclass
class _Unchecked:
    """The index check's report when a record could not be loaded: no faults claimed."""

    missing: tuple = ()
    stale: tuple = ()
    orphans: tuple = ()
    records: int = 0
    indexed: int = 0
    pending: int = 0


def _index_report(lontar: Lontar) -> Any:
    """The index check; a record that cannot be loaded (already a file finding of the
    slices) stops it, and the run must still end: the index is then reported unchecked."""
    try:
        report = lontar.store.check(lontar.db)
    except UNLOADABLE as exc:
        log.error("fixity: the index could not be checked, a record cannot be loaded: %r", exc)
        return _Unchecked()
    return report


def _head_still_there(trail: AuditLog | PgAuditLog, head: dict) -> bool:
    """Whether the entry with the head's sequence number still has the head's hash."""
    entry = trail.entry(int(head.get("seq", -1)))
    if entry is None:
        return False
    return entry.get("seq") == head.get("seq") and entry.get("hash") == head.get("hash")


def _index_faults(report: Any) -> set[tuple[str, str]]:
    return (
        {("missing", r) for r in report.missing}
        | {("stale", r) for r in report.stale}
        | {("orphan", r) for r in report.orphans}
    )


def finish(lontar: Lontar, state: dict, actor: str, origin: str, *, cursor: bool) -> dict:
    """Ends a run: the end checks, then `ops_last_fixity` and the audit entry `fixity` in one
    commit (the worker's cursor is cleared in it too). Returns the result."""
    with reading(lontar.db) as root:
        previous = pemda_of(root).settings.get(LAST_FIXITY)
    summary, extra = end_checks(lontar, previous)
    failed = state["failed"] + summary["audit"]["problems"] + summary["index"]["faults"]
    failures = (state["findings"] + extra)[: MAX_LISTED + AUDIT_LISTED]
    records = sorted({f["record"] for f in failures if f.get("record")})[:MAX_LISTED]
    finished = _now()
    result = {
        "at": finished,
        "started": state["started"],
        "finished": finished,
        "seconds": _seconds_between(state["started"], finished),
        "checked": state["checked"],
        "files": state["files"],
        "failed": failed,
        "failures": failures,
        "records": records,
        "ok": failed == 0,
        "by": actor,
        **summary,
    }
    detail = {key: result[key] for key in ("started", "checked", "files", "failed", "ok")}
    detail.update(records=records, audit_problems=summary["audit"]["problems"])
    detail.update(index_faults=summary["index"]["faults"])

    def work(root: Any) -> None:
        pemda = pemda_of(root)
        pemda.settings[LAST_FIXITY] = result
        if cursor:
            pemda.settings.pop(FIXITY_CURSOR, None)
        _forget_gone(pemda)

    write(
        lontar.db,
        work,
        note="fixity",
        audit=lontar.context.audit,
        events=lambda _: [(actor, ACTION, "", origin, detail)],
    )
    return result


def _forget_gone(pemda: Any) -> None:
    """Derivative digests of records that are gone (destroyed) are dropped at the end of
    each run: nothing of a destroyed record's files stays behind for long."""
    known = pemda.settings.get(FIXITY_DERIVATIVES)
    if not known:
        return
    for key in [k for k in known if k.split("/")[0] not in pemda.records]:
        del known[key]


def _now() -> str:
    return clock.now().isoformat(timespec="seconds")


def _seconds_between(start: str, end: str) -> float:
    delta = dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)
    return delta.total_seconds()


def run_now(
    lontar: Lontar,
    caller: Caller,
    progress: Callable[[int, int], None] | None = None,
    size: int | None = None,
) -> dict:
    """A whole check here and now (`lontar fixity --now`), in slices without pauses; the
    worker's own run, if one is under way, goes on by itself. Administrators only."""
    if not caller.may("manage"):
        raise AccessDenied()
    size = size or ops_settings(lontar.home).fixity_slice
    state = new_run(lontar.db, caller.name)
    while True:
        found = check_slice(lontar.db, lontar.keyring, state["after"], size)
        state = advance(state, found)
        save_slice(lontar.db, None, found.baselines, cursor=False)
        if progress:
            progress(state["checked"], state["total"])
        if found.done:
            return finish(lontar, state, caller.name, caller.origin, cursor=False)


# -- the worker's schedule -----------------------------------------------------------------------
class Scheduler:
    """The worker's fixity step: starts a run when one is due, else does the next slice of
    the run under way, at most one slice per `pause` seconds."""

    def __init__(self, lontar: Lontar, settings: OpsSettings | None = None) -> None:
        self.lontar = lontar
        self.settings = settings or _settings_or_defaults(lontar)
        self.next_slice = 0.0  # time.monotonic() before which no slice runs

    def step(self) -> bool:
        """One unit of fixity work; False when none is due now. A step that fails (the
        database unreachable, the audit trail unwritable) is logged at ERROR and tried again
        `RETRY_SECONDS` later from the same cursor: the check must never bring the worker,
        and with it `lontar serve`, down."""
        if not self.settings.fixity_every_days or time.monotonic() < self.next_slice:
            return False
        try:
            return self._step()
        except Exception:
            log.exception("fixity step failed; trying again in %d s", RETRY_SECONDS)
            self.next_slice = time.monotonic() + RETRY_SECONDS
            return False

    def _step(self) -> bool:
        with reading(self.lontar.db) as root:
            settings = pemda_of(root).settings
            cursor, last = settings.get(FIXITY_CURSOR), settings.get(LAST_FIXITY)
            cursor = dict(cursor) if cursor else None
            last = dict(last) if last else None
        if cursor is None:
            if not self.due(last):
                return False
            state = new_run(self.lontar.db, WORKER)
            write(
                self.lontar.db,
                lambda root: pemda_of(root).settings.__setitem__(FIXITY_CURSOR, state),
                note="fixity started",
            )
            log.info("fixity check started")
            return True
        self._slice(cursor)
        self.next_slice = time.monotonic() + self.settings.fixity_pause
        return True

    def due(self, last: dict | None) -> bool:
        """Due `every_days` after the last run started (a run that takes a day does not push
        the next one a day later)."""
        if last is None:
            return True
        try:
            started = clock.local(dt.datetime.fromisoformat(str(last.get("started"))))
        except ValueError:
            return True
        return clock.now() - started >= dt.timedelta(days=self.settings.fixity_every_days)

    def _slice(self, cursor: dict) -> None:
        found = check_slice(
            self.lontar.db, self.lontar.keyring, cursor["after"], self.settings.fixity_slice
        )
        state = advance(cursor, found)
        save_slice(self.lontar.db, state, found.baselines, cursor=True)
        if not found.done:
            return
        result = finish(self.lontar, state, WORKER, WORKER_ORIGIN, cursor=True)
        if result["ok"]:
            log.info("fixity check ok: %d records, %d files", result["checked"], result["files"])
        else:
            log.error(
                "FIXITY CHECK FAILED: %d problems; records %s; audit problems %d; index faults %d",
                result["failed"],
                " ".join(result["records"][:50]) or "-",
                result["audit"]["problems"],
                result["index"]["faults"],
            )


def _settings_or_defaults(lontar: Lontar) -> OpsSettings:
    """A wrong lontar.toml must not stop the fixity schedule: it runs with the defaults and
    the log says why (`lontar health` reports the setting as an error)."""
    try:
        return ops_settings(lontar.home)
    except (InvalidInput, OSError) as exc:  # the file or a value is wrong, or unreadable
        log.error("lontar.toml: %s; fixity runs with the default settings", exc)
        return OpsSettings()


# -- in words (the CLI) --------------------------------------------------------------------------
def finding_text(finding: dict, lang: str | None = None) -> str:
    kind = finding.get("kind")
    if kind == "file":
        file = translate(f"fixity_file_{finding['file']}", lang)
        problem = translate(f"fixity_problem_{finding['problem']}", lang)
        return translate(
            "fixity_file_finding",
            lang,
            record=finding["record"],
            position=finding["position"],
            file=file,
            problem=problem,
        )
    if kind == "audit":
        key = f"fixity_audit_{finding['problem']}"
        problem = translate(key, lang)
        problem = finding["problem"] if problem == key else problem
        return translate("fixity_audit_finding", lang, line=finding["line"], problem=problem)
    problem = translate(f"fixity_index_{finding.get('problem')}", lang)
    return translate("fixity_index_finding", lang, record=finding.get("record"), problem=problem)


def result_lines(result: dict, lang: str | None = None) -> list[str]:
    """A run's result for a person: one summary line, then each finding."""
    key = "fixity_result_ok" if result.get("ok") else "fixity_result_failed"
    params = {name: result.get(name) for name in ("checked", "files", "failed", "started")}
    lines = [translate(key, lang, **params)]
    lines += [f"  {finding_text(f, lang)}" for f in result.get("failures", [])]
    return lines


def last_run(lontar: Lontar, caller: Caller) -> tuple[dict | None, dict | None]:
    """(the last finished run, the run under way) as stored; administrators only."""
    if not caller.may("manage"):
        raise AccessDenied()
    state = read_state(lontar.db)
    return state[LAST_FIXITY], state[FIXITY_CURSOR]
