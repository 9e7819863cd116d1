"""Whoosh full-text and field index, rebuildable from the repository at any time."""
