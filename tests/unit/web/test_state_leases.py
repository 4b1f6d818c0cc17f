"""Scaled out, each tab's state lease is held for a random time in the upper half of the configured hold."""

from types import SimpleNamespace

from redis.asyncio import Redis
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.redis import StateManagerRedis

from rxapp.web.state_leases import StaggeredLeaseStateManager, stagger_leases


def _redis_manager(hold_ms: int = 15_000) -> StateManagerRedis:
    return StateManagerRedis(
        redis=Redis(),
        token_expiration=1_800,
        lock_expiration=20_000,
        lock_warning_threshold=1_000,
        oplock_hold_time_ms=hold_ms,
    )


def test_each_lease_draws_its_hold_from_the_upper_half_of_the_configured_one():
    manager = StaggeredLeaseStateManager(
        redis=Redis(),
        token_expiration=1_800,
        lock_expiration=20_000,
        lock_warning_threshold=1_000,
        oplock_hold_time_ms=15_000,
    )
    holds = [manager.oplock_hold_time_ms for _ in range(2_000)]
    assert min(holds) >= 7_500
    assert max(holds) <= 15_000
    # Spread over the range, not bunched: each quarter of it gets a fair share.
    quarters = [sum(7_500 + q * 1_875 <= h < 7_500 + (q + 1) * 1_875 for h in holds) for q in range(4)]
    assert all(count > 350 for count in quarters), quarters


def test_the_apps_redis_manager_is_replaced_with_the_same_settings():
    app = SimpleNamespace(_state_manager=_redis_manager(hold_ms=12_000))
    before = app._state_manager
    stagger_leases(app)
    after = app._state_manager
    assert isinstance(after, StaggeredLeaseStateManager)
    assert after.redis is before.redis
    assert (after.token_expiration, after.lock_expiration, after.lock_warning_threshold) == (1_800, 20_000, 1_000)
    assert after._configured_hold_ms == 12_000


def test_the_single_process_memory_manager_stays():
    memory = StateManagerMemory()
    app = SimpleNamespace(_state_manager=memory)
    stagger_leases(app)
    assert app._state_manager is memory
