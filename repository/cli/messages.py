"""Messages of the command line itself (what it checks before any service is asked); merged
into i18n.MESSAGES when repository.cli is imported."""

from __future__ import annotations

from repository.core.i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    "date_out_of_range": {
        "id": "Tanggal '{value}' di luar rentang {first} sampai {last}.",
        "en": "Date '{value}' is outside {first} to {last}.",
    },
    "home_unusable": {
        "id": "Direktori data {home} tidak bisa dibuka: {detail}",
        "en": "The data directory {home} cannot be opened: {detail}",
    },
    "bad_pemda_code": {
        "id": "Kode Pemda '{code}' tidak sah: pakai huruf, angka, titik, garis bawah atau tanda "
        "hubung (paling banyak 64), tanpa '/' atau spasi.",
        "en": "Pemda code '{code}' is not valid: use letters, digits, dots, underscores or "
        "hyphens (64 at most), no '/' or spaces.",
    },
    "pemda_name_required": {
        "id": "Nama Pemda wajib diisi.",
        "en": "The Pemda's name is required.",
    },
    "empty_path": {
        "id": "Nama berkas atau folder kosong.",
        "en": "An empty file or folder name.",
    },
    "bad_timeout": {
        "id": "Batas waktu harus berupa jumlah detik lebih dari 0, bukan {value}.",
        "en": "The timeout must be a number of seconds above 0, not {value}.",
    },
}


register(MESSAGES)
