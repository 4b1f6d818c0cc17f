"""DATABASE_THREADS sizes the executor every service call runs on (`asyncio.to_thread`) and the connection
pool with it (one connection per thread, plus the background tasks'); unset, 2. The background loops (mail,
webhooks, notices) run on their own threads, never on the page events' ones."""

from __future__ import annotations

import asyncio
import threading

import pytest

from rxapp.db import BACKGROUND_THREADS, pool_size, run_in_background
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


def test_unset_two_service_threads(threads_setting):
    threads_setting(None)
    names = _service_threads()
    assert len(names) == 2
    assert all(name.startswith("services") for name in names)
    assert pool_size() == 2 + BACKGROUND_THREADS


def test_background_rounds_run_on_their_own_threads(threads_setting):
    threads_setting("2")

    async def run() -> tuple[str, set[str]]:
        await use_database_threads()
        background = await run_in_background(threading.current_thread)
        pages = await asyncio.gather(*(asyncio.to_thread(_named_after_a_pause) for _ in range(4)))
        return background.name, set(pages)

    background_name, page_names = asyncio.run(run())
    assert background_name.startswith("background")
    assert background_name not in page_names


@pytest.mark.parametrize(
    ("module", "loop", "round_name"),
    [
        ("mail_delivery", "run_delivery_loop", "deliver_pending"),
        ("webhook_delivery", "run_webhook_loop", "deliver_due"),
        ("delegated_admin_notices", "run_notice_loop", "send_due_notices"),
    ],
)
def test_every_background_loop_runs_its_rounds_on_the_background_threads(
    threads_setting, monkeypatch: pytest.MonkeyPatch, module: str, loop: str, round_name: str
):
    """A loop that went back to `asyncio.to_thread` would share the page events' two threads."""
    import importlib

    threads_setting("2")
    monkeypatch.setenv("SMTP_URL", "smtp://127.0.0.1:2525")  # the mail loop only runs with a server set
    get_settings.cache_clear()
    target = importlib.import_module(f"rxapp.services.{module}")
    stop = asyncio.Event()
    ran_on: list[str] = []

    def one_round(*args, **kwargs):
        ran_on.append(threading.current_thread().name)
        stop.set()
        raise RuntimeError("one round is enough")  # the loop logs it and waits for the next round

    monkeypatch.setattr(target, round_name, one_round)

    async def run() -> None:
        await use_database_threads()
        await asyncio.wait_for(getattr(target, loop)(stop, interval_seconds=0.01), timeout=10)

    asyncio.run(run())
    assert len(ran_on) == 1
    assert ran_on[0].startswith("background")


@pytest.mark.usefixtures("engine")
def test_on_sqlite_service_threads_take_a_session_per_unit():
    """A server database's service threads keep one session each (tests/unit/test_postgres_transactions.py)."""
    from rxapp import db

    def two_units() -> bool:
        with db.session_scope() as first:
            pass
        with db.session_scope() as second:
            pass
        return first is second

    async def run() -> list[bool]:
        await use_database_threads()
        return await asyncio.gather(*(asyncio.to_thread(two_units) for _ in range(4)))

    assert asyncio.run(run()) == [False] * 4
