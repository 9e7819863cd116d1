"""Penyusutan: transfer (pemindahan), destruction (pemusnahan), hand-over (penyerahan)."""

from repository.disposal import messages  # noqa: F401  (registers the catalogue)
