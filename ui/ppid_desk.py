"""The officers' PPID pages: the queue, one request with its steps (assign -> decide ->
notify), what is next, its actions (`ui/ppid_forms.py`) and its history; objections for the
Atasan PPID; and the registers, the annual report, the DIP/DIK forms and the calendar. Each
action calls one service and reruns. Dates are written in words, people and units by name,
records by title."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from repository.app import CATEGORIES, DECISIONS, EXEMPTIONS, Caller, Lontar, formatting
from ui import pickers, ppid_forms, registry, render
from ui.ppid import day, decision_text, due_text, facts, moment, people_table
from ui.session import labels, lang, t
from ui.text import escaped

NOTICE = ppid_forms.NOTICE
REQUESTER = "pemohon"  # how the service names the requester in a request's history
FLAGS = {"overdue": "🔴 ", "due_soon": "🟠 ", "": ""}
STEPS = ("assign", "decide", "notify")
_done = ppid_forms.done


def notice() -> None:
    render.notice(NOTICE)


def _state(r: dict) -> str:
    return FLAGS[r["flag"]] + (t("flag_" + r["flag"]) if r["flag"] else t("state_" + r["state"]))


def _next_label(step: str) -> str:
    return t("ppid_step_label_" + step) if step in STEPS else t("state_decided")


def queue(rows: list[dict]) -> str | None:
    """The queue, soonest due first, as a plain table (one element: the data grid costs the
    browser 30–45 ms per page, docs/performance.md, Speed in the browser), each number a
    link that opens its request (`?nomor=`); returns the request opened, if any. No request
    opens by itself: the first one's view and its action form were most of what the browser
    drew each time the desk was opened, and a selectbox to switch was one more widget."""
    if not rows:
        render.block(render.headed(t("ppid_queue"), render.note_html(escaped(t("ppid_none")))))
        return None
    asked = st.query_params.get("nomor")
    columns = [
        t("status_number"),
        t("disposal_state"),
        t("status_due"),
        t("ppid_days"),
        t("ppid_next"),
        t("field_name"),
        t("field_information"),
        t("col_unit"),
        t("ppid_assignee"),
    ]
    table = render.table_html(
        [
            (
                render.Link(
                    registry.PPID_DESK,
                    r["number"],
                    {"nomor": r["number"]},
                    current=r["number"] == asked,
                ),
                _state(r),
                day(r["due"]),
                str(r["left"]) if r["state"] != "decided" else "-",
                _next_label(r["next_step"]),
                r["requester"],
                r["information"][:80],
                r["unit_name"] or "-",
                r["assignee_name"] or "-",
            )
            for r in rows
        ],
        columns,
    )
    render.block(render.headed(t("ppid_queue"), table))  # the heading in the table's block
    if asked in {r["number"] for r in rows}:
        return asked
    st.caption(t("ppid_pick_hint"))
    return None


def steps_html(view: dict) -> str:
    """Where the request stands: each step done, the next one, and what to do now, as one
    box (three columns of a line each were seven elements)."""
    order = (*STEPS, "done")
    at = order.index(view["next_step"])
    marks = [
        ("✅" if order.index(step) < at else ("➡️" if step == view["next_step"] else "⬜"))
        + f" <strong>{escaped(t('ppid_step_label_' + step))}</strong>"
        for step in STEPS
    ]
    params = {
        "assign": {},
        "decide": {"due": day(view["due"])},
        "notify": {"delivery": t("delivery_" + view["delivery"])},
        "done": {"day": day(view["notified_on"])},
    }[view["next_step"]]
    next_line = escaped(t("ppid_next_" + view["next_step"], **params))
    return render.note_html(f"<p>{' &emsp; '.join(marks)}</p><p>{next_line}</p>")


def request(lontar: Lontar, caller: Caller, number: str) -> None:
    view = lontar.ppid.ppid_request(caller, number)
    linked = [
        render.Link(registry.RECORD, record["title"], {"id": record["id"]}, record["id"])
        for record in view["linked"]
    ]
    # the heading, the steps, the facts and the records named: one block, not four elements
    render.block(
        render.headed(
            f"{number} · {view['name']}",
            steps_html(view) + render.table_html(_facts(view)) + render.links_html(linked),
        )
    )
    if view["decision"]:
        language = lang()
        render.download(
            t("ppid_notice"),
            lambda: lontar.ppid.notice(caller, number, language),
            f"{number}.pdf",
            "application/pdf",
            "ppid_notice_pdf",
        )
    _id_card(lontar, caller, number)
    if caller.may("ppid_decide"):
        _actions(lontar, caller, view)
    with st.expander(t("ppid_history")):
        table = history(view["history"])
        render.table(table.values.tolist(), list(table.columns))


def _facts(view: dict) -> list[tuple[str, str]]:
    name = view["name"] + (f" ({view['organisation']})" if view["organisation"] else "")
    concerned = "; ".join(r["title"] for r in view["concerned_titles"]) or "-"
    return [
        (t("field_name"), name),
        (t("field_kind"), t("kind_" + view["kind"])),
        (t("field_nik"), view["nik"]),
        (t("field_address"), view["address"]),
        (t("field_email"), f"{view['email']} · {view['phone']}"),
        (t("request_received_on"), moment(view["received"])),
        (t("field_information"), view["information"]),
        (t("field_purpose"), view["purpose"]),
        (t("field_obtain"), ", ".join(t("obtain_" + o) for o in view["obtain"])),
        (t("field_delivery"), t("delivery_" + view["delivery"])),
        (t("status_due"), due_text(view)),
        (t("col_unit"), view["unit_name"] or "-"),
        (t("ppid_assignee"), view["assignee_name"] or "-"),
        (t("status_decision"), decision_text(view)),
        (t("ppid_notice_number"), view["notice_number"] or "-"),
        (t("ppid_concerned_list"), concerned),
    ]


def _detail(what: str, params: dict) -> str:
    """A history line's detail in the reader's words: codes become labels."""
    shown = dict(params)
    if "decision" in shown:
        shown["decision"] = t("decision_" + shown["decision"])
    if "outcome" in shown:
        shown["outcome"] = t("reg_objection_" + shown["outcome"])
    return t("history_ppid_" + what, **shown)


def history(steps: list[dict]) -> pd.DataFrame:
    """A request's steps (when, who, what, detail) in the officer's language."""
    columns = [t("when"), t("who"), t("action"), t("detail")]
    return pd.DataFrame(
        [
            (
                moment(s["when"]),
                t("ppid_requester_actor") if s["who"] == REQUESTER else s["who_name"],
                t("ppid_step_" + s["what"]),
                _detail(s["what"], s["params"]),
            )
            for s in steps
        ],
        columns=columns,
    )


def _id_card(lontar: Lontar, caller: Caller, number: str) -> None:
    """Fetched on request only: every view of an ID card is audited."""
    if not caller.may("ppid_decide"):
        return
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


ACTIONS = {
    "assign": "ppid_assign",
    "decide": "ppid_decide",
    "notify": "ppid_notify_tab",
    "extend": "ppid_extend",
    "concern": "ppid_concerned_list",
}


def _actions(lontar: Lontar, caller: Caller, view: dict) -> None:
    """The steps' actions, one at a time, the next step's chosen. Not tabs: Streamlit draws
    every tab's widgets at every run, and five tabs with a form each cost about 100 ms per
    page link in the browser (docs/performance.md, Speed in the browser). The choice is kept
    per request and step, so it moves on to the next step's action when a step is done."""
    number, step = view["number"], view["next_step"]
    choices = list(ACTIONS)
    chosen = st.radio(
        t("action"),
        choices,
        index=choices.index(step) if step in ACTIONS else 0,
        key=f"ppid_action_{number}_{step}",
        format_func=labels(names={action: t(key) for action, key in ACTIONS.items()}),
        horizontal=True,
    )
    if chosen == "assign":
        ppid_forms.assign(lontar, caller, view)
    elif chosen == "decide":
        ppid_forms.decide(lontar, caller, number)
    elif chosen == "notify":
        ppid_forms.notify(lontar, caller, view)
    elif chosen == "extend":
        ppid_forms.extend(lontar, caller, number)
    else:
        ppid_forms.concern(lontar, caller, number)


def objections(lontar: Lontar, caller: Caller) -> None:
    """Objections waiting for the Atasan PPID's answer, and the answer to one."""
    rows = [o for o in lontar.ppid.ppid_registers(caller)["objections"] if not o["decision"]]
    if not rows:
        note = render.note_html(escaped(t("ppid_no_objections")))
        render.block(render.headed(t("ppid_objections"), note))
        return
    st.subheader(t("ppid_objections"))
    st.dataframe(people_table(rows, objection=True), hide_index=True, key="ppid_open_objections")
    if not caller.may("ppid_objection"):
        return
    named = {o["number"]: f"{o['number']} · {o['request']} · {o['requester']}" for o in rows}
    with st.form("ppid_objection_form", enter_to_submit=False):
        number = st.selectbox(
            t("ppid_objections"), list(named), key="ob_pick", format_func=named.get
        )
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
    """Both registers as people read them; their CSV/Excel are the same tables (the CLI's
    `lontar ppid registers` writes ISO dates and codes for machines)."""
    for name, rows in (("requests", found["requests"]), ("objections", found["objections"])):
        st.subheader(t(f"ppid_{name}_register"))
        if not rows:
            st.info(t("disposal_none"))
            continue
        table = people_table(rows, objection=name == "objections")
        st.dataframe(table, hide_index=True, key=f"register_{name}")
        render.downloads(table, f"register-{name}", f"register_{name}")


def _figure(key: str, value) -> str:
    if value is None:
        return "-"
    if key == "made_on":
        return day(value)
    if key == "year":
        return str(value)
    return formatting.number_text(value, lang())


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
        index=pd.Index(
            [t("decision_" + k) for k in DECISIONS] + [t("decision_pending")],
            name=t("status_decision"),
        ),
    )
    st.subheader(t("chart_decisions"))
    st.bar_chart(decisions, horizontal=True)
    if report["refused_by_ground"]:
        grounds = pd.DataFrame(
            {t("col_records"): list(report["refused_by_ground"].values())},
            index=pd.Index(
                [f"Pasal 17 {g}" for g in report["refused_by_ground"]], name=t("ppid_ground")
            ),
        )
        st.bar_chart(grounds)
    rows = [(t("report_" + k), _figure(k, v)) for k, v in report.items() if not isinstance(v, dict)]
    facts(rows, "ppid_report_facts")
    render.download(
        t("ppid_report_pdf"),
        lambda: lontar.ppid.ppid_report_pdf(caller, int(year)),
        f"laporan-ppid-{year}.pdf",
        "application/pdf",
        "ppid_report_download",
    )


def lists(lontar: Lontar, caller: Caller) -> None:
    units = {u["code"]: u["name"] for u in lontar.ppid.ppid_units(caller)}
    st.subheader(t("ppid_dip_add"))
    dip_records = pickers.records(lontar, caller, "dip_records", t("dip_records"))
    with st.form("dip_form", clear_on_submit=True, enter_to_submit=False):
        fields = {
            "summary": st.text_input(t("dip_summary"), key="dip_summary"),
            "category": st.selectbox(
                t("dip_category"), CATEGORIES, key="dip_category", format_func=labels("category_")
            ),
            "unit": st.selectbox(
                t("col_unit"),
                list(units),
                key="dip_unit",
                format_func=lambda c: units.get(c, c),
                placeholder=t("ppid_choose_unit"),
            ),
            "responsible": st.text_input(t("dip_responsible"), key="dip_responsible"),
            "made": st.text_input(t("dip_made"), key="dip_made"),
            "formats": st.text_input(t("dip_formats"), key="dip_formats"),
            "record_ids": dip_records,
        }
        if st.form_submit_button(t("ppid_dip_add"), key="dip_go"):
            lontar.ppid.save_dip(caller, fields)
            pickers.reset_records("dip_records")
            _done()
    st.subheader(t("ppid_dik_add"))
    dik_records = pickers.records(lontar, caller, "dik_records", t("dip_records"))
    with st.form("dik_form", clear_on_submit=True, enter_to_submit=False):
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
            "record_ids": dik_records,
        }
        if st.form_submit_button(t("ppid_dik_add"), key="dik_go"):
            lontar.ppid.save_dik(caller, fields)
            pickers.reset_records("dik_records")
            _done()


def calendar(lontar: Lontar, caller: Caller) -> None:
    year = lontar.today().year
    days = lontar.ppid.ppid_calendar(dt.date(year, 1, 1), dt.date(year + 1, 12, 31))
    table = pd.DataFrame(
        [(day(d["date"]), d["reason"]) for d in days],
        columns=[t("ppid_calendar_date"), t("ppid_calendar_reason")],
    )
    st.dataframe(table, hide_index=True, key="ppid_days_off")
    with st.form("dayoff_form", clear_on_submit=True, enter_to_submit=False):
        chosen = st.date_input(t("date"), key="dayoff_day", format="DD/MM/YYYY")
        reason = st.text_input(t("objection_reason"), key="dayoff_reason")
        working = st.checkbox(t("ppid_working_day"), key="dayoff_working")
        if st.form_submit_button(t("save"), key="dayoff_go"):
            lontar.ppid.set_day_off(caller, chosen, reason, working)
            _done()
