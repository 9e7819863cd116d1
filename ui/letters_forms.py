"""Konsep Naskah's form: a new draft, or the next version of one (`?id=`), with its PDF
preview beside it.

Everything is chosen by name: the unit among those where the caller takes part in letters,
the type from the Pemda's catalogue, the classification by code or name, recipients and
copies among positions, units and groups (`lontar.letters.targets`) plus addressees outside
the Pemda typed one per line, the signer and the ordered verifiers among positions, the berkas
among the unit's. These are plain widgets, not a form: the preview and the signer's choices
follow what is chosen.
"""

from __future__ import annotations

import streamlit as st

from repository.app import SIFAT, URGENCY, Caller, Lontar
from ui import letters, pickers, registry, render, visit
from ui.session import labels, t

LOADED = "letter_form_loaded"  # the letter whose fields the widgets were filled from
PREVIEW = "letter_form_preview"  # the last preview's PDF bytes, for the reruns that follow
EXTERNAL = "external:"
DEFAULTS = "letter_form_defaults"  # unit and classification of the letter loaded (see _fill)
KEYS = (
    "type",
    "sifat",
    "urgency",
    "hal",
    "body",
    "recipients",
    "copies",
    "external_to",
    "external_cc",
    "signer",
    "verifiers",
    "into",
)


def _key(name: str) -> str:
    return f"lf_{name}"


def load(lontar: Lontar, caller: Caller, letter_id: str | None) -> dict:
    """The letter being edited (its fields fill the widgets once per letter), or {}."""
    if not letter_id:
        if st.session_state.get(LOADED, "") != "":
            _fill({})
        st.session_state[LOADED] = ""
        return {}
    view = lontar.letters.letter(caller, letter_id)
    if st.session_state.get(LOADED) != letter_id:
        _fill(view)
        st.session_state[LOADED] = letter_id
    return view


def _fill(fields: dict) -> None:
    """Puts a letter's fields into the widgets' state (before they are drawn). The unit and
    classification pickers take theirs as defaults instead (they set their own index)."""
    to = _values(fields.get("recipients", []))
    cc = _values(fields.get("copies", []))
    body = fields.get("body", "")
    st.session_state[DEFAULTS] = {
        "unit": fields.get("unit"),
        "classification": fields.get("classification", ""),
    }
    values = {
        "type": fields.get("type"),
        "sifat": fields.get("sifat", "biasa"),
        "urgency": fields.get("urgency", "biasa"),
        "hal": fields.get("hal", ""),
        "body": "\n\n".join(body) if isinstance(body, list | tuple) else body,
        "recipients": [v for v in to if not v.startswith(EXTERNAL)],
        "copies": [v for v in cc if not v.startswith(EXTERNAL)],
        "external_to": "\n".join(v[len(EXTERNAL) :] for v in to if v.startswith(EXTERNAL)),
        "external_cc": "\n".join(v[len(EXTERNAL) :] for v in cc if v.startswith(EXTERNAL)),
        "signer": _code(fields.get("signer")),
        "verifiers": [_code(v) for v in fields.get("verifiers", [])],
        "into": fields.get("into", ""),
    }
    for name in KEYS:
        st.session_state[_key(name)] = values[name]
    st.session_state.pop(PREVIEW, None)


def _code(position) -> str:
    """A position as the letter dict gives it (a dict with its code) or as a code."""
    return position.get("code", "") if isinstance(position, dict) else position or ""


def _values(targets: list) -> list[str]:
    return [t_["value"] if isinstance(t_, dict) else str(t_) for t_ in targets]


def _externals(text: str) -> list[str]:
    return [EXTERNAL + line.strip() for line in text.splitlines() if line.strip()]


def _choice(label: str, options: dict[str, str], name: str, **extra):
    """A selectbox by name over {value: label}; a value no longer offered stays choosable."""
    held = st.session_state.get(_key(name))
    values = list(options) + ([held] if held and held not in options else [])
    return st.selectbox(
        label,
        values,
        index=None,  # the same on every run (another index would be another widget)
        key=_key(name),
        format_func=lambda v: options.get(v, v),
        placeholder=t("letters_page_pick"),
        **extra,
    )


def _targets(label: str, offered: dict[str, str], name: str):
    held = [v for v in st.session_state.get(_key(name), []) if v not in offered]
    names = {**offered, **{v: v for v in held}}
    return st.multiselect(
        label,
        list(names),
        key=_key(name),
        format_func=lambda v: names.get(v, v),
        placeholder=t("letters_page_targets_pick"),
    )


def fields(lontar: Lontar, caller: Caller) -> dict:
    """The drafting widgets; returns the fields as the service takes them."""
    loaded = st.session_state.get(DEFAULTS, {})
    unit = pickers.unit(
        lontar, caller, t("letters_page_col_unit"), _key("unit"), permission="letters",
        default=loaded.get("unit") or caller.unit, empty=None,
    )  # fmt: skip
    kind = _kind(lontar, caller)
    classification = pickers.classification(
        lontar, t("letters_page_classification"), _key("classification"),
        default=loaded.get("classification", ""),
    )  # fmt: skip
    hal = st.text_input(t("letters_page_col_hal"), key=_key("hal"))
    body = st.text_area(
        t("letters_page_body"), key=_key("body"), height=240, help=t("letters_page_body_help")
    )
    return {
        "unit": unit or "",
        **kind,
        "classification": classification,
        "hal": hal,
        "body": body,
        **_people(lontar, caller),
        "into": _berkas(lontar, caller, unit),
    }


def _kind(lontar: Lontar, caller: Caller) -> dict:
    """Type, sifat and urgency side by side."""
    types = {row["code"]: row["name"] for row in lontar.letters.letter_types(caller)}
    left, middle, right = st.columns(3)
    with left:
        kind = _choice(t("letters_page_col_type"), types, "type")
    sifat = middle.selectbox(
        t("letters_page_sifat"), SIFAT, key=_key("sifat"), format_func=labels("letter_sifat_")
    )
    urgency = right.selectbox(
        t("letters_page_urgency"), URGENCY, key=_key("urgency"),
        format_func=labels("letter_urgency_"),
    )  # fmt: skip
    return {"type": kind or "", "sifat": sifat, "urgency": urgency}


def _people(lontar: Lontar, caller: Caller) -> dict:
    """Recipients, copies, the signer and the verifiers in their order."""
    offered = visit.once("letter_targets", "", lambda: lontar.letters.targets(caller))
    names = {row["value"]: _target_label(row) for row in offered}
    recipients = _targets(t("letters_page_recipients"), names, "recipients")
    external_to = st.text_area(
        t("letters_page_external_to"),
        key=_key("external_to"),
        height=70,
        help=t("letters_page_external_help"),
    )
    copies = _targets(t("letters_page_copies"), names, "copies")
    external_cc = st.text_area(
        t("letters_page_external_cc"),
        key=_key("external_cc"),
        height=70,
        help=t("letters_page_external_help"),
    )
    positions = {row["code"]: _position_label(row) for row in lontar.letters.positions(caller)}
    signer = _choice(t("letters_page_signer"), positions, "signer")
    verifiers = _targets(t("letters_page_verifiers"), positions, "verifiers")
    st.caption(t("letters_page_verifiers_help"))
    return {
        "recipients": [*recipients, *_externals(external_to)],
        "copies": [*copies, *_externals(external_cc)],
        "signer": signer or "",
        "verifiers": verifiers,
    }


def _target_label(row: dict) -> str:
    return t("letters_page_target_" + row.get("kind", "unit"), name=row.get("label", ""))


def _position_label(row: dict) -> str:
    holder = row.get("holder_name") or row.get("holder") or t("letters_page_vacant")
    unit = row.get("unit_name") or row.get("unit", "")
    return f"{row.get('name', row['code'])} · {holder} · {unit}"


def _berkas(lontar: Lontar, caller: Caller, unit: str | None) -> str:
    """The berkas to file the signed letter in; none: a default berkas per classification."""
    if not unit:
        return ""
    found = visit.once("letter_berkas", unit, lambda: lontar.records.containers(caller, unit))
    names = {hit.id: f"{hit.refcode} · {hit.title}" for hit in found}
    held = st.session_state.get(_key("into")) or ""
    options = ["", *names] + ([held] if held and held not in names else [])
    return (
        st.selectbox(
            t("letters_page_into"),
            options,
            key=_key("into"),
            format_func=labels(empty="letters_page_into_default", names={**names, held: held}),
        )
        or ""
    )


def lampiran() -> list:
    return (
        render.uploader(t("letters_page_lampiran"), "lf_lampiran", accept_multiple_files=True) or []
    )


def buttons(lontar: Lontar, caller: Caller, letter_id: str | None, chosen: dict, files) -> None:
    """Pratinjau, Simpan konsep and Ajukan; saving a new draft opens it by its id."""
    preview, save, submit = st.columns(3)
    if preview.button(t("letters_page_preview"), key="lf_preview"):
        st.session_state[PREVIEW] = lontar.letters.preview_fields(caller, chosen)
    saving = save.button(t("letters_page_save"), key="lf_save")
    submitting = submit.button(t("letters_page_save_submit"), key="lf_submit", type="primary")
    if not (saving or submitting):
        return
    if letter_id:
        lontar.letters.edit(caller, letter_id, chosen)
    else:
        letter_id = lontar.letters.draft(caller, chosen)
    for upload in files:
        lontar.letters.attach(caller, letter_id, upload.name, upload.getvalue())
    message = t("letters_page_saved")
    if submitting:
        state = lontar.letters.submit(caller, letter_id)
        message = t("letters_page_done_submit", state=letters.state_text(state))
    st.session_state[letters.NOTICE] = message
    st.session_state.pop(LOADED, None)
    registry.LETTERS.switch({"id": letter_id})


def shown_preview() -> None:
    data = st.session_state.get(PREVIEW)
    if data is None:
        st.info(t("letters_page_preview_none"))
        return
    letters.pdf(data, "konsep.pdf", "lf_preview_pdf")
