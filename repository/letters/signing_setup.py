"""Setting up signatures: the Pemda's own CA (once), enrolling signers (a certificate whose
key is sealed by the passphrase the signer chose, typed here and kept nowhere), and what the
signing set-up looks like now (CA, provider chosen by the environment, enrolled signers).
"""

from __future__ import annotations

import re

from repository.core.content import Pemda
from repository.core.db import reading
from repository.core.errors import InvalidInput, LontarError
from repository.core.security import Caller
from repository.letters import (
    messages,  # noqa: F401  (registers the catalogue)
    views,
)
from repository.letters.model import Enrolment, registry_of
from repository.letters.service_base import LetterBase
from repository.letters.signing import ca
from repository.letters.signing.provider import provider_for


class SigningSetup(LetterBase):
    def signing_init(self, caller: Caller) -> dict:
        """The Pemda's own CA, once (local signatures)."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            self._manage(caller, pemda)
            name = pemda.name
        info = ca.init_ca(self.home, self.keyring, name)
        self.record_event(
            caller,
            "signing_initialised",
            "signing:ca",
            subject=info.subject,
            fingerprint=info.fingerprint,
        )
        return views.ca_dict(info)

    def enrol(self, caller: Caller, account: str, passphrase: str, nik: str = "") -> dict:
        """Issues a signer's certificate, its key sealed by the passphrase the signer chose
        (typed here, kept nowhere); a new enrolment replaces an earlier one."""
        account = (account or "").strip().lower()
        nik = (nik or "").strip()
        if nik and not re.fullmatch(r"\d{16}", nik):
            raise InvalidInput("letter_nik_invalid")
        full_name = self._enrollee(caller, account)
        issued = ca.issue(self.home, self.keyring, account, full_name, passphrase, nik=nik)

        def keep(pemda: Pemda) -> dict:
            enrolment = Enrolment(
                account,
                issued.pkcs12,
                issued.subject,
                issued.serial,
                issued.not_after,
                issued.fingerprint,
            )
            enrolment.nik = nik
            registry_of(pemda).signers[account] = enrolment
            return views.enrolment_dict(enrolment)

        def entries(e: dict) -> list:
            detail = {"serial": str(e["serial"]), "fingerprint": e["fingerprint"]}
            return [("signer_enrolled", f"user:{account}", detail)]

        return self._write(caller, keep, f"enrol {account}", audit=entries)

    def _enrollee(self, caller: Caller, account: str) -> str:
        """The full name of the account to enrol (checked before a key is made)."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            self._manage(caller, pemda)
            found = (pemda.accounts or {}).get(account)
            if found is None:
                raise InvalidInput("position_holder_unknown", account=account)
            return found.full_name or account

    def signing_status(self, caller: Caller) -> dict:
        self.require(caller, "letters")
        info = ca.ca_info(self.home)
        try:
            provider = provider_for(self.home)
            chosen = {
                "provider": provider.id,
                "certified": provider.certified,
                "provider_error": "",
            }
        except LontarError as exc:
            chosen = {"provider": "", "certified": False, "provider_error": exc.key}
        with reading(self.db) as root:
            registry = self._pemda(root).letters
            signers = (
                [views.enrolment_dict(e) for e in registry.signers.values()] if registry else []
            )
        return {"ca": views.ca_dict(info) if info else None, **chosen, "signers": signers}
