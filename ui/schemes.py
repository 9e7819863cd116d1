"""Loading a classification scheme version and the JRA from CSV in the app, and downloading
the JRA: the same services as `lontar scheme import` and `lontar jra import/export`."""

from __future__ import annotations

import streamlit as st

from repository.app import Caller, Lontar
from ui import render
from ui.session import t


def loaders(lontar: Lontar, caller: Caller) -> None:
    with st.expander(t("upload_scheme") + " · " + t("upload_jra")):
        with st.form("scheme_upload", clear_on_submit=True, enter_to_submit=False):
            upload = render.uploader(
                t("upload_scheme"), "scheme_file", type=["csv"], help=t("scheme_csv_help")
            )
            version = st.text_input(t("scheme_version"), key="scheme_version")
            if st.form_submit_button(t("upload_scheme"), key="scheme_go") and upload is not None:
                text = upload.getvalue().decode("utf-8-sig")
                st.success(
                    t(
                        "scheme_loaded",
                        **lontar.workbench.load_scheme(caller, text, version.strip()),
                    )
                )
        with st.form("jra_upload", clear_on_submit=True, enter_to_submit=False):
            upload = render.uploader(
                t("upload_jra"), "jra_file", type=["csv"], help=t("jra_csv_help")
            )
            if st.form_submit_button(t("upload_jra"), key="jra_go") and upload is not None:
                rules = lontar.workbench.load_jra(caller, upload.getvalue().decode("utf-8-sig"))
                st.success(t("jra_loaded", rules=rules))
        render.download(
            t("jra_download"),
            lambda: lontar.workbench.export_jra().encode("utf-8-sig"),
            "jra.csv",
            "text/csv",
            "jra_download",
        )
