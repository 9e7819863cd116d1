"""Selection lists (daftar pilihan) and finding aids. OWNED BY HELPER D."""

from __future__ import annotations


class ReadingRoom:
    pass
