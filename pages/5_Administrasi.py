"""Administrasi (administrators only): accounts with their roles per unit and clearance, the
unit tree with its inheritance blocks, and the search dictionary (Kamus pencarian:
abbreviations and spelling variants). Every change goes to the audit trail."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from repository.app import ROLES, SECURITY_CLASSES, THESAURUS_KINDS
from ui import registry, render
from ui.frame import frame, guard
from ui.session import labels, t

lontar, caller = frame(registry.ADMIN)
st.title(t("nav_admin"))
registry.LETTER_ADMIN.link(t("admin_letters_elsewhere"), icon=registry.LETTER_ADMIN.icon)
if notice := st.session_state.pop("admin_notice", None):
    st.success(notice)


def done(message_key: str, **params: object) -> None:
    st.session_state["admin_notice"] = t(message_key, **params)
    st.rerun()


def role_text(role: str) -> str:
    return t("role_" + role.lower().replace(" ", "_"))


def roles_text(roles) -> str:
    return ", ".join(role_text(r) for r in roles)


accounts, units = [], []
with guard():
    accounts = lontar.access.accounts(caller)
    units = lontar.records.units(caller)
names = [a["name"] for a in accounts]
codes = [u["code"] for u in units]
unit_names = {u["code"]: f"{u['name']} ({u['code']})" for u in units}
people = {a["name"]: f"{a['full_name'] or a['name']} ({a['name']})" for a in accounts}
unit_choice = labels(empty="admin_everywhere", names=unit_names)
role_choice = labels(names={r: role_text(r) for r in ROLES})


def where_text(code: str | None) -> str:
    return unit_names.get(code, code) if code and code != "*" else t("admin_everywhere_short")


users_tab, units_tab, thesaurus_tab = st.tabs(
    [t("admin_users"), t("admin_units"), t("thesaurus_tab")]
)

with users_tab:
    table = pd.DataFrame(
        [
            {
                t("full_name"): a["full_name"] or a["name"],
                t("username"): a["name"],
                t("col_unit"): where_text(a["unit"]),
                t("admin_grants"): "; ".join(
                    f"{where_text(u)}: {roles_text(r)}" for u, r in a["grants"].items()
                ),
                t("clearance"): t("security_" + a["clearance"]),
                t("admin_disabled"): a["disabled"],
                t("admin_demo"): a["demo"],
            }
            for a in accounts
        ]
    )
    st.dataframe(table, hide_index=True, key="accounts_table")
    with st.form("add_user", clear_on_submit=True, enter_to_submit=False), guard():
        st.subheader(t("admin_add_user"))
        left, right = st.columns(2)
        name = left.text_input(t("username"), key="new_name")
        full_name = right.text_input(t("full_name"), key="new_full_name")
        password = left.text_input(t("password"), type="password", key="new_password")
        roles = right.multiselect(
            t("admin_roles"), ROLES, key="new_roles", format_func=role_choice,
            placeholder=t("choose"),
        )  # fmt: skip
        unit = left.selectbox(t("col_unit"), ["", *codes], key="new_unit", format_func=unit_choice)
        clearance = right.selectbox(
            t("clearance"), SECURITY_CLASSES, key="new_clearance", format_func=labels("security_")
        )
        if st.form_submit_button(t("admin_add_user")):
            lontar.access.add_account(
                caller, name, password, set(roles), unit=unit, full_name=full_name,
                clearance=clearance,
            )  # fmt: skip
            done("admin_user_added", name=name.strip().lower())
    if names:
        grant_col, other_col = st.columns(2)
        with grant_col.form("grant", enter_to_submit=False), guard():
            st.subheader(t("admin_grant"))
            who = st.selectbox(t("username"), names, key="grant_name", format_func=people.get)
            where = st.selectbox(
                t("col_unit"), ["", *codes], key="grant_unit", format_func=unit_choice
            )
            given = st.multiselect(
                t("admin_roles"), ROLES, key="grant_roles", help=t("admin_grant_help"),
                format_func=role_choice, placeholder=t("choose"),
            )  # fmt: skip
            if st.form_submit_button(t("admin_grant")):
                lontar.access.grant(caller, who, where or None, set(given))
                done("saved")
        with other_col.form("account", enter_to_submit=False), guard():
            st.subheader(t("admin_account"))
            who = st.selectbox(t("username"), names, key="account_name", format_func=people.get)
            level = st.selectbox(
                t("clearance"), ["", *SECURITY_CLASSES], key="account_clearance",
                format_func=labels("security_", empty="admin_unchanged"),
            )  # fmt: skip
            new_password = st.text_input(
                t("admin_new_password"), type="password", key="account_password"
            )
            state = st.radio(
                t("admin_state"), ["", "enable", "disable"], key="account_state",
                format_func=labels("admin_", empty="admin_unchanged"), horizontal=True,
            )  # fmt: skip
            if st.form_submit_button(t("save"), key="account_save"):
                if level:
                    lontar.access.set_clearance(caller, who, level)
                if new_password:
                    lontar.access.set_password(caller, who, new_password)
                if state:
                    lontar.access.set_disabled(caller, who, state == "disable")
                done("saved")

with units_tab:
    tree = pd.DataFrame(
        [
            {
                t("name"): "\u2003" * u["depth"] + u["name"],
                t("admin_unit_code"): u["code"],
                t("admin_parent"): unit_names.get(u["parent"], "-"),
                t("col_records"): u["records"],
                t("admin_blocked"): u["blocked"],
            }
            for u in units
        ]
    )
    st.dataframe(tree, hide_index=True, key="units_admin_table")
    add_col, block_col = st.columns(2)
    with add_col.form("add_unit", clear_on_submit=True, enter_to_submit=False), guard():
        st.subheader(t("admin_add_unit"))
        code = st.text_input(t("admin_unit_code"), key="unit_code")
        unit_name = st.text_input(t("name"), key="unit_name")
        parent = st.selectbox(
            t("admin_parent"), ["", *codes], key="unit_parent",
            format_func=labels(empty="admin_top_level", names=unit_names),
        )  # fmt: skip
        if st.form_submit_button(t("admin_add_unit")):
            lontar.records.add_unit(caller, code, unit_name, parent or None)
            done("admin_unit_added", code=code.strip().upper())
    if codes:
        with block_col.form("block", enter_to_submit=False), guard():
            st.subheader(t("admin_block"))
            target = st.selectbox(
                t("col_unit"), codes, key="block_unit", format_func=unit_names.get
            )
            block = st.checkbox(t("admin_block_on"), key="block_on", help=t("admin_block_help"))
            if st.form_submit_button(t("save"), key="block_save"):
                lontar.access.set_blocking(caller, target, block)
                done("saved")

with thesaurus_tab:
    st.caption(t("thesaurus_intro"))
    entries = []
    with guard():
        entries = lontar.thesaurus.entries(caller)
    kind_text = labels("thesaurus_kind_")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    # one cell: a dictionary word may be spelt like a message key ("detail")
                    t("thesaurus_pair"): f"{e['term']} ↔ {e['equivalent']}",
                    t("thesaurus_kind"): kind_text(e["kind"]),
                    t("thesaurus_source"): t("thesaurus_source_" + e["source"]),
                    t("thesaurus_active"): e["active"],
                }
                for e in entries
            ]
        ),
        hide_index=True,
        key="thesaurus_table",
    )
    render.download(
        t("thesaurus_download"),
        lambda: lontar.thesaurus.export_csv(caller),
        "lontar-kamus-pencarian.csv",
        "text/csv",
        "thesaurus_csv",
    )
    add_col, remove_col = st.columns(2)
    with add_col.form("thesaurus_add", clear_on_submit=True, enter_to_submit=False), guard():
        st.subheader(t("thesaurus_add"))
        term = st.text_input(t("thesaurus_term"), key="thesaurus_term", placeholder="Disdukcapil")
        equivalent = st.text_input(
            t("thesaurus_equivalent"),
            key="thesaurus_equivalent",
            placeholder="Dinas Kependudukan dan Pencatatan Sipil",
        )
        kind = st.selectbox(
            t("thesaurus_kind"), THESAURUS_KINDS, key="thesaurus_kind", format_func=kind_text
        )
        if st.form_submit_button(t("thesaurus_add")):
            row = lontar.thesaurus.add(caller, term, equivalent, kind)
            done("thesaurus_added", term=row["term"], equivalent=row["equivalent"])
    active = {f"{e['term']}|{e['equivalent']}": e for e in entries if e["active"]}
    pair_names = {
        k: f"{e['term']} = {e['equivalent']} ({t('thesaurus_source_' + e['source'])})"
        for k, e in active.items()
    }
    with remove_col.form("thesaurus_remove", enter_to_submit=False), guard():
        st.subheader(t("thesaurus_remove"))
        chosen = st.selectbox(
            t("thesaurus_term"),
            list(active),
            key="thesaurus_pick",
            index=None,
            placeholder=t("thesaurus_pick"),
            format_func=pair_names.get,
        )
        if st.form_submit_button(t("thesaurus_remove")) and chosen:
            row = lontar.thesaurus.remove(
                caller, active[chosen]["term"], active[chosen]["equivalent"]
            )
            done("thesaurus_removed", term=row["term"], equivalent=row["equivalent"])
    with st.form("thesaurus_import", clear_on_submit=True, enter_to_submit=False), guard():
        upload = render.uploader(
            t("thesaurus_import"), "thesaurus_file", type=["csv"], help=t("thesaurus_import_help")
        )
        if st.form_submit_button(t("thesaurus_import")) and upload is not None:
            rows = lontar.thesaurus.import_csv(caller, upload.getvalue())
            done("thesaurus_imported", rows=rows)
