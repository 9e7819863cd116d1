"""The processes: `lontar serve`'s supervisor and the background worker."""

from repository.run import messages  # noqa: F401  (registers the catalogue)
