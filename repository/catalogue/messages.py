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
    # -- END helper A --------------------------------------------------------------------
    # -- BEGIN helper B (OAI-PMH) --------------------------------------------------------
    # -- END helper B --------------------------------------------------------------------
    # -- BEGIN helper C (Katalog pages) --------------------------------------------------
    # -- END helper C --------------------------------------------------------------------
    # -- BEGIN helper D (selection lists, finding aids) ----------------------------------
    # -- END helper D --------------------------------------------------------------------
    # -- BEGIN helper E (Publikasi page, CLI publish) ------------------------------------
    # -- END helper E --------------------------------------------------------------------
}

register(MESSAGES)
