"""Beranda's "Kondisi sistem" for administrators: the last backup, drill and fixity check,
disk space and the worker, from `lontar.operations.health` (the report `lontar health`
prints). A problem is a red `st.error` each; the warnings share one yellow block; the rest
is a row of metrics, no table or chart, so Beranda stays quick to draw.
"""

from __future__ import annotations

import streamlit as st

from repository.app import Caller, Lontar, LontarError, formatting
from ui.session import lang, t

GB = 1024**3


def home_block(lontar: Lontar, caller: Caller) -> None:
    """Draws the block; the caller must hold `manage` (the service checks it again). A
    wrong lontar.toml is said here and the rest of Beranda is drawn."""
    try:
        report = lontar.operations.health(caller)
    except LontarError as exc:
        st.subheader(t("health_title"))
        st.error(exc.message(lang()))
        return
    st.subheader(t("health_title"))
    for item in report["problems"]:
        st.error(lontar.operations.message_text(item, lang()))
    if report["warnings"]:
        words = [lontar.operations.message_text(item, lang()) for item in report["warnings"]]
        st.warning("\n".join(f"- {line}" for line in words))
    columns = st.columns(5)
    parts = (
        ("health_backup", _backup(lontar, report["backup"])),
        ("health_drill", _drill(report["drill"])),
        ("health_fixity", _fixity(report["fixity"])),
        ("health_disk", _disk(report["disk"])),
        ("health_worker", (t("health_" + report["worker"]["state"]), None)),
    )
    for column, (label, (value, below)) in zip(columns, parts, strict=True):
        column.metric(t(label), value, below, delta_color="off", delta_arrow="off")


def _ago(lontar: Lontar, seconds: float | None) -> str:
    return t("health_ago", age=lontar.operations.age_text(seconds, lang()))


def _day(moment: object) -> str:
    return formatting.date_text(moment, lang(), "medium")


def _backup(lontar: Lontar, backup: dict) -> tuple[str, str | None]:
    """(how long ago, the day and kind)."""
    if backup["state"] == "never":
        return t("health_never"), None
    return _ago(
        lontar, backup.get("age_seconds")
    ), f"{_day(backup.get('at'))} · {backup.get('kind', '')}"


def _drill(drill: dict) -> tuple[str, str | None]:
    """(ok or failed, the recovery time and the day)."""
    if drill["state"] == "never":
        return t("health_never"), None
    seconds = formatting.number_text(round(float(drill.get("seconds") or 0), 1), lang())
    verdict = t("health_ok" if drill.get("ok") else "health_failed")
    return verdict, f"{t('health_recovered_in', seconds=seconds)} · {_day(drill.get('at'))}"


def _fixity(fixity: dict) -> tuple[str, str | None]:
    """(ok or failed, the day it started); a run under way is said below the value."""
    running = fixity.get("running")
    under_way = ""
    if running:
        under_way = t("health_fixity_running", **{k: v or 0 for k, v in running.items()})
    if fixity["state"] == "never":
        return t("health_never"), under_way or None
    value = t("health_ok" if fixity["state"] == "ok" else "health_failed")
    day = _day(fixity.get("started"))
    return value, f"{day} · {under_way}" if under_way else day


def _disk(disk: dict) -> tuple[str, str]:
    """The least free space of the three places (data, blobs, index), and its share."""
    name, least = min(disk.items(), key=lambda item: item[1]["free"])
    size = formatting.number_text(round(least["free"] / GB, 1), lang())
    return f"{size} GB", f"{formatting.number_text(least['free_percent'], lang())}% · {name}"
