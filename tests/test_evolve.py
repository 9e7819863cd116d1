"""Upgrades: a repository made by the previous release's demo (tests/fixtures/, built with the
code of commit 9e90da6, before the catalogue) opens with today's code, is evolved to the
newest generation, and everything in it still works; the steps change the older shapes they
are for and nothing else; a database newer than the code is refused."""

from __future__ import annotations

import json
import signal
import subprocess
import tarfile
from pathlib import Path

import pytest
from BTrees.OOBTree import OOTreeSet

from repository.app import Lontar
from repository.core import content
from repository.core.audit import AuditLog
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import reading, write
from repository.core.errors import IndexOutdated
from repository.core.i18n import LANGUAGES, MESSAGES
from repository.core.security import ADMIN, ANONYMOUS
from repository.ingest.pipeline import ImportOptions, Incoming
from repository.letters import queues, workindex
from repository.records.services import SearchRequest
from repository.run import evolve
from repository.workbench import scheme
from tests.conftest import free_port, healthy, lontar_cli, start_serve, wait_until

FIXTURE = Path(__file__).parent / "fixtures" / "prev-release-demo.tar.xz"
PREVIOUS = {"records": 108, "letters": 12}  # what the fixture's demo made


@pytest.fixture
def old_home(tmp_path) -> Home:
    """The previous release's demo repository, with its master key beside it."""
    with tarfile.open(FIXTURE) as archive:
        archive.extractall(tmp_path, filter="data")
    (tmp_path / "home-master.key").chmod(0o600)
    return Home.resolve(tmp_path / "home")


def trail(home: Home) -> list[dict]:
    return list(AuditLog(home.path / "audit" / "audit.jsonl").entries())


def census(lontar: Lontar) -> dict:
    """What a person would miss if an upgrade lost it."""
    with reading(lontar.db) as root:
        pemda = pemda_of(root)
        registry = pemda.letters
        return {
            "records": len(pemda.records),
            "record_count": pemda.record_count(),
            "units": len(pemda.units),
            "accounts": sorted(pemda.accounts),
            "letters": sorted(registry.letters),
            "incoming": sorted(registry.incoming or {}),
            "schemes": sorted(pemda.schemes),
            "generation": evolve.generation(pemda),
        }


def fonds_of(lontar: Lontar) -> str:
    with reading(lontar.db) as root:
        pemda = pemda_of(root)
        return next(r.id for r in pemda.records.values() if r.level == "fonds")


def first_letter(lontar: Lontar) -> tuple[str, str]:
    """(id, author) of the first letter: its author may open it whatever its state."""
    with reading(lontar.db) as root:
        letter = next(iter(pemda_of(root).letters.letters.values()))
        return letter.id, letter.author


def test_the_previous_release_opens_evolves_and_works(old_home):
    lontar = Lontar(old_home)
    try:
        before, entries = census(lontar), len(trail(old_home))
        assert before["generation"] == evolve.FIRST
        assert len(before["letters"]) == PREVIOUS["letters"] and before["incoming"]
        assert before["records"] == before["record_count"] == PREVIOUS["records"]
        assert evolve.pending(lontar.db) == [(2, "scheme_versions"), (3, "letter_work_lists")]

        done = evolve.evolve(lontar.db, lontar.context.audit, "admin", "test")

        # the previous release had both older shapes converted already: only the generation
        assert [(s.old, s.new, s.changed) for s in done] == [(1, 2, 0), (2, 3, 0)]
        after = census(lontar)
        assert after == {**before, "generation": evolve.NEWEST}
        written = trail(old_home)[entries:]
        assert [(e["action"], e["target"], e["actor"]) for e in written] == [
            ("evolved", "generation:2", "admin"),
            ("evolved", "generation:3", "admin"),
        ]
        assert written[0]["detail"] == {
            "from": 1, "to": 2, "step": "scheme_versions", "changed": 0
        }  # fmt: skip
        assert AuditLog(old_home.path / "audit" / "audit.jsonl").verify().intact

        # the old index lacks today's fields: search says so until it is rebuilt
        with pytest.raises(IndexOutdated):
            lontar.records.search(ADMIN, SearchRequest(query="dinas"))
        assert lontar.index.reindex() == PREVIOUS["records"]
        found = lontar.records.search(ADMIN, SearchRequest(query="dinas"))
        assert found.total > 0
        shown = lontar.records.show(ADMIN, found.hits[0].id)
        assert shown["id"] == found.hits[0].id and shown["title"]
        letter_id, author = first_letter(lontar)
        assert lontar.letters.letter(lontar.access.caller(author, "test"), letter_id)["id"]

        # a new record, and the catalogue (new in this release) publishing an old fonds
        report = lontar.ingest.import_files(
            ADMIN,
            [Incoming("evolusi.txt", b"Nota dinas tentang batu zamrud di gudang arsip")],
            ImportOptions(unit="DPK", title="Nota peningkatan versi"),
        )
        (new,) = report.accepted
        found = lontar.records.search(ADMIN, SearchRequest(query="zamrud"))
        assert [hit.id for hit in found.hits] == [new.id]
        fonds = fonds_of(lontar)
        published = lontar.catalogue.publish(ADMIN, fonds, {"scope_content": "Arsip lama."})
        assert published["records"] >= 1
        lontar.index.catch_up(ocr=False)
        assert lontar.catalogue.description(ADMIN, fonds)["public"]
        node = lontar.catalogue.node(ANONYMOUS, fonds)
        assert node["description"]["scope_content"] == "Arsip lama."
        public = lontar.catalogue.search(ANONYMOUS, SearchRequest()).hits
        assert public and all(hit.refcode.startswith(node["refcode"]) for hit in public)
    finally:
        lontar.close()


def test_evolving_twice_changes_nothing(old_home):
    lontar = Lontar(old_home)
    try:
        assert len(evolve.evolve(lontar.db, lontar.context.audit)) == 2
        size, last = old_home.data_fs.stat().st_size, lontar.db.lastTransaction()
        entries = len(trail(old_home))
        assert evolve.pending(lontar.db) == []
        assert evolve.evolve(lontar.db, lontar.context.audit) == []
        assert (old_home.data_fs.stat().st_size, lontar.db.lastTransaction()) == (size, last)
        assert len(trail(old_home)) == entries
    finally:
        lontar.close()


def _older_shapes(pemda) -> dict:
    """Turns the fixture's Pemda back into the shapes of repositories older than it: the
    flat classification table before scheme versions, and a letters registry before the
    per-owner work lists (one `open|all` list). Returns what the steps must rebuild."""
    registry = pemda.letters
    codes = dict(scheme.current(pemda).codes.items())
    lists = {
        name: sorted(items)
        for name, items in registry.work.items()
        if name.split("|")[0] in workindex.OUTGOING and len(items)
    }
    pemda.classification.update(codes)
    del pemda.schemes, pemda.current_scheme  # back to the class defaults: None
    for name in [n for n in registry.work if n.split("|")[0] in workindex.OUTGOING]:
        del registry.work[name]
    in_progress = [i for i, letter in registry.letters.items() if queues.lists_of(letter)]
    registry.work[queues.LEGACY_OPEN] = OOTreeSet(in_progress)
    for letter in registry.letters.values():
        letter.queued = ()
    del registry.outgoing_lists
    return {"codes": codes, "lists": lists, "placed": len(in_progress)}


def test_the_steps_convert_older_shapes_once(old_home):
    lontar = Lontar(old_home)
    try:
        expected = write(lontar.db, lambda root: _older_shapes(pemda_of(root)))
        assert expected["codes"] and expected["lists"] and expected["placed"]
        with reading(lontar.db) as root:
            seen = scheme.versions(pemda_of(root))
        done = evolve.evolve(lontar.db, lontar.context.audit)
        assert [(s.name, s.changed) for s in done] == [
            ("scheme_versions", len(expected["codes"])),
            ("letter_work_lists", expected["placed"]),
        ]
        with reading(lontar.db) as root:
            pemda = pemda_of(root)
            assert pemda.current_scheme == scheme.LEGACY
            assert dict(pemda.schemes[scheme.LEGACY].codes.items()) == expected["codes"]
            registry = pemda.letters
            assert registry.outgoing_lists == queues.LISTS_VERSION
            assert queues.LEGACY_OPEN not in registry.work
            rebuilt = {
                name: sorted(items)
                for name, items in registry.work.items()
                if name.split("|")[0] in workindex.OUTGOING and len(items)
            }
            assert rebuilt == expected["lists"]
            assert scheme.versions(pemda) == seen  # every view reads as it did
        # a new scheme later keeps the old version, so codes filed under it still resolve
        lontar.workbench.load_scheme(ADMIN, "code,name,parent\nZZ,Baru,\n", "83/2022")
        with reading(lontar.db) as root:
            code = sorted(expected["codes"])[0]
            assert scheme.resolve(pemda_of(root), code)["version"] == scheme.LEGACY
        line = done[0].line("en")
        assert line.startswith("evolved the database from generation 1 to 2: ")
        assert str(len(expected["codes"])) in line
        # run again (a second server, a repeated upgrade): nothing left to convert
        write(lontar.db, lambda root: setattr(pemda_of(root), "schema_version", 1))
        assert [s.changed for s in evolve.evolve(lontar.db, lontar.context.audit)] == [0, 0]
    finally:
        lontar.close()


def test_steps_are_numbered_without_gaps_and_said_in_both_languages():
    assert sorted(evolve.STEPS) == list(range(evolve.FIRST + 1, evolve.NEWEST + 1))
    assert content.SCHEMA_VERSION == evolve.NEWEST  # a new Pemda is born at the newest
    for function in evolve.STEPS.values():
        assert set(MESSAGES[f"evolve_step_{function.__name__}"]) == set(LANGUAGES)
        assert function.__doc__


def _make_newer(home: Home) -> None:
    with Lontar(home) as lontar:
        write(lontar.db, lambda root: setattr(pemda_of(root), "schema_version", 99))


def test_a_database_newer_than_the_code_is_refused(old_home):
    _make_newer(old_home)
    with Lontar(old_home) as lontar:
        with pytest.raises(evolve.DatabaseNewer) as refused:
            evolve.pending(lontar.db)
        assert "99" in refused.value.message("en") and str(evolve.NEWEST) in refused.value.message()
        with pytest.raises(evolve.DatabaseNewer):
            evolve.evolve(lontar.db, lontar.context.audit)
    upgrade = lontar_cli("upgrade", "--lang", "en", home=old_home, check=False)
    assert upgrade.returncode == 1
    assert "generation 99, newer than this Lontar knows (3)" in upgrade.stderr


def test_lontar_upgrade_lists_then_runs_the_steps(old_home):
    listed = lontar_cli("upgrade", "--dry-run", "--lang", "en", home=old_home)
    assert listed.stdout.splitlines()[:2] == [
        "Pending: generation 1 to 2: scheme_versions",
        "Pending: generation 2 to 3: letter_work_lists",
    ]
    assert "rebuilds it when 'lontar serve' starts" in listed.stdout  # the old index
    ran = lontar_cli("upgrade", "--lang", "en", home=old_home)
    assert "evolved the database from generation 2 to 3: " in ran.stdout
    again = lontar_cli("upgrade", "--lang", "en", home=old_home)
    assert "generation 3, the newest" in again.stdout
    staff = lontar_cli("upgrade", "--as", "staf", home=old_home, check=False)
    assert staff.returncode == 1
    entries = [e for e in trail(old_home) if e["action"] == "evolved"]
    assert [e["actor"] for e in entries] == ["admin", "admin"]


@pytest.mark.slow
def test_serve_evolves_at_start_and_the_worker_rebuilds_the_index(old_home, monkeypatch):
    monkeypatch.setenv("LONTAR_LANG", "en")
    port, out = free_port(), old_home.path.parent / "serve.out"
    with out.open("w") as output:
        serve = start_serve(old_home, port, stdout=output, stderr=subprocess.STDOUT, text=True)
    try:
        wait_until(lambda: healthy(port), 180, "the app")
        printed = out.read_text()
        assert "lontar: evolved the database from generation 1 to 2: " in printed
        assert "scheme_versions: nothing was in the older shape" in printed
        assert "from generation 2 to 3" in printed
        assert printed.index("evolved the database") < printed.index("serving on")
        logged = (old_home.logs / "evolve.log").read_text().splitlines()
        assert len(logged) == 2 and "generation 1 to 2" in logged[0]

        def searchable() -> bool:
            answer = lontar_cli("search", "dinas", "--json", home=old_home, check=False)
            return answer.returncode == 0 and json.loads(answer.stdout)["total"] > 0

        wait_until(searchable, 120, "the worker to rebuild the old index")
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(60)
    assert serve.returncode == 0
    entries = [e for e in trail(old_home) if e["action"] == "evolved"]
    assert [(e["actor"], e["target"]) for e in entries] == [
        ("system", "generation:2"),
        ("system", "generation:3"),
    ]


@pytest.mark.slow
def test_serve_refuses_a_newer_database_and_leaves_nothing_running(old_home, monkeypatch):
    monkeypatch.setenv("LONTAR_LANG", "en")
    _make_newer(old_home)
    serve = start_serve(old_home, free_port(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = serve.communicate(timeout=90)
    assert serve.returncode == 1
    assert b"newer than this Lontar knows" in err
    assert b"serving on" not in out
    assert not old_home.zeo_socket.exists()
    assert not (old_home.logs / "worker.log").exists()  # neither worker nor app was started
