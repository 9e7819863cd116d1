"""The demo repository: a Pemda with its OPDs, the top of the classification scheme, and
records whose attachments are real PDFs (and a few scans) in Indonesian."""

from __future__ import annotations

import random
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from indexes.search import SearchRequest
from repository.app import Lontar
from repository.core.content import pemda_of
from repository.core.db import write
from repository.core.security import ADMIN
from repository.demo.catalogue import build_catalogue
from repository.demo.corpus import Document, document
from repository.demo.incoming import build_backlog, build_incoming
from repository.demo.letters import (
    LETTER_ACCOUNTS,
    LETTER_UNITS,
    SIGNING_PASSPHRASE,
    build_letters,
    build_positions,
    signers,
)
from repository.ingest.pipeline import ImportOptions, Incoming
from repository.records.records import create_record
from repository.records.units import get_unit
from repository.workbench.scheme import resolve

DATA = Path(__file__).resolve().parents[2] / "data"
SCHEME = DATA / "klasifikasi-83-2022-top.csv"
JRA = DATA / "jra-contoh.csv"

PEMDA = ("ID-KC", "Pemerintah Kota Contoh")
# Demo only: known passwords, printed at every start of a demo repository and marked as demo.
# name, password, roles, unit ("" = global), full name, clearance
DEMO_ACCOUNTS = [
    ("admin", "admin-demo", {"Administrator"}, "", "Administrator Demo", "SR"),
    ("arsiparis", "arsiparis-demo", {"Arsiparis"}, "DPK", "Arsiparis Demo", "R"),
    ("pencatat", "pencatat-demo", {"Pencatat"}, "DINKES", "Pencatat Dinas Kesehatan", "T"),
    ("pencatat.bappeda", "pencatat-bappeda-demo", {"Pencatat"}, "BAPPEDA", "Pencatat Bappeda", "T"),
    ("staf", "staf-demo", {"Staf"}, "DINKES", "Staf Dinas Kesehatan", "T"),
    ("guru", "guru-demo", {"Staf"}, "DISDIK", "Staf Dinas Pendidikan", "T"),
    ("auditor", "auditor-demo", {"Auditor"}, "", "Auditor Inspektorat", "R"),
    ("kadpk", "kadpk-demo", {"Pejabat"}, "DPK", "Kepala Dinas Perpustakaan dan Kearsipan", "R"),
    ("ppid", "ppid-demo", {"PPID"}, "", "PPID Utama (Diskominfo)", "T"),
    ("ppid.dinkes", "ppid-dinkes-demo", {"PPID"}, "DINKES", "PPID Pelaksana Dinkes", "T"),
    ("atasan", "atasan-demo", {"Atasan PPID"}, "", "Sekretaris Daerah (Atasan PPID)", "T"),
    # An Arsiparis in every other OPD: someone below the administrator who may file, classify
    # and share that OPD's records (DPK has `arsiparis` and its head `kadpk`).
    ("arsip.setda", "arsip-setda-demo", {"Arsiparis"}, "SETDA", "Arsiparis Setda", "T"),
    ("arsip.dinkes", "arsip-dinkes-demo", {"Arsiparis"}, "DINKES", "Arsiparis Dinkes", "T"),
    ("arsip.disdik", "arsip-disdik-demo", {"Arsiparis"}, "DISDIK", "Arsiparis Disdik", "T"),
    ("arsip.bapenda", "arsip-bapenda-demo", {"Arsiparis"}, "BAPENDA", "Arsiparis Bapenda", "T"),
    ("arsip.kominfo", "arsip-kominfo-demo", {"Arsiparis"}, "DISKOMINFO", "Arsiparis Kominfo", "T"),
    ("arsip.bkpsdm", "arsip-bkpsdm-demo", {"Arsiparis"}, "BKPSDM", "Arsiparis BKPSDM", "T"),
    ("arsip.utara", "arsip-utara-demo", {"Arsiparis"}, "KEC.UTARA", "Arsiparis Kec. Utara", "T"),
    # the holders of positions who sign and paraf letters (repository/demo/letters.py)
    *LETTER_ACCOUNTS,
]
UNCLASSIFIED_EVERY = 8  # every 8th letter arrives without a code: the Klasifikasi queue's work
UNITS = [
    ("SETDA", "Sekretariat Daerah", None),
    ("SETDA.UMUM", "Bagian Umum", "SETDA"),
    ("SETDA.HUKUM", "Bagian Hukum", "SETDA"),
    ("DINKES", "Dinas Kesehatan", None),
    ("DINKES.P2P", "Bidang Pencegahan dan Pengendalian Penyakit", "DINKES"),
    ("DISDIK", "Dinas Pendidikan", None),
    ("BAPENDA", "Badan Pendapatan Daerah", None),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", None),
    ("DPK", "Dinas Perpustakaan dan Kearsipan", None),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan SDM", None),
    ("KEC.UTARA", "Kecamatan Utara", None),
]
SECURITY_WEIGHTS = (("B", 70), ("T", 20), ("R", 7), ("SR", 3))


def render_pdf(doc: Document, pemda_name: str, unit_name: str) -> bytes:

    styles = getSampleStyleSheet()
    buffer = BytesIO()
    story = [
        Paragraph(pemda_name.upper(), styles["Title"]),
        Paragraph(unit_name, styles["Heading2"]),
        Paragraph(f"{doc.kind.upper()}<br/>Nomor: {doc.number}", styles["Heading3"]),
        Paragraph(doc.title, styles["Heading4"]),
        Spacer(1, 12),
        *[Paragraph(p, styles["BodyText"]) for p in doc.paragraphs],
        Spacer(1, 24),
        Paragraph(f"Ditetapkan tanggal {doc.date.isoformat()}", styles["BodyText"]),
    ]
    pdf = SimpleDocTemplate(buffer, pagesize=A4, title=doc.title, author=unit_name)
    pdf.build(story)
    return buffer.getvalue()


def render_scan(lines: list[str], fmt: str) -> bytes:
    """A page image as a scanner would give it: no text layer, OCR is the only way in."""
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=30)
    y = 120
    for line in lines:
        for start in range(0, len(line), 60):
            draw.text((100, y), line[start : start + 60], font=font, fill=0)
            y += 48
        y += 20
    buffer = BytesIO()
    if fmt == "PDF":
        page.save(buffer, format="PDF", resolution=150)
    else:
        page.save(buffer, format=fmt, dpi=(150, 150))
    return buffer.getvalue()


def load_scheme(service: Lontar) -> int:
    """The scheme's top two levels as version "Permendagri 83/2022", and an example JRA
    (data/jra-contoh.csv: illustrative rows, not an official schedule)."""
    loaded = service.workbench.load_scheme(
        ADMIN, SCHEME.read_text(encoding="utf-8"), "Permendagri 83/2022"
    )
    service.workbench.load_jra(ADMIN, JRA.read_text(encoding="utf-8"))
    return loaded["codes"]


def _berkas(service: Lontar, made: dict, unit_code: str, year: int, classification: str) -> str:
    """One fonds per unit, one series per code in it, one berkas per code and year."""

    def make(root) -> str:
        pemda = pemda_of(root)
        unit = get_unit(pemda, unit_code)
        fonds_id = made.get(unit_code)
        if fonds_id is None:
            fonds = create_record(
                pemda, unit, level="fonds", title=f"Arsip {unit.name}", actor="demo"
            )
            fonds_id = fonds.id
        series_id = made.get((unit_code, classification))
        if series_id is None:
            name = (resolve(pemda, classification) or {"name": classification})["name"]
            series_id = create_record(
                pemda,
                pemda.records[fonds_id],
                level="series",
                title=f"{classification} {name}",
                actor="demo",
                classification=classification,
            ).id
        berkas = create_record(
            pemda,
            pemda.records[series_id],
            level="file",
            actor="demo",
            title=f"Berkas {classification} tahun {year}",
            classification=classification,
            date_start=f"{year}-01-01",
            date_end=f"{year}-12-31",
            location=f"Gedung A, rak {random.Random(year).randint(1, 40)}",
        )
        return fonds_id, series_id, berkas.id

    fonds_id, series_id, berkas_id = write(service.db, make, note="demo berkas")
    made[unit_code], made[(unit_code, classification)] = fonds_id, series_id
    return berkas_id


def build_demo(service: Lontar, records: int = 210, seed: int = 2026) -> dict:
    """Creates everything through the same services a user would call."""
    rng = random.Random(seed)
    service.init(*PEMDA)
    load_scheme(service)
    names = {code: name for code, name, _ in UNITS}
    for code, name, parent in UNITS + LETTER_UNITS:
        service.records.add_unit(ADMIN, code, name, parent)
    for name, password, roles, unit, full_name, clearance in DEMO_ACCOUNTS:
        service.access.add_account(
            ADMIN,
            name,
            password,
            roles,
            unit=unit,
            full_name=full_name,
            clearance=clearance,
            demo=True,
        )
    units = [code for code, _, _ in UNITS]  # not LETTER_UNITS: the records stay as they were
    classes = [c for c, _ in SECURITY_WEIGHTS]
    weights = [w for _, w in SECURITY_WEIGHTS]
    berkas_of: dict[tuple[str, int, str], str] = {}
    made: dict = {}
    for seq in range(1, records + 1):
        unit = rng.choice(units)
        doc = document(rng, unit.split(".")[0], seq, words=(120, 700))
        key = (unit, doc.date.year, doc.classification)
        loose = seq % UNCLASSIFIED_EVERY == 0  # unfiled and without a code
        if key not in berkas_of and rng.random() < 0.6 and not loose:
            berkas_of[key] = _berkas(service, made, unit, doc.date.year, doc.classification)
        pdf = render_pdf(doc, PEMDA[1], names[unit])
        service.ingest.import_files(
            ADMIN,
            [Incoming(f"{doc.number.replace('/', '-')}.pdf", pdf)],
            ImportOptions(
                unit=unit,
                into=None if loose else berkas_of.get(key),
                title=doc.title,
                date=doc.date.isoformat(),
                classification="" if loose else doc.classification,
                security=rng.choices(classes, weights)[0],
            ),
            wait=False,
        )
    for number, fmt in enumerate(("PNG", "JPEG", "TIFF", "PDF"), start=1):
        doc = document(rng, "DPK", 900 + number, words=(40, 60))
        lines = [PEMDA[1].upper(), doc.kind.upper(), doc.number, doc.title, doc.paragraphs[0]]
        service.ingest.import_files(
            ADMIN,
            [Incoming(f"pindaian-{number}.{fmt.lower()}", render_scan(lines, fmt))],
            ImportOptions(
                unit="DPK",
                title=f"Pindaian: {doc.title}",
                date=doc.date.isoformat(),
                classification="000.5",
            ),
            wait=False,
        )
    catalogue = build_catalogue(service)
    service.index.catch_up(ocr=False)
    _ppid(service)
    build_positions(service)
    backlog = build_backlog(service, render_scan)  # before the letters: the agenda's first lines
    letters = build_letters(service)
    incoming = backlog + build_incoming(service, render_scan)
    return {
        "records": records + 4 + catalogue["items"],
        "catalogue": catalogue["fonds"],
        "units": len(UNITS) + len(LETTER_UNITS),
        "letters": letters["letters"],
        "incoming": incoming,
    }


def _ppid(service: Lontar) -> None:
    """A public information list, one consequence test and two requests, one of them
    answered with a public record, so the PPID pages have something to show."""
    public = service.records.search(ADMIN, SearchRequest(unit="DINKES", security=("B",))).hits[:2]
    for category, summary in (
        ("berkala", "Laporan kinerja tahunan Dinas Kesehatan"),
        ("setiap_saat", "Daftar Informasi Publik Pemerintah Kota Contoh"),
        ("serta_merta", "Peringatan dini wabah dan bencana"),
    ):
        service.ppid.save_dip(ADMIN, {"summary": summary, "category": category, "unit": "DINKES",
                                 "responsible": "Sekretaris Dinas", "made": "Kota Contoh",
                                 "formats": "softcopy, hardcopy",
                                 "record_ids": [h.id for h in public]})  # fmt: skip
    test = service.ppid.save_dik(ADMIN, {
        "information": "Rekam medis pasien puskesmas", "ground": "h",
        "legal_basis": "UU 14/2008 Pasal 17 huruf h; UU 17/2023 tentang Kesehatan",
        "harm": "Membuka rahasia pribadi pasien", "years": 25,
        "public_interest": "Tidak ada kepentingan publik yang lebih besar dari perlindungan pasien",
    })  # fmt: skip
    numbers = []
    for name, information in (
        ("Rina Wulandari", "Laporan kinerja Dinas Kesehatan tahun lalu"),
        ("Yayasan Sehat Bersama", "Rekam medis pasien TBC di puskesmas"),
    ):
        question, token = service.ppid.ppid_challenge()
        answer = str(sum(int(n) for n in question.split("+")))
        form = {"name": name, "address": "Jl. Contoh 1", "email": "pemohon@contoh.id",
                "nik": "3273015208900001", "information": information, "purpose": "Demo",
                "obtain": ["softcopy"], "delivery": "email",
                "kind": "organisasi" if name.startswith("Yayasan") else "perorangan",
                "organisation": name if name.startswith("Yayasan") else ""}  # fmt: skip
        card = ("ktp.png", render_scan(["KARTU TANDA PENDUDUK", name.upper()], "PNG"))
        numbers.append(service.ppid.file_request(form, card, token, answer, "demo")["number"])
    service.ppid.assign_request(ADMIN, numbers[0], "DINKES", "ppid.dinkes")
    service.ppid.decide_request(ADMIN, numbers[0], kind="granted", form="PDF",
                           released=[h.id for h in public[:1]])  # fmt: skip
    service.ppid.assign_request(ADMIN, numbers[1], "DINKES", "ppid.dinkes")
    service.ppid.decide_request(ADMIN, numbers[1], kind="refused", ground="h", test_id=test["id"])


def demo_account_lines() -> list[str]:
    """One line per demo account (name, password, roles, unit, clearance), in columns; an
    enrolled signer's line ends with the passphrase of their electronic signature (TTE)."""
    name_width = max(len(name) for name, *_ in DEMO_ACCOUNTS)
    password_width = max(len(password) for _, password, *_ in DEMO_ACCOUNTS)
    signing = set(signers())
    return [
        f"  {name:<{name_width}} {password:<{password_width}} "
        f"{', '.join(sorted(roles))} {unit or '*'} ({clearance})"
        + (f" TTE: {SIGNING_PASSPHRASE}" if name in signing else "")
        for name, password, roles, unit, _, clearance in DEMO_ACCOUNTS
    ]
