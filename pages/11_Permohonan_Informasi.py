"""Permohonan Informasi (public, no account): the request form of UU 14/2008 with the ID card
scan; the registration number, the due dates and a printable receipt come at once. Bad input
is named field by field and what was typed stays (only the safety answer is cleared: every try
brings a new question); a signed safety question and a limit per address keep spam out. The
kind of requester sits above the form, so that choosing it shows or hides the organisation."""

from __future__ import annotations

import streamlit as st

from repository.app import DELIVERY, KINDS, OBTAIN
from ui import ppid, registry, render
from ui.frame import frame, guard
from ui.session import client, labels, lang, t

lontar, caller = frame(registry.REQUEST)
st.title(t("nav_request"))
st.write(t("request_intro"))
if outcome := st.session_state.pop("rq_outcome", None):
    ppid.show_outcome(lontar, outcome)

ppid.clear_pending()
question, token = ppid.challenge(lontar)
kind = st.radio(t("field_kind"), KINDS, key="rq_kind", format_func=labels("kind_"), horizontal=True)
with st.form("ppid_request", enter_to_submit=False):
    form = {
        "kind": kind,
        "name": st.text_input(t("field_name"), key="rq_name"),
        "organisation": st.text_input(t("field_organisation"), key="rq_org")
        if kind == "organisasi"
        else "",
        "nik": st.text_input(t("field_nik"), key="rq_nik", max_chars=16),
        "address": st.text_area(t("field_address"), key="rq_address", height=80),
        "occupation": st.text_input(t("field_occupation"), key="rq_occupation"),
        "email": st.text_input(t("field_email"), key="rq_email"),
        "phone": st.text_input(t("field_phone"), key="rq_phone"),
        "information": st.text_area(t("field_information"), key="rq_information"),
        "purpose": st.text_area(t("field_purpose"), key="rq_purpose", height=80),
        "obtain": st.multiselect(
            t("field_obtain"),
            OBTAIN,
            key="rq_obtain",
            format_func=labels("obtain_"),
            placeholder=t("ppid_choose_options"),
        ),
        "delivery": st.selectbox(
            t("field_delivery"), DELIVERY, key="rq_delivery", format_func=labels("delivery_")
        ),
    }
    card = render.uploader(
        t("field_id_card"),
        "rq_card",
        type=["jpg", "jpeg", "png", "pdf"],
        help=t("field_id_card_help"),
    )
    answer = st.text_input(t("challenge_question", question=question), key="rq_answer")
    sent = st.form_submit_button(t("request_send"), key="rq_send")

if sent:
    with guard():
        id_card = (card.name, card.getvalue()) if card is not None else None
        language = lang()

        def send() -> dict:
            made = lontar.ppid.file_request(form, id_card, token, answer, client())
            return {**made, "secret": form["email"].strip().lower(), "lang": language}

        ppid.submit("rq_outcome", send, lontar, "rq_answer")
