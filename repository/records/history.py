"""A record's history as people read it: one sentence per change, in their language.

`Record.add_history` keeps (moment, actor, action, detail) with a short detail string written
by whichever feature made the change (`share local:DISDIK 2027-01-31`, `edited title: a → b`,
`classified - → 800.1`). Old repositories hold the same strings, so the history is read, not
rewritten: each action's detail is split into named parameters here, and the sentence is the
catalogue's `history_<action>` (defined by the feature that records the action) filled with
them. Every entry also carries `detail`, the string as stored, so a feature's sentence may use
it whole. Unit codes and account names become names, dates are written in words; an action
with no sentence in the catalogue yet reads as `history_other` rather than as a raw key.
"""

from __future__ import annotations

from collections.abc import Callable

from repository.core import formatting
from repository.core.content import Pemda, Record
from repository.core.i18n import MESSAGES, translate

ARROW = " → "
SYSTEM_ACTORS = ("system", "worker")


def _split(detail: str, sep: str, names: tuple[str, str]) -> dict[str, str]:
    first, _, second = detail.partition(sep)
    return {names[0]: first.strip(), names[1]: second.strip()}


def _none(text: str, lang: str | None) -> str:
    return translate("history_none", lang) if text in ("", "-", "None") else text


class Reader:
    """Turns stored details into sentence parameters for one Pemda and one language."""

    def __init__(self, pemda: Pemda, lang: str | None) -> None:
        self.pemda, self.lang = pemda, lang

    def principal(self, principal: str) -> str:
        """`local:DISDIK` -> the unit's name; `user:ani` -> the account's full name."""
        kind, _, name = principal.partition(":")
        if kind == "local":
            unit = self.pemda.units.get(name)
            return unit.name if unit is not None and unit.name else name
        account = (self.pemda.accounts or {}).get(name)
        return (getattr(account, "full_name", "") or name) if kind == "user" else principal

    def actor(self, name: str) -> str:
        if name in SYSTEM_ACTORS:
            return translate("history_system", self.lang)
        account = (self.pemda.accounts or {}).get(name)
        return getattr(account, "full_name", "") or name

    def day(self, text: str) -> str:
        return _none(
            formatting.date_text(text, self.lang) if text not in ("-", "None") else "", self.lang
        )

    def edited(self, detail: str) -> dict[str, str]:
        field, _, change = detail.partition(": ")
        old, _, new = change.partition(ARROW)
        shown = self.day if field in ("date_start", "date_end") else self._value(field)
        return {
            "field": translate(f"history_field_{field}", self.lang)
            if f"history_field_{field}" in MESSAGES
            else field,
            "old": shown(old.strip()),
            "new": shown(new.strip()),
        }

    def _value(self, field: str) -> Callable[[str], str]:
        if field == "security":
            return lambda v: _none(translate(f"security_{v}", self.lang) if v else "", self.lang)
        return lambda v: _none(v, self.lang)

    def shared(self, detail: str) -> dict[str, str]:
        principal, _, until = detail.partition(" ")
        until = until.strip()
        return {
            "to": self.principal(principal),
            "until": self.day(until) if until not in ("", "-", "None") else "",
        }

    def params(self, action: str, detail: str) -> dict[str, str]:
        parse = PARSERS.get(action)
        found = parse(self, detail) if parse is not None else {}
        return {"detail": detail or "-", **found}


PARSERS: dict[str, Callable[[Reader, str], dict[str, str]]] = {
    "edited": Reader.edited,
    "share": Reader.shared,
    "unshare": lambda r, d: {"to": r.principal(d.strip())},
    "share_expired": lambda r, d: {"to": r.principal(d.strip())},
    "ocr": lambda r, d: {
        "status": translate(f"history_ocr_{d}", r.lang) if f"history_ocr_{d}" in MESSAGES else d
    },
    "classified": lambda r, d: {
        k: _none(v, r.lang) for k, v in _split(d, ARROW.strip(), ("old", "code")).items()
    },
    "event": lambda r, d: {
        "event": d.rpartition(" ")[0] or d,
        "date": r.day(d.rpartition(" ")[2]) if " " in d else "",
    },
    "hold": lambda r, d: {"reason": d},
    "hold_released": lambda r, d: {"hold": d},
    "vital": lambda r, d: _split(d, " · ", ("method", "location")),
    "objection": lambda r, d: _split(d, ": ", ("objection", "reason")),
    "objection_dismissed": lambda r, d: {"objection": d},
    "transferred": lambda r, d: _split(d, ARROW.strip(), ("list", "target")),
    "handed_over": lambda r, d: _split(d, ARROW.strip(), ("list", "target")),
}


def sentence(action: str, params: dict[str, str], lang: str | None) -> str:
    """The catalogue's sentence for the action; a share with an end date has its own."""
    key = f"history_{action}"
    if action == "share" and params.get("until"):
        key = "history_share_until"
    if key not in MESSAGES:
        return translate("history_other", lang, **params)
    return translate(key, lang, **params)


def lines(pemda: Pemda, record: Record, lang: str | None = None) -> list[dict]:
    """Newest first: {when (ISO, for formatting), who (a name), action, text}."""
    reader = Reader(pemda, lang)
    found = []
    for when, actor, action, detail in (record.history or {}).values():
        params = reader.params(action, detail or "")
        found.append(
            {
                "when": when,
                "who": reader.actor(actor),
                "action": action,
                "text": sentence(action, params, lang),
            }
        )
    return found[::-1]
