"""How a server worker starts: spawned (a fresh interpreter importing the app, not a fork of the process that
compiled the frontend and still holds its pages), with its startup objects kept out of the collector's rounds."""

from __future__ import annotations

import asyncio
import gc
import importlib
import os
import sys
from datetime import timedelta

import pytest

# What rxconfig.py sets with `os.environ.setdefault` (outside monkeypatch): undone after each test like the rest.
RXCONFIG_DEFAULTS = (
    "REFLEX_BACKEND_START_METHOD",
    "REFLEX_OPLOCK_ENABLED",
    "REFLEX_REDIS_LOCK_EXPIRATION",
    "REFLEX_OPLOCK_HOLD_TIME",
)


def _load_config(monkeypatch: pytest.MonkeyPatch, **env: str | None) -> None:
    from rxapp.settings import get_settings

    for name in RXCONFIG_DEFAULTS:
        monkeypatch.setenv(name, os.environ.get(name, ""))  # records the value before the test, or its absence
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    sys.modules.pop("rxconfig", None)
    try:
        importlib.import_module("rxconfig")
    finally:
        get_settings.cache_clear()


def test_workers_are_spawned_unless_the_environment_says_otherwise(monkeypatch: pytest.MonkeyPatch):
    _load_config(monkeypatch, REFLEX_BACKEND_START_METHOD=None)
    assert os.environ["REFLEX_BACKEND_START_METHOD"] == "spawn"

    _load_config(monkeypatch, REFLEX_BACKEND_START_METHOD="fork")
    assert os.environ["REFLEX_BACKEND_START_METHOD"] == "fork", "an explicit setting wins"


def test_scaled_out_workers_hold_a_tabs_state_between_its_events(monkeypatch: pytest.MonkeyPatch):
    unset = {
        "REFLEX_OPLOCK_ENABLED": None,
        "REFLEX_REDIS_LOCK_EXPIRATION": None,
        "REFLEX_OPLOCK_HOLD_TIME": None,
        "REFLEX_OPLOCK_HOLD_TIME_MS": None,  # Reflex's older name, deprecated
    }
    _load_config(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/9", **unset)
    assert os.environ["REFLEX_OPLOCK_ENABLED"] == "true"
    assert (os.environ["REFLEX_OPLOCK_HOLD_TIME"], os.environ["REFLEX_REDIS_LOCK_EXPIRATION"]) == ("15s", "20000")
    import reflex as rx
    from reflex_base.environment import oplock_hold_time

    # What Reflex's Redis state manager reads (a new Config: the app's own is cached for the whole process).
    assert oplock_hold_time() == timedelta(seconds=15)
    assert rx.Config(app_name="probe").redis_lock_expiration == 20000

    _load_config(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/9", **{**unset, "REFLEX_OPLOCK_ENABLED": "false"})
    assert os.environ["REFLEX_OPLOCK_ENABLED"] == "false", "an explicit setting wins"

    _load_config(monkeypatch, REDIS_URL=None, **unset)
    assert "REFLEX_OPLOCK_ENABLED" not in os.environ, "one process keeps its tabs' states in memory anyway"
    assert "REFLEX_OPLOCK_HOLD_TIME" not in os.environ


def test_a_started_worker_freezes_its_startup_objects():
    from rxapp.rxapp import GC_YOUNG_THRESHOLD, freeze_startup_objects

    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    thresholds = gc.get_threshold()
    try:
        asyncio.run(freeze_startup_objects())
        assert gc.get_freeze_count() > 10_000, "the app's objects leave the collector's rounds"
        assert gc.get_threshold() == (GC_YOUNG_THRESHOLD, *thresholds[1:]), "the young collected less often"
        assert thresholds[0] < GC_YOUNG_THRESHOLD
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
