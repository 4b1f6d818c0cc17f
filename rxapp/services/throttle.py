"""Throttling of sensitive actions (sign-in, link acceptance, invitations, enrollment) with `limits`.

Moving-window counters per (scope, key): a scope is one kind of action and one policy ("sign_in_account",
"sign_in_client"), a key is who is counted (a normalized email, a client address). Keys are stored as a
SHA-256 digest, so the storage holds no addresses; callers must still never pass secrets as keys.

Storage: in-process memory (`memory://`) on one worker; Redis (`settings.redis_url`, e.g.
`redis://127.0.0.1:6379/0`) when several workers must share the counters. The API is synchronous; on
memory it is fast, with Redis each call is one network round trip (run it in a thread from async code).
With Redis unreachable, calls raise `limits.errors.StorageError`; the caller decides to fail closed.
Counters that must survive restarts or Redis flushes belong in the database, not here.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from dataclasses import dataclass
from functools import lru_cache

from limits import RateLimitItemPerSecond
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from rxapp.errors import Throttled
from rxapp.settings import get_settings

NAMESPACE = "partner-center"
_SCOPE = re.compile(r"^[a-z0-9_.\-]{1,64}$")


class _Limit(RateLimitItemPerSecond):
    """`limit` hits per `window_seconds`, stored under `namespace/scope/digest` only, so a counter is
    the same whatever limit it is checked with, and `clear` needs no limit."""

    def key_for(self, *identifiers: bytes | str | float) -> str:
        return "/".join([self.namespace, *(str(i) for i in identifiers)])


class Throttle:
    """Moving-window rate limiter over a `limits` storage (memory or Redis)."""

    def __init__(self, storage_uri: str = "memory://") -> None:
        self.storage_uri = storage_uri
        self.storage = storage_from_string(storage_uri, wrap_exceptions=True)
        self.limiter = MovingWindowRateLimiter(self.storage)

    @staticmethod
    def _item(limit: int, window_seconds: int) -> _Limit:
        if limit < 1 or window_seconds < 1:
            raise ValueError("limit and window_seconds must be positive")
        return _Limit(limit, window_seconds, namespace=NAMESPACE)

    @staticmethod
    def _ids(scope: str, key: str) -> tuple[str, str]:
        if not _SCOPE.match(scope):
            raise ValueError(f"invalid throttle scope {scope!r}")
        return scope, hashlib.sha256(key.encode("utf-8")).hexdigest()

    def hit(self, scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
        """Consume one attempt; True when it was within the limit, False when throttled."""
        return self.limiter.hit(self._item(limit, window_seconds), *self._ids(scope, key))

    def check(self, scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
        """True when one more attempt would be allowed; consumes nothing."""
        return self.limiter.test(self._item(limit, window_seconds), *self._ids(scope, key))

    def retry_after(self, scope: str, key: str, *, limit: int, window_seconds: int) -> int:
        """Seconds until an attempt is allowed again (0 when it is allowed now)."""
        item = self._item(limit, window_seconds)
        stats = self.limiter.get_window_stats(item, *self._ids(scope, key))
        if stats.remaining > 0:
            return 0
        return max(1, math.ceil(stats.reset_time - time.time()))

    def clear(self, scope: str, key: str) -> None:
        """Forget the attempts counted for this key (e.g. after a successful sign-in)."""
        self.limiter.clear(self._item(1, 1), *self._ids(scope, key))


@lru_cache
def get_throttle() -> Throttle:
    """The process-wide throttle: Redis when `settings.redis_url` is set, memory otherwise."""
    redis_url = get_settings().redis_url
    return Throttle(redis_url or "memory://")


def reset_throttle() -> None:
    """Drop the process-wide throttle (tests; a new memory storage starts empty)."""
    get_throttle.cache_clear()


@dataclass(frozen=True)
class Policy:
    """One named throttle: `limit` attempts per `window_seconds` in `scope`. The numbers live here, with the
    other policies, and not in the state or page that applies them."""

    scope: str
    limit: int
    window_seconds: int

    def allows(self, key: str) -> bool:
        """Consume one attempt of `key` (a client address, a user id...); False when over the limit."""
        return get_throttle().hit(self.scope, key, limit=self.limit, window_seconds=self.window_seconds)

    def require(self, key: str) -> None:
        """Consume one attempt of `key`, or refuse with `Throttled`."""
        if not self.allows(key):
            raise Throttled()


# Sign-ins and sign-ups from a customer link's landing page, per client address.
CUSTOMER_LINK_PAGE = Policy("customer-link", limit=30, window_seconds=15 * 60)
# Openings of a contact-email verification link, per client address.
CONTACT_VERIFICATION_PAGE = Policy("contact-verify", limit=30, window_seconds=15 * 60)
# New work accounts created from the enrollment wizard, per client address.
WORK_ACCOUNT_CREATION = Policy("enroll-create-client", limit=10, window_seconds=60 * 60)
# Verification emails resent for one enrollment application.
ENROLLMENT_RESEND = Policy("enroll-resend", limit=5, window_seconds=60 * 60)
# The policies counted per client address (the test hooks clear them for one address).
CLIENT_POLICIES = (WORK_ACCOUNT_CREATION, CUSTOMER_LINK_PAGE, CONTACT_VERIFICATION_PAGE)
