"""The demo's incoming letters (agenda masuk), so every queue of Kotak Masuk has something
for the Dinas Kesehatan's people (kadinkes, sekdinkes, kabid.p2p) and its pencatat, and
Bappeda's head has the Sekda's circular waiting for a disposition.

Dinas Kesehatan receives letters from outside on paper, registered by its pencatat with
their scans (the worker OCRs them), disposed in every state a reader meets: unread, read,
closed, overdue, cancelled, answered by a reply draft. From inside it receives a tembusan,
and one letter that arrives while automatic registration is off, so it waits for the
pencatat. Everything goes through `lontar.letters`, as a user's clicks would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from repository.app import Lontar
from repository.core import clock
from repository.core.security import ADMIN
from repository.demo.letters import BODY, _as, _fields, _sign

DISPOSER = "kadinkes"  # the Kepala Dinas Kesehatan: the letters are addressed to his position
SECRETARY, BIDANG, KASUBBAG = "DINKES.SEKRETARIS", "DINKES.KABID", "DINKES.KASUBBAG"
OVERDUE_AGO = 10  # the overdue letter was registered and disposed this many days before the build
OVERDUE_DUE = 3  # ... with a due date this many days after that (so a week late)

# name: (sender, their number ({year}: the year received), hal, summary, classification, sifat,
# urgency)
EXTERNAL = {
    "unread": ("Dinas Kesehatan Provinsi Contoh", "400.7/1123/Dinkes.Prov/{year}",
               "Undangan rapat koordinasi percepatan penurunan stunting",
               "Rapat koordinasi tingkat provinsi; mohon hadir Kepala Dinas atau yang mewakili.",
               "000.1", "biasa", "segera"),
    "disposed": ("Badan Pusat Statistik Kota Contoh", "B-214/32730/HM.200/{year}",
                 "Permohonan data kasus demam berdarah per kecamatan",
                 "Data bulanan tiga tahun terakhir untuk publikasi statistik daerah.",
                 "000.5", "biasa", "biasa"),
    "overdue": ("Universitas Negeri Contoh", "1207/UN.C/PM/{year}",
                "Permohonan narasumber pelatihan kader posyandu",
                "Pelatihan kader posyandu di tiga kelurahan binaan; narasumber dari bidang P2P.",
                "800.1", "biasa", "biasa"),
    "closed": ("Inspektorat Daerah", "700/88/Itda/{year}",
               "Pemberitahuan hasil reviu laporan kinerja",
               "Reviu selesai tanpa temuan material; satu catatan perbaikan indikator.",
               "000.7", "terbatas", "biasa"),
    "cancelled": ("Rumah Sakit Umum Daerah Contoh", "445/311/RSUD/{year}",
                  "Pemberitahuan jadwal supervisi fasilitas kesehatan",
                  "Jadwal supervisi bersama ke puskesmas pada minggu ketiga.",
                  "000.1", "biasa", "biasa"),
    "reply": ("PT Klinik Sehat Sentosa", "017/KSS/III/{year}",
              "Permohonan rekomendasi izin operasional klinik pratama",
              "Permohonan rekomendasi teknis untuk izin operasional klinik di Kecamatan Utara.",
              "000.5", "biasa", "biasa"),
}  # fmt: skip

STATES = ("unread", "disposed", "closed", "cancelled", "reply")  # registered on the day
Scan = Callable[[list[str], str], bytes]


def build_backlog(service: Lontar, scan: Scan) -> int:
    """What arrived before the demo's day (built before its letters are sent, so the agenda
    masuk runs in the order letters were received); returns how many letters."""
    _overdue(service, scan)
    return 1


def build_incoming(service: Lontar, scan: Scan) -> int:
    """The external letters with their dispositions, then the two internal ones; `scan`
    is the demo's page renderer (builder.render_scan). Returns how many letters."""
    ids = {name: _register(service, name, scan) for name in STATES}
    _dispose_in_states(service, ids)
    _internal(service)
    return len(ids) + 2


def _register(service: Lontar, name: str, scan: Scan, received: dt.date | None = None) -> str:
    """One external letter registered by Dinas Kesehatan's pencatat, its scan attached."""
    sender, number, hal, summary, classification, sifat, urgency = EXTERNAL[name]
    received = received or clock.today()
    number = number.format(year=received.year)
    fields = {
        "sender": sender, "their_number": number, "hal": hal, "summary": summary,
        "their_date": received - dt.timedelta(days=2), "received": received,
        "classification": classification, "sifat": sifat, "urgency": urgency,
        "attachments_note": "1 berkas",
    }  # fmt: skip
    page = scan([sender.upper(), f"Nomor: {number}", f"Hal: {hal}", summary], "PNG")
    found = service.letters.register_external(
        _as(service, "pencatat"), "DINKES", fields, [(f"{name}.png", page)]
    )
    return found["id"]


def _overdue(service: Lontar, scan: Scan) -> None:
    """Registered and disposed some days before the build with a due date now past, read by
    its recipient and not closed: the Kabid's overdue work. (The clock is set back for it,
    as if the demo had been in use for a while.)"""
    day = clock.today() - dt.timedelta(days=OVERDUE_AGO)
    with clock.frozen(dt.datetime.combine(day, dt.time(9))):
        incoming_id = _register(service, "overdue", scan, received=day)
        service.letters.dispose(
            _as(service, DISPOSER), incoming_id, [BIDANG], ["siapkan_bahan", "hadiri_wakili"],
            note="Siapkan materi dan hadiri.", due=day + dt.timedelta(days=OVERDUE_DUE),
        )  # fmt: skip
        service.letters.mark_incoming_read(_as(service, "kabid.p2p"), incoming_id)


def _dispose_in_states(service: Lontar, ids: dict[str, str]) -> None:
    """ "unread" stays with the Kepala; "disposed" to the Sekretaris (who reads it) and the
    Kabid (who does not); "closed" done by the Kabid; "cancelled" taken back before it was
    read and given to the Kasubbag; "reply" answered by the Kabid with a draft."""
    head = _as(service, DISPOSER)
    service.letters.dispose(
        head, ids["disposed"], [SECRETARY, BIDANG], ["untuk_ditindaklanjuti"],
        note="Koordinasikan dengan pengelola data.", due=clock.today() + dt.timedelta(days=7),
    )  # fmt: skip
    service.letters.mark_incoming_read(_as(service, "sekdinkes"), ids["disposed"])
    (closed,) = service.letters.dispose(head, ids["closed"], [BIDANG], ["untuk_diketahui"])
    service.letters.mark_incoming_read(_as(service, "kabid.p2p"), ids["closed"])
    service.letters.close_disposition(
        _as(service, "kabid.p2p"), closed, "Catatan perbaikan indikator sudah ditindaklanjuti."
    )
    (wrong,) = service.letters.dispose(head, ids["cancelled"], [SECRETARY], ["untuk_diketahui"])
    service.letters.cancel_disposition(head, wrong)
    service.letters.dispose(head, ids["cancelled"], [KASUBBAG], ["untuk_diarsipkan"])
    (answer,) = service.letters.dispose(
        head, ids["reply"], [BIDANG], ["saran_pendapat"], note="Siapkan jawaban."
    )
    service.letters.mark_incoming_read(_as(service, "kabid.p2p"), ids["reply"])
    service.letters.start_reply(_as(service, "kabid.p2p"), ids["reply"], answer)


def _internal(service: Lontar) -> None:
    """Bapenda's letter to the Dinas arrives while automatic registration is off (it waits
    for the pencatat); Disdik's letter to the Sekda carries the Dinas as tembusan."""
    service.letters.set_auto_register(ADMIN, False)
    try:
        _send(service, "BAPENDA", "arsip.bapenda", "kabapenda",
              "Permohonan data retribusi pelayanan kesehatan", ["unit:DINKES"], [])  # fmt: skip
    finally:
        service.letters.set_auto_register(ADMIN, True)
    _send(service, "DISDIK", "arsip.disdik", "kadisdik",
          "Laporan pelaksanaan imunisasi anak sekolah", ["position:SETDA.SEKDA"],
          ["unit:DINKES"])  # fmt: skip


def _send(
    service: Lontar, unit: str, author: str, signer: str, hal: str, to: list, copies: list
) -> str:
    """A letter drafted by the OPD's arsiparis, signed by its head without paraf, sent."""
    body = BODY.format(what=hal.lower(), detail="hal tersebut di atas")
    fields = _fields(unit, hal, body, f"{unit}.KEPALA", [], recipients=to, copies=copies)
    writer = _as(service, author)
    letter_id = service.letters.draft(writer, fields)
    service.letters.submit(writer, letter_id)
    _sign(service, letter_id, signer)
    service.letters.send(writer, letter_id)
    return letter_id
