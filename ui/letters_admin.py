"""Tata Naskah's house style (Administrator): the letter types (their fields, and their
template, saved only when the sandbox accepts it and then drawn from a sample letter) and
the letterheads per unit. Positions and groups are in `ui/letters_people.py`, the signing
set-up in `ui/letters_signing.py`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from repository.app import FONTS, LAYOUTS, PAPERS, Caller, Lontar
from ui import letters, pickers, render, visit
from ui.session import labels, t

SAMPLE = "letters_admin_sample"  # the last template preview's PDF
TYPE_COLUMNS = ("name", "group", "layout", "font", "paper", "active")


# -- Jenis naskah ---------------------------------------------------------------------------------
def types(lontar: Lontar, caller: Caller) -> None:
    """The catalogue as a table (numbering patterns only in the form: they are typed text);
    one type picked by name to edit."""
    rows = lontar.letters.letter_types(caller)
    table = pd.DataFrame(
        [_type_row(r) for r in rows], columns=[t("letters_page_type_" + c) for c in TYPE_COLUMNS]
    )
    st.dataframe(table, hide_index=True, key="letters_types_table")
    names = {r["code"]: r["name"] for r in rows}
    code = st.selectbox(
        t("letters_page_type_pick"), list(names), index=None, key="lt_code",
        format_func=lambda c: names.get(c, c), placeholder=t("letters_page_pick"),
    )  # fmt: skip
    if code:
        _type_form(lontar, caller, next(r for r in rows if r["code"] == code))
        _template(lontar, caller, code)


def _type_row(row: dict) -> tuple:
    return (
        row["name"],
        t("letters_page_group_" + row["group"]),
        t("letters_page_layout_" + row["layout"]),
        t("letters_page_font_" + row["font"]),
        row["paper"],
        t("letters_page_yes" if row["active"] else "letters_page_no"),
    )


def _type_form(lontar: Lontar, caller: Caller, row: dict) -> None:
    code = row["code"]
    with st.form(f"lt_form_{code}", enter_to_submit=False):
        chosen = _type_fields(row)
        if st.form_submit_button(t("letters_page_save"), key=f"lt_save_{code}"):
            lontar.letters.save_type(caller, code, chosen)
            letters.done(t("letters_page_saved"))


def _type_fields(row: dict) -> dict:
    code = row["code"]
    name = st.text_input(t("letters_page_type_name"), row["name"], key=f"lt_name_{code}")
    c1, c2, c3 = st.columns(3)
    layout = c1.selectbox(
        t("letters_page_type_layout"), LAYOUTS, index=LAYOUTS.index(row["layout"]),
        key=f"lt_layout_{code}", format_func=labels("letters_page_layout_"),
    )  # fmt: skip
    font = c2.selectbox(
        t("letters_page_type_font"), FONTS, index=FONTS.index(row["font"]),
        key=f"lt_font_{code}", format_func=labels("letters_page_font_"),
    )  # fmt: skip
    paper = c3.selectbox(
        t("letters_page_type_paper"), PAPERS, index=PAPERS.index(row["paper"]),
        key=f"lt_paper_{code}",
    )  # fmt: skip
    pattern = st.text_input(
        t("letters_page_type_pattern"), row["pattern"], key=f"lt_pattern_{code}",
        help=t("letters_page_type_pattern_help"),
    )  # fmt: skip
    padding = st.number_input(
        t("letters_page_type_padding"), 0, 8, int(row["padding"]), key=f"lt_pad_{code}"
    )
    atas_nama = st.checkbox(
        t("letters_page_type_atas_nama"), bool(row["atas_nama"]), key=f"lt_an_{code}"
    )
    active = st.checkbox(t("letters_page_type_active"), bool(row["active"]), key=f"lt_on_{code}")
    return {"name": name, "layout": layout, "font": font, "paper": paper, "pattern": pattern,
            "padding": int(padding), "atas_nama": atas_nama, "active": active}  # fmt: skip


def _template(lontar: Lontar, caller: Caller, code: str) -> None:
    """The type's template (HTML with Jinja2): saved only when it is valid (the service
    says which line is wrong), then drawn from a sample letter."""
    st.subheader(t("letters_page_template"))
    st.caption(t("letters_page_template_help"))
    source = visit.once("letter_template", code, lambda: lontar.letters.type_template(caller, code))
    with st.form(f"lt_template_form_{code}", enter_to_submit=False):
        edited = st.text_area(
            t("letters_page_template"), source, height=360, key=f"lt_template_{code}"
        )
        if st.form_submit_button(t("letters_page_template_save"), key=f"lt_template_go_{code}"):
            lontar.letters.save_type(caller, code, {"template": edited})
            visit.forget("letter_template")
            st.session_state[SAMPLE] = lontar.letters.template_sample(caller, code)
            st.success(t("letters_page_template_saved"))
    if st.session_state.get(SAMPLE):
        letters.pdf(st.session_state[SAMPLE], f"{code}-contoh.pdf", "lt_sample")


# -- Kop surat ------------------------------------------------------------------------------------
def kop(lontar: Lontar, caller: Caller) -> None:
    unit = pickers.unit(lontar, caller, t("letters_page_col_unit"), "lk_unit", empty=None)
    if not unit:
        return
    found = lontar.letters.kop(caller, unit)
    if found["logo"]:
        st.image(found["logo"], width=80, caption=t("letters_page_kop_logo"))
    with st.form(f"lk_form_{unit}", enter_to_submit=False):
        lines = st.text_area(
            t("letters_page_kop_lines"), "\n".join(found["lines"]), key=f"lk_lines_{unit}",
            help=t("letters_page_kop_lines_help"),
        )  # fmt: skip
        address = st.text_input(
            t("letters_page_kop_address"), found["address"], key=f"lk_address_{unit}"
        )
        contact = st.text_input(
            t("letters_page_kop_contact"), found["contact"], key=f"lk_contact_{unit}"
        )
        logo = render.uploader(t("letters_page_kop_logo"), f"lk_logo_{unit}", type=["png", "svg"])
        if st.form_submit_button(t("letters_page_save"), key=f"lk_save_{unit}"):
            kept = (logo.getvalue(), logo.type) if logo else (found["logo"], found["logo_type"])
            lontar.letters.save_kop(caller, unit, lines.splitlines(), address, contact, *kept)
            letters.done(t("letters_page_saved"))
