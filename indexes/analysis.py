"""The Indonesian analyzer: tokens (hyphenated words split), lower case, Indonesian stop words,
Snowball stems corrected by a root list.

Whoosh pickles the analyzer into the index, so the stemmer object stays out of it: the filter
holds `stem`, a module-level function, and the PyStemmer object is created on first use in
each process. Stems are memoised because the vocabulary is small and Zipfian.

`ANALYSIS` (the code's `ANALYSIS_VERSION` and a digest of the roots file) is pickled with the
tokenizer into every index; an index analysed otherwise is rebuilt by the worker
(`IndexStore.outdated`), because its terms would no longer meet the terms a query is analysed
into. So editing data/stemmer_roots.csv rebuilds the index by itself, as a code change that
bumps `ANALYSIS_VERSION` does.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache, partial
from itertools import accumulate, compress, count, repeat
from operator import contains
from pathlib import Path

import Stemmer
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter, Token

# 1: Snowball stems, hyphenated words kept whole. 2: hyphenated words split into their parts,
# Snowball corrected by data/stemmer_roots.csv (nasal prefixes, words Snowball over-cuts).
ANALYSIS_VERSION = 2
ROOTS_FILE = Path(__file__).resolve().parents[1] / "data" / "stemmer_roots.csv"

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
VOWELS = frozenset("aeiou")
PARTICLES = ("lah", "kah", "tah", "pun")
POSSESSIVES = ("nya", "ku", "mu")
DERIVATIONAL = ("kan", "an", "i")
MIN_ROOT = 2

_stemmer: Stemmer.Stemmer | None = None


@lru_cache(maxsize=500_000)
def snowball(word: str) -> str:
    """Snowball's Indonesian stem, uncorrected (the baseline `bench/stemmers.py` compares)."""
    global _stemmer
    if _stemmer is None:
        _stemmer = Stemmer.Stemmer("indonesian")
    return _stemmer.stemWord(word)


def load_roots(path: Path = ROOTS_FILE) -> frozenset[str]:
    """The root words of a roots file (CSV `root,why`, lines starting with `#` are notes)."""
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return frozenset(row["root"].strip().lower() for row in rows if row["root"].strip())


def roots_digest(roots: frozenset[str]) -> str:
    """Names a root list: the notes in its file do not change it, a root added or taken does."""
    return hashlib.sha256(" ".join(sorted(roots)).encode()).hexdigest()[:12]


ROOTS = load_roots()
ANALYSIS = f"{ANALYSIS_VERSION}+{roots_digest(ROOTS)}"


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """Snowball, corrected where it splits a word family: a word whose affixes leave a known
    root (`ROOTS`) stems to that root (pemusnahan and musnah both to musnah, pengiriman and
    kirim to kirim, pegawai and kepegawaian to pegawai); otherwise Snowball's stem, with the
    t a men-/pen- prefix dropped put back (penanaman and ditanam both to tanam)."""
    return corrected_stem(word, ROOTS)


def corrected_stem(word: str, roots: frozenset[str]) -> str:
    """`stem` against any root list (the benchmark and the tests pass their own)."""
    base = snowball(word)
    if not word.isalpha():  # numbers, codes, blind-index terms: Snowball leaves them be
        return base
    if word in roots:
        return word
    found = [c for c in _candidates(word) if c[0] in roots and _plausible(c[0], base)]
    if found:
        return min(found, key=lambda c: (c[1], c[2], -len(c[0]), c[0] != base))[0]
    return _restored_t(word, base)


def _plausible(root: str, base: str) -> bool:
    """A root no shorter than Snowball's stem (less a restored letter), or the start of it:
    `berkas` is not ber- + `kas`, which Snowball's `berkas` shows."""
    return len(root) >= len(base) - 1 or base.startswith(root)


def _restored_t(word: str, base: str) -> str:
    """men-/pen- before a vowel stands for meN-/peN- on a t-root (menanam, penataan): Snowball
    removes the prefix but not the t's absence."""
    nasal = word[:3] in ("men", "pen") and len(word) > 4 and word[3] in VOWELS
    if nasal and base[:1] == word[3]:  # Snowball took the prefix off
        return "t" + base
    return base


def _candidates(word: str) -> Iterator[tuple[str, int, int]]:
    """Possible roots of `word`, each with how many affixes it took off and how many letters
    it put back (the fewer, the likelier)."""
    for suffixes, body in _bodies(word):
        for root, prefixes, restored in _unprefixed(body, depth=2):
            yield root, suffixes + prefixes, restored


def _bodies(word: str) -> list[tuple[int, str]]:
    """`word` and what is left of it without its particle, possessive and derivational
    suffixes (each layer optional, in that order from the end), with the suffixes taken."""
    forms = [(0, word)]
    for layer in (PARTICLES, POSSESSIVES, DERIVATIONAL):
        for taken, form in list(forms):
            for suffix in layer:
                if form.endswith(suffix) and len(form) - len(suffix) >= MIN_ROOT + 1:
                    forms.append((taken + 1, form[: -len(suffix)]))
    return forms


def _unprefixed(body: str, depth: int) -> Iterator[tuple[str, int, int]]:
    yield body, 0, 0
    if depth == 0:
        return
    for prefix in _PREFIXES_BY_START.get(body[:2], ()):
        rest = body[len(prefix) :]
        if body.startswith(prefix) and len(rest) >= MIN_ROOT:
            for root in _restorations(prefix, rest):
                put_back = int(root != rest)
                for found, taken, restored in _unprefixed(root, depth - 1):
                    yield found, taken + 1, restored + put_back


# Longest first. The nasal prefixes meN-/peN- drop a root's initial k, t, p or s.
PREFIXES = (
    "menge", "penge", "memper", "meng", "peng", "meny", "peny", "mem", "pem", "men", "pen",
    "ber", "per", "ter", "me", "pe", "di", "ke", "se", "be", "te",
)  # fmt: skip
_PREFIXES_BY_START = {
    start: tuple(p for p in PREFIXES if p.startswith(start)) for start in {p[:2] for p in PREFIXES}
}


def _restorations(prefix: str, rest: str) -> tuple[str, ...]:
    """The roots `prefix` + `rest` can come from."""
    vowel = rest[0] in VOWELS
    if prefix in ("meng", "peng"):
        return (rest, "k" + rest) if vowel else (rest,)
    if prefix in ("meny", "peny"):
        return ("s" + rest,) if vowel else ()
    if prefix in ("mem", "pem"):
        return ("p" + rest,) if vowel else ((rest,) if rest[0] in "bpfv" else ())
    if prefix in ("men", "pen"):
        return ("t" + rest,) if vowel else ((rest,) if rest[0] in "dcjtsz" else ())
    if prefix == "me":
        return (rest,) if rest[0] in "lrwymn" else ()
    if prefix in ("be", "te"):
        return (rest,) if not vowel else ()
    return (rest,)


def normalise(text: str) -> str:
    """NFKC folds the ligatures (ﬁ, ﬂ) and full-width forms some PDF producers emit."""
    return unicodedata.normalize("NFKC", text)


class IndonesianTokenizer(RegexTokenizer):
    """Words, with a hyphenated word (`surat-surat`, `KTP-el`, `sehari-hari`) split into its
    parts, so `surat` finds a text that says only `surat-surat` and the reverse.

    When indexing, every part is a token at its own position (`surat-surat keputusan` is
    surat, surat, keputusan): one token per position keeps phrases working, and the blind
    index (indexes/sealed.py) turns tokens into keyed terms one for one. In a query a
    reduplication (`surat-surat`, `berkas-berkasnya`) is its base word once, so the phrase
    "surat-surat keputusan" is "surat keputusan" and finds both spellings.

    `version` is pickled with the index (see `ANALYSIS`)."""

    def __init__(self, expression: str = TOKEN_PATTERN) -> None:
        super().__init__(expression)
        self.version = ANALYSIS

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            yield from super().__call__(
                value, positions, chars, keeporiginal, removestops, start_pos, start_char,
                tokenize, mode, **kwargs,
            )  # fmt: skip
            return
        pos, query = start_pos, mode == "query"
        for match in self.expression.finditer(value):
            word = match.group(0)
            if "-" not in word:  # the common case, kept as lean as RegexTokenizer's loop
                token.text, token.boost, token.stopped = word, 1.0, False
                if keeporiginal:
                    token.original = word
                if positions:
                    token.pos = pos
                if chars:
                    token.startchar = start_char + match.start()
                    token.endchar = start_char + match.end()
                pos += 1
                yield token
                continue
            for start, end in _parts(match, query=query):
                token.text = value[start:end]
                token.boost, token.stopped = 1.0, False
                if keeporiginal:
                    token.original = token.text
                if positions:
                    token.pos = pos
                if chars:
                    token.startchar, token.endchar = start_char + start, start_char + end
                pos += 1
                yield token


_HYPHEN = re.compile(r"-")


def _parts(match: re.Match, *, query: bool) -> list[tuple[int, int]]:
    """Character spans of a hyphenated word's parts."""
    return _part_spans(match.start(), match.group(0), query=query)


def _part_spans(start: int, text: str, *, query: bool) -> list[tuple[int, int]]:
    """`_parts` for the word `text` found at `start` (`query_tokens` has no match object)."""
    spans, offset = [], 0
    for piece in _HYPHEN.split(text):
        spans.append((start + offset, start + offset + len(piece)))
        offset += len(piece) + 1
    if query and _reduplicated(text):
        return spans[:1]
    return spans


def _reduplicated(text: str) -> bool:
    """`surat-surat`, `Rumah-rumah`, `berkas-berkasnya`: the second part repeats the first."""
    first, _, second = text.lower().partition("-")
    return "-" not in second and second.startswith(first)


def indonesian_analyzer():
    return (
        IndonesianTokenizer()
        | LowercaseFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=1)
        | StemFilter(stemfn=stem, cachesize=None)
    )


def analysis_version(analyzer) -> int | str:
    """The `ANALYSIS` an index's analyzer was written with (1: before versions)."""
    items = getattr(analyzer, "items", [analyzer])
    return getattr(items[0], "version", 1) if items else 1


# -- Highlighting: the same tokens, one word at a time ------------------------------------------
# Words whose query-mode form (lower case, stop word or stem) is kept per analysis signature:
# the vocabulary is Zipfian, so 50,000 words (~200 bytes each with the cache's entry and the
# word itself, ~10 MB at most) hold nearly every word a window of text brings.
HIGHLIGHT_WORDS = 50_000
# The tokenizer's words and, between them, what it skips: a split on the captured pattern
# gives [skipped, word, skipped, word, …, skipped], the words being the tokenizer's.
_SPLIT = re.compile(f"({TOKEN_PATTERN})")
Tokens = tuple[list[int], list[int], list[str]]  # start and end characters, form


def query_tokens(analyzer) -> Callable[[str], Tokens] | None:
    """What `analyzer(text, chars=True, mode="query", removestops=False)` makes of a text
    (Whoosh's highlighter asks it exactly this), as three lists: each token's start and end
    character and its form (the stem, or the lowered word for a stop word). None for an
    analyzer that is not this module's (the caller then asks the analyzer itself).

    A snippet analyses up to `SNIPPET_WINDOW` characters of each of 20 hits, about 200 words
    each; the analyzer's four chained generators cost ~1 µs a word, most of a search's time.
    Here the words are cut out in one regular-expression pass, and a word's form is looked up
    in a per-process cache of word → form, kept for the analyzer's signature (its version,
    stop list, length limits and stem function: what the form depends on), so an analyzer
    of another signature never reads forms made by this one. The cache holds words and their
    stems only, never a text: sealed text opened for a snippet is not kept by it."""
    signature = _signature(analyzer)
    if signature is None:
        return None
    return partial(_query_tokens, _word_forms(signature))


def _signature(analyzer) -> tuple | None:
    """What a word's form depends on, read from the analyzer the index was written with (its
    pickled stop list, not the code's), or None if its pipeline is not this module's."""
    items = getattr(analyzer, "items", None)
    kinds = [IndonesianTokenizer, LowercaseFilter, StopFilter, StemFilter]
    if not items or [type(item) for item in items] != kinds:
        return None
    tokenizer, _, stops, stems = items
    expression = tokenizer.expression
    same_words = expression.pattern == TOKEN_PATTERN and expression.flags == _SPLIT.flags
    if not same_words or tokenizer.gaps or stems.lang:
        return None
    return (
        tokenizer.version,
        stops.stops,
        stops.min,
        stops.max,
        stems.stemfn,
        stems.ignore,
    )


@lru_cache(maxsize=8)
def _word_forms(signature: tuple) -> Callable[[str], str]:
    """The word → form function (with its bounded cache) of one analysis signature."""
    _, stoplist, minsize, maxsize, stemfn, ignore = signature

    @lru_cache(maxsize=HIGHLIGHT_WORDS)
    def form(word: str) -> str:
        lowered = word.lower()
        if len(lowered) < minsize or (maxsize is not None and len(lowered) > maxsize):
            return lowered  # a stopped token keeps its lowered text
        if lowered in stoplist or lowered in ignore:
            return lowered
        return stemfn(lowered)

    return form


def _query_tokens(form: Callable[[str], str], text: str) -> Tokens:
    """The words with their offsets summed in C (`accumulate`, `map`) rather than a Python
    step per word; a hyphenated word becomes its parts as the tokenizer makes them."""
    pieces = _SPLIT.split(text)
    offsets = list(accumulate(map(len, pieces)))
    starts, ends, words = offsets[0:-1:2], offsets[1::2], pieces[1::2]
    if "-" in text:
        hyphenated = list(compress(count(), map(contains, words, repeat("-"))))
        for i in reversed(hyphenated):  # from the end, so earlier indices stay put
            spans = _part_spans(starts[i], words[i], query=True)
            starts[i : i + 1] = [start for start, _ in spans]
            ends[i : i + 1] = [end for _, end in spans]
            words[i : i + 1] = [text[start:end] for start, end in spans]
    return starts, ends, list(map(form, words))
