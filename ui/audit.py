"""The audit trail as a person reads it: actions in words (`audit_action_<action>`), details
as a sentence instead of a dict, moments in the Pemda's zone, and the activity per day and
action for the chart.

An action nobody has put into words yet keeps its raw name, so nothing in the trail is ever
hidden by the translation.
"""

from __future__ import annotations

import datetime as dt
import re

import altair as alt
import pandas as pd
import streamlit as st

from repository.app import formatting, keys_with_prefix, translate
from ui.session import lang, t

ACTION = "audit_action_"
DETAIL = "audit_detail_"
FIELD = "audit_field_"
WITHHELD = "withheld"
# detail fields whose values are themselves words of a catalogue
VALUE_PREFIX = {
    "side": "side_",
    "state": "state_",
    "security": "security_",
    "clearance": "security_",
}
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(T[\d:.]+([+-]\d{2}:\d{2}|Z)?)?$")


def known_actions() -> list[str]:
    """Every action some feature has put into words."""
    return keys_with_prefix(ACTION)


def action_label(action: str, language: str | None = None) -> str:
    """The action in words, or its raw name when no catalogue names it."""
    key = ACTION + action
    said = translate(key, language or lang())
    return action if said == key else said


def action_labels(actions: list[str]) -> dict[str, str]:
    """action -> words, for a picker; fixed to this run's language."""
    language = lang()
    return {a: action_label(a, language) for a in actions}


def _value(field: str, value: object) -> str:
    if isinstance(value, bool):
        return t("audit_yes") if value else t("audit_no")
    if isinstance(value, list | tuple | set):
        return ", ".join(_value(field, v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{_field(k)}: {_value(k, v)}" for k, v in value.items() if v)
    text = str(value)
    if field in VALUE_PREFIX and text:
        key = VALUE_PREFIX[field] + text
        said = translate(key, lang())
        return text if said == key else said
    if ISO_DAY.match(text):
        return formatting.datetime_text(text, lang())
    if isinstance(value, int | float):
        return formatting.number_text(value, lang())
    return text


def _field(name: str) -> str:
    key = FIELD + name
    said = translate(key, lang())
    return name.replace("_", " ") if said == key else said


def detail_text(action: str, detail: dict | None) -> str:
    """One sentence for an entry's detail: the action's own sentence when a catalogue has
    one (`audit_detail_<action>`), else "field: value; ..."; a withheld detail says so."""
    detail = dict(detail or {})
    withheld = detail.pop(WITHHELD, None)
    parts = []
    if detail:
        values = {k: _value(k, v) for k, v in detail.items()}
        parts.append(_sentence(action, values))
    if withheld:
        fields = ", ".join(_field(f) for f in withheld)
        parts.append(t("audit_withheld", fields=fields))
    return " · ".join(p for p in parts if p)


def _sentence(action: str, values: dict[str, str]) -> str:
    """The action's own sentence, when a catalogue has one and the detail fills it (a
    detail field may be named like a parameter of `translate`, so the template is filled
    here); else every field with its value."""
    key = DETAIL + action
    template = translate(key, lang())
    if template != key:
        try:
            return template.format(**values)
        except (KeyError, IndexError):
            pass  # the detail lacks a field the sentence names: list the fields instead
    return "; ".join(f"{_field(k)}: {v}" for k, v in values.items() if v != "")


def local_day(at: str) -> str:
    """The entry's day (YYYY-MM-DD) in the Pemda's zone, not UTC's."""
    return formatting.machine(at)[:10]


def target_text(target: str, titles: dict[str, str]) -> str:
    """A record's title before its id, where the reader may see the record."""
    title = titles.get(target)
    return f"{title} · {target}" if title else target or "-"


def rows(entries: list[dict], titles: dict[str, str] | None = None) -> pd.DataFrame:
    """The table the page shows, newest first, with translated headers; `titles` names the
    records among the targets."""
    language, titles = lang(), titles or {}
    return pd.DataFrame(
        [
            {
                t("audit_col_seq"): e["seq"],
                t("when"): formatting.datetime_text(e["at"], language, "medium"),
                t("who"): e["actor"],
                t("action"): action_label(e["action"], language),
                t("audit_target"): target_text(e.get("target") or "", titles),
                t("audit_origin"): e.get("origin") or "-",
                t("detail"): detail_text(e["action"], e.get("detail")) or "-",
            }
            for e in reversed(entries)
        ]
    )


def per_day(entries: list[dict]) -> pd.DataFrame:
    """Entries counted per local day and action: columns day (date), label, action, count."""
    counts: dict[tuple[str, str], int] = {}
    for e in entries:
        key = (local_day(e["at"]), e["action"])
        counts[key] = counts.get(key, 0) + 1
    language = lang()
    return pd.DataFrame(
        [
            {
                "day": day,
                "label": formatting.date_text(day, language, "medium"),
                "action": action_label(action, language),
                "count": count,
            }
            for (day, action), count in sorted(counts.items())
        ],
        columns=["day", "label", "action", "count"],
    )


def chart(entries: list[dict]) -> alt.Chart | None:
    """One bar per day, stacked and coloured by action; days in words, in order."""
    table = per_day(entries)
    if table.empty:
        return None
    order = list(dict.fromkeys(table.sort_values("day")["label"]))
    return (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=alt.X("label:O", sort=order, title=t("audit_day"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(count):Q", title=t("audit_events")),
            color=alt.Color("action:N", title=t("action")),
            tooltip=[
                alt.Tooltip("label:O", title=t("audit_day")),
                alt.Tooltip("action:N", title=t("action")),
                alt.Tooltip("count:Q", title=t("audit_events")),
            ],
        )
    )


def day_filter(value: dt.date | None) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None


SEQUENCE = re.compile(r"^sequence (\S+) where (\S+) was expected$")


def problem_text(problem: str) -> str:
    """What the hash-chain check found on a line, in words."""
    if found := SEQUENCE.match(problem):
        return t("audit_problem_sequence", found=found.group(1), expected=found.group(2))
    key = "audit_problem_" + problem
    said = t(key)
    return problem if said == key else said


def problems(found: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        [{t("audit_line"): p["line"], t("detail"): problem_text(p["problem"])} for p in found]
    )


def filters_form(seen: list[str]) -> None:
    """Who, which actions (in words; those only seen in the trail by their raw name), which
    target, which days. The page reads the values from the session state on the run after
    the click (`audit_go`), so it can read the trail before drawing this form."""
    choices = sorted({*known_actions(), *seen})
    names = action_labels(choices)
    with st.form("audit_filters", enter_to_submit=False):
        c1, c2, c3, c4, c5 = st.columns(5)
        c1.text_input(t("who"), key="audit_actor")
        c2.multiselect(
            t("audit_actions"), sorted(choices, key=lambda a: names[a].lower()),
            key="audit_action", format_func=names.get, placeholder=t("choose"),
            help=t("audit_actions_help"),
        )  # fmt: skip
        c3.text_input(t("audit_target"), key="audit_target")
        c4.date_input(t("date_from"), None, key="audit_since", format="DD/MM/YYYY")
        c5.date_input(t("date_to"), None, key="audit_until", format="DD/MM/YYYY")
        st.form_submit_button(t("audit_filter"), key="audit_go")
