"""The disposition section of a received letter (Naskah Masuk, `?id=`): the chain as a table
(from, to, instructions, note, due, read, state), and what the caller may do now: dispose
(positions below, or beside to coordinate; preset instructions, a note, a due date), cancel
what they gave while unread, close their own part with a note and a result file, start a
reply (the drafting page opens on it), mark the letter as needing no disposition or close it,
and download the lembar disposisi. Every choice is offered by the service; it checks again."""

from __future__ import annotations

import streamlit as st

from repository.app import Caller, Lontar
from ui import registry, render
from ui.session import lang, t

NOTICE = "disposition_notice"
PDF = "application/pdf"


def panel(lontar: Lontar, caller: Caller, found: dict) -> None:
    """Drawn inside the received letter's page, after its facts and documents."""
    st.subheader(t("disposition_page_title"))
    render.notice(NOTICE)
    incoming_id, actions = found["id"], found.get("actions", [])
    chain(found.get("dispositions", []))
    mine(lontar, caller, incoming_id, found.get("dispositions", []))
    if "dispose" in actions:
        dispose_form(lontar, caller, incoming_id)
    if "no_disposition" in actions:
        finish_form(lontar, caller, incoming_id)
    if "reply" in actions:
        reply_button(lontar, caller, incoming_id, "")
    if "lembar" in actions:
        render.download(
            t("disposition_page_lembar"),
            lambda: lontar.letters.lembar_disposisi(caller, incoming_id, lang()),
            f"lembar-disposisi-{found.get('agenda') or incoming_id}.pdf".replace("/", "-"),
            PDF,
            key=f"disp_lembar_{incoming_id}",
        )


# -- the chain -------------------------------------------------------------------------------------
def chain(rows: list[dict]) -> None:
    if not rows:
        st.caption(t("disposition_page_none"))
        return
    columns = [
        t("disposition_page_from"),
        t("disposition_page_to"),
        t("disposition_page_instructions"),
        t("disposition_page_note"),
        t("disposition_page_due"),
        t("disposition_page_read"),
        t("disposition_page_state"),
    ]
    render.wrapped_table([line(row) for row in rows], columns)


def line(row: dict) -> tuple:
    code = lang()
    instructions = ", ".join(i["label"].get(code) or i["label"]["id"] for i in row["instructions"])
    note = row["note"]
    if row["close_note"]:
        note = f"{note}\n{t('disposition_page_closed_note', note=row['close_note'])}".strip()
    due = render.day(row["due"]) if row["due"] else "-"
    if row["overdue"]:
        due = t("disposition_page_overdue", due=due)
    kind = f" ({t('disposition_kind_coordinate')})" if row["kind"] == "coordinate" else ""
    return (
        f"{row['from']['name']} — {row['from_name']}\n{render.moment(row['at'])}",
        f"{row['to']['name']}{kind}\n{holders(row['to'])}",
        instructions,
        note or "-",
        due,
        render.moment(row["read_at"]) if row["read_at"] else "-",
        t(f"disposition_state_{row['state']}"),
    )


def holders(position: dict) -> str:
    return ", ".join(
        f"{h['acting']}. {h['name']}" if h["acting"] else h["name"] for h in position["holders"]
    )


# -- what the caller gave or was given ------------------------------------------------------------
def mine(lontar: Lontar, caller: Caller, incoming_id: str, rows: list[dict]) -> None:
    for row in rows:
        if "cancel" in row["actions"]:
            label = t("disposition_page_cancel", position=row["to"]["name"])
            if st.button(label, key=f"disp_cancel_{row['id']}"):
                lontar.letters.cancel_disposition(caller, row["id"])
                render.done(NOTICE, t("disposition_page_cancelled"))
        if "close" in row["actions"]:
            close_form(lontar, caller, row)
            reply_button(lontar, caller, incoming_id, row["id"])


def close_form(lontar: Lontar, caller: Caller, row: dict) -> None:
    with st.form(f"disp_close_{row['id']}"):
        st.markdown(t("disposition_page_close_title", position=row["to"]["name"]))
        note = st.text_area(t("disposition_page_close_note"), key=f"disp_note_{row['id']}")
        upload = st.file_uploader(t("disposition_page_result"), key=f"disp_file_{row['id']}")
        if st.form_submit_button(t("disposition_page_close"), type="primary"):
            result = (upload.name, upload.getvalue()) if upload is not None else None
            lontar.letters.close_disposition(caller, row["id"], note, result)
            render.done(NOTICE, t("disposition_page_closed"))


def reply_button(lontar: Lontar, caller: Caller, incoming_id: str, disposition_id: str) -> None:
    if st.button(t("disposition_page_reply"), key=f"disp_reply_{disposition_id or incoming_id}"):
        draft = lontar.letters.start_reply(caller, incoming_id, disposition_id)
        registry.LETTER_DRAFT.switch({"id": draft})


# -- disposing ------------------------------------------------------------------------------------
def dispose_form(lontar: Lontar, caller: Caller, incoming_id: str) -> None:
    targets = lontar.letters.disposition_targets(caller, incoming_id)
    instructions = lontar.letters.instructions(caller)
    st.markdown(f"**{t('disposition_page_dispose')}**")
    sources = {r["from"]: r["from_name"] for r in targets}
    source = next(iter(sources), "")
    if len(sources) > 1:
        source = st.selectbox(
            t("disposition_page_as"), list(sources), format_func=sources.get, key="disp_as"
        )
    coordinate = st.toggle(t("disposition_page_coordinate"), key="disp_coordinate")
    kind = "coordinate" if coordinate else "down"
    offered = {r["code"]: r for r in targets if r["from"] == source and r["kind"] == kind}
    shown = {code: target_label(row) for code, row in offered.items()}  # fixed now (AppTest)
    with st.form("disp_form"):
        chosen = st.multiselect(
            t("disposition_page_targets"),
            list(offered),
            format_func=shown.__getitem__,
            key="disp_targets",
        )
        labels = {i["code"]: i["label"].get(lang()) or i["label"]["id"] for i in instructions}
        picked = st.multiselect(
            t("disposition_page_instructions"), list(labels), format_func=labels.get
        )
        note = st.text_area(t("disposition_page_note"), key="disp_note")
        due = st.date_input(t("disposition_page_due"), value=None, key="disp_due")
        if st.form_submit_button(t("disposition_page_dispose_go"), type="primary"):
            parent = next((r["parent"] for r in targets if r["from"] == source), "")
            lontar.letters.dispose(
                caller, incoming_id, chosen, picked, note=note, due=due, kind=kind, parent=parent
            )
            render.done(NOTICE, t("disposition_page_disposed", count=len(chosen)))


def target_label(row: dict) -> str:
    names = holders(row)
    label = f"{row['name']} — {names}" if names else row["name"]
    return label if row["cleared"] else t("disposition_page_not_cleared", target=label)


def finish_form(lontar: Lontar, caller: Caller, incoming_id: str) -> None:
    with st.form("disp_finish"):
        st.markdown(f"**{t('disposition_page_finish_title')}**")
        note = st.text_area(t("disposition_page_finish_note"), key="disp_finish_note")
        none, done = st.columns(2)
        if none.form_submit_button(t("disposition_page_no_disposition")):
            lontar.letters.no_disposition(caller, incoming_id, note)
            render.done(NOTICE, t("disposition_page_marked_none"))
        if done.form_submit_button(t("disposition_page_finish")):
            lontar.letters.close_incoming(caller, incoming_id, note)
            render.done(NOTICE, t("disposition_page_finished"))
