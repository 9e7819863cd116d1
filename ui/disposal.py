"""The Penyusutan page's three tabs: transfer and hand-over (a list, two sign-offs, the
documents, for hand-over the BagIt bag) and destruction (DAUM, objections, the panel, the
approval with its decree, the execution). Each action calls one service and reruns.

Unit drop-downs offer only the units where the user may draw up a list (the receiving unit
of a transfer is any unit); dates read in words, records by their titles, statuses and
columns in the user's language."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from repository.app import Caller, Lontar, formatting
from ui import render
from ui.session import labels, lang, t
from ui.text import plain

NOTICE = "disposal_notice"
DATE_FORMAT = "DD/MM/YYYY"


def _done(message: str | None = None) -> None:
    render.done(NOTICE, message or t("disposal_done"))


def notice() -> None:
    render.notice(NOTICE)


def unit_names(units: list[dict]) -> dict[str, str]:
    """code -> the unit's name ("Dinas Kesehatan"), in the order given, as `ui.pickers`
    shows units everywhere."""
    return {u["code"]: u["label"] for u in units}


def _cell(row: dict, column: str) -> object:
    value = row.get(column)
    if column == "date":
        return formatting.date_text(value, lang(), "medium") or "-"
    if column == "status":
        return t("destroy_status_" + value)
    if column == "blockers":
        return "; ".join(t("blocker_" + b["kind"], ref=b["ref"]) for b in row.get("blocking", []))
    return "-" if value in (None, "") else value


def _records_table(rows: list[dict], key: str, extra: tuple[str, ...] = ()) -> None:
    """The records of a list, title first, in the user's words."""
    columns = ["title", "refcode", "date", "code", *extra]
    table = pd.DataFrame(
        [{t("disposal_col_" + c): _cell(r, c) for c in columns} for r in rows],
        columns=[t("disposal_col_" + c) for c in columns],
    )
    st.dataframe(table, hide_index=True, key=key)


def _lists_table(found: list[dict], key: str, names: dict[str, str]) -> str | None:
    """The existing lists, newest first, and the one the user picks."""
    if not found:
        st.info(t("disposal_none"))
        return None
    found = sorted(found, key=lambda f: (f["created"], f["id"]), reverse=True)
    overview = pd.DataFrame(
        [
            {
                t("disposal_col_id"): f["id"],
                t("disposal_state"): t("state_" + f["state"]),
                t("col_unit"): names.get(f.get("source") or f.get("unit"), "-"),
                t("disposal_to"): names.get(f.get("target"), "-"),
                t("col_records"): len(f["records"]),
                t("disposal_col_created"): formatting.date_text(f["created"], lang()),
            }
            for f in found
        ]
    )
    st.dataframe(overview, hide_index=True, key=f"{key}_lists")
    described = {f["id"]: f"{f['id']} · {t('state_' + f['state'])}" for f in found}
    return st.selectbox(
        t("disposal_choose"), list(described), key=f"{key}_pick", format_func=described.get
    )


def _no_units() -> None:
    st.info(t("units_none_edit"))


def _pdf(label: str, build, name: str, key: str) -> None:
    """A PDF built when clicked: building it is an audited export."""
    render.download(label, build, name, "application/pdf", key)


def custody_tab(
    lontar: Lontar, caller: Caller, kind: str, mine: dict[str, str], every: dict[str, str]
) -> None:
    """Transfer (kind="transfer") or hand-over (kind="handover"): drawn up from a unit in
    `mine` (where the user may act) to any unit in `every`."""
    if not mine:
        _no_units()
    else:
        _custody_form(lontar, caller, kind, mine, every)
    st.subheader(t("disposal_lists"))
    chosen = _lists_table(lontar.disposal.transfers(caller, kind), kind, every)
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


def _custody_form(
    lontar: Lontar, caller: Caller, kind: str, mine: dict[str, str], every: dict[str, str]
) -> None:
    with st.form(f"{kind}_propose", enter_to_submit=False):
        st.subheader(t("disposal_propose"))
        left, middle, right = st.columns(3)
        source = left.selectbox(
            t("disposal_from"), list(mine), key=f"{kind}_from", format_func=mine.get
        )
        target = middle.selectbox(
            t("disposal_to"), list(every), key=f"{kind}_to", format_func=every.get,
            help=t("disposal_target_help"),
        )  # fmt: skip
        on = right.date_input(
            t("retention_on"), lontar.today(), key=f"{kind}_on", format=DATE_FORMAT
        )
        if st.form_submit_button(t("disposal_propose"), key=f"{kind}_propose_go"):
            made = lontar.disposal.propose_transfer(caller, source, target, on=on, kind=kind)
            _done(t("disposal_made", id=made["id"], count=len(made["records"])))


def destruction_tab(
    lontar: Lontar, caller: Caller, mine: dict[str, str], every: dict[str, str]
) -> None:
    if not mine:
        _no_units()
    else:
        with st.form("destroy_propose", enter_to_submit=False):
            st.subheader(t("disposal_propose"))
            left, right = st.columns(2)
            unit = left.selectbox(
                t("col_unit"), list(mine), key="destroy_unit", format_func=mine.get
            )
            on = right.date_input(
                t("retention_on"), lontar.today(), key="destroy_on", format=DATE_FORMAT
            )
            if st.form_submit_button(t("disposal_propose"), key="destroy_propose_go"):
                made = lontar.disposal.propose_destruction(caller, unit, on=on)
                _done(t("disposal_made", id=made["id"], count=len(made["records"])))
    st.subheader(t("disposal_lists"))
    chosen = _lists_table(lontar.disposal.destructions(caller), "destroy", every)
    if chosen is None:
        return
    found = lontar.disposal.destruction(caller, chosen)
    st.caption(f"{t('authority_needed')}: {t('authority_' + found['authority'])}")
    extra = ("retention_years", "status", "reason", "blockers")
    _records_table(found["records"], "destroy_records", extra)
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
    titles = {r["id"]: f"{r['title']} · {r['refcode']}" for r in found["records"]}
    with st.form("destroy_objection", clear_on_submit=True, enter_to_submit=False):
        st.subheader(t("objection_file"))
        record = st.selectbox(
            t("title"), list(titles), key="objection_record", format_func=titles.get
        )
        reason = st.text_input(t("objection_reason"), key="objection_reason")
        left, right = st.columns(2)
        if left.form_submit_button(t("objection_file"), key="objection_go"):
            lontar.disposal.object_to_destruction(caller, found["id"], record, reason)
            _done()
        if right.form_submit_button(t("objection_dismiss"), key="objection_dismiss_go"):
            lontar.disposal.dismiss_objection(caller, found["id"], record)
            _done()
    with st.form("destroy_appraise", enter_to_submit=False):
        st.subheader(t("disposal_appraise"))
        panel = st.text_area(t("panel_members"), key="panel_members")
        kept = st.multiselect(
            t("panel_keep_records"), list(titles), key="panel_keep", format_func=titles.get,
            placeholder=t("choose"), help=t("panel_keep_help"),
        )  # fmt: skip
        left, right = st.columns(2)
        reason = left.text_input(t("panel_keep_reason"), key="panel_keep_reason")
        years = right.number_input(t("panel_keep_years"), 0, 100, 0, key="panel_keep_years")
        if st.form_submit_button(t("disposal_appraise"), key="appraise_go"):
            keep = dict.fromkeys(kept, reason)
            more = dict.fromkeys(kept, int(years)) if years else {}
            lontar.disposal.appraise_destruction(caller, found["id"], _lines(panel), keep, more)
            _done()


def _approval(lontar: Lontar, caller: Caller, found: dict) -> None:
    with st.form("destroy_approve", enter_to_submit=False):
        st.subheader(t("disposal_approve"))
        st.write(f"{t('authority_needed')}: **{t('authority_' + found['authority'])}**")
        number = st.text_input(t("decree_number"), key="decree_number")
        day = st.date_input(t("decree_date"), lontar.today(), key="decree_date", format=DATE_FORMAT)
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
        _done(t("disposal_destroyed_count", id=found["id"], count=destroyed))


TOMBSTONE_FIELDS = {
    "reference_code": "col_refcode",
    "unit": "col_unit",
    "classification": "classification",
    "security": "col_security",
    "date_start": "tombstone_date_start",
    "date_end": "tombstone_date_end",
    "approved_by": "decree_approver",
}


def tombstone(stone: dict) -> None:
    """The record view of a destroyed record: its description and how it was destroyed."""
    st.title(plain(stone["title"]))
    st.error(t("tombstone_title"))
    body = t(
        "tombstone_body",
        day=formatting.date_text(stone["destroyed_on"], lang()),
        destruction=stone["destruction"],
        decree=stone["decree_number"],
    )
    st.write(plain(body))
    st.dataframe(
        pd.DataFrame(
            [{t(label): _tombstone_value(stone, k) for k, label in TOMBSTONE_FIELDS.items()}]
        ).T.rename(columns={0: ""}),
        key="tombstone_meta",
    )
    if stone["files"]:
        files = [
            {
                t("tombstone_file"): f["filename"],
                t("tombstone_type"): f["media_type"],
                t("tombstone_size"): formatting.number_text(f["size"], lang()),
                "SHA-256": f["sha256"],
            }
            for f in stone["files"]
        ]
        st.dataframe(pd.DataFrame(files), hide_index=True, key="tombstone_files")


def _tombstone_value(stone: dict, key: str) -> str:
    value = stone.get(key)
    if key == "security" and value:
        return t("security_" + value)
    if key.startswith("date_"):
        return formatting.date_text(value, lang()) or "-"
    return value or "-"
