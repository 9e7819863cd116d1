"""Signing official letters through the service (number, render, sign, check, file), against
raw pyHanko signing the same rendered PDF with the same certificate (no render, no database).

python -m bench.letters --letters 100
"""

from __future__ import annotations

import argparse
import io
import shutil
import tempfile
import time

from bench.common import OUT, peak_rss_mb, percentiles, report

PASSPHRASE = "bench-ttd-2026"
BOX = (350.0, 120.0, 540.0, 220.0)  # a signature field of the stamp's size, points


def prepare(lontar, count: int) -> list[str]:
    """A unit, its Kepala (enrolled) and a Staf; `count` letters ready to sign, no verifiers."""
    from repository.core.security import ADMIN

    lontar.init("ID-B", "Pemda Bench")
    lontar.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
    for name, roles in (("kepala", {"Pejabat"}), ("staf", {"Staf"})):
        lontar.access.add_account(ADMIN, name, f"{name}-bench", roles, unit="DINKES")
    lontar.letters.save_position(
        ADMIN, "DINKES.KADIS", unit="DINKES", name="Kepala Dinas Kesehatan", holder="kepala",
        abbreviation="KADIS", rank=1,
    )  # fmt: skip
    lontar.letters.signing_init(ADMIN)
    lontar.letters.enrol(ADMIN, "kepala", PASSPHRASE)
    staf = lontar.access.caller("staf", "bench")
    ids = []
    for n in range(count):
        letter_id = lontar.letters.draft(staf, _fields(n))
        lontar.letters.submit(staf, letter_id)
        ids.append(letter_id)
    return ids


def _fields(n: int) -> dict:
    body = " ".join(["Dalam rangka tertib administrasi kearsipan, mohon laporan disampaikan."] * 6)
    return {
        "unit": "DINKES", "type": "surat_dinas", "sifat": "biasa", "urgency": "biasa",
        "classification": "000.1", "hal": f"Permintaan laporan bulanan {n}",
        "body": f"{body}\n\n{body}", "recipients": ["unit:DINKES"], "copies": [],
        "signer": "DINKES.KADIS", "verifiers": [],
    }  # fmt: skip


def lontar_signing(count: int) -> tuple[dict, bytes, bytes]:
    """Signs `count` letters one after another, as the Kepala would; returns the figures, a
    rendered (unsigned) letter and the signer's PKCS#12 for the baseline."""
    from repository.app import Lontar
    from repository.core.config import Home
    from repository.core.content import pemda_of
    from repository.core.db import reading
    from repository.core.keys import key_path
    from repository.letters.model import registry_of

    home = Home.resolve(tempfile.mkdtemp(dir=OUT))
    try:
        with Lontar(home) as lontar:
            ids = prepare(lontar, count + 1)
            kepala = lontar.access.caller("kepala", "bench")
            rendered = lontar.letters.preview_pdf(kepala, ids[-1])
            lontar.letters.sign(kepala, ids.pop(), PASSPHRASE, 1)  # warm: fonts, templates
            samples = []
            started = time.perf_counter()
            for letter_id in ids:
                one = time.perf_counter()
                lontar.letters.sign(kepala, letter_id, PASSPHRASE, 1)
                samples.append(time.perf_counter() - one)
            seconds = time.perf_counter() - started
            with reading(lontar.db) as root:
                pkcs12 = registry_of(pemda_of(root)).signers["kepala"].pkcs12
        figures = {
            "letters_per_s": round(count / seconds, 2),
            "seconds": round(seconds, 2),
            **percentiles(samples),
            "peak_rss_mb": round(peak_rss_mb()),
        }
        return figures, rendered, pkcs12
    finally:
        shutil.rmtree(home.path, ignore_errors=True)
        key_path(home).unlink(missing_ok=True)


def raw_pyhanko(pdf: bytes, pkcs12: bytes, count: int) -> dict:
    """The floor: open the PKCS#12 (the passphrase comes with each signature) and sign the
    same PDF as PAdES with a visible field, `count` times."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    samples = []
    started = time.perf_counter()
    for _ in range(count):
        one = time.perf_counter()
        key = signers.SimpleSigner.load_pkcs12_data(pkcs12, (), passphrase=PASSPHRASE.encode())
        meta = signers.PdfSignatureMetadata(
            field_name="TTE1", md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES
        )
        spec = fields.SigFieldSpec(sig_field_name="TTE1", on_page=0, box=BOX)
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        signers.PdfSigner(meta, key, new_field_spec=spec).sign_pdf(writer)
        samples.append(time.perf_counter() - one)
    seconds = time.perf_counter() - started
    return {"letters_per_s": round(count / seconds, 2), "seconds": round(seconds, 2),
            **percentiles(samples)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=100)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    ours, pdf, pkcs12 = lontar_signing(args.letters)
    baseline = raw_pyhanko(pdf, pkcs12, args.letters)
    report(
        "letters",
        {
            "letters": args.letters,
            "pdf_bytes": len(pdf),
            "lontar": ours,
            "raw_pyhanko": baseline,
            "ratio_throughput": round(ours["letters_per_s"] / baseline["letters_per_s"], 2),
        },
    )


if __name__ == "__main__":
    main()
