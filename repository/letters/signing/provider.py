"""The signing seam: which provider signs, chosen by configuration alone.

`LONTAR_SIGNING` = `local` (default: the Pemda's CA, offline) or `bsre` (the national eSign
Client v2, at `LONTAR_BSRE_URL` with the application account `LONTAR_BSRE_USER` and the password
in the file `LONTAR_BSRE_PASSWORD_FILE`, waiting `LONTAR_BSRE_TIMEOUT` seconds). `LONTAR_TSA_URL`
makes local signatures PAdES B-T. The types live in `contract.py` and are re-exported here.
"""

from __future__ import annotations

import os
from pathlib import Path

from repository.core.config import Home
from repository.letters.signing.bsre import DEFAULT_TIMEOUT, BsreProvider
from repository.letters.signing.contract import (
    Appearance,
    OutcomeUnknown,
    SignerRef,
    SigningError,
    SigningProvider,
    SignResult,
    WrongSecret,
)
from repository.letters.signing.local import LocalProvider

__all__ = [
    "Appearance",
    "OutcomeUnknown",
    "SignResult",
    "SignerRef",
    "SigningError",
    "SigningProvider",
    "WrongSecret",
    "provider_for",
]

PROVIDER_ENV = "LONTAR_SIGNING"


def provider_for(home: Home) -> SigningProvider:
    """The configured provider; raises LontarError `signing_provider_unknown` or
    `signing_config_missing` for a set-up that cannot sign, before anyone tries."""
    name = os.environ.get(PROVIDER_ENV, "local").strip().lower() or "local"
    if name == "local":
        return LocalProvider(home, tsa_url=os.environ.get("LONTAR_TSA_URL", ""))
    if name == "bsre":
        return _bsre()
    raise SigningError("signing_provider_unknown", name=name)


def _bsre() -> BsreProvider:
    url = _required("LONTAR_BSRE_URL")
    user = _required("LONTAR_BSRE_USER")
    path = Path(_required("LONTAR_BSRE_PASSWORD_FILE")).expanduser()
    try:
        password = path.read_text().strip()
    except OSError as exc:
        raise SigningError(
            "signing_config_unreadable", name="LONTAR_BSRE_PASSWORD_FILE", detail=str(exc)
        ) from None
    timeout = os.environ.get("LONTAR_BSRE_TIMEOUT", "").strip() or str(DEFAULT_TIMEOUT)
    try:
        seconds = float(timeout)
    except ValueError:
        raise SigningError(
            "signing_config_unreadable", name="LONTAR_BSRE_TIMEOUT", detail=timeout
        ) from None
    return BsreProvider(url, user, password, seconds)


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise SigningError("signing_config_missing", name=name)
    return value
