"""The Indonesian analyzer: tokens, lower case, Indonesian stop words, Snowball stemming.

Whoosh pickles the analyzer into the index, so the stemmer object stays out of it: the filter
holds `stem`, a module-level function, and the PyStemmer object is created on first use in
each process. Stems are memoised because the vocabulary is small and Zipfian.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import Stemmer
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter

# Function words only: anything that could carry meaning in a records search stays searchable.
STOP_WORDS = frozenset(
    [
        "ada",
        "adalah",
        "agar",
        "akan",
        "akan",
        "antara",
        "apabila",
        "atau",
        "bagi",
        "bahwa",
        "baik",
        "banyak",
        "begitu",
        "belum",
        "bila",
        "bisa",
        "boleh",
        "dan",
        "dalam",
        "dapat",
        "dari",
        "demikian",
        "dengan",
        "di",
        "dia",
        "hal",
        "hanya",
        "harus",
        "hingga",
        "ia",
        "ialah",
        "ini",
        "itu",
        "jika",
        "juga",
        "kalau",
        "kami",
        "kamu",
        "karena",
        "ke",
        "kepada",
        "kita",
        "lagi",
        "lain",
        "lalu",
        "maka",
        "mana",
        "masih",
        "mereka",
        "namun",
        "nya",
        "oleh",
        "pada",
        "para",
        "per",
        "pun",
        "saat",
        "saja",
        "sama",
        "sampai",
        "sangat",
        "saya",
        "sebab",
        "sebagai",
        "sebelum",
        "sedang",
        "sehingga",
        "sejak",
        "selain",
        "seperti",
        "serta",
        "setelah",
        "sudah",
        "supaya",
        "tanpa",
        "telah",
        "tentang",
        "tersebut",
        "tetapi",
        "tidak",
        "untuk",
        "walaupun",
        "yaitu",
        "yakni",
        "yang",
    ]
)

TOKEN_PATTERN = r"\w+(?:[.\-]\w+)*"

_stemmer: Stemmer.Stemmer | None = None


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    global _stemmer
    if _stemmer is None:
        _stemmer = Stemmer.Stemmer("indonesian")
    return _stemmer.stemWord(word)


def normalise(text: str) -> str:
    """NFKC folds the ligatures (ﬁ, ﬂ) and full-width forms some PDF producers emit."""
    return unicodedata.normalize("NFKC", text)


def indonesian_analyzer():
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=1)
        | StemFilter(stemfn=stem, cachesize=None)
    )
