"""Signing a letter and settling an unknown outcome: the one flow that spans transactions.

The number and date are taken in a short transaction A (state signing), the PDF is rendered
and signed once outside any transaction, and transaction B stores, files and registers it
(state signed). A definite failure puts the letter back to ready with its number kept for the
next attempt; a timeout leaves it `unknown` until someone reconciles it. So numbers are
unique: a number is given only in a committed transaction A and always belongs to exactly
one letter; one the letter loses unsigned is voided in the agenda keluar (filing.void_number).
The passphrase lives only in the `sign` call.

Each attempt carries a token (`letter.signing_attempt`, set in A): the steps after the
provider's answer touch the letter only while it is still `signing` in that same attempt and
version, so a slow attempt's late answer can never land on a letter edited and re-signed in
the meantime. Signed bytes that cannot be stored are kept on the letter (`pending`) for
`reconcile`, never thrown away.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import os

from BTrees.OOBTree import OOBTree
from pyhanko.pdf_utils.reader import PdfFileReader

from repository.core import clock
from repository.core.config import DEFAULT_PUBLIC_URL, PUBLIC_URL_ENV
from repository.core.content import Pemda
from repository.core.db import reading
from repository.core.errors import AccessDenied, InvalidInput, LontarError, RecordNotFound
from repository.core.i18n import translate
from repository.core.sealing import new_attachment, original_bytes
from repository.core.security import Caller
from repository.ingest.extract import Extractor
from repository.letters import (
    filing,
    messages,  # noqa: F401  (registers the catalogue)
    numbering,
    rendering,
    threads,
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
from repository.letters.service_base import NOT_FOUND, LetterBase
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
    attempt: str = ""  # the token transaction A left on the letter (also BSrE's request id)
    version: int = 0  # the version this attempt signs


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
            result, validation = self._sign_once(provider, started, signer, secret)
        except OutcomeUnknown as exc:
            self._stop_and_raise(caller, letter_id, started, "signing_unknown", exc)
        except Exception as exc:  # any failure after the number: back to ready, then raised
            self._stop_and_raise(caller, letter_id, started, "signing_failed", exc)
        try:
            return self._store_signed(caller, letter_id, started, result, validation)
        except Exception as exc:  # signed but not kept: the bytes wait on the letter
            self._stop_and_raise(caller, letter_id, started, "signing_unknown", exc, result)

    def _stop_and_raise(self, caller, letter_id, started, action, exc, result=None):
        """Takes the letter out of its attempt, then raises the original error; a failure of
        that step too is chained to it, never put in its place."""
        try:
            self._signing_stopped(caller, letter_id, started, action, exc, result)
        except Exception as failed:
            raise exc from failed
        raise exc

    def _signer_ref(self, caller: Caller, letter_id: str, version: int) -> SignerRef:
        """Checks what can be checked before a number is taken, and who signs."""
        day = clock.today()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            who = Who.of(registry, caller, day)
            letter = self._letter(pemda, registry, who, letter_id)
            _check_signable(pemda, letter, who, version)
            security = _security(pemda, letter)
            _check_cleared(caller, letter, security)
            filing.check_sealable(pemda, security, self.keyring)
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
            _begin_attempt(pemda, letter, provider)
            _check_cleared(caller, letter, letter.security)  # the JRA may have changed since
            template = registry.types[letter.type].template
            started = self._final_view(pemda, registry, letter, provider, template)
            return dataclasses.replace(
                started, attempt=letter.signing_attempt, version=letter.signed_version
            )

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

    def _sign_once(self, provider, started: Started, signer: SignerRef, secret: str):
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
        result = provider.sign_pdf(rendered.pdf, signer, secret, appearance, started.attempt)
        validation = verify.validate(result.pdf, self.home)
        if not validation.signed or not validation.intact:
            raise SigningError(
                "letter_signature_broken", detail=validation.summary, code="validate"
            )
        return result, validation

    def _signing_stopped(
        self, caller: Caller, letter_id: str, started: Started, action: str, exc, result=None
    ) -> None:
        """After a failure past transaction A: the letter leaves `signing` (number kept), the
        signed bytes (if any) kept as `pending`. Refused (letter_signing_superseded) when the
        letter is no longer in this attempt; the bytes are then kept aside as a stray."""
        code = str(getattr(exc, "params", {}).get("code", "") or type(exc).__name__)
        reason = getattr(exc, "key", type(exc).__name__)

        def stop(pemda: Pemda) -> str:
            registry = registry_of(pemda)
            who = Who.of(registry, caller, clock.today())
            letter = _attempt_letter(registry, letter_id)
            kept = self._keep_bytes(pemda, letter, result)
            if not _same_attempt(letter, started):
                _stray(letter, started.attempt, kept)
                return SUPERSEDED
            self._apply(pemda, registry, who, letter, action, note=reason)
            letter.pending, letter.pending_attempt = kept, started.attempt if kept else ""
            return letter.state

        def entries(state: str) -> list:
            detail = {"reason": reason, "code": code, "kept": result is not None}
            if state == SUPERSEDED:
                return [("letter_signing_superseded", f"letter:{letter_id}", detail)]
            audited = (
                "letter_signing_unknown" if action == "signing_unknown" else "letter_signing_failed"
            )
            return [(audited, f"letter:{letter_id}", detail)]

        state = self._write(caller, stop, f"letter {action} {letter_id}", audit=entries)
        if state == SUPERSEDED:
            raise LontarError("letter_signing_superseded", number=started.number) from exc

    def _keep_bytes(self, pemda: Pemda, letter: Letter, result):
        """The signed PDF as an attachment in the letter's class (sealed when it must be)."""
        if result is None:
            return None
        sha256 = hashlib.sha256(result.pdf).hexdigest()
        security = filing.letter_security(pemda, letter)
        name = f"{(letter.number or letter.id).replace('/', '-')}.pdf"
        return new_attachment(name, result.pdf, filing.MEDIA_TYPE, sha256, security, self.keyring)

    def _store_signed(
        self, caller: Caller, letter_id: str, started: Started, result, validation
    ) -> dict:
        """Transaction B: the signed bytes, filed and registered; state signed."""
        sha256 = hashlib.sha256(result.pdf).hexdigest()

        def finish(pemda: Pemda) -> dict:
            registry = registry_of(pemda)
            who = Who.of(registry, caller, clock.today())
            letter = _attempt_letter(registry, letter_id)
            if not _same_attempt(letter, started):
                raise LontarError("letter_signing_superseded", number=started.number)
            letter.signed_at = clock.utcnow()
            self._apply(pemda, registry, who, letter, "finish_signing")
            text = views.text_of(started.view)
            return self._keep_signed(
                pemda, registry, letter, started, result, validation, sha256, caller.name, text
            )

        def entries(done: dict) -> list:
            detail = {"number": done["number"], "sha256": sha256}
            detail.update(provider=done["provider"], record=done["record"])
            return [("letter_signed", f"letter:{letter_id}", detail)]

        return self._write(caller, finish, f"letter signed {letter_id}", audit=entries)

    def _keep_signed(
        self, pemda, registry, letter, started: Started, result, validation, sha256, actor, text
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
            text=text,
            description=views.record_description(pemda, registry, letter),
            keyring=self.keyring,
            actor=actor,
        )
        filing.file_lampiran(pemda, record, letter, self.keyring)
        threads.file_reply(pemda, registry, letter, self.keyring, actor)
        key = filing.register_key(letter)
        filing.enter_register(registry, letter.unit, letter.date.year, key, letter.id)
        letter.pending, letter.pending_attempt = None, ""
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
        """Settles an unknown outcome: with the signed PDF (uploaded, or the bytes a failed
        transaction B kept as `pending`) the letter is signed and filed as if the call had
        answered; without a PDF that passes every check, back to ready (its number kept)."""
        if pdf is None:
            pdf = self._pending_pdf(caller, letter_id)
            if pdf is None:
                return self._reconcile_ready(caller, letter_id)
            try:
                checked = self._reconcile_check(caller, letter_id, pdf)
            except InvalidInput:
                return self._reconcile_ready(caller, letter_id)
        else:
            checked = self._reconcile_check(caller, letter_id, pdf)
        return self._reconcile_signed(caller, letter_id, pdf, checked)

    def _reconcile_ready(self, caller: Caller, letter_id: str) -> str:
        """Back to ready with the number kept; kept bytes that did not pass stay aside."""

        def settle(pemda: Pemda) -> str:
            registry = registry_of(pemda)
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            self._apply(pemda, registry, who, letter, "reconcile", outcome="ready")
            if letter.pending is not None:
                _stray(letter, letter.pending_attempt, letter.pending)
            letter.pending, letter.pending_attempt = None, ""
            return letter.state

        return self._write(
            caller,
            settle,
            f"letter reconcile {letter_id}",
            audit=lambda now: [("letter_reconciled", f"letter:{letter_id}", {"result": now})],
        )

    def _reconcile_signed(self, caller: Caller, letter_id: str, pdf: bytes, checked) -> str:
        started, validation, text, provider = checked
        result = SignResult(pdf, provider, provider == "bsre", {"reconciled": True})
        sha256 = hashlib.sha256(pdf).hexdigest()

        def settle(pemda: Pemda) -> str:
            registry = registry_of(pemda)
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            if letter.number != started.number or letter.verify_id not in started.verify_url:
                raise InvalidInput("letter_reconcile_pdf_invalid")
            letter.signed_at = validation.signing_time or clock.utcnow()
            self._apply(pemda, registry, who, letter, "reconcile", outcome="signed")
            self._keep_signed(
                pemda, registry, letter, started, result, validation, sha256, caller.name, text
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

    def _pending_pdf(self, caller: Caller, letter_id: str) -> bytes | None:
        """The bytes a failed transaction B kept, when they are of the letter's attempt."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            if letter.pending is None or letter.pending_attempt != letter.signing_attempt:
                return None
            return original_bytes(letter.pending, self.keyring)

    def _reconcile_check(self, caller: Caller, letter_id: str, pdf: bytes):
        """The PDF must be this letter, signed for it by the right signer: valid, trusted and
        unchanged since (timestamps aside); signed with the enrolled certificate of the
        account that began signing (local) or chaining to a trusted BSrE root; its own text
        bearing the number, the verification URL and the words of the signed version.
        Returns (started, validation, the file's text, provider id)."""
        validation = verify.validate(pdf, self.home)
        if not _sound(validation):
            raise InvalidInput("letter_reconcile_pdf_invalid")
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters
            who = Who.of(registry, caller, clock.today())
            letter = self._letter(pemda, registry, who, letter_id)
            if not letter.number or not letter.verify_id:
                raise InvalidInput("letter_reconcile_pdf_invalid")
            provider = letter.provider or provider_for(self.home).id
            enrolment = registry.signers.get(letter.signed_by)
            fingerprint = enrolment.fingerprint if enrolment is not None else ""
            started = self._final_view(pemda, registry, letter, None, "")
        if not _signed_by(pdf, validation, provider, fingerprint):
            raise InvalidInput("letter_reconcile_pdf_invalid")
        pages = _pdf_pages(pdf)
        if not _is_the_letter(" ".join(" ".join(pages).split()), started):
            raise InvalidInput("letter_reconcile_pdf_invalid")
        return started, validation, pages, provider


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


def _check_cleared(caller: Caller, letter: Letter, security: str) -> None:
    """The class the signed letter is filed in (the sifat's, or the JRA's when stricter) must
    be within the signer's clearance, or they could not see what they signed: refused before
    any number is taken."""
    if not caller.sees_class(security):
        raise AccessDenied(
            "letter_signer_clearance",
            security=security,
            classification=letter.field("classification", ""),
        )


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


def _pdf_pages(pdf: bytes) -> list[str]:
    """The PDF's own text per page, read in the sandboxed extractor (an uploaded file)."""
    extractor = Extractor()
    try:
        return list(extractor.extract(pdf).pages)
    finally:
        extractor.close()


SUPERSEDED = "superseded"
# changes a signature allows after it: none, or a later timestamp / LTA data
SOUND_MODIFICATIONS = frozenset({"none", "lta_updates"})


def _begin_attempt(pemda: Pemda, letter: Letter, provider: SigningProvider) -> None:
    """Transaction A's marks: the attempt's token and start, the provider, the class the
    record will have, and no bytes of an earlier attempt."""
    letter.signing_attempt = f"{letter.id}-{new_id()}"
    letter.signing_started = clock.utcnow()
    letter.provider = provider.id
    letter.security = filing.security_of(
        pemda, letter.field("sifat", "biasa"), letter.field("classification", "")
    )
    letter.pending, letter.pending_attempt = None, ""


def _attempt_letter(registry: Registry, letter_id: str) -> Letter:
    """The letter the steps after transaction A write to, by id: `_same_attempt` is their
    permission (only the attempt this process began matches), since the class fixed in A may
    be above the signer's clearance and must not strand the attempt."""
    letter = registry.letters.get(letter_id)
    if letter is None:
        raise RecordNotFound(NOT_FOUND, id=letter_id)
    return letter


def _same_attempt(letter: Letter, started: Started) -> bool:
    """The letter is still in the attempt that produced this answer, on its version."""
    return (
        letter.state == workflow.SIGNING
        and bool(started.attempt)
        and letter.signing_attempt == started.attempt
        and letter.signed_version == started.version
    )


def _stray(letter: Letter, attempt: str, attachment) -> None:
    """Signed bytes that belong to no current attempt: kept (a BSrE signature is a fact),
    never used as the letter's signature."""
    if attachment is None:
        return
    if letter.strays is None:
        letter.strays = OOBTree()
    letter.strays[attempt or new_id()] = attachment


def _security(pemda: Pemda, letter: Letter) -> str:
    return filing.security_of(
        pemda, letter.field("sifat", "biasa"), letter.field("classification", "")
    )


def _sound(validation) -> bool:
    return bool(
        validation.signed
        and validation.intact
        and validation.valid
        and validation.trusted
        and validation.modification in SOUND_MODIFICATIONS
    )


def _signed_by(pdf: bytes, validation, provider: str, fingerprint: str) -> bool:
    """BSrE: chains to a trusted BSrE root. Local: the last signature's certificate is the
    one enrolled for the account that began signing."""
    if provider == "bsre":
        return bool(validation.certified)
    if not fingerprint:
        return False
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
        found = hashlib.sha256(signatures[-1].signer_cert.dump()).hexdigest()
    except Exception:  # a hostile file may break the parser anywhere: it is simply refused
        return False
    return found == fingerprint.lower()


def _is_the_letter(text: str, started: Started) -> bool:
    """The number, the verification URL, and the words of the hal and body in order (other
    words, such as the stamp's or a page footer's, may come between)."""
    if started.number not in text or started.verify_url not in text:
        return False
    wanted = " ".join((started.view.hal, *started.view.body)).split()
    words = iter(text.split())
    return all(any(word == seen for seen in words) for word in wanted)


def _signer_title(registry: Registry, letter: Letter, account: str, day: dt.date) -> str:
    position = registry.positions[letter.field("signer")]
    acting = dict(position.holders_on(day)).get(account, "")
    return f"{acting}. {position.name}" if acting else position.name
