"""`lontar health` in words: the report of `repository/core/operations.py` (which Beranda
reads too, through `lontar.operations`) as lines for a terminal, and its exit status.

The report is gathered in the core because the app process shows it and may not import this
driver package; what is here is only how a terminal says it.
"""

from __future__ import annotations

from repository.app import Lontar
from repository.core import formatting
from repository.core.i18n import translate
from repository.core.operations import GB, age_text, message_text
from repository.core.security import Caller


def health(lontar: Lontar, caller: Caller) -> dict:
    """The report (administrators only), with each problem and warning also in words."""
    report = lontar.operations.health(caller)
    for item in report["problems"] + report["warnings"]:
        item["text"] = message_text(item)
    return report


def exit_status(report: dict) -> int:
    """1 when the report names a problem (see `health_report`), else 0: warnings do not
    fail a monitoring check."""
    return 0 if report["ok"] else 1


def _ago(seconds: float | None, lang: str | None) -> str:
    return translate("health_ago", lang, age=age_text(seconds, lang))


def _state_word(state: str, lang: str | None) -> str:
    return translate(f"health_{state}", lang)


def backup_text(backup: dict, lang: str | None = None) -> str:
    if backup["state"] == "never":
        return translate("health_never", lang)
    size = formatting.number_text(round(backup.get("bytes", 0) / 1e6, 1), lang)
    parts = [_ago(backup.get("age_seconds"), lang), str(backup.get("kind", "?")), f"{size} MB"]
    text = ", ".join(parts) + f" → {backup.get('dest', '?')}"
    return text if backup["state"] == "ok" else f"{_state_word('old', lang)}: {text}"


def drill_text(drill: dict, lang: str | None = None) -> str:
    if drill["state"] == "never":
        return translate("health_never", lang)
    verdict = _state_word("ok" if drill.get("ok") else "failed", lang)
    seconds = formatting.number_text(round(float(drill.get("seconds") or 0), 1), lang)
    recovery = translate("health_recovery_time", lang, seconds=seconds)
    return f"{verdict}, {_ago(drill.get('age_seconds'), lang)}, {recovery}"


def fixity_text(fixity: dict, lang: str | None = None) -> str:
    parts = []
    if fixity["state"] == "never":
        parts.append(translate("health_never", lang))
    else:
        verdict = _state_word(fixity["state"], lang)
        day = formatting.datetime_text(fixity.get("started"), lang)
        parts.append(f"{verdict}, {day} ({_ago(fixity.get('age_seconds'), lang)})")
    if fixity.get("running"):
        running = {key: value or 0 for key, value in fixity["running"].items()}
        parts.append(translate("health_fixity_running", lang, **running))
    return "; ".join(parts)


def disk_text(disk: dict, lang: str | None = None) -> str:
    return ", ".join(
        f"{name} {formatting.number_text(round(place['free'] / GB, 1), lang)} GB "
        f"({formatting.number_text(place['free_percent'], lang)}%)"
        for name, place in disk.items()
    )


def worker_text(worker: dict, lang: str | None = None) -> str:
    text = _state_word(worker["state"], lang)
    return f"{text} (pid {worker['pid']})" if worker.get("pid") else text


def key_copy_text(copy: dict, lang: str | None = None) -> str:
    if copy["state"] == "never":
        return translate("health_never", lang)
    return f"{formatting.datetime_text(copy.get('at'), lang)} ({copy.get('where', '?')})"


def report_lines(report: dict, lang: str | None = None) -> list[str]:
    """Each part on a line, then the problems and the warnings, then the verdict."""
    queues = report["queues"]
    rows = [
        ("health_backup", backup_text(report["backup"], lang)),
        ("health_key_copy", key_copy_text(report["key_copy"], lang)),
        ("health_drill", drill_text(report["drill"], lang)),
        ("health_fixity", fixity_text(report["fixity"], lang)),
        ("health_disk", disk_text(report["disk"], lang)),
        ("health_queues", f"{queues['index']} / {queues['ocr']}"),
        ("health_worker", worker_text(report["worker"], lang)),
    ]
    lines = [f"{translate('health_title', lang)} ({report['at']})"]
    lines += [f"  {translate(label, lang)}: {value}" for label, value in rows]
    lines += [f"✗ {message_text(item, lang)}" for item in report["problems"]]
    lines += [f"! {message_text(item, lang)}" for item in report["warnings"]]
    if report["problems"]:
        lines.append(translate("health_exit_problems", lang, count=len(report["problems"])))
    else:
        lines.append(translate("health_exit_ok", lang))
    return lines
