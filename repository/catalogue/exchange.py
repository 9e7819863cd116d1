"""EAD 2002 per fonds and Dublin Core per record: downloads and `lontar export-ead` /
`lontar export-dc` (ead.py and dc.py build the XML). OWNED BY HELPER A."""

from __future__ import annotations


class Exchange:
    pass
