"""Verifikasi Naskah, the public page the QR code opens: a signed letter's register entry and
its signature check in words (for a classified letter only that it exists and its SHA-256),
and a box to upload a copy and compare it."""

from __future__ import annotations

import streamlit as st

from repository.app import Lontar
from ui import render, visit
from ui.letters import day, moment
from ui.ppid import facts
from ui.session import t


def _check(found: dict) -> str:
    """The signature check in words: valid, or what is wrong with it."""
    check = found.get("now") or found.get("check") or {}
    return t(check["summary"]) if check.get("summary") else "-"


def _position(found: dict) -> str:
    acting = found.get("acting")
    return f"{acting}. {found.get('position', '')}" if acting else found.get("position", "")


def entry(found: dict) -> None:
    """The letter as the register holds it; a classified one shows only that it exists."""
    if found.get("classified"):
        st.info(t("letters_page_verify_classified"))
        facts([("SHA-256", found.get("sha256", ""))], "verify_facts")
        return
    rows = [
        (t("letters_page_col_number"), found.get("number", "")),
        (t("letters_page_col_date"), day(found.get("date"))),
        (t("letters_page_col_hal"), found.get("hal", "")),
        (t("letters_page_col_type"), found.get("type", "")),
        (t("letters_page_col_unit"), found.get("unit", "")),
        (t("letters_page_signer"), found.get("signer", "")),
        (t("letters_page_position"), _position(found)),
        (t("letters_page_signed_at"), moment(found.get("signed_at"))),
        ("SHA-256", found.get("sha256", "")),
        (t("letters_page_check"), _check(found)),
    ]
    facts(rows, "verify_facts")
    if not found.get("certified"):
        st.warning(t("signature_not_certified"))


def letter(lontar: Lontar, opaque_id: str) -> None:
    found = visit.once("verification", opaque_id, lambda: lontar.letters.verification(opaque_id))
    st.success(t("letters_page_verify_found"))
    entry(found)


def compare(lontar: Lontar) -> None:
    """A copy someone holds, compared by its hash with the signed letters, and checked."""
    st.subheader(t("letters_page_verify_upload"))
    upload = render.uploader(t("letters_page_verify_file"), "verify_copy", type=["pdf"])
    if upload is None:
        return
    data = upload.getvalue()
    found = visit.once("verify_copy", upload.file_id, lambda: lontar.letters.verify_copy(data))
    if found.get("matches"):
        st.success(t("letters_page_copy_matches"))
        entry(found.get("letter") or found)
    else:
        st.warning(t("letters_page_copy_differs"))
        facts(
            [("SHA-256", found.get("sha256", "")), (t("letters_page_check"), _check(found))],
            "copy_facts",
        )
