"""Uploads straight to Streamlit's upload route (what a script could send, whatever the page's widget
allows): above the import's limit the server answers 413 and keeps nothing; below it, 204."""

from __future__ import annotations

import secrets
import urllib.error
import urllib.request

from cvm_core import settings as s
from tests.e2e.conftest import go, wait_idle

MB = 1024 * 1024


def put(url: str, headers: dict[str, str], size: int) -> int:
    boundary = secrets.token_hex(8)
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.json"\r\n'
            "Content-Type: application/json\r\n\r\n"
        ).encode()
        + b" " * size
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {**headers, "Content-Type": f"multipart/form-data; boundary={boundary}"}
    request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 413  # the server may close the connection while the oversized body still streams


def test_the_server_refuses_uploads_larger_than_the_import_accepts(server, new_page, tmp_path) -> None:
    page = new_page()
    go(page, server.url)
    page.get_by_text("Restore a workshop from a backup").click()
    sent: list[tuple[str, dict[str, str]]] = []
    page.on("request", lambda r: sent.append((r.url, r.headers)) if "/_stcore/upload_file/" in r.url else None)
    tiny = tmp_path / "tiny.json"
    tiny.write_text("{}")
    with page.expect_request_finished(lambda r: "/_stcore/upload_file/" in r.url):
        page.get_by_test_id("stForm").locator("input[type=file]").last.set_input_files(str(tiny))
    wait_idle(page)
    route, headers = sent[0]
    base = route.rsplit("/", 1)[0]
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
    auth = {"X-Xsrftoken": headers.get("x-xsrftoken", ""), "Cookie": cookie}

    assert put(f"{base}/too-big", auth, (s.IMPORT_MAX_MB + 2) * MB) == 413
    assert put(f"{base}/fits", auth, (s.IMPORT_MAX_MB - 1) * MB) == 204
