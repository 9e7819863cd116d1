"""What the caller may do with one letter now, as buttons and small forms: ajukan (submit),
paraf (approve the version shown), kembalikan (send back with a note), tolak (reject with a
reason), tarik (withdraw), ubah (edit, on Konsep Naskah), tanda tangani (the signing dialog),
kirim (send, after a summary of who receives it), and for a signing whose outcome is unknown,
reconcile. The letter dict names the allowed actions; the service checks them again.

The passphrase lives only in the dialog's password field: the submit's callback reads it,
empties the field at once and passes it to the service once; it is never kept in session
state, the URL or a message. A provider's error is shown as the provider wrote it.
"""

from __future__ import annotations

import streamlit as st

from repository.app import Caller, Lontar, LontarError
from ui import letters, registry, render
from ui.session import lang, t
from ui.text import plain

SIGNING = "letters_signing"  # the letter whose signing dialog is open (its id, nothing else)
PASSPHRASE = "letter_passphrase"  # the password field's key; emptied as soon as it is read
PROBLEM = "letters_signing_problem"  # why the last attempt failed, shown once in the dialog
ORDER = ("submit", "approve", "begin_signing", "send", "edit", "send_back", "reject", "withdraw")


def allowed(view: dict) -> list[str]:
    names = view.get("actions", [])
    return [a for a in ORDER if a in names] + [a for a in names if a not in ORDER]


def actions(lontar: Lontar, caller: Caller, view: dict) -> None:
    """The allowed actions, the main ones as buttons in a row, those needing words below."""
    names = allowed(view)
    if not names:
        st.caption(t("letters_page_no_actions"))
        return
    buttons = [a for a in names if a in ("submit", "approve", "begin_signing", "edit", "withdraw")]
    for place, action in zip(st.columns(max(len(buttons), 1)), buttons, strict=False):
        _button(lontar, caller, view, action, place)
    if "send" in names:
        _send(lontar, caller, view)
    for action in ("send_back", "reject"):
        if action in names:
            _with_note(lontar, caller, view, action)
    if "reconcile" in names:
        _reconcile(lontar, caller, view)
    if st.session_state.get(SIGNING) == view["id"]:
        signing_dialog(lontar, caller, view)


def _button(lontar: Lontar, caller: Caller, view: dict, action: str, where) -> None:
    letter_id, version = view["id"], view.get("version", 0)
    primary = action in ("approve", "submit")
    if action == "begin_signing":
        where.button(
            t("letters_page_do_sign"),
            key="letter_sign",
            type="primary",
            on_click=_open_signing,
            args=(letter_id,),
        )
        return
    if not where.button(
        t("letters_page_do_" + action),
        key=f"letter_{action}",
        type="primary" if primary else "secondary",
    ):
        return
    if action == "edit":
        registry.LETTER_DRAFT.switch({"id": letter_id})
        return
    if action == "approve":
        state = lontar.letters.approve(caller, letter_id, version)
    elif action == "submit":
        state = lontar.letters.submit(caller, letter_id)
    else:
        state = lontar.letters.withdraw(caller, letter_id)
    letters.done(t("letters_page_done_" + action, state=letters.state_text(state)))


def _with_note(lontar: Lontar, caller: Caller, view: dict, action: str) -> None:
    """Kembalikan and tolak need words: the note goes to the author with the letter."""
    with (
        st.expander(t("letters_page_do_" + action)),
        st.form(f"letter_{action}_form", clear_on_submit=True, enter_to_submit=False),
    ):
        note = st.text_area(t("letters_page_note_" + action), key=f"letter_{action}_note")
        if st.form_submit_button(t("letters_page_do_" + action), key=f"letter_{action}_go"):
            if action == "send_back":
                state = lontar.letters.send_back(caller, view["id"], note, view.get("version", 0))
            else:
                state = lontar.letters.reject(caller, view["id"], note)
            letters.done(t("letters_page_done_" + action, state=letters.state_text(state)))


def _send(lontar: Lontar, caller: Caller, view: dict) -> None:
    """Who receives it, said before the one click that sends to all of them."""
    with st.container(border=True):
        st.markdown(f"**{t('letters_page_send_title')}**")
        st.caption(
            t(
                "letters_page_send_summary",
                to=letters.targets_text(view.get("recipients", [])),
                cc=letters.targets_text(view.get("copies", [])),
            )
        )
        if st.button(t("letters_page_do_send"), key="letter_send", type="primary"):
            sent = lontar.letters.send(caller, view["id"])
            letters.done(
                t(
                    "letters_page_done_send",
                    delivered=sent.get("delivered", 0),
                    external=sent.get("external", 0),
                )
            )


def _reconcile(lontar: Lontar, caller: Caller, view: dict) -> None:
    """After a timeout: the signed file from the provider, or back to ready to sign."""
    with st.expander(t("letters_page_reconcile")):
        st.caption(t("letters_page_reconcile_help"))
        upload = render.uploader(t("letters_page_reconcile_file"), "letter_reconcile_file")
        if st.button(t("letters_page_reconcile_signed"), key="letter_reconcile_signed"):
            if upload is None:
                st.warning(t("letters_page_reconcile_no_file"))
                return
            state = lontar.letters.reconcile(caller, view["id"], upload.getvalue())
            letters.done(t("letters_page_done_reconcile", state=letters.state_text(state)))
        if st.button(t("letters_page_reconcile_ready"), key="letter_reconcile_ready"):
            state = lontar.letters.reconcile(caller, view["id"], None)
            letters.done(t("letters_page_done_reconcile", state=letters.state_text(state)))


# -- the signing dialog ---------------------------------------------------------------------------
def _open_signing(letter_id: str) -> None:
    st.session_state[SIGNING] = letter_id


def _close_signing() -> None:
    st.session_state.pop(SIGNING, None)


def signing_dialog(lontar: Lontar, caller: Caller, view: dict) -> None:
    """Opens the dialog (its title in the reader's language, so it is made per run)."""
    dialog = st.dialog(t("letters_page_sign_title"), width="medium", on_dismiss=_close_signing)
    dialog(_signing_body)(lontar, caller, view)


def _signing_body(lontar: Lontar, caller: Caller, view: dict) -> None:
    if st.session_state.get(SIGNING) != view["id"]:  # signed: close, and show it on the page
        st.rerun()
    status = lontar.letters.signing_status(caller)
    st.markdown(t("letters_page_sign_what", hal=plain(view.get("hal", ""))))
    st.info(
        t("letters_page_sign_certified" if status.get("certified") else "letters_page_sign_local")
    )
    with st.form("letter_sign_form", clear_on_submit=True, enter_to_submit=False):
        st.text_input(t("letters_page_passphrase"), type="password", key=PASSPHRASE)
        st.form_submit_button(
            t("letters_page_do_sign"),
            type="primary",
            key="letter_sign_go",
            on_click=_sign,
            args=(lontar, caller, view["id"], view.get("version", 0)),
        )
    if problem := st.session_state.pop(PROBLEM, None):
        st.error(problem)  # the provider's own words, as it wrote them
    if st.button(t("letters_page_cancel"), key="letter_sign_cancel"):
        _close_signing()
        st.rerun()


def _sign(lontar: Lontar, caller: Caller, letter_id: str, version: int) -> None:
    """The submit's callback, before the dialog is drawn again: the passphrase is read from
    its field and the field emptied at once, whatever happens next."""
    secret = st.session_state.get(PASSPHRASE, "")
    st.session_state[PASSPHRASE] = ""
    if not secret:
        st.session_state[PROBLEM] = t("letters_page_passphrase_empty")
        return
    try:
        signed = lontar.letters.sign(caller, letter_id, secret, version)
    except LontarError as exc:
        st.session_state[PROBLEM] = exc.message(lang())
        return
    _close_signing()
    st.session_state[letters.NOTICE] = t("letters_page_done_sign", number=signed["number"])
