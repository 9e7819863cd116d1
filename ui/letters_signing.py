"""Tata Naskah's electronic-signature set-up (Administrator): which provider signs (the
Pemda's own certificates, or BSrE), the Pemda's CA (made once), the enrolled signers, and
enrolling one: the account chosen by name, the passphrase typed twice by the signer, passed
to the service once and kept nowhere."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from repository.app import Caller, Lontar
from ui import letters
from ui.letters_people import account, accounts
from ui.session import t


def signing(lontar: Lontar, caller: Caller) -> None:
    status = lontar.letters.signing_status(caller)
    people = accounts(lontar, caller)
    _status(status, people)
    if status["ca"] is None:
        if st.button(t("letters_page_ca_init"), key="ls_init", type="primary"):
            lontar.letters.signing_init(caller)
            letters.done(t("letters_page_ca_done"))
        return
    _enrol(lontar, caller, people)


def _status(status: dict, people: dict[str, str]) -> None:
    st.info(t("letters_page_provider_" + ("bsre" if status["certified"] else "local")))
    ca = status["ca"]
    if ca is None:
        st.warning(t("letters_page_ca_none"))
        return
    st.caption(t("letters_page_ca", subject=ca["subject"], until=letters.day(ca["not_after"])))
    if status["signers"]:
        table = pd.DataFrame(
            [
                (people.get(s["account"], s["account"]), letters.day(s["not_after"]),
                 t("letters_page_yes" if s["revoked"] else "letters_page_no"))
                for s in status["signers"]
            ],
            columns=[t("letters_page_signer_" + c) for c in ("name", "until", "revoked")],
        )  # fmt: skip
        st.dataframe(table, hide_index=True, key="letters_signers_table")


def _enrol(lontar: Lontar, caller: Caller, people: dict[str, str]) -> None:
    """A signer's certificate, protected by the passphrase the signer types (twice) here."""
    st.subheader(t("letters_page_enrol"))
    st.caption(t("letters_page_enrol_help"))
    with st.form("ls_enrol", clear_on_submit=True, enter_to_submit=False):
        who = account(t("letters_page_enrol_account"), people, "ls_account")
        first = st.text_input(t("letters_page_passphrase"), type="password", key="ls_pass")
        again = st.text_input(t("letters_page_passphrase_again"), type="password", key="ls_pass2")
        nik = st.text_input(t("letters_page_nik"), key="ls_nik")
        if not st.form_submit_button(t("letters_page_enrol_go"), key="ls_go"):
            return
    if first != again:
        st.error(t("letters_page_passphrase_differ"))
    elif not who:
        st.warning(t("letters_page_enrol_pick"))
    else:
        lontar.letters.enrol(caller, who, first, nik.strip())
        letters.done(t("letters_page_enrolled", name=people.get(who, who)))
