"""The core every feature builds on: the content model, the database, the index queue, the
clock, security, keys and sealing, the audit trail, errors and the message machinery.
It imports no feature package."""

from repository.core import messages  # noqa: F401  (registers the core catalogue)
