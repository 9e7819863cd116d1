"""EAD 2002 (urn:isbn:1-931666-22-9) of the public catalogue: a finding aid of a whole public
subtree (`fonds_ead`, a download and `lontar export-ead`) and a minimal one of a single record
(`record_ead`, OAI-PMH's `oai_ead`, harvest.py).

Built from the public projection (`views.node_dict` / `views.tree_dict`) and nothing else, so
the file shows exactly what the catalogue shows; valid against the Library of Congress's
ead.xsd (tests/schemas/). An element whose text would be empty is left out (EAD refuses some
empty ones, an empty <p> among them). The ISAD(G) mapping is in docs/exchange-formats.md.

A fonds can hold 100,000 items: `fonds_ead` writes through lxml's incremental writer, one
component after another, and reads `children` as any iterable (a list, or a generator that
reads the database as it goes), so its memory grows with the depth of the tree, not its size.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain

from babel.core import Locale, get_global
from lxml import etree

from repository.catalogue.dc import date_range, xml_text
from repository.core import clock

EAD = "urn:isbn:1-931666-22-9"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
EAD_SCHEMA = "http://www.loc.gov/ead/ead.xsd"
NSMAP = {None: EAD, "xlink": XLINK, "xsi": XSI}
COUNTRY = "ID"  # ISO 3166-1: every Pemda is Indonesian
TEXT_LANGUAGE = "ind"  # the language the finding aid's own text is in (ISO 639-2)
HEADER = {
    "langencoding": "iso639-2b",
    "scriptencoding": "iso15924",
    "dateencoding": "iso8601",
    "countryencoding": "iso3166-1",
    "repositoryencoding": "iso15511",
}
# ISO 15511 (ISIL) as EAD's schema takes it: country, "-", up to 11 characters. A Pemda code
# such as ID-KC is one; another is not written as an agency code.
AGENCY_CODE = re.compile(r"^ID-[A-Za-z0-9:/\-]{1,11}$")
# the subset of ISO 8601 the schema's `normal` accepts (years 0000-2999)
NORMAL_DATE = re.compile(r"^[0-2]\d{3}-\d{2}-\d{2}$")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def fonds_ead(tree: dict, institution: dict, created: str | None = None) -> bytes:
    """The finding aid of a public subtree (`views.tree_dict` of a fonds, series or berkas) as
    a UTF-8 EAD 2002 file: eadheader, archdesc at the tree's level, and the public records
    below as nested <c> in <dsc>. `institution` = {"name", "code", "url"} of the Pemda;
    `created` is the moment in profiledesc/creation (default: now, from the one clock)."""
    buffer = io.BytesIO()
    with etree.xmlfile(buffer, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(_q("ead"), {f"{{{XSI}}}schemaLocation": f"{EAD} {EAD_SCHEMA}"}, NSMAP):
            out = _Stream(xf)
            _header(out, tree, institution, created)
            _archdesc(out, tree, institution)
            xf.write("\n")
    buffer.write(b"\n")
    return buffer.getvalue()


def record_ead(node: dict, institution: dict, created: str | None = None) -> etree._Element:
    """A minimal valid <ead> of one public record (`views.node_dict`): its header and an
    archdesc at its own level, without the records below (OAI-PMH's `oai_ead`)."""
    root = etree.Element(_q("ead"), nsmap=NSMAP)
    root.set(f"{{{XSI}}}schemaLocation", f"{EAD} {EAD_SCHEMA}")
    out = _Tree(root)
    _header(out, node, institution, created)
    _archdesc(out, {**node, "children": ()}, institution)
    return root


# -- two writers with one interface: a tree in memory, or a stream ------------------------------
class _Tree:
    """Builds lxml elements under `root` (one record: small)."""

    def __init__(self, root: etree._Element) -> None:
        self.stack = [root]

    @contextmanager
    def element(self, tag: str, attrs: dict | None = None) -> Iterator[None]:
        self.stack.append(etree.SubElement(self.stack[-1], _q(tag), _attrs(attrs)))
        try:
            yield
        finally:
            self.stack.pop()

    def leaf(self, tag: str, text: str, attrs: dict | None = None) -> None:
        etree.SubElement(self.stack[-1], _q(tag), _attrs(attrs)).text = text


class _Stream:
    """Writes each element as it comes (lxml's xmlfile), indented by depth."""

    def __init__(self, xf) -> None:
        self.xf = xf
        self.depth = 1

    @contextmanager
    def element(self, tag: str, attrs: dict | None = None) -> Iterator[None]:
        self._indent()
        with self.xf.element(_q(tag), _attrs(attrs)):
            self.depth += 1
            yield
            self.depth -= 1
            self._indent()

    def leaf(self, tag: str, text: str, attrs: dict | None = None) -> None:
        self._indent()
        with self.xf.element(_q(tag), _attrs(attrs)):
            self.xf.write(text)

    def _indent(self) -> None:
        self.xf.write("\n" + "  " * self.depth)


def _q(tag: str) -> str:
    """`dao` -> the EAD-qualified name; `xlink:href` -> the XLink-qualified one."""
    if tag.startswith("xlink:"):
        return f"{{{XLINK}}}{tag[6:]}"
    return f"{{{EAD}}}{tag}"


def _attrs(attrs: dict | None) -> dict:
    return {_q(k) if k.startswith("xlink:") else k: v for k, v in (attrs or {}).items() if v}


# -- the parts ------------------------------------------------------------------------------
def _header(out, node: dict, institution: dict, created: str | None) -> None:
    """eadheader: the finding aid's identity (its permanent URL), title, publisher, when it
    was made and in which language it is written."""
    moment = created or clock.now().isoformat(timespec="seconds")
    day = moment[:10]
    eadid = {
        "countrycode": COUNTRY,
        "mainagencycode": _agency(institution),
        "url": xml_text(node.get("url")),
        "identifier": xml_text(node.get("id")),
    }
    with out.element("eadheader", HEADER):
        out.leaf("eadid", xml_text(node.get("refcode")), eadid)
        with out.element("filedesc"):
            with out.element("titlestmt"):
                out.leaf("titleproper", xml_text(node.get("title")))
            with out.element("publicationstmt"):
                if xml_text(institution.get("name")):
                    out.leaf("publisher", xml_text(institution.get("name")))
                out.leaf("date", day, {"normal": day if NORMAL_DATE.match(day) else ""})
        with out.element("profiledesc"):
            with out.element("creation"):
                out.leaf("date", moment, {"normal": day if NORMAL_DATE.match(day) else ""})
            with out.element("langusage"):
                _language(out, TEXT_LANGUAGE)


def _archdesc(out, tree: dict, institution: dict) -> None:
    with out.element("archdesc", {"level": tree.get("level") or "otherlevel"}):
        _did(out, tree, institution, None)
        _notes(out, tree, top=True)
        children = iter(tree.get("children") or ())
        first = next(children, None)
        if first is not None:
            with out.element("dsc", {"type": "combined"}):
                for child in chain([first], children):
                    _component(out, child, tree)


def _component(out, node: dict, parent: dict) -> None:
    """One public record below the top as <c level=...>, and the public records below it.
    Recursion goes as deep as the tree (fonds > series > berkas > item), never as wide."""
    with out.element("c", {"level": node.get("level"), "id": f"lontar-{node.get('id')}"}):
        _did(out, node, None, parent)
        _notes(out, node, top=False)
        for child in node.get("children") or ():
            _component(out, child, node)


def _did(out, node: dict, institution: dict | None, parent: dict | None) -> None:
    """The descriptive identification (ISAD(G) 3.1, 3.2.1, 3.4.3). At the top: everything,
    with the repository; below: what a component adds to its parent's."""
    own = node.get("description") or {}
    top = parent is None
    with out.element("did"):
        out.leaf("unitid", xml_text(node.get("refcode")), _unitid(node, institution))
        out.leaf("unittitle", xml_text(node.get("title")), {"encodinganalog": "3.1.2"})
        dates = date_range(node)
        if dates:
            normal = dates if all(NORMAL_DATE.match(d) for d in dates.split("/")) else ""
            attrs = {"normal": normal, "era": "ce", "calendar": "gregorian"}
            out.leaf("unitdate", dates, {**attrs, "encodinganalog": "3.1.3"})
        if xml_text(own.get("extent")):
            with out.element("physdesc", {"encodinganalog": "3.1.5"}):
                out.leaf("extent", xml_text(own.get("extent")))
        creator = xml_text(node.get("creator") if top else own.get("creator"))
        if creator:
            with out.element("origination", {"encodinganalog": "3.2.1"}):
                out.leaf("corpname", creator)
        languages = list(node.get("languages") or ())
        if languages and (top or languages != list(parent.get("languages") or ())):
            with out.element("langmaterial", {"encodinganalog": "3.4.3"}):
                for code in languages:
                    _language(out, code)
        if institution is not None and xml_text(institution.get("name")):
            with out.element("repository"):
                out.leaf("corpname", xml_text(institution.get("name")))
        if node.get("digital"):
            out.leaf("dao", "", _dao(node))


def _unitid(node: dict, institution: dict | None) -> dict:
    attrs = {"encodinganalog": "3.1.1", "identifier": xml_text(node.get("id"))}
    if institution is not None:
        attrs.update(countrycode=COUNTRY, repositorycode=_agency(institution))
    return attrs


def _dao(node: dict) -> dict:
    """The digital object: the record's permanent URL, where the catalogue shows its file."""
    files = node.get("files") or []
    first = files[0] if files else {}
    return {
        "xlink:type": "simple",
        "xlink:href": xml_text(node.get("url")),
        "xlink:role": xml_text(first.get("media_type")),
        "xlink:title": xml_text(first.get("filename")),
        "xlink:show": "new",
        "xlink:actuate": "onRequest",
    }


def _notes(out, node: dict, top: bool) -> None:
    """bioghist, scopecontent, accessrestrict, userestrict, controlaccess: each only when it
    has text. The conditions below the top are written where a description sets them."""
    own = node.get("description") or {}
    access = node.get("access_conditions") if top else own.get("access_conditions")
    reproduction = (
        node.get("reproduction_conditions") if top else own.get("reproduction_conditions")
    )
    scope = [own.get("scope_content"), node.get("scope")]
    if scope[0] == scope[1]:
        scope = scope[:1]
    _block(out, "bioghist", [own.get("admin_history")], "3.2.2")
    _block(out, "scopecontent", scope, "3.3.1")
    _block(out, "accessrestrict", [access], "3.4.1")
    _block(out, "userestrict", [reproduction], "3.4.2")
    classification = xml_text(node.get("classification"))
    if classification:
        with out.element("controlaccess"):
            out.leaf("subject", classification, {"source": "klasifikasi-arsip"})


def _block(out, tag: str, texts: Iterable[str | None], analog: str) -> None:
    paragraphs = [p for text in texts for p in _paragraphs(text)]
    if paragraphs:
        with out.element(tag, {"encodinganalog": analog}):
            for paragraph in paragraphs:
                out.leaf("p", paragraph)


def _paragraphs(text: str | None) -> list[str]:
    """A text's paragraphs (split at blank lines), each non-empty."""
    return [p for part in PARAGRAPH_BREAK.split(xml_text(text)) if (p := part.strip())]


def _language(out, code: str) -> None:
    """<language langcode=...>name</language>: the code only where ISO 639-2 (as EAD's schema
    lists it) knows it, the name in the finding aid's language where Babel has one."""
    code = xml_text(code).lower()
    known = code in ISO_639_2
    out.leaf("language", _language_name(code) or code, {"langcode": code if known else ""})


def _language_name(code: str) -> str:
    key = get_global("language_aliases").get(code, code)
    return Locale("id").languages.get(key, "")


def _agency(institution: dict) -> str:
    code = xml_text(institution.get("code"))
    return code if AGENCY_CODE.match(code) else ""


# ISO 639-2 codes (bibliographic and terminology) as the EAD 2002 schema enumerates them for
# `langcode`; an unlisted code is written as text only.
ISO_639_2_CODES = (
    "aar abk ace ach ada ady afa afh afr aka akk alb ale alg amh ang apa ara arc arg arm arn "
    "arp art arw asm ast ath aus ava ave awa aym aze bad bai bak bal bam ban baq bas bat bej "
    "bel bem ben ber bho bih bik bin bis bla bnt bod bos bra bre btk bua bug bul bur byn cad "
    "cai car cat cau ceb cel ces cha chb che chg chi chk chm chn cho chp chr chu chv chy cmc "
    "cop cor cos cpe cpf cpp cre crh crp csb cus cym cze dak dan dar day del den deu dgr din "
    "div doi dra dsb dua dum dut dyu dzo efi egy eka ell elx eng enm epo est eus ewe ewo fan "
    "fao fas fat fij fil fin fiu fon fra fre frm fro fry ful fur gaa gay gba gem geo ger gez "
    "gil gla gle glg glv gmh goh gon gor got grb grc gre grn guj gwi hai hat hau haw heb her "
    "hil him hin hit hmn hmo hrv hsb hun hup hye iba ibo ice ido iii ijo iku ile ilo ina inc "
    "ind ine inh ipk ira iro isl ita jav jbo jpn jpr jrb kaa kab kac kal kam kan kar kas kat "
    "kau kaw kaz kbd kha khi khm kho kik kin kir kmb kok kom kon kor kos kpe krc kro kru kua "
    "kum kur kut lad lah lam lao lat lav lez lim lin lit lol loz ltz lua lub lug lui lun luo "
    "lus mac mad mag mah mai mak mal man mao map mar mas may mdf mdr men mga mic min mis mkd "
    "mkh mlg mlt mnc mni mno moh mol mon mos mri msa mul mun mus mwl mwr mya myn myv nah nai "
    "nap nau nav nbl nde ndo nds nep new nia nic niu nld nno nob nog non nor nso nub nwc nya "
    "nym nyn nyo nzi oci oji ori orm osa oss ota oto paa pag pal pam pan pap pau peo per phi "
    "phn pli pol pon por pra pro pus que raj rap rar roa roh rom ron rum run rus sad sag sah "
    "sai sal sam san sas sat scc scn sco scr sel sem sga sgn shn sid sin sio sit sla slk slo "
    "slv sma sme smi smj smn smo sms sna snd snk sog som son sot spa sqi srd srp srr ssa ssw "
    "suk sun sus sux swa swe syr tah tai tam tat tel tem ter tet tgk tgl tha tib tig tir tiv "
    "tkl tlh tli tmh tog ton tpi tsi tsn tso tuk tum tup tur tut tvl twi tyv udm uga uig ukr "
    "umb und urd uzb vai ven vie vol vot wak wal war was wel wen wln wol xal xho yao yap yid "
    "yor ypk zap zen zha zho znd zul zun"
)
ISO_639_2 = frozenset(ISO_639_2_CODES.split())
