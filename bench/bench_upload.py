"""Uploads at the server: resident memory (RSS, from /proc) of one app server before and after 4 uploads
of 45 MB straight to Streamlit's upload route (refused: larger than the import accepts), 4 imports of a
19 MB file that is not a backup (refused by the import) and 4 imports of the large workshop's backup
(finished). Memory should come back near where it started."""

from __future__ import annotations

import json
import secrets
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.common import fresh_sqlite

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
ATTEMPTS = 4


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def settled_rss(pid: int, seconds: float = 3.0) -> float:
    """RSS once the server has had a moment (orphaned uploads are dropped after a script run)."""
    time.sleep(seconds)
    return rss_mb(pid)


def put(url: str, headers: dict[str, str], size: int) -> int:
    """A multipart PUT of `size` bytes to Streamlit's upload route, as its page would send it."""
    boundary = secrets.token_hex(8)
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.json"\r\n'
        "Content-Type: application/json\r\n\r\n"
    ).encode()
    body = head + b" " * size + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        url, data=body, method="PUT", headers={**headers, "Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 413  # the server closed the connection on an oversized body


def import_file(page, path: Path, done_text: str) -> None:  # noqa: ANN001
    """Upload `path` in the home page's restore form and import it; waits for `done_text`."""
    from tests.e2e.conftest import wait_idle

    form = page.get_by_test_id("stForm").filter(has_text="Import as a new workshop")
    form.locator("input[type=file]").set_input_files(str(path))
    form.get_by_text(path.name).wait_for(timeout=120_000)
    form.get_by_role("textbox", name="Your name").fill("Importer")
    form.get_by_role("textbox", name="Facilitator passcode").fill("bench-pass")
    form.get_by_role("button", name="Import as a new workshop").click()
    page.get_by_text(done_text).first.wait_for(timeout=120_000)
    wait_idle(page)


def files(folder: Path) -> tuple[Path, Path, Path]:
    """(a tiny file, a 19 MB JSON that is no backup, the large workshop's backup)."""
    from cvm_core.exports import backup
    from db import demo, read
    from db.services import Actor

    tiny = folder / "tiny.json"
    tiny.write_text("{}")
    junk = folder / "not-a-backup.json"
    junk.write_text(json.dumps({"rows": ["x" * 1000] * (19 * 1024)}))
    _, engine = fresh_sqlite("large.db")
    workshop_id = demo.build_large(engine)
    good = folder / "large-backup.json"
    good.write_bytes(backup.dumps(backup.build(read.backup(engine, actor=Actor.system(workshop_id)))))
    engine.dispose()
    return tiny, junk, good


def main() -> None:
    if not Path("/usr/bin/chromium").exists():
        print("chromium missing: upload memory not measured")
        return
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import FLAGS, start_server, stop_server, wait_idle

    folder = Path(tempfile.mkdtemp(prefix="cvm-upload-"))
    tiny, junk, good = files(folder)
    print(f"files: not a backup {junk.stat().st_size / MB:.1f} MB, large backup {good.stat().st_size / MB:.1f} MB")
    url, _ = fresh_sqlite("upload.db")
    server = start_server(url, log=folder / "server.log")
    pid = server.process.pid
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(locale="en-US")
            page.goto(server.url, timeout=120_000)
            page.get_by_test_id("stSidebar").wait_for(timeout=60_000)
            page.get_by_text("Restore a workshop from a backup").click()
            seen: list[tuple[str, dict[str, str]]] = []
            page.on("request", lambda r: seen.append((r.url, r.headers)) if "/_stcore/upload_file/" in r.url else None)
            page.get_by_test_id("stForm").filter(has_text="Import as a new workshop").locator(
                "input[type=file]"
            ).set_input_files(str(tiny))
            while not seen:
                page.wait_for_timeout(50)
            wait_idle(page)
            route, sent = seen[0]
            cookie = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
            headers = {"X-Xsrftoken": sent.get("x-xsrftoken", ""), "Cookie": cookie, "Origin": server.url}
            base = route.rsplit("/", 1)[0]
            start = settled_rss(pid)
            print(f"{'server RSS at the start':<52} {start:7.0f} MB")
            peak = start
            codes = []
            for n in range(ATTEMPTS):
                codes.append(put(f"{base}/big{n}", headers, 45 * MB))
                peak = max(peak, rss_mb(pid))
            after_big = settled_rss(pid)
            print(f"{'after 4 x 45 MB uploads (HTTP ' + ','.join(map(str, codes)) + ')':<52} {after_big:7.0f} MB")
            for _ in range(ATTEMPTS):
                import_file(page, junk, "cannot be imported")
                peak = max(peak, rss_mb(pid))
            after_junk = settled_rss(pid)
            print(f"{'after 4 imports of 19 MB refused by the import':<52} {after_junk:7.0f} MB")
            for _ in range(ATTEMPTS):
                import_file(page, good, "Imported")
                peak = max(peak, rss_mb(pid))
            after_good = settled_rss(pid)
            print(f"{'after 4 finished imports of the large backup':<52} {after_good:7.0f} MB")
            print(f"{'highest RSS seen':<52} {peak:7.0f} MB")
            print(f"{'kept after everything (end - start)':<52} {after_good - start:7.0f} MB")
            browser.close()
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
