"""Electronic signatures of letters: the Pemda's own CA and its signers' certificates, the
providers behind one document-level seam (local PKCS#12 with pyHanko; BSrE's eSign Client v2),
and validation with pyHanko and poppler's pdfsig. See docs/signing.md."""

from repository.letters import messages  # noqa: F401  (registers the catalogue)
