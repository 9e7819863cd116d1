"""Naskah Keluar (everyone who takes part in letters): the queues with their counts (my
drafts and returned letters, to verify, to sign, signed but not sent, sent, and signings
whose outcome is unknown; for registry clerks the agenda keluar, the buku ekspedisi and manual
numbers), and one letter (`?id=`, so it opens in a new tab too): its data,
the paraf chain, what changed since the reader last read it, its history, its PDF and what
the caller may do with it now."""

from __future__ import annotations

import streamlit as st

from ui import letters, letters_actions, letters_registers, registry
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.LETTERS)
st.title(t("nav_letters"))
letters.notice()

with guard():
    clerk = caller.may("add_records")  # keeps a unit's registers
    extra = (t("letters_page_tab_registers"),) if clerk else ()
    listed, places = letters.queues(lontar.letters.queues(caller), extra)
    for place in places:
        with place, guard():
            letters_registers.registers(lontar, caller)
    registry.LETTER_DRAFT.nav()
    letter_id = letters.chosen(listed)

if letter_id:
    with guard():
        view = lontar.letters.letter(caller, letter_id)
        st.header(view.get("hal") or letter_id)
        letters_actions.actions(lontar, caller, view)
        letters.letter_facts(view)
        letters.workings(lontar, caller, view)
        letters.document(lontar, caller, view)
