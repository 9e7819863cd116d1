"""The national signing service: BSrE's "eSign Client" API v2 (shared/letters.md A5).

BSrE signs the whole PDF on its side and returns it, so this provider sits at the document
seam, not at pyHanko's signer. The rules that shape it: the passphrase exists only for the one
request; a sign call is sent once and never retried (requests' adapter retries nothing);
BSrE's own error text is shown to the person verbatim (2031, wrong passphrase, must be); a
connection that was never made is a plain failure, since nothing can have been signed.

Anything that leaves the outcome open after the request was sent is OutcomeUnknown, to
reconcile, never a failure the next click would sign again: a timeout, a connection dropped
or a body cut or garbled on the way back, a gateway's 502/503/504 (BSrE may have signed
behind it), and a 2xx whose body is not BSrE's JSON. Only BSrE's own JSON error (a 500 for an
unreadable file, 2031, 2011, ...) or a refused connection is definite.
"""

from __future__ import annotations

import base64
import binascii

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError

from repository.letters.signing import stamp
from repository.letters.signing.contract import (
    Appearance,
    OutcomeUnknown,
    SignerRef,
    SigningError,
    SignResult,
    WrongSecret,
)

DEFAULT_TIMEOUT = 60.0  # BSrE signs in about a second; verifying a large file takes far longer
CONNECT_TIMEOUT = 10.0
WRONG_PASSPHRASE = 2031
GATEWAY_STATUSES = frozenset({502, 503, 504})  # a proxy's answer: BSrE's outcome is unknown
DETAIL_LIMIT = 500  # an HTML error page is cut, not shown whole


class BsreProvider:
    id = "bsre"
    certified = True

    def __init__(self, url: str, user: str, password: str, timeout: float = DEFAULT_TIMEOUT):
        self.url, self.timeout = url.rstrip("/"), float(timeout)
        self.session = requests.Session()
        self.session.auth = (user, password)
        adapter = HTTPAdapter(max_retries=0)  # never resend: a second call could sign twice
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def check(self, signer: SignerRef, secret: str) -> None:
        """BSrE can only judge a passphrase by signing; nothing to check before."""

    def sign_pdf(
        self, pdf: bytes, signer: SignerRef, secret: str, appearance: Appearance, request_id: str
    ) -> SignResult:
        if not signer.nik:
            raise SigningError("signing_nik_missing", name=signer.name)
        body = {
            "nik": signer.nik,
            "passphrase": secret,
            "signatureProperties": [_properties(appearance)],
            "file": [base64.b64encode(pdf).decode()],
        }
        reply = self._post("/api/v2/sign/pdf", body)
        signed = _signed_file(reply)
        evidence = {"time": reply.get("time"), "request_id": request_id}
        return SignResult(pdf=signed, provider=self.id, certified=True, evidence=evidence)

    def status(self, nik: str) -> dict:
        """BSrE's account status of a person: `ISSUE` when they can sign, else e.g.
        `NOT_REGISTERED` (2011) or `NO_CERTIFICATE` (2021), as BSrE says it."""
        return self._post("/api/v2/user/check/status", {"nik": nik}, errors_are_answers=True)

    def verify(self, pdf: bytes) -> dict:
        """BSrE's own verdict on a file (kept as evidence beside ours)."""
        return self._post("/api/v2/verify/pdf", {"file": base64.b64encode(pdf).decode()})

    # -- one request, sent once ------------------------------------------------------------------
    def _post(self, path: str, body: dict, errors_are_answers: bool = False) -> dict:
        try:
            response = self.session.post(
                self.url + path,
                json=body,
                timeout=(min(CONNECT_TIMEOUT, self.timeout), self.timeout),
            )
        except requests.ConnectionError as exc:  # ConnectTimeout is one too
            if isinstance(exc, requests.ConnectTimeout) or _never_connected(exc):
                raise SigningError(
                    "signing_service_unreachable", detail=str(exc), code="connect"
                ) from None
            raise self._unknown(exc) from None
        except requests.RequestException as exc:  # a timeout, a body cut or garbled, ...
            raise self._unknown(exc) from None
        if _ambiguous(response):
            raise OutcomeUnknown(
                detail=_text(response), code=response.status_code, timeout=self.timeout
            )
        return _answer(response, errors_are_answers)

    def _unknown(self, exc: Exception) -> OutcomeUnknown:
        code = "timeout" if isinstance(exc, requests.Timeout) else "reply"
        return OutcomeUnknown(detail=type(exc).__name__, code=code, timeout=self.timeout)


def _never_connected(exc: requests.ConnectionError) -> bool:
    """Refused or unresolvable: the request never left, so nothing can have been signed."""
    reason = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)
    return isinstance(reason, NewConnectionError)


def _ambiguous(response: requests.Response) -> bool:
    """An answer that does not say whether BSrE signed: a gateway error, or a success whose
    body is not a JSON object."""
    if response.status_code in GATEWAY_STATUSES:
        return True
    if not response.ok:
        return False
    try:
        return not isinstance(response.json(), dict)
    except ValueError:
        return True


def _answer(response: requests.Response, errors_are_answers: bool) -> dict:
    if response.status_code == 401:
        raise SigningError("signing_service_auth", detail=_text(response), code=401)
    try:
        data = response.json()
    except ValueError:
        data = None
    if response.ok and isinstance(data, dict):
        return data
    if isinstance(data, dict) and "status_code" in data:
        if errors_are_answers:
            return data
        detail = str(data.get("error") or data.get("message") or _text(response))
        if _code(data) == WRONG_PASSPHRASE:
            raise WrongSecret(detail=detail, code=WRONG_PASSPHRASE)
        raise SigningError(detail=detail, code=data["status_code"])
    raise SigningError(detail=_text(response), code=response.status_code)


def _code(data: dict) -> int | None:
    try:
        return int(data.get("status_code"))
    except (TypeError, ValueError):
        return None


def _text(response: requests.Response) -> str:
    text = response.text.strip() or response.reason or ""
    return text[:DETAIL_LIMIT]


def _signed_file(reply: dict) -> bytes:
    files = reply.get("file")
    if not isinstance(files, list) or not files:
        raise SigningError(detail="no file in the reply", code="reply")
    try:
        return base64.b64decode(files[0], validate=True)
    except (binascii.Error, TypeError, ValueError):
        raise SigningError(detail="the reply's file is not base64", code="reply") from None


def _properties(appearance: Appearance) -> dict:
    """BSrE draws the image we send where we say, pages counted from 1."""
    x1, y1, x2, y2 = appearance.box
    return {
        "tampilan": "VISIBLE",
        "imageBase64": base64.b64encode(stamp.qr_png(appearance.url)).decode(),
        "page": appearance.page + 1,
        "originX": x1,
        "originY": y1,
        "width": x2 - x1,
        "height": y2 - y1,
        "location": appearance.location,
        "reason": appearance.reason,
    }
