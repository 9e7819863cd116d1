"""Jelajah (browse): the hierarchy from the Pemda down to items, one level at a time, with
breadcrumbs and visible-record counts; large folders are paged by the index."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import registry, render
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.BROWSE)
st.title(t("nav_browse"))
key = st.query_params.get("node", "")
page = int(st.query_params.get("hal", "1")) if st.query_params.get("hal", "1").isdigit() else 1

with guard():
    view = lontar.records.browse(caller, key, page)
    crumbs = st.columns(len(view["breadcrumbs"]))
    for column, crumb in zip(crumbs, view["breadcrumbs"], strict=True):
        registry.BROWSE.link(
            render.plain(crumb["label"]),
            {"node": crumb["key"]} if crumb["key"] else {},
            icon=":material/chevron_right:",
            where=column,
        )
    if view["units"]:
        st.subheader(t("units_here"))
        for unit in view["units"]:
            registry.BROWSE.link(
                render.plain(f"{unit['label']} ({unit['records']})"),
                {"node": unit["key"]},
                icon=":material/folder:",
            )
    if view["key"] and not view["key"].startswith("unit:"):
        render.record_link(view["key"], t("open_record"))
    if view["key"]:
        st.subheader(t("contents_count", total=view["total"]))
        for row in view["contents"]:
            has_children = row["children"] or row["level"] != "item"
            label = f"{row['refcode']} · {row['title']}" + (
                f" ({row['children']})" if has_children else ""
            )
            if has_children:
                registry.BROWSE.link(
                    render.plain(label), {"node": row["id"]}, icon=":material/folder_open:"
                )
            else:
                render.record_link(row["id"], label)
        # A toggle, not an expander: the table is built and drawn only when asked for.
        if view["contents"] and st.toggle(t("as_table"), key="contents_as_table"):
            table = pd.DataFrame(
                [
                    {
                        t("title"): row["title"],
                        t("col_refcode"): row["refcode"],
                        t("col_level"): t("level_" + row["level"]),
                        t("date"): render.day(row["date"]),
                        t("col_security"): t("security_" + row["security"]),
                        t("col_children"): row["children"],
                        t("record_id"): row["id"],
                    }
                    for row in view["contents"]
                ]
            )
            st.dataframe(table, hide_index=True, key="contents_table")
        if view["pages"] > 1:
            st.caption(t("page_of", page=view["page"], pages=view["pages"]))
            prev_col, next_col = st.columns(2)
            if view["page"] > 1:
                registry.BROWSE.link(
                    t("previous"), {"node": key, "hal": str(view["page"] - 1)}, where=prev_col
                )
            if view["page"] < view["pages"]:
                registry.BROWSE.link(
                    t("next"), {"node": key, "hal": str(view["page"] + 1)}, where=next_col
                )
