"""Messages of the archivist's workbench (scheme, JRA and retention, vital records)
and of its pages (Klasifikasi, Retensi, Arsip vital); merged into i18n.MESSAGES when
repository.workbench is imported."""

from __future__ import annotations

from repository.core.i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    "bad_matter": {
        "id": "Jenis perkara harus salah satu dari: {choices}.",
        "en": "The kind of matter must be one of: {choices}.",
    },
    # -- Errors of the scheme, the JRA, holds and vital records.
    "bad_csv": {
        "id": "Berkas CSV harus memiliki kolom: {columns}.",
        "en": "The CSV file must have the columns: {columns}.",
    },
    "bad_csv_row": {
        "id": "Baris {line} CSV tidak sah: '{value}'.",
        "en": "Line {line} of the CSV is not valid: '{value}'.",
    },
    "scheme_version_exists": {
        "id": "Versi skema '{version}' sudah ada (atau kosong); beri nama versi baru.",
        "en": "Scheme version '{version}' already exists (or is empty); name a new version.",
    },
    "scheme_missing_parent": {
        "id": "Kode induk tidak ada di berkas: {codes}.",
        "en": "Parent codes missing from the file: {codes}.",
    },
    "bad_disposition": {
        "id": "Baris {line}: nasib akhir '{value}' tidak dikenal (pilih {choices}).",
        "en": "Line {line}: unknown disposition '{value}' (choose {choices}).",
    },
    "bad_event": {
        "id": "Nama peristiwa '{value}' tidak sah.",
        "en": "Event name '{value}' is not valid.",
    },
    "hold_reason_required": {
        "id": "Penahanan (hold) harus diberi alasan.",
        "en": "A hold needs a reason.",
    },
    "no_such_hold": {
        "id": "Tidak ada penahanan {hold} pada arsip ini.",
        "en": "No hold {hold} on this record.",
    },
    "bad_vital_method": {
        "id": "Metode perlindungan tidak dikenal (pilih {choices}).",
        "en": "Unknown protection method (choose {choices}).",
    },
    # -- Klasifikasi.
    "nav_classify": {
        "id": "Klasifikasi",
        "en": "Classification",
    },
    "classify_waiting": {
        "id": "Belum diklasifikasi",
        "en": "Not yet classified",
    },
    "classify_none": {
        "id": "Semua arsip yang dapat Anda lihat sudah diklasifikasi.",
        "en": "Every record you can see is classified.",
    },
    "classify_choose": {
        "id": "Pilih arsip",
        "en": "Choose records",
    },
    "classify_suggestions": {
        "id": "Saran kode untuk: {title}",
        "en": "Suggested codes for: {title}",
    },
    "classify_no_suggestion": {
        "id": "Belum ada arsip serupa yang sudah diklasifikasi.",
        "en": "No similar classified record yet.",
    },
    "classify_score": {
        "id": "skor",
        "en": "score",
    },
    "classify_because": {
        "id": "mirip dengan",
        "en": "similar to",
    },
    "classify_button": {
        "id": "Klasifikasikan",
        "en": "Classify",
    },
    "classify_done": {
        "id": "{count} arsip diklasifikasi dengan kode {code}.",
        "en": "{count} records classified as {code}.",
    },
    # -- Retensi, and a record's retention on Arsip (`due_<list>`).
    "nav_retention": {
        "id": "Retensi",
        "en": "Retention",
    },
    "retention": {
        "id": "Retensi (JRA)",
        "en": "Retention (JRA)",
    },
    "retention_on": {
        "id": "Per tanggal",
        "en": "As of",
    },
    "retention_computing": {
        "id": "Menghitung jadwal retensi…",
        "en": "Computing the retention schedule…",
    },
    "retention_waiting": {
        "id": "Menunggu peristiwa '{event}': retensi dihitung sejak tanggal peristiwa itu dicatat.",
        "en": "Waiting for the event '{event}': retention counts from the date it is recorded.",
    },
    "retention_held": {
        "id": "Ditahan sejak {since}: {reason}. Arsip ini tidak boleh dimusnahkan.",
        "en": "On hold since {since}: {reason}. This record must not be destroyed.",
    },
    "retention_rule": {
        "id": "Baris JRA",
        "en": "JRA row",
    },
    "retention_start": {
        "id": "Mulai dihitung",
        "en": "Counted from",
    },
    "retention_active_until": {
        "id": "Aktif sampai",
        "en": "Active until",
    },
    "retention_inactive_until": {
        "id": "Inaktif sampai",
        "en": "Inactive until",
    },
    "retention_disposition": {
        "id": "Nasib akhir",
        "en": "Final disposition",
    },
    "retention_note": {
        "id": "Keterangan",
        "en": "Note",
    },
    "due_transfer": {
        "id": "Usul pindah",
        "en": "Due for transfer",
    },
    "due_destroy": {
        "id": "Usul musnah / dinilai",
        "en": "Due for destruction / appraisal",
    },
    "due_handover": {
        "id": "Usul serah (permanen)",
        "en": "Due for hand-over (permanent)",
    },
    "due_held": {
        "id": "Ditahan",
        "en": "On hold",
    },
    "due_waiting_for_event": {
        "id": "Menunggu peristiwa",
        "en": "Waiting for an event",
    },
    # -- Arsip vital (`vital_<missing>`), and its line on Beranda.
    "nav_vital": {
        "id": "Arsip vital",
        "en": "Vital records",
    },
    "vital_total": {
        "id": "Arsip vital",
        "en": "Vital records",
    },
    "vital_incomplete": {
        "id": "Perlindungan belum lengkap",
        "en": "Protection incomplete",
    },
    "vital_method": {
        "id": "Metode perlindungan",
        "en": "Protection method",
    },
    "vital_copy_location": {
        "id": "Lokasi salinan",
        "en": "Copy location",
    },
    "vital_verified": {
        "id": "Salinan diperiksa",
        "en": "Copy checked",
    },
    "vital_missing": {
        "id": "Kurang",
        "en": "Missing",
    },
    "vital_none": {
        "id": "Belum ada arsip yang ditandai vital.",
        "en": "No record is marked vital yet.",
    },
    "vital_mark": {
        "id": "Tandai atau perbarui arsip vital",
        "en": "Mark or update a vital record",
    },
    "vital_home": {
        "id": "{count} arsip vital belum lengkap perlindungannya.",
        "en": "{count} vital records are not fully protected.",
    },
}


register(MESSAGES)
