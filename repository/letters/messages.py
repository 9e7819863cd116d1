"""Messages of the letters' services: errors, the words a printed letter uses, the next steps,
and the audit trail's labels; then the rules' (positions, types, numbering, the state machine),
the renderer's, electronic signatures' and the pages' words. Registered once, when the package
is imported."""

from __future__ import annotations

from repository.core.i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    # -- errors -----------------------------------------------------------------------------------
    "letter_not_found": {
        "id": "Naskah tidak ditemukan.",
        "en": "Letter not found.",
    },
    "letter_unit_required": {
        "id": "Pilih unit pengolah naskah (unit {unit} tidak dikenal).",
        "en": "Choose the letter's unit (unit {unit} is not known).",
    },
    "letter_type_unknown": {
        "id": "Jenis naskah {code} tidak ada atau tidak aktif.",
        "en": "Letter type {code} does not exist or is not active.",
    },
    "letter_hal_required": {"id": "Hal (perihal) wajib diisi.", "en": "The subject is required."},
    "letter_body_required": {"id": "Isi naskah wajib diisi.", "en": "The body is required."},
    "letter_text_too_long": {
        "id": "Isian terlalu panjang (paling banyak {limit} karakter).",
        "en": "Too long (at most {limit} characters).",
    },
    "letter_sifat_invalid": {
        "id": "Sifat naskah harus biasa, terbatas atau rahasia (bukan {value}).",
        "en": "The letter's sifat must be biasa, terbatas or rahasia (not {value}).",
    },
    "letter_sifat_above_clearance": {
        "id": "Anda tidak berwenang atas naskah bersifat {sifat}.",
        "en": "Your clearance does not reach a letter marked {sifat}.",
    },
    "letter_chain_clearance": {
        "id": "Naskah bersifat {sifat} hanya dapat dibuka oleh yang berizin akses setingkat itu: "
        "jabatan {position} dipegang {holder}, yang izin aksesnya di bawahnya, sehingga naskah "
        "akan tertahan di sana. Pilih jabatan lain atau minta izin aksesnya dinaikkan.",
        "en": "A letter marked {sifat} can be opened only by those cleared for it: the position "
        "{position} is held by {holder}, whose clearance is below it, so the letter would be "
        "stuck there. Choose another position or have their clearance raised.",
    },
    "letter_signer_clearance": {
        "id": "Naskah ini akan diarsipkan dengan klasifikasi keamanan {security} (JRA kode "
        "klasifikasi {classification}), di atas izin akses Anda: penandatanganan ditolak dan "
        "belum ada nomor yang diambil. Minta izin akses Anda dinaikkan, atau kembalikan "
        "naskah agar kode klasifikasinya diubah.",
        "en": "This letter will be filed with security class {security} (the retention "
        "schedule of code {classification}), above your clearance: signing is refused and no "
        "number has been taken. Have your clearance raised, or return the letter so its code "
        "is changed.",
    },
    "letter_urgency_invalid": {
        "id": "Urgensi harus biasa, segera atau amat segera (bukan {value}).",
        "en": "Urgency must be biasa, segera or amat segera (not {value}).",
    },
    "letter_recipients_required": {
        "id": "Tentukan paling sedikit satu tujuan naskah.",
        "en": "Name at least one recipient.",
    },
    "letter_too_many_targets": {
        "id": "Terlalu banyak tujuan (paling banyak {limit}); gunakan kelompok tujuan.",
        "en": "Too many recipients (at most {limit}); use a recipient group.",
    },
    "letter_target_invalid": {
        "id": "Tujuan {target} tidak dapat dibaca (position:, unit:, group: atau external:Nama).",
        "en": "Recipient {target} cannot be read (position:, unit:, group: or external:Name).",
    },
    "letter_target_unknown": {
        "id": "Tujuan {target} tidak ada.",
        "en": "Recipient {target} does not exist.",
    },
    "letter_signer_required": {
        "id": "Pilih jabatan penanda tangan.",
        "en": "Choose the signing position.",
    },
    "letter_position_unknown": {
        "id": "Jabatan {code} tidak ada atau tidak aktif.",
        "en": "Position {code} does not exist or is not active.",
    },
    "letter_signer_rank": {
        "id": "{position} tidak berwenang menandatangani {type}.",
        "en": "{position} may not sign a {type}.",
    },
    "letter_verifier_twice": {
        "id": "Setiap verifikator hanya sekali dalam urutan paraf, dan bukan penanda tangan.",
        "en": "Each verifier appears once in the paraf chain and is not the signer.",
    },
    "letter_into_invalid": {
        "id": "Berkas {id} bukan berkas unit ini yang dapat Anda isi.",
        "en": "Record {id} is not a file of this unit you may add to.",
    },
    "letter_lampiran_invalid": {
        "id": "Lampiran memerlukan nama dan isi berkas.",
        "en": "An attachment needs a file name and content.",
    },
    "letter_lampiran_too_big": {
        "id": "Lampiran lebih dari {limit} MB.",
        "en": "The attachment is over {limit} MB.",
    },
    "letter_not_signed": {
        "id": "Naskah ini belum ditandatangani.",
        "en": "This letter is not signed yet.",
    },
    "letter_signature_broken": {
        "id": "Tanda tangan hasil penandatanganan tidak utuh ({detail}); naskah tidak disimpan.",
        "en": "The signature of the signed file is not intact ({detail}); nothing was kept.",
    },
    "letter_reconcile_pdf_invalid": {
        "id": "Berkas ini bukan naskah ini yang ditandatangani secara sah oleh penandatangannya "
        "(tanda tangan harus sah dan tepercaya, isi dan nomornya sama, tidak diubah sesudahnya).",
        "en": "This file is not this letter validly signed by its signer (the signature must be "
        "valid and trusted, the content and number the same, nothing changed afterwards).",
    },
    "letter_export_format": {
        "id": "Format ekspor {fmt} tidak dikenal.",
        "en": "Unknown export format {fmt}.",
    },
    "letter_kop_lines_required": {
        "id": "Kop surat memerlukan paling sedikit satu baris.",
        "en": "A letterhead needs at least one line.",
    },
    "letter_group_code_invalid": {
        "id": "Kode kelompok {code} tidak sah (huruf kecil, angka, garis bawah).",
        "en": "Group code {code} is not valid (lower-case letters, digits, underscores).",
    },
    "letter_group_name_required": {
        "id": "Nama kelompok wajib diisi.",
        "en": "The group's name is required.",
    },
    "letter_group_empty": {
        "id": "Kelompok tujuan memerlukan paling sedikit satu anggota.",
        "en": "A recipient group needs at least one member.",
    },
    "letter_nik_invalid": {
        "id": "NIK harus 16 angka.",
        "en": "The NIK must be 16 digits.",
    },
    "letter_setting_unknown": {
        "id": "Pengaturan {name} tidak dikenal.",
        "en": "Unknown setting {name}.",
    },
    "letter_dispatch_unknown": {
        "id": "Baris buku ekspedisi {key} tidak ada.",
        "en": "Dispatch register line {key} does not exist.",
    },
    "letter_dispatch_via_invalid": {
        "id": "Cara pengiriman harus pos, kurir, email atau diambil (bukan {via}).",
        "en": "Delivery must be pos, kurir, email or diambil (not {via}).",
    },
    # -- what the printed letter and its record say (always in Bahasa Indonesia) --------------
    "letter_sifat_biasa": {"id": "Biasa", "en": "Ordinary"},
    "letter_sifat_terbatas": {"id": "Terbatas", "en": "Restricted"},
    "letter_sifat_rahasia": {"id": "Rahasia", "en": "Secret"},
    "letter_urgency_biasa": {"id": "Biasa", "en": "Ordinary"},
    "letter_urgency_segera": {"id": "Segera", "en": "Urgent"},
    "letter_urgency_amat_segera": {"id": "Amat Segera", "en": "Very urgent"},
    "letter_default_berkas": {
        "id": "Naskah Keluar {year} — {classification}",
        "en": "Outgoing letters {year} — {classification}",
    },
    "letter_record_description": {
        "id": "Nomor {number}; {type}; kepada: {recipients}",
        "en": "Number {number}; {type}; to: {recipients}",
    },
    "letter_sign_reason": {
        "id": "Menandatangani naskah dinas nomor {number}",
        "en": "Signing official letter number {number}",
    },
    "letter_footer_certified": {
        "id": "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat "
        "elektronik yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), Badan "
        "Siber dan Sandi Negara. Keaslian dokumen dapat diperiksa di {url}",
        "en": "This document was signed electronically with an electronic certificate issued "
        "by the Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara. Its "
        "authenticity can be checked at {url}",
    },
    "letter_footer_local": {
        "id": "Dokumen ini ditandatangani secara elektronik dengan sertifikat internal {pemda}, "
        "bukan tanda tangan elektronik tersertifikasi. Keaslian dokumen dapat diperiksa di {url}",
        "en": "This document was signed electronically with an internal certificate of "
        "{pemda}, not a certified electronic signature. Its authenticity can be checked at {url}",
    },
    "letter_history_draft": {
        "id": "{who} membuat konsep naskah",
        "en": "{who} drafted the letter",
    },
    # -- what a letter waits for --------------------------------------------------------------
    "letter_next_submit": {
        "id": "Konsep: menunggu diajukan oleh pembuatnya",
        "en": "Draft: waiting for its author to submit it",
    },
    "letter_next_revise": {
        "id": "Dikembalikan untuk diperbaiki: {note}",
        "en": "Returned for changes: {note}",
    },
    "letter_next_verify": {
        "id": "Menunggu paraf {position}",
        "en": "Waiting for the paraf of {position}",
    },
    "letter_next_sign": {
        "id": "Menunggu tanda tangan {position}",
        "en": "Waiting for the signature of {position}",
    },
    "letter_next_signing": {
        "id": "Sedang ditandatangani oleh {position}",
        "en": "Being signed by {position}",
    },
    "letter_next_reconcile": {
        "id": "Hasil penandatanganan belum pasti: perlu dipastikan",
        "en": "The signing outcome is unknown: to be settled",
    },
    "letter_next_send": {
        "id": "Ditandatangani: menunggu dikirim",
        "en": "Signed: waiting to be sent",
    },
    "letter_next_none": {"id": "Selesai", "en": "Done"},
    # -- the agenda keluar's columns (its Excel export) ----------------------------------------
    "letter_register_number": {"id": "Nomor", "en": "Number"},
    "letter_register_date": {"id": "Tanggal", "en": "Date"},
    "letter_register_hal": {"id": "Hal", "en": "Subject"},
    "letter_register_recipients": {"id": "Tujuan", "en": "Recipients"},
    "letter_register_signer": {"id": "Penanda tangan", "en": "Signed by"},
    "letter_register_state": {"id": "Status", "en": "State"},
    "letter_register_record": {"id": "Arsip", "en": "Record"},
    # -- the audit trail --------------------------------------------------------------------
    "audit_action_letter_drafted": {"id": "Konsep naskah dibuat", "en": "Letter drafted"},
    "audit_action_letter_edited": {"id": "Konsep naskah diubah", "en": "Letter edited"},
    "audit_action_letter_attached": {"id": "Lampiran naskah ditambah", "en": "Letter file added"},
    "audit_action_letter_submitted": {"id": "Naskah diajukan", "en": "Letter submitted"},
    "audit_action_letter_approved": {"id": "Naskah diparaf", "en": "Letter approved (paraf)"},
    "audit_action_letter_returned": {"id": "Naskah dikembalikan", "en": "Letter returned"},
    "audit_action_letter_rejected": {"id": "Naskah ditolak", "en": "Letter rejected"},
    "audit_action_letter_withdrawn": {"id": "Naskah ditarik", "en": "Letter withdrawn"},
    "audit_action_letter_numbered": {"id": "Nomor naskah diberikan", "en": "Letter numbered"},
    "audit_action_letter_signing_superseded": {
        "id": "Jawaban penandatanganan yang terlambat disisihkan",
        "en": "Late signing answer set aside",
    },
    "audit_action_letter_signed": {"id": "Naskah ditandatangani", "en": "Letter signed"},
    "audit_action_letter_signing_failed": {
        "id": "Penandatanganan naskah gagal",
        "en": "Letter signing failed",
    },
    "audit_action_letter_signing_unknown": {
        "id": "Hasil penandatanganan tidak pasti",
        "en": "Letter signing outcome unknown",
    },
    "audit_action_letter_reconciled": {
        "id": "Hasil penandatanganan dipastikan",
        "en": "Letter signing outcome settled",
    },
    "audit_action_letter_sent": {"id": "Naskah dikirim", "en": "Letter sent"},
    "audit_action_letter_downloaded": {
        "id": "Naskah bertanda tangan diunduh",
        "en": "Signed letter downloaded",
    },
    "audit_action_letter_number_reserved": {
        "id": "Nomor manual diambil",
        "en": "Manual number reserved",
    },
    "audit_action_letter_register_exported": {
        "id": "Agenda naskah keluar diekspor",
        "en": "Outgoing register exported",
    },
    "audit_action_letter_handed_over": {
        "id": "Naskah diserahkan ke tujuan luar",
        "en": "Letter handed to an external addressee",
    },
    "audit_action_position_saved": {"id": "Jabatan disimpan", "en": "Position saved"},
    "audit_action_position_acting_set": {
        "id": "Plt/Plh jabatan ditetapkan",
        "en": "Acting holder appointed",
    },
    "audit_action_position_acting_cleared": {
        "id": "Plt/Plh jabatan dihapus",
        "en": "Acting holders removed",
    },
    "audit_action_letter_type_saved": {"id": "Jenis naskah disimpan", "en": "Letter type saved"},
    "audit_action_letter_template_saved": {
        "id": "Templat naskah disimpan",
        "en": "Letter template saved",
    },
    "audit_action_kop_saved": {"id": "Kop surat disimpan", "en": "Letterhead saved"},
    "audit_action_letter_group_saved": {
        "id": "Kelompok tujuan disimpan",
        "en": "Recipient group saved",
    },
    "audit_action_letter_settings_saved": {
        "id": "Pengaturan naskah disimpan",
        "en": "Letter settings saved",
    },
    "audit_action_signing_initialised": {
        "id": "Otoritas sertifikat Pemda dibuat",
        "en": "Pemda certificate authority created",
    },
    "audit_action_signer_enrolled": {
        "id": "Sertifikat penanda tangan diterbitkan",
        "en": "Signer certificate issued",
    },
    # == the rules: positions, the type catalogue, numbering, the state machine ====================
    # -- positions ---------------------------------------------------------------------------
    "position_code_invalid": {
        "id": "Kode jabatan tidak sah: {code} (huruf, angka, titik, garis bawah atau tanda "
        "hubung, paling banyak 64)",
        "en": "Not a valid position code: {code} (letters, digits, dots, underscores or "
        "hyphens, at most 64)",
    },
    "position_name_required": {
        "id": "Nama jabatan wajib diisi (paling banyak 200 huruf).",
        "en": "The position needs a name (at most 200 characters).",
    },
    "position_unit_unknown": {
        "id": "Unit {unit} tidak ada.",
        "en": "There is no unit {unit}.",
    },
    "position_parent_unknown": {
        "id": "Jabatan atasan {parent} tidak ada.",
        "en": "There is no superior position {parent}.",
    },
    "position_cycle": {
        "id": "Jabatan {code} tidak dapat berada di bawah {parent}: {parent} sudah berada di "
        "bawah {code}.",
        "en": "Position {code} cannot report to {parent}: {parent} already reports to {code}.",
    },
    "position_holder_unknown": {
        "id": "Akun {account} tidak ada.",
        "en": "There is no account {account}.",
    },
    "position_rank_invalid": {
        "id": "Eselon/tingkat jabatan harus 0 sampai 4, bukan {rank}.",
        "en": "A position's rank must be 0 to 4, not {rank}.",
    },
    "position_abbreviation_invalid": {
        "id": "Singkatan jabatan tidak sah: {abbreviation} (huruf, angka, titik atau tanda "
        "hubung, paling banyak 20; tanpa spasi atau garis miring)",
        "en": "Not a valid position abbreviation: {abbreviation} (letters, digits, dots or "
        "hyphens, at most 20; no spaces or slashes)",
    },
    "position_not_found": {
        "id": "Jabatan {code} tidak ada.",
        "en": "There is no position {code}.",
    },
    "acting_kind_invalid": {
        "id": "Jenis pejabat pengganti harus Plt atau Plh, bukan {kind}.",
        "en": "An acting holder is Plt or Plh, not {kind}.",
    },
    "acting_account_required": {
        "id": "Pilih akun pejabat Plt/Plh.",
        "en": "Choose the acting holder's account.",
    },
    "acting_period_invalid": {
        "id": "Masa tugas Plt/Plh tidak sah: tanggal mulai {start} sesudah tanggal selesai {end}.",
        "en": "Not a valid acting period: it starts on {start}, after its end on {end}.",
    },
    "acting_overlap": {
        "id": "Jabatan {code} sudah mempunyai Plt/Plh pada sebagian masa itu.",
        "en": "Position {code} already has an acting holder during part of that period.",
    },
    # -- the type catalogue ------------------------------------------------------------------
    "letter_type_code_invalid": {
        "id": "Kode jenis naskah tidak sah: {code} (huruf kecil, angka dan garis bawah, "
        "2 sampai 40, diawali huruf)",
        "en": "Not a valid letter type code: {code} (lower-case letters, digits and "
        "underscores, 2 to 40, starting with a letter)",
    },
    "letter_type_name_required": {
        "id": "Nama jenis naskah wajib diisi (paling banyak 200 huruf).",
        "en": "The letter type needs a name (at most 200 characters).",
    },
    "letter_type_not_found": {
        "id": "Jenis naskah {code} tidak ada.",
        "en": "There is no letter type {code}.",
    },
    "letter_type_field_unknown": {
        "id": "Isian jenis naskah tidak dikenal: {field}.",
        "en": "Unknown letter type field: {field}.",
    },
    "letter_type_value_invalid": {
        "id": "Nilai tidak sah untuk {field}: {value}.",
        "en": "Not a valid value for {field}: {value}.",
    },
    "letter_type_file_invalid": {
        "id": "Daftar jenis naskah {path} baris {line} tidak sah: {detail}",
        "en": "The letter type list {path} line {line} is not valid: {detail}",
    },
    # -- numbering ---------------------------------------------------------------------------
    "letter_pattern_empty": {
        "id": "Pola nomor wajib diisi.",
        "en": "The number pattern is empty.",
    },
    "letter_pattern_too_long": {
        "id": "Pola nomor terlalu panjang (paling banyak 100 huruf).",
        "en": "The number pattern is too long (at most 100 characters).",
    },
    "letter_pattern_braces": {
        "id": "Pola nomor memuat kurung kurawal yang tidak berpasangan.",
        "en": "The number pattern has an unmatched curly bracket.",
    },
    "letter_pattern_unknown_token": {
        "id": "Pola nomor memuat unsur yang tidak dikenal: {{{token}}}. Unsur yang dikenal: "
        "{{kka}} {{urut}} {{unit}} {{jabatan}} {{derajat}} {{bulan_romawi}} {{bulan2}} "
        "{{tahun}}.",
        "en": "The number pattern has an unknown part: {{{token}}}. Known parts: {{kka}} "
        "{{urut}} {{unit}} {{jabatan}} {{derajat}} {{bulan_romawi}} {{bulan2}} {{tahun}}.",
    },
    "letter_pattern_needs_urut": {
        "id": "Pola nomor harus memuat nomor urut {{urut}}.",
        "en": "The number pattern must contain the sequence number {{urut}}.",
    },
    "letter_number_needs": {
        "id": "Nomor naskah ini memerlukan {token}, tetapi isian itu kosong.",
        "en": "This letter's number needs {token}, which is empty.",
    },
    "letter_number_void": {"id": "Nomor batal", "en": "Void number"},
    "letter_number_void_rejected": {
        "id": "Nomor batal: naskah ditolak sebelum ditandatangani.",
        "en": "Void number: the letter was rejected before it was signed.",
    },
    "letter_number_void_withdrawn": {
        "id": "Nomor batal: naskah ditarik sebelum ditandatangani.",
        "en": "Void number: the letter was withdrawn before it was signed.",
    },
    "letter_number_void_scope": {
        "id": "Nomor batal: naskah akhirnya ditandatangani dengan nomor lain (klasifikasi, "
        "jenis atau tahun berubah).",
        "en": "Void number: the letter was signed at last under another number (its "
        "classification, type or year changed).",
    },
    "letter_signing_superseded": {
        "id": "Jawaban penandatanganan untuk nomor {number} datang setelah naskah berubah atau "
        "penandatanganan diulang; hasilnya disimpan terpisah dan tidak dipakai.",
        "en": "The signing answer for number {number} came after the letter changed or signing "
        "began again; the result is kept aside and not used.",
    },
    # -- the state machine -------------------------------------------------------------------
    "letter_action_unknown": {
        "id": "Tindakan naskah tidak dikenal: {action}.",
        "en": "Unknown letter action: {action}.",
    },
    "letter_action_not_allowed": {
        "id": "Anda tidak dapat melakukan tindakan ini pada naskah ini sekarang.",
        "en": "You cannot do this to this letter now.",
    },
    "letter_version_stale": {
        "id": "Naskah telah berubah menjadi versi {current}. Baca versi terbaru lalu ulangi.",
        "en": "The letter has changed to version {current}. Read the latest version and try again.",
    },
    "letter_note_required": {
        "id": "Tuliskan catatan atau alasannya.",
        "en": "Write a note or the reason.",
    },
    "letter_not_verified": {
        "id": "Naskah ini belum diparaf semua verifikator pada versi terakhirnya.",
        "en": "Not every verifier has approved the latest version of this letter.",
    },
    "letter_reconcile_outcome_invalid": {
        "id": "Hasil penandatanganan harus ditandatangani atau siap ditandatangani, bukan "
        "{outcome}.",
        "en": "The signing outcome must be signed or ready to sign, not {outcome}.",
    },
    "letter_fields_required": {
        "id": "Perubahan naskah tidak memuat isian apa pun.",
        "en": "The change to the letter holds no fields.",
    },
    # -- states ------------------------------------------------------------------------------
    "letter_state_draft": {"id": "Konsep", "en": "Draft"},
    "letter_state_verification": {"id": "Dalam verifikasi", "en": "In verification"},
    "letter_state_ready": {"id": "Siap ditandatangani", "en": "Ready to sign"},
    "letter_state_signing": {"id": "Sedang ditandatangani", "en": "Being signed"},
    "letter_state_unknown": {
        "id": "Hasil penandatanganan belum diketahui",
        "en": "Signing outcome unknown",
    },
    "letter_state_signed": {"id": "Ditandatangani", "en": "Signed"},
    "letter_state_sent": {"id": "Terkirim", "en": "Sent"},
    "letter_state_returned": {"id": "Dikembalikan", "en": "Returned"},
    "letter_state_rejected": {"id": "Ditolak", "en": "Rejected"},
    "letter_state_withdrawn": {"id": "Ditarik", "en": "Withdrawn"},
    # -- history lines (params: who = a person's name, detail = the entry's detail) ----------
    "letter_history_edit": {
        "id": "{who} menyimpan versi {detail}",
        "en": "{who} saved version {detail}",
    },
    "letter_history_submit": {
        "id": "{who} mengajukan naskah untuk verifikasi",
        "en": "{who} submitted the letter for verification",
    },
    "letter_history_approve": {
        "id": "{who} memaraf versi {detail}",
        "en": "{who} approved version {detail}",
    },
    "letter_history_send_back": {
        "id": "{who} mengembalikan naskah: {detail}",
        "en": "{who} returned the letter: {detail}",
    },
    "letter_history_reject": {
        "id": "{who} menolak naskah: {detail}",
        "en": "{who} rejected the letter: {detail}",
    },
    "letter_history_withdraw": {
        "id": "{who} menarik naskah",
        "en": "{who} withdrew the letter",
    },
    "letter_history_begin_signing": {
        "id": "{who} mulai menandatangani versi {detail}",
        "en": "{who} began signing version {detail}",
    },
    "letter_history_signing_failed": {
        "id": "Penandatanganan oleh {who} gagal; naskah kembali siap ditandatangani",
        "en": "Signing by {who} failed; the letter is ready to sign again",
    },
    "letter_history_signing_unknown": {
        "id": "Hasil penandatanganan oleh {who} belum diketahui",
        "en": "The outcome of signing by {who} is unknown",
    },
    "letter_history_finish_signing": {
        "id": "{who} menandatangani naskah secara elektronik",
        "en": "{who} signed the letter electronically",
    },
    "letter_history_reconcile": {
        "id": "{who} memastikan hasil penandatanganan",
        "en": "{who} settled the signing outcome",
    },
    "letter_history_send": {
        "id": "{who} mengirim naskah",
        "en": "{who} sent the letter",
    },
    # == rendering (rendering.py) ==================================================================
    "letter_template_invalid": {
        "id": "Templat naskah tidak dapat dipakai (baris {line}): {detail}",
        "en": "The letter template cannot be used (line {line}): {detail}",
    },
    "letter_template_no_stamp": {
        "id": 'Templat naskah tidak memuat kotak tanda tangan (elemen dengan id="ttd-box").',
        "en": 'The letter template has no signature box (an element with id="ttd-box").',
    },
    "letter_render_option_unknown": {
        "id": "Pilihan tata letak naskah tidak dikenal: {name} = {value}",
        "en": "Unknown letter layout option: {name} = {value}",
    },
    "letter_logo_type": {
        "id": "Logo kop harus PNG, JPEG atau SVG (bukan {type}).",
        "en": "The letterhead logo must be PNG, JPEG or SVG (not {type}).",
    },
    # == electronic signatures (signing/) ==========================================================
    # -- the Pemda's certification authority --------------------------------------------------
    "signing_ca_exists": {
        "id": "Otoritas sertifikat Pemda sudah dibuat ({subject}); tidak dibuat ulang.",
        "en": "The Pemda's certificate authority already exists ({subject}); not made again.",
    },
    "signing_ca_missing": {
        "id": "Otoritas sertifikat Pemda belum dibuat. Jalankan `lontar signing init` dahulu.",
        "en": "The Pemda's certificate authority does not exist yet. Run `lontar signing init`.",
    },
    "signing_passphrase_short": {
        "id": "Passphrase minimal {minimum} karakter.",
        "en": "The passphrase needs at least {minimum} characters.",
    },
    "signing_name_required": {
        "id": "Nama lengkap penanda tangan wajib diisi.",
        "en": "The signer's full name is required.",
    },
    # -- providers --------------------------------------------------------------------------------
    "signing_provider_unknown": {
        "id": "Penyedia tanda tangan '{name}' tidak dikenal (pilihan: local, bsre).",
        "en": "Unknown signing provider '{name}' (choose local or bsre).",
    },
    "signing_config_missing": {
        "id": "Pengaturan tanda tangan BSrE belum lengkap: {name} belum diisi.",
        "en": "The BSrE signing set-up is incomplete: {name} is not set.",
    },
    "signing_config_unreadable": {
        "id": "Pengaturan tanda tangan {name} tidak dapat dipakai: {detail}",
        "en": "The signing setting {name} cannot be used: {detail}",
    },
    "signing_not_enrolled": {
        "id": "{name} belum memiliki sertifikat tanda tangan elektronik.",
        "en": "{name} has no electronic signature certificate yet.",
    },
    "signing_nik_missing": {
        "id": "NIK penanda tangan {name} belum tercatat; BSrE memerlukannya.",
        "en": "No NIK is recorded for the signer {name}; BSrE needs it.",
    },
    "signing_failed": {
        "id": "Penandatanganan gagal. Jawaban layanan tanda tangan: {detail} (kode: {code})",
        "en": "Signing failed. The signing service answered: {detail} (code: {code})",
    },
    "signing_wrong_secret": {
        "id": "Layanan tanda tangan menolak: {detail} (kode: {code})",
        "en": "The signing service refused: {detail} (code: {code})",
    },
    "signing_wrong_passphrase": {
        "id": "Passphrase salah: sertifikat tanda tangan tidak dapat dibuka. Surat belum diberi "
        "nomor.",
        "en": "Wrong passphrase: the signing certificate cannot be opened. The letter has no "
        "number yet.",
    },
    "signing_outcome_unknown": {
        "id": "Hasil penandatanganan belum pasti: layanan tidak menjawab dalam {timeout} detik "
        "setelah permintaan terkirim ({detail}). Jangan mengirim ulang; cocokkan dulu.",
        "en": "The signing outcome is unknown: the service did not answer within {timeout} "
        "seconds after the request was sent ({detail}). Do not resend; reconcile first.",
    },
    "signing_service_auth": {
        "id": "Layanan tanda tangan menolak akun aplikasi Lontar (HTTP 401): {detail}",
        "en": "The signing service refused Lontar's application account (HTTP 401): {detail}",
    },
    "signing_service_unreachable": {
        "id": "Layanan tanda tangan tidak dapat dihubungi ({detail}); tidak ada yang terkirim.",
        "en": "The signing service cannot be reached ({detail}); nothing was sent.",
    },
    # -- the visible stamp ----------------------------------------------------------------------
    "signing_stamp_heading": {
        "id": "Ditandatangani secara elektronik oleh:",
        "en": "Electronically signed by:",
    },
    "signing_stamp_time": {"id": "Waktu: {time}", "en": "Time: {time}"},
    "signing_stamp_local": {
        "id": "Bukan tanda tangan elektronik tersertifikasi",
        "en": "Not a certified electronic signature",
    },
    # -- validation verdicts ----------------------------------------------------------------------
    "signature_valid": {
        "id": "Tanda tangan sah, dokumen utuh, sertifikat dipercaya.",
        "en": "The signature is valid, the document intact, the certificate trusted.",
    },
    "signature_none": {
        "id": "Dokumen ini tidak bertanda tangan elektronik.",
        "en": "This document carries no electronic signature.",
    },
    "signature_unreadable": {
        "id": "Berkas tidak dapat dibaca sebagai PDF bertanda tangan.",
        "en": "The file cannot be read as a signed PDF.",
    },
    "signature_altered": {
        "id": "Dokumen telah diubah setelah ditandatangani: tanda tangan tidak lagi cocok.",
        "en": "The document was changed after signing: the signature no longer matches.",
    },
    "signature_invalid": {
        "id": "Tanda tangan tidak sah secara kriptografis.",
        "en": "The signature is not cryptographically valid.",
    },
    "signature_untrusted": {
        "id": "Tanda tangan utuh, tetapi sertifikatnya tidak diterbitkan oleh otoritas yang "
        "dipercaya.",
        "en": "The signature is intact, but its certificate was not issued by a trusted authority.",
    },
    "signature_modified": {
        "id": "Tanda tangan sah, tetapi dokumen ditambah perubahan yang tidak diizinkan setelah "
        "ditandatangani.",
        "en": "The signature is valid, but the document was given disallowed changes after "
        "signing.",
    },
    "signature_not_certified": {
        "id": "Ditandatangani dengan sertifikat Pemda sendiri: bukan tanda tangan elektronik "
        "tersertifikasi (BSrE/PSrE).",
        "en": "Signed with the Pemda's own certificate: not a certified electronic signature "
        "(BSrE/PSrE).",
    },
    "admin_letters_elsewhere": {
        "id": "Jabatan, jenis dan templat naskah, kop surat dan tanda tangan elektronik diatur di "
        "Tata Naskah",
        "en": "Positions, letter types and templates, letterheads and electronic signatures are "
        "set in Letter administration",
    },
    # == the pages: Naskah Keluar, Konsep Naskah, Verifikasi Naskah, Tata Naskah ==============
    # -- the pages' names -------------------------------------------------------------------------
    "nav_letters": {"id": "Naskah Keluar", "en": "Outgoing letters"},
    "nav_letter_draft": {"id": "Konsep Naskah", "en": "Letter drafting"},
    "nav_letter_verify": {"id": "Verifikasi Naskah", "en": "Letter verification"},
    "nav_letter_admin": {"id": "Tata Naskah", "en": "Letter administration"},
    # -- the queues -------------------------------------------------------------------------------
    "letters_page_tab_mine": {"id": "Konsep saya ({count})", "en": "My drafts ({count})"},
    "letters_page_tab_to_verify": {"id": "Perlu diparaf ({count})", "en": "To initial ({count})"},
    "letters_page_tab_to_sign": {"id": "Perlu ditandatangani ({count})", "en": "To sign ({count})"},
    "letters_page_tab_signed": {
        "id": "Ditandatangani, belum dikirim ({count})",
        "en": "Signed, not sent ({count})",
    },
    "letters_page_tab_sent": {"id": "Terkirim ({count})", "en": "Sent ({count})"},
    "letters_page_tab_unknown": {
        "id": "Status tidak pasti ({count})",
        "en": "Outcome unknown ({count})",
    },
    "letters_page_empty_mine": {
        "id": "Tidak ada konsep atau naskah yang dikembalikan kepada Anda.",
        "en": "You have no drafts and no letters sent back to you.",
    },
    "letters_page_empty_to_verify": {
        "id": "Tidak ada naskah yang menunggu paraf Anda.",
        "en": "No letter is waiting for your initials.",
    },
    "letters_page_empty_to_sign": {
        "id": "Tidak ada naskah yang menunggu tanda tangan Anda.",
        "en": "No letter is waiting for your signature.",
    },
    "letters_page_empty_signed": {
        "id": "Tidak ada naskah bertanda tangan yang belum dikirim.",
        "en": "No signed letter is waiting to be sent.",
    },
    "letters_page_empty_sent": {
        "id": "Belum ada naskah terkirim.",
        "en": "No letter has been sent yet.",
    },
    "letters_page_empty_unknown": {
        "id": "Tidak ada penandatanganan yang hasilnya tidak pasti.",
        "en": "No signing has an unknown outcome.",
    },
    "letters_page_tab_registers": {"id": "Agenda keluar", "en": "Outgoing register"},
    "letters_page_year": {"id": "Tahun", "en": "Year"},
    "letters_page_agenda": {"id": "Agenda keluar", "en": "Outgoing letters register"},
    "letters_page_agenda_search": {"id": "Cari di agenda", "en": "Search the register"},
    "letters_page_agenda_empty": {
        "id": "Belum ada naskah keluar pada unit dan tahun ini.",
        "en": "No outgoing letters in this unit and year yet.",
    },
    "letters_page_register_number": {"id": "Nomor", "en": "Number"},
    "letters_page_register_date": {"id": "Tanggal", "en": "Date"},
    "letters_page_register_hal": {"id": "Hal", "en": "Subject"},
    "letters_page_register_recipients": {"id": "Tujuan", "en": "Recipients"},
    "letters_page_register_signer": {"id": "Penandatangan", "en": "Signer"},
    "letters_page_register_state": {"id": "Status", "en": "Status"},
    "letters_page_state_manual": {"id": "Nomor manual", "en": "Manual number"},
    "letters_page_dispatch": {"id": "Buku ekspedisi", "en": "Dispatch register"},
    "letters_page_dispatch_empty": {
        "id": "Tidak ada penerima di luar Pemda pada tahun ini.",
        "en": "No recipients outside the Pemda this year.",
    },
    "letters_page_dispatch_number": {"id": "Nomor", "en": "Number"},
    "letters_page_dispatch_hal": {"id": "Hal", "en": "Subject"},
    "letters_page_dispatch_to": {"id": "Penerima", "en": "Addressee"},
    "letters_page_dispatch_on": {"id": "Diserahkan", "en": "Handed over"},
    "letters_page_dispatch_via": {"id": "Melalui", "en": "Via"},
    "letters_page_dispatch_line": {"id": "Penerima yang diserahi", "en": "Addressee handed over"},
    "letters_page_dispatch_go": {
        "id": "Catat diserahkan hari ini",
        "en": "Record as handed over today",
    },
    "letters_page_via_pos": {"id": "Pos", "en": "Post"},
    "letters_page_via_kurir": {"id": "Kurir", "en": "Courier"},
    "letters_page_via_email": {"id": "Surel", "en": "Email"},
    "letters_page_via_diambil": {"id": "Diambil sendiri", "en": "Collected"},
    "letters_page_reserve": {"id": "Ambil nomor manual", "en": "Take a number by hand"},
    "letters_page_reserve_help": {
        "id": "Untuk naskah di atas kertas: nomor berikutnya dari jenis naskah ini dicatat di "
        "agenda keluar dan tidak akan diberikan ke naskah lain.",
        "en": "For a letter on paper: the next number of this type is entered in the register and "
        "never given to another letter.",
    },
    "letters_page_reserve_go": {"id": "Ambil nomor", "en": "Take the number"},
    "letters_page_reserved": {"id": "Nomor diambil: {number}.", "en": "Number taken: {number}."},
    "letters_page_col_number": {"id": "Nomor", "en": "Number"},
    "letters_page_col_date": {"id": "Tanggal", "en": "Date"},
    "letters_page_col_hal": {"id": "Hal", "en": "Subject"},
    "letters_page_col_type": {"id": "Jenis naskah", "en": "Letter type"},
    "letters_page_col_unit": {"id": "Unit", "en": "Unit"},
    "letters_page_col_state": {"id": "Status", "en": "Status"},
    "letters_page_col_next": {"id": "Langkah berikutnya", "en": "Next step"},
    "letters_page_col_open": {"id": "Buka", "en": "Open"},
    "letters_page_open_tab": {"id": "buka di tab baru", "en": "open in a new tab"},
    "letters_page_open": {"id": "Buka naskah", "en": "Open a letter"},
    "letters_page_open_pick": {
        "id": "Pilih naskah dari daftar",
        "en": "Choose a letter from the lists",
    },
    # -- one letter -------------------------------------------------------------------------------
    "letters_page_sifat": {"id": "Sifat", "en": "Confidentiality"},
    "letters_page_urgency": {"id": "Urgensi", "en": "Urgency"},
    "letters_page_classification": {"id": "Klasifikasi", "en": "Classification"},
    "letters_page_recipients": {"id": "Tujuan (Yth.)", "en": "Recipients"},
    "letters_page_copies": {"id": "Tembusan", "en": "Copies"},
    "letters_page_signer": {"id": "Penandatangan", "en": "Signer"},
    "letters_page_position": {"id": "Jabatan", "en": "Position"},
    "letters_page_author": {"id": "Konseptor", "en": "Drafted by"},
    "letters_page_version": {"id": "Versi", "en": "Version"},
    "letters_page_note": {"id": "Catatan: {note}", "en": "Note: {note}"},
    "letters_page_chain": {"id": "Rantai paraf", "en": "Initialling chain"},
    "letters_page_no_verifiers": {
        "id": "Tanpa verifikator: naskah langsung ke penandatangan.",
        "en": "No verifiers: the letter goes straight to the signer.",
    },
    "letters_page_chain_no": {"id": "Urutan", "en": "Order"},
    "letters_page_chain_verifier": {"id": "Verifikator", "en": "Verifier"},
    "letters_page_chain_paraf": {"id": "Paraf", "en": "Initials"},
    "letters_page_chain_by": {"id": "Oleh", "en": "By"},
    "letters_page_chain_at": {"id": "Waktu", "en": "When"},
    "letters_page_approved_version": {
        "id": "diparaf (versi {version})",
        "en": "initialled (version {version})",
    },
    "letters_page_waiting": {"id": "menunggu", "en": "waiting"},
    "letters_page_changes": {
        "id": "Perubahan sejak terakhir Anda baca",
        "en": "Changes since you last read it",
    },
    "letters_page_changes_since": {
        "id": "Dari versi {old} ke versi {new}: yang dihapus dicoret, yang ditambah disorot.",
        "en": "From version {old} to version {new}: removed words struck through, added ones "
        "marked.",
    },
    "letters_page_no_changes": {
        "id": "Tidak ada perubahan sejak versi yang terakhir Anda baca.",
        "en": "Nothing changed since the version you last read.",
    },
    "letters_page_field_hal": {"id": "Hal", "en": "Subject"},
    "letters_page_field_body": {"id": "Isi", "en": "Body"},
    "letters_page_field_recipients": {"id": "Tujuan", "en": "Recipients"},
    "letters_page_field_copies": {"id": "Tembusan", "en": "Copies"},
    "letters_page_field_sifat": {"id": "Sifat", "en": "Confidentiality"},
    "letters_page_field_urgency": {"id": "Urgensi", "en": "Urgency"},
    "letters_page_field_classification": {"id": "Klasifikasi", "en": "Classification"},
    "letters_page_field_signer": {"id": "Penandatangan", "en": "Signer"},
    "letters_page_field_verifiers": {"id": "Verifikator", "en": "Verifiers"},
    "letters_page_history": {"id": "Riwayat naskah", "en": "The letter's history"},
    "letters_page_when": {"id": "Waktu", "en": "When"},
    "letters_page_who": {"id": "Oleh", "en": "Who"},
    "letters_page_what": {"id": "Kejadian", "en": "What happened"},
    "letters_page_pdf": {"id": "Naskah (PDF)", "en": "The letter (PDF)"},
    "letters_page_preview_help": {
        "id": "Pratinjau konsep: nomor, tanggal dan tanda tangan diisi saat ditandatangani.",
        "en": "Draft preview: number, date and signature are filled in at signing.",
    },
    "letters_page_download_pdf": {"id": "Unduh PDF", "en": "Download the PDF"},
    "letters_page_pdf_page": {"id": "Halaman {page}", "en": "Page {page}"},
    # -- actions ----------------------------------------------------------------------------------
    "letters_page_no_actions": {
        "id": "Tidak ada tindakan Anda pada naskah ini saat ini.",
        "en": "There is nothing for you to do on this letter now.",
    },
    "letters_page_do_submit": {"id": "Ajukan", "en": "Submit"},
    "letters_page_do_approve": {"id": "Paraf", "en": "Initial (approve)"},
    "letters_page_do_sign": {"id": "Tanda tangani", "en": "Sign"},
    "letters_page_do_send": {"id": "Kirim", "en": "Send"},
    "letters_page_do_edit": {"id": "Ubah", "en": "Edit"},
    "letters_page_do_send_back": {"id": "Kembalikan", "en": "Send back"},
    "letters_page_do_reject": {"id": "Tolak", "en": "Reject"},
    "letters_page_do_withdraw": {"id": "Tarik kembali", "en": "Withdraw"},
    "letters_page_note_send_back": {
        "id": "Catatan untuk konseptor (wajib)",
        "en": "Note for the author (required)",
    },
    "letters_page_note_reject": {
        "id": "Alasan penolakan (wajib)",
        "en": "Reason for rejecting (required)",
    },
    "letters_page_done_submit": {
        "id": "Naskah diajukan: {state}.",
        "en": "Letter submitted: {state}.",
    },
    "letters_page_done_approve": {
        "id": "Paraf tercatat: {state}.",
        "en": "Initials recorded: {state}.",
    },
    "letters_page_done_withdraw": {"id": "Naskah ditarik kembali.", "en": "Letter withdrawn."},
    "letters_page_done_send_back": {
        "id": "Naskah dikembalikan kepada konseptor.",
        "en": "Letter sent back to its author.",
    },
    "letters_page_done_reject": {"id": "Naskah ditolak.", "en": "Letter rejected."},
    "letters_page_done_sign": {
        "id": "Naskah ditandatangani dengan nomor {number}.",
        "en": "Letter signed with number {number}.",
    },
    "letters_page_done_send": {
        "id": "Naskah dikirim ke {delivered} kotak masuk; {external} penerima di luar Pemda "
        "tercatat di buku ekspedisi.",
        "en": "Letter delivered to {delivered} inboxes; {external} recipients outside the Pemda "
        "entered in the dispatch register.",
    },
    "letters_page_done_reconcile": {
        "id": "Status naskah: {state}.",
        "en": "The letter is now: {state}.",
    },
    "letters_page_send_title": {"id": "Kirim naskah", "en": "Send the letter"},
    "letters_page_send_summary": {
        "id": "Dengan satu klik naskah sampai kepada: {to}. Tembusan: {cc}.",
        "en": "One click delivers the letter to: {to}. Copies: {cc}.",
    },
    "letters_page_reconcile": {
        "id": "Selesaikan status tidak pasti",
        "en": "Settle the unknown outcome",
    },
    "letters_page_reconcile_help": {
        "id": "Layanan tanda tangan tidak menjawab tepat waktu. Periksa di layanan itu: bila "
        "naskah sudah ditandatangani, unggah PDF bertanda tangan; bila belum, kembalikan ke "
        "siap ditandatangani. Penandatanganan tidak pernah diulang otomatis.",
        "en": "The signing service did not answer in time. Check with it: if the letter was "
        "signed, upload the signed PDF; if not, return it to ready to sign. Signing is never "
        "retried automatically.",
    },
    "letters_page_reconcile_file": {"id": "PDF bertanda tangan", "en": "The signed PDF"},
    "letters_page_reconcile_signed": {"id": "Sudah ditandatangani", "en": "It was signed"},
    "letters_page_reconcile_ready": {
        "id": "Belum: siap ditandatangani lagi",
        "en": "Not signed: ready again",
    },
    "letters_page_reconcile_no_file": {
        "id": "Unggah PDF bertanda tangan dahulu.",
        "en": "Upload the signed PDF first.",
    },
    # -- the signing dialog -----------------------------------------------------------------------
    "letters_page_sign_title": {"id": "Tanda tangan elektronik", "en": "Electronic signature"},
    "letters_page_sign_what": {
        "id": "Anda menandatangani **{hal}**. Nomor dan tanggal diberikan sekarang; PDF final "
        "dibuat sebelum ditandatangani dan tidak diubah lagi.",
        "en": "You are signing **{hal}**. The number and date are given now; the final PDF is made "
        "before signing and never changed after.",
    },
    "letters_page_sign_local": {
        "id": "Tanda tangan dengan sertifikat internal Pemda (bukan tanda tangan elektronik "
        "tersertifikasi BSrE). Masukkan frasa sandi sertifikat Anda; frasa sandi tidak "
        "disimpan.",
        "en": "Signed with the Pemda's internal certificate (not a BSrE-certified electronic "
        "signature). Type your certificate's passphrase; it is not stored.",
    },
    "letters_page_sign_certified": {
        "id": "Tanda tangan elektronik tersertifikasi melalui BSrE. Masukkan frasa sandi TTE Anda; "
        "frasa sandi hanya diteruskan ke BSrE dan tidak disimpan.",
        "en": "A certified electronic signature through BSrE. Type your signing passphrase; it "
        "goes to BSrE only and is not stored.",
    },
    "letters_page_passphrase": {"id": "Frasa sandi", "en": "Passphrase"},
    "letters_page_passphrase_again": {"id": "Frasa sandi sekali lagi", "en": "Passphrase again"},
    "letters_page_passphrase_empty": {"id": "Masukkan frasa sandi.", "en": "Type the passphrase."},
    "letters_page_passphrase_differ": {
        "id": "Kedua frasa sandi tidak sama.",
        "en": "The two passphrases differ.",
    },
    "letters_page_cancel": {"id": "Batal", "en": "Cancel"},
    # -- the drafting form ------------------------------------------------------------------------
    "letters_page_editing": {
        "id": "Mengubah naskah: simpan membuat versi {version} berikutnya; paraf sebelumnya gugur.",
        "en": "Editing the letter: saving makes the version after {version}; earlier initials "
        "lapse.",
    },
    "letters_page_pick": {"id": "Pilih", "en": "Choose"},
    "letters_page_targets_pick": {
        "id": "Pilih jabatan, unit atau kelompok",
        "en": "Choose positions, units or groups",
    },
    "letters_page_target_position": {"id": "Jabatan: {name}", "en": "Position: {name}"},
    "letters_page_target_unit": {"id": "Unit: {name}", "en": "Unit: {name}"},
    "letters_page_target_group": {"id": "Kelompok: {name}", "en": "Group: {name}"},
    "letters_page_target_external": {"id": "Luar Pemda: {name}", "en": "Outside the Pemda: {name}"},
    "letters_page_body": {"id": "Isi naskah", "en": "Body"},
    "letters_page_body_help": {
        "id": "Pisahkan paragraf dengan baris kosong.",
        "en": "Separate paragraphs with a blank line.",
    },
    "letters_page_external_to": {
        "id": "Tujuan di luar Pemda",
        "en": "Recipients outside the Pemda",
    },
    "letters_page_external_cc": {"id": "Tembusan di luar Pemda", "en": "Copies outside the Pemda"},
    "letters_page_external_help": {
        "id": "Satu per baris: nama, lalu alamat setelah koma.",
        "en": "One per line: the name, then the address after a comma.",
    },
    "letters_page_verifiers": {"id": "Verifikator (berurutan)", "en": "Verifiers (in order)"},
    "letters_page_verifiers_help": {
        "id": "Urutan pilihan adalah urutan paraf; penandatangan menerima naskah setelah paraf "
        "terakhir.",
        "en": "The order chosen is the order of initials; the signer receives the letter after the "
        "last one.",
    },
    "letters_page_vacant": {"id": "kosong", "en": "vacant"},
    "letters_page_into": {"id": "Diberkaskan ke", "en": "File into"},
    "letters_page_into_default": {
        "id": "Berkas naskah keluar menurut klasifikasi (otomatis)",
        "en": "The outgoing letters' berkas of its classification (automatic)",
    },
    "letters_page_lampiran": {"id": "Lampiran", "en": "Attachments"},
    "letters_page_preview": {"id": "Pratinjau", "en": "Preview"},
    "letters_page_preview_none": {
        "id": "Tekan Pratinjau untuk melihat naskah seperti akan dicetak.",
        "en": "Press Preview to see the letter as it will print.",
    },
    "letters_page_save": {"id": "Simpan", "en": "Save"},
    "letters_page_save_submit": {"id": "Simpan dan ajukan", "en": "Save and submit"},
    "letters_page_saved": {"id": "Tersimpan.", "en": "Saved."},
    # -- the verification page --------------------------------------------------------------------
    "letters_page_verify_intro": {
        "id": "Periksa keaslian naskah dinas yang ditandatangani secara elektronik oleh Pemda.",
        "en": "Check that an official letter signed electronically by the Pemda is authentic.",
    },
    "letters_page_verify_found": {
        "id": "Naskah ini terdaftar pada Pemda.",
        "en": "This letter is registered with the Pemda.",
    },
    "letters_page_verify_classified": {
        "id": "Naskah ini ada dan terdaftar, tetapi isinya tidak untuk umum. Yang ditampilkan "
        "hanya sidik SHA-256 berkasnya.",
        "en": "This letter exists and is registered, but its content is not public. Only the "
        "SHA-256 fingerprint of its file is shown.",
    },
    "letters_page_signed_at": {"id": "Waktu penandatanganan", "en": "Signed at"},
    "letters_page_signed_by": {"id": "Ditandatangani oleh", "en": "Signed by"},
    "letters_page_check": {"id": "Pemeriksaan tanda tangan", "en": "Signature check"},
    "letters_page_verify_upload": {
        "id": "Unggah salinan untuk dibandingkan",
        "en": "Upload a copy to compare",
    },
    "letters_page_verify_file": {"id": "Salinan naskah (PDF)", "en": "A copy of the letter (PDF)"},
    "letters_page_copy_matches": {
        "id": "Salinan ini sama persis (bit demi bit) dengan naskah yang ditandatangani.",
        "en": "This copy is identical, byte for byte, to the signed letter.",
    },
    "letters_page_copy_differs": {
        "id": "Salinan ini tidak sama dengan naskah bertanda tangan mana pun yang terdaftar.",
        "en": "This copy matches no registered signed letter.",
    },
    "letter_view_copy_too_big": {
        "id": "Salinan terlalu besar untuk diperiksa (paling besar {limit} MB).",
        "en": "The copy is too large to check (at most {limit} MB).",
    },
    # -- a letter as its recipients see it ---------------------------------------------------------
    "letters_page_received": {
        "id": "Anda menerima naskah ini sebagai penerima atau tembusan: yang ditampilkan hanya "
        "naskah yang dikirim dan tanda tangannya.",
        "en": "You received this letter as a recipient or copy: only the letter as sent and its "
        "signature are shown.",
    },
    "letters_page_state_void": {"id": "Nomor batal", "en": "Void number"},
    "letters_page_register_withheld": {
        "id": "(dirahasiakan)",
        "en": "(withheld)",
    },
    # -- Tata Naskah ------------------------------------------------------------------------------
    "letters_page_admin_types": {"id": "Jenis naskah", "en": "Letter types"},
    "letters_page_admin_positions": {"id": "Jabatan", "en": "Positions"},
    "letters_page_admin_groups": {"id": "Kelompok tujuan", "en": "Recipient groups"},
    "letters_page_admin_kop": {"id": "Kop surat", "en": "Letterheads"},
    "letters_page_admin_signing": {"id": "Tanda tangan elektronik", "en": "Electronic signature"},
    "letters_page_yes": {"id": "ya", "en": "yes"},
    "letters_page_no": {"id": "tidak", "en": "no"},
    "letters_page_nobody": {"id": "(tidak ada)", "en": "(nobody)"},
    "letters_page_type_name": {"id": "Nama", "en": "Name"},
    "letters_page_type_group": {"id": "Golongan", "en": "Group"},
    "letters_page_type_layout": {"id": "Tata letak", "en": "Layout"},
    "letters_page_type_font": {"id": "Huruf", "en": "Font"},
    "letters_page_type_paper": {"id": "Kertas", "en": "Paper"},
    "letters_page_type_pattern": {"id": "Pola nomor", "en": "Number pattern"},
    "letters_page_type_pattern_help": {
        "id": "Unsur: {kka} kode klasifikasi, {urut} nomor urut, {unit}, {jabatan}, {derajat}, "
        "{bulan2} bulan dua angka, {tahun}; bulan dalam angka Romawi juga tersedia.",
        "en": "Tokens: {kka} classification code, {urut} sequence, {unit}, {jabatan}, {derajat}, "
        "{bulan2} two-digit month, {tahun} year; the month in Roman numerals is available "
        "too.",
    },
    "letters_page_type_padding": {"id": "Digit nomor urut", "en": "Digits of the sequence"},
    "letters_page_type_active": {"id": "Aktif", "en": "In use"},
    "letters_page_type_atas_nama": {
        "id": "Pejabat di bawah pimpinan menandatangani atas nama (a.n.)",
        "en": "A signer below the head signs on behalf (a.n.)",
    },
    "letters_page_type_pick": {"id": "Ubah jenis naskah", "en": "Edit a letter type"},
    "letters_page_group_arahan": {"id": "Arahan", "en": "Directive"},
    "letters_page_group_pengaturan": {"id": "Pengaturan", "en": "Regulation"},
    "letters_page_group_penetapan": {"id": "Penetapan", "en": "Decree"},
    "letters_page_group_penugasan": {"id": "Penugasan", "en": "Assignment"},
    "letters_page_group_korespondensi": {"id": "Korespondensi", "en": "Correspondence"},
    "letters_page_group_khusus": {"id": "Khusus", "en": "Special"},
    "letters_page_group_lainnya": {"id": "Lainnya", "en": "Other"},
    "letters_page_layout_korespondensi": {
        "id": "Korespondensi (Nomor, Hal, Yth.)",
        "en": "Correspondence",
    },
    "letters_page_layout_judul": {"id": "Judul di tengah", "en": "Centred title"},
    "letters_page_font_arial": {"id": "Arial (Liberation Sans)", "en": "Arial (Liberation Sans)"},
    "letters_page_font_bookman": {
        "id": "Bookman Old Style (TeX Gyre Bonum)",
        "en": "Bookman Old Style (TeX Gyre Bonum)",
    },
    "letters_page_template": {"id": "Templat", "en": "Template"},
    "letters_page_template_help": {
        "id": "HTML dengan Jinja2, dijalankan terkurung. Templat disimpan hanya bila sah, lalu "
        "dipratinjau dengan naskah contoh.",
        "en": "HTML with Jinja2, run in a sandbox. The template is saved only when valid, then "
        "previewed with a sample letter.",
    },
    "letters_page_template_save": {
        "id": "Periksa, simpan dan pratinjau",
        "en": "Check, save and preview",
    },
    "letters_page_template_saved": {
        "id": "Templat sah dan tersimpan.",
        "en": "Template valid and saved.",
    },
    "letters_page_position_name": {"id": "Nama jabatan", "en": "Position"},
    "letters_page_position_unit": {"id": "Unit", "en": "Unit"},
    "letters_page_position_holder": {"id": "Pemangku", "en": "Holder"},
    "letters_page_position_parent": {"id": "Atasan", "en": "Superior"},
    "letters_page_position_rank": {"id": "Eselon/tingkat", "en": "Rank"},
    "letters_page_position_acting": {"id": "Plt/Plh", "en": "Acting"},
    "letters_page_position_pick": {
        "id": "Ubah atau tambah jabatan",
        "en": "Edit or add a position",
    },
    "letters_page_position_new": {"id": "(jabatan baru)", "en": "(new position)"},
    "letters_page_position_top": {"id": "(tidak ada: pucuk unit)", "en": "(none: top of the unit)"},
    "letters_page_position_code": {"id": "Kode", "en": "Code"},
    "letters_page_position_code_help": {
        "id": "Huruf besar, angka, titik atau garis bawah; tidak dapat diubah kemudian.",
        "en": "Capitals, digits, dots or underscores; cannot be changed later.",
    },
    "letters_page_position_abbreviation": {
        "id": "Singkatan (untuk nomor)",
        "en": "Abbreviation (for numbers)",
    },
    "letters_page_acting": {"id": "Pelaksana tugas / harian", "en": "Acting holder"},
    "letters_page_acting_kind": {"id": "Jenis", "en": "Kind"},
    "letters_page_acting_account": {"id": "Pejabat", "en": "Official"},
    "letters_page_acting_start": {"id": "Mulai", "en": "From"},
    "letters_page_acting_end": {"id": "Sampai", "en": "To"},
    "letters_page_acting_clear": {"id": "Hapus Plt/Plh", "en": "Remove the acting holder"},
    "letters_page_acting_period": {
        "id": "{kind} {name}, {start} s.d. {end}",
        "en": "{kind} {name}, {start} to {end}",
    },
    "letters_page_group_name": {"id": "Nama kelompok", "en": "Group"},
    "letters_page_group_members": {"id": "Anggota", "en": "Members"},
    "letters_page_group_pick": {"id": "Ubah atau tambah kelompok", "en": "Edit or add a group"},
    "letters_page_group_new": {"id": "(kelompok baru)", "en": "(new group)"},
    "letters_page_group_code": {"id": "Kode", "en": "Code"},
    "letters_page_kop_lines": {"id": "Baris kop", "en": "Letterhead lines"},
    "letters_page_kop_lines_help": {
        "id": "Satu baris per baris: nama Pemda, nama unit.",
        "en": "One per line: the Pemda's name, the unit's name.",
    },
    "letters_page_kop_address": {"id": "Alamat", "en": "Address"},
    "letters_page_kop_contact": {"id": "Telepon, surel, laman", "en": "Phone, email, website"},
    "letters_page_kop_logo": {"id": "Logo (PNG atau SVG)", "en": "Logo (PNG or SVG)"},
    "letters_page_provider_local": {
        "id": "Penandatanganan: sertifikat internal Pemda (luring), bukan tanda tangan "
        "tersertifikasi.",
        "en": "Signing: the Pemda's internal certificates (offline), not a certified signature.",
    },
    "letters_page_provider_bsre": {
        "id": "Penandatanganan: BSrE (tanda tangan elektronik tersertifikasi).",
        "en": "Signing: BSrE (certified electronic signature).",
    },
    "letters_page_ca_none": {
        "id": "Otoritas sertifikat Pemda belum dibuat.",
        "en": "The Pemda's certificate authority has not been made yet.",
    },
    "letters_page_ca_init": {
        "id": "Buat otoritas sertifikat Pemda",
        "en": "Make the Pemda's certificate authority",
    },
    "letters_page_ca_done": {
        "id": "Otoritas sertifikat dibuat.",
        "en": "Certificate authority made.",
    },
    "letters_page_ca": {
        "id": "Otoritas sertifikat: {subject}, berlaku sampai {until}.",
        "en": "Certificate authority: {subject}, valid until {until}.",
    },
    "letters_page_signer_name": {"id": "Penandatangan", "en": "Signer"},
    "letters_page_signer_until": {
        "id": "Sertifikat berlaku sampai",
        "en": "Certificate valid until",
    },
    "letters_page_signer_revoked": {"id": "Dicabut", "en": "Revoked"},
    "letters_page_enrol": {"id": "Daftarkan penandatangan", "en": "Enrol a signer"},
    "letters_page_enrol_help": {
        "id": "Penandatangan sendiri mengetik frasa sandinya (dua kali). Frasa sandi melindungi "
        "kunci pribadinya dan tidak disimpan di mana pun: bila lupa, daftarkan ulang.",
        "en": "The signer types their own passphrase (twice). It protects their private key and is "
        "stored nowhere: if forgotten, enrol again.",
    },
    "letters_page_enrol_account": {"id": "Akun penandatangan", "en": "The signer's account"},
    "letters_page_nik": {
        "id": "NIK (untuk BSrE, boleh kosong)",
        "en": "NIK (for BSrE, may be empty)",
    },
    "letters_page_enrol_go": {"id": "Terbitkan sertifikat", "en": "Issue the certificate"},
    "letters_page_enrol_pick": {
        "id": "Pilih akun penandatangan.",
        "en": "Choose the signer's account.",
    },
    "letters_page_enrolled": {
        "id": "Sertifikat diterbitkan untuk {name}.",
        "en": "Certificate issued to {name}.",
    },
    "letters_page_strays": {
        "id": "PDF bertanda tangan dari percobaan yang digantikan",
        "en": "Signed PDFs of superseded attempts",
    },
    "letters_page_strays_help": {
        "id": "Disimpan karena tanda tangan yang sudah dibuat adalah fakta; tidak pernah dipakai "
        "sebagai tanda tangan naskah ini.",
        "en": "Kept because a signature once made is a fact; never used as this letter's "
        "signature.",
    },
    "letters_page_stray_line": {
        "id": "{at} · percobaan {attempt} · SHA-256 {sha256}",
        "en": "{at} · attempt {attempt} · SHA-256 {sha256}",
    },
    "letters_page_stray_download": {"id": "Unduh", "en": "Download"},
    # -- disposition: errors
    "disposition_not_found": {"id": "Disposisi tidak ditemukan.", "en": "Disposition not found."},
    "disposition_not_allowed": {
        "id": "Anda tidak dapat melakukan ini pada disposisi naskah ini.",
        "en": "You may not do this with this letter's disposition.",
    },
    "disposition_kind_invalid": {
        "id": "Jenis disposisi {kind} tidak dikenal.",
        "en": "Unknown kind of disposition {kind}.",
    },
    "disposition_target_required": {
        "id": "Pilih paling sedikit satu jabatan tujuan disposisi.",
        "en": "Choose at least one position to dispose to.",
    },
    "disposition_target_invalid": {
        "id": "Jabatan {position} bukan bawahan Anda (atau, untuk koordinasi, bukan jabatan "
        "setingkat di OPD yang sama).",
        "en": "Position {position} is not below yours (or, to coordinate, not of the same rank "
        "in the same OPD).",
    },
    "disposition_target_duplicate": {
        "id": "{position} sudah menerima disposisi naskah ini yang belum selesai.",
        "en": "{position} already has an open disposition of this letter.",
    },
    "disposition_not_cleared": {
        "id": "{position} ({holder}) tidak berizin membaca naskah dengan klasifikasi keamanan ini.",
        "en": "{position} ({holder}) is not cleared to read a letter of this security class.",
    },
    "disposition_instruction_required": {
        "id": "Pilih paling sedikit satu instruksi.",
        "en": "Choose at least one instruction.",
    },
    "disposition_instruction_unknown": {
        "id": "Instruksi {code} tidak dikenal.",
        "en": "Unknown instruction {code}.",
    },
    "disposition_instruction_code_invalid": {
        "id": "Kode instruksi {code} tidak sah (huruf kecil, angka, garis bawah; 2-40 karakter).",
        "en": "Instruction code {code} is not valid (lower-case letters, digits, underscores; "
        "2-40 characters).",
    },
    "disposition_instruction_label_required": {
        "id": "Label instruksi dalam kedua bahasa wajib diisi (paling banyak {limit} karakter).",
        "en": "The instruction's label is required in both languages (at most {limit} characters).",
    },
    "disposition_note_required": {"id": "Catatan wajib diisi.", "en": "A note is required."},
    "disposition_note_too_long": {
        "id": "Catatan terlalu panjang (paling banyak {limit} karakter).",
        "en": "The note is too long (at most {limit} characters).",
    },
    "disposition_due_invalid": {
        "id": "Batas waktu {value} bukan tanggal.",
        "en": "Due date {value} is not a date.",
    },
    "disposition_due_past": {
        "id": "Batas waktu {due} sudah lewat.",
        "en": "Due date {due} is in the past.",
    },
    "disposition_not_cancellable": {
        "id": "Disposisi hanya dapat dibatalkan selama belum dibaca dan belum selesai.",
        "en": "A disposition can be cancelled only while unread and open.",
    },
    "disposition_not_open": {
        "id": "Disposisi ini sudah selesai atau dibatalkan.",
        "en": "This disposition is already closed or cancelled.",
    },
    "disposition_incoming_state_unregistered": {
        "id": "Tidak dapat dilakukan: naskah masuk ini belum dicatat.",
        "en": "Not possible: this incoming letter is not registered yet.",
    },
    "disposition_incoming_state_registered": {
        "id": "Tidak dapat dilakukan: naskah masuk ini baru dicatat.",
        "en": "Not possible: this incoming letter has only been registered.",
    },
    "disposition_incoming_state_disposed": {
        "id": "Tidak dapat dilakukan: naskah masuk ini sudah didisposisikan.",
        "en": "Not possible: this incoming letter has already been disposed.",
    },
    "disposition_incoming_state_done": {
        "id": "Tidak dapat dilakukan: naskah masuk ini sudah selesai ditindaklanjuti.",
        "en": "Not possible: this incoming letter has already been dealt with.",
    },
    "disposition_incoming_state_no_disposition": {
        "id": "Tidak dapat dilakukan: naskah masuk ini ditandai tidak perlu disposisi.",
        "en": "Not possible: this incoming letter was marked as needing no disposition.",
    },
    "disposition_result_invalid": {
        "id": "Berkas hasil kosong atau terlalu besar (paling besar {limit} MB).",
        "en": "The result file is empty or too large (at most {limit} MB).",
    },
    "disposition_result_rejected": {
        "id": "Berkas hasil tidak dapat disimpan: {reason}",
        "en": "The result file could not be stored: {reason}",
    },
    # -- disposition: preset instructions
    "disposition_instruction_untuk_diketahui": {"id": "Untuk diketahui", "en": "For information"},
    "disposition_instruction_untuk_ditindaklanjuti": {
        "id": "Untuk ditindaklanjuti",
        "en": "For follow-up",
    },
    "disposition_instruction_siapkan_bahan": {"id": "Siapkan bahan", "en": "Prepare material"},
    "disposition_instruction_hadiri_wakili": {
        "id": "Hadiri/wakili",
        "en": "Attend or represent",
    },
    "disposition_instruction_koordinasikan": {"id": "Koordinasikan", "en": "Coordinate"},
    "disposition_instruction_untuk_diarsipkan": {"id": "Untuk diarsipkan", "en": "File it"},
    "disposition_instruction_saran_pendapat": {
        "id": "Saran/pendapat",
        "en": "Advice or opinion",
    },
    "disposition_instruction_proses_sesuai_ketentuan": {
        "id": "Proses sesuai ketentuan",
        "en": "Process according to the rules",
    },
    # -- disposition: what a reply starts with (the document's language)
    "disposition_reply_hal": {"id": "Tanggapan atas {hal}", "en": "Reply to {hal}"},
    "disposition_reply_body": {
        "id": "Menindaklanjuti surat {sender} nomor {number} tanggal {date} hal {hal}, "
        "dengan hormat kami sampaikan hal-hal sebagai berikut.\n\n...\n\nDemikian "
        "disampaikan, atas perhatiannya diucapkan terima kasih.",
        "en": "Following up the letter of {sender} number {number} of {date} about {hal}, we "
        "respectfully inform you as follows.\n\n...\n\nThank you for your attention.",
    },
    "disposition_result_description": {
        "id": "Hasil tindak lanjut disposisi naskah masuk: {hal}",
        "en": "Result of acting on a disposition of the incoming letter: {hal}",
    },
    "disposition_lembar_description": {
        "id": "Lembar disposisi naskah masuk: {hal}",
        "en": "Disposition sheet of the incoming letter: {hal}",
    },
    # -- disposition: states and kinds
    "disposition_state_unread": {"id": "Belum dibaca", "en": "Unread"},
    "disposition_state_read": {"id": "Dibaca", "en": "Read"},
    "disposition_state_closed": {"id": "Selesai", "en": "Closed"},
    "disposition_state_cancelled": {"id": "Dibatalkan", "en": "Cancelled"},
    "disposition_kind_down": {"id": "Ke bawah", "en": "Down"},
    "disposition_kind_coordinate": {"id": "Koordinasi", "en": "Coordinate"},
    # -- disposition: audit trail and history
    "audit_action_disposition_given": {"id": "Disposisi diberikan", "en": "Disposition given"},
    "audit_action_disposition_cancelled": {
        "id": "Disposisi dibatalkan",
        "en": "Disposition cancelled",
    },
    "audit_action_disposition_closed": {
        "id": "Disposisi ditindaklanjuti",
        "en": "Disposition closed",
    },
    "audit_action_disposition_not_needed": {
        "id": "Naskah masuk tidak perlu disposisi",
        "en": "Incoming letter needs no disposition",
    },
    "audit_action_disposition_finished": {
        "id": "Naskah masuk diselesaikan",
        "en": "Incoming letter closed",
    },
    "audit_action_disposition_reply": {
        "id": "Balasan naskah masuk dimulai",
        "en": "Reply to an incoming letter started",
    },
    "audit_action_disposition_instruction_saved": {
        "id": "Instruksi disposisi disimpan",
        "en": "Disposition instruction saved",
    },
    "incoming_history_disposition_given": {
        "id": "{who} mendisposisikan kepada {detail}",
        "en": "{who} disposed it to {detail}",
    },
    "incoming_history_disposition_cancelled": {
        "id": "{who} membatalkan disposisi kepada {detail}",
        "en": "{who} cancelled the disposition to {detail}",
    },
    "incoming_history_disposition_closed": {
        "id": "{who} menyelesaikan disposisi ({detail})",
        "en": "{who} closed the disposition ({detail})",
    },
    "incoming_history_disposition_not_needed": {
        "id": "{who} menandai tidak perlu disposisi",
        "en": "{who} marked it as needing no disposition",
    },
    "incoming_history_disposition_finished": {
        "id": "{who} menyelesaikan naskah ini",
        "en": "{who} closed this letter",
    },
    "incoming_history_disposition_reply": {
        "id": "{who} memulai konsep balasan {detail}",
        "en": "{who} started the reply draft {detail}",
    },
    # -- disposition: the lembar disposisi
    "disposition_lembar_title": {"id": "LEMBAR DISPOSISI", "en": "DISPOSITION SHEET"},
    "disposition_lembar_sender": {"id": "Surat dari", "en": "From"},
    "disposition_lembar_their_number": {"id": "Nomor surat", "en": "Their number"},
    "disposition_lembar_their_date": {"id": "Tanggal surat", "en": "Their date"},
    "disposition_lembar_received": {"id": "Diterima tanggal", "en": "Received on"},
    "disposition_lembar_agenda": {"id": "Nomor agenda", "en": "Agenda number"},
    "disposition_lembar_sifat": {"id": "Sifat", "en": "Nature"},
    "disposition_lembar_urgency": {"id": "Kecepatan", "en": "Urgency"},
    "disposition_lembar_hal": {"id": "Hal", "en": "Subject"},
    "disposition_lembar_classification": {"id": "Klasifikasi", "en": "Classification"},
    "disposition_lembar_from": {"id": "Dari", "en": "From"},
    "disposition_lembar_to": {"id": "Diteruskan kepada", "en": "Passed to"},
    "disposition_lembar_instructions": {"id": "Instruksi", "en": "Instructions"},
    "disposition_lembar_note": {"id": "Catatan", "en": "Note"},
    "disposition_lembar_due": {"id": "Batas waktu", "en": "Due"},
    "disposition_lembar_date": {"id": "Tanggal", "en": "Date"},
    "disposition_lembar_paraf": {"id": "Paraf", "en": "Initials"},
    "disposition_lembar_none": {"id": "Belum ada disposisi.", "en": "No disposition yet."},
    "disposition_lembar_cancelled": {"id": "dibatalkan", "en": "cancelled"},
    "disposition_lembar_closed": {"id": "Tindak lanjut", "en": "Follow-up"},
    # -- disposition: the page section (ui/disposition.py)
    "disposition_page_title": {"id": "Disposisi", "en": "Disposition"},
    "disposition_page_none": {"id": "Belum ada disposisi.", "en": "No disposition yet."},
    "disposition_page_from": {"id": "Dari", "en": "From"},
    "disposition_page_to": {"id": "Kepada", "en": "To"},
    "disposition_page_instructions": {"id": "Instruksi", "en": "Instructions"},
    "disposition_page_note": {"id": "Catatan", "en": "Note"},
    "disposition_page_due": {"id": "Batas waktu", "en": "Due"},
    "disposition_page_read": {"id": "Dibaca", "en": "Read"},
    "disposition_page_state": {"id": "Status", "en": "State"},
    "disposition_page_closed_note": {"id": "Tindak lanjut: {note}", "en": "Follow-up: {note}"},
    "disposition_page_overdue": {"id": "{due} (lewat)", "en": "{due} (overdue)"},
    "disposition_page_cancel": {
        "id": "Batalkan disposisi kepada {position}",
        "en": "Cancel the disposition to {position}",
    },
    "disposition_page_cancelled": {"id": "Disposisi dibatalkan.", "en": "Disposition cancelled."},
    "disposition_page_close_title": {
        "id": "**Tindak lanjut** disposisi kepada {position}",
        "en": "**Follow-up** of the disposition to {position}",
    },
    "disposition_page_close_note": {
        "id": "Catatan tindak lanjut (wajib)",
        "en": "Follow-up note (required)",
    },
    "disposition_page_result": {
        "id": "Berkas hasil (boleh kosong)",
        "en": "Result file (optional)",
    },
    "disposition_page_close": {"id": "Selesaikan disposisi", "en": "Close the disposition"},
    "disposition_page_closed": {"id": "Disposisi diselesaikan.", "en": "Disposition closed."},
    "disposition_page_reply": {"id": "Buat konsep balasan", "en": "Start a reply"},
    "disposition_page_dispose": {"id": "Disposisikan", "en": "Dispose"},
    "disposition_page_as": {"id": "Sebagai jabatan", "en": "As position"},
    "disposition_page_coordinate": {
        "id": "Koordinasi (jabatan setingkat)",
        "en": "Coordinate (positions of the same rank)",
    },
    "disposition_page_targets": {"id": "Kepada jabatan", "en": "To positions"},
    "disposition_page_dispose_go": {"id": "Kirim disposisi", "en": "Send the disposition"},
    "disposition_page_disposed": {
        "id": "Disposisi dikirim kepada {count} jabatan.",
        "en": "Disposition sent to {count} positions.",
    },
    "disposition_page_not_cleared": {
        "id": "{target} (tidak berizin untuk klasifikasi ini)",
        "en": "{target} (not cleared for this class)",
    },
    "disposition_page_finish_title": {
        "id": "Tanpa disposisi",
        "en": "Without a disposition",
    },
    "disposition_page_finish_note": {"id": "Catatan (wajib)", "en": "Note (required)"},
    "disposition_page_no_disposition": {
        "id": "Tidak perlu disposisi",
        "en": "Needs no disposition",
    },
    "disposition_page_finish": {"id": "Selesaikan sendiri", "en": "Close it myself"},
    "disposition_page_marked_none": {
        "id": "Ditandai tidak perlu disposisi.",
        "en": "Marked as needing no disposition.",
    },
    "disposition_page_finished": {"id": "Naskah diselesaikan.", "en": "Letter closed."},
    "disposition_page_lembar": {
        "id": "Unduh lembar disposisi (PDF)",
        "en": "Download the disposition sheet (PDF)",
    },
    # -- the Dasbor and the self-assessment
    "nav_dashboard": {"id": "Dasbor", "en": "Dashboard"},
    # errors
    "dashboard_bad_month": {
        "id": "Bulan '{value}' tidak sah: tulis TTTT-BB, misalnya 2026-03.",
        "en": "Month '{value}' is not valid: write YYYY-MM, for example 2026-03.",
    },
    "dashboard_export_format": {
        "id": "Format ekspor '{fmt}' tidak dikenal.",
        "en": "Unknown export format '{fmt}'.",
    },
    "dashboard_export_table": {
        "id": "Tabel '{table}' tidak ada di dasbor.",
        "en": "The dashboard has no table '{table}'.",
    },
    "assessment_unknown_element": {
        "id": "Unsur penilaian tidak dikenal: {element}.",
        "en": "Unknown assessment element: {element}.",
    },
    "assessment_score_missing": {
        "id": "Nilai unsur {element} wajib diisi.",
        "en": "The score of {element} is required.",
    },
    "assessment_bad_score": {
        "id": "Nilai unsur {element} harus angka 0 sampai 100, bukan '{value}'.",
        "en": "The score of {element} must be a number from 0 to 100, not '{value}'.",
    },
    "assessment_bad_year": {
        "id": "Tahun penilaian '{value}' tidak sah.",
        "en": "Assessment year '{value}' is not valid.",
    },
    "assessment_note_too_long": {
        "id": "Catatan penilaian paling banyak {limit} karakter.",
        "en": "The assessment note may have at most {limit} characters.",
    },
    "assessment_not_opd": {
        "id": "Penilaian mandiri dibuat per OPD; {unit} adalah sub-unit.",
        "en": "The self-assessment is made per OPD; {unit} is a sub-unit.",
    },
    # audit
    "audit_action_dashboard_exported": {
        "id": "Tabel dasbor diekspor",
        "en": "Dashboard table exported",
    },
    "audit_action_assessment_saved": {
        "id": "Penilaian mandiri disimpan",
        "en": "Self-assessment saved",
    },
    # columns (tables, exports, the command line)
    "dashboard_col_month": {"id": "Bulan", "en": "Month"},
    "dashboard_col_outgoing": {"id": "Naskah keluar", "en": "Letters out"},
    "dashboard_col_electronic": {"id": "Ditandatangani elektronik", "en": "Signed electronically"},
    "dashboard_col_manual": {"id": "Nomor manual", "en": "Manual numbers"},
    "dashboard_col_adoption": {
        "id": "Porsi tanda tangan elektronik",
        "en": "Share signed electronically",
    },
    "dashboard_col_incoming": {"id": "Naskah masuk", "en": "Letters in"},
    "dashboard_col_copies": {"id": "Tembusan masuk", "en": "Copies received"},
    "dashboard_col_registered_on_time": {
        "id": "Dicatat ≤ 1 hari kerja",
        "en": "Registered ≤ 1 working day",
    },
    "dashboard_col_registered_on_time_share": {
        "id": "Porsi dicatat ≤ 1 hari kerja",
        "en": "Share registered ≤ 1 working day",
    },
    "dashboard_col_dispositions": {"id": "Disposisi diberikan", "en": "Dispositions given"},
    "dashboard_col_dispositions_closed": {
        "id": "Disposisi selesai",
        "en": "Dispositions closed",
    },
    "dashboard_col_dispositions_closed_share": {
        "id": "Porsi disposisi selesai",
        "en": "Share of dispositions closed",
    },
    "dashboard_col_lead_median_days": {
        "id": "Waktu tindak lanjut, median (hari)",
        "en": "Lead time, median (days)",
    },
    "dashboard_col_lead_p90_days": {
        "id": "Waktu tindak lanjut, persentil 90 (hari)",
        "en": "Lead time, 90th percentile (days)",
    },
    "dashboard_col_ppid_due": {
        "id": "Permohonan PPID jatuh tempo",
        "en": "PPID requests due",
    },
    "dashboard_col_ppid_on_time": {
        "id": "Permohonan PPID dijawab tepat waktu",
        "en": "PPID requests answered on time",
    },
    "dashboard_col_ppid_on_time_share": {
        "id": "Porsi PPID tepat waktu",
        "en": "Share of PPID on time",
    },
    "dashboard_col_as_of": {"id": "Per tanggal", "en": "As of"},
    "dashboard_col_items": {"id": "Item arsip", "en": "Record items"},
    "dashboard_col_items_filed": {
        "id": "Item diberkaskan dan berklasifikasi",
        "en": "Items filed and classified",
    },
    "dashboard_col_items_filed_share": {
        "id": "Porsi item diberkaskan dan berklasifikasi",
        "en": "Share of items filed and classified",
    },
    "dashboard_col_berkas_past_active": {
        "id": "Berkas lewat masa aktif, belum dipindahkan",
        "en": "Berkas past active retention, not transferred",
    },
    "dashboard_col_vital": {"id": "Arsip vital", "en": "Vital records"},
    "dashboard_col_vital_verified": {
        "id": "Arsip vital dengan salinan terverifikasi",
        "en": "Vital records with a verified copy",
    },
    "dashboard_col_vital_verified_share": {
        "id": "Porsi arsip vital terverifikasi",
        "en": "Share of vital records verified",
    },
    "dashboard_col_unit": {"id": "Kode unit", "en": "Unit code"},
    "dashboard_col_name": {"id": "OPD", "en": "OPD"},
    "dashboard_col_year": {"id": "Tahun", "en": "Year"},
    "dashboard_col_penciptaan": {"id": "Penciptaan", "en": "Creation"},
    "dashboard_col_penggunaan": {"id": "Penggunaan", "en": "Use"},
    "dashboard_col_pemeliharaan": {"id": "Pemeliharaan", "en": "Maintenance"},
    "dashboard_col_penyusutan": {"id": "Penyusutan", "en": "Disposal"},
    "dashboard_col_sumber_daya": {"id": "Sumber daya", "en": "Resources"},
    "dashboard_col_mean": {"id": "Rata-rata", "en": "Mean"},
    "dashboard_col_band": {"id": "Kategori (penilaian mandiri)", "en": "Band (self-assessment)"},
    "dashboard_col_note": {"id": "Catatan", "en": "Note"},
    "dashboard_total": {"id": "Jumlah", "en": "Total"},
    # the page
    "dashboard_scope": {"id": "Cakupan", "en": "Scope"},
    "dashboard_whole_pemda": {"id": "Seluruh Pemda ({name})", "en": "Whole Pemda ({name})"},
    "dashboard_period": {"id": "Periode", "en": "Period"},
    "dashboard_last_months": {"id": "12 bulan terakhir", "en": "Last 12 months"},
    "dashboard_no_scope": {
        "id": "Anda tidak memegang hak dasbor di unit mana pun.",
        "en": "You hold the dashboard permission in no unit.",
    },
    "dashboard_letters": {"id": "Naskah dinas", "en": "Official letters"},
    "dashboard_chart_letters": {
        "id": "Naskah keluar dan masuk per bulan",
        "en": "Letters out and in per month",
    },
    "dashboard_chart_shares": {
        "id": "Porsi elektronik, pencatatan tepat waktu, disposisi selesai (%)",
        "en": "Share electronic, registered on time, dispositions closed (%)",
    },
    "dashboard_chart_lead": {
        "id": "Waktu tindak lanjut disposisi (hari)",
        "en": "Disposition lead time (days)",
    },
    "dashboard_series": {"id": "Ukuran", "en": "Measure"},
    "dashboard_value": {"id": "Nilai", "en": "Value"},
    "dashboard_no_letters": {
        "id": "Belum ada naskah pada periode ini.",
        "en": "No letters in this period.",
    },
    "dashboard_table": {"id": "Tabel per bulan", "en": "Table per month"},
    "dashboard_records": {"id": "Arsip", "en": "Records"},
    "dashboard_records_help": {
        "id": "Keadaan per {day}: item diberkaskan dan berklasifikasi, berkas yang lewat masa "
        "aktif menurut JRA tetapi belum dipindahkan, dan arsip vital yang perlindungannya "
        "lengkap (metode, lokasi salinan, tanggal verifikasi).",
        "en": "As of {day}: items filed and classified, berkas past their active period under the "
        "JRA but not transferred, and vital records whose protection is complete (method, copy "
        "location, date verified).",
    },
    "dashboard_ppid_unit": {
        "id": "Permohonan PPID: yang ditugaskan ke unit ini (termasuk sub-unitnya).",
        "en": "PPID requests: those assigned to this unit (its sub-units included).",
    },
    "dashboard_ppid_pemda": {
        "id": "Permohonan PPID: seluruh Pemda.",
        "en": "PPID requests: the whole Pemda.",
    },
    "dashboard_metric_adoption": {"id": "Adopsi naskah elektronik", "en": "E-letter adoption"},
    "dashboard_metric_lead": {
        "id": "Median tindak lanjut (hari)",
        "en": "Median lead time (days)",
    },
    "dashboard_none": {"id": "—", "en": "—"},
    "assessment_title": {"id": "Penilaian mandiri kearsipan", "en": "Records self-assessment"},
    "assessment_disclaimer": {
        "id": "Nilai dimasukkan oleh unit kearsipan sebagai penilaian mandiri. Kategori ANRI "
        "(AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, D ≤ 30) di sini adalah kategori "
        "rata-rata penilaian mandiri, bukan nilai resmi pengawasan kearsipan.",
        "en": "Scores are entered by the archive office as a self-assessment. The ANRI band "
        "(AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, D ≤ 30) shown is the band of the "
        "self-assessment's mean, not an official records-supervision score.",
    },
    "assessment_year": {"id": "Tahun penilaian", "en": "Assessment year"},
    "assessment_none": {
        "id": "Belum ada penilaian mandiri untuk tahun ini.",
        "en": "No self-assessment for this year yet.",
    },
    "assessment_form": {"id": "Isi penilaian mandiri", "en": "Enter a self-assessment"},
    "assessment_opd": {"id": "OPD", "en": "OPD"},
    "assessment_note": {"id": "Catatan", "en": "Note"},
    "assessment_save": {"id": "Simpan penilaian", "en": "Save the assessment"},
    "assessment_saved_notice": {
        "id": "Penilaian {name} {year} disimpan: rata-rata {mean}, kategori {band}.",
        "en": "Assessment of {name} {year} saved: mean {mean}, band {band}.",
    },
    "assessment_band_line": {
        "id": "{name}: rata-rata {mean}, kategori penilaian mandiri {band}",
        "en": "{name}: mean {mean}, self-assessment band {band}",
    },
    # -- work queues and notifications
    "nav_inbox": {"id": "Kotak Masuk", "en": "Inbox"},
    "inbox_queue_to_verify": {"id": "Perlu diparaf", "en": "To verify"},
    "inbox_queue_to_sign": {"id": "Perlu ditandatangani", "en": "To sign"},
    "inbox_queue_signed": {"id": "Ditandatangani, belum dikirim", "en": "Signed, not sent"},
    "inbox_queue_unregistered": {
        "id": "Naskah masuk belum dicatat",
        "en": "Incoming not registered",
    },
    "inbox_queue_incoming_unread": {"id": "Naskah masuk belum dibaca", "en": "Incoming unread"},
    "inbox_queue_incoming_open": {
        "id": "Naskah masuk belum ditindaklanjuti",
        "en": "Incoming not acted on",
    },
    "inbox_queue_cc_unread": {"id": "Tembusan belum dibaca", "en": "Copies (tembusan) unread"},
    "inbox_queue_disp_unread": {"id": "Disposisi belum dibaca", "en": "Dispositions unread"},
    "inbox_queue_disp_open": {
        "id": "Disposisi belum ditindaklanjuti",
        "en": "Dispositions not acted on",
    },
    "inbox_queue_disp_overdue": {"id": "Disposisi lewat batas waktu", "en": "Dispositions overdue"},
    "inbox_queue_help_to_verify": {
        "id": "Naskah keluar yang menunggu paraf jabatan Anda.",
        "en": "Outgoing letters waiting for your position's paraf.",
    },
    "inbox_queue_help_to_sign": {
        "id": "Naskah keluar yang menunggu tanda tangan jabatan Anda.",
        "en": "Outgoing letters waiting for your position's signature.",
    },
    "inbox_queue_help_signed": {
        "id": "Naskah yang sudah ditandatangani tetapi belum dikirim.",
        "en": "Letters signed but not yet sent.",
    },
    "inbox_queue_help_unregistered": {
        "id": "Naskah yang tiba di unit tempat Anda pencatat dan belum diberi nomor agenda.",
        "en": "Letters that arrived in a unit where you keep the "
        "agenda, without an agenda number yet.",
    },
    "inbox_queue_help_incoming_unread": {
        "id": "Naskah masuk yang ditujukan kepada jabatan Anda dan belum dibuka.",
        "en": "Incoming letters addressed to your position, not yet opened.",
    },
    "inbox_queue_help_incoming_open": {
        "id": "Naskah masuk yang ditujukan kepada jabatan Anda, "
        "belum didisposisikan atau diselesaikan.",
        "en": "Incoming letters addressed to your position, neither disposed nor closed.",
    },
    "inbox_queue_help_cc_unread": {
        "id": "Tembusan untuk jabatan Anda yang belum dibuka.",
        "en": "Copies to your position, not yet opened.",
    },
    "inbox_queue_help_disp_unread": {
        "id": "Disposisi kepada jabatan Anda yang belum dibuka.",
        "en": "Dispositions to your position, not yet opened.",
    },
    "inbox_queue_help_disp_open": {
        "id": "Disposisi kepada jabatan Anda yang belum ditindaklanjuti.",
        "en": "Dispositions to your position not yet acted on.",
    },
    "inbox_queue_help_disp_overdue": {
        "id": "Disposisi yang belum ditindaklanjuti dan batas waktunya sudah lewat.",
        "en": "Dispositions not acted on whose due date has passed.",
    },
    "inbox_nothing": {"id": "Tidak ada yang menunggu Anda.", "en": "Nothing is waiting for you."},
    "inbox_empty_queue": {"id": "Kosong.", "en": "Empty."},
    "inbox_home_title": {"id": "Pekerjaan naskah dinas", "en": "Letters waiting for you"},
    "inbox_col_kind": {"id": "Jenis", "en": "Kind"},
    "inbox_col_hal": {"id": "Hal", "en": "Subject"},
    "inbox_col_from": {"id": "Dari", "en": "From"},
    "inbox_col_agenda": {"id": "Nomor agenda / naskah", "en": "Agenda / letter number"},
    "inbox_col_at": {"id": "Tanggal", "en": "Date"},
    "inbox_col_due": {"id": "Batas waktu", "en": "Due"},
    "inbox_col_state": {"id": "Keadaan", "en": "State"},
    "inbox_withheld": {"id": "(dirahasiakan)", "en": "(withheld)"},
    "inbox_no_hal": {"id": "(tanpa hal)", "en": "(no subject)"},
    "inbox_line": {"id": "{hal} — {source}, {date}", "en": "{hal} — {source}, {date}"},
    "inbox_line_due": {"id": "batas {due}", "en": "due {due}"},
    "inbox_kind_letter": {"id": "Naskah keluar", "en": "Outgoing letter"},
    "inbox_kind_incoming": {"id": "Naskah masuk", "en": "Incoming letter"},
    "inbox_kind_disposition": {"id": "Disposisi", "en": "Disposition"},
    "inbox_more": {"id": "… dan {count} lagi", "en": "… and {count} more"},
    "notify_subject_disposition": {"id": "Disposisi baru: {hal}", "en": "New disposition: {hal}"},
    "notify_body_disposition": {
        "id": "Ada disposisi baru untuk jabatan Anda atas naskah masuk "
        "nomor agenda {agenda}, hal: {hal}.",
        "en": "A new disposition to your position on incoming letter "
        "agenda {agenda}, subject: {hal}.",
    },
    "notify_subject_incoming": {
        "id": "Naskah masuk untuk Anda: {hal}",
        "en": "Incoming letter for you: {hal}",
    },
    "notify_body_incoming": {
        "id": "Naskah masuk yang ditujukan kepada jabatan Anda telah "
        "dicatat dengan nomor agenda {agenda}, hal: {hal}.",
        "en": "An incoming letter addressed to your position was registered "
        "as agenda {agenda}, subject: {hal}.",
    },
    "notify_subject_to_verify": {"id": "Perlu paraf: {hal}", "en": "To verify: {hal}"},
    "notify_body_to_verify": {
        "id": "Konsep naskah menunggu paraf jabatan Anda, hal: {hal}.",
        "en": "A draft letter waits for your position's paraf, subject: {hal}.",
    },
    "notify_subject_to_sign": {"id": "Perlu tanda tangan: {hal}", "en": "To sign: {hal}"},
    "notify_body_to_sign": {
        "id": "Naskah menunggu tanda tangan jabatan Anda, hal: {hal}.",
        "en": "A letter waits for your position's signature, subject: {hal}.",
    },
    "notify_subject_waiting": {
        "id": "Ada naskah dinas yang menunggu Anda",
        "en": "An official letter is waiting for you",
    },
    "notify_body_waiting": {
        "id": "Ada naskah dinas yang menunggu tindakan Anda di Lontar. "
        "Silakan masuk untuk melihatnya.",
        "en": "An official letter is waiting for you in Lontar. Please log in to see it.",
    },
    "notify_link": {"id": "Buka: {link}", "en": "Open: {link}"},
    "notify_footer": {
        "id": "Pesan ini dikirim otomatis oleh Lontar; jangan dibalas.",
        "en": "This message was sent automatically by Lontar; do not reply.",
    },
    "inbox_email_title": {"id": "Pemberitahuan surel", "en": "E-mail notifications"},
    "inbox_email_help": {
        "id": "Alamat surel Anda untuk pemberitahuan disposisi dan naskah yang menunggu Anda "
        "(bila server surel Pemda sudah diatur). Kosongkan untuk berhenti menerima.",
        "en": "Your address for notices of dispositions and letters waiting for you (when "
        "the Pemda's mail server is set up). Leave it empty to stop them.",
    },
    "inbox_email_label": {"id": "Alamat surel", "en": "E-mail address"},
    "inbox_email_save": {"id": "Simpan alamat", "en": "Save address"},
    "inbox_email_saved": {"id": "Alamat surel disimpan.", "en": "E-mail address saved."},
    "inbox_email_removed": {
        "id": "Alamat surel dihapus; Anda tidak menerima pemberitahuan lagi.",
        "en": "E-mail address removed; you will get no more notices.",
    },
    "notify_email_invalid": {
        "id": "Alamat surel '{address}' tidak sah.",
        "en": "E-mail address '{address}' is not valid.",
    },
    "notify_account_unknown": {
        "id": "Akun {account} tidak ada.",
        "en": "Account {account} does not exist.",
    },
    "audit_action_notify_email_set": {
        "id": "Alamat surel notifikasi diubah",
        "en": "Notification e-mail address changed",
    },
    # -- received letters: registering, the agenda masuk, the thread
    "nav_incoming": {"id": "Naskah Masuk", "en": "Incoming letters"},
    # errors
    "incoming_not_found": {
        "id": "Naskah masuk tidak ditemukan.",
        "en": "Incoming letter not found.",
    },
    "incoming_unit_unknown": {
        "id": "Unit {unit} tidak dikenal.",
        "en": "Unit {unit} is not known.",
    },
    "incoming_file_required": {
        "id": "Lampirkan pindaian atau PDF naskah (paling sedikit satu berkas).",
        "en": "Attach the letter's scan or PDF (at least one file).",
    },
    "incoming_too_many_files": {
        "id": "Terlalu banyak berkas (paling banyak {limit}).",
        "en": "Too many files (at most {limit}).",
    },
    "incoming_received_future": {
        "id": "Tanggal diterima {day} belum tiba.",
        "en": "The date received, {day}, is in the future.",
    },
    "incoming_their_date_after": {
        "id": "Tanggal surat {day} jatuh sesudah tanggal diterima.",
        "en": "The letter's date, {day}, is after the date it was received.",
    },
    "incoming_sender_required": {
        "id": "Pengirim (asal surat) wajib diisi.",
        "en": "The sender is required.",
    },
    "incoming_above_clearance": {
        "id": "Naskah berklasifikasi keamanan {security} di atas izin akses Anda; catatkan "
        "oleh petugas yang berizin.",
        "en": "The letter's security class {security} is above your clearance; a cleared "
        "officer must register it.",
    },
    "incoming_addressed_required": {
        "id": "Pilih jabatan yang dituju: unit ini dan unit di atasnya tidak punya jabatan kepala.",
        "en": "Choose the position it is for: this unit and the units above it have no head.",
    },
    "letter_in_reply_to_invalid": {
        "id": "Naskah masuk {id} yang hendak dibalas tidak ditemukan.",
        "en": "The incoming letter {id} to reply to was not found.",
    },
    "incoming_addressed_invalid": {
        "id": "Jabatan {position} tidak ada di unit ini atau unit di bawahnya.",
        "en": "Position {position} is not in this unit or a unit below it.",
    },
    "incoming_already_registered": {
        "id": "Naskah ini sudah dicatat dengan nomor agenda {agenda}.",
        "en": "This letter is already registered as agenda number {agenda}.",
    },
    "agenda_pattern_invalid": {
        "id": "Pola nomor agenda '{pattern}' tidak dapat dipakai (kosong, lebih dari 100 "
        "karakter, atau kurung kurawal tidak berpasangan).",
        "en": "Agenda number pattern '{pattern}' cannot be used (empty, over 100 characters, "
        "or unbalanced braces).",
    },
    "agenda_pattern_token": {
        "id": "Pola nomor agenda tidak mengenal {{{token}}}; yang dikenal: {tokens}.",
        "en": "Agenda number patterns have no {{{token}}}; known: {tokens}.",
    },
    "agenda_pattern_needs_urut": {
        "id": "Pola nomor agenda harus memuat {urut}.",
        "en": "An agenda number pattern must contain {urut}.",
    },
    # the records tree (archival descriptions: Bahasa Indonesia in both languages' records)
    "incoming_series_title": {"id": "Naskah Masuk {year}", "en": "Incoming letters {year}"},
    "incoming_thread_title": {
        "id": "Naskah masuk {agenda}: {hal}",
        "en": "Incoming letter {agenda}: {hal}",
    },
    # states, kinds, history
    "incoming_state_unregistered": {"id": "Belum dicatat", "en": "Not registered"},
    "incoming_state_registered": {"id": "Dicatat", "en": "Registered"},
    "incoming_state_disposed": {"id": "Didisposisikan", "en": "Disposed"},
    "incoming_state_done": {"id": "Selesai", "en": "Done"},
    "incoming_state_no_disposition": {
        "id": "Tidak perlu disposisi",
        "en": "Needs no disposition",
    },
    "incoming_kind_to": {"id": "Tujuan", "en": "Addressee"},
    "incoming_kind_cc": {"id": "Tembusan", "en": "Copy"},
    "incoming_source_internal": {"id": "Dari Lontar", "en": "From Lontar"},
    "incoming_source_external": {"id": "Dari luar", "en": "From outside"},
    "incoming_history_arrived": {
        "id": "Naskah {detail} tiba di kotak masuk",
        "en": "Letter {detail} arrived in the inbox",
    },
    "incoming_history_registered": {
        "id": "Dicatat oleh {who} dengan nomor agenda {detail}",
        "en": "Registered by {who} as agenda number {detail}",
    },
    # the audit trail
    "audit_action_incoming_registered": {"id": "Naskah masuk dicatat", "en": "Letter registered"},
    "audit_action_incoming_agenda_exported": {
        "id": "Buku agenda masuk diekspor",
        "en": "Incoming register exported",
    },
    "audit_action_agenda_pattern_saved": {
        "id": "Pola nomor agenda disimpan",
        "en": "Agenda number pattern saved",
    },
    "audit_action_incoming_auto_register_set": {
        "id": "Pencatatan otomatis naskah internal diubah",
        "en": "Automatic registration changed",
    },
    # the buku agenda masuk (columns, print)
    "agenda_col_no": {"id": "No.", "en": "No."},
    "agenda_col_received": {"id": "Tanggal diterima", "en": "Received"},
    "agenda_col_agenda": {"id": "Nomor agenda", "en": "Agenda number"},
    "agenda_col_sender": {"id": "Pengirim", "en": "Sender"},
    "agenda_col_their_date": {"id": "Tanggal surat", "en": "Letter date"},
    "agenda_col_their_number": {"id": "Nomor surat", "en": "Letter number"},
    "agenda_col_hal": {"id": "Hal", "en": "Subject"},
    "agenda_col_classification": {"id": "Klasifikasi", "en": "Classification"},
    "agenda_col_addressed": {"id": "Ditujukan kepada", "en": "Addressed to"},
    "agenda_col_state": {"id": "Status", "en": "State"},
    "agenda_pdf_title": {
        "id": "Buku Agenda Naskah Masuk {unit} Tahun {year}",
        "en": "Incoming letters register, {unit}, {year}",
    },
    "agenda_empty": {
        "id": "Belum ada naskah masuk tercatat.",
        "en": "No incoming letter registered yet.",
    },
    "agenda_withheld": {
        "id": "(di atas izin akses Anda)",
        "en": "(above your clearance)",
    },
    # the page
    "incoming_page_tab_agenda": {"id": "Buku agenda", "en": "Register"},
    "incoming_page_tab_register": {"id": "Catat naskah masuk", "en": "Register a letter"},
    "incoming_page_tab_waiting": {"id": "Menunggu dicatat", "en": "Waiting to be registered"},
    "incoming_page_export_pdf": {"id": "Unduh PDF", "en": "Download PDF"},
    "incoming_page_tab_settings": {"id": "Pengaturan", "en": "Settings"},
    "incoming_page_unit": {"id": "Unit penerima", "en": "Receiving unit"},
    "incoming_page_year": {"id": "Tahun", "en": "Year"},
    "incoming_page_search": {"id": "Cari di buku agenda", "en": "Search the register"},
    "incoming_page_open": {"id": "Buka", "en": "Open"},
    "incoming_page_open_tab": {"id": "buka", "en": "open"},
    "incoming_page_no_units": {
        "id": "Anda tidak mencatat atau menyimpan naskah masuk unit mana pun. Naskah yang "
        "ditujukan atau didisposisikan kepada Anda ada di Kotak Masuk.",
        "en": "You do not register or keep any unit's incoming letters. Letters addressed or "
        "disposed to you are in the Inbox.",
    },
    "incoming_page_sender": {"id": "Pengirim (asal surat)", "en": "Sender"},
    "incoming_page_their_number": {"id": "Nomor surat", "en": "Letter number"},
    "incoming_page_their_date": {"id": "Tanggal surat", "en": "Letter date"},
    "incoming_page_received": {"id": "Tanggal diterima", "en": "Date received"},
    "incoming_page_hal": {"id": "Hal", "en": "Subject"},
    "incoming_page_summary": {"id": "Isi ringkas", "en": "Summary"},
    "incoming_page_sifat": {"id": "Sifat", "en": "Sifat"},
    "incoming_page_urgency": {"id": "Derajat kecepatan", "en": "Urgency"},
    "incoming_page_classification": {"id": "Klasifikasi", "en": "Classification"},
    "incoming_page_attachments_note": {"id": "Lampiran", "en": "Enclosures"},
    "incoming_page_addressed": {"id": "Ditujukan kepada", "en": "Addressed to"},
    "incoming_page_addressed_head": {
        "id": "Pimpinan unit (bawaan)",
        "en": "The unit's head (default)",
    },
    "incoming_page_files": {"id": "Pindaian atau PDF", "en": "Scan or PDF"},
    "incoming_page_save": {"id": "Catat", "en": "Register"},
    "incoming_page_registered": {
        "id": "Dicatat dengan nomor agenda {agenda}.",
        "en": "Registered as agenda number {agenda}.",
    },
    "incoming_page_file_refused": {
        "id": "{name}: tidak disimpan ({reason}).",
        "en": "{name}: not stored ({reason}).",
    },
    "incoming_page_file_duplicate": {
        "id": "{name}: sudah ada di arsip, tidak disimpan lagi.",
        "en": "{name}: already in the archive, not stored again.",
    },
    "incoming_page_waiting_empty": {
        "id": "Tidak ada naskah yang menunggu dicatat.",
        "en": "No letter waits to be registered.",
    },
    "incoming_page_register_one": {"id": "Catat", "en": "Register"},
    "incoming_page_agenda_empty": {
        "id": "Belum ada naskah masuk pada tahun ini.",
        "en": "No incoming letter this year.",
    },
    "incoming_page_facts": {"id": "Data naskah", "en": "The letter"},
    "incoming_page_agenda": {"id": "Nomor agenda", "en": "Agenda number"},
    "incoming_page_state": {"id": "Status", "en": "State"},
    "incoming_page_kind": {"id": "Diterima sebagai", "en": "Received as"},
    "incoming_page_source": {"id": "Asal", "en": "Source"},
    "incoming_page_registered_by": {"id": "Dicatat oleh", "en": "Registered by"},
    "incoming_page_letter": {"id": "Naskah keluar asal", "en": "The sent letter"},
    "incoming_page_documents": {"id": "Dokumen", "en": "Documents"},
    "incoming_page_no_documents": {
        "id": "Belum ada dokumen dalam berkas naskah ini.",
        "en": "No document in this letter's berkas yet.",
    },
    "incoming_page_thread": {"id": "Berkas di arsip", "en": "Berkas in the archive"},
    "incoming_page_page": {"id": "Halaman {page}", "en": "Page {page}"},
    "incoming_page_download": {"id": "Unduh", "en": "Download"},
    "incoming_page_replies": {"id": "Balasan", "en": "Replies"},
    "incoming_page_no_replies": {"id": "Belum ada balasan.", "en": "No reply yet."},
    "incoming_page_history": {"id": "Riwayat", "en": "History"},
    "incoming_page_when": {"id": "Waktu", "en": "When"},
    "incoming_page_who": {"id": "Oleh", "en": "By"},
    "incoming_page_what": {"id": "Kejadian", "en": "What"},
    "incoming_page_register_now": {
        "id": "Naskah ini belum dicatat. Catat sekarang?",
        "en": "This letter is not registered yet. Register it now?",
    },
    "incoming_page_back": {"id": "Kembali ke buku agenda", "en": "Back to the register"},
    "incoming_page_withheld": {"id": "(di atas izin akses Anda)", "en": "(above your clearance)"},
    "incoming_page_pattern": {"id": "Pola nomor agenda", "en": "Agenda number pattern"},
    "incoming_page_pattern_help": {
        "id": "Token: {tokens}. Kosongkan untuk memakai pola bawaan Pemda. Pola saat ini: "
        "{pattern}",
        "en": "Tokens: {tokens}. Leave empty to use the Pemda's default. Current pattern: "
        "{pattern}",
    },
    "incoming_page_pattern_save": {"id": "Simpan pola", "en": "Save the pattern"},
    "incoming_page_auto": {
        "id": "Catat otomatis naskah yang dikirim melalui Lontar",
        "en": "Register letters sent through Lontar automatically",
    },
    "incoming_page_saved": {"id": "Tersimpan.", "en": "Saved."},
}

register(MESSAGES)
