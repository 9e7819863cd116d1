"""Letter numbers: a pattern per type, a counter per scope and year, taken in the caller's
transaction.

A number is given only inside the transaction that also changes the letter's state (the
services' transaction A), so a conflict on the scope's `Counter` retries the whole step and
two letters never get one number. Each scope key carries the year, so counting starts again
on 1 January without anyone resetting anything, and scopes never share an object (letters of
different scopes never conflict). Every number given out is recorded in `registry.numbers`
under "scope|urut" with its owner (a letter id or "manual:<id>"); a number a letter held and
lost (rejected, withdrawn, moved to another scope or year) gets a void line in the agenda
keluar, so the register shows every number given out.
"""

from __future__ import annotations

import datetime as dt
import re

from repository.core.errors import InvalidInput
from repository.letters import (
    filing,
    messages,  # noqa: F401  (registers the catalogue)
)
from repository.letters.model import (
    Counter,
    Letter,
    LetterType,
    ManualNumber,
    Registry,
    new_id,
)

TOKENS = ("kka", "urut", "unit", "jabatan", "derajat", "bulan_romawi", "bulan2", "tahun")
TOKEN = re.compile(r"\{([^{}]*)\}")
MAX_PATTERN = 100
MAX_PADDING = 6
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# the pattern of the arahan products (peraturan, keputusan): numbered per type and year
REGULATION_PATTERN = "NOMOR {urut} TAHUN {tahun}"


def roman_month(month: int) -> str:
    """Month 1..12 in Roman numerals, as the {bulan_romawi} token prints it."""
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    return ROMAN_MONTHS[month - 1]


def parse_pattern_errors(pattern: str) -> list[str]:
    """What is wrong with a pattern, as problem codes: "empty", "too_long", "braces",
    "unknown_token:<name>", "needs_urut". An empty list: the pattern is usable."""
    if not pattern or not pattern.strip():
        return ["empty"]
    problems = ["too_long"] if len(pattern) > MAX_PATTERN else []
    if "{" in TOKEN.sub("", pattern) or "}" in TOKEN.sub("", pattern):
        problems.append("braces")
    names = TOKEN.findall(pattern)
    problems += [f"unknown_token:{name}" for name in names if name not in TOKENS]
    if "urut" not in names:
        problems.append("needs_urut")
    return problems


def check_pattern(pattern: str) -> None:
    """Raises InvalidInput for the first problem parse_pattern_errors finds."""
    problems = parse_pattern_errors(pattern)
    if not problems:
        return
    first = problems[0]
    if first.startswith("unknown_token:"):
        raise InvalidInput("letter_pattern_unknown_token", token=first.partition(":")[2])
    keys = {"empty": "letter_pattern_empty", "too_long": "letter_pattern_too_long"}
    keys |= {"braces": "letter_pattern_braces", "needs_urut": "letter_pattern_needs_urut"}
    raise InvalidInput(keys[first])


def tokens_for(
    *, urut: int, unit_code: str, kka: str, jabatan: str, day: dt.date, derajat: str = ""
) -> dict[str, str]:
    """The token values of one number; the month and year come from the letter's date."""
    return {
        "urut": str(urut),
        "unit": unit_code,
        "kka": kka,
        "jabatan": jabatan,
        "derajat": derajat,
        "bulan_romawi": roman_month(day.month),
        "bulan2": f"{day.month:02d}",
        "tahun": str(day.year),
    }


def format_number(pattern: str, tokens: dict, padding: int) -> str:
    """The pattern with each {token} replaced; {urut} zero-padded to `padding` digits.
    A token the pattern names but `tokens` leaves empty raises letter_number_needs, so a
    number is never printed with a hole in it."""
    check_pattern(pattern)

    def value(match: re.Match) -> str:
        name = match.group(1)
        text = str(tokens.get(name) or "").strip()
        if not text:
            raise InvalidInput("letter_number_needs", token=name)
        return text.zfill(padding) if name == "urut" and padding else text

    return TOKEN.sub(value, pattern)


def scope_key(letter_type: LetterType, unit_code: str, kka: str, year: int) -> str:
    """The counter a number is taken from. By the type's scope: "type|TYPE|YEAR",
    "unit|UNIT|YEAR" (every type of the unit shares it), "unit_type|UNIT|TYPE|YEAR",
    "type_kka|TYPE|KKA|YEAR", "unit_kka|UNIT|KKA|YEAR"."""
    scope, code = letter_type.scope, letter_type.code
    if scope in ("type_kka", "unit_kka") and not kka:
        raise InvalidInput("letter_number_needs", token="kka")
    parts = {
        "type": (code,),
        "unit": (unit_code,),
        "unit_type": (unit_code, code),
        "type_kka": (code, kka),
        "unit_kka": (unit_code, kka),
    }.get(scope)
    if parts is None:
        raise InvalidInput("letter_type_value_invalid", field="scope", value=scope)
    return "|".join((scope, *parts, str(year)))


def take(
    registry: Registry,
    letter_type: LetterType,
    *,
    unit_code: str,
    kka: str,
    jabatan: str,
    day: dt.date,
    owner: str,
    derajat: str = "",
) -> tuple[str, str, int]:
    """Takes the scope's next number for `owner` in the caller's transaction and returns
    (number, scope key, sequence number); nothing is taken when a token is missing, and a
    number already recorded in the scope (a counter set back by hand) is skipped, never given
    twice. A number is recorded by its place in the scope (`scope|urut`), not by its text,
    because the text of a kept number is printed again with the tokens of the day it is
    finally signed."""
    scope = scope_key(letter_type, unit_code, kka, day.year)
    counter = registry.counters.get(scope)
    value = (counter.value if counter is not None else 0) + 1
    while f"{scope}|{value}" in registry.numbers:
        value += 1
    fields = tokens_for(
        urut=value, unit_code=unit_code, kka=kka, jabatan=jabatan, day=day, derajat=derajat
    )
    number = format_number(letter_type.pattern, fields, letter_type.padding)
    if counter is None:
        counter = registry.counters[scope] = Counter()
    counter.value = value
    registry.numbers[f"{scope}|{value}"] = owner
    return number, scope, value


def number_for(
    registry: Registry,
    letter: Letter,
    letter_type: LetterType,
    *,
    unit_code: str,
    kka: str,
    jabatan: str,
    day: dt.date,
    derajat: str = "",
) -> tuple[str, str]:
    """The letter's number at signing: the place it took in an earlier failed attempt when
    that is of the same scope (type, unit, classification and year), printed again with
    today's tokens (a kept number must not show last month's {bulan_romawi} or an old
    {kka}); else the next one. A kept number of another scope is voided in the agenda
    keluar (`filing.void_number`), so no number given out goes missing from it."""
    scope = scope_key(letter_type, unit_code, kka, day.year)
    tokens = {"unit_code": unit_code, "kka": kka, "jabatan": jabatan, "day": day}
    if _kept(registry, letter, scope):
        fields = tokens_for(urut=letter.number_urut, derajat=derajat, **tokens)
        letter.number = format_number(letter_type.pattern, fields, letter_type.padding)
        return letter.number, scope
    if letter.number and owner_of(registry, letter.number_scope, letter.number_urut) == letter.id:
        filing.void_number(registry, letter, "letter_number_void_scope")
    number, scope, urut = take(registry, letter_type, owner=letter.id, derajat=derajat, **tokens)
    letter.number, letter.number_scope, letter.number_urut = number, scope, urut
    return number, scope


def _kept(registry: Registry, letter: Letter, scope: str) -> bool:
    """The letter still holds a place of this scope from an earlier attempt."""
    if not letter.number or letter.number_scope != scope or not letter.number_urut:
        return False
    return owner_of(registry, scope, letter.number_urut) == letter.id


def reserve_manual(
    registry: Registry,
    letter_type: LetterType,
    *,
    unit_code: str,
    kka: str,
    jabatan: str,
    day: dt.date,
    fields: dict,
    by: str,
    derajat: str = "",
) -> ManualNumber:
    """Ambil nomor manual: the scope's next number for a paper letter, registered as
    "manual:<id>" so no electronic letter gets it too."""
    manual_id = new_id()
    number, scope, urut = take(
        registry,
        letter_type,
        unit_code=unit_code,
        kka=kka,
        jabatan=jabatan,
        day=day,
        owner=f"manual:{manual_id}",
        derajat=derajat,
    )
    manual = ManualNumber(manual_id, number, scope, fields, by)
    manual.urut = urut
    registry.manual[manual_id] = manual
    return manual


def owner_of(registry: Registry, scope: str, urut: int) -> str | None:
    """Who the `urut`-th number of a scope was given to: a letter id, "manual:<id>", or
    None."""
    return registry.numbers.get(f"{scope}|{int(urut)}")
