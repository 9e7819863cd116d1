"""The officer's actions on one request (assign, extend, name the records, decide, mark the
notice sent) and the record picker they share.

People choose what they know by name: a unit by its name, a PPID Pelaksana by full name, a
record by searching its title (among the records the officer may see). The decision's kind
is chosen first and only its fields follow, so these are plain widgets with a button rather
than a form: a form would not redraw when the kind changes.
"""

from __future__ import annotations

import streamlit as st

from repository.app import DECISIONS, EXEMPTIONS, Caller, Lontar, SearchRequest
from ui import registry, render, visit
from ui.session import labels, t
from ui.text import plain

NOTICE = "ppid_desk_notice"
RESET = "ppid_reset_picks"  # pickers to empty before they are drawn on the next run
PICKS = 20  # hits offered per search
GROUNDS = ("refused", "partial")  # decisions that name a Pasal 17 ground and a test
RELEASING = ("granted", "partial")  # decisions that release documents


def done(message: str | None = None) -> None:
    render.done(NOTICE, message or t("disposal_done"))


def record_picker(
    lontar: Lontar, caller: Caller, key: str, label: str, public_only: bool = False
) -> list[str]:
    """Records found by their title and chosen by it; returns the chosen ids. Each search
    runs once per visit and words (it is audited as a search)."""
    titles = st.session_state.setdefault(f"{key}_titles", {})
    if key in st.session_state.get(RESET, ()):
        st.session_state[RESET] = tuple(k for k in st.session_state[RESET] if k != key)
        st.session_state[key] = []
    query = st.text_input(
        t("ppid_record_search"), key=f"{key}_q", help=t("ppid_record_search_help")
    ).strip()
    if query:
        request = SearchRequest(
            query=query, page_size=PICKS, facets=False, security=("B",) if public_only else ()
        )
        hits = visit.once(f"{key}_search", request, lambda: lontar.records.search(caller, request))
        titles.update({h.id: h.title or h.refcode for h in hits.hits})
        st.caption(t("ppid_records_found", count=hits.total))
    options = list(titles)  # every record found this visit: what was chosen stays an option
    picked = st.multiselect(
        label,
        options,
        key=key,
        format_func=lambda rid: f"{titles.get(rid, rid)} · {rid}",
        placeholder=t("ppid_choose_records"),
    )
    for rid in picked:
        registry.RECORD.link(f"{plain(titles.get(rid, rid))} :gray[{plain(rid)}]", {"id": rid})
    return picked


def reset_picks(*keys: str) -> None:
    """After a saved form: its pickers start empty on the next run (Streamlit refuses to
    change a widget already drawn in this run)."""
    st.session_state[RESET] = (*st.session_state.get(RESET, ()), *keys)


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
    ids = record_picker(lontar, caller, "ppid_concern_ids", t("ppid_concerned_pick"))
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
        fields["released"] = record_picker(
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
