"""The PPID's PDFs: the written notice (pemberitahuan tertulis) of a decision, with every
element Perki 1/2021 asks for; the receipt (tanda bukti permohonan) a requester keeps; and the
annual report.

The notice and the receipt are written in the language asked for (the requester's or the
officer's), their dates and times through `core.formatting` in the Pemda's zone; both carry
the letterhead and their own number, and name released documents by title.
"""

from __future__ import annotations

from html import escape

from reportlab.lib import colors
from reportlab.platypus import HRFlowable, Paragraph, Spacer, Table

from repository.core.formatting import date_text, datetime_text, number_text
from repository.core.i18n import translate
from repository.core.pdf import pdf, stylesheet
from repository.ppid.model import EXEMPTIONS

# The rows of the notice, in order; the test checks each heading is in the PDF.
NOTICE_ROWS = (
    "doc_registration",
    "doc_received",
    "doc_requester",
    "doc_contact",
    "doc_information",
    "doc_purpose",
    "doc_held",
    "doc_decision",
    "doc_ground",
    "doc_redactions",
    "doc_form",
    "doc_delivery",
    "doc_cost",
    "doc_when",
    "doc_released",
)
NOTICE_ELEMENTS = (
    translate("doc_notice_title", "id"),
    *(translate(k, "id") for k in NOTICE_ROWS if k not in ("doc_received", "doc_contact")),
    translate("doc_objection_right", "id"),
)


def _counts(header: str, rows: list[tuple[str, object]], empty: str):
    return Table([(header, "Jumlah"), *[(k, str(v)) for k, v in rows]] if rows else [(empty, "")])


def letterhead(pemda_name: str, lang: str) -> list:
    """The heading every PPID letter carries: the Pemda, its PPID, and a rule below."""
    styles = stylesheet()
    return [
        Paragraph(escape(pemda_name.upper()), styles["Title"]),
        Paragraph(translate("doc_letterhead", lang), styles["Heading3"]),
        HRFlowable(width="100%", thickness=1.5, color=colors.black, spaceAfter=8),
    ]


def _facts(rows: list[tuple[str, object]]) -> Table:
    styles = stylesheet()
    cells = [
        [
            Paragraph(f"<b>{escape(label)}</b>", styles["BodyText"]),
            Paragraph(escape(str(value)), styles["BodyText"]),
        ]
        for label, value in rows
    ]
    return Table(cells, colWidths=[150, 330])


def _titled(pemda_name: str, lang: str, title: str, number: str) -> list:
    styles = stylesheet()
    return [
        *letterhead(pemda_name, lang),
        Paragraph(escape(title), styles["Heading2"]),
        Paragraph(escape(translate("doc_number", lang, number=number)), styles["Heading4"]),
        Paragraph(translate("doc_basis", lang), styles["Normal"]),
        Spacer(1, 10),
    ]


def _money(amount: int, lang: str) -> str:
    return translate("doc_cost_text", lang, amount=number_text(amount, lang))


def _chosen(values, prefix: str, lang: str) -> str:
    return ", ".join(translate(prefix + v, lang) for v in values)


def notice_pdf(pemda_name: str, request: dict, officer: str, lang: str = "id") -> bytes:
    """`request` is the officer's view of the request (views.officer_view)."""
    styles = stylesheet()
    word = lambda key, **p: translate(key, lang, **p)  # noqa: E731
    decision = request["decision"]
    held = (
        word("doc_held_elsewhere", holder=request["holder"])
        if decision == "not_held"
        else word("doc_held_here")
    )
    ground = (
        word(
            "doc_ground_text",
            ground=request["ground"],
            text=EXEMPTIONS[request["ground"]],
            test=request["test_id"],
        )
        if request["ground"]
        else "-"
    )
    decided, due = date_text(request["decided_on"], lang), date_text(request["due"], lang)
    when = word("doc_when_text", day=decided, due=due)
    if request["extension"]:
        when += " " + word("doc_extended", reason=request["extension"]["reason"])
    released = "; ".join(r["title"] for r in request["released_titles"]) or "-"
    values = (
        request["number"],
        datetime_text(request["received"], lang),
        request["name"],
        f"{request['address']} / {request['email']} {request['phone']}",
        request["information"],
        request["purpose"],
        held,
        translate("decision_" + decision, lang),
        ground,
        request["redactions"] or "-",
        request["form"] or _chosen(request["obtain"], "obtain_", lang),
        translate("delivery_" + request["delivery"], lang),
        _money(request["cost"], lang),
        when,
        released,
    )
    number = request["notice_number"] or request["number"]
    story = [
        *_titled(pemda_name, lang, word("doc_notice_title"), number),
        _facts([(word(k), v) for k, v in zip(NOTICE_ROWS, values, strict=True)]),
        Spacer(1, 10),
        Paragraph(
            f"<b>{escape(word('doc_objection_right'))}</b>: "
            + escape(word("doc_objection_text", number=request["number"])),
            styles["BodyText"],
        ),
        *_signature(officer, lang),
    ]
    return pdf(f"{word('doc_notice_title')} {number}", story)


def _signature(officer: str, lang: str) -> list:
    text = f"{escape(translate('doc_officer', lang))}<br/><br/><b>{escape(officer)}</b>"
    return [Spacer(1, 18), Paragraph(text, stylesheet()["BodyText"])]


def receipt_pdf(pemda_name: str, request: dict, lang: str = "id") -> bytes:
    """The tanda bukti permohonan: `request` holds the public view, the deadlines
    (workdays.deadlines) and the requester's own entries (name, purpose, ...)."""
    styles = stylesheet()
    word = lambda key, **p: translate(key, lang, **p)  # noqa: E731
    requester = request["name"]
    if request["kind"] == "organisasi" and request["organisation"]:
        requester += f" ({request['organisation']})"
    due = word(
        "doc_due_text",
        due=date_text(request["answer_due"], lang),
        extended=date_text(request["extended_due"], lang),
    )
    rows = [
        (word("doc_registration"), request["number"]),
        (word("doc_received"), datetime_text(request["received"], lang)),
        (word("doc_requester"), requester),
        (word("doc_kind"), translate("kind_" + request["kind"], lang)),
        (word("doc_information"), request["information"]),
        (word("doc_purpose"), request["purpose"]),
        (word("doc_obtain"), _chosen(request["obtain"], "obtain_", lang)),
        (word("doc_delivery"), translate("delivery_" + request["delivery"], lang)),
        (word("doc_due"), due),
    ]
    number = request["number"]
    story = [
        *_titled(pemda_name, lang, word("doc_receipt_title"), number),
        _facts(rows),
        Spacer(1, 10),
        Paragraph(escape(word("doc_how_to_check", number=number)), styles["BodyText"]),
        Spacer(1, 6),
        Paragraph(escape(word("doc_keep_receipt")), styles["BodyText"]),
    ]
    return pdf(f"{word('doc_receipt_title')} {number}", story)


def annual_pdf(pemda_name: str, report: dict) -> bytes:
    styles = stylesheet()
    figures = [
        ("Jumlah permohonan", report["requests"]),
        ("Diputus", report["decided"]),
        ("Dikabulkan seluruhnya", report["granted"]),
        ("Dikabulkan sebagian", report["partial"]),
        ("Ditolak", report["refused"]),
        ("Tidak dikuasai", report["not_held"]),
        ("Belum diputus", report["undecided"]),
        ("Diperpanjang", report["extended"]),
        ("Dijawab dalam 10 hari kerja", report["within_10_days"]),
        (
            "Rata-rata waktu (hari kerja)",
            report["days_mean"] if report["days_mean"] is not None else "-",
        ),
        (
            "Median waktu (hari kerja)",
            report["days_median"] if report["days_median"] is not None else "-",
        ),
        ("Keberatan", report["objections"]),
        (
            "Keberatan diterima / ditolak / belum",
            f"{report['objections_accepted']} / "
            f"{report['objections_rejected']} / {report['objections_open']}",
        ),
        ("Sengketa ke Komisi Informasi", report["disputes"]),
    ]
    grounds = [(f"Pasal 17 huruf {g}", n) for g, n in report["refused_by_ground"].items()]
    outcomes = list(report["dispute_outcomes"].items())
    story = [
        Paragraph(escape(pemda_name.upper()), styles["Title"]),
        Paragraph(f"LAPORAN LAYANAN INFORMASI PUBLIK TAHUN {report['year']}", styles["Heading2"]),
        Table([("Uraian", "Jumlah"), *[(k, str(v)) for k, v in figures]], colWidths=[300, 120]),
        Spacer(1, 12),
        Paragraph("Penolakan menurut alasan", styles["Heading3"]),
        _counts("Alasan", grounds, "Tidak ada penolakan"),
        Spacer(1, 12),
        Paragraph("Sengketa dan putusannya", styles["Heading3"]),
        _counts("Putusan", outcomes, "Tidak ada sengketa"),
    ]
    return pdf(f"Laporan PPID {report['year']}", story)
