"""The server refuses uploads larger than the import accepts, in Streamlit's config and in nginx's."""

import re
import tomllib

from cvm_core import settings as s
from tests.conftest import ROOT


def test_streamlit_refuses_what_the_import_would() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == s.IMPORT_MAX_MB


def test_nginx_lets_the_largest_import_through_and_nothing_much_larger() -> None:
    site = (ROOT / "deploy" / "nginx-site.conf").read_text()
    limit = int(re.search(r"client_max_body_size (\d+)m;", site).group(1))
    assert s.IMPORT_MAX_MB < limit <= s.IMPORT_MAX_MB + 2  # the file plus its multipart envelope
