"""Where a Lontar installation keeps its data, and which storage it uses.

The data directory is `--home`, else `$LONTAR_HOME`, else `./var`. The storage is chosen by
configuration alone: nothing set means FileStorage + blobs in the home, served to every process by
ZEO on a Unix socket while `lontar serve` runs. `$LONTAR_STORAGE` or a `storage.conf` file in the
home switches to anything ZODB can open from a ZConfig `<zodb>` section (RelStorage on PostgreSQL
for more than one machine), or a URL that is translated to one.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import ParseResult, parse_qs, unquote, urlparse

import psycopg2
from psycopg2.extensions import parse_dsn

PRIVATE_UMASK = 0o077

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Home:
    """The paths of one installation; nothing here touches the disk."""

    path: Path

    @classmethod
    def resolve(cls, home: str | os.PathLike[str] | None = None) -> Home:
        chosen = home or os.environ.get("LONTAR_HOME") or "var"
        return cls(Path(chosen).expanduser().resolve())

    @property
    def data_fs(self) -> Path:
        return self.path / "Data.fs"

    @property
    def blobs(self) -> Path:
        return self.path / "blobs"

    @property
    def zeo_socket(self) -> Path:
        return self.path / "zeo.sock"

    @property
    def index_dir(self) -> Path:
        return self.path / "index"

    @property
    def logs(self) -> Path:
        return self.path / "logs"

    @property
    def worker_lock(self) -> Path:
        return self.path / "worker.lock"

    @property
    def serve_lock(self) -> Path:
        """Held by a `lontar serve` that runs this home's ZEO server, for as long as it runs."""
        return self.path / "serve.lock"

    @property
    def session_key_file(self) -> Path:
        """The secret that signs session cookies (ui/web.py), created on first use, 0600."""
        return self.path / "secrets" / "session.key"

    @property
    def work_dir(self) -> Path:
        """Scratch space for OCR and reindexing; inside the home so renames stay atomic."""
        return self.path / "work"

    @property
    def config_file(self) -> Path:
        """Optional settings of the installation (TOML): the public URL and the SMTP server
        of e-mail notifications (`mail_settings`)."""
        return self.path / "lontar.toml"

    def ensure(self) -> None:
        """Creates the data directory, private to the service account: Lontar's files are the
        Pemda's records. The process's umask becomes 077, so what ZODB, ZEO, Whoosh and the
        audit trail create later (and the children `lontar serve` starts) is 0600/0700 too."""
        os.umask(PRIVATE_UMASK)
        for directory in (self.path, self.blobs, self.logs, self.work_dir):
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(directory, 0o700)

    def storage_config(self) -> str | None:
        """A ZConfig `<zodb>` text when the installation chose its own storage, else None."""
        configured = os.environ.get("LONTAR_STORAGE")
        if not configured:
            conf = self.path / "storage.conf"
            return conf.read_text() if conf.exists() else None
        if "://" in configured:
            return zconfig_from_url(self._with_blob_cache(configured))
        return Path(configured).read_text()

    def _with_blob_cache(self, url: str) -> str:
        """RelStorage keeps blobs in the database; each node caches them locally, in
        `<home>/blobcache` unless the URL names a `blob_dir`."""
        parts = urlparse(url)
        if parts.scheme not in ("postgresql", "postgres") or "blob_dir" in parse_qs(parts.query):
            return url
        extra = f"blob_dir={self.path / 'blobcache'}"
        return parts._replace(query=f"{parts.query}&{extra}" if parts.query else extra).geturl()


def zconfig_from_url(url: str) -> str:
    """Translate a storage URL to ZConfig text.

    Supported: `file:///path/Data.fs` (FileStorage, blobs beside it), `zeo:///path/zeo.sock` or
    `zeo://host:port` (a ZEO server run elsewhere), `postgresql://user:pw@host/db` (RelStorage).
    """
    parts = urlparse(url)
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if parts.scheme == "file":
        blob_dir = options.get("blob_dir") or str(Path(parts.path).parent / "blobs")
        storage = f"<filestorage>\n  path {parts.path}\n  blob-dir {blob_dir}\n</filestorage>"
    elif parts.scheme == "zeo":
        address = parts.path if not parts.netloc else parts.netloc
        blob_dir = options.get("blob_dir", "")
        shared = "true" if options.get("shared_blob_dir", "true") == "true" else "false"
        storage = (
            f"%import ZEO\n<clientstorage>\n  server {address}\n"
            + (f"  blob-dir {blob_dir}\n  shared-blob-dir {shared}\n" if blob_dir else "")
            + "</clientstorage>"
        )
    elif parts.scheme in ("postgresql", "postgres"):
        dsn = postgres_dsn(parts)
        blob_dir = options.get("blob_dir", "")
        storage = (
            "%import relstorage\n<relstorage>\n  keep-history false\n"
            + (f"  blob-dir {blob_dir}\n  shared-blob-dir false\n" if blob_dir else "")
            + (f"  blob-cache-size {options.get('blob_cache_size', '2gb')}\n" if blob_dir else "")
            + f"  <postgresql>\n    dsn {dsn.replace('$', '$$')}\n  </postgresql>\n</relstorage>"
        )
    else:
        raise ValueError(f"unsupported storage URL scheme: {parts.scheme!r}")
    return f"<zodb>\n{storage}\n</zodb>\n"


def postgres_dsn(parts: ParseResult) -> str:
    """A libpq connection string from a URL: percent-escapes decoded (a password may hold
    `@`, `:` or spaces), every value quoted, so no value can end early or add a keyword.

    The URL's query options are libpq's own (`sslmode`, `sslrootcert`, `connect_timeout`,
    `host=/run/postgresql` for a socket folder, `target_session_attrs` ...) and are carried
    over, overriding the URL's parts: dropped, `sslmode` would fall back to `prefer`, which
    an attacker on the network can downgrade to cleartext. Lontar's own options
    (`LONTAR_URL_OPTIONS`) stay out. Raises `ValueError` naming an option libpq does not
    know, or one whose value holds a control character (a new line would end the ZConfig
    line RelStorage reads it from); never quoting a value, so no password reaches a log."""
    pairs = {
        "dbname": unquote(parts.path.lstrip("/")),
        "host": unquote(parts.hostname or "localhost"),
        "port": str(parts.port or 5432),
        "user": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
    }
    pairs.update(url_options(parts))
    for key, value in pairs.items():
        if CONTROL_CHARACTER.search(value):
            raise ValueError(f"PostgreSQL URL: the value of {key!r} holds a control character")
    return " ".join(f"{key}={_libpq_quoted(value)}" for key, value in pairs.items() if value)


# Options of a storage URL that Lontar reads itself (`zconfig_from_url`), not libpq.
LONTAR_URL_OPTIONS = frozenset({"blob_dir", "blob_cache_size", "shared_blob_dir"})
LIBPQ_KEYWORD = re.compile(r"[a-z_]+")
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")


def url_options(parts: ParseResult) -> dict[str, str]:
    """The libpq options of a URL's query (the last of a repeated one). Raises `ValueError`
    naming the first option libpq does not know: a misspelt `sslmode` must stop the start,
    not silently connect without TLS."""
    options = {}
    for key, values in parse_qs(parts.query).items():
        if key in LONTAR_URL_OPTIONS:
            continue
        if not is_libpq_keyword(key):
            raise ValueError(f"PostgreSQL URL option {key!r} is not a libpq connection keyword")
        options[key] = values[-1]
    return options


def is_libpq_keyword(key: str) -> bool:
    """Asked of the libpq psycopg2 is built with, so the list is the one that connects."""
    # the pattern also keeps `key=''` below a single pair
    return bool(LIBPQ_KEYWORD.fullmatch(key)) and libpq_parses(f"{key}=''")


def libpq_parses(text: str) -> bool:
    """Whether libpq reads `text` as a connection string. Its complaint is not passed on: it
    quotes the string's words (`missing "=" after "secret"`), and a password is one."""
    try:
        parse_dsn(text)
    except psycopg2.ProgrammingError:
        return False
    return True


def _libpq_quoted(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


# -- where a request comes from ------------------------------------------------------------------
TRUSTED_PROXIES_ENV = "LONTAR_TRUSTED_PROXIES"
LOOPBACK = "127.0.0.1"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_proxies(configured: str | None = None) -> tuple[Network, ...]:
    """The proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed: addresses or
    networks, comma-separated in `$LONTAR_TRUSTED_PROXIES` (none by default). Raises
    `ValueError` for an entry that is neither, so a typo does not silently trust nobody."""
    text = os.environ.get(TRUSTED_PROXIES_ENV, "") if configured is None else configured
    return tuple(
        ipaddress.ip_network(p.strip(), strict=False) for p in text.split(",") if p.strip()
    )


def _address(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None
    return ipaddress.ip_address(LOOPBACK) if address.is_loopback else address


def is_trusted(peer: str | None, trusted: tuple[Network, ...]) -> bool:
    """Loopback counts as one address: a proxy on the same host may come from 127.0.0.1 or ::1."""
    address = _address(peer)
    return address is not None and any(address in _loopback_as_one(net) for net in trusted)


def _loopback_as_one(net: Network) -> Network:
    return ipaddress.ip_network(LOOPBACK) if net.network_address.is_loopback else net


def client_address(
    peer: str | None, forwarded_for: str | None, trusted: tuple[Network, ...]
) -> str:
    """The address a request came from: the direct peer, unless the peer is a trusted proxy;
    then the right-most address in `X-Forwarded-For` that is not a trusted proxy (the ones to
    its left were written by the client and prove nothing). "unknown" without a peer."""
    address = _address(peer)
    if address is None:
        return "unknown"
    if not is_trusted(peer, trusted):
        return str(address)
    for hop in reversed((forwarded_for or "").split(",")):
        if not hop.strip():
            continue
        if not is_trusted(hop, trusted):
            forwarded = _address(hop)
            return str(forwarded) if forwarded is not None else str(address)
    return str(address)


def came_over_https(
    scheme: str, peer: str | None, forwarded_proto: str | None, trusted: tuple[Network, ...]
) -> bool:
    """Whether the browser's request was HTTPS (the session cookie is then `Secure`): said by
    the connection itself, or by a trusted proxy's `X-Forwarded-Proto`."""
    if scheme == "https":
        return True
    proto = (forwarded_proto or "").split(",")[0].strip().lower()
    return proto == "https" and is_trusted(peer, trusted)


# -- e-mail notifications -------------------------------------------------------------------------
SMTP_PASSWORD_ENV = "LONTAR_SMTP_PASSWORD"


@dataclass(frozen=True)
class MailSettings:
    """The SMTP server notifications go through. The password comes from the environment
    (`$LONTAR_SMTP_PASSWORD`) when the server wants a login; it is never written to a file."""

    smtp_host: str
    smtp_port: int = 25
    smtp_from: str = "lontar@localhost"
    smtp_starttls: bool = False
    smtp_user: str = ""
    smtp_password: str = ""
    public_url: str = ""


def mail_settings(home: Home) -> MailSettings | None:
    """From `<home>/lontar.toml`: top-level `public_url` and a `[smtp]` table with `host`,
    `port`, `from`, `starttls`, `user`. None (notifications off, the default) without a host."""
    path = home.config_file
    if not path.exists():
        return None
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    smtp = data.get("smtp") or {}
    host = str(smtp.get("host", "")).strip()
    if not host:
        return None
    return MailSettings(
        smtp_host=host,
        smtp_port=int(smtp.get("port", 25)),
        smtp_from=str(smtp.get("from", "")).strip() or "lontar@localhost",
        smtp_starttls=bool(smtp.get("starttls", False)),
        smtp_user=str(smtp.get("user", "")).strip(),
        smtp_password=os.environ.get(SMTP_PASSWORD_ENV, ""),
        public_url=str(data.get("public_url", "")).strip().rstrip("/"),
    )


PUBLIC_URL_ENV = "LONTAR_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://localhost:8501"


def public_url(home: Home) -> str:
    """Where the public reaches this server (citations, OAI-PMH's baseURL, QR codes):
    `$LONTAR_PUBLIC_URL`, else `public_url` in `<home>/lontar.toml`, else localhost."""
    configured = os.environ.get(PUBLIC_URL_ENV, "").strip()
    if not configured and home.config_file.exists():
        try:
            with home.config_file.open("rb") as handle:
                configured = str(tomllib.load(handle).get("public_url", "")).strip()
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            # a public page (a citation, /oai) must not fail on it: said in the log instead
            log.warning("%s cannot be read (%s): public_url taken as %s", home.config_file, exc,
                        DEFAULT_PUBLIC_URL)  # fmt: skip
    return (configured or DEFAULT_PUBLIC_URL).rstrip("/")


# -- which search engine -------------------------------------------------------------------------
SEARCH_ENV, SEARCH_DSN_ENV, SEARCH_SCHEMA_ENV = (
    "LONTAR_SEARCH",
    "LONTAR_SEARCH_DSN",
    "LONTAR_SEARCH_SCHEMA",
)
SEARCH_BACKENDS = ("whoosh", "postgresql")


@dataclass(frozen=True)
class SearchSettings:
    """`whoosh`: the index in the home, for one server. `postgresql`: full-text search in a
    PostgreSQL database (`dsn`, tables in `schema`) that every app node reaches."""

    backend: str = "whoosh"
    dsn: str = ""
    schema: str = "lontar"
    term_cache_mb: int = 0  # Whoosh's term cache in MB; 0 grows it with the index


def search_settings(home: Home) -> SearchSettings:
    """`$LONTAR_SEARCH`, `$LONTAR_SEARCH_DSN` and `$LONTAR_SEARCH_SCHEMA`, each else the
    `[search]` table of `<home>/lontar.toml` (`backend`, `dsn`, `schema`, where `{home}` stands
    for a name derived from the data directory; `term_cache_mb` for Whoosh), else Whoosh. A DSN
    may be a libpq string or a `postgresql://` URL. Raises `ValueError` naming what is wrong:
    a process must not start on the wrong index."""
    table = toml_table(home, "search")
    backend = os.environ.get(SEARCH_ENV) or str(table.get("backend", "whoosh"))
    dsn = os.environ.get(SEARCH_DSN_ENV) or str(table.get("dsn", "")) or storage_dsn(home)
    schema = os.environ.get(SEARCH_SCHEMA_ENV) or str(table.get("schema", "lontar"))
    # `{home}`: a name of its own for each data directory, for installations (and test runs)
    # that share one database
    schema = schema.replace("{home}", hashlib.sha256(str(home.path).encode()).hexdigest()[:16])
    if backend not in SEARCH_BACKENDS:
        raise ValueError(f"search backend {backend!r}: choose one of {', '.join(SEARCH_BACKENDS)}")
    if backend != "postgresql":
        cache = table.get("term_cache_mb", 0)
        if not isinstance(cache, int) or isinstance(cache, bool) or cache < 0:
            raise ValueError(f"[search] term_cache_mb {cache!r}: a whole number of megabytes")
        return SearchSettings(backend, dsn, plain_name("search", schema), cache)
    return SearchSettings(backend, *postgres_place("search", SEARCH_DSN_ENV, dsn, schema))


def toml_table(home: Home, name: str) -> dict:
    """A table of `<home>/lontar.toml`, empty when the file or the table is not there."""
    if not home.config_file.exists():
        return {}
    with home.config_file.open("rb") as handle:
        return tomllib.load(handle).get(name) or {}


def postgres_place(kind: str, env: str, dsn: str, schema: str) -> tuple[str, str]:
    """A configured PostgreSQL place (the search index, the audit trail) checked: a DSN as
    libpq takes it, and a plain schema name. Raises `ValueError` naming what is wrong."""
    if not dsn:
        raise ValueError(
            f"{kind} backend postgresql needs a dsn ([{kind}] dsn, ${env}, or a storage on "
            "PostgreSQL to share)"
        )
    schema = plain_name(kind, schema)
    if dsn.startswith(POSTGRES_SCHEMES):
        return postgres_dsn(urlparse(dsn)), schema
    return checked_dsn(kind, env, dsn), schema


POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def checked_dsn(kind: str, env: str, dsn: str) -> str:
    """A libpq `key=value` string, read by libpq now rather than at the first connection
    (`password=my secret`, unquoted, is a mistake). The `ValueError` does not quote the
    string, nor chain libpq's complaint that does: no password on the console or in a log."""
    if libpq_parses(dsn):
        return dsn
    raise ValueError(
        f"{kind} dsn ([{kind}] dsn or ${env}) is neither a libpq connection string nor a "
        "postgresql:// URL: quote a value with spaces or quotes in it ('...', \\' inside)"
    )


def plain_name(kind: str, schema: str) -> str:
    if not schema.isidentifier():
        raise ValueError(f"{kind} schema {schema!r} is not a plain SQL name")
    return schema.lower()


def storage_dsn(home: Home) -> str:
    """The records' database: a `postgresql://` `$LONTAR_STORAGE`, else the `dsn` of a
    RelStorage storage (`<home>/storage.conf`); empty for any other storage. By default the
    search index and the audit trail live there too (each in its own schema)."""
    parts = urlparse(os.environ.get("LONTAR_STORAGE", ""))
    if parts.scheme in ("postgresql", "postgres"):
        return postgres_dsn(parts)
    configured = home.storage_config() or ""
    match = re.search(r"^\s*dsn\s+(.+?)\s*$", configured, re.M)
    return match.group(1).replace("$$", "$") if "<relstorage" in configured and match else ""
