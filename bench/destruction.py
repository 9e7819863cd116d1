"""A destruction's execution on a whole repository: the transaction, then the purge (index
segments rewritten, the database packed), against the raw engines doing the same (Whoosh
deleting the documents and merging their segments, ZODB packing).

    python -m bench.destruction --n 100000 [--destroy 100]

Runs on a copy of the benchmark repository (bench/out/repo-N), which it leaves intact.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from bench.common import OUT, build_repository, peak_rss_mb, report

CODE = "ZZ.9"  # a code no synthetic record has, so exactly the chosen records are due
JRA = "code,active_years,inactive_years,trigger,disposition,note,security\n" + (
    f"{CODE},1,1,date,Musnah,,\n"
)


def copy_of(home, name: str):
    """The benchmark repository copied with its key, so destroying leaves the original."""
    from repository.core.config import Home

    target = OUT / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(home.path, target)
    key = Path(f"{home.path}-master.key")
    if key.exists():
        shutil.copy2(key, f"{target}-master.key")
    return Home.resolve(target)


def prepared(home, destroy: int):
    """The service on the copy, `destroy` records classified under a rule due long ago and
    an approved destruction list for them."""
    from indexes.search import SearchRequest
    from repository.app import Lontar
    from repository.core.security import ADMIN

    service = Lontar(home)
    if not service.store.doc_count():
        service.index.reindex()
    service.workbench.load_scheme(ADMIN, f"code,name\nZZ,Bench\n{CODE},Bench\n", "bench")
    service.workbench.load_jra(ADMIN, JRA)
    hits = service.records.search(ADMIN, SearchRequest(unit="DINKES", page_size=destroy)).hits
    for hit in hits:
        service.records.update_record(ADMIN, hit.id, {"date_start": "2001-01-01"})
        service.workbench.classify(ADMIN, hit.id, CODE)
    service.index.catch_up(ocr=False)
    ids = [h.id for h in hits]
    assert len(ids) == destroy, f"only {len(ids)} DINKES records to destroy"
    made = service.disposal.propose_destruction(ADMIN, "DINKES", ids, on="2030-01-01")
    service.disposal.appraise_destruction(ADMIN, made["id"], [("Panitia", "Ketua")])
    service.disposal.approve_destruction(
        ADMIN, made["id"], "kepala_daerah", "1", "2030-01-01", "Bench"
    )
    return service, made["id"], ids


def raw(home, ids: list[str]) -> dict:
    """The engines alone: Whoosh deletes and merges the segments, ZODB packs."""
    import ZODB
    from whoosh import index
    from ZODB.FileStorage import FileStorage

    from indexes.writer import expunge_deleted

    started = time.perf_counter()
    ix = index.open_dir(str(home.index_dir))
    writer = ix.writer(compound=False)
    for rid in ids:
        writer.delete_by_term("id", rid)
    writer.commit(mergetype=expunge_deleted)
    indexed = time.perf_counter()
    db = ZODB.DB(FileStorage(str(home.data_fs), blob_dir=str(home.blobs), pack_keep_old=False))
    db.pack(time.time())
    db.close()
    done = time.perf_counter()
    return {"raw_index_s": round(indexed - started, 2), "raw_pack_s": round(done - indexed, 2)}


def main() -> None:
    from repository.core.security import ADMIN

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--destroy", type=int, default=100)
    args = parser.parse_args()
    source = build_repository(args.n)
    home = copy_of(source, f"destroy-{args.n}")
    service, destruction_id, ids = prepared(home, args.destroy)
    started = time.perf_counter()
    service.disposal.commit_destruction(ADMIN, destruction_id)
    committed = time.perf_counter()
    service.disposal.purge()
    purged = time.perf_counter()
    service.close()
    figures = {
        "records": args.n,
        "destroyed": len(ids),
        "commit_s": round(committed - started, 2),
        "purge_s": round(purged - committed, 2),
        "execute_s": round(purged - started, 2),
    }
    baseline = copy_of(source, f"destroy-raw-{args.n}")
    with_index, _, raw_ids = prepared(baseline, args.destroy)
    with_index.close()
    figures.update(raw(baseline, raw_ids))
    raw_total = figures["raw_index_s"] + figures["raw_pack_s"]
    figures["ratio_vs_raw"] = round(figures["execute_s"] / raw_total, 2) if raw_total else None
    figures["peak_rss_mb"] = round(peak_rss_mb())
    report(f"destruction-{args.n}", figures)
    for path in (home.path, baseline.path):
        shutil.rmtree(path, ignore_errors=True)
        Path(f"{path}-master.key").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
