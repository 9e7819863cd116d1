"""Domain exceptions. Each carries a message key and parameters, so the page or CLI that
catches it can say it once, in the user's language."""

from __future__ import annotations

from repository.core.i18n import translate


class LontarError(Exception):
    key = "error"

    def __init__(self, key: str | None = None, **params: object) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(translate(self.key, "en", **params))

    def message(self, lang: str | None = None) -> str:
        return translate(self.key, lang, **self.params)


class RecordNotFound(LontarError, KeyError):
    key = "not_found"

    def __str__(self) -> str:
        return self.args[0]


class UnitNotFound(LontarError, KeyError):
    key = "unit_not_found"

    def __str__(self) -> str:
        return self.args[0]


class DuplicateUnit(LontarError, KeyError):
    key = "unit_exists"

    def __str__(self) -> str:
        return self.args[0]


class InvalidInput(LontarError, ValueError):
    key = "bad_input"


class AccessDenied(LontarError):
    key = "access_denied"


class NotInitialised(LontarError):
    key = "not_initialised"


class QuerySyntaxError(LontarError, ValueError):
    key = "bad_query"


class LoginFailed(LontarError):
    key = "login_failed"


class IndexOutdated(LontarError):
    key = "index_outdated"


class AuditUnavailable(LontarError):
    """The audit trail cannot be written (a full disk, a size limit): the action it was for
    is not done, so that nothing is ever done without its entry."""

    key = "audit_unavailable"


class DatabaseLocked(LontarError):
    """Another process holds the FileStorage (a CLI command, or a server started before)."""

    key = "database_locked"


class DatabaseBusy(LontarError):
    """Others changed the same thing at every try (`db.write` gave up): nothing of this change
    was saved, and the person is told so in words rather than by a ConflictError."""

    key = "database_busy"


class SearchUnavailable(LontarError):
    """The PostgreSQL server of the search index cannot be reached."""

    key = "search_unavailable"


class SearchTimedOut(SearchUnavailable):
    """The search database cancelled a statement that ran too long (`statement_timeout`)."""

    key = "search_timed_out"


class DatabaseUnreachable(LontarError):
    """The ZEO server went away and did not come back in time."""

    key = "database_unreachable"
