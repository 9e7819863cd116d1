"""Messages in Bahasa Indonesia (default) and English.

Services raise errors and return reasons as message keys; whoever shows them to a person
(page or CLI) turns the key into words here, so one catalogue covers every surface.
"""

from __future__ import annotations

import os

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

MESSAGES: dict[str, dict[str, str]] = {
    "not_found": {
        "id": "Arsip {id} tidak ditemukan atau Anda tidak berhak melihatnya.",
        "en": "Record {id} was not found or you may not see it.",
    },
    "unit_not_found": {"id": "Unit {code} tidak ada.", "en": "Unit {code} does not exist."},
    "unit_exists": {"id": "Unit {code} sudah ada.", "en": "Unit {code} already exists."},
    "bad_unit_code": {
        "id": "Kode unit '{code}' tidak sah: pakai huruf, angka, titik, garis bawah atau tanda "
        "hubung, tanpa '/'.",
        "en": "Unit code '{code}' is not valid: use letters, digits, '.', '_' or '-', no '/'.",
    },
    "not_initialised": {
        "id": "Repositori belum dibuat di {home}. Jalankan 'lontar init' dulu.",
        "en": "No repository in {home} yet. Run 'lontar init' first.",
    },
    "already_initialised": {
        "id": "Repositori di {home} sudah ada.",
        "en": "A repository already exists in {home}.",
    },
    "bad_container": {
        "id": "{id} tidak bisa menampung arsip tingkat {level}.",
        "en": "{id} cannot hold a record at level {level}.",
    },
    "bad_security": {
        "id": "Klasifikasi keamanan '{value}' tidak dikenal (pilih {choices}).",
        "en": "Unknown security class '{value}' (choose {choices}).",
    },
    "bad_date": {
        "id": "Tanggal '{value}' tidak sah; pakai format TTTT-BB-HH.",
        "en": "Date '{value}' is not valid; use YYYY-MM-DD.",
    },
    "bad_query": {
        "id": "Kueri pencarian tidak bisa dibaca: {detail}",
        "en": "The search query could not be read: {detail}",
    },
    "access_denied": {
        "id": "Anda tidak berhak melakukan ini.",
        "en": "You are not allowed to do this.",
    },
    "index_busy": {
        "id": "Indeks sedang dibangun ulang; coba lagi sebentar.",
        "en": "The index is being rebuilt; try again shortly.",
    },
    "timeout_waiting_index": {
        "id": "Arsip sudah tersimpan, tetapi pengindeksan belum selesai dalam {seconds} detik.",
        "en": "Records are stored, but indexing did not finish within {seconds} seconds.",
    },
    # Ingest outcomes (flags and rejection reasons).
    "empty_file": {"id": "Berkas kosong.", "en": "The file is empty."},
    "not_a_document": {
        "id": "Bukan dokumen ({kind}); hanya PDF, gambar pindaian, teks dan dokumen kantor "
        "yang diterima.",
        "en": "Not a document ({kind}); only PDFs, scanned images, text and office documents "
        "are accepted.",
    },
    "unreadable_file": {
        "id": "Berkas tidak bisa dibaca: {detail}",
        "en": "The file cannot be read: {detail}",
    },
    "duplicate": {
        "id": "Sama persis dengan arsip {id} yang sudah ada; tidak disimpan dua kali.",
        "en": "Exactly the same as existing record {id}; not stored twice.",
    },
    "flag_encrypted": {
        "id": "PDF terkunci kata sandi; disimpan tanpa teks.",
        "en": "PDF is password-protected; stored without text.",
    },
    "flag_corrupt": {
        "id": "PDF rusak ({detail}); disimpan tanpa teks.",
        "en": "PDF is damaged ({detail}); stored without text.",
    },
    "flag_extract_timeout": {
        "id": "Pembacaan teks melewati batas waktu; disimpan tanpa teks.",
        "en": "Text extraction took too long; stored without text.",
    },
    "flag_unsupported": {
        "id": "Jenis berkas {media_type} disimpan tetapi isinya belum bisa dibaca.",
        "en": "File type {media_type} is stored but its content cannot be read yet.",
    },
    "flag_ocr_waiting": {"id": "Menunggu OCR.", "en": "Waiting for OCR."},
    "flag_ocr_failed": {"id": "OCR gagal: {detail}", "en": "OCR failed: {detail}"},
    "flag_ocr_unavailable": {
        "id": "Tesseract tidak terpasang; arsip menunggu OCR.",
        "en": "Tesseract is not installed; the record waits for OCR.",
    },
    "flag_no_text": {"id": "Tidak ada teks yang ditemukan.", "en": "No text was found."},
    # The app.
    "app_title": {"id": "Lontar — arsip {name}", "en": "Lontar — records of {name}"},
    "search_label": {"id": "Cari arsip", "en": "Search records"},
    "search_help": {
        "id": 'Kata, "frasa", awalan*, kolom:nilai (judul:, opd:, kode:, tanggal:), AND/OR/NOT',
        "en": 'Words, "phrases", prefix*, field:value (title:, unit:, classification:, date:), '
        "AND/OR/NOT",
    },
    "results_count": {"id": "{total} arsip ditemukan", "en": "{total} records found"},
    "no_results": {"id": "Tidak ada arsip yang cocok.", "en": "No matching records."},
    "records_per_unit": {"id": "Arsip per unit", "en": "Records per unit"},
    "col_unit": {"id": "Unit", "en": "Unit"},
    "col_name": {"id": "Nama", "en": "Name"},
    "col_records": {"id": "Jumlah arsip", "en": "Records"},
    "language": {"id": "Bahasa", "en": "Language"},
    "public_view": {
        "id": "Anda melihat arsip terbuka (kelas B) sebagai publik.",
        "en": "You are viewing open (class B) records as the public.",
    },
    "not_ready": {
        "id": "Repositori belum siap: {detail}",
        "en": "The repository is not ready: {detail}",
    },
    # Processes.
    "child_died": {
        "id": "Proses {name} berhenti berulang kali (kode {code}); Lontar dihentikan. Lihat {log}.",
        "en": "Process {name} kept dying (exit code {code}); Lontar stopped. See {log}.",
    },
    "serve_started": {
        "id": "Lontar berjalan di http://localhost:{port} (Ctrl-C untuk berhenti).",
        "en": "Lontar is serving on http://localhost:{port} (Ctrl-C to stop).",
    },
    "demo_accounts": {
        "id": "Repositori demo dibuat di {home}.",
        "en": "Demo repository created in {home}.",
    },
}

FLAG_LABELS: dict[str, dict[str, str]] = {
    "encrypted": {"id": "terkunci", "en": "encrypted"},
    "corrupt": {"id": "rusak", "en": "corrupt"},
    "extract_timeout": {"id": "batas waktu", "en": "timed out"},
    "unsupported": {"id": "tak terbaca", "en": "unsupported"},
    "ocr_waiting": {"id": "menunggu OCR", "en": "waiting for OCR"},
    "ocr_failed": {"id": "OCR gagal", "en": "OCR failed"},
    "ocr_done": {"id": "hasil OCR", "en": "OCR text"},
    "no_text": {"id": "tanpa teks", "en": "no text"},
}


def current_language() -> str:
    lang = os.environ.get("LONTAR_LANG", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, lang: str | None = None, **params: object) -> str:
    """Unknown keys come back as themselves, so a missing entry shows up but never crashes."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    template = entry.get(lang or current_language()) or entry[DEFAULT_LANGUAGE]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def flag_label(flag: str, lang: str | None = None) -> str:
    entry = FLAG_LABELS.get(flag, {})
    return entry.get(lang or current_language(), flag)
