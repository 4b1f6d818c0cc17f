"""On PostgreSQL a unit of work reads in autocommit and begins its transaction with the first statement that
SQLAlchemy runs (`db._begin_before_first_statement`): a read-only unit sends no BEGIN or COMMIT, and whatever a
unit writes still commits or rolls back together, locks included."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
import sqlalchemy as sa
from psycopg.pq import TransactionStatus
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import db
from rxapp.db_reads import Prepared, read
from rxapp.models import Organization, OrgKind
from tests.unit.scratch_postgres import scratch_database

ORG_NAMES = Prepared(sa.select(Organization.name).where(Organization.name == sa.bindparam("name")))


@pytest.fixture(scope="module")
def server() -> Iterator[Engine]:
    with scratch_database("pc_transactions") as url:
        engine = db.make_engine(url)
        db.create_all(engine)
        yield engine
        engine.dispose()


@pytest.fixture
def engine(server: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setattr(db, "get_engine", lambda: server)
    with server.begin() as connection:
        connection.execute(sa.delete(Organization))
    return server


def status(session: Session) -> TransactionStatus:
    dbapi = session.connection().connection.dbapi_connection
    assert isinstance(dbapi, psycopg.Connection)
    return TransactionStatus(dbapi.pgconn.transaction_status)


def names(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return sorted(session.exec(select(Organization.name)).all())


@pytest.mark.usefixtures("engine")
def test_a_read_only_unit_begins_no_transaction() -> None:
    with db.session_scope() as session:
        assert read(session, ORG_NAMES, {"name": "nobody"}).all() == []
        assert read(session, "SELECT count(*) FROM organization").scalar() == 0
        assert status(session) == TransactionStatus.IDLE  # no BEGIN was sent, so no COMMIT will be


@pytest.mark.usefixtures("engine")
def test_a_statement_through_sqlalchemy_begins_one() -> None:
    with db.session_scope() as session:
        read(session, ORG_NAMES, {"name": "nobody"})
        session.exec(select(Organization.id)).all()
        assert status(session) == TransactionStatus.INTRANS


@pytest.mark.usefixtures("engine")
def test_the_next_unit_on_the_same_connection_reads_in_autocommit_again() -> None:
    with db.session_scope() as session:
        session.add(Organization(name="First Co", kind=OrgKind.CUSTOMER, country="US"))
    with db.session_scope() as session:
        assert read(session, ORG_NAMES, {"name": "First Co"}).scalar() == "First Co"
        assert status(session) == TransactionStatus.IDLE


def test_writes_after_an_autocommit_read_roll_back_together(engine: Engine) -> None:
    seen = []

    def unit() -> None:
        with db.session_scope() as session:
            read(session, ORG_NAMES, {"name": "nobody"})
            session.add(Organization(name="Lost Co", kind=OrgKind.CUSTOMER, country="US"))
            session.flush()
            session.execute(sa.update(Organization).values(country="KR"))
            seen.append(read(session, ORG_NAMES, {"name": "Lost Co"}).scalar())  # its own write
            raise RuntimeError

    with pytest.raises(RuntimeError):
        unit()
    assert seen == ["Lost Co"]
    assert names(engine) == []


def test_writes_commit_together(engine: Engine) -> None:
    with db.session_scope() as session:
        session.add(Organization(name="A Co", kind=OrgKind.CUSTOMER, country="US"))
        session.add(Organization(name="B Co", kind=OrgKind.CUSTOMER, country="US"))
    assert names(engine) == ["A Co", "B Co"]


def test_a_row_lock_is_held_until_the_unit_ends(engine: Engine) -> None:
    with db.session_scope() as session:
        session.add(Organization(name="Locked Co", kind=OrgKind.CUSTOMER, country="US"))
    with db.session_scope() as session:
        read(session, ORG_NAMES, {"name": "Locked Co"})
        session.exec(select(Organization.id).where(Organization.name == "Locked Co").with_for_update()).one()
        with engine.connect() as other, pytest.raises(sa.exc.OperationalError, match="could not obtain lock"):
            other.execute(sa.text("SELECT id FROM organization WHERE name = 'Locked Co' FOR UPDATE NOWAIT"))


def test_read_refuses_a_write(engine: Engine) -> None:
    with db.session_scope() as session, pytest.raises(ValueError, match="reads only"):
        read(session, "UPDATE organization SET country = 'KR'")
    assert names(engine) == []


@pytest.fixture
def kept(engine: Engine) -> Iterator[Engine]:
    db.keep_session()
    yield engine
    db.release_session()


def backend_pid(session: Session) -> int:
    return read(session, "SELECT pg_backend_pid()").scalar()


@pytest.mark.usefixtures("kept")
def test_a_kept_session_reads_in_autocommit_after_a_unit_that_wrote() -> None:
    with db.session_scope() as session:
        session.add(Organization(name="Kept Co", kind=OrgKind.CUSTOMER, country="US"))
        first = backend_pid(session)
    with db.session_scope() as session:
        assert read(session, ORG_NAMES, {"name": "Kept Co"}).scalar() == "Kept Co"
        assert backend_pid(session) == first  # the same connection
        assert status(session) == TransactionStatus.IDLE


def test_a_kept_connection_idle_for_a_while_is_pinged_and_replaced_when_gone(kept: Engine) -> None:
    with db.session_scope() as session:
        first = backend_pid(session)
    with kept.connect() as other:  # the server drops it (a restart, an idle timeout)
        other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        other.commit()
    db._kept.used_at -= db.IDLE_PING_SECONDS  # noqa: SLF001 (as if it had sat unused that long)
    with db.session_scope() as session:
        assert backend_pid(session) != first
        assert read(session, ORG_NAMES, {"name": "nobody"}).all() == []


def test_a_kept_connection_used_a_moment_ago_is_not_pinged(kept: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    with db.session_scope():
        pass
    pings = []
    monkeypatch.setattr(kept.dialect, "do_ping", lambda dbapi: pings.append(dbapi) or True)
    with db.session_scope():
        pass
    assert pings == []
    db._kept.used_at -= db.IDLE_PING_SECONDS  # noqa: SLF001
    with db.session_scope():
        pass
    assert len(pings) == 1


def test_service_threads_keep_a_session_on_a_server_database(engine: Engine) -> None:
    import asyncio

    from rxapp.rxapp import use_database_threads

    def two_units() -> bool:
        with db.session_scope() as first:
            pass
        with db.session_scope() as second:
            pass
        return first is second and first.get_bind() is second.get_bind()

    async def run() -> list[bool]:
        await use_database_threads()
        return await asyncio.gather(*(asyncio.to_thread(two_units) for _ in range(4)))

    assert asyncio.run(run()) == [True] * 4
    assert engine.dialect.name == "postgresql"
