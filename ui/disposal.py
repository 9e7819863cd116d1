"""The Penyusutan page's three tabs: transfer and hand-over (a list, two sign-offs, the
documents, for hand-over the BagIt bag) and destruction (DAUM, objections, the panel, the
approval with its decree, the execution). Each action calls one service and reruns."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from repository.app import Caller, Lontar, parse_keep
from ui import render
from ui.session import labels, t

NOTICE = "disposal_notice"


def _done(message: str | None = None) -> None:
    render.done(NOTICE, message or t("disposal_done"))


def notice() -> None:
    render.notice(NOTICE)


def _records_table(rows: list[dict], key: str, extra: tuple[str, ...] = ()) -> None:
    table = pd.DataFrame(rows)
    columns = ["id", "refcode", "title", "date", "code", *extra]
    st.dataframe(table[[c for c in columns if c in table]], hide_index=True, key=key)


def _lists_table(found: list[dict], key: str) -> str | None:
    """The existing lists, newest first, and the one the user picks."""
    if not found:
        st.info(t("disposal_none"))
        return None
    found = sorted(found, key=lambda f: f["created"], reverse=True)
    overview = pd.DataFrame(
        [
            {
                "id": f["id"],
                t("disposal_state"): t("state_" + f["state"]),
                t("col_unit"): f.get("source") or f.get("unit"),
                t("disposal_to"): f.get("target", "-"),
                t("col_records"): len(f["records"]),
                t("date"): f["created"],
            }
            for f in found
        ]
    )
    st.dataframe(overview, hide_index=True, key=f"{key}_lists")
    return st.selectbox(t("disposal_choose"), [f["id"] for f in found], key=f"{key}_pick")


def _pdf(label: str, build, name: str, key: str) -> None:
    """A PDF built when clicked: building it is an audited export."""
    render.download(label, build, name, "application/pdf", key)


def custody_tab(lontar: Lontar, caller: Caller, kind: str, units: list[str]) -> None:
    """Transfer (kind="transfer") or hand-over (kind="handover")."""
    with st.form(f"{kind}_propose"):
        st.subheader(t("disposal_propose"))
        left, middle, right = st.columns(3)
        source = left.selectbox(t("disposal_from"), units, key=f"{kind}_from")
        target = middle.selectbox(t("disposal_to"), units, key=f"{kind}_to")
        on = right.date_input(t("retention_on"), lontar.today(), key=f"{kind}_on")
        if st.form_submit_button(t("disposal_propose"), key=f"{kind}_propose_go"):
            made = lontar.disposal.propose_transfer(caller, source, target, on=on, kind=kind)
            _done(f"{made['id']}: {len(made['records'])} {t('col_records').lower()}")
    st.subheader(t("disposal_lists"))
    chosen = _lists_table(lontar.disposal.transfers(caller, kind), kind)
    if chosen is None:
        return
    found = lontar.disposal.transfer(caller, chosen)
    _records_table(found["records"], f"{kind}_records")
    if found["state"] != "done":
        side = st.radio(
            t("disposal_sign"),
            ("sender", "receiver"),
            key=f"{kind}_side",
            format_func=labels("side_"),
            horizontal=True,
        )
        if st.button(t("disposal_sign") + f" · {chosen}", key=f"{kind}_sign"):
            lontar.disposal.sign_transfer(caller, chosen, side)
            _done()
    _pdf(
        t("disposal_report"),
        lambda: lontar.disposal.transfer_report(caller, chosen),
        f"{chosen}.pdf",
        f"{kind}_pdf",
    )
    if kind == "handover":
        _pdf(
            t("disposal_statement"),
            lambda: lontar.disposal.transfer_report(caller, chosen, "statement"),
            f"{chosen}-pernyataan.pdf",
            "handover_statement",
        )
        _bag(lontar, caller, chosen)


def _bag(lontar: Lontar, caller: Caller, chosen: str) -> None:
    """Building the bag reads every file: only on request, kept for this list's download."""
    if st.button(t("disposal_make_bag"), key="handover_bag"):
        with st.status(t("disposal_make_bag")):
            st.session_state["handover_bag"] = (
                chosen,
                lontar.disposal.handover_bag_bytes(caller, chosen),
            )
    made = st.session_state.get("handover_bag")
    if made and made[0] == chosen:
        st.download_button(
            t("disposal_bag"),
            made[1],
            file_name=f"{chosen}.zip",
            mime="application/zip",
            key="handover_zip",
            on_click="ignore",
        )


def destruction_tab(lontar: Lontar, caller: Caller, units: list[str]) -> None:
    with st.form("destroy_propose"):
        st.subheader(t("disposal_propose"))
        left, right = st.columns(2)
        unit = left.selectbox(t("col_unit"), units, key="destroy_unit")
        on = right.date_input(t("retention_on"), lontar.today(), key="destroy_on")
        if st.form_submit_button(t("disposal_propose"), key="destroy_propose_go"):
            made = lontar.disposal.propose_destruction(caller, unit, on=on)
            _done(f"{made['id']}: {len(made['records'])} {t('col_records').lower()}")
    st.subheader(t("disposal_lists"))
    chosen = _lists_table(lontar.disposal.destructions(caller), "destroy")
    if chosen is None:
        return
    found = lontar.disposal.destruction(caller, chosen)
    st.caption(f"{t('authority_needed')}: {t('authority_' + found['authority'])}")
    rows = [{**r, "blockers": "; ".join(r.get("blockers", []))} for r in found["records"]]
    _records_table(rows, "destroy_records", ("retention_years", "status", "reason", "blockers"))
    _pdf(
        t("disposal_daum"),
        lambda: lontar.disposal.destruction_report(caller, chosen),
        f"{chosen}-daum.pdf",
        "destroy_daum",
    )
    step = {"proposed": _appraisal, "appraised": _approval, "approved": _execution}
    if found["state"] in step:
        step[found["state"]](lontar, caller, found)
    else:
        _pdf(
            t("disposal_report"),
            lambda: lontar.disposal.destruction_report(caller, chosen, "berita_acara"),
            f"{chosen}-berita-acara.pdf",
            "destroy_report",
        )


def _lines(text: str) -> list[tuple[str, str]]:
    pairs = []
    for line in text.splitlines():
        first, _, second = line.partition(";")
        if first.strip():
            pairs.append((first.strip(), second.strip()))
    return pairs


def _appraisal(lontar: Lontar, caller: Caller, found: dict) -> None:
    ids = [r["id"] for r in found["records"]]
    with st.form("destroy_objection", clear_on_submit=True):
        st.subheader(t("objection_file"))
        record = st.selectbox(t("record_id"), ids, key="objection_record")
        reason = st.text_input(t("objection_reason"), key="objection_reason")
        left, right = st.columns(2)
        if left.form_submit_button(t("objection_file"), key="objection_go"):
            lontar.disposal.object_to_destruction(caller, found["id"], record, reason)
            _done()
        if right.form_submit_button(t("objection_dismiss"), key="objection_dismiss_go"):
            lontar.disposal.dismiss_objection(caller, found["id"], record)
            _done()
    with st.form("destroy_appraise"):
        st.subheader(t("disposal_appraise"))
        panel = st.text_area(t("panel_members"), key="panel_members")
        keep = st.text_area(t("panel_keep"), key="panel_keep")
        if st.form_submit_button(t("disposal_appraise"), key="appraise_go"):
            kept, years = parse_keep(keep.splitlines())
            lontar.disposal.appraise_destruction(caller, found["id"], _lines(panel), kept, years)
            _done()


def _approval(lontar: Lontar, caller: Caller, found: dict) -> None:
    with st.form("destroy_approve"):
        st.subheader(t("disposal_approve"))
        st.write(f"{t('authority_needed')}: **{t('authority_' + found['authority'])}**")
        number = st.text_input(t("decree_number"), key="decree_number")
        day = st.date_input(t("decree_date"), lontar.today(), key="decree_date")
        approver = st.text_input(t("decree_approver"), key="decree_approver")
        if st.form_submit_button(t("disposal_approve"), key="approve_go"):
            lontar.disposal.approve_destruction(
                caller, found["id"], found["authority"], number, day, approver
            )
            _done()


def _execution(lontar: Lontar, caller: Caller, found: dict) -> None:
    st.warning(t("disposal_execute_warning"))
    sure = st.checkbox(t("disposal_confirm"), key="destroy_sure")
    if st.button(t("disposal_execute"), key="destroy_now", disabled=not sure, type="primary"):
        with st.status(t("disposal_destroying")) as status:
            done = lontar.disposal.execute_destruction(caller, found["id"])
            status.update(state="complete")
        destroyed = sum(r["status"] == "destroyed" for r in done["records"])
        _done(f"{found['id']}: {destroyed} {t('state_done')}")


def tombstone(stone: dict) -> None:
    """The record view of a destroyed record: its description and how it was destroyed."""
    st.title(render.plain(stone["title"]))
    st.error(t("tombstone_title"))
    body = t(
        "tombstone_body",
        day=stone["destroyed_on"],
        destruction=stone["destruction"],
        decree=stone["decree_number"],
    )
    st.write(render.plain(body))
    rows = {
        k: stone[k]
        for k in (
            "reference_code",
            "unit",
            "classification",
            "security",
            "date_start",
            "date_end",
            "approved_by",
        )
    }
    st.dataframe(pd.DataFrame([rows]).T.rename(columns={0: ""}), key="tombstone_meta")
    if stone["files"]:
        st.dataframe(pd.DataFrame(stone["files"]), hide_index=True, key="tombstone_files")
