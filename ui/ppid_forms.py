"""The officer's actions on one request (assign, extend, name the records, decide, mark the
notice sent) and the record picker they share.

People choose what they know by name: a unit by its name, a PPID Pelaksana by full name, a
record by searching its title (among the records the officer may see). The decision's kind
is chosen first and only its fields follow, so these are plain widgets with a button rather
than a form: a form would not redraw when the kind changes.
"""

from __future__ import annotations

import streamlit as st

from repository.app import DECISIONS, EXEMPTIONS, Caller, Lontar
from ui import pickers, render
from ui.session import labels, t

NOTICE = "ppid_desk_notice"
GROUNDS = ("refused", "partial")  # decisions that name a Pasal 17 ground and a test
RELEASING = ("granted", "partial")  # decisions that release documents


def done(message: str | None = None) -> None:
    render.done(NOTICE, message or t("disposal_done"))


def assign(lontar: Lontar, caller: Caller, view: dict) -> None:
    """To a PPID Pelaksana of a unit the officer may assign in, both chosen by name."""
    units = {u["code"]: u["name"] for u in lontar.ppid.ppid_units(caller)}
    if not units:
        st.info(t("ppid_no_units"))
        return
    codes = list(units)
    unit = st.selectbox(
        t("col_unit"),
        codes,
        index=codes.index(view["unit"]) if view["unit"] in units else None,
        key="ppid_unit",
        format_func=lambda c: units.get(c, c),
        placeholder=t("ppid_choose_unit"),
    )
    if unit is None:
        return
    people = {p["name"]: p["full_name"] for p in lontar.ppid.pelaksana(caller, unit)}
    if not people:
        st.warning(t("ppid_no_pelaksana"))
        return
    names = list(people)
    account = st.selectbox(
        t("ppid_assignee"),
        names,
        index=names.index(view["assignee"]) if view["assignee"] in people else None,
        key="ppid_to",
        format_func=lambda n: f"{people.get(n, n)} ({n})",
        placeholder=t("ppid_choose_account"),
    )
    if st.button(t("ppid_assign"), key="ppid_assign_go", disabled=account is None):
        lontar.ppid.assign_request(caller, view["number"], unit, account)
        done()


def extend(lontar: Lontar, caller: Caller, number: str) -> None:
    with st.form("ppid_extend_form", enter_to_submit=False):
        reason = st.text_area(t("ppid_extend_reason"), key="ppid_reason")
        if st.form_submit_button(t("ppid_extend"), key="ppid_extend_go"):
            lontar.ppid.extend_request(caller, number, reason)
            done()


def concern(lontar: Lontar, caller: Caller, number: str) -> None:
    ids = pickers.records(lontar, caller, "ppid_concern_ids", t("ppid_concerned_pick"))
    if st.button(t("save"), key="ppid_concern_go", disabled=not ids):
        lontar.ppid.concern_records(caller, number, ids)
        done()


def notify(lontar: Lontar, caller: Caller, view: dict) -> None:
    if st.button(t("ppid_notify"), key="ppid_notify_go", disabled=not view["decision"]):
        lontar.ppid.notify_request(caller, view["number"])
        done(t("ppid_notified_done"))


def decide(lontar: Lontar, caller: Caller, number: str) -> None:
    """The decision: its kind first, then only the fields that kind takes (Pasal 17 and
    the consequence test for a refusal or a partial grant, who holds it for not held, the
    documents released, the form and the cost for a grant)."""
    kind = st.selectbox(
        t("status_decision"), DECISIONS, key="ppid_kind", format_func=labels("decision_")
    )
    st.caption(t("ppid_fields_for", decision=t("decision_" + kind)))
    fields: dict = {"kind": kind}
    if kind in GROUNDS:
        fields.update(_exemption(lontar, caller))
    if kind == "partial":
        fields["redactions"] = st.text_area(t("ppid_redactions"), key="ppid_redactions", height=80)
    if kind == "not_held":
        fields["holder"] = st.text_input(t("ppid_holder"), key="ppid_holder")
    if kind in RELEASING:
        fields["released"] = pickers.records(
            lontar, caller, "ppid_released", t("ppid_released_pick"), public_only=True
        )
        fields["form"] = st.text_input(t("ppid_form"), key="ppid_form")
        fields["cost"] = int(
            st.number_input(t("ppid_cost"), min_value=0, step=1000, key="ppid_cost")
        )
    if st.button(t("ppid_decide"), key="ppid_decide_go", type="primary"):
        lontar.ppid.decide_request(caller, number, **fields)
        done()


def _exemption(lontar: Lontar, caller: Caller) -> dict:
    tests = {d["id"]: d for d in lontar.ppid.dik_list(caller) if not d["expired"]}
    ground = st.selectbox(
        t("ppid_ground"),
        list(EXEMPTIONS),
        index=None,
        key="ppid_ground",
        format_func=lambda g: f"{g}. {EXEMPTIONS[g]}",
        placeholder=t("ppid_choose_one"),
    )
    fitting = [i for i, d in tests.items() if ground is None or d["ground"] == ground]
    test = st.selectbox(
        t("ppid_test"),
        fitting,
        index=None,
        key="ppid_test_id",
        format_func=lambda i: f"{tests[i]['information']} · {i}",
        placeholder=t("ppid_choose_one"),
    )
    return {"ground": ground or "", "test_id": test or ""}
