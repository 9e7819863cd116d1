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
from ui.text import escaped, plain, with_id

# -- many links as one element ---------------------------------------------------------------
# Streamlit draws every `st.page_link` as an element of its own, and the browser pays for
# each (docs/performance.md, Speed in the browser): a folder of fifty records was fifty. A
# list of links is one `st.html` block of ordinary anchors to the registry's addresses
# (`Page.href`). This script, drawn with the sidebar's menu on every page and run once per
# browser tab, turns a plain click on one into the move Streamlit makes for a page link (the
# address pushed, Streamlit told as for the Back button: same session, no page load). A click
# with a modifier (a new tab) or a browser without the script follows the address as a page
# load, logged in by the session cookie.
NAV_SCRIPT = """<script>
if (!window.lontarLinks) {
  window.lontarLinks = true;
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-lontar-link]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey
        || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    window.history.pushState(null, "", link.href);
    window.dispatchEvent(new PopStateEvent("popstate"));
  });
}
</script>"""
# The looks of these blocks, one style sheet per page run (`styles()`, from the frame), not
# one per block: each style sheet added makes the browser restyle the whole page. An icon is
# drawn by CSS from its name in an attribute, so its name (a ligature of the Material Symbols
# font Streamlit loads) is no text of the page: not read, copied or found.
STYLES = (
    "<style>.lontar-icon {display: inline-block}"
    " .lontar-icon::before {content: attr(data-icon); font-family: 'Material Symbols Rounded';"
    " font-size: 1.15rem; vertical-align: -0.2rem; margin-right: 0.4rem; opacity: 0.7;"
    " font-weight: normal}"
    " .lontar-nav ul {list-style: none; padding: 0; margin: 0}"
    " .lontar-nav a {display: block; padding: 0.2rem 0.5rem; margin: 0.1rem 0;"
    " border-radius: 0.5rem; color: inherit; text-decoration: none}"
    " .lontar-nav a:hover {background: rgba(151, 166, 195, 0.15)}"
    " .lontar-nav a[aria-current] {background: rgba(151, 166, 195, 0.25); font-weight: 600}"
    " .lontar-lang {margin: 0.6rem 0 0 0.5rem; font-size: 0.875rem}"
    " .lontar-lang > * {display: inline; margin-right: 0.9rem}"
    " .lontar-table {width: 100%; border-collapse: collapse; font-size: 0.875rem}"
    " .lontar-beside {display: flex; flex-wrap: wrap; gap: 0 3rem; align-items: flex-start}"
    " .lontar-main {flex: 3 1 28rem; min-width: 0} .lontar-side {flex: 1 1 12rem}"
    " .lontar-downloads {margin: 0.75rem 0 0 0; display: flex; flex-wrap: wrap; gap: 0.5rem}"
    " .lontar-download {display: inline-flex; align-items: center; padding: 0.25rem 0.75rem;"
    " border: 1px solid rgba(128, 128, 128, 0.4); border-radius: 0.5rem; color: inherit;"
    " text-decoration: none; font-size: 0.875rem}"
    " .lontar-download:hover {border-color: currentColor}"
    " .lontar-table th, .lontar-table td {text-align: left; vertical-align: top;"
    " padding: 0.35rem 0.6rem; border-bottom: 1px solid rgba(128, 128, 128, 0.25)}"
    " .lontar-table thead th {border-bottom-width: 2px}"
    " .lontar-table tbody th {font-weight: 600; width: 30%}</style>"
)


def styles() -> None:
    """The blocks' style sheet (a style-only `st.html` takes no room on the page)."""
    st.html(STYLES)


GREY_STYLE = "opacity: 0.6"
CAPTION_STYLE = "font-size: 0.875rem; opacity: 0.6"  # as `st.caption` draws it
NOTE_STYLE = (
    "padding: 0.75rem 1rem; margin: 0 0 1rem 0; border-radius: 0.5rem;"
    " background: rgba(28, 131, 225, 0.1)"
)
LIST_STYLE = "list-style: none; padding-left: 0; margin: 0"
ITEM_STYLE = "margin: 0 0 0.35rem 0; padding: 0"


@dataclasses.dataclass(frozen=True)
class Link:
    """One link of a list: the page (a registry entry) and its parameters, the words as
    typed (escaped when drawn), grey words after it, a Material Symbols icon before it."""

    page: Page
    text: str
    params: dict[str, str] | None = None
    note: str = ""
    icon: str = ""
    current: bool = False  # the page being shown (the sidebar marks it)


def anchor(link: Link) -> str:
    """A link as HTML: every word typed by users escaped (`ui.text.escaped`); the icon is
    hidden from screen readers, so the link's name is its words."""
    icon = f"<span class='lontar-icon' data-icon='{escaped(link.icon)}' aria-hidden='true'></span>"
    icon = icon if link.icon else ""
    note = f" <span style='{GREY_STYLE}'>{escaped(link.note)}</span>" if link.note else ""
    href = html.escape(link.page.href(link.params))
    current = " aria-current='page'" * link.current
    return f"<a href='{href}' data-lontar-link='1'{current}>{icon}{escaped(link.text)}</a>{note}"


def choice(link: Link) -> str:
    """One of a set of choices (a language, an order): the one in force as marked words,
    each other one as a link to it."""
    if link.current:
        return f"<strong aria-current='true'>{escaped(link.text)}</strong>"
    return anchor(link)


def block(body: str, where=st) -> None:
    """HTML the app wrote (words typed by users escaped) holding links, as one element,
    sanitised by Streamlit (no script: the menu's `NAV_SCRIPT` serves every link). An empty
    body draws nothing (a section with nothing to show)."""
    if body:
        where.html(body)


def links(items: list[Link], where=st, label: str = "", heading: str = "", empty: str = "") -> None:
    """Links as one list, one element (`label` names it for screen readers), under its
    section's `heading` when given (`headed`); `empty` says there are none."""
    block(links_html(items, label, heading, empty), where)


def links_html(items: list[Link], label: str = "", heading: str = "", empty: str = "") -> str:
    """What `links` draws, as HTML, for a page that joins several sections in one block."""
    if not items:
        if heading or empty:
            return headed(heading, f"<p style='{GREY_STYLE}'>{escaped(empty)}</p>")
        return ""
    rows = "".join(f"<li style='{ITEM_STYLE}'>{anchor(item)}</li>" for item in items)
    named = f" aria-label='{escaped(label)}'" if label else ""
    return headed(heading, f"<ul style='{LIST_STYLE}'{named}>{rows}</ul>")


def headed(heading: str, body: str) -> str:
    """A section's heading drawn in the HTML block under it: one element where a subheader
    and the block were two (a subheader costs the browser ~1 ms at every page it is drawn
    on, an HTML block's heading next to nothing; docs/performance.md, Speed in the
    browser). The heading is an <h3>, as `st.subheader` draws it, for screen readers."""
    return f"<h3>{escaped(heading)}</h3>{body}" if heading else body


def menu(items: list[Link], languages: list[Link], label: str, where=st) -> None:
    """The app's pages as the sidebar lists them (each on its own line, the current one
    marked), then the languages (the current one marked): one element where Streamlit's
    page links were one each, and the language a selectbox (~3 ms of the browser's time at
    every run, the most of any sidebar element)."""
    rows = "".join(f"<li>{anchor(item)}</li>" for item in items)
    tongues = "".join(choice(item) for item in languages)
    switch = f"<p class='lontar-lang' role='group' aria-label='{escaped(label)}'>{tongues}</p>"
    nav = f"<nav class='lontar-nav'><ul>{rows}</ul>{switch}</nav>"
    where.html(nav + NAV_SCRIPT, unsafe_allow_javascript=True)


def trail(items: list[Link], label: str, where=st) -> None:
    """Links in one line, each after a chevron (breadcrumbs, a pager), one element."""
    sep = f"<span aria-hidden='true' style='{GREY_STYLE}'> › </span>"
    block(f"<nav aria-label='{escaped(label)}'>{sep.join(anchor(i) for i in items)}</nav>", where)


def table(rows: list[tuple], columns: list[str] | None = None, where=st, heading: str = "") -> None:
    """A read-only table as one HTML element: no Arrow to decode, no grid to lay out, long
    cells wrap. Every cell is escaped (`ui.text.escaped`). Without `columns` it is a list of
    facts: each row's first cell is its header. With `heading`, under it (`headed`)."""
    where.html(table_html(rows, columns, heading))


def table_html(rows: list[tuple], columns: list[str] | None = None, heading: str = "") -> str:
    """What `table` draws, as HTML, for a page that joins several sections in one block."""
    head = "".join(f"<th scope='col'>{_cell(c)}</th>" for c in columns or ())
    thead = f"<thead><tr>{head}</tr></thead>" if columns else ""
    body = "".join(f"<tr>{_row(row, facts=not columns)}</tr>" for row in rows)
    return headed(heading, f"<table class='lontar-table'>{thead}<tbody>{body}</tbody></table>")


def _row(row: tuple, facts: bool) -> str:
    cells = [f"<td>{_cell(v)}</td>" for v in row]
    if facts and cells:
        cells[0] = f"<th scope='row'>{_cell(row[0])}</th>"
    return "".join(cells)


def _cell(value) -> str:
    """A cell's text escaped, or a `Link` drawn as one (a queue's number opening its item)."""
    if isinstance(value, Link):
        return anchor(value)
    return escaped("-" if value is None or value == "" else value)


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


def _hit(item: Hit, units: dict[str, str] | None) -> str:
    """One search result as HTML: the title links to the record view; under it the
    record's facts and flags (escaped here) and the snippet, which keeps Whoosh's <mark>
    highlights, the only HTML in it (the rest is escaped by the highlighter)."""
    meta = [escaped(word) for word in _facts(item, units)]
    meta += [f"<code>{escaped(flag_label(f, lang()))}</code>" for f in item.flags]
    snippet = f"<div class='lontar-snippet'>{item.snippet}</div>" if item.snippet else ""
    title = anchor(Link(registry.RECORD, item.title or item.refcode or item.id, {"id": item.id}))
    return (
        f"<div class='lontar-hit' style='{HIT_STYLE}'><div style='{TITLE_STYLE}'>{title}</div>"
        f"<div style='{META_STYLE}'>{' · '.join(meta)}</div>{snippet}</div>"
    )


def hits_html(items: list[Hit], units: dict[str, str] | None = None) -> str:
    """A page of search results as HTML for one element, each ruled off from the next:
    twenty results were forty elements (a link and a block each), and the browser pays for
    every element it draws (docs/performance.md, Speed in the browser)."""
    return "".join(_hit(item, units) for item in items)


HIT_STYLE = (
    "padding: 0.5rem 0 0.75rem 0; border-bottom: 1px solid rgba(128, 128, 128, 0.25);"
    " margin-bottom: 0.5rem"
)
TITLE_STYLE = "font-size: 1rem; margin-bottom: 0.2rem"
META_STYLE = "font-size: 0.875rem; opacity: 0.7"  # the look of st.caption's line


def _line(item: Hit, units: dict[str, str] | None) -> Link:
    facts = [*_facts(item, units), *(flag_label(f, lang()) for f in item.flags)]
    return Link(registry.RECORD, item.title or item.refcode, {"id": item.id}, " · ".join(facts))


def hit_line(item: Hit, units: dict[str, str] | None = None) -> None:
    """A record in a list that is not a search result (recent additions, flagged records):
    one link, the title, then its facts and flags in grey."""
    link = _line(item, units)
    registry.RECORD.link(f"{plain(link.text)} :gray[{plain(link.note)}]", link.params)


def hit_lines(
    items: list[Hit], units: dict[str, str] | None = None, heading: str = "", empty: str = ""
) -> None:
    """Records in a list that is not a search result (related records), as `hit_line` draws
    each, all in one element, under `heading` when given; `empty` says there are none."""
    block(hit_lines_html(items, units, heading, empty))


def hit_lines_html(
    items: list[Hit], units: dict[str, str] | None = None, heading: str = "", empty: str = ""
) -> str:
    """What `hit_lines` draws, as HTML, for a page that joins several sections in one block."""
    return links_html([_line(item, units) for item in items], heading=heading, empty=empty)


def search_aids_html(result: SearchResult, request: SearchRequest, page: Page) -> str:
    """Under the result count: what the search also looked for (an abbreviation's long form,
    a spelling's standard form), and a corrected query as a link that runs it."""
    parts = []
    if result.also_searched:
        forms = ", ".join(plain(f) for f in result.also_searched)
        parts.append(f"<p style='{CAPTION_STYLE}'>{escaped(t('search_also', forms=forms))}</p>")
    if result.did_you_mean:
        corrected = dataclasses.replace(request, query=result.did_you_mean, page=1)
        link = Link(page, result.did_you_mean, params.params_from(corrected))
        parts.append(f"<p>{escaped(t('search_did_you_mean'))} {anchor(link)}</p>")
    return "".join(parts)


def note_html(body: str) -> str:
    """A box of information (HTML the app wrote, words typed by users escaped), as `st.info`
    draws it, for a page that joins it to the sections around it in one block."""
    return f"<div role='status' style='{NOTE_STYLE}'>{body}</div>"


def partial_hits_html(result: SearchResult, units: dict[str, str]) -> str:
    """Records that hold most of the words, apart from the full results (and after them):
    a heading with their number, a line saying what they are, then the hits."""
    if not result.partial:
        return ""
    total = formatting.number_text(result.partial_total, lang())
    help_line = f"<p style='{CAPTION_STYLE}'>{escaped(t('search_partial_help'))}</p>"
    body = help_line + hits_html(result.partial, units)
    return "<hr>" + headed(t("search_partial", total=total), body)


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


def facet_label(name: str, value: str, names: dict[str, dict[str, str]]) -> str:
    """A facet's or filter's value in words: units and classification codes by their names
    (`names`: "unit" and "class_top", code -> name), the rest by the catalogue."""
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


def facets_html(
    counts: dict[str, dict[str, int]],
    request: SearchRequest,
    page: Page,
    units: dict[str, str] | None = None,
    codes: dict[str, str] | None = None,
) -> str:
    """Facet counts as HTML for one element; a value links to the same search narrowed to
    it (in-app navigation, so the session and its login survive). Units show by name
    (`units`: code -> name), classification codes with theirs (`codes`: code -> "000 —
    Umum")."""
    names = {"unit": units or {}, "class_top": codes or {}}
    parts = []
    for name in ("unit", "level", "security", "year", "class_top", "flags"):
        values = counts.get(name) or {}
        if not values:
            continue
        heading = escaped(t("facet_" + name))
        rows = [
            _facet_value(request, page, name, value, f"{facet_label(name, value, names)} ({n})")
            for value, n in sorted(values.items(), key=lambda kv: -kv[1])[:12]
        ]
        items = "".join(f"<li style='{ITEM_STYLE}'>{row}</li>" for row in rows)
        parts.append(
            f"<p style='{FACET_STYLE}'>{heading}</p>"
            f"<ul style='{LIST_STYLE}' aria-label='{heading}'>{items}</ul>"
        )
    return "".join(parts)


FACET_STYLE = "font-weight: 600; margin: 0.75rem 0 0.3rem 0"


def _facet_value(request: SearchRequest, page: Page, name: str, value: str, label: str) -> str:
    narrowed = _narrowed(request, name, value)
    if narrowed is None:
        return f"<span style='{GREY_STYLE}'>{escaped(label)}</span>"
    return anchor(Link(page, label, params.params_from(narrowed)))


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


def pager_html(request: SearchRequest, pages: int, page: Page) -> str:
    """A search's pager (`paging_html`), nothing when there is one page."""
    if pages <= 1:
        return ""
    earlier = dataclasses.replace(request, page=request.page - 1)
    later = dataclasses.replace(request, page=request.page + 1)
    return paging_html(
        request.page,
        pages,
        Link(page, t("previous"), params.params_from(earlier)) if request.page > 1 else None,
        Link(page, t("next"), params.params_from(later)) if request.page < pages else None,
    )


def paging(number: int, pages: int, earlier: Link | None, later: Link | None) -> None:
    """The page's number ("Halaman 2 dari 9") between links to the pages before and after,
    one element."""
    block(paging_html(number, pages, earlier, later))


def paging_html(number: int, pages: int, earlier: Link | None, later: Link | None) -> str:
    """What `paging` draws, as HTML, for a page that joins several sections in one block."""
    words = escaped(t("page_of", page=number, pages=pages))
    parts = [anchor(earlier)] if earlier else []
    parts.append(f"<span style='{GREY_STYLE}'>{words}</span>")
    parts += [anchor(later)] if later else []
    gap = "<span aria-hidden='true'>&emsp;</span>"
    return f"<nav aria-label='{words}'>{gap.join(parts)}</nav>"


def download_links_html(items: list[tuple[str, str]]) -> str:
    """(words, address) of files to download as one line of links drawn like buttons: a
    `st.download_button` is an element of its own, and each one drawn after a search is
    time the browser adds to it (docs/performance.md, Speed in the browser). The address is
    one of ui/web.py's routes, which checks who asks."""
    icon = "<span class='lontar-icon' data-icon='download' aria-hidden='true'></span>"
    links = "".join(
        f"<a class='lontar-download' href='{html.escape(href)}' download>{icon}{escaped(words)}</a>"
        for words, href in items
    )
    return f"<p class='lontar-downloads'>{links}</p>" if links else ""


def beside(main: str, side: str) -> str:
    """Two parts side by side in one element, the main one three times as wide, the side
    one under it on a narrow screen: `st.columns` and a block in each were five elements
    (docs/performance.md, Speed in the browser)."""
    if not side:
        return main
    return (
        f"<div class='lontar-beside'><div class='lontar-main'>{main}</div>"
        f"<div class='lontar-side'>{side}</div></div>"
    )


def done(slot: str, message: str) -> None:
    """Keeps a page's confirmation for the next run and reruns (the run that acted is cut)."""
    st.session_state[slot] = message
    st.rerun()


def notice(slot: str) -> None:
    if message := st.session_state.pop(slot, None):
        st.success(message)
