"""Electronic signatures on real parts: the Pemda CA on disk, real PKCS#12 files, PDFs signed
by pyHanko and checked by pyHanko and by poppler's pdfsig, and the BSrE provider against a stub
HTTP server that follows the v2 contract (tests/bsre_stub.py)."""

from __future__ import annotations

import base64
import concurrent.futures
import hashlib
import io
import socket
import stat
import subprocess

import pytest
import segno
from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from repository.core.config import Home
from repository.core.errors import InvalidInput, LontarError
from repository.core.keys import KeyMismatch, Keyring, create_key
from repository.letters.signing import ca, stamp, verify
from repository.letters.signing.bsre import BsreProvider
from repository.letters.signing.local import LocalProvider
from repository.letters.signing.provider import (
    Appearance,
    OutcomeUnknown,
    SignerRef,
    SigningError,
    WrongSecret,
    provider_for,
)
from tests.bsre_stub import BsreStub, Person
from tests.conftest import make_pdf

PASSPHRASE = "kunci-rahasia-budi"
NIK = "3471010101800001"
URL = "https://lontar.example/v/k3J9xQ2m"
BOX = (300.0, 80.0, 550.0, 160.0)
APPEARANCE = Appearance(1, BOX, URL, "Surat dinas 000.1/001/DINKES/2026", "Kota Uji")
BSRE_PEOPLE = {NIK: Person(PASSPHRASE, name="dr. Siti Rahma"), "3471010101800002": Person("x")}


@pytest.fixture(scope="module")
def letter() -> bytes:
    """A two-page PDF; the signature goes on the second, as on a long letter."""
    paragraphs = [
        f"Paragraf {n} surat dinas ini, cukup panjang untuk mengisi." * 3 for n in range(40)
    ]
    pdf = make_pdf("Undangan rapat koordinasi", *paragraphs)
    assert len(PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Kids"]) >= 2
    return pdf


@pytest.fixture
def keyring(home) -> Keyring:
    create_key(home)
    return Keyring.load(home)


@pytest.fixture
def enrolled(home, keyring) -> SignerRef:
    ca.init_ca(home, keyring, "Pemerintah Kota Uji")
    issued = ca.issue(home, keyring, "budi", "Budi Santoso, S.Kom.", PASSPHRASE, nik=NIK)
    return SignerRef("budi", "Budi Santoso, S.Kom.", "Kepala Dinas Kesehatan", NIK, issued.pkcs12)


@pytest.fixture(scope="module")
def stub():
    with BsreStub(people=BSRE_PEOPLE, hang_seconds=20) as server:
        yield server


@pytest.fixture
def bsre(stub) -> BsreProvider:
    stub.hang = stub.drop = stub.garbled = stub.cut = False
    stub.gateway = 0
    stub.calls.clear()
    stub.bodies.clear()
    return BsreProvider(stub.url, stub.user, stub.password, timeout=2)


def _trust(home: Home, pem: bytes) -> None:
    ca.trusted_dir(home).mkdir(parents=True, exist_ok=True)
    (ca.trusted_dir(home) / "bsre-root.pem").write_bytes(pem)


def _flip(pdf: bytes, marker: bytes) -> bytes:
    """One byte changed inside the first signed range (a comment of the original file, so the
    file still parses and only the digest can tell)."""
    at = pdf.index(marker) + 2
    assert at < int(pdf.split(b"/ByteRange")[1].split()[2]), "inside the first signed range"
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]


# -- the Pemda CA ------------------------------------------------------------------------------
def test_the_ca_is_made_once_with_its_key_encrypted_and_private(home, keyring):
    info = ca.init_ca(home, keyring, "Pemerintah Kota Uji")
    assert "Pemerintah Kota Uji" in info.subject
    key_file = ca.ca_key_path(home)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert b"ENCRYPTED PRIVATE KEY" in key_file.read_bytes()
    cert = x509.load_pem_x509_certificate(ca.ca_cert_path(home).read_bytes())
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_cert_sign and usage.crl_sign
    assert (cert.not_valid_after_utc - cert.not_valid_before_utc).days >= 3650

    with pytest.raises(LontarError) as refused:
        ca.init_ca(home, keyring, "Pemerintah Kota Lain")
    assert refused.value.key == "signing_ca_exists"
    assert ca.ca_info(home) == info  # nothing was replaced


def test_a_signer_certificate_has_non_repudiation_and_only_the_passphrase_opens_it(home, keyring):
    ca.init_ca(home, keyring, "Pemerintah Kota Uji")
    issued = ca.issue(home, keyring, "budi", "Budi Santoso", PASSPHRASE, nik=NIK)
    key, cert, extra = pkcs12.load_key_and_certificates(issued.pkcs12, PASSPHRASE.encode())
    assert key is not None and cert is not None
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.content_commitment and usage.digital_signature and not usage.key_cert_sign
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Budi Santoso"
    assert cert.subject.get_attributes_for_oid(NameOID.USER_ID)[0].value == "budi"
    assert cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == NIK
    assert cert.issuer.rfc4514_string() == ca.ca_info(home).subject
    assert [c.subject for c in extra] == [cert.issuer]  # the CA travels with the key
    assert 729 <= (cert.not_valid_after_utc - cert.not_valid_before_utc).days <= 732
    assert issued.serial == cert.serial_number and issued.not_after == cert.not_valid_after_utc
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(issued.pkcs12, b"tebakan-salah")
    written = b"".join(p.read_bytes() for p in home.path.rglob("*") if p.is_file())
    assert PASSPHRASE.encode() not in written


def test_issuing_refuses_a_short_passphrase_no_ca_and_another_master_key(home, keyring, tmp_path):
    with pytest.raises(LontarError) as missing:
        ca.issue(home, keyring, "budi", "Budi", PASSPHRASE)
    assert missing.value.key == "signing_ca_missing"
    ca.init_ca(home, keyring, "Pemerintah Kota Uji")
    with pytest.raises(InvalidInput) as short:
        ca.issue(home, keyring, "budi", "Budi", "1234567")
    assert short.value.key == "signing_passphrase_short"
    other_home = Home.resolve(tmp_path / "elsewhere")
    create_key(other_home)
    with pytest.raises(KeyMismatch):
        ca.issue(home, Keyring.load(other_home), "budi", "Budi", PASSPHRASE)


# -- the local provider and validation -----------------------------------------------------------
def test_a_local_signature_is_valid_and_trusted_by_pyhanko_and_pdfsig(home, enrolled, letter):
    result = LocalProvider(home).sign_pdf(letter, enrolled, PASSPHRASE, APPEARANCE, "L-1")
    assert result.provider == "local" and result.certified is False
    assert result.pdf.startswith(letter)  # signed as an incremental update: the letter unchanged
    assert result.evidence["level"] == "PAdES-B-B"
    assert result.evidence["serial"] and result.evidence["fingerprint"]

    checked = verify.validate(result.pdf, home)
    assert (checked.signed, checked.intact, checked.valid, checked.trusted) == (True,) * 4
    assert checked.summary == "signature_valid" and checked.modification == "none"
    assert checked.signer == "Budi Santoso, S.Kom." and checked.signing_time is not None
    assert checked.certified is False and checked.timestamped is False
    assert checked.sha256 == hashlib.sha256(result.pdf).hexdigest()

    poppler = verify.pdfsig(result.pdf, ca.ca_info(home).pem)
    assert poppler["signatures"] == 1 and poppler["valid"] and poppler["trusted"], poppler
    assert "- Signature Type: ETSI.CAdES.detached" in poppler["lines"]  # PAdES


def test_the_visible_stamp_sits_in_the_box_on_the_page(home, enrolled, letter):
    signed = LocalProvider(home).sign_pdf(letter, enrolled, PASSPHRASE, APPEARANCE, "L-2").pdf
    reader = PdfFileReader(io.BytesIO(signed))
    field = reader.root["/AcroForm"]["/Fields"][0]
    assert field["/FT"] == "/Sig"
    assert [round(float(v)) for v in field["/Rect"]] == [round(v) for v in BOX]
    second_page = reader.root["/Pages"]["/Kids"][1]
    assert field["/P"] == second_page
    assert b"LiberationSans-Bold" in signed[len(letter) :]  # the name, in the stamp's own font


def test_the_stamp_qr_is_the_verification_url(tmp_path):
    """Read back from the rendered stamp: every module of the QR where segno puts it for the
    URL (poppler renders, PIL samples each module's centre)."""
    width, height, dpi = 250.0, 80.0, 288
    (tmp_path / "stamp.pdf").write_bytes(stamp.stamp_pdf(width, height, ("a", "b"), URL))
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "stamp.pdf", "stamp"],
        cwd=tmp_path,
        check=True,
    )
    image = Image.open(tmp_path / "stamp.png").convert("L")
    matrix = segno.make(URL, error="m").matrix
    side = min(height - 2 * stamp.PADDING, width * 0.4)
    module = side / (len(matrix) + 2 * stamp.QUIET)
    left = stamp.PADDING + stamp.QUIET * module
    top = (height - side) / 2 + stamp.QUIET * module + len(matrix) * module  # PDF y of row 0
    scale = dpi / 72
    read = [
        [
            image.getpixel((int((left + (c + 0.5) * module) * scale),
                            int((height - (top - (r + 0.5) * module)) * scale))) < 128
            for c in range(len(matrix))
        ]
        for r in range(len(matrix))
    ]  # fmt: skip
    assert read == [[bool(v) for v in row] for row in matrix]


def test_one_flipped_byte_is_caught_by_both_validators(home, enrolled, letter):
    signed = LocalProvider(home).sign_pdf(letter, enrolled, PASSPHRASE, APPEARANCE, "L-3").pdf
    tampered = _flip(signed, b"ReportLab Generated PDF")
    checked = verify.validate(tampered, home)
    assert checked.signed and not checked.intact and checked.summary == "signature_altered"
    poppler = verify.pdfsig(tampered, ca.ca_info(home).pem)
    assert poppler["digest_mismatch"] and not poppler["valid"], poppler["lines"]


def test_a_change_appended_after_signing_is_reported(home, enrolled, letter):
    signed = LocalProvider(home).sign_pdf(letter, enrolled, PASSPHRASE, APPEARANCE, "L-4").pdf
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0]
    page["/Rotate"] = generic.NumberObject(90)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    checked = verify.validate(out.getvalue(), home)
    assert checked.intact and checked.valid and checked.modification == "other"
    assert checked.summary == "signature_modified"


def test_a_signature_from_an_unknown_ca_is_intact_but_untrusted(home, enrolled, letter, tmp_path):
    signed = LocalProvider(home).sign_pdf(letter, enrolled, PASSPHRASE, APPEARANCE, "L-5").pdf
    stranger = Home.resolve(tmp_path / "stranger")
    create_key(stranger)
    stranger_ca = ca.init_ca(stranger, Keyring.load(stranger), "Kabupaten Lain")
    checked = verify.validate(signed, stranger)
    assert checked.intact and checked.valid and not checked.trusted
    assert checked.summary == "signature_untrusted"
    poppler = verify.pdfsig(signed, stranger_ca.pem)
    assert poppler["valid"] and not poppler["trusted"], poppler["lines"]


def test_a_wrong_passphrase_fails_before_anything_is_signed(home, enrolled, letter):
    provider = LocalProvider(home)
    with pytest.raises(WrongSecret) as early:
        provider.check(enrolled, "bukan-passphrase-nya")
    assert early.value.key == "signing_wrong_passphrase"
    assert "Passphrase salah" in early.value.message("id")
    with pytest.raises(WrongSecret):
        provider.sign_pdf(letter, enrolled, "bukan-passphrase-nya", APPEARANCE, "L-6")
    provider.check(enrolled, PASSPHRASE)  # the right one opens it


def test_a_signer_without_a_certificate_or_a_broken_pdf_fails_plainly(home, enrolled):
    provider = LocalProvider(home)
    unenrolled = SignerRef("sri", "Sri Wahyuni", "Sekretaris")
    with pytest.raises(SigningError) as none:
        provider.check(unenrolled, PASSPHRASE)
    assert none.value.key == "signing_not_enrolled" and "Sri Wahyuni" in none.value.message("id")
    with pytest.raises(SigningError) as broken:
        provider.sign_pdf(b"%PDF-1.7\nrusak", enrolled, PASSPHRASE, APPEARANCE, "L-7")
    assert broken.value.key == "signing_failed" and broken.value.params["code"]


def test_validation_never_raises_on_unsigned_or_broken_files(home, enrolled, letter):
    signed = LocalProvider(home).sign_pdf(letter, enrolled, PASSPHRASE, APPEARANCE, "L-8").pdf
    assert verify.validate(letter, home).summary == "signature_none"
    for bad in (
        b"",
        b"bukan pdf",
        signed[: len(signed) // 2],
        signed.replace(b"/ByteRange", b"/Byterange"),
    ):
        checked = verify.validate(bad, home)
        assert not checked.signed or not checked.intact, checked
        assert checked.summary in ("signature_unreadable", "signature_none", "signature_altered")
    assert verify.validate(b"bukan pdf", home).summary == "signature_unreadable"


def test_several_sessions_sign_at_once(home, enrolled, letter):
    """Nothing is shared between signings (no key cache, no files): the app signs for its
    sessions on Streamlit's threads, so three threads sign the same letter at once and every
    signature is valid. Signing from many processes is tests/test_letters_concurrency.py."""
    sign = LocalProvider(home).sign_pdf
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        jobs = [pool.submit(sign, letter, enrolled, PASSPHRASE, APPEARANCE, "P") for _ in range(3)]
        results = [job.result().pdf for job in jobs]
    assert len({hashlib.sha256(r).hexdigest() for r in results}) == 3
    assert all(verify.validate(r, home).summary == "signature_valid" for r in results)


def test_local_b_t_with_a_timestamp_server(home, enrolled, letter, stub):
    _trust(home, stub.root_pem)  # the stub's TSA chains to the stub root
    provider = LocalProvider(home, tsa_url=f"{stub.url}/tsa")
    result = provider.sign_pdf(letter, enrolled, PASSPHRASE, APPEARANCE, "L-9")
    assert result.evidence["level"] == "PAdES-B-T"
    checked = verify.validate(result.pdf, home)
    assert checked.summary == "signature_valid" and checked.timestamped
    assert checked.certified is False  # the signer still chains to the Pemda CA


# -- choosing a provider ------------------------------------------------------------------------
def test_the_provider_is_chosen_by_configuration(home, monkeypatch, tmp_path):
    monkeypatch.delenv("LONTAR_SIGNING", raising=False)
    assert provider_for(home).id == "local" and provider_for(home).certified is False
    monkeypatch.setenv("LONTAR_SIGNING", "bsre")
    with pytest.raises(SigningError) as missing:
        provider_for(home)
    assert missing.value.key == "signing_config_missing"
    secret = tmp_path / "bsre-password"
    secret.write_text("rahasia-aplikasi\n")
    monkeypatch.setenv("LONTAR_BSRE_URL", "http://127.0.0.1:9/")
    monkeypatch.setenv("LONTAR_BSRE_USER", "lontar-app")
    monkeypatch.setenv("LONTAR_BSRE_PASSWORD_FILE", str(secret))
    chosen = provider_for(home)
    assert (chosen.id, chosen.certified, chosen.session.auth) == (
        "bsre",
        True,
        ("lontar-app", "rahasia-aplikasi"),
    )
    monkeypatch.setenv("LONTAR_SIGNING", "psre-x")
    with pytest.raises(SigningError) as unknown:
        provider_for(home)
    assert unknown.value.key == "signing_provider_unknown"


# -- BSrE eSign Client v2, against the stub ------------------------------------------------------
def test_bsre_signs_once_and_the_result_is_certified(home, bsre, stub, letter):
    _trust(home, stub.root_pem)
    signer = SignerRef("siti", "dr. Siti Rahma", "Kepala Dinas Kesehatan", nik=NIK)
    bsre.check(signer, "anything")  # BSrE cannot tell before signing
    result = bsre.sign_pdf(letter, signer, PASSPHRASE, APPEARANCE, "B-1")
    assert stub.calls["/api/v2/sign/pdf"] == 1
    assert (result.provider, result.certified) == ("bsre", True) and result.evidence["time"]
    checked = verify.validate(result.pdf, home)
    assert checked.summary == "signature_valid" and checked.certified and checked.timestamped
    assert checked.signer == "dr. Siti Rahma"
    field = PdfFileReader(io.BytesIO(result.pdf)).root["/AcroForm"]["/Fields"][0]
    assert [round(float(v)) for v in field["/Rect"]] == [round(v) for v in BOX]
    assert bsre.verify(result.pdf)["conclusion"] == "VALID"


def test_bsre_signature_is_not_trusted_without_its_root(home, bsre, stub, letter):
    signer = SignerRef("siti", "dr. Siti Rahma", "Kepala Dinas", nik=NIK)
    result = bsre.sign_pdf(letter, signer, PASSPHRASE, APPEARANCE, "B-2")
    checked = verify.validate(result.pdf, home)
    assert checked.intact and not checked.trusted and not checked.certified


def test_bsre_wrong_passphrase_is_shown_verbatim(bsre, stub, letter):
    signer = SignerRef("siti", "dr. Siti Rahma", "Kepala Dinas", nik=NIK)
    with pytest.raises(WrongSecret) as refused:
        bsre.sign_pdf(letter, signer, "salah-ketik", APPEARANCE, "B-3")
    assert refused.value.params["detail"] == "Passphrase anda salah"
    assert refused.value.params["code"] == 2031
    assert "Passphrase anda salah" in refused.value.message("id")
    assert "Passphrase anda salah" in refused.value.message("en")
    assert stub.calls["/api/v2/sign/pdf"] == 1


def test_bsre_unknown_nik_and_missing_nik(bsre, stub, letter):
    stranger = SignerRef("anon", "Anon", "Staf", nik="3471019999999999")
    with pytest.raises(SigningError) as unknown:
        bsre.sign_pdf(letter, stranger, PASSPHRASE, APPEARANCE, "B-4")
    assert not isinstance(unknown.value, WrongSecret)
    assert (unknown.value.params["code"], unknown.value.params["detail"]) == (
        2011,
        "User tidak terdaftar",
    )
    with pytest.raises(SigningError) as no_nik:
        bsre.sign_pdf(letter, SignerRef("x", "Tanpa NIK", "Staf"), PASSPHRASE, APPEARANCE, "B-5")
    assert no_nik.value.key == "signing_nik_missing"
    assert stub.calls["/api/v2/sign/pdf"] == 1  # the one without a NIK never left


def test_bsre_wrong_application_account_is_401(stub, letter):
    provider = BsreProvider(stub.url, stub.user, "kata-sandi-lama", timeout=2)
    with pytest.raises(SigningError) as refused:
        provider.sign_pdf(letter, SignerRef("s", "S", "K", nik=NIK), PASSPHRASE, APPEARANCE, "B-6")
    assert refused.value.key == "signing_service_auth" and "Unauthorized" in refused.value.message()


def test_bsre_answers_500_to_a_file_that_is_not_a_pdf(bsre):
    signer = SignerRef("siti", "dr. Siti Rahma", "Kepala Dinas", nik=NIK)
    with pytest.raises(SigningError) as failed:
        bsre.sign_pdf(b"bukan sebuah PDF", signer, PASSPHRASE, APPEARANCE, "B-7")
    assert failed.value.key == "signing_failed" and failed.value.params["code"] == 500
    assert "InvalidPdfException" in failed.value.params["detail"]


@pytest.mark.parametrize("mode", ["hang", "drop"])
def test_bsre_no_answer_after_sending_is_outcome_unknown_and_never_retried(
    bsre, stub, letter, mode
):
    setattr(stub, mode, True)
    signer = SignerRef("siti", "dr. Siti Rahma", "Kepala Dinas", nik=NIK)
    with pytest.raises(OutcomeUnknown) as unknown:
        bsre.sign_pdf(letter, signer, PASSPHRASE, APPEARANCE, "B-8")
    assert unknown.value.key == "signing_outcome_unknown"
    assert stub.calls["/api/v2/sign/pdf"] == 1


@pytest.mark.parametrize(
    ("mode", "value", "code"),
    [
        ("gateway", 502, 502),
        ("gateway", 503, 503),
        ("gateway", 504, 504),
        ("garbled", True, 200),
        ("cut", True, "reply"),
    ],
)
def test_bsre_an_answer_that_does_not_say_is_outcome_unknown(bsre, stub, letter, mode, value, code):
    """A proxy's 502/503/504, a 200 that is not BSrE's JSON, a body cut off: the request
    reached BSrE, which may have signed, so the outcome is unknown, never a plain failure
    that the next click would sign again."""
    setattr(stub, mode, value)
    signer = SignerRef("siti", "dr. Siti Rahma", "Kepala Dinas", nik=NIK)
    with pytest.raises(OutcomeUnknown) as unknown:
        bsre.sign_pdf(letter, signer, PASSPHRASE, APPEARANCE, "B-10")
    assert unknown.value.params["code"] == code
    assert stub.calls["/api/v2/sign/pdf"] == 1


def test_bsre_unreachable_is_a_plain_failure():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once the probe is closed
    provider = BsreProvider(f"http://127.0.0.1:{port}", "u", "p", timeout=2)
    with pytest.raises(SigningError) as failed:
        provider.sign_pdf(b"%PDF-", SignerRef("s", "S", "K", nik=NIK), "p", APPEARANCE, "B-9")
    assert failed.value.key == "signing_service_unreachable"
    assert not isinstance(failed.value, OutcomeUnknown)


def test_bsre_status_of_a_person(bsre):
    assert bsre.status(NIK)["status"] == "ISSUE"
    assert bsre.status("3471019999999999")["status_code"] == 2011


def test_bsre_gets_our_qr_as_a_png_with_one_based_pages(bsre, stub, letter):
    bsre.sign_pdf(letter, SignerRef("s", "S", "K", nik=NIK), PASSPHRASE, APPEARANCE, "B-10")
    [(path, sent)] = stub.bodies
    assert path == "/api/v2/sign/pdf"
    props = sent["signatureProperties"][0]
    assert props["page"] == APPEARANCE.page + 1 and props["tampilan"] == "VISIBLE"
    assert (props["originX"], props["originY"], props["width"], props["height"]) == (
        300,
        80,
        250,
        80,
    )
    assert props["imageBase64"].startswith("iVBORw0KGgo")  # a PNG
    assert sent["passphrase"] == PASSPHRASE and sent["nik"] == NIK
    assert base64.b64decode(sent["file"][0]) == letter
