"""The judged queries: what each query's asker wants, written as reading criteria, and the
grades those criteria give the records of `records.jsonl`, written to `queries.csv`.

    python -m bench.quality.judge

The criteria were written before any engine was run on the corpus, from the records' content:
the matter a record is about (its topic), its kind (undangan, SPJ, ...), its date, and words a
reader looks for in it. Grades (docs in bench/quality/README.md):

    3  squarely what was asked (the matter, and the kind or period when the query names one)
    2  about the matter, but another kind or period than asked, or a strong side match
    1  mentions the matter in passing (minutes listing it among other business), or the
       matter in another period when the query names one
    0  everything else (not written)

No engine's output was consulted; `queries.csv` is what this writes, and the file the
benchmark reads, so a change of criteria shows in review as a change of that file.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECORDS = HERE / "records.jsonl"
QUERIES = HERE / "queries.csv"
MEETINGS = frozenset({"notulen", "undangan", "daftar_hadir"})


@dataclass(frozen=True)
class Need:
    """Reading criteria for one query. `topics` grade a record by the matter it is about;
    `kinds` and `period` (prefixes of the ISO date) narrow what counts as 3; `within` is a
    pattern a topic record must contain to keep its grade (else 1); `also` grades any record
    whose title or text matches a pattern (the higher grade wins)."""

    topics: dict[str, int] = field(default_factory=dict)
    kinds: frozenset[str] = frozenset()
    kind_else: int = 2
    period: tuple[str, ...] = ()
    period_else: int = 1
    within: str = ""
    also: tuple[tuple[str, int], ...] = ()
    mention: int = 1


def grade(record: dict, need: Need) -> int:
    best = _topic_grade(record, need)
    if best == 0 and any(t in need.topics for t in record["mentions"]):
        best = need.mention
    if (
        not need.topics
        and (need.kinds or need.period)
        and _kind_ok(record, need)
        and _period_ok(record, need)
    ):
        best = 3  # a query about a kind of document in a period, whatever its matter
    text = f"{record['title']}\n{record['text']}"
    for pattern, value in need.also:
        if re.search(pattern, text):
            best = max(best, value)
    return best


def _topic_grade(record: dict, need: Need) -> int:
    value = need.topics.get(record["topic"], 0)
    if not value:
        return 0
    if not _kind_ok(record, need):
        value = min(value, need.kind_else)
    if not _period_ok(record, need):
        value = min(value, need.period_else)
    if need.within and not re.search(need.within, f"{record['title']}\n{record['text']}"):
        value = min(value, 1)
    return value


def _kind_ok(record: dict, need: Need) -> bool:
    return not need.kinds or record["kind"] in need.kinds


def _period_ok(record: dict, need: Need) -> bool:
    return not need.period or record["date"].startswith(need.period)


# Records of other matters that mention floods (roads damaged by floods, minutes) are side
# matches for every flood query.
FLOOD_SIDE = ((r"[Bb]anjir", 1),)


def _n(*kinds: str) -> frozenset[str]:
    return frozenset(kinds)


# (id, category, query, what the asker wants, criteria)
QUERY_NEEDS: list[tuple[str, str, str, str, Need]] = [
    # -- morphology: the query's word form differs from the documents' ----------------------
    ("M01", "morphology", "memusnahkan arsip", "destruction of inactive records",
     Need({"pemusnahan_arsip": 3})),
    ("M02", "morphology", "pemusnahan arsip", "destruction of inactive records",
     Need({"pemusnahan_arsip": 3})),
    ("M03", "morphology", "penertiban pedagang kaki lima", "clearing street vendors",
     Need({"penertiban_pkl": 3})),
    ("M04", "morphology", "reklame ditertibkan", "removal of illegal billboards",
     Need({"penertiban_reklame": 3})),
    ("M05", "morphology", "penanaman pohon", "tree planting",
     Need({"penanaman_pohon": 3})),
    ("M06", "morphology", "menanam pohon", "tree planting",
     Need({"penanaman_pohon": 3})),
    ("M07", "morphology", "penanganan banjir", "flood response",
     Need({"banjir": 3}, also=FLOOD_SIDE)),
    ("M08", "morphology", "menata arsip", "arranging records",
     Need({"penataan_arsip": 3}, also=((r"\bditata\b", 1),))),
    ("M09", "morphology", "pemindahan arsip inaktif", "transfer of inactive records",
     Need({"pemindahan_arsip": 3})),
    ("M10", "morphology", "menyerahkan arsip statis", "hand-over of archives",
     Need({"penyerahan_arsip_statis": 3})),
    ("M11", "morphology", "pengujian kendaraan", "vehicle roadworthiness testing",
     Need({"kir": 3})),
    ("M12", "morphology", "menangani gelandangan", "handling vagrants and beggars",
     Need({"pmks": 3})),
    ("M13", "morphology", "menyusun anggaran daerah", "drafting the regional budget",
     Need({"apbd": 3})),
    ("M14", "morphology", "diperiksa auditor", "audits by the inspectorate",
     Need({"audit": 3})),
    ("M15", "morphology", "memantau kualitas air", "water quality monitoring",
     Need({"kualitas_air": 3})),
    # -- kata ulang and hyphenated words ----------------------------------------------------
    ("K01", "kata_ulang", "rumah-rumah terendam", "houses flooded",
     Need({"banjir": 3})),
    ("K02", "kata_ulang", "bibit-bibit mahoni", "tree seedlings",
     Need({"penanaman_pohon": 3})),
    ("K03", "kata_ulang", "imunisasi anak-anak", "school immunisation",
     Need({"imunisasi": 3})),
    ("K04", "kata_ulang", "obat-obatan kedaluwarsa", "expired medicines in pharmacies",
     Need({"apotek": 3}, within=r"[Oo]bat")),
    ("K05", "kata_ulang", "jalan-jalan rusak", "damaged roads",
     Need({"jalan": 3})),
    ("K06", "kata_ulang", "kendaraan-kendaraan angkutan umum", "testing of public vehicles",
     Need({"kir": 3})),
    ("K07", "kata_ulang", "integrasi aplikasi-aplikasi layanan", "integrating service apps",
     Need({"spbe": 3})),
    ("K08", "kata_ulang", "monitoring sekolah-sekolah", "monitoring schools (BOS funds)",
     Need({"dana_bos": 3})),
    ("K09", "kata_ulang", "perekaman KTP", "recording electronic ID cards",
     Need({"ktp_el": 3})),
    ("K10", "kata_ulang", "pelayanan sehari-hari", "daily service and working hours",
     Need({"jam_kerja": 3})),
    ("K11", "kata_ulang", "lereng bukit longsor", "landslide-prone slopes",
     Need({"longsor": 3})),
    ("K12", "kata_ulang", "KTP-el hilang", "replacing a lost electronic ID card",
     Need({"ktp_el": 3})),
    ("K13", "kata_ulang", "lomba HUT RI", "competitions for Independence Day",
     Need({"hut_ri": 3}, within=r"[Ll]omba")),
    # -- abbreviations, both ways -----------------------------------------------------------
    ("A01", "abbreviation", "SPJ dana BOS", "accountability reports of BOS funds",
     Need({"dana_bos": 3}, kinds=_n("spj"))),
    ("A02", "abbreviation", "rakor stunting", "coordination meetings on stunting",
     Need({"stunting": 3}, kinds=MEETINGS)),
    ("A03", "abbreviation", "penerimaan peserta didik baru", "school admissions",
     Need({"ppdb": 3})),
    ("A04", "abbreviation", "PPDB", "school admissions", Need({"ppdb": 3})),
    ("A05", "abbreviation", "persetujuan bangunan gedung", "building approval (PBG/IMB)",
     Need({"pbg": 3})),
    ("A06", "abbreviation", "demam berdarah", "dengue fever", Need({"dbd": 3})),
    ("A07", "abbreviation", "DBD", "dengue fever", Need({"dbd": 3})),
    ("A08", "abbreviation", "PKH", "the family hope programme", Need({"bansos": 3})),
    ("A09", "abbreviation", "pegawai pemerintah dengan perjanjian kerja", "PPPK",
     Need({"pppk": 3})),
    ("A10", "abbreviation", "LKjIP", "performance reports", Need({"kinerja": 3})),
    ("A11", "abbreviation", "RTH", "green open space",
     Need({"rth": 3}, within=r"[Rr]uang [Tt]erbuka [Hh]ijau|RTH|[Tt]aman")),
    ("A12", "abbreviation", "Satpol PP PKL", "municipal police clearing street vendors",
     Need({"penertiban_pkl": 3})),
    ("A13", "abbreviation", "SPPD", "official travel orders",
     Need({"perjalanan_dinas": 3})),
    ("A14", "abbreviation", "musyawarah perencanaan pembangunan", "musrenbang",
     Need({"musrenbang": 3})),
    ("A15", "abbreviation", "SE jam kerja Ramadan", "circular on Ramadan working hours",
     Need({"jam_kerja": 3}, kinds=_n("edaran"), within=r"[Rr]amadh?an")),
    ("A16", "abbreviation", "Badan Penanggulangan Bencana Daerah banjir", "BPBD and floods",
     Need({"banjir": 3}, also=FLOOD_SIDE)),
    ("A17", "abbreviation", "akta kelahiran Disdukcapil", "birth certificates",
     Need({"akta_kelahiran": 3})),
    # -- spelling variants ------------------------------------------------------------------
    ("S01", "spelling", "ijin mendirikan bangunan", "building permits",
     Need({"pbg": 3})),
    ("S02", "spelling", "perijinan usaha", "business licensing (OSS, NIB)",
     Need({"oss": 3})),
    ("S03", "spelling", "apotik", "pharmacies", Need({"apotek": 3})),
    ("S04", "spelling", "analisa kwalitas air", "water quality analysis",
     Need({"kualitas_air": 3})),
    ("S05", "spelling", "peta resiko", "risk maps and registers", Need({"risiko": 3})),
    ("S06", "spelling", "praktek kerja lapangan", "student internships",
     Need({"praktik_kerja": 3})),
    ("S07", "spelling", "pemerintah propinsi", "coordination with the province",
     Need({"propinsi": 3})),
    ("S08", "spelling", "nomer surat", "numbering of letters", Need({"penomoran": 3})),
    ("S09", "spelling", "akte kelahiran", "birth certificates",
     Need({"akta_kelahiran": 3})),
    ("S10", "spelling", "kwitansi", "receipts in accountability files",
     Need({"spj_keuangan": 2, "dana_bos": 1}, also=((r"[Kk]u?w?itansi", 3),), mention=0)),
    ("S11", "spelling", "himbauan demam berdarah", "dengue prevention appeals",
     Need({"dbd": 3})),
    ("S12", "spelling", "jam kerja ramadhan", "Ramadan working hours",
     Need({"jam_kerja": 3}, within=r"[Rr]amadh?an")),
    ("S13", "spelling", "jadwal imunisasi", "immunisation schedule",
     Need({"imunisasi": 3})),
    ("S14", "spelling", "objek pajak", "tax objects", Need({"pajak": 3})),
    # -- several words ----------------------------------------------------------------------
    ("W01", "multi_word", "laporan penanganan banjir kecamatan", "flood response reports",
     Need({"banjir": 3}, kinds=_n("laporan"), also=FLOOD_SIDE)),
    ("W02", "multi_word", "undangan rapat koordinasi stunting posyandu",
     "invitations to stunting meetings", Need({"stunting": 3}, kinds=_n("undangan"))),
    ("W03", "multi_word", "berita acara pemusnahan arsip inaktif",
     "destruction reports", Need({"pemusnahan_arsip": 3}, kinds=_n("berita_acara"))),
    ("W04", "multi_word", "seleksi pegawai pemerintah perjanjian kerja", "PPPK selection",
     Need({"pppk": 3})),
    ("W05", "multi_word", "pengawasan obat apotek", "supervision of pharmacies",
     Need({"apotek": 3})),
    ("W06", "multi_word", "data keluarga penerima manfaat bantuan sosial",
     "social assistance beneficiaries", Need({"bansos": 3})),
    ("W07", "multi_word", "perbaikan jalan rusak kabupaten", "repair of district roads",
     Need({"jalan": 3})),
    ("W08", "multi_word", "tindak lanjut temuan pemeriksaan", "audit follow-up",
     Need({"audit": 3})),
    ("W09", "multi_word", "pelatihan aparatur sipil negara", "training of civil servants",
     Need({"diklat": 3})),
    ("W10", "multi_word", "bank sampah kelurahan", "waste banks",
     Need({"sampah": 3}, within=r"[Bb]ank [Ss]ampah")),
    ("W11", "multi_word", "keamanan website pemerintah daerah", "website security",
     Need({"spbe": 3}, within=r"[Ww]ebsite|[Ss]erver|cyber")),
    ("W12", "multi_word", "netralitas ASN pemilihan kepala daerah", "neutrality in Pilkada",
     Need({"pilkada": 3})),
    # -- phrases ----------------------------------------------------------------------------
    ("P01", "phrase", '"berita acara pemusnahan"', "destruction reports",
     Need({"pemusnahan_arsip": 3}, kinds=_n("berita_acara"), kind_else=1)),
    ("P02", "phrase", '"kartu keluarga"', "family cards",
     Need({"akta_kelahiran": 1},
          also=((r"[Kk]artu [Kk]eluarga|\bKK\b", 2), (r"Kartu Keluarga", 3)))),
    ("P03", "phrase", '"rapat koordinasi" banjir', "coordination meetings on floods",
     Need({"banjir": 3}, kinds=MEETINGS, kind_else=1, also=FLOOD_SIDE)),
    ("P04", "phrase", '"ruang terbuka hijau"', "green open space",
     Need({"rth": 3}, within=r"[Rr]uang [Tt]erbuka [Hh]ijau|RTH|[Tt]aman")),
    ("P05", "phrase", '"pedagang kaki lima"', "street vendors",
     Need({"penertiban_pkl": 3})),
    ("P06", "phrase", '"kenaikan pangkat"', "promotions", Need({"kenaikan_pangkat": 3})),
    ("P07", "phrase", '"bank sampah"', "waste banks",
     Need({"sampah": 3}, within=r"[Bb]ank [Ss]ampah")),
    ("P08", "phrase", '"demam berdarah"', "dengue fever", Need({"dbd": 3})),
    ("P09", "phrase", '"tanah longsor"', "landslides", Need({"longsor": 3})),
    # -- dates ------------------------------------------------------------------------------
    ("D01", "date", "banjir 2024", "flood records of 2024",
     Need({"banjir": 3}, period=("2024",), also=FLOOD_SIDE)),
    ("D02", "date", "pemusnahan arsip 2024", "destruction of records in 2024",
     Need({"pemusnahan_arsip": 3}, period=("2024",))),
    ("D03", "date", "stunting 2025", "stunting records of 2025",
     Need({"stunting": 3}, period=("2025",))),
    ("D04", "date", "upacara 17 Agustus 2023", "Independence Day ceremony of 2023",
     Need({"hut_ri": 3}, period=("2023",))),
    ("D05", "date", "undangan Januari 2025", "invitations of January 2025",
     Need(kinds=_n("undangan"), period=("2025-01",))),
    ("D06", "date", "tanggal:2024 apotek", "pharmacy records dated 2024",
     Need({"apotek": 3}, period=("2024",), period_else=0)),
    ("D07", "date", "kenaikan pangkat Maret 2025", "promotion round of March 2025",
     Need({"kenaikan_pangkat": 3}, period=("2025-03",))),
    ("D08", "date", "kebakaran 2024", "fires in 2024",
     Need({"kebakaran": 3}, period=("2024",))),
    ("D09", "date", "surat edaran 2023", "circulars of 2023",
     Need(kinds=_n("edaran"), period=("2023",))),
    # -- English terms in Indonesian records ------------------------------------------------
    ("E01", "english", "smart city", "the smart city plan",
     Need({"spbe": 3}, within=r"[Ss]mart [Cc]ity")),
    ("E02", "english", "stunting", "stunting", Need({"stunting": 3})),
    ("E03", "english", "fogging", "fogging against dengue",
     Need({"dbd": 3}, within=r"[Ff]ogging")),
    ("E04", "english", "workshop", "workshops for civil servants",
     Need({"diklat": 3}, within=r"[Ww]orkshop")),
    ("E05", "english", "backup server", "server backups",
     Need({"spbe": 1, "digitalisasi_arsip": 1}, also=((r"backup", 3), (r"server", 2)), mention=0)),
    ("E06", "english", "online single submission", "OSS licensing",
     Need({"oss": 3})),
    ("E07", "english", "focus group discussion", "FGD in planning",
     Need({"musrenbang": 3}, within=r"[Ff]ocus group")),
    ("E08", "english", "cyber security", "cyber incidents",
     Need({"spbe": 3}, within=r"cyber")),
    ("E09", "english", "record center", "the records centre", Need({"pemindahan_arsip": 3})),
    ("E10", "english", "scanning arsip", "scanning of records",
     Need({"digitalisasi_arsip": 3})),
    # -- nothing in the corpus answers these -----------------------------------------------
    ("N01", "no_answer", "budidaya rumput laut", "seaweed farming", Need()),
    ("N02", "no_answer", "tambang nikel", "nickel mining", Need()),
    ("N03", "no_answer", "kapal pesiar", "cruise ships", Need()),
    ("N04", "no_answer", "sertifikat halal", "halal certification", Need()),
    ("N05", "no_answer", "festival layang-layang", "kite festival", Need()),
    ("N06", "no_answer", "kereta cepat", "high-speed rail", Need()),
    ("N07", "no_answer", "penangkaran penyu", "turtle breeding", Need()),
    ("N08", "no_answer", "gempa bumi tsunami", "earthquake and tsunami", Need()),
    ("N09", "no_answer", "vaksin rabies anjing", "rabies vaccination of dogs", Need()),
]  # fmt: skip


def judged(records: list[dict], need: Need) -> dict[str, int]:
    grades = {r["id"]: grade(r, need) for r in records}
    return {rid: g for rid, g in grades.items() if g > 0}


def load_records(path: Path = RECORDS) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def main() -> None:
    records = load_records()
    with QUERIES.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "category", "query", "need", "judgements"])
        for qid, category, query, need_text, need in QUERY_NEEDS:
            grades = judged(records, need)
            cells = " ".join(f"{rid}:{g}" for rid, g in sorted(grades.items()))
            writer.writerow([qid, category, query, need_text, cells])
    print(f"wrote {len(QUERY_NEEDS)} queries to {QUERIES}")


if __name__ == "__main__":
    main()
