"""Cari's filter fields (unit, level, classification prefix, dates, security class, flags),
drawn inside the search form only while the "more filters" switch is on.

Each of these widgets costs the browser 1–4 ms at every run of the page, drawn or not by
the person (a date field ~4 ms, a multiselect ~4, a selectbox ~3; docs/performance.md,
Speed in the browser), and most searches are words only: the filters in force are shown as
links above the results (`ui.refine`) whether the switch is on or off.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from repository.app import LEVELS, SECURITY_CLASSES, Caller, Lontar, SearchRequest, flag_label
from ui import pickers, render
from ui.session import labels, lang, t

SWITCH = "search_filters"  # the switch's key: its state lasts the browser session


def _flag_labels():
    language = lang()
    return lambda value: flag_label(value, language)


def fields(lontar: Lontar, caller: Caller, request: SearchRequest) -> dict:
    """The filter fields, filled from `request`; returns the values they hold now, named as
    SearchRequest names them."""
    c1, c2, c3 = st.columns(3)
    unit = pickers.unit(lontar, caller, t("col_unit"), "unit", default=request.unit, where=c1)
    level = c2.selectbox(
        t("col_level"),
        ["", *LEVELS],
        key="level",
        index=["", *LEVELS].index(request.level or ""),
        format_func=labels("level_"),
        placeholder=t("choose"),
    )
    code = c3.text_input(t("classification_prefix"), request.classification or "", key="kode")
    d1, d2, d3, d4 = st.columns(4)
    date_from = d1.date_input(t("date_from"), request.date_from, key="dari", format="DD/MM/YYYY")
    date_to = d2.date_input(t("date_to"), request.date_to, key="sampai", format="DD/MM/YYYY")
    security = d3.multiselect(
        t("security"),
        SECURITY_CLASSES,
        list(request.security),
        key="keamanan",
        placeholder=t("choose"),
        format_func=labels("security_"),
    )
    flags = d4.multiselect(
        t("flags"),
        render.FLAG_CHOICES,
        list(request.flags),
        key="tanda",
        placeholder=t("choose"),
        format_func=_flag_labels(),
    )
    return {
        "unit": unit or None,
        "level": level or None,
        "classification": code.strip() or None,
        "date_from": date_from,
        "date_to": date_to,
        "security": tuple(security),
        "flags": tuple(flags),
    }


def submitted(request: SearchRequest, query: str, filters: dict | None) -> SearchRequest:
    """The search the form asks for: the words typed and, with the fields drawn, their
    filters; without them the filters in force stay (from the URL, set by facet links)."""
    return dataclasses.replace(request, query=query, **(filters or {}), page=1)
