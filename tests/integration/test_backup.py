"""SQLite online backup while sessions write: the copy opens, migrates and holds every committed write."""

import threading
import time

from db import read
from db.backup import backup_sqlite
from db.engine import make_engine
from db.migrate import upgrade
from db.workshops import create_workshop
from tests.helpers import create


def test_backup_while_writing_then_restore(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    upgrade(url)
    engine = make_engine(url)
    _, fay = create_workshop(engine, data={"name": "Live"}, passcode="live-pass", facilitator_name="Fay")
    committed: list[int] = []
    stop = threading.Event()

    def writer(prefix: str) -> None:
        n = 0
        while not stop.is_set():
            row = create(engine, fay, "department", name=f"{prefix}{n}")
            committed.append(row["id"])
            n += 1

    threads = [threading.Thread(target=writer, args=(p,)) for p in "ABC"]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    before_backup = list(committed)
    target = backup_sqlite(tmp_path / "backup" / "copy.db", url)
    time.sleep(0.2)
    stop.set()
    for thread in threads:
        thread.join()
    assert len(before_backup) > 10 and len(committed) > len(before_backup)

    restored_url = f"sqlite:///{target}"
    upgrade(restored_url)  # the restored copy opens and migrates
    restored = make_engine(restored_url)
    ids = {d["id"] for d in read.rows(restored, workshop_id=fay.workshop_id, entity_name="department")}
    assert set(before_backup) <= ids  # every write committed before the backup is in it
    create(restored, fay, "department", name="After restore")


def test_manage_backup_command(tmp_path, monkeypatch, capsys) -> None:
    import manage

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    upgrade(url)
    assert manage.main(["backup", "-o", str(tmp_path / "out.db")]) == 0
    assert (tmp_path / "out.db").stat().st_size > 0 and "Backup written" in capsys.readouterr().out
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@nowhere/none")
    assert manage.main(["backup", "-o", str(tmp_path / "no.db")]) == 2
