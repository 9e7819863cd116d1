"""The lembar disposisi: a received letter's data and each disposition (from, to,
instructions, note, due date, when, the disposer's name as the paraf line), laid out as the
usual sheet for printing and filing. Words and dates in the reader's language (Bahasa
Indonesia by default, the document's)."""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from repository.core import clock, formatting
from repository.core.content import Pemda
from repository.core.i18n import translate
from repository.letters import disposition as rules
from repository.letters import views
from repository.letters.model import Incoming, Registry
from repository.letters.views import Who

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "lembar_disposisi.html"
LABELS = (
    "title",
    "sender",
    "their_number",
    "their_date",
    "received",
    "agenda",
    "sifat",
    "urgency",
    "hal",
    "classification",
    "from",
    "to",
    "instructions",
    "note",
    "due",
    "date",
    "paraf",
    "none",
    "cancelled",
    "closed",
)


def sheet(pemda: Pemda, registry: Registry, incoming: Incoming, who: Who, lang: str) -> dict:
    """Everything the sheet prints, as text (read inside the caller's read transaction)."""
    kop = views.kop_of(pemda, registry, incoming.unit)
    logo = ""
    if kop.logo:
        encoded = base64.b64encode(kop.logo).decode("ascii")
        logo = f"data:{kop.logo_type or 'image/png'};base64,{encoded}"
    return {
        "labels": {k: translate(f"disposition_lembar_{k}", lang) for k in LABELS},
        "kop": {"lines": list(kop.lines), "address": kop.address, "contact": kop.contact},
        "logo": logo,
        "letter": letter_facts(registry, incoming, lang),
        "dispositions": [
            {**entry(row, lang), "to_names": holders_then(pemda, registry, row["id"])}
            for row in rules.rows(pemda, registry, incoming, who)
        ],
    }


def letter_facts(registry: Registry, incoming: Incoming, lang: str) -> dict:
    return {
        "sender": incoming.sender,
        "their_number": incoming.their_number,
        "their_date": day(incoming.their_date, lang),
        "received": day(incoming.received, lang),
        "agenda": incoming.agenda,
        "sifat": translate(f"letter_sifat_{incoming.sifat}", lang),
        "urgency": translate(f"letter_urgency_{incoming.urgency}", lang),
        "hal": incoming.hal,
        "classification": incoming.classification,
        "addressed": views.position_name(registry, incoming.addressed),
    }


def entry(row: dict, lang: str) -> dict:
    return {
        "from": row["from"]["name"],
        "from_name": row["from_name"],
        "to": row["to"]["name"],
        "to_names": ", ".join(h["name"] for h in row["to"]["holders"]),
        "instructions": [i["label"].get(lang) or i["label"]["id"] for i in row["instructions"]],
        "note": row["note"],
        "due": day(row["due"], lang),
        "date": day(row["at"], lang),
        "state": row["state"],
        "close_note": row["close_note"],
    }


def holders_then(pemda: Pemda, registry: Registry, disposition_id: str) -> str:
    """Who held the recipient position on the day the disposition was given (the sheet is a
    record of that day, not of today). The disposer is its own column (from_name). Acting
    holders come from their periods; a permanent holder is the position's present one, as
    positions keep no history of those."""
    given = (registry.dispositions or {}).get(disposition_id)
    if given is None:
        return ""
    on = clock.local(given.at).date()
    target = views.position_entry(pemda, registry, given.to_position, on)
    return ", ".join(
        f"{h['name']} ({h['acting']})" if h["acting"] else h["name"] for h in target["holders"]
    )


def day(value, lang: str) -> str:
    return formatting.date_text(value, lang) if value else ""


def to_html(found: dict) -> str:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
    )
    return environment.get_template(TEMPLATE).render(**found)


def render(found: dict) -> bytes:
    """The sheet as PDF; nothing is fetched from outside the document (the logo is inline)."""
    from weasyprint import HTML  # heavy
    from weasyprint.urls import URLFetcher  # heavy

    fetcher = URLFetcher(allowed_protocols=("data",), allow_redirects=False)
    return HTML(string=to_html(found), base_url=None, url_fetcher=fetcher).write_pdf()
