"""Every page of the app, once: its script, its label, its icon, and who sees it in the sidebar.

The app keeps Streamlit's own multipage mode (the scripts in `pages/`, their URLs taken from
the file names) with Streamlit's page list switched off (`client.showSidebarNavigation =
false`): the frame draws the sidebar from `PAGES`, showing an entry to callers who hold its
permission, and every page checks that same permission again when opened (`frame(page)`).

Links and page switches name a page by its entry here (`registry.RECORD.link(...)`), never
by its path, so a page script is named in this module only: renaming one is a change of one
line, and `tests/test_registry.py` checks that every entry's script exists, that every script
has an entry, and that no other module writes a page path or draws a link of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlencode

import streamlit as st

from repository.app import Caller
from ui.session import t


@dataclass(frozen=True)
class Page:
    script: str  # relative to the entry point's folder, as Streamlit names pages
    label_key: str  # message key of its title, its sidebar label and its browser tab
    icon: str
    permission: str = "view"  # the sidebar shows it to callers who may; the page checks again
    or_permission: str = ""  # a second permission that also opens the page
    accounts_only: bool = False  # and only to a caller who is logged in (not the public)

    @property
    def url(self) -> str:
        """The URL path Streamlit gives the script ("" for the home page): `pages/3_Arsip.py`
        is `/Arsip`. It is in bookmarks and shared links, so docs/ui.md lists each one."""
        if "/" not in self.script:
            return ""
        return re.sub(r"^\d+_", "", PurePosixPath(self.script).stem)

    @property
    def icon_name(self) -> str:
        """The icon's Material Symbols name (`home` for `:material/home:`), for HTML."""
        return self.icon.removeprefix(":material/").removesuffix(":")

    def href(self, query_params: dict[str, str] | None = None) -> str:
        """The page's address with its parameters, relative to the app's root (`Arsip?id=…`,
        `./` for the home page: an app served under a path prefix keeps it), for the links
        `ui.render.links` draws many to one element."""
        query = f"?{urlencode(query_params)}" if query_params else ""
        return (self.url or "./") + query

    def shown_to(self, caller: Caller) -> bool:
        allowed = caller.may(self.permission) or (
            bool(self.or_permission) and caller.may(self.or_permission)
        )
        return allowed and not (self.accounts_only and caller.anonymous)

    def nav(self, where=st, query_params: dict[str, str] | None = None) -> None:
        """A link to the page under its own label and icon (the sidebar, "go to" links)."""
        where.page_link(
            self.script, label=t(self.label_key), icon=self.icon, query_params=query_params
        )

    def link(
        self,
        label: str,
        query_params: dict[str, str] | None = None,
        *,
        icon: str | None = None,
        where=st,
    ) -> None:
        """A link to the page showing something on it: a record, a search, a folder. The
        label is shown as Markdown: text typed by users goes through `ui.text.plain` first."""
        where.page_link(self.script, label=label, icon=icon, query_params=query_params)

    def switch(self, query_params: dict[str, str] | None = None) -> None:
        st.switch_page(self.script, query_params=query_params)


HOME = Page("streamlit_app.py", "nav_home", ":material/home:")
SEARCH = Page("pages/1_Cari.py", "nav_search", ":material/search:")
BROWSE = Page("pages/2_Jelajah.py", "nav_browse", ":material/account_tree:")
RECORD = Page("pages/3_Arsip.py", "nav_record", ":material/description:")
UPLOAD = Page("pages/4_Unggah.py", "nav_upload", ":material/upload_file:", "add_records")
ADMIN = Page("pages/5_Administrasi.py", "nav_admin", ":material/admin_panel_settings:", "manage")
AUDIT = Page("pages/6_Audit.py", "nav_audit", ":material/policy:", "audit")
CLASSIFY = Page("pages/7_Klasifikasi.py", "nav_classify", ":material/category:", "edit_records")
RETENTION = Page("pages/8_Retensi.py", "nav_retention", ":material/event_busy:", "edit_records")
VITAL = Page("pages/9_Arsip_Vital.py", "nav_vital", ":material/verified_user:", "edit_records")
# Heads of units (Pejabat) open Penyusutan to sign and approve the lists of their units.
DISPOSAL = Page(
    "pages/10_Penyusutan.py", "nav_disposal", ":material/inventory_2:", "edit_records", "approve"
)
REQUEST = Page("pages/11_Permohonan_Informasi.py", "nav_request", ":material/contact_mail:")
REQUEST_STATUS = Page(
    "pages/12_Status_Permohonan.py", "nav_request_status", ":material/track_changes:"
)
DIP = Page("pages/13_Informasi_Publik.py", "nav_dip", ":material/public:")
PPID_DESK = Page("pages/14_Layanan_PPID.py", "nav_ppid", ":material/support_agent:", "ppid")
PPID_REGISTERS = Page(
    "pages/15_Register_PPID.py", "nav_ppid_registers", ":material/summarize:", "ppid"
)
SESSIONS = Page("pages/16_Sesi.py", "nav_sessions", ":material/devices:", accounts_only=True)
# Letters: the queues and one letter, the drafting form (also reached from a letter's "ubah"),
# the public verification page the QR code opens (`/v/<id>`), and the administration.
LETTERS = Page(
    "pages/17_Naskah_Keluar.py", "nav_letters", ":material/outgoing_mail:", "letters",
    accounts_only=True,
)  # fmt: skip
LETTER_DRAFT = Page(
    "pages/18_Konsep_Naskah.py", "nav_letter_draft", ":material/edit_document:", "letters",
    accounts_only=True,
)  # fmt: skip
LETTER_VERIFY = Page("pages/19_Verifikasi_Naskah.py", "nav_letter_verify", ":material/verified:")
LETTER_ADMIN = Page(
    "pages/20_Tata_Naskah.py", "nav_letter_admin", ":material/settings_applications:",
    "manage_letters",
)  # fmt: skip
# The receiving side: one's work queues (Kotak Masuk), received letters with the agenda masuk
# and dispositions (Naskah Masuk), and the figures per OPD (Dasbor).
INBOX = Page(
    "pages/21_Kotak_Masuk.py", "nav_inbox", ":material/inbox:", "letters", accounts_only=True
)
INCOMING = Page(
    "pages/22_Naskah_Masuk.py", "nav_incoming", ":material/move_to_inbox:", "letters",
    accounts_only=True,
)  # fmt: skip
DASHBOARD = Page("pages/23_Dasbor.py", "nav_dashboard", ":material/monitoring:", "dashboard")
CATALOGUE = Page("pages/24_Katalog.py", "nav_catalogue", ":material/menu_book:")
SELECTION = Page("pages/25_Daftar_Pilihan.py", "nav_selection", ":material/bookmarks:")
PUBLISH = Page("pages/26_Publikasi.py", "nav_publish", ":material/publish:", "publish")

# every page, in the sidebar's order
PAGES = (
    HOME,
    SEARCH,
    BROWSE,
    RECORD,
    CATALOGUE,
    SELECTION,
    UPLOAD,
    CLASSIFY,
    RETENTION,
    VITAL,
    PUBLISH,
    DISPOSAL,
    REQUEST,
    REQUEST_STATUS,
    DIP,
    LETTER_VERIFY,
    PPID_DESK,
    PPID_REGISTERS,
    INBOX,
    INCOMING,
    LETTERS,
    LETTER_DRAFT,
    LETTER_ADMIN,
    DASHBOARD,
    ADMIN,
    AUDIT,
    SESSIONS,
)
