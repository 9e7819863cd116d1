"""Writes `bench/quality/records.jsonl`: the fixed corpus the judged queries refer to.

    python -m bench.quality.make_records

Seeded, so the file is the same on every run; it is committed, and the judgements in
`queries.csv` refer to its ids. Each record is one letter or document of an OPD about one
topic of `topics.txt`, written from the templates of its kind (undangan, surat edaran, SK, ...)
with a few of the topic's sentences, so one matter appears in different word forms, with and
without abbreviations, in standard and older spellings. Minutes (notulen) also mention other
topics in passing. `topic` and `mentions` are kept in the file for the judges, not indexed.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECORDS = HERE / "records.jsonl"
PER_TOPIC = 7
SEED = 18

UNITS = {
    "SETDA": ("Sekretariat Daerah", "Setda"),
    "DINKES": ("Dinas Kesehatan", "Dinkes"),
    "DISDIK": ("Dinas Pendidikan dan Kebudayaan", "Disdikbud"),
    "DISDUKCAPIL": ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    "BPBD": ("Badan Penanggulangan Bencana Daerah", "BPBD"),
    "BAPPEDA": ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    "BKPSDM": ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    "DPUPR": ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
    "SATPOLPP": ("Satuan Polisi Pamong Praja", "Satpol PP"),
    "DPK": ("Dinas Perpustakaan dan Kearsipan", "DPK"),
    "INSPEKTORAT": ("Inspektorat Daerah", "Inspektorat"),
    "DINSOS": ("Dinas Sosial", "Dinsos"),
    "BAPENDA": ("Badan Pendapatan Daerah", "Bapenda"),
    "DISKOMINFO": ("Dinas Komunikasi dan Informatika", "Diskominfo"),
    "DLH": ("Dinas Lingkungan Hidup", "DLH"),
    "DPMPTSP": ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    "DISHUB": ("Dinas Perhubungan", "Dishub"),
    "BPKAD": ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD"),
}

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]  # fmt: skip
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
PLACES = [
    "Ruang Rapat Sekretariat Daerah",
    "Aula Kantor Bupati",
    "Ruang Rapat Bappeda",
    "Gedung Serbaguna Kecamatan",
    "Ruang Rapat Lantai 2",
    "Pendopo Kabupaten",
]
# Words that keep their capital inside a sentence (names, months, the Republic).
NAMES = {"Jakarta", "Sungai", "Raya", "Sukamaju", "Republik", "Indonesia", "Ramadhan",
         "Ramadan", "April", "Agustus", "Kota", "Alun-Alun"}  # fmt: skip
# Months a topic's records fall in, where the matter belongs to a season.
SEASON = {"hut_ri": (7, 8), "jam_kerja": (3, 4), "banjir": (1, 2, 3, 11, 12)}
SECURITY = ["B"] * 80 + ["T"] * 10 + ["R"] * 7 + ["SR"] * 3

KINDS: dict[str, dict] = {
    "undangan": {
        "titles": [
            "Undangan Rapat {T}",
            "Undangan Rakor {T}",
            "Undangan Rapat Koordinasi {T}",
            "Undangan Sosialisasi {T}",
        ],
        "open": "Dengan hormat, dalam rangka {p}, kami mengundang Bapak/Ibu untuk hadir pada "
        "hari {hari}, {tgl}, pukul {jam} WIB, bertempat di {place}.",
        "close": "Mengingat pentingnya acara tersebut, kehadiran Bapak/Ibu sangat diharapkan.",
        "numbered": True,
    },
    "edaran": {
        "titles": ["Surat Edaran tentang {T}", "SE Bupati tentang {T}", "SE Sekda tentang {T}"],
        "open": "Dalam rangka {p}, bersama ini disampaikan kepada seluruh Kepala Perangkat "
        "Daerah hal-hal sebagai berikut.",
        "close": "Demikian surat edaran ini untuk menjadi perhatian dan dilaksanakan.",
        "numbered": True,
    },
    "keputusan": {
        "titles": [
            "Keputusan Bupati tentang Pembentukan Tim {T}",
            "SK Kepala {US} tentang Tim Pelaksana {T}",
            "Keputusan Kepala {UL} tentang Panitia {T}",
        ],
        "open": "Menimbang bahwa untuk kelancaran {p} perlu dibentuk tim pelaksana yang "
        "ditetapkan dengan keputusan.",
        "close": "Keputusan ini mulai berlaku pada tanggal ditetapkan.",
        "numbered": True,
    },
    "nota": {
        "titles": ["Nota Dinas {T}", "Nota Dinas perihal {T}"],
        "open": "Kepada Yth. Sekretaris Daerah, dari Kepala {U}, perihal {p}. Dengan ini kami "
        "sampaikan hal-hal berikut.",
        "close": "Mohon arahan Bapak lebih lanjut.",
        "numbered": True,
    },
    "laporan": {
        "titles": ["Laporan Pelaksanaan {T}", "Laporan Kegiatan {T} Tahun {y}", "Laporan {T}"],
        "open": "Laporan ini disusun sebagai pertanggungjawaban pelaksanaan {p} pada {U} "
        "tahun {y}.",
        "close": "Demikian laporan ini disampaikan sebagai bahan evaluasi.",
        "numbered": False,
    },
    "berita_acara": {
        "titles": ["Berita Acara {T}", "Berita Acara Pelaksanaan {T}"],
        "open": "Pada hari ini {hari} tanggal {tgl}, bertempat di {place}, telah dilaksanakan {p}.",
        "close": "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan "
        "sebagaimana mestinya.",
        "numbered": True,
    },
    "spj": {
        "titles": [
            "SPJ Kegiatan {T}",
            "Surat Pertanggungjawaban Kegiatan {T}",
            "Pertanggungjawaban Belanja Kegiatan {T}",
        ],
        "open": "Bersama ini disampaikan pertanggungjawaban belanja kegiatan {p} sebesar "
        "Rp{amount} yang bersumber dari APBD tahun anggaran {y}.",
        "close": "Bukti-bukti pengeluaran terlampir dan telah diverifikasi oleh PPK-SKPD.",
        "numbered": True,
    },
    "notulen": {
        "titles": ["Notulen Rakor {T}", "Notulen Rapat Koordinasi {T}", "Notulen Rapat {T}"],
        "open": "Rapat koordinasi tentang {p} dipimpin oleh Sekretaris {U} pada {tgl} dan "
        "dihadiri perwakilan perangkat daerah terkait.",
        "close": "Rapat ditutup pukul 12.00 WIB dengan kesepakatan untuk menindaklanjuti "
        "hasil pembahasan.",
        "numbered": False,
    },
    "surat_tugas": {
        "titles": ["Surat Tugas {T}", "Surat Perintah Tugas {T}"],
        "open": "Yang bertanda tangan di bawah ini Kepala {U} menugaskan nama-nama terlampir "
        "untuk melaksanakan {p} pada {tgl}.",
        "close": "Setelah melaksanakan tugas agar segera menyampaikan laporan.",
        "numbered": True,
    },
    "daftar_hadir": {
        "titles": ["Daftar Hadir Rapat {T}", "Daftar Hadir Peserta {T}"],
        "open": "Daftar hadir peserta rapat {p} pada {tgl} di {place}.",
        "close": "Peserta menandatangani daftar hadir pada kolom yang tersedia.",
        "numbered": False,
    },
}
# How many sentences of its topic a record of each kind carries.
DEPTH = {"daftar_hadir": (1, 1), "surat_tugas": (1, 2), "keputusan": (1, 2), "undangan": (1, 3)}


@dataclass
class Topic:
    key: str
    unit: str
    code: str
    titles: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)


def read_topics(path: Path = HERE / "topics.txt") -> list[Topic]:
    """Parses the `== key | UNIT | code` blocks and their T:/S:/M: lines."""
    topics: list[Topic] = []
    slots = {"T": "titles", "S": "sentences", "M": "mentions"}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("== "):
            key, unit, code = (part.strip() for part in line[3:].split("|"))
            topics.append(Topic(key, unit, code))
        elif line[:2] in {"T:", "S:", "M:"}:
            getattr(topics[-1], slots[line[0]]).append(line[2:].strip())
    return topics


def in_sentence(phrase: str) -> str:
    """A title phrase inside a sentence: common words lower case, acronyms and names kept."""
    return " ".join(
        w if w in NAMES or sum(c.isupper() for c in w) > 1 else w.lower() for w in phrase.split()
    )


def date_text(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def pick_date(rng: random.Random, topic: str) -> dt.date:
    year = rng.choice((2023, 2024, 2025))
    month = rng.choice(SEASON.get(topic, range(1, 13)))
    day = dt.date(year, month, rng.randint(1, 28))
    return day - dt.timedelta(days=max(0, day.weekday() - 4))  # offices write on weekdays


def make_title(rng: random.Random, kind: str, topic: Topic, day: dt.date) -> tuple[str, str]:
    """(title, the topic phrase used in it): a title phrase of the topic in a kind's frame."""
    phrase = rng.choice(topic.titles)
    long_name, short = UNITS[topic.unit]
    if kind == "laporan" and phrase.startswith("Laporan"):
        return phrase, phrase
    frame = rng.choice(KINDS[kind]["titles"])
    title = frame.format(T=phrase, y=day.year, US=short, UL=long_name)
    return title, phrase


def body(rng: random.Random, kind: str, topic: Topic, phrase: str, day: dt.date, other) -> str:
    """The record's text: its kind's opening, a few topic sentences, and its closing."""
    spec = KINDS[kind]
    long_name, short = UNITS[topic.unit]
    fill = {
        "p": in_sentence(phrase),
        "U": rng.choice((long_name, short)),
        "tgl": date_text(day),
        "hari": DAYS[day.weekday()],
        "jam": rng.choice(("08.00", "09.00", "10.00", "13.30")),
        "place": rng.choice(PLACES),
        "y": day.year,
        "amount": f"{rng.randint(5, 250) * 500_000:,}".replace(",", "."),
    }
    low, high = DEPTH.get(kind, (2, 4))
    count = min(rng.randint(low, high), len(topic.sentences))
    lines = [spec["open"].format(**fill)]
    lines += [s.format(y=day.year) for s in rng.sample(topic.sentences, count)]
    lines += [m for t in other for m in t.mentions[:1]]
    lines.append(spec["close"])
    return "\n".join(lines)


def number(kind: str, topic: Topic, seq: int, day: dt.date) -> str:
    if not KINDS[kind]["numbered"]:
        return ""
    return f"Nomor: {topic.code}/{seq:03d}/{topic.unit}/{ROMAN[day.month - 1]}/{day.year}\n"


def make_record(rng: random.Random, seq: int, topic: Topic, kind: str, topics) -> dict:
    day = pick_date(rng, topic.key)
    title, phrase = make_title(rng, kind, topic, day)
    others = []
    if kind == "notulen":
        others = rng.sample([t for t in topics if t.key != topic.key], rng.randint(1, 2))
    text = number(kind, topic, seq, day) + body(rng, kind, topic, phrase, day, others)
    return {
        "id": f"Q{seq:03d}",
        "unit": topic.unit,
        "kind": kind,
        "title": title,
        "date": day.isoformat(),
        "classification": "900.1" if kind == "spj" else topic.code,
        "security": rng.choice(SECURITY),
        "text": text,
        "topic": topic.key,
        "mentions": [t.key for t in others],
    }


def make_records(seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    topics = read_topics()
    records = []
    for topic in topics:
        for kind in rng.sample(list(KINDS), PER_TOPIC):
            records.append(make_record(rng, len(records) + 1, topic, kind, topics))
    return records


def main() -> None:
    records = make_records()
    with RECORDS.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records to {RECORDS}")


if __name__ == "__main__":
    main()
