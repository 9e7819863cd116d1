"""`lontar serve`: ZEO on the home's Unix socket, one worker, and the web app (Streamlit with
Lontar's session routes, `ui/web.py`), as one command.

`--role` splits them for several machines (docs/scaling.md): `worker` runs ZEO (when no storage
is configured) and the worker, the one index writer; `app` runs only the web app, against a
configured storage (RelStorage on PostgreSQL) or the ZEO server a `worker` supervisor serves
on the same home; `all`, the default, runs everything. The evolve steps run where the worker
runs; an app node waits until they are done, so it never serves a database of an older shape.

The supervisor starts them in that order and restarts a child that dies: at once the first
time, then after a pause that doubles with each death in `RESTART_WINDOW` seconds, up to
`LAST_RESTART_DELAY`, so a child that fails for a while (a database away) is neither hammered
nor given up on. Only a child that cannot start (it died within `START_GRACE` seconds of
each of `MAX_RESTARTS` restarts in a row) stops everything, with a clear message. Ctrl-C or
SIGTERM stops the app, then the worker, then ZEO, so nothing is cut off mid-commit. With a
configured storage its loop also empties the node's caches after every destruction's purge,
wherever the purge ran (repository/run/sweep.py).

A supervisor that dies without stopping them (`kill -9`, the OOM killer, a crash) takes its
children with it: on Linux each child asks the kernel, between fork and exec, for SIGTERM when
its parent dies (`prctl(PR_SET_PDEATHSIG)`, see `die_with_parent`), which needs nothing of the
programs themselves (ZEO and Streamlit are third-party); each ends as on a normal SIGTERM. The
kernel sends it when the *thread* that forked the child ends, not the process: children are
started from the supervisor's main thread (`run` and `watch_once` run there), which lives as
long as the process. A child whose parent died before the request took effect exits at once.
Elsewhere than Linux there is no such request, and children outlive a killed supervisor.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from repository.core import clock
from repository.core.config import Home, search_settings, trusted_proxies
from repository.core.db import open_db, serving, zeo_running, zeo_server_config
from repository.core.errors import LontarError
from repository.core.i18n import translate
from repository.core.operations import heartbeat_file, worker_state
from repository.core.writer_lock import writer_lock
from repository.run.evolve import Evolved, evolve_home, pending
from repository.run.sweep import Sweeper

PROJECT = Path(__file__).resolve().parents[2]
MAX_RESTARTS = 3  # restarts in a row that each died within START_GRACE: it cannot start
START_GRACE = 10.0  # seconds a child must live for its death not to count as a failed start
RESTART_WINDOW = 60.0  # deaths this recent make the next restart's pause longer
LAST_RESTART_DELAY = 30.0
STOP_GRACE = 15.0
EVOLVE_POLL = 1.0  # seconds an app node waits between looks at the worker's evolve steps
WORKER_START_WAIT = 60.0  # seconds `run` waits for the worker to take the writer lock

ROLES = ("all", "app", "worker")


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class ServeError(RuntimeError):
    pass


class AppWithoutDatabase(LontarError):
    """`--role app` on a home that has neither a configured storage nor a ZEO server: it
    would open the FileStorage itself, which no worker could then reach."""

    key = "serve_app_no_database"


class AppWithoutIndexWriter(LontarError):
    """`--role app` with a configured storage and the Whoosh index, while no worker runs on
    this home: nobody would write the index in `<home>/index`, except this node's own uploads
    catching up, which would take their entries off the queue the real worker drains."""

    key = "serve_app_no_worker"


def check_database(home: Home) -> None:
    """Raises `AppWithoutDatabase` unless an app node here can reach the shared database:
    checked before anything opens it (opening would create a FileStorage in the home)."""
    if home.storage_config() is None and not zeo_running(home):
        raise AppWithoutDatabase(home=str(home.path), socket=str(home.zeo_socket))


def check_index_writer(home: Home) -> None:
    """Raises `AppWithoutIndexWriter` when the Whoosh index of a configured storage has no
    worker on this home. With ZEO the worker is the one serving it here; with PostgreSQL
    search the worker may run on any machine (an advisory lock in PostgreSQL)."""
    if home.storage_config() is None or search_settings(home).backend != "whoosh":
        return
    with writer_lock(home) as free:
        if free:
            raise AppWithoutIndexWriter(home=str(home.path), lock=str(home.worker_lock))


def die_with_parent() -> Callable[[], None] | None:
    """A `preexec_fn` that makes the child get SIGTERM when the thread that forks it (the
    supervisor's main thread) dies; None where the kernel offers no such thing.

    It runs in the child between fork and exec, so it only calls what was looked up before
    the fork, and exits (without running any Python cleanup) when it cannot keep its promise:
    the request failed, or the supervisor is already gone (the child was reparented)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    prctl.restype = ctypes.c_int
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    supervisor = os.getpid()

    def arrange() -> None:
        if prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0 or os.getppid() != supervisor:
            os._exit(1)

    return arrange


@dataclass
class Child:
    name: str
    argv: list[str]
    log: Path
    process: subprocess.Popen | None = None
    started: float = 0.0  # monotonic time of the last start
    deaths: list[float] = field(default_factory=list)  # monotonic times, within RESTART_WINDOW
    failed_starts: int = 0  # deaths in a row within START_GRACE of their start
    restart_at: float | None = None  # when a dead child is due to start again

    def start(self, env: dict[str, str]) -> None:
        self.started = time.monotonic()
        handle = self.log.open("ab")
        self.process = subprocess.Popen(
            self.argv,
            stdout=handle,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=PROJECT,
            start_new_session=True,
            preexec_fn=die_with_parent(),
        )
        handle.close()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if not self.alive():
            return
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(STOP_GRACE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


class Supervisor:
    def __init__(
        self, home: Home, port: int, address: str = "localhost", role: str = "all"
    ) -> None:
        if role not in ROLES:
            raise ValueError(f"role {role!r}: choose one of {', '.join(ROLES)}")
        self.home, self.port, self.role = home, port, role
        self.env = {**os.environ, "LONTAR_HOME": str(home.path), "PYTHONUNBUFFERED": "1"}
        self.children: list[Child] = []
        self.stopping = False
        self.stop_requested: list[int] = []  # signals received (`run`)
        self.held = contextlib.ExitStack()  # the serve lock while ZEO is ours (`serving`)
        self.serves_zeo = False  # set once the serve lock is taken (`start`)
        # a destruction's purge reaches this node's caches (repository/run/sweep.py)
        self.sweeper = Sweeper(home) if home.storage_config() is not None else None
        if role != "app":
            self._add_database_and_worker()
        if role != "worker":
            trusted_proxies()  # a bad $LONTAR_TRUSTED_PROXIES stops the start, not every page
            # the app with its session routes (ui/web.py), on Streamlit's port
            app = ["-m", "ui.web", "--port", str(port), "--address", address]
            self.children.append(self._child("app", app))

    def _add_database_and_worker(self) -> None:
        """ZEO only when no storage is configured: a configured one is reached directly."""
        if self.home.storage_config() is None:
            config = self.home.path / "zeo.conf"
            config.write_text(zeo_server_config(self.home))
            self.children.append(self._child("zeo", ["-m", "ZEO.runzeo", "-C", str(config)]))
        worker = ["-m", "repository.run.worker", "--home", str(self.home.path)]
        self.children.append(self._child("worker", worker))

    def _child(self, name: str, args: list[str]) -> Child:
        return Child(name, [sys.executable, *args], self.home.logs / f"{name}.log")

    def _start(self, child: Child) -> None:
        if child.name == "zeo" and self.home.zeo_socket.exists() and not zeo_running(self.home):
            self.home.zeo_socket.unlink()
        if child.name == "worker":  # a killed worker's file may name the pid the new one gets
            heartbeat_file(self.home).unlink(missing_ok=True)
        child.start(self.env)
        if child.name == "zeo":
            self._wait_for_zeo(child)

    def _wait_for_zeo(self, child: Child, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not zeo_running(self.home):
            if not child.alive() or time.monotonic() > deadline:
                raise ServeError(self._died_message(child))
            time.sleep(0.1)

    def _died_message(self, child: Child) -> str:
        code = child.process.poll() if child.process else None
        return translate("child_died", name=child.name, code=code, log=child.log)

    def start(self) -> None:
        self.home.ensure()
        database = [child for child in self.children if child.name == "zeo"]
        if database and zeo_running(self.home):
            raise ServeError(translate("serve_zeo_running", socket=self.home.zeo_socket))
        if database and not self.held.enter_context(serving(self.home)):
            raise ServeError(translate("serve_zeo_running", socket=self.home.zeo_socket))
        self.serves_zeo = bool(database)  # the serve lock is ours: the socket is ours to clear
        if self.role == "app":
            self._check_app_node()
        for child in database:
            self._start(child)
        if self.role == "app":
            self._await_evolved()  # the worker's supervisor runs them
        else:
            self._evolve()  # an older database is brought up to date before anything reads it
        for child in self.children:
            if child not in database and not self.stop_requested:
                self._start(child)

    def worker_ready(self) -> bool:
        """Whether the node may say it started: its worker holds the index writer's lock,
        which its heartbeat file then names. An app node started next on this home
        (docs/scaling.md) checks for that lock, and would refuse to start while the worker
        is still loading. Asked from `run`'s loop, which meanwhile restarts what dies; after
        `WORKER_START_WAIT` (another writer may hold the lock that long) it is said anyway."""
        worker = next((child for child in self.children if child.name == "worker"), None)
        if worker is None or worker.process is None:
            return True
        if time.monotonic() - worker.started > WORKER_START_WAIT:
            return True
        return worker_state(self.home)["pid"] == worker.process.pid

    def _check_app_node(self) -> None:
        try:
            check_database(self.home)
            check_index_writer(self.home)
        except LontarError as exc:
            raise ServeError(exc.message()) from None

    def _evolve(self) -> None:
        """Runs the pending evolve steps (repository/run/evolve.py) as the system; a database
        newer than this code stops the start with the reason."""
        try:
            evolve_home(self.home, report=self._log_evolved)
        except LontarError as exc:
            raise ServeError(exc.message()) from None

    def _await_evolved(self) -> None:
        """An app node serves only a database of this release's shape: it waits (saying so
        once) while the worker's supervisor runs the evolve steps, and stops on a database
        newer than this code, as the worker's does."""
        db = open_db(self.home)
        try:
            said = False
            while not self.stop_requested and (steps := pending(db)):
                if not said:
                    print(translate("serve_awaiting_evolve", steps=len(steps)), flush=True)
                    said = True
                time.sleep(EVOLVE_POLL)
        except LontarError as exc:
            raise ServeError(exc.message()) from None
        finally:
            db.close()

    def _log_evolved(self, step: Evolved) -> None:
        """Says so on the console (the journal under systemd) and in `<home>/logs/evolve.log`."""
        line = step.line()
        print(f"lontar: {line}", flush=True)
        with (self.home.logs / "evolve.log").open("a", encoding="utf-8") as log:
            log.write(f"{clock.now().isoformat(timespec='seconds')} {line}\n")

    def watch_once(self) -> None:
        """Restart dead children when their pause is over; raise `ServeError` when one cannot
        start. Never sleeps itself: `run` also ticks the sweeper between calls."""
        for child in self.children:
            if child.alive() or self.stopping:
                continue
            now = time.monotonic()
            if child.restart_at is None:
                child.restart_at = now + self._restart_delay(child, now)
                print(
                    f"lontar: {child.name} stopped (exit {child.process.poll()}), restarting"
                    + (f" in {child.restart_at - now:.0f} s" if child.restart_at > now else ""),
                    file=sys.stderr,
                    flush=True,
                )
            if now >= child.restart_at:
                child.restart_at = None
                self._start(child)

    def _restart_delay(self, child: Child, now: float) -> float:
        """The pause before a dead child starts again: none for its first death in
        `RESTART_WINDOW`, then 1 s, doubling with each further one, up to
        `LAST_RESTART_DELAY`. Raises `ServeError` when it cannot start at all."""
        child.failed_starts = child.failed_starts + 1 if now - child.started < START_GRACE else 0
        if child.failed_starts > MAX_RESTARTS:
            raise ServeError(self._died_message(child))
        child.deaths = [t for t in child.deaths if now - t < RESTART_WINDOW] + [now]
        if len(child.deaths) == 1:
            return 0.0
        return min(2.0 ** (len(child.deaths) - 2), LAST_RESTART_DELAY)

    def stop(self) -> None:
        self.stopping = True
        try:
            for child in reversed(self.children):
                child.stop()
            if self.sweeper is not None:
                self.sweeper.close()
            # only the supervisor that served ZEO (it holds the serve lock) clears its socket:
            # one refused at the start must not take the running server's socket away
            if self.serves_zeo and self.home.zeo_socket.exists() and not zeo_running(self.home):
                self.home.zeo_socket.unlink(missing_ok=True)
        finally:
            self.held.close()  # the serve lock: commands open the FileStorage themselves again

    def started_message(self) -> str:
        """A worker node serves no port: it names the home it works for instead."""
        if self.role == "worker":
            return translate("serve_worker_started", home=self.home.path)
        return translate("serve_started", port=self.port)

    def run(self) -> int:
        """Until SIGINT or SIGTERM: 0; 1 when the start failed or a child kept dying."""

        def on_signal(signum, _frame) -> None:
            self.stop_requested.append(signum)

        previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            self.start()
            said = False
            while not self.stop_requested:
                if not said and (said := self.worker_ready()):
                    print(self.started_message(), flush=True)
                self.watch_once()
                if self.sweeper is not None:
                    self.sweeper.tick()
                time.sleep(0.5)
            return 0
        except ServeError as exc:
            print(f"lontar: {exc}", file=sys.stderr, flush=True)
            return 1
        finally:
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
