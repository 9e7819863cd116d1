"""`Lontar`: the one object the CLI, the pages, the worker, the tests and scripts hold.

It opens the process's database, keyring and index store once and composes the features'
service objects, each named for its package: `lontar.records`, `lontar.access`,
`lontar.ingest`, `lontar.index`, `lontar.workbench`, `lontar.disposal`, `lontar.ppid`,
`lontar.letters` (official letters: drafts, paraf, signing, sending, letters/services.py), and
`lontar.catalogue` (the public catalogue, catalogue/services.py), `lontar.operations` (backups,
drills, fixity, disk, the worker: core/operations.py),
`lontar.sessions` (the web app's logins, records/sessions.py), `lontar.thesaurus` (the search
dictionary, records/thesaurus.py). Every
service method takes the acting caller; reads are confined to what the caller may see, writes
check the caller's rights.

This module is also the only door from `ui/` and `pages/` into the repository: the names they
need (errors, search requests, constants, the translator) are re-exported here, so the pages
never import a feature package, ZODB, `transaction` or Whoosh.
"""

from __future__ import annotations

import datetime as dt

import ZODB

from indexes.backend import SearchIndex, WhooshIndex, open_index
from indexes.search import SORTS, Hit, SearchRequest, SearchResult
from repository.catalogue.services import CatalogueServices
from repository.core import clock, exports, formatting
from repository.core.audit import AuditLog, trail_path
from repository.core.config import Home, came_over_https, client_address, trusted_proxies
from repository.core.content import LEVELS, ROOT_KEY, SECURITY_CLASSES, URGENCIES, Pemda
from repository.core.db import open_db, reading, write
from repository.core.errors import AccessDenied, InvalidInput, LontarError, RecordNotFound
from repository.core.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    flag_label,
    keys_with_prefix,
    translate,
)
from repository.core.keys import KeyMismatch, Keyring, create_key
from repository.core.operations import OperationsServices
from repository.core.security import ANONYMOUS, PERMISSIONS, ROLES, Caller
from repository.core.service import Context
from repository.disposal.destruction import parse_keep
from repository.disposal.services import DisposalServices
from repository.ingest.indexing import IndexServices
from repository.ingest.pipeline import FileOutcome, ImportOptions, ImportReport, Incoming
from repository.ingest.preview import pdf_pages
from repository.ingest.services import IngestServices
from repository.letters.model import (
    ACTING,
    FONTS,
    LAYOUTS,
    PAPERS,
    SIFAT,
    TARGET_KINDS,
    URGENCY,
)
from repository.letters.queues import QUEUE_ORDER
from repository.letters.services import LetterServices
from repository.letters.signing.provider import OutcomeUnknown, SigningError, WrongSecret
from repository.ppid.model import (
    CATEGORIES,
    DECISIONS,
    DELIVERY,
    EXEMPTIONS,
    KINDS,
    OBJECTION_GROUNDS,
    OBTAIN,
)
from repository.ppid.services import PPIDServices
from repository.records.access import AccessServices
from repository.records.services import RecordServices, ThesaurusServices
from repository.records.sessions import COOKIE as SESSION_COOKIE
from repository.records.sessions import SessionServices
from repository.records.thesaurus import KINDS as THESAURUS_KINDS
from repository.workbench.services import WorkbenchServices
from repository.workbench.vital import METHODS as VITAL_METHODS

__all__ = [
    "ACTING",
    "ANONYMOUS",
    "CATEGORIES",
    "DECISIONS",
    "DEFAULT_LANGUAGE",
    "DELIVERY",
    "EXEMPTIONS",
    "FONTS",
    "KINDS",
    "LANGUAGES",
    "LAYOUTS",
    "LEVELS",
    "OBJECTION_GROUNDS",
    "OBTAIN",
    "PAPERS",
    "PERMISSIONS",
    "QUEUE_ORDER",
    "ROLES",
    "SECURITY_CLASSES",
    "SESSION_COOKIE",
    "SIFAT",
    "SORTS",
    "TARGET_KINDS",
    "THESAURUS_KINDS",
    "URGENCIES",
    "URGENCY",
    "VITAL_METHODS",
    "AccessDenied",
    "Caller",
    "FileOutcome",
    "Hit",
    "Home",
    "ImportOptions",
    "ImportReport",
    "Incoming",
    "InvalidInput",
    "Lontar",
    "LontarError",
    "OutcomeUnknown",
    "RecordNotFound",
    "SearchRequest",
    "SearchResult",
    "SigningError",
    "WrongSecret",
    "came_over_https",
    "client_address",
    "exports",
    "flag_label",
    "formatting",
    "keys_with_prefix",
    "parse_keep",
    "pdf_pages",
    "translate",
    "trusted_proxies",
]


class Lontar:
    def __init__(self, home: Home, db: ZODB.DB | None = None, *, isolated: bool = False) -> None:
        """`isolated`: the home's own Whoosh index and audit file, never the PostgreSQL index
        or trail its configuration names (a restore drill must not write into the live ones)."""
        trail = AuditLog(trail_path(home)) if isolated else None
        self.context = Context(home, db or open_db(home), Keyring.load(home), trail)
        self.store: SearchIndex = (
            WhooshIndex(home.index_dir, self.context.keyring, work_dir=home.work_dir)
            if isolated
            else open_index(home, self.context.keyring)
        )
        self.access = AccessServices(self.context)
        self.sessions = SessionServices(self.context)
        self.thesaurus = ThesaurusServices(self.context)
        self.records = RecordServices(self.context, self.store, self.thesaurus)
        self.index = IndexServices(self.context, self.store, self.access)
        self.ingest = IngestServices(self.context, self.index)
        self.workbench = WorkbenchServices(self.context, self.store, self.records)
        self.disposal = DisposalServices(self.context, self.store, self.workbench)
        self.ppid = PPIDServices(self.context, self.access, self.records)
        self.letters = LetterServices(self.context, self.records, self.access)
        self.catalogue = CatalogueServices(self.context, self.store, self.records)
        self.operations = OperationsServices(self.context, self.store.writer_elsewhere)

    @property
    def home(self) -> Home:
        return self.context.home

    @property
    def db(self) -> ZODB.DB:
        return self.context.db

    @property
    def keyring(self) -> Keyring:
        return self.context.keyring

    def close(self) -> None:
        self.ingest.close()
        self.store.close()
        self.db.close()

    def __enter__(self) -> Lontar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def today() -> dt.date:
        """Today in the Pemda's zone (the one clock), for pages that offer a date."""
        return clock.today()

    # -- set-up -------------------------------------------------------------------------
    def initialised(self) -> bool:
        with reading(self.db) as root:
            return ROOT_KEY in root

    def init(self, code: str, name: str) -> None:
        """A new repository gets its master key at once (beside the data directory unless
        `$LONTAR_KEY_FILE` says where): R and SR files can be stored from the first upload."""
        if self.initialised():
            raise LontarError("already_initialised", home=str(self.home.path))
        create_key(self.home)
        self.context.keyring = self.store.keyring = Keyring.load(self.home)

        def create(root) -> None:
            if ROOT_KEY in root:
                raise LontarError("already_initialised", home=str(self.home.path))
            root[ROOT_KEY] = Pemda(code, name)
            root[ROOT_KEY].key_id = self.keyring.key_id

        write(self.db, create, note="init")
        self.store.ensure()

    def verify_key(self) -> None:
        """Refuses to serve a repository whose sealed files the available key cannot open,
        before anyone uploads a file it could not seal or opens one it could not read."""
        with reading(self.db) as root:
            key_id = self.records._pemda(root).key_id
        if key_id is not None and self.keyring.key_id != key_id:
            raise KeyMismatch(path=str(self.keyring.path))
