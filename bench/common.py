"""Shared pieces of the benchmarks: synthetic repositories, timing, memory, printing."""

from __future__ import annotations

import itertools
import json
import os
import random
import resource
import statistics
import threading
import time
from pathlib import Path

from repository.app import Lontar
from repository.core.config import Home
from repository.core.content import Attachment, TextBody, pemda_of
from repository.core.db import write
from repository.core.security import ADMIN, Caller
from repository.demo.corpus import document
from repository.records.records import create_record

OUT = Path(__file__).resolve().parent / "out"
UNITS = ["SETDA", "DINKES", "DISDIK", "BAPENDA", "DISKOMINFO", "DPK", "BKPSDM", "KEC.UTARA"]
# An official of one OPD: what most searches at a Pemda are (anonymous and the administrator are the
# two extremes of the permission filter)
ONE_UNIT = Caller(
    "bench-pejabat", (("DINKES", frozenset({"Pejabat"})),), clearance="R", unit="DINKES"
)
SECURITY = (["B"] * 75) + (["T"] * 15) + (["R"] * 7) + (["SR"] * 3)


def peak_rss_mb() -> float:
    """This process's peak plus its largest child's. Children that run at the same time
    (index helpers, extraction children) are summed by `TreeRss` instead."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


class TreeRss:
    """Samples the resident memory of this process and all its descendants together, four
    times a second, and keeps the peak: what the machine actually has to hold."""

    def __init__(self, every: float = 0.25) -> None:
        self.every, self.peak_mb = every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.peak_mb = max(self.peak_mb, _tree_rss_kb(os.getpid()) / 1024)


def _tree_rss_kb(root: int) -> int:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, total = {root}, 0
    for pid in sorted(parents):  # a child's pid is almost always above its parent's
        if parents[pid] in tree:
            tree.add(pid)
    for pid in tree:
        total += _rss_kb(pid)
    return total


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
    }


def report(name: str, figures: dict) -> None:
    print(json.dumps({"benchmark": name, **figures}, indent=2))
    OUT.mkdir(exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps(figures, indent=2))


def synthetic_texts(n: int, seed: int = 7):
    """(unit, security, document) for record n; the same for every run with the same seed."""
    rng = random.Random(seed)
    for seq in range(n):
        unit = rng.choice(UNITS)
        yield unit, rng.choice(SECURITY), document(rng, unit, seq)


def build_repository(n: int, *, chunk: int = 1000, home: Home | None = None) -> Home:
    """A repository of n text records, written in bulk transactions (not through ingest:
    this is the fixture for search and reindex, not the thing measured); by default the
    shared one in bench/out, or at `home`."""
    home = home or Home.resolve(OUT / f"repo-{n}")
    if (home.path / "built").exists():
        return home
    service = Lontar(home)
    service.init("ID-B", "Pemda Bench")
    for unit in UNITS:
        service.records.add_unit(ADMIN, unit, unit)
    rows = synthetic_texts(n)  # streamed: a million documents do not fit in memory at once
    started = time.perf_counter()
    while part := list(itertools.islice(rows, chunk)):
        write(service.db, lambda root, part=part: _add(root, part))
        service.db.cacheMinimize()
    print(f"built {n} records in {time.perf_counter() - started:.0f} s", flush=True)
    service.close()
    (home.path / "built").write_text(str(n))
    return home


def new_item(pemda, unit: str, security: str, doc):
    """One synthetic item record, without its file: the benches differ only in the file."""
    return create_record(
        pemda,
        pemda.units[unit],
        level="item",
        title=doc.title,
        actor="bench",
        date_start=doc.date,
        classification=doc.classification,
        security=security,
    )


def _add(root, rows) -> None:
    pemda = pemda_of(root)
    for unit, security, doc in rows:
        record = new_item(pemda, unit, security, doc)
        data = doc.text.encode()
        attachment = Attachment("surat.txt", data, "text/plain", str(hash(data)))
        attachment.pages = 1
        attachment.text = TextBody((doc.text,))
        record.attachments[0] = attachment
    pemda.index_queue.clear()  # the index is built by the reindex being measured
