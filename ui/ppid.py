"""What the PPID pages share: the requester's address for the spam guard, the challenge kept
across reruns, and the tables of a request and of the lists."""

from __future__ import annotations

import mimetypes

import pandas as pd
import streamlit as st

from repository.app import OBJECTION_GROUNDS, Lontar, LontarError
from ui import registry, render, visit
from ui.session import lang, t
from ui.text import plain

STATUS = "ppid_status"  # the requester's look-up, kept for the reruns of the visit


def address() -> str:
    """The requester's address as the server sees it (behind a proxy: the proxy's)."""
    return st.context.ip_address or "unknown"


def challenge(lontar: Lontar, renew: bool = False) -> tuple[str, str]:
    """The safety question of this session, signed by the server; a new one after each try."""
    if renew or "ppid_challenge" not in st.session_state:
        st.session_state["ppid_challenge"] = lontar.ppid.ppid_challenge()
    return st.session_state["ppid_challenge"]


def submit(slot: str, send, lontar: Lontar) -> None:
    """Sends, keeps the outcome (or the error, in the user's words) for the next run, renews
    the safety question and reruns, so the question shown always matches its token. The
    form's widgets keep what was typed."""
    try:
        st.session_state[slot] = ("ok", send())
    except LontarError as exc:
        st.session_state[slot] = ("error", exc.message(lang()))
    challenge(lontar, renew=True)
    st.rerun()


def show_outcome(outcome: tuple[str, object]) -> None:
    kind, value = outcome
    if kind == "error":
        st.error(value)
        return
    st.success(t("request_sent", **value))
    registry.REQUEST_STATUS.nav(query_params={"nomor": value["number"]})


def decision_text(view: dict) -> str:
    if not view["decision"]:
        return t("state_" + view["state"])
    words = t("decision_" + view["decision"])
    if view["ground"]:
        words += f" (UU 14/2008 Pasal 17 huruf {view['ground']})"
    if view["decision"] == "not_held" and view["holder"]:
        words += f": {view['holder']}"
    return words


def facts(rows: list[tuple[str, str]], key: str) -> None:
    """Label/value rows as a static two-column table (text a person reads, values as typed)."""
    table = pd.DataFrame([(label, plain(value)) for label, value in rows], columns=["", " "])
    st.table(table.set_index(""))


def objections_table(rows: list[dict], key: str) -> None:
    if rows:
        table = pd.DataFrame(rows).rename(columns=lambda c: t("reg_" + c))
        st.dataframe(table, hide_index=True, key=key)


def look_up(lontar: Lontar, number: str, secret: str) -> None:
    """The requester's click on *Lihat status*: one look-up (audited as `ppid_status`), kept for the
    reruns of this visit, which show it without asking again."""
    visit.forget(STATUS)
    view = lontar.ppid.request_status(number, secret, address())
    visit.keep(STATUS, (number, secret, view))


def status(lontar: Lontar) -> None:
    """The requester's view of their request as last looked up, its documents (built when
    clicked: each download is audited) and the objection form."""
    held = visit.kept(STATUS)
    if held is None:
        return
    number, secret, view = held
    where = address()  # read now: a download's builder runs outside this script run
    extended = f" ({t('ppid_extend')})" if view["extension"] else ""
    facts(
        [
            (t("status_number"), view["number"]),
            (t("disposal_state"), t("state_" + view["state"])),
            (t("status_due"), view["due"] + extended),
            (t("status_decision"), decision_text(view)),
            (t("field_information"), view["information"]),
        ],
        "status_facts",
    )
    if view["decision"]:
        render.download(
            t("status_notice"),
            lambda: lontar.ppid.requester_notice(number, secret, where),
            f"{number}.pdf",
            "application/pdf",
            "st_notice",
        )
    if view["released"]:
        st.subheader(t("status_released"))
    for doc in view["released"]:
        for f in doc["files"]:
            render.download(
                f"{doc['title']} · {f['filename']}",
                lambda rid=doc["id"], at=f["position"]: lontar.ppid.released_file(
                    number, secret, rid, at, where
                )[2],
                f["filename"],
                mimetypes.guess_type(f["filename"])[0] or "application/octet-stream",
                f"st_{doc['id']}_{f['position']}",
            )
    objections_table(view["objections"], "st_objections")
    if view["may_object"]:
        _objection_form(lontar, number, secret, view["objection_until"])


def _objection_form(lontar: Lontar, number: str, secret: str, until: str) -> None:
    with st.form("st_objection"):
        st.subheader(t("objection_title"))
        st.caption(t("objection_until", day=until))
        grounds = st.multiselect(
            t("objection_grounds"),
            list(OBJECTION_GROUNDS),
            format_func=lambda g: f"{g}. {OBJECTION_GROUNDS[g]}",
            key="st_grounds",
        )
        reasons = st.text_area(t("objection_reason"), key="st_reasons")
        if st.form_submit_button(t("objection_title"), key="st_object"):
            made = lontar.ppid.file_objection(number, secret, grounds, reasons, address())
            st.session_state["status_notice"] = t("objection_sent", **made)
            look_up(lontar, number, secret)  # the request changed: show it as it is now
            st.rerun()
