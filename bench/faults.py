"""Fault injection with the project's real processes: what survives a full disk, a kill -9 and
a vanished database server.

    python -m bench.faults --rounds 50 --seed 1            # the soak (docs/reliability.md)
    python -m bench.faults --rounds 2 --faults kill_import

Each round imports a batch of new files into one repository (its own data directory per
fault) while a fault strikes, then restarts nothing but a plain `lontar check --repair` and
counts, over every record any round reported:

- lost: a record a command reported (a progress line, or an `imported` audit entry) that is
  not in the database with the same bytes (SHA-256 of the original file);
- unaudited: a record in the database with no `imported`/`created`/`recovered` entry;
- an entry an `aborted` entry retracts (its commit failed to finish: a ZEO server killed
  between the vote and the finish) counts for neither;
- unindexed: a record in the database the index lacks or has stale after catch-up;
- and whether `lontar audit verify` still finds the hash chain intact.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from repository.app import Lontar
from repository.core.audit import RETRACTION
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import reading

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
AUDITED = {"imported", "created", "recovered"}
ACCEPTED = re.compile(r"^\[\d+\] accepted\s+(\w+)\s", re.M)


@dataclass
class Row:
    fault: str
    rounds: int = 0
    reported: int = 0
    lost: int = 0
    unaudited: int = 0
    unindexed: int = 0
    chain_intact: bool = True
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


class Lab:
    """One data directory, its source files and what commands said they committed."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.home = Home.resolve(root / "home")
        self.sources = root / "sources"
        self.sources.mkdir(parents=True)
        self.rng, self.batch, self.digests = rng, 0, {}
        self.reported: set[str] = set()
        with Lontar(self.home) as lontar:
            lontar.init("ID-F", "Kota Uji Gangguan")
        self.cli("unit", "add", "DPK", "--name", "Dinas Kearsipan")

    def cli(self, *args: str, **popen) -> subprocess.CompletedProcess:
        return subprocess.run(self.command(*args), capture_output=True, text=True, **popen)

    def command(self, *args: str) -> list[str]:
        return [PYTHON, "-m", "repository.cli", "--home", str(self.home.path), *args]

    def new_batch(self, files: int) -> Path:
        """A folder of new letters (unique text, so none is a duplicate)."""
        self.batch += 1
        folder = self.sources / f"batch-{self.batch:03}"
        folder.mkdir()
        for n in range(files):
            words = " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(30, 120)))
            data = f"Surat {self.batch}-{n} perihal {words}".encode()
            (folder / f"surat-{n:03}.txt").write_bytes(data)
            self.digests[hashlib.sha256(data).hexdigest()] = f"{folder.name}/{n}"
        return folder

    def note_output(self, text: str) -> None:
        self.reported |= set(ACCEPTED.findall(text))

    def measure(self, row: Row) -> None:
        repaired = self.cli("check", "--repair", "--json", timeout=900)
        if repaired.returncode != 0:
            row.notes.append(f"check --repair: {repaired.stderr.strip()[:200]}")
        audit = self.home.path / "audit" / "audit.jsonl"
        entries = [json.loads(line) for line in audit.read_text().splitlines() if line.strip()]
        retracted = {
            seq for e in entries if e["action"] == RETRACTION for seq in e["detail"]["seqs"]
        }
        entries = [e for e in entries if e["seq"] not in retracted]
        audited = {e["target"] for e in entries if e["action"] in AUDITED}
        self.reported |= {e["target"] for e in entries if e["action"] == "imported"}
        with Lontar(self.home) as lontar:
            with reading(lontar.db) as root:
                records = dict(pemda_of(root).records.items())
                stored = {
                    rid: {a.sha256 for a in record.attachments.values()}
                    for rid, record in records.items()
                    if record.level == "item"
                }
            report = lontar.index.check()
        row.reported = len(self.reported)
        row.lost = sum(
            1 for rid in self.reported if not (stored.get(rid, set()) & set(self.digests))
        )
        row.unaudited = sum(1 for rid in stored if rid not in audited)
        row.unindexed = len(report.missing) + len(report.stale) + report.pending
        verified = self.cli("audit", "verify", "--json")
        row.chain_intact = verified.returncode == 0 and json.loads(verified.stdout)["intact"]


WORDS = [
    "arsip",
    "rapat",
    "koordinasi",
    "anggaran",
    "kesehatan",
    "pendidikan",
    "kelurahan",
    "kecamatan",
    "undangan",
    "laporan",
    "keputusan",
    "penyusutan",
    "retensi",
    "pemindahan",
    "klasifikasi",
    "disposisi",
    "pelayanan",
    "publik",
    "permohonan",
    "informasi",
    "pegawai",
    "perjalanan",
    "dinas",
    "pengadaan",
    "barang",
    "jasa",
    "daerah",
    "kota",
]


def _limit(size: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return apply


def _largest_file(home: Home) -> int:
    return max((p.stat().st_size for p in home.path.rglob("*") if p.is_file()), default=0)


FIRST_FILE_WAIT = 120.0  # seconds for `lontar import` to commit its first file


def _kill_after(process: subprocess.Popen, seconds: float) -> str:
    try:
        out, _ = process.communicate(timeout=seconds)
        return out
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        out, _ = process.communicate()
        return out


# -- the faults ---------------------------------------------------------------------------------
def kill_import(lab: Lab) -> None:
    """`lontar import` (standalone: it indexes itself) killed at a random moment after its
    first file was committed. Timed from its start instead, a loaded machine (the whole test
    suite beside it) let both rounds' kills come before the command had even opened the
    database: nothing to lose, and no test."""
    folder = lab.new_batch(40)
    process = subprocess.Popen(
        lab.command("import", str(folder), "--unit", "DPK"), stdout=subprocess.PIPE, text=True
    )
    watchdog = threading.Timer(FIRST_FILE_WAIT, process.kill)  # a command that never says
    watchdog.start()
    try:
        first = process.stdout.readline()  # its progress line: the first file is committed
    finally:
        watchdog.cancel()
    lab.note_output(first + _kill_after(process, lab.rng.uniform(0.0, 3.7)))


def kill_indexing(lab: Lab) -> None:
    """The worker (the index writer) killed while it drains what `import --no-wait` queued."""
    folder = lab.new_batch(40)
    lab.note_output(lab.cli("import", str(folder), "--unit", "DPK", "--no-wait").stdout)
    worker = subprocess.Popen(
        [PYTHON, "-m", "repository.run.worker", "--home", str(lab.home.path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _kill_after(worker, lab.rng.uniform(0.2, 3.0))


def kill_repair(lab: Lab) -> None:
    """`lontar check --repair` killed while it applies what is pending."""
    folder = lab.new_batch(40)
    lab.note_output(lab.cli("import", str(folder), "--unit", "DPK", "--no-wait").stdout)
    process = subprocess.Popen(lab.command("check", "--repair"), stdout=subprocess.DEVNULL)
    _kill_after(process, lab.rng.uniform(0.2, 3.0))


def disk_full_import(lab: Lab) -> None:
    """`lontar import` under a file-size limit a little above the largest file: the
    database, the index or the trail hits it first, somewhere in the batch."""
    folder = lab.new_batch(40)
    size = _largest_file(lab.home) + lab.rng.randint(2_000, 60_000)
    done = subprocess.run(
        lab.command("import", str(folder), "--unit", "DPK"),
        capture_output=True,
        text=True,
        preexec_fn=_limit(size),
    )
    lab.note_output(done.stdout)


def disk_full_reindex(lab: Lab) -> None:
    """`lontar reindex` under a file-size limit: the rebuild fails, the live index stays."""
    folder = lab.new_batch(20)
    lab.note_output(lab.cli("import", str(folder), "--unit", "DPK").stdout)
    size = _largest_file(lab.home) + lab.rng.randint(1_000, 30_000)
    subprocess.run(lab.command("reindex"), capture_output=True, preexec_fn=_limit(size))


def zeo_restart(lab: Lab) -> None:
    """The ZEO server killed mid-import under `lontar serve` (the supervisor restarts it)."""
    serve = _serve(lab)
    try:
        folder = lab.new_batch(40)
        process = subprocess.Popen(
            lab.command("import", str(folder), "--unit", "DPK"), stdout=subprocess.PIPE, text=True
        )
        time.sleep(lab.rng.uniform(0.5, 3.0))
        zeo = _child(serve.pid, b"ZEO.runzeo")
        if zeo:
            os.kill(zeo, signal.SIGKILL)
        out, _ = process.communicate(timeout=600)
        lab.note_output(out)
    finally:
        _stop(serve)


def concurrent(lab: Lab) -> None:
    """Five importers into one unit at once, under `lontar serve`."""
    serve = _serve(lab)
    try:
        folders = [lab.new_batch(20) for _ in range(5)]
        processes = [
            subprocess.Popen(
                lab.command("import", str(f), "--unit", "DPK"), stdout=subprocess.PIPE, text=True
            )
            for f in folders
        ]
        for process in processes:
            out, _ = process.communicate(timeout=900)
            lab.note_output(out)
    finally:
        _stop(serve)


def _serve(lab: Lab) -> subprocess.Popen:
    port = _free_port()
    serve = subprocess.Popen(
        lab.command("serve", "--address", "127.0.0.1", "--port", str(port)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not lab.home.zeo_socket.exists() or not _child(serve.pid, b"repository.run.worker"):
        if time.monotonic() > deadline:
            raise RuntimeError("lontar serve did not start")
        time.sleep(0.3)
    return serve


def _stop(serve: subprocess.Popen) -> None:
    serve.send_signal(signal.SIGINT)
    try:
        serve.wait(timeout=60)
    except subprocess.TimeoutExpired:
        serve.kill()
        serve.wait()


def _child(parent: int, marker: bytes) -> int | None:
    listed = subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True)
    for pid in listed.stdout.split():
        try:
            if marker in Path(f"/proc/{pid}/cmdline").read_bytes():
                return int(pid)
        except OSError:
            continue
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


FAULTS: dict[str, Callable[[Lab], None]] = {
    "kill_import": kill_import,
    "kill_indexing": kill_indexing,
    "kill_repair": kill_repair,
    "disk_full_import": disk_full_import,
    "disk_full_reindex": disk_full_reindex,
    "zeo_restart": zeo_restart,
    "concurrent": concurrent,
}


def run(fault: str, rounds: int, seed: int, workdir: Path) -> Row:
    row, started = Row(fault), time.monotonic()
    lab = Lab(workdir / fault, random.Random(f"{seed}-{fault}"))
    for _ in range(rounds):
        FAULTS[fault](lab)
        row.rounds += 1
    lab.measure(row)
    row.seconds = round(time.monotonic() - started, 1)
    return row


def table(rows: list[Row]) -> str:
    lines = [
        "| fault | rounds | reported | lost | unaudited | unindexed after catch-up | chain |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        chain = "intact" if r.chain_intact else "BROKEN"
        lines.append(
            f"| {r.fault} | {r.rounds} | {r.reported} | {r.lost} | {r.unaudited} "
            f"| {r.unindexed} | {chain} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--faults", nargs="*", default=list(FAULTS), choices=list(FAULTS))
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="lontar-faults-"))
    try:
        rows = []
        for fault in args.faults:
            rows.append(run(fault, args.rounds, args.seed, workdir))
            print(f"{fault}: {rows[-1]}", flush=True)
        print(table(rows))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    bad = [r for r in rows if r.lost or r.unaudited or r.unindexed or not r.chain_intact]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
