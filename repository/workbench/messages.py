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
    # -- The reason behind a suggested code (instead of a score).
    "classify_reason": {
        "id": "{words} kata sama dengan {records} arsip berkode {code}",
        "en": "{words} words in common with {records} records coded {code}",
    },
    "classify_examples": {
        "id": "misalnya",
        "en": "for example",
    },
    "classify_words": {
        "id": "kata yang sama",
        "en": "words in common",
    },
    "classify_next": {
        "id": "Berikutnya: {title}",
        "en": "Next: {title}",
    },
    "classify_level": {
        "id": "Tingkat",
        "en": "Level",
    },
    # -- Unit drop-downs offer only the units where the user may act.
    "units_none_edit": {
        "id": "Anda tidak memegang peran Arsiparis atau Administrator di unit mana pun, jadi "
        "tidak ada unit yang dapat dipilih di sini.",
        "en": "You hold the Arsiparis or Administrator role in no unit, so there is no unit "
        "to choose here.",
    },
    # -- Retensi columns and the JRA's dispositions.
    "retention_list": {"id": "Daftar", "en": "List"},
    "retention_title": {"id": "Judul", "en": "Title"},
    "retention_refcode": {"id": "Kode referensi", "en": "Reference code"},
    "retention_code": {"id": "Kode klasifikasi", "en": "Classification code"},
    "retention_unit": {"id": "Unit", "en": "Unit"},
    "retention_id": {"id": "ID arsip", "en": "Record ID"},
    "disposition_musnah": {"id": "Musnah", "en": "Destroy"},
    "disposition_permanen": {"id": "Permanen", "en": "Permanent"},
    "disposition_dinilai_kembali": {"id": "Dinilai kembali", "en": "Re-appraise"},
    # -- Audit actions the workbench records (`audit_action_<action>`), and their details.
    "audit_action_scheme_loaded": {
        "id": "Skema klasifikasi dimuat",
        "en": "Classification scheme loaded",
    },
    "audit_action_jra_loaded": {"id": "JRA dimuat", "en": "JRA loaded"},
    "audit_action_classified": {"id": "Diklasifikasi", "en": "Classified"},
    "audit_action_retention_event": {
        "id": "Peristiwa retensi dicatat",
        "en": "Retention event recorded",
    },
    "audit_action_hold": {"id": "Ditahan", "en": "Put on hold"},
    "audit_action_hold_released": {"id": "Penahanan dicabut", "en": "Hold released"},
    "audit_action_vital": {"id": "Ditandai arsip vital", "en": "Marked vital"},
    "audit_action_vital_removed": {
        "id": "Tanda arsip vital dicabut",
        "en": "Vital mark removed",
    },
    "audit_detail_scheme_loaded": {"id": "{codes} kode", "en": "{codes} codes"},
    "audit_detail_jra_loaded": {"id": "{rules} baris JRA", "en": "{rules} JRA rows"},
    "audit_detail_classified": {"id": "kode {code}", "en": "code {code}"},
    "audit_detail_retention_event": {
        "id": "peristiwa \u201c{event}\u201d pada {date}",
        "en": "event \u201c{event}\u201d on {date}",
    },
    "audit_detail_hold": {"id": "alasan: {reason}", "en": "reason: {reason}"},
    "audit_detail_hold_released": {"id": "penahanan {key}", "en": "hold {key}"},
    "audit_detail_vital": {
        "id": "metode {method}, salinan di {copy}",
        "en": "method {method}, copy at {copy}",
    },
    # -- Loading a scheme or the JRA (the uploaders' help).
    "scheme_csv_help": {
        "id": "Berkas CSV UTF-8: kode, nama dan (boleh) kode induk per baris; menjadi versi "
        "skema yang berlaku.",
        "en": "A UTF-8 CSV file: code, name and (optionally) parent code per row; it becomes "
        "the current scheme version.",
    },
    "jra_csv_help": {
        "id": "Berkas CSV UTF-8 dengan kolom seperti hasil Unduh JRA: satu baris per kode, "
        "masa aktif dan inaktif dalam tahun, pemicu, nasib akhir, keterangan, keamanan.",
        "en": "A UTF-8 CSV file with the columns Download the JRA gives: one row per code, "
        "active and inactive years, trigger, disposition, note, security class.",
    },
    # -- The audit page (Jejak audit): the table, the chart, details in words.
    "audit_col_seq": {"id": "No.", "en": "No."},
    "audit_day": {"id": "Hari", "en": "Day"},
    "audit_per_day": {
        "id": "Kejadian per hari dan tindakan",
        "en": "Events per day and action",
    },
    "audit_actions": {"id": "Tindakan", "en": "Actions"},
    "audit_actions_help": {
        "id": "Kosong: semua tindakan.",
        "en": "Empty: every action.",
    },
    "audit_withheld": {
        "id": "rincian disembunyikan karena izin akses Anda ({fields})",
        "en": "details withheld for your clearance ({fields})",
    },
    "audit_line": {"id": "Baris", "en": "Line"},
    "audit_problem_not_json": {"id": "baris tidak terbaca", "en": "line cannot be read"},
    "audit_problem_edited": {"id": "isi entri diubah", "en": "entry edited"},
    "audit_problem_chain_broken": {
        "id": "rantai hash putus (entri dihapus atau disisipkan)",
        "en": "hash chain broken (an entry removed or inserted)",
    },
    "audit_problem_sequence": {
        "id": "nomor urut {found}, seharusnya {expected}",
        "en": "sequence number {found} where {expected} was expected",
    },
    "audit_yes": {"id": "ya", "en": "yes"},
    "audit_no": {"id": "tidak", "en": "no"},
    "audit_field_file": {"id": "berkas", "en": "file"},
    "audit_field_records": {"id": "arsip", "en": "records"},
    "audit_field_rows": {"id": "baris", "en": "rows"},
    "audit_field_filters": {"id": "saringan", "en": "filters"},
    "audit_field_query": {"id": "kata pencarian", "en": "search words"},
    "audit_field_total": {"id": "hasil", "en": "results"},
    "audit_field_code": {"id": "kode", "en": "code"},
    "audit_field_reason": {"id": "alasan", "en": "reason"},
    "audit_field_decree": {"id": "keputusan", "en": "decree"},
    "audit_field_destruction": {"id": "daftar musnah", "en": "destruction list"},
    "audit_field_format": {"id": "format", "en": "format"},
    "audit_field_document": {"id": "dokumen", "en": "document"},
    "audit_field_side": {"id": "sebagai", "en": "as"},
    "audit_field_state": {"id": "tahap", "en": "stage"},
    "audit_field_key": {"id": "kunci", "en": "key"},
    "audit_field_event": {"id": "peristiwa", "en": "event"},
    "audit_field_date": {"id": "tanggal", "en": "date"},
    "audit_field_method": {"id": "metode", "en": "method"},
    "audit_field_copy": {"id": "salinan", "en": "copy"},
    "audit_field_parent": {"id": "induk", "en": "parent"},
    "audit_field_roles": {"id": "peran", "en": "roles"},
    "audit_field_unit": {"id": "unit", "en": "unit"},
    "audit_field_clearance": {"id": "izin akses", "en": "clearance"},
    "audit_field_kept": {"id": "dipertahankan", "en": "kept"},
    "audit_field_codes": {"id": "kode", "en": "codes"},
    "audit_field_rules": {"id": "baris JRA", "en": "JRA rows"},
    "audit_field_since": {"id": "dari", "en": "from"},
    "audit_field_until": {"id": "sampai", "en": "until"},
    "audit_field_actor": {"id": "oleh", "en": "by"},
    "audit_field_action": {"id": "tindakan", "en": "action"},
    "audit_field_target": {"id": "sasaran", "en": "target"},
    # -- Administrasi: roles in words (`role_<role>`), account and unit lists.
    "role_administrator": {"id": "Administrator", "en": "Administrator"},
    "role_arsiparis": {"id": "Arsiparis", "en": "Archivist"},
    "role_pencatat": {"id": "Pencatat", "en": "Registrar"},
    "role_pejabat": {"id": "Pejabat", "en": "Head of unit"},
    "role_staf": {"id": "Staf", "en": "Staff"},
    "role_ppid": {"id": "PPID", "en": "Information officer (PPID)"},
    "role_atasan_ppid": {"id": "Atasan PPID", "en": "PPID's superior"},
    "role_auditor": {"id": "Auditor", "en": "Auditor"},
    "admin_everywhere_short": {"id": "semua unit", "en": "every unit"},
    # -- History sentences for the workbench's changes to a record (records/history.py parses
    # the stored detail into these parameters).
    "history_classified": {
        "id": "Diklasifikasikan: {old} → {code}.",
        "en": "Classified: {old} → {code}.",
    },
    "history_event": {
        "id": "Peristiwa pemicu retensi: {event} ({date}).",
        "en": "Retention trigger event: {event} ({date}).",
    },
    "history_hold": {"id": "Ditahan (legal hold): {reason}.", "en": "Put on legal hold: {reason}."},
    "history_hold_released": {
        "id": "Penahanan dilepas: {hold}.",
        "en": "Legal hold released: {hold}.",
    },
    "history_vital": {
        "id": "Ditetapkan sebagai arsip vital ({method}, {location}).",
        "en": "Registered as a vital record ({method}, {location}).",
    },
    "history_vital_removed": {
        "id": "Dikeluarkan dari daftar arsip vital.",
        "en": "Removed from the vital-records register.",
    },
    "vital_records_pick": {
        "id": "Arsip yang ditetapkan (dicari menurut judul)",
        "en": "Records to register (found by title)",
    },
    "vital_pick_first": {
        "id": "Pilih dulu arsipnya: cari menurut judul di atas.",
        "en": "Choose the records first: search by title above.",
    },
}


register(MESSAGES)
