"""Generated documents of the archivist's workflows, as PDF (reportlab): the berita acara of a
transfer, of a destruction and of a hand-over, the DAUM, and the statement of authenticity.

Each is a heading, a body, a row of signatures and a numbered list of records; drafts can be
printed at any state, so the signatures can also be collected on paper.

They are official documents in Bahasa Indonesia whoever prints them, so their dates read as
Indonesian offices write them ("4 Desember 2026", `repository.core.formatting`), never ISO.
"""

from __future__ import annotations

from html import escape

from reportlab.platypus import Paragraph, Spacer, Table

from repository.core.formatting import date_text
from repository.core.i18n import translate
from repository.core.pdf import pdf, stylesheet

LANG = "id"  # the documents' language

SIDE_TITLES = {"sender": "Yang menyerahkan", "receiver": "Yang menerima"}
AUTHORITY_TITLES = {"kepala_daerah": "Kepala Daerah", "kepala_anri": "Kepala ANRI"}
LIST_HEADER = ["No", "Kode referensi", "Uraian", "Tanggal", "Klasifikasi"]


def _build(title: str, parts: list, list_title: str, rows: list[list], header=LIST_HEADER):
    styles = stylesheet()
    story = [*parts, Spacer(1, 18), Paragraph(list_title, styles["Heading3"])]
    widths = [25, 110, 220, 65, 65] if header is LIST_HEADER else None
    story.append(Table([header, *rows], colWidths=widths, repeatRows=1))
    return pdf(title, story)


def _heading(pemda_name: str, title: str, number: str) -> list:
    styles = stylesheet()
    return [
        Paragraph(escape(pemda_name.upper()), styles["Title"]),
        Paragraph(title, styles["Heading2"]),
        Paragraph(f"Nomor: {escape(number)}", styles["Heading4"]),
    ]


def _para(text: str):
    return Paragraph(text, stylesheet()["BodyText"])


def _list_row(number: int, row: dict, *extra: str) -> list:
    title = _para(escape(row["title"]))
    day = _day(row["date"], "medium")
    return [str(number), row["refcode"], title, day, row["code"] or "-", *extra]


def _day(value, style: str = "long") -> str:
    """A date as the document writes it; '-' when there is none yet."""
    return date_text(value, LANG, style) if value else "-"


def _signature_cells(cells: list[tuple[str, str, dict | None]]):
    """(role line, office line, signed {'full_name','name','date'} or None) per signer."""
    paragraphs = []
    for role, office, signed in cells:
        text = f"{role}<br/>{escape(office)}<br/><br/>" + (
            f"<b>{escape(signed['full_name'] or signed['name'])}</b><br/>"
            f"disetujui {_day(signed['date'])}"
            if signed
            else "(belum ditandatangani)"
        )
        paragraphs.append(_para(text))
    return [Spacer(1, 12), Table([paragraphs], colWidths=[480 / len(cells)] * len(cells))]


def _custody_signatures(transfer: dict) -> list:
    return _signature_cells(
        [
            (SIDE_TITLES[side], f"Kepala {unit}", transfer["signoffs"].get(side))
            for side, unit in (("sender", transfer["source"]), ("receiver", transfer["target"]))
        ]
    )


def transfer_pdf(pemda_name: str, units: dict[str, str], transfer: dict) -> bytes:
    """The berita acara pemindahan arsip and its list (daftar arsip yang dipindahkan)."""
    source, target = transfer["source"], transfer["target"]
    day = _day(transfer["done_on"] or transfer["created"])
    body = _para(
        f"Pada tanggal {day}, {escape(units.get(source, source))} ({source}) memindahkan "
        f"arsip inaktif sebanyak {len(transfer['records'])} berkas/item kepada "
        f"{escape(units.get(target, target))} ({target}) sesuai Jadwal Retensi Arsip, dengan "
        "daftar arsip terlampir. Status: "
        + ("selesai" if transfer["done_on"] else "draf, menunggu tanda tangan")
    )
    parts = [
        *_heading(pemda_name, "BERITA ACARA PEMINDAHAN ARSIP", transfer["id"]),
        body,
        *_custody_signatures(transfer),
    ]
    rows = [_list_row(n, r) for n, r in enumerate(transfer["records"], start=1)]
    return _build(f"Berita acara {transfer['id']}", parts, "DAFTAR ARSIP YANG DIPINDAHKAN", rows)


def daum_pdf(pemda_name: str, units: dict[str, str], destruction: dict) -> bytes:
    """The daftar arsip usul musnah with the panel's decision and the approval so far."""
    unit = destruction["unit"]
    panel = ", ".join(f"{m['name']} ({m['position']})" for m in destruction["panel"]) or "-"
    decree = destruction["decree_number"] or "belum ada"
    authority = AUTHORITY_TITLES[destruction["authority"]]
    parts = [
        *_heading(pemda_name, "DAFTAR ARSIP USUL MUSNAH (DAUM)", destruction["id"]),
        _para(
            f"Unit: {escape(units.get(unit, unit))} ({unit}). "
            f"Disusun {_day(destruction['created'])} "
            f"oleh {escape(destruction['created_by'])}. "
            f"Tahap: {translate('state_' + destruction['state'], LANG)}."
        ),
        _para(f"Panitia penilai: {escape(panel)}. Dinilai: {_day(destruction['appraised_on'])}."),
        _para(
            f"Persetujuan oleh {authority} (retensi terpanjang dalam daftar menentukan); "
            f"keputusan nomor {escape(decree)} tanggal {_day(destruction['decree_date'])}."
        ),
    ]
    rows = [
        _list_row(n, r, str(r["retention_years"] or "-"), _status(r))
        for n, r in enumerate(destruction["records"], start=1)
    ]
    header = [*LIST_HEADER, "Retensi (th)", "Keterangan"]
    return _build(f"DAUM {destruction['id']}", parts, "DAFTAR ARSIP", rows, header)


def _status(row: dict) -> str:
    words = {
        "retained": "dipertahankan",
        "destroyed": "dimusnahkan",
        "skipped": "tidak dimusnahkan",
    }
    said = words.get(row["status"], "diusulkan musnah")
    return _para(escape(f"{said}: {row['reason']}" if row["reason"] else said))


def destruction_pdf(pemda_name: str, units: dict[str, str], destruction: dict) -> bytes:
    """The berita acara pemusnahan arsip and the list of what was destroyed."""
    unit = destruction["unit"]
    destroyed = [r for r in destruction["records"] if r["status"] == "destroyed"]
    authority = AUTHORITY_TITLES[destruction["authority"]]
    parts = [
        *_heading(pemda_name, "BERITA ACARA PEMUSNAHAN ARSIP", destruction["id"]),
        _para(
            f"Pada tanggal {_day(destruction['done_on'])} telah dimusnahkan arsip "
            f"{escape(units.get(unit, unit))} ({unit}) sebanyak {len(destroyed)} berkas/item, "
            f"berdasarkan persetujuan {authority} ({escape(destruction['approved_by'] or '-')}) "
            f"dengan keputusan nomor {escape(destruction['decree_number'] or '-')} tanggal "
            f"{_day(destruction['decree_date'])}, setelah dinilai oleh panitia penilai. "
            "Berkas elektroniknya dihapus secara permanen dari penyimpanan dan indeks; "
            "metadata tetap disimpan sebagai bukti."
        ),
        *_signature_cells(_panel_cells(destruction)),
    ]
    rows = [_list_row(n, r) for n, r in enumerate(destroyed, start=1)]
    return _build(f"Berita acara {destruction['id']}", parts, "DAFTAR ARSIP YANG DIMUSNAHKAN", rows)


def _panel_cells(destruction: dict) -> list:
    day = destruction["appraised_on"]
    cells = [
        ("Panitia penilai", m["position"], {"full_name": m["name"], "name": m["name"], "date": day})
        for m in destruction["panel"][:3]
    ]
    return cells or [("Panitia penilai", "-", None)]


def handover_pdf(pemda_name: str, units: dict[str, str], handover: dict) -> bytes:
    """The berita acara penyerahan arsip statis and its list."""
    source, target = handover["source"], handover["target"]
    day = _day(handover["done_on"] or handover["created"])
    parts = [
        *_heading(pemda_name, "BERITA ACARA PENYERAHAN ARSIP STATIS", handover["id"]),
        _para(
            f"Pada tanggal {day}, {escape(units.get(source, source))} ({source}) menyerahkan "
            f"arsip statis sebanyak {len(handover['records'])} berkas/item kepada "
            f"{escape(units.get(target, target))} ({target}) selaku lembaga kearsipan daerah, "
            "beserta berkas elektroniknya dalam satu paket BagIt dengan daftar dan nilai "
            "checksum terlampir. Status: "
            + ("selesai" if handover["done_on"] else "draf, menunggu tanda tangan")
        ),
        *_custody_signatures(handover),
    ]
    rows = [_list_row(n, r) for n, r in enumerate(handover["records"], start=1)]
    heading = "DAFTAR ARSIP STATIS YANG DISERAHKAN"
    return _build(f"Berita acara {handover['id']}", parts, heading, rows)


def authenticity_pdf(pemda_name: str, units: dict[str, str], handover: dict) -> bytes:
    """The statement that the records handed over are authentic, reliable, complete and
    usable (surat pernyataan keaslian), signed by the head of the handing-over unit."""
    source = handover["source"]
    parts = [
        *_heading(pemda_name, "SURAT PERNYATAAN AUTENTISITAS ARSIP STATIS", handover["id"]),
        _para(
            f"Yang bertanda tangan di bawah ini, Kepala {escape(units.get(source, source))} "
            f"({source}), menyatakan bahwa arsip statis yang diserahkan kepada lembaga kearsipan "
            "daerah sebagaimana tercantum dalam daftar terlampir adalah <b>autentik, terpercaya, "
            "utuh, dan dapat digunakan</b>. Setiap berkas elektronik disertai nilai SHA-256 yang "
            "tercatat sejak diunggah dan diperiksa kembali saat paket disusun."
        ),
        *_signature_cells(
            [(SIDE_TITLES["sender"], f"Kepala {source}", handover["signoffs"].get("sender"))]
        ),
    ]
    rows = [_list_row(n, r) for n, r in enumerate(handover["records"], start=1)]
    return _build(f"Pernyataan {handover['id']}", parts, "DAFTAR ARSIP", rows)
