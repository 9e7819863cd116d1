"""Messages of units, records, accounts, sharing and access, and of their pages
(Beranda, Cari, Jelajah, Arsip, Administrasi, Audit); merged into i18n.MESSAGES when
repository.records is imported."""

from __future__ import annotations

from repository.core.i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    "unknown_code": {
        "id": "Kode klasifikasi '{code}' tidak ada di skema yang berlaku.",
        "en": "Classification code '{code}' is not in the current scheme.",
    },
    # -- Errors of units, records, accounts and sharing.
    "bad_unit_code": {
        "id": "Kode unit '{code}' tidak sah: pakai huruf, angka, titik, garis bawah atau tanda "
        "hubung, tanpa '/'.",
        "en": "Unit code '{code}' is not valid: use letters, digits, '.', '_' or '-', no '/'.",
    },
    "bad_container": {
        "id": "{id} tidak bisa menampung arsip tingkat {level}.",
        "en": "{id} cannot hold a record at level {level}.",
    },
    "title_required": {"id": "Judul wajib diisi.", "en": "A title is required."},
    "bad_date_range": {
        "id": "Tanggal akhir tidak boleh sebelum tanggal awal.",
        "en": "The end date cannot be before the start date.",
    },
    "bad_field": {
        "id": "Kolom ini tidak bisa diubah: {fields}",
        "en": "These fields cannot be edited: {fields}",
    },
    "bad_format": {
        "id": "Format '{value}' tidak dikenal (pilih {choices}).",
        "en": "Unknown format '{value}' (choose {choices}).",
    },
    "above_clearance": {
        "id": "Anda hanya boleh memberi klasifikasi keamanan sampai {clearance}.",
        "en": "You may only set a security class up to {clearance}.",
    },
    "account_locked": {
        "id": "Terlalu banyak percobaan masuk yang gagal; coba lagi dalam 15 menit.",
        "en": "Too many failed logins; try again in 15 minutes.",
    },
    "old_password_wrong": {
        "id": "Kata sandi lama salah.",
        "en": "The current password is wrong.",
    },
    "unknown_account": {
        "id": "Akun '{name}' tidak ada.",
        "en": "There is no account '{name}'.",
    },
    "account_exists": {
        "id": "Akun '{name}' sudah ada.",
        "en": "Account '{name}' already exists.",
    },
    "account_name_reserved": {
        "id": "Nama akun '{name}' dipakai oleh sistem; pilih nama lain.",
        "en": "The account name '{name}' is used by the system; choose another name.",
    },
    "password_too_short": {
        "id": "Kata sandi minimal {minimum} karakter.",
        "en": "A password needs at least {minimum} characters.",
    },
    "bad_account": {
        "id": "Akun '{name}' tidak sah: nama 2–40 huruf kecil, angka, titik, garis bawah "
        "atau tanda hubung; peran tak dikenal: {roles}.",
        "en": "Account '{name}' is not valid: names are 2–40 lower-case letters, digits, "
        "dots, underscores or hyphens; unknown roles: {roles}.",
    },
    "setup_token_wrong": {
        "id": "Token penyiapan salah. Token tercetak di konsol saat server dimulai dan "
        "tersimpan di berkas setup-token di direktori data.",
        "en": "Wrong setup token. It was printed on the console when the server started and "
        "is kept in the file setup-token in the data directory.",
    },
    "share_in_past": {
        "id": "Tanggal akhir berbagi {date} sudah lewat.",
        "en": "The share's end date {date} has already passed.",
    },
    "unknown_share_target": {
        "id": "'{target}' bukan unit (kode atau nama) ataupun nama akun.",
        "en": "'{target}' is neither a unit (code or name) nor an account name.",
    },
    "not_shared": {
        "id": "Arsip ini tidak dibagikan kepada {principal}.",
        "en": "This record is not shared with {principal}.",
    },
    # -- The first start (ui/setup.py, `lontar serve`) and the demo accounts (`lontar init --demo`,
    # which does not import repository.run).
    "setup_title": {"id": "Penyiapan pertama", "en": "First start"},
    "setup_intro": {
        "id": "Belum ada akun. Buat akun administrator pertama dengan token penyiapan yang tercetak"
        " di konsol saat server dimulai (juga di berkas setup-token di direktori data).",
        "en": "No account exists yet. Create the first administrator account with the setup token "
        "printed on the console when the server started (also in the file setup-token in the "
        "data directory).",
    },
    "setup_token": {"id": "Token penyiapan", "en": "Setup token"},
    "setup_create": {"id": "Buat administrator", "en": "Create administrator"},
    "setup_token_banner": {
        "id": "Belum ada akun. Buka {url} dan buat administrator dengan token penyiapan: {token}",
        "en": "No account yet. Open {url} and create the administrator with the setup token: "
        "{token}",
    },
    "full_name": {"id": "Nama lengkap", "en": "Full name"},
    "demo_accounts": {
        "id": "Repositori demo dibuat di {home}.",
        "en": "Demo repository created in {home}.",
    },
    "demo_login_banner": {
        "id": "DEMO — akun contoh berikut BUKAN untuk produksi (nama, kata sandi, peran, unit):",
        "en": "DEMO — these sample accounts are NOT for production (name, password, role, unit):",
    },
    # -- Navigation to the records pages.
    "nav_home": {"id": "Beranda", "en": "Home"},
    "nav_search": {"id": "Cari", "en": "Search"},
    "nav_browse": {"id": "Jelajah", "en": "Browse"},
    "nav_record": {"id": "Arsip", "en": "Record"},
    "nav_admin": {"id": "Administrasi", "en": "Administration"},
    "nav_audit": {"id": "Jejak audit", "en": "Audit trail"},
    # -- Beranda (streamlit_app.py).
    "home_title": {"id": "Beranda arsip", "en": "Records at a glance"},
    "public_view": {
        "id": "Anda melihat arsip terbuka (kelas B) sebagai publik.",
        "en": "You are viewing open (class B) records as the public.",
    },
    "search_label": {"id": "Cari arsip", "en": "Search records"},
    "search_help": {
        "id": 'Kata, "frasa", awalan*, kolom:nilai (judul:, opd:, kode:, tanggal:), AND/OR/NOT',
        "en": 'Words, "phrases", prefix*, field:value (title:, unit:, classification:, date:), '
        "AND/OR/NOT",
    },
    "search_button": {"id": "Cari", "en": "Search"},
    "no_results": {"id": "Tidak ada arsip yang cocok.", "en": "No matching records."},
    "metric_records": {"id": "Arsip yang dapat Anda lihat", "en": "Records you can see"},
    "metric_units": {"id": "Unit berisi arsip", "en": "Units holding records"},
    "metric_attention": {"id": "Perlu perhatian", "en": "Need attention"},
    "records_per_unit": {"id": "Arsip per unit", "en": "Records per unit"},
    "records_per_level": {"id": "Arsip per tingkat", "en": "Records per level"},
    "recent_additions": {"id": "Baru ditambahkan", "en": "Recently added"},
    "needs_attention": {"id": "Menunggu OCR atau bermasalah", "en": "Waiting for OCR or flagged"},
    "nothing_flagged": {
        "id": "Tidak ada arsip yang bermasalah.",
        "en": "No record needs attention.",
    },
    # -- Cari: the form, sorting, facets, hits and pages (ui/render.py, ui/params.py).
    "results_count": {"id": "{total} arsip ditemukan", "en": "{total} records found"},
    "choose": {"id": "Pilih…", "en": "Choose…"},
    "classification_prefix": {"id": "Awalan kode klasifikasi", "en": "Classification code prefix"},
    "sort": {"id": "Urutkan", "en": "Sort by"},
    "search_more_filters": {"id": "Saringan lanjutan", "en": "More filters"},
    "filters_in_force": {"id": "Disaring menurut", "en": "Filtered by"},
    "filters_clear": {"id": "Hapus semua saringan", "en": "Clear all filters"},
    "sort_relevance": {"id": "Relevansi", "en": "Relevance"},
    "sort_date_desc": {"id": "Tanggal terbaru", "en": "Newest date"},
    "sort_date_asc": {"id": "Tanggal terlama", "en": "Oldest date"},
    "sort_added_desc": {"id": "Baru ditambahkan", "en": "Recently added"},
    "sort_refcode": {"id": "Kode referensi", "en": "Reference code"},
    "date_from": {"id": "Dari tanggal", "en": "From date"},
    "date_to": {"id": "Sampai tanggal", "en": "To date"},
    "flags": {"id": "Tanda", "en": "Flags"},
    "facet_unit": {"id": "Unit", "en": "Unit"},
    "facet_level": {"id": "Tingkat", "en": "Level"},
    "facet_security": {"id": "Keamanan", "en": "Security"},
    "facet_year": {"id": "Tahun", "en": "Year"},
    "facet_class_top": {"id": "Kode klasifikasi", "en": "Classification"},
    "facet_flags": {"id": "Tanda", "en": "Flags"},
    "no_date": {"id": "tanpa tanggal", "en": "no date"},
    "previous": {"id": "← Sebelumnya", "en": "← Previous"},
    "next": {"id": "Berikutnya →", "en": "Next →"},
    "page_of": {"id": "Halaman {page} dari {pages}", "en": "Page {page} of {pages}"},
    # -- Jelajah.
    "units_here": {"id": "Unit", "en": "Units"},
    "contents_count": {"id": "Isi ({total} arsip)", "en": "Contents ({total} records)"},
    "as_table": {"id": "Tampilkan sebagai tabel", "en": "Show as a table"},
    "open_record": {"id": "Buka arsip", "en": "Open record"},
    # -- Arsip: metadata, files and preview, related records, editing, sharing.
    "metadata": {"id": "Metadata", "en": "Metadata"},
    "field": {"id": "Kolom", "en": "Field"},
    "value": {"id": "Isi", "en": "Value"},
    "date_start": {"id": "Tanggal awal (TTTT-BB-HH)", "en": "Start date (YYYY-MM-DD)"},
    "date_end": {"id": "Tanggal akhir (TTTT-BB-HH)", "en": "End date (YYYY-MM-DD)"},
    "urgency": {"id": "Sifat/urgensi", "en": "Urgency"},
    "location": {"id": "Lokasi fisik", "en": "Physical location"},
    "pages_unit": {"id": "hlm", "en": "pp"},
    "download_original": {"id": "Unduh asli", "en": "Download original"},
    "download_original_of": {"id": "Unduh asli: {name}", "en": "Download original: {name}"},
    "preview": {"id": "Pratinjau", "en": "Preview"},
    "preview_source": {"id": "Sumber", "en": "Source"},
    "preview_original": {"id": "Asli", "en": "Original"},
    "preview_ocr": {"id": "Hasil OCR (PDF/A)", "en": "OCR derivative (PDF/A)"},
    "page": {"id": "Halaman", "en": "Page"},
    "extracted_text": {"id": "Teks hasil ekstraksi", "en": "Extracted text"},
    "related": {"id": "Arsip terkait", "en": "Related records"},
    "no_related": {
        "id": "Tidak ada arsip terkait yang dapat Anda lihat.",
        "en": "No related record you may see.",
    },
    "edit_metadata": {"id": "Ubah metadata", "en": "Edit metadata"},
    "share_title": {"id": "Berbagi", "en": "Sharing"},
    "share_help": {
        "id": "Akses baca saja untuk unit lain atau seorang pengguna, untuk arsip ini dan semua "
        "di bawahnya; tanpa tanggal berarti tanpa batas.",
        "en": "Read-only access for another unit or a user, to this record and everything "
        "below it; no date means no expiry.",
    },
    "share_with": {"id": "Unit atau pengguna", "en": "Unit or user"},
    "share_until": {"id": "Berlaku sampai", "en": "Until"},
    "share_button": {"id": "Bagikan", "en": "Share"},
    "unshare_button": {"id": "Cabut berbagi", "en": "Stop sharing"},
    # -- A record's history (records/history.py): one sentence per change; `history_<action>`
    # for the actions units, records and sharing write; other features define theirs.
    "history_created": {"id": "Arsip dibuat.", "en": "Record created."},
    "history_edited": {
        "id": "{field} diubah dari {old} menjadi {new}.",
        "en": "{field} changed from {old} to {new}.",
    },
    "history_share": {
        "id": "Dibagikan (baca saja) kepada {to}, tanpa batas waktu.",
        "en": "Shared read-only with {to}, with no end date.",
    },
    "history_share_until": {
        "id": "Dibagikan (baca saja) kepada {to} sampai {until}.",
        "en": "Shared read-only with {to} until {until}.",
    },
    "history_unshare": {"id": "Berbagi dengan {to} dicabut.", "en": "Sharing with {to} stopped."},
    "history_share_expired": {
        "id": "Masa berbagi dengan {to} berakhir.",
        "en": "Sharing with {to} expired.",
    },
    "history_other": {"id": "Perubahan lain: {detail}", "en": "Other change: {detail}"},
    "history_none": {"id": "(kosong)", "en": "(empty)"},
    "history_system": {"id": "Sistem", "en": "System"},
    "history_field_title": {"id": "Judul", "en": "Title"},
    "history_field_description": {"id": "Uraian", "en": "Description"},
    "history_field_date_start": {"id": "Tanggal awal", "en": "Start date"},
    "history_field_date_end": {"id": "Tanggal akhir", "en": "End date"},
    "history_field_classification": {"id": "Kode klasifikasi", "en": "Classification code"},
    "history_field_security": {"id": "Klasifikasi keamanan", "en": "Security class"},
    "history_field_urgency": {"id": "Sifat/urgensi", "en": "Urgency"},
    "history_field_location": {"id": "Lokasi fisik", "en": "Physical location"},
    "history_text": {"id": "Perubahan", "en": "Change"},
    # -- Audited actions of units and records (the audit page's list of actions).
    "audit_action_unit_added": {"id": "Unit ditambahkan", "en": "Unit added"},
    "audit_action_viewed": {"id": "Arsip dibuka", "en": "Record viewed"},
    "audit_action_downloaded": {"id": "Berkas asli diunduh", "en": "Original downloaded"},
    "audit_action_edited": {"id": "Metadata diubah", "en": "Metadata edited"},
    "audit_action_searched": {"id": "Pencarian", "en": "Search"},
    "audit_action_exported": {"id": "Hasil diekspor", "en": "Results exported"},
    # -- Cari: the export for people (records/services.py, `export` with a language).
    "export_col_title": {"id": "Judul", "en": "Title"},
    "export_col_refcode": {"id": "Kode referensi", "en": "Reference code"},
    "export_col_date": {"id": "Tanggal", "en": "Date"},
    "export_col_date_iso": {"id": "Tanggal (ISO)", "en": "Date (ISO)"},
    "export_col_unit": {"id": "Unit", "en": "Unit"},
    "export_col_level": {"id": "Tingkat", "en": "Level"},
    "export_col_security": {"id": "Klasifikasi keamanan", "en": "Security class"},
    "export_col_classification": {"id": "Kode klasifikasi", "en": "Classification code"},
    "export_col_flags": {"id": "Tanda", "en": "Flags"},
    "export_col_id": {"id": "ID arsip", "en": "Record id"},
    # -- The search dictionary (records/thesaurus.py, Administrasi's Kamus pencarian tab).
    "audit_action_thesaurus_added": {
        "id": "Kamus pencarian: entri ditambahkan",
        "en": "Search dictionary: entry added",
    },
    "audit_action_thesaurus_removed": {
        "id": "Kamus pencarian: entri dihapus atau dinonaktifkan",
        "en": "Search dictionary: entry removed or switched off",
    },
    "audit_action_thesaurus_imported": {
        "id": "Kamus pencarian diimpor",
        "en": "Search dictionary imported",
    },
    "audit_detail_thesaurus_added": {"id": "{term} = {equivalent}", "en": "{term} = {equivalent}"},
    "audit_detail_thesaurus_removed": {
        "id": "{term} = {equivalent}",
        "en": "{term} = {equivalent}",
    },
    "audit_detail_thesaurus_imported": {"id": "{rows} baris", "en": "{rows} rows"},
    "thesaurus_bad_kind": {
        "id": "Jenis '{value}' tidak dikenal (pilih {choices}).",
        "en": "Unknown kind '{value}' (choose {choices}).",
    },
    "thesaurus_bad_entry": {
        "id": "Entri '{term}' = '{equivalent}' tidak sah: isi keduanya, berbeda satu sama lain, "
        "paling panjang 120 karakter, tanpa tanda petik, titik dua, bintang atau kurung.",
        "en": "Entry '{term}' = '{equivalent}' is not valid: fill in both, different from each "
        "other, at most 120 characters, no quotes, colons, stars or brackets.",
    },
    "thesaurus_not_found": {
        "id": "'{term}' = '{equivalent}' tidak ada di kamus.",
        "en": "'{term}' = '{equivalent}' is not in the dictionary.",
    },
    "thesaurus_bad_csv": {
        "id": "Berkas CSV tidak bisa dibaca ({detail}): pakai kolom term,equivalent[,kind].",
        "en": "The CSV file cannot be read ({detail}): use columns term,equivalent[,kind].",
    },
    "thesaurus_tab": {"id": "Kamus pencarian", "en": "Search dictionary"},
    "thesaurus_intro": {
        "id": "Singkatan dan varian ejaan dicari bersama: mencari SE juga mencari Surat Edaran, "
        "ijin juga izin. Daftar nasional selalu berlaku kecuali dinonaktifkan di sini; "
        "tambahkan singkatan perangkat daerah Anda sendiri.",
        "en": "Abbreviations and spelling variants are searched together: searching SE also "
        "searches Surat Edaran, ijin also izin. The national lists always apply unless switched "
        "off here; add your own regional agencies' acronyms.",
    },
    "thesaurus_term": {"id": "Istilah", "en": "Term"},
    "thesaurus_pair": {"id": "Istilah ↔ padanan", "en": "Term ↔ equivalent"},
    "thesaurus_equivalent": {"id": "Padanan", "en": "Equivalent"},
    "thesaurus_kind": {"id": "Jenis", "en": "Kind"},
    "thesaurus_kind_abbreviation": {"id": "Singkatan", "en": "Abbreviation"},
    "thesaurus_kind_variant": {"id": "Varian ejaan", "en": "Spelling variant"},
    "thesaurus_source": {"id": "Sumber", "en": "Source"},
    "thesaurus_source_national": {"id": "Nasional", "en": "National"},
    "thesaurus_source_local": {"id": "Pemda ini", "en": "This Pemda"},
    "thesaurus_active": {"id": "Berlaku", "en": "Applies"},
    "thesaurus_add": {"id": "Tambah atau aktifkan entri", "en": "Add or switch on an entry"},
    "thesaurus_remove": {
        "id": "Hapus entri lokal atau nonaktifkan entri nasional",
        "en": "Remove a local entry or switch off a national one",
    },
    "thesaurus_pick": {"id": "Pilih entri…", "en": "Choose an entry…"},
    "thesaurus_import": {"id": "Impor CSV", "en": "Import CSV"},
    "thesaurus_import_help": {
        "id": "Kolom term,equivalent[,kind][,state]; kind: abbreviation atau variant; state off "
        "menonaktifkan entri nasional.",
        "en": "Columns term,equivalent[,kind][,state]; kind: abbreviation or variant; state off "
        "switches a national entry off.",
    },
    "thesaurus_download": {"id": "Unduh CSV", "en": "Download CSV"},
    "thesaurus_added": {
        "id": "{term} = {equivalent} berlaku.",
        "en": "{term} = {equivalent} applies.",
    },
    "thesaurus_removed": {
        "id": "{term} = {equivalent} tidak berlaku lagi.",
        "en": "{term} = {equivalent} no longer applies.",
    },
    "thesaurus_imported": {"id": "{rows} baris diimpor.", "en": "{rows} rows imported."},
    # -- Cari: what the search added, suggested and matched in part.
    "search_also": {"id": "Juga dicari: {forms}", "en": "Also searched: {forms}"},
    "search_did_you_mean": {"id": "Mungkin maksud Anda:", "en": "Did you mean:"},
    "search_partial": {"id": "Cocok sebagian ({total})", "en": "Partial matches ({total})"},
    "search_partial_help": {
        "id": "Arsip ini memuat semua kata pencarian kecuali satu.",
        "en": "These records hold every word of the search but one.",
    },
    # -- Jelajah's table.
    "col_refcode": {"id": "Kode referensi", "en": "Reference code"},
    "col_children": {"id": "Berisi", "en": "Holds"},
    "col_security": {"id": "Keamanan", "en": "Security"},
    # -- Arsip: sharing by name.
    "share_unit_label": {"id": "Unit: {name}", "en": "Unit: {name}"},
    "share_user_label": {"id": "Pengguna: {name}", "en": "User: {name}"},
    "share_nobody": {
        "id": "Tidak ada unit atau pengguna lain yang bisa diberi akses ke arsip ini.",
        "en": "There is no other unit or user this record can be shared with.",
    },
    "share_none_yet": {"id": "Belum dibagikan.", "en": "Not shared yet."},
    "share_no_end": {"id": "tanpa batas", "en": "no end date"},
    "share_pick": {"id": "Ketik nama unit atau pengguna…", "en": "Type a unit or user name…"},
    "share_done": {"id": "Dibagikan kepada {to}.", "en": "Shared with {to}."},
    "unshare_done": {"id": "Berbagi dengan {to} dicabut.", "en": "Sharing with {to} stopped."},
    "breadcrumb_label": {"id": "Letak: {path}", "en": "Location: {path}"},
    # -- Administrasi.
    "admin_users": {"id": "Pengguna", "en": "Users"},
    "admin_units": {"id": "Unit", "en": "Units"},
    "admin_everywhere": {"id": "Semua unit (global)", "en": "All units (global)"},
    "admin_grants": {"id": "Peran per unit", "en": "Roles per unit"},
    "admin_disabled": {"id": "Nonaktif", "en": "Disabled"},
    "admin_demo": {"id": "Demo", "en": "Demo"},
    "admin_add_user": {"id": "Tambah pengguna", "en": "Add user"},
    "admin_roles": {"id": "Peran", "en": "Roles"},
    "admin_user_added": {"id": "Pengguna {name} ditambahkan.", "en": "User {name} added."},
    "admin_grant": {"id": "Atur peran di unit", "en": "Set roles in a unit"},
    "admin_grant_help": {
        "id": "Peran yang dipegang di unit ini (dan sub-unitnya); kosong mencabut semua peran di "
        "unit ini.",
        "en": "The roles held in this unit (and its sub-units); none revokes every role there.",
    },
    "admin_account": {"id": "Ubah akun", "en": "Change account"},
    "admin_unchanged": {"id": "(tidak diubah)", "en": "(unchanged)"},
    "admin_new_password": {
        "id": "Kata sandi baru (kosong: tidak diubah)",
        "en": "New password (empty: unchanged)",
    },
    "admin_state": {"id": "Status", "en": "State"},
    "admin_enable": {"id": "Aktifkan", "en": "Enable"},
    "admin_disable": {"id": "Nonaktifkan", "en": "Disable"},
    "admin_parent": {"id": "Induk", "en": "Parent"},
    "admin_blocked": {"id": "Pewarisan diblokir", "en": "Inheritance blocked"},
    "admin_add_unit": {"id": "Tambah unit", "en": "Add unit"},
    "admin_unit_code": {"id": "Kode unit", "en": "Unit code"},
    "admin_top_level": {"id": "(OPD tingkat atas)", "en": "(top-level OPD)"},
    "admin_unit_added": {"id": "Unit {code} ditambahkan.", "en": "Unit {code} added."},
    "admin_block": {"id": "Blokir pewarisan peran", "en": "Block role inheritance"},
    "admin_block_on": {"id": "Blokir peran dari atas", "en": "Block roles from above"},
    "admin_block_help": {
        "id": "Peran yang diberikan di unit induk atau secara global (kecuali Administrator) tidak "
        "berlaku lagi di unit ini dan di bawahnya.",
        "en": "Roles granted in parent units or globally (except Administrator) no longer reach "
        "this unit and those below it.",
    },
    "clearance": {"id": "Izin akses keamanan", "en": "Clearance"},
    "name": {"id": "Nama", "en": "Name"},
    # -- Jejak audit.
    "audit_count": {"id": "{total} entri", "en": "{total} entries"},
    "audit_events": {"id": "Kejadian", "en": "Events"},
    "audit_export": {"id": "Ekspor CSV", "en": "Export CSV"},
    "audit_filter": {"id": "Saring", "en": "Filter"},
    "audit_intact": {
        "id": "Rantai hash utuh: {count} entri, kepala {head}.",
        "en": "Hash chain intact: {count} entries, head {head}.",
    },
    "audit_origin": {"id": "Asal", "en": "Origin"},
    "audit_tampered": {
        "id": "Jejak audit telah diubah: {count} masalah ditemukan.",
        "en": "The audit trail was tampered with: {count} problems found.",
    },
    "audit_target": {"id": "Sasaran", "en": "Target"},
    "audit_verify": {"id": "Periksa rantai hash", "en": "Verify the hash chain"},
}


register(MESSAGES)
