"""Katalog's record page (`?id=` an id or a reference code): the ISAD(G) description, the
record's place (breadcrumb, the records beside it, previous and next), its file in a viewer,
a download where the access conditions allow it, its contents if it is a container, the
citation in two styles, pinning to the selection list, and the description as Dublin Core,
EAD and (for a fonds) the finding aid.

Opening a record is audited (`catalogue_viewed`) once per visit (ui/visit.py): the reruns
that follow reuse the record's view. Whether it is still public is checked on every run
(`lontar.catalogue.resolve`, not audited), so a record withdrawn during the visit is gone on the
next rerun. A record that is not public and one that does not exist read the same: "not found
in the catalogue". The original file is read only on a download click (audited `downloaded`),
and only where its description allows downloads.
"""

from __future__ import annotations

import streamlit as st

from repository.app import Caller, Lontar, LontarError, RecordNotFound, formatting
from ui import catalogue, registry, render, visit
from ui.catalogue_tree import is_container
from ui.render import Link
from ui.session import lang, t
from ui.text import plain

SELECTION = "selection_ids"  # pinned record ids; Daftar Pilihan (helper D's page) reads it
SIBLING_PAGES = 20  # pages of the parent's children searched for the record's place


def view(lontar: Lontar, caller: Caller, ref: str) -> None:
    """The record's page, or "not found in the catalogue" (unknown and not public alike,
    and withdrawn since the visit began: checked on every run)."""
    record_id = lontar.catalogue.resolve(ref)
    if record_id is None:
        not_found(ref)
        return
    page = st.empty()
    try:
        with page.container():
            node = visit.once(
                "kat_node", record_id, lambda: lontar.catalogue.node(caller, record_id)
            )
            _record(lontar, caller, node)
    except RecordNotFound:  # withdrawn while this run drew it
        page.empty()
        visit.forget("kat_node")
        not_found(ref)


def _record(lontar: Lontar, caller: Caller, node: dict) -> None:
    st.title(plain(node["title"] or node["refcode"]))
    _trail(node)
    dates = catalogue.dates_text(node["date_start"], node["date_end"])
    st.caption(plain(" · ".join([catalogue.level_name(node["level"]), dates, node["refcode"]])))
    _pin(node["id"])
    description(lontar, node)
    _place(lontar, caller, node)
    viewer(lontar, caller, node)
    contents(lontar, caller, node)
    citation(lontar, caller, node)
    exports(lontar, caller, node)


def not_found(ref: str) -> None:
    st.title(t("nav_catalogue"))
    st.warning(t("kat_not_found", ref=plain(ref.strip()[:200])))
    st.caption(t("kat_not_found_help"))
    render.links([Link(registry.CATALOGUE, t("kat_back"), icon="arrow_back")])


def _trail(node: dict) -> None:
    """Katalog › fonds › series › this record: the public records above it, top first."""
    crumbs = [Link(registry.CATALOGUE, t("nav_catalogue"))]
    crumbs += [
        catalogue.record_link(c["title"] or c["refcode"], c["id"]) for c in node["breadcrumbs"]
    ]
    crumbs.append(catalogue.record_link(node["title"] or node["refcode"], node["id"]))
    crumbs[-1] = Link(crumbs[-1].page, crumbs[-1].text, crumbs[-1].params, current=True)
    render.trail(crumbs, t("kat_breadcrumb"))


# -- pinning to the selection list -------------------------------------------------------------
def _pin(record_id: str) -> None:
    """Sematkan: the record's id joins the selection list of this browser session, which
    Daftar Pilihan shows, exports and saves."""
    pinned = st.session_state.get(SELECTION, [])
    row = st.container(horizontal=True, vertical_alignment="center")
    if record_id in pinned:
        row.button(
            t("kat_unpin"), key="kat_unpin", on_click=_unpin, args=(record_id,),
            icon=":material/bookmark_remove:",
        )  # fmt: skip
    else:
        row.button(
            t("kat_pin"), key="kat_pin", on_click=_add, args=(record_id,),
            icon=":material/bookmark_add:",
        )  # fmt: skip
    count = len(st.session_state.get(SELECTION, []))
    registry.SELECTION.link(
        t("kat_pinned", count=formatting.number_text(count, lang())),
        icon=":material/bookmarks:",
        where=row,
    )


def _add(record_id: str) -> None:
    pinned = list(st.session_state.get(SELECTION, []))
    if record_id not in pinned:
        pinned.append(record_id)
    st.session_state[SELECTION] = pinned


def _unpin(record_id: str) -> None:
    st.session_state[SELECTION] = [i for i in st.session_state.get(SELECTION, []) if i != record_id]


# -- the description -------------------------------------------------------------------------
def description(lontar: Lontar, node: dict) -> None:
    """ISAD(G)'s essential elements: a fonds' or series' own description, the rest from the
    record and the nearest description above it (creator, conditions, language)."""
    st.subheader(t("kat_description"))
    own = node["description"] or {}
    units = lontar.records.unit_names()
    codes = {c["code"]: c["label"] for c in lontar.ingest.classification_choices()}
    files = len(node["files"])
    rows = [
        (t("kat_isad_refcode"), node["refcode"]),
        (t("kat_isad_title"), node["title"]),
        (t("kat_isad_dates"), catalogue.dates_text(node["date_start"], node["date_end"])),
        (t("kat_isad_level"), catalogue.level_name(node["level"])),
    ]
    if own:
        rows.append((t("kat_isad_extent"), own.get("extent")))
    rows.append((t("kat_isad_creator"), node["creator"]))
    rows.append((t("kat_isad_unit"), units.get(node["unit"], node["unit"])))
    if own:
        rows.append((t("kat_isad_admin_history"), own.get("admin_history")))
    rows += [
        (t("kat_isad_scope"), own.get("scope_content") or node["scope"]),
        (t("kat_isad_classification"), codes.get(node["classification"], node["classification"])),
        (t("kat_isad_access"), node["access_conditions"]),
        (t("kat_isad_reproduction"), node["reproduction_conditions"]),
        (t("kat_isad_language"), ", ".join(map(catalogue.language_name, node["languages"]))),
        (
            t("kat_isad_digital"),
            t("kat_files_count", count=files) if files else t("kat_files_none"),
        ),
    ]
    render.table(rows)
    st.caption(t("kat_isad_note"))
    st.caption(t("kat_permanent", url=node["url"]))


# -- its place: the records beside it ----------------------------------------------------------
def _place(lontar: Lontar, caller: Caller, node: dict) -> None:
    """Up to the parent, the previous and the next record, and on request the page of
    records beside it (the parent's children, where this one is marked)."""
    hint = st.query_params.get("saudara", "")
    found = visit.once(
        "kat_siblings",
        (node["id"], hint),
        lambda: siblings(lontar, caller, node["id"], node["parent"] or "", hint),
    )
    moves = []
    if node["breadcrumbs"]:
        parent = node["breadcrumbs"][-1]
        title = parent["title"] or parent["refcode"]
        moves.append(
            Link(registry.CATALOGUE, t("kat_up", title=title), {"id": parent["id"]}, icon="north")
        )
    found = found or {"previous": None, "next": None, "rows": [], "total": 0}
    for key, row in (
        ("kat_previous_record", found["previous"]),
        ("kat_next_record", found["next"]),
    ):
        if row is not None:
            title = row["title"] or row["refcode"]
            moves.append(catalogue.record_link(t(key, title=title), row["id"], **row["hint"]))
    render.links(moves, label=t("kat_siblings"))
    if len(found["rows"]) > 1 and st.toggle(
        t("kat_siblings_show", count=formatting.number_text(found["total"], lang())),
        key="kat_siblings_on",
    ):
        page = str(found["page"])
        render.links(
            [
                Link(
                    registry.CATALOGUE,
                    row["title"] or row["refcode"],
                    {"id": row["id"], "saudara": page},
                    row["refcode"],
                    current=row["id"] == node["id"],
                )
                for row in found["rows"]
            ],
            label=t("kat_siblings"),
        )


def siblings(lontar: Lontar, caller: Caller, record_id: str, parent: str, hint: str) -> dict | None:
    """The page of the parent's children that holds the record (the page the link came from
    first, else from the first page on, at most SIBLING_PAGES pages), with the records before
    and after it; None if it was not found there."""
    first = [int(hint)] if hint.isdigit() and int(hint) > 0 else []
    tried: set[int] = set()
    for page in [*first, *range(1, SIBLING_PAGES + 1)]:
        if page in tried:
            continue
        tried.add(page)
        found = lontar.catalogue.children(caller, parent, page)
        ids = [row["id"] for row in found["rows"]]
        if record_id in ids:
            return _neighbours(lontar, caller, parent, found, ids.index(record_id))
        if page >= found["pages"] and not first:
            break
        first = []
    return None


def _neighbours(lontar: Lontar, caller: Caller, parent: str, found: dict, at: int) -> dict:
    """The previous and next record, from the pages before and after at the page's edges."""
    rows, page = found["rows"], found["page"]
    previous = dict(rows[at - 1], hint={"saudara": str(page)}) if at > 0 else None
    following = dict(rows[at + 1], hint={"saudara": str(page)}) if at + 1 < len(rows) else None
    if previous is None and page > 1:
        earlier = lontar.catalogue.children(caller, parent, page - 1)["rows"]
        previous = dict(earlier[-1], hint={"saudara": str(page - 1)}) if earlier else None
    if following is None and page < found["pages"]:
        later = lontar.catalogue.children(caller, parent, page + 1)["rows"]
        following = dict(later[0], hint={"saudara": str(page + 1)}) if later else None
    return {**found, "previous": previous, "next": following}


# -- the file ----------------------------------------------------------------------------------
def viewer(lontar: Lontar, caller: Caller, node: dict) -> None:
    """The file as page images (a PDF's pages drawn by poppler, a scan as it is); the
    download only where the nearest description allows it."""
    files = node["files"]
    if not files:
        return
    st.subheader(t("kat_file"))
    chosen = files[0]
    if len(files) > 1:
        names = {f["position"]: f["filename"] for f in files}
        position = st.selectbox(
            t("kat_file_choice"), list(names), key="kat_file_choice", format_func=names.get
        )
        chosen = next(f for f in files if f["position"] == position)
    _download(lontar, caller, node, chosen)
    pages = max(1, chosen["pages"] or 1)
    page = 1
    if pages > 1:
        page = st.number_input(t("kat_file_page"), 1, pages, 1, key="kat_file_page")
    try:
        image = lontar.catalogue.page_image(caller, node["id"], chosen["position"], int(page))
    except LontarError as exc:
        st.caption(exc.message(lang()))
        return
    st.image(image, caption=t("kat_file_caption", name=chosen["filename"], page=page))


def _download(lontar: Lontar, caller: Caller, node: dict, chosen: dict) -> None:
    """The original file, built on the click (audited `downloaded` then, not on drawing)."""
    if not node["downloads"]:
        st.caption(t("kat_no_download"))
        return
    render.download(
        t("kat_download"),
        lambda: lontar.catalogue.file(caller, node["id"], chosen["position"])["data"],
        chosen["filename"],
        chosen["media_type"],
        f"kat_download_{chosen['position']}",
    )


# -- its contents ------------------------------------------------------------------------------
def contents(lontar: Lontar, caller: Caller, node: dict) -> None:
    """A container's public children, a page at a time (`?hal=`), each with its count."""
    page = catalogue.page_number(st.query_params.get("hal"))
    found = lontar.catalogue.children(caller, node["id"], page)
    if node["level"] == "item" and not found["total"]:
        return  # an item holds nothing, as a rule: no empty heading for it
    st.subheader(t("kat_contents", total=formatting.number_text(found["total"], lang())))
    if not found["rows"]:
        st.caption(t("kat_contents_empty"))
        return
    render.links([_child(row, found["page"]) for row in found["rows"]])
    if found["pages"] > 1:
        number, pages = found["page"], found["pages"]
        render.paging(
            number,
            pages,
            _contents_page(node["id"], t("kat_previous"), number - 1) if number > 1 else None,
            _contents_page(node["id"], t("kat_next"), number + 1) if number < pages else None,
        )


def _child(row: dict, page: int) -> Link:
    facts = [catalogue.level_name(row["level"]), catalogue.dates_text(row["date"]), row["refcode"]]
    if is_container(row):
        count = formatting.number_text(row["children"], lang())
        facts.append(t("kat_contents_count", count=count))
    return catalogue.record_link(
        row["title"] or row["refcode"], row["id"], " · ".join(facts), saudara=str(page)
    )


def _contents_page(record_id: str, text: str, page: int) -> Link:
    return Link(registry.CATALOGUE, text, {"id": record_id, "hal": str(page)})


# -- citing and exporting ---------------------------------------------------------------------
def citation(lontar: Lontar, caller: Caller, node: dict) -> None:
    """Both styles, each in a code box: its corner button copies the text."""
    st.subheader(t("kat_cite"))
    st.caption(t("kat_cite_help"))
    cites = lontar.catalogue.citations(caller, node["id"], lang())
    for style in ("anri", "chicago"):
        st.markdown(f"**{t('kat_cite_style_' + style)}**")
        st.code(cites[style], language=None, wrap_lines=True)


def exports(lontar: Lontar, caller: Caller, node: dict) -> None:
    """Dublin Core for every record; EAD for a fonds or a published top node; the finding
    aid (inventaris arsip) for a fonds. Each is built on the click."""
    st.subheader(t("kat_exports"))
    row = st.container(horizontal=True)
    record_id, language = node["id"], lang()
    with row:
        render.download(
            t("kat_export_dc"), lambda: lontar.catalogue.export_dc(caller, record_id),
            f"{record_id}-dc.xml", "application/xml", "kat_export_dc",
        )  # fmt: skip
        if node["level"] == "fonds" or node["published_root"]:
            render.download(
                t("kat_export_ead"), lambda: lontar.catalogue.export_ead(caller, record_id),
                f"{record_id}-ead.xml", "application/xml", "kat_export_ead",
            )  # fmt: skip
        if node["level"] == "fonds":
            render.download(
                t("kat_finding_aid"),
                lambda: lontar.catalogue.finding_aid(caller, record_id, language),
                f"inventaris-{record_id}.pdf", "application/pdf", "kat_finding_aid",
            )  # fmt: skip
