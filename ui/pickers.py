"""Pickers people choose from by name: units, classification codes, share targets.

Every page that asks for a unit, a code or a person uses these, so a person never types
`DISDIK` or `user:ani` and is never offered what they may not act on. Each picker shows
names (a code may follow), returns the value the service takes, and keeps Streamlit's own
English out of sight (translated placeholders). Options come from the services through the
facade (`lontar.records.unit_choices`, `lontar.ingest.classification_choices`,
`lontar.records.share_targets`).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from repository.app import Caller, Lontar
from ui.session import t


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
