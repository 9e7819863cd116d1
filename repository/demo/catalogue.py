"""The demo's public catalogue: two fonds published with a full ISAD(G) description, so a fresh
`make run` shows researchers something to find, walk, open and harvest.

- DPK holds the static archive of the former Kantor Walikota (1950–1999): decisions on the
  markets, a berkas of staff decisions classified Terbatas (with a Biasa item inside that
  stays hidden, because the berkas above it is not Biasa), maps and photographs with a scan,
  a Terbatas item and a Rahasia item beside public ones. A viewer sees that the catalogue
  shows only what is Biasa from the published fonds down.
- Dinas Kesehatan's immunisation programme reports (1990–2010), in Indonesian and English.

Everything goes through the services a user's clicks call (`lontar.ingest`,
`lontar.catalogue`); the files are small PDFs written here and one page image for OCR. The
index is left to the caller (the demo builder's catch-up, or the worker).
"""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageDraw, ImageFont
from reportlab.platypus import Paragraph, Spacer

from repository.app import ImportOptions, Incoming, Lontar
from repository.core.pdf import pdf, stylesheet
from repository.core.security import ADMIN

CITY = "Pemerintah Kota Contoh"
WALIKOTA = {
    "extent": "2 seri, 4 berkas, 7 item; kertas dan pindaian digital",
    "creator": "Kantor Walikota Contoh",
    "admin_history": (
        "Kantor Walikota Contoh menyelenggarakan urusan pemerintahan kota sejak 1950 sampai "
        "penataan perangkat daerah tahun 1999, ketika arsipnya diserahkan ke Dinas "
        "Perpustakaan dan Kearsipan sebagai arsip statis."
    ),
    "scope_content": (
        "Surat keputusan walikota tentang pasar, pertokoan dan kepegawaian, serta peta dan "
        "foto pembangunan kota. Arsip yang berklasifikasi Terbatas atau Rahasia tidak "
        "dipublikasikan."
    ),
    "access_conditions": "Terbuka untuk umum; arsip Terbatas dan Rahasia tidak dapat diakses.",
    "reproduction_conditions": "Salinan digital boleh diunduh untuk penelitian dengan menyebut "
    "sumbernya.",
    "language": "ind nld",
    "downloads": True,
}
IMUNISASI = {
    "extent": "1 seri, 1 berkas, 2 item; laporan tercetak",
    "creator": "Dinas Kesehatan Kota Contoh",
    "admin_history": (
        "Bidang Pencegahan dan Pengendalian Penyakit Dinas Kesehatan melaksanakan program "
        "imunisasi dasar lengkap di puskesmas sejak 1990."
    ),
    "scope_content": "Laporan tahunan cakupan imunisasi dan evaluasi program bersama mitra.",
    "access_conditions": "Terbuka untuk umum.",
    "reproduction_conditions": "Dapat dilihat di katalog; salinan diminta melalui ruang baca.",
    "language": "ind eng",
    "downloads": False,
}

# A series is (title, start, end, classification); a berkas is (title, start, end, security,
# classification, items); an item is (title, date, security, paragraphs) and takes the berkas's
# classification. Codes are of the demo's scheme (data/klasifikasi-83-2022-top.csv), so the
# Klasifikasi queue stays as the demo makes it.
WALIKOTA_SERIES = {
    ("Surat Keputusan Walikota", "1950-01-01", "1999-12-31", "100.2"): [
        ("Keputusan tentang pasar dan pertokoan", "1972-01-01", "1972-12-31", "B", "500", [
            ("Keputusan penataan Pasar Rakyat Kota", "1972-03-14", "B",
             ["Menetapkan penataan los dan kios Pasar Rakyat Kota.",
              "Pedagang kaki lima dipindahkan ke pelataran timur pasar."]),
            ("Keputusan tarif retribusi pasar", "1972-07-02", "B",
             ["Menetapkan tarif retribusi harian pasar dan pertokoan kota."]),
            ("Keputusan pembebasan tanah perluasan pasar", "1972-09-20", "T",
             ["Daftar pemilik tanah dan besaran ganti rugi perluasan pasar."]),
        ]),
        ("Keputusan tentang kepegawaian", "1981-01-01", "1981-12-31", "T", "800.1", [
            ("Keputusan pengangkatan pegawai harian", "1981-02-11", "B",
             ["Pengangkatan pegawai harian pada kantor walikota."]),
        ]),
    ],
    ("Peta dan Foto Pembangunan Kota", "1960-01-01", "1995-12-31", "600.1"): [
        ("Peta dan foto pembangunan kota", "1985-01-01", "1985-12-31", "B", "600.1", [
            ("Peta rencana jalan lingkar kota", "1985-04-01", "B",
             ["Peta rencana jalan lingkar kota skala 1:10.000 dengan tahap pembangunannya."]),
            ("Denah gedung arsip kota", "1985-06-12", "R",
             ["Denah ruang penyimpanan dan sistem pengamanan gedung arsip."]),
        ]),
        ("Foto peresmian pasar", "1973-01-01", "1973-12-31", "B", "500", [
            ("Foto peresmian Pasar Rakyat Kota", "1973-05-20", "B",
             ["Walikota meresmikan Pasar Rakyat Kota yang telah ditata."]),
        ]),
    ],
}  # fmt: skip
IMUNISASI_SERIES = {
    ("Laporan Program Imunisasi", "1990-01-01", "2010-12-31", "400.7"): [
        ("Laporan cakupan imunisasi dasar", "1995-01-01", "2005-12-31", "B", "400.7", [
            ("Laporan cakupan imunisasi dasar lengkap 1995", "1995-12-30", "B",
             ["Cakupan imunisasi dasar lengkap per puskesmas dan per kelurahan.",
              "Annual coverage of complete basic immunisation per health centre."]),
            ("Evaluasi program imunisasi bersama mitra", "2005-11-15", "B",
             ["Evaluasi program imunisasi dengan mitra pembangunan kesehatan."]),
        ]),
    ],
}  # fmt: skip
SCAN_TITLE = "Peta rencana jalan lingkar kota"  # this item is a page image (the worker OCRs it)


def build_catalogue(lontar: Lontar) -> dict:
    """Builds and publishes the two fonds; returns their ids, how many records (and items)
    were made, and the ids of those that are not public (T, R, or below the T berkas)."""
    made: dict = {"fonds": [], "records": 0, "items": 0, "withheld": []}
    for unit, title, dates, series, description in (
        ("DPK", "Arsip Kantor Walikota Contoh", ("1950-01-01", "1999-12-31"), WALIKOTA_SERIES,
         WALIKOTA),
        ("DINKES", "Arsip Program Imunisasi Dinas Kesehatan", ("1990-01-01", "2010-12-31"),
         IMUNISASI_SERIES, IMUNISASI),
    ):  # fmt: skip
        fonds = lontar.ingest.create_container(
            ADMIN, unit, "fonds", title, date_start=dates[0], date_end=dates[1]
        )
        made["records"] += 1
        for (name, start, end, code), berkas in series.items():
            node = lontar.ingest.create_container(
                ADMIN, unit, "series", name, into=fonds, date_start=start, date_end=end,
                classification=code,
            )  # fmt: skip
            made["records"] += 1
            for entry in berkas:
                _berkas(lontar, unit, node, entry, made)
        lontar.catalogue.publish(ADMIN, fonds, description)
        made["fonds"].append(fonds)
    return made


def _berkas(lontar: Lontar, unit: str, series: str, entry: tuple, made: dict) -> None:
    title, start, end, security, code, items = entry
    berkas = lontar.ingest.create_container(
        ADMIN, unit, "file", title, into=series, date_start=start, date_end=end,
        security=security, classification=code,
    )  # fmt: skip
    made["records"] += 1
    for name, day, item_security, paragraphs in items:
        scan = name == SCAN_TITLE
        data = _scan([CITY.upper(), name, *paragraphs]) if scan else _pdf(name, paragraphs)
        report = lontar.ingest.import_files(
            ADMIN,
            [Incoming(f"{name.lower().replace(' ', '-')}.{'png' if scan else 'pdf'}", data)],
            ImportOptions(
                unit=unit, into=berkas, title=name, date=day, security=item_security,
                classification=code, description=paragraphs[0],
            ),
            wait=False,
        )  # fmt: skip
        made["records"] += len(report.accepted)
        made["items"] += len(report.accepted)
        if security != "B" or item_security != "B":
            made["withheld"] += [outcome.id for outcome in report.accepted]
    if security != "B":
        made["withheld"].append(berkas)


def _pdf(title: str, paragraphs: list[str]) -> bytes:
    styles = stylesheet()
    story = [
        Paragraph(CITY.upper(), styles["Title"]),
        Paragraph(title, styles["Heading2"]),
        Spacer(1, 12),
        *[Paragraph(text, styles["BodyText"]) for text in paragraphs],
    ]
    return pdf(title, story)


def _scan(lines: list[str]) -> bytes:
    """A page image with no text layer, as a scanner gives it."""
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=30)
    for number, line in enumerate(lines):
        draw.text((100, 120 + 60 * number), line[:70], font=font, fill=0)
    buffer = BytesIO()
    page.save(buffer, format="PNG", dpi=(150, 150))
    return buffer.getvalue()
