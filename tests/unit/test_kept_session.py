"""A service process's kept session (`db.keep_session`): one session and connection for all of a thread's units
of work, each unit still in its own transaction, seeing what others committed, starting with nothing loaded."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import db
from rxapp.db_reads import Prepared, read
from rxapp.errors import NotAuthenticated
from rxapp.models import Organization, OrgKind
from rxapp.services import auth, runner


@pytest.fixture
def kept() -> Iterator[None]:
    db.keep_session()
    yield
    db.release_session()


def connection_of(session: Session) -> object:
    return session.connection().connection.dbapi_connection


@pytest.mark.usefixtures("kept")
def test_units_share_one_session_and_connection() -> None:
    with db.session_scope() as first:
        first_connection = connection_of(first)
    with db.session_scope() as second:
        assert second is first
        assert connection_of(second) is first_connection


@pytest.mark.usefixtures("engine")
def test_without_keeping_each_unit_has_a_session_of_its_own() -> None:
    with db.session_scope() as first:
        pass
    with db.session_scope() as second:
        assert second is not first


@pytest.mark.usefixtures("kept")
def test_a_unit_sees_what_another_connection_committed_since_the_last_one(engine: Engine) -> None:
    with db.session_scope() as session:
        before = session.exec(select(Organization).where(Organization.name == "Kept Co")).first()
    assert before is None
    with Session(engine) as other:  # another worker's write
        other.add(Organization(name="Kept Co", kind=OrgKind.CUSTOMER, country="US"))
        other.commit()
    with db.session_scope() as session:
        assert session.exec(select(Organization).where(Organization.name == "Kept Co")).first() is not None


@pytest.mark.usefixtures("kept")
def test_a_unit_starts_with_nothing_loaded_and_reads_fresh_values(engine: Engine) -> None:
    with db.session_scope() as session:
        org = session.exec(select(Organization)).first()
        assert org is not None
        org_id, name = org.id, org.name
    assert list(session.identity_map.values()) == []
    with Session(engine) as other:
        other.execute(sa.update(Organization).where(Organization.id == org_id).values(name="Renamed Co"))
        other.commit()
    with db.session_scope() as session:
        assert session.get(Organization, org_id).name == "Renamed Co" != name


@pytest.mark.usefixtures("kept")
def test_a_failed_unit_leaves_nothing_behind() -> None:
    def half_done() -> None:
        with db.session_scope() as session:
            session.add(Organization(name="Half Done Co", kind=OrgKind.CUSTOMER, country="US"))
            session.flush()
            raise RuntimeError("refused halfway")

    with pytest.raises(RuntimeError):
        half_done()
    with db.session_scope() as session:
        assert session.exec(select(Organization).where(Organization.name == "Half Done Co")).first() is None
        assert not session.new


@pytest.mark.usefixtures("kept")
def test_a_scope_inside_a_unit_gets_a_session_of_its_own() -> None:
    with db.session_scope() as outer, db.session_scope() as inner:
        assert inner is not outer
    with db.session_scope() as again:
        assert again is outer


@pytest.mark.usefixtures("kept")
def test_a_database_error_replaces_the_kept_session_and_connection() -> None:
    with db.session_scope() as before:
        kept_connection = before.get_bind()
    with pytest.raises(sa.exc.OperationalError), db.session_scope() as session:
        session.execute(sa.text("SELECT * FROM no_such_table"))
    assert kept_connection.closed  # back to the pool, which replaces it when the driver reported it broken
    with db.session_scope() as after:
        assert after is not before
        assert after.execute(sa.text("SELECT 1")).scalar_one() == 1


@pytest.mark.usefixtures("kept")
def test_other_threads_do_not_share_the_kept_session() -> None:
    with db.session_scope() as mine:
        pass
    seen: list[Session] = []

    def other_thread() -> None:
        with db.session_scope() as theirs:
            seen.append(theirs)

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert len(seen) == 1
    assert seen[0] is not mine


@pytest.mark.usefixtures("kept", "session")
def test_an_ended_session_is_refused_on_a_kept_session_too(sign_in) -> None:
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    assert runner.run_as(token, lambda _s, a: a.email) == "admin@contoso.example"
    runner.run_public(lambda s: auth.sign_out(s, token))
    with pytest.raises(NotAuthenticated):
        runner.run_as(token, lambda _s, a: a)


ORG_NAMES = Prepared(sa.select(Organization.name).where(Organization.name == sa.bindparam("name")))


@pytest.mark.usefixtures("kept")
def test_a_read_on_the_kept_session_does_not_begin_its_transaction() -> None:
    """The kept connection is read as it is: no session transaction to begin and end for a read-only unit."""
    with db.session_scope() as session:
        assert read(session, ORG_NAMES, {"name": "Nobody Co"}).all() == []
        assert not session.in_transaction()


@pytest.mark.usefixtures("kept")
def test_a_read_after_a_write_in_the_same_unit_sees_it_and_a_failure_undoes_both() -> None:
    def write_then_read() -> list:
        with db.session_scope() as session:
            session.add(Organization(name="Written Co", kind=OrgKind.CUSTOMER, country="US"))
            seen = read(session, ORG_NAMES, {"name": "Written Co"}).all()  # the pending row is flushed first
            assert session.in_transaction()
            raise RuntimeError(seen)

    with pytest.raises(RuntimeError) as failed:
        write_then_read()
    assert failed.value.args[0] == [("Written Co",)]
    with db.session_scope() as session:
        assert read(session, ORG_NAMES, {"name": "Written Co"}).all() == []


@pytest.mark.usefixtures("kept")
def test_a_committed_write_is_read_by_the_next_unit_and_by_other_connections(engine: Engine) -> None:
    with db.session_scope() as session:
        session.add(Organization(name="Kept Write Co", kind=OrgKind.CUSTOMER, country="US"))
    with db.session_scope() as session:
        assert read(session, ORG_NAMES, {"name": "Kept Write Co"}).all() == [("Kept Write Co",)]
    with Session(engine) as other:
        assert other.exec(select(Organization).where(Organization.name == "Kept Write Co")).first() is not None
