"""E-mail notifications: the outbox, the messages, and sending them through SMTP.

A change that puts work in someone's queue (a disposition to their position, a letter
addressed to it registered, a letter waiting for their paraf or signature) adds an entry to
`registry.outbox` in the same transaction. The worker sends the entries after commit, never
inside a person's transaction: a send that fails stays in the outbox with its error and is
tried again later, with a growing pause. Notifications are off by default: while no SMTP
server is configured (config.mail_settings) the outbox is None and nothing is queued; a
worker that starts without a server switches it off again (switch_off), so an outbox nobody
empties never grows. Each entry names one account (the holders are expanded when queued):
a refused address or a retry concerns that account only, never someone already served.

A message names only what waits; for a classified letter (T, R, SR) not even its hal.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from BTrees.OOBTree import OOBTree

from repository.core import clock
from repository.core.config import MailSettings
from repository.core.content import Pemda
from repository.core.i18n import LANGUAGES, translate
from repository.letters import messages  # noqa: F401  (registers the catalogue)
from repository.letters.model import SECURITY_OF_SIFAT, Registry, new_id

# which additions to a work queue (workindex.add) are worth an e-mail, as which event
EVENT_OF_QUEUE = {"disp_unread": "disposition", "incoming_unread": "incoming"}
EVENTS = ("disposition", "incoming", "to_verify", "to_sign")
BATCH = 20
FIRST_PAUSE = dt.timedelta(minutes=1)
LONGEST_PAUSE = dt.timedelta(hours=6)
SMTP_TIMEOUT = 20
# the server refused this one message; the connection stays usable for the next
REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)
PAGE = {"letter": "Naskah_Keluar", "incoming": "Naskah_Masuk"}  # the pages' URLs (docs/ui.md)


@dataclass(frozen=True)
class Mail:
    key: str  # the outbox entry it comes from
    to: str
    subject: str
    body: str


# -- queueing (in the caller's transaction) -------------------------------------------------------
def enabled(registry: Registry | None) -> bool:
    return getattr(registry, "outbox", None) is not None


def switch_on(registry: Registry) -> None:
    if registry.outbox is None:
        registry.outbox = OOBTree()


def switch_off(registry: Registry | None) -> bool:
    """The worker found no mail server configured: stop queueing, and drop what waits (it
    could never be sent, and an outbox nobody empties only grows). True when it was on."""
    if not enabled(registry):
        return False
    registry.outbox = None
    return True


def enqueue(registry: Registry, event: str, owner: str, item: str) -> None:
    """An e-mail about `item` to each account holding `owner` ("position:CODE") today, when
    switched on: one entry per account, so a refused address or a retry never sends twice to
    someone already served. Keys sort by time, so the oldest is sent first."""
    if event not in EVENTS:
        raise ValueError(event)
    if not enabled(registry):
        return
    stamp = clock.utcnow().isoformat()
    for account in _holders(registry, owner, clock.today()):
        key = f"{stamp}|{new_id()}"
        registry.outbox[key] = {
            "event": event, "owner": owner, "item": item, "account": account, "attempts": 0
        }  # fmt: skip


def _holders(registry: Registry, owner: str, day: dt.date) -> list[str]:
    kind, _, code = owner.partition(":")
    position = registry.positions.get(code) if kind == "position" else None
    if position is None:
        return []
    return list(dict.fromkeys(name for name, _ in position.holders_on(day)))


def on_queue(registry: Registry, queue: str, owner: str, item: str) -> None:
    """Called by workindex.add for every addition: the ones in EVENT_OF_QUEUE notify."""
    event = EVENT_OF_QUEUE.get(queue)
    if event is not None:
        enqueue(registry, event, owner, item)


# -- what is due, and the messages ----------------------------------------------------------------
def due(registry: Registry | None, now: dt.datetime) -> list[tuple[str, dict]]:
    """The oldest BATCH entries whose next attempt is due."""
    found = []
    for key, entry in (getattr(registry, "outbox", None) or {}).items():
        retry = entry.get("retry")
        if retry is None or retry <= now:
            found.append((key, entry))
            if len(found) == BATCH:
                break
    return found


def compose(
    pemda: Pemda, registry: Registry, key: str, entry: dict, day: dt.date, url: str
) -> list[Mail]:
    """The message to the entry's account (an older entry without one: to every holder of the
    owner position on the day) when they have an e-mail address and still hold the position,
    in their language; none when the item is gone."""
    facts = _facts(registry, entry)
    if facts is None:
        return []
    mails = []
    for account in _accounts(pemda, registry, entry, day):
        address = str(getattr(account, "email", "") or "").strip()
        if not address:
            continue
        lang = getattr(account, "language", "") or "id"
        lang = lang if lang in LANGUAGES else "id"
        subject, body = _words(entry["event"], facts, lang, url)
        mails.append(Mail(key, address, subject, body))
    return mails


def _facts(registry: Registry, entry: dict) -> dict | None:
    """hal, agenda and class of what waits, and where it is opened."""
    item, event = entry["item"], entry["event"]
    if event in ("to_verify", "to_sign"):
        letter = registry.letters.get(item)
        if letter is None:
            return None
        security = letter.security or SECURITY_OF_SIFAT.get(letter.field("sifat", "biasa"), "R")
        return {"hal": letter.field("hal", ""), "agenda": "", "security": security,
                "page": PAGE["letter"], "id": letter.id}  # fmt: skip
    incoming_id = item
    if event == "disposition":
        found = (registry.dispositions or {}).get(item)
        if found is None or not found.live:
            return None
        incoming_id = found.incoming_id
    incoming = (registry.incoming or {}).get(incoming_id)
    if incoming is None:
        return None
    return {"hal": incoming.hal, "agenda": incoming.agenda, "security": incoming.security or "B",
            "page": PAGE["incoming"], "id": incoming.id}  # fmt: skip


def _accounts(pemda: Pemda, registry: Registry, entry: dict, day: dt.date) -> list:
    names = _holders(registry, entry["owner"], day)
    if entry.get("account"):
        names = [name for name in names if name == entry["account"]]
    accounts = pemda.accounts or {}
    found = [accounts.get(name) for name in names]
    return [a for a in found if a is not None and not getattr(a, "disabled", False)]


def _words(event: str, facts: dict, lang: str, url: str) -> tuple[str, str]:
    """The catalogue's subject and body; a classified letter is only "something waits"."""
    link = f"{url}/{facts['page']}?id={facts['id']}" if url else ""
    classified = facts["security"] != "B"
    kind = "waiting" if classified else event
    params = {"hal": facts["hal"], "agenda": facts["agenda"] or "-"}
    subject = translate(f"notify_subject_{kind}", lang, **params)
    body = translate(f"notify_body_{kind}", lang, **params)
    if link:
        body += "\n\n" + translate("notify_link", lang, link=link)
    return subject, body + "\n\n" + translate("notify_footer", lang)


# -- sending (outside any transaction) ------------------------------------------------------------
def send(settings: MailSettings, mails: list[Mail]) -> dict[str, str]:
    """Sends the messages over one connection; returns {outbox key: error} of those that
    failed: a refused message fails its own entry; a dropped connection fails only the
    messages not yet handed over (those already sent count as sent)."""
    failed: dict[str, str] = {}
    sent: set[str] = set()
    if not mails:
        return failed
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            for mail in mails:
                try:
                    smtp.send_message(_message(settings, mail))
                except REFUSED as exc:
                    failed[mail.key] = _error(exc)
                else:
                    sent.add(mail.key)
    except (OSError, smtplib.SMTPException) as exc:
        for mail in mails:
            if mail.key not in sent:
                failed.setdefault(mail.key, _error(exc))
    return failed


def _message(settings: MailSettings, mail: Mail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message.set_content(mail.body)
    return message


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def settle(registry: Registry, outcomes: dict[str, str | None], now: dt.datetime) -> None:
    """After sending: a sent entry leaves the outbox; a failed one keeps its error and waits
    a pause that doubles with every attempt (FIRST_PAUSE up to LONGEST_PAUSE)."""
    outbox = registry.outbox
    if outbox is None:
        return
    for key, error in outcomes.items():
        entry = outbox.get(key)
        if entry is None:
            continue
        if error is None:
            del outbox[key]
            continue
        attempts = entry.get("attempts", 0) + 1
        pause = min(FIRST_PAUSE * (2 ** (attempts - 1)), LONGEST_PAUSE)
        outbox[key] = {**entry, "attempts": attempts, "error": error, "retry": now + pause}


def pending_rows(registry: Registry | None) -> list[dict]:
    """The outbox as the CLI and tests read it: event, owner, attempts and last error."""
    outbox = getattr(registry, "outbox", None) or {}
    return [
        {
            "key": key,
            "event": entry["event"],
            "owner": entry["owner"],
            "account": entry.get("account", ""),
            "attempts": entry.get("attempts", 0),
            "error": entry.get("error", ""),
        }
        for key, entry in outbox.items()
    ]
