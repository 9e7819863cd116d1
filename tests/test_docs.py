"""The docs cannot drift: every CLI command and option, every page, every package and module is
named in README.md or docs/, and nothing the docs name is missing from the code."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from repository.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text()
UI_DOC = (ROOT / "docs" / "ui.md").read_text()
HELP_OPTIONS = {"--help"}


# -- packages and modules ---------------------------------------------------------------------
def subpackages() -> list[str]:
    return sorted(p.parent.name for p in (ROOT / "repository").glob("*/__init__.py"))


@pytest.mark.parametrize("package", subpackages())
def test_every_subpackage_is_in_the_architecture(package):
    assert f"repository/{package}/" in ARCHITECTURE


def test_the_architecture_names_no_missing_package():
    named = set(re.findall(r"`repository/(\w+)/`", ARCHITECTURE))
    assert named <= set(subpackages()), named - set(subpackages())


def modules() -> list[str]:
    found = [p for p in (ROOT / "repository").glob("*/*.py") if p.name != "__init__.py"]
    found += [p for p in (ROOT / "indexes").glob("*.py") if p.name != "__init__.py"]
    return sorted(str(p.relative_to(ROOT)) for p in found)


@pytest.mark.parametrize("module", modules())
def test_every_module_is_named_in_the_architecture(module):
    """Someone reading only docs/architecture.md can say which file to open."""
    package, name = Path(module).parent.name, Path(module).name
    section = ARCHITECTURE
    assert name in section, f"{module} is not named in docs/architecture.md"
    assert f"{package}/" in section


def test_the_architecture_names_no_missing_module():
    for package, name in re.findall(r"`(?:repository/)?(\w+)/(\w+\.py)`", ARCHITECTURE):
        candidates = [ROOT / "repository" / package / name, ROOT / package / name]
        assert any(c.exists() for c in candidates), f"{package}/{name}"


# -- pages --------------------------------------------------------------------------------------
def page_urls() -> dict[str, Path]:
    return {"/" + re.sub(r"^\d+_", "", p.stem): p for p in sorted((ROOT / "pages").glob("*.py"))}


@pytest.mark.parametrize("url", sorted(page_urls()))
def test_every_page_is_in_the_ui_doc(url):
    assert f"`{url}`" in UI_DOC or f"`{url}?" in UI_DOC, f"{url} is not in docs/ui.md"


def test_the_ui_doc_names_no_missing_page():
    table = [line for line in UI_DOC.splitlines() if line.startswith("| ")]
    named = {m for line in table for m in re.findall(r"`(/[A-Za-z_]+)(?:\?[^`]*)?`", line)}
    assert named <= set(page_urls()), named - set(page_urls())


# -- the command line ---------------------------------------------------------------------------
def commands(group: click.Group = cli_main, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        if isinstance(command, click.Group):
            yield from commands(command, path)
        else:
            yield path, command


def documented_lines() -> list[str]:
    """The CLI as the docs show it: each `lontar ...` line of a code block with the lines that
    continue it (indented, or starting with `|`)."""
    lines, current = [], None
    for doc in DOCS:
        in_code = False
        for line in doc.read_text().splitlines():
            if line.startswith("```"):
                in_code, current = not in_code, None
                continue
            if not in_code:
                continue
            text = re.sub(r"^\s*(\$ )?", "", line)
            if re.match(r"lontar\b", text):
                current = [text.split("#")[0]]
                lines.append(current)
            elif current is not None and line.startswith(" ") and text.strip():
                current.append(text.split("#")[0])
            else:
                current = None
    return [" ".join(block) for block in lines]


DOCUMENTED = documented_lines()
GLOBAL_OPTIONS = {o for p in cli_main.params for o in p.opts if o.startswith("--")}


def split(line: str) -> tuple[str, list[tuple[tuple[str, ...], str]]]:
    """(group, [(command path, its doc text)]) of one doc line; `|` separates alternative
    subcommands (`lontar destroy propose ... | execute ID`) unless it separates options."""
    words = re.sub(r"^lontar\s+(--\S+\s+\S+\s+)*", "", line).split()
    if not words:
        return "", []
    group = cli_main.commands.get(words[0])
    subs = group.commands if isinstance(group, click.Group) else {}
    parts: list[list[str]] = [[]]
    for piece in re.split(r"\s\|\s", " ".join(words[1:])):
        tokens = re.sub(rf"^lontar\s+{re.escape(words[0])}\s*", "", piece).split()
        if (tokens[:1] and tokens[0] in subs) or not parts[-1]:
            parts.append(tokens)
        else:
            parts[-1] += ["|", *tokens]
    found = []
    for tokens in (p for p in parts if p or not subs):
        sub = tuple(tokens[:1]) if tokens[:1] and tokens[0] in subs else ()
        found.append(((words[0], *sub), " ".join(tokens)))
    return words[0], found


def lines_for(path: tuple[str, ...]) -> list[str]:
    return [text for line in DOCUMENTED for found, text in split(line)[1] if found == path]


@pytest.mark.parametrize("path", [p for p, _ in commands()], ids=" ".join)
def test_every_command_and_option_is_documented(path):
    command = dict(commands())[path]
    lines = lines_for(path)
    assert lines, f"`lontar {' '.join(path)}` is not in README.md or docs/"
    options = {o for p in command.params for o in p.opts if o.startswith("--")}
    options -= HELP_OPTIONS | GLOBAL_OPTIONS
    text = " ".join(lines)
    missing = sorted(o for o in options if o not in re.findall(r"--[\w-]+", text))
    assert not missing, f"`lontar {' '.join(path)}` options not documented: {missing}"


def test_the_docs_name_no_missing_command_or_option():
    known = dict(commands())
    for line in DOCUMENTED:
        group, found = split(line)
        if not group:
            continue
        assert group in cli_main.commands, f"docs name `lontar {group}`: no such command"
        for path, text in found:
            assert path in known, f"docs name `lontar {' '.join(path)}`: no such command"
            allowed = {o for p in known[path].params for o in p.opts} | GLOBAL_OPTIONS
            for option in re.findall(r"(?<![\w-])--[\w-]+", text):
                assert option in allowed, f"docs give `lontar {' '.join(path)} {option}`"


def test_every_file_path_in_the_docs_exists():
    named = {
        path
        for doc in DOCS
        for path in re.findall(
            r"\b((?:repository|indexes|ui|pages|bench|tests)/[\w/]+\.py)\b", doc.read_text()
        )
    }
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert not missing, missing


@pytest.mark.parametrize(
    "module", sorted(p.name for p in (ROOT / "ui").glob("*.py") if p.name != "__init__.py")
)
def test_every_ui_module_is_named_in_the_architecture(module):
    assert f"`{module}`" in ARCHITECTURE
