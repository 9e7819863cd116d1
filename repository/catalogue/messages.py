"""The catalogue's message catalogue, in Bahasa Indonesia and English."""

from __future__ import annotations

from repository.core.i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    # -- core (publication, descriptions) -----------------------------------------------
    "nav_catalogue": {"id": "Katalog", "en": "Catalogue"},
    "nav_selection": {"id": "Daftar Pilihan", "en": "Selection list"},
    "nav_publish": {"id": "Publikasi Katalog", "en": "Catalogue publication"},
    "catalogue_publish_level": {
        "id": "Hanya fonds, seri atau berkas yang dapat dipublikasikan (bukan {level}).",
        "en": "Only a fonds, series or file can be published (not {level}).",
    },
    "catalogue_publish_class": {
        "id": "Hanya arsip berklasifikasi Biasa yang dapat dipublikasikan (ini {security}).",
        "en": "Only records of class Biasa (B) can be published (this one is {security}).",
    },
    "catalogue_publish_class_above": {
        "id": "Arsip di dalam {refcode} {title} (klasifikasi {security}) tidak dapat "
        "dipublikasikan: hanya arsip yang semua induknya berklasifikasi Biasa yang dapat tampil "
        "di katalog.",
        "en": "Nothing inside {refcode} {title} (class {security}) can be published: only "
        "records whose every parent is of class Biasa (B) can appear in the catalogue.",
    },
    "catalogue_no_downloads": {
        "id": "Berkas arsip ini tidak boleh diunduh; lihat syarat reproduksinya.",
        "en": "The files of this record may not be downloaded; see its conditions of reproduction.",
    },
    "catalogue_not_published": {
        "id": "Arsip ini tidak dipublikasikan di katalog.",
        "en": "This record is not published in the catalogue.",
    },
    "catalogue_bad_language": {
        "id": "Kode bahasa tidak dikenal: {value}. Gunakan kode ISO 639-2, mis. ind, eng, jav.",
        "en": "Unknown language code: {value}. Use ISO 639-2 codes, e.g. ind, eng, jav.",
    },
    "audit_action_published": {"id": "Dipublikasikan ke katalog", "en": "Published"},
    "audit_action_unpublished": {"id": "Ditarik dari katalog", "en": "Withdrawn from catalogue"},
    "audit_action_described": {"id": "Deskripsi arsip diubah", "en": "Description edited"},
    "audit_action_catalogue_viewed": {"id": "Dibuka di katalog", "en": "Opened in catalogue"},
    "history_published": {
        "id": "Dipublikasikan ke katalog publik.",
        "en": "Published to the public catalogue.",
    },
    "history_unpublished": {
        "id": "Ditarik dari katalog publik.",
        "en": "Withdrawn from the public catalogue.",
    },
    # -- BEGIN helper A (EAD, Dublin Core) -----------------------------------------------
    "cat_ead_written": {
        "id": "EAD 2002 untuk {id} ditulis ke {path} ({size} bita).",
        "en": "EAD 2002 of {id} written to {path} ({size} bytes).",
    },
    "cat_dc_written": {
        "id": "Dublin Core untuk {id} ditulis ke {path} ({size} bita).",
        "en": "Dublin Core of {id} written to {path} ({size} bytes).",
    },
    # -- END helper A --------------------------------------------------------------------
    # -- BEGIN helper B (OAI-PMH) --------------------------------------------------------
    "cat_oai_repository": {"id": "Katalog Arsip {name}", "en": "Archives catalogue of {name}"},
    "cat_oai_level_set": {"id": "Tingkat {level}", "en": "Level: {level}"},
    # -- END helper B --------------------------------------------------------------------
    # -- BEGIN helper C (Katalog pages) --------------------------------------------------
    "kat_intro": {
        "id": "Arsip yang dipublikasikan untuk umum: cari dengan kata, saring dengan faset, "
        "atau telusuri pohon khazanah.",
        "en": "Records published for the public: search by word, narrow with the facets, "
        "or walk the tree of holdings.",
    },
    "kat_search_label": {"id": "Cari di katalog", "en": "Search the catalogue"},
    "kat_search_help": {
        "id": "Kata dalam judul, uraian atau isi berkas; kosongkan untuk melihat semuanya.",
        "en": "Words in the title, description or the file's text; leave empty to see all.",
    },
    "kat_search_button": {"id": "Cari", "en": "Search"},
    "kat_year_from": {"id": "Dari tahun", "en": "From year"},
    "kat_year_to": {"id": "Sampai tahun", "en": "To year"},
    "kat_sort": {"id": "Urutan", "en": "Order"},
    "kat_results": {"id": "{total} arsip ditemukan", "en": "{total} records found"},
    "kat_no_results": {
        "id": "Tidak ada arsip publik yang cocok. Coba kata lain atau lepaskan saringan.",
        "en": "No public record matches. Try other words or remove a filter.",
    },
    "kat_empty": {
        "id": "Belum ada arsip yang dipublikasikan di katalog.",
        "en": "Nothing has been published in the catalogue yet.",
    },
    "kat_filters": {"id": "Saringan aktif", "en": "Active filters"},
    "kat_filter_remove": {"id": "{name}: {value} ✕", "en": "{name}: {value} ✕"},
    "kat_filters_clear": {"id": "Hapus semua saringan", "en": "Clear all filters"},
    "kat_facets": {"id": "Saring hasil", "en": "Narrow the results"},
    "kat_facet_level": {"id": "Tingkat deskripsi", "en": "Level of description"},
    "kat_facet_unit": {"id": "OPD / unit pengolah", "en": "Agency (OPD / unit)"},
    "kat_facet_class_top": {"id": "Klasifikasi", "en": "Classification"},
    "kat_facet_year": {"id": "Tahun", "en": "Year"},
    "kat_facet_digital": {"id": "Objek digital", "en": "Digital object"},
    "kat_facet_language": {"id": "Bahasa", "en": "Language"},
    "kat_facet_all": {
        "id": "Tampilkan semua ({count} nilai)",
        "en": "Show more (all {count} values)",
    },
    "kat_digital_1": {"id": "Ada berkas digital", "en": "Has a digital file"},
    "kat_digital_0": {"id": "Tanpa berkas digital", "en": "No digital file"},
    "kat_unclassified": {"id": "Tanpa klasifikasi", "en": "Unclassified"},
    "kat_no_date": {"id": "Tanpa tanggal", "en": "Undated"},
    "kat_language_ind": {"id": "Bahasa Indonesia", "en": "Indonesian"},
    "kat_language_eng": {"id": "Bahasa Inggris", "en": "English"},
    "kat_language_jav": {"id": "Bahasa Jawa", "en": "Javanese"},
    "kat_language_sun": {"id": "Bahasa Sunda", "en": "Sundanese"},
    "kat_language_mad": {"id": "Bahasa Madura", "en": "Madurese"},
    "kat_language_ban": {"id": "Bahasa Bali", "en": "Balinese"},
    "kat_language_bug": {"id": "Bahasa Bugis", "en": "Buginese"},
    "kat_language_min": {"id": "Bahasa Minangkabau", "en": "Minangkabau"},
    "kat_language_ace": {"id": "Bahasa Aceh", "en": "Acehnese"},
    "kat_language_bjn": {"id": "Bahasa Banjar", "en": "Banjarese"},
    "kat_language_msa": {"id": "Bahasa Melayu", "en": "Malay"},
    "kat_language_may": {"id": "Bahasa Melayu", "en": "Malay"},
    "kat_language_ara": {"id": "Bahasa Arab", "en": "Arabic"},
    "kat_language_nld": {"id": "Bahasa Belanda", "en": "Dutch"},
    "kat_language_dut": {"id": "Bahasa Belanda", "en": "Dutch"},
    "kat_language_zho": {"id": "Bahasa Tionghoa", "en": "Chinese"},
    "kat_language_chi": {"id": "Bahasa Tionghoa", "en": "Chinese"},
    "kat_language_jpn": {"id": "Bahasa Jepang", "en": "Japanese"},
    "kat_language_por": {"id": "Bahasa Portugis", "en": "Portuguese"},
    "kat_hit_meta": {
        "id": "{level} · {dates} · {refcode} · {unit}",
        "en": "{level} · {dates} · {refcode} · {unit}",
    },
    "kat_also": {"id": "Juga dicari: {forms}", "en": "Also searched: {forms}"},
    "kat_did_you_mean": {"id": "Mungkin maksud Anda:", "en": "Did you mean:"},
    "kat_partial": {"id": "Cocok sebagian ({total})", "en": "Partial matches ({total})"},
    "kat_partial_help": {
        "id": "Arsip publik ini memuat semua kata pencarian kecuali satu.",
        "en": "These public records hold every word of the search but one.",
    },
    "kat_tree": {"id": "Pohon khazanah", "en": "Tree of holdings"},
    "kat_tree_help": {
        "id": "Buka fonds, seri dan berkas satu per satu; yang terbuka tetap terbuka.",
        "en": "Open fonds, series and files one by one; what is open stays open.",
    },
    "kat_tree_node": {"id": "{title} ({count})", "en": "{title} ({count})"},
    "kat_tree_open": {"id": "Lihat uraian: {title}", "en": "View description: {title}"},
    "kat_tree_gone": {
        "id": "Bagian ini tidak lagi ada di katalog.",
        "en": "This part is no longer in the catalogue.",
    },
    "kat_previous": {"id": "Sebelumnya", "en": "Previous"},
    "kat_next": {"id": "Berikutnya", "en": "Next"},
    "kat_page_of": {"id": "Halaman {page} dari {pages}", "en": "Page {page} of {pages}"},
    "kat_not_found": {
        "id": "Arsip “{ref}” tidak ditemukan di katalog.",
        "en": "Record “{ref}” was not found in the catalogue.",
    },
    "kat_not_found_help": {
        "id": "Arsip itu tidak ada atau tidak dipublikasikan untuk umum.",
        "en": "It does not exist or is not published for the public.",
    },
    "kat_back": {"id": "Kembali ke katalog", "en": "Back to the catalogue"},
    "kat_breadcrumb": {"id": "Letak dalam khazanah", "en": "Place in the holdings"},
    "kat_description": {"id": "Deskripsi arsip", "en": "Archival description"},
    "kat_isad_refcode": {"id": "Kode referensi", "en": "Reference code"},
    "kat_isad_title": {"id": "Judul", "en": "Title"},
    "kat_isad_dates": {"id": "Tanggal", "en": "Dates"},
    "kat_isad_level": {"id": "Tingkat deskripsi", "en": "Level of description"},
    "kat_isad_extent": {"id": "Jumlah dan media", "en": "Extent and medium"},
    "kat_isad_creator": {"id": "Nama pencipta", "en": "Name of creator"},
    "kat_isad_unit": {"id": "OPD / unit pengolah", "en": "Agency (OPD / unit)"},
    "kat_isad_note": {
        "id": "Pencipta: lembaga atau orang yang menciptakan arsip (ISAD(G) 3.2.1). OPD / unit "
        "pengolah: perangkat daerah yang mengolah dan menyimpan arsip ini; saringan katalog "
        "memakai OPD / unit pengolah.",
        "en": "Creator: the body or person that created the records (ISAD(G) 3.2.1). Agency "
        "(OPD / unit): the Pemda's agency that keeps and processes them; the catalogue's "
        "filter uses the agency.",
    },
    "kat_isad_admin_history": {
        "id": "Riwayat administrasi / biografi",
        "en": "Administrative / biographical history",
    },
    "kat_isad_scope": {"id": "Ruang lingkup dan isi", "en": "Scope and content"},
    "kat_isad_classification": {"id": "Klasifikasi", "en": "Classification"},
    "kat_isad_access": {"id": "Persyaratan akses", "en": "Conditions governing access"},
    "kat_isad_reproduction": {
        "id": "Persyaratan reproduksi",
        "en": "Conditions governing reproduction",
    },
    "kat_isad_language": {"id": "Bahasa", "en": "Language of material"},
    "kat_isad_digital": {"id": "Objek digital", "en": "Digital object"},
    "kat_files_count": {"id": "{count} berkas digital", "en": "{count} digital file(s)"},
    "kat_files_none": {"id": "Tidak ada", "en": "None"},
    "kat_siblings": {"id": "Arsip selevel", "en": "Records at the same level"},
    "kat_siblings_show": {
        "id": "Tampilkan arsip selevel ({count})",
        "en": "Show the records at the same level ({count})",
    },
    "kat_up": {"id": "Naik ke: {title}", "en": "Up to: {title}"},
    "kat_previous_record": {"id": "‹ Sebelumnya: {title}", "en": "‹ Previous: {title}"},
    "kat_next_record": {"id": "Berikutnya: {title} ›", "en": "Next: {title} ›"},
    "kat_contents": {"id": "Isi ({total})", "en": "Contents ({total})"},
    "kat_contents_empty": {
        "id": "Tidak ada arsip publik di dalamnya.",
        "en": "It holds no public records.",
    },
    "kat_contents_count": {"id": "{count} di dalamnya", "en": "{count} inside"},
    "kat_file": {"id": "Objek digital", "en": "Digital object"},
    "kat_file_choice": {"id": "Berkas yang ditampilkan", "en": "File shown"},
    "kat_file_page": {"id": "Halaman", "en": "Page"},
    "kat_file_caption": {"id": "{name} · halaman {page}", "en": "{name} · page {page}"},
    "kat_download": {"id": "Unduh berkas", "en": "Download the file"},
    "kat_no_download": {
        "id": "Persyaratan akses arsip ini tidak mengizinkan pengunduhan; berkas hanya dapat "
        "dilihat di sini.",
        "en": "The access conditions of this record do not allow downloading; the file can "
        "only be viewed here.",
    },
    "kat_pin": {"id": "Sematkan ke daftar pilihan", "en": "Pin to the selection list"},
    "kat_unpin": {"id": "Lepas dari daftar pilihan", "en": "Remove from the selection list"},
    "kat_pinned": {
        "id": "Daftar pilihan: {count} arsip",
        "en": "Selection list: {count} record(s)",
    },
    "kat_cite": {"id": "Kutipan", "en": "Citation"},
    "kat_cite_help": {
        "id": "Salin dengan tombol di pojok kotak.",
        "en": "Copy it with the button in the box's corner.",
    },
    "kat_cite_style_anri": {
        "id": "Gaya ANRI (arsip Indonesia)",
        "en": "ANRI style (Indonesian archives)",
    },
    "kat_cite_style_chicago": {"id": "Gaya Chicago (catatan kaki)", "en": "Chicago style (notes)"},
    "kat_cite_anri": {
        "id": "{institution}, {collection}{refcode}, {title}, {dates_stop} {url} "
        "(diakses {accessed}).",
        "en": "{institution}, {collection}{refcode}, {title}, {dates_stop} {url} "
        "(accessed {accessed}).",
    },
    "kat_cite_chicago": {
        "id": "“{title},” {dates}, {refcode}, {collection}{institution}, "
        "diakses {accessed}, {url}.",
        "en": "“{title},” {dates}, {refcode}, {collection}{institution}, "
        "accessed {accessed}, {url}.",
    },
    "kat_cite_untitled": {"id": "[tanpa judul]", "en": "[untitled]"},
    "kat_cite_no_date": {"id": "t.t.", "en": "n.d."},
    "kat_exports": {"id": "Unduh deskripsi", "en": "Download the description"},
    "kat_export_dc": {"id": "Dublin Core (XML)", "en": "Dublin Core (XML)"},
    "kat_export_ead": {"id": "EAD (XML)", "en": "EAD (XML)"},
    "kat_finding_aid": {"id": "Inventaris arsip (PDF)", "en": "Finding aid (PDF)"},
    "kat_permanent": {"id": "Alamat tetap: {url}", "en": "Permanent address: {url}"},
    # -- END helper C --------------------------------------------------------------------
    # -- BEGIN helper D (selection lists, finding aids) ----------------------------------
    "audit_action_selection_saved": {"id": "Daftar pilihan disimpan", "en": "Selection saved"},
    # selection lists: the service's words
    "sel_empty": {
        "id": "Daftar pilihan kosong: sematkan dulu arsip dari Katalog.",
        "en": "The selection list is empty: pin records in the Catalogue first.",
    },
    "sel_too_many": {
        "id": "Daftar pilihan berisi {count} arsip; paling banyak {limit} arsip dapat disimpan "
        "dalam satu daftar.",
        "en": "The selection list holds {count} records; one list can hold at most {limit}.",
    },
    "sel_none_public": {
        "id": "Tidak satu pun arsip dalam daftar ini tersedia di katalog publik.",
        "en": "None of the records in this list is available in the public catalogue.",
    },
    "sel_name_too_long": {
        "id": "Nama terlalu panjang (paling banyak {limit} karakter).",
        "en": "The name is too long (at most {limit} characters).",
    },
    "sel_bad_contact": {
        "id": "Alamat surel tidak valid: {value}.",
        "en": "Not a valid e-mail address: {value}.",
    },
    "sel_not_found": {
        "id": "Daftar pilihan {number} tidak ditemukan. Periksa nomor lengkapnya, termasuk kode "
        "di bagian akhir (mis. DP-2026-0007-K3QF7).",
        "en": "Selection list {number} was not found. Check the full number, including the code "
        "at its end (e.g. DP-2026-0007-K3QF7).",
    },
    "sel_too_many_saves": {
        "id": "Terlalu banyak daftar disimpan dari alamat ini. Coba lagi dalam {minutes} menit.",
        "en": "Too many lists saved from this address. Try again in {minutes} minutes.",
    },
    "sel_too_many_misses": {
        "id": "Terlalu banyak nomor daftar yang salah dari alamat ini. Coba lagi dalam {minutes} "
        "menit.",
        "en": "Too many wrong list numbers from this address. Try again in {minutes} minutes.",
    },
    "sel_bad_format": {
        "id": "Format ekspor tidak dikenal: {fmt} (pilih {formats}).",
        "en": "Unknown export format: {fmt} (choose {formats}).",
    },
    "sel_unavailable": {"id": "tidak lagi tersedia", "en": "no longer available"},
    "sel_col_no": {"id": "No.", "en": "No."},
    "sel_col_refcode": {"id": "Kode referensi", "en": "Reference code"},
    "sel_col_title": {"id": "Judul", "en": "Title"},
    "sel_col_level": {"id": "Tingkat", "en": "Level"},
    "sel_col_date_start": {"id": "Tanggal awal", "en": "Start date"},
    "sel_col_date_end": {"id": "Tanggal akhir", "en": "End date"},
    "sel_col_dates": {"id": "Tanggal", "en": "Dates"},
    "sel_col_creator": {"id": "Pencipta", "en": "Creator"},
    "sel_col_url": {"id": "URL permanen", "en": "Permanent URL"},
    "sel_pdf_title": {"id": "Daftar Pilihan", "en": "Selection list"},
    "sel_pdf_made": {
        "id": "Dibuat {date} dari katalog publik · {count} arsip",
        "en": "Made on {date} from the public catalogue · {count} records",
    },
    # selection lists: the page (Daftar Pilihan) and `lontar selection show`
    "sel_intro": {
        "id": "Arsip yang Anda sematkan saat menjelajah Katalog. Simpan daftar ini untuk "
        "mendapatkan nomor yang dapat Anda sebutkan pada permintaan di ruang baca atau "
        "permohonan informasi (PPID).",
        "en": "The records you pinned while browsing the Catalogue. Save the list to get a "
        "number you can cite in a reading-room request or a public information (PPID) request.",
    },
    "sel_current": {"id": "Daftar saat ini", "en": "Current list"},
    "sel_count": {"id": "{count} arsip", "en": "{count} records"},
    "sel_none_pinned": {
        "id": "Belum ada arsip yang disematkan. Buka Katalog dan sematkan arsip yang ingin "
        "Anda lihat.",
        "en": "No records pinned yet. Open the Catalogue and pin the records you want to see.",
    },
    "sel_dropped": {
        "id": "{count} arsip yang disematkan tidak lagi tersedia di katalog dan tidak ditampilkan.",
        "en": "{count} pinned records are no longer available in the catalogue and are not shown.",
    },
    "sel_list_label": {"id": "Arsip dalam daftar", "en": "Records in the list"},
    "sel_remove": {"id": "Hapus dari daftar", "en": "Remove from the list"},
    "sel_remove_button": {"id": "Hapus yang dipilih", "en": "Remove selected"},
    "sel_clear": {"id": "Kosongkan daftar", "en": "Empty the list"},
    "sel_export_pdf": {"id": "Unduh PDF", "en": "Download PDF"},
    "sel_save_heading": {"id": "Simpan daftar", "en": "Save the list"},
    "sel_name": {"id": "Nama (opsional)", "en": "Name (optional)"},
    "sel_contact": {"id": "Surel (opsional)", "en": "E-mail (optional)"},
    "sel_privacy": {
        "id": "Nama dan surel hanya dapat dilihat petugas. Siapa pun yang mengetahui nomor "
        "lengkap daftar (termasuk kode di bagian akhir) dapat membuka daftar arsipnya.",
        "en": "Only staff can see the name and e-mail. Anyone who knows the list's full number "
        "(including the code at its end) can open the list of records.",
    },
    "sel_save_button": {"id": "Simpan dan beri nomor", "en": "Save and number"},
    "sel_saved_title": {"id": "Daftar tersimpan dengan nomor", "en": "List saved under number"},
    "sel_saved_hint": {
        "id": "Sebutkan nomor ini pada permohonan informasi (PPID) atau permintaan di ruang baca. "
        "Catat nomor lengkapnya: tanpa kode di bagian akhir, daftar tidak dapat dibuka.",
        "en": "Cite this number in a public information (PPID) request or a reading-room request. "
        "Note the full number: without the code at its end the list cannot be opened.",
    },
    "sel_go_request": {"id": "Ajukan permohonan informasi", "en": "File an information request"},
    "sel_open_heading": {"id": "Buka daftar tersimpan", "en": "Open a saved list"},
    "sel_number": {
        "id": "Nomor daftar (mis. DP-2026-0007-K3QF7)",
        "en": "List number (e.g. DP-2026-0007-K3QF7)",
    },
    "sel_open_button": {"id": "Buka", "en": "Open"},
    "sel_opened_heading": {"id": "Daftar {number}", "en": "List {number}"},
    "sel_opened_meta": {
        "id": "Disimpan {moment} · {count} arsip, {available} masih tersedia",
        "en": "Saved {moment} · {count} records, {available} still available",
    },
    "sel_staff_contact": {
        "id": "Nama: {name} · Surel: {contact} · Disimpan oleh: {saved_by}",
        "en": "Name: {name} · E-mail: {contact} · Saved by: {saved_by}",
    },
    "sel_load": {"id": "Muat ke daftar saya", "en": "Load into my list"},
    "sel_loaded": {
        "id": "{count} arsip dimuat ke daftar Anda.",
        "en": "{count} records loaded into your list.",
    },
    # finding aids (inventaris arsip statis)
    "fa_level": {
        "id": "Inventaris hanya dibuat untuk fonds, seri atau berkas (bukan {level}).",
        "en": "A finding aid is made for a fonds, series or file only (not {level}).",
    },
    "fa_title": {"id": "Inventaris Arsip Statis", "en": "Finding aid"},
    "fa_made": {
        "id": "Disusun dari katalog publik pada {date}.",
        "en": "Compiled from the public catalogue on {date}.",
    },
    "fa_intro": {"id": "Pendahuluan", "en": "Introduction"},
    "fa_inventory": {"id": "Daftar Arsip", "en": "Inventory"},
    "fa_empty": {
        "id": "Belum ada arsip publik di bawah tingkat ini.",
        "en": "There are no public records below this level yet.",
    },
    "fa_page": {"id": "Halaman {page}", "en": "Page {page}"},
    "fa_no_date": {"id": "tanpa tanggal", "en": "undated"},
    "fa_el_refcode": {"id": "Kode referensi", "en": "Reference code"},
    "fa_el_title": {"id": "Judul", "en": "Title"},
    "fa_el_dates": {"id": "Tanggal", "en": "Dates"},
    "fa_el_level": {"id": "Tingkat deskripsi", "en": "Level of description"},
    "fa_el_extent": {"id": "Jumlah dan media", "en": "Extent and medium"},
    "fa_el_creator": {"id": "Nama pencipta", "en": "Name of creator"},
    "fa_el_admin_history": {
        "id": "Riwayat administrasi / biografi",
        "en": "Administrative / biographical history",
    },
    "fa_el_scope_content": {"id": "Ruang lingkup dan isi", "en": "Scope and content"},
    "fa_el_access": {"id": "Syarat akses", "en": "Conditions governing access"},
    "fa_el_reproduction": {"id": "Syarat reproduksi", "en": "Conditions governing reproduction"},
    "fa_el_language": {"id": "Bahasa arsip", "en": "Language of material"},
    "fa_el_url": {"id": "URL permanen", "en": "Permanent URL"},
    # -- END helper D --------------------------------------------------------------------
    # -- BEGIN helper E (Publikasi page, CLI publish) ------------------------------------
    "pub_rules": {
        "id": "- Hanya arsip berklasifikasi **Biasa** yang dipublikasikan; arsip Terbatas, "
        "Rahasia dan Sangat Rahasia tidak pernah tampil di katalog.\n"
        "- Mempublikasikan fonds, seri atau berkas membuat arsip **Biasa** di bawahnya tampil; "
        "apa yang berada di bawah arsip yang bukan Biasa, dan utas naskah masuk, tetap "
        "tersembunyi. Arsip di bawah arsip yang bukan Biasa tidak dapat dipublikasikan.\n"
        "- Item dipublikasikan melalui berkasnya.\n"
        "- Arsip tampil di katalog dalam beberapa detik, setelah indeks diperbarui. Menarik "
        "dari katalog (yang juga menarik apa yang dipublikasikan di bawahnya), atau menaikkan "
        "klasifikasi keamanan, berlaku seketika.",
        "en": "- Only records of class **Biasa** (B) are published; Terbatas, Rahasia and "
        "Sangat Rahasia records never appear in the catalogue.\n"
        "- Publishing a fonds, series or file makes the **Biasa** records below it public; "
        "whatever lies below a record that is not Biasa, and received-letter threads, stay "
        "hidden. A record below one that is not Biasa cannot be published.\n"
        "- An item is published through its file (berkas).\n"
        "- Records appear in the catalogue within seconds, once the index has them. "
        "Withdrawing (which also withdraws what was published below), or raising a security "
        "class, takes effect at once.",
    },
    "pub_published_header": {"id": "Yang dipublikasikan", "en": "Published"},
    "pub_none": {
        "id": "Belum ada fonds, seri atau berkas yang dipublikasikan di unit Anda.",
        "en": "Nothing is published in your units yet.",
    },
    "pub_row_facts": {
        "id": "{level} · {refcode} · sejak {since} oleh {by}",
        "en": "{level} · {refcode} · since {since} by {by}",
    },
    "pub_state_public": {"id": "Tampil di katalog", "en": "In the catalogue"},
    "pub_state_hidden": {
        "id": "Tidak tampil: menunggu indeks (beberapa detik), atau arsip ini tidak lagi "
        "berklasifikasi Biasa",
        "en": "Not shown: waiting for the index (seconds), or this record is no longer of "
        "class Biasa",
    },
    "pub_edit": {"id": "Ubah deskripsi", "en": "Edit description"},
    "pub_withdraw": {"id": "Tarik dari katalog", "en": "Withdraw from catalogue"},
    "pub_withdraw_confirm": {
        "id": "Tarik **{title}** dari katalog? Arsip ini dan semua isinya hilang dari katalog "
        "publik seketika, termasuk seri atau berkas di bawahnya yang dipublikasikan tersendiri "
        "(publikasinya juga ditarik), dan pemanen OAI-PMH menerimanya sebagai terhapus. "
        "Deskripsinya tetap tersimpan.",
        "en": "Withdraw **{title}** from the catalogue? It and everything below it leave the "
        "public catalogue at once, including series or files below it that were published on "
        "their own (they are withdrawn too), and OAI-PMH harvesters receive them as deleted. "
        "The descriptions are kept.",
    },
    "pub_withdraw_yes": {"id": "Ya, tarik dari katalog", "en": "Yes, withdraw"},
    "pub_cancel": {"id": "Batal", "en": "Cancel"},
    "pub_withdrawn_done": {
        "id": "{title} ditarik dari katalog.",
        "en": "{title} was withdrawn from the catalogue.",
    },
    "pub_withdrawn_done_also": {
        "id": "{title} ditarik dari katalog, bersama {count} seri atau berkas di bawahnya yang "
        "dipublikasikan tersendiri.",
        "en": "{title} was withdrawn from the catalogue, with {count} series or file(s) below "
        "it that were published on their own.",
    },
    "pub_open_publication": {
        "id": "Publikasi katalog: deskripsi dan publikasi arsip ini",
        "en": "Catalogue publication: describe and publish this record",
    },
    "pub_new_header": {
        "id": "Publikasikan atau ubah deskripsi",
        "en": "Publish, or edit a description",
    },
    "pub_level_pick": {"id": "Tingkat", "en": "Level"},
    "pub_search": {"id": "Cari menurut judul", "en": "Search by title"},
    "pub_pick": {"id": "Arsip", "en": "Record"},
    "pub_pick_placeholder": {
        "id": "Pilih fonds, seri atau berkas",
        "en": "Choose a fonds, series or file",
    },
    "pub_found": {
        "id": "{count} ditawarkan: arsip Biasa pada tingkat ini di unit tempat Anda boleh "
        "mempublikasikan. Ketik kata dari judulnya untuk mempersempit.",
        "en": "{count} offered: Biasa records of this level in units where you may publish. "
        "Type words of the title to narrow the list.",
    },
    "pub_form_header": {"id": "Deskripsi arsip (ISAD(G))", "en": "Archival description (ISAD(G))"},
    "pub_form_status_published": {
        "id": "Sudah dipublikasikan: menyimpan hanya mengubah deskripsinya.",
        "en": "Already published: saving changes its description only.",
    },
    "pub_form_status_inherited": {
        "id": "Sudah tampil di katalog melalui fonds atau seri di atasnya: menyimpan hanya "
        "mengubah deskripsinya, tanpa mempublikasikannya tersendiri.",
        "en": "Already in the catalogue through the fonds or series above it: saving changes "
        "its description only; it is not published on its own.",
    },
    "pub_form_status_unpublished": {
        "id": "Belum dipublikasikan: menyimpan akan mempublikasikannya bersama deskripsinya.",
        "en": "Not published yet: saving publishes it with its description.",
    },
    "pub_field_extent": {"id": "Jumlah dan media (3.1.5)", "en": "Extent and medium (3.1.5)"},
    "pub_field_creator": {"id": "Nama pencipta (3.2.1)", "en": "Name of creator (3.2.1)"},
    "pub_field_admin_history": {
        "id": "Riwayat administrasi / biografi (3.2.2)",
        "en": "Administrative / biographical history (3.2.2)",
    },
    "pub_field_scope_content": {
        "id": "Ruang lingkup dan isi (3.3.1)",
        "en": "Scope and content (3.3.1)",
    },
    "pub_field_access_conditions": {
        "id": "Syarat akses (3.4.1)",
        "en": "Conditions governing access (3.4.1)",
    },
    "pub_field_reproduction_conditions": {
        "id": "Syarat reproduksi (3.4.2)",
        "en": "Conditions governing reproduction (3.4.2)",
    },
    "pub_field_language": {"id": "Bahasa bahan (3.4.3)", "en": "Language of material (3.4.3)"},
    "pub_field_downloads": {
        "id": "Publik boleh mengunduh berkas digitalnya",
        "en": "The public may download its digital files",
    },
    "pub_help_creator": {
        "id": "Kosong: nama OPD pemilik arsip.",
        "en": "Empty: the name of the OPD that holds the records.",
    },
    "pub_help_language": {
        "id": "Kode ISO 639-2; yang pertama menjadi bahasa untuk faset katalog.",
        "en": "ISO 639-2 codes; the first is the language the catalogue's facet shows.",
    },
    "pub_help_downloads": {
        "id": "Bila tidak dicentang, berkas hanya dapat dilihat di katalog, tidak diunduh.",
        "en": "If unticked, files can be viewed in the catalogue but not downloaded.",
    },
    "pub_save_publish": {"id": "Simpan dan publikasikan", "en": "Save and publish"},
    "pub_save": {"id": "Simpan deskripsi", "en": "Save description"},
    "pub_published_done": {
        "id": "{title} dipublikasikan. Arsip Biasa di bawahnya tampil di katalog dalam "
        "beberapa detik.",
        "en": "{title} is published. The Biasa records below it appear in the catalogue "
        "within seconds.",
    },
    "pub_described_done": {
        "id": "Deskripsi {title} disimpan.",
        "en": "The description of {title} is saved.",
    },
    # the command line
    "pub_file_unreadable": {
        "id": "Berkas deskripsi {path} tidak bisa dibaca: {detail}",
        "en": "The description file {path} cannot be read: {detail}",
    },
    "pub_file_format": {
        "id": "Berkas deskripsi {path} bukan JSON atau TOML yang sah: {detail}",
        "en": "The description file {path} is not valid JSON or TOML: {detail}",
    },
    "pub_file_not_table": {
        "id": "Berkas deskripsi {path} harus berisi satu objek (JSON) atau tabel (TOML) "
        "berisi kolom deskripsi.",
        "en": "The description file {path} must hold one object (JSON) or table (TOML) of "
        "description fields.",
    },
    "pub_unknown_fields": {
        "id": "Kolom tidak dikenal di {path}: {fields}. Kolom yang diterima: {allowed}.",
        "en": "Unknown fields in {path}: {fields}. Accepted fields: {allowed}.",
    },
    "pub_bad_text": {
        "id": "Kolom {field} di {path} harus berupa teks.",
        "en": "The field {field} in {path} must be text.",
    },
    "pub_bad_flag": {
        "id": "Kolom {field} di {path} harus true atau false.",
        "en": "The field {field} in {path} must be true or false.",
    },
    "pub_bad_languages": {
        "id": "Kolom language di {path} harus berupa teks atau daftar kode bahasa.",
        "en": "The field language in {path} must be text or a list of language codes.",
    },
    "pub_cli_published": {
        "id": "Dipublikasikan: {refcode} {title} ({records} arsip termasuk isinya diperiksa; "
        "yang Biasa tampil di katalog).",
        "en": "Published: {refcode} {title} ({records} records with its contents checked; "
        "the Biasa ones appear in the catalogue).",
    },
    "pub_cli_already": {
        "id": "{refcode} {title} sudah dipublikasikan sebelumnya.",
        "en": "{refcode} {title} was already published.",
    },
    "pub_cli_public": {"id": "Tampil di katalog: {url}", "en": "In the catalogue: {url}"},
    "pub_cli_waiting": {
        "id": "Belum tampil di katalog: menunggu indeks (beberapa detik bila `lontar serve` "
        "berjalan).",
        "en": "Not in the catalogue yet: waiting for the index (seconds while `lontar serve` "
        "runs).",
    },
    "pub_cli_withdrawn": {
        "id": "Ditarik dari katalog: {refcode} {title} ({records} arsip termasuk isinya).",
        "en": "Withdrawn from the catalogue: {refcode} {title} ({records} records with its "
        "contents).",
    },
    "pub_cli_described": {
        "id": "Deskripsi {refcode} {title} disimpan.",
        "en": "The description of {refcode} {title} is saved.",
    },
    "pub_cli_none": {
        "id": "Belum ada yang dipublikasikan.",
        "en": "Nothing is published yet.",
    },
    "pub_cli_unpublished": {"id": "Belum dipublikasikan", "en": "Not published"},
    "pub_cli_updated": {
        "id": "Deskripsi diubah {moment} oleh {by}",
        "en": "Description changed {moment} by {by}",
    },
    "pub_cli_yes": {"id": "ya", "en": "yes"},
    "pub_cli_no": {"id": "tidak", "en": "no"},
    "pub_cli_aid_written": {
        "id": "Inventaris arsip {id} ditulis ke {path} ({pages} halaman, {size} bita).",
        "en": "Finding aid of {id} written to {path} ({pages} pages, {size} bytes).",
    },
    # -- END helper E --------------------------------------------------------------------
}

register(MESSAGES)
