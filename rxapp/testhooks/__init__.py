"""QA test hooks: the test-data interface, the outbox as JSON, the test clock and throttle resets, for the
end-to-end suite run against any instance (docs/testing.md).

They exist only when the instance sets `ENABLE_TEST_HOOKS=true` (settings refuse that together with
`ENVIRONMENT=production`, and without a `TEST_HOOKS_TOKEN`): then `api_transformers()` returns the hooks'
Starlette app for the Reflex app's `api_transformer` and installs the test clock. Otherwise it returns
nothing, no route answers under `/_test` (404) and the clock stays on real time.

    app = rx.App(..., api_transformer=[*testhooks.api_transformers(), other_api_app])
"""

from __future__ import annotations

from starlette.applications import Starlette

from rxapp import clock
from rxapp.settings import Settings, get_settings


def install_clock(settings: Settings | None = None, *, ttl: float = clock.CACHE_SECONDS) -> None:
    """The test clock, its offsets kept where every process reads them (Redis, else the database)."""
    settings = settings or get_settings()
    if clock.source is not None:
        return
    if settings.redis_url:
        clock.enable(clock.RedisStore(settings.redis_url), ttl=ttl)
    else:
        from rxapp.db import get_engine

        clock.enable(clock.DatabaseStore(get_engine()), ttl=ttl)


def api_transformers(settings: Settings | None = None) -> list[Starlette]:
    """The hooks app in a list (for `rx.App(api_transformer=...)`), or an empty list when they are off."""
    settings = settings or get_settings()
    if not settings.enable_test_hooks:
        return []
    from rxapp.testhooks.app import build_app

    install_clock(settings)
    return [build_app(settings.test_hooks_token or "")]
