"""Pooled PostgreSQL connections: pinged only after sitting idle, replaced when the server dropped them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from rxapp import db
from tests.unit.scratch_postgres import ADMIN_URL, scratch_database


@pytest.fixture
def engine() -> Iterator[Engine]:
    with scratch_database("pool") as url:
        made = db.make_engine(url)
        yield made
        made.dispose()


@pytest.fixture
def pings(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the pings the pool sends (the dialect's own ping)."""
    sent: list[int] = []
    real_ping = engine.dialect.do_ping

    def counted(dbapi_connection) -> bool:
        sent.append(1)
        return real_ping(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", counted)
    return sent


def backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(sa.text("SELECT pg_backend_pid()")).scalar_one())


def drop_backend(pid: int) -> None:
    """What a server restart or an idle timeout does to a pooled connection."""
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        assert connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar_one()
    admin.dispose()


def test_a_connection_used_a_moment_ago_is_not_pinged(engine: Engine, pings: list[int]) -> None:
    first = backend_pid(engine)
    pids = {backend_pid(engine) for _ in range(5)}
    assert pings == []
    assert pids == {first}  # the pool hands back the connection returned last


def test_a_connection_idle_beyond_the_limit_is_pinged_once_per_checkout(
    engine: Engine, pings: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    backend_pid(engine)
    monkeypatch.setattr(db, "IDLE_PING_SECONDS", 0.0)
    backend_pid(engine)
    backend_pid(engine)
    assert len(pings) == 2


def test_an_idle_connection_the_server_dropped_is_replaced_before_use(
    engine: Engine, pings: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    dropped = backend_pid(engine)
    drop_backend(dropped)
    monkeypatch.setattr(db, "IDLE_PING_SECONDS", 0.0)
    assert backend_pid(engine) != dropped  # no error: the failed ping replaced the connection
    assert pings


def test_a_busy_connection_the_server_dropped_fails_one_unit_of_work_then_the_pool_recovers(
    engine: Engine, pings: list[int]
) -> None:
    dropped = backend_pid(engine)
    drop_backend(dropped)
    with pytest.raises(sa.exc.DBAPIError) as failure:
        backend_pid(engine)
    assert failure.value.connection_invalidated
    assert backend_pid(engine) != dropped
    assert pings == []
