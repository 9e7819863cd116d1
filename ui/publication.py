"""Publikasi Katalog (Administrator, Arsiparis): what is published, withdrawing a node (after a
confirmation), and publishing a fonds, series or berkas with its ISAD(G) description, or
editing the description of one already published.

The node being described is the URL's `?id=`: a link from the Arsip page or a bookmark opens
its form, and a pick from the search or a row's "Ubah deskripsi" writes it there, so the
address bar can be copied. The form's widgets are keyed by that id, so another node's form
starts from its own stored description. Services: `lontar.catalogue` (published, description,
describe, publish, unpublish) and `lontar.records.search` for the picker.

Saving publishes only a node the catalogue does not show yet; a node already shown through a
published fonds or series above it gets its description, and is not published on its own
(withdrawing the node above withdraws it with the rest).
"""

from __future__ import annotations

import dataclasses
import re

import streamlit as st

from repository.app import Caller, Hit, Lontar, SearchRequest
from ui import catalogue, render, visit
from ui.frame import guard
from ui.registry import RECORD
from ui.render import Link
from ui.session import labels, t
from ui.text import plain

NOTICE = "pub_notice"  # the confirmation of the last action, shown after the rerun
WITHDRAWING = "pub_withdrawing"  # the id whose withdrawal waits for "Ya, tarik"
PUBLISHABLE = ("fonds", "series", "file")
PICKS = 30  # nodes offered per search
# common languages of a Pemda's records (ISO 639-2), each named as the catalogue names it
# (`kat_language_<code>`, ui/catalogue.language_name: one table for the whole catalogue)
LANGUAGES = (
    "ind", "jav", "sun", "mad", "ban", "bug", "min", "ace", "bjn", "msa",
    "eng", "nld", "ara", "zho", "jpn", "por",
)  # fmt: skip
# ISAD(G) fields of the form: (name, a text area rather than one line)
TEXT_FIELDS = (
    ("extent", False),
    ("creator", False),
    ("admin_history", True),
    ("scope_content", True),
    ("access_conditions", True),
    ("reproduction_conditions", True),
)


def page(lontar: Lontar, caller: Caller) -> None:
    """The rules in a few lines, the published nodes, then the picker and the form."""
    render.notice(NOTICE)
    st.info(t("pub_rules"))
    with guard():
        published(lontar, caller)
    st.subheader(t("pub_new_header"))
    with guard():
        pick(lontar, caller)
    chosen = st.query_params.get("id", "").strip()
    if chosen:
        with guard():
            form(lontar, caller, chosen)


# -- what is published ------------------------------------------------------------------------
def published(lontar: Lontar, caller: Caller) -> None:
    st.subheader(t("pub_published_header"))
    rows = lontar.catalogue.published(caller)
    if not rows:
        st.caption(t("pub_none"))
    for row in rows:
        with st.container(border=True):
            _published_row(lontar, caller, row)


def _published_row(lontar: Lontar, caller: Caller, row: dict) -> None:
    """Its title (a link to the record), its facts in words, whether the catalogue shows it,
    and its two actions; a withdrawal asks first."""
    text, actions = st.columns([4, 2])
    render.links([Link(RECORD, row["title"] or row["refcode"], {"id": row["id"]})], where=text)
    facts = t(
        "pub_row_facts",
        level=t(f"level_{row['level']}"),
        refcode=row["refcode"],
        since=render.moment(row["since"]),
        by=row["by"],
    )
    text.caption(plain(facts))
    state = "pub_state_public" if row["public"] else "pub_state_hidden"
    (text.success if row["public"] else text.warning)(t(state))
    edit, withdraw = actions.columns(2)
    edit.button(t("pub_edit"), key=f"pub_edit_{row['id']}", on_click=_choose, args=(row["id"],))
    withdraw.button(
        t("pub_withdraw"), key=f"pub_withdraw_{row['id']}", on_click=_ask, args=(row["id"],)
    )
    if st.session_state.get(WITHDRAWING) == row["id"]:
        _confirm_withdrawal(lontar, caller, row)


def _choose(record_id: str) -> None:
    st.query_params["id"] = record_id


def _ask(record_id: str) -> None:
    st.session_state[WITHDRAWING] = record_id


def _confirm_withdrawal(lontar: Lontar, caller: Caller, row: dict) -> None:
    st.warning(t("pub_withdraw_confirm", title=plain(row["title"])))
    yes, no = st.columns(2)
    if no.button(t("pub_cancel"), key=f"pub_cancel_{row['id']}"):
        st.session_state.pop(WITHDRAWING, None)
        st.rerun()
    if yes.button(t("pub_withdraw_yes"), key=f"pub_yes_{row['id']}", type="primary"):
        st.session_state.pop(WITHDRAWING, None)
        done = lontar.catalogue.unpublish(caller, row["id"])
        also = len(done.get("also", ()))  # nodes below it published on their own: gone too
        if also:
            said = t("pub_withdrawn_done_also", title=row["title"], count=also)
        else:
            said = t("pub_withdrawn_done", title=row["title"])
        render.done(NOTICE, said)


# -- choosing a node ----------------------------------------------------------------------------
def pick(lontar: Lontar, caller: Caller) -> None:
    """A fonds, series or berkas by its title, among the class B ones in the units where the
    caller may publish (an empty search lists the level in reference-code order)."""
    left, right = st.columns([1, 3])
    level = left.selectbox(
        t("pub_level_pick"), PUBLISHABLE, key="pub_level", format_func=labels("level_")
    )
    query = right.text_input(t("pub_search"), key="pub_query").strip()
    request = SearchRequest(
        query=query, level=level, security=("B",), sort="relevance" if query else "refcode",
        page_size=PICKS, facets=False, fallback=False,
    )  # fmt: skip
    units = tuple(u["code"] for u in lontar.records.unit_choices(caller, "publish"))
    hits = visit.once(
        "pub_search", (request, units), lambda: candidates(lontar, caller, request, units)
    )
    offered = {h.id: f"{h.title or h.refcode} · {h.refcode}" for h in hits}
    st.selectbox(
        t("pub_pick"),
        list(offered),
        index=None,
        key=f"pub_pick_{level}",
        format_func=lambda rid: offered.get(rid, rid),
        placeholder=t("pub_pick_placeholder"),
        on_change=_picked,
        args=(f"pub_pick_{level}",),
    )
    st.caption(t("pub_found", count=len(offered)))


def candidates(
    lontar: Lontar, caller: Caller, request: SearchRequest, units: tuple[str, ...]
) -> list[Hit]:
    """The first PICKS nodes of the units where the caller may publish: one search per unit
    (a unit's search takes its sub-units too), so another unit's nodes, which the caller may
    see but not publish, never fill the page first; one search for a caller who may publish
    everywhere. Best match first, or in reference-code order without words."""
    scopes: tuple[str | None, ...] = units
    if set(units) >= set(lontar.records.unit_codes()):
        scopes = (None,)
    found: dict[str, Hit] = {}
    for unit in scopes:
        for hit in lontar.records.search(caller, dataclasses.replace(request, unit=unit)).hits:
            if hit.unit in units:
                found.setdefault(hit.id, hit)
    if request.query:
        return sorted(found.values(), key=lambda h: -h.score)[:PICKS]
    return sorted(found.values(), key=lambda h: natural(h.refcode))[:PICKS]


def natural(refcode: str) -> str:
    """A reference code that sorts as people count: F2 before F10."""
    return re.sub(r"\d+", lambda m: m.group().zfill(10), refcode.lower())


def _picked(key: str) -> None:
    if st.session_state.get(key):
        st.query_params["id"] = st.session_state[key]


# -- the description form -----------------------------------------------------------------------
def form(lontar: Lontar, caller: Caller, record_id: str) -> None:
    """The stored description as the form's start; saving publishes a node the catalogue does
    not show yet (with its description, in one transaction) or saves the description of one
    it shows: published itself, or through a fonds or series above it."""
    node = lontar.catalogue.description(caller, record_id)
    st.subheader(t("pub_form_header"))
    render.links([Link(RECORD, node["title"] or node["refcode"], {"id": node["id"]})])
    st.caption(plain(f"{t('level_' + node['level'])} · {node['refcode']}"))
    st.caption(t(_status(node)))
    with st.form(f"pub_form_{node['id']}", enter_to_submit=False):
        fields = _fields(node)
        label = "pub_save_publish" if _publishes(node) else "pub_save"
        if st.form_submit_button(t(label), type="primary"):
            _save(lontar, caller, node, fields)


def _publishes(node: dict) -> bool:
    """Saving publishes only what the catalogue does not show: a node public through the one
    above it is described, not published a second time on its own."""
    return not node["published"] and not node["public"]


def _status(node: dict) -> str:
    if node["published"]:
        return "pub_form_status_published"
    return "pub_form_status_inherited" if node["public"] else "pub_form_status_unpublished"


def _fields(node: dict) -> dict:
    rid = node["id"]
    fields: dict = {}
    for name, long in TEXT_FIELDS:
        widget = st.text_area if long else st.text_input
        helped = {"help": t("pub_help_creator")} if name == "creator" else {}
        fields[name] = widget(t(f"pub_field_{name}"), node[name], key=f"pub_{name}_{rid}", **helped)
    codes = node["language"].split()
    options = list(dict.fromkeys([*LANGUAGES, *codes]))
    names = {code: f"{catalogue.language_name(code)} ({code})" for code in options}
    chosen = st.multiselect(
        t("pub_field_language"),
        options,
        default=codes,
        key=f"pub_language_{rid}",
        format_func=lambda code: names.get(code, code),
        help=t("pub_help_language"),
    )
    fields["language"] = " ".join(chosen)
    fields["downloads"] = st.checkbox(
        t("pub_field_downloads"),
        node["downloads"],
        key=f"pub_downloads_{rid}",
        help=t("pub_help_downloads"),
    )
    return fields


def _save(lontar: Lontar, caller: Caller, node: dict, fields: dict) -> None:
    if not _publishes(node):
        lontar.catalogue.describe(caller, node["id"], fields)
        render.done(NOTICE, t("pub_described_done", title=node["title"]))
        return
    lontar.catalogue.publish(caller, node["id"], fields)
    render.done(NOTICE, t("pub_published_done", title=node["title"]))
