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
        if value:
            ET.SubElement(root, f"{{{DC}}}{name}").text = value
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def finding_aid(handover: dict, records: list[BagRecord], pemda_name: str) -> bytes:
    """EAD 2002: the hand-over as a collection, each record a component with its files."""
    ead = ET.Element(f"{{{EAD}}}ead")
    header = ET.SubElement(ead, f"{{{EAD}}}eadheader")
    ET.SubElement(header, f"{{{EAD}}}eadid").text = handover["id"]
    title = ET.SubElement(ET.SubElement(header, f"{{{EAD}}}filedesc"), f"{{{EAD}}}titlestmt")
    ET.SubElement(
        title, f"{{{EAD}}}titleproper"
    ).text = f"Daftar arsip statis yang diserahkan {handover['id']}"
    archdesc = ET.SubElement(ead, f"{{{EAD}}}archdesc", level="collection")
    did = ET.SubElement(archdesc, f"{{{EAD}}}did")
    ET.SubElement(did, f"{{{EAD}}}unittitle").text = f"Arsip statis {handover['source']}"
    ET.SubElement(did, f"{{{EAD}}}repository").text = pemda_name
    ET.SubElement(did, f"{{{EAD}}}unitid").text = handover["id"]
    dsc = ET.SubElement(archdesc, f"{{{EAD}}}dsc")
    for item in records:
        meta = item.meta
        component = ET.SubElement(dsc, f"{{{EAD}}}c", level=LEVELS.get(meta["level"], "otherlevel"))
        cdid = ET.SubElement(component, f"{{{EAD}}}did")
        ET.SubElement(cdid, f"{{{EAD}}}unitid").text = meta["refcode"]
        ET.SubElement(cdid, f"{{{EAD}}}unittitle").text = meta["title"]
        dates = "/".join(d for d in (meta.get("date_start"), meta.get("date_end")) if d)
        if dates:
            ET.SubElement(cdid, f"{{{EAD}}}unitdate", normal=dates).text = dates
        for position, f in enumerate(item.files):
            ET.SubElement(
                cdid, f"{{{EAD}}}dao", href=f"records/{meta['id']}/files/{_file_name(position, f)}"
            )
        if meta.get("description"):
            scope = ET.SubElement(component, f"{{{EAD}}}scopecontent")
            ET.SubElement(scope, f"{{{EAD}}}p").text = meta["description"]
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
            "Source-Organization": pemda_name,
            "External-Identifier": handover["id"],
            "External-Description": f"Penyerahan arsip statis {handover['source']} "
            f"kepada {handover['target']}",
            "Bagging-Date": clock.today().isoformat(),
            "Bag-Group-Identifier": handover["source"],
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
