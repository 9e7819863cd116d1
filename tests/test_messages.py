"""Every message a service raises or a page shows exists in both languages, in one catalogue.

Each feature package keeps its catalogue in `<package>/messages.py` and registers it when the
package is imported; the core's catalogue holds what repository/core and indexes/ raise, so
such an error is translatable in a process that imports no feature.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from repository.core import errors
from repository.core.i18n import LANGUAGES, MESSAGES, register
from tests.conftest import PROJECT

USES = re.compile(
    r"""(?:InvalidInput|LontarError|translate|\bt)\(\s*["']([a-z][a-z0-9_]*)["']\s*[,)]"""
)
CATALOGUE_FILES = sorted(PROJECT.glob("repository/*/messages.py"))
PACKAGES = [path.parent.name for path in CATALOGUE_FILES]
# Importing each catalogue imports its package, which registers it (the test process may not
# otherwise import repository.run, say).
CATALOGUES = {
    package: importlib.import_module(f"repository.{package}.messages").MESSAGES
    for package in PACKAGES
}
BASE_ERRORS = (errors.LontarError, errors.InvalidInput)  # always raised with a key of their own
# Keys a package names that another feature's catalogue holds, each until it moves.
ELSEWHERE: dict[str, str] = {}


def keys_in(paths) -> dict[str, str]:
    found = {}
    for path in paths:
        if path.name == "messages.py":
            continue
        for key in USES.findall(path.read_text()):
            found.setdefault(key, path.relative_to(PROJECT).as_posix())
    return found


def used_keys() -> dict[str, str]:
    sources = [PROJECT / "streamlit_app.py", *PROJECT.glob("pages/*.py")]
    sources += [*PROJECT.glob("repository/**/*.py"), *PROJECT.glob("ui/*.py")]
    return keys_in(sources)


def core_sources() -> list[Path]:
    return [*PROJECT.glob("repository/core/*.py"), *PROJECT.glob("indexes/*.py")]


def core_error_keys() -> set[str]:
    """The default keys of the core's error classes (raised from the core, indexes/ and the
    features alike), apart from the two bases, which always get a key."""
    found, todo = set(), [errors.LontarError]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("repository.core.") and cls not in BASE_ERRORS:
            found.add(cls.key)
    return found


def test_every_used_message_exists():
    missing = {key: where for key, where in used_keys().items() if key not in MESSAGES}
    assert not missing


def test_every_message_has_both_languages():
    incomplete = [key for key, entry in MESSAGES.items() if set(entry) != set(LANGUAGES)]
    assert not incomplete


@pytest.mark.parametrize("package", PACKAGES)
def test_each_catalogue_has_both_languages(package):
    catalogue = CATALOGUES[package]
    assert catalogue, f"repository/{package}/messages.py is empty"
    incomplete = [key for key, entry in catalogue.items() if set(entry) != set(LANGUAGES)]
    assert not incomplete
    empty = [key for key, entry in catalogue.items() if not all(entry.values())]
    assert not empty


@pytest.mark.parametrize("package", PACKAGES)
def test_each_package_registers_its_catalogue(package):
    init = (PROJECT / "repository" / package / "__init__.py").read_text()
    assert f"from repository.{package} import messages" in init


def test_no_key_is_registered_twice():
    owners: dict[str, list[str]] = {}
    for package, catalogue in CATALOGUES.items():
        for key in catalogue:
            owners.setdefault(key, []).append(package)
    twice = {key: where for key, where in owners.items() if len(where) > 1}
    assert not twice
    assert set(owners) == set(MESSAGES)  # every registered key comes from one catalogue
    assert sum(map(len, CATALOGUES.values())) == len(MESSAGES)
    key = next(iter(CATALOGUES["core"]))
    with pytest.raises(ValueError, match=key):
        register({key: CATALOGUES["core"][key]})


def test_error_classes_are_raised_with_a_key():
    """`LontarError(...)` and `InvalidInput(...)` name their key, so the bases' own defaults
    never reach a person."""
    keyless = []
    for path in [*PROJECT.glob("repository/**/*.py"), *PROJECT.glob("indexes/*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {cls.__name__ for cls in BASE_ERRORS}
                and not node.args
                and not any(k.arg == "key" for k in node.keywords)
            ):
                keyless.append(f"{path.relative_to(PROJECT)}:{node.lineno}")
    assert not keyless


def test_core_catalogue_holds_what_the_core_and_indexes_raise():
    needed = {**keys_in(core_sources()), **dict.fromkeys(core_error_keys(), "core/errors")}
    missing = {key: where for key, where in needed.items() if key not in CATALOGUES["core"]}
    assert not missing
    # the flags the core's flag_label() names and the pages describe
    flags = [key.removeprefix("flag_label_") for key in MESSAGES if key.startswith("flag_label_")]
    assert all(f"flag_label_{flag}" in CATALOGUES["core"] for flag in flags)


IMPORT_AND_LIST = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
from repository.core.i18n import MESSAGES
print(json.dumps(sorted(MESSAGES)))
"""


def modules_of(package: str) -> list[str]:
    if package == "core":
        paths = core_sources()
    else:
        paths = sorted((PROJECT / "repository" / package).glob("*.py"))
    names = []
    paths = [p for p in paths if p.name != "__main__.py"]  # running it runs the program
    for path in paths:
        parts = path.relative_to(PROJECT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def registered_after_importing(modules: list[str]) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", IMPORT_AND_LIST, *modules],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(json.loads(out))


def test_core_and_indexes_translate_without_any_feature():
    registered = registered_after_importing(modules_of("core"))
    assert registered == set(CATALOGUES["core"])


@pytest.mark.parametrize(
    "package",
    sorted(p.name for p in (PROJECT / "repository").iterdir() if (p / "__init__.py").exists()),
)
def test_a_package_finds_the_words_it_uses(package):
    """A process that imports a package can say every key that package's code names."""
    paths = core_sources() if package == "core" else (PROJECT / "repository" / package).glob("*.py")
    registered = registered_after_importing(modules_of(package))
    used = keys_in(paths).items()
    missing = {k: where for k, where in used if k not in registered and k not in ELSEWHERE}
    assert not missing
