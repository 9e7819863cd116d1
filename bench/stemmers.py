"""Indonesian stemmers compared on word families: Snowball, Snowball with Lontar's corrections
(indexes/analysis.py), and Sastrawi when it is installed (not shipped: its dictionary is
CC-BY-NC-SA).

    python -m bench.stemmers [--families bench/quality/word_families.csv]

A family passes when all its words share one stem and none of its near misses has that stem
(`pajak` must not meet `pajang`). Speed is stems per second on every word of the list: `cold`
is each distinct word once with no memo (a first sight), `memoised` is a stream where each
word recurs 20 times through the stemmer as the index uses it (Lontar's `stem` keeps an LRU
memo; PyStemmer keeps its own cache); both with the ratio against raw Snowball measured in the
same run. Without `--families`, the held-out list of the quality
benchmark is used when it exists, else the starter list below.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.common import report

QUALITY_FAMILIES = Path(__file__).resolve().parent / "quality" / "word_families.csv"

# The starter list (written before the held-out list existed): words that must share a stem,
# then near misses that must not. Administrative vocabulary; nasal prefixes on purpose.
FAMILIES: list[tuple[str, str]] = [
    ("musnah pemusnahan memusnahkan dimusnahkan", "pusnah"),
    ("tanam penanaman menanam ditanam tanaman", "anam"),
    ("tertib penertiban menertibkan ditertibkan ketertiban", "terbit"),
    ("tata penataan menata ditata", "data"),
    ("kirim pengiriman mengirim dikirim kiriman dikirimkan", "irama"),
    ("pegawai kepegawaian", "gawai"),
    ("arsip pengarsipan kearsipan diarsipkan mengarsipkan", "asli"),
    ("pajak perpajakan pemajakan", "pajang"),
    ("nilai penilaian menilai dinilai", "nila"),
    ("kelola pengelolaan mengelola dikelola", "lola"),
    ("terima penerimaan menerima diterima penerima", "tiba"),
    ("periksa pemeriksaan memeriksa diperiksa", "peta"),
    ("perintah memerintahkan diperintahkan pemerintah", "perintis"),
    ("nomor penomoran menomori", "omong"),
    ("sah pengesahan mengesahkan disahkan", "sahabat"),
    ("tempat penempatan menempatkan ditempatkan", "empat"),
    ("manfaat pemanfaatan memanfaatkan dimanfaatkan", "panas"),
    ("mohon permohonan memohon pemohon", "pohon"),
    ("tugas penugasan menugaskan ditugaskan", "tegas"),
    ("tetap penetapan menetapkan ditetapkan ketetapan", "tatap"),
    ("kumpul pengumpulan mengumpulkan dikumpulkan", "kampung"),
    ("susun penyusunan menyusun disusun susunan", "usul"),
    ("serah penyerahan menyerahkan diserahkan", "sarah"),
    ("simpan penyimpanan menyimpan disimpan simpanan", "simpang"),
    ("lapor laporan pelaporan melaporkan dilaporkan", "lapar"),
    ("bangun pembangunan membangun dibangun bangunan", "bangku"),
    ("pantau pemantauan memantau dipantau", "pantai"),
    ("pinjam peminjaman meminjam dipinjam pinjaman", "pijat"),
    ("pindah pemindahan memindahkan dipindahkan", "pandai"),
    ("tunjuk penunjukan menunjuk ditunjuk", "tunjang"),
    ("tulis penulisan menulis ditulis tulisan", "tulus"),
    ("terbit penerbitan menerbitkan diterbitkan", "tertib"),
    ("tindak penindakan menindak ditindak tindakan", "tinjau"),
    ("tunda penundaan menunda ditunda", "tanda"),
    ("tolak penolakan menolak ditolak", "tolok"),
    ("teliti penelitian meneliti diteliti", "tilik"),
    ("kenal pengenalan mengenal dikenal", "kental"),
    ("kendali pengendalian mengendalikan dikendalikan", "kandang"),
    ("kembang pengembangan mengembangkan dikembangkan", "kembung"),
    ("kurang pengurangan mengurangi dikurangi", "urang"),
    ("kuasa penguasaan menguasai dikuasai", "kuas"),
    ("kaji pengkajian mengkaji dikaji kajian", "gaji"),
    ("awas pengawasan mengawasi diawasi", "awal"),
    ("angkat pengangkatan mengangkat diangkat", "angka"),
    ("urus pengurusan mengurus diurus pengurus", "kurus"),
    ("atur peraturan pengaturan mengatur diatur", "atlet"),
    ("ada pengadaan mengadakan diadakan", "adat"),
    ("didik pendidikan mendidik dididik", "duduk"),
    ("data pendataan mendata didata", "tata"),
    ("cair pencairan mencairkan dicairkan", "cari"),
    ("salur penyaluran menyalurkan disalurkan saluran", "salut"),
    ("layan pelayanan melayani dilayani layanan", "layang"),
    ("sehat kesehatan menyehatkan", "sehari"),
    ("surat persuratan surat-surat", "surut"),
    ("berkas berkas-berkas berkasnya", "kas"),
    ("rumah perumahan rumah-rumah", "ramah"),
    ("penduduk kependudukan", "duduk"),
    ("menang pemenang kemenangan memenangkan", "tangan"),
    ("nyata pernyataan menyatakan dinyatakan", "satu"),
    ("putus keputusan memutuskan diputuskan", "pusat"),
    ("edar peredaran mengedarkan diedarkan edaran", "endap"),
    ("setor penyetoran menyetor disetor setoran", "sektor"),
    ("anggar anggaran penganggaran dianggarkan", "anggur"),
]


@dataclass
class Family:
    words: list[str]
    near_misses: list[str]


def starter_families() -> list[Family]:
    return [Family(words.split(), misses.split()) for words, misses in FAMILIES]


def read_families(path: Path) -> list[Family]:
    """A CSV with the family's words in one column (`words`, space or `|` separated) and its
    near misses in another (`near_misses`, may be empty)."""
    families = []
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        for row in rows:
            words = _split(row.get("words") or row.get("members") or "")
            misses = _split(row.get("near_misses") or row.get("must_not_match") or "")
            if words:
                families.append(Family(words, misses))
    return families


def _split(cell: str) -> list[str]:
    return [w.strip().lower() for w in cell.replace("|", " ").replace(";", " ").split() if w]


def family_stems(stemmer: Callable[[str], str], family: Family) -> set[str]:
    """A hyphenated word stems as its parts do (the tokenizer splits it first)."""
    return {stemmer(part) for word in family.words for part in word.split("-") if part}


def agreement(stemmer: Callable[[str], str], families: list[Family]) -> dict:
    agreed = separated = 0
    failures = []
    for family in families:
        stems = family_stems(stemmer, family)
        together = len(stems) == 1
        apart = not any(stemmer(miss) in stems for miss in family.near_misses)
        agreed += together
        separated += apart
        if not (together and apart):
            failures.append(f"{family.words[0]}: {sorted(stems)}")
    total = len(families)
    return {
        "family_agreement": round(agreed / total, 3),
        "near_miss_separation": round(separated / total, 3),
        "failures": failures,
    }


def stems_per_second(make: Callable[[], Callable[[str], str]], words: list[str]) -> float:
    """The stemmer is made fresh (empty memo) and run over `words`."""
    stemmer = make()
    started = time.perf_counter()
    for word in words:
        stemmer(word)
    return len(words) / (time.perf_counter() - started)


def _raw_snowball() -> Callable[[str], str]:
    import Stemmer  # heavy

    stemmer = Stemmer.Stemmer("indonesian")
    stemmer.maxCacheSize = 0
    return stemmer.stemWord


def _raw_snowball_cached() -> Callable[[str], str]:
    import Stemmer  # heavy

    return Stemmer.Stemmer("indonesian").stemWord


def _lontar() -> Callable[[str], str]:
    from indexes import analysis  # heavy

    analysis.snowball.cache_clear()
    return lambda word: analysis.corrected_stem(word, analysis.ROOTS)


def _lontar_memoised() -> Callable[[str], str]:
    from indexes import analysis  # heavy

    analysis.snowball.cache_clear()
    analysis.stem.cache_clear()
    return analysis.stem


def _sastrawi() -> Callable[[str], str] | None:
    try:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory  # optional
    except ImportError:
        return None
    stemmer = StemmerFactory().create_stemmer(isDev=False)
    return stemmer.stem


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--families", type=Path, default=None)
    args = parser.parse_args()
    path = args.families or (QUALITY_FAMILIES if QUALITY_FAMILIES.exists() else None)
    families = read_families(path) if path else starter_families()
    words = sorted({w for f in families for w in f.words + f.near_misses if "-" not in w})
    stream = words * 20
    makers = {
        "snowball": (_raw_snowball, _raw_snowball_cached),
        "lontar (snowball + roots)": (_lontar, _lontar_memoised),
    }
    if _sastrawi() is not None:
        makers["sastrawi (not shipped)"] = (_sastrawi, _sastrawi)
    stems_per_second(_raw_snowball, words)  # warm-up: imports, first calls
    rows: dict[str, dict] = {}
    for name, (cold, warm) in makers.items():  # snowball first: the reference
        cold_rate = stems_per_second(cold, words * 5 if name == "snowball" else words)
        warm_rate = stems_per_second(warm, stream)
        reference = rows.get("snowball", {"cold": cold_rate, "warm": warm_rate})
        rows[name] = {
            **agreement(cold(), families),
            "cold_stems_per_s": round(cold_rate),
            "cold_vs_snowball": round(cold_rate / reference["cold"], 3),
            "memoised_stems_per_s": round(warm_rate),
            "memoised_vs_snowball": round(warm_rate / reference["warm"], 3),
            "cold": cold_rate,
            "warm": warm_rate,
        }
    for row in rows.values():
        del row["cold"], row["warm"]
    _print_table(str(path or "starter list in bench/stemmers.py"), len(families), rows)
    report("stemmers", {"families": len(families), "source": str(path or "starter"), **rows})


def _print_table(source: str, count: int, rows: dict) -> None:
    print(f"{count} families from {source}")
    print(
        f"{'stemmer':26} {'agree':>6} {'apart':>6} {'cold stems/s':>13} {'ratio':>7} "
        f"{'memoised stems/s':>17} {'ratio':>7}"
    )
    for name, row in rows.items():
        print(
            f"{name:26} {row['family_agreement']:6.3f} {row['near_miss_separation']:6.3f} "
            f"{row['cold_stems_per_s']:13,} {row['cold_vs_snowball']:6.2f}x "
            f"{row['memoised_stems_per_s']:17,} {row['memoised_vs_snowball']:6.2f}x"
        )
    for name, row in rows.items():
        for failure in row["failures"]:
            print(f"  {name}: {failure}")


if __name__ == "__main__":
    main()
