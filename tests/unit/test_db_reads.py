"""`db_reads.read`: a kept plan gives the same rows as SQLAlchemy's own execution, on SQLite and PostgreSQL
(bound values converted by the columns' types, IN lists of any length, result types, pending changes)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session, col

from rxapp.db import create_all, make_engine
from rxapp.db_reads import _PLANS, MAX_PLANS, Prepared, read
from rxapp.models import AgentRole, Organization, OrgKind, User
from rxapp.models.base import as_utc, utcnow
from tests.unit.scratch_postgres import scratch_database

_USERS_SINCE = Prepared(
    sa.select(col(User.id), col(User.email), col(User.agent_role), col(User.is_active), col(User.created_at))
    .where(col(User.created_at) >= sa.bindparam("since"), col(User.id).in_(sa.bindparam("ids", expanding=True)))
    .order_by(col(User.id))
)
_ORG_NAMES = "SELECT id, name FROM organization WHERE id IN :ids ORDER BY id"


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path) -> Iterator[sa.Engine]:
    if request.param == "sqlite":
        made = make_engine(f"sqlite:///{tmp_path / 'reads.db'}")
        create_all(made)
        yield made
        made.dispose()
        return
    with scratch_database("reads") as url:
        made = make_engine(url)
        create_all(made)
        yield made
        made.dispose()


def _world(session: Session) -> tuple[Organization, list[User]]:
    org = Organization(kind=OrgKind.RESELLER, name="Contoso", country="US")
    session.add(org)
    session.flush()
    people = [
        User(
            org_id=org.id,
            email=f"u{i}@contoso.example",
            full_name=f"User {i}",
            password_hash="x",
            agent_role=AgentRole.ADMIN_AGENT if i % 2 else AgentRole.NOT_AN_AGENT,
            is_active=i != 3,
        )
        for i in range(5)
    ]
    session.add_all(people)
    session.flush()
    return org, people


def test_a_prepared_select_gives_sqlalchemys_rows_and_types(engine):
    with Session(engine) as session:
        _org, people = _world(session)
        ids = [people[1].id, people[3].id, people[4].id]
        since = utcnow() - timedelta(minutes=5)
        fast = read(session, _USERS_SINCE, {"since": since, "ids": ids}).all()
        slow = session.execute(_USERS_SINCE.statement, {"since": since, "ids": ids}).all()
        assert [tuple(row) for row in fast] == [tuple(row) for row in slow]
        assert [row.email for row in fast] == ["u1@contoso.example", "u3@contoso.example", "u4@contoso.example"]
        first = fast[0]
        assert first.agent_role is AgentRole.ADMIN_AGENT
        assert first.is_active is True
        assert first.created_at.tzinfo is not None  # the column type's own reading: aware UTC
        # The bound datetime is converted as SQLAlchemy binds it: a later "since" finds nobody.
        assert read(session, _USERS_SINCE, {"since": datetime.now(UTC) + timedelta(days=1), "ids": ids}).all() == []


def test_in_lists_of_every_length_and_the_empty_one(engine):
    with Session(engine) as session:
        _org, people = _world(session)
        for length in range(len(people) + 1):
            ids = [person.id for person in people[:length]]
            got = read(session, _USERS_SINCE, {"since": utcnow() - timedelta(days=1), "ids": ids}).all()
            assert [row.id for row in got] == ids
        org_ids = [people[0].org_id, 999_999]
        assert read(session, _ORG_NAMES, {"ids": org_ids}).all() == [(people[0].org_id, "Contoso")]
        assert read(session, _ORG_NAMES, {"ids": []}).all() == []


def test_a_read_flushes_the_sessions_pending_changes_first(engine):
    with Session(engine) as session:
        org, _people = _world(session)
        org.name = "Renamed in this transaction"
        session.add(org)
        assert read(session, _ORG_NAMES, {"ids": [org.id]}).first() == (org.id, "Renamed in this transaction")


def test_scalar_helpers_and_statements_built_per_call(engine):
    with Session(engine) as session:
        org, _people = _world(session)
        count = sa.select(sa.func.count()).select_from(User).where(col(User.org_id) == org.id)  # not Prepared
        assert read(session, count).scalar_one() == 5
        assert read(session, "SELECT name FROM organization WHERE id = :id", {"id": org.id}).scalar() == "Contoso"
        assert read(session, "SELECT name FROM organization WHERE id = :id", {"id": -1}).scalar() is None
        with pytest.raises(sa.exc.NoResultFound):
            read(session, "SELECT name FROM organization WHERE id = :id", {"id": -1}).scalar_one()


def test_kept_plans_are_bounded(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'plans.db'}")
    with Session(engine) as session:
        for number in range(MAX_PLANS + 5):
            assert read(session, f"SELECT {number} + :one", {"one": 1}).scalar_one() == number + 1
    assert len(_PLANS) == MAX_PLANS
    engine.dispose()


@settings(derandomize=True, max_examples=300)
@given(
    moment=st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), allow_imaginary=False),
    offset_minutes=st.one_of(st.none(), st.integers(-23 * 60, 23 * 60)),
)
def test_as_utc_is_replace_for_naive_times_and_a_conversion_for_aware_ones(moment, offset_minutes):
    """Every timestamp read goes through `as_utc` (a faster `replace(tzinfo=UTC)`): the same instant, in UTC."""
    if offset_minutes is None:
        expected = moment.replace(tzinfo=UTC)  # SQLite: stored naive, in UTC
    else:
        moment = moment.replace(tzinfo=timezone(timedelta(minutes=offset_minutes)))
        expected = moment.astimezone(UTC)
    converted = as_utc(moment)
    assert converted == expected
    assert converted.tzinfo is UTC
    assert converted.replace(tzinfo=None) == expected.replace(tzinfo=None)  # the same UTC wall time
