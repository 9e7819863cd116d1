"""A letter's content -> its PDF: a sandboxed Jinja2 template (data an administrator may
edit) turned into HTML, laid out by WeasyPrint, with the QR code and the box where the
visible electronic signature goes.

Templates are data, so they are treated as untrusted: Jinja2's sandbox (no attribute
escapes, ranges and repetitions bounded, and a budget of MAX_STEPS loop turns, range items
and calls per rendering), strict variables, autoescaping, and a URL fetcher
that refuses everything but `data:` URIs, so a template cannot read a file or call a server.
The PDF is rendered once, before signing, and never rewritten afterwards.
"""

from __future__ import annotations

import base64
import contextvars
import functools
import numbers
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import segno
from jinja2 import FunctionLoader, StrictUndefined, TemplateError, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError, safe_range
from markupsafe import Markup

from repository.core import clock, formatting
from repository.core.errors import InvalidInput
from repository.letters import messages  # noqa: F401  (registers the catalogue)
from repository.letters.model import LAYOUTS

TEMPLATES = Path(__file__).parent / "templates"
PARTS = "parts.html"  # the macros the built-in templates share, importable by edited ones
STAMP_ID = "ttd-box"
PAPER_SIZES = {"A4": ("210mm", "297mm"), "F4": ("215mm", "330mm")}
FONT_FAMILIES = {
    "arial": '"Liberation Sans", Arial, sans-serif',
    "bookman": '"TeX Gyre Bonum", "Bookman Old Style", serif',
}
LOGO_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "svg": "image/svg+xml",
}
JUDUL_WITH_TENTANG = ("penetapan", "pengaturan")
RECIPIENTS_INLINE = 5  # more addressees go to a "Daftar Penerima" page ("Yth. Daftar Terlampir")
PT_PER_PX = 0.75  # CSS px are 1/96 in, PDF points 1/72 in
MAX_SIZE = 100_000  # the longest string or list a template may build by repetition
# The work one rendering may do: loop turns, items of range(), calls (macros included), and
# one step per 1,000 characters a repetition builds. A letter takes a few hundred.
MAX_STEPS = 10_000
COUNTED = "lontar_counted"  # the name every {% for %}'s iterable is wrapped in
# What a template may raise while it runs, besides Jinja's own errors (a user's arithmetic, a
# macro calling itself without end)
TEMPLATE_FAULTS = (
    TemplateError,
    TypeError,
    ValueError,
    ArithmeticError,
    LookupError,
    RecursionError,
)
# the steps left to the rendering under way (to_html sets it; None: not rendering)
_STEPS: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "letter_template_steps", default=None
)


@dataclass(frozen=True)
class Signature:
    """The signature block, every string ready to print."""

    place_date: str  # "Kota Uji, 5 Desember 2026" ("[tanggal]" on a draft)
    atas_nama: str  # "a.n. WALI KOTA UJI" or ""
    title: str  # "KEPALA DINAS KESEHATAN", "Plt. "/"Plh. " in front for an acting holder
    name: str
    identifier: str  # "NIP. 19..." or ""


@dataclass(frozen=True)
class LetterView:
    """What a template prints; views.py builds it from a Letter, sample_view() from nothing."""

    layout: str
    font: str
    paper: str
    type_name: str
    kop_lines: tuple[str, ...]
    kop_address: str
    kop_contact: str
    logo: bytes
    logo_type: str
    number: str  # "[nomor]" on a draft
    date_text: str
    sifat: str
    urgency: str
    lampiran: str
    hal: str
    recipients: tuple[str, ...]
    place: str  # "di Tempat" / the city
    body: tuple[str, ...]  # paragraphs, plain text (the template escapes)
    signature: Signature
    copies: tuple[str, ...]
    qr_url: str  # "" on a draft
    footer: str  # the certified signature's footer, "" otherwise
    draft: bool
    group: str = ""  # the type's group: a judul letter of penetapan/pengaturan prints TENTANG


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    stamp_page: int  # 0-based page of the signature block
    stamp_box: tuple[float, float, float, float]  # PDF points, origin bottom-left


def _spend(steps: int = 1) -> None:
    """Takes steps from the rendering's budget; a template that does more than a letter
    ever needs (nested ranges, a macro calling itself twice) is refused, not run for hours."""
    left = _STEPS.get()
    if left is None:
        return
    left[0] -= steps
    if left[0] < 0:
        raise SecurityError(f"the template does too much work (over {MAX_STEPS} steps)")


def _counted(iterable: Any) -> Iterator[Any]:
    """A {% for %}'s iterable, one step per turn."""
    for item in iterable:
        _spend()
        yield item


def _counted_range(*args: int) -> Iterator[int]:
    """The sandbox's range (at most 100,000 long), one step per item however it is used."""
    return _counted(safe_range(*args))


class _LetterSandbox(SandboxedEnvironment):
    """Jinja2's sandbox, plus bounds on `*` and `**`, which could otherwise build a string or
    a number large enough to stall the server, and a budget of steps for each rendering."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.update(range=_counted_range, **{COUNTED: _counted})

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Every loop's iterable goes through `_counted`, so each turn is a step."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            counter = nodes.Name(COUNTED, "load", lineno=loop.iter.lineno)
            loop.iter = nodes.Call(counter, [loop.iter], [], None, None, lineno=loop.iter.lineno)
        return tree

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _spend()
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, numbers.Number) and abs(right) > 64:
            raise SecurityError("the exponent is too large")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                sized = isinstance(seq, str | list | tuple) and isinstance(count, int)
                if sized and len(seq) * count > MAX_SIZE:
                    raise SecurityError("the repeated value is too long")
                if sized:
                    _spend(1 + len(seq) * max(count, 0) // 1000)
        return super().call_binop(context, operator, left, right)


def _load_part(name: str) -> tuple[str, str, Any] | None:
    """No file system loader: an edited template can import only the shared parts. The file
    name marks the parts' frames, so an error is reported at the edited template's line."""
    if name != PARTS:
        return None
    return (TEMPLATES / PARTS).read_text(encoding="utf-8"), PARTS, lambda: True


@functools.cache
def _environment() -> SandboxedEnvironment:
    return _LetterSandbox(
        autoescape=True, undefined=StrictUndefined, loader=FunctionLoader(_load_part)
    )


@functools.cache
def _stylesheet() -> str:
    return (TEMPLATES / "letter.css").read_text(encoding="utf-8")


def builtin_template(layout: str) -> str:
    """The source of a layout's built-in template: the starting point of an edited one."""
    _require("layout", layout, LAYOUTS)
    return (TEMPLATES / f"{layout}.html").read_text(encoding="utf-8")


def _require(name: str, value: str, allowed) -> None:
    if value not in allowed:
        raise InvalidInput("letter_render_option_unknown", name=name, value=value)


def logo_mime(logo_type: str) -> str:
    """The MIME type of a kop logo given as "png" or "image/png"; raises InvalidInput for
    anything else (a kop is saved only with a logo this can draw)."""
    kind = logo_type.lower().removeprefix("image/").removesuffix("+xml")
    if kind not in LOGO_TYPES:
        raise InvalidInput("letter_logo_type", type=logo_type)
    return LOGO_TYPES[kind]


def _logo_src(view: LetterView) -> str:
    if not view.logo:
        return ""
    data = base64.b64encode(view.logo).decode("ascii")
    return f"data:{logo_mime(view.logo_type)};base64,{data}"


def qr_svg(url: str) -> Markup:
    """The QR code of a URL as inline SVG (vector, so it prints sharp at any size)."""
    if not url:
        return Markup("")
    code = segno.make(url, error="m")
    return Markup(code.svg_inline(border=0, omitsize=True, svgclass="qr-code"))


def _page_css(view: LetterView) -> str:
    width, height = PAPER_SIZES[view.paper]
    family = FONT_FAMILIES[view.font]
    return f"\n@page {{ size: {width} {height}; }}\nhtml {{ font-family: {family}; }}\n"


def _number_line(number: str) -> str:
    """ "NOMOR 12 TAHUN 2026" stays; "800/12/DINKES/2026" reads "NOMOR 800/12/DINKES/2026"."""
    return number if number.upper().startswith("NOMOR") else f"NOMOR {number}"


def _with_tentang(view: LetterView) -> bool:
    return view.group in JUDUL_WITH_TENTANG or (not view.group and bool(view.hal))


def template_context(view: LetterView) -> dict[str, Any]:
    """Everything a template sees; docs/letter-templates.md lists it for administrators."""
    for name, allowed in (("layout", LAYOUTS), ("paper", PAPER_SIZES), ("font", FONT_FAMILIES)):
        _require(name, getattr(view, name), allowed)
    return {
        "letter": view,
        "css": Markup(_stylesheet() + _page_css(view)),
        "qr_svg": qr_svg(view.qr_url),
        "logo_src": _logo_src(view),
        "recipients_inline": len(view.recipients) <= RECIPIENTS_INLINE,
        "number_line": _number_line(view.number),
        "with_tentang": _with_tentang(view),
        "paper_size": Markup(" ".join(PAPER_SIZES[view.paper])),
        "font_family": Markup(FONT_FAMILIES[view.font]),
    }


def _template_line(error: BaseException, fallback: int = 0) -> int:
    """The template line an error was raised at: Jinja rewrites tracebacks so that frames of
    the template carry its line numbers under the file name "<template>"."""
    line, tb = fallback, error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


@contextmanager
def _as_invalid_template() -> Iterator[None]:
    """Whatever an edited template does wrong becomes one message naming its line."""
    try:
        yield
    except TemplateSyntaxError as error:
        line = error.lineno if error.name in (None, "<template>") else 0
        raise InvalidInput("letter_template_invalid", line=line, detail=error.message) from error
    except TEMPLATE_FAULTS as error:
        detail = getattr(error, "message", None) or str(error)
        raise InvalidInput(
            "letter_template_invalid", line=_template_line(error), detail=detail
        ) from error


@functools.lru_cache(maxsize=64)
def _compiled(source: str):
    with _as_invalid_template():
        return _environment().from_string(source)


def to_html(view: LetterView, template: str = "") -> str:
    """The template filled in: the HTML WeasyPrint lays out (also useful to debug a template)."""
    source = template or builtin_template(view.layout)
    compiled = _compiled(source)
    context = template_context(view)
    budget = _STEPS.set([MAX_STEPS])
    try:
        with _as_invalid_template():
            return compiled.render(context)
    finally:
        _STEPS.reset(budget)


def _refusing_fetcher():
    """Only `data:` URIs (the logo, images a template embeds) load; no file, no network."""
    from weasyprint.urls import URLFetcher  # heavy

    return URLFetcher(allowed_protocols=("data",), allow_redirects=False)


def _stamp_area(document) -> tuple[int, tuple[float, float, float, float]]:
    """Where the element id="ttd-box" landed, in PDF points with the origin bottom-left."""
    for index, page in enumerate(document.pages):
        area = page.anchors.get(STAMP_ID)
        if area is None:
            continue
        x1, y1, x2, y2 = area
        if x2 - x1 < 1 or y2 - y1 < 1:
            break
        height = page.height
        box = (x1, height - y2, x2, height - y1)
        return index, tuple(round(value * PT_PER_PX, 2) for value in box)
    raise InvalidInput("letter_template_no_stamp")


def render(view: LetterView, template: str = "") -> Rendered:
    """The letter's PDF ("" = the layout's built-in template). Raises InvalidInput
    (letter_template_invalid, letter_template_no_stamp, ...) for a template that cannot be
    used; nothing is fetched from outside the document."""
    from weasyprint import HTML  # heavy

    html = to_html(view, template)
    document = HTML(string=html, base_url=None, url_fetcher=_refusing_fetcher()).render()
    page, box = _stamp_area(document)
    return Rendered(pdf=document.write_pdf(), stamp_page=page, stamp_box=box)


def check_template(source: str) -> None:
    """Refuses a template before it is saved: a syntax error, an unknown variable, a sandbox
    escape (each InvalidInput "letter_template_invalid" with the line) or a missing
    signature box ("letter_template_no_stamp"). Renders both layouts' sample letters, final
    and draft, so a branch of either is tried."""
    for layout in LAYOUTS:
        to_html(sample_view(layout, draft=True), source)
        to_html(sample_view(layout), source)
    render(sample_view(LAYOUTS[0]), source)


# -- sample letters ------------------------------------------------------------------------------

SAMPLE_LOGO = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 120">
<path d="M50 2 L96 18 L90 80 Q80 104 50 118 Q20 104 10 80 L4 18 Z" fill="#1f5fa8"
 stroke="#d4a017" stroke-width="5"/>
<path d="M50 24 L62 58 L50 92 L38 58 Z" fill="#d4a017"/></svg>"""
SAMPLE_FOOTER = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik "
    "yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi "
    "Negara."
)
SAMPLE_KOP = (
    ("PEMERINTAH KOTA UJI", "DINAS KESEHATAN"),
    "Jalan Merdeka Nomor 10, Kota Uji 55111",
    "Telepon (0274) 512345, Laman dinkes.kotauji.go.id, Pos-el dinkes@kotauji.go.id",
)
SAMPLE_BODY = {
    "korespondensi": (
        "Dalam rangka meningkatkan kewaspadaan terhadap peningkatan kasus Demam Berdarah "
        "Dengue (DBD) pada musim penghujan, bersama ini kami mengundang Saudara untuk hadir "
        "pada rapat koordinasi lintas sektor.",
        "Rapat akan dilaksanakan pada hari Selasa di Aula Dinas Kesehatan, Jalan Merdeka "
        "Nomor 10, pukul 09.00 WIB sampai dengan selesai.",
        "Mengingat pentingnya acara tersebut, kami mohon Saudara hadir tepat waktu. Atas "
        "perhatian dan kerja sama Saudara, kami ucapkan terima kasih.",
    ),
    "judul": (
        "Menimbang: bahwa untuk menanggulangi peningkatan kasus Demam Berdarah Dengue perlu "
        "dibentuk tim penanggulangan yang bekerja lintas bidang.",
        "Mengingat: Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan.",
        "MEMUTUSKAN: Menetapkan Tim Penanggulangan Demam Berdarah Dengue Dinas Kesehatan "
        "Kota Uji dengan susunan sebagaimana tercantum dalam Lampiran Keputusan ini.",
    ),
}


def _sample_signature(layout: str, draft: bool) -> Signature:
    day = formatting.date_text(clock.today(), "id")
    if draft:
        place_date = "Kota Uji, [tanggal]"
    elif layout == "judul":
        place_date = f"Ditetapkan di Kota Uji pada tanggal {day}"
    else:
        place_date = f"Kota Uji, {day}"
    return Signature(
        place_date=place_date,
        atas_nama="",
        title="KEPALA DINAS KESEHATAN",
        name="dr. Ratna Sari Dewi, M.Kes.",
        identifier="NIP. 197805122005012003",
    )


def sample_view(layout: str, *, draft: bool = False) -> LetterView:
    """A realistic letter of a layout, for the template editor's preview and the tests."""
    _require("layout", layout, LAYOUTS)
    year = clock.today().year
    judul = layout == "judul"
    final_number = f"NOMOR 12 TAHUN {year}" if judul else f"400.7.4/123/DINKES/{year}"
    return LetterView(
        layout=layout,
        font="bookman" if judul else "arial",
        paper="A4",
        type_name="Keputusan Kepala Dinas Kesehatan" if judul else "Surat Undangan",
        kop_lines=SAMPLE_KOP[0],
        kop_address=SAMPLE_KOP[1],
        kop_contact=SAMPLE_KOP[2],
        logo=SAMPLE_LOGO,
        logo_type="image/svg+xml",
        number="[nomor]" if draft else final_number,
        date_text="[tanggal]" if draft else formatting.date_text(clock.today(), "id"),
        sifat="Biasa",
        urgency="Segera",
        lampiran="1 (satu) berkas",
        hal="Pembentukan Tim Penanggulangan Demam Berdarah Dengue"
        if judul
        else "Undangan Rapat Koordinasi Penanggulangan Demam Berdarah Dengue",
        recipients=("Kepala Dinas Pendidikan", "Camat Kota Barat", "Direktur RSUD Kota Uji"),
        place="Tempat",
        body=SAMPLE_BODY[layout],
        signature=_sample_signature(layout, draft),
        copies=("Wali Kota Uji (sebagai laporan)", "Sekretaris Daerah Kota Uji"),
        qr_url="" if draft else "https://lontar.kotauji.go.id/verifikasi?id=Zm9vYmFyYmF6cXV4",
        footer="" if draft else SAMPLE_FOOTER,
        draft=draft,
        group="penetapan" if judul else "korespondensi",
    )
