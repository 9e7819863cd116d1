"""The demo's official letters: positions for every OPD (with holders from the demo accounts
and one Plt period), the Pemda's CA with every holder enrolled, and letters in every state,
so a new user finds something in each queue of Naskah Keluar.

Everything goes through `lontar.letters`, as a user's clicks would; the signers' passphrase is
public (a demo), printed with the demo's accounts.
"""

from __future__ import annotations

import datetime as dt

from repository.app import Caller, Lontar
from repository.core import clock
from repository.core.security import ADMIN

# Demo only: every enrolled signer's passphrase (docs/letters.md and the login banner say so).
SIGNING_PASSPHRASE = "demo-ttd-2026"
PLT_DAYS = 14  # the Plt period runs from the day the demo is built

# name, password, roles, unit, full name, clearance (the builder adds them to DEMO_ACCOUNTS)
LETTER_ACCOUNTS = [
    ("sekda", "sekda-demo", {"Pejabat"}, "SETDA", "Drs. Bambang Sutrisno, M.Si.", "R"),
    ("kabag.umum", "kabag-umum-demo", {"Pejabat"}, "SETDA", "Siti Rahmawati, S.Sos.", "T"),
    ("kadinkes", "kadinkes-demo", {"Pejabat"}, "DINKES", "dr. Hendra Wijaya, M.Kes.", "R"),
    ("sekdinkes", "sekdinkes-demo", {"Pejabat"}, "DINKES", "Rina Marlina, S.K.M., M.M.", "R"),
    ("kabid.p2p", "kabid-p2p-demo", {"Pejabat"}, "DINKES", "dr. Agus Salim", "T"),
    ("kasubbag.dinkes", "kasubbag-dinkes-demo", {"Pejabat"}, "DINKES", "Dewi Lestari, S.E.", "T"),
    ("kadisdik", "kadisdik-demo", {"Pejabat"}, "DISDIK", "Drs. Joko Prasetyo, M.Pd.", "R"),
    ("kabapenda", "kabapenda-demo", {"Pejabat"}, "BAPENDA", "Yusuf Hidayat, S.E., M.Ak.", "R"),
    ("kadiskominfo", "kadiskominfo-demo", {"Pejabat"}, "DISKOMINFO", "Andi Saputra, S.Kom.", "R"),
    ("kabkpsdm", "kabkpsdm-demo", {"Pejabat"}, "BKPSDM", "Nur Aisyah, S.H., M.H.", "R"),
    ("camat.utara", "camat-utara-demo", {"Pejabat"}, "KEC.UTARA", "Rudi Hartono, S.STP.", "T"),
    # Bappeda: its head disposes the letters it receives to its two bidang (the demo's journey)
    ("kabappeda", "kabappeda-demo", {"Pejabat"}, "BAPPEDA", "Ir. Bayu Nugroho, M.T.", "R"),
    ("kabid.ekonomi", "kabid-ekonomi-demo", {"Pejabat"}, "BAPPEDA", "Fitri Handayani, S.E.",
     "T"),
    ("kabid.infra", "kabid-infra-demo", {"Pejabat"}, "BAPPEDA", "Dimas Pratama, S.T., M.T.",
     "T"),
]  # fmt: skip

# (unit, its name, the head's account, the secretary's account)
OPDS = [
    ("DINKES", "Dinas Kesehatan", "kadinkes", "sekdinkes"),
    ("DISDIK", "Dinas Pendidikan", "kadisdik", ""),
    ("BAPENDA", "Badan Pendapatan Daerah", "kabapenda", ""),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "kadiskominfo", ""),
    ("DPK", "Dinas Perpustakaan dan Kearsipan", "kadpk", ""),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan SDM", "kabkpsdm", ""),
]
BIDANG = {  # unit, title, holder
    "DINKES": ("DINKES.P2P", "Kepala Bidang Pencegahan dan Pengendalian Penyakit", "kabid.p2p"),
    "DISDIK": ("DISDIK", "Kepala Bidang Pembinaan Sekolah Dasar", ""),
    "BAPENDA": ("BAPENDA", "Kepala Bidang Pendataan dan Penetapan", ""),
    "DISKOMINFO": ("DISKOMINFO", "Kepala Bidang Aplikasi Informatika", ""),
    "DPK": ("DPK", "Kepala Bidang Pengelolaan Arsip", ""),
    "BKPSDM": ("BKPSDM", "Kepala Bidang Pengembangan Kompetensi", ""),
}
# code, unit, name, parent, holder, abbreviation, rank
OTHER_POSITIONS = [
    ("SETDA.SEKDA", "SETDA", "Sekretaris Daerah", "", "sekda", "SEKDA", 1),
    ("SETDA.KABAG.UMUM", "SETDA", "Kepala Bagian Umum", "SETDA.SEKDA", "kabag.umum", "UMUM", 2),
    ("SETDA.KABAG.HUKUM", "SETDA.HUKUM", "Kepala Bagian Hukum", "SETDA.SEKDA", "", "HUKUM", 2),
    ("KEC.UTARA.CAMAT", "KEC.UTARA", "Camat Utara", "SETDA.SEKDA", "camat.utara", "CAMAT", 1),
    ("KEC.UTARA.SEKCAM", "KEC.UTARA", "Sekretaris Kecamatan Utara", "KEC.UTARA.CAMAT", "",
     "SEKCAM", 2),
]  # fmt: skip
# Units the letters' demo adds (the builder spreads its records over the others only)
LETTER_UNITS = [
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", None),
    ("BAPPEDA.EKONOMI", "Bidang Perekonomian dan Sumber Daya Alam", "BAPPEDA"),
    ("BAPPEDA.INFRA", "Bidang Infrastruktur dan Kewilayahan", "BAPPEDA"),
]
BAPPEDA = [  # the head and two bidang, each in its own sub-unit (the demo's disposition tree)
    ("BAPPEDA.KEPALA", "BAPPEDA", "Kepala Badan Perencanaan Pembangunan Daerah", "SETDA.SEKDA",
     "kabappeda", "KABAN", 1),
    ("BAPPEDA.KABID.EKONOMI", "BAPPEDA.EKONOMI", "Kepala Bidang Perekonomian dan SDA",
     "BAPPEDA.KEPALA", "kabid.ekonomi", "EKO", 2),
    ("BAPPEDA.KABID.INFRA", "BAPPEDA.INFRA", "Kepala Bidang Infrastruktur dan Kewilayahan",
     "BAPPEDA.KEPALA", "kabid.infra", "INFRA", 2),
]  # fmt: skip
ALL_OPD = "semua_opd"  # the group every Pemda starts with (letters/dispatch.py)


def positions() -> list[tuple[str, str, str, str, str, str, int]]:
    """Each OPD's Kepala (1), Sekretaris (2), a Kepala Bidang (2) and a Kasubbag (3), under
    the Sekda; Bappeda's head and two bidang; the Setda's own and a kecamatan's."""
    found = list(OTHER_POSITIONS[:3])
    for unit, name, head, secretary in OPDS:
        kepala = f"{unit}.KEPALA"
        bidang = BIDANG[unit]
        found += [
            (kepala, unit, f"Kepala {name}", "SETDA.SEKDA", head, "KADIS", 1),
            (f"{unit}.SEKRETARIS", unit, f"Sekretaris {name}", kepala, secretary, "SEKDIS", 2),
            (f"{unit}.KABID", bidang[0], bidang[1], kepala, bidang[2], "KABID", 2),
            (f"{unit}.KASUBBAG", unit, "Kepala Subbagian Umum dan Kepegawaian",
             f"{unit}.SEKRETARIS", "kasubbag.dinkes" if unit == "DINKES" else "", "KASUBBAG", 3),
        ]  # fmt: skip
    return found + BAPPEDA + list(OTHER_POSITIONS[3:])


def signers() -> list[str]:
    """The accounts the demo enrols: every position holder, and the acting one."""
    return sorted({p[4] for p in positions() if p[4]})


def build_positions(service: Lontar) -> int:
    """Positions, the Plt period, the CA and enrolments; returns how many positions."""
    for code, unit, name, parent, holder, abbreviation, rank in positions():
        service.letters.save_position(
            ADMIN, code, unit=unit, name=name, parent=parent, holder=holder,
            abbreviation=abbreviation, rank=rank,
        )  # fmt: skip
    today = clock.today()
    # the Kepala Dinas Kesehatan is away: the Sekretaris signs as Plt. meanwhile
    end = today + dt.timedelta(days=PLT_DAYS)
    service.letters.set_acting(ADMIN, "DINKES.KEPALA", "Plt", "sekdinkes", today, end)
    service.letters.signing_init(ADMIN)
    for account in signers():
        service.letters.enrol(ADMIN, account, SIGNING_PASSPHRASE)
    return len(positions())


def build_letters(service: Lontar) -> dict:
    """The letters, once the positions are built (build_positions)."""
    return {"positions": len(positions()), "letters": len(_letters(service))}


def _as(service: Lontar, name: str) -> Caller:
    return service.access.caller(name, "demo")


def _fields(unit: str, hal: str, body: str, signer: str, verifiers: list[str], **more) -> dict:
    return {
        "unit": unit,
        "type": more.pop("type", "surat_dinas"),
        "sifat": more.pop("sifat", "biasa"),
        "urgency": more.pop("urgency", "biasa"),
        "classification": more.pop("classification", "000.1"),
        "hal": hal,
        "body": body,
        "recipients": more.pop("recipients", ["position:SETDA.SEKDA"]),
        "copies": more.pop("copies", []),
        "signer": signer,
        "verifiers": verifiers,
        **more,
    }


DINKES_CHAIN = ["DINKES.KASUBBAG", "DINKES.SEKRETARIS"]
DINKES_VERIFIERS = ["kasubbag.dinkes", "sekdinkes"]
BODY = (
    "Dalam rangka {what}, bersama ini kami sampaikan {detail}.\n\n"
    "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."
)


def _dinkes(service: Lontar, hal: str, what: str, **more) -> str:
    author = more.pop("author", "staf")
    chain = more.pop("verifiers", DINKES_CHAIN)
    body = BODY.format(what=what, detail=more.pop("detail", "hal tersebut di atas"))
    fields = _fields("DINKES", hal, body, "DINKES.KEPALA", list(chain), **more)
    return service.letters.draft(_as(service, author), fields)


def _verify(service: Lontar, letter_id: str, upto: int = 2) -> None:
    """Submit as its author (staf), then the paraf of the first `upto` verifiers."""
    service.letters.submit(_as(service, "staf"), letter_id)
    for account in DINKES_VERIFIERS[:upto]:
        _approve(service, letter_id, account)


def _version(service: Lontar, letter_id: str, account: str) -> int:
    """The version `account` sees (a draft is visible to its chain only, not the admin)."""
    return service.letters.letter(_as(service, account), letter_id)["version"]


def _approve(service: Lontar, letter_id: str, account: str) -> None:
    version = _version(service, letter_id, account)
    service.letters.approve(_as(service, account), letter_id, version)


def _sign(service: Lontar, letter_id: str, account: str) -> dict:
    version = _version(service, letter_id, account)
    return service.letters.sign(_as(service, account), letter_id, SIGNING_PASSPHRASE, version)


RAHASIA = ("Hasil audit internal pengadaan obat", "tindak lanjut audit")
# drafted by the Sekretaris himself, so no paraf: the Kasubbag is not cleared for rahasia
RAHASIA_FIELDS = {"author": "sekdinkes", "sifat": "rahasia", "verifiers": []}


def _letters(service: Lontar) -> list[str]:
    """One letter per state a user meets, most from Dinas Kesehatan's chain (staf drafts,
    the Kasubbag and the Sekretaris paraf, the Kepala signs) and one from the Sekda to
    every OPD."""
    made = {
        "draft": _dinkes(service, "Permohonan data cakupan imunisasi", "pemutakhiran data"),
        "verification": _dinkes(service, "Undangan rapat koordinasi posyandu", "koordinasi"),
        "ready": _dinkes(service, "Laporan kasus demam berdarah", "kewaspadaan dini"),
        "returned": _dinkes(service, "Usulan pelatihan tenaga kesehatan", "peningkatan SDM"),
        "rejected": _dinkes(service, "Permohonan pinjam aula", "kegiatan sosialisasi"),
        "withdrawn": _dinkes(service, "Pemberitahuan libur pelayanan", "cuti bersama"),
        "signed": _dinkes(service, "Penyampaian laporan bulanan puskesmas", "pelaporan rutin"),
        "rahasia": _dinkes(service, *RAHASIA, **RAHASIA_FIELDS),
    }
    _verify(service, made["verification"], upto=1)
    for state in ("ready", "returned", "rejected", "signed"):
        _verify(service, made[state])
    version = _version(service, made["returned"], "kadinkes")
    service.letters.send_back(
        _as(service, "kadinkes"), made["returned"], "Lengkapi jadwal dan anggaran.", version
    )
    service.letters.reject(
        _as(service, "kadinkes"), made["rejected"], "Aula dipakai kegiatan vaksinasi."
    )
    service.letters.withdraw(_as(service, "staf"), made["withdrawn"])
    _sign(service, made["signed"], "sekdinkes")  # as Plt. Kepala Dinas Kesehatan
    rahasia = made["rahasia"]
    service.letters.submit(_as(service, "sekdinkes"), rahasia)
    _sign(service, rahasia, "kadinkes")
    service.letters.send(_as(service, "kadinkes"), rahasia)
    made["sent"] = _all_opd(service)
    return list(made.values())


def _all_opd(service: Lontar) -> str:
    """The Sekda's circular to every OPD, paraf by the Kabag Umum, signed and sent."""
    body = (
        "Sehubungan dengan penerapan tata naskah dinas elektronik, seluruh naskah dinas "
        "keluar mulai bulan depan disusun, diparaf dan ditandatangani secara elektronik "
        "melalui aplikasi Lontar.\n\n"
        "Setiap Perangkat Daerah agar menunjuk pengelola naskah dinas dan mendaftarkan "
        "pejabat penandatangan.\n\n"
        "Demikian untuk dilaksanakan."
    )
    fields = _fields(
        "SETDA", "Penerapan tata naskah dinas elektronik", body, "SETDA.SEKDA",
        ["SETDA.KABAG.UMUM"], recipients=[f"group:{ALL_OPD}"],
        copies=["external:Gubernur Provinsi Contoh"], urgency="segera",
    )  # fmt: skip
    author = _as(service, "arsip.setda")
    letter_id = service.letters.draft(author, fields)
    service.letters.submit(author, letter_id)
    _approve(service, letter_id, "kabag.umum")
    _sign(service, letter_id, "sekda")
    service.letters.send(author, letter_id)
    return letter_id
