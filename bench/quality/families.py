"""How well a stemmer keeps the word families of `word_families.csv` together and apart.

    python -m bench.quality.families

A family is kept when all its words get one stem; a near miss is kept apart when its stem is
none of the family's stems. Prints both shares and stems/s for PyStemmer's Snowball Indonesian
and for the stem function of `indexes.analysis` (whatever this tree's analysis is).
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_families(path: Path = HERE / "word_families.csv") -> list[tuple[list[str], list[str]]]:
    with path.open(encoding="utf-8", newline="") as rows:
        return [(r["words"].split(), r["near_misses"].split()) for r in csv.DictReader(rows)]


def evaluate(stem: Callable[[str], str], families) -> dict:
    """Shares of families kept together and of near misses kept apart, and the families that
    were split (for reading). Hyphenated words (surat-surat) are left out: splitting them is
    the tokenizer's work, measured by the kata_ulang queries of run.py."""
    together, apart, near_total, split = 0, 0, 0, []
    for family, near in families:
        words = [w for w in family if "-" not in w]
        stems = {stem(w) for w in words}
        together += len(stems) == 1
        if len(stems) > 1:
            split.append(" ".join(words))
        apart += sum(stem(w) not in stems for w in near)
        near_total += len(near)
    return {
        "families_together": round(together / len(families), 3),
        "near_misses_apart": round(apart / near_total, 3),
        "split": split,
    }


def stems_per_second(stem: Callable[[str], str], words: list[str], rounds: int = 20) -> int:
    """Stems per second over the list repeated `rounds` times, with whatever cache the
    function has (pass an uncached one for the raw speed)."""
    started = time.perf_counter()
    for _ in range(rounds):
        for word in words:
            stem(word)
    return round(rounds * len(words) / (time.perf_counter() - started))


def stemmers() -> dict[str, Callable[[str], str]]:
    import Stemmer

    from indexes import analysis

    snowball = Stemmer.Stemmer("indonesian")
    snowball.maxCacheSize = 0  # the raw speed; Lontar's stem is timed with its memo
    return {"snowball (no cache)": snowball.stemWord, "lontar indexes.analysis.stem": analysis.stem}


def main() -> None:
    families = load_families()
    words = [w for family, near in families for w in family + near]
    for name, stem in stemmers().items():
        figures = evaluate(stem, families)
        print(
            f"{name}: families together {figures['families_together']:.3f}, "
            f"near misses apart {figures['near_misses_apart']:.3f}, "
            f"{stems_per_second(stem, words)} stems/s; "
            f"split: {', '.join(figures['split'][:12])}{' …' if len(figures['split']) > 12 else ''}"
        )


if __name__ == "__main__":
    main()
