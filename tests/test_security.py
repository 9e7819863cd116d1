"""The permission model, checked against an independent oracle written from docs/security.md.

Hypothesis generates units with blocks, accounts with grants and clearances, records of every
class, and shares; then no search total, hit, facet, snippet, record view, download, text,
export or related record may show a caller anything the oracle forbids, and nothing the
oracle allows may be missing from search or export.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from BTrees.OOBTree import OOBTree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexes.search import SearchRequest
from repository.app import Lontar
from repository.core import clock
from repository.core.config import Home
from repository.core.db import reading
from repository.core.errors import AccessDenied, InvalidInput, LoginFailed, RecordNotFound
from repository.core.security import ADMIN, ANONYMOUS
from repository.records.sharing import hidden_subtrees

PARENT = {"A": None, "A.X": "A", "B": None}
RANK = {"B": 0, "T": 1, "R": 2, "SR": 3}
ROLES = ["Staf", "Pejabat", "Arsiparis", "Auditor", "Administrator"]


# -- the oracle ------------------------------------------------------------------------------
def reaches(grant_unit: str, unit: str, blocked: set[str]) -> bool:
    """A grant in `grant_unit` reaches records of `unit` below it, up to a blocking unit."""
    node = unit
    while node is not None:
        if node == grant_unit:
            return True
        if node in blocked:
            return False
        node = PARENT[node]
    return grant_unit == "*"


def may_see(user, record, records, blocked, shares) -> bool:
    if user is None:
        return record["cls"] == "B"
    if RANK[record["cls"]] > RANK[user["clearance"]]:
        return False
    if "Administrator" in user["grants"].get("*", ()) or record["cls"] == "B":
        return True
    if any(reaches(unit, record["unit"], blocked) for unit in user["grants"]):
        return True
    node = record
    while node is not None:
        for target in shares.get(node["key"], ()):
            if target == user["name"] or target in user["grants"]:
                return True
        node = records.get(node["parent"])
    return False


# -- strategies ------------------------------------------------------------------------------
users = st.lists(
    st.fixed_dictionaries(
        {
            "grants": st.dictionaries(
                st.sampled_from(["*", "A", "A.X", "B"]),
                st.sampled_from(ROLES).map(lambda r: (r,)),
                max_size=2,
            ),
            "clearance": st.sampled_from(list(RANK)),
        }
    ),
    min_size=1,
    max_size=4,
)
records = st.lists(
    st.tuples(st.sampled_from(list(PARENT)), st.sampled_from(list(RANK)), st.booleans()),
    min_size=1,
    max_size=8,
)
world = st.fixed_dictionaries(
    {
        "users": users,
        "records": records,
        "blocked": st.sets(st.sampled_from(list(PARENT))),
        "shares": st.lists(
            st.tuples(st.integers(0, 20), st.sampled_from(["A", "A.X", "B", "u0", "u1", "u2"])),
            max_size=3,
        ),
    }
)


def build(service: Lontar, spec: dict) -> tuple[dict, list[dict]]:
    service.init("ID-T", "Kota Uji")
    for code, parent in PARENT.items():
        service.records.add_unit(ADMIN, code, f"Unit {code}", parent)
    people = []
    for n, user in enumerate(spec["users"]):
        name = f"u{n}"
        service.access.add_account(ADMIN, name, "sandi-rahasia", set(), clearance=user["clearance"])
        for unit, roles in user["grants"].items():
            service.access.grant(ADMIN, name, None if unit == "*" else unit, set(roles))
        people.append({"name": name, **user})
    made, series = {}, {}
    for n, (unit, cls, in_series) in enumerate(spec["records"]):
        into = None
        if in_series:
            if unit not in series:
                series[unit] = service.ingest.create_container(
                    ADMIN, unit, "series", f"Seri {unit}"
                )
                made[series[unit]] = {"key": series[unit], "unit": unit, "cls": "B", "parent": None}
            into = series[unit]
        key = service.ingest.create_container(
            ADMIN,
            unit,
            "item",
            f"Arsip nomor {n}",
            into=into,
            security=cls,
            description=f"Isi arsip dengan penanda q{n}z",
        )
        made[key] = {"key": key, "unit": unit, "cls": cls, "parent": into, "mark": f"q{n}z"}
    for unit in spec["blocked"]:
        service.access.set_blocking(ADMIN, unit, True)
    return made, people


def share_all(service, spec, made, people) -> dict:
    shares: dict[str, set] = {}
    keys = sorted(made)
    for position, target in spec["shares"]:
        key = keys[position % len(keys)]
        if target.startswith("u") and int(target[1:]) >= len(people):
            continue
        service.access.share(ADMIN, key, target)
        shares.setdefault(key, set()).add(target)
    return shares


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=world)
def test_nobody_sees_what_the_model_forbids(tmp_path_factory, spec):
    home = Home.resolve(tmp_path_factory.mktemp("world"))
    with Lontar(home) as service:
        made, people = build(service, spec)
        shares = share_all(service, spec, made, people)
        service.index.catch_up(ocr=False)
        for user in [None, *people]:
            caller = service.access.caller(user["name"]) if user else ANONYMOUS
            allowed = {
                k for k, r in made.items() if may_see(user, r, made, set(spec["blocked"]), shares)
            }
            assert_sees_exactly(service, caller, allowed, made)


def assert_sees_exactly(service: Lontar, caller, allowed: set[str], made: dict) -> None:
    everything = service.records.search(caller, SearchRequest(page_size=100))
    assert {h.id for h in everything.hits} == allowed
    assert everything.total == len(allowed)
    per_unit = {}
    for key in allowed:
        per_unit[made[key]["unit"]] = per_unit.get(made[key]["unit"], 0) + 1
    assert everything.facets.get("unit", {}) == per_unit
    texts = service.records.search(caller, SearchRequest(query="arsip", page_size=100))
    assert {h.id for h in texts.hits} <= allowed
    forbidden_marks = [r["mark"] for k, r in made.items() if k not in allowed and "mark" in r]
    assert not any(m in h.snippet for h in texts.hits for m in forbidden_marks)
    for mark in forbidden_marks:
        assert service.records.search(caller, SearchRequest(query=mark)).total == 0
    for key in made:
        if key in allowed:
            assert service.records.show(caller, key)["id"] == key
        else:
            for denied in (
                service.records.show,
                service.records.original,
                service.records.record_text,
            ):
                with pytest.raises(RecordNotFound):
                    denied(caller, key)
        assert {h.id for h in service.records.related(caller, key)} <= allowed
    exported = json.loads(service.records.export(caller, SearchRequest(), "json"))
    assert {row["id"] for row in exported} == allowed


# -- changes while the index catches up ---------------------------------------------------------
@pytest.fixture
def two_opds(service):
    for code, parent in PARENT.items():
        service.records.add_unit(ADMIN, code, f"Unit {code}", parent)
    service.access.add_account(ADMIN, "budi", "sandi-rahasia", {"Staf"}, unit="B", clearance="T")
    series = service.ingest.create_container(ADMIN, "A", "series", "Seri rapat", security="T")
    item = service.ingest.create_container(
        ADMIN, "A", "item", "Notulen rapat", into=series, security="T"
    )
    service.index.catch_up(ocr=False)
    return service, series, item


def visible_ids(service, name: str) -> set[str]:
    return {
        h.id
        for h in service.records.search(
            service.access.caller(name), SearchRequest(page_size=50)
        ).hits
    }


def test_a_new_share_opens_view_and_search_together(two_opds):
    service, series, item = two_opds
    assert visible_ids(service, "budi") == set()
    service.access.share(ADMIN, series, "budi")
    with pytest.raises(RecordNotFound):  # the index has not applied it yet: stricter rule
        service.records.show(service.access.caller("budi"), item)
    service.index.catch_up(ocr=False)
    assert visible_ids(service, "budi") == {series, item}
    assert service.records.show(service.access.caller("budi"), item)["id"] == item


def test_a_withdrawn_share_hides_at_once_although_the_index_lags(two_opds):
    service, series, item = two_opds
    service.access.share(ADMIN, series, "B")  # budi's unit
    service.index.catch_up(ocr=False)
    assert visible_ids(service, "budi") == {series, item}
    service.access.unshare(ADMIN, series, "B")
    assert visible_ids(service, "budi") == set()  # index not yet updated; the restriction hides
    with pytest.raises(RecordNotFound):
        service.records.show(service.access.caller("budi"), item)
    service.index.catch_up(ocr=False)
    assert visible_ids(service, "budi") == set()
    with reading(service.db) as root:
        assert not root["lontar"].restrictions  # settled and dropped once the index caught up


def test_a_share_ends_after_its_last_day(two_opds):
    service, series, item = two_opds
    last_day = clock.today()
    service.access.share(ADMIN, series, "budi", until=last_day)
    service.index.catch_up(ocr=False)
    assert visible_ids(service, "budi") == {series, item}
    budi = service.access.caller("budi")
    with reading(service.db) as root:
        pemda = root["lontar"]
        assert hidden_subtrees(pemda, budi, last_day) == []
        assert hidden_subtrees(pemda, budi, last_day + dt.timedelta(days=1)) == [series]
    with pytest.raises(InvalidInput):
        service.access.share(ADMIN, series, "budi", until=last_day - dt.timedelta(days=1))


def test_raising_a_class_hides_from_search_before_reindex(two_opds):
    service, _, _ = two_opds
    public = service.ingest.create_container(ADMIN, "A", "item", "Pengumuman lelang")
    service.index.catch_up(ocr=False)
    assert public in {h.id for h in service.records.search(ANONYMOUS, SearchRequest()).hits}
    service.records.update_record(ADMIN, public, {"security": "R"})
    assert public not in {h.id for h in service.records.search(ANONYMOUS, SearchRequest()).hits}


def test_blocking_a_unit_stops_grants_from_above(two_opds):
    service, series, item = two_opds
    service.access.add_account(
        ADMIN, "kadis", "sandi-rahasia", {"Pejabat"}, unit="A", clearance="R"
    )
    sub = service.ingest.create_container(
        ADMIN, "A.X", "item", "Penyelidikan internal", security="T"
    )
    service.index.catch_up(ocr=False)
    assert sub in visible_ids(service, "kadis")
    service.access.set_blocking(ADMIN, "A.X", True)
    assert sub not in visible_ids(service, "kadis")  # before the reindex, too
    service.index.catch_up(ocr=False)
    assert visible_ids(service, "kadis") == {series, item}


def test_grants_are_checked_per_unit(two_opds):
    service, series, _ = two_opds
    service.access.add_account(
        ADMIN, "clerk", "sandi-rahasia", {"Pencatat"}, unit="B", clearance="T"
    )
    clerk = service.access.caller("clerk")
    assert clerk.may("add_records")  # somewhere, so the upload page is offered
    with pytest.raises(AccessDenied):
        service.ingest.create_container(clerk, "A", "item", "Surat salah alamat")
    assert service.ingest.create_container(clerk, "B", "item", "Surat masuk")
    with pytest.raises(AccessDenied):
        service.access.share(clerk, series, "B")


# -- accounts -----------------------------------------------------------------------------------
def test_lockout_after_repeated_failures_and_no_account_probing(service, monkeypatch):
    from repository.records import accounts

    monkeypatch.setattr(accounts, "slowdown", lambda pemda, name: 0.0)  # time, not behaviour
    service.access.add_account(ADMIN, "siti", "sandi-yang-benar", {"Staf"}, unit="DPK")
    for name in ("siti", "tidakada"):
        for _ in range(accounts.MAX_FAILURES - 1):
            with pytest.raises(LoginFailed) as failed:
                service.access.login(name, "salah-salah")
            assert failed.value.key == "login_failed"
        with pytest.raises(LoginFailed) as failed:
            service.access.login(name, "salah-salah")
        assert failed.value.key == "account_locked"  # the same for an unknown name
    with pytest.raises(LoginFailed) as failed:
        service.access.login("siti", "sandi-yang-benar")  # right password, but locked
    assert failed.value.key == "account_locked"
    service.access.set_password(ADMIN, "siti", "sandi-baru-siti")
    assert service.access.login("siti", "sandi-baru-siti").name == "siti"


def test_slowdown_grows_with_failures(service):
    from repository.records import accounts

    with reading(service.db) as root:
        pemda = root["lontar"]
        pemda.login_failures = OOBTree({"siti": (1, None), "budi": (3, None), "x": (9, None)})
        assert accounts.slowdown(pemda, "nobody") == 0.25
        assert accounts.slowdown(pemda, "siti") < accounts.slowdown(pemda, "budi") == 1.0
        assert accounts.slowdown(pemda, "x") == 4.0


def test_password_change_needs_the_old_password(service):
    service.access.add_account(ADMIN, "siti", "sandi-yang-lama", {"Staf"}, unit="DPK")
    siti = service.access.caller("siti")
    with pytest.raises(LoginFailed):
        service.access.change_password(siti, "bukan-sandinya", "sandi-yang-baru")
    with pytest.raises(InvalidInput):
        service.access.change_password(siti, "sandi-yang-lama", "pendek")
    service.access.change_password(siti, "sandi-yang-lama", "sandi-yang-baru")
    assert service.access.login("siti", "sandi-yang-baru").name == "siti"


def test_disabled_account_cannot_log_in_and_loses_its_session(service):
    service.access.add_account(ADMIN, "siti", "sandi-yang-benar", {"Staf"}, unit="DPK")
    service.access.set_disabled(ADMIN, "siti", True)
    assert service.access.caller("siti").anonymous
    with pytest.raises(LoginFailed):
        service.access.login("siti", "sandi-yang-benar")


# -- audit trail --------------------------------------------------------------------------------
def audited(service) -> list[dict]:
    return list(service.access.audit.entries())


def test_audit_records_who_did_what_from_where(service):
    service.access.add_account(ADMIN, "siti", "sandi-yang-benar", {"Pencatat"}, unit="DPK")
    with pytest.raises(LoginFailed):
        service.access.login("siti", "salah-sandi", origin="web:10.0.0.7")
    siti = service.access.login("siti", "sandi-yang-benar", origin="web:10.0.0.7")
    key = service.ingest.create_container(siti, "DPK", "item", "Surat undangan rapat")
    service.index.catch_up(ocr=False)
    service.records.show(siti, key)
    service.records.search(siti, SearchRequest(query="undangan"))
    actions = [(e["actor"], e["action"], e["target"], e["origin"]) for e in audited(service)]
    assert ("siti", "login_failed", "", "web:10.0.0.7") in actions
    assert ("siti", "login", "", "web:10.0.0.7") in actions
    assert ("siti", "created", key, "web:10.0.0.7") in actions
    assert ("siti", "viewed", key, "web:10.0.0.7") in actions
    searched = [e for e in audited(service) if e["action"] == "searched"]
    assert "undangan" not in str(searched[-1]["detail"])  # sealed on disk
    opened = service.access.audit_entries(ADMIN, action="searched")
    assert opened[-1]["detail"] == {"query": "undangan", "total": 1}
    assert service.access.audit_verify().intact


def tamper(path, change) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(change(lines)), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "line", "problem"),
    [
        (lambda ls: [*ls[:-2], ls[-2].replace("rapat", "lelang"), ls[-1]], 7, "edited"),
        (lambda ls: [*ls[:-2], ls[-1]], 7, "sequence 7 where 6 was expected"),
        (lambda ls: [*ls[:-3], ls[-2], ls[-3], ls[-1]], 6, "sequence 6 where 5 was expected"),
    ],
    ids=["edited", "deleted", "reordered"],
)
def test_audit_verify_finds_tampering_and_names_the_line(service, change, line, problem):
    assert len(audited(service)) == 3  # the fixture's three units
    for n in range(5):
        service.access.record_event(ADMIN, "viewed", f"rec{n}", note="rapat")
    assert service.access.audit_verify().intact
    tamper(service.access.audit.path, change)
    verdict = service.access.audit_verify()
    assert not verdict.intact
    assert verdict.problems[0] == {"line": line, "problem": problem}


def test_audit_survives_a_zodb_undo(service):
    service.records.add_unit(ADMIN, "DISDIK", "Dinas Pendidikan")
    undo = service.db.undoLog(0, 1)[0]
    service.db.undo(undo["id"])
    import transaction

    transaction.commit()
    assert "unit_added" in [e["action"] for e in audited(service)]
    assert service.access.audit_verify().intact


# -- the CLI ------------------------------------------------------------------------------------
def test_cli_users_shares_as_and_audit(home, tmp_path):
    from tests.conftest import lontar_cli

    lontar_cli("init", "--code", "ID-T", "--name", "Kota Uji", home=home)
    for code in ("DINKES", "DISDIK"):
        lontar_cli("unit", "add", code, "--name", code, home=home)
    secret = tmp_path / "pw.txt"
    secret.write_text("sandi-budi-123\n")
    lontar_cli(
        "user",
        "add",
        "budi",
        "--role",
        "Staf",
        "--unit",
        "DISDIK",
        "--clearance",
        "T",
        "--password-file",
        str(secret),
        home=home,
    )
    note = tmp_path / "memo.txt"
    note.write_text("Memo vaksinasi terbatas untuk Dinas Kesehatan")
    done = lontar_cli(
        "import", str(note), "--unit", "DINKES", "--security", "T", "--json", home=home
    )
    record = json.loads(done.stdout)["accepted"][0]["id"]

    def budi_sees() -> int:
        found = lontar_cli("search", "vaksinasi", "--as", "budi", "--json", home=home)
        return json.loads(found.stdout)["total"]

    assert budi_sees() == 0
    assert lontar_cli("show", record, "--as", "budi", home=home, check=False).returncode == 1
    lontar_cli("share", record, "--with", "DISDIK", home=home)
    assert budi_sees() == 1
    assert lontar_cli("show", record, "--as", "nobody", home=home, check=False).returncode == 1
    verified = json.loads(lontar_cli("audit", "verify", "--json", home=home).stdout)
    assert verified["intact"] and verified["entries"] >= 6
    tamper(home.path / "audit" / "audit.jsonl", lambda ls: ls[:1] + ls[2:])
    broken = lontar_cli("audit", "verify", home=home, check=False)
    assert broken.returncode == 1 and "TAMPERED" in broken.stdout
