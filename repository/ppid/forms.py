"""The public request form's rules: every field is checked at once, so the requester sees all
that is wrong in one message and keeps what they typed; and the spam guard (a challenge the
server signs, and a limit per address)."""

from __future__ import annotations

import hashlib
import hmac
import random
import re
import secrets
import time

from repository.core.errors import InvalidInput, LontarError
from repository.core.i18n import translate
from repository.ingest.sniff import sniff
from repository.ppid.model import DELIVERY, KINDS, OBTAIN

NIK = re.compile(r"^\d{16}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")
PHONE = re.compile(r"^\+?[\d\s-]{8,20}$")
ID_CARD_MAX = 5 * 1024 * 1024
ID_CARD_TYPES = ("image/jpeg", "image/png", "application/pdf")
TEXT_MAX = {
    "name": 120,
    "address": 300,
    "occupation": 120,
    "information": 4000,
    "purpose": 2000,
    "organisation": 200,
}
LIMITS = {"request": (5, 3600.0), "lookup": (20, 3600.0)}  # attempts per window (s) per address
CHALLENGE_SECONDS = 1800


class InvalidForm(LontarError):
    """Several fields at once: `problems` maps each field to the message key of its fault."""

    key = "form_invalid"

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__(fields=", ".join(problems))

    def message(self, lang: str | None = None) -> str:
        lines = [translate("form_invalid", lang)]
        lines += [
            f"- {translate('field_' + f, lang)}: {translate(k, lang)}"
            for f, k in self.problems.items()
        ]
        return "\n".join(lines)


def valid_nik(nik: str) -> bool:
    """16 digits: province 11–94, then regency, district, birth day (women +40), month, year,
    and a sequence. Only the format is checked: Lontar cannot ask Dukcapil."""
    if not NIK.match(nik):
        return False
    province, day, month = int(nik[:2]), int(nik[6:8]), int(nik[8:10])
    return 11 <= province <= 94 and (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12


def clean_request(form: dict, id_card: tuple[str, bytes] | None) -> dict:
    """The request's fields, trimmed; raises `InvalidForm` naming every faulty field."""
    text = {k: str(form.get(k) or "").strip() for k in (*TEXT_MAX, "email", "phone", "nik")}
    problems: dict[str, str] = {}
    for name in ("name", "address", "information", "purpose"):
        if not text[name]:
            problems[name] = "field_required"
    for name, most in TEXT_MAX.items():
        if len(text[name]) > most:
            problems[name] = "field_too_long"
    if not valid_nik(text["nik"]):
        problems["nik"] = "nik_invalid"
    if not EMAIL.match(text["email"]):
        problems["email"] = "email_invalid"
    if text["phone"] and not PHONE.match(text["phone"]):
        problems["phone"] = "phone_invalid"
    kind = form.get("kind") or "perorangan"
    if kind not in KINDS:
        problems["kind"] = "choice_invalid"
    elif kind == "organisasi" and not text["organisation"]:
        problems["organisation"] = "field_required"
    obtain = tuple(form.get("obtain") or ())
    if not obtain or not set(obtain) <= set(OBTAIN):
        problems["obtain"] = "choice_invalid"
    delivery = form.get("delivery") or ""
    if delivery not in DELIVERY:
        problems["delivery"] = "choice_invalid"
    card_problem = _id_card_problem(id_card)
    if card_problem:
        problems["id_card"] = card_problem
    if problems:
        raise InvalidForm(problems)
    return {
        **text,
        "email": text["email"].lower(),
        "kind": kind,
        "obtain": obtain,
        "delivery": delivery,
    }


def _id_card_problem(id_card: tuple[str, bytes] | None) -> str | None:
    if id_card is None or not id_card[1]:
        return "id_card_required"
    if len(id_card[1]) > ID_CARD_MAX:
        return "id_card_too_big"
    if sniff(id_card[1]).media_type not in ID_CARD_TYPES:
        return "id_card_type"
    return None


# -- spam guard -----------------------------------------------------------------------------
def challenge(secret: bytes, now: float | None = None) -> tuple[str, str]:
    """A question a person answers at a glance, and a token that lets the server check the
    answer later without keeping it: HMAC(secret, answer|expiry|nonce); the nonce makes
    every token unique, so `spend` can refuse one sent twice."""
    a, b = random.randint(2, 9), random.randint(2, 9)
    expires, nonce = int((now or time.time()) + CHALLENGE_SECONDS), secrets.token_hex(8)
    return f"{a} + {b}", f"{expires}.{nonce}.{_sign(secret, a + b, expires, nonce)}"


def check_challenge(secret: bytes, token: str, answer: str, now: float | None = None) -> None:
    try:
        expires, nonce, signature = token.split(".", 2)
        given = int(str(answer).strip())
        fresh = int(expires) >= (now or time.time())
    except ValueError:
        raise InvalidInput("challenge_wrong") from None
    expected = _sign(secret, given, int(expires), nonce)
    if not fresh or not hmac.compare_digest(signature, expected):
        raise InvalidInput("challenge_wrong")


def spend(table, token: str, now: float) -> None:
    """A safety answer serves one filing: its token is kept until it expires, so a solved
    question cannot be sent again from elsewhere. Spent tokens past their expiry are pruned."""
    key = f"token|{token}"
    if key in table:
        raise InvalidInput("challenge_wrong")
    stale = [
        k for k, (t,) in table.items(min="token|", max="token|~") if t < now - CHALLENGE_SECONDS
    ]
    for old in stale:
        del table[old]
    table[key] = (now,)


def _sign(secret: bytes, answer: int, expires: int, nonce: str) -> str:
    message = f"{answer}|{expires}|{nonce}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def throttle(table, action: str, address: str, now: float, *, count: bool = True) -> None:
    """Raises once `address` used up the window's attempts at `action`; with `count`, this
    attempt is one of them. The table is the Office's `throttle` BTree, pruned as it goes.
    Filings count every time; lookups count only when they fail, so a requester reading
    their own status page is never locked out while guessing numbers is."""
    most, window = LIMITS[action]
    key = f"{action}|{address or 'unknown'}"
    recent = tuple(t for t in table.get(key, ()) if t > now - window)
    if len(recent) >= most:
        raise InvalidInput("too_many_attempts", minutes=int(window // 60))
    if count:
        table[key] = (*recent, now)
