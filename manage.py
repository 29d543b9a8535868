"""Command line: migrate, load the demo workshops, list, export and import workshops.

python manage.py migrate
python manage.py demo [--size large] [--if-empty]
python manage.py list
python manage.py export WORKSHOP_ID_OR_JOIN_CODE --format md|pdf|xlsx|csv|json -o FILE [--lang ru|en]
python manage.py import FILE [--facilitator NAME]     (passcode from $CVM_PASSCODE, else asked for)
python manage.py backup -o FILE                        (SQLite online backup; PostgreSQL: pg_dump)
python manage.py restore-workshop ID                   (undo a workshop delete)
python manage.py new-workshop --from CODE --name NAME --passcode-file FILE [--facilitator NAME]
                              [--carry ITEM ...] [--leave ITEM ...]   (the next round of a workshop)
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from db.engine import make_engine
from db.migrate import upgrade


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="manage.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="bring the database to the newest schema")
    demo = commands.add_parser("demo", help="create the demo workshops (ru and en)")
    demo.add_argument("--size", choices=["demo", "large"], default="demo")
    demo.add_argument("--if-empty", action="store_true", help="only when the database holds no workshop")
    commands.add_parser("list", help="list every workshop with its join code")
    export = commands.add_parser("export", help="write a workshop as md, pdf, xlsx, csv (zip) or json (backup)")
    export.add_argument("workshop", help="the workshop's number (see list) or its join code")
    export.add_argument("--format", required=True, choices=["md", "pdf", "xlsx", "csv", "json"])
    export.add_argument("-o", "--output", required=True, help="the file to write ('-' for standard output)")
    export.add_argument("--lang", choices=["ru", "en"], help="language of the document (default: the workshop's)")
    restore = commands.add_parser("import", help="restore a JSON backup as a new workshop")
    restore.add_argument("file", help="the JSON backup")
    restore.add_argument("--facilitator", help="the new workshop's facilitator (default: the file's)")
    backup = commands.add_parser("backup", help="copy the live SQLite database to FILE (online, consistent)")
    backup.add_argument("-o", "--output", required=True, help="the backup file to write")
    undelete = commands.add_parser("restore-workshop", help="bring back a deleted workshop")
    undelete.add_argument("workshop_id", type=int)
    new_round(commands)
    args = parser.parse_args(argv)

    if args.command == "backup":
        from db.backup import backup_sqlite

        try:
            print(f"Backup written to {backup_sqlite(Path(args.output))}")
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2
        return 0

    upgrade()
    engine = make_engine()
    if args.command == "demo":
        from db import demo as demo_data
        from db.workshops import all_workshops

        if args.if_empty and all_workshops(engine):
            return 0
        for line in demo_data.load(engine, size=args.size):
            print(line)
    elif args.command == "export":
        return export_workshop(engine, args.workshop, args.format, args.output, args.lang)
    elif args.command == "import":
        return import_workshop(engine, Path(args.file), args.facilitator)
    elif args.command == "new-workshop":
        return new_workshop(engine, args)
    elif args.command == "restore-workshop":
        return restore_deleted(engine, args.workshop_id)
    elif args.command == "list":
        from db.workshops import all_workshops

        for w in all_workshops(engine):
            state = "archived" if w["archived_at"] else "open"
            print(f"{w['id']:>4}  {w['join_code']}  {w['language']}  {state:8}  {w['name']}")
    return 0


def _lang() -> str:
    from cvm_core.i18n import pick_language

    return pick_language(os.environ.get("LC_ALL") or os.environ.get("LANG"))


def _fail(exc: Exception) -> int:
    from cvm_core.errors import DomainError
    from cvm_core.exports.backup import BadBackup, messages
    from cvm_core.i18n import t

    lang = _lang()
    lines = [t(exc.key, lang, **exc.params)] if isinstance(exc, DomainError) else [str(exc)]
    if isinstance(exc, BadBackup):
        lines += messages(exc, lang)
    print("\n".join(lines), file=sys.stderr)
    return 1


def restore_deleted(engine, workshop_id: int) -> int:  # noqa: ANN001
    """Bring back a deleted workshop; a clear message and a non-zero exit when there is none."""
    from cvm_core.errors import DomainError
    from db.live import restore_workshop

    try:
        restored = restore_workshop(engine, workshop_id=workshop_id)
    except DomainError as exc:
        return _fail(exc)
    print(f"Workshop {workshop_id} " + ("restored." if restored else "was not deleted: nothing to do."))
    return 0


def export_workshop(engine, workshop: str, key: str, output: str, lang: str | None) -> int:  # noqa: ANN001
    """Write one workshop in one format to a file (or to standard output)."""
    from cvm_core import exports
    from cvm_core.errors import DomainError
    from cvm_core.rounds import ROUNDS
    from db import read
    from db.exchange import find_workshop
    from db.services import Actor

    try:
        found = find_workshop(engine, workshop)
    except DomainError as exc:
        return _fail(exc)
    operator = Actor.system(found["id"])
    everything = read.backup(engine, actor=operator)  # the operator exports every row
    if key != "json":  # documents look back on the rounds before this one; a backup holds one workshop
        everything[ROUNDS] = [r.row() for r in read.rounds(engine, actor=operator)]
    content = exports.export(key, everything, lang)
    if output == "-":
        sys.stdout.buffer.write(content)
    else:
        Path(output).write_bytes(content)
        print(f"{found['name']}: {key}, {len(content):,} bytes -> {output}", file=sys.stderr)
    return 0


def new_round(commands) -> None:  # noqa: ANN001
    from cvm_core.carry import DEFAULT, ITEMS

    items = [item.key for item in ITEMS]
    new = commands.add_parser("new-workshop", help="start a new workshop from a past one (its next round)")
    new.add_argument("--from", dest="source", required=True, help="the past workshop's number or join code")
    new.add_argument("--name", required=True, help="the new workshop's name")
    new.add_argument("--passcode-file", required=True, type=Path, help="a file whose first line is the passcode")
    new.add_argument("--facilitator", help="the new workshop's facilitator (default: the past one's)")
    new.add_argument(
        "--carry", nargs="*", choices=items, default=[], help=f"carry also (default: {' '.join(sorted(DEFAULT))})"
    )
    new.add_argument("--leave", nargs="*", choices=items, default=[], help="leave out, of what is carried by default")


def new_workshop(engine, args) -> int:  # noqa: ANN001
    """The next round of a workshop, linked to it; prints its join code."""
    from cvm_core.carry import DEFAULT
    from cvm_core.errors import DomainError
    from db import rounds, workshops
    from db.exchange import find_workshop

    try:
        source = find_workshop(engine, args.source)
        lines = args.passcode_file.read_text(encoding="utf-8").splitlines()
        name = args.facilitator or next(
            (
                p["display_name"]
                for p in workshops.participants(engine, workshop_id=source["id"])
                if p["role"] == "facilitator"
            ),
            "Facilitator",
        )
        items = (set(DEFAULT) | set(args.carry)) - set(args.leave)
        started = rounds.start_from(
            engine,
            source_id=source["id"],
            name=args.name,
            by=None,
            facilitator_name=name,
            items=items,
            passcode=lines[0] if lines else "",
        )
    except (DomainError, OSError, UnicodeDecodeError) as exc:
        return _fail(exc)
    w = started.workshop
    print(
        f"Created '{w['name']}' as workshop {w['id']}, the next round of '{source['name']}': join code {w['join_code']}"
    )
    return 0


def import_workshop(engine, path: Path, facilitator: str | None) -> int:  # noqa: ANN001
    """Restore a backup file as a new workshop; prints its join code."""
    from cvm_core.errors import DomainError
    from cvm_core.exports import backup
    from db.exchange import import_backup

    try:
        parsed = backup.parse(path.read_bytes())
        name = facilitator or next(
            (p["display_name"] for p in parsed.rows["participant"] if p.get("role") == "facilitator"), "Facilitator"
        )
        passcode = os.environ.get("CVM_PASSCODE") or getpass.getpass(f"Passcode for {name}: ")
        workshop, _ = import_backup(engine, backup=parsed, facilitator_name=name, passcode=passcode)
    except (DomainError, OSError) as exc:
        return _fail(exc)
    print(f"Imported '{workshop['name']}' as workshop {workshop['id']}: join code {workshop['join_code']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
