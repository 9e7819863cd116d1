"""Messages of the PPID's services and pages; merged into i18n.MESSAGES."""

from __future__ import annotations

from repository.core.i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    # -- errors -----------------------------------------------------------------------------------
    "form_invalid": {
        "id": "Permohonan belum dapat dikirim. Periksa isian berikut (isian Anda tetap ada):",
        "en": "The request cannot be sent yet. Check these fields (what you typed is kept):",
    },
    "field_required": {"id": "wajib diisi", "en": "required"},
    "field_too_long": {"id": "terlalu panjang", "en": "too long"},
    "nik_invalid": {
        "id": "NIK harus 16 angka sesuai KTP (kode wilayah, tanggal dan bulan lahir yang sah)",
        "en": "the NIK must be the 16 digits of the ID card (valid region, birth day and month)",
    },
    "email_invalid": {"id": "alamat email tidak sah", "en": "not a valid email address"},
    "phone_invalid": {"id": "nomor telepon tidak sah", "en": "not a valid phone number"},
    "choice_invalid": {"id": "pilih salah satu pilihan", "en": "choose one of the options"},
    "id_card_required": {"id": "unggah pindaian KTP", "en": "upload a scan of the ID card"},
    "id_card_too_big": {"id": "berkas lebih dari 5 MB", "en": "file over 5 MB"},
    "id_card_type": {"id": "harus JPEG, PNG atau PDF", "en": "must be JPEG, PNG or PDF"},
    "challenge_wrong": {
        "id": "Jawaban pertanyaan pengaman salah atau kedaluwarsa. Coba lagi.",
        "en": "The answer to the safety question is wrong or expired. Try again.",
    },
    "too_many_attempts": {
        "id": "Terlalu banyak percobaan dari alamat ini. Coba lagi dalam {minutes} menit.",
        "en": "Too many attempts from this address. Try again in {minutes} minutes.",
    },
    "request_lookup_failed": {
        "id": "Nomor pendaftaran dan email/NIK tidak cocok dengan permohonan mana pun.",
        "en": "The registration number and email/NIK match no request.",
    },
    "no_such_request": {
        "id": "Permohonan {number} tidak ada atau bukan tugas Anda.",
        "en": "Request {number} does not exist or is not yours to handle.",
    },
    "no_such_objection": {"id": "Keberatan {number} tidak ada.", "en": "No objection {number}."},
    "request_decided": {
        "id": "Permohonan {number} sudah diputus.",
        "en": "Request {number} has been decided.",
    },
    "request_undecided": {
        "id": "Permohonan {number} belum diputus.",
        "en": "Request {number} has not been decided yet.",
    },
    "request_unassigned": {
        "id": "Tugaskan dulu permohonan {number} kepada PPID Pelaksana.",
        "en": "Assign request {number} to a PPID Pelaksana first.",
    },
    "not_a_pelaksana": {
        "id": "{name} bukan PPID Pelaksana pada {unit}.",
        "en": "{name} is not a PPID Pelaksana in {unit}.",
    },
    "already_extended": {
        "id": "Permohonan {number} sudah pernah diperpanjang (hanya sekali, 7 hari kerja).",
        "en": "Request {number} was already extended (once only, 7 working days).",
    },
    "extension_reason_required": {
        "id": "Perpanjangan wajib disertai alasan tertulis.",
        "en": "An extension needs written reasons.",
    },
    "extension_too_late": {
        "id": "Batas 10 hari kerja permohonan {number} sudah lewat; perpanjangan tidak bisa lagi.",
        "en": "The 10 working days of request {number} have passed; it can no longer be extended.",
    },
    "bad_decision": {
        "id": "Keputusan harus salah satu dari: {choices}.",
        "en": "The decision must be one of: {choices}.",
    },
    "ground_required": {
        "id": "Pilih alasan pengecualian UU KIP Pasal 17 (huruf a–j).",
        "en": "Choose the UU KIP Pasal 17 exemption ground (a–j).",
    },
    "test_required": {
        "id": "Tautkan uji konsekuensi (DIK) untuk Pasal 17 huruf {ground}.",
        "en": "Link a consequence test (DIK entry) for Pasal 17 letter {ground}.",
    },
    "redactions_required": {
        "id": "Sebutkan bagian yang dihitamkan dan alasannya.",
        "en": "Say which parts are blacked out and why.",
    },
    "holder_required": {
        "id": "Sebutkan badan publik yang menguasai informasi tersebut.",
        "en": "Name the public body that holds the information.",
    },
    "nothing_to_release": {
        "id": "Keputusan ini tidak memberikan dokumen.",
        "en": "This decision releases no documents.",
    },
    "bad_cost": {"id": "Biaya tidak boleh negatif.", "en": "The cost cannot be negative."},
    "release_not_public": {
        "id": "Arsip {id} bukan klasifikasi Biasa/Terbuka; berikan salinan yang sudah dihitamkan.",
        "en": "Record {id} is not class Biasa/Terbuka; release a redacted copy instead.",
    },
    "release_exempt": {
        "id": "Arsip {id} termasuk informasi yang dikecualikan (DIK).",
        "en": "Record {id} is listed as exempt information (DIK).",
    },
    "objection_too_early": {
        "id": "Keberatan dapat diajukan setelah ada keputusan atau batas waktu jawaban lewat.",
        "en": "An objection can be filed after a decision or once the answer is overdue.",
    },
    "objection_too_late": {
        "id": "Batas 30 hari kerja untuk mengajukan keberatan atas permohonan {number} "
        "sudah lewat.",
        "en": "The 30 working days to object to request {number} have passed.",
    },
    "objection_grounds_required": {
        "id": "Pilih sedikitnya satu alasan keberatan (Pasal 35).",
        "en": "Choose at least one ground (Pasal 35).",
    },
    "objection_open": {
        "id": "Masih ada keberatan atas permohonan {number} yang belum dijawab.",
        "en": "An objection to request {number} is still waiting for its answer.",
    },
    "objection_decided": {
        "id": "Keberatan {number} sudah dijawab.",
        "en": "Objection {number} has been answered.",
    },
    "objection_reasons_required": {
        "id": "Tanggapan atasan PPID memerlukan alasan dan nama pejabat.",
        "en": "The Atasan PPID's answer needs reasons and the official's name.",
    },
    "dip_incomplete": {
        "id": "Isi ringkasan, unit, dan kategori ({choices}).",
        "en": "Fill in the summary, unit and category ({choices}).",
    },
    "no_such_entry": {"id": "Entri {id} tidak ada.", "en": "No entry {id}."},
    "test_incomplete": {
        "id": "Uji konsekuensi wajib memuat informasi, dasar hukum, akibat bila dibuka, dan "
        "kepentingan publik yang ditimbang.",
        "en": "A consequence test needs the information, the legal basis, the harm of disclosure "
        "and the public interest weighed.",
    },
    "bad_exemption_years": {
        "id": "Jangka waktu pengecualian harus 1 sampai {most} tahun.",
        "en": "The exemption period must be 1 to {most} years.",
    },
    # -- fields -----------------------------------------------------------------------------------
    "field_name": {"id": "Nama", "en": "Name"},
    "field_address": {"id": "Alamat", "en": "Address"},
    "field_occupation": {"id": "Pekerjaan", "en": "Occupation"},
    "field_email": {"id": "Email", "en": "Email"},
    "field_phone": {"id": "Telepon", "en": "Phone"},
    "field_nik": {"id": "NIK", "en": "National ID number (NIK)"},
    "field_kind": {"id": "Jenis pemohon", "en": "Requester"},
    "field_organisation": {"id": "Nama organisasi", "en": "Organisation"},
    "field_information": {"id": "Informasi yang diminta", "en": "Information requested"},
    "field_purpose": {"id": "Tujuan penggunaan", "en": "Purpose"},
    "field_obtain": {"id": "Cara memperoleh informasi", "en": "How to obtain it"},
    "field_delivery": {"id": "Cara mendapatkan salinan", "en": "How to receive a copy"},
    "field_id_card": {"id": "Pindaian KTP", "en": "ID card scan"},
    "kind_perorangan": {"id": "Perorangan", "en": "Individual"},
    "kind_organisasi": {"id": "Organisasi / badan hukum", "en": "Organisation"},
    "obtain_melihat": {"id": "Melihat", "en": "View"},
    "obtain_membaca": {"id": "Membaca", "en": "Read"},
    "obtain_mendengarkan": {"id": "Mendengarkan", "en": "Listen"},
    "obtain_mencatat": {"id": "Mencatat", "en": "Take notes"},
    "obtain_hardcopy": {"id": "Salinan cetak (hardcopy)", "en": "Printed copy"},
    "obtain_softcopy": {"id": "Salinan elektronik (softcopy)", "en": "Electronic copy"},
    "delivery_mengambil_langsung": {"id": "Mengambil langsung", "en": "Pick up"},
    "delivery_kurir": {"id": "Kurir", "en": "Courier"},
    "delivery_pos": {"id": "Pos", "en": "Post"},
    "delivery_faksimili": {"id": "Faksimili", "en": "Fax"},
    "delivery_email": {"id": "Email", "en": "Email"},
    # -- pages ------------------------------------------------------------------------------------
    "nav_request": {"id": "Permohonan Informasi", "en": "Information request"},
    "nav_request_status": {"id": "Status Permohonan", "en": "Request status"},
    "nav_dip": {"id": "Daftar Informasi Publik", "en": "Public information list"},
    "nav_ppid": {"id": "Layanan PPID", "en": "PPID desk"},
    "nav_ppid_registers": {"id": "Register & Laporan PPID", "en": "PPID registers & report"},
    "request_intro": {
        "id": "Setiap orang berhak meminta informasi publik (UU 14/2008). Jawaban tertulis "
        "diberikan paling lambat 10 hari kerja, dapat diperpanjang 7 hari kerja dengan alasan.",
        "en": "Everyone may request public information (UU 14/2008). A written answer comes "
        "within 10 working days, extendable by 7 with reasons.",
    },
    "challenge_question": {
        "id": "Pertanyaan pengaman: berapa {question}?",
        "en": "Safety question: what is {question}?",
    },
    "request_send": {"id": "Kirim permohonan", "en": "Send the request"},
    "request_sent": {
        "id": "Permohonan terdaftar dengan nomor **{number}**. Simpan nomor ini. Jawaban paling "
        "lambat {answer_due} (bila diperpanjang: {extended_due}).",
        "en": "Request registered as **{number}**. Keep this number. Answer due by {answer_due} "
        "(if extended: {extended_due}).",
    },
    "status_secret": {"id": "Email atau NIK yang dipakai", "en": "Email or NIK you used"},
    "status_number": {"id": "Nomor pendaftaran", "en": "Registration number"},
    "status_open": {"id": "Lihat status", "en": "Show status"},
    "status_due": {"id": "Batas waktu jawaban", "en": "Answer due"},
    "status_decision": {"id": "Keputusan", "en": "Decision"},
    "status_released": {"id": "Dokumen yang diberikan", "en": "Documents released"},
    "status_notice": {
        "id": "Unduh pemberitahuan tertulis (PDF)",
        "en": "Download the notice (PDF)",
    },
    "objection_title": {"id": "Ajukan keberatan", "en": "File an objection"},
    "objection_until": {
        "id": "Keberatan dapat diajukan sampai {day}.",
        "en": "An objection can be filed until {day}.",
    },
    "objection_sent": {
        "id": "Keberatan terdaftar: **{number}**. Tanggapan atasan PPID paling lambat "
        "{answer_due}.",
        "en": "Objection registered: **{number}**. The Atasan PPID answers by {answer_due}.",
    },
    "objection_grounds": {"id": "Alasan keberatan (Pasal 35)", "en": "Grounds (Pasal 35)"},
    "state_received": {"id": "diterima", "en": "received"},
    "state_in_process": {"id": "diproses", "en": "in process"},
    "state_decided": {"id": "diputus", "en": "decided"},
    "flag_due_soon": {"id": "segera jatuh tempo", "en": "due soon"},
    "flag_overdue": {"id": "terlambat", "en": "overdue"},
    "decision_granted": {"id": "Dikabulkan seluruhnya", "en": "Granted in full"},
    "decision_partial": {"id": "Dikabulkan sebagian", "en": "Granted in part"},
    "decision_refused": {"id": "Ditolak", "en": "Refused"},
    "decision_not_held": {"id": "Informasi tidak dikuasai", "en": "Not held"},
    "category_berkala": {"id": "Berkala", "en": "Periodic"},
    "category_serta_merta": {"id": "Serta merta", "en": "Immediate"},
    "category_setiap_saat": {"id": "Setiap saat", "en": "At any time"},
    "dik_title": {"id": "Daftar Informasi yang Dikecualikan", "en": "Exempt information"},
    "ppid_open": {"id": "Permohonan belum diputus", "en": "Requests not yet decided"},
    "ppid_queue": {"id": "Antrean permohonan", "en": "Request queue"},
    "ppid_none": {"id": "Tidak ada permohonan terbuka.", "en": "No open requests."},
    "ppid_pick_hint": {
        "id": "Klik nomor pendaftaran untuk membuka permohonan.",
        "en": "Click a registration number to open its request.",
    },
    "ppid_assign": {"id": "Tugaskan", "en": "Assign"},
    "ppid_assignee": {"id": "PPID Pelaksana (nama akun)", "en": "PPID Pelaksana (account)"},
    "ppid_extend": {"id": "Perpanjang 7 hari kerja", "en": "Extend by 7 working days"},
    "ppid_extend_reason": {"id": "Alasan perpanjangan", "en": "Reasons for the extension"},
    "ppid_decide": {"id": "Putuskan", "en": "Decide"},
    "ppid_ground": {"id": "Alasan Pasal 17", "en": "Pasal 17 ground"},
    "ppid_test": {"id": "Uji konsekuensi (DIK)", "en": "Consequence test (DIK)"},
    "ppid_holder": {"id": "Badan publik yang menguasai", "en": "Body that holds it"},
    "ppid_redactions": {
        "id": "Bagian yang dihitamkan dan alasannya",
        "en": "Parts blacked out, why",
    },
    "ppid_form": {"id": "Bentuk informasi", "en": "Form of the information"},
    "ppid_cost": {"id": "Biaya penyalinan/pengiriman (Rp)", "en": "Copying/delivery cost (Rp)"},
    "ppid_released": {
        "id": "Dokumen dari repositori (ID, pisahkan dengan spasi)",
        "en": "Documents from the repository (ids, space-separated)",
    },
    "ppid_concerned": {"id": "Arsip yang memuat informasi", "en": "Records holding it"},
    "ppid_notice": {"id": "Pemberitahuan tertulis (PDF)", "en": "Written notice (PDF)"},
    "ppid_id_card": {"id": "Unduh pindaian KTP", "en": "Download the ID card scan"},
    "ppid_objections": {"id": "Keberatan", "en": "Objections"},
    "ppid_objection_decide": {"id": "Tanggapan atasan PPID", "en": "Atasan PPID's answer"},
    "objection_accepted": {
        "id": "Diterima (PPID memutus ulang)",
        "en": "Accepted (PPID decides again)",
    },
    "objection_rejected": {"id": "Ditolak", "en": "Rejected"},
    "ppid_official": {"id": "Nama atasan PPID", "en": "Atasan PPID's name"},
    "ppid_year": {"id": "Tahun laporan", "en": "Report year"},
    "ppid_report": {"id": "Laporan tahunan", "en": "Annual report"},
    "ppid_report_pdf": {"id": "Unduh laporan (PDF)", "en": "Download the report (PDF)"},
    "ppid_requests_register": {"id": "Register permohonan", "en": "Request register"},
    "ppid_objections_register": {"id": "Register keberatan", "en": "Objection register"},
    "ppid_dip_add": {"id": "Tambah entri DIP", "en": "Add a DIP entry"},
    "ppid_dik_add": {"id": "Tambah hasil uji konsekuensi", "en": "Add a consequence test"},
    "dip_category": {"id": "Kategori", "en": "Category"},
    "dip_summary": {"id": "Ringkasan informasi", "en": "Summary"},
    "dip_responsible": {"id": "Penanggung jawab", "en": "Responsible"},
    "dip_made": {"id": "Waktu dan tempat pembuatan", "en": "When and where made"},
    "dip_formats": {"id": "Bentuk yang tersedia", "en": "Forms available"},
    "dip_retention": {"id": "Jangka waktu penyimpanan", "en": "Retention"},
    "dip_records": {"id": "Arsip terkait", "en": "Linked records"},
    "dik_information": {"id": "Informasi", "en": "Information"},
    "dik_legal_basis": {"id": "Dasar hukum", "en": "Legal basis"},
    "dik_harm": {"id": "Akibat bila dibuka", "en": "Harm of disclosure"},
    "dik_public_interest": {"id": "Kepentingan publik yang ditimbang", "en": "Public interest"},
    "dik_years": {"id": "Jangka waktu pengecualian (tahun)", "en": "Exempt for (years)"},
    "dik_expires": {"id": "Berakhir", "en": "Expires"},
    "dik_decree": {"id": "Nomor penetapan", "en": "Decision number"},
    "ppid_working_day": {
        "id": "Hari kerja (walau tercantum sebagai libur)",
        "en": "A working day (though listed as a holiday)",
    },
    "ppid_days": {"id": "Hari kerja tersisa", "en": "Working days left"},
    "chart_decisions": {"id": "Keputusan", "en": "Decisions"},
    "chart_days": {"id": "Waktu jawaban (hari kerja)", "en": "Time to answer (working days)"},
    # -- register columns and report figures ------------------------------------------------------
    **{
        f"reg_{key}": {"id": ind, "en": eng}
        for key, ind, eng in (
            ("number", "Nomor", "Number"),
            ("received", "Tanggal diterima", "Received"),
            ("requester", "Pemohon", "Requester"),
            ("kind", "Jenis", "Kind"),
            ("information", "Informasi yang diminta", "Information requested"),
            ("purpose", "Tujuan", "Purpose"),
            ("unit", "OPD", "OPD"),
            ("held", "Dikuasai", "Held"),
            ("form", "Bentuk", "Form"),
            ("decision", "Keputusan", "Decision"),
            ("refusal_ground", "Alasan penolakan", "Refusal ground"),
            ("answered_on", "Tanggal jawaban tertulis", "Answered on"),
            ("due", "Batas waktu", "Due"),
            ("extended", "Diperpanjang", "Extended"),
            ("working_days", "Hari kerja", "Working days"),
            ("cost", "Biaya (Rp)", "Cost (Rp)"),
            ("filed", "Tanggal diajukan", "Filed"),
            ("answer_due", "Batas tanggapan", "Answer due"),
            ("request", "Nomor permohonan", "Request"),
            ("grounds", "Alasan keberatan", "Grounds"),
            ("reasons", "Uraian", "Reasons"),
            ("decided_on", "Tanggal tanggapan", "Answered on"),
            ("decided_by", "Pejabat yang memutus", "Decided by"),
            ("dispute", "Sengketa ke KI", "Dispute"),
            ("dispute_outcome", "Putusan sengketa", "Dispute outcome"),
        )
    },
    **{
        f"report_{key}": {"id": ind, "en": eng}
        for key, ind, eng in (
            ("year", "Tahun", "Year"),
            ("requests", "Jumlah permohonan", "Requests"),
            ("decided", "Diputus", "Decided"),
            ("granted", "Dikabulkan seluruhnya", "Granted in full"),
            ("partial", "Dikabulkan sebagian", "Granted in part"),
            ("refused", "Ditolak", "Refused"),
            ("not_held", "Tidak dikuasai", "Not held"),
            ("undecided", "Belum diputus", "Undecided"),
            ("extended", "Diperpanjang", "Extended"),
            ("within_10_days", "Dijawab dalam 10 hari kerja", "Answered within 10 days"),
            ("days_mean", "Rata-rata hari kerja", "Mean working days"),
            ("days_median", "Median hari kerja", "Median working days"),
            ("days_max", "Terlama (hari kerja)", "Longest (working days)"),
            ("objections", "Keberatan", "Objections"),
            ("objections_accepted", "Keberatan diterima", "Objections accepted"),
            ("objections_rejected", "Keberatan ditolak", "Objections rejected"),
            ("objections_open", "Keberatan belum dijawab", "Objections open"),
            ("disputes", "Sengketa ke Komisi Informasi", "Disputes"),
            ("made_on", "Dibuat", "Made on"),
        )
    },
    "ppid_calendar": {"id": "Kalender hari kerja", "en": "Working-day calendar"},
    # -- a request's history on the officers' desk ------------------------------------------------
    "ppid_history": {"id": "Riwayat permohonan", "en": "History of the request"},
    "ppid_requester_actor": {"id": "pemohon", "en": "requester"},
    **{
        f"ppid_step_{key}": {"id": ind, "en": eng}
        for key, ind, eng in (
            ("filed", "Permohonan diajukan", "Request filed"),
            ("assigned", "Ditugaskan", "Assigned"),
            ("extended", "Diperpanjang", "Extended"),
            ("concerned", "Arsip terkait ditetapkan", "Records named"),
            ("decided", "Diputus", "Decided"),
            ("objection", "Keberatan diajukan", "Objection filed"),
            ("objection_decided", "Keberatan ditanggapi", "Objection answered"),
        )
    },
    "ppid_step_notified": {"id": "Pemberitahuan disampaikan", "en": "Notice sent"},
    # -- a history line's detail: `history_ppid_<what>` with the step's parameters ----------------
    "history_ppid_filed": {"id": "-", "en": "-"},
    "history_ppid_assigned": {
        "id": "kepada {account} ({unit})",
        "en": "to {account} ({unit})",
    },
    "history_ppid_extended": {"id": "alasan: {reason}", "en": "reason: {reason}"},
    "history_ppid_concerned": {"id": "{records}", "en": "{records}"},
    "history_ppid_decided": {"id": "{decision}", "en": "{decision}"},
    "history_ppid_objection": {"id": "keberatan {objection}", "en": "objection {objection}"},
    "history_ppid_objection_decided": {
        "id": "keberatan {objection}: {outcome}",
        "en": "objection {objection}: {outcome}",
    },
    "history_ppid_notified": {"id": "-", "en": "-"},
    # -- audit actions the PPID services record ---------------------------------------------------
    **{
        f"audit_action_{key}": {"id": ind, "en": eng}
        for key, ind, eng in (
            ("ppid_filed", "Permohonan informasi diajukan", "Information request filed"),
            ("ppid_status", "Status permohonan dilihat", "Request status looked up"),
            ("ppid_objection", "Keberatan diajukan", "Objection filed"),
            ("ppid_assigned", "Permohonan ditugaskan", "Request assigned"),
            ("ppid_extended", "Permohonan diperpanjang", "Request extended"),
            ("ppid_concerned", "Arsip terkait permohonan ditetapkan", "Records named"),
            ("ppid_decided", "Permohonan diputus", "Request decided"),
            ("ppid_notified", "Pemberitahuan tertulis disampaikan", "Written notice sent"),
            ("ppid_id_card_viewed", "Pindaian KTP pemohon dilihat", "Requester's ID card viewed"),
            ("ppid_objection_decided", "Keberatan ditanggapi", "Objection answered"),
            ("ppid_dispute", "Sengketa informasi dicatat", "Information dispute recorded"),
            ("ppid_dip_saved", "Entri DIP disimpan", "DIP entry saved"),
            ("ppid_dik_saved", "Uji konsekuensi (DIK) disimpan", "Consequence test (DIK) saved"),
            ("ppid_calendar", "Kalender hari kerja PPID diubah", "PPID calendar changed"),
        )
    },
    # -- the desk: steps, what is next, the pickers -----------------------------------------------
    "ppid_steps": {"id": "Langkah", "en": "Steps"},
    "ppid_step_label_assign": {"id": "1. Tugaskan", "en": "1. Assign"},
    "ppid_step_label_decide": {"id": "2. Putuskan", "en": "2. Decide"},
    "ppid_step_label_notify": {"id": "3. Beri tahu pemohon", "en": "3. Notify the requester"},
    "ppid_next_assign": {
        "id": "Berikutnya: tugaskan permohonan kepada PPID Pelaksana OPD yang menguasai "
        "informasinya.",
        "en": "Next: assign the request to a PPID Pelaksana of the OPD that holds the information.",
    },
    "ppid_next_decide": {
        "id": "Berikutnya: putuskan permohonan paling lambat {due}.",
        "en": "Next: decide the request by {due}.",
    },
    "ppid_next_notify": {
        "id": "Berikutnya: kirim pemberitahuan tertulis kepada pemohon ({delivery}), lalu "
        "tandai sudah disampaikan.",
        "en": "Next: send the written notice to the requester ({delivery}), then mark it sent.",
    },
    "ppid_next_done": {
        "id": "Selesai: pemberitahuan disampaikan pada {day}.",
        "en": "Done: the notice was sent on {day}.",
    },
    "ppid_next": {"id": "Berikutnya", "en": "Next"},
    "ppid_notify_tab": {"id": "Pemberitahuan", "en": "Notice"},
    "ppid_notify": {"id": "Tandai pemberitahuan sudah disampaikan", "en": "Mark the notice sent"},
    "ppid_notified_done": {
        "id": "Pemberitahuan tercatat sudah disampaikan.",
        "en": "The notice is recorded as sent.",
    },
    "ppid_no_objections": {
        "id": "Tidak ada keberatan yang menunggu tanggapan.",
        "en": "No objections waiting for an answer.",
    },
    "ppid_released_pick": {
        "id": "Dokumen yang diberikan (hanya arsip terbuka, kelas B)",
        "en": "Documents released (open records only, class B)",
    },
    "ppid_concerned_pick": {"id": "Arsip yang memuat informasi", "en": "Records holding it"},
    "ppid_choose": {"id": "Pilih", "en": "Choose"},
    "ppid_choose_unit": {"id": "Pilih unit", "en": "Choose a unit"},
    "ppid_choose_account": {"id": "Pilih PPID Pelaksana", "en": "Choose a PPID Pelaksana"},
    "ppid_no_pelaksana": {
        "id": "Unit ini belum punya PPID Pelaksana. Minta administrator memberi peran PPID "
        "kepada akun di unit ini.",
        "en": "This unit has no PPID Pelaksana yet. Ask the administrator to give an account "
        "there the PPID role.",
    },
    "ppid_no_units": {
        "id": "Anda tidak dapat menugaskan permohonan di unit mana pun.",
        "en": "You may not assign requests in any unit.",
    },
    "ppid_fields_for": {
        "id": "Isian untuk keputusan: {decision}",
        "en": "Fields for the decision: {decision}",
    },
    "ppid_released_none": {"id": "Belum ada dokumen yang dipilih.", "en": "No documents chosen."},
    "ppid_notice_number": {"id": "Nomor pemberitahuan", "en": "Notice number"},
    "ppid_concerned_list": {"id": "Arsip terkait", "en": "Records named"},
    "ppid_no_number": {"id": "-", "en": "-"},
    # -- the requester's side ---------------------------------------------------------------------
    "decision_pending": {"id": "belum diputus", "en": "not decided yet"},
    "request_stage": {"id": "Tahap", "en": "Stage"},
    "request_received_on": {"id": "Diterima", "en": "Received"},
    "request_extended": {"id": "diperpanjang: {reason}", "en": "extended: {reason}"},
    "request_receipt": {
        "id": "Unduh tanda bukti permohonan (PDF)",
        "en": "Download the receipt (PDF)",
    },
    "request_receipt_hint": {
        "id": "Simpan atau cetak tanda bukti ini; di dalamnya ada nomor dan batas waktu jawaban.",
        "en": "Save or print this receipt; it holds the number and the answer's due date.",
    },
    "ppid_choose_options": {"id": "Pilih satu atau lebih", "en": "Choose one or more"},
    "ppid_choose_one": {"id": "Pilih salah satu", "en": "Choose one"},
    "field_id_card_help": {
        "id": "JPEG, PNG atau PDF, paling besar 5 MB.",
        "en": "JPEG, PNG or PDF, 5 MB at most.",
    },
    "reg_yes": {"id": "ya", "en": "yes"},
    "reg_no": {"id": "tidak", "en": "no"},
    "reg_objection_accepted": {"id": "diterima", "en": "accepted"},
    "reg_objection_rejected": {"id": "ditolak", "en": "rejected"},
    "dip_no": {"id": "No", "en": "No."},
    "ppid_calendar_date": {"id": "Tanggal", "en": "Date"},
    "ppid_calendar_reason": {"id": "Keterangan", "en": "Reason"},
    # -- the notice and the receipt (PDF) ---------------------------------------------------------
    "doc_letterhead": {
        "id": "PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI (PPID)",
        "en": "INFORMATION AND DOCUMENTATION OFFICER (PPID)",
    },
    "doc_number": {"id": "Nomor: {number}", "en": "Number: {number}"},
    "doc_basis": {
        "id": "atas permohonan informasi publik (UU 14/2008, Perki 1/2021)",
        "en": "on a request for public information (UU 14/2008, Perki 1/2021)",
    },
    "doc_notice_title": {"id": "PEMBERITAHUAN TERTULIS", "en": "WRITTEN NOTICE"},
    "doc_receipt_title": {
        "id": "TANDA BUKTI PERMOHONAN INFORMASI PUBLIK",
        "en": "RECEIPT OF A PUBLIC INFORMATION REQUEST",
    },
    "doc_registration": {"id": "Nomor pendaftaran", "en": "Registration number"},
    "doc_received": {"id": "Tanggal diterima", "en": "Received"},
    "doc_requester": {"id": "Nama pemohon", "en": "Requester"},
    "doc_kind": {"id": "Jenis pemohon", "en": "Kind of requester"},
    "doc_contact": {"id": "Alamat / kontak", "en": "Address / contact"},
    "doc_information": {"id": "Informasi yang diminta", "en": "Information requested"},
    "doc_purpose": {"id": "Tujuan penggunaan", "en": "Purpose"},
    "doc_obtain": {"id": "Cara memperoleh informasi", "en": "How to obtain it"},
    "doc_held": {"id": "Penguasaan informasi", "en": "Who holds the information"},
    "doc_held_here": {
        "id": "Informasi dikuasai oleh badan publik ini",
        "en": "This public body holds the information",
    },
    "doc_held_elsewhere": {
        "id": "Tidak dikuasai; informasi dikuasai oleh {holder}",
        "en": "Not held here; it is held by {holder}",
    },
    "doc_decision": {"id": "Keputusan", "en": "Decision"},
    "doc_ground": {"id": "Alasan pengecualian", "en": "Exemption ground"},
    "doc_ground_text": {
        "id": "UU 14/2008 Pasal 17 huruf {ground}: {text}; uji konsekuensi {test}",
        "en": "UU 14/2008 Pasal 17 letter {ground}: {text}; consequence test {test}",
    },
    "doc_redactions": {"id": "Bagian yang dihitamkan", "en": "Parts blacked out"},
    "doc_form": {"id": "Bentuk informasi", "en": "Form of the information"},
    "doc_delivery": {"id": "Cara penyampaian", "en": "How it is delivered"},
    "doc_cost": {"id": "Biaya", "en": "Cost"},
    "doc_cost_text": {
        "id": "Rp {amount} (penyalinan/pengiriman; informasinya tidak dipungut biaya)",
        "en": "Rp {amount} (copying/delivery; the information itself is free)",
    },
    "doc_when": {"id": "Waktu penyediaan", "en": "When it is provided"},
    "doc_when_text": {"id": "{day} (batas waktu {due})", "en": "{day} (due by {due})"},
    "doc_extended": {"id": "diperpanjang: {reason}", "en": "extended: {reason}"},
    "doc_released": {"id": "Dokumen yang diberikan", "en": "Documents released"},
    "doc_objection_right": {"id": "Hak mengajukan keberatan", "en": "Right to object"},
    "doc_objection_text": {
        "id": "apabila tidak puas, pemohon dapat mengajukan keberatan kepada Atasan PPID paling "
        "lambat 30 hari kerja sejak pemberitahuan ini diterima (UU 14/2008 Pasal 35–36), "
        "melalui halaman Status Permohonan dengan nomor {number}.",
        "en": "a requester who is not satisfied may object to the Atasan PPID within 30 working "
        "days of receiving this notice (UU 14/2008 Pasal 35–36), on the Status Permohonan page "
        "with number {number}.",
    },
    "doc_officer": {
        "id": "Pejabat Pengelola Informasi dan Dokumentasi",
        "en": "Information and Documentation Officer",
    },
    "doc_due": {"id": "Batas waktu jawaban", "en": "Answer due"},
    "doc_due_text": {
        "id": "{due} (10 hari kerja; bila diperpanjang dengan alasan tertulis: {extended})",
        "en": "{due} (10 working days; if extended with written reasons: {extended})",
    },
    "doc_how_to_check": {
        "id": "Cek status permohonan di halaman Status Permohonan "
        "(/Status_Permohonan?nomor={number}) dengan nomor pendaftaran ini dan email atau NIK "
        "yang Anda pakai.",
        "en": "Follow the request on the Status Permohonan page "
        "(/Status_Permohonan?nomor={number}) with this registration number and the email or "
        "NIK you used.",
    },
    "doc_keep_receipt": {
        "id": "Tanda bukti ini dibuat oleh sistem dan sah tanpa tanda tangan.",
        "en": "This receipt is made by the system and valid without a signature.",
    },
}

register(MESSAGES)
