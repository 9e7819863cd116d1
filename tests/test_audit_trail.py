"""The audit trail survives its own torn tail, and an action whose entry cannot be written is
not done: a full disk (here a file-size limit) refuses the action before anything commits."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest

from indexes.search import SearchRequest
from repository.core.audit import REPAIRED, AuditLog
from repository.core.errors import AuditUnavailable
from repository.core.security import ADMIN
from tests.conftest import PROJECT, add

PYTHON = sys.executable


def audit_path(service):
    return service.home.path / "audit" / "audit.jsonl"


def test_a_torn_last_line_is_kept_aside_and_the_repair_chained(service):
    add(service, "surat.txt", b"Surat undangan rapat")
    path = audit_path(service)
    whole = path.read_bytes()
    torn = b'{"seq": 99, "at": "2026-12-04T10:00:00+07:00", "actor": "adm'
    path.write_bytes(whole + torn)  # a process killed mid-append

    service.records.show(ADMIN, service.records.search(ADMIN, SearchRequest()).hits[0].id)

    lines = path.read_bytes().splitlines()
    entries = [json.loads(line) for line in lines]  # every line parses again
    repair = next(e for e in entries if e["action"] == REPAIRED)
    assert repair["detail"]["bytes"] == len(torn)
    assert (path.parent / repair["detail"]["kept_in"]).read_bytes() == torn
    assert entries[-1]["action"] == "viewed"
    verdict = service.access.audit_verify()
    assert verdict.intact and verdict.repairs[0]["kept_in"] == repair["detail"]["kept_in"]


def test_the_trail_and_its_folder_are_private(service):
    add(service, "surat.txt", b"Surat undangan rapat")
    path = audit_path(service)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


def limited(size: int):
    """A child process that may not write a file beyond `size` bytes (EFBIG past it, which
    Python reports as OSError: SIGXFSZ is ignored)."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return apply


def run_cli(home, *args, preexec=None):
    return subprocess.run(
        [PYTHON, "-m", "repository.cli", "--home", str(home.path), *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=300,
        preexec_fn=preexec,
        env={**os.environ, "LONTAR_LANG": "en"},
    )


def pad(path, size: int) -> None:
    """Makes the trail larger than the database with real chained entries, so that a size
    limit just above the trail lets the database grow but not the trail."""
    log = AuditLog(path)
    while path.stat().st_size < size:
        log.extend([("test", "padding", "", "", {"n": i}) for i in range(2000)])


@pytest.mark.slow
def test_a_full_disk_refuses_the_action_before_it_commits(service):
    add(service, "surat.txt", b"Surat undangan rapat")
    home = service.home
    service.close()  # the CLI processes open the FileStorage themselves
    path = home.path / "audit" / "audit.jsonl"
    pad(path, (home.data_fs.stat().st_size + 1_000_000))
    size = path.stat().st_size

    refused = run_cli(
        home, "unit", "add", "BARU", "--name", "Unit Baru", preexec=limited(size + 60)
    )
    assert refused.returncode == 1, refused.stderr
    assert "audit trail cannot be written" in refused.stderr and "Traceback" not in refused.stderr
    assert path.stat().st_size == size  # no partial line left behind
    searched = run_cli(home, "search", "rapat", preexec=limited(size + 60))
    assert searched.returncode == 1 and "Traceback" not in searched.stderr

    units = json.loads(run_cli(home, "units", "--json").stdout)
    assert "BARU" not in {u["code"] for u in units}  # nothing was committed
    verified = run_cli(home, "audit", "verify", "--json")
    assert json.loads(verified.stdout)["intact"]
    assert run_cli(home, "unit", "add", "BARU", "--name", "Unit Baru").returncode == 0


def test_an_unwritable_trail_raises_a_domain_error(tmp_path):
    path = tmp_path / "audit" / "audit.jsonl"
    AuditLog(path).append("a", "b")
    os.chmod(path, 0o400)
    if os.geteuid() == 0:  # root writes anyway: use a directory where the file should be
        os.chmod(path, 0o600)
        path.unlink()
        path.mkdir()
    with pytest.raises(AuditUnavailable):
        AuditLog(path).append("a", "b")
