"""In a real browser: the facilitator downloads the PDF and the Excel file from the summary page and
opens them with their readers; the JSON backup, uploaded on the home page, becomes a new workshop."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from db import workshops
from db.demo import DEMO_PASSCODE, build_demo
from tests.e2e.conftest import go, nav, sign_in_facilitator, wait_idle

SUMMARY = "Summary & export"


def download(page, label: str) -> bytes:  # noqa: ANN001
    with page.expect_download(timeout=120_000) as caught:
        page.get_by_test_id("stDownloadButton").filter(has_text=label).get_by_role("button").click()
    return Path(caught.value.path()).read_bytes()


def _named(engine, name: str) -> int:  # noqa: ANN001
    return sum(1 for w in workshops.all_workshops(engine) if w["name"] == name)


def test_download_the_pdf_and_the_excel_file_then_restore_the_backup(server, new_page, tmp_path) -> None:  # noqa: ANN001
    workshop_id = build_demo(server.engine, "en")
    code = workshops.workshop(server.engine, workshop_id=workshop_id)["join_code"]
    page = new_page()
    sign_in_facilitator(page, server.url, code, DEMO_PASSCODE, "Facilitator")
    page.get_by_test_id("stSidebar").get_by_text("Facilitator · Facilitator").wait_for()
    nav(page, SUMMARY)
    page.get_by_text("Progress over the nine steps").wait_for()
    page.screenshot(path=str(tmp_path / "summary.png"), full_page=True)

    page.get_by_role("button", name="Prepare the PDF").click()
    page.get_by_test_id("stDownloadButton").filter(has_text="PDF").wait_for(timeout=120_000)
    reader = PdfReader(io.BytesIO(download(page, "PDF")))
    assert "Northwind Supply" in reader.pages[0].extract_text()
    text = "".join(page_.extract_text() for page_ in reader.pages)
    assert "Value factor" in text and "Department network" in text  # charts drawn as vectors with real text

    book = load_workbook(io.BytesIO(download(page, "Excel")))
    assert book.sheetnames[:3] == ["Workshop", "Participants", "Departments"]
    assert book["Customers"]["A2"].value == "Independent restaurants and cafés"

    saved = tmp_path / "backup.json"
    saved.write_bytes(download(page, "JSON backup"))
    before = _named(server.engine, "Northwind Supply")  # a second attempt meets the first one's copies
    go(page, server.url)
    page.get_by_text("Restore a workshop from a backup").click()
    form = page.get_by_test_id("stForm").filter(has_text="Import as a new workshop")
    form.locator("input[type=file]").set_input_files(str(saved))
    form.get_by_text("backup.json").wait_for()
    form.get_by_role("button", name="Import as a new workshop").click()
    wait_idle(page)
    page.get_by_text("Imported “Northwind Supply”").wait_for()
    assert _named(server.engine, "Northwind Supply") == before + 1
    page.screenshot(path=str(tmp_path / "home.png"), full_page=True)


def test_a_bad_backup_says_what_is_wrong(server, new_page, tmp_path) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "clientocracy-workshop", "schema_version": 99}', encoding="utf-8")
    before = len(workshops.all_workshops(server.engine))
    page = new_page()
    go(page, server.url)
    page.get_by_text("Restore a workshop from a backup").click()
    form = page.get_by_test_id("stForm").filter(has_text="Import as a new workshop")
    form.locator("input[type=file]").set_input_files(str(bad))
    form.get_by_text("bad.json").wait_for()
    form.get_by_role("textbox", name="Your name").fill("Nora")
    form.get_by_role("textbox", name="Facilitator passcode").fill("secret-1")
    form.get_by_role("button", name="Import as a new workshop").click()
    wait_idle(page)
    page.get_by_text("the file has schema version 99").wait_for()
    assert len(workshops.all_workshops(server.engine)) == before
