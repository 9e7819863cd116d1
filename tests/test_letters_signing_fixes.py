"""Regression tests for the review of the letters' signing flow and numbering (real services,
as tests/test_letters.py: FileStorage, the Pemda CA, WeasyPrint, pyHanko, the BSrE stub).

The interleavings are driven through the service's own steps (transaction A, the signing
outside transactions, transaction B) in the order two requests could take."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from repository.core import clock
from repository.core.content import pemda_of
from repository.core.db import reading
from repository.core.errors import AccessDenied, InvalidInput, LontarError
from repository.core.keys import KeyMismatch
from repository.core.sealing import pages_of
from repository.core.security import ADMIN
from repository.letters import rendering
from repository.letters.signing.local import LocalProvider
from repository.letters.signing.provider import (
    Appearance,
    OutcomeUnknown,
    SignerRef,
    WrongSecret,
    provider_for,
)
from tests import test_letters as base
from tests.test_letters import (
    HOLDERS,
    PASSPHRASE,
    pdf_text,
    ready_letter,
    sign,
    stored,
    who,
)

# the fixtures of tests/test_letters.py: people, positions, the CA, the BSrE stub
office, signing, bsre = base.office, base.signing, base.bsre

WRONG = "salah-sekali-123"


def register(service, year: int) -> list[tuple[str, str]]:
    rows = service.letters.outgoing_register(who(service, "pencatat"), "DINKES", year)
    return [(r["number"], r["state"]) for r in rows]


def reapprove(service, letter_id: str, version: int) -> None:
    service.letters.submit(who(service, "staf"), letter_id)
    for position in ("KABID", "SEKDIS"):
        service.letters.approve(who(service, HOLDERS[position]), letter_id, version)


def write(service, change) -> None:
    """Changes the stored Pemda directly: what an operator or another process did."""
    with service.db.transaction() as connection:
        change(pemda_of(connection.root()))


# -- 1: a late answer of an old attempt never lands on a newer version ----------------------------
def test_a_late_answer_of_an_old_attempt_is_refused_and_kept_aside(signing):
    service = signing
    letters, kadis, staf = service.letters, who(service, "kadis"), who(service, "staf")
    letter_id = ready_letter(service)
    provider = provider_for(service.home)
    ref = letters._signer_ref(kadis, letter_id, 1)
    first = letters._take_number(kadis, letter_id, 1, provider)
    assert (first.version, first.attempt) == (
        1,
        stored(service, lambda r: r.letters[letter_id].signing_attempt),
    )
    late, late_check = letters._sign_once(provider, first, ref, PASSPHRASE)
    # a live attempt cannot be reconciled away
    with pytest.raises(AccessDenied):
        letters.reconcile(kadis, letter_id, None)
    # past the provider's time (5 minutes locally) it can: the process is taken for dead
    with clock.frozen(clock.now() + dt.timedelta(minutes=6)):
        assert letters.reconcile(kadis, letter_id, None) == "ready"
    letters.send_back(kadis, letter_id, "ubah isi", 1)
    letters.edit(staf, letter_id, {"body": "ISI VERSI DUA yang berbeda."})
    reapprove(service, letter_id, 2)
    second = letters._take_number(kadis, letter_id, 2, provider)
    with pytest.raises(LontarError) as refused:
        letters._store_signed(kadis, letter_id, first, late, late_check)
    assert refused.value.key == "letter_signing_superseded"
    # the late step that would have stopped the attempt is refused too, the bytes kept aside
    with pytest.raises(LontarError) as stopped:
        letters._stop_and_raise(kadis, letter_id, first, "signing_unknown", refused.value, late)
    assert stopped.value.key == "letter_signing_superseded"
    assert stored(
        service, lambda r: (r.letters[letter_id].state, len(r.letters[letter_id].strays))
    ) == ("signing", 1)
    result, validation = letters._sign_once(provider, second, ref, PASSPHRASE)
    done = letters._store_signed(kadis, letter_id, second, result, validation)
    assert done["number"] == first.number  # the same number, printed for version 2
    shown = letters.letter(kadis, letter_id)
    assert (shown["state"], shown["signed"]["version"]) == ("signed", 2)
    assert "VERSI DUA" in pdf_text(letters.signed_pdf(kadis, letter_id))


# -- 2: reconcile takes only this letter, signed by its signer -------------------------------------
def _self_signed_pdf(view: rendering.LetterView) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "dr. Dewi Kadis")])
    now = dt.datetime.now(dt.UTC)
    usage = x509.KeyUsage(True, True, False, False, False, False, False, False, False)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        b"x", key, cert, None, serialization.BestAvailableEncryption(b"forged-123")
    )
    return _signed(view, SignerRef("x", "dr. Dewi Kadis", "Kepala", pkcs12=p12), "forged-123")


def _signed(view: rendering.LetterView, signer: SignerRef, secret: str) -> bytes:
    rendered = rendering.render(view)
    appearance = Appearance(rendered.stamp_page, rendered.stamp_box, view.qr_url, "r", "l")
    return LocalProvider(None).sign_pdf(rendered.pdf, signer, secret, appearance, "r").pdf


def _unknown_attempt(service, letter_id: str):
    """A local attempt whose answer was lost: the letter `unknown`, the signed file at hand."""
    letters, kadis = service.letters, who(service, "kadis")
    provider = provider_for(service.home)
    ref = letters._signer_ref(kadis, letter_id, 1)
    started = letters._take_number(kadis, letter_id, 1, provider)
    result, _ = letters._sign_once(provider, started, ref, PASSPHRASE)
    lost = OutcomeUnknown(detail="lost", code="timeout", timeout=0)
    with pytest.raises(OutcomeUnknown):
        letters._stop_and_raise(kadis, letter_id, started, "signing_unknown", lost)
    return started, result


def test_reconcile_refuses_untrusted_or_another_signers_pdf_and_files_the_files_own_text(signing):
    service = signing
    letters, kadis = service.letters, who(service, "kadis")
    letters.enrol(ADMIN, "sekdis", PASSPHRASE)
    letter_id = ready_letter(service)
    started, result = _unknown_attempt(service, letter_id)
    sekdis_p12 = stored(service, lambda r: r.signers["sekdis"].pkcs12)
    sekdis = SignerRef("sekdis", "Citra Sekdis", "Sekretaris", pkcs12=sekdis_p12)
    forged = (
        _self_signed_pdf(started.view),  # untrusted certificate
        _signed(started.view, sekdis, PASSPHRASE),  # trusted, but not the signer's
        _signed(dataclasses.replace(started.view, body=("Isi lain.",)), sekdis, PASSPHRASE),
    )
    for pdf in forged:
        with pytest.raises(InvalidInput) as refused:
            letters.reconcile(ADMIN, letter_id, pdf)
        assert refused.value.key == "letter_reconcile_pdf_invalid"
    assert letters.letter(kadis, letter_id)["state"] == "unknown"
    assert letters.reconcile(kadis, letter_id, result.pdf) == "signed"
    shown = letters.letter(kadis, letter_id)
    assert letters.verification(shown["signed"]["verify_id"])["at_signing"]["trusted"] is True
    assert letters.signed_pdf(kadis, letter_id) == result.pdf
    # the record's text is what the uploaded file says (its kop, which the view's text lacks)
    keyring = service.letters.keyring
    pages = stored(
        service,
        lambda r: pages_of(r.letters[letter_id].signed, r.letters[letter_id].signed.text, keyring),
    )
    assert "PEMERINTAH KOTA UJI" in " ".join(pages)


def test_reconcile_refuses_a_self_signed_pdf_at_bsre(bsre):
    service, stub = bsre
    letter_id = ready_letter(service)
    stub.hang = True
    with pytest.raises(OutcomeUnknown):
        sign(service, letter_id)
    stub.wait_hanging()
    stub.hang = False
    kadis = who(service, "kadis")
    pdf = _self_signed_pdf(_final_view(service, letter_id))
    with pytest.raises(InvalidInput) as refused:
        service.letters.reconcile(ADMIN, letter_id, pdf)
    assert refused.value.key == "letter_reconcile_pdf_invalid"
    assert service.letters.reconcile(kadis, letter_id, None) == "ready"


def _final_view(service, letter_id: str) -> rendering.LetterView:
    letters = service.letters
    with reading(service.db) as root:
        pemda = pemda_of(root)
        letter = pemda.letters.letters[letter_id]
        return letters._final_view(pemda, pemda.letters, letter, None, "").view


# -- 3: a number a letter loses is voided in the agenda keluar ------------------------------------
def test_a_number_lost_by_rejection_or_withdrawal_is_a_void_line(bsre):
    service, _stub = bsre
    year = clock.today().year
    rejected, withdrawn = ready_letter(service), ready_letter(service)
    for letter_id in (rejected, withdrawn):
        with pytest.raises(WrongSecret):
            sign(service, letter_id, secret=WRONG)
    service.letters.reject(who(service, "kadis"), rejected, "tidak jadi")
    service.letters.send_back(who(service, "kadis"), withdrawn, "batal saja", 1)
    service.letters.withdraw(who(service, "staf"), withdrawn)
    third = ready_letter(service)
    assert sign(service, third)["number"] == f"400.7/003/DINKES/{year}"
    assert register(service, year) == [
        (f"400.7/001/DINKES/{year}", "void"),
        (f"400.7/002/DINKES/{year}", "void"),
        (f"400.7/003/DINKES/{year}", "signed"),
    ]
    reasons = stored(service, lambda r: sorted(v.reason for v in r.voids.values()))
    assert reasons == ["letter_number_void_rejected", "letter_number_void_withdrawn"]
    assert stored(service, lambda r: r.letters[rejected].number) == ""


def test_a_number_kept_across_new_year_is_voided_in_the_old_year(bsre):
    service, _stub = bsre
    letter_id = ready_letter(service)
    with clock.frozen(dt.datetime(2026, 12, 31, 16, 0)), pytest.raises(WrongSecret):
        sign(service, letter_id, secret=WRONG)
    with clock.frozen(dt.datetime(2027, 1, 2, 9, 0)):
        assert sign(service, letter_id)["number"] == "400.7/001/DINKES/2027"
        assert register(service, 2026) == [("400.7/001/DINKES/2026", "void")]
        assert register(service, 2027) == [("400.7/001/DINKES/2027", "signed")]


# -- 4: a kept number is printed again with the tokens of the day it is signed --------------------
def test_a_kept_number_is_reprinted_with_the_current_classification(bsre):
    service, _stub = bsre
    year = clock.today().year
    letter_id = ready_letter(service)
    with pytest.raises(WrongSecret):
        sign(service, letter_id, secret=WRONG)
    kadis, staf = who(service, "kadis"), who(service, "staf")
    service.letters.send_back(kadis, letter_id, "ganti klasifikasi", 1)
    service.letters.edit(staf, letter_id, {"classification": "800.1"})
    reapprove(service, letter_id, 2)
    done = sign(service, letter_id)
    assert done["number"] == f"800.1/001/DINKES/{year}"  # the same place, today's tokens
    scope = f"unit_type|DINKES|surat_dinas|{year}"
    assert stored(service, lambda r: dict(r.numbers)) == {f"{scope}|1": letter_id}
    assert register(service, year) == [(done["number"], "signed")]


# -- 6: signed bytes that cannot be stored are kept for reconcile ---------------------------------
def test_a_missing_master_key_is_refused_before_a_number_is_taken(signing):
    service = signing
    for name in ("staf", "kabid", "sekdis", "kadis"):
        service.access.set_clearance(ADMIN, name, "R")
    letter_id = ready_letter(service, sifat="rahasia")
    write(service, lambda pemda: setattr(pemda, "key_id", "kunci-lain"))
    with pytest.raises(KeyMismatch):
        sign(service, letter_id)
    assert stored(service, lambda r: (r.letters[letter_id].state, r.letters[letter_id].number)) == (
        "ready",
        "",
    )
    assert stored(service, lambda r: len(r.counters)) == 0


def test_a_failed_transaction_b_keeps_the_signed_bytes_for_reconcile(signing):
    service = signing
    for name in ("staf", "kabid", "sekdis", "kadis", "pencatat"):
        service.access.set_clearance(ADMIN, name, "R")
    letters, kadis = service.letters, who(service, "kadis")
    letter_id = ready_letter(service, sifat="rahasia")
    provider = provider_for(service.home)
    ref = letters._signer_ref(kadis, letter_id, 1)
    started = letters._take_number(kadis, letter_id, 1, provider)
    result, validation = letters._sign_once(provider, started, ref, PASSPHRASE)
    key_id = _key_id(service)
    write(service, lambda pemda: setattr(pemda, "key_id", "kunci-lain"))  # B will fail
    with pytest.raises(KeyMismatch) as failed:
        letters._store_signed(kadis, letter_id, started, result, validation)
    with pytest.raises(KeyMismatch):
        letters._stop_and_raise(kadis, letter_id, started, "signing_unknown", failed.value, result)
    pending = stored(service, lambda r: (r.letters[letter_id].state, r.letters[letter_id].pending))
    assert pending[0] == "unknown" and pending[1].sealed  # kept, sealed as a rahasia letter
    write(service, lambda pemda: setattr(pemda, "key_id", key_id))
    assert letters.reconcile(kadis, letter_id, None) == "signed"  # from the kept bytes
    assert letters.signed_pdf(kadis, letter_id) == result.pdf
    assert stored(service, lambda r: r.letters[letter_id].pending) is None


def _key_id(service) -> str | None:
    with reading(service.db) as root:
        return pemda_of(root).key_id
