"""When the database is busy or its server goes away, commands say what to do instead of
printing a traceback, and a ZEO server restarted mid-import loses nothing that was reported."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import threading
import time

import pytest
from persistent.mapping import PersistentMapping
from ZEO.ClientStorage import ClientStorage
from ZODB.FileStorage import FileStorage

from repository.app import Lontar
from repository.core.db import (
    open_db,
    read,
    reading,
    serving,
    write,
    zeo_running,
    zeo_server_config,
)
from repository.core.errors import DatabaseLocked, DatabaseUnreachable
from tests.conftest import (
    PROJECT,
    PYTHON,
    free_port,
    healthy,
    lontar_cli,
    start_serve,
    wait_until,
)


def run(home, *args, timeout: float = 600):
    return subprocess.run(
        [PYTHON, "-m", "repository.cli", "--home", str(home.path), *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=timeout,
        env={**os.environ, "LONTAR_LANG": "en"},
    )


def test_a_second_process_on_a_held_database_is_told_what_to_do(service):
    """The test process holds the FileStorage (as a running import would)."""
    done = run(service.home, "units", "--json")
    assert done.returncode == 1
    assert "in use by another Lontar process" in done.stderr
    assert "lontar serve" in done.stderr and "Traceback" not in done.stderr
    with pytest.raises(DatabaseLocked):
        open_db(service.home)


def _zeo_pid(serve_pid: int) -> int:
    listed = subprocess.run(["pgrep", "-P", str(serve_pid)], capture_output=True, text=True)
    for pid in listed.stdout.split():
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            if b"ZEO.runzeo" in handle.read():
                return int(pid)
    raise AssertionError("no ZEO child")


@pytest.mark.slow
def test_zeo_killed_mid_import_loses_nothing_reported(home, tmp_path):
    lontar = Lontar(home)
    lontar.init("ID-T", "Kota Uji")
    lontar.close()
    lontar_cli("unit", "add", "DPK", "--name", "Dinas Kearsipan", home=home)
    folder = tmp_path / "surat"
    folder.mkdir()
    for n in range(60):
        (folder / f"surat-{n:03}.txt").write_text(f"Surat nomor {n} tentang rapat koordinasi")
    port = free_port()
    serve = start_serve(home, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: healthy(port), 120, "the app")
        command = ["import", str(folder), "--unit", "DPK", "--json"]
        importing = subprocess.Popen(
            [PYTHON, "-m", "repository.cli", "--home", str(home.path), *command],
            cwd=PROJECT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_until(lambda: b"imported" in _audit_bytes(home), 60, "the first import")
        os.kill(_zeo_pid(serve.pid), signal.SIGKILL)  # the supervisor starts it again
        out, err = importing.communicate(timeout=300)
        assert "Traceback" not in err, err
        if importing.returncode == 0:
            reported = {o["id"] for o in json.loads(out)["accepted"]}
            others = {k: v for k, v in json.loads(out).items() if k != "accepted"}
            assert len(reported) == 60, others
        else:
            assert "unreachable" in err or "database" in err.lower(), err
            reported = set()
        found = run(home, "search", "rapat", "--size", "100", "--json")
        assert found.returncode == 0, found.stderr
        assert reported <= {h["id"] for h in json.loads(found.stdout)["hits"]}
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(timeout=60)


def _zeo_server(home) -> subprocess.Popen:
    config = home.path / "zeo.conf"
    config.write_text(zeo_server_config(home))
    server = subprocess.Popen([PYTHON, "-m", "ZEO.runzeo", "-C", str(config)], cwd=PROJECT)
    wait_until(lambda: zeo_running(home), 60, "the ZEO server")
    return server


def _asked_when_killed(server: subprocess.Popen, ask) -> threading.Thread:
    """`ask()` in a thread while the server is stopped, then the server killed: the request
    is in flight when the connection is cut, as when CI killed ZEO during an import's load
    (a load while no server is there waits for one, `wait_timeout`, and would not fail)."""
    os.kill(server.pid, signal.SIGSTOP)
    thread = threading.Thread(target=ask)
    thread.start()
    time.sleep(1.0)
    server.kill()
    server.wait()
    return thread


def test_a_read_waits_for_a_restarted_zeo_server_and_logs_no_traceback(home, caplog):
    """An import waiting for the worker to index its records reads the queue again and again
    (`read`): a ZEO server killed meanwhile and started again by `lontar serve` is a pause for
    it. CI once saw that wait give up at once, and ZODB's traceback of the cut-off load on the
    command's error output. `reading`, for a page, still says at once that it is gone."""
    with Lontar(home) as lontar:
        lontar.init("ID-T", "Kota Uji")
    servers = [_zeo_server(home)]
    writer = open_db(home)
    write(writer, lambda root: root.__setitem__("queue", PersistentMapping(first="r-1")))
    writer.close()
    db = open_db(home)  # a client whose cache lacks the queue: looking at it asks the server
    seen: dict[str, object] = {}

    def look_once() -> None:
        with pytest.raises(DatabaseUnreachable), reading(db) as root:
            root["queue"].get("first")
        seen["reading"] = "unreachable"

    def look_until_back() -> None:
        seen["read"] = read(db, lambda root: root["queue"].get("first"))

    try:
        _asked_when_killed(servers[0], look_once).join(60)
        assert seen == {"reading": "unreachable"}
        servers.append(_zeo_server(home))
        wait_until(db.storage.is_connected, 60, "the client to reconnect")
        with caplog.at_level(logging.INFO):
            waiting = _asked_when_killed(servers[1], look_until_back)
            servers.append(_zeo_server(home))
            waiting.join(60)
        assert seen["read"] == "r-1"
        assert any("unreachable" in r.getMessage() for r in caplog.records)  # it did wait
        assert not [r for r in caplog.records if r.exc_info], caplog.text
    finally:
        db.close()
        for server in servers:
            server.kill()
            server.wait(30)


def test_a_command_waits_for_the_zeo_server_lontar_serve_is_restarting(home):
    """While a killed ZEO server is replaced there is a moment with no socket file. A command
    opening the home then took the FileStorage itself (CI: "in use by another Lontar
    process", or the lock the new server needed). While `lontar serve` holds its serve lock,
    a command waits for the server instead."""
    with Lontar(home) as lontar:
        lontar.init("ID-T", "Kota Uji")
    servers: list[subprocess.Popen] = []
    with serving(home) as taken:
        assert taken and not home.zeo_socket.exists()
        restart = threading.Timer(2.0, lambda: servers.append(_zeo_server(home)))
        restart.start()
        try:
            db = open_db(home)
            try:
                assert isinstance(db.storage, ClientStorage)  # not the file, taken from ZEO
            finally:
                db.close()
            with serving(home) as second:
                assert not second  # one `lontar serve` a home
        finally:
            restart.join()
            for server in servers:
                server.terminate()  # a clean stop takes its socket file along
                server.wait(30)
    with Lontar(home) as lontar:  # nobody serves it: the command opens the file itself
        assert isinstance(lontar.db.storage, FileStorage)


def _audit_bytes(home) -> bytes:
    path = home.path / "audit" / "audit.jsonl"
    return path.read_bytes() if path.exists() else b""
