"""A small SMTP server for the tests (no aiosmtpd in the environment): enough of RFC 5321
for smtplib (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), on 127.0.0.1 and a free port,
in a thread. It keeps every message it accepted and can refuse chosen recipients."""

from __future__ import annotations

import socketserver
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage


class SmtpStub:
    def __init__(self, refuse: tuple[str, ...] = ()) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse = set(refuse)
        stub = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                stub._session(self.rfile, self.wfile)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> SmtpStub:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _session(self, rfile, wfile) -> None:
        def say(line: str) -> None:
            wfile.write(line.encode() + b"\r\n")
            wfile.flush()

        say("220 stub ESMTP")
        recipients: list[str] = []
        while True:
            line = rfile.readline()
            if not line:
                return
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb == "EHLO":
                say("250-stub")
                say("250 8BITMIME")
            elif verb in ("HELO", "NOOP", "RSET", "MAIL"):
                recipients = [] if verb in ("RSET", "MAIL") else recipients
                say("250 OK")
            elif verb == "RCPT":
                address = line.decode().split(":", 1)[1].strip().strip("<>")
                if address in self.refuse:
                    say("550 no such user")
                else:
                    recipients.append(address)
                    say("250 OK")
            elif verb == "DATA":
                say("354 end with .")
                self.messages.append(message_from_bytes(_data(rfile), policy=policy.default))
                say("250 queued")
            elif verb == "QUIT":
                say("221 bye")
                return
            else:
                say("502 not implemented")


def _data(rfile) -> bytes:
    lines = []
    while True:
        line = rfile.readline()
        if line in (b".\r\n", b".\n", b""):
            return b"".join(lines)
        lines.append(line[1:] if line.startswith(b"..") else line)
