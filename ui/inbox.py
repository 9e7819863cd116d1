"""Kotak Masuk's parts: one's work queues as counts and lists, and Beranda's short version.

The service (`lontar.letters.inbox`) gives each queue's lines as plain dicts, already checked
against who may see what; here they become words, local dates and links to the page that
opens each item (Naskah Masuk for incoming letters and dispositions, Naskah Keluar for
outgoing letters). Beranda's part draws no table or chart: a row of counts and a link.
"""

from __future__ import annotations

import streamlit as st

from repository.app import QUEUE_ORDER, Caller, Lontar, formatting
from ui import registry
from ui.session import lang, t

ORDER = QUEUE_ORDER
STATE_PREFIX = {
    "letter": "letter_state_",
    "incoming": "incoming_state_",
    "disposition": "disposition_state_",
}
HOME_SHOWN = 5  # Beranda shows at most this many counts, the largest, in ORDER on a tie
PAGE_OF = {"letter": registry.LETTERS, "incoming": registry.INCOMING}


def page(lontar: Lontar, caller: Caller) -> None:
    """Every queue's count, then a list per queue that holds something."""
    found = lontar.letters.inbox(caller)
    counts, lists = found["counts"], found["lists"]
    _metrics(counts, ORDER)
    if not any(counts.values()):
        st.success(t("inbox_nothing"))
        return
    for queue in ORDER:
        rows = lists.get(queue, [])
        if rows:
            label = f"{t('inbox_queue_' + queue)} ({_n(len(rows))})"
            with st.expander(label, expanded=True):
                st.caption(t("inbox_queue_help_" + queue))
                _table(queue, rows)


def email_form(lontar: Lontar, caller: Caller) -> None:
    """Where one's notifications go: set by the person, not only by an administrator."""
    with st.expander(t("inbox_email_title")), st.form("inbox_email", enter_to_submit=False):
        st.caption(t("inbox_email_help"))
        address = st.text_input(t("inbox_email_label"), value=lontar.letters.email(caller))
        if st.form_submit_button(t("inbox_email_save")):
            lontar.letters.set_email(caller, address)
            st.success(t("inbox_email_saved") if address.strip() else t("inbox_email_removed"))


def home_counts(lontar: Lontar, caller: Caller) -> None:
    """Beranda: the queues that hold something, as counts, and the way to Kotak Masuk."""
    counts = lontar.letters.inbox_counts(caller)
    waiting = [q for q in ORDER if counts.get(q)]
    st.subheader(t("inbox_home_title"))
    if not waiting:
        st.caption(t("inbox_nothing"))
    else:
        shown = sorted(waiting, key=lambda q: -counts[q])[:HOME_SHOWN]
        _metrics(counts, tuple(q for q in ORDER if q in shown))
    registry.INBOX.nav()


def _metrics(counts: dict[str, int], queues: tuple[str, ...]) -> None:
    for start in range(0, len(queues), 5):
        row = queues[start : start + 5]
        for column, queue in zip(st.columns(len(row)), row, strict=True):
            column.metric(t("inbox_queue_" + queue), _n(counts.get(queue, 0)))


def _n(value: int) -> str:
    return formatting.number_text(value, lang())


def _table(queue: str, rows: list[dict]) -> None:
    """A sortable table; the last column opens the item (also in a new tab)."""
    columns = ("kind", "hal", "from", "agenda", "at", "due", "state", "open")
    data = {t(_column(c)): [_cell(c, row) for row in rows] for c in columns}
    st.dataframe(
        data,
        hide_index=True,
        key=f"inbox_{queue}",
        column_config={
            t(_column("open")): st.column_config.LinkColumn(display_text=t("letters_page_open_tab"))
        },
    )


def _column(name: str) -> str:
    if name == "kind":
        return "inbox_col_kind"
    if name == "open":
        return "letters_page_col_open"
    return "inbox_col_" + name


def _cell(name: str, row: dict) -> str:
    if name == "kind":
        return t("inbox_kind_" + row["kind"])
    if name == "hal":
        return t("inbox_withheld") if row.get("withheld") else (row.get("hal") or "—")
    if name in ("at", "due"):
        value = row.get(name)
        return formatting.date_text(value, lang()) if value else "—"
    if name == "state":
        return t(STATE_PREFIX[row["kind"]] + row["state"])
    if name == "open":
        return f"{PAGE_OF.get(row['kind'], registry.INCOMING).url}?id={row['target']}"
    return row.get(name) or "—"
