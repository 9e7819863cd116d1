"""Where persistent classes live now, for databases written before they moved.

A ZODB pickle names its class by module path. When the flat `repository/` became feature
packages (issue 15), every persistent class moved; objects written before still name the old
path. The database's class factory looks old paths up here, so old repositories open without
a migration; an object written again is stored under its new path.
"""

from __future__ import annotations

from typing import Any

from ZODB.broken import find_global

MODULES = {
    "repository.content": "repository.core.content",
    "repository.accounts": "repository.records.accounts",
    "repository.scheme": "repository.workbench.scheme",
    "repository.retention": "repository.workbench.retention",
    "repository.transfers": "repository.disposal.transfers",
    "repository.destruction": "repository.disposal.destruction",
}


def class_factory(connection: Any, module: str, name: str) -> Any:
    return find_global(MODULES.get(module, module), name)
