"""The Pemda's own certification authority, for signing offline without BSrE.

`init_ca` makes it once: a self-signed RSA-3072 root valid ten years (loaded only to issue).
Its private key is kept PEM-encrypted under a key derived from the installation's master key
(`keys.Keyring`), in `<home>/secrets/signing-ca.key` (0600), so a copy of the data directory
alone cannot issue certificates; the certificate is public, in `<home>/signing/ca.pem`.

`issue` gives a signer an EC P-256 key (as strong as RSA-3072, and opened in a millisecond at
every signing, where an RSA-3072 key takes a good part of a second to load and check) and a
two-year certificate with the nonRepudiation (content commitment) key usage that
document-signature validators demand, as a PKCS#12 encrypted with the signer's passphrase. The
passphrase goes into that encryption only; Lontar writes it nowhere.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from repository.core import clock
from repository.core.config import Home
from repository.core.errors import InvalidInput, LontarError
from repository.core.keys import KeyMismatch, Keyring

KEY_BITS = 3072
CA_YEARS = 10
SIGNER_YEARS = 2
MIN_PASSPHRASE = 8
BACKDATE = dt.timedelta(minutes=10)  # a verifier whose clock runs a little behind still accepts
KEY_PURPOSE = "signing-ca"


@dataclass(frozen=True)
class CAInfo:
    subject: str
    serial: int
    not_before: dt.datetime
    not_after: dt.datetime
    fingerprint: str  # SHA-256 of the certificate, hex
    pem: bytes


@dataclass(frozen=True)
class Issued:
    pkcs12: bytes
    subject: str
    serial: int
    not_after: dt.datetime
    fingerprint: str


def ca_key_path(home: Home) -> Path:
    return home.path / "secrets" / "signing-ca.key"


def ca_cert_path(home: Home) -> Path:
    return home.path / "signing" / "ca.pem"


def trusted_dir(home: Home) -> Path:
    """Extra roots (the BSrE chain's root, say), one or more PEM certificates per file."""
    return home.path / "signing" / "trusted"


def init_ca(home: Home, keyring: Keyring, pemda_name: str) -> CAInfo:
    """Makes the CA once; a second call raises LontarError `signing_ca_exists` and changes
    nothing (the key file is created exclusively, so two at once cannot both succeed)."""
    existing = ca_info(home)
    if existing is not None:
        raise LontarError("signing_ca_exists", subject=existing.subject)
    password = keyring.derived(KEY_PURPOSE)  # raises KeyMissing before anything is written
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    cert = _ca_certificate(key, pemda_name.strip() or "Pemda")
    _write_private(ca_key_path(home), _encrypted_key(key, password))
    path = ca_cert_path(home)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    info = ca_info(home)
    assert info is not None
    return info


def ca_info(home: Home) -> CAInfo | None:
    path = ca_cert_path(home)
    if not path.exists() or not ca_key_path(home).exists():
        return None
    data = path.read_bytes()
    cert = x509.load_pem_x509_certificate(data)
    return CAInfo(
        subject=cert.subject.rfc4514_string(),
        serial=cert.serial_number,
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        fingerprint=cert.fingerprint(hashes.SHA256()).hex(),
        pem=data,
    )


def issue(
    home: Home, keyring: Keyring, account: str, full_name: str, passphrase: str, *, nik: str = ""
) -> Issued:
    """A signer's PKCS#12 (key, certificate, the CA's certificate). Raises InvalidInput
    `signing_passphrase_short` / `signing_name_required`, LontarError `signing_ca_missing`."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput("signing_passphrase_short", minimum=MIN_PASSPHRASE)
    if not full_name.strip():
        raise InvalidInput("signing_name_required")
    ca_key, ca_cert = _load_ca(home, keyring)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _signer_certificate(key, ca_key, ca_cert, account, full_name.strip(), nik.strip())
    bundle = pkcs12.serialize_key_and_certificates(
        name=account.encode(),
        key=key,
        cert=cert,
        cas=[ca_cert],
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode()),
    )
    return Issued(
        pkcs12=bundle,
        subject=cert.subject.rfc4514_string(),
        serial=cert.serial_number,
        not_after=cert.not_valid_after_utc,
        fingerprint=cert.fingerprint(hashes.SHA256()).hex(),
    )


def trust_roots(home: Home) -> list[asn1_x509.Certificate]:
    """What validation trusts: the Pemda CA and every certificate in `signing/trusted/`;
    never the operating system's list, which says nothing about who may sign a letter."""
    paths = [ca_cert_path(home)] if ca_cert_path(home).exists() else []
    if trusted_dir(home).is_dir():
        paths += sorted(trusted_dir(home).glob("*.pem"))
    return [cert for path in paths for cert in _pem_certificates(path.read_bytes())]


def extra_roots(home: Home) -> list[asn1_x509.Certificate]:
    """The roots of certified signatures (BSrE/PSrE): everything trusted but the Pemda CA."""
    if not trusted_dir(home).is_dir():
        return []
    paths = sorted(trusted_dir(home).glob("*.pem"))
    return [cert for path in paths for cert in _pem_certificates(path.read_bytes())]


# -- the certificates ----------------------------------------------------------------------------
def _ca_certificate(key: rsa.RSAPrivateKey, pemda_name: str) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, pemda_name),
            x509.NameAttribute(NameOID.COMMON_NAME, f"Otoritas Sertifikat {pemda_name}"),
        ]
    )
    start = clock.utcnow() - BACKDATE
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    usage = _key_usage(key_cert_sign=True, crl_sign=True)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=365 * CA_YEARS + 3))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA256())
    )


def _signer_certificate(
    key: ec.EllipticCurvePrivateKey,
    ca_key: rsa.RSAPrivateKey,
    ca_cert: x509.Certificate,
    account: str,
    full_name: str,
    nik: str,
) -> x509.Certificate:
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, _organisation(ca_cert)),
        x509.NameAttribute(NameOID.COMMON_NAME, full_name),
        x509.NameAttribute(NameOID.USER_ID, account),
    ]
    if nik:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, nik))
    start = clock.utcnow() - BACKDATE
    issuer_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=365 * SIGNER_YEARS + 1))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(digital_signature=True, content_commitment=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(issuer_ski),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )


def _key_usage(**granted: bool) -> x509.KeyUsage:
    names = ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment")
    names += ("key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only")
    return x509.KeyUsage(**{name: granted.get(name, False) for name in names})


def _organisation(ca_cert: x509.Certificate) -> str:
    found = ca_cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return str(found[0].value) if found else "Pemda"


# -- files -------------------------------------------------------------------------------------
def _encrypted_key(key: rsa.RSAPrivateKey, password: bytes) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(password),
    )


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise LontarError("signing_ca_exists", subject=str(path)) from None
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def _load_ca(home: Home, keyring: Keyring) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    if ca_info(home) is None:
        raise LontarError("signing_ca_missing")
    password = keyring.derived(KEY_PURPOSE)
    try:
        key = serialization.load_pem_private_key(ca_key_path(home).read_bytes(), password)
    except ValueError:  # another master key than the one the CA was made under
        raise KeyMismatch(path=str(keyring.path)) from None
    assert isinstance(key, rsa.RSAPrivateKey)
    return key, x509.load_pem_x509_certificate(ca_cert_path(home).read_bytes())


def _pem_certificates(data: bytes) -> list[asn1_x509.Certificate]:
    if not asn1_pem.detect(data):
        return [asn1_x509.Certificate.load(data)]
    return [
        asn1_x509.Certificate.load(der)
        for kind, _headers, der in asn1_pem.unarmor(data, multiple=True)
        if kind == "CERTIFICATE"
    ]
