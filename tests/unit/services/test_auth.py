"""Sign-in, sessions, sign-out and password changes (services/auth.py) and the runner's refusal log."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlmodel import select

from rxapp.errors import DomainError, NotAuthenticated, PermissionDenied, Throttled, ValidationFailed
from rxapp.models import AuditEvent, AuditOutcome, AuthSession, OrgStatus, utcnow
from rxapp.permissions import Action, allowed_actions, require
from rxapp.services import auth, runner


def test_sign_in_opens_a_session_whose_token_is_stored_only_as_its_hash(session, sign_in):
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    assert len(token) >= 43  # 256 bits, URL-safe base64
    rows = session.exec(select(AuthSession)).all()
    assert [row.token_hash for row in rows] == [hashlib.sha256(token.encode()).hexdigest()]
    actor = auth.resolve_session(session, token)
    assert actor.email == "admin@contoso.example"
    assert actor.org_name == "Contoso Cloud Partners"


@pytest.mark.usefixtures("session")
def test_each_sign_in_gets_a_new_token(sign_in):
    first = sign_in("admin@contoso.example", "Reseller-demo-2026")
    second = sign_in("admin@contoso.example", "Reseller-demo-2026")
    assert first != second


def test_unknown_account_and_wrong_password_get_the_same_error(session):
    with pytest.raises(DomainError) as wrong:
        auth.sign_in(session, email="admin@contoso.example", password="nope-nope-nope")
    with pytest.raises(DomainError) as unknown:
        auth.sign_in(session, email="ghost@contoso.example", password="nope-nope-nope")
    assert wrong.value.code == unknown.value.code == "auth.invalid_credentials"
    failures = session.exec(select(AuditEvent).where(AuditEvent.outcome == AuditOutcome.REFUSED)).all()
    assert len(failures) == 2  # both attempts were logged, with no password in them
    assert all("nope" not in (event.detail or "") for event in failures)


def test_repeated_failures_make_the_account_wait(session):
    for _ in range(5):
        with pytest.raises(DomainError):
            auth.sign_in(session, email="admin@adatum.example", password="wrong-password-x")
    with pytest.raises(Throttled) as refused:  # even the right password waits (the counters are in the database)
        auth.sign_in(session, email="admin@adatum.example", password="Customer-demo-2026")
    assert refused.value.code == "auth.throttled_seconds"
    assert 0 < refused.value.params["seconds"] <= 60


def test_failures_from_one_client_are_throttled_across_accounts(session, monkeypatch, sign_in):
    monkeypatch.setattr(auth.get_settings(), "sign_in_attempts_per_client", 3)
    for n in range(3):
        with pytest.raises(DomainError):
            auth.sign_in(session, email=f"ghost{n}@example.com", password="x" * 12, client_address="10.9.9.9")
    with pytest.raises(Throttled):
        auth.sign_in(session, email="admin@adatum.example", password="Customer-demo-2026", client_address="10.9.9.9")
    assert sign_in("admin@adatum.example", "Customer-demo-2026", client="10.1.1.1")


def test_idle_and_absolute_expiry_end_the_session(session, sign_in):
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    assert auth.resolve_session(session, token, now=utcnow() + timedelta(minutes=29)) is not None
    assert auth.resolve_session(session, token, now=utcnow() + timedelta(minutes=61)) is None
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    now = utcnow()
    for _ in range(36):  # active every 20 minutes, but the absolute lifetime is 12 hours
        now += timedelta(minutes=20)
        actor = auth.resolve_session(session, token, now=now)
        if actor is None:
            break
    assert actor is None
    assert now - utcnow() <= timedelta(hours=12, minutes=20)


def test_sign_out_and_deactivation_end_sessions_on_the_server(session, user, sign_in):
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    auth.sign_out(session, token)
    session.commit()
    assert auth.resolve_session(session, token) is None
    token = sign_in("helpdesk@contoso.example", "Helpdesk-demo-2026")
    helpdesk = user("helpdesk@contoso.example")
    helpdesk.is_active = False
    session.add(helpdesk)
    session.commit()
    assert auth.resolve_session(session, token) is None


def test_password_change_checks_policy_and_ends_every_other_session(session, actor, sign_in):
    other_tab = sign_in("admin@adatum.example", "Customer-demo-2026")
    me = actor("admin@adatum.example")
    with pytest.raises(ValidationFailed) as wrong_current:
        auth.change_password(session, me, current_password="nope", new_password="violet kettle marathon 93")
    assert wrong_current.value.code == "auth.current_password_wrong"
    with pytest.raises(ValidationFailed) as weak:
        auth.change_password(session, me, current_password="Customer-demo-2026", new_password="password1234")
    assert weak.value.code == "password.common"
    new_token = auth.change_password(
        session, me, current_password="Customer-demo-2026", new_password="violet kettle marathon 93"
    )
    session.commit()
    assert auth.resolve_session(session, other_tab) is None
    assert auth.resolve_session(session, new_token).email == "admin@adatum.example"
    assert sign_in("admin@adatum.example", "violet kettle marathon 93")


def test_expired_temporary_password_is_refused(session, user):
    helpdesk = user("helpdesk@contoso.example")
    helpdesk.must_change_password = True
    helpdesk.temporary_password_expires_at = utcnow() - timedelta(minutes=1)
    session.add(helpdesk)
    session.commit()
    with pytest.raises(DomainError) as refused:
        auth.sign_in(session, email="helpdesk@contoso.example", password="Helpdesk-demo-2026")
    assert refused.value.code == "auth.temporary_password_expired"


def test_pending_password_change_and_unenrolled_organizations_grant_nothing(session, actor, user):
    northwind = actor("admin@northwind.example")
    assert northwind.org_active is False
    assert allowed_actions(northwind) == frozenset()
    contoso_admin = user("admin@contoso.example")
    contoso_admin.must_change_password = True
    session.add(contoso_admin)
    session.commit()
    assert allowed_actions(actor("admin@contoso.example")) == frozenset()


def test_inactive_organization_cannot_sign_in(session, org):
    adatum = org("Adatum Corporation")
    adatum.status = OrgStatus.INACTIVE
    session.add(adatum)
    session.commit()
    with pytest.raises(DomainError):
        auth.sign_in(session, email="admin@adatum.example", password="Customer-demo-2026")


@pytest.mark.usefixtures("engine")
def test_runner_rolls_back_a_refused_action_and_logs_the_refusal(session, sign_in):
    token = sign_in("helpdesk@contoso.example", "Helpdesk-demo-2026")

    def sneaky(s, acting):
        s.add(AuditEvent(action="should.not.persist"))
        require(acting, Action.MANAGE_USERS)

    with pytest.raises(PermissionDenied):
        runner.run_as(token, sneaky)
    session.expire_all()
    actions = [event.action for event in session.exec(select(AuditEvent)).all()]
    assert "should.not.persist" not in actions
    assert "refused.manage_users" in actions
    with pytest.raises(NotAuthenticated):
        runner.run_as("not-a-token", lambda _s, _a: None)


def test_a_sessions_activity_is_recorded_again_after_its_own_interval(session, sign_in):
    """Each session moves its idle deadline 31-60 s after the last move, on an interval of its own, so that
    sessions begun together do not all write in the same second."""
    intervals = {auth.touch_after(session_id) for session_id in range(1, 61)}
    assert min(intervals) == timedelta(seconds=31)
    assert max(intervals) == timedelta(seconds=60)
    assert len(intervals) == 30
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    row = session.exec(select(AuthSession)).one()
    due = auth.touch_after(row.id)
    started = row.last_seen_at
    auth.resolve_session(session, token, now=started + due - timedelta(seconds=1))
    session.refresh(row)
    assert row.last_seen_at == started, "not yet due: no write"
    auth.resolve_session(session, token, now=started + due)
    session.refresh(row)
    assert row.last_seen_at == started + due
