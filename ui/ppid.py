"""What the PPID pages share: the requester's address for the spam guard, the challenge kept
across reruns, the request form's parts, the requester's status view, and the tables of
requests and objections written in the reader's words and dates."""

from __future__ import annotations

import mimetypes

import pandas as pd
import streamlit as st

from repository.app import OBJECTION_GROUNDS, Lontar, LontarError, formatting
from ui import registry, render, visit
from ui.session import client, lang, t
from ui.text import plain

STATUS = "ppid_status"  # the requester's look-up, kept for the reruns of the visit
CLEAR = "ppid_clear_fields"  # widget keys to empty before they are drawn on the next run
DATE_COLUMNS = ("received", "answered_on", "due", "filed", "answer_due", "decided_on", "dispute")


def day(value) -> str:
    return formatting.date_text(value, lang())


def moment(value) -> str:
    return formatting.datetime_text(value, lang())


def clear_pending() -> None:
    """Empties the fields a failed try asked to clear. Streamlit refuses to change a widget's
    value once it is drawn in a run, so the failing run asks and the next run, before drawing
    them, clears."""
    for key in st.session_state.pop(CLEAR, ()):
        st.session_state[key] = ""


def _clear_next_run(*keys: str) -> None:
    st.session_state[CLEAR] = (*st.session_state.get(CLEAR, ()), *keys)


def challenge(lontar: Lontar, renew: bool = False) -> tuple[str, str]:
    """The safety question of this session, signed by the server; a new one after each try."""
    if renew or "ppid_challenge" not in st.session_state:
        st.session_state["ppid_challenge"] = lontar.ppid.ppid_challenge()
    return st.session_state["ppid_challenge"]


def submit(slot: str, send, lontar: Lontar, answer_key: str) -> None:
    """Sends, keeps the outcome (or the error, in the user's words) for the next run, renews
    the safety question and reruns. The old answer is cleared, since it answered the old
    question; the other fields keep what was typed."""
    try:
        st.session_state[slot] = ("ok", send())
    except LontarError as exc:
        st.session_state[slot] = ("error", exc.message(lang()))
    challenge(lontar, renew=True)
    _clear_next_run(answer_key)
    st.rerun()


def show_outcome(lontar: Lontar, outcome: tuple[str, object]) -> None:
    """The number at once, the due dates in words, and the receipt to print."""
    kind, value = outcome
    if kind == "error":
        st.error(value)
        return
    st.success(
        t(
            "request_sent",
            number=value["number"],
            answer_due=day(value["answer_due"]),
            extended_due=day(value["extended_due"]),
        )
    )
    where = client()
    render.download(
        t("request_receipt"),
        lambda: lontar.ppid.receipt(value["number"], value["secret"], where, value["lang"]),
        f"tanda-bukti-{value['number']}.pdf",
        "application/pdf",
        "rq_receipt",
    )
    st.caption(t("request_receipt_hint"))
    registry.REQUEST_STATUS.nav(query_params={"nomor": value["number"]})


def decision_text(view: dict) -> str:
    """The decision in words; "belum diputus" until there is one (the stage is not a
    decision)."""
    if not view["decision"]:
        return t("decision_pending")
    words = t("decision_" + view["decision"])
    if view["ground"]:
        words += f" (UU 14/2008 Pasal 17 huruf {view['ground']})"
    if view["decision"] == "not_held" and view["holder"]:
        words += f": {view['holder']}"
    return words


def due_text(view: dict) -> str:
    due = day(view["due"])
    if view["extension"]:
        due += f" ({t('request_extended', reason=view['extension']['reason'])})"
    return due


def facts(rows: list[tuple[str, str]], key: str) -> None:
    """Label/value rows as a static two-column table (text a person reads, values as typed)."""
    table = pd.DataFrame([(label, plain(value)) for label, value in rows], columns=["", " "])
    st.table(table.set_index(""))


def _yes_no(value) -> str:
    if value in (None, ""):
        return "-"
    return t("reg_yes" if value else "reg_no")


def _cell(column: str, row: dict, objection: bool) -> object:
    value = row[column]
    if column in DATE_COLUMNS:
        return day(value) if value else "-"
    if column == "decision":
        code = row.get("decision_code") or ""
        if not code:
            return "-"
        return t(("reg_objection_" if objection else "decision_") + code)
    if column == "unit":
        return row.get("unit_name") or value or "-"
    if column == "kind":
        return t("kind_" + value) if value else "-"
    if column == "held":
        return _yes_no({"ya": True, "tidak": False}.get(value))
    if column == "extended":
        return _yes_no(value)
    if column == "cost":
        return formatting.number_text(value, lang())
    if column == "working_days":
        return "-" if value is None else value
    return value


def people_table(rows: list[dict], objection: bool = False) -> pd.DataFrame:
    """A register for people: headers and values in the reader's language, dates in words
    (the CLI's `lontar ppid registers` keeps ISO and codes for machines)."""
    hidden = ("decision_code", "unit_name")  # the codes behind the words shown
    columns = [c for c in rows[0] if c not in hidden] if rows else []
    return pd.DataFrame([{t("reg_" + c): _cell(c, r, objection) for c in columns} for r in rows])


def objections_table(rows: list[dict], key: str) -> None:
    if rows:
        st.dataframe(people_table(rows, objection=True), hide_index=True, key=key)


def look_up(lontar: Lontar, number: str, secret: str, failed: str | None = None) -> None:
    """The requester's click on *Lihat status*: one look-up (audited as `ppid_status`), kept for
    the reruns of this visit, which show it without asking again. With `failed` (a session
    slot), a miss keeps its message there, empties the email/NIK field and reruns, so the
    wrong answer is gone from the form when the message shows."""
    visit.forget(STATUS)
    try:
        view = lontar.ppid.request_status(number, secret, client())
    except LontarError as exc:
        if failed is None:
            raise
        st.session_state[failed] = exc.message(lang())
        _clear_next_run("st_secret")
        st.rerun()
    visit.keep(STATUS, (number, secret, view))


def status(lontar: Lontar) -> None:
    """The requester's view of their request as last looked up, its documents (built when
    clicked) and the objection form."""
    held = visit.kept(STATUS)
    if held is None:
        return
    number, secret, view = held
    where, language = client(), lang()  # read now: a download's builder runs outside this run
    facts(
        [
            (t("status_number"), view["number"]),
            (t("request_received_on"), moment(view["received"])),
            (t("request_stage"), t("state_" + view["state"])),
            (t("status_due"), due_text(view)),
            (t("status_decision"), decision_text(view)),
            (t("field_information"), view["information"]),
        ],
        "status_facts",
    )
    render.download(
        t("request_receipt"),
        lambda: lontar.ppid.receipt(number, secret, where, language),
        f"tanda-bukti-{view['number']}.pdf",
        "application/pdf",
        "st_receipt",
    )
    if view["decision"]:
        render.download(
            t("status_notice"),
            lambda: lontar.ppid.requester_notice(number, secret, where, language),
            f"{view['number']}.pdf",
            "application/pdf",
            "st_notice",
        )
    _released(lontar, number, secret, view, where)
    objections_table(view["objections"], "st_objections")
    if view["may_object"]:
        _objection_form(lontar, number, secret, view["objection_until"])


def _released(lontar: Lontar, number: str, secret: str, view: dict, where: str) -> None:
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


def _objection_form(lontar: Lontar, number: str, secret: str, until: str) -> None:
    with st.form("st_objection", enter_to_submit=False):
        st.subheader(t("objection_title"))
        st.caption(t("objection_until", day=day(until)))
        grounds = st.multiselect(
            t("objection_grounds"),
            list(OBJECTION_GROUNDS),
            format_func=lambda g: f"{g}. {OBJECTION_GROUNDS[g]}",
            placeholder=t("ppid_choose_options"),
            key="st_grounds",
        )
        reasons = st.text_area(t("objection_reason"), key="st_reasons")
        if st.form_submit_button(t("objection_title"), key="st_object"):
            made = lontar.ppid.file_objection(number, secret, grounds, reasons, client())
            st.session_state["status_notice"] = t(
                "objection_sent", number=made["number"], answer_due=day(made["answer_due"])
            )
            look_up(lontar, number, secret)  # the request changed: show it as it is now
            st.rerun()
