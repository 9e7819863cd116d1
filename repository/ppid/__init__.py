"""The information officer (PPID): requests, objections, DIP/DIK, registers, the annual report."""

from repository.ppid import messages  # noqa: F401  (registers the catalogue)
