"""Command line: migrate, load the demo workshops, list workshops.

python manage.py migrate
python manage.py demo [--size large] [--if-empty]
python manage.py list
"""

from __future__ import annotations

import argparse
import sys

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
    args = parser.parse_args(argv)

    upgrade()
    engine = make_engine()
    if args.command == "demo":
        from db import demo as demo_data
        from db.workshops import all_workshops

        if args.if_empty and all_workshops(engine):
            return 0
        for line in demo_data.load(engine, size=args.size):
            print(line)
    elif args.command == "list":
        from db.workshops import all_workshops

        for w in all_workshops(engine):
            state = "archived" if w["archived_at"] else "open"
            print(f"{w['id']:>4}  {w['join_code']}  {w['language']}  {state:8}  {w['name']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
