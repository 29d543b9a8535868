"""Uploads at the server: resident memory (RSS, from /proc) of one app server before and after 4 uploads
of 45 MB straight to Streamlit's upload route (refused: larger than the import accepts), 4 imports of a
19 MB file that is not a backup (refused by the import) and 4 imports of the large workshop's backup
(finished). Memory should come back near where it started."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from bench.common import chromium_missing, fresh_sqlite, served
from tests.e2e.server import put_upload, upload_route, wait_idle

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


def import_file(page, path: Path, done_text: str) -> None:  # noqa: ANN001
    """Upload `path` in the home page's restore form and import it; waits for `done_text`."""
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
    if chromium_missing("upload memory not measured"):
        return
    folder = Path(tempfile.mkdtemp(prefix="cvm-upload-"))
    tiny, junk, good = files(folder)
    print(f"files: not a backup {junk.stat().st_size / MB:.1f} MB, large backup {good.stat().st_size / MB:.1f} MB")
    url, _ = fresh_sqlite("upload.db")
    with served(url, folder / "server.log", warmed=False) as (server, browser):
        pid = server.process.pid
        page = browser.new_page(locale="en-US")
        page.goto(server.url, timeout=120_000)
        page.get_by_test_id("stSidebar").wait_for(timeout=60_000)
        base, headers = upload_route(page, tiny)
        headers["Origin"] = server.url
        start = settled_rss(pid)
        print(f"{'server RSS at the start':<52} {start:7.0f} MB")
        peak = start
        codes = []
        for n in range(ATTEMPTS):
            codes.append(put_upload(f"{base}/big{n}", headers, 45 * MB, filename="big.json", timeout=120))
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


if __name__ == "__main__":
    main()
