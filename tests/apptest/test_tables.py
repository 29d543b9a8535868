"""Every table on every page of the demo workshop, in both languages: an empty cell never reads "None"
(empty in a table one edits, a dash in one that only shows), and a select column is wide enough for
its longest label ("External se…" was cut because the grid sized it by the stored codes)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import demo_facilitator
from ui import registry

GLYPH_PX, CELL_PX = 7, 33  # at least: the grid's 14 px text, its cell padding and the edit icon


def tables(at) -> list:  # noqa: ANN001
    """The page's tables and table editors (both are Arrow elements)."""
    found = {id(e.proto): e for e in [*at.dataframe, *at.data_editor]}
    return list(found.values())


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_table_shows_none_and_select_columns_hold_their_labels(new_app, app_db, lang: str) -> None:
    actor = demo_facilitator(app_db, lang)
    at = new_app(lang, actor)
    seen, selects = 0, 0
    for page in registry.PAGES[1:]:
        at.switch_page(page.path)
        at.run()
        assert not at.exception, page.key
        for table in tables(at):
            seen += 1
            assert table.proto.HasField("placeholder"), page.key  # unset: the grid writes "None"
            assert table.proto.placeholder in ("", "—"), page.key
            for name, column in json.loads(table.proto.columns or "{}").items():
                config = column.get("type_config") or {}
                if config.get("type") != "selectbox":
                    continue
                selects += 1
                longest = max(len(str(o["label"])) for o in [*config["options"], {"label": column["label"]}])
                assert column.get("width", 0) >= GLYPH_PX * longest + CELL_PX, (page.key, name)
    assert seen >= 12 and selects >= 4  # the check ran over the demo's tables
