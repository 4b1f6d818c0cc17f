"""SQLite: a unit of work that writes inside a savepoint (a registry CSV row, a customer link's acceptance) while
another connection commits is not refused with 'database is locked': the savepoint takes the write lock first,
and the other writer waits for it (the busy timeout) instead."""

from __future__ import annotations

import threading

import sqlalchemy as sa
from sqlmodel import Session

from rxapp.db import make_engine

ROWS = sa.table("notes", sa.column("id", sa.Integer), sa.column("text", sa.String))


def test_a_savepoint_write_survives_a_commit_by_another_connection(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'savepoints.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    other_done = threading.Event()
    errors: list[BaseException] = []

    def other_writer() -> None:
        try:
            with engine.begin() as conn:
                conn.execute(sa.insert(ROWS).values(text="other"))
        except BaseException as exc:  # noqa: BLE001 (reported by the assertion below)
            errors.append(exc)
        finally:
            other_done.set()

    with Session(engine) as session:
        session.execute(sa.select(sa.func.count()).select_from(ROWS)).scalar_one()
        with session.begin_nested():
            session.execute(sa.select(sa.func.count()).select_from(ROWS)).scalar_one()  # the savepoint reads
            writer = threading.Thread(target=other_writer)
            writer.start()
            other_done.wait(0.5)  # before the fix the other writer commits here, in a few milliseconds
            session.execute(sa.insert(ROWS).values(text="mine"))  # then this write failed at once
        session.commit()
    writer.join(10)
    assert errors == []
    with engine.connect() as conn:
        assert sorted(conn.execute(sa.select(ROWS.c.text)).scalars()) == ["mine", "other"]
    engine.dispose()
