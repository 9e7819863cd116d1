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
}

register(MESSAGES)
