"""Reflex configuration: everything comes from `rxapp.settings` (environment variables)."""

import os

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from rxapp.settings import get_settings
from rxapp.web.bundling import ChunkGroupsPlugin

settings = get_settings()

# Server workers start as fresh interpreters that import the app (about 130 MB), not as forks of the process
# that compiled the frontend: a fork inherits the compile's 47 evaluated pages and their heap (about 400 MB
# per worker, most of it soon copied by reference counting). An explicit setting still wins.
os.environ.setdefault("REFLEX_BACKEND_START_METHOD", "spawn")

# Scaled out, a worker keeps a tab's state while its events keep coming (Reflex's opportunistic lock: it holds
# the tab's Redis lock for the hold time and hands it over at once when another worker asks), instead of
# locking, reading and writing the tab's states in Redis on every event. A tab's websocket stays on one worker,
# so the lock is rarely asked for. At the end of the hold the worker writes the state back and lets the lock go;
# the next event takes it again. Held up to 15 s of a 20 s lock (Reflex: 5 s of 10 s), a tab acting every 2 s
# pays that every 5th-8th event instead of every 3rd (1,000 tabs, 60 s: p95 202 ms instead of 526 ms); the 5 s
# left cover the write under load. Each lease's hold is drawn from 7.5-15 s (rxapp/web/state_leases.py), so the
# leases of tabs that opened together do not all end together. The cost, only when a worker dies: its tabs'
# page state (not data: the services commit) since the last write-back is lost, and another worker waits up to
# 20 s for their locks. An explicit setting still wins.
if settings.redis_url:
    os.environ.setdefault("REFLEX_OPLOCK_ENABLED", "true")
    os.environ.setdefault("REFLEX_REDIS_LOCK_EXPIRATION", "20000")
    os.environ.setdefault("REFLEX_OPLOCK_HOLD_TIME", "15s")

config = rx.Config(
    app_name="rxapp",
    db_url=settings.database_url,
    redis_url=settings.redis_url,
    # One process keeps the tabs' states in memory, dropped after the session's idle limit (the disk manager
    # wrote a file per tab and never cleaned up); several workers share them in Redis, with the same expiry.
    state_manager_mode="redis" if settings.redis_url else "memory",
    redis_token_expiration=settings.session_idle_minutes * 60,
    deploy_url=settings.public_url,
    api_url=settings.public_url,
    cors_allowed_origins=[settings.public_url],
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="indigo", gray_color="slate", radius="medium", has_background=True)
        ),
        ChunkGroupsPlugin(),  # Radix and the icons in one chunk each (rxapp/web/bundling.py)
    ],
    disable_plugins=[SitemapPlugin],
)
