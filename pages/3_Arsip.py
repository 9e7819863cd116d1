"""Arsip (record view): metadata, page previews, text, the original file, history, related
records, and the metadata form for those allowed to edit. `?id=...` opens a record directly."""

from __future__ import annotations

import streamlit as st

from repository.app import SECURITY_CLASSES, URGENCIES, AccessDenied, LontarError, formatting
from ui import disposal, pickers, registry, render, routes, visit
from ui.frame import frame, guard
from ui.session import labels, lang, t
from ui.text import escaped


def sharing(targets: dict) -> None:
    """Whom the record is shared with, and the forms to share it by name or stop sharing."""
    st.caption(t("share_help"))
    if targets["shared"]:
        render.table(
            [
                (t(f"share_{s['kind']}_label", name=s["label"]), render.day(s["until"]))
                if s["until"]
                else (t(f"share_{s['kind']}_label", name=s["label"]), t("share_no_end"))
                for s in targets["shared"]
            ],
            [t("share_with"), t("share_until")],
        )
    else:
        st.caption(t("share_none_yet"))
    if not targets["offer"]:
        st.info(t("share_nobody"))
    else:
        with st.form("share", clear_on_submit=True, enter_to_submit=False):
            target = pickers.share_target(targets["offer"], t("share_with"), "share_target")
            until = st.date_input(t("share_until"), None, key="share_until", format="DD/MM/YYYY")
            if st.form_submit_button(t("share_button")) and target:
                lontar.access.share(caller, record_id, target, until)
                visit.forget("record")  # its history gained a line
                render.done("saved_text", t("share_done", to=_name(targets["offer"], target)))
    if targets["shared"]:
        with st.form("unshare", enter_to_submit=False):
            gone = pickers.share_target(targets["shared"], t("share_with"), "unshare_target")
            if st.form_submit_button(t("unshare_button")) and gone:
                lontar.access.unshare(caller, record_id, gone)
                visit.forget("record")
                render.done("saved_text", t("unshare_done", to=_name(targets["shared"], gone)))


def files_text(attachments: list[dict]) -> str:
    """Each file as a line (name, kind, pages, size) over its SHA-256 in grey, as HTML."""
    return "".join(
        f"<p><strong>{escaped(a['filename'])}</strong> · {escaped(a['media_type'])}"
        f" · {formatting.number_text(a['pages'], lang())} {escaped(t('pages_unit'))}"
        f" · {formatting.number_text(a['size'], lang())} B<br>"
        f"<span style='{render.GREY_STYLE}'>SHA-256 <code>{a['sha256']}</code></span></p>"
        for a in attachments
    )


def preview(record: dict) -> None:
    """A page of one of the record's files as an image. A single file of one page without an
    OCR copy, or without a preview at all (plain text: a line says why), is drawn as its
    heading and what it shows, no controls: the browser pays for every element
    (docs/performance.md, Speed in the browser)."""
    attachments, heading = record["attachments"], render.headed(t("preview"), "")
    first = attachments[0]
    if len(attachments) > 1 or first["has_ocr_derivative"] or first["pages"] > 1:
        render.block(heading)
        heading = ""
        chosen, source, page, shown_in = _preview_controls(attachments)
    else:
        chosen, source, page, shown_in = first, "original", 1, st
    try:
        image = lontar.ingest.page_image(
            caller, record_id, chosen["position"], int(page), derivative=source == "ocr"
        )
    except LontarError as exc:  # says why, as a line: no box to draw
        why = f"<p style='{render.META_STYLE}'>{escaped(exc.message(lang()))}</p>"
        render.block(heading + why, shown_in)
    else:
        if heading:
            render.block(heading)
        shown_in.image(image, caption=f"{chosen['filename']} · {t('page')} {page}")


def _preview_controls(attachments: list[dict]) -> tuple[dict, str, int, object]:
    """The file, source and page to preview, as chosen, and where the image goes: controls
    only where there is something to choose (another file, an OCR copy, more pages)."""
    chosen = attachments[0]
    if len(attachments) > 1:
        chosen = st.selectbox(
            t("preview"), attachments, key="preview_file", format_func=lambda a: a["filename"]
        )
    sources = ["original"] + (["ocr"] if chosen["has_ocr_derivative"] else [])
    if len(sources) == 1 and chosen["pages"] <= 1:
        return chosen, "original", 1, st
    c1, shown_in = st.columns([1, 3])
    source = c1.radio(
        t("preview_source"), sources, key="preview_source", format_func=labels("preview_")
    )
    page = c1.number_input(t("page"), 1, max(1, chosen["pages"]), 1, key="preview_page")
    return chosen, source, page, shown_in


def downloads(record_id: str, attachments: list[dict]) -> list[tuple[str, str]]:
    """(words, address) of each file as uploaded: links to a route that checks the session
    and the record (ui/web.py), where a download button was an element each."""
    several = len(attachments) > 1
    return [
        (
            t("download_original_of", name=a["filename"]) if several else t("download_original"),
            routes.original_href(record_id, a["position"], lang()),
        )
        for a in attachments
    ]


def _name(choices: list[dict], value: str) -> str:
    return next((c["label"] for c in choices if c["value"] == value), value)


lontar, caller = frame(registry.RECORD)
record_id = st.query_params.get("id", "")

if not record_id:
    st.title(t("nav_record"))
    with st.form("open_record", border=False, enter_to_submit=False):
        typed = st.text_input(t("record_id"), key="record_id")
        if st.form_submit_button(t("open_record")) and typed.strip():
            st.query_params["id"] = typed.strip()
            st.rerun()
    st.stop()

if stone := lontar.disposal.destroyed(caller, record_id):
    disposal.tombstone(stone)
    st.stop()

with guard():
    # Opening the record is audited (`viewed`) once per visit, not at every rerun; the text,
    # read on every run, checks that the caller may still see the record.
    record = visit.once(
        "record", (record_id, lang()), lambda: lontar.records.show(caller, record_id, lang())
    )
    texts = lontar.records.record_text(caller, record_id)
    trail = render.links_html(  # where the record sits, one link up to its folder in Jelajah
        [
            render.Link(
                registry.BROWSE,
                " / ".join(c["title"] or c["code"] for c in record["breadcrumbs"]),
                {
                    "node": record["parent"]
                    if record["breadcrumbs"][-1]["id"]
                    else f"unit:{record['breadcrumbs'][-1]['code']}"
                },
                icon="account_tree",
            )
        ]
    )
    render.block(f"<h1>{escaped(record['title'] or record['reference_code'])}</h1>{trail}")
    render.notice("saved_text")
    if record["level"] in ("fonds", "series", "file") and caller.may("publish"):
        registry.PUBLISH.link(
            t("pub_open_publication"), {"id": record_id}, icon=":material/publish:"
        )
    try:  # sharing is an action near the top, for those who may share this record
        targets = lontar.records.share_targets(caller, record_id) if caller.may("share") else None
    except AccessDenied:
        targets = None  # may share elsewhere, not here
    # Switches, not expanders: a collapsed expander's form is still drawn at every run, and
    # the share and edit forms were ~25 ms of the browser's time at every record a member of
    # staff opened (docs/performance.md, Speed in the browser).
    if targets is not None and st.toggle(t("share_title"), key="share_open"):
        sharing(targets)
    for attachment in record["attachments"]:
        for message in attachment["messages"]:
            st.warning(render.plain(f"{attachment['filename']}: {message}"))

    # One column, sections that only show joined in HTML blocks (the title and the trail to
    # the folder; the metadata and the files; the history and the related records): the
    # browser pays for every element at every record opened, ~1 ms each, more than for
    # what they hold (docs/performance.md, Speed in the browser).
    codes = {c["code"]: c["label"] for c in lontar.ingest.classification_choices()}
    codes.setdefault(record["classification"], record["classification"])
    dates = dict.fromkeys(filter(None, [record["date_start"], record["date_end"]]))
    rows = [
        (t("title"), record["title"] or "-"),
        (t("reference_code"), record["reference_code"]),
        (t("record_id"), record["id"]),
        (t("col_level"), t("level_" + record["level"])),
        (t("col_unit"), record["unit_name"]),
        (t("date"), " – ".join(render.day(d) for d in dates) or "-"),
        (t("classification"), codes.get(record["classification"]) or "-"),
        (t("security"), t("security_" + record["security"])),
        (t("urgency"), record["urgency"]),
        (t("location"), record["location"] or "-"),
        (t("description"), record["description"] or "-"),
    ]
    render.block(
        render.table_html(rows, [t("field"), t("value")], heading=t("metadata"))
        + render.headed(t("files"), files_text(record["attachments"]))
        + render.download_links_html(downloads(record_id, record["attachments"]))
    )

    if record["attachments"]:
        preview(record)

    # Behind a switch, not in an expander: a collapsed expander's text is still sent and
    # drawn at every run, and a scanned report's text runs to hundreds of kilobytes.
    if st.toggle(t("extracted_text"), key="show_text"):
        for body in texts:
            st.markdown(f"**{render.plain(body['filename'])}**")
            st.text(body["text"] or body["ocr_text"] or t("flag_no_text"))

    schedule = lontar.workbench.retention_of(caller, record_id)
    if schedule["rule"]:
        st.subheader(t("retention"))
        if schedule["waiting_for_event"]:
            st.info(t("retention_waiting", event=schedule["trigger"]))
        for hold in schedule["holds"]:
            st.warning(
                t(
                    "retention_held",
                    reason=render.plain(hold["reason"]),
                    since=render.day(hold["since"]),
                )
            )
        for matter in schedule["matters"]:
            st.warning(t("retention_matter_" + matter["kind"], ref=matter["ref"]))
        render.table(
            [
                (t("classification"), f"{schedule['code']} {schedule['code_name'] or ''}"),
                (t("retention_rule"), schedule["rule"]),
                (t("retention_start"), render.day(schedule["start"])),
                (t("retention_active_until"), render.day(schedule["active_until"])),
                (t("retention_inactive_until"), render.day(schedule["inactive_until"])),
                (t("retention_disposition"), schedule["disposition"]),
                (t("retention_note"), schedule["note"] or "-"),
            ],
            [t("field"), t("value")],
        )

    related = lontar.records.related(caller, record_id)
    names = lontar.records.unit_names() if related else {}
    render.block(
        render.table_html(
            [(render.moment(h["when"]), h["who"], h["text"]) for h in record["history_lines"]],
            [t("when"), t("who"), t("history_text")],
            heading=t("history"),
        )
        + render.hit_lines_html(related, names, heading=t("related"), empty=t("no_related"))
    )

    if caller.may("edit_records") and st.toggle(t("edit_metadata"), key="edit_open"):
        with st.form("edit", enter_to_submit=False):
            changes = {
                "title": st.text_input(t("title"), record["title"], key="edit_title"),
                "description": st.text_area(
                    t("description"), record["description"], key="edit_description"
                ),
                "date_start": st.text_input(
                    t("date_start"), record["date_start"] or "", key="edit_date_start"
                ),
                "date_end": st.text_input(
                    t("date_end"), record["date_end"] or "", key="edit_date_end"
                ),
                "classification": pickers.classification(
                    lontar,
                    t("classification"),
                    "edit_classification",
                    default=record["classification"],
                ),
                "security": st.selectbox(
                    t("security"),
                    SECURITY_CLASSES,
                    SECURITY_CLASSES.index(record["security"]),
                    key="edit_security",
                    format_func=labels("security_"),
                ),
                "urgency": st.selectbox(
                    t("urgency"),
                    URGENCIES,
                    URGENCIES.index(record["urgency"]) if record["urgency"] in URGENCIES else 0,
                    key="edit_urgency",
                ),
                "location": st.text_input(t("location"), record["location"], key="edit_location"),
            }
            if st.form_submit_button(t("save")):
                lontar.records.update_record(caller, record_id, changes)
                visit.forget("record")  # read again, as changed
                st.session_state["saved"] = True
                st.rerun()
    if st.session_state.pop("saved", False):
        st.success(t("saved"))
