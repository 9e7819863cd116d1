"""Generated documents of the archivist's workflows, as PDF (reportlab)."""

from __future__ import annotations

from html import escape
from io import BytesIO

SIDE_TITLES = {"sender": "Yang menyerahkan", "receiver": "Yang menerima"}


def transfer_pdf(pemda_name: str, units: dict[str, str], transfer: dict) -> bytes:
    """The berita acara pemindahan arsip and its list (daftar arsip yang dipindahkan)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    styles = getSampleStyleSheet()
    source, target = transfer["source"], transfer["target"]
    day = transfer["done_on"] or transfer["created"]
    story = [
        Paragraph(escape(pemda_name.upper()), styles["Title"]),
        Paragraph("BERITA ACARA PEMINDAHAN ARSIP", styles["Heading2"]),
        Paragraph(f"Nomor: {transfer['id']}", styles["Heading4"]),
        Paragraph(
            f"Pada tanggal {day}, {escape(units.get(source, source))} ({source}) memindahkan "
            f"arsip inaktif sebanyak {len(transfer['records'])} berkas/item kepada "
            f"{escape(units.get(target, target))} ({target}) sesuai Jadwal Retensi Arsip, dengan "
            "daftar arsip terlampir. Status: "
            + ("selesai" if transfer["done_on"] else "draf, menunggu tanda tangan"),
            styles["BodyText"],
        ),
        Spacer(1, 12),
        _signatures(transfer, styles),
        Spacer(1, 18),
        Paragraph("DAFTAR ARSIP YANG DIPINDAHKAN", styles["Heading3"]),
        Table(
            [["No", "Kode referensi", "Uraian", "Tanggal", "Klasifikasi"]]
            + [_list_row(n, r, styles) for n, r in enumerate(transfer["records"], start=1)],
            colWidths=[25, 110, 220, 65, 65],
            repeatRows=1,
        ),
    ]
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=f"Berita acara {transfer['id']}").build(story)
    return buffer.getvalue()


def _list_row(number: int, row: dict, styles) -> list:
    from reportlab.platypus import Paragraph

    title = Paragraph(escape(row["title"]), styles["BodyText"])
    return [str(number), row["refcode"], title, row["date"] or "-", row["code"] or "-"]


def _signatures(transfer: dict, styles):
    from reportlab.platypus import Paragraph, Table

    cells = []
    for side, unit in (("sender", transfer["source"]), ("receiver", transfer["target"])):
        signed = transfer["signoffs"].get(side)
        text = f"{SIDE_TITLES[side]}<br/>Kepala {unit}<br/><br/>" + (
            f"<b>{escape(signed['full_name'] or signed['name'])}</b><br/>disetujui {signed['date']}"
            if signed
            else "(belum ditandatangani)"
        )
        cells.append(Paragraph(text, styles["BodyText"]))
    return Table([cells], colWidths=[240, 240])
