"""Attempt reservations for secrets that can be guessed (passwords, second-factor codes, PMC sign-ins).

An attempt is *reserved* before the secret is checked, in one atomic step: a conditional UPDATE in the
database (a Redis script when `REDIS_URL` is set), so N parallel guesses check at most the free attempts.
A reservation counts as a failure until `succeeded` gives it back. Instead of a fixed lock, every failure
beyond the free ones makes the next attempt wait longer (doubling, up to the policy's `max_delay`); for an
account that wait is at most a minute, so someone else's failures never keep an owner out for longer. After
`daily` failures in 24 hours the key is refused until it is reset (the caller emails the account a link).

Keys are stored as SHA-256 digests only; times are Unix seconds (real time, not the QA test clock).
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from rxapp.models import AttemptCounter
from rxapp.models.rows import rowcount, table
from rxapp.settings import get_settings

DAY_SECONDS = 24 * 3600
QUIET_SECONDS = 15 * 60  # a streak of failures is forgotten this long after its wait ended
REDIS_TTL_SECONDS = 2 * DAY_SECONDS


@dataclass(frozen=True)
class Policy:
    """`free` attempts without waiting, then waits of `base_delay`, doubling up to `max_delay` seconds;
    `daily` failures in 24 hours refuse the key until it is reset (None: no daily limit)."""

    scope: str
    free: int
    base_delay: int
    max_delay: int
    daily: int | None = None

    def delay_after(self, failures: int) -> int:
        """Seconds to wait after `failures` consecutive failures."""
        if failures < self.free:
            return 0
        return min(self.max_delay, self.base_delay * 2 ** min(failures - self.free, 30))


ACCOUNT_MAX_DELAY = 60  # an owner is never kept out by others' failures for longer (until the daily limit)
ACCOUNT_BASE_DELAY = 15
ACCOUNT_DAILY_FAILURES = 100
CLIENT_BASE_DELAY = 15
CLIENT_MAX_DELAY = 15 * 60


def account_policy(scope: str = "account") -> Policy:
    """Per account (an email, a PMC user name, a user's second factor)."""
    return Policy(
        scope,
        free=get_settings().sign_in_attempts_per_account,
        base_delay=ACCOUNT_BASE_DELAY,
        max_delay=ACCOUNT_MAX_DELAY,
        daily=ACCOUNT_DAILY_FAILURES,
    )


def client_policy(scope: str = "client") -> Policy:
    """Per client address, across accounts: the guesser's own address waits longer."""
    return Policy(
        scope, free=get_settings().sign_in_attempts_per_client, base_delay=CLIENT_BASE_DELAY, max_delay=CLIENT_MAX_DELAY
    )


@dataclass(frozen=True)
class Reservation:
    """The outcome of `reserve`: granted, or refused with the seconds to wait (`blocked`: daily limit)."""

    granted: bool
    retry_after: int = 0
    blocked: bool = False


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class DatabaseAttempts:
    """Counters in the `attempt_counter` table, written in the caller's transaction: the caller commits a
    reservation before it checks the secret (`signin_guard.reserve`), so every worker sees it at once."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _insert(self):
        dialect = self.session.get_bind().dialect.name
        module = postgresql if dialect == "postgresql" else sqlite
        return module.insert(AttemptCounter)

    def reserve(self, policy: Policy, key: str, *, now: float) -> Reservation:
        digest = _digest(key)
        counters = table(AttemptCounter)
        c = counters.c
        fresh_day = (now - c.day_start) >= DAY_SECONDS
        quiet = (now - c.next_at) >= QUIET_SECONDS
        failures = sa.case((quiet, 1), else_=c.failures + 1)
        cases = [(failures == n, float(policy.delay_after(n))) for n in range(policy.free, policy.free + 16)]
        delay = sa.case((failures < policy.free, 0.0), *cases, else_=float(policy.max_delay))
        # Waiting only when the last reservation imposed a wait (next_at past its last_at): a reservation without
        # one stores next_at = its own "now", which may be later than ours when our `now` was read before we
        # waited for the write lock (a busy moment, parallel sign-ins from one address).
        allowed = sa.or_(c.next_at <= now, c.next_at <= c.last_at)
        if policy.daily is not None:
            allowed = sa.and_(allowed, sa.or_(fresh_day, c.day_failures < policy.daily))
        update = (
            sa.update(counters)
            .where(c.scope == policy.scope, c.key_hash == digest, allowed)
            .values(
                failures=failures,
                next_at=now + delay,
                last_at=now,
                day_failures=sa.case((fresh_day, 1), else_=c.day_failures + 1),
                day_start=sa.case((fresh_day, now), else_=c.day_start),
            )
        )
        connection = self.session
        connection.execute(
            self._insert()
            .values(
                scope=policy.scope, key_hash=digest, failures=0, next_at=0.0, last_at=0.0, day_start=now, day_failures=0
            )
            .on_conflict_do_nothing()
        )
        if rowcount(connection.execute(update.execution_options(synchronize_session=False))) == 1:
            return Reservation(True)
        row = connection.execute(
            sa.select(c.next_at, c.day_failures, c.day_start).where(c.scope == policy.scope, c.key_hash == digest)
        ).one()
        return _refusal(policy, now=now, next_at=row.next_at, day_failures=row.day_failures, day_start=row.day_start)

    def succeeded(self, policy: Policy, key: str, *, streak: bool) -> None:
        c = table(AttemptCounter).c
        values = {"day_failures": sa.case((c.day_failures > 0, c.day_failures - 1), else_=0)}
        values |= (
            {"failures": 0, "next_at": 0.0}
            if streak
            else {"failures": sa.case((c.failures > 0, c.failures - 1), else_=0)}
        )
        self.session.execute(
            sa.update(table(AttemptCounter)).where(c.scope == policy.scope, c.key_hash == _digest(key)).values(**values)
        )

    def state(self, policy: Policy, key: str) -> dict | None:
        c = table(AttemptCounter).c
        row = self.session.execute(
            sa.select(c.failures, c.next_at, c.day_failures).where(c.scope == policy.scope, c.key_hash == _digest(key))
        ).first()
        return dict(row._mapping) if row else None

    def clear(self, scope: str, key: str) -> None:
        self.session.execute(
            sa.delete(table(AttemptCounter)).where(
                col(AttemptCounter.scope) == scope, col(AttemptCounter.key_hash) == _digest(key)
            )
        )


# KEYS[1] the counter; ARGV: now, free, base_delay, max_delay, daily (0: none), quiet, day, ttl
_RESERVE = """
local now, free, base, maxd = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local daily, quiet, day, ttl = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local v = redis.call('HMGET', KEYS[1], 'failures', 'next_at', 'last_at', 'day_start', 'day_failures')
local failures, next_at = tonumber(v[1]) or 0, tonumber(v[2]) or 0
local last_at, day_start, day_failures = tonumber(v[3]) or 0, tonumber(v[4]) or now, tonumber(v[5]) or 0
local fresh_day = now - day_start >= day
if (next_at > now and next_at > last_at) or (daily > 0 and not fresh_day and day_failures >= daily) then
  return {0, tostring(next_at), day_failures, tostring(day_start)}
end
if now - next_at >= quiet then failures = 1 else failures = failures + 1 end
if fresh_day then day_failures = 1; day_start = now else day_failures = day_failures + 1 end
local delay = 0
if failures >= free then delay = math.min(maxd, base * 2 ^ math.min(failures - free, 30)) end
redis.call('HSET', KEYS[1], 'failures', failures, 'next_at', tostring(now + delay), 'last_at', tostring(now),
           'day_start', tostring(day_start), 'day_failures', day_failures)
redis.call('EXPIRE', KEYS[1], ttl)
return {1, tostring(now + delay), day_failures, tostring(day_start)}
"""

_SUCCEEDED = """
local day = tonumber(redis.call('HGET', KEYS[1], 'day_failures') or '0')
if day > 0 then redis.call('HSET', KEYS[1], 'day_failures', day - 1) end
if ARGV[1] == '1' then
  redis.call('HSET', KEYS[1], 'failures', 0, 'next_at', '0')
else
  local f = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
  if f > 0 then redis.call('HSET', KEYS[1], 'failures', f - 1) end
end
return 1
"""


class RedisAttempts:
    """The same counters in Redis (one Lua script per call, so a reservation is atomic across workers)."""

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url)
        self._reserve = self.client.register_script(_RESERVE)
        self._succeeded = self.client.register_script(_SUCCEEDED)

    @staticmethod
    def _key(scope: str, key: str) -> str:
        return f"partner-center:attempts:{scope}:{_digest(key)}"

    def reserve(self, policy: Policy, key: str, *, now: float) -> Reservation:
        # redis-py types a reply as `Awaitable[T] | T` (one annotation for its sync and async clients): this
        # client is the sync one, and the script returns its four values.
        granted, next_at, day_failures, day_start = cast(
            list,
            self._reserve(
                keys=[self._key(policy.scope, key)],
                args=[
                    repr(now),
                    policy.free,
                    policy.base_delay,
                    policy.max_delay,
                    policy.daily or 0,
                    QUIET_SECONDS,
                    DAY_SECONDS,
                    REDIS_TTL_SECONDS,
                ],
            ),
        )
        if granted == 1:
            return Reservation(True)
        return _refusal(
            policy, now=now, next_at=float(next_at), day_failures=int(day_failures), day_start=float(day_start)
        )

    def succeeded(self, policy: Policy, key: str, *, streak: bool) -> None:
        self._succeeded(keys=[self._key(policy.scope, key)], args=["1" if streak else "0"])

    def state(self, policy: Policy, key: str) -> dict | None:
        raw = cast(dict[bytes, bytes], self.client.hgetall(self._key(policy.scope, key)))  # the sync client's reply
        if not raw:
            return None
        return {
            "failures": int(raw[b"failures"]),
            "next_at": float(raw[b"next_at"]),
            "day_failures": int(raw[b"day_failures"]),
        }

    def clear(self, scope: str, key: str) -> None:
        self.client.delete(self._key(scope, key))


def _refusal(policy: Policy, *, now: float, next_at: float, day_failures: int, day_start: float) -> Reservation:
    if policy.daily is not None and day_failures >= policy.daily and now - day_start < DAY_SECONDS:
        return Reservation(False, retry_after=max(1, math.ceil(day_start + DAY_SECONDS - now)), blocked=True)
    return Reservation(False, retry_after=max(1, math.ceil(next_at - now)))


def get_attempts(session: Session) -> DatabaseAttempts | RedisAttempts:
    """Redis when `settings.redis_url` is set (shared by every worker), else the database (in `session`)."""
    url = get_settings().redis_url
    return _redis(url) if url else DatabaseAttempts(session)


@lru_cache
def _redis(url: str) -> RedisAttempts:
    return RedisAttempts(url)


def now() -> float:
    """Real time in Unix seconds (a function so tests can move it)."""
    return time.time()
