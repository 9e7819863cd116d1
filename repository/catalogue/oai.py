"""The OAI-PMH 2.0 data provider over the ledger (ledger.py). The protocol is oai-repo's
(request parsing, Identify, ListSets, ListMetadataFormats, resumption tokens); this module gives
it the data (`LedgerData`, its `DataInterface`) and replaces what it gets wrong:

- a deleted record's header carries no `status="deleted"` and ListRecords/GetRecord leave the
  record out altogether (`add_header`, `add_records`): here it is a header-only record;
- after a last page with a stale token it raises NameError (`token` unset); an unknown cursor
  or a token past the end gives noRecordsMatch instead of badResumptionToken;
- `from`/`until` of different granularity, `from` after `until`, `until` as a day (which must
  include that whole day) and non-padded dates are not checked;
- a KeyError while parsing arguments becomes badVerb; ListSets ignores a resumptionToken;
- responseDate comes from the system clock, not Lontar's one clock; the `request` element
  lacks the verb; a namespace that is a URN (EAD's) is refused as "not a URL".
Tokens carry no expiration (oai-repo writes one as an attribute the schema does not know).

Identifiers are `oai:<host>:<record id>` (the host of the public URL). Resumption: without
from/until a list is paged by position in the append-only `order` (or the set's order): such a
token survives new publications and the harvest ends with them. With from/until the list is
the ledger's datestamp range at one `generation`; any change of the ledger invalidates it
(badResumptionToken: start again from the last datestamp seen).
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import NamedTuple
from urllib.parse import urlsplit

from lxml import etree
from lxml.builder import ElementMaker
from oai_repo import (
    DataInterface,
    Identify,
    MetadataFormat,
    OAIRepository,
    RecordHeader,
    Set,
    getrecord,
    identify,
    listidentifiers,
    listmetadataformats,
    listrecords,
    listsets,
)
from oai_repo.error import OAIErrorResponse
from oai_repo.exceptions import (
    OAIError,
    OAIErrorBadArgument,
    OAIErrorBadResumptionToken,
    OAIErrorBadVerb,
    OAIErrorCannotDisseminateFormat,
    OAIErrorIdDoesNotExist,
    OAIErrorNoRecordsMatch,
)
from oai_repo.response import OAIResponse
from oai_repo.resumption import ResumptionToken

from repository.catalogue import dc, ead, ledger, publication, views
from repository.catalogue.ledger import Entry
from repository.catalogue.model import catalogue_of
from repository.core import clock
from repository.core.content import LEVELS, Pemda, Record
from repository.core.i18n import translate

LIMIT = 100  # records or headers per page
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
EARLIEST = "2000-01-01T00:00:00Z"  # earliestDatestamp while nothing was published yet
DOMAIN = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")  # oai-identifier.xsd
EMAIL = re.compile(r"\S+@(\S+\.)+\S+")  # OAI-PMH.xsd's emailType
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CACHED_LISTS = 8  # date-range lists kept per database (each at most one id per ledger entry)


class Format(MetadataFormat):
    def _metadata_namespace_failures(self) -> list[str]:
        return []  # a URI, not necessarily a URL: EAD 2002's is urn:isbn:1-931666-22-9


FORMATS = {
    "oai_dc": Format(
        "oai_dc",
        "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
        "http://www.openarchives.org/OAI/2.0/oai_dc/",
    ),
    "oai_ead": Format("oai_ead", "http://www.loc.gov/ead/ead.xsd", "urn:isbn:1-931666-22-9"),
}


class Identity(Identify):
    def errors(self) -> list[str]:
        """oai-repo's checks but two: the base URL and the address are Lontar's settings, and
        its URL and e-mail validators refuse some the schema takes (a host `arsip_kota`);
        the address is held to the schema's pattern (`EMAIL`) before it gets here."""
        refused = ("base_url", "invalid address")
        return [e for e in super().errors() if not e.startswith(refused)]


class View(NamedTuple):
    """One listed record as this request serves it."""

    entry: Entry
    record: Record | None
    live: bool  # served with metadata; else as deleted


def default_email(host: str) -> str:
    """`admin@<host>`; a host that is no domain name (localhost, an address) gives an address
    of the reserved localdomain, since the schema wants a dot after the @."""
    return f"admin@{host}" if DOMAIN.fullmatch(host) else "admin@localhost.localdomain"


class LedgerData(DataInterface):
    """oai-repo's data source for one request, inside one read transaction."""

    limit = LIMIT

    def __init__(self, pemda: Pemda, base_url: str, admin_email: str = "") -> None:
        self.pemda = pemda
        self.catalogue = catalogue_of(pemda)
        self.base_url = base_url.rstrip("/")
        self.host = urlsplit(self.base_url).hostname or "localhost"
        self.prefix = f"oai:{self.host}:"
        found = admin_email if EMAIL.fullmatch(admin_email or "") else ""
        self.admin_email = found or default_email(self.host)
        self.harvested_set: str | None = None
        self._identify: Identify | None = None
        self._views: dict[str, View] = {}

    # -- Identify, formats, sets ---------------------------------------------------------------
    def get_identify(self) -> Identify:
        if self._identify is None:
            self._identify = Identity(
                repository_name=translate("cat_oai_repository", "id", name=self.pemda.name),
                base_url=f"{self.base_url}/oai",
                admin_email=[self.admin_email],
                earliest_datestamp=self._earliest(),
                deleted_record="persistent",
                granularity=GRANULARITY,
                description=self._descriptions(),
            )
        return self._identify

    def _earliest(self) -> str:
        stamps = self.catalogue.stamps if self.catalogue is not None else None
        return stamps.minKey()[0] if stamps else EARLIEST

    def _descriptions(self) -> list:
        """The oai-identifier description, when the host is a domain name (the scheme's
        repositoryIdentifier must be one)."""
        if not DOMAIN.fullmatch(self.host):
            return []
        first = self._ids_at(None, 0, 1)
        make = ElementMaker(namespace=IDENTIFIER_NS, nsmap={None: IDENTIFIER_NS, "xsi": XSI})
        described = make(
            "oai-identifier",
            make.scheme("oai"),
            make.repositoryIdentifier(self.host),
            make.delimiter(":"),
            make.sampleIdentifier(f"{self.prefix}{first[0] if first else 'a2b3c4d5'}"),
        )
        described.set(f"{{{XSI}}}schemaLocation", f"{IDENTIFIER_NS} {IDENTIFIER_NS}.xsd")
        return [described]

    def is_valid_identifier(self, identifier: str) -> bool:
        """Every record ever public is known (its deletion too); no other id is."""
        record_id = self._record_id(identifier)
        return bool(record_id) and ledger.entry_of(self.catalogue, record_id) is not None

    def get_metadata_formats(self, identifier: str | None = None) -> list[MetadataFormat]:
        return list(FORMATS.values())

    def list_set_specs(self, identifier: str | None = None, cursor: int = 0) -> tuple:
        """Each level, and each OPD with a record that was ever public."""
        orders = (self.catalogue.set_order or {}) if self.catalogue is not None else {}
        opds = [spec for spec in orders if spec.startswith(ledger.OPD_SET)]
        return [*(f"{ledger.LEVEL_SET}{level}" for level in LEVELS), *opds], None, None

    def get_set(self, setspec: str) -> Set | None:
        kind, _, code = setspec.partition(":")
        if f"{kind}:" == ledger.LEVEL_SET and code in LEVELS:
            level = translate(f"level_{code}", "id")
            return Set(setspec, translate("cat_oai_level_set", "id", level=level), [])
        if f"{kind}:" != ledger.OPD_SET:
            return None
        unit = self.pemda.units.get(code)
        return Set(setspec, (unit.name if unit is not None else "") or code, [])

    # -- lists -----------------------------------------------------------------------------------
    def list_identifiers(
        self,
        metadataprefix: str,
        filter_from: datetime | None = None,
        filter_until: datetime | None = None,
        filter_set: str | None = None,
        cursor: int = 0,
    ) -> tuple:
        """A page of identifiers from `cursor`, the size of the whole list, and the state a
        token must match (None: a list by position, which only grows)."""
        self.harvested_set = filter_set or None
        if cursor < 0:
            raise OAIErrorBadResumptionToken("The resumptionToken is not one of this repository.")
        if filter_from is None and filter_until is None:
            total, state = self._size(self.harvested_set), None
            listed = None
        else:
            listed = self._ids_between(
                self.harvested_set, _stamp(filter_from), _stamp(filter_until)
            )
            total = len(listed)
            state = f"generation {self.catalogue.generation if self.catalogue else 0}"
        if cursor and cursor >= total:  # before any lookup: a forged cursor may be any size
            raise OAIErrorBadResumptionToken("The resumptionToken points past the list's end.")
        if listed is None:
            ids = self._ids_at(self.harvested_set, cursor, self.limit)
        else:
            ids = listed[cursor : cursor + self.limit]
        return [f"{self.prefix}{record_id}" for record_id in ids], total, state

    def _order(self, spec: str | None):
        if self.catalogue is None:
            return None
        return self.catalogue.order if spec is None else (self.catalogue.set_order or {}).get(spec)

    def _size(self, spec: str | None) -> int:
        return ledger.size(self._order(spec))

    def _ids_at(self, spec: str | None, cursor: int, count: int) -> list[str]:
        tree = self._order(spec)
        return list(tree.values(cursor + 1, cursor + count)) if tree is not None else []

    def _ids_between(self, spec: str | None, low: str | None, high: str | None) -> list[str]:
        """The ids whose datestamp lies in [low, high], in datestamp order (and of the set, or
        that left it): built once per ledger generation and kept, for the pages after."""
        if self.catalogue is None or self.catalogue.stamps is None:
            return []
        key = (self.catalogue.generation, spec, low, high)
        return _cached(self.pemda._p_jar.db(), key, lambda: self._between(spec, low, high))

    def _between(self, spec: str | None, low: str | None, high: str | None) -> list[str]:
        stamps = self.catalogue.stamps
        keys = stamps.keys((low,) if low else None, (high, "\uffff") if high else None)
        if spec is None:
            return [record_id for _, record_id in keys]
        entries = self.catalogue.ledger
        return [rid for _, rid in keys if _in_set(Entry._make(entries[rid]), spec)]

    # -- records -----------------------------------------------------------------------------
    def get_record_header(self, identifier: str) -> RecordHeader:
        entry, _, live = self._view(identifier)
        specs = list(entry.sets)
        if self.harvested_set and self.harvested_set not in specs:
            specs.append(self.harvested_set)  # listed as deleted in a set it left
        return RecordHeader(identifier, entry.datestamp, specs, None if live else "deleted")

    def get_record_metadata(self, identifier: str, metadataprefix: str) -> etree._Element | None:
        """The public projection (views.node_dict) in the format; None for a deleted record."""
        _, record, live = self._view(identifier)
        if not live:
            return None
        node = views.node_dict(record, self.base_url)
        if metadataprefix == "oai_dc":
            return dc.record_dc(node, self.pemda.name)
        institution = {"name": self.pemda.name, "code": self.pemda.code, "url": self.base_url}
        return ead.record_ead(node, institution)

    def get_record_abouts(self, identifier: str) -> list:
        return []

    def _view(self, identifier: str) -> View:
        """The ledger's entry checked against the live record: an entry the index has not
        caught up with (a record just withdrawn, reclassified or confined) is deleted now."""
        found = self._views.get(identifier)
        if found is None:
            record_id = self._record_id(identifier)
            entry = ledger.entry_of(self.catalogue, record_id)
            record = self.pemda.records.get(record_id)
            live = (
                record is not None
                and not entry.deleted
                and publication.is_public(record)
                and (self.harvested_set is None or self.harvested_set in entry.sets)
            )
            found = self._views[identifier] = View(entry, record, live)
        return found

    def _record_id(self, identifier: str) -> str:
        return identifier[len(self.prefix) :] if identifier.startswith(self.prefix) else ""


def _in_set(entry: Entry, spec: str) -> bool:
    return spec in entry.sets or spec in entry.former


def _stamp(moment: datetime | None) -> str | None:
    return moment.strftime(ledger.DATESTAMP) if moment is not None else None


_lists: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # DB -> OrderedDict
_lists_lock = threading.Lock()


def _cached(db, key: tuple, build: Callable[[], list[str]]) -> list[str]:
    with _lists_lock:
        kept = _lists.setdefault(db, OrderedDict())
        found = kept.get(key)
        if found is not None:
            kept.move_to_end(key)
            return found
    found = build()
    with _lists_lock:
        kept[key] = found
        while len(kept) > CACHED_LISTS:
            kept.popitem(last=False)
    return found


# -- the protocol: oai-repo's, with the corrections listed above ---------------------------------
def _checked_moment(value: str) -> datetime:
    value = value.strip()
    if DAY.fullmatch(value):
        return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
    if SECOND.fullmatch(value):
        return datetime.strptime(value, ledger.DATESTAMP).replace(tzinfo=UTC)
    raise OAIErrorBadArgument("A date is not in a valid format. See Identify for granularity.")


def checked_range(low: str | None, high: str | None) -> tuple[str | None, str | None]:
    """`from` and `until` as the protocol wants them: the same granularity, from <= until;
    a day as `until` stands for its last second."""
    try:
        moments = [_checked_moment(v) if v is not None else None for v in (low, high)]
    except ValueError:  # a day that does not exist
        raise OAIErrorBadArgument("A date does not exist.") from None
    if low is not None and high is not None:
        if len(low.strip()) != len(high.strip()):
            raise OAIErrorBadArgument("The from and until arguments differ in granularity.")
        if moments[0] > moments[1]:
            raise OAIErrorBadArgument("The from argument is later than the until argument.")
    if high is not None and DAY.fullmatch(high.strip()):
        high = f"{high.strip()}T23:59:59Z"
    return low, high


class _Ranged:
    def post_parse(self) -> None:
        super().post_parse()
        if "resumptionToken" not in self.args:
            self.filter_from, self.filter_until = checked_range(self.filter_from, self.filter_until)


class ListRecordsRequest(_Ranged, listrecords.ListRecordsRequest):
    pass


class ListIdentifiersRequest(_Ranged, listidentifiers.ListIdentifiersRequest):
    pass


class _Answer:
    """responseDate from the one clock; the verb in the `request` element."""

    def __init__(self, repository: OAIRepository, request=None) -> None:
        super().__init__(repository, request, clock.utcnow())
        if request is not None:
            self.xmlr.find("request").set("verb", request.verb)


class ErrorResponse(OAIErrorResponse):
    def __init__(self, repository: OAIRepository, exc: OAIError) -> None:
        self.code, self.message = exc.code(), str(exc) or exc.code()
        OAIResponse.__init__(self, repository, None, clock.utcnow())


class IdentifyResponse(_Answer, identify.IdentifyResponse):
    pass


class ListMetadataFormatsResponse(_Answer, listmetadataformats.ListMetadataFormatsResponse):
    pass


class ListSetsResponse(_Answer, listsets.ListSetsResponse):
    def body(self) -> etree._Element:
        if self.request.resumptiontoken is not None:  # this repository never gives one here
            raise OAIErrorBadResumptionToken("The resumptionToken is not one of this repository.")
        return super().body()


class GetRecordResponse(_Answer, getrecord.GetRecordResponse):
    def body(self) -> etree._Element:
        data, identifier = self.repository.data, self.request.identifier
        if not data.is_valid_identifier(identifier):
            raise OAIErrorIdDoesNotExist("The given identifier does not exist.")
        if self.request.metadataprefix not in FORMATS:
            raise OAIErrorCannotDisseminateFormat("The metadataPrefix is not served here.")
        found = etree.Element("GetRecord")
        add_records(data, [identifier], self.request.metadataprefix, found)
        return found


class ListIdentifiersResponse(_Answer, listidentifiers.ListIdentifiersResponse):
    def body(self) -> etree._Element:
        return listing(self, "ListIdentifiers", add_headers)


class ListRecordsResponse(_Answer, listrecords.ListRecordsResponse):
    def body(self) -> etree._Element:
        return listing(self, "ListRecords", add_records)


def _state_hash(state) -> str | None:
    probe = ResumptionToken()
    probe.set_state(state)
    return probe.state_hash


def listing(response: OAIResponse, tag: str, fill: Callable) -> etree._Element:
    """ListIdentifiers and ListRecords: a page, and a token when the list is longer."""
    data, request = response.repository.data, response.request
    prefix, given = request.metadata_prefix, request.token
    if prefix not in FORMATS:
        raise OAIErrorCannotDisseminateFormat("The metadataPrefix is not served here.")
    cursor = given.cursor + data.limit if given.cursor is not None else 0
    low, high = (
        response.repository.valid_date(v) for v in (request.filter_from, request.filter_until)
    )
    ids, total, state = data.list_identifiers(prefix, low, high, request.filter_set, cursor)
    stale = given.complete_list_size is not None and total < given.complete_list_size
    if stale or (given.state_hash is not None and given.state_hash != _state_hash(state)):
        raise OAIErrorBadResumptionToken("The list has changed since the token was given.")
    if not ids:
        raise OAIErrorNoRecordsMatch("No records match the given arguments.")
    found = etree.Element(tag)
    fill(data, ids, prefix, found)
    if total > data.limit:
        found.append(_token(request, cursor, total, state, data.limit))
    return found


def _token(request, cursor: int, total: int, state, limit: int) -> etree._Element:
    token = ResumptionToken()
    token.cursor, token.complete_list_size = cursor, total
    token.set_state(state)
    token.args = {"metadataPrefix": request.metadata_prefix}
    for name, value in (
        ("from", request.filter_from),
        ("until", request.filter_until),
        ("set", request.filter_set),
    ):
        if value:
            token.args[name] = value
    return token.xml(limit)  # an empty token on the last page, as the protocol wants


def add_header(header: RecordHeader, parent: etree._Element) -> None:
    head = etree.SubElement(parent, "header")
    if header.status:
        head.set("status", header.status)
    etree.SubElement(head, "identifier").text = header.identifier
    etree.SubElement(head, "datestamp").text = header.datestamp
    for spec in header.setspecs:
        etree.SubElement(head, "setSpec").text = spec


def add_headers(data: LedgerData, ids: list[str], prefix: str, parent: etree._Element) -> None:
    for header in data.get_records_header(ids):
        add_header(header, parent)


def add_records(data: LedgerData, ids: list[str], prefix: str, parent: etree._Element) -> None:
    """A record per id: its header, and its metadata unless it is deleted."""
    for identifier, header in zip(ids, data.get_records_header(ids), strict=True):
        record = etree.SubElement(parent, "record")
        add_header(header, record)
        if header.status != "deleted":
            etree.SubElement(record, "metadata").append(
                data.get_record_metadata(identifier, prefix)
            )


class _Verb(NamedTuple):
    request: type
    response: type


VERBS = {
    "GetRecord": _Verb(getrecord.GetRecordRequest, GetRecordResponse),
    "Identify": _Verb(identify.IdentifyRequest, IdentifyResponse),
    "ListIdentifiers": _Verb(ListIdentifiersRequest, ListIdentifiersResponse),
    "ListMetadataFormats": _Verb(
        listmetadataformats.ListMetadataFormatsRequest, ListMetadataFormatsResponse
    ),
    "ListRecords": _Verb(ListRecordsRequest, ListRecordsResponse),
    "ListSets": _Verb(listsets.ListSetsRequest, ListSetsResponse),
}


def arguments(params: Mapping[str, str | Sequence[str]]) -> dict[str, str]:
    """One value per argument: a repeated verb is badVerb, another repeated argument or a
    value XML cannot carry is badArgument."""
    found: dict[str, list[str]] = {
        name: [value] if isinstance(value, str) else list(value) for name, value in params.items()
    }
    verb = found.get("verb", [])
    if len(verb) != 1 or verb[0] not in VERBS:
        raise OAIErrorBadVerb("The verb argument is missing, repeated or not a legal verb.")
    if any(len(values) != 1 for values in found.values()):
        raise OAIErrorBadArgument("An argument is repeated.")
    if any(NOT_XML.search(name + values[0]) for name, values in found.items()):
        raise OAIErrorBadArgument("An argument holds characters XML cannot carry.")
    return {name: values[0] for name, values in found.items()}


def answer(data: LedgerData, params: Mapping[str, str | Sequence[str]]) -> bytes:
    """The response document to one request, errors included (the protocol's codes)."""
    provider = OAIRepository(data)
    try:
        args = arguments(params)
        request = VERBS[args.pop("verb")].request()
        request.parse(args)
        response = VERBS[request.verb].response(provider, request)
    except OAIError as exc:
        response = ErrorResponse(provider, exc)
    return etree.tostring(response.root(), encoding="UTF-8", xml_declaration=True)
