"""Informasi Publik (public): the Daftar Informasi Publik with its DIP columns, each entry's
linked records (those the visitor may see) and retention from the JRA; the list of exempt
information with each consequence test and its expiry; both as CSV/Excel."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import ppid, registry, render
from ui.frame import frame, guard
from ui.session import t
from ui.text import plain

lontar, caller = frame(registry.DIP)
st.title(t("nav_dip"))

with guard():
    entries = lontar.ppid.dip_list(caller)
    table = pd.DataFrame(
        [
            {
                t("dip_no"): e["no"],
                t("dip_summary"): e["summary"],
                t("dip_category"): t("category_" + e["category"]),
                t("col_unit"): e["unit_name"],
                t("dip_responsible"): e["responsible"],
                t("dip_made"): e["made"],
                t("dip_formats"): e["formats"],
                t("dip_retention"): e["retention"],
            }
            for e in entries
        ]
    )
    if entries:
        st.dataframe(table, hide_index=True, key="dip_table")
        render.downloads(table, "daftar-informasi-publik", "dip")
        for e in entries:
            for record in e["records"]:
                registry.RECORD.link(
                    f"{e['no']}. {plain(record['title'])} :gray[{plain(record['id'])}]",
                    {"id": record["id"]},
                )
    else:
        st.info(t("disposal_none"))
    st.subheader(t("dik_title"))
    exempt = pd.DataFrame(
        [
            {
                t("dik_information"): d["information"],
                t("ppid_ground"): f"Pasal 17 huruf {d['ground']}: {d['ground_text']}",
                t("dik_legal_basis"): d["legal_basis"],
                t("dik_harm"): d["harm"],
                t("dik_public_interest"): d["public_interest"],
                t("dik_years"): d["years"],
                t("dik_expires"): ppid.day(d["expires"]),
            }
            for d in lontar.ppid.dik_list(caller)
        ]
    )
    if not exempt.empty:
        st.dataframe(exempt, hide_index=True, key="dik_table")
        render.downloads(exempt, "daftar-informasi-dikecualikan", "dik")
