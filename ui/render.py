"""Small renderers several pages share: a search hit, flags, a record link, a table whose
long cells wrap. Dates go through `formatting` in the session's language, units by name."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html

import pandas as pd
import streamlit as st

from repository.app import Hit, SearchRequest, SearchResult, exports, flag_label, formatting
from ui import params, registry
from ui.registry import Page
from ui.session import lang, t
from ui.text import plain, with_id


def record_link(record_id: str, label: str) -> None:
    registry.RECORD.link(plain(label or record_id), {"id": record_id})


def titled_link(record_id: str, title: str) -> None:
    """A record by its title, the id after it in grey (a title-less record shows its id)."""
    registry.RECORD.link(with_id(title, record_id), {"id": record_id})


def day(value) -> str:
    """A date as people read it ("4 Desember 2026"), "-" for none."""
    return formatting.date_text(value, lang()) or "-"


def moment(value) -> str:
    """A moment as people read it ("4 Desember 2026 02.05 WIB"), "-" for none."""
    return formatting.datetime_text(value, lang()) or "-"


def wrapped_table(rows: list[tuple], columns: list[str]) -> None:
    """A table whose long cells wrap instead of being cut off (st.dataframe cuts a cell at
    its column's width; st.table lays the text out in full). For short, read-only tables:
    metadata, history, shares. st.table reads its cells as Markdown, so every text cell is
    escaped (titles and descriptions are typed by users)."""
    cells = [[plain(v) if isinstance(v, str) else v for v in row] for row in rows]
    st.table(pd.DataFrame(cells, columns=[plain(c) for c in columns]), hide_index=True)


# Streamlit's uploader draws its own English (its "Upload" button, "200MB per file") with no
# parameter to change it: the words are replaced by CSS in the session's language, and the size
# limit is said beneath the field. ("Drag and drop files here", shown only while a file is
# dragged over, has no element of its own to restyle.)
UPLOADER_CSS = """<style>
[data-testid='stFileUploaderDropzoneInstructions'] > div > span,
[data-testid='stFileUploaderDropzoneInstructions'] > div > small {{display: none}}
[data-testid='stFileUploaderDropzoneInstructions'] > div::before {{content: '{drop}'}}
[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p {{font-size: 0}}
[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p::after {{
  content: '{browse}'; font-size: 0.875rem}}
</style>"""


def uploader(label: str, key: str, **options):
    """`st.file_uploader` that speaks the session's language (see UPLOADER_CSS)."""
    files = st.file_uploader(label, key=key, **options)
    words = {k: t(f"uploader_{k}").replace("'", "\\'") for k in ("drop", "browse")}
    st.html(UPLOADER_CSS.format(**words))
    st.caption(t("upload_limit", size=st.get_option("server.maxUploadSize")))
    return files


def download(label: str, build, name: str, media: str, key: str) -> None:
    """A file built when the user clicks, not when the page is drawn: building a document
    writes an audit entry (`exported`, `downloaded`), and only a click is a download."""
    st.download_button(label, build, file_name=name, mime=media, key=key, on_click="ignore")


def downloads(table, stem: str, key: str) -> None:
    """CSV and Excel buttons for a table the page shows, encoded as every export is."""
    rows, columns = table.to_dict("records"), list(table.columns)
    for column, fmt in zip(st.columns(2), ("csv", "xlsx"), strict=True):
        column.download_button(
            t("export_" + fmt),
            lambda fmt=fmt: exports.encode(rows, fmt, columns),
            file_name=f"{stem}.{fmt}",
            mime=exports.MEDIA_TYPES[fmt],
            key=f"{key}_{fmt}",
            on_click="ignore",
        )


def _facts(item: Hit, units: dict[str, str] | None) -> list[str]:
    """What a result says of its record besides the title: reference code, date, unit (by
    name: `units` is code -> name, `lontar.records.unit_names()`) and class."""
    return [
        item.refcode,
        formatting.date_text(item.date, lang()) if item.date else t("no_date"),
        (units or {}).get(item.unit, item.unit),
        t("security_" + item.security),
    ]


def hit(item: Hit, units: dict[str, str] | None = None) -> None:
    """One search result: the title links to the record view; under it one block of HTML
    holding the record's facts and flags (escaped here) and the snippet, which keeps
    Whoosh's <mark> highlights, the only HTML in it (the rest is escaped by the
    highlighter), ruled off from the next result. Two elements, where a bordered box with
    a caption and a block was four: a page of twenty results is forty elements, not eighty,
    and the browser pays for every element it draws (docs/performance.md, Speed in the
    browser)."""
    meta = [html.escape(word) for word in _facts(item, units)]
    meta += [f"<code>{html.escape(flag_label(f, lang()))}</code>" for f in item.flags]
    snippet = f"<div class='lontar-snippet'>{item.snippet}</div>" if item.snippet else ""
    record_link(item.id, item.title or item.refcode)
    st.html(
        f"<div class='lontar-hit' style='{HIT_STYLE}'><div style='{META_STYLE}'>"
        f"{' · '.join(meta)}</div>{snippet}</div>"
    )


HIT_STYLE = "padding-bottom: 0.75rem; border-bottom: 1px solid rgba(128, 128, 128, 0.25)"
META_STYLE = "font-size: 0.875rem; opacity: 0.7"  # the look of st.caption's line


def hit_line(item: Hit, units: dict[str, str] | None = None) -> None:
    """A record in a list that is not a search result (recent additions, flagged records,
    related records): one link, the title, then its facts and flags in grey. One element
    where `hit` draws two: the home page lists up to twenty and the
    record page five, and the browser pays for every element it draws."""
    facts = [*_facts(item, units), *(flag_label(f, lang()) for f in item.flags)]
    label = f"{plain(item.title or item.refcode)} :gray[{plain(' · '.join(facts))}]"
    registry.RECORD.link(label, {"id": item.id})


def search_aids(result: SearchResult, request: SearchRequest, page: Page) -> None:
    """Under the result count: what the search also looked for (an abbreviation's long form,
    a spelling's standard form), and a corrected query as a link that runs it."""
    if result.also_searched:
        st.caption(t("search_also", forms=", ".join(plain(f) for f in result.also_searched)))
    if result.did_you_mean:
        corrected = dataclasses.replace(request, query=result.did_you_mean, page=1)
        hint, link = st.columns([1, 3], vertical_alignment="center")
        hint.markdown(t("search_did_you_mean"))
        page.link(plain(result.did_you_mean), params.params_from(corrected), where=link)


def partial_hits(result: SearchResult, units: dict[str, str]) -> None:
    """Records that hold most of the words, apart from the full results (and after them):
    a heading with their number, a line saying what they are, then the hits."""
    if not result.partial:
        return
    st.divider()
    st.subheader(t("search_partial", total=formatting.number_text(result.partial_total, lang())))
    st.caption(t("search_partial_help"))
    for item in result.partial:
        hit(item, units)


FLAG_CHOICES = (
    "ocr_waiting",
    "ocr_failed",
    "ocr_done",
    "corrupt",
    "encrypted",
    "extract_timeout",
    "unsupported",
    "no_text",
)
FACET_FILTERS = {"unit": "unit", "level": "level", "security": "security", "flags": "flags"}


def _facet_label(name: str, value: str, names: dict[str, dict[str, str]]) -> str:
    if value == "-":
        return t("none")
    if name in ("unit", "class_top"):
        return names.get(name, {}).get(value, value)
    if name == "level":
        return t("level_" + value)
    if name == "security":
        return t("security_" + value)
    if name == "flags":
        return flag_label(value, lang())
    return value


def facets(
    counts: dict[str, dict[str, int]],
    request: SearchRequest,
    page: Page,
    units: dict[str, str] | None = None,
    codes: dict[str, str] | None = None,
) -> None:
    """Facet counts; a value links to the same search narrowed to it (in-app navigation,
    so the session and its login survive). Units show by name (`units`: code -> name),
    classification codes with theirs (`codes`: code -> "000 — Umum")."""
    names = {"unit": units or {}, "class_top": codes or {}}
    for name in ("unit", "level", "security", "year", "class_top", "flags"):
        values = counts.get(name) or {}
        if not values:
            continue
        st.markdown(f"**{t('facet_' + name)}**")
        for value, count in sorted(values.items(), key=lambda kv: -kv[1])[:12]:
            label = plain(f"{_facet_label(name, value, names)} ({count})")
            narrowed = _narrowed(request, name, value)
            if narrowed is None:
                st.caption(label)
            else:
                page.link(label, params.params_from(narrowed))


def _narrowed(request: SearchRequest, name: str, value: str) -> SearchRequest | None:
    if name == "year":
        return (
            dataclasses.replace(
                request,
                date_from=dt.date(int(value), 1, 1),
                date_to=dt.date(int(value), 12, 31),
                page=1,
            )
            if value.isdigit()
            else None
        )
    if name == "class_top":
        return dataclasses.replace(request, classification=value, page=1)
    if name in ("security", "flags"):
        return dataclasses.replace(request, **{name: (value,)}, page=1)
    return dataclasses.replace(request, **{name: value}, page=1)


def pager(request: SearchRequest, pages: int, page: Page) -> None:
    if pages <= 1:
        return
    prev_col, where, next_col = st.columns([1, 2, 1])
    if request.page > 1:
        earlier = dataclasses.replace(request, page=request.page - 1)
        page.link(t("previous"), params.params_from(earlier), where=prev_col)
    where.caption(t("page_of", page=request.page, pages=pages))
    if request.page < pages:
        later = dataclasses.replace(request, page=request.page + 1)
        page.link(t("next"), params.params_from(later), where=next_col)


def done(slot: str, message: str) -> None:
    """Keeps a page's confirmation for the next run and reruns (the run that acted is cut)."""
    st.session_state[slot] = message
    st.rerun()


def notice(slot: str) -> None:
    if message := st.session_state.pop(slot, None):
        st.success(message)
