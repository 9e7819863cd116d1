"""Naskah Keluar's parts: the queues (with counts, a sortable table each and a way to open one
letter, also in a new tab), and one letter: its facts by name, the paraf chain with who
approved which version when, what changed since the reader last read it, its history in
words, and its PDF (the preview while a draft, the signed file once signed).

Letters come from `lontar.letters` as plain dicts; nothing here decides who may do what: the
letter dict says which actions the caller may take now (`ui/letters_actions.py` draws them).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from repository.app import Caller, Lontar, formatting, pdf_pages
from ui import registry, render, visit
from ui.ppid import facts
from ui.session import lang, t
from ui.text import plain

NOTICE = "letters_notice"  # the confirmation of the last action, shown after the rerun
# the tabs of Naskah Keluar, each with the service's queues it shows
TABS = (
    ("mine", ("drafts", "returned")),
    ("to_verify", ("to_verify",)),
    ("to_sign", ("to_sign",)),
    ("signed", ("signed",)),
    ("sent", ("sent",)),
    ("unknown", ("unknown",)),
)
PREVIEW_DPI = 100  # the page images of a letter: larger than a record's thumbnails


def notice() -> None:
    render.notice(NOTICE)


def done(message: str) -> None:
    render.done(NOTICE, message)


def day(value) -> str:
    return formatting.date_text(value, lang()) if value else "-"


def moment(value) -> str:
    return formatting.datetime_text(value, lang()) if value else "-"


def state_text(state: str) -> str:
    return t("letter_state_" + state) if state else "-"


def next_text(row: dict) -> str:
    """What the letter waits for ({key, params} from the service), in words."""
    step = row.get("next_step") or {}
    return t(step["key"], **step.get("params", {})) if step else "-"


# -- the queues -----------------------------------------------------------------------------------
def _rows(queues: dict[str, list[dict]], names: tuple[str, ...]) -> list[dict]:
    return [row for name in names for row in queues.get(name, [])]


def _table(rows: list[dict]) -> pd.DataFrame:
    """One queue as people read it; the last column opens the letter in a new tab."""
    columns = ("number", "date", "hal", "type", "unit", "state", "next", "open")
    table = pd.DataFrame(
        [
            (
                row.get("number") or "—",
                day(row.get("date")),
                row.get("hal", ""),
                row.get("type_name", ""),
                row.get("unit_name", ""),
                state_text(row.get("state", "")),
                next_text(row),
                f"{registry.LETTERS.url}?id={row['id']}",
            )
            for row in rows
        ],
        columns=[t("letters_page_col_" + c) for c in columns],
    )
    return table


def queues(all_queues: dict[str, list[dict]], extra: tuple[str, ...] = ()) -> tuple[list, list]:
    """The tabs with their counts, then the `extra` tabs (labels) the page fills; returns
    every listed letter (to open one of them) and the extra tabs."""
    shown = [
        (tab, names)
        for tab, names in TABS
        if tab != "unknown" or _rows(all_queues, names)  # only for whom it concerns
    ]
    labels = [
        t("letters_page_tab_" + tab, count=len(_rows(all_queues, names))) for tab, names in shown
    ]
    places = st.tabs([*labels, *extra])
    listed: list[dict] = []
    for place, (tab, names) in zip(places, shown, strict=False):
        rows = _rows(all_queues, names)
        listed += rows
        with place:
            _queue(tab, rows)
    return listed, places[len(shown) :]


def _queue(tab: str, rows: list[dict]) -> None:
    if not rows:
        st.info(t("letters_page_empty_" + tab))
        return
    st.dataframe(
        _table(rows),
        hide_index=True,
        key=f"letters_queue_{tab}",
        column_config={
            t("letters_page_col_open"): st.column_config.LinkColumn(
                display_text=t("letters_page_open_tab")
            )
        },
    )


def chosen(listed: list[dict]) -> str | None:
    """The letter to open: `?id=` (a link, a new tab) or one picked from the queues. The
    URL follows the pick, so the address bar can be copied."""
    asked = st.query_params.get("id")
    named = {row["id"]: f"{row.get('number') or '—'} · {row.get('hal', '')}" for row in listed}
    options = list(dict.fromkeys([*([asked] if asked else []), *named]))
    if not options:
        return None
    picked = st.selectbox(
        t("letters_page_open"),
        options,
        index=options.index(asked) if asked else None,
        key="letters_pick",
        format_func=lambda i: named.get(i, i),
        placeholder=t("letters_page_open_pick"),
    )
    if picked and picked != asked:
        st.query_params["id"] = picked
    return picked


# -- one letter -----------------------------------------------------------------------------------
def targets_text(values: list) -> str:
    """Recipients and copies by name ({value, label, kind} from the service)."""
    names = [v["label"] for v in values]
    return "; ".join(n for n in names if n) or "-"


def _person(value) -> str:
    """A position by name with whoever holds or acts for it ("Kepala Dinas · Budi (Plt)")."""
    if not isinstance(value, dict):
        return str(value or "-")
    holders = ", ".join(
        f"{h['name']} ({h['acting']})" if h.get("acting") else h["name"]
        for h in value.get("holders", [])
    )
    name = value.get("name") or "-"
    return f"{name} · {holders}" if holders else name


def letter_facts(view: dict) -> None:
    """The letter's data by name, as a static table."""
    rows = [
        (t("letters_page_col_number"), view.get("number") or "—"),
        (t("letters_page_col_date"), day(view.get("date"))),
        (t("letters_page_col_state"), state_text(view.get("state", ""))),
        (t("letters_page_col_type"), view.get("type_name", "")),
        (t("letters_page_col_unit"), view.get("unit_name", "")),
        (t("letters_page_sifat"), t("letter_sifat_" + view.get("sifat", "biasa"))),
        (t("letters_page_urgency"), t("letter_urgency_" + view.get("urgency", "biasa"))),
        (t("letters_page_classification"), view.get("classification") or "-"),
        (t("letters_page_col_hal"), view.get("hal", "")),
        (t("letters_page_recipients"), targets_text(view.get("recipients", []))),
        (t("letters_page_copies"), targets_text(view.get("copies", []))),
        (t("letters_page_signer"), _person(view.get("signer"))),
        (t("letters_page_author"), view.get("author_name") or view.get("author", "")),
        (t("letters_page_lampiran"), _names(view.get("lampiran", []))),
        (t("letters_page_version"), str(view.get("version", ""))),
    ]
    signed = view.get("signed") or {}
    if signed:
        by = signed["by_name"] + (f" ({signed['acting']})" if signed.get("acting") else "")
        rows.append((t("letters_page_signed_by"), by))
        rows.append((t("letters_page_signed_at"), moment(signed["at"])))
        rows.append(("SHA-256", signed["sha256"]))
    facts(rows, "letter_facts")
    if view.get("note"):
        st.warning(t("letters_page_note", note=plain(view["note"])))


def _names(files: list[dict]) -> str:
    return ", ".join(a["filename"] for a in files) or "-"


def chain(view: dict) -> None:
    """The paraf chain in order: each verifier, who approved which version and when."""
    verifiers = view.get("verifiers", [])
    if not verifiers:
        st.caption(t("letters_page_no_verifiers"))
        return
    rows = []
    for number, verifier in enumerate(verifiers, start=1):
        approval = verifier.get("approval") or {}
        rows.append(
            (
                str(number),
                _person(verifier),
                t("letters_page_approved_version", version=approval["version"])
                if approval
                else t("letters_page_waiting"),
                approval.get("name", "-") if approval else "-",
                moment(approval.get("at")) if approval else "-",
            )
        )
    columns = ["no", "verifier", "paraf", "by", "at"]
    render.wrapped_table(rows, [t("letters_page_chain_" + c) for c in columns])


def history(view: dict) -> None:
    lines = view.get("history", [])
    rows = [
        (
            moment(line.get("when")),
            line.get("who_name") or line.get("who", ""),
            t(line["key"], **line.get("params", {})) if line.get("key") else "",
        )
        for line in lines
    ]
    columns = [t("letters_page_when"), t("letters_page_who"), t("letters_page_what")]
    render.wrapped_table(rows, columns)


def changes(lontar: Lontar, caller: Caller, view: dict) -> None:
    """What changed since the version the caller last read: each field's old and new text,
    words taken out struck through, words added highlighted."""
    letter_id, version = view["id"], view.get("version", 0)
    found = visit.once(
        "letter_changes", (letter_id, version), lambda: _read(lontar, caller, letter_id, version)
    )
    if not found["fields"]:
        st.caption(t("letters_page_no_changes"))
        return
    st.caption(t("letters_page_changes_since", old=found["from"], new=found["to"]))
    for entry in found["fields"]:
        st.markdown(f"**{t('letters_page_field_' + entry['field'])}**")
        if entry.get("diff"):
            st.markdown(_diff_markdown(entry["diff"]))
        else:
            before, after = _listed(entry["before"]), _listed(entry["after"])
            st.markdown(_diff_markdown([("delete", before), ("insert", after)]))


def _read(lontar: Lontar, caller: Caller, letter_id: str, version: int) -> dict:
    """What changed, then the caller has read this version (once per visit and version)."""
    found = lontar.letters.changes(caller, letter_id)
    lontar.letters.mark_read(caller, letter_id, version)
    return found


def _listed(value) -> str:
    return "; ".join(map(str, value)) if isinstance(value, list | tuple) else str(value or "")


def _diff_markdown(parts: list) -> str:
    """[(op, text)] with op "equal", "delete", "insert" as Markdown: removed words struck
    through on red, added ones on green."""
    shown = []
    for op, text in parts:
        words = plain(text)
        if not words:
            continue
        if op == "delete":
            shown.append(f":red-background[~~{words}~~]")
        elif op == "insert":
            shown.append(f":green-background[{words}]")
        else:
            shown.append(words)
    return " ".join(shown) or "-"


def pdf(data: bytes, name: str, key: str) -> None:
    """A PDF shown as page images (the browser needs no PDF viewer) and offered as a file."""
    st.download_button(
        t("letters_page_download_pdf"),
        data,
        file_name=name,
        mime="application/pdf",
        key=f"{key}_download",
        on_click="ignore",
    )
    pages(data)


def pages(data: bytes) -> None:
    for number, image in enumerate(pdf_pages(data, PREVIEW_DPI), start=1):
        st.image(image, caption=t("letters_page_pdf_page", page=number))


def document(lontar: Lontar, caller: Caller, view: dict) -> None:
    """The signed PDF once signed, the draft print before. The page draws the signed file
    without an audit entry; the download button builds it on the click, and only that
    click is recorded (`letter_downloaded`)."""
    st.subheader(t("letters_page_pdf"))
    name = (view.get("number") or view["id"]).replace("/", "-") + ".pdf"
    key = (view["id"], view.get("version"), view.get("state"))
    if not view.get("signed"):
        st.caption(t("letters_page_preview_help"))
        data = visit.once("letter_pdf", key, lambda: lontar.letters.preview_pdf(caller, view["id"]))
        pdf(data, name, "letter_pdf")
        strays(lontar, caller, view)
        return
    strays(lontar, caller, view)
    render.download(
        t("letters_page_download_pdf"),
        lambda: lontar.letters.signed_pdf(caller, view["id"]),
        name,
        "application/pdf",
        "letter_pdf_download",
    )
    pages(visit.once("letter_pdf", key, lambda: lontar.letters.signed_view(caller, view["id"])))


def strays(lontar: Lontar, caller: Caller, view: dict) -> None:
    """Signed PDFs a superseded attempt left, for the signer and the unit's Administrator
    (the service lists them for no one else): when, which attempt, the file's SHA-256, and
    a download built on the click (each one audited as a download)."""
    found = lontar.letters.strays(caller, view["id"])
    if not found:
        return
    with st.expander(t("letters_page_strays")):
        st.caption(t("letters_page_strays_help"))
        for row in found:
            line, button = st.columns([5, 1])
            words = t(
                "letters_page_stray_line",
                at=moment(row["at"]),
                attempt=row["attempt"],
                sha256=row["sha256"],
            )
            line.markdown(plain(words))
            with button:
                render.download(
                    t("letters_page_stray_download"),
                    lambda attempt=row["attempt"]: lontar.letters.stray_pdf(
                        caller, view["id"], attempt
                    ),
                    row["filename"],
                    "application/pdf",
                    f"letter_stray_{row['attempt']}",
                )


def workings(lontar: Lontar, caller: Caller, view: dict) -> None:
    """How the letter was made: the paraf chain, what changed, its history. A recipient or
    copy gets the letter as sent (`received`), without any of it."""
    if view.get("received"):
        st.caption(t("letters_page_received"))
        return
    st.subheader(t("letters_page_chain"))
    chain(view)
    with st.expander(t("letters_page_changes"), expanded=view.get("changed_since_read", False)):
        changes(lontar, caller, view)
    with st.expander(t("letters_page_history")):
        history(view)
