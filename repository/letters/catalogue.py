"""The Pemda's catalogue of naskah dinas types: data, seeded once from data/letter_types.csv
(the groups of Permendagri 1/2023 and the ANRI guide) and edited by an administrator.

Layout, font, paper, number pattern and counter scope are checked here; a type's template is
checked by rendering.check_template, which the services call before save_type.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

from repository.core.errors import InvalidInput, RecordNotFound
from repository.letters import messages  # noqa: F401  (registers the catalogue)
from repository.letters.model import FONTS, LAYOUTS, PAPERS, SCOPES, LetterType, Registry
from repository.letters.numbering import MAX_PADDING, REGULATION_PATTERN, check_pattern

TYPES_FILE = Path(__file__).resolve().parents[2] / "data" / "letter_types.csv"
GROUPS = ("pengaturan", "penetapan", "penugasan", "korespondensi", "khusus")
CODE_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_")
MAX_NAME = 200
MAX_TEMPLATE = 200_000
RANKS = (1, 2, 3, 4)
CORRESPONDENCE_PATTERN = "{kka}/{urut}/{unit}/{tahun}"
SPECIAL_PATTERN = "{urut}/{unit}/{tahun}"
# what a new type of a group starts with (A1: Bookman for pengaturan and penetapan)
GROUP_DEFAULTS: dict[str, dict] = {
    "pengaturan": {"layout": "judul", "font": "bookman", "scope": "type", "padding": 0},
    "penetapan": {"layout": "judul", "font": "bookman", "scope": "type", "padding": 0},
    "penugasan": {"layout": "judul", "font": "arial", "pattern": CORRESPONDENCE_PATTERN},
    "korespondensi": {"layout": "korespondensi", "font": "arial"},
    "khusus": {"layout": "judul", "font": "arial", "pattern": SPECIAL_PATTERN},
}
for _group in ("pengaturan", "penetapan"):
    GROUP_DEFAULTS[_group]["pattern"] = REGULATION_PATTERN


def _choice(field: str, choices: tuple[str, ...]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if not isinstance(value, str) or value.strip() not in choices:
            raise InvalidInput("letter_type_value_invalid", field=field, value=value)
        return value.strip()

    return check


def _name(value: object) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > MAX_NAME:
        raise InvalidInput("letter_type_name_required")
    return text


def _pattern(value: object) -> str:
    text = value.strip() if isinstance(value, str) else ""
    check_pattern(text)
    return text


def _padding(value: object) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or int(text) > MAX_PADDING:
        raise InvalidInput("letter_type_value_invalid", field="padding", value=value)
    return int(text)


def _ranks(value: object) -> tuple[int, ...]:
    """ "1;2" from the file or a form, or a sequence of ints; empty: any rank may sign."""
    items: Iterable = value.split(";") if isinstance(value, str) else value  # type: ignore[assignment]
    try:
        ranks = {int(str(item).strip()) for item in items if str(item).strip()}
    except (TypeError, ValueError) as error:
        raise InvalidInput(
            "letter_type_value_invalid", field="signer_ranks", value=value
        ) from error
    if not ranks <= set(RANKS):
        raise InvalidInput("letter_type_value_invalid", field="signer_ranks", value=value)
    return tuple(sorted(ranks))


def _flag(field: str) -> Callable[[object], bool]:
    def check(value: object) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text not in ("0", "1", "true", "false"):
            raise InvalidInput("letter_type_value_invalid", field=field, value=value)
        return text in ("1", "true")

    return check


def _template(value: object) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEMPLATE:
        raise InvalidInput("letter_type_value_invalid", field="template", value="…")
    return value


CHECKS: dict[str, Callable[[object], object]] = {
    "name": _name,
    "group": _choice("group", GROUPS),
    "layout": _choice("layout", LAYOUTS),
    "font": _choice("font", FONTS),
    "paper": _choice("paper", PAPERS),
    "pattern": _pattern,
    "scope": _choice("scope", SCOPES),
    "padding": _padding,
    "signer_ranks": _ranks,
    "atas_nama": _flag("atas_nama"),
    "template": _template,
    "active": _flag("active"),
}


def check_code(code: str) -> str:
    code = (code or "").strip()
    valid = 2 <= len(code) <= 40 and code[0].isalpha() and set(code) <= CODE_CHARS
    if not valid:
        raise InvalidInput("letter_type_code_invalid", code=code)
    return code


def save_type(registry: Registry, code: str, fields: dict) -> LetterType:
    """Adds a type or changes the given fields of one. Every field is checked before
    anything changes; a new type needs a name and takes its group's defaults (layout, font,
    pattern, scope) for what `fields` leaves out."""
    code = check_code(code)
    unknown = sorted(set(fields) - set(CHECKS))
    if unknown:
        raise InvalidInput("letter_type_field_unknown", field=unknown[0])
    existing = registry.types.get(code)
    given = dict(fields)
    if existing is None:
        given.setdefault("name", "")
        group = _choice("group", GROUPS)(given.get("group", LetterType.group))
        given = {**GROUP_DEFAULTS[group], **given}
    clean = {name: CHECKS[name](value) for name, value in given.items()}
    letter_type = existing if existing is not None else LetterType(code, clean["name"])
    for name, value in clean.items():
        setattr(letter_type, name, value)
    registry.types[code] = letter_type
    return letter_type


def read_rows(path: Path = TYPES_FILE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as lines:
        return list(csv.DictReader(lines))


def seed(registry: Registry, path: Path = TYPES_FILE) -> int:
    """Fills an empty catalogue from the file; a catalogue with any type stays as the
    administrator left it. Returns how many types were added."""
    if len(registry.types):
        return 0
    rows = read_rows(path)
    for line, row in enumerate(rows, start=2):
        code = row.pop("code", "")
        try:
            save_type(registry, code, row)
        except InvalidInput as error:
            detail = error.message("en")
            raise InvalidInput(
                "letter_type_file_invalid", path=path.name, line=line, detail=detail
            ) from error
    return len(rows)


def find_type(registry: Registry, code: str) -> LetterType:
    letter_type = registry.types.get((code or "").strip())
    if letter_type is None:
        raise RecordNotFound("letter_type_not_found", code=code)
    return letter_type


def list_types(registry: Registry, *, active_only: bool = False) -> list[LetterType]:
    """In the order of the groups (arahan first), then by name."""
    found = [t for t in registry.types.values() if t.active or not active_only]
    return sorted(found, key=lambda t: (GROUPS.index(t.group) if t.group in GROUPS else 9, t.name))


def type_fields(letter_type: LetterType) -> dict:
    """A type as plain data (for views, the CLI and exports), template included."""
    fields = {name: getattr(letter_type, name) for name in CHECKS}
    return {"code": letter_type.code, **fields, "signer_ranks": list(letter_type.signer_ranks)}
