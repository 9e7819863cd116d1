"""Messages of the processes (`lontar serve`'s supervisor); merged into i18n.MESSAGES
when repository.run is imported."""

from __future__ import annotations

from repository.core.i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    # -- The supervisor of `lontar serve`.
    "serve_started": {
        "id": "Lontar berjalan di http://localhost:{port} (Ctrl-C untuk berhenti).",
        "en": "Lontar is serving on http://localhost:{port} (Ctrl-C to stop).",
    },
    "child_died": {
        "id": "Proses {name} berhenti berulang kali (kode {code}); Lontar dihentikan. Lihat {log}.",
        "en": "Process {name} kept dying (exit code {code}); Lontar stopped. See {log}.",
    },
}


register(MESSAGES)
