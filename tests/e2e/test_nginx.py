"""The shipped nginx config in front of two app servers: a page loads and its WebSocket session works,
every response carries the security headers once, and over TLS the session cookie is Secure."""

import os
import re
import shutil
import ssl
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from db.migrate import upgrade
from tests.conftest import need
from tests.e2e.conftest import ROOT, create_workshop, start_server, stop_server
from tests.e2e.server import free_port
from tests.e2e.test_session_cookie import wait_cookie
from web.headers import COMPONENT_HEADERS, SECURITY_HEADERS

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
UNVERIFIED = ssl._create_unverified_context()  # the test's own self-signed certificate


def nginx_config(folder: Path, port: int, upstreams: list[int], cache: Path, tls: bool = False) -> Path:
    site = (ROOT / "deploy" / "nginx-site.conf").read_text()
    listen = f"listen 127.0.0.1:{port};"
    if tls:  # what the comment in the shipped config says to write, with a self-signed certificate
        listen = (
            f"listen 127.0.0.1:{port} ssl; ssl_certificate {folder}/cert.pem; ssl_certificate_key {folder}/key.pem;"
        )
    site = site.replace("listen 8080;", listen)
    site = site.replace("server 127.0.0.1:8501;", f"server 127.0.0.1:{upstreams[0]};")
    site = site.replace("server 127.0.0.1:8502;", f"server 127.0.0.1:{upstreams[1]};")
    site = site.replace("/var/lib/nginx/clientocracy-static", str(cache))
    (folder / "site.conf").write_text(site)
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir(mode=0o777)
        os.chmod(path, 0o777)
    main = f"""
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {folder}/site.conf;
}}
"""
    config = folder / "nginx.conf"
    config.write_text(main)
    return config


def self_signed(folder: Path) -> None:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
        + ["-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        check=True,
        capture_output=True,
    )


@pytest.fixture(params=["http"])
def proxied(request, tmp_path):
    need(Path(NGINX).exists(), "nginx is not installed (apt-get install nginx)")
    tls = request.param == "https"
    if tls:
        self_signed(tmp_path)
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    upgrade(url)
    servers = [start_server(url, log=tmp_path / f"server{i}.log") for i in range(2)]
    port = free_port()
    cache = Path(tempfile.mkdtemp(prefix="cvm-nginx-cache-"))  # nginx's workers (another user) write there:
    os.chmod(cache, 0o777)  # pytest's own folders are closed to them
    config = nginx_config(tmp_path, port, [int(s.url.rsplit(":", 1)[1]) for s in servers], cache, tls=tls)
    subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(config)], check=True, capture_output=True)
    proxy = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(config)], stderr=subprocess.DEVNULL)
    base = f"{request.param}://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=1, context=UNVERIFIED)
            break
        except OSError:
            time.sleep(0.1)
    yield base, tmp_path
    proxy.terminate()
    proxy.wait(timeout=10)
    for server in servers:
        stop_server(server)
    shutil.rmtree(cache, ignore_errors=True)


def test_a_page_loads_and_its_websocket_session_works_through_nginx(proxied, new_page) -> None:
    base, folder = proxied
    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=5) as reply:
        assert reply.status == 200 and reply.read() == b"ok"
    page = new_page()
    code = create_workshop(page, base, name="Behind nginx")  # needs the WebSocket: every click is a message
    assert len(code) == 6
    page.context.close()  # nginx logs a WebSocket when it closes
    for _ in range(50):
        log = (folder / "access.log").read_text()
        if "/_stcore/stream" in log:
            break
        time.sleep(0.1)
    assert "/_stcore/stream" in log and " 101 " in log  # the WebSocket upgrade went through the proxy


def test_every_response_through_nginx_carries_the_security_headers_once(proxied) -> None:
    base, _ = proxied
    for path, expected in (
        ("/", SECURITY_HEADERS),
        ("/_stcore/health", SECURITY_HEADERS),
        ("/no-such-page", SECURITY_HEADERS),
        ("/component/streamlit_agraph.agraph/index.html", COMPONENT_HEADERS),  # framed by our own page only
    ):
        try:
            reply = urllib.request.urlopen(f"{base}{path}", timeout=5)
        except urllib.error.HTTPError as error:  # a page or component not found has the headers too
            reply = error
        with reply:
            for name, value in expected:
                assert reply.headers.get_all(name) == [value], (path, name)


def test_streamlits_files_are_kept_and_compressed_by_nginx(proxied) -> None:
    """A room opening the link together: after the first browser, nginx answers for Streamlit's files
    itself (the app servers never see them again) and compressed."""
    base, folder = proxied
    with urllib.request.urlopen(f"{base}/", timeout=5) as reply:
        page = reply.read().decode()
    scripts = re.findall(r'src="\.?/?(static/[^"]+\.js)"', page)
    assert scripts, page[:500]
    asked = {"Accept-Encoding": "gzip"}
    statuses, sizes = [], []
    for _ in range(3):
        with urllib.request.urlopen(urllib.request.Request(f"{base}/{scripts[0]}", headers=asked), timeout=10) as r:
            statuses.append(r.headers["X-Cache-Status"])
            sizes.append(len(r.read()))
            assert r.headers["Content-Encoding"] == "gzip"
            assert "immutable" in r.headers["Cache-Control"]  # Streamlit's own header, kept by nginx
            for name, value in SECURITY_HEADERS:
                assert r.headers.get_all(name) == [value], name
    assert statuses[0] in ("MISS", "EXPIRED") and statuses[1:] == ["HIT", "HIT"]
    with urllib.request.urlopen(f"{base}/{scripts[0]}", timeout=10) as plain:
        assert len(plain.read()) > 2 * sizes[-1]  # compressed: well under half


@pytest.mark.parametrize("proxied", ["https"], indirect=True)
def test_over_tls_the_session_cookie_is_secure(proxied, new_page) -> None:
    base, _ = proxied
    page = new_page(ignore_https_errors=True)
    create_workshop(page, base, name="Over TLS")
    cookie = wait_cookie(page, present=True)
    assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    page.reload()
    page.get_by_test_id("stSidebar").get_by_text("Fay · Facilitator").wait_for()  # wss:// carried it back
