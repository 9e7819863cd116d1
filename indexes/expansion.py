"""Query-time expansion: abbreviations and spelling variants searched in both directions.

Officials write and search in acronyms (SK, SPJ, Disdukcapil) while documents often use the
long form, or the reverse; older documents and queries use non-standard spellings (ijin,
propinsi). A `Thesaurus` holds pairs of equivalent forms; `expand` rewrites the plain words of
a query so that each form found also searches its equivalents:

    SK bupati        ->  (SK OR (surat keputusan)) bupati
    surat edaran     ->  ((surat edaran) OR SE)
    perijinan usaha  ->  (perijinan OR perizinan) usaha

A long form is searched as its words ANDed, not as a phrase: a phrase of common words is
matched by Whoosh itself and takes seconds over 100k records (docs/search.md), the words
ANDed take milliseconds, and abbreviations' long forms rarely occur scattered. A single word
matches a dictionary form by its stem too (perijinan meets ijin), so inflected words expand.

The thesaurus is data passed in by the caller: `indexes/` imports only `repository.core`, and
each Pemda keeps its own agency acronyms in its database. `default_pairs` reads the national
lists shipped in `data/` (abbreviations.csv, spelling_variants.csv); the service adds the
Pemda's own rows and builds one `Thesaurus` (cheap; cache it per dictionary revision).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from indexes.analysis import STOP_WORDS, stem

DATA = Path(__file__).resolve().parents[1] / "data"
ABBREVIATIONS = DATA / "abbreviations.csv"
SPELLING_VARIANTS = DATA / "spelling_variants.csv"
MAX_FORM_WORDS = 6  # longer dictionary forms are not matched in queries
MAX_ADDED = 8  # alternatives added to one query at most: each costs masks and scores
OPERATORS = frozenset({"AND", "OR", "NOT"})
_PIECE = re.compile(r'"[^"]*"?|\S+')
_PLAIN = re.compile(r"^[\w][\w\-./]*$")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split())


@dataclass
class Thesaurus:
    """Equivalent forms, both directions. `forms` maps a form's lower-case words to the
    display text of each equivalent form; `stems` maps a one-word form's stem to it."""

    forms: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    stems: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a long form without its last word -> that form's abbreviations (`truncated`)
    shortened: dict[tuple[str, ...], list[str]] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> Thesaurus:
        """`pairs` of equivalent forms (SK, surat keputusan), (ijin, izin); each is added in
        both directions. Forms of more than `MAX_FORM_WORDS` words are ignored."""
        thesaurus = cls()
        for a, b in pairs:
            a, b = " ".join(a.split()), " ".join(b.split())
            if a and b and _words(a) != _words(b):
                thesaurus._add(a, b)
                thesaurus._add(b, a)
        thesaurus._join_shared_long_forms()
        thesaurus._index_shortened_forms()
        return thesaurus

    def _index_shortened_forms(self) -> None:
        """Long forms of three words or more, less their last word, when that names one
        form only and is no form itself: people write "demam berdarah" for "demam berdarah
        dengue" (DBD). Ambiguous beginnings ("nomor induk": NIP, NIK, NIB) and those ending
        in a stop word ("komunikasi dan") are left out."""
        found: dict[tuple[str, ...], list[list[str]]] = {}
        for key, others in self.forms.items():
            short = [o for o in others if len(_words(o)) == 1]
            if len(key) >= 3 and short and key[-2] not in STOP_WORDS:
                found.setdefault(key[:-1], []).append(short)
        self.shortened = {
            prefix: groups[0]
            for prefix, groups in found.items()
            if len(groups) == 1 and prefix not in self.forms
        }

    def truncated(self, words: tuple[str, ...]) -> list[str]:
        """The abbreviations of the one long form that `words` begin and fall one word
        short of (`_index_shortened_forms`), or []."""
        return self.shortened.get(words, [])

    def _join_shared_long_forms(self) -> None:
        """Two short forms of one long form are equivalents too: KTP-el and e-KTP both
        stand for "kartu tanda penduduk elektronik", so a search for one finds the other.
        Only through a long form (two words or more): an abbreviation with two meanings
        (SPT: surat perintah tugas, surat pemberitahuan tahunan) joins nothing."""
        for key, others in list(self.forms.items()):
            if len(key) < 2:
                continue
            short = [o for o in others if len(_words(o)) == 1]
            for a in short:
                for b in short:
                    if a != b:
                        self._add(a, b)

    def _add(self, form: str, other: str) -> None:
        key = _words(form)
        if len(key) > MAX_FORM_WORDS:
            return
        found = self.forms.setdefault(key, [])
        if other.lower() not in (f.lower() for f in found):
            found.append(other)
        if len(key) == 1 and key[0] not in STOP_WORDS:
            self.stems.setdefault(stem(key[0]), key)

    def __len__(self) -> int:
        return len(self.forms)

    def lookup(self, words: tuple[str, ...]) -> list[str]:
        """The equivalents of a run of query words (lower case), or []."""
        if words in self.forms:
            return self.forms[words]
        if len(words) == 1 and words[0].isalpha():
            key = self.stems.get(stem(words[0]))
            if key is not None:
                return self.forms[key]
        return []

    @property
    def longest(self) -> int:
        return max((len(key) for key in self.forms), default=0)


@dataclass
class Expanded:
    """A query rewritten for its equivalents, and what was added (for "juga dicari")."""

    text: str
    added: list[str] = field(default_factory=list)


def expand(text: str, thesaurus: Thesaurus | None) -> Expanded:
    """`text` with each run of plain words that is a dictionary form ORed with its
    equivalents. Quoted phrases, `field:value`, wildcards, operators and parentheses are
    left as they are (and end a run of plain words)."""
    if not thesaurus or not text.strip():
        return Expanded(text)
    out, added, run = [], [], []
    for piece in _PIECE.findall(text):
        if _PLAIN.match(piece) and piece not in OPERATORS:
            run.append(piece)
            continue
        out += _expanded_run(run, thesaurus, added)
        out.append(_expanded_phrase(piece, thesaurus, added))
        run = []
    out += _expanded_run(run, thesaurus, added)
    return Expanded(" ".join(out), added) if added else Expanded(text)


def _expanded_run(run: list[str], thesaurus: Thesaurus, added: list[str]) -> list[str]:
    """A run of plain words, longest dictionary forms first, left to right."""
    out, i, longest = [], 0, min(thesaurus.longest, MAX_FORM_WORDS)
    while i < len(run):
        for size in range(min(longest, len(run) - i), 0, -1):
            words = run[i : i + size]
            others = [o for o in thesaurus.lookup(_words(" ".join(words))) if o not in added]
            others = others[: max(0, MAX_ADDED - len(added))]
            if others:
                added += others
                out.append(_group(words, others))
                i += size
                break
        else:
            shortened = _shortened_rest(run[i:], thesaurus, added)
            if shortened:
                out.append(shortened)
                break
            out.append(run[i])
            i += 1
    return out


def _expanded_phrase(piece: str, thesaurus: Thesaurus, added: list[str]) -> str:
    """A quoted phrase that is a dictionary form, ORed with its equivalents: `"kartu
    keluarga"` also finds KK. The phrase itself stays a phrase; anything else is as it was."""
    if len(piece) < 3 or not (piece.startswith('"') and piece.endswith('"')):
        return piece
    words = _words(piece[1:-1])
    if not words or len(words) > MAX_FORM_WORDS:
        return piece
    others = thesaurus.lookup(words) or (thesaurus.truncated(words) if len(words) > 1 else [])
    others = [o for o in others if o not in added][: max(0, MAX_ADDED - len(added))]
    if not others:
        return piece
    added += others
    return "(" + " OR ".join([piece] + [_alternative(o) for o in others]) + ")"


def _alternative(form: str) -> str:
    plain = _plain(form)
    return plain if " " not in plain else f"({plain})"


def _shortened_rest(rest: list[str], thesaurus: Thesaurus, added: list[str]) -> str:
    """The rest of a run of words, when it is a long form less its last word, ORed with
    that form's abbreviations; "" otherwise. Only where the run ends: "demam berdarah"
    becomes `(demam berdarah OR DBD)`, "laporan hasil rapat" stays as it is although
    "laporan hasil" begins "laporan hasil pemeriksaan" (LHP)."""
    if len(rest) < 2:
        return ""
    others = [o for o in thesaurus.truncated(_words(" ".join(rest))) if o not in added]
    others = others[: max(0, MAX_ADDED - len(added))]
    if not others:
        return ""
    added += others
    return _group(rest, others)


def _group(words: list[str], others: list[str]) -> str:
    """`(words OR (other one) OR other)`: a several-word form is its words ANDed."""
    forms = [" ".join(words)] + [_plain(other) for other in others]
    return "(" + " OR ".join(form if " " not in form else f"({form})" for form in forms) + ")"


def _plain(form: str) -> str:
    """A dictionary form as query words: characters the query syntax reads as operators
    (quotes, colons, stars) become spaces, and the words AND/OR/NOT are lower-cased."""
    cleaned = re.sub(r"[\"':*?^~\[\]{}]", " ", form)
    return " ".join(w.lower() if w in OPERATORS else w for w in cleaned.split())


def default_pairs(
    abbreviations: Path = ABBREVIATIONS, variants: Path = SPELLING_VARIANTS
) -> list[tuple[str, str]]:
    """The national lists shipped in `data/`: (abbreviation, expansion) and (variant,
    standard) pairs. A missing file gives no pairs."""
    return read_pairs(abbreviations, "abbreviation", "expansion") + read_pairs(
        variants, "variant", "standard"
    )


def read_pairs(path: Path, first: str, second: str) -> list[tuple[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return [
            (row[first].strip(), row[second].strip())
            for row in rows
            if (row.get(first) or "").strip() and (row.get(second) or "").strip()
        ]
