"""The OAI-PMH data provider's entry (`oai`), served at `/oai` on the app's own port
(ui/web.py): one request, one read transaction, the XML response (oai.py; the ledger it
serves: ledger.py).

Harvests are not written to the audit trail: a full harvest is a thousand requests for the
same public metadata everyone gets; the reverse proxy's access log keeps who asked.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence

from repository.catalogue import oai
from repository.core.config import Home
from repository.core.db import reading


def configured_email(home: Home) -> str:
    """`admin_email` under `[oai]` in `<home>/lontar.toml`, or "" (then `admin@<host>`). A
    file that is not TOML (a typo while editing it) gives "" too: harvesters keep being
    answered, and `lontar health` names the file's error."""
    path = home.config_file
    try:
        with path.open("rb") as handle:
            settings = tomllib.load(handle).get("oai")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""
    if not isinstance(settings, dict):
        return ""
    return str(settings.get("admin_email", "")).strip()


class Harvest:
    def oai(self, params: Mapping[str, str | Sequence[str]]) -> bytes:
        """Answers one OAI-PMH 2.0 request: `params` are the request's arguments, each a
        value or the list of values it was given (a repeated argument is badArgument).
        Protocol errors are answers too (their codes in the document), never exceptions."""
        with reading(self.db) as root:
            data = oai.LedgerData(self._pemda(root), self.base_url, configured_email(self.home))
            return oai.answer(data, params)
