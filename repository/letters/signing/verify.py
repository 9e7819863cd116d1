"""Is this PDF signed, untouched since, by someone we trust? pyHanko answers for Lontar (the
verification page, the check after every signing); poppler's `pdfsig` is the independent second
opinion the tests ask.

Trust is explicit: the Pemda CA and the roots placed in `<home>/signing/trusted/` (BSrE's), never
the operating system's list, and nothing is fetched from the network. A signature that chains to
one of those extra roots is *certified*; one that chains to the Pemda CA is not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

from repository.core.config import Home
from repository.letters.signing.ca import extra_roots, trust_roots

PDFSIG_TIMEOUT = 120
# worst first: the summary of several signatures is the worst of theirs
VERDICTS = (
    "signature_altered",
    "signature_invalid",
    "signature_untrusted",
    "signature_modified",
    "signature_valid",
)


@dataclass(frozen=True)
class Validation:
    signed: bool
    intact: bool
    valid: bool
    trusted: bool
    signer: str
    signing_time: dt.datetime | None
    modification: str  # pyHanko's modification level, lower case: none, lta_updates, other, …
    sha256: str
    certified: bool
    summary: str  # a message key (verify messages)
    signatures: int = 0
    timestamped: bool = False  # every signature carries a timestamp token (PAdES B-T)
    detail: str = ""  # why a file could not be read


def validate(pdf: bytes, home: Home) -> Validation:
    """Never raises on a bad file: it is reported as `signed=False`, `signature_unreadable`."""
    digest = hashlib.sha256(pdf).hexdigest()
    roots, certified_roots = trust_roots(home), extra_roots(home)
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
        checked = [(sig, _check(sig, roots)) for sig in signatures]
    except Exception as exc:  # a hostile file can break the parser anywhere; it is reported
        return _unsigned(digest, "signature_unreadable", f"{type(exc).__name__}: {exc}")
    if not checked:
        return _unsigned(digest, "signature_none")
    last_sig, last = checked[-1]
    return Validation(
        signed=True,
        intact=all(status.intact for _sig, status in checked),
        valid=all(status.valid for _sig, status in checked),
        trusted=all(status.trusted for _sig, status in checked),
        signer=_common_name(last.signing_cert),
        signing_time=_signing_time(last_sig, last),
        modification=_modification(last),
        sha256=digest,
        certified=all(_anchored_in(status, certified_roots) for _sig, status in checked),
        summary=min((_verdict(status) for _sig, status in checked), key=VERDICTS.index),
        signatures=len(checked),
        timestamped=all(status.timestamp_validity is not None for _sig, status in checked),
    )


def _check(sig: EmbeddedPdfSignature, roots: list[asn1_x509.Certificate]) -> PdfSignatureStatus:
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    return validate_pdf_signature(sig, context)


def _unsigned(digest: str, summary: str, detail: str = "") -> Validation:
    return Validation(
        signed=False,
        intact=False,
        valid=False,
        trusted=False,
        signer="",
        signing_time=None,
        modification="",
        sha256=digest,
        certified=False,
        summary=summary,
        detail=detail,
    )


def _verdict(status: PdfSignatureStatus) -> str:
    if not status.intact:
        return "signature_altered"
    if not status.valid:
        return "signature_invalid"
    if not status.trusted:
        return "signature_untrusted"
    if not status.bottom_line:
        return "signature_modified"
    return "signature_valid"


def _common_name(cert: asn1_x509.Certificate) -> str:
    return str(cert.subject.native.get("common_name") or cert.subject.human_friendly)


def _signing_time(sig: EmbeddedPdfSignature, status: PdfSignatureStatus) -> dt.datetime | None:
    """The timestamp's time when there is one (B-T), else the time the signer claimed."""
    if status.timestamp_validity is not None:
        return status.timestamp_validity.timestamp
    return status.signer_reported_dt or sig.self_reported_timestamp


def _modification(status: PdfSignatureStatus) -> str:
    level = status.modification_level
    return level.name.lower() if level is not None else "unknown"


def _anchored_in(status: PdfSignatureStatus, roots: list[asn1_x509.Certificate]) -> bool:
    if not status.trusted or status.validation_path is None or not roots:
        return False
    anchor = status.validation_path.trust_anchor.authority
    return any(
        anchor.key_id == root.key_identifier or anchor.name == root.subject for root in roots
    )


# -- poppler's second opinion --------------------------------------------------------------------
def pdfsig(pdf: bytes, ca_pem: bytes) -> dict:
    """poppler's verdict with `ca_pem` as the only trusted root, in a throw-away NSS database.
    pdfsig exits 0 even on "Digest Mismatch", so its words are read, not its exit status:
    {"valid", "trusted", "signatures", "lines"}."""
    with tempfile.TemporaryDirectory(prefix="lontar-pdfsig-") as work:
        folder = Path(work)
        database = f"sql:{folder}"
        (folder / "ca.pem").write_bytes(ca_pem)
        (folder / "file.pdf").write_bytes(pdf)
        _run(["certutil", "-N", "--empty-password", "-d", database])
        _run(
            [
                "certutil",
                "-A",
                "-n",
                "ca",
                "-t",
                "CT,C,C",
                "-i",
                str(folder / "ca.pem"),
                "-d",
                database,
            ]
        )
        done = subprocess.run(
            ["pdfsig", "-nssdir", database, str(folder / "file.pdf")],
            capture_output=True,
            text=True,
            timeout=PDFSIG_TIMEOUT,
            check=False,
        )
    lines = [line.strip() for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    return _parse_pdfsig(lines)


def _run(command: list[str]) -> None:
    subprocess.run(command, capture_output=True, timeout=PDFSIG_TIMEOUT, check=True)


def _parse_pdfsig(lines: list[str]) -> dict:
    signatures = sum(1 for line in lines if re.match(r"Signature #\d+:", line))
    validations = [line for line in lines if "Signature Validation:" in line]
    certificates = [line for line in lines if "Certificate Validation:" in line]
    return {
        "signatures": signatures,
        "valid": bool(validations) and all("Signature is Valid" in v for v in validations),
        "trusted": bool(certificates) and all("Certificate is Trusted" in c for c in certificates),
        "digest_mismatch": any("Digest Mismatch" in line for line in validations),
        "lines": lines,
    }
