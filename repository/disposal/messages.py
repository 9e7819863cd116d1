"""Messages of penyusutan (transfer, destruction, hand-over) and its page; merged into
i18n.MESSAGES, kept apart so each catalogue stays readable."""

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
    "destruction_empty": {
        "id": "Tidak ada arsip yang dapat diusulkan musnah.",
        "en": "There are no records to propose for destruction.",
    },
    "destruction_not_due": {
        "id": "Belum waktunya dimusnahkan, tertahan, atau tidak terlihat: {ids}.",
        "en": "Not due for destruction, held, or not visible: {ids}.",
    },
    "destruction_already": {
        "id": "Sudah ada dalam usul musnah lain yang belum selesai: {ids}.",
        "en": "Already in another open destruction list: {ids}.",
    },
    "destruction_blocked": {
        "id": "Tidak boleh dimusnahkan (penahanan hukum, permohonan PPID atau keberatan yang "
        "belum selesai): {ids}.",
        "en": "May not be destroyed (a legal hold, an open PPID request or an unresolved "
        "objection): {ids}.",
    },
    "destruction_state": {
        "id": "Langkah ini tidak dapat dilakukan: usul musnah {id} berada pada tahap {state}.",
        "en": "This step is not possible: destruction {id} is at the {state} stage.",
    },
    "no_such_destruction": {
        "id": "Usul musnah {id} tidak ada.",
        "en": "There is no destruction {id}.",
    },
    "panel_required": {
        "id": "Sebutkan sedikitnya satu anggota panitia penilai.",
        "en": "Name at least one member of the appraisal panel.",
    },
    "bad_retained": {
        "id": "Arsip yang dipertahankan harus ada dalam daftar dan disertai alasan: {ids}.",
        "en": "Records kept must be on the list and come with a reason: {ids}.",
    },
    "bad_authority": {
        "id": "Pejabat yang menyetujui harus salah satu dari: {choices}.",
        "en": "The approving authority must be one of: {choices}.",
    },
    "wrong_authority": {
        "id": "Daftar ini harus disetujui oleh {required}: retensi 10 tahun atau lebih "
        "disetujui Kepala ANRI, di bawah 10 tahun oleh Kepala Daerah.",
        "en": "This list must be approved by {required}: retention of 10 years or more is "
        "approved by the head of ANRI, under 10 years by the regional head.",
    },
    "decree_required": {
        "id": "Nomor keputusan dan nama pejabat yang menyetujui wajib diisi.",
        "en": "The decree number and the approving official's name are required.",
    },
    "objection_reason_required": {
        "id": "Keberatan memerlukan akun staf dan alasan.",
        "en": "An objection needs a staff account and a reason.",
    },
    "no_objection": {
        "id": "Tidak ada keberatan terbuka pada arsip {id}.",
        "en": "There is no open objection on record {id}.",
    },
    "not_a_handover": {
        "id": "{id} bukan penyerahan arsip statis.",
        "en": "{id} is not a hand-over.",
    },
    "bag_invalid": {
        "id": "Paket BagIt tidak valid: {reason}",
        "en": "The BagIt bag is not valid: {reason}",
    },
    "retention_matter_ppid_request": {
        "id": "Tidak dapat dimusnahkan: terkait permohonan informasi {ref} yang masih terbuka.",
        "en": "Cannot be destroyed: named by information request {ref}, still open.",
    },
    "retention_matter_objection": {
        "id": "Tidak dapat dimusnahkan: ada keberatan atas usul musnah {ref}.",
        "en": "Cannot be destroyed: an objection to destruction list {ref} is open.",
    },
    # -- the page ---------------------------------------------------------------------------
    "nav_disposal": {"id": "Penyusutan", "en": "Disposal"},
    "disposal_transfer": {"id": "Pemindahan", "en": "Transfer"},
    "disposal_destruction": {"id": "Pemusnahan", "en": "Destruction"},
    "disposal_handover": {"id": "Penyerahan", "en": "Hand-over"},
    "disposal_propose": {"id": "Susun daftar usul", "en": "Draw up a list"},
    "disposal_from": {"id": "Dari unit", "en": "From unit"},
    "disposal_to": {"id": "Kepada unit", "en": "To unit"},
    "disposal_lists": {"id": "Daftar yang ada", "en": "Existing lists"},
    "disposal_none": {"id": "Belum ada daftar.", "en": "No lists yet."},
    "disposal_choose": {"id": "Pilih daftar", "en": "Choose a list"},
    "disposal_state": {"id": "Tahap", "en": "Stage"},
    "disposal_records": {"id": "Arsip dalam daftar", "en": "Records on the list"},
    "disposal_sign": {"id": "Tanda tangani sebagai", "en": "Sign off as"},
    "side_sender": {"id": "Kepala unit pengirim", "en": "Head of the sending unit"},
    "side_receiver": {"id": "Kepala unit penerima", "en": "Head of the receiving unit"},
    "disposal_report": {"id": "Berita acara (PDF)", "en": "Report (PDF)"},
    "disposal_statement": {"id": "Pernyataan keaslian (PDF)", "en": "Authenticity (PDF)"},
    "disposal_daum": {"id": "DAUM (PDF)", "en": "DAUM (PDF)"},
    "disposal_bag": {"id": "Paket BagIt (ZIP)", "en": "BagIt bag (ZIP)"},
    "disposal_make_bag": {"id": "Susun paket BagIt", "en": "Build the BagIt bag"},
    "disposal_done": {"id": "Tersimpan.", "en": "Saved."},
    "panel_members": {
        "id": "Panitia penilai (satu per baris: nama; jabatan)",
        "en": "Appraisal panel (one per line: name; position)",
    },
    "panel_keep_records": {"id": "Arsip yang dipertahankan", "en": "Records kept"},
    "panel_keep_help": {
        "id": "Arsip yang tidak dipilih diteruskan untuk persetujuan pemusnahan.",
        "en": "Records not chosen go forward for the approval of their destruction.",
    },
    "panel_keep_reason": {"id": "Alasan dipertahankan", "en": "Why they are kept"},
    "panel_keep_years": {
        "id": "Selama … tahun lagi (0: permanen)",
        "en": "For … more years (0: for good)",
    },
    "disposal_appraise": {"id": "Simpan keputusan panitia", "en": "Save the panel's decision"},
    "authority_needed": {"id": "Persetujuan oleh", "en": "Approval by"},
    "authority_kepala_daerah": {"id": "Kepala Daerah", "en": "Regional head"},
    "authority_kepala_anri": {"id": "Kepala ANRI", "en": "Head of ANRI"},
    "decree_number": {"id": "Nomor keputusan", "en": "Decree number"},
    "decree_date": {"id": "Tanggal keputusan", "en": "Decree date"},
    "decree_approver": {"id": "Nama pejabat yang menyetujui", "en": "Approving official"},
    "disposal_approve": {"id": "Catat persetujuan", "en": "Record the approval"},
    "disposal_execute": {"id": "Musnahkan sekarang", "en": "Destroy now"},
    "disposal_execute_warning": {
        "id": "Berkas, teks dan riwayat arsip dalam daftar akan dihapus permanen; hanya "
        "metadata yang disimpan. Tidak dapat dibatalkan.",
        "en": "The files, text and history of the listed records will be removed for good; "
        "only their description is kept. This cannot be undone.",
    },
    "disposal_confirm": {"id": "Saya mengerti", "en": "I understand"},
    "disposal_destroying": {"id": "Memusnahkan dan membersihkan…", "en": "Destroying and purging…"},
    "objection_file": {"id": "Ajukan keberatan", "en": "File an objection"},
    "objection_dismiss": {"id": "Tolak keberatan", "en": "Dismiss the objection"},
    "objection_reason": {"id": "Alasan", "en": "Reason"},
    "state_proposed": {"id": "diusulkan", "en": "proposed"},
    "state_signing": {"id": "penandatanganan", "en": "signing"},
    "state_appraised": {"id": "dinilai", "en": "appraised"},
    "state_approved": {"id": "disetujui", "en": "approved"},
    "state_done": {"id": "selesai", "en": "done"},
    "tombstone_title": {"id": "Arsip ini telah dimusnahkan", "en": "This record was destroyed"},
    "tombstone_body": {
        "id": "Dimusnahkan {day} ({destruction}), keputusan {decree}. Berkasnya tidak ada lagi; "
        "hanya metadata berikut yang disimpan.",
        "en": "Destroyed on {day} ({destruction}), decree {decree}. Its files are gone; only "
        "this description is kept.",
    },
    "upload_scheme": {"id": "Muat skema klasifikasi (CSV)", "en": "Load a scheme (CSV)"},
    "upload_jra": {"id": "Muat JRA (CSV)", "en": "Load the JRA (CSV)"},
    "scheme_version": {"id": "Nama versi", "en": "Version name"},
    "scheme_loaded": {
        "id": "Skema {version} dimuat: {codes} kode.",
        "en": "Scheme {version} loaded: {codes} codes.",
    },
    "jra_loaded": {"id": "JRA dimuat: {rules} baris.", "en": "JRA loaded: {rules} rows."},
    "jra_download": {"id": "Unduh JRA (CSV)", "en": "Download the JRA (CSV)"},
    # -- Unit drop-downs and refusals that say why.
    "disposal_denied_unit": {
        "id": "Anda tidak dapat menyusun daftar untuk {unit}: perlu peran Arsiparis atau "
        "Administrator di unit itu (atau di unit di atasnya).",
        "en": "You cannot draw up a list for {unit}: that needs the Arsiparis or "
        "Administrator role in that unit (or in a unit above it).",
    },
    "disposal_denied_step": {
        "id": "Anda tidak dapat melakukan langkah ini untuk {unit}: perlu peran Arsiparis atau "
        "Administrator di unit itu.",
        "en": "You cannot take this step for {unit}: that needs the Arsiparis or "
        "Administrator role in that unit.",
    },
    "disposal_denied_approve": {
        "id": "Anda tidak dapat mencatat persetujuan untuk {unit}: perlu peran Pejabat atau "
        "Administrator di unit itu.",
        "en": "You cannot record the approval for {unit}: that needs the Pejabat or "
        "Administrator role in that unit.",
    },
    "disposal_denied_sender": {
        "id": "Anda tidak dapat menandatangani sebagai kepala unit pengirim {unit}: perlu "
        "peran Pejabat atau Administrator di unit itu.",
        "en": "You cannot sign off as head of the sending unit {unit}: that needs the "
        "Pejabat or Administrator role in that unit.",
    },
    "disposal_denied_receiver": {
        "id": "Anda tidak dapat menandatangani sebagai kepala unit penerima {unit}: perlu "
        "peran Pejabat atau Administrator di unit itu.",
        "en": "You cannot sign off as head of the receiving unit {unit}: that needs the "
        "Pejabat or Administrator role in that unit.",
    },
    "disposal_target_help": {
        "id": "Unit yang menerima: unit kearsipan (pemindahan) atau lembaga kearsipan daerah "
        "(penyerahan).",
        "en": "The receiving unit: the records centre (transfer) or the regional archives "
        "(hand-over).",
    },
    # -- Columns of the lists (`disposal_col_<field>`) and each record's status.
    "disposal_col_id": {"id": "Nomor daftar", "en": "List number"},
    "disposal_col_title": {"id": "Judul", "en": "Title"},
    "disposal_col_refcode": {"id": "Kode referensi", "en": "Reference code"},
    "disposal_col_date": {"id": "Tanggal", "en": "Date"},
    "disposal_col_code": {"id": "Klasifikasi", "en": "Classification"},
    "disposal_col_retention_years": {"id": "Retensi (tahun)", "en": "Retention (years)"},
    "disposal_col_status": {"id": "Status", "en": "Status"},
    "disposal_col_reason": {"id": "Alasan", "en": "Reason"},
    "disposal_col_blockers": {"id": "Penghalang", "en": "Blocked by"},
    "disposal_col_created": {"id": "Disusun", "en": "Drawn up"},
    "destroy_status_listed": {"id": "diusulkan musnah", "en": "proposed for destruction"},
    "destroy_status_retained": {"id": "dipertahankan", "en": "kept"},
    "destroy_status_destroyed": {"id": "dimusnahkan", "en": "destroyed"},
    "destroy_status_skipped": {"id": "tidak dimusnahkan", "en": "not destroyed"},
    "blocker_hold": {"id": "ditahan: {ref}", "en": "on hold: {ref}"},
    "blocker_ppid_request": {
        "id": "permohonan informasi {ref} masih terbuka",
        "en": "information request {ref} still open",
    },
    "blocker_objection": {
        "id": "keberatan atas daftar {ref}",
        "en": "objection to list {ref}",
    },
    "disposal_made": {
        "id": "Daftar {id} disusun: {count} arsip.",
        "en": "List {id} drawn up: {count} records.",
    },
    "disposal_destroyed_count": {
        "id": "{id}: {count} arsip dimusnahkan.",
        "en": "{id}: {count} records destroyed.",
    },
    # -- Audit actions the disposal services record (`audit_action_<action>`), details.
    "audit_action_transfer_proposed": {
        "id": "Daftar pemindahan disusun",
        "en": "Transfer list drawn up",
    },
    "audit_action_handover_proposed": {
        "id": "Daftar penyerahan disusun",
        "en": "Hand-over list drawn up",
    },
    "audit_action_transfer_signed": {"id": "Berita acara ditandatangani", "en": "Signed off"},
    "audit_action_destruction_proposed": {"id": "DAUM disusun", "en": "DAUM drawn up"},
    "audit_action_objection": {
        "id": "Keberatan atas usul musnah",
        "en": "Objection to destruction",
    },
    "audit_action_objection_dismissed": {"id": "Keberatan ditolak", "en": "Objection dismissed"},
    "audit_action_destruction_appraised": {
        "id": "Dinilai panitia penilai",
        "en": "Appraised by the panel",
    },
    "audit_action_destruction_approved": {
        "id": "Pemusnahan disetujui",
        "en": "Destruction approved",
    },
    "audit_action_destroyed": {"id": "Dimusnahkan", "en": "Destroyed"},
    "audit_detail_transfer_proposed": {"id": "{records} arsip", "en": "{records} records"},
    "audit_detail_handover_proposed": {"id": "{records} arsip", "en": "{records} records"},
    "audit_detail_destruction_proposed": {"id": "{records} arsip", "en": "{records} records"},
    "audit_detail_destruction_appraised": {
        "id": "{kept} arsip dipertahankan",
        "en": "{kept} records kept",
    },
    "audit_detail_destruction_approved": {"id": "keputusan {decree}", "en": "decree {decree}"},
    "audit_detail_destroyed": {
        "id": "{records} arsip, keputusan {decree}",
        "en": "{records} records, decree {decree}",
    },
    "audit_detail_objection": {
        "id": "daftar {destruction}: {reason}",
        "en": "list {destruction}: {reason}",
    },
    "audit_detail_objection_dismissed": {"id": "daftar {destruction}", "en": "list {destruction}"},
    "tombstone_date_start": {"id": "Tanggal awal", "en": "Start date"},
    "tombstone_date_end": {"id": "Tanggal akhir", "en": "End date"},
    "tombstone_file": {"id": "Nama berkas", "en": "File name"},
    "tombstone_type": {"id": "Jenis", "en": "Type"},
    "tombstone_size": {"id": "Ukuran (bita)", "en": "Size (bytes)"},
    # -- History sentences for the disposal's changes to a record (records/history.py).
    "history_objection": {
        "id": "Keberatan atas penyusutan ({objection}): {reason}.",
        "en": "Objection to disposal ({objection}): {reason}.",
    },
    "history_objection_dismissed": {
        "id": "Keberatan {objection} ditolak.",
        "en": "Objection {objection} dismissed.",
    },
    "history_transferred": {
        "id": "Diserahkan ke arsip inaktif ({list}) → {target}.",
        "en": "Transferred to inactive storage ({list}) → {target}.",
    },
    "history_handed_over": {
        "id": "Diserahkan ke lembaga kearsipan ({list}) → {target}.",
        "en": "Handed over to the archival institution ({list}) → {target}.",
    },
}

register(MESSAGES)
