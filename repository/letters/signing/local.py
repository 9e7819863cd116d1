"""The local provider: the signer's PKCS#12 from the Pemda CA, opened with their passphrase,
signs with pyHanko as PAdES B-B (B-T when a timestamp server is configured).

Nothing is shared between calls or processes (no files, no cache of keys): the PKCS#12 comes
with the SignerRef, the passphrase lives only for the call, so any number of app processes can
sign at once. Signatures made this way are not certified (`certified=False`): the Pemda CA is
trusted by Lontar and by those who import its certificate, not by the national root.
"""

from __future__ import annotations

import io

import requests
from cryptography.hazmat.primitives import hashes
from cryptography.x509 import load_der_x509_certificate
from pyhanko.pdf_utils import content, layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper
from pyhanko.stamp.static import StaticStampStyle

from repository.core import clock, formatting
from repository.core.config import Home
from repository.core.i18n import translate
from repository.letters.signing import stamp
from repository.letters.signing.contract import (
    Appearance,
    SignerRef,
    SigningError,
    SignResult,
    WrongSecret,
)

LETTER_LANGUAGE = "id"  # a letter's stamp speaks the letter's language, not the signer's
TSA_TIMEOUT = 20
_PDF_FAILURES = (PdfError, ValueError, IndexError, KeyError, TimestampRequestError)


class LocalProvider:
    id = "local"
    certified = False

    def __init__(self, home: Home, tsa_url: str = "") -> None:
        self.home, self.tsa_url = home, tsa_url.strip()

    def check(self, signer: SignerRef, secret: str) -> None:
        """Opens the PKCS#12: a wrong passphrase fails here, before a number is taken."""
        _open(signer, secret)

    def sign_pdf(
        self, pdf: bytes, signer: SignerRef, secret: str, appearance: Appearance, request_id: str
    ) -> SignResult:
        key = _open(signer, secret)
        try:
            signed = self._sign(pdf, key, signer, appearance)
        except requests.RequestException as exc:
            raise SigningError(
                detail=f"TSA {self.tsa_url}: {exc}", code=type(exc).__name__
            ) from exc
        except _PDF_FAILURES as exc:
            raise SigningError(detail=str(exc), code=type(exc).__name__) from exc
        cert = load_der_x509_certificate(key.signing_cert.dump())
        evidence = {
            "serial": str(cert.serial_number),
            "fingerprint": cert.fingerprint(hashes.SHA256()).hex(),
            "subject": cert.subject.rfc4514_string(),
            "level": "PAdES-B-T" if self.tsa_url else "PAdES-B-B",
            "request_id": request_id,
        }
        return SignResult(pdf=signed, provider=self.id, certified=False, evidence=evidence)

    def _sign(
        self, pdf: bytes, key: signers.SimpleSigner, signer: SignerRef, appearance: Appearance
    ) -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        name = f"TTE{len(list(fields.enumerate_sig_fields(writer.prev))) + 1}"
        meta = signers.PdfSignatureMetadata(
            field_name=name,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=appearance.reason or None,
            location=appearance.location or None,
            name=signer.name,
        )
        x1, y1, x2, y2 = appearance.box
        spec = fields.SigFieldSpec(
            sig_field_name=name, on_page=appearance.page, box=(x1, y1, x2, y2)
        )
        lines = stamp_lines(signer, appearance.lines)
        page = stamp.stamp_pdf(x2 - x1, y2 - y1, lines, appearance.url, bold=signer.name)
        timestamper = (
            RequestsHTTPTimeStamper(self.tsa_url, timeout=TSA_TIMEOUT) if self.tsa_url else None
        )
        pdf_signer = signers.PdfSigner(
            meta, key, timestamper=timestamper, stamp_style=_style(page), new_field_spec=spec
        )
        return pdf_signer.sign_pdf(writer).getvalue()


def stamp_lines(signer: SignerRef, lines: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The stamp's words: that this is an electronic signature, who (the caller's `lines`, by
    default the signer's name and position), when, and that it is not a certified one."""
    moment = formatting.datetime_text(clock.now(), LETTER_LANGUAGE)
    return (
        translate("signing_stamp_heading", LETTER_LANGUAGE),
        *(lines or (signer.name, signer.position)),
        translate("signing_stamp_time", LETTER_LANGUAGE, time=moment),
        translate("signing_stamp_local", LETTER_LANGUAGE),
    )


def _open(signer: SignerRef, secret: str) -> signers.SimpleSigner:
    if not signer.pkcs12:
        raise SigningError("signing_not_enrolled", name=signer.name)
    try:
        return signers.SimpleSigner.load_pkcs12_data(signer.pkcs12, (), passphrase=secret.encode())
    except ValueError:
        raise WrongSecret("signing_wrong_passphrase", code="pkcs12") from None


class _StampPage(content.PdfContent):
    """A page of PDF bytes as the appearance (pyHanko's ImportedPdfPage reads only files)."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.data = data

    def render(self) -> bytes:
        imported = self._ensure_writer.import_page_as_xobject(
            PdfFileReader(io.BytesIO(self.data)), page_ix=0
        )
        self.resources.xobject["/Stamp"] = imported
        x1, y1, x2, y2 = imported.get_object()["/BBox"]
        self.box = layout.BoxConstraints(width=abs(x2 - x1), height=abs(y2 - y1))
        return b"/Stamp Do"


def _style(page: bytes) -> StaticStampStyle:
    return StaticStampStyle(
        background=_StampPage(page),
        background_opacity=1.0,
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
        ),
    )
