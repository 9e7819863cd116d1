"""A database written before the feature packages (classes at `repository.content`,
`repository.accounts`, ...) opens with the new code: the class factory maps old paths."""

from __future__ import annotations

import sys
import types

import transaction
import ZODB
from ZODB.FileStorage import FileStorage

from repository.core import content, moved
from repository.core.config import Home
from repository.core.db import open_db, reading
from repository.records import accounts


def test_every_moved_module_is_mapped_to_one_that_exists():
    for old, new in moved.MODULES.items():
        assert old.count(".") == 1 and __import__(new, fromlist=["x"])


def write_as_before(path, root_key: str) -> None:
    """Pickles a Pemda, a unit and an account under the pre-1.0 module paths."""
    classes = (content.Pemda, content.Unit, content.Record, accounts.Account)
    old = {cls: cls.__module__ for cls in classes}
    shims = {
        "repository.content": types.ModuleType("repository.content"),
        "repository.accounts": types.ModuleType("repository.accounts"),
    }
    try:
        for cls in classes:
            cls.__module__ = (
                "repository.accounts" if cls is accounts.Account else "repository.content"
            )
            setattr(shims[cls.__module__], cls.__name__, cls)
        sys.modules.update(shims)
        db = ZODB.DB(FileStorage(str(path)))
        with db.transaction() as conn:
            pemda = content.Pemda("ID-OLD", "Kota Lama")
            conn.root()[root_key] = pemda
            pemda.accounts = accounts.accounts_of(pemda)
            pemda.accounts["admin"] = accounts.Account("admin", "x", {"Administrator"})
        db.close()
    finally:
        for cls, module in old.items():
            cls.__module__ = module
        for name in shims:
            sys.modules.pop(name, None)
        transaction.abort()


def test_a_repository_from_before_the_move_opens(tmp_path):
    home = Home(tmp_path / "lama")
    home.ensure()
    write_as_before(home.data_fs, content.ROOT_KEY)
    raw = home.data_fs.read_bytes()
    assert b"repository.content" in raw and b"repository.core.content" not in raw
    db = open_db(home)
    try:
        with reading(db) as root:
            pemda = root[content.ROOT_KEY]
            assert type(pemda) is content.Pemda and pemda.name == "Kota Lama"
            assert type(pemda.accounts["admin"]) is accounts.Account
    finally:
        db.close()
