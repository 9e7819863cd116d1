"""Tata Naskah's organisation (Administrator): positions per unit with their holders,
superiors and ranks, acting holders (Plt/Plh) for a period, and the recipient groups. People
are chosen by full name, units and positions by name."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from repository.app import ACTING, Caller, Lontar
from ui import letters, pickers, visit
from ui.session import labels, t

POSITION_COLUMNS = ("name", "unit", "holder", "parent", "rank", "acting")


def accounts(lontar: Lontar, caller: Caller) -> dict[str, str]:
    """Active accounts by full name (the account name after it)."""
    rows = lontar.access.accounts(caller)
    return {
        r["name"]: f"{r['full_name'] or r['name']} ({r['name']})" for r in rows if not r["disabled"]
    }


def account(label: str, names: dict[str, str], key: str, default: str = "") -> str:
    options = ["", *names]
    return st.selectbox(
        label, options, index=options.index(default) if default in options else 0, key=key,
        format_func=labels(empty="letters_page_nobody", names=names),
    )  # fmt: skip


# -- Jabatan --------------------------------------------------------------------------------------
def positions(lontar: Lontar, caller: Caller) -> None:
    unit = pickers.unit(lontar, caller, t("letters_page_col_unit"), "lp_unit", empty="all")
    rows = lontar.letters.positions(caller, unit)
    table = pd.DataFrame(
        [_position_row(r) for r in rows],
        columns=[t("letters_page_position_" + c) for c in POSITION_COLUMNS],
    )
    st.dataframe(table, hide_index=True, key="letters_positions_table")
    names = {r["code"]: f"{r['name']} · {r['unit_name']}" for r in rows}
    picked = st.selectbox(
        t("letters_page_position_pick"), ["", *names], key="lp_pick",
        format_func=labels(empty="letters_page_position_new", names=names),
    )  # fmt: skip
    row = next((r for r in rows if r["code"] == picked), {})
    _position_form(lontar, caller, row, names)
    if row:
        _acting_form(lontar, caller, row)


def _position_row(row: dict) -> tuple:
    acting = "; ".join(
        t("letters_page_acting_period", kind=p["kind"], name=p["name"],
          start=letters.day(p["start"]), end=letters.day(p["end"]))
        for p in row["acting"]
    )  # fmt: skip
    return (
        row["name"],
        row["unit_name"],
        row["holder_name"] or t("letters_page_vacant"),
        row["parent_name"] or "-",
        str(row["rank"] or "-"),
        acting or "-",
    )


def _position_form(lontar: Lontar, caller: Caller, row: dict, names: dict[str, str]) -> None:
    """A new position (its code typed once) or the one picked."""
    suffix = row.get("code", "new")
    with st.form(f"lp_form_{suffix}", clear_on_submit=not row, enter_to_submit=False):
        code = st.text_input(
            t("letters_page_position_code"), row.get("code", ""), key=f"lp_code_{suffix}",
            disabled=bool(row), help=t("letters_page_position_code_help"),
        )  # fmt: skip
        chosen = _position_fields(lontar, caller, row, names, suffix)
        if st.form_submit_button(t("letters_page_save"), key=f"lp_save_{suffix}"):
            lontar.letters.save_position(caller, row.get("code") or code.strip(), **chosen)
            letters.done(t("letters_page_saved"))


def _position_fields(lontar, caller, row: dict, names: dict[str, str], suffix: str) -> dict:
    name = st.text_input(
        t("letters_page_position_name"), row.get("name", ""), key=f"lp_name_{suffix}"
    )
    unit = pickers.unit(
        lontar, caller, t("letters_page_col_unit"), f"lp_form_unit_{suffix}",
        default=row.get("unit"), empty=None,
    )  # fmt: skip
    holder = account(
        t("letters_page_position_holder"), accounts(lontar, caller), f"lp_holder_{suffix}",
        row.get("holder", ""),
    )  # fmt: skip
    parents = {c: n for c, n in names.items() if c != row.get("code")}
    parent = st.selectbox(
        t("letters_page_position_parent"), ["", *parents], key=f"lp_parent_{suffix}",
        index=[*parents].index(row["parent"]) + 1 if row.get("parent") in parents else 0,
        format_func=labels(empty="letters_page_position_top", names=parents),
    )  # fmt: skip
    left, right = st.columns(2)
    abbreviation = left.text_input(
        t("letters_page_position_abbreviation"), row.get("abbreviation", ""),
        key=f"lp_abbr_{suffix}",
    )  # fmt: skip
    rank = right.number_input(
        t("letters_page_position_rank"), 0, 9, int(row.get("rank") or 0), key=f"lp_rank_{suffix}"
    )
    return {"unit": unit or "", "name": name, "parent": parent, "holder": holder,
            "abbreviation": abbreviation, "rank": int(rank)}  # fmt: skip


def _acting_form(lontar: Lontar, caller: Caller, row: dict) -> None:
    """A Plt or Plh for a period (one at a time); the letters they sign say so."""
    code, today = row["code"], lontar.today()
    with st.expander(t("letters_page_acting")), st.form(f"la_form_{code}", enter_to_submit=False):
        kind = st.radio(
            t("letters_page_acting_kind"), ACTING, key=f"la_kind_{code}", horizontal=True
        )
        who = account(
            t("letters_page_acting_account"), accounts(lontar, caller), f"la_account_{code}"
        )
        start, end = st.columns(2)
        begins = start.date_input(
            t("letters_page_acting_start"), today, key=f"la_start_{code}", format="DD/MM/YYYY"
        )
        ends = end.date_input(
            t("letters_page_acting_end"), today, key=f"la_end_{code}", format="DD/MM/YYYY"
        )
        save, clear = st.columns(2)
        if save.form_submit_button(t("letters_page_save"), key=f"la_save_{code}"):
            lontar.letters.set_acting(caller, code, kind, who, begins, ends)
            letters.done(t("letters_page_saved"))
        if clear.form_submit_button(t("letters_page_acting_clear"), key=f"la_clear_{code}"):
            lontar.letters.clear_acting(caller, code)
            letters.done(t("letters_page_saved"))


# -- Kelompok tujuan ------------------------------------------------------------------------------
def groups(lontar: Lontar, caller: Caller) -> None:
    rows = lontar.letters.groups(caller)
    table = pd.DataFrame(
        [(r["name"], len(r["members"])) for r in rows],
        columns=[t("letters_page_group_name"), t("letters_page_group_members")],
    )
    st.dataframe(table, hide_index=True, key="letters_groups_table")
    named = {r["code"]: r["name"] for r in rows}
    picked = st.selectbox(
        t("letters_page_group_pick"), ["", *named], key="lg_pick",
        format_func=labels(empty="letters_page_group_new", names=named),
    )  # fmt: skip
    _group_form(lontar, caller, next((r for r in rows if r["code"] == picked), {}))


def _group_form(lontar: Lontar, caller: Caller, row: dict) -> None:
    """A group's members: positions and units by name (a group does not hold groups)."""
    offered = visit.once("letter_targets", "", lambda: lontar.letters.targets(caller))
    names = {o["value"]: o["label"] for o in offered if o["kind"] != "group"}
    suffix = row.get("code", "new")
    members = [m["value"] for m in row.get("members", ()) if m["value"] in names]
    with st.form(f"lg_form_{suffix}", clear_on_submit=not row, enter_to_submit=False):
        code = st.text_input(
            t("letters_page_group_code"), row.get("code", ""), key=f"lg_code_{suffix}",
            disabled=bool(row), help=t("letters_page_position_code_help"),
        )  # fmt: skip
        name = st.text_input(
            t("letters_page_group_name"), row.get("name", ""), key=f"lg_name_{suffix}"
        )
        chosen = st.multiselect(
            t("letters_page_group_members"), list(names), members, key=f"lg_members_{suffix}",
            format_func=lambda v: names.get(v, v), placeholder=t("letters_page_targets_pick"),
        )  # fmt: skip
        if st.form_submit_button(t("letters_page_save"), key=f"lg_save_{suffix}"):
            lontar.letters.save_group(caller, row.get("code") or code.strip(), name, chosen)
            letters.done(t("letters_page_saved"))
