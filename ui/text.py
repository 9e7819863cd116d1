"""Showing user-typed text in places where Streamlit reads Markdown."""

from __future__ import annotations

import html
import re

MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^\"'])")


def plain(text: str) -> str:
    """Text typed by users as Markdown that shows it as typed: titles, file names and unit
    names go into titles, labels and links, where Streamlit reads Markdown (links, images,
    `:color[...]` directives) and would show HTML as such were it allowed."""
    return MARKUP.sub(r"\\\1", " ".join(str(text).split()))


def with_id(title: str, record_id: str) -> str:
    """A record as people name it: its title, then its id in grey (Markdown, escaped)."""
    if not title:
        return plain(record_id)
    return f"{plain(title)} :gray[{plain(record_id)}]"


def escaped(text: str) -> str:
    """Text typed by users inside HTML the app writes itself (`st.html`: link lists, tables):
    shown as typed, on one line, never read as markup."""
    return html.escape(" ".join(str(text).split()))
