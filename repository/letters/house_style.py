"""How the Pemda's letters look: the naskah dinas types and their templates, each unit's kop
(letterhead), and the letter settings (the city letters are dated at, the two signature
footers). Anyone in letters reads them (forms and previews need them); only those who manage
letters change them, and a template is checked in the sandbox before it is kept.
"""

from __future__ import annotations

import dataclasses

from repository.core.content import Pemda
from repository.core.db import reading
from repository.core.errors import InvalidInput
from repository.core.security import Caller
from repository.letters import (
    catalogue,
    messages,  # noqa: F401  (registers the catalogue)
    rendering,
    views,
)
from repository.letters.model import Kop, Registry, registry_of
from repository.letters.service_base import LetterBase

FOOTER_CERTIFIED = "letters.footer_certified"
FOOTER_LOCAL = "letters.footer_local"
CITY = "letters.city"
SETTINGS = (CITY, FOOTER_CERTIFIED, FOOTER_LOCAL)


class HouseStyle(LetterBase):
    def letter_types(self, caller: Caller) -> list[dict]:
        self.require(caller, "letters")
        self._ensure_seeded()
        with reading(self.db) as root:
            registry = self._pemda(root).letters
            return [
                {**catalogue.type_fields(t), "custom_template": bool(t.template)}
                for t in catalogue.list_types(registry)
            ]

    def save_type(self, caller: Caller, code: str, fields: dict) -> dict:
        """Adds or changes a type; a template is checked in the sandbox before it is kept,
        and only once the caller is known to manage letters: checking runs the template and
        WeasyPrint, work nobody else may make the server do."""
        self._ensure_seeded()
        with reading(self.db) as root:
            self._manage(caller, self._pemda(root))
        if fields.get("template"):
            rendering.check_template(fields["template"])

        def change(pemda: Pemda) -> dict:
            self._manage(caller, pemda)
            saved = catalogue.save_type(registry_of(pemda), code, fields)
            return catalogue.type_fields(saved)

        def entries(saved: dict) -> list:
            changed = sorted(k for k in fields if k != "template")
            found = [("letter_type_saved", f"lettertype:{saved['code']}", {"fields": changed})]
            if "template" in fields:
                found.append(("letter_template_saved", f"lettertype:{saved['code']}", {}))
            return found

        return self._write(caller, change, f"letter type {code}", audit=entries)

    def type_template(self, caller: Caller, code: str) -> str:
        """The type's own template, or the built-in one of its layout (what an editor starts
        from)."""
        self.require(caller, "letters")
        self._ensure_seeded()
        with reading(self.db) as root:
            found = catalogue.find_type(self._pemda(root).letters, code)
            return found.template or rendering.builtin_template(found.layout)

    def template_sample(self, caller: Caller, code: str) -> bytes:
        """The type's template drawn from a sample letter (the template editor's preview):
        the type's paper and font, a final letter with QR and footer."""
        self.require(caller, "letters")
        self._ensure_seeded()
        with reading(self.db) as root:
            found = catalogue.find_type(self._pemda(root).letters, code)
            layout, template = found.layout, found.template
            sample = dataclasses.replace(
                rendering.sample_view(layout),
                font=found.font,
                paper=found.paper,
                type_name=found.name,
                group=found.group,
            )
        return rendering.render(sample, template).pdf

    def kop(self, caller: Caller, unit: str) -> dict:
        self.require(caller, "letters")
        code = (unit or "").upper()
        with reading(self.db) as root:
            pemda = self._pemda(root)
            registry = pemda.letters or Registry()
            found = views.kop_of(pemda, registry, code)
            return {
                "unit": code,
                "lines": list(found.lines),
                "address": found.address,
                "contact": found.contact,
                "logo": found.logo,
                "logo_type": found.logo_type,
                "own": code in registry.kops,
            }

    def save_kop(
        self,
        caller: Caller,
        unit: str,
        lines,
        address: str,
        contact: str,
        logo: bytes = b"",
        logo_type: str = "",
    ) -> None:
        """A unit's letterhead ("" is the Pemda's, used by units without one)."""
        kept = tuple(line.strip() for line in lines or () if line and line.strip())
        if not kept:
            raise InvalidInput("letter_kop_lines_required")
        if logo:
            rendering.logo_mime(logo_type)

        def change(pemda: Pemda) -> None:
            self._manage(caller, pemda, unit or None)
            kop = Kop(kept, (address or "").strip(), (contact or "").strip())
            kop.logo, kop.logo_type = bytes(logo or b""), logo_type if logo else ""
            registry_of(pemda).kops[(unit or "").upper()] = kop

        self._write(
            caller,
            change,
            f"kop {unit}",
            audit=lambda _: [
                ("kop_saved", f"unit:{(unit or '').upper() or '*'}", {"lines": len(kept)})
            ],
        )

    def letter_settings(self, caller: Caller) -> dict:
        """The city letters are dated at and the two footers (empty: the defaults)."""
        self.require(caller, "letters")
        with reading(self.db) as root:
            pemda = self._pemda(root)
            return {
                "city": views.city(pemda),
                **{k: pemda.settings.get(k, "") for k in SETTINGS},
            }

    def save_letter_settings(self, caller: Caller, values: dict) -> None:
        unknown = sorted(set(values) - set(SETTINGS))
        if unknown:
            raise InvalidInput("letter_setting_unknown", name=unknown[0])

        def change(pemda: Pemda) -> None:
            self._manage(caller, pemda)
            for key, value in values.items():
                pemda.settings[key] = str(value or "").strip()

        self._write(
            caller,
            change,
            "letter settings",
            audit=lambda _: [
                ("letter_settings_saved", "signing:settings", {"names": sorted(values)})
            ],
        )
