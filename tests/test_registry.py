"""The page registry (ui/registry.py) is the one place a page script is named: every entry's
script exists, every script has an entry, and nothing else in the app writes a page path or
draws a link or a page switch of its own, so a renamed page cannot leave a dead link."""

from __future__ import annotations

import ast
import re

from repository.app import LANGUAGES, PERMISSIONS, translate
from tests.conftest import PROJECT
from ui import registry

PAGE_PATH = re.compile(r"pages/[^\s\"'`]*\.py|[\"']streamlit_app\.py[\"']")
OWN_LINKS = re.compile(r"\b(?:page_link|switch_page)\(")
FRAMED = re.compile(r"\bframe\(registry\.(\w+)\)")


def app_sources():
    """The app's modules other than the registry: the entry point, the pages, ui/."""
    sources = [PROJECT / "streamlit_app.py", *sorted((PROJECT / "pages").glob("*.py"))]
    sources += sorted((PROJECT / "ui").glob("*.py"))
    return [path for path in sources if path != PROJECT / "ui" / "registry.py"]


def test_every_entry_names_a_script_that_exists():
    for page in registry.PAGES:
        assert (PROJECT / page.script).is_file(), page.script


def test_every_script_has_one_entry():
    scripts = [page.script for page in registry.PAGES]
    assert len(scripts) == len(set(scripts))
    on_disk = {"streamlit_app.py"} | {
        path.relative_to(PROJECT).as_posix() for path in (PROJECT / "pages").glob("*.py")
    }
    assert set(scripts) == on_disk


def test_every_entry_is_in_the_module_under_a_name():
    named = {id(value) for value in vars(registry).values() if isinstance(value, registry.Page)}
    assert named == {id(page) for page in registry.PAGES}


def test_labels_exist_in_every_language_and_permissions_are_known():
    label_keys = [page.label_key for page in registry.PAGES]
    assert len(label_keys) == len(set(label_keys))
    for page in registry.PAGES:
        for language in LANGUAGES:
            assert translate(page.label_key, language) != page.label_key, page.label_key
        assert page.permission in PERMISSIONS, page.permission
        assert not page.or_permission or page.or_permission in PERMISSIONS, page.or_permission
        assert page.icon.startswith(":material/"), page.icon


def test_each_page_checks_the_permission_its_sidebar_entry_shows():
    """A page opens with `frame(registry.<its entry>)`: the sidebar's condition and the
    page's own check are one value."""
    for page in registry.PAGES:
        framed = FRAMED.findall((PROJECT / page.script).read_text())
        assert len(framed) == 1, f"{page.script} does not call frame(registry.…) once"
        assert getattr(registry, framed[0]) is page, f"{page.script} frames {framed[0]}"


def test_every_url_is_documented():
    """A page's URL comes from its file name and sits in bookmarks and shared links:
    docs/ui.md lists each one, so renaming a script shows up here too."""
    guide = (PROJECT / "docs" / "ui.md").read_text()
    documented = set(re.findall(r"`/(\w*)[`?]", guide))
    assert {page.url for page in registry.PAGES} <= documented
    assert registry.RECORD.url == "Arsip" and registry.HOME.url == ""


def test_no_page_path_is_written_outside_the_registry():
    found = [
        f"{path.relative_to(PROJECT)}:{number}: {line.strip()}"
        for path in app_sources()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if PAGE_PATH.search(line)
    ]
    assert not found, "\n".join(found)


def test_links_and_switches_go_through_the_registry():
    found = [
        f"{path.relative_to(PROJECT)}:{number}: {line.strip()}"
        for path in app_sources()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if OWN_LINKS.search(line)
    ]
    assert not found, "\n".join(found)


def test_the_checks_can_fail():
    """The patterns see what they are meant to see (a check that sees nothing passes)."""
    assert PAGE_PATH.search('st.page_link("pages/1_Cari.py", label="x")')
    assert PAGE_PATH.search("SEARCH = 'pages/1_Cari.py'")
    assert PAGE_PATH.search('st.switch_page("streamlit_app.py")')
    assert not PAGE_PATH.search("the pages/ folder and streamlit_app.py, the entry point")
    assert OWN_LINKS.search("prev_col.page_link(page, label=...)")
    assert OWN_LINKS.search("st.switch_page(target)")
    assert len(app_sources()) >= 1 + 15 + 5


def test_no_page_writes_a_bare_expression_since_streamlits_magic_is_off():
    """`.streamlit/config.toml` turns Streamlit's magic off (compiling a page is 4x faster
    without it): a bare expression in a page script would now show nothing, silently. A
    call is a statement of its own; a string is a docstring."""
    config = (PROJECT / ".streamlit" / "config.toml").read_text()
    assert re.search(r"^magicEnabled = false$", config, re.M)
    scripts = [PROJECT / "streamlit_app.py", *sorted((PROJECT / "pages").glob("*.py"))]
    for path in scripts:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Expr):
                value = node.value
                kept = isinstance(value, ast.Call | ast.Await | ast.Yield | ast.YieldFrom)
                kept = kept or (isinstance(value, ast.Constant) and isinstance(value.value, str))
                assert kept, f"{path.name}:{node.lineno} writes nothing without magic"
