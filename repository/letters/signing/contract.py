"""The signing seam's types: who signs, where the stamp goes, what comes back, and how a
provider fails. Kept apart from `provider.py` so that the providers can import these without
importing the factory that imports them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from repository.core.errors import LontarError


@dataclass(frozen=True)
class SignerRef:
    """The signer as a provider needs them: the local provider opens `pkcs12`, BSrE knows the
    person by `nik`."""

    account: str
    name: str
    position: str
    nik: str = ""
    pkcs12: bytes = field(default=b"", repr=False)


@dataclass(frozen=True)
class Appearance:
    """Where the visible signature goes: `page` 0-based, `box` in PDF points with the origin
    bottom-left (x1, y1, x2, y2), `url` the verification page the QR code points to."""

    page: int
    box: tuple[float, float, float, float]
    url: str
    reason: str
    location: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class SignResult:
    pdf: bytes
    provider: str
    certified: bool
    evidence: dict


class SigningError(LontarError):
    """A definite failure: nothing was signed. `detail` is the provider's own words, shown
    verbatim; `code` its code (BSrE's status code, an HTTP status, an exception's name)."""

    key = "signing_failed"

    def __init__(
        self, key: str | None = None, *, detail: str = "", code: str | int = "", **params: object
    ) -> None:
        super().__init__(key, detail=detail, code=code, **params)


class WrongSecret(SigningError):
    """The passphrase (or TOTP) was refused; BSrE's 2031 text is shown as BSrE wrote it."""

    key = "signing_wrong_secret"


class OutcomeUnknown(SigningError):
    """The request left, and no answer came: the document may or may not be signed. Never
    resend on this; the letter waits to be reconciled."""

    key = "signing_outcome_unknown"


class SigningProvider(Protocol):
    id: str
    certified: bool

    def check(self, signer: SignerRef, secret: str) -> None:
        """Fails early (WrongSecret) where the provider can tell without signing."""

    def sign_pdf(
        self, pdf: bytes, signer: SignerRef, secret: str, appearance: Appearance, request_id: str
    ) -> SignResult:
        """Signs once; never retried automatically."""
