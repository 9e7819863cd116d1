"""Daftar Pilihan's parts: the records a researcher pinned in the Katalog (their ids in this
browser session, `PINNED`, which ui/catalogue_record.py fills), each linked to its record
page; removing some or all; the list as CSV, Excel and PDF; saving it under a number with an
optional name and e-mail, the full number (with its random check) then shown big with where
to cite it; and opening a saved list by its number (`?nomor=` fills it in; the public needs the
full number, staff also open the bare one), whose records no longer public show as such.

Session state keeps ids and numbers only; every run asks the catalogue which of them are
public now.
"""

from __future__ import annotations

import streamlit as st

from repository.app import Caller, Lontar, LontarError, exports, formatting
from ui import registry, render
from ui.render import GREY_STYLE, Link
from ui.session import labels, lang, t
from ui.text import escaped, plain

PINNED = "selection_ids"  # the ids pinned in the Katalog, in order (ui/catalogue_record.py)
SAVED = "sel_saved"  # (number, ids) of the list just saved, shown while the list is the same
OPENED = "sel_opened"  # the number of the saved list being shown
PICKED = "sel_remove_pick"  # the records chosen for removal
MEDIA_TYPES = {**exports.MEDIA_TYPES, "pdf": "application/pdf"}


def page(lontar: Lontar, caller: Caller) -> None:
    st.caption(t("sel_intro"))
    current(lontar, caller)
    st.divider()
    saved(lontar, caller)


def pinned() -> list[str]:
    return list(st.session_state.get(PINNED, []))


# -- the list being made -------------------------------------------------------------------
def current(lontar: Lontar, caller: Caller) -> None:
    """The pinned records that are public, then removing, exporting and saving them."""
    st.subheader(t("sel_current"))
    ids = pinned()
    lines = lontar.catalogue.selection_rows(caller, ids) if ids else []
    if not ids:
        st.info(t("sel_none_pinned"))
        registry.CATALOGUE.nav()
    else:
        st.caption(t("sel_count", count=formatting.number_text(len(lines), lang())))
    if len(lines) < len(ids):
        st.caption(t("sel_dropped", count=formatting.number_text(len(ids) - len(lines), lang())))
    if lines:
        records(lines)
        _remove(lines)
        _exports(lontar, caller, [line["id"] for line in lines], "", "sel_cur")
    if ids:
        _save(lontar, caller, ids)
        _confirmation(ids)


def records(lines: list[dict]) -> None:
    """A list's lines as one numbered list: each public record by its title, linked to its
    page in the Katalog, its reference code, dates and creator after it; a record no longer
    public by its number only."""
    items = []
    for line in lines:
        if line["available"]:
            text, params = line["title"] or line["refcode"], {"id": line["id"]}
            shown = render.anchor(Link(registry.CATALOGUE, text, params, _facts(line)))
        else:
            shown = f"<span style='{GREY_STYLE}'>{escaped(t('sel_unavailable'))}</span>"
        items.append(f"<li value='{line['no']}' style='{render.ITEM_STYLE}'>{shown}</li>")
    label = escaped(t("sel_list_label"))
    render.block(f"<ol aria-label='{label}'>{''.join(items)}</ol>")


def _facts(line: dict) -> str:
    dates = [formatting.date_text(d, lang()) for d in (line["date_start"], line["date_end"]) if d]
    shown = " – ".join(dict.fromkeys(dates)) or t("fa_no_date")
    return " · ".join(part for part in (line["refcode"], shown, line["creator"]) if part)


def _remove(lines: list[dict]) -> None:
    names = {line["id"]: f"{line['no']}. {line['title'] or line['refcode']}" for line in lines}
    st.multiselect(
        t("sel_remove"), list(names), format_func=labels(names=names), key=PICKED,
        placeholder=t("choose"),
    )  # fmt: skip
    row = st.container(horizontal=True)
    row.button(t("sel_remove_button"), key="sel_remove_go", on_click=_drop_picked)
    row.button(t("sel_clear"), key="sel_clear", on_click=_clear)


def _drop_picked() -> None:
    picked = set(st.session_state.get(PICKED, []))
    st.session_state[PINNED] = [i for i in pinned() if i not in picked]
    st.session_state[PICKED] = []


def _clear() -> None:
    st.session_state[PINNED] = []
    st.session_state[PICKED] = []


def _exports(lontar: Lontar, caller: Caller, ids: list[str], number: str, key: str) -> None:
    """CSV, Excel and PDF of the list, each built (and audited) when clicked."""
    language, stem = lang(), number or "daftar-pilihan"
    row = st.container(horizontal=True)
    for fmt, label in (("csv", "export_csv"), ("xlsx", "export_xlsx"), ("pdf", "sel_export_pdf")):
        with row:
            render.download(
                t(label),
                lambda fmt=fmt: lontar.catalogue.export_selection(
                    caller, ids, fmt, language, number=number
                ),
                f"{stem}.{fmt}",
                MEDIA_TYPES[fmt],
                f"{key}_{fmt}",
            )


def _save(lontar: Lontar, caller: Caller, ids: list[str]) -> None:
    """The name and e-mail (both optional, seen by staff only), then the number."""
    st.subheader(t("sel_save_heading"))
    with st.form("sel_save", enter_to_submit=False):
        name = st.text_input(t("sel_name"), key="sel_name", max_chars=200)
        contact = st.text_input(t("sel_contact"), key="sel_contact", max_chars=254)
        st.caption(t("sel_privacy"))
        go = st.form_submit_button(t("sel_save_button"), key="sel_save_go")
    if go:
        try:
            number = lontar.catalogue.save_selection(caller, ids, name, contact)
        except LontarError as exc:
            st.error(exc.message(lang()))
            return
        st.session_state[SAVED] = (number, tuple(ids))


def _confirmation(ids: list[str]) -> None:
    """The number just saved, big, with where to cite it and the way to the PPID request;
    once the list changes (a record removed or pinned) it is no longer that list's number."""
    number, saved_ids = st.session_state.get(SAVED) or ("", ())
    if not number or saved_ids != tuple(ids):
        return
    box = st.container(border=True)
    box.markdown(t("sel_saved_title"))
    box.markdown(f"# {plain(number)}")
    box.markdown(t("sel_saved_hint"))
    registry.REQUEST.link(t("sel_go_request"), icon=":material/contact_mail:", where=box)


# -- a saved list --------------------------------------------------------------------------
def saved(lontar: Lontar, caller: Caller) -> None:
    """Buka daftar tersimpan: a number typed (or given as `?nomor=`) opens that list."""
    st.subheader(t("sel_open_heading"))
    asked = st.query_params.get("nomor", "").strip()
    with st.form("sel_open", enter_to_submit=False):
        typed = st.text_input(t("sel_number"), asked, key="sel_number", max_chars=40)
        go = st.form_submit_button(t("sel_open_button"), key="sel_open_go")
    if go:
        st.session_state[OPENED] = typed.strip()
    number = st.session_state.get(OPENED) or asked
    if not number:
        return
    try:
        found = lontar.catalogue.selection(caller, number)
    except LontarError as exc:
        st.error(exc.message(lang()))
        return
    _saved_list(lontar, caller, found)


def _saved_list(lontar: Lontar, caller: Caller, found: dict) -> None:
    st.markdown(f"### {plain(t('sel_opened_heading', number=found['number']))}")
    moment = formatting.datetime_text(found["created"], lang())
    counts = {k: formatting.number_text(found[k], lang()) for k in ("count", "available")}
    st.caption(t("sel_opened_meta", moment=moment, **counts))
    if "contact" in found:  # staff only
        people = {k: plain(found[k] or "-") for k in ("name", "contact", "saved_by")}
        st.caption(t("sel_staff_contact", **people))
    records(found["rows"])
    _exports(lontar, caller, [], found["number"], "sel_saved")
    available = [line["id"] for line in found["rows"] if line["available"]]
    if available:
        st.button(t("sel_load"), key="sel_load", on_click=_load, args=(available,))
    if loaded := st.session_state.pop("sel_loaded", None):
        st.success(t("sel_loaded", count=formatting.number_text(loaded, lang())))


def _load(ids: list[str]) -> None:
    """Adds a saved list's public records to the list being made (after those pinned)."""
    mine = pinned()
    added = [i for i in ids if i not in mine]
    st.session_state[PINNED] = mine + added
    st.session_state["sel_loaded"] = len(added)
