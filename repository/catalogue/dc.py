"""Dublin Core of one public record: the `oai_dc:dc` element OAI-PMH requires (harvest.py
serves it) and the same as a file to download (`lontar export-dc`).

Built from the public projection (`views.node_dict`) and nothing else, so a harvester sees
exactly what the catalogue shows: no class, location, flags or staff notes. Simple
(unqualified) DC has fifteen elements, each repeatable and optional; an element whose value is
empty is left out. The mapping (docs/exchange-formats.md):

    title        the record's title
    creator      ISAD(G) 3.2.1: the nearest description's creator, else the OPD's name
    subject      the classification code (kode klasifikasi), when the record has one
    description  ISAD(G) 3.3.1 scope and content, and the record's own description
    publisher    the institution (the Pemda) that holds the records
    date         ISO 8601: `start`, or the range `start/end`
    type         DCMI Type ("Collection" for a fonds, series or berkas, "Text" for an item),
                 then the ISAD(G) level in words ("fonds", "series", "file", "item")
    format       ISAD(G) 3.1.5 extent and medium; the media types of the files
    identifier   the reference code, and the permanent URL
    language     ISO 639-2 codes
    relation     the permanent URL of the public record it is part of
    rights       ISAD(G) 3.4.1 and 3.4.2: conditions of access and of reproduction
"""

from __future__ import annotations

import re

from lxml import etree

from repository.catalogue.views import PERMANENT_PREFIX

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
NSMAP = {"oai_dc": OAI_DC, "dc": DC, "xsi": XSI}
AGGREGATES = ("fonds", "series", "file")  # DCMI "Collection"; an item is "Text"

# what XML 1.0 cannot carry at all: C0 controls but tab, newline and return, lone surrogates
# and the two non-characters U+FFFE / U+FFFF (lxml refuses them with a ValueError)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Text any XML 1.0 document can carry, stripped. Records strip control characters when
    they are written; an export still never fails on one written before that rule."""
    return NOT_XML.sub("", str(value or "")).strip()


def date_range(node: dict) -> str:
    """ISO 8601 `start/end`, `start` alone, or "" (a record without dates)."""
    start, end = node.get("date_start"), node.get("date_end")
    if start and end and end != start:
        return f"{start}/{end}"
    return start or end or ""


def parent_url(node: dict) -> str:
    """The permanent URL of the public record this one is part of ("" at the top): built like
    the node's own (`views.permanent_path`), on the same base."""
    parent = node.get("parent")
    if not parent:
        return ""
    url = node.get("url") or ""
    base = url.split(PERMANENT_PREFIX, 1)[0] if PERMANENT_PREFIX in url else url
    return f"{base}{PERMANENT_PREFIX}{parent}"


def dc_values(node: dict, institution: str = "") -> list[tuple[str, str]]:
    """The (element, value) pairs in the order they are written, empty ones left out."""
    own = node.get("description") or {}
    scope_content = own.get("scope_content", "")
    media = dict.fromkeys(f["media_type"] for f in node.get("files", ()) if f.get("media_type"))
    pairs = [
        ("title", node.get("title")),
        ("creator", node.get("creator")),
        ("subject", node.get("classification")),
        ("description", scope_content),
        ("description", node.get("scope") if node.get("scope") != scope_content else ""),
        ("publisher", institution),
        ("date", date_range(node)),
        ("type", "Collection" if node.get("level") in AGGREGATES else "Text"),
        ("type", node.get("level")),
        ("format", own.get("extent", "")),
        *(("format", media_type) for media_type in media),
        ("identifier", node.get("refcode")),
        ("identifier", node.get("url")),
        *(("language", code) for code in node.get("languages", ())),
        ("relation", parent_url(node)),
        ("rights", node.get("access_conditions")),
        ("rights", node.get("reproduction_conditions")),
    ]
    return [(name, text) for name, value in pairs if (text := xml_text(value))]


def record_dc(node: dict, institution: str = "") -> etree._Element:
    """The `oai_dc:dc` element of one public record (`views.node_dict`), valid against the
    OAI's oai_dc.xsd; `institution` is the publisher (the Pemda's name)."""
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap=NSMAP)
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {OAI_DC_SCHEMA}")
    for name, text in dc_values(node, institution):
        etree.SubElement(root, f"{{{DC}}}{name}").text = text
    return root


def dc_document(node: dict, institution: str = "") -> bytes:
    """`record_dc` as a whole UTF-8 XML file, indented, for a download or `lontar export-dc`."""
    root = record_dc(node, institution)
    etree.indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
