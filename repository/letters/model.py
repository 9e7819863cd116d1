"""The letters' persistent data.

    pemda.letters = Registry
        positions    code -> Position          (jabatan: who signs, verifies, receives)
        types        code -> LetterType        (the Pemda's catalogue of naskah dinas)
        groups       code -> RecipientGroup    ("all OPD", "all kecamatan", custom lists)
        letters      id -> Letter
        counters     scope key -> Counter      (one object per numbering scope and year)
        numbers      "scope|urut" -> letter id or "manual:<id>"  (every number given out)
        manual       id -> ManualNumber        (numbers taken by hand for paper letters)
        verify_ids   opaque id -> letter id    (the QR's target; no metadata in the id)
        signers      account -> Enrolment      (a signer's certificate, PKCS#12 sealed by
                                                their passphrase; the passphrase is never kept)
        inbox        "position:CODE" / "unit:CODE" -> OOBTree(letter id -> Delivery)
        dispatch     key -> DispatchEntry      (buku ekspedisi for external recipients)
        register     "UNIT|YEAR" -> OOBTree(sort key -> letter id, "manual:<id>" or
                                                "void:<id>")  (agenda keluar)
        voids        id -> VoidNumber          (numbers a letter held and lost: nomor batal)
        kops         unit code -> Kop          (letterhead; "" is the Pemda's own)
        berkas       "UNIT|YEAR|KKA" -> record id of the default berkas (filing.py)
        incoming     id -> Incoming            (a letter received by a unit: agenda masuk)
        dispositions id -> Disposition         (one instruction from one position to another)
        agenda       "UNIT|YEAR" -> IOBTree(urut -> incoming id)   (buku agenda masuk)
        agenda_patterns unit code ("" = the Pemda's default) -> pattern of agenda numbers
        instructions code -> label             (the preset disposition instructions)
        work         list key -> OOTreeSet(ids)  (work queues, workindex.py)
        assessments  "UNIT|YEAR" -> Assessment (the archive office's five-element scores)

A target (recipient or copy) is a string: "position:CODE", "unit:CODE", "group:CODE" or
"external:Name, address".
"""

from __future__ import annotations

import base64
import datetime as dt
import os

from BTrees.IOBTree import IOBTree
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from repository.core import clock
from repository.core.content import Attachment, Pemda

SIFAT = ("biasa", "terbatas", "rahasia")
SECURITY_OF_SIFAT = {"biasa": "B", "terbatas": "T", "rahasia": "R"}
URGENCY = ("biasa", "segera", "amat_segera")
LAYOUTS = ("korespondensi", "judul")
PAPERS = ("A4", "F4")
FONTS = ("arial", "bookman")
ACTING = ("Plt", "Plh")
TARGET_KINDS = ("position", "unit", "group", "external")
# A counter's scope: per year and type, per unit (and type), optionally per classification
SCOPES = ("type", "unit", "unit_type", "type_kka", "unit_kka")


def new_id() -> str:
    return base64.b32encode(os.urandom(5)).decode("ascii").lower()


def opaque_id() -> str:
    """The id a QR code carries: 128 random bits, so it cannot be guessed or enumerated."""
    return base64.urlsafe_b64encode(os.urandom(16)).decode("ascii").rstrip("=")


class Registry(Persistent):
    berkas: OOBTree | None = None  # created on first filing into a default berkas
    voids: OOBTree | None = None  # created on the first voided number (filing.void_number)
    # the receiving side (issue 20); each created on first use by tables()
    incoming: OOBTree | None = None
    dispositions: OOBTree | None = None
    agenda: OOBTree | None = None
    agenda_patterns: OOBTree | None = None
    instructions: OOBTree | None = None
    work: OOBTree | None = None
    assessments: OOBTree | None = None
    auto_register: bool = True  # internal letters are registered at sending, no typing
    # C:
    outbox: OOBTree | None = None  # e-mail notifications waiting to be sent (notify.py);
    # None while notifications are off: nothing is queued until the worker switches it on
    # end C
    # C2:
    outgoing_lists: int = 0  # version of the per-owner outgoing work lists; 0: not built yet
    # end C2

    def table(self, name: str) -> OOBTree:
        """One of the receiving side's tables, created on first write (older registries
        have none: class defaults keep them readable without a migration)."""
        found = getattr(self, name)
        if found is None:
            found = OOBTree()
            setattr(self, name, found)
        return found

    def __init__(self) -> None:
        self.positions = OOBTree()
        self.types = OOBTree()
        self.groups = OOBTree()
        self.letters = OOBTree()
        self.counters = OOBTree()
        self.numbers = OOBTree()
        self.manual = OOBTree()
        self.verify_ids = OOBTree()
        self.signers = OOBTree()
        self.inbox = OOBTree()
        self.dispatch = OOBTree()
        self.register = OOBTree()
        self.kops = OOBTree()


class Position(Persistent):
    """A jabatan in a unit. Letters name the position; who holds it signs, and an acting
    holder (Plt/Plh) for a period signs in their stead, printed as such."""

    holder: str = ""  # account name
    parent: str = ""  # the superior position's code ("" for the top of a unit or the Pemda)
    abbreviation: str = ""  # the {jabatan} token of numbers ("KADIS", "SEKDIS")
    rank: int = 0  # 1 head of an OPD, 2 sekretaris/kabid, 3 kasubbag/kasi, 4 staff; 0 unset
    active: bool = True

    def __init__(self, code: str, unit: str, name: str) -> None:
        self.code, self.unit, self.name = code, unit, name
        self.acting: tuple[tuple[str, str, dt.date, dt.date], ...] = ()  # (kind, account, from, to)

    def acting_on(self, day: dt.date) -> tuple[str, str] | None:
        """(kind, account) of the acting holder on `day`, if any."""
        for kind, account, start, end in self.acting:
            if start <= day <= end:
                return kind, account
        return None

    def holders_on(self, day: dt.date) -> list[tuple[str, str]]:
        """Who may act for the position on `day`: [(account, "" | "Plt" | "Plh")]."""
        found = [(self.holder, "")] if self.holder else []
        acting = self.acting_on(day)
        if acting is not None:
            found.append((acting[1], acting[0]))
        return found


class LetterType(Persistent):
    """One kind of naskah dinas in the Pemda's catalogue (data, editable without code)."""

    group: str = "korespondensi"  # pengaturan, penetapan, penugasan, korespondensi, khusus
    layout: str = "korespondensi"  # or "judul" (centred title, no Nomor/Hal block)
    font: str = "arial"  # or "bookman"
    paper: str = "A4"  # or "F4"
    pattern: str = "{kka}/{urut}/{unit}/{tahun}"
    scope: str = "unit_type"
    padding: int = 3  # {urut} zero-padded to this many digits (0: no padding)
    signer_ranks: tuple[int, ...] = (1, 2)  # ranks of positions that may sign; () = any
    atas_nama: bool = False  # an acting or delegated signer prints "a.n." of the head
    template: str = ""  # Jinja2 HTML; "" = the built-in template of the layout
    active: bool = True

    def __init__(self, code: str, name: str) -> None:
        self.code, self.name = code, name


class Kop(Persistent):
    """A letterhead: the lines under the logo (Pemda, unit name, address, contacts)."""

    logo: bytes = b""  # PNG or SVG; "" uses the Pemda's logo, else none
    logo_type: str = ""

    def __init__(self, lines: tuple[str, ...], address: str = "", contact: str = "") -> None:
        self.lines, self.address, self.contact = tuple(lines), address, contact


class RecipientGroup(Persistent):
    def __init__(self, code: str, name: str, members: tuple[str, ...]) -> None:
        self.code, self.name, self.members = code, name, tuple(members)


class Counter(Persistent):
    """The last number given in one scope and year. One object per scope, so letters of
    different scopes never conflict; two signings in one scope conflict and one retries."""

    value = 0  # no _p_resolveConflict: a merged counter would hand out a number twice


class Version(Persistent):
    """One state of a draft's content; versions are kept for ever, never edited."""

    def __init__(self, number: int, fields: dict, author: str) -> None:
        self.number = number
        self.fields = dict(fields)  # hal, body, recipients, copies, classification, ...
        self.author = author
        self.at = clock.utcnow()


class Letter(Persistent):
    """An outgoing letter from its first draft to its filing."""

    state = "draft"
    number: str = ""  # given at signing (or reserved by a failed signing, kept for the next)
    number_scope: str = ""
    number_urut: int = 0  # the number's place in its scope: a kept number is printed again
    date: dt.date | None = None
    security: str = ""  # the class of the letter and its record, fixed at numbering; "" = sifat's
    signing_attempt: str = ""  # the request id of the signing attempt transaction A began
    signing_started: dt.datetime | None = None  # when that attempt began (UTC)
    pending: Attachment | None = None  # signed bytes that could not be stored: for reconcile
    pending_attempt: str = ""  # the attempt `pending` came from
    strays: OOBTree | None = None  # attempt -> Attachment: signed bytes of no current attempt
    signed: Attachment | None = None  # the signed PDF, byte-identical for ever
    signed_sha256: str = ""
    signed_at: dt.datetime | None = None
    signed_by: str = ""  # account
    signed_as: str = ""  # "" | "Plt" | "Plh"
    signed_version: int = 0
    provider: str = ""  # "local" | "bsre"
    certified: bool = False
    verify_id: str = ""
    sent_at: dt.datetime | None = None
    sent_by: str = ""
    record_id: str = ""  # the filed record
    into: str = ""  # the berkas (record id) the author chose to file it in
    in_reply_to: str = ""  # an incoming letter's id (next issue)
    step: int = 0  # index of the verifier whose paraf is awaited
    note: str = ""  # the last return or rejection note
    validation: dict | None = None  # pyHanko's check at signing and the provider's evidence
    # C2:
    queued: tuple[str, ...] = ()  # the work lists ("QUEUE|OWNER") it is in (queues.track)
    # end C2

    def __init__(self, id: str, unit: str, type_code: str, author: str) -> None:
        self.id, self.unit, self.type, self.author = id, unit, type_code, author
        self.created = clock.utcnow()
        self.versions = IOBTree()  # number -> Version
        self.approvals = OOBTree()  # verifier position -> (version, account, at)
        self.read_versions = OOBTree()  # account -> last version they read
        self.lampiran = IOBTree()  # position -> Attachment (files attached to the draft)
        self.history = IOBTree()  # sequence -> (utc iso, account, action, detail)

    @property
    def current(self) -> Version:
        return self.versions[self.versions.maxKey()]

    @property
    def version(self) -> int:
        return self.versions.maxKey() if len(self.versions) else 0

    def field(self, name: str, default=None):
        return self.current.fields.get(name, default)

    def log(self, account: str, action: str, detail: str = "") -> None:
        key = (self.history.maxKey() + 1) if len(self.history) else 0
        self.history[key] = (clock.utcnow().isoformat(timespec="seconds"), account, action, detail)


class ManualNumber(Persistent):
    """A number taken by hand for a paper letter: registered so no letter gets it again."""

    urut: int = 0  # its place in the scope (registry.numbers is keyed by it)

    def __init__(self, id: str, number: str, scope: str, fields: dict, by: str) -> None:
        self.id, self.number, self.scope, self.by = id, number, scope, by
        self.fields = dict(fields)
        self.at = clock.utcnow()


class VoidNumber(Persistent):
    """A number a letter held and lost before it was signed (nomor batal): rejected,
    withdrawn, or signed at last in another scope or year. It stays in the agenda keluar so
    the register accounts for every number given out."""

    def __init__(self, id: str, letter_id: str, number: str, scope: str, reason: str) -> None:
        self.id, self.letter_id, self.number, self.scope = id, letter_id, number, scope
        self.reason = reason  # a message key: letter_number_void_<why>
        self.at = clock.utcnow()


class Enrolment(Persistent):
    """A signer's key and certificate, issued by the Pemda's CA; the PKCS#12 is encrypted
    with the signer's passphrase, which Lontar never keeps."""

    revoked: bool = False
    nik: str = ""  # the signer's NIK, which the national signing service knows them by

    def __init__(
        self,
        account: str,
        pkcs12: bytes,
        subject: str,
        serial: int,
        not_after: dt.datetime,
        fingerprint: str,
    ) -> None:
        self.account, self.pkcs12, self.subject = account, pkcs12, subject
        self.serial, self.not_after, self.fingerprint = serial, not_after, fingerprint
        self.issued = clock.utcnow()


class Delivery(Persistent):
    """A letter in a recipient's inbox; `incoming` names the Incoming it was registered as."""

    read_at: dt.datetime | None = None
    read_by: str = ""
    incoming: str = ""

    def __init__(self, letter_id: str, kind: str) -> None:
        self.letter_id, self.kind = letter_id, kind  # kind: "to" | "cc"
        self.at = clock.utcnow()


INCOMING_STATES = ("unregistered", "registered", "disposed", "done", "no_disposition")
INCOMING_SOURCES = ("internal", "external")
DISPOSITION_KINDS = ("down", "coordinate")


class Incoming(Persistent):
    """A letter received by a unit: sent from Lontar (internal, `letter_id` names the sent
    letter; registered at sending unless the Pemda turned that off) or from outside
    (external: its scan or PDF is filed as an item of the thread). Registered with an
    agenda number per unit and year; disposed down the hierarchy from the addressed position."""

    state = "unregistered"
    kind = "to"  # "cc": a tembusan, read for information
    letter_id = ""  # internal: the sent Letter
    sender = ""  # who sent it, as printed (institution, or unit and position)
    their_number = ""
    their_date: dt.date | None = None
    hal = ""
    summary = ""  # isi ringkas
    sifat = "biasa"
    urgency = "biasa"
    classification = ""  # the KKA code
    security = "B"  # fixed at registration; every disposition keeps it
    attachments_note = ""  # "2 lembar", "1 berkas"
    addressed = ""  # the position it is addressed to (its head when sent to the unit)
    agenda = ""  # the agenda number as printed
    agenda_urut = 0
    agenda_year = 0
    registered_at: dt.datetime | None = None
    registered_by = ""
    thread = ""  # record id of the thread (berkas) it is filed as
    closed_note = ""  # why it needs no disposition, or the addressee's closing note
    replies: tuple[str, ...] = ()  # outgoing letter ids made in reply (Letter.in_reply_to)
    # B:
    closed_by = ""  # who marked it needing no disposition or closed it directly
    # end B

    def __init__(self, id: str, unit: str, source: str, received: dt.date) -> None:
        self.id, self.unit, self.source, self.received = id, unit, source, received
        self.created = clock.utcnow()
        self.read = OOBTree()  # position code or account -> (account, utc): first read
        self.disposed = IOBTree()  # sequence -> disposition id, in the order given
        self.history = IOBTree()  # sequence -> (utc iso, account, action, detail)

    def log(self, account: str, action: str, detail: str = "") -> None:
        key = (self.history.maxKey() + 1) if len(self.history) else 0
        self.history[key] = (clock.utcnow().isoformat(timespec="seconds"), account, action, detail)


class Disposition(Persistent):
    """One instruction from a position (acting through an account) to another position:
    down the hierarchy, or sideways to coordinate. Cancelled only while unread."""

    parent = ""  # the disposition this one passes on ("" when given by the addressee)
    kind = "down"
    note = ""  # free text beside the preset instructions
    due: dt.date | None = None
    read_at: dt.datetime | None = None
    read_by = ""
    cancelled_at: dt.datetime | None = None
    cancelled_by = ""
    closed_at: dt.datetime | None = None
    closed_by = ""
    close_note = ""
    result = ""  # record id of a result filed into the thread
    reply = ""  # outgoing letter id started as the reply

    def __init__(
        self,
        id: str,
        incoming_id: str,
        from_position: str,
        from_account: str,
        to_position: str,
        instructions: tuple[str, ...],
    ) -> None:
        self.id, self.incoming_id = id, incoming_id
        self.from_position, self.from_account = from_position, from_account
        self.to_position, self.instructions = to_position, tuple(instructions)
        self.at = clock.utcnow()

    @property
    def live(self) -> bool:
        return self.cancelled_at is None


class Assessment(Persistent):
    """The archive office's yearly self-assessment of one OPD on the five elements the
    city's evaluation uses (scores 0-100 each, entered, never computed by Lontar)."""

    note = ""

    def __init__(self, unit: str, year: int, scores: dict[str, float], by: str) -> None:
        self.unit, self.year, self.scores, self.by = unit, year, dict(scores), by
        self.at = clock.utcnow()


class DispatchEntry(Persistent):
    """A row of the buku ekspedisi: one external addressee of one sent letter."""

    handed_over: dt.date | None = None
    via: str = ""  # pos, kurir, email, diambil

    def __init__(self, letter_id: str, addressee: str) -> None:
        self.letter_id, self.addressee = letter_id, addressee
        self.at = clock.utcnow()


def registry_of(pemda: Pemda) -> Registry:
    """Created on first write; reads use `pemda.letters`, which may be None."""
    registry = getattr(pemda, "letters", None)
    if registry is None:
        registry = pemda.letters = Registry()
    return registry
