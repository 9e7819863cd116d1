"""Validation against the official XML schemas shipped in tests/schemas/ (no network).

The exchange formats (EAD 2002, Dublin Core) and the OAI-PMH responses are only as good as a
harvester's validator says; these are the schemas a harvester uses, copied unmodified except for
import locations that point at the local files (tests/schemas/README.md names each origin).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas"
FILES = {"OAI-PMH": "OAI-PMH.xsd", "oai_dc": "oai_dc.xsd", "ead": "ead.xsd"}
NAMESPACES = {
    "OAI-PMH": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "ead": "urn:isbn:1-931666-22-9",
}


@cache
def schema(name: str) -> etree.XMLSchema:
    """The compiled schema `name` ("OAI-PMH", "oai_dc" or "ead"), compiled once per run.

    "OAI-PMH" is the protocol's schema together with oai_dc.xsd and ead.xsd: a response's
    <metadata> is a strict wildcard, so a validator must know the formats inside it, and
    GetRecord and ListRecords are then checked down to every Dublin Core and EAD element."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    if name != "OAI-PMH":
        return etree.XMLSchema(etree.parse(str(SCHEMAS / FILES[name]), parser))
    imports = "".join(
        f'<xs:import namespace="{NAMESPACES[n]}" schemaLocation="{FILES[n]}"/>' for n in FILES
    )
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    base = str(SCHEMAS / "harvest-formats.xsd")  # not a file: where the imports are resolved
    return etree.XMLSchema(etree.fromstring(wrapper, parser, base_url=base))


def validate(xml: bytes | etree._Element | etree._ElementTree, name: str) -> None:
    """Raise AssertionError with lxml's error log unless `xml` is valid against schema `name`.

    Bytes are parsed without network or entity expansion, as a careful harvester would.
    """
    if isinstance(xml, bytes | str):
        data = xml.encode() if isinstance(xml, str) else xml
        parser = etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True)
        xml = etree.fromstring(data, parser)
    checker = schema(name)
    if not checker.validate(xml):
        errors = "\n".join(f"line {e.line}: {e.message}" for e in list(checker.error_log)[:20])
        raise AssertionError(f"not valid against {FILES[name]}:\n{errors}")
