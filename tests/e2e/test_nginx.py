"""The shipped nginx config in front of two app servers: a page loads and its WebSocket session works."""

import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from db.migrate import upgrade
from tests.conftest import need
from tests.e2e.conftest import ROOT, create_workshop, free_port, start_server, stop_server

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_config(folder: Path, port: int, upstreams: list[int]) -> Path:
    site = (ROOT / "deploy" / "nginx-site.conf").read_text()
    site = site.replace("listen 8080;", f"listen 127.0.0.1:{port};")
    site = site.replace("server 127.0.0.1:8501;", f"server 127.0.0.1:{upstreams[0]};")
    site = site.replace("server 127.0.0.1:8502;", f"server 127.0.0.1:{upstreams[1]};")
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


@pytest.fixture
def proxied(tmp_path):
    need(Path(NGINX).exists(), "nginx is not installed (apt-get install nginx)")
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    upgrade(url)
    servers = [start_server(url, log=tmp_path / f"server{i}.log") for i in range(2)]
    port = free_port()
    config = nginx_config(tmp_path, port, [int(s.url.rsplit(":", 1)[1]) for s in servers])
    subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(config)], check=True, capture_output=True)
    proxy = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(config)], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base, tmp_path
    proxy.terminate()
    proxy.wait(timeout=10)
    for server in servers:
        stop_server(server)


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
