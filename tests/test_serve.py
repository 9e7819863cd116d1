"""`lontar serve`: ZEO, worker and app as one command; restart of a dead child; clean stop."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from repository.core.db import zeo_running
from tests.conftest import PYTHON, free_port, healthy, lontar_cli, start_serve, wait_until

pytestmark = pytest.mark.slow


def _children(pid: int) -> list[int]:
    listed = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(p) for p in listed.stdout.split()]


def _worker_pid(home) -> int:
    return int(home.worker_lock.read_text())


def test_serve_runs_everything_restarts_a_dead_child_and_stops_cleanly(home, tmp_path):
    lontar_cli("init", home=home)
    lontar_cli("unit", "add", "DPK", "--name", "Kearsipan", home=home)
    port = free_port()
    serve = start_serve(home, port, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until(lambda: healthy(port), 90, "the app")
        assert zeo_running(home)
        assert len(_children(serve.pid)) == 3  # zeo, worker, app
        status, headers = _get(port, "/api/session/end")  # the app's own routes are served
        assert status == 303 and headers["location"] == "/"
        assert "lontar_session=" in headers["set-cookie"] and "Max-Age=0" in headers["set-cookie"]
        assert _get(port, "/Arsip?id=tidakada")[0] == 200  # and the pages, by their URL

        note = tmp_path / "surat.txt"
        note.write_text("Pemberitahuan jadwal retensi arsip kelurahan")
        imported = lontar_cli("import", str(note), "--unit", "DPK", "--json", home=home)
        record_id = json.loads(imported.stdout)["accepted"][0]["id"]
        found = json.loads(lontar_cli("search", "retensi", "--json", home=home).stdout)
        assert [h["id"] for h in found["hits"]] == [record_id]

        old_worker = _worker_pid(home)
        os.kill(old_worker, signal.SIGKILL)
        wait_until(
            lambda: home.worker_lock.exists() and _worker_pid(home) != old_worker,
            60,
            "the worker to be restarted",
        )
        note.write_text("Surat kedua tentang penyusutan")
        lontar_cli("import", str(note), "--unit", "DPK", home=home)
        assert (
            json.loads(lontar_cli("search", "penyusutan", "--json", home=home).stdout)["total"] == 1
        )
    finally:
        serve.send_signal(signal.SIGINT)
        out, err = serve.communicate(timeout=60)
    assert serve.returncode == 0, err
    assert "localhost" in out or "127.0.0.1" in out or str(port) in out
    assert "restarting" in err
    assert not zeo_running(home) and not home.zeo_socket.exists()
    assert lontar_cli("check", home=home).returncode == 0  # FileStorage again, and clean


def _get(port: int, path: str) -> tuple[int, dict[str, str]]:
    """One request, redirects not followed: (status, headers in lower case)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}
    finally:
        connection.close()


def _running(pid: int) -> bool:
    """Alive and not a zombie (a container's init may be slow to reap what it inherits)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_children_end_when_the_supervisor_is_killed(home):
    lontar_cli("init", home=home)
    port = free_port()
    serve = start_serve(home, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[int] = []
    try:
        wait_until(lambda: healthy(port), 90, "the app")
        children = _children(serve.pid)
        commands = " | ".join(_command_line(pid) for pid in children)
        assert len(children) == 3, commands
        for program in ("ZEO.runzeo", "repository.run.worker", "ui.web"):  # the app: ui/web.py
            assert program in commands
        serve.kill()  # SIGKILL: the supervisor stops nothing itself
        serve.wait(10)
        wait_until(lambda: not any(map(_running, children)), 20, "the children to end")
    finally:
        serve.kill()
        for pid in filter(_running, children):  # only if the test failed
            os.kill(pid, signal.SIGKILL)
    assert not zeo_running(home)
    assert lontar_cli("check", home=home).returncode == 0  # Data.fs and the index are free


def test_a_child_that_keeps_dying_stops_everything_with_a_message(home, monkeypatch):
    from repository.core.config import Home
    from repository.run import serve as serve_module

    lontar_cli("init", home=home)
    supervisor = serve_module.Supervisor(Home.resolve(home.path), free_port(), "127.0.0.1")
    worker = next(c for c in supervisor.children if c.name == "worker")
    worker.argv = [PYTHON, "-c", "raise SystemExit(3)"]  # a worker that cannot start
    supervisor.start()
    try:
        with pytest.raises(serve_module.ServeError) as stopped:
            for _ in range(200):
                supervisor.watch_once()
                time.sleep(0.1)
        assert "worker" in str(stopped.value) and "3" in str(stopped.value)
    finally:
        supervisor.stop()
    assert not any(child.alive() for child in supervisor.children)
