"""DATABASE_THREADS sizes the executor every service call runs on (`asyncio.to_thread`) and the connection
pool with it (one connection per thread, plus the background tasks'); unset, Python's default stays."""

from __future__ import annotations

import asyncio
import os
import threading

import pytest

from rxapp.db import pool_size
from rxapp.rxapp import use_database_threads
from rxapp.settings import get_settings


@pytest.fixture
def threads_setting(monkeypatch: pytest.MonkeyPatch):
    def set_to(value: str | None) -> None:
        if value is None:
            monkeypatch.delenv("DATABASE_THREADS", raising=False)
        else:
            monkeypatch.setenv("DATABASE_THREADS", value)
        get_settings.cache_clear()

    yield set_to
    monkeypatch.delenv("DATABASE_THREADS", raising=False)
    get_settings.cache_clear()


def _service_threads() -> set[str]:
    async def run() -> set[str]:
        await use_database_threads()
        names = await asyncio.gather(*(asyncio.to_thread(_named_after_a_pause) for _ in range(8)))
        return set(names)

    return asyncio.run(run())


def _named_after_a_pause() -> str:
    threading.Event().wait(0.05)  # long enough for the eight calls to overlap
    return threading.current_thread().name


def test_the_setting_sizes_the_services_executor_and_the_pool(threads_setting):
    threads_setting("2")
    names = _service_threads()
    assert len(names) == 2
    assert all(name.startswith("services") for name in names)
    assert pool_size() == 4


def test_unset_python_keeps_its_default(threads_setting):
    threads_setting(None)
    names = _service_threads()
    assert not any(name.startswith("services") for name in names)
    assert pool_size() == min(32, (os.cpu_count() or 1) + 4) + 2
