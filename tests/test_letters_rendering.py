"""Letters rendered to PDF: both layouts on both papers in both fonts, read back with pypdf
(strict), qpdf and poppler; the QR read back module by module from a raster of the page; the
signature box where the signer's name is; edited templates kept in Jinja2's sandbox and away
from files and the network."""

from __future__ import annotations

import base64
import dataclasses
import http.server
import io
import logging
import re
import subprocess
import threading
import warnings

import pypdf
import pypdfium2
import pytest
import segno
from weasyprint import HTML

from repository.core.errors import InvalidInput
from repository.letters import rendering
from repository.letters.rendering import Signature, render, sample_view

MM = 72 / 25.4
PAPERS = {"A4": (210 * MM, 297 * MM), "F4": (215 * MM, 330 * MM)}
FONT_NAMES = {"arial": "Liberation-Sans", "bookman": "TeX-Gyre-Bonum"}


def view(layout: str = "korespondensi", **changes) -> rendering.LetterView:
    return dataclasses.replace(sample_view(layout), **changes)


def strict_text(pdf: bytes) -> list[str]:
    """Each page's text, read with pypdf in strict mode; any warning fails the test."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("pypdf")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            reader = pypdf.PdfReader(io.BytesIO(pdf), strict=True)
            pages = [page.extract_text() for page in reader.pages]
    finally:
        logger.removeHandler(handler)
    assert not [r for r in records if r.levelno >= logging.WARNING], records
    return pages


def flat(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(strict_text(pdf)))


def tool(pdf: bytes, tmp_path, *command: str, after: tuple[str, ...] = ()):
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    run = [*command, str(path), *after]
    return subprocess.run(run, capture_output=True, text=True, check=False)


# -- layouts, papers, fonts -----------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["korespondensi", "judul"])
@pytest.mark.parametrize("paper", ["A4", "F4"])
@pytest.mark.parametrize("font", ["arial", "bookman"])
def test_every_layout_paper_and_font_renders_a_clean_pdf(layout, paper, font, tmp_path):
    letter = view(layout, paper=paper, font=font)
    out = render(letter)

    reader = pypdf.PdfReader(io.BytesIO(out.pdf), strict=True)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (width, height) == pytest.approx(PAPERS[paper], abs=0.5)
    text = flat(out.pdf)
    for expected in (letter.number, letter.signature.name, *letter.copies, "Tembusan"):
        assert expected in text
    if layout == "korespondensi":
        assert all(name in text for name in letter.recipients)
        assert letter.hal in text and "Yth." in text
    else:
        assert letter.type_name.upper() in text and letter.hal.upper() in text

    checked = tool(out.pdf, tmp_path, "qpdf", "--check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No syntax or stream encoding errors" in checked.stdout
    fonts = tool(out.pdf, tmp_path, "pdffonts").stdout.splitlines()[2:]
    ours = [line for line in fonts if FONT_NAMES[font] in line]
    assert ours and all(line.split()[-5] == "yes" for line in ours), fonts  # emb column
    assert not [line for line in fonts if FONT_NAMES[font] not in line], fonts


def test_an_acting_signer_prints_plt_and_atas_nama():
    signature = Signature(
        place_date="Kota Uji, 5 Desember 2026",
        atas_nama="a.n. WALI KOTA UJI",
        title="Plt. KEPALA DINAS KESEHATAN",
        name="Bambang Sutrisno, S.K.M.",
        identifier="NIP. 198001012006041001",
    )
    text = flat(render(view(signature=signature)).pdf)
    assert "a.n. WALI KOTA UJI" in text
    assert "Plt. KEPALA DINAS KESEHATAN" in text
    assert "Bambang Sutrisno, S.K.M." in text and "NIP. 198001012006041001" in text


def test_a_draft_shows_konsep_and_its_placeholders():
    text = flat(render(sample_view("korespondensi", draft=True)).pdf)
    assert "KONSEP" in text and "[nomor]" in text and "[tanggal]" in text
    assert "KONSEP" not in flat(render(sample_view("korespondensi")).pdf)


def test_the_judul_layout_says_tentang_only_for_penetapan_and_pengaturan():
    number = "NOMOR 7 TAHUN 2026"
    assert "TENTANG" in flat(render(view("judul", number=number)).pdf)
    text = flat(render(view("judul", group="penugasan", number="800/7/DINKES/2026")).pdf)
    assert "TENTANG" not in text
    assert "NOMOR 800/7/DINKES/2026" in text


# -- the footer -----------------------------------------------------------------------------------


def long_body() -> tuple[str, ...]:
    paragraph = sample_view("korespondensi").body[0]
    return tuple(f"{n}. {paragraph}" for n in range(1, 16))


def test_the_footer_is_printed_only_when_given_and_only_on_the_last_page():
    letter = view(body=long_body())
    pages = strict_text(render(letter).pdf)
    assert len(pages) >= 2
    marker = "Balai Besar Sertifikasi Elektronik"
    assert marker in pages[-1].replace("\n", " ")
    assert all(marker not in page.replace("\n", " ") for page in pages[:-1])
    assert marker not in flat(render(dataclasses.replace(letter, footer="")).pdf)
    assert "- 1 -" not in pages[0] and "- 2 -" in pages[1]  # page numbers from the second on


# -- the signature box and the QR -----------------------------------------------------------------


def word_boxes(pdf: bytes, tmp_path) -> list[tuple[int, str, float, float, float, float]]:
    """(page, word, xMin, yMin, xMax, yMax) from poppler, top-left origin, points."""
    html = tool(pdf, tmp_path, "pdftotext", "-bbox", after=("-",)).stdout
    found, page = [], -1
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<', line
        )
        if match:
            x1, y1, x2, y2 = (float(match[i]) for i in range(1, 5))
            found.append((page, match[5], x1, y1, x2, y2))
    return found


@pytest.mark.parametrize("body", ["short", "long"])
@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_the_stamp_box_lies_on_the_page_just_above_the_signers_name(body, paper, tmp_path):
    letter = view(paper=paper, body=long_body() if body == "long" else view().body)
    out = render(letter)
    width, height = PAPERS[paper]
    x1, y1, x2, y2 = out.stamp_box
    assert 0 < x1 < x2 <= width and 0 < y1 < y2 <= height
    assert x2 - x1 > 100 and y2 - y1 > 50  # room for a visible signature

    name = [w for w in word_boxes(out.pdf, tmp_path) if w[1] == "Ratna"]
    assert len(name) == 1
    page, _, nx1, ny1, _, _ = name[0]
    assert page == out.stamp_page == (1 if body == "long" else 0)
    name_top = height - ny1  # bottom-left origin, as the box
    assert 0 <= y1 - name_top < 20, (out.stamp_box, name_top)
    assert nx1 - 1 <= x1 < width - 72  # in the signature column, inside the right margin


def qr_area(letter: rendering.LetterView) -> tuple[int, tuple[float, float, float, float]]:
    """Where the element id="ttd-qr" landed (page, CSS px box), from WeasyPrint's layout."""
    document = HTML(string=rendering.to_html(letter), base_url=None).render()
    for index, page in enumerate(document.pages):
        if "ttd-qr" in page.anchors:
            return index, page.anchors["ttd-qr"]
    raise AssertionError("no QR area")


def modules_seen(pdf: bytes, page: int, area, size: int) -> list[list[bool]]:
    """The page rastered at 600 dpi, sampled at the centre of each of size x size modules."""
    scale = 600 / 96  # CSS px -> raster px
    image = pypdfium2.PdfDocument(pdf)[page].render(scale=600 / 72).to_pil().convert("L")
    x1, y1, x2, y2 = (v * scale for v in area)
    step_x, step_y = (x2 - x1) / size, (y2 - y1) / size
    return [
        [
            image.getpixel((x1 + (c + 0.5) * step_x, y1 + (r + 0.5) * step_y)) < 128
            for c in range(size)
        ]
        for r in range(size)
    ]


def test_the_qr_code_in_the_signature_block_is_the_verification_url():
    letter = view(qr_url="https://lontar.kotauji.go.id/verifikasi?id=q8Kz2vN0aT5mYwR1bX4eLg")
    expected = [[bool(m) for m in row] for row in segno.make(letter.qr_url, error="m").matrix]
    page, area = qr_area(letter)
    seen = modules_seen(render(letter).pdf, page, area, len(expected))
    assert seen == expected

    draft = sample_view("korespondensi", draft=True)
    page, area = qr_area(draft)
    blank = modules_seen(render(draft).pdf, page, area, len(expected))
    assert sum(map(sum, blank)) == 0  # a reserved, empty box


# -- many recipients, logos, options ---------------------------------------------------------------


def test_many_recipients_go_to_a_list_after_the_letter():
    names = tuple(f"Kepala Dinas Nomor {n}" for n in range(1, 13))
    pages = strict_text(render(view(recipients=names)).pdf)
    assert "Daftar Terlampir" in pages[0]
    last = pages[-1].replace("\n", " ")
    assert "Daftar Penerima" in last and all(name in last for name in names)


def test_a_png_logo_is_drawn_and_an_unknown_logo_type_is_refused():
    png = segno.make("logo")
    buffer = io.BytesIO()
    png.save(buffer, kind="png", scale=4)
    out = render(view(logo=buffer.getvalue(), logo_type="image/png"))
    reader = pypdf.PdfReader(io.BytesIO(out.pdf), strict=True)
    assert list(reader.pages[0].images), "the PNG logo is embedded"
    with pytest.raises(InvalidInput) as refused:
        render(view(logo=b"GIF89a", logo_type="image/gif"))
    assert refused.value.key == "letter_logo_type"


@pytest.mark.parametrize(("name", "value"), [("paper", "A3"), ("font", "comic"), ("layout", "x")])
def test_unknown_options_are_refused(name, value):
    with pytest.raises(InvalidInput) as refused:
        render(view(**{name: value}))
    assert refused.value.key == "letter_render_option_unknown"
    assert refused.value.params == {"name": name, "value": value}


# -- templates: escaping, the sandbox, no fetching ------------------------------------------------


def test_text_is_printed_literally_never_run():
    hal = "<script>alert(1)</script> {{ 7*7 }} <b>tebal</b>"
    body = ("Paragraf dengan {% if true %}perintah{% endif %} & <i>tag</i>.",)
    out = render(view(hal=hal, body=body))
    text = flat(out.pdf)
    assert "<script>alert(1)</script>" in text and "{{ 7*7 }}" in text and "<b>tebal</b>" in text
    assert "{% if true %}perintah{% endif %} & <i>tag</i>." in text
    assert "49" not in text


def test_the_built_in_templates_pass_the_check():
    for layout in ("korespondensi", "judul"):
        rendering.check_template(rendering.builtin_template(layout))


def with_body_start(extra: str, layout: str = "korespondensi") -> str:
    return rendering.builtin_template(layout).replace("<body>", "<body>\n" + extra, 1)


@pytest.mark.parametrize(
    "escape",
    [
        "{{ letter.__class__ }}",
        "{{ ''.__class__.__mro__ }}",
        "{{ letter.signature.__class__.__init__.__globals__ }}",
        "{{ '{0.__class__}'.format(letter) }}",
        "{{ self.__init__.__globals__ }}",
        "{{ 'x' * 10000000 }}",
        "{{ 9 ** 999999 }}",
        "{% for i in range(10000000) %}{% endfor %}",
    ],
)
def test_the_sandbox_refuses_escapes_and_runaway_templates(escape):
    source = with_body_start(escape)
    line = source.splitlines().index(escape) + 1
    with pytest.raises(InvalidInput) as refused:
        rendering.check_template(source)
    assert refused.value.key == "letter_template_invalid"
    assert refused.value.params["line"] == line
    with pytest.raises(InvalidInput):
        render(sample_view("korespondensi"), source)


def test_a_syntax_error_names_its_line():
    source = "<p>satu</p>\n<p>dua</p>\n{% if letter.draft %}\n<p>tiga</p>\n"
    with pytest.raises(InvalidInput) as refused:
        rendering.check_template(source)
    assert refused.value.key == "letter_template_invalid"
    assert refused.value.params["line"] == 3  # the block left open
    assert "endif" in refused.value.params["detail"]
    source = "<p>satu</p>\n{{ letter.hal | nosuchfilter }}\n"
    with pytest.raises(InvalidInput) as refused:
        rendering.check_template(source)
    assert refused.value.params["line"] == 2
    assert "Pesan" not in refused.value.message("id")  # the words are ours, in Indonesian
    assert refused.value.message("id").startswith("Templat naskah tidak dapat dipakai (baris 2)")


def test_an_unknown_variable_is_refused_even_in_a_branch_of_a_draft():
    source = with_body_start("{% if letter.draft %}{{ letter.nomor_surat }}{% endif %}")
    with pytest.raises(InvalidInput) as refused:
        rendering.check_template(source)
    assert "nomor_surat" in refused.value.params["detail"]


def test_a_template_without_the_signature_box_is_refused():
    source = "<html><body><p>{{ letter.hal }}</p></body></html>"
    with pytest.raises(InvalidInput) as refused:
        rendering.check_template(source)
    assert refused.value.key == "letter_template_no_stamp"


@pytest.fixture
def listening_server():
    """A local HTTP server that counts the requests it receives."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/svg+xml")
            self.end_headers()
            self.wfile.write(SECRET_SVG)

        def log_message(self, *args):
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


SECRET_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40">'
    b'<text x="0" y="30" font-size="20">RAHASIA-BOCOR</text></svg>'
)


def test_an_edited_template_fetches_nothing_from_files_or_the_network(listening_server, tmp_path):
    base, hits = listening_server
    secret = tmp_path / "secret.svg"
    secret.write_bytes(SECRET_SVG)
    fetching = (
        f'<img src="{base}/logo.svg"><img src="{secret.as_uri()}">'
        '<img src="file:///etc/passwd">'
        f'<link rel="stylesheet" href="{base}/style.css">'
        f'<style>@import url("{base}/import.css");'
        f' body {{ background: url("{base}/bg.svg") }}</style>'
    )
    source = with_body_start(fetching)
    # The control: WeasyPrint left to its own fetcher does read both
    leaked = HTML(string=rendering.to_html(sample_view("korespondensi"), source)).write_pdf()
    assert flat(leaked).count("RAHASIA-BOCOR") == 2 and hits
    hits.clear()

    rendering.check_template(source)
    out = render(sample_view("korespondensi"), source)
    assert hits == []
    text = flat(out.pdf)
    assert "RAHASIA-BOCOR" not in text and "root:" not in text
    assert sample_view("korespondensi").hal in text  # the letter itself rendered


def test_data_uris_still_load():
    svg = SECRET_SVG.replace(b"RAHASIA-BOCOR", b"TERMUAT")
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    out = render(sample_view("korespondensi"), with_body_start(f'<img src="{uri}">'))
    assert "TERMUAT" in flat(out.pdf)


def test_a_line_break_inside_a_paragraph_is_kept():
    body = ("Menimbang:\na. bahwa yang pertama;\nb. bahwa yang kedua.",)
    lines = strict_text(render(view("judul", body=body)).pdf)[0].splitlines()
    assert "a. bahwa yang pertama;" in lines and "b. bahwa yang kedua." in lines


def test_an_error_inside_a_shared_part_names_the_edited_templates_line():
    source = "<p>{{ letter.hal }}</p>\n\n{% import 'parts.html' as parts %}{{ parts.kop() }}\n"
    with pytest.raises(InvalidInput) as refused:
        rendering.check_template(source)
    assert refused.value.params["line"] == 3  # `with context` is missing: parts see no letter


@pytest.mark.parametrize(
    "name", ["korespondensi.html", "letter.css", "/etc/passwd", "../rendering.py"]
)
def test_only_the_shared_parts_can_be_included(name):
    with pytest.raises(InvalidInput) as refused:
        rendering.check_template(with_body_start(f"{{% include '{name}' %}}"))
    assert refused.value.key == "letter_template_invalid"
