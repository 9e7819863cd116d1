"""Messages in Bahasa Indonesia (default) and English.

Services raise errors and return reasons as message keys; whoever shows them to a person
(page or CLI) turns the key into words here. Each feature package keeps its own catalogue
(`<feature>/messages.py`) and registers it when the package is imported, so the core never
imports a feature to know its words.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
FLAG_PREFIX = "flag_label_"

MESSAGES: dict[str, dict[str, str]] = {}


def register(catalogue: Mapping[str, dict[str, str]]) -> None:
    """Adds a feature's catalogue; a key defined twice is a programming error."""
    clashes = set(catalogue) & set(MESSAGES)
    if clashes:
        raise ValueError(f"message keys defined twice: {', '.join(sorted(clashes))}")
    MESSAGES.update(catalogue)


def current_language() -> str:
    lang = os.environ.get("LONTAR_LANG", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, lang: str | None = None, /, **params: object) -> str:
    """Unknown keys come back as themselves, so a missing entry shows up but never crashes."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    template = entry.get(lang or current_language()) or entry[DEFAULT_LANGUAGE]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def flag_label(flag: str, lang: str | None = None) -> str:
    entry = MESSAGES.get(FLAG_PREFIX + flag, {})
    return entry.get(lang or current_language(), flag)


def keys_with_prefix(prefix: str) -> list[str]:
    """What follows `prefix` in every registered key, sorted: the known values of a kind
    (audit actions, statuses) for pickers that list them in words."""
    return sorted(key[len(prefix) :] for key in MESSAGES if key.startswith(prefix))
