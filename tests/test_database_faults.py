"""When the database is busy or its server goes away, commands say what to do instead of
printing a traceback, and a ZEO server restarted mid-import loses nothing that was reported."""

from __future__ import annotations

import json
import os
import signal
import subprocess

import pytest

from repository.app import Lontar
from repository.core.db import open_db
from repository.core.errors import DatabaseLocked
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


def _audit_bytes(home) -> bytes:
    path = home.path / "audit" / "audit.jsonl"
    return path.read_bytes() if path.exists() else b""
