"""Pickers people choose from by name: units, classification codes, share targets, records.

Every page that asks for a unit, a code or a person uses these, so a person never types
`DISDIK` or `user:ani` and is never offered what they may not act on. Each picker shows
names (a code may follow), returns the value the service takes, and keeps Streamlit's own
English out of sight (translated placeholders). Options come from the services through the
facade (`lontar.records.unit_choices`, `lontar.ingest.classification_choices`,
`lontar.records.share_targets`, and the search for records found by their title).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from repository.app import Caller, Lontar, SearchRequest
from ui import registry, visit
from ui.session import t
from ui.text import plain

RESET = "reset_picks"  # record pickers to empty before they are drawn on the next run
PICKS = 20  # hits offered per search


def _labeller(names: dict[str, str], empty: str) -> Any:
    """A format_func with the words fixed now (Streamlit may call it outside the run)."""
    nothing = t(empty)
    return lambda value: names.get(value, str(value)) if value else nothing


def unit(
    lontar: Lontar,
    caller: Caller,
    label: str,
    key: str,
    *,
    permission: str | None = None,
    default: str | None = None,
    empty: str | None = "all",
    where: Any = st,
) -> str | None:
    """A unit by name; with `permission`, only the units where the caller holds it. With
    `empty` (a message key: "all", "choose") the first choice is none, read as None."""
    units = lontar.records.unit_choices(caller, permission)
    names = {u["code"]: u["label"] for u in units}
    options = ([""] if empty else []) + list(names)
    if not options:
        return None
    index = options.index(default) if default in options else 0
    chosen = where.selectbox(
        label,
        options,
        index=index,
        key=key,
        format_func=_labeller(names, empty or "all"),
        placeholder=t("unit_pick"),
    )
    return chosen or None


def classification(
    lontar: Lontar, label: str, key: str, *, default: str = "", where: Any = st
) -> str:
    """A type-ahead over the current scheme ("800.1.11 — Surat masuk"); only its codes can be
    chosen (and `default`, a record's code from an older scheme version, stays choosable).
    Without a scheme loaded there is nothing to choose from: a free text field, as the
    pipeline then accepts any code."""
    choices = lontar.ingest.classification_choices()
    if not choices:
        return where.text_input(label, default, key=key).strip()
    names = {c["code"]: c["label"] for c in choices}
    options = ["", *names] + ([default] if default and default not in names else [])
    chosen = where.selectbox(
        label,
        options,
        index=options.index(default) if default in options else 0,
        key=key,
        format_func=_labeller(names, "classification_none"),
        placeholder=t("classification_pick"),
        help=t("classification_help"),
        accept_new_options=False,
    )
    return chosen or ""


def share_target(choices: list[dict], label: str, key: str, *, where: Any = st) -> str | None:
    """A unit or a person to share with, by name ("Unit: Dinas Pendidikan"); returns the
    value `access.share` takes (a unit code or `user:NAME`)."""
    names = {c["value"]: t(f"share_{c['kind']}_label", name=c["label"]) for c in choices}
    chosen = where.selectbox(
        label,
        list(names),
        index=None,
        key=key,
        format_func=lambda value: names.get(value, value),
        placeholder=t("share_pick"),
    )
    return chosen


def records(
    lontar: Lontar, caller: Caller, key: str, label: str, public_only: bool = False
) -> list[str]:
    """Records found by their title and chosen by it; returns the chosen ids. Each search
    runs once per visit and words (it is audited as a search), and finds only what the
    caller may see. Not inside a form: the search must run as the words are typed."""
    titles = st.session_state.setdefault(f"{key}_titles", {})
    if key in st.session_state.get(RESET, ()):
        st.session_state[RESET] = tuple(k for k in st.session_state[RESET] if k != key)
        st.session_state[key] = []
    query = st.text_input(
        t("record_picker_search"), key=f"{key}_q", help=t("record_picker_help")
    ).strip()
    if query:
        request = SearchRequest(
            query=query, page_size=PICKS, facets=False, security=("B",) if public_only else ()
        )
        hits = visit.once(f"{key}_search", request, lambda: lontar.records.search(caller, request))
        titles.update({h.id: h.title or h.refcode for h in hits.hits})
        st.caption(t("record_picker_found", count=hits.total))
    picked = st.multiselect(
        label,
        list(titles),  # every record found this visit: what was chosen stays an option
        key=key,
        format_func=lambda rid: f"{titles.get(rid, rid)} · {rid}",
        placeholder=t("record_picker_choose"),
    )
    for rid in picked:
        registry.RECORD.link(f"{plain(titles.get(rid, rid))} :gray[{plain(rid)}]", {"id": rid})
    return picked


def reset_records(*keys: str) -> None:
    """After a saved form: its record pickers start empty on the next run (Streamlit refuses
    to change a widget already drawn in this run)."""
    st.session_state[RESET] = (*st.session_state.get(RESET, ()), *keys)
