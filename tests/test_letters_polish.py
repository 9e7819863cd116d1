"""The letters' last gaps, on real parts as tests/test_letters.py: a terbatas or rahasia draft
whose chain could never open it is refused when saved and when submitted; a signer below the
class the JRA gives the letter is refused before any number is taken; recipient groups and
kop from the command line; the signed PDFs of superseded attempts shown to the signer and the
unit's Administrator (a download each, audited), and to nobody else."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json

import pytest
from BTrees.OOBTree import OOBTree
from click.testing import CliRunner

from repository.cli import letters as cli_letters
from repository.cli import main as cli_main
from repository.core import clock
from repository.core.content import Attachment
from repository.core.errors import AccessDenied, InvalidInput, RecordNotFound
from repository.core.i18n import translate
from repository.core.security import ADMIN
from repository.letters.signing.provider import provider_for
from tests import test_letters_pages as pages_base
from tests.test_letters import (  # noqa: F401  (fixtures)
    HOLDERS,
    PASSPHRASE,
    PASSWORD,
    PEOPLE,
    fields,
    office,
    ready_letter,
    sign,
    signing,
    stored,
    who,
)
from tests.test_letters_signing_fixes import reapprove, write
from tests.test_pages import open_page, shown, text_of

# a 1x1 PNG: a logo the renderer can draw
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def audited(service, action: str) -> list[dict]:
    raw = (service.home.path / "audit" / "audit.jsonl").read_text()
    return [entry for line in raw.splitlines() if (entry := json.loads(line))["action"] == action]


def clear(service, names: tuple[str, ...], clearance: str) -> None:
    for name in names:
        service.access.set_clearance(ADMIN, name, clearance)


# -- 1. a chain that could never open the letter ---------------------------------------------------
def test_a_rahasia_draft_whose_verifier_cannot_open_it_is_refused(office):  # noqa: F811
    service = office
    clear(service, ("staf", "kabid", "kadis"), "R")  # sekdis stays T
    staf = who(service, "staf")
    with pytest.raises(InvalidInput) as refused:
        service.letters.draft(staf, fields(sifat="rahasia"))
    assert refused.value.key == "letter_chain_clearance"
    assert refused.value.params["position"] == "Sekretaris Dinas Kesehatan"
    assert refused.value.params["holder"] == "Citra Sekdis"
    words = refused.value.message("id")
    assert "Sekretaris Dinas Kesehatan" in words and "Citra Sekdis" in words
    assert "Citra Sekdis" in refused.value.message("en")
    # without that verifier it is a letter; a terbatas one the T holder may open is too
    letter_id = service.letters.draft(staf, fields(sifat="rahasia", verifiers=["KABID"]))
    assert service.letters.draft(staf, fields(sifat="terbatas"))
    # saving it again with the uncleared verifier is refused the same way
    with pytest.raises(InvalidInput) as edited:
        service.letters.edit(staf, letter_id, {"verifiers": ["KABID", "SEKDIS"]})
    assert edited.value.key == "letter_chain_clearance"
    assert service.letters.letter(staf, letter_id)["version"] == 1


def test_a_signer_below_the_class_is_refused_and_an_acting_holder_suffices(office):  # noqa: F811
    service = office
    clear(service, ("staf", "kabid", "sekdis"), "R")  # kadis stays T
    staf = who(service, "staf")
    with pytest.raises(InvalidInput) as refused:
        service.letters.draft(staf, fields(sifat="rahasia"))
    assert refused.value.params["position"] == "Kepala Dinas Kesehatan"
    # a Plt cleared for it can open and sign it: the letter is not stuck
    service.access.set_clearance(ADMIN, "plt", "R")
    today = clock.today()
    service.letters.set_acting(ADMIN, "KADIS", "Plt", "plt", today, today + dt.timedelta(days=7))
    assert service.letters.draft(staf, fields(sifat="rahasia"))


def test_submitting_is_refused_once_a_holder_lost_the_clearance(office):  # noqa: F811
    service = office
    clear(service, ("staf", "kabid", "sekdis", "kadis"), "R")
    staf = who(service, "staf")
    letter_id = service.letters.draft(staf, fields(sifat="rahasia"))
    service.access.set_clearance(ADMIN, "kabid", "T")
    with pytest.raises(InvalidInput) as refused:
        service.letters.submit(staf, letter_id)
    assert refused.value.key == "letter_chain_clearance"
    assert refused.value.params["holder"] == "Budi Kabid"
    assert service.letters.letter(staf, letter_id)["state"] == "draft"
    assert not audited(service, "letter_submitted")
    service.access.set_clearance(ADMIN, "kabid", "R")
    assert service.letters.submit(staf, letter_id) == "verification"


# -- 1b. the class the JRA gives the letter, at signing --------------------------------------------
@pytest.fixture
def jra_office(archive):
    """Everyone at clearance B; the JRA classes 700.1 as T."""
    service = archive
    for name, (roles, unit, full_name) in PEOPLE.items():
        service.access.add_account(
            ADMIN, name, PASSWORD, roles, unit=unit, full_name=full_name, clearance="B"
        )
    service.letters.save_position(
        ADMIN, "KADIS", unit="DINKES", name="Kepala Dinas", holder="kadis", rank=1
    )
    service.letters.signing_init(ADMIN)
    service.letters.enrol(ADMIN, "kadis", PASSPHRASE)
    return service


def jra_letter(service) -> str:
    staf = who(service, "staf")
    alone = {"verifiers": [], "copies": [], "classification": "700.1"}
    letter_id = service.letters.draft(staf, fields(recipients=["external:Inspektorat"], **alone))
    service.letters.submit(staf, letter_id)
    return letter_id


def test_a_signer_below_the_jra_class_is_refused_before_a_number(jra_office):
    service = jra_office
    letter_id = jra_letter(service)
    with pytest.raises(AccessDenied) as refused:
        sign(service, letter_id)
    assert refused.value.key == "letter_signer_clearance"
    assert refused.value.params == {"security": "T", "classification": "700.1"}
    assert "700.1" in refused.value.message("id") and "no number" in refused.value.message("en")
    letter = service.letters.letter(who(service, "kadis"), letter_id)
    assert (letter["state"], letter["number"]) == ("ready", "")
    assert stored(service, lambda r: r.letters[letter_id].number) == ""
    assert not audited(service, "letter_numbered")
    # transaction A checks again (the JRA may change between the checks): nothing is taken
    with pytest.raises(AccessDenied):
        service.letters._take_number(
            who(service, "kadis"), letter_id, 1, provider_for(service.home)
        )
    assert stored(service, lambda r: (r.letters[letter_id].state, len(r.counters))) == (
        "ready",
        0,
    )
    service.access.set_clearance(ADMIN, "kadis", "T")
    assert sign(service, letter_id)["number"]


# -- 2. recipient groups and kop from the command line ---------------------------------------------
@pytest.fixture
def lontar_cli_runner(office, monkeypatch):  # noqa: F811
    """`lontar ...` in this process on the office's home; the two groups are added to the
    root when the root does not list them yet."""
    added = [
        g for g in (cli_letters.lettergroup, cli_letters.kop) if g.name not in cli_main.commands
    ]
    for group in added:
        cli_main.add_command(group)
    office.close()
    runner = CliRunner()

    def run(*args: str):
        done = runner.invoke(cli_main, ["--home", str(office.home.path), *args])
        return done

    yield run
    for group in added:
        cli_main.commands.pop(group.name)


def test_groups_from_the_command_line(lontar_cli_runner):
    run = lontar_cli_runner
    done = run(
        "lettergroup", "set", "kesehatan", "--name", "Dinas dan Kepala",
        "--member", "DINKES", "KADPK", "external:RSUD Kota Uji, Jalan Sehat 1", "--json",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    saved = json.loads(done.output)
    assert saved["members"] == [
        "unit:DINKES",
        "position:KADPK",
        "external:RSUD Kota Uji, Jalan Sehat 1",
    ]
    listed = json.loads(run("lettergroup", "list", "--json").output)
    found = next(g for g in listed if g["code"] == "kesehatan")
    assert found["name"] == "Dinas dan Kepala" and len(found["members"]) == 3
    assert "kesehatan\tDinas dan Kepala" in run("lettergroup", "list").output
    # a group inside a group is refused in the user's words, exit status 1
    nested = run("lettergroup", "set", "x", "--name", "X", "--member", "group:semua_opd")
    assert nested.exit_code == 1 and "lontar:" in nested.output
    # as someone who does not manage letters
    denied = run("--as", "staf", "lettergroup", "set", "y", "--name", "Y", "--member", "DINKES")
    assert denied.exit_code == 1


def test_kop_from_the_command_line_keeps_what_is_not_given(lontar_cli_runner, tmp_path):
    run = lontar_cli_runner
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    done = run(
        "kop", "set", "DINKES", "--line", "PEMERINTAH KOTA UJI", "DINAS KESEHATAN",
        "--address", "Jalan Sehat 1", "--contact", "Telp. 123", "--logo", str(logo), "--json",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    shown = json.loads(done.output)
    assert shown["lines"] == ["PEMERINTAH KOTA UJI", "DINAS KESEHATAN"]
    assert (shown["logo"], shown["logo_type"], shown["own"]) == (len(PNG), "png", True)
    again = run("kop", "set", "DINKES", "--line", "PEMERINTAH KOTA UJI", "DINKES", "--json")
    assert again.exit_code == 0, again.output
    kept = json.loads(run("kop", "show", "DINKES", "--json").output)
    assert kept["lines"] == ["PEMERINTAH KOTA UJI", "DINKES"]
    assert (kept["address"], kept["contact"], kept["logo"]) == (
        "Jalan Sehat 1",
        "Telp. 123",
        len(PNG),
    )
    assert "address: Jalan Sehat 1" in run("kop", "show", "DINKES").output
    # the Pemda's kop, which a unit without its own prints
    assert run("kop", "set", "*", "--line", "PEMERINTAH KOTA UJI").exit_code == 0
    fallback = json.loads(run("kop", "show", "DPK", "--json").output)
    assert fallback["lines"] == ["PEMERINTAH KOTA UJI"] and not fallback["own"]
    bad = tmp_path / "logo.gif"
    bad.write_bytes(b"GIF89a")
    refused = run("kop", "set", "DINKES", "--line", "X", "--logo", str(bad))
    assert refused.exit_code == 1 and "lontar:" in refused.output


# -- 3. signed PDFs of superseded attempts ---------------------------------------------------------
def stray_letter(service) -> tuple[str, str, bytes]:
    """A letter whose first attempt answered after it was edited and signing began again:
    the late signed PDF is kept aside (tests/test_letters_signing_fixes.py, case 1)."""
    letters, kadis, staf = service.letters, who(service, "kadis"), who(service, "staf")
    letter_id = ready_letter(service)
    provider = provider_for(service.home)
    ref = letters._signer_ref(kadis, letter_id, 1)
    first = letters._take_number(kadis, letter_id, 1, provider)
    late, _ = letters._sign_once(provider, first, ref, PASSPHRASE)
    with clock.frozen(clock.now() + dt.timedelta(minutes=6)):
        assert letters.reconcile(kadis, letter_id, None) == "ready"
    letters.send_back(kadis, letter_id, "ubah isi", 1)
    letters.edit(staf, letter_id, {"body": "ISI VERSI DUA yang berbeda."})
    reapprove(service, letter_id, 2)
    letters._take_number(kadis, letter_id, 2, provider)
    with pytest.raises(Exception):  # noqa: B017  (the late answer is refused: superseded)
        letters._stop_and_raise(kadis, letter_id, first, "signing_unknown", ValueError(), late)
    return letter_id, first.attempt, late.pdf


def test_strays_are_listed_for_the_signer_and_the_administrator_only(signing):  # noqa: F811
    service = signing
    service.access.add_account(
        ADMIN, "admdinkes", PASSWORD, {"Administrator"}, unit="DINKES", clearance="T"
    )
    letter_id, attempt, late = stray_letter(service)
    [row] = service.letters.strays(who(service, "kadis"), letter_id)
    assert row["attempt"] == attempt and row["sha256"] == hashlib.sha256(late).hexdigest()
    assert row["at"] and row["size"] == len(late)
    assert service.letters.strays(who(service, "admdinkes"), letter_id) == [row]
    assert service.letters.strays(who(service, "staf"), letter_id) == []  # the author
    assert service.letters.strays(who(service, "kabid"), letter_id) == []  # a verifier
    with pytest.raises(RecordNotFound):
        service.letters.stray_pdf(who(service, "staf"), letter_id, attempt)
    with pytest.raises(RecordNotFound):
        service.letters.strays(who(service, "luar"), letter_id)
    assert not [e for e in audited(service, "letter_downloaded") if "stray" in e["detail"]]
    data = service.letters.stray_pdf(who(service, "kadis"), letter_id, attempt)
    assert data == late
    [entry] = [e for e in audited(service, "letter_downloaded") if "stray" in e["detail"]]
    assert entry["detail"]["stray"] == attempt and entry["actor"] == "kadis"
    with pytest.raises(RecordNotFound):
        service.letters.stray_pdf(who(service, "kadis"), letter_id, "no-such-attempt")


page_office = pages_base.office


def test_the_letter_page_shows_strays_to_the_signer_only(page_office):
    letter_id = page_office["ready"]
    lontar = pages_base.repository()
    with lontar:

        def keep(pemda) -> None:
            letter = pemda.letters.letters[letter_id]
            letter.strays = OOBTree()
            pdf = b"%PDF-1.7 signed by a superseded attempt"
            sha = hashlib.sha256(pdf).hexdigest()
            letter.strays["attempt-lama"] = Attachment("lama.pdf", pdf, "application/pdf", sha)

        write(lontar, keep)
    pages_base.close_services()
    signer = open_page(pages_base.LETTERS, user="kadis", id=letter_id)
    assert not signer.error, [e.value for e in signer.error]
    heading = translate("letters_page_strays", "id")
    assert any(e.label == heading for e in signer.expander)
    assert "attempt-lama" in shown(text_of(signer))
    author = open_page(pages_base.LETTERS, user="konseptor", id=letter_id)
    assert not any(e.label == heading for e in author.expander)
    assert "attempt-lama" not in shown(text_of(author))
