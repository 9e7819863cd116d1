"""A stub of BSrE's eSign Client API v2 (shared/letters.md A5), for tests to start themselves.

A real HTTP server on a free port (ThreadingHTTPServer in a thread) that follows the contract an
integrator recorded against production: HTTP Basic auth of the application (401 JSON when
wrong), `POST /api/v2/sign/pdf` with JSON and base64 that answers `{time, file: [base64]}`, the
JSON errors `{"error": ..., "status_code": 2031}` (wrong passphrase) and 2011 (unknown NIK), HTTP
500 for a file that is not a PDF, `POST /api/v2/user/check/status` and `POST /api/v2/verify/pdf`.

It signs for real, with pyHanko, as PAdES B-T like BSrE: a stub chain root → "BSrE" signing CA →
the person's certificate (nonRepudiation), timestamped by a stub TSA under the same root, the
visible appearance drawn from the `imageBase64` it was sent. A test that wants those signatures
trusted writes `stub.root_pem` into `<home>/signing/trusted/`. The same server answers RFC 3161
timestamp requests at `/tsa` (for the local provider's B-T).

Modes a test sets on a running stub: `hang` (read the request, then say nothing for longer than
the client waits), `drop` (read the request, then close the connection), `gateway` (answer
with that HTTP status and an HTML page, as a proxy in front of BSrE does: 502, 503, 504),
`garbled` (answer 200 with a body that is not JSON) and `cut` (announce a longer body than it
sends, then close: the client reads a truncated answer). `calls` counts every
request per path, so a test can assert that a sign call was made exactly once, and `bodies`
keeps what each request carried.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image
from pyhanko.pdf_utils import images, layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import DummyTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp.static import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

WRONG_PASSPHRASE = {"error": "Passphrase anda salah", "status_code": 2031}
NOT_REGISTERED = {"error": "User tidak terdaftar", "status_code": 2011}
ROUTES = {
    "/api/v2/sign/pdf": "sign",
    "/api/v2/user/check/status": "status",
    "/api/v2/verify/pdf": "verify",
}
STATUS_CODES = {"ISSUE": 1111, "NOT_REGISTERED": 2011, "NO_CERTIFICATE": 2021}


@dataclass
class Person:
    passphrase: str
    status: str = "ISSUE"
    name: str = "Penanda Tangan"


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _certificate(subject, key, issuer, issuer_key, *, ca=False, usage=None, eku=None):
    now = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    names = "digital_signature content_commitment key_encipherment data_encipherment"
    names += " key_agreement key_cert_sign crl_sign encipher_only decipher_only"
    granted = set(usage or ())
    builder = builder.add_extension(
        x509.KeyUsage(**{n: n in granted for n in names.split()}), critical=True
    )
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _name(common_name: str, **extra: str) -> x509.Name:
    parts = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Badan Siber dan Sandi Negara (stub)"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ]
    if "serial" in extra:
        parts.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, extra["serial"]))
    return x509.Name(parts)


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _asn1_key(key: rsa.RSAPrivateKey) -> asn1_keys.PrivateKeyInfo:
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return asn1_keys.PrivateKeyInfo.load(der)


class StubPki:
    """The stub's own chain: root, intermediate "BSrE" CA, a TSA, and a certificate per NIK."""

    def __init__(self) -> None:
        self.root_key, self.ca_key, self.tsa_key = _key(), _key(), _key()
        root_name = _name("Root CA Stub Indonesia")
        self.root = _certificate(
            root_name, self.root_key, root_name, self.root_key, ca=True,
            usage={"key_cert_sign", "crl_sign"},
        )  # fmt: skip
        self.ca = _certificate(
            _name("BSrE Stub Signing CA"), self.ca_key, root_name, self.root_key, ca=True,
            usage={"key_cert_sign", "crl_sign"},
        )  # fmt: skip
        self.tsa = _certificate(
            _name("Stub TSA"), self.tsa_key, root_name, self.root_key,
            usage={"digital_signature"}, eku=[ExtendedKeyUsageOID.TIME_STAMPING],
        )  # fmt: skip
        self.timestamper = DummyTimeStamper(
            tsa_cert=_asn1_cert(self.tsa),
            tsa_key=_asn1_key(self.tsa_key),
            certs_to_embed=SimpleCertificateStore.from_certs([_asn1_cert(self.root)]),
        )
        self._people: dict[str, signers.SimpleSigner] = {}
        self._lock = threading.Lock()

    @property
    def root_pem(self) -> bytes:
        return self.root.public_bytes(serialization.Encoding.PEM)

    def signer(self, nik: str, name: str) -> signers.SimpleSigner:
        with self._lock:
            if nik not in self._people:
                key = _key()
                cert = _certificate(
                    _name(name, serial=nik), key, self.ca.subject, self.ca_key,
                    usage={"digital_signature", "content_commitment"},
                )  # fmt: skip
                chain = SimpleCertificateStore.from_certs(
                    [_asn1_cert(self.ca), _asn1_cert(self.root)]
                )
                self._people[nik] = signers.SimpleSigner(
                    signing_key=_asn1_key(key), signing_cert=_asn1_cert(cert), cert_registry=chain
                )
            return self._people[nik]


class BsreStub:
    """`with BsreStub(people={nik: Person(passphrase)}) as stub:` then `stub.url`."""

    def __init__(
        self,
        people: dict[str, Person] | None = None,
        user: str = "lontar-app",
        password: str = "rahasia-aplikasi",
        hang_seconds: float = 30.0,
    ) -> None:
        self.people = dict(people or {})
        self.user, self.password, self.hang_seconds = user, password, hang_seconds
        self.hang = False
        self.drop = False
        self.gateway = 0  # an HTTP status a proxy answers with, 0 for none
        self.garbled = False
        self.cut = False
        self.calls: Counter[str] = Counter()
        self.bodies: list[tuple[str, dict]] = []  # what each JSON request carried, in order
        self.pki = StubPki()
        self._release = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def root_pem(self) -> bytes:
        return self.pki.root_pem

    def __enter__(self) -> BsreStub:
        handler = type("Handler", (_Handler,), {"stub": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._release.set()  # wakes a hanging handler
        assert self._server is not None and self._thread is not None
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def wait_hanging(self) -> None:
        self._release.wait(self.hang_seconds)

    # -- what the service does ------------------------------------------------------------------
    def sign(self, body: dict) -> tuple[int, dict]:
        nik = str(body.get("nik", ""))
        person = self.people.get(nik)
        if person is None or person.status == "NOT_REGISTERED":
            return 400, NOT_REGISTERED
        if body.get("passphrase") != person.passphrase:
            return 400, WRONG_PASSPHRASE
        try:
            pdf = base64.b64decode(body["file"][0], validate=True)
            signed = self._sign(pdf, self.pki.signer(nik, person.name), body)
        except (KeyError, IndexError, TypeError, ValueError, binascii.Error, PdfError) as exc:
            return 500, _server_error(f"InvalidPdfException: {exc}")
        return 200, {"time": int(time.time() * 1000), "file": [base64.b64encode(signed).decode()]}

    def _sign(self, pdf: bytes, signer: signers.SimpleSigner, body: dict) -> bytes:
        if not pdf.startswith(b"%PDF-"):
            raise ValueError("Rebuild failed: not a PDF")
        props = (body.get("signatureProperties") or [{}])[0]
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        meta = signers.PdfSignatureMetadata(
            field_name="BSrE1",
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=props.get("reason") or None,
            location=props.get("location") or None,
        )
        spec, style = None, None
        if props.get("tampilan") == "VISIBLE":
            x, y = float(props["originX"]), float(props["originY"])
            box = (x, y, x + float(props["width"]), y + float(props["height"]))
            spec = fields.SigFieldSpec("BSrE1", on_page=int(props["page"]) - 1, box=box)
            image = Image.open(io.BytesIO(base64.b64decode(props["imageBase64"])))
            style = StaticStampStyle(
                background=images.PdfImage(image.convert("RGB")),
                background_opacity=1.0,
                border_width=0,
                background_layout=layout.SimpleBoxLayoutRule(
                    x_align=layout.AxisAlignment.ALIGN_MIN,
                    y_align=layout.AxisAlignment.ALIGN_MID,
                ),
            )
        pdf_signer = signers.PdfSigner(
            meta, signer, timestamper=self.pki.timestamper, stamp_style=style, new_field_spec=spec
        )
        return pdf_signer.sign_pdf(writer).getvalue()

    def status(self, body: dict) -> tuple[int, dict]:
        person = self.people.get(str(body.get("nik", "")))
        status = person.status if person else "NOT_REGISTERED"
        code = 200 if status == "ISSUE" else 400
        return code, {"status_code": STATUS_CODES[status], "status": status, "message": status}

    def verify(self, body: dict) -> tuple[int, dict]:
        try:
            pdf = base64.b64decode(body["file"], validate=True)
            reader = PdfFileReader(io.BytesIO(pdf), strict=False)
            signatures = reader.embedded_signatures
        except (KeyError, TypeError, ValueError, binascii.Error, PdfError) as exc:
            return 500, _server_error(str(exc))
        context = ValidationContext(trust_roots=[_asn1_cert(self.pki.root)], allow_fetching=False)
        infos = []
        for sig in signatures:
            status = validate_pdf_signature(sig, context)
            infos.append(
                {
                    "signatureFieldName": sig.field_name,
                    "signerName": sig.signer_cert.subject.native.get("common_name", ""),
                    "integrityValid": status.intact and status.valid,
                    "certificateTrusted": status.trusted,
                    "signatureFormat": "PAdES-BASELINE-T",
                    "ltv": False,
                    "timestampInfomation": {"valid": status.timestamp_validity is not None},
                }
            )
        if not infos:
            conclusion = "NO_SIGNATURE"
        elif all(i["integrityValid"] and i["certificateTrusted"] for i in infos):
            conclusion = "VALID"
        else:
            conclusion = "INVALID"
        reply = {"signatureCount": len(infos), "conclusion": conclusion}
        return 200, {**reply, "signatureInformations": infos}

    def timestamp(self, request: bytes) -> bytes:
        response = self.pki.timestamper.request_tsa_response(tsp.TimeStampReq.load(request))
        return response.dump()


def _server_error(message: str) -> dict:
    """What BSrE's Java service says on a file it cannot read (no status_code of its own)."""
    return {"status": 500, "error": "Internal Server Error", "message": message}


class _Handler(BaseHTTPRequestHandler):
    stub: BsreStub
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: test output shows failures, not every request."""

    def do_POST(self) -> None:
        stub = self.stub
        stub.calls[self.path] += 1
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/tsa":
            self._reply(200, stub.timestamp(body), "application/timestamp-reply")
            return
        if not self._authorised():
            self._json(401, {"error": "Unauthorized", "status_code": 401})
            return
        if stub.hang:  # the client gave up long before; nobody is left to answer
            stub.wait_hanging()
            self.close_connection = True
            return
        if stub.drop:
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if self._broken_answer():
            return
        route = ROUTES.get(self.path)
        if route is None:
            self._json(404, {"error": "Not Found", "status_code": 404})
            return
        try:
            payload = json.loads(body)
        except ValueError:
            self._json(400, {"error": "Bad Request", "status_code": 400})
            return
        stub.bodies.append((self.path, payload))
        self._json(*getattr(stub, route)(payload))

    def _broken_answer(self) -> bool:
        """The modes in which the request arrived but the answer says nothing reliable."""
        stub = self.stub
        if stub.gateway:
            self._reply(stub.gateway, b"<html><body>Bad Gateway</body></html>", "text/html")
        elif stub.garbled:
            self._reply(200, b"<html>Maintenance</html>", "text/html")
        elif stub.cut:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b'{"time": 1, "file": ["JVBER')
            self.close_connection = True
        else:
            return False
        return True

    def _authorised(self) -> bool:
        expected = f"{self.stub.user}:{self.stub.password}".encode()
        return self.headers.get("Authorization") == "Basic " + base64.b64encode(expected).decode()

    def _json(self, code: int, payload: dict) -> None:
        self._reply(code, json.dumps(payload).encode(), "application/json")

    def _reply(self, code: int, data: bytes, kind: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
