"""Naskah Keluar's registers, for those who keep a unit's registers (Pencatat, Arsiparis,
Administrator): the agenda keluar of a unit and year (searchable, to Excel or CSV), the buku
ekspedisi (external addressees of sent letters, and marking one handed over), and *ambil
nomor manual* (a number taken for a paper letter, registered so no letter gets it again)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from repository.app import Caller, Lontar, exports
from ui import letters, pickers, render
from ui.session import labels, t

VIA = ("pos", "kurir", "email", "diambil")


def registers(lontar: Lontar, caller: Caller) -> None:
    unit = pickers.unit(
        lontar, caller, t("letters_page_col_unit"), "lr_unit", permission="add_records",
        default=caller.unit, empty=None,
    )  # fmt: skip
    if not unit:
        return
    year = int(
        st.number_input(t("letters_page_year"), 2000, 2100, lontar.today().year, key="lr_year")
    )
    agenda(lontar, caller, unit, year)
    dispatch(lontar, caller, unit, year)
    reserve(lontar, caller, unit)


def agenda(lontar: Lontar, caller: Caller, unit: str, year: int) -> None:
    st.subheader(t("letters_page_agenda"))
    query = st.text_input(t("letters_page_agenda_search"), key="lr_query")
    rows = lontar.letters.outgoing_register(caller, unit, year, query)
    if not rows:
        st.info(t("letters_page_agenda_empty"))
        return
    columns = ("number", "date", "hal", "recipients", "signer", "state")
    table = pd.DataFrame(
        [_agenda_row(r) for r in rows], columns=[t("letters_page_register_" + c) for c in columns]
    )
    st.dataframe(table, hide_index=True, key="lr_agenda")
    for column, fmt in zip(st.columns(2), ("xlsx", "csv"), strict=True):
        with column:
            render.download(
                t("export_" + fmt),
                lambda fmt=fmt: lontar.letters.register_export(caller, unit, year, fmt),
                f"agenda-keluar-{unit}-{year}.{fmt}",
                exports.MEDIA_TYPES[fmt],
                f"lr_export_{fmt}",
            )


def _agenda_row(row: dict) -> tuple:
    withheld = t("letters_page_register_withheld") if row.get("withheld") else ""
    return (
        row["number"],
        letters.day(row["date"]),
        row["hal"] or withheld or "—",  # withheld: the caller's clearance does not reach it
        "; ".join(row["recipients"]) or withheld or "-",
        row["signer"] or "-",
        _state(row),
    )


def _state(row: dict) -> str:
    """The line's state; a nomor batal says why the number was lost."""
    if row["state"] == "manual":
        return t("letters_page_state_manual")
    if row["state"] == "void":  # the reason's words begin "Nomor batal: ..."
        return t(row.get("void_reason") or "letters_page_state_void")
    return letters.state_text(row["state"])


def dispatch(lontar: Lontar, caller: Caller, unit: str, year: int) -> None:
    """The buku ekspedisi, and a line marked handed over (how, today)."""
    st.subheader(t("letters_page_dispatch"))
    rows = lontar.letters.dispatch_register(caller, unit, year)
    if not rows:
        st.info(t("letters_page_dispatch_empty"))
        return
    table = pd.DataFrame(
        [
            (r["number"], r["hal"] or "—", _addressee(r),
             letters.day(r["handed_over"]), t("letters_page_via_" + r["via"]) if r["via"] else "-")
            for r in rows
        ],
        columns=[t("letters_page_dispatch_" + c) for c in ("number", "hal", "to", "on", "via")],
    )  # fmt: skip
    st.dataframe(table, hide_index=True, key="lr_dispatch")
    waiting = {r["key"]: f"{r['number']} · {r['addressee']}" for r in rows if not r["handed_over"]}
    if not waiting:
        return
    with st.form("lr_hand_over", enter_to_submit=False):
        key = st.selectbox(t("letters_page_dispatch_line"), list(waiting), key="lr_line",
                           format_func=lambda k: waiting.get(k, k))  # fmt: skip
        via = st.radio(t("letters_page_dispatch_via"), VIA, key="lr_via", horizontal=True,
                       format_func=labels("letters_page_via_"))  # fmt: skip
        if st.form_submit_button(t("letters_page_dispatch_go"), key="lr_hand_go"):
            lontar.letters.hand_over(caller, key, via)
            letters.done(t("letters_page_saved"))


def _addressee(row: dict) -> str:
    """The addressee's name, or that it is withheld (above the caller's clearance)."""
    return row["addressee"].partition(",")[0] or t("letters_page_register_withheld")


def reserve(lontar: Lontar, caller: Caller, unit: str) -> None:
    """Ambil nomor manual: the next number of the type's scope, for a letter on paper."""
    with st.expander(t("letters_page_reserve")):
        st.caption(t("letters_page_reserve_help"))
        types = {row["code"]: row["name"] for row in lontar.letters.letter_types(caller)}
        with st.form("lr_reserve", clear_on_submit=True, enter_to_submit=False):
            kind = st.selectbox(
                t("letters_page_col_type"), list(types), index=None, key="lr_type",
                format_func=lambda c: types.get(c, c), placeholder=t("letters_page_pick"),
            )  # fmt: skip
            classification = pickers.classification(
                lontar, t("letters_page_classification"), "lr_classification"
            )
            hal = st.text_input(t("letters_page_col_hal"), key="lr_hal")
            if st.form_submit_button(t("letters_page_reserve_go"), key="lr_reserve_go"):
                taken = lontar.letters.reserve_number(
                    caller,
                    {
                        "unit": unit,
                        "type": kind or "",
                        "classification": classification,
                        "hal": hal,
                    },
                )
                letters.done(t("letters_page_reserved", number=taken["number"]))
