"""Delegated admin with a chosen duration (1 to 730 days), extensions, and the expiry notices: due at 30, 7 and
1 days before the end and once it ended, sent exactly once even when two workers run the task at once (SQLite
and PostgreSQL), and expiry enforced at the moment it passes, before any task ran."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session, select

from rxapp import clock
from rxapp.db import create_all, make_engine
from rxapp.errors import PermissionDenied, ValidationFailed
from rxapp.models import (
    AdminRole,
    AgentRole,
    DelegatedAdminGrant,
    DelegatedAdminNotice,
    Organization,
    OrgKind,
    OutboxEmail,
    Relationship,
    RelationshipKind,
    User,
    WebhookDelivery,
    WebhookEndpoint,
    utcnow,
)
from rxapp.services import customers, relationships
from rxapp.services import delegated_admin_notices as notices
from tests.unit.doubles import MemoryStore
from tests.unit.scratch_postgres import scratch_database

DAY = timedelta(days=1)


def token_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


@pytest.fixture
def served(session, org):
    """Contoso serves Adatum (no delegated admin privileges yet)."""
    session.add(
        Relationship(
            kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=org("Contoso").id, client_org_id=org("Adatum").id
        )
    )
    session.commit()
    return org("Adatum").id


@pytest.fixture
def moved_clock():
    """The portal's clock with offsets (what the test hooks move), kept in memory for the test."""
    clock.enable(MemoryStore(), ttl=0)
    yield clock
    clock.disable()


def _emails(session: Session, address: str, text: str = "") -> list[OutboxEmail]:
    query = select(OutboxEmail).where(OutboxEmail.to_address == address)
    if text:
        query = query.where(OutboxEmail.subject.contains(text))
    return list(session.exec(query.order_by(OutboxEmail.id)))


@pytest.mark.parametrize("days", [0, -3, 731, 10_000, "abc", "7.5"])
def test_a_duration_outside_1_to_730_days_is_refused_on_its_field(session, actor, served, days):
    with pytest.raises(ValidationFailed) as refused:
        customers.request_delegated_admin(session, actor("admin@contoso.example"), customer_org_id=served, days=days)
    assert refused.value.field == "days"
    assert refused.value.code == "customers.da_days_invalid"
    assert refused.value.params == {"min": 1, "max": 730}


@given(st.integers(min_value=1, max_value=730))
def test_every_duration_from_1_to_730_days_is_accepted(days):
    assert customers.delegated_admin_days(days) == days
    assert customers.delegated_admin_days(f" {days} ") == days


def test_the_default_duration_is_365_days():
    assert customers.delegated_admin_days(None) == customers.delegated_admin_days("") == 365


def test_the_chosen_duration_is_shown_before_approval_and_granted(session, actor, served):
    contoso, adatum = actor("admin@contoso.example"), actor("admin@adatum.example")
    url = customers.request_delegated_admin(session, contoso, customer_org_id=served, days=30)
    [email] = _emails(session, "admin@adatum.example")
    assert "30 days" in email.body
    assert url in email.body
    assert customers.describe_link(session, token=token_of(url)).days == 30
    before = utcnow()
    result = customers.accept_link(session, adatum, token=token_of(url))
    assert timedelta(days=30) <= result.expires_at - before < timedelta(days=30, minutes=1)
    assert relationships.live_delegated_admin(session, contoso.org_id, served)


def test_an_extension_is_requested_the_same_way_and_renews_from_approval(session, actor, served):
    contoso, adatum = actor("admin@contoso.example"), actor("admin@adatum.example")
    customers.accept_link(
        session,
        adatum,
        token=token_of(customers.request_delegated_admin(session, contoso, customer_org_id=served, days=10)),
    )
    url = customers.request_delegated_admin(session, contoso, customer_org_id=served, days=200)
    extension = _emails(session, "admin@adatum.example", "extend")
    assert len(extension) == 1
    assert "200 days" in extension[0].body
    customers.accept_link(session, adatum, token=token_of(url))
    grants = list(session.exec(select(DelegatedAdminGrant).where(DelegatedAdminGrant.customer_org_id == served)))
    assert len(grants) == 1  # renewed, not doubled
    assert grants[0].expires_at - utcnow() > timedelta(days=199)


@pytest.mark.usefixtures("moved_clock")
def test_expiry_is_enforced_the_moment_it_passes_before_any_notice_task(session, actor, served):
    contoso, adatum = actor("admin@contoso.example"), actor("admin@adatum.example")
    customers.accept_link(
        session,
        adatum,
        token=token_of(customers.request_delegated_admin(session, contoso, customer_org_id=served, days=3)),
    )
    session.commit()
    customers.list_customer_users(session, contoso, customer_org_id=served)  # works
    clock.advance((3 * DAY - timedelta(minutes=1)).total_seconds(), org_id=contoso.org_id)
    customers.list_customer_users(session, contoso, customer_org_id=served)  # still works a minute before
    clock.advance(timedelta(minutes=2).total_seconds(), org_id=contoso.org_id)
    with pytest.raises(PermissionDenied) as refused:
        customers.list_customer_users(session, contoso, customer_org_id=served)
    assert refused.value.code == "customers.delegated_admin_required"
    assert session.exec(select(DelegatedAdminNotice)).first() is None  # no task was needed


@pytest.mark.parametrize(
    ("duration", "left", "due"),
    [
        (365, 40, None),
        (365, 30, 30),
        (365, 8, 30),
        (365, 7, 7),
        (365, 2, 7),
        (365, 1, 1),
        (365, 0.01, 1),
        (30, 29, None),
        (30, 10, None),
        (30, 7, 7),
        (30, 1, 1),
        (7, 6, None),
        (7, 1, 1),
        (1, 0.5, None),
        (365, -0.5, 0),
        (365, -3, None),
    ],
)
def test_the_due_notice(duration, left, due):
    now = utcnow()
    expires = now + timedelta(days=left)
    assert notices.due_threshold(expires - timedelta(days=duration), expires, now) == due


@given(duration=st.integers(1, 730), left_minutes=st.integers(-3 * 24 * 60, 800 * 24 * 60))
def test_a_notice_is_never_due_for_a_threshold_as_long_as_the_grant(duration, left_minutes):
    now = utcnow()
    expires = now + timedelta(minutes=left_minutes)
    due = notices.due_threshold(expires - timedelta(days=duration), expires, now)
    assert due is None or due == notices.ENDED or due < duration
    if due not in (None, notices.ENDED):
        assert timedelta(minutes=left_minutes) <= timedelta(days=due)


def _grant(session: Session, reseller_id: int, customer_id: int, *, duration: int, left: timedelta):
    now = utcnow()
    grant = DelegatedAdminGrant(
        reseller_org_id=reseller_id,
        customer_org_id=customer_id,
        granted_at=now + left - timedelta(days=duration),
        expires_at=now + left,
    )
    session.add(grant)
    session.commit()
    return grant


@pytest.mark.usefixtures("moved_clock")
def test_notices_go_to_admin_agents_and_global_admins_once_per_threshold(session, engine, org):
    contoso, adatum = org("Contoso"), org("Adatum")
    session.add(
        WebhookEndpoint(
            org_id=contoso.id,
            url="https://hooks.contoso.example/pc",
            secret="s" * 32,
            event_types="delegated_admin.expiring delegated_admin.expired",
        )
    )
    session.commit()
    _grant(session, contoso.id, adatum.id, duration=30, left=30 * DAY)
    assert notices.send_due_notices(engine) == 0  # a 30-day grant gets no 30-day notice
    clock.advance((23 * DAY).total_seconds(), org_id=contoso.id)
    assert notices.send_due_notices(engine) == 1
    assert notices.send_due_notices(engine) == 0  # a restart or the next round sends nothing again
    for address in ("admin@contoso.example", "admin@adatum.example"):
        [email] = _emails(session, address)
        assert email.subject.startswith(
            "Delegated admin privileges end in 7 days: Contoso Cloud Partners for Adatum Corporation"
        )
    assert _emails(session, "helpdesk@contoso.example") == []  # not an admin agent
    clock.advance((6 * DAY).total_seconds(), org_id=contoso.id)
    assert notices.send_due_notices(engine) == notices.send_due_notices(engine) + 1
    clock.advance((2 * DAY).total_seconds(), org_id=contoso.id)
    assert notices.send_due_notices(engine) == 1
    assert notices.send_due_notices(engine) == 0
    subjects = [e.subject for e in _emails(session, "admin@contoso.example")]
    assert len(subjects) == 3
    assert "end in 1 day:" in subjects[1]
    assert subjects[2].startswith("Delegated admin privileges ended")
    events = [d.event_type for d in session.exec(select(WebhookDelivery).order_by(WebhookDelivery.id))]
    assert events == ["delegated_admin.expiring", "delegated_admin.expiring", "delegated_admin.expired"]


def test_a_renewal_starts_the_notices_over(session, engine, org):
    contoso, adatum = org("Contoso"), org("Adatum")
    grant = _grant(session, contoso.id, adatum.id, duration=365, left=6 * DAY)
    assert notices.send_due_notices(engine) == 1
    grant.expires_at = utcnow() + 5 * DAY  # renewed (another end date) and again within 7 days
    session.add(grant)
    session.commit()
    assert notices.send_due_notices(engine) == 1
    assert len(_emails(session, "admin@adatum.example")) == 2


def _race(engine, workers: int = 2) -> list[int]:
    barrier = threading.Barrier(workers)
    results: list[int] = []

    def work() -> None:
        barrier.wait()
        results.append(notices.send_due_notices(engine))

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _assert_sent_once(engine, grants: int) -> None:
    with Session(engine) as session:
        assert len(list(session.exec(select(DelegatedAdminNotice)))) == grants
        emails = list(session.exec(select(OutboxEmail.to_address, OutboxEmail.subject)))
        assert len(emails) == len(set(emails))
        assert len(emails) == 2 * grants


def test_two_workers_at_once_send_each_notice_exactly_once_on_sqlite(engine, session, org):
    contoso = org("Contoso")
    for index in range(6):
        customer = Organization(kind=OrgKind.CUSTOMER, name=f"Race {index}", country="KR")
        session.add(customer)
        session.flush()
        session.add(
            User(
                org_id=customer.id,
                email=f"ga{index}@race.example",
                full_name="GA",
                password_hash="x",
                agent_role=AgentRole.NOT_AN_AGENT,
                admin_role=AdminRole.GLOBAL_ADMIN,
            )
        )
        _grant(session, contoso.id, customer.id, duration=365, left=(index + 1) * DAY)
    for row in session.exec(select(OutboxEmail)):
        session.delete(row)
    session.commit()
    for _ in range(3):
        _race(engine)
    _assert_sent_once(engine, 6)


def test_two_workers_at_once_send_each_notice_exactly_once_on_postgresql():
    with scratch_database("pc_notices") as url:
        engine = make_engine(url)
        create_all(engine)
        with Session(engine) as session:
            reseller = Organization(kind=OrgKind.RESELLER, name="Race Reseller", country="KR")
            session.add(reseller)
            session.flush()
            session.add(
                User(
                    org_id=reseller.id,
                    email="aa@reseller.example",
                    full_name="AA",
                    password_hash="x",
                    agent_role=AgentRole.ADMIN_AGENT,
                    admin_role=AdminRole.NOT_AN_ADMIN,
                )
            )
            for index in range(6):
                customer = Organization(kind=OrgKind.CUSTOMER, name=f"Race {index}", country="KR")
                session.add(customer)
                session.flush()
                session.add(
                    User(
                        org_id=customer.id,
                        email=f"ga{index}@race.example",
                        full_name="GA",
                        password_hash="x",
                        agent_role=AgentRole.NOT_AN_AGENT,
                        admin_role=AdminRole.GLOBAL_ADMIN,
                    )
                )
                _grant(session, reseller.id, customer.id, duration=365, left=(index + 1) * DAY)
        for _ in range(3):
            assert sum(_race(engine)) in (0, 6)
        with Session(engine) as session:
            assert len(list(session.exec(select(DelegatedAdminNotice)))) == 6
            emails = list(session.exec(select(OutboxEmail.to_address, OutboxEmail.subject)))
            # each customer's Global admin once, the reseller's admin agent once per grant
            assert len(emails) == len(set(emails)) == 12
        engine.dispose()
