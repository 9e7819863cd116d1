"""The PPID's persistent data: information requests, objections, the public information list
(DIP), the exempt list (DIK, each entry a consequence test) and the agency's calendar.

    pemda.ppid = Office
        requests    number -> InformationRequest      ("PPID-2026-0001")
        open        number -> True                     (not yet settled: the queue's source)
        objections  number -> Objection                ("KEB-2026-0001")
        dip         id -> DIPEntry;  dik  id -> DIKEntry
        days_off    date -> reason;  days_on  date -> True
        counters    "kind-year" -> last number given (PPID, KEB, and PT for notices)
        throttle    "action|address" -> times of recent attempts (spam guard)

Requesters have no account: a request is found by its number together with the email or the
NIK it was filed with. Their ID card scan is sealed like a class R file (sealing.py).
"""

from __future__ import annotations

import datetime as dt

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from repository.core.content import Attachment, Pemda
from repository.workbench.retention import add_years

DECISIONS = ("granted", "partial", "refused", "not_held")
# UU 14/2008 Pasal 17: the grounds for exempting information
EXEMPTIONS = {
    "a": "menghambat proses penegakan hukum",
    "b": "mengganggu perlindungan hak kekayaan intelektual dan persaingan usaha tidak sehat",
    "c": "membahayakan pertahanan dan keamanan negara",
    "d": "mengungkapkan kekayaan alam Indonesia",
    "e": "merugikan ketahanan ekonomi nasional",
    "f": "merugikan kepentingan hubungan luar negeri",
    "g": "mengungkapkan isi akta otentik yang bersifat pribadi dan kemauan terakhir atau wasiat",
    "h": "mengungkap rahasia pribadi",
    "i": "memorandum atau surat antar badan publik yang menurut sifatnya dirahasiakan",
    "j": "informasi yang tidak boleh diungkapkan berdasarkan undang-undang",
}
# UU 14/2008 Pasal 35 ayat (1): the grounds for an objection
OBJECTION_GROUNDS = {
    "a": "penolakan atas permintaan informasi berdasarkan alasan pengecualian Pasal 17",
    "b": "tidak disediakannya informasi berkala",
    "c": "tidak ditanggapinya permintaan informasi",
    "d": "permintaan informasi ditanggapi tidak sebagaimana yang diminta",
    "e": "tidak dipenuhinya permintaan informasi",
    "f": "pengenaan biaya yang tidak wajar",
    "g": "penyampaian informasi yang melebihi waktu yang diatur",
}
CATEGORIES = ("berkala", "serta_merta", "setiap_saat")
OBTAIN = ("melihat", "membaca", "mendengarkan", "mencatat", "hardcopy", "softcopy")
DELIVERY = ("mengambil_langsung", "kurir", "pos", "faksimili", "email")
KINDS = ("perorangan", "organisasi")


class Office(Persistent):
    def __init__(self) -> None:
        self.requests = OOBTree()
        self.open = OOBTree()
        self.objections = OOBTree()
        self.dip = OOBTree()
        self.dik = OOBTree()
        self.days_off = OOBTree()
        self.days_on = OOBTree()
        self.counters = OOBTree()
        self.throttle = OOBTree()


class InformationRequest(Persistent):
    """One permohonan informasi: what the requester filed, then what the PPID did."""

    unit: str | None = None  # the holding OPD, once assigned
    assignee: str | None = None  # the PPID Pelaksana's account
    extension: tuple[str, dt.date, str] | None = None  # (reason, day, by)
    decision: str | None = None  # one of DECISIONS
    decided_on: dt.date | None = None
    decided_by: str = ""
    ground: str = ""  # Pasal 17 letter, for refused and partial
    test_id: str = ""  # the DIK entry (consequence test) behind a refusal
    holder: str = ""  # who holds the information, for not_held
    redactions: str = ""  # what was blacked out and why
    form: str = ""  # the form the information is given in
    cost: int = 0  # copying and delivery only: the information itself is free
    notes: str = ""
    released: tuple[str, ...] = ()  # record ids the requester may download
    concerned: tuple[str, ...] = ()  # record ids holding the information (blocks destruction)
    settled_on: dt.date | None = None  # no objection or dispute can follow any more
    notice_number: str = ""  # the written notice's own number, given at the decision
    notified_on: dt.date | None = None  # the day the PPID sent the notice to the requester
    id_card: Attachment | None = None

    def __init__(self, number: str, received: dt.datetime, start: dt.date, fields: dict) -> None:
        self.number, self.received, self.start = number, received, start
        for name, value in fields.items():
            setattr(self, name, value)
        self.history = OOBTree()  # sequence -> (when, who, what, detail)

    def log(self, when: dt.datetime, who: str, what: str, detail: str = "") -> None:
        key = (self.history.maxKey() + 1) if len(self.history) else 0
        self.history[key] = (when.isoformat(timespec="seconds"), who, what, detail)


class Objection(Persistent):
    """A keberatan to the Atasan PPID about one request (Pasal 35)."""

    decision: str | None = None  # "accepted" (the PPID must act) or "rejected"
    reasons_decided: str = ""
    decided_on: dt.date | None = None
    decided_by: str = ""  # the Atasan PPID's name as signed
    dispute_filed: dt.date | None = None  # taken to the Komisi Informasi
    dispute_outcome: str = ""

    def __init__(
        self, number: str, request: str, filed: dt.date, grounds: tuple[str, ...], reasons: str
    ) -> None:
        self.number, self.request, self.filed = number, request, filed
        self.grounds, self.reasons = grounds, reasons


class DIPEntry(Persistent):
    """A row of the Daftar Informasi Publik."""

    def __init__(self, id: str, fields: dict) -> None:
        self.id = id
        self.update(fields)

    def update(self, fields: dict) -> None:
        self.summary = fields["summary"]
        self.category = fields["category"]
        self.unit = fields["unit"]
        self.responsible = fields.get("responsible", "")
        self.made = fields.get("made", "")  # when and where it was made
        self.formats = fields.get("formats", "")
        self.record_ids = tuple(fields.get("record_ids", ()))


class DIKEntry(Persistent):
    """Exempt information and the consequence test (uji konsekuensi) that exempts it."""

    def __init__(self, id: str, fields: dict) -> None:
        self.id = id
        self.information = fields["information"]
        self.ground = fields["ground"]
        self.legal_basis = fields["legal_basis"]
        self.harm = fields["harm"]
        self.public_interest = fields["public_interest"]
        self.years = fields["years"]
        self.decided_on = fields["decided_on"]
        self.decree = fields.get("decree", "")
        self.unit = fields.get("unit", "")
        self.record_ids = tuple(fields.get("record_ids", ()))

    @property
    def expires(self) -> dt.date:
        return add_years(self.decided_on, self.years)


def office_of(pemda: Pemda) -> Office:
    """Created on first write; reads use `pemda.ppid`, which may be None."""
    office = pemda.ppid
    if office is None:
        office = pemda.ppid = Office()
    return office


def next_number(office: Office, kind: str, year: int) -> str:
    """PPID-2026-0001, KEB-2026-0001, ...: per kind and year. The counter is one BTree key,
    so two filings at once conflict and `write` retries one of them."""
    key = f"{kind}-{year}"
    office.counters[key] = office.counters.get(key, 0) + 1
    return f"{key}-{office.counters[key]:04d}"
