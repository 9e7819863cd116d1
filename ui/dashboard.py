"""The Dasbor's parts: choosing the scope (an OPD, a unit, or the whole Pemda, among those the
caller holds `dashboard` in) and the period; the letters' figures as Altair charts and a table
per month; the records' standing figures; the five-element self-assessment with its ANRI band
(said plainly to be the self-assessment's, not an official score) and, for the archive office,
its form. Every table has CSV and Excel downloads of its numbers; what the page shows of a
number or a day goes through `formatting` in the reader's language."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from repository.app import Caller, Lontar, formatting
from ui import render
from ui.session import labels, lang, t

FLOWS = ("outgoing", "incoming")
SHARES = ("adoption", "registered_on_time_share", "dispositions_closed_share")
LEAD = ("lead_median_days", "lead_p90_days")
PERIOD_MONTHS = 24  # months offered besides "the last twelve"


def page(lontar: Lontar, caller: Caller) -> None:
    scopes = lontar.letters.dashboard_scopes(caller)
    if not scopes:
        st.info(t("dashboard_no_scope"))
        return
    left, right = st.columns(2)
    unit = _scope(scopes, left)
    month = _period(lontar, right)
    report = lontar.letters.letter_report(caller, unit or None, month or None)
    letters(report)
    records(report["standing"])
    assessments(lontar, caller, unit)


def _scope(scopes: list[dict], where) -> str:
    names = {s["code"]: _scope_label(s) for s in scopes}
    return where.selectbox(
        t("dashboard_scope"), list(names), key="dash_scope", format_func=names.__getitem__
    )


def _scope_label(scope: dict) -> str:
    if scope["code"] == "":
        return t("dashboard_whole_pemda", name=scope["name"])
    return "\u2003" * scope["depth"] + (scope["name"] or scope["code"])


def _period(lontar: Lontar, where) -> str:
    today = lontar.today()
    months = [""]
    year, month = today.year, today.month
    for _ in range(PERIOD_MONTHS):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    names = {m: month_label(m) for m in months if m}  # fixed now: AppTest formats later
    return where.selectbox(
        t("dashboard_period"),
        months,
        key="dash_month",
        format_func=labels(empty="dashboard_last_months", names=names),
    )


def month_label(month: str) -> str:
    """ "Maret 2026" / "March 2026"; "" is the last twelve months."""
    if not month:
        return t("dashboard_last_months")
    return formatting.date_text(f"{month}-01", lang(), style="LLLL y")


def _short(month: str) -> str:
    """ "Mar 2026": the charts' axis has room for twelve of these."""
    return formatting.date_text(f"{month}-01", lang(), style="MMM y")


def _number(value, share: bool = False) -> str:
    if value is None:
        return t("dashboard_none")
    if share:
        return f"{formatting.number_text(round(value * 100, 1), lang())} %"
    return formatting.number_text(value, lang())


# -- the letters ------------------------------------------------------------------------------
def letters(report: dict) -> None:
    st.subheader(t("dashboard_letters"))
    total = report["total"]
    cells = st.columns(5)
    cells[0].metric(t("dashboard_col_outgoing"), _number(total["outgoing"]))
    cells[1].metric(t("dashboard_col_incoming"), _number(total["incoming"]))
    cells[2].metric(t("dashboard_metric_adoption"), _number(total["adoption"], share=True))
    cells[3].metric(
        t("dashboard_col_registered_on_time_share"),
        _number(total["registered_on_time_share"], share=True),
    )
    cells[4].metric(t("dashboard_metric_lead"), _number(total["lead_median_days"]))
    rows = report["months"]
    if not any(r["outgoing"] or r["incoming"] or r["dispositions"] for r in rows):
        st.info(t("dashboard_no_letters"))
    charts(rows)
    st.caption(t("dashboard_ppid_" + report["ppid_scope"]))
    month_table(report)


def charts(rows: list[dict]) -> None:
    counts = _long(rows, FLOWS, lambda v: v)
    shares = _long(rows, SHARES, lambda v: None if v is None else round(v * 100, 1))
    lead = _long(rows, LEAD, lambda v: v)
    for title, table, kind in (
        ("dashboard_chart_letters", counts, "bar"),
        ("dashboard_chart_shares", shares, "line"),
        ("dashboard_chart_lead", lead, "line"),
    ):
        st.markdown(f"**{t(title)}**")
        st.altair_chart(chart(table, kind), width="stretch")


def _long(rows: list[dict], names: tuple[str, ...], value) -> pd.DataFrame:
    """One row per month and measure, months and measures in words, for Altair."""
    return pd.DataFrame(
        [
            {
                "month": _short(r["month"]),
                "series": t(f"dashboard_col_{n}"),
                "value": value(r[n]),
            }
            for r in rows
            for n in names
        ],
        columns=["month", "series", "value"],
    )


def chart(table: pd.DataFrame, kind: str) -> alt.Chart:
    order = list(dict.fromkeys(table["month"]))
    base = alt.Chart(table).encode(
        x=alt.X("month:O", sort=order, title=t("dashboard_col_month"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=t("dashboard_value")),
        color=alt.Color(
            "series:N",
            title=t("dashboard_series"),
            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0),
        ),
        tooltip=[
            alt.Tooltip("month:O", title=t("dashboard_col_month")),
            alt.Tooltip("series:N", title=t("dashboard_series")),
            alt.Tooltip("value:Q", title=t("dashboard_value")),
        ],
    )
    if kind == "bar":
        return base.mark_bar().encode(xOffset="series:N")
    return base.mark_line(point=True)


MONTH_COLUMNS = (
    "outgoing",
    "electronic",
    "manual",
    "adoption",
    "incoming",
    "copies",
    "registered_on_time",
    "registered_on_time_share",
    "dispositions",
    "dispositions_closed",
    "dispositions_closed_share",
    "lead_median_days",
    "lead_p90_days",
    "ppid_due",
    "ppid_on_time",
    "ppid_on_time_share",
)


def month_table(report: dict) -> None:
    st.markdown(f"**{t('dashboard_table')}**")
    rows = [*report["months"], report["total"]]
    shown = pd.DataFrame([_shown_row(r) for r in rows])
    st.dataframe(shown, hide_index=True, key="dash_months")
    numbers = pd.DataFrame([_number_row(r) for r in rows])
    render.downloads(numbers, f"dasbor-{report['unit'] or 'pemda'}", "dash_months_export")


def _first(row: dict) -> str:
    return t("dashboard_total") if row["month"] == "total" else month_label(row["month"])


def _shown_row(row: dict) -> dict:
    found = {t("dashboard_col_month"): _first(row)}
    for name in MONTH_COLUMNS:
        found[t(f"dashboard_col_{name}")] = _number(row[name], _is_share(name))
    return found


def _number_row(row: dict) -> dict:
    """For the files: numbers stay numbers, shares as percentages."""
    found = {t("dashboard_col_month"): row["month"] if row["month"] != "total" else _first(row)}
    for name in MONTH_COLUMNS:
        value = row[name]
        if _is_share(name) and value is not None:
            value = round(value * 100, 2)
        found[t(f"dashboard_col_{name}")] = value
    return found


def _is_share(name: str) -> bool:
    return name == "adoption" or name.endswith("_share")


# -- the records ------------------------------------------------------------------------------
STANDING = (
    "items",
    "items_filed",
    "items_filed_share",
    "berkas_past_active",
    "vital",
    "vital_verified",
    "vital_verified_share",
)


def records(standing: dict) -> None:
    st.subheader(t("dashboard_records"))
    st.caption(t("dashboard_records_help", day=formatting.date_text(standing["as_of"], lang())))
    cells = st.columns(3)
    cells[0].metric(
        t("dashboard_col_items_filed_share"), _number(standing["items_filed_share"], True)
    )
    cells[1].metric(t("dashboard_col_berkas_past_active"), _number(standing["berkas_past_active"]))
    cells[2].metric(
        t("dashboard_col_vital_verified_share"), _number(standing["vital_verified_share"], True)
    )
    shown = pd.DataFrame(
        [{t(f"dashboard_col_{n}"): _number(standing[n], _is_share(n)) for n in STANDING}]
    )
    st.dataframe(shown, hide_index=True, key="dash_standing")
    numbers = {t("dashboard_col_as_of"): standing["as_of"]}
    for name in STANDING:
        value = standing[name]
        numbers[t(f"dashboard_col_{name}")] = (
            round(value * 100, 2) if _is_share(name) and value is not None else value
        )
    render.downloads(pd.DataFrame([numbers]), "dasbor-arsip", "dash_standing_export")


# -- the self-assessment ----------------------------------------------------------------------
def assessments(lontar: Lontar, caller: Caller, unit: str) -> None:
    st.subheader(t("assessment_title"))
    st.info(t("assessment_disclaimer"))
    year = int(
        st.number_input(t("assessment_year"), 2000, 2999, lontar.today().year, key="dash_year")
    )
    elements = lontar.letters.assessment_elements()
    rows = [r for r in lontar.letters.assessments(caller, year) if not unit or r["unit"] == unit]
    if rows:
        _assessment_table(rows, elements, year)
    else:
        st.caption(t("assessment_none"))
    if notice := st.session_state.pop("dash_assessment_notice", None):
        st.success(notice)
    opds = lontar.letters.assessable_units(caller)
    if opds:
        assessment_form(lontar, caller, opds, elements, year)


def _assessment_table(rows: list[dict], elements: tuple[str, ...], year: int) -> None:
    for row in rows:
        mean = formatting.number_text(row["mean"], lang())
        st.markdown(
            f"**{t('assessment_band_line', name=row['name'], mean=mean, band=row['band'])}**"
        )
    columns = ("name", *elements, "mean", "band", "note")
    shown = pd.DataFrame(
        [
            {
                t(f"dashboard_col_{c}"): formatting.number_text(r[c], lang())
                if isinstance(r[c], float | int)
                else r[c]
                for c in columns
            }
            for r in rows
        ]
    )
    st.dataframe(shown, hide_index=True, key="dash_assessments")
    numbers = pd.DataFrame([{t(f"dashboard_col_{c}"): r[c] for c in columns} for r in rows])
    render.downloads(numbers, f"penilaian-mandiri-{year}", "dash_assessments_export")


def assessment_form(
    lontar: Lontar, caller: Caller, opds: list[dict], elements: tuple[str, ...], year: int
) -> None:
    names = {o["code"]: o["name"] or o["code"] for o in opds}
    with st.form("dash_assess", enter_to_submit=False):
        st.markdown(f"**{t('assessment_form')}**")
        opd = st.selectbox(
            t("assessment_opd"), list(names), key="dash_opd", format_func=names.__getitem__
        )
        scores = {
            e: st.number_input(t(f"dashboard_col_{e}"), 0.0, 100.0, None, 0.5, key=f"dash_{e}")
            for e in elements
        }
        note = st.text_area(t("assessment_note"), key="dash_note")
        if st.form_submit_button(t("assessment_save")):
            saved = lontar.letters.save_assessment(caller, opd, year, scores, note)
            mean = formatting.number_text(saved["mean"], lang())
            st.session_state["dash_assessment_notice"] = t(
                "assessment_saved_notice",
                name=saved["name"],
                year=year,
                mean=mean,
                band=saved["band"],
            )
            st.rerun()
