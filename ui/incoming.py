"""Naskah Masuk's parts: the buku agenda masuk of a unit and year (search, Excel and PDF), the
form a unit's pencatat registers a letter from outside with, the letters from inside Lontar
waiting to be registered, the agenda number pattern, and one received letter: its facts by
name, its documents as page images, the disposition section (`ui/disposition.py`), replies
and history.

Letters come from `lontar.letters` as plain dicts; nothing here decides who may do what: the
letter dict says which actions the caller may take now.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from repository.app import Caller, Lontar, exports, pdf_pages
from ui import disposition, letters, pickers, registry, render, visit
from ui.ppid import facts
from ui.session import labels, t
from ui.text import plain

NOTICE = "incoming_notice"
SIFAT = ("biasa", "terbatas", "rahasia")
URGENCY = ("biasa", "segera", "amat_segera")
MADE = "in_form_made"  # the registration just saved, reported on the next run
FORM_KEYS = (
    "in_sender", "in_number", "in_date", "in_received", "in_hal", "in_summary", "in_sifat",
    "in_urgency", "in_lampiran", "in_kka", "in_addressed", "in_form_files",
)  # fmt: skip
AGENDA_COLUMNS = ("agenda", "received", "sender", "their_number", "hal", "addressed", "state")
PREVIEW_DPI = 100


def chosen() -> str | None:
    """The letter to open: `?id=` (a link from the register, the inbox, a new tab)."""
    return st.query_params.get("id") or None


def state_text(state: str) -> str:
    return t("incoming_state_" + state) if state else "-"


# -- the overview ----------------------------------------------------------------------------------
def overview(lontar: Lontar, caller: Caller) -> None:
    """The tabs the caller has work in: the register (those who keep a unit's registers),
    registering (a unit's pencatat), the agenda pattern (those who manage letters)."""
    render.notice(NOTICE)
    keeps = caller.may("add_records")
    registers = caller.may("register_letters")
    manages = caller.may("manage_letters")
    if not (keeps or registers or manages):
        st.info(t("incoming_page_no_units"))
        registry.INBOX.nav()
        return
    wanted = [
        ("agenda", keeps, agenda),
        ("register", registers, register_form),
        ("waiting", registers, waiting),
        ("settings", manages, settings),
    ]
    shown = [(name, draw) for name, allowed, draw in wanted if allowed]
    tabs = st.tabs([t("incoming_page_tab_" + name) for name, _ in shown])
    for tab, (_, draw) in zip(tabs, shown, strict=True):
        with tab:
            draw(lontar, caller)


def agenda(lontar: Lontar, caller: Caller) -> None:
    """The buku agenda of a unit and year: searchable, each line opens its letter."""
    unit = pickers.unit(
        lontar, caller, t("incoming_page_unit"), "in_agenda_unit", permission="add_records",
        default=caller.unit, empty=None,
    )  # fmt: skip
    if not unit:
        return
    year = int(st.number_input(t("incoming_page_year"), 2000, 2100, lontar.today().year,
                               key="in_agenda_year"))  # fmt: skip
    query = st.text_input(t("incoming_page_search"), key="in_agenda_query")
    rows = lontar.letters.agenda_register(caller, unit, year, query)
    if not rows:
        st.info(t("incoming_page_agenda_empty"))
    else:
        st.dataframe(
            _agenda_table(rows),
            hide_index=True,
            key="in_agenda_table",
            column_config={
                t("incoming_page_open"): st.column_config.LinkColumn(
                    display_text=t("incoming_page_open_tab")
                )
            },
        )
    for column, fmt in zip(st.columns(2), ("xlsx", "pdf"), strict=True):
        with column:
            render.download(
                t("export_" + fmt) if fmt != "pdf" else t("incoming_page_export_pdf"),
                lambda fmt=fmt: lontar.letters.agenda_export(caller, unit, year, fmt),
                f"agenda-masuk-{unit}-{year}.{fmt}",
                exports.MEDIA_TYPES.get(fmt, "application/pdf"),
                f"in_agenda_export_{fmt}",
            )


def _agenda_table(rows: list[dict]) -> pd.DataFrame:
    withheld = t("incoming_page_withheld")
    lines = [
        (
            row["agenda"],
            letters.day(row["received"]),
            row["sender"] or withheld,
            row["their_number"] or ("-" if not row["withheld"] else withheld),
            row["hal"] or withheld,
            row["addressed"] or "-",
            state_text(row["state"]),
            f"{registry.INCOMING.url}?id={row['id']}",
        )
        for row in rows
    ]
    columns = [t("agenda_col_" + c) for c in AGENDA_COLUMNS] + [t("incoming_page_open")]
    return pd.DataFrame(lines, columns=columns)


def register_form(lontar: Lontar, caller: Caller) -> None:
    """A letter from outside: its data and its scans or PDFs; the agenda number is given
    when it is saved."""
    unit = pickers.unit(
        lontar, caller, t("incoming_page_unit"), "in_form_unit", permission="register_letters",
        default=caller.unit, empty=None,
    )  # fmt: skip
    if not unit:
        return
    heads = {p["code"]: p["name"] for p in lontar.letters.positions(caller, unit)}
    if made := st.session_state.pop(MADE, None):
        _report(made)
    # not clear_on_submit: a refused registration keeps what was typed and uploaded; the
    # form is emptied only once the letter has its number
    with st.form("in_register", clear_on_submit=False, enter_to_submit=False):
        fields = _form_fields(lontar, heads)
        files = render.uploader(
            t("incoming_page_files"), "in_form_files", accept_multiple_files=True,
            type=["pdf", "png", "jpg", "jpeg", "tif", "tiff"],
        )  # fmt: skip
        if st.form_submit_button(t("incoming_page_save"), key="in_form_go"):
            wanted = [(f.name, f.getvalue()) for f in files or ()]
            made = lontar.letters.register_external(caller, unit, fields, wanted)
            for key in FORM_KEYS:
                st.session_state.pop(key, None)
            st.session_state[MADE] = made
            st.rerun()


def _form_fields(lontar: Lontar, heads: dict[str, str]) -> dict:
    left, right = st.columns(2)
    fields = {
        "sender": left.text_input(t("incoming_page_sender"), key="in_sender"),
        "their_number": right.text_input(t("incoming_page_their_number"), key="in_number"),
        "their_date": left.date_input(t("incoming_page_their_date"), None, key="in_date",
                                      format="DD/MM/YYYY"),
        "received": right.date_input(t("incoming_page_received"), lontar.today(),
                                     key="in_received", format="DD/MM/YYYY"),
        "hal": st.text_input(t("incoming_page_hal"), key="in_hal"),
        "summary": st.text_area(t("incoming_page_summary"), key="in_summary"),
        "sifat": left.selectbox(t("incoming_page_sifat"), SIFAT, key="in_sifat",
                                format_func=labels("letter_sifat_")),
        "urgency": right.selectbox(t("incoming_page_urgency"), URGENCY, key="in_urgency",
                                   format_func=labels("letter_urgency_")),
        "attachments_note": right.text_input(t("incoming_page_attachments_note"),
                                             key="in_lampiran"),
    }  # fmt: skip
    fields["classification"] = pickers.classification(
        lontar, t("incoming_page_classification"), "in_kka", where=left
    )
    fields["addressed"] = st.selectbox(
        t("incoming_page_addressed"), ["", *heads], key="in_addressed",
        format_func=labels(empty="incoming_page_addressed_head", names=heads),
    )  # fmt: skip
    return fields


def _report(made: dict) -> None:
    """The agenda number, and each file the ingest did not store (a duplicate, a refusal)."""
    report = made["report"]
    for outcome in report["duplicates"]:
        st.warning(t("incoming_page_file_duplicate", name=outcome["filename"]))
    for outcome in report["rejected"]:
        reason = outcome.get("message") or outcome.get("reason") or ""
        st.warning(t("incoming_page_file_refused", name=outcome["filename"], reason=reason))
    st.success(t("incoming_page_registered", agenda=made["agenda"]))
    registry.INCOMING.link(plain(made["agenda"]), {"id": made["id"]})


def waiting(lontar: Lontar, caller: Caller) -> None:
    """Letters from inside Lontar waiting for the unit's clerks: one click registers one."""
    unit = pickers.unit(
        lontar, caller, t("incoming_page_unit"), "in_wait_unit", permission="register_letters",
        default=caller.unit, empty=None,
    )  # fmt: skip
    if not unit:
        return
    rows = lontar.letters.unregistered(caller, unit)
    if not rows:
        st.info(t("incoming_page_waiting_empty"))
        return
    for row in rows:
        line, button = st.columns([5, 1])
        line.markdown(plain(f"{letters.day(row['received'])} · {row['sender']} · {row['hal']}"))
        named = "" if row["addressed_code"] else addressee(lontar, caller, unit, row["id"], line)
        if button.button(t("incoming_page_register_one"), key=f"in_wait_{row['id']}"):
            done = lontar.letters.register(caller, row["id"], named)
            render.done(NOTICE, t("incoming_page_registered", agenda=done["agenda"]))


def addressee(lontar: Lontar, caller: Caller, unit: str, incoming_id: str, where=st) -> str:
    """The position a letter is for, picked by the clerk when neither its unit nor any unit
    above has a head (the service checks it is of the unit or below)."""
    below = [
        p for p in lontar.letters.positions(caller)
        if p["unit"] == unit or p["unit"].startswith(f"{unit}.")
    ]  # fmt: skip
    names = {p["code"]: p["name"] for p in below}
    return where.selectbox(
        t("incoming_page_addressed"), ["", *names], key=f"in_for_{incoming_id}",
        format_func=labels(empty="incoming_page_addressed_head", names=names),
    )  # fmt: skip


def settings(lontar: Lontar, caller: Caller) -> None:
    """The agenda number pattern of a unit (or the Pemda's default) and whether letters
    sent inside Lontar are registered automatically."""
    unit = pickers.unit(
        lontar, caller, t("incoming_page_unit"), "in_set_unit", permission="manage_letters",
        empty="all",
    )  # fmt: skip
    found = lontar.letters.agenda_pattern(caller, unit or "")
    tokens = ", ".join("{" + name + "}" for name in found["tokens"])
    with st.form("in_pattern", enter_to_submit=False):
        pattern = st.text_input(
            t("incoming_page_pattern"), found["own"], key=f"in_pattern_{unit or ''}",
            help=t("incoming_page_pattern_help", tokens=tokens, pattern=found["pattern"]),
        )  # fmt: skip
        auto = st.checkbox(t("incoming_page_auto"), found["auto_register"], key="in_auto")
        if st.form_submit_button(t("incoming_page_pattern_save"), key="in_pattern_go"):
            lontar.letters.set_agenda_pattern(caller, unit or "", pattern)
            if auto != found["auto_register"]:
                lontar.letters.set_auto_register(caller, auto)
            render.done(NOTICE, t("incoming_page_saved"))


# -- one letter ------------------------------------------------------------------------------------
def letter(lontar: Lontar, caller: Caller, incoming_id: str) -> None:
    """One received letter: opening it as its addressee or a recipient of its disposition
    marks it read (once per visit; not audited: reading is not an act)."""
    render.notice(NOTICE)
    visit.once("incoming_read", incoming_id,
               lambda: lontar.letters.mark_incoming_read(caller, incoming_id))  # fmt: skip
    view = lontar.letters.incoming(caller, incoming_id)
    st.header(view["hal"] or view["agenda"] or incoming_id)
    registry.INCOMING.link(t("incoming_page_back"))
    if "register" in view["actions"]:
        st.info(t("incoming_page_register_now"))
        named = "" if view["addressed"] else addressee(lontar, caller, view["unit"], incoming_id)
        if st.button(t("incoming_page_register_one"), key="in_register_one", type="primary"):
            done = lontar.letters.register(caller, incoming_id, named)
            render.done(NOTICE, t("incoming_page_registered", agenda=done["agenda"]))
    letter_facts(view)
    documents(lontar, caller, view)
    disposition.panel(lontar, caller, view)
    replies(view)
    with st.expander(t("incoming_page_history")):
        history(view)


def letter_facts(view: dict) -> None:
    addressed = view.get("addressed")
    rows = [
        (t("incoming_page_agenda"), view["agenda"] or "—"),
        (t("incoming_page_state"), state_text(view["state"])),
        (t("incoming_page_kind"), t("incoming_kind_" + view["kind"])),
        (t("incoming_page_source"), t("incoming_source_" + view["source"])),
        (t("incoming_page_sender"), view["sender"] or "-"),
        (t("incoming_page_their_number"), view["their_number"] or "-"),
        (t("incoming_page_their_date"), letters.day(view["their_date"])),
        (t("incoming_page_received"), letters.day(view["received"])),
        (t("incoming_page_hal"), view["hal"]),
        (t("incoming_page_summary"), view.get("summary") or "-"),
        (t("incoming_page_sifat"), t("letter_sifat_" + view["sifat"])),
        (t("incoming_page_urgency"), t("letter_urgency_" + view["urgency"])),
        (t("incoming_page_classification"), view["classification"] or "-"),
        (t("incoming_page_attachments_note"), view.get("attachments_note") or "-"),
        (t("incoming_page_addressed"), letters._person(addressed) if addressed else "-"),
        (t("incoming_page_registered_by"), _registered(view)),
    ]
    facts(rows, "incoming_facts")
    if view.get("letter_id"):
        registry.LETTERS.link(t("incoming_page_letter"), {"id": view["letter_id"]})
    if view.get("thread"):
        render.record_link(view["thread"], t("incoming_page_thread"))


def _registered(view: dict) -> str:
    if not view.get("registered_at"):
        return "-"
    who = view.get("registered_by_name") or view.get("registered_by") or ""
    return f"{who} · {letters.moment(view['registered_at'])}"


def documents(lontar: Lontar, caller: Caller, view: dict) -> None:
    """Each document of the thread as page images (scans as they are), with its file."""
    st.subheader(t("incoming_page_documents"))
    found = view.get("documents", [])
    if not found:
        st.caption(t("incoming_page_no_documents"))
    for number, document in enumerate(found):
        with st.expander(document["title"] or document["filename"], expanded=number == 0):
            data = visit.once(
                "incoming_document", (view["id"], document["id"]),
                lambda d=document: lontar.letters.incoming_document(caller, view["id"], d["id"]),
            )  # fmt: skip
            st.download_button(
                t("incoming_page_download"), data, file_name=document["filename"],
                mime=document["media_type"] or None, key=f"in_doc_{document['id']}",
                on_click="ignore",
            )  # fmt: skip
            _pages(data, document["media_type"])


def _pages(data: bytes, media_type: str) -> None:
    if media_type == "application/pdf":
        for number, image in enumerate(pdf_pages(data, PREVIEW_DPI), start=1):
            st.image(image, caption=t("incoming_page_page", page=number))
    elif media_type.startswith("image/") and media_type != "image/tiff":
        st.image(data)


def replies(view: dict) -> None:
    st.subheader(t("incoming_page_replies"))
    found = view.get("replies", [])
    if not found:
        st.caption(t("incoming_page_no_replies"))
    for row in found:
        words = f"{row.get('number') or '—'} · {row.get('hal', '')}"
        registry.LETTERS.link(
            f"{plain(words)} · {letters.state_text(row['state'])}", {"id": row["id"]}
        )


def history(view: dict) -> None:
    rows = [
        (
            letters.moment(line.get("when")),
            line.get("who_name") or line.get("who", ""),
            t(line["key"], **line.get("params", {})),
        )
        for line in view.get("history", [])
    ]
    columns = [t("incoming_page_when"), t("incoming_page_who"), t("incoming_page_what")]
    render.wrapped_table(rows, columns)
