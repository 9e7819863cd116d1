"""Katalog's tree of holdings: fonds → series → berkas → item, opened node by node and kept
open while the reader moves through it.

The tree is drawn in a fragment (`st.fragment`): opening a node or turning one of its pages
reruns the tree alone, not the page (no new search, no page load). What is open is kept as
record ids in the session (`OPEN`, and each node's page in `PAGES`), never as records. Each
open node shows one page of its children (`lontar.catalogue.children`, fifty a page, each with
how many public records it holds), so a fonds of 100,000 items costs what its first fifty do.

A container is a button that opens or closes it; the items of a page, and the link to a
container's own description, are one list of links (one element: ui/render.py).
"""

from __future__ import annotations

import streamlit as st

from repository.app import Caller, Lontar, RecordNotFound, formatting
from ui import catalogue, render
from ui.render import Link
from ui.session import lang, t
from ui.text import plain

OPEN = "kat_open"  # ids of the open nodes, in the order they were opened
PAGES = "kat_tree_pages"  # node id ("" for the top) -> the page of its children shown
TOP = ""


@st.fragment
def tree(lontar: Lontar, caller: Caller) -> None:
    """The whole tree from the published top nodes down through the open ones."""
    st.subheader(t("kat_tree"))
    st.caption(t("kat_tree_help"))
    _level(lontar, caller, TOP)


def _level(lontar: Lontar, caller: Caller, node_id: str, title: str = "") -> None:
    """One page of a node's children; an open child's own children under it."""
    page = st.session_state.get(PAGES, {}).get(node_id, 1)
    try:
        found = lontar.catalogue.children(caller, node_id, page)
    except RecordNotFound:  # withdrawn from the catalogue since it was opened
        _close(node_id)
        st.caption(t("kat_tree_gone"))
        return
    opened = st.session_state.get(OPEN, [])
    leaves: list[Link] = []
    if node_id:
        leaves.append(catalogue.record_link(t("kat_tree_open", title=title), node_id))
    for row in found["rows"]:
        if not is_container(row):
            leaves.append(_leaf(row, page))
            continue
        render.links(leaves)
        leaves = []
        _node_button(row, row["id"] in opened)
        if row["id"] in opened:
            with st.container(border=True):
                _level(lontar, caller, row["id"], row["title"] or row["refcode"])
    render.links(leaves)
    if found["pages"] > 1:
        _pager(node_id, found["page"], found["pages"])


def is_container(row: dict) -> bool:
    """What the tree can open: a fonds, series or berkas, or an item holding records."""
    return row["level"] != "item" or bool(row["children"])


def _leaf(row: dict, page: int) -> Link:
    note = " · ".join([row["refcode"], catalogue.dates_text(row["date"])])
    return catalogue.record_link(row["title"] or row["refcode"], row["id"], note, saudara=str(page))


def _node_button(row: dict, is_open: bool) -> None:
    count = formatting.number_text(row["children"], lang())
    title = plain(row["title"] or row["refcode"])
    label = t("kat_tree_node", title=title, count=count)
    level = catalogue.level_name(row["level"])
    st.button(
        f"{label} :gray[{plain(level)}]",
        key=f"kat_node_{row['id']}",
        on_click=_toggle,
        args=(row["id"],),
        type="tertiary",
        icon=":material/expand_more:" if is_open else ":material/chevron_right:",
        help=plain(row["refcode"]),
    )


def _toggle(node_id: str) -> None:
    """Opens a closed node, closes an open one (and what was open below it stays known, so
    it opens again as it was)."""
    opened = st.session_state.setdefault(OPEN, [])
    if node_id in opened:
        opened.remove(node_id)
    else:
        opened.append(node_id)


def _close(node_id: str) -> None:
    opened = st.session_state.get(OPEN, [])
    if node_id in opened:
        opened.remove(node_id)


def _turn(node_id: str, page: int) -> None:
    st.session_state.setdefault(PAGES, {})[node_id] = page


def _pager(node_id: str, page: int, pages: int) -> None:
    """The node's page of children between buttons to the pages before and after."""
    row = st.container(horizontal=True, vertical_alignment="center")
    row.button(
        t("kat_previous"), key=f"kat_prev_{node_id or 'top'}", on_click=_turn,
        args=(node_id, page - 1), disabled=page <= 1, icon=":material/chevron_left:",
    )  # fmt: skip
    row.caption(t("kat_page_of", page=page, pages=pages))
    row.button(
        t("kat_next"), key=f"kat_next_{node_id or 'top'}", on_click=_turn,
        args=(node_id, page + 1), disabled=page >= pages, icon=":material/chevron_right:",
    )  # fmt: skip
