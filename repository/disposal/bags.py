"""The hand-over package (penyerahan) as a BagIt bag (RFC 8493): what the regional archive
receives and can check without Lontar.

    <bag>/bagit.txt, bag-info.txt, manifest-sha256.txt, manifest-sha512.txt, tagmanifest-*
    <bag>/data/ead.xml                               the finding aid of the whole hand-over
    <bag>/data/records/<id>/dc.xml                   Dublin Core of each record
    <bag>/data/records/<id>/files/<n>-<file name>    each file as uploaded (sealed ones opened)
    <bag>/data/pernyataan-keaslian.pdf, berita-acara-penyerahan.pdf

The bag is validated with the `bagit` library before it is handed out, and each file's
SHA-256 in the manifest is compared with the one Lontar recorded at upload, so a file that
changed in storage is caught here rather than at the archive.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import bagit

from repository.core import clock
from repository.core.errors import LontarError

DC = "http://purl.org/dc/elements/1.1/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
EAD = "urn:isbn:1-931666-22-9"
ET.register_namespace("dc", DC)
ET.register_namespace("oai_dc", OAI_DC)
ET.register_namespace("", EAD)
LEVELS = {"fonds": "fonds", "series": "series", "file": "file", "item": "item"}


@dataclass
class BagFile:
    name: str
    data: bytes
    sha256: str  # as recorded at upload


@dataclass
class BagRecord:
    """One record as it goes into the bag: its description and its files."""

    meta: dict  # id, refcode, title, date_start, date_end, code, code_name, unit, unit_name,
    # level, security, description, disposition
    files: list[BagFile]


def safe_name(name: str) -> str:
    """File names as uploaded may hold anything; in the bag they must be portable."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "berkas"
    return cleaned[:120]


# What XML 1.0 does not allow in a document at all (C0 controls but tab, LF and CR; lone
# surrogates; U+FFFE/U+FFFF), and what it discourages (DEL, C1 controls): removed from every
# value written, whatever the record holds (records written before input was cleaned, a
# Pemda name, a unit's name). ElementTree escapes `<`, `&` and `>` itself (`]]>` included).
NOT_XML = re.compile(r"[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value) -> str:
    """Any value as text an XML 1.0 parser accepts (once ElementTree has escaped it)."""
    return NOT_XML.sub("", "" if value is None else str(value))


def one_line(value) -> str:
    """A value for bag-info.txt, whose lines are `Label: value`: no control character, and
    every run of blanks or line breaks one space."""
    return " ".join(xml_text(value).split())


def _element(parent: ET.Element, tag: str, text=None, **attributes) -> ET.Element:
    """A child element whose text and attributes are XML-safe, whatever they held."""
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def dublin_core(meta: dict, pemda_name: str) -> bytes:
    root = ET.Element(f"{{{OAI_DC}}}dc")
    dates = "/".join(d for d in (meta.get("date_start"), meta.get("date_end")) if d)
    for name, value in (
        ("identifier", meta["refcode"]),
        ("identifier", f"lontar:{meta['id']}"),
        ("title", meta["title"]),
        ("creator", meta.get("unit_name") or meta["unit"]),
        ("publisher", pemda_name),
        ("date", dates),
        ("subject", " ".join(filter(None, (meta.get("code"), meta.get("code_name"))))),
        ("description", meta.get("description", "")),
        ("type", meta["level"]),
        ("rights", f"Klasifikasi keamanan: {meta['security']}"),
        ("language", "id"),
    ):
        if xml_text(value).strip():
            _element(root, f"{{{DC}}}{name}", value)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def finding_aid(handover: dict, records: list[BagRecord], pemda_name: str) -> bytes:
    """EAD 2002: the hand-over as a collection, each record a component with its files."""
    ead = ET.Element(f"{{{EAD}}}ead")
    header = _element(ead, f"{{{EAD}}}eadheader")
    _element(header, f"{{{EAD}}}eadid", handover["id"])
    title = _element(_element(header, f"{{{EAD}}}filedesc"), f"{{{EAD}}}titlestmt")
    _element(
        title, f"{{{EAD}}}titleproper", f"Daftar arsip statis yang diserahkan {handover['id']}"
    )
    archdesc = _element(ead, f"{{{EAD}}}archdesc", level="collection")
    did = _element(archdesc, f"{{{EAD}}}did")
    _element(did, f"{{{EAD}}}unittitle", f"Arsip statis {handover['source']}")
    _element(did, f"{{{EAD}}}repository", pemda_name)
    _element(did, f"{{{EAD}}}unitid", handover["id"])
    dsc = _element(archdesc, f"{{{EAD}}}dsc")
    for item in records:
        meta = item.meta
        component = _element(dsc, f"{{{EAD}}}c", level=LEVELS.get(meta["level"], "otherlevel"))
        cdid = _element(component, f"{{{EAD}}}did")
        _element(cdid, f"{{{EAD}}}unitid", meta["refcode"])
        _element(cdid, f"{{{EAD}}}unittitle", meta["title"])
        dates = "/".join(d for d in (meta.get("date_start"), meta.get("date_end")) if d)
        if dates:
            _element(cdid, f"{{{EAD}}}unitdate", dates, normal=dates)
        for position, f in enumerate(item.files):
            href = f"records/{meta['id']}/files/{_file_name(position, f)}"
            _element(cdid, f"{{{EAD}}}dao", href=href)
        if xml_text(meta.get("description")).strip():
            scope = _element(component, f"{{{EAD}}}scopecontent")
            _element(scope, f"{{{EAD}}}p", meta["description"])
    return ET.tostring(ead, encoding="utf-8", xml_declaration=True)


def _file_name(position: int, f: BagFile) -> str:
    return f"{position + 1}-{safe_name(f.name)}"


def write_bag(
    target: Path,
    handover: dict,
    records: Iterable[BagRecord],
    documents: dict[str, bytes],
    pemda_name: str,
) -> Path:
    """Writes and validates the bag in `target` (which must not exist); returns it. Records
    are written one at a time as they come, so a large hand-over is never all in memory."""
    target.mkdir(parents=True)
    for name, data in documents.items():
        (target / name).write_bytes(data)
    expected, described = {}, []
    for item in records:
        folder = target / "records" / item.meta["id"]
        (folder / "files").mkdir(parents=True)
        (folder / "dc.xml").write_bytes(dublin_core(item.meta, pemda_name))
        for position, f in enumerate(item.files):
            (folder / "files" / _file_name(position, f)).write_bytes(f.data)
            expected[f"data/records/{item.meta['id']}/files/{_file_name(position, f)}"] = f.sha256
        described.append(BagRecord(item.meta, [BagFile(f.name, b"", f.sha256) for f in item.files]))
    (target / "ead.xml").write_bytes(finding_aid(handover, described, pemda_name))
    bag = bagit.make_bag(
        str(target),
        {
            label: one_line(value)
            for label, value in {
                "Source-Organization": pemda_name,
                "External-Identifier": handover["id"],
                "External-Description": f"Penyerahan arsip statis {handover['source']} "
                f"kepada {handover['target']}",
                "Bagging-Date": clock.today().isoformat(),
                "Bag-Group-Identifier": handover["source"],
            }.items()
        },
        checksums=["sha256", "sha512"],
    )
    check_bag(target, expected)
    return Path(bag.path)


def check_bag(path: Path, expected: dict[str, str] | None = None) -> None:
    """Raises `LontarError("bag_invalid")` when the bag or a file's recorded digest is off."""
    try:
        bag = bagit.Bag(str(path))
        bag.validate()
    except bagit.BagError as exc:
        raise LontarError("bag_invalid", reason=str(exc)[:300]) from None
    manifest = bag.payload_entries()
    for name, sha256 in (expected or {}).items():
        if manifest.get(name, {}).get("sha256") != sha256:
            raise LontarError("bag_invalid", reason=f"{name}: SHA-256")


def zip_bag(path: Path) -> Path:
    """The bag as one zip beside it, for download."""
    return Path(shutil.make_archive(str(path), "zip", root_dir=path.parent, base_dir=path.name))
