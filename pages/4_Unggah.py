"""Unggah (upload): one or many files with their description, a progress bar, and a summary
of what was accepted, duplicated, flagged or rejected, with reasons."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from repository.app import SECURITY_CLASSES, ImportOptions, Incoming, flag_label, translate
from ui import pickers, registry, render
from ui.frame import frame, guard
from ui.session import labels, lang, t

lontar, caller = frame(registry.UPLOAD)
st.title(t("nav_upload"))
st.caption(t("upload_help"))


def outcome_rows(outcomes, language: str, titles: dict[str, str]) -> pd.DataFrame:
    """One row per file: its name, the record it became (by title), why."""
    rows = []
    for o in outcomes:
        if o.status == "rejected":
            reason = translate(o.reason, language, **o.params)
        elif o.status == "duplicate":
            title = titles.get(o.duplicate_of or "", o.duplicate_of or "-")
            reason = translate("duplicate_of", language, title=title)
        else:
            reason = ", ".join(flag_label(f, language) for f in o.flags)
        record = o.id or o.duplicate_of or ""
        rows.append(
            {
                t("file"): o.filename,
                t("title"): titles.get(record, ""),
                t("reason"): reason,
                t("record_id"): record,
            }
        )
    return pd.DataFrame(rows, columns=[t("file"), t("title"), t("reason"), t("record_id")])


def report_of(report) -> None:
    flagged = [o for o in report.accepted if o.flags]
    st.success(
        t(
            "upload_summary",
            accepted=len(report.accepted),
            duplicates=len(report.duplicates),
            flagged=len(flagged),
            rejected=len(report.rejected),
        )
    )
    ids = [o.id or o.duplicate_of for o in report.accepted + report.duplicates]
    titles = lontar.records.titles(caller, ids)
    for key, outcomes in (
        ("accepted", report.accepted),
        ("duplicates", report.duplicates),
        ("flagged", flagged),
        ("rejected", report.rejected),
    ):
        if outcomes:
            st.subheader(t("outcome_" + key))
            st.dataframe(
                outcome_rows(outcomes, lang(), titles), hide_index=True, key=f"outcome_{key}"
            )
    for outcome in report.accepted:
        render.titled_link(outcome.id, titles.get(outcome.id, outcome.filename))


with guard():
    unit = pickers.unit(
        lontar,
        caller,
        t("col_unit"),
        "upload_unit",
        permission="add_records",
        default=caller.unit,
        empty=None,
    )
    if unit is None:
        st.warning(t("upload_units_none"))
        st.stop()
    berkas = {
        hit.id: f"{hit.refcode} · {hit.title}" for hit in lontar.records.containers(caller, unit)
    }
    with st.form("upload_form", clear_on_submit=True, enter_to_submit=False):
        files = render.uploader(
            t("files"), "upload_files", accept_multiple_files=True, help=t("upload_files_help")
        )
        into = st.selectbox(
            t("target_berkas"),
            ["", *berkas],
            key="upload_into",
            format_func=labels(empty="directly_in_unit", names=berkas),
        )
        c1, c2, c3 = st.columns(3)
        title = c1.text_input(t("title"), key="upload_title", help=t("title_help"))
        date = c2.date_input(t("date"), None, key="upload_date", format="DD/MM/YYYY")
        security = c3.selectbox(
            t("security"),
            SECURITY_CLASSES,
            key="upload_security",
            format_func=labels("security_"),
        )
        classification = pickers.classification(
            lontar, t("classification"), "upload_classification"
        )
        description = st.text_area(t("description"), key="upload_description")
        submitted = st.form_submit_button(t("upload_button"), type="primary")

    if submitted and not files:
        st.warning(t("no_files_chosen"))
    elif submitted:
        options = ImportOptions(
            unit=unit,
            into=into or None,
            title=title.strip() or None,
            date=date.isoformat() if date else None,
            security=security,
            classification=classification,
            description=description.strip(),
        )
        bar = st.progress(0.0, text=t("uploading", done=0, total=len(files)))

        def progress(number, outcome) -> None:
            bar.progress(number / len(files), text=t("uploading", done=number, total=len(files)))

        incoming = (Incoming(f.name, f.getvalue()) for f in files)
        report = lontar.ingest.upload(caller, incoming, options, progress)
        bar.progress(1.0, text=t("upload_done"))
        report_of(report)
