"""The officers' PPID pages: the queue, one request with its actions (assign, extend, name the
records, decide, notice, ID card), objections for the Atasan PPID; and the registers, the
annual report, the DIP/DIK forms and the calendar. Each action calls one service and reruns."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from repository.app import CATEGORIES, DECISIONS, EXEMPTIONS, Caller, Lontar
from ui import render
from ui.ppid import decision_text, facts
from ui.session import labels, t

NOTICE = "ppid_desk_notice"
REQUESTER = "pemohon"  # how the service names the requester in a request's history
FLAGS = {"overdue": "🔴 ", "due_soon": "🟠 ", "": ""}


def _done(message: str | None = None) -> None:
    render.done(NOTICE, message or t("disposal_done"))


def notice() -> None:
    render.notice(NOTICE)


def queue(rows: list[dict]) -> str | None:
    """The queue, soonest due first; returns the request the officer picks."""
    if not rows:
        st.info(t("ppid_none"))
        return None
    table = pd.DataFrame(
        [
            {
                t("status_number"): r["number"],
                t("disposal_state"): FLAGS[r["flag"]]
                + (t("flag_" + r["flag"]) if r["flag"] else t("state_" + r["state"])),
                t("status_due"): r["due"],
                t("ppid_days"): str(r["left"]) if r["state"] != "decided" else "-",
                t("field_name"): r["requester"],
                t("field_information"): r["information"][:80],
                t("col_unit"): r["unit"] or "-",
                t("ppid_assignee"): r["assignee"] or "-",
            }
            for r in rows
        ]
    )
    st.dataframe(table, hide_index=True, key="ppid_queue")
    numbers = [r["number"] for r in rows]
    asked = st.query_params.get("nomor")
    start = numbers.index(asked) if asked in numbers else 0
    return st.selectbox(t("status_number"), numbers, index=start, key="ppid_pick")


def request(lontar: Lontar, caller: Caller, number: str) -> None:
    view = lontar.ppid.ppid_request(caller, number)
    facts(
        [
            (
                t("field_name"),
                view["name"] + (f" ({view['organisation']})" if view["organisation"] else ""),
            ),
            (t("field_nik"), view["nik"]),
            (t("field_address"), view["address"]),
            (t("field_email"), f"{view['email']} · {view['phone']}"),
            (t("field_information"), view["information"]),
            (t("field_purpose"), view["purpose"]),
            (t("field_obtain"), ", ".join(t("obtain_" + o) for o in view["obtain"])),
            (t("field_delivery"), t("delivery_" + view["delivery"])),
            (t("status_due"), view["due"]),
            (t("status_decision"), decision_text(view)),
            (t("ppid_concerned"), " ".join(view["concerned"]) or "-"),
        ],
        "ppid_facts",
    )
    for linked in view["linked"]:
        render.record_link(linked["id"], f"{linked['id']} · {linked['title']}")
    if view["decision"]:
        render.download(
            t("ppid_notice"),
            lambda: lontar.ppid.notice(caller, number),
            f"{number}.pdf",
            "application/pdf",
            "ppid_notice_pdf",
        )
    _id_card(lontar, caller, number)
    if caller.may("ppid_decide"):
        _actions(lontar, caller, view)
    with st.expander(t("ppid_history")):
        st.dataframe(history(view["history"]), hide_index=True, key="ppid_history")


def history(steps: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """A request's steps (when, who, what, detail) in the officer's language."""
    columns = [t("when"), t("who"), t("action"), t("detail")]
    return pd.DataFrame(
        [
            (
                when,
                t("ppid_requester_actor") if who == REQUESTER else who,
                t("ppid_step_" + what),
                detail,
            )
            for when, who, what, detail in steps
        ],
        columns=columns,
    )


def _id_card(lontar: Lontar, caller: Caller, number: str) -> None:
    """Fetched on request only: every view of an ID card is audited."""
    if st.button(t("ppid_id_card"), key="ppid_card"):
        st.session_state["ppid_card_data"] = (number, *lontar.ppid.id_card(caller, number))
    held = st.session_state.get("ppid_card_data")
    if held and held[0] == number:
        st.download_button(
            held[1],
            held[3],
            file_name=held[1],
            mime=held[2],
            key="ppid_card_file",
            on_click="ignore",
        )


def _actions(lontar: Lontar, caller: Caller, view: dict) -> None:
    number = view["number"]
    assign, extend, concern, decide = st.tabs(
        [t("ppid_assign"), t("ppid_extend"), t("ppid_concerned"), t("ppid_decide")]
    )
    with assign, st.form("ppid_assign_form"):
        unit = st.selectbox(t("col_unit"), lontar.records.unit_codes(), key="ppid_unit")
        account = st.text_input(t("ppid_assignee"), view["assignee"] or "", key="ppid_to")
        if st.form_submit_button(t("ppid_assign"), key="ppid_assign_go"):
            lontar.ppid.assign_request(caller, number, unit, account.strip())
            _done()
    with extend, st.form("ppid_extend_form"):
        reason = st.text_area(t("ppid_extend_reason"), key="ppid_reason")
        if st.form_submit_button(t("ppid_extend"), key="ppid_extend_go"):
            lontar.ppid.extend_request(caller, number, reason)
            _done()
    with concern, st.form("ppid_concern_form"):
        ids = st.text_input(t("ppid_concerned"), key="ppid_concern_ids")
        if st.form_submit_button(t("save"), key="ppid_concern_go"):
            lontar.ppid.concern_records(caller, number, ids.split())
            _done()
    with decide:
        _decision_form(lontar, caller, number)


def _decision_form(lontar: Lontar, caller: Caller, number: str) -> None:
    tests = {d["id"]: d for d in lontar.ppid.dik_list(caller) if not d["expired"]}
    with st.form("ppid_decide_form"):
        kind = st.selectbox(
            t("status_decision"), DECISIONS, key="ppid_kind", format_func=labels("decision_")
        )
        ground = st.selectbox(
            t("ppid_ground"),
            ["", *EXEMPTIONS],
            key="ppid_ground",
            format_func=lambda g: f"{g}. {EXEMPTIONS[g]}" if g else "-",
        )
        test = st.selectbox(
            t("ppid_test"),
            ["", *tests],
            key="ppid_test_id",
            format_func=lambda i: f"{i} · {tests[i]['information']}" if i else "-",
        )
        holder = st.text_input(t("ppid_holder"), key="ppid_holder")
        redactions = st.text_area(t("ppid_redactions"), key="ppid_redactions", height=80)
        form = st.text_input(t("ppid_form"), key="ppid_form")
        cost = st.number_input(t("ppid_cost"), min_value=0, step=1000, key="ppid_cost")
        released = st.text_input(t("ppid_released"), key="ppid_released")
        if st.form_submit_button(t("ppid_decide"), key="ppid_decide_go"):
            lontar.ppid.decide_request(
                caller,
                number,
                kind=kind,
                ground=ground,
                test_id=test,
                holder=holder,
                redactions=redactions,
                form=form,
                cost=int(cost),
                released=released.split(),
            )
            _done()


def objections(lontar: Lontar, caller: Caller) -> None:
    """Open objections and the Atasan PPID's answer to one."""
    rows = [o for o in lontar.ppid.ppid_registers(caller)["objections"] if not o["decision"]]
    st.subheader(t("ppid_objections"))
    if not rows:
        st.info(t("ppid_none"))
        return
    table = pd.DataFrame(rows).rename(columns=lambda c: t("reg_" + c))
    st.dataframe(table, hide_index=True, key="ppid_open_objections")
    if not caller.may("ppid_objection"):
        return
    with st.form("ppid_objection_form"):
        number = st.selectbox(t("ppid_objections"), [o["number"] for o in rows], key="ob_pick")
        outcome = st.radio(
            t("ppid_objection_decide"),
            ("accepted", "rejected"),
            key="ob_outcome",
            format_func=labels("objection_"),
            horizontal=True,
        )
        reasons = st.text_area(t("objection_reason"), key="ob_reasons")
        official = st.text_input(t("ppid_official"), key="ob_official")
        if st.form_submit_button(t("ppid_objection_decide"), key="ob_go"):
            lontar.ppid.decide_objection(caller, number, outcome, reasons, official)
            _done()


def registers(found: dict) -> None:
    for name, rows in (("requests", found["requests"]), ("objections", found["objections"])):
        st.subheader(t(f"ppid_{name}_register"))
        if not rows:
            st.info(t("disposal_none"))
            continue
        table = pd.DataFrame(rows).rename(columns=lambda c: t("reg_" + c))
        st.dataframe(table, hide_index=True, key=f"register_{name}")
        render.downloads(table, f"register-{name}", f"register_{name}")


def annual(lontar: Lontar, caller: Caller) -> None:
    year = st.number_input(t("ppid_year"), 2000, 2100, lontar.today().year, key="ppid_year")
    report = lontar.ppid.ppid_report(caller, int(year))
    cols = st.columns(4)
    for column, key in zip(
        cols, ("requests", "decided", "within_10_days", "objections"), strict=True
    ):
        column.metric(t("report_" + key), report[key])
    decisions = pd.DataFrame(
        {t("col_records"): [report[k] for k in (*DECISIONS, "undecided")]},
        index=[t("decision_" + k) for k in DECISIONS] + [t("state_in_process")],
    )
    st.subheader(t("chart_decisions"))
    st.bar_chart(decisions, horizontal=True)
    if report["refused_by_ground"]:
        grounds = pd.DataFrame(
            {t("col_records"): list(report["refused_by_ground"].values())},
            index=[f"Pasal 17 {g}" for g in report["refused_by_ground"]],
        )
        st.bar_chart(grounds)
    rows = [
        (t("report_" + k), "-" if v is None else v)
        for k, v in report.items()
        if not isinstance(v, dict)
    ]
    facts(rows, "ppid_report_facts")
    render.download(
        t("ppid_report_pdf"),
        lambda: lontar.ppid.ppid_report_pdf(caller, int(year)),
        f"laporan-ppid-{year}.pdf",
        "application/pdf",
        "ppid_report_download",
    )


def lists(lontar: Lontar, caller: Caller) -> None:
    units = lontar.records.unit_codes()
    with st.form("dip_form", clear_on_submit=True):
        st.subheader(t("ppid_dip_add"))
        fields = {
            "summary": st.text_input(t("dip_summary"), key="dip_summary"),
            "category": st.selectbox(
                t("dip_category"), CATEGORIES, key="dip_category", format_func=labels("category_")
            ),
            "unit": st.selectbox(t("col_unit"), units, key="dip_unit"),
            "responsible": st.text_input(t("dip_responsible"), key="dip_responsible"),
            "made": st.text_input(t("dip_made"), key="dip_made"),
            "formats": st.text_input(t("dip_formats"), key="dip_formats"),
            "record_ids": st.text_input(t("dip_records"), key="dip_records").split(),
        }
        if st.form_submit_button(t("ppid_dip_add"), key="dip_go"):
            lontar.ppid.save_dip(caller, fields)
            _done()
    with st.form("dik_form", clear_on_submit=True):
        st.subheader(t("ppid_dik_add"))
        fields = {
            "information": st.text_input(t("dik_information"), key="dik_information"),
            "ground": st.selectbox(
                t("ppid_ground"),
                list(EXEMPTIONS),
                key="dik_ground",
                format_func=lambda g: f"{g}. {EXEMPTIONS[g]}",
            ),
            "legal_basis": st.text_input(t("dik_legal_basis"), key="dik_basis"),
            "harm": st.text_area(t("dik_harm"), key="dik_harm", height=80),
            "public_interest": st.text_area(
                t("dik_public_interest"), key="dik_interest", height=80
            ),
            "years": int(st.number_input(t("dik_years"), 1, 100, 2, key="dik_years")),
            "decree": st.text_input(t("dik_decree"), key="dik_decree"),
            "record_ids": st.text_input(t("dip_records"), key="dik_records").split(),
        }
        if st.form_submit_button(t("ppid_dik_add"), key="dik_go"):
            lontar.ppid.save_dik(caller, fields)
            _done()


def calendar(lontar: Lontar, caller: Caller) -> None:
    year = lontar.today().year
    days = lontar.ppid.ppid_calendar(dt.date(year, 1, 1), dt.date(year + 1, 12, 31))
    st.dataframe(pd.DataFrame(days), hide_index=True, key="ppid_days_off")
    with st.form("dayoff_form", clear_on_submit=True):
        day = st.date_input(t("date"), key="dayoff_day", format="YYYY-MM-DD")
        reason = st.text_input(t("objection_reason"), key="dayoff_reason")
        working = st.checkbox(t("ppid_working_day"), key="dayoff_working")
        if st.form_submit_button(t("save"), key="dayoff_go"):
            lontar.ppid.set_day_off(caller, day, reason, working)
            _done()
