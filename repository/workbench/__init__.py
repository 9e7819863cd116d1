"""The archivist's workbench: the classification scheme, the JRA and retention (holds, due
lists), vital records; the services behind the Klasifikasi, Retensi and Arsip vital pages."""

from repository.workbench import messages  # noqa: F401  (registers the catalogue)
