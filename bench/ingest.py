"""Born-digital PDF ingest (1-5 pages), from file to searchable, against raw pypdf + Whoosh.

python -m bench.ingest --files 200
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from io import BytesIO
from pathlib import Path

from bench.common import OUT, build_repository, peak_rss_mb, report
from repository.demo.builder import render_pdf
from repository.demo.corpus import document


def make_pdfs(count: int, seed: int = 5) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    files = []
    for seq in range(count):
        doc = document(rng, "DPK", seq, words=(250, 2200))  # about 1 to 5 pages
        files.append((f"surat-{seq}.pdf", render_pdf(doc, "Pemda Bench", "Dinas Kearsipan")))
    return files


def lontar(files, security: str = "B", into: int = 0) -> dict:
    """`into`: ingest into the bench repository of that many records (bench/out/repo-N,
    indexed), which keeps the files, instead of into a new empty one."""
    from repository.app import Lontar
    from repository.core.config import Home
    from repository.core.keys import key_path
    from repository.core.security import ADMIN
    from repository.ingest.pipeline import ImportOptions, Incoming

    home = build_repository(into) if into else Home.resolve(tempfile.mkdtemp(dir=OUT))
    try:
        with Lontar(home) as service:
            if not into:
                service.init("ID-B", "Bench")
            if "DPK" not in service.records.unit_codes():
                service.records.add_unit(ADMIN, "DPK", "Kearsipan")
            service.ingest.extractor.extract(files[0][1])  # the extraction child is started once
            started = time.perf_counter()
            incoming = (Incoming(n, d) for n, d in files)
            options = ImportOptions(unit="DPK", security=security)
            report_ = service.ingest.import_files(ADMIN, incoming, options, wait=True)
            seconds = time.perf_counter() - started
            assert len(report_.accepted) == len(files) and service.index.check().clean
        return {
            "files_per_s": round(len(files) / seconds, 1),
            "seconds": round(seconds, 2),
            "peak_rss_mb": round(peak_rss_mb()),
        }
    finally:
        if not into:
            shutil.rmtree(home.path, ignore_errors=True)
            key_path(home).unlink(missing_ok=True)


def raw(files) -> dict:
    from pypdf import PdfReader
    from whoosh import index
    from whoosh.fields import ID, TEXT, Schema

    from indexes.analysis import indonesian_analyzer

    path = Path(tempfile.mkdtemp(dir=OUT))
    try:
        analyzer = indonesian_analyzer()
        ix = index.create_in(str(path), Schema(id=ID(stored=True), text=TEXT(analyzer=analyzer)))
        started = time.perf_counter()
        writer = ix.writer(compound=False)
        for name, data in files:
            text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)
            writer.add_document(id=name, text=text)
        writer.commit()
        seconds = time.perf_counter() - started
        return {"files_per_s": round(len(files) / seconds, 1), "seconds": round(seconds, 2)}
    finally:
        shutil.rmtree(path, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument(
        "--security", default="B", choices=("B", "T", "R", "SR"), help="R/SR: sealed files"
    )
    parser.add_argument("--into", type=int, default=0, help="N: into the N-record bench repository")
    parser.add_argument(
        "--seed", type=int, default=5, help="other files (an --into repository keeps the last)"
    )
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    files = make_pdfs(args.files, args.seed)
    pages = sum(data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") for _, data in files)
    ours, baseline = lontar(files, args.security, args.into), raw(files)
    report(
        f"ingest-into-{args.into}" if args.into else "ingest",
        {
            "files": len(files),
            "into_records": args.into,
            "security": args.security,
            "approx_pages": pages,
            "lontar": ours,
            "raw_pypdf_whoosh": baseline,
            "ratio_throughput": round(ours["files_per_s"] / baseline["files_per_s"], 2),
        },
    )


if __name__ == "__main__":
    main()
