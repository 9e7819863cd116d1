"""Running as a service: `lontar install-service` writes systemd units, a timer and a log
rotation that the tools themselves accept (systemd-analyze, logrotate, when the machine has
them; else a strict parse and the keys the service needs), whose `lontar` runs; the proxy
examples pass nginx's and Caddy's own checks, and nginx with the example carries a real
`lontar serve` (websocket, forwarded headers); docs/operations.md keeps up with deploy/ and
the commands."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import tomllib
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from repository.cli import main as cli_main
from repository.core.config import Home
from repository.core.i18n import MESSAGES
from repository.core.keys import key_path
from repository.run import service_files
from tests.conftest import PROJECT, free_port, healthy, lontar_cli, start_serve, wait_until

DEPLOY = PROJECT / "deploy"
OPERATIONS = (PROJECT / "docs" / "operations.md").read_text()
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")
LOGROTATE = shutil.which("logrotate")
NGINX = shutil.which("nginx")
CADDY = shutil.which("caddy")
HAS_NOBODY = "nobody" in {account.pw_name for account in pwd.getpwall()}
UPLOAD_MIB = tomllib.loads((PROJECT / ".streamlit" / "config.toml").read_text())["server"][
    "maxUploadSize"
]


# -- reading what was written -----------------------------------------------------------------
def parse_unit(text: str) -> dict[str, list[tuple[str, str]]]:
    """A systemd unit, strictly: every line a comment, a blank, a `[Section]` or a `Key=value`
    inside a section; keys may repeat (Environment=), so not configparser's dict."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith(("#", ";")):
            continue
        if match := re.fullmatch(r"\[([A-Za-z]+)\]", line):
            current = sections.setdefault(match.group(1), [])
            continue
        match = re.fullmatch(r"([A-Za-z][A-Za-z0-9]*)=(.*)", line)
        assert match and current is not None, f"line {number} is not Key=value: {line!r}"
        assert not line.endswith("\\"), f"line {number} continues: {line!r}"
        current.append((match.group(1), match.group(2)))
    return sections


def one(unit: dict, section: str, key: str) -> str:
    values = [v for k, v in unit[section] if k == key]
    assert len(values) == 1, f"[{section}] {key}: {values}"
    return values[0]


def environment(unit: dict) -> dict[str, str]:
    pairs = [v.split("=", 1) for k, v in unit["Service"] if k == "Environment"]
    return dict(pairs)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """A repository with its key, and the service files written for it into tmp folders
    (once for the module: the tests only read them)."""
    tmp_path = tmp_path_factory.mktemp("installed")
    home = Home.resolve(tmp_path / "home")
    home.ensure()
    places = {name: tmp_path / name for name in ("systemd", "logrotate")}
    for folder in places.values():
        folder.mkdir()
    backups = tmp_path / "backups"
    with pytest.MonkeyPatch.context() as environment_of_a_user:
        for name in ("LONTAR_HOME", "LONTAR_STORAGE", "LONTAR_LANG", "LONTAR_KEY_FILE"):
            environment_of_a_user.delenv(name, raising=False)
        lontar_cli("init", home=home)
        done = lontar_cli(
            "install-service", "--dest", str(places["systemd"]),
            "--logrotate-dest", str(places["logrotate"]), "--backup-dest", str(backups),
            "--backup-at", "03:15", "--keep", "5", "--lang", "en", home=home,
        )  # fmt: skip
    units = {f.installed_as: places[f.place] / f.installed_as for f in service_files.FILES}
    return {"home": home, "units": units, "backups": backups, "out": done.stdout, **places}


def read(installed: dict, name: str) -> dict:
    return parse_unit(installed["units"][name].read_text())


# -- the service unit ---------------------------------------------------------------------------
def test_the_service_unit_runs_lontar_serve_as_the_owner_and_restarts(installed):
    home: Home = installed["home"]
    unit = read(installed, "lontar.service")
    argv = shlex.split(one(unit, "Service", "ExecStart"))
    program = Path(argv[0])
    assert program.is_absolute() and program == service_files.entry_point()
    assert program.is_file() and os.access(program, os.X_OK)
    assert argv[1:] == [
        "--home", str(home.path), "serve", "--port", "8501", "--address", "localhost"
    ]  # fmt: skip
    assert one(unit, "Service", "Restart") == "on-failure"
    assert int(one(unit, "Service", "RestartSec")) > 0
    assert one(unit, "Service", "KillMode") == "mixed"  # serve stops its children in order
    assert int(one(unit, "Service", "TimeoutStopSec")) >= 3 * 15
    assert one(unit, "Service", "User") == service_files.default_user(home)
    assert environment(unit) == {
        "LONTAR_HOME": str(home.path),
        "LONTAR_KEY_FILE": str(key_path(home)),
        "LONTAR_TRUSTED_PROXIES": "127.0.0.1",
        "PYTHONUNBUFFERED": "1",
    }
    assert one(unit, "Service", "NoNewPrivileges") == "true"
    assert one(unit, "Service", "ProtectSystem") == "full"
    assert one(unit, "Service", "ReadWritePaths") == str(home.path)
    assert one(unit, "Install", "WantedBy") == "multi-user.target"
    assert "systemctl enable --now lontar lontar-backup.timer" in installed["out"]
    for path in installed["units"].values():
        assert path.stat().st_mode & 0o777 == 0o644


def test_the_units_lontar_command_runs_on_the_home(installed):
    """What systemd would start, with the unit's environment: the venv's `lontar`, on the
    data directory, against the database (a read-only command instead of `serve`)."""
    unit = read(installed, "lontar.service")
    argv = shlex.split(one(unit, "Service", "ExecStart"))
    env = {**os.environ, **environment(unit)}
    ran = subprocess.run(
        [*argv[:3], "upgrade", "--dry-run", "--lang", "en"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert "generation" in ran.stdout


def test_the_backup_runs_nightly_and_catches_up_after_a_night_off(installed):
    home: Home = installed["home"]
    service = read(installed, "lontar-backup.service")
    argv = shlex.split(one(service, "Service", "ExecStart"))
    assert argv[1:] == [
        "--home", str(home.path), "backup", str(installed["backups"]), "--keep", "5",
        "--full-every", "7",
    ]  # fmt: skip
    assert one(service, "Service", "Type") == "oneshot"
    assert one(service, "Service", "ReadWritePaths") == f"{home.path} -{installed['backups']}"
    assert "backup" in cli_main.commands  # the command the timer runs exists
    timer = read(installed, "lontar-backup.timer")
    calendar = one(timer, "Timer", "OnCalendar")
    assert calendar == "*-*-* 03:15:00"
    assert one(timer, "Timer", "Persistent") == "true"
    assert one(timer, "Timer", "Unit") == "lontar-backup.service"
    assert one(timer, "Install", "WantedBy") == "timers.target"
    if SYSTEMD_ANALYZE:
        said = subprocess.run(
            [SYSTEMD_ANALYZE, "calendar", calendar], capture_output=True, text=True
        )
        assert said.returncode == 0 and "Next elapse" in said.stdout, said.stderr


@pytest.mark.skipif(not SYSTEMD_ANALYZE, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units(installed):
    names = ("lontar.service", "lontar-backup.service", "lontar-backup.timer")
    verified = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", *(str(installed["units"][n]) for n in names)],
        capture_output=True, text=True, cwd=installed["systemd"], timeout=60,
    )  # fmt: skip
    assert verified.returncode == 0, verified.stderr
    ours = [line for line in verified.stderr.splitlines() if "lontar" in line]
    assert not ours, ours  # unknown keys and bad values are only warned about


def test_systemd_analyze_catches_what_the_parse_would_miss(tmp_path):
    """The check above can fail: a unit with a bad value is reported."""
    if not SYSTEMD_ANALYZE:
        pytest.skip("systemd-analyze is not installed")
    bad = tmp_path / "lontar.service"
    bad.write_text("[Service]\nExecStart=/bin/true\nRestart=on-failur\n")
    said = subprocess.run([SYSTEMD_ANALYZE, "verify", str(bad)], capture_output=True, text=True)
    assert "restart" in said.stderr.lower()


# -- log rotation -------------------------------------------------------------------------------
def test_the_logrotate_file_rotates_the_process_logs_in_place(installed):
    home: Home = installed["home"]
    text = installed["logrotate"].joinpath("lontar").read_text()
    body = re.search(r"^(\S+) \{\n(.*?)^\}", text, re.M | re.S)
    assert body and body.group(1) == f"{home.path}/logs/*.log"
    directives = {line.split()[0] for line in body.group(2).splitlines() if line.strip()}
    assert {"copytruncate", "missingok", "notifempty", "rotate", "su"} <= directives


@pytest.mark.skipif(
    not LOGROTATE or os.geteuid() != 0, reason="needs logrotate, and root for its `su`"
)
def test_logrotate_rotates_a_log_a_process_keeps_open(installed, tmp_path):
    home: Home = installed["home"]
    home.logs.mkdir(exist_ok=True)
    log = home.logs / "worker.log"
    with log.open("ab") as child:  # as `lontar serve` opens each child's log
        child.write(b"before the rotation\n")
        child.flush()
        config = installed["logrotate"] / "lontar"
        rotated = subprocess.run(
            [LOGROTATE, "-f", "-s", str(tmp_path / "state"), str(config)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert rotated.returncode == 0, rotated.stderr
        child.write(b"after\n")
        child.flush()
    assert (home.logs / "worker.log.1").read_bytes() == b"before the rotation\n"
    assert log.read_bytes() == b"after\n"  # appended at the start of the emptied file


# -- checks before writing ----------------------------------------------------------------------
def test_dry_run_prints_every_file_and_writes_nothing(home, tmp_path):
    lontar_cli("init", home=home)
    dest = tmp_path / "systemd"
    dest.mkdir()
    shown = lontar_cli("install-service", "--dry-run", "--dest", str(dest), home=home)
    assert list(dest.iterdir()) == []
    for name in ("lontar.service", "lontar-backup.service", "lontar-backup.timer"):
        assert f"# --- {dest / name}\n" in shown.stdout
    assert "# --- /etc/logrotate.d/lontar\n" in shown.stdout
    assert f"--home {home.path} serve --port 8501" in shown.stdout


def settings(home: Home, **options) -> service_files.Settings:
    return service_files.settings_for(home, **options)


@pytest.mark.parametrize(
    ("options", "key"),
    [
        ({"backup_dest": "INSIDE"}, "service_backup_inside_home"),
        ({"user": "tidak-ada-akun-ini"}, "service_unknown_user"),
        ({"backup_at": "25:00"}, "service_bad_time"),
        ({"backup_dest": "/srv/cadangan arsip"}, "service_bad_path"),
        ({"port": 0}, "service_bad_value"),
        ({"proxies": "127.0.0.1,bukan-alamat"}, "service_bad_proxies"),
    ],
)
def test_what_would_break_the_service_is_refused_with_a_reason(home, options, key):
    if options.get("backup_dest") == "INSIDE":
        options = {"backup_dest": str(home.path / "backup")}
    with pytest.raises(Exception) as refused:
        settings(home, **options)
    assert getattr(refused.value, "key", None) == key
    assert key in MESSAGES


def test_a_missing_folder_is_an_error_message_not_a_traceback(home, tmp_path):
    lontar_cli("init", home=home)
    done = lontar_cli(
        "install-service", "--dest", str(tmp_path / "tidak-ada"), "--lang", "en",
        home=home, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "\nlontar: The folder" in "\n" + done.stderr and "Traceback" not in done.stderr


def test_warnings_name_what_would_keep_the_service_from_starting(tmp_path):
    missing = Home.resolve(tmp_path / "belum-ada")
    found = dict(service_files.warnings(settings(missing)))
    assert {"service_home_missing", "service_key_missing"} <= set(found)
    assert all(key in MESSAGES for key in found)


@pytest.mark.skipif(not HAS_NOBODY, reason="needs the account nobody")
def test_a_python_the_service_account_cannot_reach_is_warned_about(tmp_path):
    """As under pyenv in /root: the account cannot run the venv's Python. What `reachable`
    says is what the kernel says when the account tries (setpriv, as root)."""
    hidden = tmp_path / "private" / "python"
    hidden.parent.mkdir(mode=0o700)
    hidden.write_bytes(Path("/usr/bin/env").read_bytes())
    hidden.chmod(0o755)
    assert service_files.reachable(Path("/usr/bin/env"), "nobody")
    assert not service_files.reachable(hidden, "nobody")
    if os.geteuid() == 0:
        for program, expected in ((Path("/usr/bin/env"), 0), (hidden, 126)):
            if not shutil.which("setpriv"):
                break
            tried = subprocess.run(
                ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                 "/usr/bin/env", str(program), "true"],
                capture_output=True,
            )  # fmt: skip
            assert tried.returncode == expected, tried.stderr


def test_every_template_field_is_filled_and_every_setting_used(home):
    values = settings(home)
    used: set[str] = set()
    for file in service_files.FILES:
        text = (DEPLOY / file.template).read_text()
        used |= set(service_files.FIELD.findall(text))
        assert not service_files.FIELD.search(service_files.render(file.template, values))
    assert used == set(values.fields())


def test_install_replaces_what_an_earlier_run_wrote(home, tmp_path):
    lontar_cli("init", home=home)
    dest = tmp_path / "out"
    dest.mkdir()
    first = service_files.planned(settings(home), str(dest), str(dest))
    service_files.install(first)
    again = service_files.planned(settings(home, port=8600), str(dest), str(dest))
    service_files.install(again)
    assert "--port 8600" in (dest / "lontar.service").read_text()
    assert sorted(p.name for p in dest.iterdir()) == sorted(p.name for p, _ in again)


# -- the reverse proxy examples -----------------------------------------------------------------
def test_the_nginx_example_passes_the_websocket_and_the_forwarded_headers():
    text = (DEPLOY / "nginx.conf.example").read_text()
    stream = re.search(r"location /_stcore/stream \{(.*?)\}", text, re.S)
    assert stream, "no location for Streamlit's websocket"
    for line in (
        "proxy_http_version 1.1;",
        "proxy_set_header Upgrade $http_upgrade;",
        "proxy_set_header Connection $connection_upgrade;",
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "proxy_set_header X-Forwarded-Proto $scheme;",
    ):
        assert line in stream.group(1)
    timeout = re.search(r"proxy_read_timeout (\d+)s;", stream.group(1))
    assert timeout and int(timeout.group(1)) >= 3600
    size = re.search(r"client_max_body_size (\d+)m;", text)
    assert size and int(size.group(1)) == UPLOAD_MIB + 1  # + the multipart envelope
    assert "server 127.0.0.1:8501;" in text  # install-service's defaults


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def nginx_setup(folder: Path, upstream: int, http: int, https: int) -> Path:
    """The example as it is, with test ports and a self-signed certificate, in a main
    configuration of its own (pid, logs and temporary files in `folder`)."""
    cert, key = _self_signed(folder)
    site = (DEPLOY / "nginx.conf.example").read_text()
    site = site.replace("server 127.0.0.1:8501;", f"server 127.0.0.1:{upstream};")
    site = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", site)  # the machine may lack IPv6
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http};")
    site = site.replace("listen 443 ssl", f"listen 127.0.0.1:{https} ssl")
    site = re.sub(r"ssl_certificate +\S+;", f"ssl_certificate {cert};", site)
    site = re.sub(r"ssl_certificate_key +\S+;", f"ssl_certificate_key {key};", site)
    (folder / "site.conf").write_text(site)
    temp = "".join(
        f"    {kind}_temp_path {folder / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root root;\n" if os.geteuid() == 0 else ""
    main = (
        f"{user}pid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\n"
        f"events {{}}\nhttp {{\n    access_log {folder / 'access.log'};\n{temp}"
        f"    include {folder / 'site.conf'};\n}}\n"
    )
    config = folder / "nginx.conf"
    config.write_text(main)
    return config


@pytest.mark.skipif(not NGINX, reason="nginx is not installed")
def test_nginx_accepts_the_example(tmp_path):
    config = nginx_setup(tmp_path, 8501, free_port(), free_port())
    tested = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "error.log")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert tested.returncode == 0, tested.stderr


def test_the_caddy_example_proxies_to_lontar_with_the_upload_size():
    text = (DEPLOY / "Caddyfile.example").read_text()
    assert "reverse_proxy 127.0.0.1:8501" in text and "/_stcore/stream" in text
    assert f"max_size {UPLOAD_MIB + 1}MiB" in text
    if not CADDY:
        return
    adapted = subprocess.run(
        [CADDY, "adapt", "--config", str(DEPLOY / "Caddyfile.example"), "--adapter", "caddyfile"],
        capture_output=True, text=True, timeout=60, cwd=PROJECT,
    )  # fmt: skip
    assert adapted.returncode == 0, adapted.stderr
    found = json.dumps(json.loads(adapted.stdout))
    assert '"dial": "127.0.0.1:8501"' in found
    assert f'"max_size": {(UPLOAD_MIB + 1) * 1024 * 1024}' in found


def _https(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, dict]:
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=30, context=context)
    try:
        connection.request(method, path, body=body)
        answer = connection.getresponse()
        answer.read()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}
    finally:
        connection.close()


def _websocket_status(port: int, origin: str) -> str:
    """The status line of a websocket handshake on /_stcore/stream, over TLS, as a browser on
    a page of `https://arsip.test:<port>` makes it (a name Streamlit does not let through as
    it lets localhost: only the forwarded Host makes it same-origin)."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    request = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: arsip.test:{port}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n"
        f"Origin: {origin}\r\n\r\n"
    )
    with (
        socket.create_connection(("127.0.0.1", port), timeout=30) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
    ):
        tls.sendall(request.encode())
        return tls.recv(4096).decode("latin-1").split("\r\n", 1)[0]


@pytest.mark.slow
@pytest.mark.skipif(not NGINX, reason="nginx is not installed")
def test_nginx_with_the_example_carries_lontar(home, tmp_path, monkeypatch):
    """HTTPS to a real `lontar serve` through nginx configured by the example: pages, the
    websocket (with the browser's origin), large uploads, and the forwarded headers believed
    from the trusted proxy (the session cookie is `Secure` because the browser used HTTPS)."""
    monkeypatch.setenv("LONTAR_TRUSTED_PROXIES", "127.0.0.1")
    lontar_cli("init", home=home)
    upstream, plain, secure = free_port(), free_port(), free_port()
    folder = tmp_path / "nginx"
    folder.mkdir()
    config = nginx_setup(folder, upstream, plain, secure)
    serve = start_serve(home, upstream, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proxy = subprocess.Popen(
        [NGINX, "-p", str(folder), "-c", str(config), "-e", str(folder / "error.log"),
         "-g", "daemon off;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        wait_until(lambda: healthy(upstream), 120, "the app")
        assert _https(secure, "GET", "/_stcore/health")[0] == 200
        connection = http.client.HTTPConnection("127.0.0.1", plain, timeout=10)
        connection.request("GET", "/Arsip")
        redirect = connection.getresponse()
        assert redirect.status == 301
        assert redirect.getheader("location") == "https://127.0.0.1/Arsip"
        connection.close()
        page = f"https://arsip.test:{secure}"
        assert _websocket_status(secure, page).startswith("HTTP/1.1 101")
        assert _websocket_status(secure, "https://elsewhere.example").startswith("HTTP/1.1 403")
        status, headers = _https(secure, "GET", "/api/session/end")
        assert status == 303 and "Secure" in headers["set-cookie"]
        big = b"x" * (2 * 1024 * 1024)  # over nginx's default 1 MB, under Streamlit's limit
        assert _https(secure, "POST", "/_stcore/upload_file/a/b", big)[0] != 413
    finally:
        proxy.send_signal(signal.SIGQUIT)
        proxy.wait(30)
        serve.send_signal(signal.SIGINT)
        serve.wait(60)


# -- docs/operations.md keeps up ----------------------------------------------------------------
def test_operations_doc_names_every_file_in_deploy_and_nothing_else():
    files = {p.name for p in DEPLOY.iterdir() if p.is_file()}
    named = set(re.findall(r"deploy/([\w.-]+)", OPERATIONS))
    assert files == named, (files - named, named - files)
    assert {f.template for f in service_files.FILES} | set(service_files.EXAMPLES) == files


def test_operations_doc_names_every_operations_command_and_only_real_ones():
    section = next(s for title, s in cli_main.sections if title == "Operations")
    visible = [name for name in section if not cli_main.commands[name].hidden]
    missing = [name for name in visible if f"lontar {name}" not in OPERATIONS]
    assert not missing, missing
    for words in re.findall(r"`lontar ((?:--\S+ \S+ )*)([a-z][\w-]*)", OPERATIONS):
        assert words[1] in cli_main.commands, f"docs/operations.md: `lontar {words[1]}`"
    shared = {"--home", "--as", "--lang", "--help"}
    for name in ("install-service", "upgrade"):
        options = {o for p in cli_main.commands[name].params for o in p.opts} - shared
        missing = [o for o in options if o.startswith("--") and f"`{o}`" not in OPERATIONS]
        assert not missing, (name, missing)
