"""Uploads straight to Streamlit's upload route (what a script could send, whatever the page's widget
allows): above the import's limit the server answers 413 and keeps nothing; below it, 204."""

from __future__ import annotations

from cvm_core import settings as s
from tests.e2e.conftest import go
from tests.e2e.server import put_upload, upload_route

MB = 1024 * 1024


def test_the_server_refuses_uploads_larger_than_the_import_accepts(server, new_page, tmp_path) -> None:
    page = new_page()
    go(page, server.url)
    tiny = tmp_path / "tiny.json"
    tiny.write_text("{}")
    base, auth = upload_route(page, tiny)

    assert put_upload(f"{base}/too-big", auth, (s.IMPORT_MAX_MB + 2) * MB) == 413
    assert put_upload(f"{base}/fits", auth, (s.IMPORT_MAX_MB - 1) * MB) == 204
