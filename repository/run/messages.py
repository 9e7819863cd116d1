"""Messages of the processes (`lontar serve`'s supervisor); merged into i18n.MESSAGES
when repository.run is imported."""

from __future__ import annotations

from repository.core.i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    # -- The supervisor of `lontar serve`.
    "serve_started": {
        "id": "Lontar berjalan di http://localhost:{port} (Ctrl-C untuk berhenti).",
        "en": "Lontar is serving on http://localhost:{port} (Ctrl-C to stop).",
    },
    "child_died": {
        "id": "Proses {name} berhenti berulang kali (kode {code}); Lontar dihentikan. Lihat {log}.",
        "en": "Process {name} kept dying (exit code {code}); Lontar stopped. See {log}.",
    },
    # -- BEGIN helper G (backup, restore, drill, keys) -----------------------------------
    "backup_done": {
        "id": "Cadangan {stamp} ({kind}) di {dest}: {records} arsip, {megabytes} MB ditulis, "
        "{seconds} detik.",
        "en": "Backup {stamp} ({kind}) in {dest}: {records} records, {megabytes} MB written, "
        "{seconds} s.",
    },
    "backup_pruned": {
        "id": "Cadangan lama dihapus: {stamps}",
        "en": "Older backups removed: {stamps}",
    },
    "backup_failed": {
        "id": "Pencadangan ke {dest} gagal: {reason}. Tidak ada cadangan setengah jadi yang "
        "tertinggal; data Lontar tidak tersentuh.",
        "en": "The backup to {dest} failed: {reason}. No half-made backup was left behind; "
        "Lontar's data was not touched.",
    },
    "backup_too_soon": {
        "id": "Sudah ada cadangan bercap {stamp}; tunggu sedetik dan ulangi.",
        "en": "A backup stamped {stamp} already exists; wait a second and try again.",
    },
    "backup_busy": {
        "id": "Ada proses cadangan lain yang sedang menulis ke {dest}; tunggu sampai selesai "
        "lalu ulangi.",
        "en": "Another backup run is writing into {dest}; wait until it has finished and try "
        "again.",
    },
    "backup_pack_running": {
        "id": "Pemadatan basis data (pack) sedang berjalan di {home} sejak lebih dari {minutes} "
        "menit; cadangan tidak diambil. Ulangi setelah pemadatan selesai.",
        "en": "A pack of the database in {home} has been running for more than {minutes} "
        "minutes; no backup was taken. Try again after the pack has finished.",
    },
    "backup_inside_home": {
        "id": "Tujuan cadangan {dest} berada di dalam direktori data; pilih tempat lain, "
        "sebaiknya di disk lain.",
        "en": "The backup destination {dest} is inside the data directory; choose another "
        "place, best on another disk.",
    },
    "backup_relstorage": {
        "id": "Repositori ini memakai RelStorage (PostgreSQL): cadangkan dengan pg_dump "
        "(termasuk large object), atau jalankan 'lontar backup DEST --pg-dump'.",
        "en": "This repository is on RelStorage (PostgreSQL): back it up with pg_dump "
        "(large objects included), or run 'lontar backup DEST --pg-dump'.",
    },
    "backup_storage_unsupported": {
        "id": "Penyimpanan yang dikonfigurasi bukan FileStorage di mesin ini; jalankan "
        "'lontar backup' di mesin server ZEO-nya.",
        "en": "The configured storage is not a FileStorage on this machine; run "
        "'lontar backup' on its ZEO server's machine.",
    },
    "backup_pg_dump_not_relstorage": {
        "id": "--pg-dump hanya untuk repositori RelStorage (PostgreSQL).",
        "en": "--pg-dump is only for a RelStorage (PostgreSQL) repository.",
    },
    "backup_pg_dump_failed": {
        "id": "pg_dump gagal: {reason}",
        "en": "pg_dump failed: {reason}",
    },
    "backup_pg_dump_done": {
        "id": "pg_dump ditulis: {path} ({megabytes} MB, {seconds} detik).",
        "en": "pg_dump written: {path} ({megabytes} MB, {seconds} s).",
    },
    "backup_no_key_copy": {
        "id": "Peringatan: belum tercatat salinan kunci induk. Cadangan ini tidak memuat kunci "
        "({path}); tanpa kunci, berkas R/SR tidak dapat dibuka. Buat salinannya: "
        "lontar key export --out BERKAS.",
        "en": "Warning: no copy of the master key is recorded. This backup does not hold the "
        "key ({path}); without it the R/SR files cannot be opened. Make a copy: "
        "lontar key export --out FILE.",
    },
    "backup_audit_broken": {
        "id": "Peringatan: rantai jejak audit tidak utuh (lontar audit verify); dicadangkan "
        "apa adanya.",
        "en": "Warning: the audit trail's chain is broken (lontar audit verify); backed up as "
        "it is.",
    },
    "backup_blobs_vanished": {
        "id": "Peringatan: {count} berkas blob hilang selama pencadangan (pack berjalan?); "
        "jalankan 'lontar drill' pada cadangan ini.",
        "en": "Warning: {count} blob files vanished during the backup (a pack running?); run "
        "'lontar drill' on this backup.",
    },
    "restore_target_not_empty": {
        "id": "{home} tidak kosong: pemulihan hanya ke direktori kosong atau yang belum ada.",
        "en": "{home} is not empty: a restore goes only into an empty or new directory.",
    },
    "restore_no_backup": {
        "id": "Tidak ada cadangan lengkap di {dest} pada atau sebelum {at}.",
        "en": "No complete backup in {dest} at or before {at}.",
    },
    "restore_damaged": {
        "id": "Cadangan rusak: {file} ({detail}) tidak cocok dengan manifesnya; {count} berkas "
        "bermasalah. Tidak ada yang dipulihkan.",
        "en": "The backup is damaged: {file} ({detail}) does not match its manifest; {count} "
        "files affected. Nothing was restored.",
    },
    "restore_failed": {
        "id": "Pemulihan ke {home} gagal: {reason}. Tidak ada yang tertinggal.",
        "en": "The restore into {home} failed: {reason}. Nothing was left behind.",
    },
    "restore_bad_at": {
        "id": "--at '{value}' bukan waktu (misalnya \"2026-12-01 10:00\").",
        "en": "--at '{value}' is not a moment (e.g. \"2026-12-01 10:00\").",
    },
    "restore_done": {
        "id": "Cadangan {stamp} (keadaan {local}) dipulihkan ke {home}.",
        "en": "Backup {stamp} (as of {local}) restored into {home}.",
    },
    "restore_key_hint": {
        "id": "Kunci induk belum ada di {path}: pasang dengan "
        "'lontar --home {home} key import SALINAN' sebelum 'lontar serve'.",
        "en": "The master key is not at {path} yet: put it there with "
        "'lontar --home {home} key import COPY' before 'lontar serve'.",
    },
    "drill_report": {
        "id": "Uji pulih {backup}, cadangan {stamp} ({local}): {verdict}; waktu pemulihan "
        "{seconds} detik.",
        "en": "Drill of {backup}, backup {stamp} ({local}): {verdict}; recovery time {seconds} s.",
    },
    "drill_verdict_ok": {"id": "semua pemeriksaan lulus", "en": "every check passed"},
    "drill_verdict_failed": {
        "id": "{count} pemeriksaan GAGAL",
        "en": "{count} checks FAILED",
    },
    "drill_status_ok": {"id": "ok", "en": "ok"},
    "drill_status_failed": {"id": "GAGAL", "en": "FAILED"},
    "drill_not_recorded": {
        "id": "{home} tidak memuat repositori: laporan tidak dicatat.",
        "en": "{home} holds no repository: the report was not recorded.",
    },
    "drill_more": {"id": "... dan {count} lagi", "en": "... and {count} more"},
    "drill_check_manifest": {
        "id": "manifes: {files} berkas cocok dengan SHA-256-nya",
        "en": "manifest: {files} files match their SHA-256",
    },
    "drill_manifest_problem": {
        "id": "{file}: {problem}",
        "en": "{file}: {problem}",
    },
    "drill_check_objects": {
        "id": "objek: {objects} objek terbaca, {blobs} berkas blob ada, tanpa rujukan putus",
        "en": "objects: {objects} objects load, {blobs} blob files present, no dangling reference",
    },
    "drill_object_unloadable": {
        "id": "objek {oid} tidak terbaca: {error}",
        "en": "object {oid} does not load: {error}",
    },
    "drill_object_dangling": {
        "id": "objek {oid} merujuk {ref}, yang tidak ada di basis data",
        "en": "object {oid} refers to {ref}, which is not in the database",
    },
    "drill_object_blob_missing": {
        "id": "berkas blob objek {oid} tidak ada: {error}",
        "en": "the blob file of object {oid} is missing: {error}",
    },
    "drill_check_files": {
        "id": "berkas: {files} lampiran dari {records} arsip ada dan cocok dengan SHA-256-nya",
        "en": "files: {files} attachments of {records} records present and matching their SHA-256",
    },
    "drill_blob_missing": {
        "id": "arsip {id}, lampiran {file}: berkas tidak ada",
        "en": "record {id}, attachment {file}: the file is missing",
    },
    "drill_blob_hash": {
        "id": "arsip {id}, lampiran {file}: SHA-256 tidak cocok dengan catatan arsip",
        "en": "record {id}, attachment {file}: the SHA-256 differs from the record's",
    },
    "drill_check_sealed": {
        "id": "tersegel: {files} berkas R/SR terbuka dengan kunci {key_id}",
        "en": "sealed: {files} R/SR files decrypt with key {key_id}",
    },
    "drill_sealed_no_key": {
        "id": "{count} berkas tersegel tidak dapat diperiksa: kunci induk tidak ada (--key BERKAS)",
        "en": "{count} sealed files cannot be checked: no master key (--key FILE)",
    },
    "drill_sealed_wrong_key": {
        "id": "kunci {key_id} bukan kunci yang diperlukan cadangan ini ({needed})",
        "en": "the key {key_id} is not the key this backup needs ({needed})",
    },
    "drill_sealed_undecryptable": {
        "id": "arsip {id}, lampiran {file}: tidak dapat didekripsi",
        "en": "record {id}, attachment {file}: does not decrypt",
    },
    "drill_check_audit": {
        "id": "jejak audit: {entries} entri, rantai utuh sampai #{seq}",
        "en": "audit trail: {entries} entries, chain intact up to #{seq}",
    },
    "drill_audit_problem": {
        "id": "baris {line}: {problem}",
        "en": "line {line}: {problem}",
    },
    "drill_audit_head": {
        "id": "jejak tidak sampai ke entri #{seq} tempat cadangan berakhir (terakhir #{found})",
        "en": "the trail does not reach entry #{seq}, where the backup ended (last #{found})",
    },
    "drill_audit_unaudited": {
        "id": "{found} arsip tanpa entri pembuatan di jejak; saat dicadangkan {expected}",
        "en": "{found} records have no creation entry in the trail; at backup time {expected}",
    },
    "drill_check_letters": {
        "id": "naskah: {checked} dari {signed} naskah bertanda tangan sah (sampel)",
        "en": "letters: {checked} of {signed} signed letters validate (a sample)",
    },
    "drill_letter_invalid": {
        "id": "naskah {id}: {verdict}",
        "en": "letter {id}: {verdict}",
    },
    "drill_check_counts": {
        "id": "jumlah: {records} arsip di {units} unit, sama dengan manifes",
        "en": "counts: {records} records in {units} units, as in the manifest",
    },
    "drill_count_unit": {
        "id": "unit {unit}: {found} arsip, manifes menyebut {expected}",
        "en": "unit {unit}: {found} records, the manifest says {expected}",
    },
    "drill_count_total": {
        "id": "{found} arsip seluruhnya, manifes menyebut {expected}",
        "en": "{found} records in all, the manifest says {expected}",
    },
    "drill_check_index": {
        "id": "indeks: {docs} dokumen; {searches} pencarian judul menemukan persis arsip yang "
        "judulnya memuat kata-katanya",
        "en": "index: {docs} documents; {searches} title searches find exactly the records "
        "whose titles hold their words",
    },
    "drill_index_failed": {
        "id": "indeks tidak dapat dibangun dari salinan ini: {error}",
        "en": "the index cannot be built from this copy: {error}",
    },
    "drill_record_unreadable": {
        "id": "arsip {id} tidak terbaca: {error}",
        "en": "record {id} cannot be read: {error}",
    },
    "drill_index_no_key": {
        "id": "indeks tidak dapat dibangun tanpa kunci induk yang benar (teks tersegel)",
        "en": "the index cannot be built without the right master key (sealed text)",
    },
    "drill_index_docs": {
        "id": "indeks memuat {docs} dokumen untuk {records} arsip",
        "en": "the index holds {docs} documents for {records} records",
    },
    "drill_index_search": {
        "id": "pencarian judul '{query}': {missing} arsip tidak ditemukan, {extra} berlebih",
        "en": "title search '{query}': {missing} records not found, {extra} too many",
    },
    "key_exported": {
        "id": "Salinan kunci {key_id} ditulis ke {path}{ca}. Simpan terpisah dari cadangan; "
        "tanpa frasa sandinya salinan ini tidak dapat dibuka.",
        "en": "Key copy of {key_id} written to {path}{ca}. Keep it apart from the backups; "
        "without its passphrase it cannot be opened.",
    },
    "key_exported_ca": {
        "id": " (beserta kunci CA penandatanganan)",
        "en": " (with the signing CA's key)",
    },
    "key_imported": {
        "id": "Kunci induk {key_id} ada di {path}.",
        "en": "Master key {key_id} is at {path}.",
    },
    "key_ca_written": {
        "id": "Kunci CA penandatanganan dipasang.",
        "en": "The signing CA's key was put in place.",
    },
    "key_ca_later": {
        "id": "Kunci CA penandatanganan dipasang setelah pemulihan: jalankan perintah ini lagi "
        "sesudah 'lontar restore'.",
        "en": "The signing CA's key goes in after the restore: run this command again after "
        "'lontar restore'.",
    },
    "key_passphrase_prompt": {
        "id": "Frasa sandi salinan kunci",
        "en": "Passphrase of the key copy",
    },
    "key_passphrase_repeat": {
        "id": "Ulangi frasa sandi",
        "en": "Repeat the passphrase",
    },
    "key_passphrase_short": {
        "id": "Frasa sandi paling sedikit {minimum} karakter.",
        "en": "The passphrase needs at least {minimum} characters.",
    },
    "key_wrong_passphrase": {
        "id": "Frasa sandi salah (atau salinan kunci rusak).",
        "en": "Wrong passphrase (or a damaged key copy).",
    },
    "key_copy_unreadable": {
        "id": "{path} bukan salinan kunci atau berkas kunci Lontar yang dapat dibaca.",
        "en": "{path} is not a readable Lontar key copy or key file.",
    },
    "key_export_exists": {
        "id": "{path} sudah ada; salinan kunci tidak menimpa berkas.",
        "en": "{path} exists; a key copy never overwrites a file.",
    },
    "key_export_inside_home": {
        "id": "{path} berada di dalam direktori data {home}; salinan kunci disimpan terpisah.",
        "en": "{path} is inside the data directory {home}; a key copy is kept apart.",
    },
    "key_import_other_key": {
        "id": "Sudah ada kunci induk lain di {path}; tidak ditimpa.",
        "en": "Another master key is already at {path}; it is not overwritten.",
    },
    # -- END helper G --------------------------------------------------------------------
    # -- BEGIN helper H (fixity, health) -------------------------------------------------
    # (what Beranda shows too is in repository/core/operations.py: the app never imports run)
    "fixity_result_ok": {
        "id": "Keutuhan baik: {checked} arsip, {files} berkas diperiksa (mulai {started}).",
        "en": "Fixity ok: {checked} records, {files} files checked (started {started}).",
    },
    "fixity_result_failed": {
        "id": "Cek keutuhan menemukan {failed} masalah ({checked} arsip, {files} berkas, "
        "mulai {started}):",
        "en": "The fixity check found {failed} problems ({checked} records, {files} files, "
        "started {started}):",
    },
    "fixity_file_finding": {
        "id": "arsip {record}, lampiran {position} ({file}): {problem}",
        "en": "record {record}, attachment {position} ({file}): {problem}",
    },
    "fixity_file_original": {"id": "berkas asli", "en": "original"},
    "fixity_file_ocr": {"id": "turunan OCR", "en": "OCR derivative"},
    "fixity_problem_missing": {"id": "berkas hilang", "en": "file missing"},
    "fixity_problem_mismatch": {
        "id": "isi berubah (SHA-256 tidak cocok)",
        "en": "content changed (SHA-256 does not match)",
    },
    "fixity_problem_unreadable": {
        "id": "tidak dapat didekripsi (rusak atau kunci lain)",
        "en": "does not decrypt (damaged, or another key)",
    },
    "fixity_problem_no_key": {
        "id": "berkas tersegel dan kunci induk tidak ada di sini",
        "en": "sealed, and the master key is not here",
    },
    "fixity_audit_finding": {
        "id": "jejak audit, baris {line}: {problem}",
        "en": "audit trail, line {line}: {problem}",
    },
    "fixity_audit_edited": {"id": "isi entri diubah", "en": "the entry was edited"},
    "fixity_audit_chain_broken": {
        "id": "rantai hash putus (entri disisipkan atau dihapus)",
        "en": "the hash chain is broken (an entry inserted or removed)",
    },
    "fixity_audit_not_json": {"id": "baris rusak", "en": "a damaged line"},
    "fixity_audit_head_changed": {
        "id": "entri terakhir pada cek sebelumnya hilang atau berubah: jejak dipotong atau "
        "ditulis ulang",
        "en": "the last entry at the previous check is gone or changed: the trail was cut "
        "or rewritten",
    },
    "fixity_index_finding": {
        "id": "indeks, arsip {record}: {problem}",
        "en": "index, record {record}: {problem}",
    },
    "fixity_index_missing": {"id": "tidak ada di indeks", "en": "missing from the index"},
    "fixity_index_stale": {"id": "versi di indeks usang", "en": "stale in the index"},
    "fixity_index_orphan": {
        "id": "di indeks tetapi tidak di basis data",
        "en": "in the index but not in the database",
    },
    "fixity_last_never": {
        "id": "Cek keutuhan belum pernah dijalankan (`lontar fixity --now`).",
        "en": "No fixity check has run yet (`lontar fixity --now`).",
    },
    "fixity_running_now": {
        "id": "Cek terjadwal sedang berjalan: {checked} dari {total} arsip (mulai {started}).",
        "en": "A scheduled check is under way: {checked} of {total} records (started {started}).",
    },
    "health_exit_ok": {"id": "Sehat.", "en": "Healthy."},
    "health_exit_problems": {
        "id": "{count} masalah: status keluar 1.",
        "en": "{count} problems: exit status 1.",
    },
    # -- END helper H --------------------------------------------------------------------
    # -- BEGIN helper I (service files, evolve) ------------------------------------------
    "evolve_done": {
        "id": "basis data dinaikkan dari generasi {old} ke {new}: {what}",
        "en": "evolved the database from generation {old} to {new}: {what}",
    },
    "evolve_newer": {
        "id": "Basis data ini bergenerasi {stored}, lebih baru daripada yang dikenal Lontar ini "
        "({newest}): ia ditulis oleh rilis yang lebih baru. Pasang kembali rilis itu (atau yang "
        "lebih baru); Lontar ini tidak akan membukanya.",
        "en": "The database is at generation {stored}, newer than this Lontar knows ({newest}): "
        "a newer release wrote it. Install that release (or a newer one) again; this one will "
        "not open it.",
    },
    "evolve_step_scheme_versions": {
        "id": "tabel klasifikasi lama menjadi versi skema pertama ({count} kode)",
        "en": "the flat classification table became the scheme's first version ({count} codes)",
    },
    "evolve_step_letter_work_lists": {
        "id": "daftar kerja naskah keluar per pemilik dibangun ({count} naskah)",
        "en": "the outgoing letters' per-owner work lists were built ({count} letters)",
    },
    "evolve_nothing": {
        "id": "{name}: tidak ada data berbentuk lama",
        "en": "{name}: nothing was in the older shape",
    },
    "evolve_current": {
        "id": "Basis data bergenerasi {generation}, yang terbaru; tidak ada yang perlu dinaikkan.",
        "en": "The database is at generation {generation}, the newest; nothing to upgrade.",
    },
    "evolve_pending": {
        "id": "Menunggu: generasi {old} ke {new}: {name}",
        "en": "Pending: generation {old} to {new}: {name}",
    },
    "evolve_index_outdated": {
        "id": "Indeks dibuat oleh Lontar yang lebih lama: worker membangunnya ulang saat "
        "'lontar serve' mulai (atau jalankan 'lontar reindex').",
        "en": "The index was built by an older Lontar: the worker rebuilds it when "
        "'lontar serve' starts (or run 'lontar reindex').",
    },
    "service_no_entry_point": {
        "id": "Perintah 'lontar' tidak ditemukan di lingkungan Python ini; pasang Lontar dulu "
        "(pip install -e .).",
        "en": "No 'lontar' command in this Python environment; install Lontar first "
        "(pip install -e .).",
    },
    "service_unknown_user": {
        "id": "Akun '{user}' tidak ada di mesin ini; buat dulu (useradd --system {user}) atau "
        "pilih yang lain dengan --user.",
        "en": "There is no account '{user}' on this machine; create it first "
        "(useradd --system {user}) or choose another with --user.",
    },
    "service_backup_inside_home": {
        "id": "Cadangan {dest} berada di dalam direktori data {home}: ia akan hilang bersamanya. "
        "Pilih tempat lain dengan --backup-dest, sebaiknya di disk lain.",
        "en": "The backup {dest} is inside the data directory {home}: it would be lost with it. "
        "Choose another place with --backup-dest, best on another disk.",
    },
    "service_bad_value": {
        "id": "Nilai tidak sah: --port {port} (1 sampai 65535), --keep {keep} (paling sedikit 1), "
        "--address {address}.",
        "en": "Not a valid value: --port {port} (1 to 65535), --keep {keep} (at least 1), "
        "--address {address}.",
    },
    "service_bad_proxies": {
        "id": "--trusted-proxies '{value}' bukan daftar alamat atau jaringan yang dipisah koma.",
        "en": "--trusted-proxies '{value}' is not a comma-separated list of addresses or networks.",
    },
    "service_bad_path": {
        "id": "Jalur {path} memuat spasi atau tanda yang tidak dapat ditulis apa adanya dalam "
        "unit systemd; pilih jalur lain.",
        "en": "The path {path} holds blanks or characters a systemd unit cannot hold as they "
        "are; choose another path.",
    },
    "service_bad_time": {
        "id": "--backup-at '{value}' bukan jam (JJ:MM, misalnya 02:30).",
        "en": "--backup-at '{value}' is not a time of day (HH:MM, e.g. 02:30).",
    },
    "service_no_folder": {
        "id": "Folder {path} tidak ada: systemd atau logrotate terpasang? Pilih folder lain "
        "dengan --dest / --logrotate-dest, atau lihat dulu berkasnya dengan --dry-run.",
        "en": "The folder {path} does not exist: is systemd or logrotate installed? Choose "
        "another with --dest / --logrotate-dest, or look at the files with --dry-run first.",
    },
    "service_cannot_write": {
        "id": "{path} tidak dapat ditulis ({detail}): jalankan sebagai root, atau lihat dulu "
        "berkasnya dengan --dry-run.",
        "en": "Cannot write {path} ({detail}): run it as root, or look at the files with "
        "--dry-run first.",
    },
    "service_unreachable": {
        "id": "Peringatan: akun {user} tidak dapat membaca {path}; layanan tidak akan mulai. "
        "Pasang Lontar dan Python-nya di tempat yang terbaca olehnya (bukan di bawah /root).",
        "en": "Warning: the account {user} cannot read {path}; the service would not start. "
        "Install Lontar and its Python where it can read them (not under /root).",
    },
    "service_as_root": {
        "id": "Peringatan: layanan berjalan sebagai root; lebih aman akun tersendiri "
        "(useradd --system lontar) yang memiliki direktori data.",
        "en": "Warning: the service runs as root; an account of its own that owns the data "
        "directory (useradd --system lontar) is safer.",
    },
    "service_home_missing": {
        "id": "Peringatan: direktori data {home} belum ada; buat repositori dulu sebagai "
        "{user}: lontar --home {home} init.",
        "en": "Warning: the data directory {home} does not exist yet; create the repository "
        "first, as {user}: lontar --home {home} init.",
    },
    "service_key_missing": {
        "id": "Peringatan: kunci induk {path} tidak ada; layanan tidak akan mulai tanpanya "
        "(docs/security.md).",
        "en": "Warning: the master key {path} is not there; the service will not start without "
        "it (docs/security.md).",
    },
    "service_written": {"id": "ditulis: {path}", "en": "wrote {path}"},
    "service_next": {
        "id": "Selanjutnya, sebagai root:",
        "en": "Next, as root:",
    },
    "service_check": {
        "id": "Periksa dengan: systemctl status lontar; journalctl -u lontar -f",
        "en": "Check with: systemctl status lontar; journalctl -u lontar -f",
    },
    # -- END helper I --------------------------------------------------------------------
    # --- serve roles (issue 23) ---
    "serve_app_no_database": {
        "id": "'lontar serve --role app' hanya menjalankan aplikasi web: perlu penyimpanan yang "
        "dikonfigurasi ($LONTAR_STORAGE atau {home}/storage.conf, misalnya RelStorage di "
        "PostgreSQL) atau server ZEO di {socket}, yang dijalankan 'lontar serve --role worker' "
        "(atau --role all) pada direktori data ini. Jalankan itu dulu.",
        "en": "'lontar serve --role app' runs only the web app: it needs a configured storage "
        "($LONTAR_STORAGE or {home}/storage.conf, e.g. RelStorage on PostgreSQL) or a ZEO "
        "server on {socket}, which 'lontar serve --role worker' (or --role all) runs on this "
        "data directory. Start that first.",
    },
    "serve_app_no_worker": {
        "id": "'lontar serve --role app' dengan indeks Whoosh perlu worker pada direktori data "
        "ini ({home}; belum ada yang memegang {lock}): indeks Whoosh hanya dapat ditulis di satu "
        "mesin. Jalankan 'lontar serve --role worker' di sini dulu, atau untuk beberapa mesin "
        'pakai pencarian PostgreSQL ([search] backend = "postgresql", docs/scaling.md).',
        "en": "'lontar serve --role app' with the Whoosh index needs the worker on this data "
        "directory ({home}; nothing holds {lock}): a Whoosh index can be written on one "
        "machine only. Start 'lontar serve --role worker' here first, or for several machines "
        'use PostgreSQL search ([search] backend = "postgresql", docs/scaling.md).',
    },
    "serve_awaiting_evolve": {
        "id": "Menunggu node worker memperbarui basis data ({steps} langkah evolve): "
        "'lontar serve --role worker' menjalankannya saat mulai, atau 'lontar upgrade'.",
        "en": "Waiting for the worker node to bring the database up to date ({steps} evolve "
        "steps): 'lontar serve --role worker' runs them at start, or 'lontar upgrade'.",
    },
    "serve_worker_started": {
        "id": "Worker Lontar berjalan untuk {home} (Ctrl-C untuk berhenti).",
        "en": "The Lontar worker is running for {home} (Ctrl-C to stop).",
    },
    "serve_zeo_running": {
        "id": "ZEO sudah berjalan di {socket}: apakah Lontar sudah berjalan?",
        "en": "ZEO is already serving {socket}: is Lontar running?",
    },
    # --- serve roles (issue 23) ---
    # --- purge sweep (issue 23) ---
    "sweep_done": {
        "id": "Cache node ini dikosongkan setelah pemusnahan (pembersihan ke-{generation}): "
        "{files} berkas dihapus dari cache blob dan pratinjau halaman.",
        "en": "This node's caches were emptied after a destruction (purge {generation}): "
        "{files} files removed from the blob cache and the page previews.",
    },
    "sweep_failed": {
        "id": "Cache node ini belum dapat dikosongkan setelah pemusnahan ({error}); dicoba "
        "lagi dalam {seconds} detik.",
        "en": "This node's caches could not be emptied after a destruction yet ({error}); "
        "trying again in {seconds} s.",
    },
    # --- purge sweep (issue 23) ---
}


register(MESSAGES)
