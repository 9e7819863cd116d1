"""Jelajah (browse): the hierarchy from the Pemda down to items, one level at a time, with
breadcrumbs and visible-record counts; large folders are paged by the index."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import registry, render
from ui.frame import frame, guard
from ui.session import t


def _row(row: dict) -> render.Link:
    """A folder (with its number of children) opens here; an item opens in Arsip."""
    has_children = row["children"] or row["level"] != "item"
    label = f"{row['refcode']} · {row['title']}" + (f" ({row['children']})" if has_children else "")
    if has_children:
        return render.Link(registry.BROWSE, label, {"node": row["id"]}, icon="folder_open")
    return render.Link(registry.RECORD, label, {"id": row["id"]})


def _page(label: str, key: str, number: int) -> render.Link:
    return render.Link(registry.BROWSE, label, {"node": key, "hal": str(number)})


lontar, caller = frame(registry.BROWSE)
st.title(t("nav_browse"))
key = st.query_params.get("node", "")
page = int(st.query_params.get("hal", "1")) if st.query_params.get("hal", "1").isdigit() else 1

with guard():
    view = lontar.records.browse(caller, key, page)
    # Every list of links is one element (ui.render.links): a folder of fifty records drew
    # fifty, and the browser pays for each (docs/performance.md, Speed in the browser).
    render.trail(
        [
            render.Link(registry.BROWSE, c["label"], {"node": c["key"]} if c["key"] else None)
            for c in view["breadcrumbs"]
        ],
        t("nav_browse"),
    )
    if view["units"]:
        st.subheader(t("units_here"))
        render.links(
            [
                render.Link(
                    registry.BROWSE,
                    f"{u['label']} ({u['records']})",
                    {"node": u["key"]},
                    icon="folder",
                )
                for u in view["units"]
            ],
            label=t("units_here"),
        )
    if view["key"] and not view["key"].startswith("unit:"):
        render.links([render.Link(registry.RECORD, t("open_record"), {"id": view["key"]})])
    if view["key"]:
        st.subheader(t("contents_count", total=view["total"]))
        render.links([_row(row) for row in view["contents"]])
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
            number = view["page"]
            render.paging(
                number,
                view["pages"],
                _page(t("previous"), key, number - 1) if number > 1 else None,
                _page(t("next"), key, number + 1) if number < view["pages"] else None,
            )
