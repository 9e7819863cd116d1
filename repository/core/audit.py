"""The audit trail: who did what, when, to what, from where; append-only and hash-chained.

It is a JSON-lines file beside the database, not ZODB data, so an undo or a pack can never
remove an entry. Each entry holds its sequence number, the hash of the entry before it and
its own hash over both, so `verify` finds an edited, deleted, inserted or reordered entry
and names the line. Processes (app, worker, CLI) append under an exclusive file lock.

What the chain cannot show alone is a cut-off tail: `verify` prints the head (last sequence
number and hash) so that it can be written down or sent elsewhere and compared later.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from repository.core import clock

GENESIS = "0" * 64
FIELDS = ("seq", "at", "actor", "action", "target", "origin", "detail", "prev")


def entry_hash(entry: dict) -> str:
    canonical = json.dumps({k: entry.get(k) for k in FIELDS}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _last_line(handle) -> bytes:
    handle.seek(0, os.SEEK_END)
    end = handle.tell()
    step, data = 4096, b""
    while end > 0 and data.count(b"\n") < 2:
        start = max(0, end - step)
        handle.seek(start)
        data = handle.read(end - start) + data
        end = start
    lines = data.rstrip(b"\n").split(b"\n")
    return lines[-1] if lines and lines[-1] else b""


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, actor: str, action: str, target: str = "", origin: str = "", **detail) -> dict:
        return self.extend([(actor, action, target, origin, detail)])[-1]

    def extend(self, events: list[tuple[str, str, str, str, dict]]) -> list[dict]:
        """Appends (actor, action, target, origin, detail) events in order, chained to the
        last entry on disk, under one exclusive lock and one fsync."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                last = _last_line(handle)
                previous = json.loads(last) if last else None
                entries = []
                for event in events:
                    previous = _chained(previous, *event)
                    entries.append(previous)
                handle.seek(0, os.SEEK_END)
                handle.write(
                    b"".join(json.dumps(e, ensure_ascii=False).encode() + b"\n" for e in entries)
                )
                handle.flush()
                os.fsync(handle.fileno())
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return entries

    def entries(self) -> Iterator[dict]:
        if not self.path.exists():
            return
        with open(self.path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)

    def verify(self) -> Verdict:
        verdict = Verdict()
        if not self.path.exists():
            return verdict
        previous_hash, expected_seq = GENESIS, 0
        with open(self.path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                problem, entry = _check_line(line, previous_hash, expected_seq)
                if problem:
                    verdict.problems.append({"line": number, "problem": problem})
                if entry is None:
                    continue
                previous_hash, expected_seq = entry.get("hash", ""), entry.get("seq", -1) + 1
                verdict.count += 1
                verdict.head = {"seq": entry.get("seq"), "hash": previous_hash}
        return verdict


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


def _check_line(line: str, previous_hash: str, expected_seq: int) -> tuple[str, dict | None]:
    try:
        entry = json.loads(line)
    except ValueError:
        return "not_json", None
    if entry.get("hash") != entry_hash(entry):
        return "edited", entry
    if entry.get("seq") != expected_seq:
        return f"sequence {entry.get('seq')} where {expected_seq} was expected", entry
    if entry.get("prev") != previous_hash:
        return "chain_broken", entry
    return "", entry


@dataclass
class Verdict:
    count: int = 0
    head: dict = field(default_factory=dict)
    problems: list[dict] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems
