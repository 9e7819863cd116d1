"""Units, records, browsing, accounts, sharing and access: the services behind the Beranda,
Cari, Jelajah, Arsip, Administrasi and Audit pages."""

from repository.records import messages  # noqa: F401  (registers the catalogue)
