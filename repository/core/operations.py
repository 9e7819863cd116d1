"""The operations' state as the administrator reads it: disk space, the last backup, drill and
fixity run, the queues and whether the worker is alive (`lontar health`, Beranda's "Kondisi
sistem").

It lives in the core, not in `repository/run/`, because the app process reads it
(`lontar.operations`) and the facade may not import a driver; everything it reads is the
core's: the Pemda's settings (the `ops_*` keys the operations write), `shutil.disk_usage`,
the worker's heartbeat file and its lock. The fixity check itself needs the features and the
index, so it is `repository/run/fixity.py`.

Settings come from `[fixity]` and `[health]` in `<home>/lontar.toml` (`ops_settings`), read
here so that the worker's schedule and the health report agree on one `every_days`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import format_timedelta

from repository.core import clock, formatting
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import lock_held, reading
from repository.core.errors import InvalidInput, SearchUnavailable
from repository.core.i18n import translate
from repository.core.security import Caller
from repository.core.service import Context, Service

# -- the state the operations keep in `pemda.settings` (one writer each) ----------------------
LAST_BACKUP = "ops_last_backup"  # lontar backup (repository/run/backup.py)
KEY_COPY = "ops_key_copy"  # lontar key export
LAST_DRILL = "ops_last_drill"  # lontar drill / restore
LAST_FIXITY = "ops_last_fixity"  # repository/run/fixity.py: the last finished run
FIXITY_CURSOR = "ops_fixity_cursor"  # repository/run/fixity.py: the run in progress
FIXITY_DERIVATIVES = "ops_fixity_derivatives"  # "id/position" -> (blob oid, sha256)

# -- the worker's heartbeat: a file touched by a thread of the worker, never a database write --
HEARTBEAT_FILE = "worker.heartbeat"
HEARTBEAT_SECONDS = 10.0
HEARTBEAT_STALE = 60.0  # seconds without a touch after which the worker counts as gone
STUCK_SECONDS = 1800.0  # a work loop without a pass for this long hangs: no more beats

GB = 1024**3
FIELDS = (
    "at",
    "ok",
    "problems",
    "warnings",
    "disk",
    "backup",
    "key_copy",
    "drill",
    "fixity",
    "queues",
    "worker",
)


@dataclass(frozen=True)
class OpsSettings:
    """`[fixity]` and `[health]` of lontar.toml. `fixity_every_days = 0` switches the worker's
    schedule off (`lontar fixity --now` from cron instead)."""

    fixity_every_days: float = 7.0
    fixity_slice: int = 200
    fixity_pause: float = 2.0
    min_free_gb: float = 2.0
    min_free_percent: float = 10.0
    backup_max_age_hours: float = 48.0
    drill_max_age_days: float = 92.0


SETTING_NAMES = {
    ("fixity", "every_days"): "fixity_every_days",
    ("fixity", "slice"): "fixity_slice",
    ("fixity", "pause"): "fixity_pause",
    ("health", "min_free_gb"): "min_free_gb",
    ("health", "min_free_percent"): "min_free_percent",
    ("health", "backup_max_age_hours"): "backup_max_age_hours",
    ("health", "drill_max_age_days"): "drill_max_age_days",
}


def ops_settings(home: Home) -> OpsSettings:
    """The settings, defaults for what lontar.toml does not say. Raises `InvalidInput` for a
    file that is not TOML or a value that is not a number in range (a typo must not switch
    the fixity schedule off unnoticed)."""
    path = home.config_file
    if not path.exists():
        return OpsSettings()
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput("health_bad_config", path=str(path), detail=str(exc)) from None
    defaults = OpsSettings()
    chosen: dict[str, Any] = {}
    for (table, key), name in SETTING_NAMES.items():
        section = data.get(table) or {}
        if key in section:
            whole = isinstance(getattr(defaults, name), int)
            chosen[name] = _number(f"{table}.{key}", section[key], whole)
    if chosen.get("fixity_slice", 1) < 1:
        raise InvalidInput("health_bad_setting", name="fixity.slice", value=chosen["fixity_slice"])
    return OpsSettings(**chosen)


def _number(name: str, value: object, whole: bool) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise InvalidInput("health_bad_setting", name=name, value=value)
    if whole and int(value) != value:
        raise InvalidInput("health_bad_setting", name=name, value=value)
    return int(value) if whole else float(value)


# -- the worker's heartbeat ------------------------------------------------------------------------
def heartbeat_file(home: Home) -> Path:
    return home.path / HEARTBEAT_FILE


class Pulse:
    """The work loop's last sign of life: `passed()` on each pass (and on a long step's
    progress, e.g. a rebuild's). The heartbeat thread beats only while it is recent."""

    def __init__(self) -> None:
        self.last = time.monotonic()

    def passed(self) -> None:
        self.last = time.monotonic()

    def stuck(self, limit: float) -> bool:
        """Whether the loop has not passed for `limit` seconds (a hung step)."""
        return time.monotonic() - self.last >= limit


@contextlib.contextmanager
def heartbeat(
    home: Home,
    every: float = HEARTBEAT_SECONDS,
    stuck: float = STUCK_SECONDS,
    pulse: Pulse | None = None,
) -> Iterator[Pulse]:
    """While the block runs, a thread touches `<home>/worker.heartbeat` every `every`
    seconds; a clean end removes the file. So a fresh file means a live worker, a stale one a
    worker that died (killed, crashed) or hangs, and no file a worker that was stopped.
    A thread, not the work loop: one step (a rebuild) may take minutes. But the thread
    alone would beat for a loop that hangs for ever, so it beats only while the loop's
    `pulse` (given, or a new one; yielded) passed less than `stuck` seconds ago."""
    path = heartbeat_file(home)
    path.write_text(str(os.getpid()))
    stop = threading.Event()
    pulse = pulse or Pulse()

    def beat() -> None:
        while not stop.wait(every):
            if pulse.stuck(stuck):
                continue  # the file goes stale: `lontar health` says the worker hangs
            with contextlib.suppress(OSError):  # a full disk must not stop the worker
                os.utime(path)

    thread = threading.Thread(target=beat, name="heartbeat", daemon=True)
    thread.start()
    try:
        yield pulse
    finally:
        stop.set()
        thread.join()
        path.unlink(missing_ok=True)


def _lock_held(home: Home) -> bool:
    """Whether some process holds the index writer's lock (the worker, or a CLI catching the
    index up)."""
    return lock_held(home.worker_lock)


def worker_state(home: Home) -> dict:
    """`state`: running (a fresh heartbeat and the writer lock held), stopped (no heartbeat:
    never started, or stopped cleanly) or gone (a heartbeat left behind: the worker was
    killed, crashed or hangs). File times are compared with the real time, not the clock,
    which `$LONTAR_CLOCK` may stand still."""
    path = heartbeat_file(home)
    try:
        beat = path.stat().st_mtime
        pid = int(path.read_text().strip() or 0) or None
    except (OSError, ValueError):
        return {"state": "stopped", "alive": False, "pid": None, "seconds_since_beat": None}
    since = max(0.0, time.time() - beat)
    alive = since <= HEARTBEAT_STALE and _lock_held(home)
    return {
        "state": "running" if alive else "gone",
        "alive": alive,
        "pid": pid,
        "seconds_since_beat": round(since, 1),
    }


# -- disk space ------------------------------------------------------------------------------------
def disk_space(home: Home, settings: OpsSettings) -> dict[str, dict]:
    """Free space where the data (Data.fs, the audit trail), the blobs and the index live;
    `low` under `min_free_gb` or `min_free_percent`. With a configured storage the database
    is elsewhere: `data` is then the home (the audit trail, the index, the work space)."""
    places = {"data": home.path, "blobs": home.blobs, "index": home.index_dir}
    return {name: _usage(path, settings) for name, path in places.items()}


def _usage(path: Path, settings: OpsSettings) -> dict:
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent  # an index not built yet lives where its parent is
    usage = shutil.disk_usage(existing)
    percent = 100.0 * usage.free / usage.total if usage.total else 0.0
    low = usage.free < settings.min_free_gb * GB or percent < settings.min_free_percent
    return {
        "path": str(path),
        "free": usage.free,
        "total": usage.total,
        "free_percent": round(percent, 1),
        "low": low,
    }


# -- the report ------------------------------------------------------------------------------------
def _age_seconds(at: object, now: dt.datetime) -> float | None:
    try:
        moment = dt.datetime.fromisoformat(str(at))
    except ValueError:
        return None
    return max(0.0, (now - clock.local(moment)).total_seconds())


def _state(settings: Any, key: str) -> dict | None:
    value = settings.get(key)
    return dict(value) if isinstance(value, dict) else None


@dataclass
class _Verdict:
    problems: list[dict]
    warnings: list[dict]

    def problem(self, key: str, **params: Any) -> None:
        self.problems.append({"key": key, "params": params})

    def warning(self, key: str, **params: Any) -> None:
        self.warnings.append({"key": key, "params": params})


def health_report(
    home: Home,
    state: dict,
    settings: OpsSettings,
    writer_elsewhere: Callable[[], bool] = lambda: False,
) -> dict:
    """The whole report from the stored `state` (the ops_* values and the queue lengths).

    Problems (exit status 1, red on Beranda): the last fixity run or drill failed; a fixity
    run under way for longer than `every_days + 1` days (stalled); the last
    backup is older than `backup_max_age_hours` (once there ever was one); free space low;
    a worker gone; the search database unreachable. Warnings: no backup, drill, fixity run or
    key copy ever; a drill older than `drill_max_age_days`; a fixity run overdue; no worker
    running. `writer_elsewhere` tells an app node whose worker runs on another machine (the
    index's writer lock is held there) from one with no worker at all."""
    now = clock.now()
    verdict = _Verdict([], [])
    report = {
        "at": now.isoformat(timespec="seconds"),
        "disk": disk_space(home, settings),
        "backup": _backup(state.get(LAST_BACKUP), now, settings, verdict),
        "key_copy": _key_copy(state.get(KEY_COPY), verdict),
        "drill": _drill(state.get(LAST_DRILL), now, settings, verdict),
        "fixity": _fixity(state.get(LAST_FIXITY), state.get(FIXITY_CURSOR), now, settings),
        "queues": {"index": state.get("index_queue", 0), "ocr": state.get("ocr_queue", 0)},
        "worker": _worker(home, writer_elsewhere, verdict),
    }
    _judge_fixity(report["fixity"], settings, verdict)
    for name, place in report["disk"].items():
        if place["low"]:
            verdict.problem("health_problem_disk_low", place=name, free=_gb(place["free"]))
    worker = report["worker"]["state"]
    if worker == "gone":
        verdict.problem("health_problem_worker_gone", pid=report["worker"]["pid"] or "-")
    elif worker == "stopped":
        verdict.warning("health_warning_worker_stopped")
    report.update(ok=not verdict.problems, problems=verdict.problems, warnings=verdict.warnings)
    return {key: report[key] for key in FIELDS}


def _worker(home: Home, writer_elsewhere: Callable[[], bool], verdict: _Verdict) -> dict:
    """The heartbeat file and the flock say it for a Whoosh worker. A worker that writes a
    PostgreSQL index holds its lock there instead: a fresh heartbeat without the flock is then
    this node's worker running, and no heartbeat at all a worker on another node."""
    local = worker_state(home)
    since = local["seconds_since_beat"]
    fresh = since is not None and since <= HEARTBEAT_STALE
    if local["state"] == "running" or (local["state"] == "gone" and not fresh):
        return local
    try:
        held = writer_elsewhere()
    except SearchUnavailable:
        verdict.problem("health_problem_search_unreachable")
        return {**local, "state": "unknown"}
    if not held:
        return local
    return {**local, "state": "running" if fresh else "elsewhere", "alive": True}


def _gb(size: int) -> str:
    return f"{size / GB:.1f} GB"


def _backup(last: dict | None, now: dt.datetime, settings: OpsSettings, v: _Verdict) -> dict:
    if last is None:
        v.warning("health_warning_backup_never")
        return {"state": "never"}
    age = _age_seconds(last.get("at"), now)
    hours = settings.backup_max_age_hours
    old = age is None or age > hours * 3600
    if old:
        v.problem("health_problem_backup_old", hours=int(hours), at=last.get("at", "?"))
    return {**last, "state": "old" if old else "ok", "age_seconds": age}


def _key_copy(copy: dict | None, v: _Verdict) -> dict:
    if copy is None:
        v.warning("health_warning_key_copy_never")
        return {"state": "never"}
    return {**copy, "state": "ok"}


def _drill(last: dict | None, now: dt.datetime, settings: OpsSettings, v: _Verdict) -> dict:
    if last is None:
        v.warning("health_warning_drill_never")
        return {"state": "never"}
    age = _age_seconds(last.get("at"), now)
    if not last.get("ok"):
        v.problem("health_problem_drill_failed", at=last.get("at", "?"))
        state = "failed"
    elif age is None or age > settings.drill_max_age_days * 86400:
        v.warning("health_warning_drill_old", days=int(settings.drill_max_age_days))
        state = "old"
    else:
        state = "ok"
    return {**last, "state": state, "age_seconds": age}


def _fixity(
    last: dict | None, cursor: dict | None, now: dt.datetime, settings: OpsSettings
) -> dict:
    running, running_age = None, None
    if cursor is not None:
        keys = ("started", "checked", "total", "failed")
        running = {key: cursor.get(key) for key in keys}
        running_age = _age_seconds(cursor.get("started"), now)
    common = {
        "running": running,
        "running_age_seconds": running_age,
        "every_days": settings.fixity_every_days,
    }
    if last is None:
        return {"state": "never", **common}
    return {
        **last,
        "state": "ok" if last.get("ok") else "failed",
        "age_seconds": _age_seconds(last.get("started"), now),
        **common,
    }


def _judge_fixity(fixity: dict, settings: OpsSettings, v: _Verdict) -> None:
    if fixity["state"] == "failed":
        v.problem("health_problem_fixity_failed", failed=fixity.get("failed", 0))
    elif fixity["state"] == "never" and fixity["running"] is None:
        v.warning("health_warning_fixity_never")
    every = settings.fixity_every_days
    age = fixity.get("age_seconds")
    if every and fixity["running"] is None and age is not None and age > (every + 1) * 86400:
        v.warning("health_warning_fixity_overdue", days=int(age // 86400))
    _judge_stalled(fixity, every, v)


def _judge_stalled(fixity: dict, every: float, v: _Verdict) -> None:
    """A run under way for longer than `every_days + 1` days no longer moves (a worker that
    does not run, a slice that fails each time): a problem, or it would go unseen for ever."""
    running, age = fixity["running"], fixity.get("running_age_seconds")
    if running is None or age is None or age <= (every + 1) * 86400:
        return
    v.problem(
        "health_problem_fixity_stalled",
        started=running.get("started") or "?",
        checked=running.get("checked") or 0,
        total=running.get("total") or 0,
    )


def read_state(db: Any) -> dict:
    """The ops_* values (copies) and the queue lengths, in one short read."""
    with reading(db) as root:
        pemda = pemda_of(root)
        keys = (LAST_BACKUP, KEY_COPY, LAST_DRILL, LAST_FIXITY, FIXITY_CURSOR)
        state: dict[str, Any] = {key: _state(pemda.settings, key) for key in keys}
        state["index_queue"] = len(pemda.index_queue)
        state["ocr_queue"] = len(pemda.ocr_queue)
    return state


def age_text(seconds: float | None, lang: str | None = None) -> str:
    """ "2 hari" / "2 days": how long ago, in words (Babel)."""
    if seconds is None:
        return "?"
    delta = dt.timedelta(seconds=seconds)
    return format_timedelta(delta, locale=formatting.locale(lang), threshold=1.0)


def message_text(item: dict, lang: str | None = None) -> str:
    """A problem or warning of the report in words."""
    return translate(item["key"], lang, **item.get("params", {}))


class OperationsServices(Service):
    """`lontar.operations`: the administrator's view of backups, drills, fixity, disk space
    and the worker. `writer_elsewhere` is the search index's (a worker holding its writer lock
    on another node counts as running)."""

    def __init__(
        self, context: Context, writer_elsewhere: Callable[[], bool] = lambda: False
    ) -> None:
        super().__init__(context)
        self.writer_elsewhere = writer_elsewhere

    def health(self, caller: Caller) -> dict:
        """The health report (see `health_report`); administrators only. Raises
        `InvalidInput` when lontar.toml's `[fixity]` or `[health]` is wrong."""
        self.require(caller)
        state, settings = read_state(self.db), ops_settings(self.home)
        return health_report(self.home, state, settings, self.writer_elsewhere)

    @staticmethod
    def age_text(seconds: float | None, lang: str | None = None) -> str:
        return age_text(seconds, lang)

    @staticmethod
    def message_text(item: dict, lang: str | None = None) -> str:
        return message_text(item, lang)
