"""`lontar serve --role worker|app` as real processes, started from the command lines of the
two-node example's systemd drop-ins (deploy/two-nodes/): one worker and two app nodes on one
home (ZEO), the proxies of the example in front of the two (sticky sessions, websockets), an
app node that refuses to start without a database, and one that waits for the evolve steps.
The same on RelStorage: tests/test_relstorage.py holds what is particular to PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import http.client
import json
import os
import re
import shlex
import shutil
import signal
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect as connect_async
from websockets.typing import Origin, Subprotocol

from repository.app import Lontar
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import write, zeo_running, zeo_server_config
from repository.core.i18n import translate
from repository.core.keys import key_path
from repository.core.writer_lock import writer_lock
from repository.run import evolve, service_files
from tests.conftest import PROJECT, PYTHON, free_port, healthy, wait_until
from tests.pg_server import PgServer, pg_server

TWO_NODES = PROJECT / "deploy" / "two-nodes"
EXAMPLE_LONTAR, EXAMPLE_HOME = "/opt/lontar/.venv/bin/lontar", "/srv/lontar"
EXAMPLE_NODES = ("10.0.0.11:8501", "10.0.0.12:8501")
CADDY, NGINX = shutil.which("caddy"), shutil.which("nginx")
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")
CLEARED = ("LONTAR_HOME", "LONTAR_STORAGE", "LONTAR_LANG", "LONTAR_SEARCH", "LONTAR_SEARCH_DSN")


def environment(**extra: str) -> dict[str, str]:
    """What a node's processes see: none of the developer's Lontar settings, English."""
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    return {**env, "PYTHONUNBUFFERED": "1", "LONTAR_LANG": "en", **extra}


def cli(home: Home, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-m", "repository.cli", "--home", str(home.path), *args],
        capture_output=True, text=True, cwd=PROJECT, timeout=600, env=env,
    )  # fmt: skip


def drop_in_command(name: str, home: Home, port: int | None = None) -> list[str]:
    """The `ExecStart` of a deploy/two-nodes systemd drop-in as this machine runs it: the
    example's program is `python -m repository.cli`, its home `home`, an app node listens on
    127.0.0.1:`port`."""
    starts = [
        line.split("=", 1)[1]
        for line in (TWO_NODES / name).read_text().splitlines()
        if line.startswith("ExecStart=")
    ]
    assert starts[0] == "", "the unit's own command is cleared first"
    argv = shlex.split(starts[-1])
    assert argv[:3] == [EXAMPLE_LONTAR, "--home", EXAMPLE_HOME]
    command = " ".join(argv[3:])
    if port is not None:
        command = re.sub(r"--address \S+", "--address 127.0.0.1", command)
        command = re.sub(r"--port \d+", f"--port {port}", command)
    return [PYTHON, "-m", "repository.cli", "--home", str(home.path), *command.split()]


@dataclass
class Node:
    """A `lontar serve` process and the file its output goes to."""

    process: subprocess.Popen
    output: Path
    port: int | None = None

    def text(self) -> str:
        return self.output.read_text(errors="replace")

    def child_pids(self) -> set[int]:
        listed = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True)
        return {int(pid) for pid in listed.stdout.split()}

    def children(self) -> list[str]:
        """The command lines of the supervisor's children."""
        lines = []
        for pid in self.child_pids():
            try:
                raw = Path(f"/proc/{pid}/cmdline").read_bytes()
            except FileNotFoundError:
                continue
            lines.append(raw.replace(b"\0", b" ").decode())
        return lines

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(90)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(10)


def start(argv: list[str], output: Path, env: dict[str, str], port: int | None = None) -> Node:
    with output.open("ab") as handle:
        process = subprocess.Popen(
            argv, stdout=handle, stderr=subprocess.STDOUT, cwd=PROJECT, env=env
        )
    return Node(process, output, port)


def start_app(home: Home, folder: Path, env: dict[str, str], name: str) -> Node:
    port = free_port()
    node = start(drop_in_command("app-node.conf", home, port), folder / f"{name}.out", env, port)
    wait_until(lambda: healthy(port) or node.process.poll() is not None, 120, name)
    assert healthy(port), node.text()
    return node


@dataclass
class Cluster:
    """One home served by a worker node and two app nodes (ZEO on the home's socket)."""

    home: Home
    env: dict[str, str]
    worker: Node
    apps: list[Node] = field(default_factory=list)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[Cluster]:
    folder = tmp_path_factory.mktemp("roles")
    home, env = Home.resolve(folder / "home"), environment()
    for args in (("init",), ("unit", "add", "DPK", "--name", "Kearsipan")):
        done = cli(home, *args, env=env)
        assert done.returncode == 0, done.stderr
    worker = start(drop_in_command("worker-node.conf", home), folder / "worker.out", env)
    nodes = Cluster(home, env, worker)
    try:
        wait_until(lambda: zeo_running(home) or worker.process.poll() is not None, 60, "ZEO")
        assert zeo_running(home), worker.text()
        nodes.apps = [start_app(home, folder, env, f"app{n}") for n in (1, 2)]
        yield nodes
    finally:
        codes = [app.stop() for app in nodes.apps] + [worker.stop()]
        assert codes == [0] * len(codes), [n.text() for n in (*nodes.apps, worker)]
    assert not zeo_running(home) and not home.zeo_socket.exists()


# -- the roles ------------------------------------------------------------------------------------
@pytest.mark.slow
def test_a_worker_node_runs_zeo_and_the_worker_and_app_nodes_only_the_app(cluster):
    worker = cluster.worker.children()
    assert len(worker) == 2, worker
    programs = " | ".join(worker)
    assert "ZEO.runzeo" in programs and "repository.run.worker" in programs
    assert "The Lontar worker is running for" in cluster.worker.text()
    for app in cluster.apps:
        children = app.children()
        assert len(children) == 1 and "ui.web" in children[0], children
        assert f"--port {app.port}" in children[0]
        assert healthy(app.port)
        assert translate("serve_started", "en", port=app.port) in app.text()


@pytest.mark.slow
def test_what_the_cli_imports_the_worker_node_indexes(cluster, tmp_path):
    _import_and_find(cluster.home, cluster.env, tmp_path, cluster.home)
    assert int(cluster.home.worker_lock.read_text()) in cluster.worker.child_pids()


def _import_and_find(home: Home, env: dict[str, str], folder: Path, finder: Home) -> None:
    """A note imported on `home` without waiting is found from `finder` once the worker
    has indexed it (the import itself indexes nothing)."""
    note = folder / "nota.txt"
    note.write_text("Nota dinas tentang pemeliharaan gedung arsip statis")
    imported = cli(home, "import", str(note), "--unit", "DPK", "--no-wait", "--json", env=env)
    assert imported.returncode == 0, imported.stderr
    record = json.loads(imported.stdout)["accepted"][0]["id"]

    def found() -> list[str]:
        answer = cli(finder, "search", "pemeliharaan", "--json", env=env)
        assert answer.returncode == 0, answer.stderr
        return [hit["id"] for hit in json.loads(answer.stdout)["hits"]]

    wait_until(lambda: found() == [record], 120, "the worker to index the record")


def test_an_app_node_without_a_database_refuses_to_start(tmp_path):
    home, env = Home.resolve(tmp_path / "home"), environment()
    assert cli(home, "init", env=env).returncode == 0
    size = home.data_fs.stat().st_size
    refused = cli(home, "serve", "--role", "app", "--port", str(free_port()), env=env)
    assert refused.returncode == 1
    said = translate("serve_app_no_database", "en", home=home.path, socket=home.zeo_socket)
    assert said in " ".join(refused.stderr.split()), refused.stderr
    assert home.data_fs.stat().st_size == size and not home.zeo_socket.exists()
    empty = Home.resolve(tmp_path / "empty")
    assert cli(empty, "serve", "--role", "app", env=env).returncode == 1
    assert not empty.path.exists()  # nothing of its own was made


@pytest.mark.slow
def test_an_app_node_waits_until_the_database_is_brought_up_to_date(tmp_path):
    """The evolve steps run only where the worker runs: an app node on an older database
    starts no app until they are done (here by `lontar upgrade`, as a worker node would)."""
    home, env = Home.resolve(tmp_path / "home"), environment()
    assert cli(home, "init", env=env).returncode == 0
    with Lontar(home) as lontar:
        write(lontar.db, lambda root: setattr(pemda_of(root), "schema_version", 1))
    config = home.path / "zeo.conf"
    config.write_text(zeo_server_config(home))
    zeo = start([PYTHON, "-m", "ZEO.runzeo", "-C", str(config)], tmp_path / "zeo.out", env)
    app: Node | None = None
    try:
        wait_until(lambda: zeo_running(home), 60, "ZEO")
        command = drop_in_command("app-node.conf", home, free_port())
        app = start(command, tmp_path / "app.out", env)
        waiting = translate("serve_awaiting_evolve", "en", steps=len(evolve.STEPS))
        wait_until(lambda: waiting in app.text() or app.process.poll() is not None, 60, "wait")
        assert waiting in app.text() and app.children() == []
        upgraded = cli(home, "upgrade", env=env)
        assert upgraded.returncode == 0, upgraded.stderr
        wait_until(lambda: len(app.children()) == 1, 60, "the app after the upgrade")
        assert "ui.web" in app.children()[0]
    finally:
        if app is not None:
            assert app.stop() == 0, app.text()
        zeo.process.send_signal(signal.SIGTERM)
        zeo.process.wait(30)


# -- on RelStorage -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    with pg_server() as running:
        yield running


def _first_node(folder: Path, env: dict[str, str]) -> tuple[Home, Node]:
    """A home on RelStorage and its worker node: no ZEO, the worker alone."""
    home = Home.resolve(folder / "node1")
    for args in (("init",), ("unit", "add", "DPK", "--name", "Kearsipan")):
        done = cli(home, *args, env=env)
        assert done.returncode == 0, done.stderr
    worker = start(drop_in_command("worker-node.conf", home), folder / "worker.out", env)
    started = translate("serve_worker_started", "en", home=home.path)
    wait_until(lambda: started in worker.text() or worker.process.poll() is not None, 60, "worker")
    assert started in worker.text() and not home.zeo_socket.exists()
    children = worker.children()
    assert len(children) == 1 and "repository.run.worker" in children[0], children
    return home, worker


def _copy_of(first: Home, folder: Path) -> Home:
    """A second machine's home: its own folder, a copy of the master key."""
    home = Home.resolve(folder)
    home.ensure()
    shutil.copy2(key_path(first), key_path(home))
    return home


@pytest.mark.slow
def test_roles_on_relstorage_with_the_whoosh_index(server, tmp_path):
    """With a storage configured the worker node runs no ZEO. An app node on the same home
    serves; on another home the Whoosh index would never be written by the worker, so an
    app node there refuses to start and says why."""
    env = environment(LONTAR_STORAGE=server.url(server.create_database()))
    first, worker = _first_node(tmp_path, env)
    with writer_lock(first) as taken:  # started: the worker holds the index writer's lock
        assert not taken, "the node said it started before its worker held the lock"
    app = None
    try:
        app = start_app(first, tmp_path, env, "app1")
        _import_and_find(first, env, tmp_path, first)
        second = _copy_of(first, tmp_path / "node2")
        refused = cli(second, "serve", "--role", "app", "--port", str(free_port()), env=env)
        assert refused.returncode == 1
        said = translate("serve_app_no_worker", "en", home=second.path, lock=second.worker_lock)
        assert said in " ".join(refused.stderr.split()), refused.stderr
    finally:
        codes = [node.stop() for node in (app, worker) if node is not None]
    assert codes == [0] * len(codes)


@pytest.mark.slow
def test_an_app_node_of_another_home_serves_with_postgresql_search(server, tmp_path):
    """Two homes as two machines, one database, the PostgreSQL search index: the app node of
    the second serves, and what it imports the first one's worker indexes for both."""
    search = server.dsn(server.create_database())
    env = environment(
        LONTAR_STORAGE=server.url(server.create_database()),
        LONTAR_SEARCH="postgresql",
        LONTAR_SEARCH_DSN=search,
    )
    first, worker = _first_node(tmp_path, env)
    app = None
    try:
        second = _copy_of(first, tmp_path / "node2")
        app = start_app(second, tmp_path, env, "app2")
        assert app.children() and "ui.web" in app.children()[0]
        _import_and_find(second, env, tmp_path, second)
    finally:
        codes = [node.stop() for node in (app, worker) if node is not None]
    assert codes == [0] * len(codes)


# -- the proxies of the example -------------------------------------------------------------------
def test_caddy_accepts_the_two_node_example(tmp_path):
    if not CADDY:
        pytest.skip("caddy is not installed")
    text = (TWO_NODES / "Caddyfile").read_text()
    assert "lb_policy cookie" in text and "health_uri /_stcore/health" in text
    checked = subprocess.run(
        [CADDY, "validate", "--config", str(TWO_NODES / "Caddyfile"), "--adapter", "caddyfile"],
        capture_output=True, text=True, timeout=60, cwd=PROJECT,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)},
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr


def test_nginx_accepts_the_two_node_example(tmp_path):
    if not NGINX:
        pytest.skip("nginx is not installed")
    config = nginx_setup(tmp_path, (8501, 8502), free_port(), free_port())
    tested = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "error.log")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert tested.returncode == 0, tested.stderr


@pytest.mark.slow
def test_caddy_keeps_each_browser_on_its_node(cluster, tmp_path):
    if not CADDY:
        pytest.skip("caddy is not installed")
    port = free_port()
    site = (TWO_NODES / "Caddyfile").read_text()
    site = site.replace("arsip.example.go.id {", f"http://127.0.0.1:{port} {{")
    for example, app in zip(EXAMPLE_NODES, cluster.apps, strict=True):
        site = site.replace(example, f"127.0.0.1:{app.port}")
    tag = "flush_interval -1\n\t\theader_down X-Node {rp.upstream.hostport}"
    site = site.replace("flush_interval -1", tag)  # which node answered, for the test only
    (tmp_path / "Caddyfile").write_text("{\n\tadmin off\n}\n\n" + site)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    run = [CADDY, "run", "--config", str(tmp_path / "Caddyfile"), "--adapter", "caddyfile"]
    caddy = start(run, tmp_path / "caddy.out", env)
    try:
        wait_until(lambda: _answers(port) or caddy.process.poll() is not None, 60, "caddy")
        cookies = assert_sticky(lambda headers: _http(port, headers), "lontar_node", cluster)
        assert_uploads_reach_the_session(Proxy(port, tls=False), cookies)
    finally:
        caddy.process.send_signal(signal.SIGTERM)
        caddy.process.wait(30)


@pytest.mark.slow
def test_nginx_keeps_each_browser_on_its_node(cluster, tmp_path):
    if not NGINX:
        pytest.skip("nginx is not installed")
    secure = free_port()
    ports = tuple(app.port for app in cluster.apps)
    config = nginx_setup(tmp_path, ports, free_port(), secure, tag_node=True)
    nginx = subprocess.run(
        [NGINX, "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "error.log")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert nginx.returncode == 0, nginx.stderr
    try:
        wait_until(lambda: _answers(secure, tls=True), 60, "nginx")
        cookies = assert_sticky(
            lambda headers: _http(secure, headers, tls=True), "lontar_node", cluster
        )
        assert_uploads_reach_the_session(Proxy(secure, tls=True), cookies)
    finally:
        pid = int((tmp_path / "nginx.pid").read_text())
        os.kill(pid, signal.SIGQUIT)
        wait_until(lambda: not (tmp_path / "nginx.pid").exists(), 30, "nginx to stop")


Answer = tuple[int, dict[str, str]]


def assert_sticky(get, cookie_name: str, cluster: Cluster) -> dict[str, str]:
    """A browser without the node cookie gets one; with it, every request goes to the node it
    names; browsers without one are spread over both nodes."""
    ports = {str(app.port) for app in cluster.apps}
    cookies: dict[str, str] = {}  # node port -> its cookie
    for _ in range(40):  # both nodes: the chance of one only is 2^-39
        status, headers = get({})
        assert status == 200
        node = headers["x-node"].rsplit(":", 1)[1]
        match = re.search(rf"(?:^|[ ,]){re.escape(cookie_name)}=([^;]+)", headers["set-cookie"])
        assert match, headers["set-cookie"]
        cookies.setdefault(node, f"{cookie_name}={match.group(1)}")
    assert set(cookies) == ports
    for node, cookie in cookies.items():
        for _ in range(10):
            status, headers = get({"Cookie": f"{cookie}; lontar_session=x"})
            assert status == 200 and headers["x-node"].endswith(f":{node}")
    return cookies


@dataclass
class Proxy:
    port: int
    tls: bool

    def url(self, scheme: str, path: str) -> str:
        return f"{scheme}{'s' if self.tls else ''}://127.0.0.1:{self.port}{path}"

    def ssl(self) -> ssl.SSLContext | None:
        if not self.tls:
            return None
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        return context


def assert_uploads_reach_the_session(proxy: Proxy, cookies: dict[str, str]) -> None:
    """Why Streamlit needs sticky sessions, through the proxy: a browser's session lives in
    the websocket of one node, and its upload (PUT /_stcore/upload_file/<session>/...) is
    accepted only there. With the node cookie the upload goes where the session is; with the
    other node's cookie it is refused as a multi-replica deployment without affinity."""
    (node, cookie), (_other, other_cookie) = sorted(cookies.items())
    mine, others = asyncio.run(_uploads_beside_a_session(proxy, cookie, other_cookie))
    assert mine == (204, b"")
    status, body = others
    assert status == 400 and b"sticky sessions" in body, (node, status, body)


async def _uploads_beside_a_session(proxy: Proxy, cookie: str, other_cookie: str) -> tuple:
    """A session opened through the proxy, and an upload with each cookie while it is open.
    The asyncio client, not the threaded one: websockets' threaded client reads a TLS socket
    in a background thread while the caller writes to it, which OpenSSL does not allow (the
    whole test run was once aborted in that handshake)."""
    async with connect_async(
        proxy.url("ws", "/_stcore/stream"), subprotocols=[Subprotocol("streamlit")],
        origin=Origin(proxy.url("http", "")), additional_headers={"Cookie": cookie},
        ssl=proxy.ssl(), open_timeout=30,
    ) as stream:  # fmt: skip
        session = await _session_of(stream)
        return _upload(proxy, session, cookie), _upload(proxy, session, other_cookie)


async def _session_of(stream) -> str:
    """The id of the Streamlit session a websocket opened: said when the script first runs."""
    rerun = BackMsg()
    rerun.rerun_script.query_string = ""
    await stream.send(rerun.SerializeToString())
    for _ in range(200):
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(stream.recv(), 120))
        if message.WhichOneof("type") == "new_session":
            return message.new_session.initialize.session_id
    raise AssertionError("no new_session message")


def _upload(proxy: Proxy, session: str, cookie: str) -> tuple[int, bytes]:
    """A file upload as Streamlit's uploader sends it (double-submit XSRF token)."""
    token = "2|00000000|" + os.urandom(16).hex() + "|1700000000"
    body = (
        b'--lontar\r\nContent-Disposition: form-data; name="file"; filename="nota.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\nNota dinas\r\n--lontar--\r\n"
    )
    headers = {
        "Content-Type": "multipart/form-data; boundary=lontar",
        "X-Xsrftoken": token,
        "Cookie": f"{cookie}; _streamlit_xsrf={token}",
    }
    for _attempt in range(3):
        connection = _connection(proxy.port, proxy.tls)
        try:
            connection.request(
                "PUT", f"/_stcore/upload_file/{session}/f1", body=body, headers=headers
            )
            answer = connection.getresponse()
            return answer.status, answer.read()
        except http.client.IncompleteRead:
            # a refusal sent before the request's body was read: the node may close the
            # connection under the proxy, cutting the answer's body off (seen once in a run
            # of the whole suite); the refusal itself is what is asked again
            continue
        finally:
            connection.close()
    raise AssertionError("the upload's answer was cut off three times")


def _answers(port: int, tls: bool = False) -> bool:
    try:
        return _http(port, {}, tls=tls)[0] == 200
    except OSError:
        return False


def _connection(port: int, tls: bool) -> http.client.HTTPConnection:
    if not tls:
        return http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    return http.client.HTTPSConnection("127.0.0.1", port, timeout=30, context=context)


def _http(port: int, headers: dict[str, str], tls: bool = False) -> Answer:
    connection = _connection(port, tls)
    try:
        connection.request("GET", "/_stcore/health", headers=headers)
        answer = connection.getresponse()
        answer.read()
        found = {k.lower(): v for k, v in answer.getheaders()}
        found["set-cookie"] = ", ".join(answer.headers.get_all("Set-Cookie") or [])
        return answer.status, found
    finally:
        connection.close()


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "arsip.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2)).sign(key, hashes.SHA256())
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


def nginx_setup(
    folder: Path, upstreams: tuple[int, int], http: int, https: int, tag_node: bool = False
) -> Path:
    """The two-node example as it is, with test ports and a self-signed certificate, in a
    main configuration of its own (pid, logs and temporary files in `folder`); `tag_node`
    adds the answering node's address as `X-Node`, for the test only."""
    cert, key = _self_signed(folder)
    site = (TWO_NODES / "nginx.conf").read_text()
    for example, port in zip(EXAMPLE_NODES, upstreams, strict=True):
        site = site.replace(f"server {example} ", f"server 127.0.0.1:{port} ")
    site = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", site)  # the machine may lack IPv6
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http};")
    site = site.replace("listen 443 ssl", f"listen 127.0.0.1:{https} ssl")
    site = re.sub(r"ssl_certificate +\S+;", f"ssl_certificate {cert};", site)
    site = re.sub(r"ssl_certificate_key +\S+;", f"ssl_certificate_key {key};", site)
    if tag_node:
        tag = "add_header X-Node $upstream_addr always;\n    add_header Set-Cookie"
        site = site.replace("add_header Set-Cookie", tag)
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


# -- the systemd drop-ins -------------------------------------------------------------------------
def test_systemd_accepts_the_drop_ins_over_the_installed_units(tmp_path):
    if not SYSTEMD_ANALYZE:
        pytest.skip("systemd-analyze is not installed")
    home, env = Home.resolve(tmp_path / "home"), environment()
    units, logrotate = tmp_path / "systemd", tmp_path / "logrotate"
    for folder in (units, logrotate, units / "lontar.service.d", units / "lontar-backup.service.d"):
        folder.mkdir()
    assert cli(home, "init", env=env).returncode == 0
    places = ("--dest", str(units), "--logrotate-dest", str(logrotate))
    installed = cli(home, "install-service", *places, "--backup-dest", str(tmp_path / "b"), env=env)
    assert installed.returncode == 0, installed.stderr

    def drop_in(name: str, unit: str) -> None:
        text = (
            (TWO_NODES / name).read_text().replace(EXAMPLE_LONTAR, str(service_files.entry_point()))
        )
        (units / f"{unit}.d" / "role.conf").write_text(text.replace(EXAMPLE_HOME, str(home.path)))

    drop_in("backup-node.conf", "lontar-backup.service")
    for name in ("worker-node.conf", "app-node.conf"):
        drop_in(name, "lontar.service")
        verified = subprocess.run(
            [SYSTEMD_ANALYZE, "verify", "./lontar.service", "./lontar-backup.service"],
            capture_output=True, text=True, cwd=units, timeout=60,
        )  # fmt: skip
        assert verified.returncode == 0, verified.stderr
        ours = [line for line in verified.stderr.splitlines() if "lontar" in line]
        assert not ours, ours


def test_systemd_analyze_sees_a_bad_drop_in(tmp_path):
    """The check above can fail: a drop-in with a bad value is reported."""
    if not SYSTEMD_ANALYZE:
        pytest.skip("systemd-analyze is not installed")
    (tmp_path / "lontar.service").write_text("[Service]\nExecStart=/bin/true\n")
    (tmp_path / "lontar.service.d").mkdir()
    (tmp_path / "lontar.service.d" / "role.conf").write_text("[Service]\nRestartSec=soon\n")
    said = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", "./lontar.service"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert "role.conf" in said.stderr
