"""A real Streamlit server on a free port and the browser flags to drive it: shared by the browser tests
(through their conftest) and the benchmarks, which must not import a conftest."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from db.engine import make_engine

ROOT = Path(__file__).resolve().parents[2]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    database_url: str
    process: subprocess.Popen

    @property
    def engine(self):  # noqa: ANN201
        return make_engine(self.database_url)


def start_server(
    database_url: str, port: int | None = None, log: Path | None = None, env: dict[str, str] | None = None
) -> Server:
    """`streamlit run serve.py` (the st.App) on a free port against `database_url`; waits until it answers."""
    port = port or free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT), **(env or {})}
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "serve.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as reply:
                if reply.status == 200:
                    return Server(url, database_url, process)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("streamlit did not start")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


def wait_idle(page) -> None:  # noqa: ANN001
    """Wait until Streamlit has finished the current run."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=20_000,
    )
    page.wait_for_timeout(300)


def put_upload(url: str, headers: dict[str, str], size: int, filename: str = "b.json", timeout: float = 60) -> int:
    """A multipart PUT of `size` bytes to Streamlit's upload route, as its page would send it: the HTTP status."""
    boundary = secrets.token_hex(8)
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/json\r\n\r\n"
    ).encode()
    body = head + b" " * size + f"\r\n--{boundary}--\r\n".encode()
    headers = {**headers, "Content-Type": f"multipart/form-data; boundary={boundary}"}
    request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 413  # the server may close the connection while the oversized body still streams


def upload_route(page, tiny: Path) -> tuple[str, dict[str, str]]:  # noqa: ANN001
    """On the home page: upload the small file `tiny` in the restore form and catch where the page sent it.
    Returns the upload route (without the file's id) and the headers a script needs to PUT there itself."""
    page.get_by_text("Restore a workshop from a backup").click()
    sent: list[tuple[str, dict[str, str]]] = []
    page.on("request", lambda r: sent.append((r.url, r.headers)) if "/_stcore/upload_file/" in r.url else None)
    form = page.get_by_test_id("stForm").filter(has_text="Import as a new workshop")
    with page.expect_request_finished(lambda r: "/_stcore/upload_file/" in r.url):
        form.locator("input[type=file]").set_input_files(str(tiny))
    wait_idle(page)
    route, headers = sent[0]
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
    return route.rsplit("/", 1)[0], {"X-Xsrftoken": headers.get("x-xsrftoken", ""), "Cookie": cookie}
