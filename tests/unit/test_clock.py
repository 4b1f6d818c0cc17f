"""The test clock (rxapp/clock.py): real time unless the test hooks install it; global and per-organization
offsets; the brief per-process cache; the database and Redis stores; what it moves in the services."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from rxapp import clock
from rxapp.errors import LinkInvalid
from rxapp.models import AuthSession, DelegatedAdminGrant, LinkPurpose, utcnow
from rxapp.services import auth, links, relationships
from tests.unit.doubles import MemoryStore

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


@pytest.fixture
def store():
    memory = MemoryStore()
    clock.enable(memory, ttl=0)
    yield memory
    clock.disable()


def _close(a: datetime, b: datetime, seconds: float = 5) -> bool:
    return abs((a - b).total_seconds()) < seconds


def test_real_time_when_the_hooks_are_off():
    assert clock.source is None
    assert _close(utcnow(), datetime.now(UTC), 1)
    assert _close(clock.now(1, 2), datetime.now(UTC), 1)
    assert utcnow().tzinfo is UTC
    with pytest.raises(RuntimeError, match="ENABLE_TEST_HOOKS"):
        clock.advance(60)


@pytest.mark.usefixtures("store")
def test_global_offset_moves_utcnow_and_every_organization():
    clock.advance(timedelta(days=15).total_seconds())
    expected = datetime.now(UTC) + timedelta(days=15)
    assert _close(utcnow(), expected)
    assert _close(clock.now(), expected)
    assert _close(clock.now(42), expected)


@pytest.mark.usefixtures("store")
def test_an_organizations_offset_moves_only_that_organization():
    clock.advance(3600, org_id=7)
    clock.advance(1800, org_id=7)  # advances add up
    clock.advance(60, org_id=8)
    real = datetime.now(UTC)
    assert _close(utcnow(), real)  # utcnow() knows no organization
    assert _close(clock.now(), real)
    assert _close(clock.now(9), real)
    assert _close(clock.now(7), real + timedelta(seconds=5400))
    assert _close(clock.now(8, 7, None), real + timedelta(seconds=5400))  # the largest applies
    clock.advance(100)  # and the global offset is added
    assert _close(clock.now(7), real + timedelta(seconds=5500))


def test_reset_of_one_organization_the_global_offset_or_everything(store):
    clock.advance(600)
    clock.advance(600, org_id=1)
    clock.advance(600, org_id=2)
    clock.reset(org_ids=[1])
    assert store.values == {"global": 600, "org:2": 600}
    clock.reset()
    assert store.values == {"org:2": 600}
    clock.reset(everything=True)
    assert store.values == {}
    assert _close(clock.now(2), datetime.now(UTC))


@pytest.mark.usefixtures("store")
def test_the_clock_only_moves_forward():
    with pytest.raises(ValueError, match="forward"):
        clock.advance(-1)


def test_offsets_are_cached_briefly_and_a_process_sees_its_own_change_at_once():
    memory, ticks = MemoryStore(), [0.0]
    cached = clock.CachedOffsets(memory, ttl=1.0, monotonic=lambda: ticks[0])
    assert cached.offset([1]) == timedelta(0)
    memory.values["org:1"] = 60  # another worker moved the clock
    ticks[0] = 0.5
    assert cached.offset([1]) == timedelta(0)  # still cached
    ticks[0] = 1.01
    assert cached.offset([1]) == timedelta(seconds=60)
    loads = memory.loads
    for _ in range(100):
        cached.offset([1])
    assert memory.loads == loads  # one read per second, not one per call
    cached.invalidate()
    cached.offset([1])
    assert memory.loads == loads + 1


def test_an_unreadable_store_keeps_the_last_offsets():
    memory, ticks = MemoryStore(), [0.0]
    cached = clock.CachedOffsets(memory, ttl=1.0, monotonic=lambda: ticks[0])
    memory.values["global"] = 30
    assert cached.offset() == timedelta(seconds=30)
    memory.fail, ticks[0] = True, 5.0
    assert cached.offset() == timedelta(seconds=30)


def test_database_store(tmp_path):
    from rxapp.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'clock.db'}")
    store = clock.DatabaseStore(engine)
    clock.DatabaseStore(engine)  # the table is created once, then found
    assert store.load() == {}
    assert store.add("global", 60) == 60
    assert store.add("global", 30) == 90
    store.put("org:3", 5)
    assert store.load() == {"global": 90, "org:3": 5}
    store.clear(["global"])
    assert store.load() == {"org:3": 5}
    store.clear()
    assert store.load() == {}
    engine.dispose()


def test_redis_store():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as error:  # noqa: BLE001
        pytest.skip(f"Redis not reachable at {REDIS_URL}: {error.__class__.__name__}")
    store = clock.RedisStore(REDIS_URL, key=f"partner-center:test-clock:{os.getpid()}")
    try:
        assert store.load() == {}
        assert store.add("org:1", 60) == 60
        assert store.add("org:1", 60) == 120
        store.put("global", 10)
        assert store.load() == {"org:1": 120, "global": 10}
        store.clear(["org:1"])
        assert store.load() == {"global": 10}
    finally:
        store.clear()


# --- what the clock moves in the services -----------------------------------------------------------------


@pytest.mark.usefixtures("store")
def test_link_expiry_follows_the_issuer_organizations_clock(session, org):
    contoso = org("Contoso")
    link, token = links.issue_link(session, purpose=LinkPurpose.CUSTOMER_RELATIONSHIP, issuer_org_id=contoso.id)
    session.commit()
    assert links.find_link(session, token, purposes={LinkPurpose.CUSTOMER_RELATIONSHIP}).id == link.id
    clock.advance(timedelta(days=15).total_seconds(), org_id=org("Adatum").id)  # someone else's clock
    links.find_link(session, token, purposes={LinkPurpose.CUSTOMER_RELATIONSHIP})
    clock.advance(timedelta(days=15).total_seconds(), org_id=contoso.id)
    with pytest.raises(LinkInvalid, match="link.expired"):
        links.find_link(session, token, purposes={LinkPurpose.CUSTOMER_RELATIONSHIP})


@pytest.mark.usefixtures("store")
def test_session_idle_timeout_follows_the_users_organization(session, sign_in, user):
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    assert auth.resolve_session(session, token) is not None
    clock.advance(timedelta(minutes=31).total_seconds(), org_id=user("admin@adatum.example").org_id)
    assert auth.resolve_session(session, token) is not None
    clock.advance(timedelta(minutes=31).total_seconds(), org_id=user("admin@contoso.example").org_id)
    assert auth.resolve_session(session, token) is None
    row = session.exec(select(AuthSession).order_by(AuthSession.id.desc())).first()
    assert row.ended_at is not None


@pytest.mark.usefixtures("store")
def test_delegated_admin_expiry_follows_the_reseller_or_the_customer(session, org):
    contoso, adatum = org("Contoso"), org("Adatum")
    session.add(
        DelegatedAdminGrant(
            reseller_org_id=contoso.id, customer_org_id=adatum.id, expires_at=utcnow() + timedelta(days=30)
        )
    )
    session.commit()
    assert relationships.delegated_admin_state(session, contoso.id, adatum.id) == "active"
    clock.advance(timedelta(days=31).total_seconds(), org_id=adatum.id)
    assert relationships.delegated_admin_state(session, contoso.id, adatum.id) == "expired"
    clock.reset(org_ids=[adatum.id])
    assert relationships.delegated_admin_state(session, contoso.id, adatum.id) == "active"
    clock.advance(timedelta(days=31).total_seconds())
    assert relationships.delegated_admin_state(session, contoso.id, adatum.id) == "expired"


@pytest.mark.usefixtures("store")
def test_what_an_organization_starts_after_its_clock_moved_follows_that_clock(session, sign_in, org):
    """Sessions and links are started in the organization's own time, or they would be born expired."""
    contoso = org("Contoso")
    clock.advance(timedelta(days=15).total_seconds(), org_id=contoso.id)
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    assert auth.resolve_session(session, token) is not None
    link, link_token = links.issue_link(session, purpose=LinkPurpose.CUSTOMER_RELATIONSHIP, issuer_org_id=contoso.id)
    session.commit()
    assert link.expires_at > datetime.now(UTC) + timedelta(days=28)
    links.find_link(session, link_token, purposes={LinkPurpose.CUSTOMER_RELATIONSHIP})
    clock.advance(timedelta(days=15).total_seconds(), org_id=contoso.id)
    with pytest.raises(LinkInvalid, match="link.expired"):
        links.find_link(session, link_token, purposes={LinkPurpose.CUSTOMER_RELATIONSHIP})
