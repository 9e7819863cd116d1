"""OAI-PMH at scale: a harvester's ListRecords (`oai_dc`) of N published records (default
100 000) through every resumption token, page after page as a harvester asks for them
(`lontar.catalogue.oai`, what the `/oai` route calls), against the raw baseline measured in the
same run: the same records' Dublin Core built from the same projection (`views.node_dict` +
`dc.record_dc`) and serialised with lxml, 100 per read transaction, without the protocol (no
ledger, no live check, no headers, no tokens, no envelope).

The repository is generated data written straight into a FileStorage in bulk transactions (as
bench/common.py does for search): eight OPDs, each a published fonds of series and berkas, with
N public records in all and 5 % of items of class T beside them (never harvested). The ledger
is then filled by its own hook (`ledger.follow`) in chunks, as the index writer would after
indexing: that is timed too (`ledger_records_per_s`). No Whoosh index is built: OAI reads the
database only.

python -m bench.oai --records 100000
"""

from __future__ import annotations

import argparse
import os
import re
import time
from pathlib import Path

from lxml import etree

from bench.common import OUT, TreeRss, percentiles, report
from repository.app import Lontar
from repository.catalogue import dc, ledger, publication, views
from repository.catalogue.model import catalogue_of
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import reading, write
from repository.core.security import ADMIN
from repository.records.records import create_record

OPDS = ("SETDA", "DINKES", "DISDIK", "BAPENDA", "DISKOMINFO", "DPK", "BKPSDM", "KECUTARA")
SERIES = 10  # per fonds
PER_BERKAS = 50  # items
CHUNK = 2000
TOKEN = re.compile(rb"<resumptionToken[^>]*>([^<]+)</resumptionToken>")


def plan(n: int) -> list[tuple[str, int]]:
    """(OPD, items) so that fonds, series, berkas and items add up to about n public records
    (n exactly when the berkas arithmetic allows)."""
    per_opd, rest = divmod(n, len(OPDS))
    found = []
    for index, opd in enumerate(OPDS):
        below = per_opd + (1 if index < rest else 0) - 1 - SERIES  # berkas and items
        items = max(below, 0)
        while items and items + -(-items // PER_BERKAS) > below:
            items -= 1
        found.append((opd, items))
    return found


def build(n: int, home: Home | None = None) -> Home:
    """The repository (reused when already built in bench/out/oai-N)."""
    home = home or Home.resolve(OUT / f"oai-{n}")
    if (home.path / "built").exists():
        return home
    started = time.perf_counter()
    with Lontar(home) as lontar:
        lontar.init("ID-B", "Pemerintah Kabupaten Bench")
        for opd in OPDS:
            lontar.records.add_unit(ADMIN, opd, f"Dinas {opd.title()}")
        for opd, items in plan(n):
            fonds = write(lontar.db, lambda root, o=opd: _fonds(root, o))
            for start in range(0, items, CHUNK):
                count = min(CHUNK, items - start)
                write(lontar.db, lambda root, f=fonds, s=start, c=count: _items(root, f, s, c))
                lontar.db.cacheMinimize()
        write(lontar.db, _publish)
        ids = _all_ids(lontar)
        ledger_started = time.perf_counter()
        for start in range(0, len(ids), CHUNK):
            part = ids[start : start + CHUNK]
            write(lontar.db, lambda root, p=part: ledger.follow(pemda_of(root), p))
            lontar.db.cacheMinimize()
        ledger_s = time.perf_counter() - ledger_started
    (home.path / "built").write_text(f"{n} {len(ids) / ledger_s:.0f}")
    print(f"built {n} public records in {time.perf_counter() - started:.0f} s", flush=True)
    return home


def _fonds(root, opd: str) -> str:
    pemda = pemda_of(root)
    fonds = create_record(pemda, pemda.units[opd], level="fonds", title=f"Arsip {opd}", actor="b")
    for s in range(SERIES):
        create_record(pemda, fonds, level="series", title=f"Seri {s} {opd}", actor="bench")
    return fonds.id


def _items(root, fonds_id: str, start: int, count: int) -> None:
    """Items in berkas of PER_BERKAS, the berkas spread over the fonds' series; one in twenty
    items beside them is of class T."""
    pemda = pemda_of(root)
    series = sorted((pemda.records[fonds_id].children or {}).values(), key=lambda r: r.code)
    berkas = None
    for seq in range(start, start + count):
        if berkas is None or seq % PER_BERKAS == 0:
            holder = series[(seq // PER_BERKAS) % len(series)]
            berkas = create_record(pemda, holder, level="file", title=f"Berkas {seq}", actor="b")
        create_record(
            pemda, berkas, level="item", title=f"Surat nomor {seq} perihal pelayanan publik",
            actor="bench", date_start=f"{1960 + seq % 60}-01-02", classification="000.1",
            description="Surat dinas tentang pelayanan publik di kelurahan.",
        )  # fmt: skip
        if seq % 20 == 0:
            create_record(pemda, berkas, level="item", title="Memo", actor="b", security="T")


def _publish(root) -> None:
    """Every fonds published, as `lontar publish` does it; the index is taken as caught up
    (its queue emptied): no index is built here."""
    pemda = pemda_of(root)
    for unit in pemda.top_units.values():
        for fonds in (unit.children or {}).values():
            publication.publish(pemda, fonds, "bench")
    pemda.index_queue.clear()


def _all_ids(lontar: Lontar) -> list[str]:
    with reading(lontar.db) as root:
        return list(pemda_of(root).records.keys())


def harvest(lontar: Lontar, prefix: str = "oai_dc") -> dict:
    """ListRecords through every token: records, pages, seconds, per-page latency, peak RSS."""
    params: dict = {"verb": "ListRecords", "metadataPrefix": prefix}
    records = pages = size = 0
    samples = []
    with TreeRss() as rss:
        started = time.perf_counter()
        while True:
            page_started = time.perf_counter()
            answer = lontar.catalogue.oai(params)
            samples.append(time.perf_counter() - page_started)
            pages += 1
            records += answer.count(b"<metadata>")
            size += len(answer)
            found = TOKEN.search(answer)
            if found is None:
                break
            params = {"verb": "ListRecords", "resumptionToken": found.group(1).decode()}
        seconds = time.perf_counter() - started
    return {
        "records": records,
        "pages": pages,
        "seconds": round(seconds, 2),
        "records_per_s": round(records / seconds),
        "mb": round(size / 1e6, 1),
        "page": percentiles(samples),
        "peak_rss_mb": round(max(rss.peak_mb, _rss_mb())),  # sampled 4x/s, and at the end
    }


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def raw(lontar: Lontar, batch: int = 100) -> dict:
    """The same records' DC, built and serialised with nothing around it."""
    with reading(lontar.db) as root:
        pemda = pemda_of(root)
        order = catalogue_of(pemda).order
        ids = list(order.values())
        name, base = pemda.name, lontar.catalogue.base_url
    size = 0
    started = time.perf_counter()
    for start in range(0, len(ids), batch):
        with reading(lontar.db) as root:
            records = pemda_of(root).records
            for record_id in ids[start : start + batch]:
                node = views.node_dict(records[record_id], base)
                size += len(etree.tostring(dc.record_dc(node, name), encoding="UTF-8"))
    seconds = time.perf_counter() - started
    return {
        "records": len(ids),
        "seconds": round(seconds, 2),
        "records_per_s": round(len(ids) / seconds),
        "mb": round(size / 1e6, 1),
    }


def measure(home: Home) -> dict:
    """A first harvest (the database cold), the raw baseline, a second harvest: the ratio is
    the second harvest's time over the baseline's, both after a first pass over the data."""
    with Lontar(home) as lontar:
        first = harvest(lontar)
        baseline = raw(lontar)
        second = harvest(lontar)
    built = (home.path / "built").read_text().split()
    return {
        "harvest_first": first,
        "raw_dc": baseline,
        "harvest": second,
        "ratio": round(second["seconds"] / baseline["seconds"], 2),
        "ledger_records_per_s": int(built[1]) if len(built) > 1 else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench.oai")
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    home = build(args.records)
    figures: dict = {
        "records": args.records,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    figures.update(measure(home))
    report(f"oai-{args.records}", figures)


if __name__ == "__main__":
    main()
