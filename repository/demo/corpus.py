"""Synthetic Indonesian official documents, for the demo repository and the benchmarks.

Deterministic for a given seed, so a benchmark run and its raw-engine baseline see the same
text, and a demo looks the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

KINDS = {
    "Surat Undangan": "000.1",
    "Surat Edaran": "100.2",
    "Nota Dinas": "000.1",
    "Keputusan": "100.3",
    "Laporan Kegiatan": "000.7",
    "Berita Acara": "000.5",
    "Surat Tugas": "800.1",
    "Laporan Keuangan": "900.1",
}

SUBJECTS = [
    "pengarsipan dokumen kepegawaian",
    "penanggulangan bencana banjir",
    "vaksinasi anak sekolah",
    "pemeliharaan jalan lingkungan",
    "pengelolaan sampah rumah tangga",
    "penerimaan pajak daerah",
    "pelatihan aparatur sipil negara",
    "penyusunan anggaran tahunan",
    "pemusnahan arsip inaktif",
    "pelayanan administrasi kependudukan",
    "pengawasan bangunan gedung",
    "pemantauan kualitas air",
    "pendataan keluarga penerima bantuan",
    "pengadaan alat kesehatan",
    "digitalisasi layanan publik",
    "penyerahan arsip statis",
    "rapat koordinasi PPID",
    "pembinaan usaha mikro kecil",
    "penertiban pedagang kaki lima",
    "pencegahan stunting balita",
    "perbaikan sarana sekolah dasar",
    "pengujian kendaraan bermotor",
    "penataan ruang terbuka hijau",
    "perjalanan dinas pegawai",
]

SENTENCES = [
    "Sehubungan dengan {s}, dengan hormat kami mengundang Bapak/Ibu untuk hadir pada rapat koordinasi.",
    "Kegiatan {s} dilaksanakan sesuai rencana kerja perangkat daerah tahun {y}.",
    "Dalam rangka meningkatkan pelayanan publik, seluruh unit kerja diminta mendukung {s}.",
    "Laporan ini memuat hasil pelaksanaan {s} beserta kendala dan tindak lanjutnya.",
    "Anggaran untuk {s} bersumber dari APBD Kota tahun anggaran {y}.",
    "Pejabat yang ditunjuk bertanggung jawab atas pengelolaan arsip dan dokumentasi kegiatan.",
    "Data yang dikumpulkan telah diverifikasi oleh tim teknis dan disimpan pada sistem kearsipan.",
    "Demikian surat ini disampaikan, atas perhatian dan kerja sama Bapak/Ibu diucapkan terima kasih.",
    "Hasil evaluasi menunjukkan peningkatan capaian kinerja dibandingkan tahun sebelumnya.",
    "Setiap perangkat daerah wajib menyampaikan laporan paling lambat akhir bulan {m}.",
    "Penggunaan naskah dinas elektronik mempercepat penyampaian surat antar organisasi perangkat daerah.",
    "Masyarakat dapat mengajukan permohonan informasi publik melalui PPID pelaksana.",
    "Rapat akan membahas jadwal retensi arsip dan usulan pemindahan arsip inaktif ke unit kearsipan.",
    "Tim pemeriksa menemukan beberapa dokumen yang belum diberi kode klasifikasi.",
    "Petugas lapangan melakukan pendataan di setiap kelurahan dan kecamatan.",
]

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]  # fmt: skip
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass
class Document:
    kind: str
    title: str
    number: str
    date: dt.date
    classification: str
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n".join([self.kind.upper(), f"Nomor: {self.number}", self.title, *self.paragraphs])


def document(rng: random.Random, unit_code: str, seq: int, words: tuple[int, int] = (150, 600)):
    kind = rng.choice(list(KINDS))
    subject = rng.choice(SUBJECTS)
    date = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 7 * 365 + 300))
    classification = KINDS[kind]
    number = f"{classification}/{seq:03d}/{unit_code}/{ROMAN[date.month - 1]}/{date.year}"
    target = rng.randint(*words)
    paragraphs, count = [], 0
    while count < target:
        sentences = [
            rng.choice(SENTENCES).format(s=subject, y=date.year, m=MONTHS[date.month - 1])
            for _ in range(rng.randint(2, 5))
        ]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    title = f"{kind} tentang {subject.capitalize()}"
    return Document(kind, title, number, date, classification, paragraphs)
