"""How a server worker starts: spawned (a fresh interpreter importing the app, not a fork of the process that
compiled the frontend and still holds its pages), with its startup objects kept out of the collector's rounds."""

from __future__ import annotations

import asyncio
import gc
import importlib
import os
import sys

import pytest


def test_workers_are_spawned_unless_the_environment_says_otherwise(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("REFLEX_BACKEND_START_METHOD", raising=False)
    sys.modules.pop("rxconfig", None)
    importlib.import_module("rxconfig")
    assert os.environ["REFLEX_BACKEND_START_METHOD"] == "spawn"

    monkeypatch.setenv("REFLEX_BACKEND_START_METHOD", "fork")
    sys.modules.pop("rxconfig", None)
    importlib.import_module("rxconfig")
    assert os.environ["REFLEX_BACKEND_START_METHOD"] == "fork", "an explicit setting wins"


def test_a_started_worker_freezes_its_startup_objects():
    from rxapp.rxapp import freeze_startup_objects

    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        asyncio.run(freeze_startup_objects())
        assert gc.get_freeze_count() > 10_000, "the app's objects leave the collector's rounds"
    finally:
        gc.unfreeze()
