"""Official letters (naskah dinas): positions, types and templates, drafts and their paraf
chain, numbering at signing, electronic signatures, verification, dispatch and filing."""
