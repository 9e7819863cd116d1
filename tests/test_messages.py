"""Every message a service raises or a page shows exists in both languages."""

from __future__ import annotations

import re

from repository.core.i18n import LANGUAGES, MESSAGES
from tests.conftest import PROJECT

USES = re.compile(
    r"""(?:InvalidInput|LontarError|translate|\bt)\(\s*["']([a-z][a-z0-9_]*)["']\s*[,)]"""
)


def used_keys() -> dict[str, str]:
    found = {}
    sources = [PROJECT / "streamlit_app.py", *PROJECT.glob("pages/*.py")]
    sources += [*PROJECT.glob("repository/**/*.py"), *PROJECT.glob("ui/*.py")]
    for path in sources:
        for key in USES.findall(path.read_text()):
            found.setdefault(key, path.name)
    return found


def test_every_used_message_exists():
    missing = {key: where for key, where in used_keys().items() if key not in MESSAGES}
    assert not missing


def test_every_message_has_both_languages():
    incomplete = [key for key, entry in MESSAGES.items() if set(entry) != set(LANGUAGES)]
    assert not incomplete
