"""The portal's notion of "now": real UTC time, moved forward by the QA test clock when the test hooks are on.

With `ENABLE_TEST_HOOKS` off (always in production) nothing is installed: `source` stays None and
`rxapp.models.base.utcnow()` pays one attribute check on top of `datetime.now(UTC)`.

With the hooks on (`rxapp.testhooks`), offsets are kept where every backend worker sees them: a small
table of the portal's database (`test_clock_offset`, created by the hooks, never by the migrations), or a
Redis hash when `REDIS_URL` is set. Each worker caches them for `CACHE_SECONDS`; the hook that moves the
clock waits that long before it answers, so the new time holds everywhere once the call returns.

What the clock moves:
- the **global** offset moves every `utcnow()`: every timestamp the services write or compare (link,
  delegated admin, session, temporary password and lockout expiry; the enrollment step-9 window; audit
  times; `created_at` columns; mail delivery retries);
- an **organization's** offset moves only `now(org_id, ...)`, used where the organization is known: link
  expiry (issuer and target organization), delegated admin expiry (reseller and customer) and session
  idle/absolute expiry (the signed-in user's organization). With several organizations, the largest of
  their offsets applies; the global offset is added to it. What starts such a clock (a sign-in, a new
  link, a new delegated admin grant) starts in the same time, so it is not born expired.

Not moved: the throttling windows of `limits` (real time: reset them with the throttle hook), Reflex's own
timers, the browser's clock.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Protocol, cast

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

GLOBAL = "global"
CACHE_SECONDS = 1.0
REDIS_KEY = "partner-center:test-clock"

log = logging.getLogger(__name__)


class OffsetStore(Protocol):
    """Where the offsets (seconds, by scope: "global" or "org:<id>") are kept for every worker."""

    def load(self) -> dict[str, float]: ...

    def add(self, scope: str, seconds: float) -> float: ...

    def put(self, scope: str, seconds: float) -> None: ...

    def clear(self, scopes: Iterable[str] | None = None) -> None: ...


def org_scope(org_id: int) -> str:
    """The scope name of one organization's offset."""
    return f"org:{int(org_id)}"


class CachedOffsets:
    """The offsets of a store, re-read at most every `ttl` seconds (per process)."""

    def __init__(
        self, store: OffsetStore, *, ttl: float = CACHE_SECONDS, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.store = store
        self.ttl = ttl
        self._monotonic = monotonic
        self._offsets: dict[str, float] = {}
        self._expires = float("-inf")
        self._lock = threading.Lock()

    def offsets(self) -> dict[str, float]:
        if self._monotonic() >= self._expires:
            with self._lock:
                if self._monotonic() >= self._expires:
                    try:
                        self._offsets = self.store.load()
                    except Exception:  # noqa: BLE001  (keep the last offsets; "now" must never fail)
                        log.warning("test clock: offsets could not be read; keeping the last ones", exc_info=True)
                    self._expires = self._monotonic() + self.ttl
        return self._offsets

    def invalidate(self) -> None:
        """Read the store again on the next call (this process sees its own changes at once)."""
        self._expires = float("-inf")

    def offset(self, org_ids: Iterable[int | None] = ()) -> timedelta:
        offsets = self.offsets()
        if not offsets:
            return timedelta(0)
        org = max((offsets.get(org_scope(org_id), 0.0) for org_id in org_ids if org_id is not None), default=0.0)
        return timedelta(seconds=offsets.get(GLOBAL, 0.0) + org)


# None unless the test hooks installed the test clock: the only thing `utcnow()` looks at.
source: CachedOffsets | None = None


def now(*org_ids: int | None) -> datetime:
    """The portal's "now" (aware UTC), as seen by the given organizations (see the module docstring)."""
    real = datetime.now(UTC)
    current = source
    if current is None:
        return real
    return real + current.offset(org_ids)


def latest_now() -> datetime:
    """The latest "now" any organization sees (global offset plus the largest organization offset): what a
    background task scans up to, so it misses nothing an organization's clock has reached (it then judges
    each record by `now(...)` of its own organizations)."""
    real = datetime.now(UTC)
    current = source
    if current is None:
        return real
    offsets = current.offsets()
    org = max((seconds for scope, seconds in offsets.items() if scope.startswith("org:")), default=0.0)
    return real + timedelta(seconds=offsets.get(GLOBAL, 0.0) + max(org, 0.0))


def enable(store: OffsetStore, *, ttl: float = CACHE_SECONDS) -> CachedOffsets:
    """Install the test clock over `store` (the test hooks do this; nothing else should)."""
    global source
    source = CachedOffsets(store, ttl=ttl)
    return source


def disable() -> None:
    """Back to real time."""
    global source
    source = None


def _installed() -> CachedOffsets:
    if source is None:
        raise RuntimeError("the test clock is off (ENABLE_TEST_HOOKS is not set)")
    return source


def advance(seconds: float, *, org_id: int | None = None) -> float:
    """Move the clock forward (globally, or for one organization); returns that scope's new offset."""
    if seconds < 0:
        raise ValueError("the test clock only moves forward")
    current = _installed()
    total = current.store.add(GLOBAL if org_id is None else org_scope(org_id), float(seconds))
    current.invalidate()
    return total


def reset(*, org_ids: Iterable[int] | None = None, everything: bool = False) -> None:
    """Back to real time for these organizations, or the global offset only, or (`everything`) all scopes."""
    current = _installed()
    if everything:
        current.store.clear()
    elif org_ids is not None:
        current.store.clear([org_scope(org_id) for org_id in org_ids])
    else:
        current.store.clear([GLOBAL])
    current.invalidate()


def offsets() -> dict[str, float]:
    """The offsets as stored now (not cached)."""
    return dict(_installed().store.load())


# --- stores ---------------------------------------------------------------------------------------------

_metadata = sa.MetaData()
clock_table = sa.Table(
    "test_clock_offset",
    _metadata,
    sa.Column("scope", sa.String(64), primary_key=True),
    sa.Column("offset_seconds", sa.Float, nullable=False),
)


class DatabaseStore:
    """Offsets in the portal's database: one row per scope (the table is created here, on first use)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        _metadata.create_all(engine, checkfirst=True)

    def load(self) -> dict[str, float]:
        with self.engine.connect() as connection:
            return dict(connection.execute(sa.select(clock_table.c.scope, clock_table.c.offset_seconds)).all())

    def add(self, scope: str, seconds: float) -> float:
        for _ in range(3):  # a concurrent first insert of the same scope: update it instead
            try:
                with self.engine.begin() as connection:
                    updated = connection.execute(
                        clock_table.update()
                        .where(clock_table.c.scope == scope)
                        .values(offset_seconds=clock_table.c.offset_seconds + seconds)
                    ).rowcount
                    if not updated:
                        connection.execute(clock_table.insert().values(scope=scope, offset_seconds=seconds))
                    return connection.execute(
                        sa.select(clock_table.c.offset_seconds).where(clock_table.c.scope == scope)
                    ).scalar_one()
            except IntegrityError:
                continue
        raise RuntimeError("test clock: could not update the offset")

    def put(self, scope: str, seconds: float) -> None:
        with self.engine.begin() as connection:
            connection.execute(clock_table.delete().where(clock_table.c.scope == scope))
            connection.execute(clock_table.insert().values(scope=scope, offset_seconds=seconds))

    def clear(self, scopes: Iterable[str] | None = None) -> None:
        with self.engine.begin() as connection:
            statement = clock_table.delete()
            if scopes is not None:
                statement = statement.where(clock_table.c.scope.in_(list(scopes)))
            connection.execute(statement)


class RedisStore:
    """Offsets in one Redis hash (when the portal runs several workers on Redis)."""

    def __init__(self, url: str, key: str = REDIS_KEY) -> None:
        import redis

        self.client = redis.Redis.from_url(url)
        self.key = key

    def load(self) -> dict[str, float]:
        # redis-py types a reply as `Awaitable[T] | T` (one annotation for its sync and async clients): this
        # client is the sync one.
        offsets = cast(dict[bytes, bytes], self.client.hgetall(self.key))
        return {scope.decode(): float(value) for scope, value in offsets.items()}

    def add(self, scope: str, seconds: float) -> float:
        return float(cast(float, self.client.hincrbyfloat(self.key, scope, seconds)))  # the sync client's reply

    def put(self, scope: str, seconds: float) -> None:
        self.client.hset(self.key, scope, repr(seconds))  # what redis-py's encoder writes for a float

    def clear(self, scopes: Iterable[str] | None = None) -> None:
        if scopes is None:
            self.client.delete(self.key)
            return
        names = list(scopes)
        if names:
            self.client.hdel(self.key, *names)
