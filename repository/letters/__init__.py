"""Official letters (naskah dinas): positions, types and templates, drafts and their paraf
chain, numbering at signing, electronic signatures, verification, dispatch and filing."""

from repository.letters import messages  # noqa: F401  (registers the catalogue)
