"""Katalog: the public catalogue for researchers (anyone, no account; staff see the same:
only what is published). Without `?id=`: search with facets beside the tree of holdings;
with `?id=` (an id or a reference code; `/katalog/<ref>` redirects here): one record's page.
The parts are ui/catalogue.py (search, facets), ui/catalogue_tree.py and
ui/catalogue_record.py."""

from __future__ import annotations

import streamlit as st

from ui import catalogue, catalogue_record, catalogue_tree, registry
from ui.frame import frame, guard
from ui.session import t

lontar, caller = frame(registry.CATALOGUE)
ref = st.query_params.get("id", "").strip()

with guard():
    if ref:
        catalogue_record.view(lontar, caller, ref)
    else:
        st.title(t("nav_catalogue"))
        search, tree = st.columns([3, 2], gap="large")
        with search:
            catalogue.search_view(lontar, caller)
        with tree:
            catalogue_tree.tree(lontar, caller)
