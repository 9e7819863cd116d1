"""Unggah (upload): one or many files with their description, a progress bar, and a summary
of what was accepted, duplicated, flagged or rejected, with reasons."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from repository.app import SECURITY_CLASSES, ImportOptions, Incoming, flag_label, translate
from ui import registry, render
from ui.frame import frame, guard
from ui.session import labels, lang, t

lontar, caller = frame(registry.UPLOAD)
st.title(t("nav_upload"))
st.caption(t("upload_help"))


def outcome_rows(outcomes, language: str) -> pd.DataFrame:
    rows = []
    for o in outcomes:
        if o.status == "rejected":
            reason = translate(o.reason, language, **o.params)
        elif o.status == "duplicate":
            reason = translate("duplicate", language, id=o.duplicate_of or "-")
        else:
            reason = ", ".join(flag_label(f, language) for f in o.flags)
        rows.append(
            {
                t("file"): o.filename,
                t("record_id"): o.id or o.duplicate_of or "",
                t("reason"): reason,
            }
        )
    return pd.DataFrame(rows, columns=[t("file"), t("record_id"), t("reason")])


with guard():
    units = lontar.records.unit_codes()
    mine = units.index(caller.unit) if caller.unit in units else 0
    unit = st.selectbox(t("col_unit"), units, index=mine, key="upload_unit")
    berkas = {
        hit.id: f"{hit.refcode} · {hit.title}" for hit in lontar.records.containers(caller, unit)
    }
    with st.form("upload_form", clear_on_submit=True):
        files = st.file_uploader(t("files"), accept_multiple_files=True, key="upload_files")
        into = st.selectbox(
            t("target_berkas"),
            ["", *berkas],
            key="upload_into",
            format_func=labels(empty="directly_in_unit", names=berkas),
        )
        c1, c2, c3 = st.columns(3)
        title = c1.text_input(t("title"), key="upload_title", help=t("title_help"))
        date = c2.date_input(t("date"), None, key="upload_date", format="YYYY-MM-DD")
        security = c3.selectbox(
            t("security"),
            SECURITY_CLASSES,
            key="upload_security",
            format_func=labels("security_"),
        )
        classification = st.text_input(t("classification"), key="upload_classification")
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
            classification=classification.strip(),
            description=description.strip(),
        )
        bar = st.progress(0.0, text=t("uploading", done=0, total=len(files)))

        def progress(number, outcome) -> None:
            bar.progress(number / len(files), text=t("uploading", done=number, total=len(files)))

        incoming = (Incoming(f.name, f.getvalue()) for f in files)
        report = lontar.ingest.upload(caller, incoming, options, progress)
        bar.progress(1.0, text=t("upload_done"))
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
        for key, outcomes in (
            ("accepted", report.accepted),
            ("duplicates", report.duplicates),
            ("flagged", flagged),
            ("rejected", report.rejected),
        ):
            if outcomes:
                st.subheader(t("outcome_" + key))
                st.dataframe(outcome_rows(outcomes, lang()), hide_index=True, key=f"outcome_{key}")
        for outcome in report.accepted:
            render.record_link(outcome.id, f"{outcome.filename} → {outcome.id}")
