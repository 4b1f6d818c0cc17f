"""Multi-factor sign-in: set-up confirmed by a first code, recovery codes (hashed, once each), the code
step of sign-in, no replay of a code, throttled code attempts (50 in parallel check at most the limit, on
SQLite and on PostgreSQL + Redis), the organization's requirement, platform staff, and resets."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pyotp
import pytest
from sqlmodel import Session, select

from rxapp import db
from rxapp.errors import DomainError, NotFound, PermissionDenied, Throttled
from rxapp.models import AdminRole, AgentRole, AuditEvent, Organization, OrgKind, OutboxEmail, RecoveryCode, User
from rxapp.permissions import Action, can
from rxapp.services import attempts, auth, mfa, runner, signin_guard, users
from rxapp.services.demo import DEMO_PLATFORM_TOTP_KEY
from rxapp.services.passwords import hash_password
from rxapp.settings import get_settings
from tests.unit.doubles import REDIS_URL, redis_available
from tests.unit.scratch_postgres import scratch_database

CONTOSO, CONTOSO_PASSWORD = "admin@contoso.example", "Reseller-demo-2026"


class Time:
    def __init__(self, monkeypatch) -> None:
        self.t = 1_900_000_000.0
        monkeypatch.setattr(mfa, "_now", lambda: self.t)

    def code(self, secret: str, steps: int = 0) -> str:
        return pyotp.TOTP(secret).at(self.t + steps * mfa.STEP_SECONDS)


@pytest.fixture
def now(monkeypatch) -> Time:
    return Time(monkeypatch)


def _enroll(session: Session, actor, now: Time) -> tuple[str, list[str]]:
    shown = mfa.begin_enrollment(session, actor)
    secret = shown["key"].replace(" ", "")
    codes = mfa.confirm_enrollment(session, actor, code=now.code(secret))
    session.commit()
    return secret, codes


def test_set_up_is_confirmed_by_a_first_code_and_gives_ten_hashed_recovery_codes(session, actor, user, now):
    contoso = actor(CONTOSO)
    shown = mfa.begin_enrollment(session, contoso)
    assert shown["qr"].startswith("data:image/svg+xml")
    assert shown["uri"].startswith("otpauth://totp/")
    assert mfa.status(session, contoso) == {
        "enabled": False,
        "required": False,
        "org_requires": False,
        "platform": False,
        "recovery_codes_left": 0,
    }  # no secret in it
    with pytest.raises(DomainError) as wrong:
        mfa.confirm_enrollment(
            session, contoso, code="000000" if now.code(shown["key"].replace(" ", "")) != "000000" else "111111"
        )
    assert wrong.value.code == "mfa.code_invalid"
    assert user(CONTOSO).totp_enabled_at is None
    codes = mfa.confirm_enrollment(session, contoso, code=now.code(shown["key"].replace(" ", "")))
    session.commit()
    assert len(codes) == len(set(codes)) == mfa.RECOVERY_CODES
    stored = session.exec(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == contoso.user_id)).all()
    assert len(stored) == 10
    assert not set(stored) & set(codes)
    assert user(CONTOSO).totp_secret == shown["key"].replace(" ", "")
    assert user(CONTOSO).totp_pending_secret is None
    subjects = session.exec(select(OutboxEmail.subject).where(OutboxEmail.to_address == CONTOSO)).all()
    assert any("Multi-factor sign-in is on" in subject for subject in subjects)
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "mfa.enabled")).first() is not None


def test_sign_in_takes_the_password_then_a_code_accepted_once(session, actor, now):
    secret, _ = _enroll(session, actor(CONTOSO), now)
    pending_token, pending = auth.start_sign_in(session, email=CONTOSO, password=CONTOSO_PASSWORD)
    session.commit()
    assert pending
    assert auth.resolve_session(session, pending_token) is None
    with pytest.raises(DomainError) as replay:  # the code that confirmed the set-up is spent
        mfa.complete_sign_in(session, pending_token=pending_token, code=now.code(secret))
    assert replay.value.code == "mfa.code_invalid"
    now.t += mfa.STEP_SECONDS
    token = mfa.complete_sign_in(session, pending_token=pending_token, code=now.code(secret))
    session.commit()
    assert auth.resolve_session(session, token).email == CONTOSO
    with pytest.raises(DomainError) as ended:  # the pending session is used up
        mfa.complete_sign_in(session, pending_token=pending_token, code=now.code(secret, 1))
    assert ended.value.code == "mfa.sign_in_again"
    second, _ = auth.start_sign_in(session, email=CONTOSO, password=CONTOSO_PASSWORD)
    session.commit()
    with pytest.raises(DomainError):  # the same code within its window: refused
        mfa.complete_sign_in(session, pending_token=second, code=now.code(secret))
    session.rollback()
    with pytest.raises(DomainError):  # the previous step's code is older than the last accepted one
        mfa.complete_sign_in(session, pending_token=second, code=now.code(secret, -1))
    session.rollback()
    assert mfa.complete_sign_in(session, pending_token=second, code=now.code(secret, 1))  # the next step: fine
    with pytest.raises(DomainError) as direct:  # callers that need a session at once are refused
        auth.sign_in(session, email=CONTOSO, password=CONTOSO_PASSWORD)
    assert direct.value.code == "auth.second_factor_required"


def test_a_recovery_code_works_once_and_the_user_is_told(session, actor, now):
    _, codes = _enroll(session, actor(CONTOSO), now)
    for expected in ("ok", "used"):
        pending_token, _ = auth.start_sign_in(session, email=CONTOSO, password=CONTOSO_PASSWORD)
        session.commit()
        try:
            mfa.complete_sign_in(session, pending_token=pending_token, code=codes[3].upper().replace("-", " "))
            outcome = "ok"
        except DomainError:
            outcome = "used"
        session.commit()
        assert outcome == expected
    bodies = session.exec(select(OutboxEmail.body).where(OutboxEmail.subject.contains("recovery code"))).all()
    assert len(bodies) == 1
    assert "Recovery codes left: 9" in bodies[0]


@pytest.mark.usefixtures("org")
def test_an_organization_requirement_forces_set_up_before_anything_else(session, actor, now):
    contoso_admin = actor(CONTOSO)
    with pytest.raises(PermissionDenied):
        mfa.set_requirement(session, actor("helpdesk@contoso.example"), required=True)
    mfa.set_requirement(session, contoso_admin, required=True)
    session.commit()
    helpdesk = actor("helpdesk@contoso.example")
    assert helpdesk.must_enroll_mfa
    assert not can(helpdesk, Action.VIEW_CUSTOMERS)
    token, pending = auth.start_sign_in(session, email="helpdesk@contoso.example", password="Helpdesk-demo-2026")
    session.commit()
    assert not pending
    assert auth.resolve_session(session, token).must_enroll_mfa
    _enroll(session, helpdesk, now)
    assert not actor("helpdesk@contoso.example").must_enroll_mfa
    assert not actor("admin@adatum.example").must_enroll_mfa  # another organization: not required


def test_platform_staff_always_need_a_second_factor(session, actor, now):
    platform = actor("ops@platform.example")
    assert not platform.must_enroll_mfa  # the demo account has its key from the seed
    token, pending = auth.start_sign_in(session, email="ops@platform.example", password="Platform-demo-2026")
    session.commit()
    assert pending
    assert mfa.complete_sign_in(session, pending_token=token, code=now.code(DEMO_PLATFORM_TOTP_KEY))


def test_a_global_admin_resets_a_users_second_factor(session, actor, user, now):
    helpdesk = actor("helpdesk@contoso.example")
    _enroll(session, helpdesk, now)
    with pytest.raises(PermissionDenied):
        mfa.reset(session, helpdesk, user_id=user(CONTOSO).id)
    with pytest.raises(NotFound):  # another organization's admin does not even learn the user exists
        mfa.reset(session, actor("admin@adatum.example"), user_id=helpdesk.user_id)
    mfa.reset(session, actor(CONTOSO), user_id=helpdesk.user_id)
    session.commit()
    assert user("helpdesk@contoso.example").totp_secret is None
    assert session.exec(select(RecoveryCode).where(RecoveryCode.user_id == helpdesk.user_id)).all() == []
    body = session.exec(
        select(OutboxEmail.body).where(
            OutboxEmail.to_address == "helpdesk@contoso.example", OutboxEmail.subject.contains("was reset")
        )
    ).one()
    assert user(CONTOSO).full_name in body  # says who reset it


def test_platform_staff_reset_only_another_organizations_last_global_admin(session, actor, user, now):
    adatum = actor("admin@adatum.example")
    _enroll(session, adatum, now)
    platform = actor("ops@platform.example")
    mfa.reset(session, platform, user_id=adatum.user_id)  # Adatum's only Global admin
    session.commit()
    assert user("admin@adatum.example").totp_enabled_at is None
    _enroll(session, actor("helpdesk@contoso.example"), now)
    with pytest.raises(PermissionDenied) as refused:  # Contoso has its own Global admin to do it
        mfa.reset(session, platform, user_id=user("helpdesk@contoso.example").id)
    assert refused.value.code == "mfa.reset_own_admins_first"


def test_platform_staff_reset_by_sign_in_name(session, actor, user, now):
    _enroll(session, actor("admin@adatum.example"), now)
    platform = actor("ops@platform.example")
    with pytest.raises(DomainError) as unknown:
        mfa.reset_by_email(session, platform, email="nobody@adatum.example")
    assert unknown.value.code == "mfa.no_such_user"
    with pytest.raises(NotFound):  # only platform staff reach other organizations' users
        mfa.reset_by_email(session, actor(CONTOSO), email="admin@adatum.example")
    mfa.reset_by_email(session, platform, email=" Admin@Adatum.example ")
    session.commit()
    assert user("admin@adatum.example").totp_enabled_at is None
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "mfa.reset")).one()
    assert event.actor_email == "ops@platform.example"


def test_an_admin_password_reset_lifts_a_sign_in_block(session, actor, user):
    helpdesk = user("helpdesk@contoso.example")
    signin_guard.block_user(session, helpdesk, client_address=None)
    session.commit()
    users.reset_password(session, actor(CONTOSO), user_id=helpdesk.id)
    session.commit()
    assert user("helpdesk@contoso.example").sign_in_blocked_at is None


def _code_race(monkeypatch, email: str, password: str, secret: str) -> tuple[int, list[str]]:
    token = runner.run_public(lambda s: auth.start_sign_in(s, email=email, password=password))[0]
    checked, lock = [0], threading.Lock()
    real = mfa._accept_totp

    def counting(*args, **kwargs):
        with lock:
            checked[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(mfa, "_accept_totp", counting)
    wrong = next(f"{n:06d}" for n in range(10**6) if pyotp.TOTP(secret).verify(f"{n:06d}", valid_window=2) is False)
    barrier = threading.Barrier(50)

    def one(n: int) -> str:
        barrier.wait()
        try:
            runner.run_public(
                lambda s: mfa.complete_sign_in(s, pending_token=token, code=wrong, client_address=f"10.2.{n}.1")
            )
        except Throttled:
            return "throttled"
        except DomainError:
            return "wrong"
        return "ok"

    with ThreadPoolExecutor(50) as pool:
        outcomes = list(pool.map(one, range(50)))
    return checked[0], outcomes


@pytest.mark.usefixtures("engine")
def test_fifty_parallel_wrong_codes_check_at_most_the_limit_on_sqlite(monkeypatch):
    checked, outcomes = _code_race(monkeypatch, "ops@platform.example", "Platform-demo-2026", DEMO_PLATFORM_TOTP_KEY)
    assert checked == outcomes.count("wrong") == get_settings().sign_in_attempts_per_account


@pytest.mark.parametrize("store", ["database", "redis"])
def test_fifty_parallel_wrong_codes_check_at_most_the_limit_on_postgresql(monkeypatch, store):
    if store == "redis":
        if not redis_available():
            pytest.skip("Redis is not reachable at 127.0.0.1:6379")
        monkeypatch.setattr(get_settings(), "redis_url", REDIS_URL)
    with scratch_database("mfa") as url:
        engine = db.make_engine(url)
        db.create_all(engine)
        monkeypatch.setattr(db, "get_engine", lambda: engine)
        email, secret = f"ops-{uuid.uuid4().hex[:8]}@race.example", pyotp.random_base32()
        with Session(engine) as session:
            org = Organization(kind=OrgKind.PLATFORM, name="Ops", country="US")
            session.add(org)
            session.flush()
            ops = User(
                org_id=org.id,
                email=email,
                full_name="Ops",
                password_hash=hash_password("Race-demo-2026"),
                agent_role=AgentRole.ADMIN_AGENT,
                admin_role=AdminRole.GLOBAL_ADMIN,
            )
            session.add(ops)
            session.flush()
            mfa.set_key(session, ops, secret)
            session.commit()
            user_id = ops.id
        try:
            checked, outcomes = _code_race(monkeypatch, email, "Race-demo-2026", secret)
            assert checked == outcomes.count("wrong") == get_settings().sign_in_attempts_per_account
        finally:
            if store == "redis":
                store_ = attempts._redis(REDIS_URL)
                store_.clear(signin_guard.CODE, str(user_id))
                store_.clear(signin_guard.ACCOUNT, email)
                for n in range(50):
                    store_.clear(signin_guard.CLIENT, f"10.2.{n}.1")
                store_.clear(signin_guard.CLIENT, "-")
            engine.dispose()
