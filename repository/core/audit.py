"""The audit trail: who did what, when, to what, from where; append-only and hash-chained.

It is a JSON-lines file beside the database, not ZODB data, so an undo or a pack can never
remove an entry. Each entry holds its sequence number, the hash of the entry before it and
its own hash over both, so `verify` finds an edited, deleted, inserted or reordered entry
and names the line. Processes (app, worker, CLI) append under an exclusive file lock.

What the chain cannot show alone is a cut-off tail: `verify` prints the head (last sequence
number and hash) so that it can be written down or sent elsewhere and compared later.

A write can fail half-way (a full disk, a size limit, a crash mid-append). Appends therefore go
through the raw descriptor, and a failed one is cut back to where it began, so the trail never
ends in a partial line that this process wrote; the caller gets `AuditUnavailable` and the
action it was for does not happen (`repository.core.db.write` appends in the transaction's
vote). A torn last line that another process left (killed mid-write) is found by the next
append: its bytes are kept aside in `audit/torn/`, the file is cut back to the last whole
entry, and an `audit_repaired` entry records what was kept where, in the chain.
"""

from __future__ import annotations

import fcntl
import hashlib
import itertools
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from repository.core import clock
from repository.core.config import Home
from repository.core.errors import AuditUnavailable

GENESIS = "0" * 64
REPAIRED = "audit_repaired"
FILE_MODE, DIR_MODE = 0o600, 0o700
Event = tuple[str, str, str, str, dict]  # actor, action, target, origin, detail
# The entry `repository.core.db.AuditVote` appends when a transaction whose entries it wrote
# failed to finish: it names their `seqs`, which no longer claim anything happened.
RETRACTION = "aborted"
# The entry `lontar restore` appends: the database was replaced by a backup's, so records the
# entries before it name may be gone without anything having failed.
RESTORED = "restored"
FIELDS = ("seq", "at", "actor", "action", "target", "origin", "detail", "prev")


def trail_path(home: Home) -> Path:
    """The home's trail file (also where a PostgreSQL trail is first moved in from)."""
    return home.path / "audit" / "audit.jsonl"


def entry_hash(entry: dict) -> str:
    canonical = json.dumps({k: entry.get(k) for k in FIELDS}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _tail(fd: int, end: int | None = None) -> tuple[int, bytes]:
    """(offset, bytes) of the last line before `end` (the file's end when None): the last
    whole line with its newline, or what follows the last newline when the file does not end
    with one (a torn write)."""
    end = os.lseek(fd, 0, os.SEEK_END) if end is None else end
    start, data = end, b""
    while start > 0:
        start = max(0, start - 4096)
        data = os.pread(fd, end - start, start)
        newline = (data[:-1] if data.endswith(b"\n") else data).rfind(b"\n")
        if newline >= 0:
            return start + newline + 1, data[newline + 1 :]
    return 0, data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, actor: str, action: str, target: str = "", origin: str = "", **detail) -> dict:
        return self.extend([(actor, action, target, origin, detail)])[-1]

    def extend(self, events: list[Event]) -> list[dict]:
        """Appends (actor, action, target, origin, detail) events in order, chained to the
        last entry on disk, under one exclusive lock and one fsync. Raises `AuditUnavailable`
        (with nothing appended) when the entries cannot be written whole."""
        self.path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, FILE_MODE)
        except OSError as exc:
            raise AuditUnavailable(reason=exc.strerror or str(exc)) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            previous = self._whole_tail(fd)
            entries = []
            for event in events:
                previous = _chained(previous, *event)
                entries.append(previous)
            self._append(fd, entries)
        finally:
            os.close(fd)  # closing releases the lock
        return entries

    def _append(self, fd: int, entries: list[dict]) -> None:
        data = b"".join(json.dumps(e, ensure_ascii=False).encode() + b"\n" for e in entries)
        begin = os.lseek(fd, 0, os.SEEK_END)
        try:
            _write_all(fd, data)
            os.fsync(fd)
        except OSError as exc:
            os.ftruncate(fd, begin)  # shrinking needs no space: the trail stays whole
            raise AuditUnavailable(reason=exc.strerror or str(exc)) from exc

    def _whole_tail(self, fd: int) -> dict | None:
        """The last whole entry; a torn last line is kept aside and the repair recorded."""
        offset, last = _tail(fd)
        if not last:
            return None
        try:
            if last.endswith(b"\n"):
                return json.loads(last)
        except ValueError:
            pass
        kept = self._keep_aside(last)
        try:
            os.ftruncate(fd, offset)
        except OSError as exc:
            raise AuditUnavailable(reason=exc.strerror or str(exc)) from exc
        _, before = _tail(fd)
        previous = json.loads(before) if before else None
        repair = _chained(previous, "system", REPAIRED, "audit", "", kept)
        self._append(fd, [repair])
        return repair

    def _keep_aside(self, torn: bytes) -> dict:
        folder = self.path.parent / "torn"
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
        digest = hashlib.sha256(torn).hexdigest()
        name = f"{clock.now().strftime('%Y%m%dT%H%M%S')}-{digest[:12]}.bin"
        try:
            fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            try:
                _write_all(fd, torn)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise AuditUnavailable(reason=exc.strerror or str(exc)) from exc
        return {"bytes": len(torn), "sha256": digest, "kept_in": f"torn/{name}"}

    def entries(self) -> Iterator[dict]:
        if not self.path.exists():
            return
        with open(self.path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)

    def verify(self) -> Verdict:
        check = ChainCheck()
        if not self.path.exists():
            return check.verdict
        with open(self.path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                check.add({"line": number}, _parsed(line))
        return check.verdict

    def targets(self, actions: Iterable[str]) -> set[str]:
        """The targets of the entries of `actions` that no `aborted` entry retracts (the
        records that have a creation entry, `repository.ingest.recovery`)."""
        return {target for _seq, _action, target in self.claims(actions)}

    def claims(self, actions: Iterable[str]) -> list[tuple[int, str, str]]:
        """(seq, action, target) of the entries of `actions` that name a target and that no
        `aborted` entry retracts, in order. Only lines naming one of them are parsed; a torn
        last line is skipped (the next append keeps it aside)."""
        wanted, named, retracted = frozenset(actions), [], set()
        if not self.path.exists():
            return []
        needles = [f'"{action}"' for action in wanted | {RETRACTION}]
        with open(self.path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if any(needle in line for needle in needles):
                    entry = _parsed(line)
                    if not entry:
                        continue
                    if entry.get("action") == RETRACTION:
                        retracted.update((entry.get("detail") or {}).get("seqs") or ())
                    elif entry.get("action") in wanted and entry.get("target"):
                        named.append((entry["seq"], entry["action"], entry["target"]))
        return [claim for claim in named if claim[0] not in retracted]

    def entry(self, seq: int) -> dict | None:
        """The entry on line seq + 1 (one entry a line), None when there is none or it does
        not parse: whether a head written down earlier is still there (`lontar fixity`)."""
        if seq < 0 or not self.path.exists():
            return None
        with self.path.open(encoding="utf-8") as handle:
            return _parsed(next(itertools.islice(handle, seq, seq + 1), ""))

    def last(self) -> dict | None:
        """The last whole entry, read from the end (a torn tail skipped, not repaired): the
        head without reading the whole trail."""
        if not self.path.exists():
            return None
        fd = os.open(self.path, os.O_RDONLY)
        try:
            offset, line = _tail(fd)
            if line and not line.endswith(b"\n"):
                _, line = _tail(fd, offset)
        finally:
            os.close(fd)
        return _parsed(line.decode("utf-8", "replace")) if line else None


def _chained(previous: dict | None, actor, action, target, origin, detail) -> dict:
    entry = {
        "seq": previous["seq"] + 1 if previous else 0,
        "at": clock.now().isoformat(timespec="milliseconds"),
        "actor": actor,
        "action": action,
        "target": target,
        "origin": origin,
        "detail": detail,
        "prev": previous["hash"] if previous else GENESIS,
    }
    entry["hash"] = entry_hash(entry)
    return entry


def _parsed(line: str) -> dict | None:
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    return entry if isinstance(entry, dict) else None


def _check_entry(entry: dict, previous_hash: str, expected_seq: int) -> str:
    if entry.get("hash") != entry_hash(entry):
        return "edited"
    if entry.get("seq") != expected_seq:
        return f"sequence {entry.get('seq')} where {expected_seq} was expected"
    if entry.get("prev") != previous_hash:
        return "chain_broken"
    return ""


class ChainCheck:
    """The hash-chain check of entries in order, wherever they are kept (a file, a table):
    one logic, so that a trail and its copy are judged alike and name the same problems.
    `where` locates an entry in the report (`{"line": n}`, and its `seq` for a table)."""

    def __init__(self) -> None:
        self.verdict = Verdict()
        self._hash, self._seq = GENESIS, 0

    def add(self, where: dict, entry: dict | None) -> None:
        problem = "not_json" if entry is None else _check_entry(entry, self._hash, self._seq)
        if problem:
            self.verdict.problems.append({**where, "problem": problem})
        if entry is None:
            return
        self._hash, self._seq = entry.get("hash", ""), entry.get("seq", -1) + 1
        self.verdict.count += 1
        if entry.get("action") == REPAIRED:
            self.verdict.repairs.append({**where, **(entry.get("detail") or {})})
        self.verdict.head = {"seq": entry.get("seq"), "hash": self._hash}


@dataclass
class Verdict:
    count: int = 0
    head: dict = field(default_factory=dict)
    problems: list[dict] = field(default_factory=list)
    repairs: list[dict] = field(default_factory=list)  # torn tails kept aside, in the chain

    @property
    def intact(self) -> bool:
        return not self.problems
