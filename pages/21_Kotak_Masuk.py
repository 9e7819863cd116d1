"""Kotak Masuk (everyone who takes part in letters): one's work queues in one place, each with
its count and its list: outgoing letters to verify, to sign and signed but not sent; incoming
letters not registered (for clerks), unread and not acted on; dispositions unread, not acted on
and overdue; tembusan unread. Each line links to the letter. Below, one's own address for
e-mail notifications."""

from __future__ import annotations

import streamlit as st

from ui import inbox, registry
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.INBOX)
st.title(t("nav_inbox"))

with guard():
    inbox.page(lontar, caller)
with guard():
    inbox.email_form(lontar, caller)
