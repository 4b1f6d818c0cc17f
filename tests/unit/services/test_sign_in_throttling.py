"""Sign-in throttling: attempts reserved before the password is checked, growing waits instead of a lock,
an owner never kept out for more than a minute, the daily limit and its emailed link, per client address;
and the race: 50 parallel wrong passwords check at most the free attempts (SQLite, PostgreSQL, Redis)."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import Session, select

from rxapp import db
from rxapp.errors import DomainError, Throttled
from rxapp.models import AdminRole, Organization, OrgKind, OutboxEmail, User
from rxapp.services import attempts, auth, runner, signin_guard
from rxapp.services.passwords import hash_password
from rxapp.settings import get_settings
from tests.unit.doubles import REDIS_URL, redis_available
from tests.unit.scratch_postgres import scratch_database

OWNER, PASSWORD = "admin@adatum.example", "Customer-demo-2026"


class Clock:
    """Moves `attempts.now` (the throttle's real time) without waiting."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.t = 1_900_000_000.0
        monkeypatch.setattr(attempts, "now", lambda: self.t)

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def fast_hash(monkeypatch) -> None:
    """Many attempts: the demo passwords are checked without argon2's deliberate cost."""
    monkeypatch.setattr(
        auth,
        "verify_password",
        lambda password, hashed: hashed is not None and password in (PASSWORD, "Reseller-demo-2026"),
    )


def _attempt(session: Session, email: str, password: str, client: str) -> str:
    """'ok', 'wrong' or the refusal's code."""
    try:
        auth.sign_in(session, email=email, password=password, client_address=client)
    except Throttled as refusal:
        session.rollback()
        return refusal.code
    except DomainError:
        session.rollback()
        return "wrong"
    session.commit()
    return "ok"


def test_waits_grow_after_the_free_attempts_and_stop_at_a_minute(session, clock):
    outcomes = [_attempt(session, OWNER, "wrong-password-1", "203.0.113.9") for _ in range(6)]
    assert outcomes == ["wrong"] * 5 + ["auth.throttled_seconds"]
    waits = []
    for _ in range(5):
        with pytest.raises(Throttled) as refused:
            auth.sign_in(session, email=OWNER, password="wrong-password-1", client_address="203.0.113.9")
        session.rollback()
        waits.append(refused.value.params["seconds"])
        clock.advance(waits[-1])
        assert _attempt(session, OWNER, "wrong-password-1", "203.0.113.9") == "wrong"
    assert waits == [15, 30, 60, 60, 60]  # doubling, never more than a minute for an account


@pytest.mark.usefixtures("fast_hash")
def test_an_owner_elsewhere_is_kept_out_at_most_a_minute(session, clock):
    wrong = 0
    for n in range(80):  # attackers at many addresses keep guessing as fast as they are let
        if _attempt(session, OWNER, f"guess-{n}-xxxxx", f"198.51.100.{n}") == "wrong":
            wrong += 1
        else:
            clock.advance(20)
    assert 15 < wrong < 40  # five free guesses, then about one a minute
    clock.advance(1)
    while _attempt(session, OWNER, "guess-last-xxxxx", "198.51.100.200") != "wrong":
        clock.advance(5)
    assert _attempt(session, OWNER, PASSWORD, "192.0.2.10") == "auth.throttled_seconds"
    clock.advance(attempts.ACCOUNT_MAX_DELAY)
    assert _attempt(session, OWNER, PASSWORD, "192.0.2.10") == "ok"
    # the success ended the streak: the owner's next sign-in is not held up
    assert _attempt(session, OWNER, PASSWORD, "192.0.2.10") == "ok"


def test_one_client_guessing_many_accounts_waits_longer(session, clock, monkeypatch):
    monkeypatch.setattr(get_settings(), "sign_in_attempts_per_client", 3)
    outcomes = [_attempt(session, f"ghost{n}@example.com", "x" * 12, "10.9.9.9") for n in range(4)]
    assert outcomes == ["wrong"] * 3 + ["auth.throttled_seconds"]
    assert _attempt(session, OWNER, PASSWORD, "10.1.1.1") == "ok"  # another address is not affected
    for _ in range(8):  # the address's waits double up to a quarter of an hour
        clock.advance(attempts.CLIENT_MAX_DELAY)
        _attempt(session, "ghost@example.com", "x" * 12, "10.9.9.9")
    with pytest.raises(Throttled) as refused:
        auth.sign_in(session, email=OWNER, password=PASSWORD, client_address="10.9.9.9")
    assert refused.value.code == "auth.throttled_minutes"
    assert refused.value.params["minutes"] == 15


def _fail_a_day(session: Session, clock: Clock, email: str) -> list[str]:
    outcomes = []
    for n in range(attempts.ACCOUNT_DAILY_FAILURES + 1):
        outcomes.append(_attempt(session, email, f"guess-{n}-yyyyy", f"198.51.100.{n % 250}"))
        clock.advance(attempts.ACCOUNT_MAX_DELAY)
    return outcomes


@pytest.mark.usefixtures("fast_hash")
def test_a_day_of_failures_blocks_until_the_emailed_link_is_used(session, clock, user):
    outcomes = _fail_a_day(session, clock, OWNER)
    assert outcomes == ["wrong"] * attempts.ACCOUNT_DAILY_FAILURES + ["auth.blocked"]
    assert user(OWNER).sign_in_blocked_at is not None
    clock.advance(2 * 24 * 3600)  # still blocked the next days: only the link lifts it
    assert _attempt(session, OWNER, PASSWORD, "192.0.2.10") == "auth.blocked"
    emails = session.exec(select(OutboxEmail).where(OutboxEmail.to_address == OWNER)).all()
    assert len(emails) == 1  # sent once, to the account itself
    link = next(word for word in emails[0].body.split() if "/unblock/" in word)
    assert signin_guard.unblock(session, token=link.rsplit("/", 1)[1]) == OWNER
    session.commit()
    assert _attempt(session, OWNER, PASSWORD, "192.0.2.10") == "ok"
    with pytest.raises(DomainError) as used:
        signin_guard.unblock(session, token=link.rsplit("/", 1)[1])
    assert used.value.code == "link.used"


@pytest.mark.usefixtures("fast_hash")
def test_an_unknown_account_is_refused_in_the_same_words(session, clock):
    assert _fail_a_day(session, clock, "nobody@adatum.example")[-1] == "auth.blocked"
    assert session.exec(select(OutboxEmail).where(OutboxEmail.to_address == "nobody@adatum.example")).all() == []


def _race(monkeypatch, email: str, password: str, *, workers: int = 50) -> tuple[int, list[str]]:
    """`workers` parallel sign-ins (each its own transaction, as the UI runs them); returns how many
    passwords were checked and the outcomes."""
    checked, lock = [0], threading.Lock()
    real = auth.verify_password

    def counting(*args, **kwargs):
        with lock:
            checked[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(auth, "verify_password", counting)
    barrier = threading.Barrier(workers)

    def one(n: int) -> str:
        barrier.wait()
        try:
            runner.run_public(lambda s: auth.sign_in(s, email=email, password=password, client_address=f"10.0.{n}.1"))
        except Throttled:
            return "throttled"
        except DomainError:
            return "wrong"
        return "ok"

    with ThreadPoolExecutor(workers) as pool:
        outcomes = list(pool.map(one, range(workers)))
    return checked[0], outcomes


@pytest.mark.usefixtures("engine")
def test_fifty_parallel_wrong_passwords_check_at_most_the_limit_on_sqlite(monkeypatch):
    checked, outcomes = _race(monkeypatch, OWNER, "wrong-password-z")
    limit = get_settings().sign_in_attempts_per_account
    assert checked == outcomes.count("wrong") == limit
    assert outcomes.count("throttled") == 50 - limit


@pytest.mark.parametrize("store", ["database", "redis"])
def test_fifty_parallel_wrong_passwords_check_at_most_the_limit_on_postgresql(monkeypatch, store):
    if store == "redis":
        if not redis_available():
            pytest.skip("Redis is not reachable at 127.0.0.1:6379")
        monkeypatch.setattr(get_settings(), "redis_url", REDIS_URL)
    with scratch_database("throttle") as url:
        engine = db.make_engine(url)
        db.create_all(engine)
        monkeypatch.setattr(db, "get_engine", lambda: engine)
        email = f"owner-{uuid.uuid4().hex[:8]}@race.example"
        with Session(engine) as session:
            org = Organization(kind=OrgKind.CUSTOMER, name="Race", country="KR", domain=email.split("@")[1])
            session.add(org)
            session.flush()
            session.add(
                User(
                    org_id=org.id,
                    email=email,
                    full_name="Owner",
                    password_hash=hash_password(PASSWORD),
                    admin_role=AdminRole.GLOBAL_ADMIN,
                )
            )
            session.commit()
        try:
            checked, outcomes = _race(monkeypatch, email, "wrong-password-z")
            assert checked == outcomes.count("wrong") == get_settings().sign_in_attempts_per_account
            assert "ok" not in outcomes
            if store == "redis":  # the counters were in Redis, not in the database
                with Session(engine) as session:
                    assert session.exec(select(attempts.AttemptCounter)).all() == []
        finally:
            if store == "redis":
                attempts._redis(REDIS_URL).clear(signin_guard.ACCOUNT, email)
                for n in range(50):
                    attempts._redis(REDIS_URL).clear(signin_guard.CLIENT, f"10.0.{n}.1")
            engine.dispose()


@pytest.mark.usefixtures("engine")
def test_fifty_parallel_wrong_pmc_passwords_check_at_most_the_limit(monkeypatch, actor):
    from rxapp.services import enrollment
    from rxapp.services.enrollment import wizard

    northwind = actor("admin@northwind.example")
    checked, lock = [0], threading.Lock()
    real = wizard.verify_password

    def counting(*args, **kwargs):
        with lock:
            checked[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(wizard, "verify_password", counting)
    barrier = threading.Barrier(50)

    def one(n: int) -> str:
        barrier.wait()
        try:
            runner.run_public(
                lambda s: enrollment.pmc_sign_in(
                    s, northwind, user_name="pmc-northwind", password="wrong-pmc", client_address=f"10.1.{n}.1"
                )
            )
        except Throttled:
            return "throttled"
        except DomainError:
            return "wrong"
        return "ok"

    with ThreadPoolExecutor(50) as pool:
        outcomes = list(pool.map(one, range(50)))
    assert checked[0] == outcomes.count("wrong") == get_settings().sign_in_attempts_per_account


def _stores(session: Session):
    yield "database", attempts.DatabaseAttempts(session)
    if redis_available():
        yield "redis", attempts.RedisAttempts(REDIS_URL)


def test_a_reservation_read_its_time_before_a_later_one_is_still_granted(session):
    """Two sign-ins from one address at once: the one that waited for the write lock carries an earlier "now"
    than the one it waited for. Below the free attempts neither waits (it was refused "Wait 3 s" on a busy
    machine: the later one's time was taken for a wait)."""
    policy = attempts.Policy("client", free=5, base_delay=15, max_delay=900)
    for name, store in _stores(session):
        key = f"203.0.113.{uuid.uuid4().int % 250}-{name}"
        later, earlier = 1_900_000_003.0, 1_900_000_000.0
        assert store.reserve(policy, key, now=later).granted
        assert store.reserve(policy, key, now=earlier).granted, name
        for _ in range(3):  # up to the free attempts
            assert store.reserve(policy, key, now=later).granted
        refused = store.reserve(policy, key, now=later)  # the sixth: a real wait, and it holds
        assert not refused.granted, name
        assert refused.retry_after == 15
        assert not store.reserve(policy, key, now=later + 14).granted
        assert store.reserve(policy, key, now=later + 15).granted
        store.clear("client", key)
