"""Messages of the core: what repository/core and indexes/ raise (so an error is
translatable without any feature), the content model's words (levels, security classes,
flags), languages, the frame every page draws, and words the pages of several features share.
Registered when repository.core is imported."""

from __future__ import annotations

from repository.core.i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    "query_too_long": {
        "id": "Kueri terlalu panjang: paling banyak {max_chars} karakter dan {max_terms} kata.",
        "en": "The query is too long: at most {max_chars} characters and {max_terms} words.",
    },
    "whoosh_mismatch": {
        "id": "Versi Whoosh yang terpasang tidak sesuai dengan mesin pencarian Lontar ({detail}). "
        "Pasang ulang dengan `make run` (requirements.txt menetapkan versinya).",
        "en": "The installed Whoosh does not match Lontar's search engine ({detail}). "
        "Reinstall with `make run` (requirements.txt pins the version).",
    },
    "database_locked": {
        "id": "Basis data {home} sedang dipakai proses Lontar lain. Tunggu hingga selesai, atau "
        "jalankan `lontar serve` agar perintah-perintah dapat berjalan bersamaan.",
        "en": "The database {home} is in use by another Lontar process. Wait until it ends, or "
        "run `lontar serve` so that commands can run side by side.",
    },
    "database_busy": {
        "id": "Banyak perubahan lain pada data yang sama saat ini; langkah ini tidak menyimpan "
        "apa pun. Ulangi sebentar lagi.",
        "en": "Many other changes to the same data right now; this step saved nothing. Try "
        "again in a moment.",
    },
    "database_unreachable": {
        "id": "Server basis data tidak terjangkau selama {seconds} detik; langkah ini tidak "
        "menyimpan apa pun. Periksa bahwa `lontar serve` berjalan (log-nya di folder logs/ "
        "direktori data), lalu ulangi.",
        "en": "The database server was unreachable for {seconds} seconds; this step saved "
        "nothing. Check that `lontar serve` is running (its logs are in the data directory's "
        "logs/ folder), then try again.",
    },
    "audit_unavailable": {
        "id": "Jejak audit tidak dapat ditulis ({reason}); tindakan ini tidak dilakukan. "
        "Periksa ruang disk server.",
        "en": "The audit trail cannot be written ({reason}); this action was not done. "
        "Check the server's disk space.",
    },
    # -- Errors the core and the indexes raise (repository/core/errors.py, content.py, keys.py,
    # indexes/search.py), and the repository's set-up.
    "not_found": {
        "id": "Arsip {id} tidak ditemukan atau Anda tidak berhak melihatnya.",
        "en": "Record {id} was not found or you may not see it.",
    },
    "unit_not_found": {"id": "Unit {code} tidak ada.", "en": "Unit {code} does not exist."},
    "unit_exists": {"id": "Unit {code} sudah ada.", "en": "Unit {code} already exists."},
    "access_denied": {
        "id": "Anda tidak berhak melakukan ini.",
        "en": "You are not allowed to do this.",
    },
    "login_failed": {
        "id": "Nama pengguna atau kata sandi salah.",
        "en": "Wrong user name or password.",
    },
    "not_initialised": {
        "id": "Repositori belum dibuat di {home}. Jalankan 'lontar init' dulu.",
        "en": "No repository in {home} yet. Run 'lontar init' first.",
    },
    "already_initialised": {
        "id": "Repositori di {home} sudah ada.",
        "en": "A repository already exists in {home}.",
    },
    "bad_query": {
        "id": "Kueri pencarian tidak bisa dibaca: {detail}",
        "en": "The search query could not be read: {detail}",
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
    # -- The content model's words: levels, security classes, attachment flags (set by ingest,
    # described by records and by the pages: `flag_<flag>`, `flag_label_<flag>`).
    "level_fonds": {"id": "Fonds", "en": "Fonds"},
    "level_series": {"id": "Seri", "en": "Series"},
    "level_file": {"id": "Berkas", "en": "File"},
    "level_item": {"id": "Item", "en": "Item"},
    "level_unit": {"id": "Unit", "en": "Unit"},
    "security": {"id": "Klasifikasi keamanan", "en": "Security class"},
    "security_B": {"id": "Biasa/Terbuka", "en": "Open"},
    "security_T": {"id": "Terbatas", "en": "Restricted"},
    "security_R": {"id": "Rahasia", "en": "Confidential"},
    "security_SR": {"id": "Sangat Rahasia", "en": "Top secret"},
    "none": {"id": "tidak ada", "en": "none"},
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
    "flag_duplicate": {
        "id": "Berkas yang sama juga tersimpan sebagai {detail}.",
        "en": "The same file is also stored as {detail}.",
    },
    "flag_label_encrypted": {"id": "terkunci", "en": "encrypted"},
    "flag_label_corrupt": {"id": "rusak", "en": "corrupt"},
    "flag_label_extract_timeout": {"id": "batas waktu", "en": "timed out"},
    "flag_label_unsupported": {"id": "tak terbaca", "en": "unsupported"},
    "flag_label_ocr_waiting": {"id": "menunggu OCR", "en": "waiting for OCR"},
    "flag_label_ocr_failed": {"id": "OCR gagal", "en": "OCR failed"},
    "flag_label_ocr_done": {"id": "hasil OCR", "en": "OCR text"},
    "flag_label_no_text": {"id": "tanpa teks", "en": "no text"},
    "flag_label_duplicate": {"id": "duplikat", "en": "duplicate"},
    # -- Languages.
    "language": {"id": "Bahasa", "en": "Language"},
    # -- The frame every page draws (ui/frame.py): title, log-in box, password, errors.
    "app_title": {"id": "Lontar — arsip {name}", "en": "Lontar — records of {name}"},
    "not_ready": {
        "id": "Repositori belum siap: {detail}",
        "en": "The repository is not ready: {detail}",
    },
    "unexpected_error": {
        "id": "Terjadi kesalahan ({detail}); sudah dicatat di log. Data Anda aman.",
        "en": "Something went wrong ({detail}); it has been logged. Your data is safe.",
    },
    "page_not_allowed": {
        "id": "Peran Anda tidak mengizinkan halaman ini. Masuk dengan akun yang berhak.",
        "en": "Your role may not use this page. Log in with an account that may.",
    },
    "session_expired": {
        "id": "Sesi berakhir karena tidak ada aktivitas; silakan masuk lagi.",
        "en": "Your session ended after a period of inactivity; please log in again.",
    },
    "login": {"id": "Masuk", "en": "Log in"},
    "logout": {"id": "Keluar", "en": "Log out"},
    "username": {"id": "Nama pengguna", "en": "User name"},
    "password": {"id": "Kata sandi", "en": "Password"},
    "signed_in_as": {
        "id": "Masuk sebagai **{name}** ({roles})",
        "en": "Logged in as **{name}** ({roles})",
    },
    "change_password": {"id": "Ganti kata sandi", "en": "Change password"},
    "password_old": {"id": "Kata sandi lama", "en": "Current password"},
    "password_new": {"id": "Kata sandi baru", "en": "New password"},
    "password_again": {"id": "Ulangi kata sandi", "en": "Password again"},
    "passwords_differ": {"id": "Kedua kata sandi tidak sama.", "en": "The two passwords differ."},
    "password_changed": {
        "id": "Kata sandi telah diganti.",
        "en": "Your password has been changed.",
    },
    # -- Sessions (records/sessions.py, ui/frame.py, pages/16_Sesi.py, docs/sessions.md).
    "session_revoked": {
        "id": "Sesi ini telah diakhiri (keluar di tab lain, diakhiri dari Sesi aktif, atau "
        "kata sandi diganti); silakan masuk lagi.",
        "en": "This session was ended (logged out in another tab, ended on Active sessions, "
        "or the password was changed); please log in again.",
    },
    "session_over": {
        "id": "Sesi berakhir setelah {hours} jam; silakan masuk lagi.",
        "en": "Your session ended after {hours} hours; please log in again.",
    },
    "session_unknown": {
        "id": "Sesi itu tidak ada atau sudah berakhir.",
        "en": "That session does not exist or has already ended.",
    },
    "session_opening": {
        "id": "Membuka sesi…",
        "en": "Opening your session…",
    },
    "nav_sessions": {"id": "Sesi aktif", "en": "Active sessions"},
    "sessions_intro": {
        "id": "Tempat Anda sedang masuk ke Lontar. Sesi berakhir setelah {idle} menit tanpa "
        "aktivitas dan paling lama {hours} jam setelah masuk. Akhiri sesi yang tidak Anda "
        "kenali, lalu ganti kata sandi.",
        "en": "Where you are logged in to Lontar. A session ends after {idle} minutes without "
        "activity and at most {hours} hours after logging in. End a session you do not "
        "recognise, then change your password.",
    },
    "session_started": {"id": "Masuk", "en": "Logged in"},
    "session_last_seen": {"id": "Terakhir aktif", "en": "Last active"},
    "session_address": {"id": "Alamat", "en": "Address"},
    "session_browser": {"id": "Peramban", "en": "Browser"},
    "session_this_one": {"id": "sesi ini", "en": "this session"},
    "session_browser_unknown": {"id": "tidak dikenal", "en": "unknown"},
    "session_end": {"id": "Akhiri", "en": "End"},
    "session_ended": {"id": "Sesi diakhiri.", "en": "The session was ended."},
    "sessions_end_others": {
        "id": "Akhiri semua sesi lain",
        "en": "End all other sessions",
    },
    "sessions_ended_others": {
        "id": "{count} sesi lain diakhiri.",
        "en": "{count} other sessions ended.",
    },
    "sessions_none_other": {
        "id": "Tidak ada sesi lain.",
        "en": "No other sessions.",
    },
    "sessions_need_login": {
        "id": "Masuk dulu untuk melihat sesi Anda.",
        "en": "Log in to see your sessions.",
    },
    # -- What the audit trail calls the actions of accounts, logins and shares
    # (records/access.py, records/sessions.py): `audit_action_<action>`.
    "audit_action_login": {"id": "Masuk", "en": "Logged in"},
    "audit_action_login_failed": {"id": "Gagal masuk", "en": "Failed login"},
    "audit_action_logout": {"id": "Keluar", "en": "Logged out"},
    "audit_action_session_ended": {"id": "Sesi diakhiri", "en": "Session ended"},
    "audit_action_sessions_revoked": {"id": "Sesi dicabut", "en": "Sessions revoked"},
    "audit_action_password_changed": {"id": "Kata sandi diganti", "en": "Password changed"},
    "audit_action_password_change_failed": {
        "id": "Gagal mengganti kata sandi",
        "en": "Password change failed",
    },
    "audit_action_password_reset": {"id": "Kata sandi disetel ulang", "en": "Password reset"},
    "audit_action_account_added": {"id": "Akun ditambahkan", "en": "Account added"},
    "audit_action_granted": {"id": "Peran diatur", "en": "Roles set"},
    "audit_action_disabled": {"id": "Akun dinonaktifkan", "en": "Account disabled"},
    "audit_action_enabled": {"id": "Akun diaktifkan", "en": "Account enabled"},
    "audit_action_clearance": {"id": "Izin keamanan diubah", "en": "Clearance changed"},
    "audit_action_block": {"id": "Pewarisan peran diblokir", "en": "Role inheritance blocked"},
    "audit_action_unblock": {
        "id": "Blokir pewarisan peran dibuka",
        "en": "Role inheritance unblocked",
    },
    "audit_action_shared": {"id": "Dibagikan", "en": "Shared"},
    "audit_action_unshared": {"id": "Berbagi dihentikan", "en": "Sharing stopped"},
    "audit_action_audit_read": {"id": "Jejak audit dibaca", "en": "Audit trail read"},
    "all": {"id": "Semua", "en": "All"},
    # -- Words the pages of several features share: columns, buttons, downloads.
    "col_unit": {"id": "Unit", "en": "Unit"},
    "col_name": {"id": "Nama", "en": "Name"},
    "col_records": {"id": "Jumlah arsip", "en": "Records"},
    "col_level": {"id": "Tingkat", "en": "Level"},
    "record_id": {"id": "ID arsip", "en": "Record id"},
    "reference_code": {"id": "Kode referensi", "en": "Reference code"},
    "title": {"id": "Judul", "en": "Title"},
    "date": {"id": "Tanggal", "en": "Date"},
    "classification": {"id": "Kode klasifikasi", "en": "Classification code"},
    "description": {"id": "Uraian", "en": "Description"},
    "files": {"id": "Berkas digital", "en": "Files"},
    "history": {"id": "Riwayat perubahan", "en": "History of changes"},
    "when": {"id": "Waktu", "en": "When"},
    "who": {"id": "Oleh", "en": "Who"},
    "action": {"id": "Tindakan", "en": "Action"},
    "detail": {"id": "Rincian", "en": "Detail"},
    "reason": {"id": "Keterangan", "en": "Reason"},
    "save": {"id": "Simpan", "en": "Save"},
    "saved": {"id": "Perubahan disimpan.", "en": "Changes saved."},
    "export_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "export_xlsx": {"id": "Unduh Excel", "en": "Download Excel"},
    "download_elsewhere": {
        "id": "Berkas arsip hanya dapat diunduh dari halaman Arsip di Lontar: buka arsipnya, lalu "
        "klik tautan unduh di bawah daftar berkasnya.",
        "en": "A record's file can only be downloaded from Lontar's Arsip page: open the record "
        "and click the download link under its files.",
    },
    "export_elsewhere": {
        "id": "Ekspor hasil pencarian hanya dapat diunduh dari halaman Cari di Lontar: buka "
        "halaman Cari, lalu klik tautan unduh di bawah hasilnya.",
        "en": "A search's export can only be downloaded from Lontar's Cari page: open Cari "
        "and click the download link under the results.",
    },
    # -- The record picker (ui/pickers.py): records found by their title.
    "record_picker_search": {"id": "Cari arsip menurut judul", "en": "Search records by title"},
    "record_picker_help": {
        "id": "Ketik kata dari judul, lalu pilih arsipnya di bawah.",
        "en": "Type words of the title, then choose the records below.",
    },
    "record_picker_found": {
        "id": "{count} arsip ditemukan; pilih di bawah.",
        "en": "{count} records found; choose below.",
    },
    "record_picker_choose": {"id": "Pilih arsip", "en": "Choose records"},
    # -- The operations' state as the administrator reads it (core/operations.py): the app
    # process never imports repository/run, so what Beranda and `lontar health` say is here.
    "health_title": {"id": "Kondisi sistem", "en": "System health"},
    "health_backup": {"id": "Cadangan terakhir", "en": "Last backup"},
    "health_drill": {"id": "Uji pemulihan terakhir", "en": "Last restore drill"},
    "health_fixity": {"id": "Cek keutuhan terakhir", "en": "Last fixity check"},
    "health_disk": {"id": "Ruang disk tersisa", "en": "Disk space left"},
    "health_worker": {"id": "Proses latar (worker)", "en": "Background worker"},
    "health_queues": {"id": "Antrean indeks / OCR", "en": "Index / OCR queue"},
    "health_key_copy": {"id": "Salinan kunci induk", "en": "Master key copy"},
    "health_never": {"id": "belum pernah", "en": "never"},
    "health_ago": {"id": "{age} lalu", "en": "{age} ago"},
    "health_ok": {"id": "baik", "en": "ok"},
    "health_failed": {"id": "GAGAL", "en": "FAILED"},
    "health_old": {"id": "terlalu lama", "en": "too old"},
    "health_running": {"id": "berjalan", "en": "running"},
    "health_stopped": {"id": "berhenti", "en": "stopped"},
    "health_gone": {"id": "mati", "en": "gone"},
    "health_elsewhere": {"id": "berjalan di server lain", "en": "running on another server"},
    "health_unknown": {"id": "tidak diketahui", "en": "unknown"},
    "health_recovery_time": {
        "id": "waktu pemulihan {seconds} detik",
        "en": "recovery time {seconds} s",
    },
    "health_recovered_in": {"id": "pulih {seconds} dtk", "en": "recovered in {seconds} s"},
    "health_fixity_running": {
        "id": "sedang berjalan: {checked} dari {total} arsip",
        "en": "running: {checked} of {total} records",
    },
    "health_all_ok": {"id": "Semua baik.", "en": "All is well."},
    "health_bad_config": {
        "id": "Berkas {path} bukan TOML yang sah: {detail}",
        "en": "{path} is not valid TOML: {detail}",
    },
    "health_bad_setting": {
        "id": "Pengaturan {name} = {value} tidak sah: harus angka tidak negatif.",
        "en": "Setting {name} = {value} is invalid: it must be a non-negative number.",
    },
    "health_problem_fixity_failed": {
        "id": "Cek keutuhan terakhir menemukan {failed} masalah: jalankan `lontar fixity`.",
        "en": "The last fixity check found {failed} problems: run `lontar fixity`.",
    },
    "health_problem_fixity_stalled": {
        "id": (
            "Cek keutuhan yang dimulai {started} macet ({checked} dari {total} arsip): "
            "periksa log worker."
        ),
        "en": (
            "The fixity check started {started} is stalled ({checked} of {total} records): "
            "check the worker's log."
        ),
    },
    "health_problem_drill_failed": {
        "id": "Uji pemulihan terakhir ({at}) gagal.",
        "en": "The last restore drill ({at}) failed.",
    },
    "health_problem_backup_old": {
        "id": "Cadangan terakhir ({at}) lebih tua dari {hours} jam.",
        "en": "The last backup ({at}) is older than {hours} hours.",
    },
    "health_problem_disk_low": {
        "id": "Ruang disk untuk {place} hampir habis: tersisa {free}.",
        "en": "Disk space for {place} is low: {free} left.",
    },
    "health_problem_worker_gone": {
        "id": "Proses latar (worker, pid {pid}) mati atau macet: periksa `lontar serve`.",
        "en": "The background worker (pid {pid}) died or hangs: check `lontar serve`.",
    },
    "health_warning_backup_never": {
        "id": "Belum pernah ada cadangan (`lontar backup`).",
        "en": "No backup was ever made (`lontar backup`).",
    },
    "health_warning_key_copy_never": {
        "id": "Belum tercatat salinan kunci induk (`lontar key export`).",
        "en": "No copy of the master key is recorded (`lontar key export`).",
    },
    "health_warning_drill_never": {
        "id": "Belum pernah ada uji pemulihan (`lontar drill`).",
        "en": "No restore drill was ever run (`lontar drill`).",
    },
    "health_warning_drill_old": {
        "id": "Uji pemulihan terakhir lebih dari {days} hari lalu.",
        "en": "The last restore drill is more than {days} days old.",
    },
    "health_warning_fixity_never": {
        "id": "Cek keutuhan belum pernah dijalankan.",
        "en": "No fixity check has run yet.",
    },
    "health_warning_fixity_overdue": {
        "id": "Cek keutuhan terakhir dimulai {days} hari lalu: terlambat.",
        "en": "The last fixity check started {days} days ago: overdue.",
    },
    "health_problem_search_unreachable": {
        "id": "Basis data pencarian tidak terjangkau: keadaan proses latar tidak diketahui.",
        "en": "The search database cannot be reached: the background worker's state is unknown.",
    },
    "search_timed_out": {
        "id": "Pencarian ini terlalu lama dan dihentikan. Persempit kata kunci atau saringannya.",
        "en": "This search took too long and was stopped. Narrow its words or filters.",
    },
    "search_unavailable": {
        "id": "Basis data pencarian tidak terjangkau. Coba lagi sebentar lagi.",
        "en": "The search database cannot be reached. Try again in a moment.",
    },
    "health_warning_worker_stopped": {
        "id": "Proses latar (worker) tidak berjalan.",
        "en": "The background worker is not running.",
    },
    "audit_action_fixity": {"id": "Cek keutuhan", "en": "Fixity check"},
    # the backup's actions (repository/run): the audit page never loads the run package
    "audit_action_backup": {"id": "Pencadangan", "en": "Backup"},
    "audit_action_backup_failed": {"id": "Pencadangan gagal", "en": "Backup failed"},
    "audit_action_restored": {"id": "Dipulihkan dari cadangan", "en": "Restored from backup"},
    "audit_action_drill": {"id": "Uji pemulihan", "en": "Restore drill"},
    "audit_action_key_exported": {"id": "Salinan kunci dibuat", "en": "Key copy made"},
    "audit_action_key_imported": {"id": "Kunci dipasang", "en": "Key put in place"},
    "audit_detail_fixity": {
        "id": "{checked} arsip, {files} berkas diperiksa; {failed} masalah",
        "en": "{checked} records, {files} files checked; {failed} problems",
    },
    # --- audit in PostgreSQL (issue 23) ---
    "audit_unavailable_pg": {
        "id": "Jejak audit di PostgreSQL tidak dapat ditulis atau dibaca ({reason}); tindakan "
        "ini tidak dilakukan. Periksa bahwa server PostgreSQL berjalan dan dapat dihubungi.",
        "en": "The audit trail in PostgreSQL cannot be written or read ({reason}); this action "
        "was not done. Check that the PostgreSQL server is running and reachable.",
    },
    "audit_action_audit_moved": {
        "id": "Jejak audit dipindahkan ke PostgreSQL",
        "en": "Audit trail moved to PostgreSQL",
    },
    "audit_action_audit_file_kept": {
        "id": "Jejak audit berkas sebuah node dicatat",
        "en": "A node's audit trail file noted",
    },
    # --- end of audit in PostgreSQL (issue 23) ---
}


register(MESSAGES)
