"""Regressions for the review of the letters feature (issue 19), on real parts as
tests/test_letters.py: what a recipient sees of a letter, what an uncleared clerk sees of the
registers, the class a letter takes from its record, who takes manual numbers, who may make
the server run a template and how much work a template may do, what is audited when a signed
letter is shown, the CLI's signing version and the size of an anonymous upload."""

from __future__ import annotations

import dataclasses
import json

import pytest

from repository.core import clock
from repository.core.errors import AccessDenied, InvalidInput, RecordNotFound
from repository.core.security import ADMIN
from repository.letters import rendering
from repository.letters.services import MAX_COPY
from repository.letters.signing.provider import WrongSecret, provider_for
from tests.test_cli_letters import cli
from tests.test_letters import (  # noqa: F401  (fixtures)
    HOLDERS,
    PASSPHRASE,
    PASSWORD,
    PEOPLE,
    bsre,
    fields,
    office,
    ready_letter,
    sign,
    signing,
    who,
)


def audited(service, action: str) -> list[dict]:
    raw = (service.home.path / "audit" / "audit.jsonl").read_text()
    return [entry for line in raw.splitlines() if (entry := json.loads(line))["action"] == action]


def sent_letter(service) -> str:
    """Returned once with a note, edited to version 2, verified, signed and sent to every
    OPD (DPK among them) with the Kepala DPK in copy."""
    staf = who(service, "staf")
    letter_id = service.letters.draft(staf, fields(body="Versi pertama: vendor X dibayar."))
    service.letters.submit(staf, letter_id)
    service.letters.send_back(who(service, "kabid"), letter_id, "Jangan sebut vendor X", 1)
    service.letters.edit(staf, letter_id, {"body": "Versi kedua."})
    service.letters.submit(staf, letter_id)
    for position in ("KABID", "SEKDIS"):
        service.letters.approve(who(service, HOLDERS[position]), letter_id, 2)
    sign(service, letter_id)
    service.letters.send(who(service, "kadis"), letter_id)
    return letter_id


# -- 5. a recipient sees the letter as sent, not how it was made ---------------------------------
def test_a_recipient_sees_the_sent_letter_without_its_drafting(signing):  # noqa: F811
    service = signing
    letter_id = sent_letter(service)
    kadpk = who(service, "kadpk")  # the copy, and head of a recipient OPD
    seen = service.letters.letter(kadpk, letter_id)
    assert seen["received"] is True and seen["body"] == "Versi kedua."
    assert seen["signed"]["sha256"] and seen["number"]
    assert [t["value"] for t in seen["copies"]] == ["position:KADPK"]
    for hidden in ("history", "versions", "note", "verifiers", "record_id", "into"):
        assert hidden not in seen, hidden
    assert "vendor X" not in json.dumps(seen)
    for route in (service.letters.changes, service.letters.preview_pdf):
        with pytest.raises(RecordNotFound) as refused:
            route(kadpk, letter_id)
        assert refused.value.key == "letter_not_found"
    assert service.letters.signed_pdf(kadpk, letter_id).startswith(b"%PDF")
    # the chain still sees how it was made
    author = service.letters.letter(who(service, "staf"), letter_id)
    assert "Jangan sebut vendor X" in [h["params"]["detail"] for h in author["history"]]
    assert service.letters.changes(who(service, "staf"), letter_id)["to"] == 2


# -- 7. the registers withhold a classified letter's addressees ---------------------------------
def test_an_uncleared_clerk_sees_no_addressee_of_a_rahasia_letter(signing):  # noqa: F811
    service = signing
    for name in ("staf", "kabid", "sekdis", "kadis"):
        service.access.set_clearance(ADMIN, name, "R")
    addressee = "external:Kepala Kejaksaan Negeri, Jl. Adil 3"
    letter_id = ready_letter(service, sifat="rahasia", recipients=[addressee])
    number = sign(service, letter_id)["number"]
    service.letters.send(who(service, "kadis"), letter_id)
    year, clerk = clock.today().year, who(service, "pencatat")  # clearance T
    [line] = service.letters.outgoing_register(clerk, "DINKES", year)
    assert line["number"] == number and line["signer"] == "dr. Dewi Kadis"
    assert (line["hal"], line["recipients"], line["record"]) == ("", [], "")
    assert line["withheld"] is True
    assert service.letters.outgoing_register(clerk, "DINKES", year, "kejaksaan") == []
    assert b"Kejaksaan" not in service.letters.register_export(clerk, "DINKES", year, "csv")
    [dispatched] = service.letters.dispatch_register(clerk, "DINKES", year)
    assert dispatched["number"] == number and (dispatched["addressee"], dispatched["hal"]) == (
        "",
        "",
    )
    # a cleared clerk sees the whole line and finds it by its addressee
    service.access.set_clearance(ADMIN, "pencatat", "R")
    cleared = who(service, "pencatat")
    [found] = service.letters.outgoing_register(cleared, "DINKES", year, "kejaksaan")
    assert found["recipients"] and found["record"] and not found["withheld"]
    assert service.letters.dispatch_register(cleared, "DINKES", year)[0]["addressee"] == (
        "Kepala Kejaksaan Negeri, Jl. Adil 3"
    )


def test_the_buku_ekspedisi_of_a_pemda_without_letters_is_empty(office):  # noqa: F811
    assert office.letters.dispatch_register(who(office, "pencatat"), "DINKES", 2026) == []


# -- 8. the class comes from the filed record when the JRA makes it stricter ------------------
def test_a_biasa_letter_the_jra_classes_t_is_treated_as_t(archive):
    service = archive
    for name, (roles, unit, full_name) in PEOPLE.items():
        service.access.add_account(
            ADMIN, name, PASSWORD, roles, unit=unit, full_name=full_name, clearance="B"
        )
    service.access.set_clearance(ADMIN, "kadis", "T")
    service.letters.save_position(
        ADMIN, "KADIS", unit="DINKES", name="Kepala Dinas", holder="kadis", rank=1
    )
    service.letters.signing_init(ADMIN)
    service.letters.enrol(ADMIN, "kadis", PASSPHRASE)
    staf = who(service, "staf")
    alone = {"verifiers": [], "copies": [], "classification": "700.1"}
    letter_id = service.letters.draft(staf, fields(recipients=["external:Inspektorat"], **alone))
    service.letters.submit(staf, letter_id)
    signed = sign(service, letter_id)
    shown = service.letters.letter(who(service, "kadis"), letter_id)
    public = service.letters.verification(shown["signed"]["verify_id"])
    assert public == {"exists": True, "classified": True, "sha256": signed["sha256"]}
    year = clock.today().year
    [line] = service.letters.outgoing_register(who(service, "pencatat"), "DINKES", year)
    assert line["withheld"] and line["hal"] == "" and line["recipients"] == []
    with pytest.raises(RecordNotFound):  # clearance B: not for a T letter
        service.letters.letter(who(service, "pencatat"), letter_id)


# -- 9. manual numbers only for the unit's register keepers ----------------------------------
def test_only_a_register_keeper_takes_a_manual_number(office):  # noqa: F811
    service = office
    asked = {"unit": "DINKES", "type": "surat_dinas", "classification": "400.7", "hal": "x"}
    with pytest.raises(AccessDenied):
        service.letters.reserve_number(who(service, "staf"), asked)
    assert service.letters.outgoing_register(ADMIN, "DINKES", clock.today().year) == []
    taken = service.letters.reserve_number(who(service, "pencatat"), asked)
    assert taken["number"].startswith("400.7/001/DINKES/")


# -- 10. only a manager has a template run, and a template's work is bounded -----------------
def test_a_template_is_run_only_for_those_who_manage_letters(office):  # noqa: F811
    service = office
    with pytest.raises(AccessDenied):
        service.letters.save_type(who(service, "staf"), "surat_dinas", {"template": "{{ x( }}"})
    with pytest.raises(InvalidInput) as refused:
        service.letters.save_type(ADMIN, "surat_dinas", {"template": "{{ x( }}"})
    assert refused.value.key == "letter_template_invalid"


NESTED = "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}"
DOUBLING = (
    "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}"
)
ENDLESS = "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"
LISTED = "{% for i in range(9000) %}{{ range(5000) | list | length }}{% endfor %}"


@pytest.mark.parametrize("source", [NESTED, DOUBLING, ENDLESS, LISTED])
def test_a_template_that_does_too_much_work_is_refused(source):
    with pytest.raises(InvalidInput) as refused:
        rendering.check_template(source)
    assert refused.value.key == "letter_template_invalid"


def test_the_built_in_templates_fit_the_budget_with_many_recipients():
    for layout in ("korespondensi", "judul"):
        view = dataclasses.replace(
            rendering.sample_view(layout),
            recipients=tuple(f"Penerima {n}" for n in range(200)),
            copies=tuple(f"Tembusan {n}" for n in range(200)),
            body=tuple(f"Paragraf {n}." for n in range(200)),
        )
        assert "Paragraf 199." in rendering.to_html(view)


# -- 11. showing a signed letter is not a download --------------------------------------------
def test_drawing_a_signed_letter_is_not_audited_but_a_download_is(signing):  # noqa: F811
    service = signing
    letter_id = ready_letter(service)
    sign(service, letter_id)
    kadis = who(service, "kadis")
    shown = service.letters.signed_view(kadis, letter_id)
    assert audited(service, "letter_downloaded") == []
    assert service.letters.signed_pdf(kadis, letter_id) == shown
    [entry] = audited(service, "letter_downloaded")
    assert entry["target"] == f"letter:{letter_id}"
    with pytest.raises(RecordNotFound):  # the same checks as a download
        service.letters.signed_view(who(service, "luar"), letter_id)


# -- low: an anonymous upload is bounded before it is parsed ---------------------------------
def test_a_copy_too_large_is_refused_before_it_is_parsed(office):  # noqa: F811
    with pytest.raises(InvalidInput) as refused:
        office.letters.verify_copy(b"%PDF-1.7\n" + b"0" * MAX_COPY)
    assert refused.value.key == "letter_view_copy_too_big"
    assert refused.value.params["limit"] == 20
    assert office.letters.verify_copy(b"not a pdf")["matches"] is False


def test_the_cli_signs_only_a_version_named(home):
    """Without --version nothing is signed: the version is never guessed."""
    refused = cli(home, "letter", "sign", "abc", "--passphrase-file", "-", stdin="x\n")
    assert refused.returncode == 2 and "--version" in refused.stderr


# -- the register shows a number lost unsigned (fixer A's nomor batal) as a line of its own ----
def test_a_void_number_is_a_line_of_the_register_with_its_reason(bsre):  # noqa: F811
    service, _stub = bsre
    letter_id = ready_letter(service)
    with pytest.raises(WrongSecret):  # BSrE refuses after the number was taken
        sign(service, letter_id, secret="salah-sekali-123")
    service.letters.reject(who(service, "kadis"), letter_id, "tidak jadi")
    year = clock.today().year
    [line] = service.letters.outgoing_register(who(service, "pencatat"), "DINKES", year)
    assert line["number"] == f"400.7/001/DINKES/{year}" and line["state"] == "void"
    assert line["void_reason"] == "letter_number_void_rejected"
    assert (line["hal"], line["recipients"], line["record"]) == ("", [], "")
    assert service.letters.outgoing_register(who(service, "pencatat"), "DINKES", year, "001")
    assert service.letters.dispatch_register(who(service, "pencatat"), "DINKES", year) == []


def test_an_administrator_reaches_a_letter_while_it_is_signing(signing):  # noqa: F811
    """So they can settle an attempt that stalled (fixer A's reconcile from `signing`); the
    unit's Pencatat still sees it only once signed."""
    service = signing
    letter_id = ready_letter(service)
    letters = service.letters
    letters._take_number(who(service, "kadis"), letter_id, 1, provider_for(service.home))
    assert letters.letter(ADMIN, letter_id)["state"] == "signing"
    assert [r["id"] for r in letters.queues(ADMIN)["unknown"]] == [letter_id]
    with pytest.raises(RecordNotFound):
        letters.letter(who(service, "pencatat"), letter_id)
