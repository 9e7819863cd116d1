"""The OAI-PMH data provider's entry (`oai`), served at `/oai` (ui/web.py). OWNED BY HELPER B."""

from __future__ import annotations


class Harvest:
    pass
