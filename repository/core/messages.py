"""Messages of the core: errors every feature can raise, flag names, languages."""

from __future__ import annotations

from repository.core.i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    "transfer_empty": {
        "id": "Tidak ada arsip untuk dipindahkan.",
        "en": "There are no records to transfer.",
    },
    "transfer_same_unit": {
        "id": "Unit pengirim dan penerima sama ({unit}).",
        "en": "The sending and receiving unit are the same ({unit}).",
    },
    "transfer_already": {
        "id": "Sudah dipindahkan atau ada dalam usul pindah lain: {ids}.",
        "en": "Already transferred or in another open transfer: {ids}.",
    },
    "transfer_not_due": {
        "id": "Belum waktunya dipindahkan (atau tidak terlihat): {ids}.",
        "en": "Not due for transfer (or not visible): {ids}.",
    },
    "transfer_done": {
        "id": "Pemindahan {id} sudah selesai.",
        "en": "Transfer {id} is already done.",
    },
    "bad_side": {
        "id": "Pihak harus salah satu dari: {choices}.",
        "en": "The side must be one of: {choices}.",
    },
    "no_such_transfer": {
        "id": "Pemindahan {id} tidak ada.",
        "en": "There is no transfer {id}.",
    },
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
    "nav_retention": {
        "id": "Retensi",
        "en": "Retention",
    },
    "retention_on": {
        "id": "Per tanggal",
        "en": "As of",
    },
    "retention_computing": {
        "id": "Menghitung jadwal retensi…",
        "en": "Computing the retention schedule…",
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
    "retention": {
        "id": "Retensi (JRA)",
        "en": "Retention (JRA)",
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
    "unknown_code": {
        "id": "Kode klasifikasi '{code}' tidak ada di skema yang berlaku.",
        "en": "Classification code '{code}' is not in the current scheme.",
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
        "id": "Tidak ada penahanan {key} pada arsip ini.",
        "en": "No hold {key} on this record.",
    },
    "nav_admin": {"id": "Administrasi", "en": "Administration"},
    "nav_audit": {"id": "Jejak audit", "en": "Audit trail"},
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
    "clearance": {"id": "Izin akses keamanan", "en": "Clearance"},
    "full_name": {"id": "Nama lengkap", "en": "Full name"},
    "name": {"id": "Nama", "en": "Name"},
    "password_again": {"id": "Ulangi kata sandi", "en": "Password again"},
    "passwords_differ": {"id": "Kedua kata sandi tidak sama.", "en": "The two passwords differ."},
    "setup_create": {"id": "Buat administrator", "en": "Create administrator"},
    "setup_intro": {
        "id": "Belum ada akun. Buat akun administrator pertama dengan token penyiapan yang tercetak"
        " di konsol saat server dimulai (juga di berkas setup-token di direktori data).",
        "en": "No account exists yet. Create the first administrator account with the setup token "
        "printed on the console when the server started (also in the file setup-token in the "
        "data directory).",
    },
    "setup_title": {"id": "Penyiapan pertama", "en": "First start"},
    "setup_token": {"id": "Token penyiapan", "en": "Setup token"},
    "setup_token_banner": {
        "id": "Belum ada akun. Buka {url} dan buat administrator dengan token penyiapan: {token}",
        "en": "No account yet. Open {url} and create the administrator with the setup token: "
        "{token}",
    },
    "share_button": {"id": "Bagikan", "en": "Share"},
    "share_help": {
        "id": "Akses baca saja untuk unit lain (kode unit) atau pengguna (nama pengguna), untuk "
        "arsip ini dan semua di bawahnya; tanpa tanggal berarti tanpa batas.",
        "en": "Read-only access for another unit (unit code) or user (user name), to this record "
        "and everything below it; no date means no expiry.",
    },
    "share_title": {"id": "Berbagi", "en": "Sharing"},
    "share_until": {"id": "Berlaku sampai", "en": "Until"},
    "share_with": {"id": "Unit atau pengguna", "en": "Unit or user"},
    "unshare_button": {"id": "Cabut berbagi", "en": "Stop sharing"},
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
    "master_key_created": {
        "id": "Kunci induk: {path}. Simpan cadangannya terpisah dari cadangan data: tanpa "
        "kunci ini, berkas Rahasia dan Sangat Rahasia hilang.",
        "en": "Master key: {path}. Back it up apart from the data backups: without this "
        "key, the files of class R and SR are lost.",
    },
    "master_key_missing": {
        "id": "Kunci induk tidak tersedia (seharusnya di {path}). Berkas berklasifikasi Rahasia "
        "dan Sangat Rahasia tidak dapat disimpan atau dibuka; pulihkan berkas kunci dari "
        "cadangannya atau tunjuk lokasinya dengan LONTAR_KEY_FILE.",
        "en": "The master key is not available (expected at {path}). Files of class R and SR "
        "cannot be stored or opened; restore the key file from its backup or point "
        "LONTAR_KEY_FILE at it.",
    },
    "master_key_mismatch": {
        "id": "Kunci induk di {path} bukan kunci yang menyegel repositori ini (atau berkasnya "
        "rusak). Pulihkan kunci yang benar dari cadangannya.",
        "en": "The master key at {path} is not the key this repository was sealed with (or "
        "the file is damaged). Restore the right key from its backup.",
    },
    "master_key_inside_home": {
        "id": "Kunci induk {path} berada di dalam direktori data {home}; simpan di luar "
        "direktori data agar salinan data tidak membawa kuncinya.",
        "en": "The master key {path} is inside the data directory {home}; keep it outside, "
        "so that a copy of the data does not carry its key.",
    },
    "already_initialised": {
        "id": "Repositori di {home} sudah ada.",
        "en": "A repository already exists in {home}.",
    },
    "bad_container": {
        "id": "{id} tidak bisa menampung arsip tingkat {level}.",
        "en": "{id} cannot hold a record at level {level}.",
    },
    "bad_level": {
        "id": "Tingkat deskripsi tidak dikenal: {value} (fonds, series, file, item).",
        "en": "Unknown description level: {value} (fonds, series, file, item).",
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
    "index_outdated": {
        "id": "Indeks dibuat oleh versi Lontar yang lebih lama dan sedang/perlu dibangun ulang "
        "('lontar reindex'); pencarian tersedia lagi setelah selesai.",
        "en": "The index was built by an older Lontar and is being (or must be) rebuilt "
        "('lontar reindex'); search is back when that finishes.",
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
    # Pages.
    "login_failed": {
        "id": "Nama pengguna atau kata sandi salah.",
        "en": "Wrong user name or password.",
    },
    "account_locked": {
        "id": "Terlalu banyak percobaan masuk yang gagal; coba lagi dalam 15 menit.",
        "en": "Too many failed logins; try again in 15 minutes.",
    },
    "bad_format": {
        "id": "Format '{value}' tidak dikenal (pilih {choices}).",
        "en": "Unknown format '{value}' (choose {choices}).",
    },
    "export_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "export_xlsx": {"id": "Unduh Excel", "en": "Download Excel"},
    "change_password": {"id": "Ganti kata sandi", "en": "Change password"},
    "password_old": {"id": "Kata sandi lama", "en": "Current password"},
    "password_new": {"id": "Kata sandi baru", "en": "New password"},
    "bad_vital_method": {
        "id": "Metode perlindungan tidak dikenal (pilih {choices}).",
        "en": "Unknown protection method (choose {choices}).",
    },
    "setup_token_wrong": {
        "id": "Token penyiapan salah. Token tercetak di konsol saat server dimulai dan "
        "tersimpan di berkas setup-token di direktori data.",
        "en": "Wrong setup token. It was printed on the console when the server started and "
        "is kept in the file setup-token in the data directory.",
    },
    "unknown_account": {
        "id": "Akun '{name}' tidak ada.",
        "en": "There is no account '{name}'.",
    },
    "account_exists": {
        "id": "Akun '{name}' sudah ada.",
        "en": "Account '{name}' already exists.",
    },
    "share_in_past": {
        "id": "Tanggal akhir berbagi {date} sudah lewat.",
        "en": "The share's end date {date} has already passed.",
    },
    "above_clearance": {
        "id": "Anda hanya boleh memberi klasifikasi keamanan sampai {clearance}.",
        "en": "You may only set a security class up to {clearance}.",
    },
    "unknown_share_target": {
        "id": "'{target}' bukan kode unit ataupun nama akun.",
        "en": "'{target}' is neither a unit code nor an account name.",
    },
    "not_shared": {
        "id": "Arsip ini tidak dibagikan kepada {principal}.",
        "en": "This record is not shared with {principal}.",
    },
    "session_expired": {
        "id": "Sesi berakhir karena tidak ada aktivitas; silakan masuk lagi.",
        "en": "Your session ended after a period of inactivity; please log in again.",
    },
    "password_changed": {
        "id": "Kata sandi telah diganti.",
        "en": "Your password has been changed.",
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
    "bad_field": {
        "id": "Kolom ini tidak bisa diubah: {fields}",
        "en": "These fields cannot be edited: {fields}",
    },
    "title_required": {"id": "Judul wajib diisi.", "en": "A title is required."},
    "bad_date_range": {
        "id": "Tanggal akhir tidak boleh sebelum tanggal awal.",
        "en": "The end date cannot be before the start date.",
    },
    "unexpected_error": {
        "id": "Terjadi kesalahan ({detail}); sudah dicatat di log. Data Anda aman.",
        "en": "Something went wrong ({detail}); it has been logged. Your data is safe.",
    },
    "page_not_allowed": {
        "id": "Peran Anda tidak mengizinkan halaman ini. Masuk dengan akun yang berhak.",
        "en": "Your role may not use this page. Log in with an account that may.",
    },
    "nav_home": {"id": "Beranda", "en": "Home"},
    "nav_search": {"id": "Cari", "en": "Search"},
    "nav_browse": {"id": "Jelajah", "en": "Browse"},
    "nav_record": {"id": "Arsip", "en": "Record"},
    "nav_upload": {"id": "Unggah", "en": "Upload"},
    "login": {"id": "Masuk", "en": "Log in"},
    "logout": {"id": "Keluar", "en": "Log out"},
    "username": {"id": "Nama pengguna", "en": "User name"},
    "password": {"id": "Kata sandi", "en": "Password"},
    "signed_in_as": {
        "id": "Masuk sebagai **{name}** ({roles})",
        "en": "Logged in as **{name}** ({roles})",
    },
    "home_title": {"id": "Beranda arsip", "en": "Records at a glance"},
    "search_button": {"id": "Cari", "en": "Search"},
    "metric_records": {"id": "Arsip yang dapat Anda lihat", "en": "Records you can see"},
    "metric_units": {"id": "Unit berisi arsip", "en": "Units holding records"},
    "metric_attention": {"id": "Perlu perhatian", "en": "Need attention"},
    "records_per_level": {"id": "Arsip per tingkat", "en": "Records per level"},
    "recent_additions": {"id": "Baru ditambahkan", "en": "Recently added"},
    "needs_attention": {"id": "Menunggu OCR atau bermasalah", "en": "Waiting for OCR or flagged"},
    "nothing_flagged": {
        "id": "Tidak ada arsip yang bermasalah.",
        "en": "No record needs attention.",
    },
    "none": {"id": "tidak ada", "en": "none"},
    "choose": {"id": "Pilih…", "en": "Choose…"},
    "all": {"id": "Semua", "en": "All"},
    "col_level": {"id": "Tingkat", "en": "Level"},
    "classification_prefix": {"id": "Awalan kode klasifikasi", "en": "Classification code prefix"},
    "sort": {"id": "Urutkan", "en": "Sort by"},
    "sort_relevance": {"id": "Relevansi", "en": "Relevance"},
    "sort_date_desc": {"id": "Tanggal terbaru", "en": "Newest date"},
    "sort_date_asc": {"id": "Tanggal terlama", "en": "Oldest date"},
    "sort_added_desc": {"id": "Baru ditambahkan", "en": "Recently added"},
    "sort_refcode": {"id": "Kode referensi", "en": "Reference code"},
    "date_from": {"id": "Dari tanggal", "en": "From date"},
    "date_to": {"id": "Sampai tanggal", "en": "To date"},
    "security": {"id": "Klasifikasi keamanan", "en": "Security class"},
    "security_B": {"id": "Biasa/Terbuka", "en": "Open"},
    "security_T": {"id": "Terbatas", "en": "Restricted"},
    "security_R": {"id": "Rahasia", "en": "Confidential"},
    "security_SR": {"id": "Sangat Rahasia", "en": "Top secret"},
    "flags": {"id": "Tanda", "en": "Flags"},
    "facet_unit": {"id": "Unit", "en": "Unit"},
    "facet_level": {"id": "Tingkat", "en": "Level"},
    "facet_security": {"id": "Keamanan", "en": "Security"},
    "facet_year": {"id": "Tahun", "en": "Year"},
    "facet_class_top": {"id": "Kode klasifikasi", "en": "Classification"},
    "facet_flags": {"id": "Tanda", "en": "Flags"},
    "level_fonds": {"id": "Fonds", "en": "Fonds"},
    "level_series": {"id": "Seri", "en": "Series"},
    "level_file": {"id": "Berkas", "en": "File"},
    "level_item": {"id": "Item", "en": "Item"},
    "level_unit": {"id": "Unit", "en": "Unit"},
    "no_date": {"id": "tanpa tanggal", "en": "no date"},
    "previous": {"id": "← Sebelumnya", "en": "← Previous"},
    "next": {"id": "Berikutnya →", "en": "Next →"},
    "page_of": {"id": "Halaman {page} dari {pages}", "en": "Page {page} of {pages}"},
    "units_here": {"id": "Unit", "en": "Units"},
    "contents_count": {"id": "Isi ({total} arsip)", "en": "Contents ({total} records)"},
    "as_table": {"id": "Tampilkan sebagai tabel", "en": "Show as a table"},
    "open_record": {"id": "Buka arsip", "en": "Open record"},
    "record_id": {"id": "ID arsip", "en": "Record id"},
    "metadata": {"id": "Metadata", "en": "Metadata"},
    "field": {"id": "Kolom", "en": "Field"},
    "value": {"id": "Isi", "en": "Value"},
    "reference_code": {"id": "Kode referensi", "en": "Reference code"},
    "date": {"id": "Tanggal", "en": "Date"},
    "date_start": {"id": "Tanggal awal (TTTT-BB-HH)", "en": "Start date (YYYY-MM-DD)"},
    "date_end": {"id": "Tanggal akhir (TTTT-BB-HH)", "en": "End date (YYYY-MM-DD)"},
    "classification": {"id": "Kode klasifikasi", "en": "Classification code"},
    "urgency": {"id": "Sifat/urgensi", "en": "Urgency"},
    "location": {"id": "Lokasi fisik", "en": "Physical location"},
    "description": {"id": "Uraian", "en": "Description"},
    "title": {"id": "Judul", "en": "Title"},
    "files": {"id": "Berkas digital", "en": "Files"},
    "file": {"id": "Berkas", "en": "File"},
    "pages_unit": {"id": "hlm", "en": "pp"},
    "download_original": {"id": "Unduh asli", "en": "Download original"},
    "preview": {"id": "Pratinjau", "en": "Preview"},
    "preview_source": {"id": "Sumber", "en": "Source"},
    "preview_original": {"id": "Asli", "en": "Original"},
    "preview_ocr": {"id": "Hasil OCR (PDF/A)", "en": "OCR derivative (PDF/A)"},
    "page": {"id": "Halaman", "en": "Page"},
    "extracted_text": {"id": "Teks hasil ekstraksi", "en": "Extracted text"},
    "history": {"id": "Riwayat perubahan", "en": "History of changes"},
    "when": {"id": "Waktu", "en": "When"},
    "who": {"id": "Oleh", "en": "Who"},
    "action": {"id": "Tindakan", "en": "Action"},
    "detail": {"id": "Rincian", "en": "Detail"},
    "related": {"id": "Arsip terkait", "en": "Related records"},
    "no_related": {
        "id": "Tidak ada arsip terkait yang dapat Anda lihat.",
        "en": "No related record you may see.",
    },
    "edit_metadata": {"id": "Ubah metadata", "en": "Edit metadata"},
    "save": {"id": "Simpan", "en": "Save"},
    "saved": {"id": "Perubahan disimpan.", "en": "Changes saved."},
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
    "reason": {"id": "Keterangan", "en": "Reason"},
    # Processes.
    "demo_login_banner": {
        "id": "DEMO — akun contoh berikut BUKAN untuk produksi (nama, kata sandi, peran, unit):",
        "en": "DEMO — these sample accounts are NOT for production (name, password, role, unit):",
    },
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
    "flag_label_encrypted": {"id": "terkunci", "en": "encrypted"},
    "flag_label_corrupt": {"id": "rusak", "en": "corrupt"},
    "flag_label_extract_timeout": {"id": "batas waktu", "en": "timed out"},
    "flag_label_unsupported": {"id": "tak terbaca", "en": "unsupported"},
    "flag_label_ocr_waiting": {"id": "menunggu OCR", "en": "waiting for OCR"},
    "flag_label_ocr_failed": {"id": "OCR gagal", "en": "OCR failed"},
    "flag_label_ocr_done": {"id": "hasil OCR", "en": "OCR text"},
    "flag_label_no_text": {"id": "tanpa teks", "en": "no text"},
}


register(MESSAGES)
