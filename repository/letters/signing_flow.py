"""Signing a letter and settling an unknown outcome: the one flow that spans transactions.

The number and date are taken in a short transaction A (state signing), the PDF is rendered
and signed once outside any transaction, and transaction B stores, files and registers it
(state signed). A definite failure puts the letter back to ready with its number kept for the
next attempt; a timeout leaves it `unknown` until someone reconciles it. So numbers are
unique and gapless: a number is given only in a committed transaction A and always belongs
to exactly one letter. The passphrase lives only in the `sign` call.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os

from repository.core import clock
from repository.core.content import Pemda
from repository.core.db import reading
from repository.core.errors import AccessDenied, InvalidInput, LontarError
from repository.core.i18n import translate
from repository.core.security import Caller
from repository.ingest.extract import Extractor
from repository.letters import (
    filing,
    messages,  # noqa: F401  (registers the catalogue)
    numbering,
    rendering,
    views,
    workflow,
)
from repository.letters.house_style import FOOTER_CERTIFIED, FOOTER_LOCAL
from repository.letters.model import (
    SECURITY_OF_SIFAT,
    Letter,
    Registry,
    new_id,
    opaque_id,
    registry_of,
)
from repository.letters.service_base import LetterBase
from repository.letters.signing import verify
from repository.letters.signing.provider import (
    Appearance,
    OutcomeUnknown,
    SignerRef,
    SigningError,
    SigningProvider,
    SignResult,
    provider_for,
)
from repository.letters.views import Final, Who

PUBLIC_URL_ENV = "LONTAR_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://localhost:8501"
SHA_KEY = "sha256:"  # verify_ids also maps the signed file's hash to its letter


@dataclasses.dataclass(frozen=True)
class Started:
    """What transaction A hands to the signing outside transactions."""

    view: rendering.LetterView
    template: str
    number: str
    date: dt.date
    verify_url: str
    city: str
    reason: str


# Transaction A is short and every signer of one scope meets on its Counter: under a burst of
# signers it waits its turn (random back-off, at most 0.5 s a try) rather than give up.
NUMBER_RETRIES = 60


class SigningFlow(LetterBase):
    def sign(self, caller: Caller, letter_id: str, secret: str, version: int) -> dict:
        """Signs the current, fully verified version as the caller (holder or acting holder
        of the signer position). See the module's docstring for the steps."""
        provider = provider_for(self.home)
        signer = self._signer_ref(caller, letter_id, version)
        provider.check(signer, secret)  # a wrong passphrase: nothing taken, still ready
        started = self._take_number(caller, letter_id, version, provider)
        try:
            result, validation = self._sign_once(provider, started, signer, secret, letter_id)
        except OutcomeUnknown as exc:
            self._signing_stopped(caller, letter_id, "signing_unknown", exc)
            raise
        except Exception as exc:  # any failure after the number: back to ready, then raised
            self._signing_stopped(caller, letter_id, "signing_failed", exc)
            raise
        try:
            return self._store_signed(caller, letter_id, started, result, validation)
        except Exception as exc:  # signed but not kept: to be settled, never signed twice blind
            self._signing_stopped(caller, letter_id, "signing_unknown", exc)
            raise

    def _signer_ref(self, caller: Caller, letter_id: str, version: int) -> SignerRef:
        """Checks what can be checked before a number is taken, and who signs."""
        day = clock.today()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            who = Who.of(registry, caller, day)
            letter = self._letter(pemda, registry, who, letter_id)
            _check_signable(pemda, letter, who, version)
            enrolment = registry.signers.get(caller.name)
            if enrolment is None or enrolment.revoked:
                raise LontarError("signing_not_enrolled", name=views.person(pemda, caller.name))
            return SignerRef(
                account=caller.name,
                name=views.person(pemda, caller.name),
                position=_signer_title(registry, letter, caller.name, day),
                nik=getattr(enrolment, "nik", ""),
                pkcs12=enrolment.pkcs12,
            )

    def _take_number(
        self, caller: Caller, letter_id: str, version: int, provider: SigningProvider
    ) -> Started:
        """Transaction A: ready -> signing, the number and the date, the verification id."""

        def begin(pemda: Pemda) -> Started:
            registry = registry_of(pemda)
            day = clock.today()
            who = Who.of(registry, caller, day)
            letter = self._letter(pemda, registry, who, letter_id)
            self._apply(pemda, registry, who, letter, "begin_signing", version=version)
            _number(registry, letter, day)
            signer = registry.positions[letter.field("signer")]
            letter.date = day
            letter.signed_as = dict(signer.holders_on(day)).get(caller.name, "")
            template = registry.types[letter.type].template
            return self._final_view(pemda, registry, letter, provider, template)

        return self._write(
            caller,
            begin,
            f"letter number {letter_id}",
            audit=lambda s: [
                ("letter_numbered", f"letter:{letter_id}", {"number": s.number, "version": version})
            ],
            retries=NUMBER_RETRIES,
        )

    def _final_view(
        self, pemda: Pemda, registry: Registry, letter: Letter, provider, template: str
    ) -> Started:
        if not letter.verify_id:
            letter.verify_id = opaque_id()
            registry.verify_ids[letter.verify_id] = letter.id
        url = verify_url(letter.verify_id)
        certified = provider.certified if provider is not None else letter.certified
        final = Final(
            number=letter.number,
            date=letter.date,
            account=letter.signed_by,
            acting=letter.signed_as,
            qr_url=url,
            footer=footer(pemda, certified, url),
        )
        view = views.letter_view(
            pemda,
            registry,
            unit=letter.unit,
            type_code=letter.type,
            fields=dict(letter.current.fields),
            attachments=len(letter.lampiran),
            final=final,
        )
        reason = translate("letter_sign_reason", "id", number=letter.number)
        return Started(view, template, letter.number, letter.date, url, views.city(pemda), reason)

    def _sign_once(
        self, provider, started: Started, signer: SignerRef, secret: str, letter_id: str
    ):
        """Outside any transaction: render, sign exactly once, check the result."""
        rendered = rendering.render(started.view, started.template)
        appearance = Appearance(
            page=rendered.stamp_page,
            box=rendered.stamp_box,
            url=started.verify_url,
            reason=started.reason,
            location=started.city,
            lines=(signer.name, signer.position),
        )
        request_id = f"{letter_id}-{new_id()}"
        result = provider.sign_pdf(rendered.pdf, signer, secret, appearance, request_id)
        validation = verify.validate(result.pdf, self.home)
        if not validation.signed or not validation.intact:
            raise SigningError(
                "letter_signature_broken", detail=validation.summary, code="validate"
            )
        return result, validation

    def _signing_stopped(self, caller: Caller, letter_id: str, action: str, exc: Exception) -> None:
        """After a failure past transaction A: the letter leaves `signing` (number kept)."""
        code = str(getattr(exc, "params", {}).get("code", "") or type(exc).__name__)
        reason = getattr(exc, "key", type(exc).__name__)

        def stop(pemda: Pemda) -> None:
            registry = registry_of(pemda)
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            self._apply(pemda, registry, who, letter, action, note=reason)

        audited = (
            "letter_signing_unknown" if action == "signing_unknown" else "letter_signing_failed"
        )
        self._write(
            caller,
            stop,
            f"letter {action} {letter_id}",
            audit=lambda _: [(audited, f"letter:{letter_id}", {"reason": reason, "code": code})],
        )

    def _store_signed(
        self, caller: Caller, letter_id: str, started: Started, result, validation
    ) -> dict:
        """Transaction B: the signed bytes, filed and registered; state signed."""
        sha256 = hashlib.sha256(result.pdf).hexdigest()

        def finish(pemda: Pemda) -> dict:
            registry = registry_of(pemda)
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            letter.signed_at = clock.utcnow()
            self._apply(pemda, registry, who, letter, "finish_signing")
            return self._keep_signed(
                pemda, registry, letter, started, result, validation, sha256, caller.name
            )

        def entries(done: dict) -> list:
            detail = {"number": done["number"], "sha256": sha256}
            detail.update(provider=done["provider"], record=done["record"])
            return [("letter_signed", f"letter:{letter_id}", detail)]

        return self._write(caller, finish, f"letter signed {letter_id}", audit=entries)

    def _keep_signed(
        self, pemda, registry, letter, started: Started, result, validation, sha256, actor
    ) -> dict:
        letter.signed_sha256, letter.provider = sha256, result.provider
        letter.certified = bool(result.certified and validation.certified)
        letter.validation = {**views.validation_dict(validation), "evidence": dict(result.evidence)}
        registry.verify_ids[SHA_KEY + sha256] = letter.id
        record = filing.file_letter(
            pemda,
            registry,
            letter,
            pdf=result.pdf,
            sha256=sha256,
            text=views.text_of(started.view),
            description=views.record_description(pemda, registry, letter),
            keyring=self.keyring,
            actor=actor,
        )
        filing.file_lampiran(pemda, record, letter, self.keyring)
        key = filing.register_key(letter)
        filing.enter_register(registry, letter.unit, letter.date.year, key, letter.id)
        return {
            "number": letter.number,
            "date": letter.date.isoformat(),
            "sha256": sha256,
            "verify_url": started.verify_url,
            "provider": letter.provider,
            "certified": letter.certified,
            "record": record.id,
        }

    def reconcile(self, caller: Caller, letter_id: str, pdf: bytes | None) -> str:
        """Settles an unknown outcome: with the signed PDF (fetched from the provider, say)
        the letter is signed and filed as if the call had answered; without it, back to
        ready (its number kept)."""
        if pdf is None:
            return self._act(caller, letter_id, "reconcile", "letter_reconciled", outcome="ready")
        validation = verify.validate(pdf, self.home)
        started = self._reconcile_view(caller, letter_id, pdf, validation)
        provider = provider_for(self.home)
        result = SignResult(pdf, provider.id, provider.certified, {"reconciled": True})
        sha256 = hashlib.sha256(pdf).hexdigest()

        def settle(pemda: Pemda) -> str:
            registry = registry_of(pemda)
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            letter.signed_at = validation.signing_time or clock.utcnow()
            self._apply(pemda, registry, who, letter, "reconcile", outcome="signed")
            self._keep_signed(
                pemda, registry, letter, started, result, validation, sha256, caller.name
            )
            return letter.state

        return self._write(
            caller,
            settle,
            f"letter reconcile {letter_id}",
            audit=lambda now: [
                ("letter_reconciled", f"letter:{letter_id}", {"result": now, "sha256": sha256})
            ],
        )

    def _reconcile_view(self, caller: Caller, letter_id: str, pdf: bytes, validation) -> Started:
        """The PDF must be signed, intact, and be this letter: its number in its text (read
        in the sandboxed extractor, as any uploaded file)."""
        if not validation.signed or not validation.intact:
            raise InvalidInput("letter_reconcile_pdf_invalid")
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            if not letter.number or not letter.verify_id:
                raise InvalidInput("letter_reconcile_pdf_invalid")
            started = self._final_view(pemda, registry, letter, None, "")
        if started.number not in _pdf_text(pdf):
            raise InvalidInput("letter_reconcile_pdf_invalid")
        return started


def verify_url(verify_id: str) -> str:
    base = os.environ.get(PUBLIC_URL_ENV, "").strip() or DEFAULT_PUBLIC_URL
    return f"{base.rstrip('/')}/v/{verify_id}"


def footer(pemda: Pemda, certified: bool, url: str) -> str:
    """The configured footer (a `{url}` in it becomes the verification URL), else the
    default: BSrE's text for a certified signature, the internal-certificate notice else."""
    key = FOOTER_CERTIFIED if certified else FOOTER_LOCAL
    configured = pemda.settings.get(key, "")
    if configured:
        return configured.replace("{url}", url)
    default = "letter_footer_certified" if certified else "letter_footer_local"
    return translate(default, "id", url=url, pemda=pemda.name)


def _check_signable(pemda: Pemda, letter: Letter, who: Who, version: int) -> None:
    """The version is current, every paraf is on it, and the caller may begin signing."""
    if version != letter.version:
        raise LontarError("letter_version_stale", version=version, current=letter.version)
    if letter.state == "ready" and not workflow.fully_verified(letter):
        raise LontarError("letter_not_verified")
    if "begin_signing" not in views.actions(pemda, letter, who):
        raise AccessDenied("letter_action_not_allowed", action="begin_signing", state=letter.state)


def _number(registry: Registry, letter: Letter, day: dt.date) -> None:
    """The letter's number in its scope (or the one it kept from a failed attempt)."""
    signer = registry.positions[letter.field("signer")]
    numbering.number_for(
        registry,
        letter,
        registry.types[letter.type],
        unit_code=letter.unit,
        kka=letter.field("classification", ""),
        jabatan=signer.abbreviation,
        day=day,
        derajat=SECURITY_OF_SIFAT[letter.field("sifat", "biasa")],
    )


def _pdf_text(pdf: bytes) -> str:
    """The PDF's text, whitespace collapsed, read in the sandboxed extractor."""
    extractor = Extractor()
    try:
        return " ".join(" ".join(extractor.extract(pdf).pages).split())
    finally:
        extractor.close()


def _signer_title(registry: Registry, letter: Letter, account: str, day: dt.date) -> str:
    position = registry.positions[letter.field("signer")]
    acting = dict(position.holders_on(day)).get(account, "")
    return f"{acting}. {position.name}" if acting else position.name
