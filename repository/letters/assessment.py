"""The five-element self-assessment an archive office enters for each OPD and year (the
elements of the city's yearly records-management evaluation), and the ANRI category band of
its mean. The scores are entered by people; Lontar only checks them, averages them and names
the band the mean falls in: it is the self-assessment's band, never an official score."""

from __future__ import annotations

import math

from repository.core.errors import InvalidInput

ELEMENTS = ("penciptaan", "penggunaan", "pemeliharaan", "penyusutan", "sumber_daya")
# (band, the mean must be above this); the last band takes everything down to 0
BANDS = (("AA", 90.0), ("A", 80.0), ("BB", 70.0), ("B", 60.0), ("CC", 50.0), ("C", 30.0))
LOWEST = "D"
MAX_NOTE = 4000
FIRST_YEAR, LAST_YEAR = 2000, 2999


def clean_scores(scores: dict) -> dict[str, float]:
    """Every element present, a finite number from 0 to 100; nothing else accepted (an
    unknown element is a typo that would otherwise vanish silently)."""
    unknown = sorted(set(scores or {}) - set(ELEMENTS))
    if unknown:
        raise InvalidInput("assessment_unknown_element", element=", ".join(unknown))
    return {element: _score(element, (scores or {}).get(element)) for element in ELEMENTS}


def _score(element: str, value: object) -> float:
    if value is None or value == "":
        raise InvalidInput("assessment_score_missing", element=element)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInput("assessment_bad_score", element=element, value=value) from None
    if not math.isfinite(number) or not 0 <= number <= 100:
        raise InvalidInput("assessment_bad_score", element=element, value=value)
    return number


def clean_year(year: object) -> int:
    try:
        number = int(year)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInput("assessment_bad_year", value=year) from None
    if not FIRST_YEAR <= number <= LAST_YEAR:
        raise InvalidInput("assessment_bad_year", value=year)
    return number


def clean_note(note: object) -> str:
    text = str(note or "").strip()
    if len(text) > MAX_NOTE:
        raise InvalidInput("assessment_note_too_long", limit=MAX_NOTE)
    return text


def mean(scores: dict[str, float]) -> float:
    """The plain mean of the five elements, rounded to two decimals (as the band is read)."""
    return round(sum(scores[e] for e in ELEMENTS) / len(ELEMENTS), 2)


def band(value: float) -> str:
    """AA above 90, A above 80, BB above 70, B above 60, CC above 50, C above 30, D at most 30:
    a mean of exactly 90 is A, not AA."""
    for name, above in BANDS:
        if value > above:
            return name
    return LOWEST
