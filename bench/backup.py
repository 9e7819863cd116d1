"""Backup, restore and drill of a synthetic repository, against `cp -a` of the same files.

python -m bench.backup --records 100000      (20000 for a quicker run)

Measured in one run, on one repository of text records (75% B, 15% T, 10% R/SR sealed, one
blob each, real SHA-256), with `lontar serve` not running (the CLI's own FileStorage):

- raw: `cp -a` of Data.fs and the blob directory (the disk's speed on these files);
- full: `lontar backup` into an empty destination (repozo, blob copy, manifest);
- incremental: the next backup after 1,000 new records (hard links for every old blob),
  against `cp -al` of the previous blob snapshot;
- restore: `restore` of the latest set into an empty directory (manifest check, repozo -R,
  blob copy) against `cp -a` of the backup folder;
- drill: restore into a scratch directory plus every check, index rebuild included: the
  measured recovery time.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import subprocess
import time
from pathlib import Path

from bench.common import OUT, UNITS, TreeRss, new_item, report, synthetic_texts
from repository.app import Lontar
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import write
from repository.core.keys import Keyring
from repository.core.sealing import new_attachment, text_body
from repository.core.security import ADMIN
from repository.demo.corpus import document
from repository.run.backup import BackupOptions, backup
from repository.run.drill import drill
from repository.run.restore import restore

MB = 1_000_000
CHUNK = 1000


def add_records(lontar: Lontar, rows) -> None:
    """Records with a sealed or open text file each, in transactions of CHUNK records."""
    rows = list(rows)
    for start in range(0, len(rows), CHUNK):
        part = rows[start : start + CHUNK]
        write(lontar.db, lambda root, part=part: _add(root, part, lontar.keyring))
        lontar.db.cacheMinimize()


def _add(root, rows, keyring: Keyring) -> None:
    pemda = pemda_of(root)
    for unit, security, doc in rows:
        record = new_item(pemda, unit, security, doc)
        data = doc.text.encode()
        sha = hashlib.sha256(data).hexdigest()
        attachment = new_attachment("surat.txt", data, "text/plain", sha, security, keyring)
        attachment.pages = 1
        attachment.text = text_body(attachment, [doc.text], keyring)
        record.attachments[0] = attachment
    pemda.index_queue.clear()  # no index to keep up: the drill rebuilds one


def build(n: int) -> Home:
    home = Home.resolve(OUT / f"backup-{n}" / "home")
    if (home.path / "built").exists():
        return home
    shutil.rmtree(home.path.parent, ignore_errors=True)
    lontar = Lontar(home)
    lontar.init("ID-B", "Pemda Bench")
    for unit in UNITS:
        lontar.records.add_unit(ADMIN, unit, unit)
    started = time.perf_counter()
    add_records(lontar, synthetic_texts(n))
    print(f"built {n} records in {time.perf_counter() - started:.0f} s", flush=True)
    lontar.close()
    (home.path / "built").write_text(str(n))
    return home


def more_rows(n: int, count: int, seed: int = 11):
    rng = random.Random(seed)
    for seq in range(n, n + count):
        unit = rng.choice(UNITS)
        yield unit, rng.choice(["B", "B", "B", "T", "R"]), document(rng, unit, seq)


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def size_of(*paths: Path) -> int:
    total = 0
    for path in paths:
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        total += sum(p.stat().st_size for p in files)
    return total


def copy_baseline(sources: list[Path], target: Path) -> float:
    """`cp -a` of the same files, synced: what the disk does without Lontar."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    seconds, _ = timed(
        lambda: (
            subprocess.run(["cp", "-a", *map(str, sources), str(target)], check=True),
            subprocess.run(["sync"], check=True),
        )
    )
    shutil.rmtree(target)
    return seconds


def link_baseline(snapshot: Path, work: Path) -> float:
    """`cp -al` of a blob snapshot: the least an incremental snapshot costs (a folder per
    blob in ZODB's layout, a hard link per file)."""
    target = work / "raw-links"
    shutil.rmtree(target, ignore_errors=True)
    seconds, _ = timed(
        lambda: subprocess.run(["cp", "-al", str(snapshot), str(target)], check=True)
    )
    shutil.rmtree(target)
    return seconds


def figures(seconds: float, size: int) -> dict:
    return {
        "seconds": round(seconds, 1),
        "mb": round(size / MB),
        "mb_per_s": round(size / MB / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20000)
    args = parser.parse_args()
    n = args.records
    home = build(n)
    work = home.path.parent
    dest, restored = work / "cadangan", work / "pulih"
    shutil.rmtree(dest, ignore_errors=True)
    shutil.rmtree(restored, ignore_errors=True)
    results: dict = {"records": n}

    data = size_of(home.data_fs, home.blobs)
    results["raw_copy"] = figures(copy_baseline([home.data_fs, home.blobs], work / "raw"), data)

    lontar = Lontar(home)
    seconds, full = timed(lambda: backup(lontar, ADMIN, BackupOptions(dest)))
    results["full_backup"] = figures(seconds, full.total_bytes) | {"kind": full.kind}

    add_records(lontar, more_rows(n, 1000))
    (home.path / "built").unlink()  # the next run starts from a fresh repository
    snapshot = dest / "blobs" / full.stamp
    results["raw_hardlink_snapshot"] = {"seconds": round(link_baseline(snapshot, work), 1)}
    time.sleep(1.1)  # a new stamp
    seconds, incremental = timed(lambda: backup(lontar, ADMIN, BackupOptions(dest)))
    results["incremental_after_1000"] = {
        "seconds": round(seconds, 1),
        "mb_written": round(incremental.bytes / MB, 1),
        "kind": incremental.kind,
    }
    keyring = lontar.keyring
    lontar.close()

    backup_size = size_of(dest)
    results["raw_copy_of_backup"] = figures(copy_baseline([dest], work / "raw"), backup_size)
    seconds, _ = timed(lambda: restore(dest, Home(restored)))
    results["restore"] = figures(seconds, incremental.total_bytes)
    shutil.rmtree(restored)

    with TreeRss() as rss:
        seconds, drilled = timed(lambda: drill(dest, keyring, work=work))
    results["drill"] = {
        "recovery_seconds": drilled.seconds,
        "ok": drilled.ok,
        "peak_rss_mb": round(rss.peak_mb),
        "failed": [c.name for c in drilled.checks if not c.ok],
        "checks": [c.summary for c in drilled.checks],
    }
    report(f"backup-{n}", results)


if __name__ == "__main__":
    main()
