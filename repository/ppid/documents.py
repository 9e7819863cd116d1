"""The PPID's PDFs: the written notice (pemberitahuan tertulis) of a decision, with every
element Perki 1/2021 asks for, and the annual report."""

from __future__ import annotations

from html import escape

from reportlab.platypus import Paragraph, Spacer, Table

from repository.core.pdf import pdf, stylesheet
from repository.ppid.model import EXEMPTIONS
from repository.ppid.reporting import DECISION_WORDS

# The headings of the notice; the test checks each is in the PDF.
NOTICE_ELEMENTS = (
    "PEMBERITAHUAN TERTULIS",
    "Nomor pendaftaran",
    "Nama pemohon",
    "Informasi yang diminta",
    "Tujuan penggunaan",
    "Penguasaan informasi",
    "Keputusan",
    "Alasan pengecualian",
    "Bagian yang dihitamkan",
    "Bentuk informasi",
    "Cara penyampaian",
    "Biaya",
    "Waktu penyediaan",
    "Hak mengajukan keberatan",
)


def _counts(header: str, rows: list[tuple[str, object]], empty: str):
    return Table([(header, "Jumlah"), *[(k, str(v)) for k, v in rows]] if rows else [(empty, "")])


def notice_pdf(pemda_name: str, request: dict, officer: str) -> bytes:
    """`request` is the officer's view of the request (services.request_view)."""
    styles = stylesheet()
    decision = request["decision"]
    held = (
        f"Tidak dikuasai; informasi dikuasai oleh {request['holder']}"
        if decision == "not_held"
        else "Informasi dikuasai oleh badan publik ini"
    )
    ground = (
        f"UU 14/2008 Pasal 17 huruf {request['ground']}: {EXEMPTIONS[request['ground']]}; "
        f"uji konsekuensi {request['test_id']}"
        if request["ground"]
        else "-"
    )
    due = request["due"]
    rows = [
        ("Nomor pendaftaran", request["number"]),
        ("Tanggal diterima", request["received"]),
        ("Nama pemohon", request["name"]),
        ("Alamat / kontak", f"{request['address']} / {request['email']} {request['phone']}"),
        ("Informasi yang diminta", request["information"]),
        ("Tujuan penggunaan", request["purpose"]),
        ("Penguasaan informasi", held),
        ("Keputusan", DECISION_WORDS[decision]),
        ("Alasan pengecualian", ground),
        ("Bagian yang dihitamkan", request["redactions"] or "-"),
        ("Bentuk informasi", request["form"] or ", ".join(request["obtain"])),
        ("Cara penyampaian", request["delivery"].replace("_", " ")),
        (
            "Biaya",
            f"Rp {request['cost']:,}".replace(",", ".") + " (penyalinan/pengiriman; "
            "informasinya tidak dipungut biaya)",
        ),
        (
            "Waktu penyediaan",
            f"{request['decided_on']} (batas waktu {due}"
            + (f", diperpanjang: {request['extension']['reason']}" if request["extension"] else "")
            + ")",
        ),
        ("Dokumen yang diberikan", ", ".join(request["released"]) or "-"),
    ]
    cells = [
        [
            Paragraph(f"<b>{escape(k)}</b>", styles["BodyText"]),
            Paragraph(escape(str(v)), styles["BodyText"]),
        ]
        for k, v in rows
    ]
    story = [
        Paragraph(escape(pemda_name.upper()), styles["Title"]),
        Paragraph("PEMBERITAHUAN TERTULIS", styles["Heading2"]),
        Paragraph("atas permohonan informasi publik (UU 14/2008, Perki 1/2021)", styles["Normal"]),
        Spacer(1, 10),
        Table(cells, colWidths=[150, 330]),
        Spacer(1, 10),
        Paragraph(
            "<b>Hak mengajukan keberatan</b>: apabila tidak puas, pemohon dapat mengajukan "
            "keberatan kepada Atasan PPID paling lambat 30 hari kerja sejak pemberitahuan "
            "ini diterima (UU 14/2008 Pasal 35–36), melalui halaman status permohonan "
            f"dengan nomor {escape(request['number'])}.",
            styles["BodyText"],
        ),
        Spacer(1, 18),
        Paragraph(
            f"Pejabat Pengelola Informasi dan Dokumentasi<br/><br/><b>{escape(officer)}</b>",
            styles["BodyText"],
        ),
    ]
    return pdf(f"Pemberitahuan {request['number']}", story)


def annual_pdf(pemda_name: str, report: dict) -> bytes:
    styles = stylesheet()
    figures = [
        ("Jumlah permohonan", report["requests"]),
        ("Diputus", report["decided"]),
        ("Dikabulkan seluruhnya", report["granted"]),
        ("Dikabulkan sebagian", report["partial"]),
        ("Ditolak", report["refused"]),
        ("Tidak dikuasai", report["not_held"]),
        ("Belum diputus", report["undecided"]),
        ("Diperpanjang", report["extended"]),
        ("Dijawab dalam 10 hari kerja", report["within_10_days"]),
        (
            "Rata-rata waktu (hari kerja)",
            report["days_mean"] if report["days_mean"] is not None else "-",
        ),
        (
            "Median waktu (hari kerja)",
            report["days_median"] if report["days_median"] is not None else "-",
        ),
        ("Keberatan", report["objections"]),
        (
            "Keberatan diterima / ditolak / belum",
            f"{report['objections_accepted']} / "
            f"{report['objections_rejected']} / {report['objections_open']}",
        ),
        ("Sengketa ke Komisi Informasi", report["disputes"]),
    ]
    grounds = [(f"Pasal 17 huruf {g}", n) for g, n in report["refused_by_ground"].items()]
    outcomes = list(report["dispute_outcomes"].items())
    story = [
        Paragraph(escape(pemda_name.upper()), styles["Title"]),
        Paragraph(f"LAPORAN LAYANAN INFORMASI PUBLIK TAHUN {report['year']}", styles["Heading2"]),
        Table([("Uraian", "Jumlah"), *[(k, str(v)) for k, v in figures]], colWidths=[300, 120]),
        Spacer(1, 12),
        Paragraph("Penolakan menurut alasan", styles["Heading3"]),
        _counts("Alasan", grounds, "Tidak ada penolakan"),
        Spacer(1, 12),
        Paragraph("Sengketa dan putusannya", styles["Heading3"]),
        _counts("Putusan", outcomes, "Tidak ada sengketa"),
    ]
    return pdf(f"Laporan PPID {report['year']}", story)
