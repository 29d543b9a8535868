"""Every page's rows and every export, for every role: nobody else's hidden entry and, under anonymous
voting, no vote's author but one's own; the facilitator's backup restores; a view is refused as one."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cvm_core import exports
from cvm_core.exports import backup
from db import exchange, read, services
from db.pains import set_dots
from tests.helpers import create, join, settings
from ui import registry

SECRETS = {"Pat": "Zebra crossing secret of Pat", "Kim": "Quokka secret of Kim"}


@pytest.fixture
def room(engine, workshop):
    """Pat and Kim each hold a hidden brainstorm entry; both put anonymous dots on a shared pain."""
    info, fay = workshop
    customer = create(engine, fay, "customer", name="Shops")["id"]
    shared = create(engine, fay, "pain", customer_id=customer, text="Late trucks")
    people = {name: join(engine, info, name) for name in SECRETS}
    settings(engine, fay, brainstorm_private=True, voting_open=True)
    for name, text in SECRETS.items():
        create(engine, people[name], "pain", customer_id=customer, text=text)
    set_dots(engine, actor=people["Pat"], pain_id=shared["id"], dots=2)
    set_dots(engine, actor=people["Kim"], pain_id=shared["id"], dots=3)
    return {"Fay": fay, **people}


def texts_of(key: str, content: bytes) -> str:
    """Everything a file says, as text."""
    if key == "pdf":
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    if key == "xlsx":
        book = load_workbook(io.BytesIO(content))
        return "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row)
    if key == "csv":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(archive.read(n).decode("utf-8-sig") for n in archive.namelist())
    return content.decode("utf-8")


def vote_authors(key: str, content: bytes) -> set:
    """The names (or ids, in JSON) the file gives as the author of a vote."""
    if key == "json":
        return {v["participant_id"] for v in json.loads(content)["vote"]}
    if key == "xlsx":
        rows = list(load_workbook(io.BytesIO(content))["Votes"].iter_rows(values_only=True))
        rows = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    else:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            name = next(n for n in archive.namelist() if "vote" in n.lower())
            rows = list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
    assert rows, key
    return {r.get("Participant") for r in rows}


@pytest.mark.parametrize("who", ["Fay", "Pat", "Kim"])
def test_no_page_shows_anyone_elses_hidden_entry_or_vote(engine, room, who) -> None:
    me = room[who]
    for page in registry.PAGES:
        data = read.read(engine, actor=me, entities=page.reads).data
        shown = repr(data)
        for author, text in SECRETS.items():
            assert (text in shown) == (author == who and "pain" in data), (page.key, author)
        for vote in data.get("vote", []):
            assert vote["participant_id"] in (me.participant_id, None), page.key


@pytest.mark.parametrize("who", ["Fay", "Pat", "Kim"])
def test_no_export_holds_anyone_elses_hidden_entry_or_vote(engine, room, who) -> None:
    me = room[who]
    data = read.read(engine, actor=me, entities=None).data
    for key in ("md", "pdf", "xlsx", "csv", "json"):
        content = backup.render(data, view=True) if key == "json" else exports.export(key, data, "en")
        said = texts_of(key, content)
        for author, text in SECRETS.items():
            if author != who:
                assert text not in said, (key, author)
        if key in ("xlsx", "csv", "json"):  # the files that list every row: one's own entry is there
            assert who == "Fay" or SECRETS[who] in said, key
            mine = {me.participant_id, me.name}
            assert vote_authors(key, content) <= mine | {None, ""}, key


def test_the_facilitators_backup_restores_the_whole_workshop(engine, room) -> None:
    file = backup.render(read.backup(engine, actor=room["Fay"]))
    _, actor = exchange.import_backup(engine, backup=backup.parse(file), facilitator_name="Nora", passcode="restore-1")
    restored = read.backup(engine, actor=services.Actor.system(actor.workshop_id))
    original = read.backup(engine, actor=room["Fay"])
    for data in (original, restored):
        assert sorted((p["text"], p["hidden"]) for p in data["pain"]) == [
            ("Late trucks", False),
            (SECRETS["Kim"], True),
            (SECRETS["Pat"], True),
        ]
        names = {p["id"]: p["display_name"] for p in data["participant"]}
        assert sorted((names[v["participant_id"]], v["dots"]) for v in data["vote"]) == [("Kim", 3), ("Pat", 2)]


@pytest.mark.parametrize(("lang", "words"), [("en", "not a backup"), ("ru", "не резервная копия")])
def test_a_participants_json_is_refused_as_a_backup(engine, room, lang, words) -> None:
    view = backup.render(read.read(engine, actor=room["Pat"], entities=None).data, view=True)
    with pytest.raises(backup.BadBackup) as caught:
        backup.parse(view)
    assert words in " ".join(backup.messages(caught.value, lang))
    assert exports.file_name("Spring", "json", view=True) == "Spring-view.json"
