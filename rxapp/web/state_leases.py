"""Scaled out: Reflex's Redis state manager with each tab's lease held for a random time, so that the leases of
tabs that opened together do not all end together.

A worker keeps a tab's state for the opportunistic lock's hold time (rxconfig.py), then writes it back to Redis
and lets the lock go; the tab's next event takes the lock and reads the state again. With one fixed hold, the
leases of tabs that opened within a few seconds of each other ended within those same seconds, every hold time
over: 1,000 tabs that opened within 6-8 s gave the workers a burst of write-backs and re-reads every 14-16 s
(`benchmarks/events.py --postgres`, README "Benchmarks"). Drawn at random from the upper half of the hold time,
the ends spread over half the hold time after the first one and never line up again.
"""

from __future__ import annotations

import random

from reflex.istate.manager.redis import StateManagerRedis

HOLD_SPREAD = 0.5  # the shortest hold, as a share of the configured one


class StaggeredLeaseStateManager(StateManagerRedis):
    """`StateManagerRedis` whose `oplock_hold_time_ms` (read once per lease, as the lease starts) is drawn from
    [HOLD_SPREAD x hold, hold]; everything else is Reflex's."""

    _configured_hold_ms: int

    @property
    def oplock_hold_time_ms(self) -> int:  # pyright: ignore[reportIncompatibleVariableOverride]
        """This lease's hold, in milliseconds."""
        return random.randint(int(self._configured_hold_ms * HOLD_SPREAD), self._configured_hold_ms)  # noqa: S311

    @oplock_hold_time_ms.setter
    def oplock_hold_time_ms(self, value: int) -> None:
        self._configured_hold_ms = value


def stagger_leases(app: object) -> None:
    """Give `app` (a Reflex App) the staggered manager in place of the Redis one Reflex created with the same
    settings; the memory manager of the single-process setup has no leases and stays."""
    current = getattr(app, "_state_manager", None)
    if type(current) is not StateManagerRedis:
        return
    app._state_manager = StaggeredLeaseStateManager(  # pyright: ignore[reportAttributeAccessIssue]
        redis=current.redis,
        token_expiration=current.token_expiration,
        lock_expiration=current.lock_expiration,
        lock_warning_threshold=current.lock_warning_threshold,
        oplock_hold_time_ms=current.oplock_hold_time_ms,
    )
