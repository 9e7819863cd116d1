"""The public catalogue for researchers: publication with ISAD(G) descriptions, the catalogue's
search, tree and record view, citations, selection lists, finding aids, EAD and Dublin Core
exports and the OAI-PMH data provider."""

from repository.catalogue import messages  # noqa: F401  (registers the catalogue)
