"""`lontar health` and Beranda's "Kondisi sistem" on real parts: the CLI as a process, a real
worker process (its heartbeat and lock), a tmpfs of a few MB for a disk that is nearly full,
and the state the operations keep in the database."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from repository.app import Lontar
from repository.core import clock
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import write
from repository.core.errors import AccessDenied, InvalidInput
from repository.core.operations import (
    FIELDS,
    FIXITY_CURSOR,
    LAST_BACKUP,
    LAST_DRILL,
    LAST_FIXITY,
    OperationsServices,
    OpsSettings,
    heartbeat,
    heartbeat_file,
    ops_settings,
    worker_state,
)
from repository.core.security import ADMIN
from repository.core.writer_lock import writer_lock
from tests.conftest import PROJECT, lontar_cli, wait_until
from tests.test_pages import open_page
from ui.frame import close_services

NOW = dt.datetime(2026, 3, 4, 10, 0, tzinfo=clock.zone())


def keep(service_or_db, **values) -> None:
    """Writes ops_* state as the other operations do (backup, drill, fixity)."""
    db = getattr(service_or_db, "db", service_or_db)
    write(db, lambda root: pemda_of(root).settings.update(values))


def backup_state(at: dt.datetime) -> dict:
    return {
        "at": at.isoformat(timespec="seconds"),
        "dest": "/srv/cadangan",
        "stamp": "20260304030000",
        "kind": "incremental",
        "bytes": 5 * 1024**2,
        "seconds": 3.5,
        "tid": "03ef",
    }


def fixity_state(at: dt.datetime, failed: int) -> dict:
    return {
        "at": at.isoformat(),
        "started": at.isoformat(),
        "finished": at.isoformat(),
        "checked": 60,
        "files": 59,
        "failed": failed,
        "failures": [],
        "ok": failed == 0,
    }


def keys(items: list[dict]) -> set[str]:
    return {item["key"] for item in items}


def test_health_json_has_every_field_and_a_new_repository_is_healthy(service):
    service.close()
    done = lontar_cli("health", "--json", home=service.home, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert tuple(report) == FIELDS and report["ok"] and report["problems"] == []
    assert set(report["disk"]) == {"data", "blobs", "index"}
    for place in report["disk"].values():
        assert {"path", "free", "total", "free_percent", "low"} <= set(place)
        assert 0 < place["free"] <= place["total"] and place["low"] is False
    for part in ("backup", "key_copy", "drill", "fixity"):
        assert report[part]["state"] == "never", part
    assert report["queues"] == {"index": 0, "ocr": 0}
    assert report["worker"] == {
        "state": "stopped",
        "alive": False,
        "pid": None,
        "seconds_since_beat": None,
    }
    assert keys(report["warnings"]) == {
        "health_warning_backup_never",
        "health_warning_key_copy_never",
        "health_warning_drill_never",
        "health_warning_fixity_never",
        "health_warning_worker_stopped",
    }
    assert all(item["text"] and "health_" not in item["text"] for item in report["warnings"])
    text = lontar_cli("health", "--lang", "en", home=service.home)
    assert text.stdout.startswith("System health (") and "Last backup: never" in text.stdout
    assert text.stdout.rstrip().endswith("Healthy.")


def test_an_old_backup_and_a_failed_drill_are_problems(service):
    operations = OperationsServices(service.context)
    keep(service, **{LAST_BACKUP: backup_state(NOW - dt.timedelta(hours=1))})
    with clock.frozen(NOW):
        fresh = operations.health(ADMIN)
    assert fresh["backup"]["state"] == "ok" and fresh["backup"]["age_seconds"] == 3600
    assert fresh["backup"]["dest"] == "/srv/cadangan"
    assert "health_warning_backup_never" not in keys(fresh["warnings"])
    with clock.frozen(NOW + dt.timedelta(hours=48)):
        old = operations.health(ADMIN)
    assert old["backup"]["state"] == "old" and not old["ok"]
    assert keys(old["problems"]) == {"health_problem_backup_old"}

    drill = {
        "at": NOW.isoformat(),
        "backup": "/srv/cadangan",
        "stamp": "20260304030000",
        "ok": False,
        "seconds": 41.5,
        "findings": ["blob hilang"],
    }
    keep(service, **{LAST_DRILL: drill})
    with clock.frozen(NOW):
        failed = operations.health(ADMIN)
    assert failed["drill"]["state"] == "failed" and failed["drill"]["seconds"] == 41.5
    assert keys(failed["problems"]) == {"health_problem_drill_failed"}
    keep(service, **{LAST_DRILL: {**drill, "ok": True}})
    with clock.frozen(NOW + dt.timedelta(days=93)):
        stale = operations.health(ADMIN)
    assert stale["drill"]["state"] == "old" and "health_warning_drill_old" in keys(
        stale["warnings"]
    )

    service.close()  # the CLI reads the same state; $LONTAR_CLOCK moves its clock
    later = (NOW + dt.timedelta(days=3)).isoformat()
    done = lontar_cli("health", home=service.home, check=False, env={"LONTAR_CLOCK": later})
    assert done.returncode == 1
    assert "lebih tua dari 48 jam" in done.stdout and "1 masalah: status keluar 1." in done.stdout


def test_a_fixity_run_overdue_or_failed(service):
    operations = OperationsServices(service.context)
    run = fixity_state(NOW, 0)
    keep(service, **{LAST_FIXITY: run})
    with clock.frozen(NOW + dt.timedelta(days=7)):
        assert operations.health(ADMIN)["fixity"]["state"] == "ok"
        assert "health_warning_fixity_overdue" not in keys(operations.health(ADMIN)["warnings"])
    with clock.frozen(NOW + dt.timedelta(days=9)):
        assert "health_warning_fixity_overdue" in keys(operations.health(ADMIN)["warnings"])
    keep(service, **{LAST_FIXITY: {**run, "ok": False, "failed": 2}})
    with clock.frozen(NOW):
        report = operations.health(ADMIN)
    assert report["problems"] == [{"key": "health_problem_fixity_failed", "params": {"failed": 2}}]


def test_a_fixity_run_that_no_longer_moves_is_a_problem(service):
    """A run under way for longer than every_days + 1 days is stalled (before: it only hid
    the overdue warning, for ever)."""
    operations = OperationsServices(service.context)
    cursor = {"started": NOW.isoformat(), "after": "x", "checked": 10, "total": 60, "failed": 0}
    keep(service, **{LAST_FIXITY: fixity_state(NOW - dt.timedelta(days=7), 0)})
    keep(service, **{FIXITY_CURSOR: cursor})
    with clock.frozen(NOW + dt.timedelta(days=7, hours=23)):
        report = operations.health(ADMIN)
    assert report["fixity"]["running"]["checked"] == 10 and report["problems"] == []
    with clock.frozen(NOW + dt.timedelta(days=8, hours=1)):
        report = operations.health(ADMIN)
    stalled = [p for p in report["problems"] if p["key"] == "health_problem_fixity_stalled"]
    assert stalled and stalled[0]["params"]["checked"] == 10 and not report["ok"]
    assert "macet (10 dari 60 arsip)" in OperationsServices.message_text(stalled[0], "id")


def test_a_hung_work_loop_stops_the_heartbeat_and_health_says_so(service):
    """The heartbeat thread beats only while the work loop passes: a loop that hangs leaves
    the file stale, so `lontar health` reports the worker gone (before: a live thread kept
    the file fresh under a loop stuck for ever)."""
    home, path = service.home, heartbeat_file(service.home)
    operations = OperationsServices(service.context)
    old = time.time() - 3600

    def beaten() -> bool:
        return path.stat().st_mtime > old

    with writer_lock(home, wait=5) as holding, heartbeat(home, every=0.05, stuck=1.0) as pulse:
        assert holding
        os.utime(path, (old, old))
        wait_until(lambda: (pulse.passed(), beaten())[1], 10, "a beat of a passing loop")
        assert worker_state(home)["state"] == "running"

        wait_until(lambda: pulse.stuck(1.0), 10, "the loop to count as hung")  # no passes
        time.sleep(0.2)
        os.utime(path, (old, old))
        time.sleep(0.5)  # ten beats' time
        assert not beaten() and worker_state(home)["state"] == "gone"
        assert "health_problem_worker_gone" in keys(operations.health(ADMIN)["problems"])

        pulse.passed()  # the loop moves again (a long rebuild's progress counts as a pass)
        wait_until(beaten, 10, "the beats to come back")
        assert worker_state(home)["state"] == "running"


def test_only_administrators_read_it(service):
    service.access.add_account(ADMIN, "staf", "staf-rahasia-1", {"Staf"}, unit="DINKES")
    with pytest.raises(AccessDenied):
        OperationsServices(service.context).health(service.access.caller("staf"))


def test_low_disk_space_is_a_problem_by_the_thresholds(service):
    service.home.config_file.write_text("[health]\nmin_free_percent = 100\n")
    report = OperationsServices(service.context).health(ADMIN)
    assert all(place["low"] for place in report["disk"].values())
    assert keys(report["problems"]) == {"health_problem_disk_low"}


@pytest.fixture
def tiny_disk(tmp_path):
    """A tmpfs of 24 MB (root only): a nearly full disk for real."""
    mount = tmp_path / "klein"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)], capture_output=True
    )
    if os.geteuid() != 0 or made.returncode != 0:
        pytest.skip("mounting a tmpfs needs root")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_small_disk_is_low_with_the_default_thresholds(tiny_disk):
    home = Home.resolve(tiny_disk / "home")
    with Lontar(home) as lontar:
        lontar.init("ID-T", "Kota Uji")
    done = lontar_cli("health", "--json", home=home, check=False)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["disk"]["data"]["total"] <= 24 * 1024**2 and report["disk"]["data"]["low"]
    assert "health_problem_disk_low" in keys(report["problems"])


def test_settings_come_from_lontar_toml(home):
    assert ops_settings(home) == OpsSettings()
    home.config_file.write_text(
        "[fixity]\nevery_days = 1.5\nslice = 50\npause = 0\n[health]\nmin_free_gb = 5\n"
    )
    chosen = ops_settings(home)
    assert (chosen.fixity_every_days, chosen.fixity_slice, chosen.fixity_pause) == (1.5, 50, 0)
    assert chosen.min_free_gb == 5 and chosen.backup_max_age_hours == 48
    wrong_ones = (
        "[fixity]\nslice = 0\n",
        "[fixity]\nslice = 2.5\n",
        '[health]\nmin_free_gb = "x"\n',
        "[fixity]\nevery_days = -1\n",
        "[fixity\n",
    )
    for wrong in wrong_ones:
        home.config_file.write_text(wrong)
        with pytest.raises(InvalidInput):
            ops_settings(home)


def test_a_wrong_setting_is_said_by_lontar_health(service):
    service.close()
    service.home.config_file.write_text("[fixity]\nslice = 0\n")
    done = lontar_cli("health", home=service.home, check=False)
    assert done.returncode == 1 and "fixity.slice = 0" in done.stderr


# -- the worker, a real process --------------------------------------------------------------
def start_worker(home: Home) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "repository.run.worker", "--home", str(home.path)],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_the_worker_is_running_stopped_or_gone(service):
    home = service.home
    service.close()
    worker = start_worker(home)
    try:
        wait_until(lambda: worker_state(home)["alive"], 60, "the worker's heartbeat")
        assert worker_state(home)["pid"] == worker.pid
        trail = home.path / "audit" / "audit.jsonl"
        wait_until(lambda: b'"fixity"' in trail.read_bytes(), 60, "the first fixity run")
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(30) == 0
        assert not heartbeat_file(home).exists()  # a clean stop removes it
        assert worker_state(home)["state"] == "stopped"

        worker = start_worker(home)
        wait_until(lambda: worker_state(home)["alive"], 60, "the worker's heartbeat")
        worker.kill()
        worker.wait(30)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(30)
    assert heartbeat_file(home).exists() and worker_state(home)["state"] == "gone"
    done = lontar_cli("health", "--json", home=home, check=False)
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["worker"]["pid"] == worker.pid and not report["worker"]["alive"]
    assert "health_problem_worker_gone" in keys(report["problems"])
    # the first worker had run the first scheduled fixity check at once
    assert report["fixity"]["state"] == "ok" and report["fixity"]["by"] == "system"


# -- Beranda ---------------------------------------------------------------------------------
def test_beranda_shows_the_system_health_to_administrators_only(site):
    with Lontar(Home.resolve()) as lontar:
        failed = fixity_state(NOW, 2)
        keep(lontar, **{LAST_FIXITY: failed, LAST_BACKUP: backup_state(clock.now())})
    close_services()
    boss = open_page(user="kepala")
    assert "Kondisi sistem" in [s.value for s in boss.subheader]
    shown = {m.label: m.value for m in boss.metric}
    assert shown["Cek keutuhan terakhir"] == "GAGAL"
    assert shown["Uji pemulihan terakhir"] == "belum pernah"
    assert shown["Proses latar (worker)"] == "berhenti"
    assert shown["Cadangan terakhir"].endswith(" lalu")
    assert shown["Ruang disk tersisa"].endswith(" GB")
    assert [e.value for e in boss.error] == [
        "Cek keutuhan terakhir menemukan 2 masalah: jalankan `lontar fixity`."
    ]
    assert any("uji pemulihan" in w.value for w in boss.warning)

    staff = open_page(user="staf.dpk")
    assert "Kondisi sistem" not in [s.value for s in staff.subheader]
    assert "Cek keutuhan terakhir" not in {m.label for m in staff.metric}
    assert not staff.error
