"""Service processes (`rxapp.service_processes`): marked list reads run in a process of their own and come back
as the thread would have returned them, refusals included (with their parameters, and the refusal audited by
the process); marked work beyond the in-flight cap waits for its turn, anything unmarked or unpicklable runs on
a thread; a process that dies fails only the requests it held, and the next request gets a new one."""

from __future__ import annotations

import asyncio
import functools
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import select

from rxapp import service_processes
from rxapp.errors import (
    DomainError,
    NotAuthenticated,
    NotFound,
    OrganizationSuspended,
    PermissionDenied,
    RuleViolation,
    ValidationFailed,
)
from rxapp.models import AuditEvent
from rxapp.service_processes import ServicePool, ServiceProcessLost, process_safe, travels
from rxapp.services import runner
from rxapp.settings import get_settings
from rxapp.state import list_reads


@process_safe
def _pid(pause: float = 0.0) -> int:
    time.sleep(pause)
    return os.getpid()


@process_safe
def _refuse() -> None:
    raise ValidationFailed("validation.too_long", field="email", limit=254)


@process_safe
def _die() -> None:
    os._exit(3)


def _unmarked(session, actor) -> None:  # noqa: ARG001
    return None


def _run(coroutine):
    return asyncio.run(coroutine)


@pytest.fixture
def database_env(engine, monkeypatch):
    """The service process opens the test's database file (its settings come from the environment)."""
    monkeypatch.setenv("DATABASE_URL", str(engine.url))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_only_marked_work_and_its_partials_travel():
    assert travels(_pid)
    assert travels(functools.partial(_pid, 0.1))
    assert travels(functools.partial(list_reads.user_page, search="", role="", limit=25, offset=0))
    assert travels(list_reads.customer_page)
    assert travels(list_reads.audit_page)
    assert not travels(_unmarked)
    assert not travels(functools.partial(_unmarked, None))
    assert not travels(lambda _session, _actor: None)


@pytest.mark.parametrize(
    "error",
    [
        ValidationFailed("validation.required", field="email", limit=3),
        PermissionDenied(action="manage_users", roles=["global_admin"]),
        OrganizationSuspended(reason="unpaid"),
        NotAuthenticated(),
        NotFound(),
        RuleViolation("rule.x", name="a"),
    ],
)
def test_refusals_keep_their_code_parameters_and_field_through_pickle(error: DomainError):
    back = pickle.loads(pickle.dumps(error))  # noqa: S301 (our own bytes)
    assert type(back) is type(error)
    assert (back.code, back.params, getattr(back, "field", None)) == (
        error.code,
        error.params,
        getattr(error, "field", None),
    )
    assert str(back) == str(error)


def test_marked_work_runs_in_another_process_and_its_refusal_comes_back():
    async def scenario():
        pool = ServicePool(1)
        try:
            pid = await pool.run(_pid)
            with pytest.raises(ValidationFailed) as refused:
                await pool.run(_refuse)
            again = await pool.run(_pid)
            return pid, again, refused.value
        finally:
            pool.close()

    pid, again, refusal = _run(scenario())
    assert pid != os.getpid()
    assert again == pid  # the same process answers again: it is started once
    assert (refusal.code, refusal.field, refusal.params) == ("validation.too_long", "email", {"limit": 254})


def test_beyond_the_in_flight_cap_marked_work_waits_for_the_process_and_unpicklable_work_runs_on_a_thread(
    monkeypatch,
):
    monkeypatch.setattr(service_processes, "MAX_IN_FLIGHT", 1)

    async def scenario():
        pool = ServicePool(1)
        try:
            await pool.run(_pid)  # the process is up
            started = time.monotonic()
            busy, waited = await asyncio.gather(pool.run(functools.partial(_pid, 0.3)), pool.run(_pid))
            elapsed = time.monotonic() - started
            unpicklable = await pool.run(lambda: os.getpid())
            return busy, waited, elapsed, unpicklable
        finally:
            pool.close()

    busy, waited, elapsed, unpicklable = _run(scenario())
    assert busy != os.getpid()
    assert waited == busy  # it waited for its turn in the process, not on a thread
    assert elapsed >= 0.3
    assert unpicklable == os.getpid()


def test_a_process_that_dies_fails_its_own_requests_and_is_replaced():
    async def scenario():
        pool = ServicePool(1)
        try:
            first = await pool.run(_pid)
            with pytest.raises(ServiceProcessLost):
                await pool.run(_die)
            second = await pool.run(_pid)
            return first, second
        finally:
            pool.close()

    first, second = _run(scenario())
    assert os.getpid() not in (first, second)
    assert first != second


def test_closing_the_pool_ends_its_processes():
    async def scenario():
        pool = ServicePool(2)
        await asyncio.gather(pool.run(functools.partial(_pid, 0.1)), pool.run(functools.partial(_pid, 0.1)))
        processes = [p.process for p in pool.processes]
        pool.close()
        return processes

    processes = _run(scenario())
    assert len(processes) == 2
    assert all(process.poll() is not None for process in processes)


def test_serve_starts_no_pool_with_zero_processes():
    async def scenario():
        async with service_processes.serve(0):
            return service_processes._pool

    assert _run(scenario()) is None


def _users_page(token: str | None):
    work = functools.partial(list_reads.user_page, search="", role="", limit=25, offset=0)
    return functools.partial(runner.run_as, token, work, client_address="198.51.100.7")


@pytest.mark.usefixtures("database_env")
def test_a_list_read_through_a_process_matches_the_thread_and_checks_the_session(session, sign_in):
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    helpdesk = sign_in("helpdesk@contoso.example", "Helpdesk-demo-2026")

    async def scenario():
        pool = ServicePool(1)
        try:
            remote = await pool.run(_users_page(token))
            local = await asyncio.to_thread(_users_page(token))
            with pytest.raises(PermissionDenied) as denied:
                await pool.run(_users_page(helpdesk))
            with pytest.raises(NotAuthenticated):
                await pool.run(_users_page("not-a-session"))
            return remote, local, denied.value
        finally:
            pool.close()

    remote, local, denied = _run(scenario())
    rows, total = remote
    assert total >= 2
    assert any(row["email"] == "admin@contoso.example" for row in rows)
    assert remote == local
    assert denied.params["action"] == "manage_users"
    refusals = session.exec(select(AuditEvent).where(AuditEvent.action == "refused.manage_users")).all()
    assert [entry.client_address for entry in refusals] == ["198.51.100.7"]  # written by the service process


@pytest.mark.parametrize(
    ("url", "setting", "expected"),
    [
        ("sqlite:///x.db", None, 1),
        ("postgresql+psycopg://u@h/db", None, 0),
        ("sqlite:///x.db", "0", 0),
        ("postgresql+psycopg://u@h/db", "2", 2),
    ],
)
def test_one_service_process_on_sqlite_none_on_a_database_server_unless_set(monkeypatch, url, setting, expected):
    monkeypatch.setenv("DATABASE_URL", url)
    if setting is None:
        monkeypatch.delenv("SERVICE_PROCESSES", raising=False)
    else:
        monkeypatch.setenv("SERVICE_PROCESSES", setting)
    get_settings.cache_clear()
    try:
        assert get_settings().service_process_count == expected
    finally:
        get_settings.cache_clear()


def test_a_service_process_imports_no_reflex():
    """What a service process loads to answer the list pages: the services and `list_reads`, not Reflex and the
    states (about 25 MB less in every service process), nor alembic (11 MB: only the migration tools and the app
    module's schema plugins need it) or zxcvbn (12 MB: loaded when a password is first checked)."""
    code = (
        "import sys; import rxapp.service_processes, rxapp.services.runner, rxapp.state.list_reads; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'reflex', 'reflex_base', 'alembic', 'zxcvbn'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert out.stdout.strip() == "[]"


def test_a_running_service_process_has_not_imported_the_workers_main_module(tmp_path):
    """The process is a fresh interpreter: it does not import the worker's main module, as multiprocessing's spawn
    does (in the server, Reflex's command line: about 6 MB more in every service process)."""
    worker_main = tmp_path / "worker_main.py"
    worker_main.write_text(
        "import asyncio\n"
        "import reflex  # the server's main module imports Reflex\n"
        "from rxapp.service_processes import ServicePool\n"
        "from tests.unit import process_probe\n\n"
        "async def ask():\n"
        "    pool = ServicePool(1)\n"
        "    try:\n"
        "        return await pool.run(process_probe.top_level_modules)\n"
        "    finally:\n"
        "        pool.close()\n\n"
        "if __name__ == '__main__':\n"
        "    loaded = asyncio.run(ask())\n"
        "    print(sorted(loaded & {'rxapp', 'reflex', 'alembic', 'zxcvbn'}))\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, str(worker_main)], capture_output=True, text=True, env=env, check=True)  # noqa: S603
    assert out.stdout.strip() == "['rxapp']"
