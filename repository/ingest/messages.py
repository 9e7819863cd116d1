"""Messages of ingest (rejections, previews) and of its page (Unggah); merged into
i18n.MESSAGES when repository.ingest is imported."""

from __future__ import annotations

from repository.core.i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    # -- Rejections and previews (pipeline, preview).
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
    "store_failed": {
        "id": "Berkas tidak bisa disimpan: {detail}",
        "en": "The file could not be stored: {detail}",
    },
    "import_interrupted": {
        "id": "Impor tidak selesai: {detail} ({committed} berkas sudah tersimpan dan "
        "tercantum di laporan).",
        "en": "The import did not finish: {detail} ({committed} files were stored and are "
        "listed in the report).",
    },
    "duplicate": {
        "id": "Sama persis dengan arsip {id} yang sudah ada; tidak disimpan dua kali.",
        "en": "Exactly the same as existing record {id}; not stored twice.",
    },
    "no_preview": {
        "id": "Pratinjau tidak tersedia untuk jenis berkas {media_type}.",
        "en": "No preview for file type {media_type}.",
    },
    "no_preview_tool": {
        "id": "Pratinjau butuh poppler-utils (pdftoppm), yang belum terpasang.",
        "en": "Previews need poppler-utils (pdftoppm), which is not installed.",
    },
    "preview_failed": {
        "id": "Halaman ini tidak bisa ditampilkan: {detail}",
        "en": "This page cannot be shown: {detail}",
    },
    # -- A record's history and the audit trail (ingest/scans.py, pipeline, indexing,
    # recovery, services).
    "history_ocr": {
        "id": "Teks pindaian dibaca (OCR): {status}.",
        "en": "Scan read (OCR): {status}.",
    },
    "history_ocr_done": {"id": "berhasil", "en": "done"},
    "history_ocr_failed": {"id": "gagal", "en": "failed"},
    "audit_action_created": {"id": "Arsip dibuat", "en": "Record created"},
    "audit_action_imported": {"id": "Berkas diimpor", "en": "File imported"},
    "audit_action_recovered": {
        "id": "Entri audit dipulihkan",
        "en": "Audit entry recovered",
    },
    "audit_action_packed": {"id": "Basis data dipadatkan", "en": "Database packed"},
    "audit_action_evolved": {"id": "Basis data dinaikkan generasinya", "en": "Database evolved"},
    "audit_detail_evolved": {
        "id": "generasi {from} ke {to}: {step} ({changed} diubah)",
        "en": "generation {from} to {to}: {step} ({changed} changed)",
    },
    "audit_action_pack_failed": {
        "id": "Pemadatan basis data gagal",
        "en": "Database pack failed",
    },
    # -- Unggah: classification and unit pickers, the size limit, outcomes by title.
    "classification_pick": {
        "id": "Ketik kode atau nama klasifikasi…",
        "en": "Type a classification code or name…",
    },
    "classification_none": {"id": "— tanpa kode klasifikasi —", "en": "— no classification —"},
    "classification_help": {
        "id": "Hanya kode dari skema klasifikasi yang berlaku.",
        "en": "Only codes of the current classification scheme.",
    },
    "unit_pick": {"id": "Pilih unit…", "en": "Choose a unit…"},
    "upload_units_none": {
        "id": "Anda tidak berhak menambah arsip di unit mana pun.",
        "en": "You may not add records to any unit.",
    },
    "upload_files_help": {
        "id": "Satu atau beberapa berkas: PDF, pindaian, teks atau dokumen kantor.",
        "en": "One or more files: PDFs, scans, text or office documents.",
    },
    "uploader_drop": {
        "id": "atau tarik berkas ke sini",
        "en": "or drag files here",
    },
    "uploader_browse": {"id": "Pilih berkas", "en": "Choose files"},
    "upload_limit": {
        "id": "Paling besar {size} MB per berkas.",
        "en": "At most {size} MB per file.",
    },
    "duplicate_of": {
        "id": "Sama persis dengan arsip yang sudah ada: {title}",
        "en": "Exactly the same as an existing record: {title}",
    },
    "open_uploaded": {"id": "Buka {title}", "en": "Open {title}"},
    # -- Unggah.
    "nav_upload": {"id": "Unggah", "en": "Upload"},
    "upload_help": {
        "id": "Setiap berkas disimpan begitu selesai dibaca: menutup peramban di tengah "
        "unggahan tidak menghapus berkas yang sudah diterima.",
        "en": "Each file is stored as soon as it is read: closing the browser mid-upload "
        "loses nothing already accepted.",
    },
    "target_berkas": {"id": "Masukkan ke berkas", "en": "File into"},
    "directly_in_unit": {"id": "— langsung di unit —", "en": "— directly in the unit —"},
    "title_help": {
        "id": "Kosongkan untuk memakai nama berkas.",
        "en": "Leave empty to use the file name.",
    },
    "file": {"id": "Berkas", "en": "File"},
    "upload_button": {"id": "Unggah", "en": "Upload"},
    "no_files_chosen": {"id": "Pilih setidaknya satu berkas.", "en": "Choose at least one file."},
    "uploading": {
        "id": "Memproses {done} dari {total} berkas…",
        "en": "Processing {done} of {total} files…",
    },
    "upload_done": {"id": "Selesai.", "en": "Done."},
    "upload_summary": {
        "id": "{accepted} diterima, {duplicates} duplikat, {flagged} ditandai, {rejected} ditolak.",
        "en": "{accepted} accepted, {duplicates} duplicates, {flagged} flagged, "
        "{rejected} rejected.",
    },
    "outcome_accepted": {"id": "Diterima", "en": "Accepted"},
    "outcome_duplicates": {"id": "Duplikat", "en": "Duplicates"},
    "outcome_flagged": {"id": "Ditandai", "en": "Flagged"},
    "outcome_rejected": {"id": "Ditolak", "en": "Rejected"},
}


register(MESSAGES)
