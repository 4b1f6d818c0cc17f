"""Unit tests for rxapp.services.throttle (memory storage, and the real Redis when it is running)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from rxapp.services import throttle as th
from rxapp.settings import get_settings
from tests.unit.doubles import REDIS_URL, redis_available


@pytest.fixture
def memory() -> th.Throttle:
    return th.Throttle("memory://")


@pytest.fixture
def redis_throttle() -> Iterator[th.Throttle]:
    if not redis_available():
        pytest.skip("Redis is not reachable at 127.0.0.1:6379 (start it to run the shared-storage test)")
    return th.Throttle(REDIS_URL)


def _scope() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def test_allows_limit_then_refuses(memory: th.Throttle) -> None:
    results = [memory.hit("sign_in", "jane@contoso.com", limit=3, window_seconds=60) for _ in range(5)]
    assert results == [True, True, True, False, False]
    assert memory.check("sign_in", "jane@contoso.com", limit=3, window_seconds=60) is False
    assert memory.retry_after("sign_in", "jane@contoso.com", limit=3, window_seconds=60) > 0


def test_check_does_not_consume(memory: th.Throttle) -> None:
    for _ in range(5):
        assert memory.check("sign_in", "jane@contoso.com", limit=1, window_seconds=60) is True
    assert memory.retry_after("sign_in", "jane@contoso.com", limit=1, window_seconds=60) == 0
    assert memory.hit("sign_in", "jane@contoso.com", limit=1, window_seconds=60) is True
    assert memory.check("sign_in", "jane@contoso.com", limit=1, window_seconds=60) is False


def test_keys_and_scopes_are_independent(memory: th.Throttle) -> None:
    assert memory.hit("sign_in", "a@contoso.com", limit=1, window_seconds=60) is True
    assert memory.hit("sign_in", "a@contoso.com", limit=1, window_seconds=60) is False
    assert memory.hit("sign_in", "b@contoso.com", limit=1, window_seconds=60) is True
    assert memory.hit("invitations", "a@contoso.com", limit=1, window_seconds=60) is True


def test_clear_forgets_attempts(memory: th.Throttle) -> None:
    for _ in range(2):
        memory.hit("sign_in", "198.51.100.7", limit=2, window_seconds=60)
    assert memory.hit("sign_in", "198.51.100.7", limit=2, window_seconds=60) is False
    memory.clear("sign_in", "198.51.100.7")
    assert memory.hit("sign_in", "198.51.100.7", limit=2, window_seconds=60) is True


def test_window_expires(memory: th.Throttle, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)
    assert memory.hit("sign_in", "k", limit=1, window_seconds=30) is True
    assert memory.hit("sign_in", "k", limit=1, window_seconds=30) is False
    monkeypatch.setattr(time, "time", lambda: now + 31)
    assert memory.hit("sign_in", "k", limit=1, window_seconds=30) is True


def test_keys_are_stored_as_digests(memory: th.Throttle) -> None:
    memory.hit("sign_in", "jane@contoso.com", limit=5, window_seconds=60)
    stored = " ".join(memory.storage.events)  # type: ignore[attr-defined]
    assert "jane" not in stored
    assert "contoso" not in stored
    assert stored.startswith(f"{th.NAMESPACE}/sign_in/")


def test_invalid_scope_and_limit_are_programming_errors(memory: th.Throttle) -> None:
    with pytest.raises(ValueError, match="invalid throttle scope"):
        memory.hit("Sign In/x", "k", limit=1, window_seconds=60)
    with pytest.raises(ValueError, match="must be positive"):
        memory.hit("sign_in", "k", limit=0, window_seconds=60)


def test_get_throttle_uses_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", "")  # also overrides a developer's .env
    get_settings.cache_clear()
    th.reset_throttle()
    try:
        first = th.get_throttle()
        assert first.storage_uri == "memory://"
        assert th.get_throttle() is first
        th.reset_throttle()
        assert th.get_throttle() is not first
        monkeypatch.setenv("REDIS_URL", REDIS_URL)
        get_settings.cache_clear()
        th.reset_throttle()
        assert th.get_throttle().storage_uri == REDIS_URL
    finally:
        monkeypatch.delenv("REDIS_URL", raising=False)
        get_settings.cache_clear()
        th.reset_throttle()


def test_redis_shared_between_instances(redis_throttle: th.Throttle) -> None:
    scope = _scope()
    other_worker = th.Throttle(REDIS_URL)
    assert redis_throttle.hit(scope, "jane@contoso.com", limit=2, window_seconds=60) is True
    assert other_worker.hit(scope, "jane@contoso.com", limit=2, window_seconds=60) is True
    assert redis_throttle.hit(scope, "jane@contoso.com", limit=2, window_seconds=60) is False
    assert other_worker.check(scope, "jane@contoso.com", limit=2, window_seconds=60) is False
    assert other_worker.hit(scope, "bob@contoso.com", limit=2, window_seconds=60) is True
    other_worker.clear(scope, "jane@contoso.com")
    assert redis_throttle.hit(scope, "jane@contoso.com", limit=2, window_seconds=60) is True
    redis_throttle.clear(scope, "jane@contoso.com")
    redis_throttle.clear(scope, "bob@contoso.com")


def test_a_named_policy_allows_its_limit_then_refuses_with_throttled() -> None:
    from rxapp.errors import Throttled

    th.reset_throttle()
    try:
        policy = th.Policy("test-policy", limit=2, window_seconds=60)
        key = uuid.uuid4().hex
        policy.require(key)
        assert policy.allows(key)
        with pytest.raises(Throttled):
            policy.require(key)
        assert {p.scope for p in th.CLIENT_POLICIES} == {"enroll-create-client", "customer-link", "contact-verify"}
    finally:
        th.reset_throttle()
