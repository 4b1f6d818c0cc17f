"""Scale-out by settings alone: PostgreSQL + Redis state manager + several backend workers; and a portal
started without ENABLE_TEST_HOOKS has no test hooks at all (404 under /_test).

Starts a second production server from a copy of the project (its own build directory) with
DATABASE_URL on a fresh PostgreSQL database, REDIS_URL, two workers and the test hooks off, then signs in
from several browsers at once. Skips with the reason when PostgreSQL or Redis is not reachable on
127.0.0.1, and with --base-url (it is about the server the suite builds)."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from tests.e2e.hooks import TOKEN_HEADER
from tests.e2e.pages import AppShell, SignInPage
from tests.e2e.server import PROJECT_ROOT, start_server, stop_server

pytestmark = pytest.mark.e2e

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


def _reachable() -> str | None:
    try:
        engine = sa.create_engine(POSTGRES_ADMIN_URL)
        with engine.connect() as connection:
            connection.execute(sa.text("select 1"))
        engine.dispose()
    except Exception as error:  # noqa: BLE001
        return f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {error.__class__.__name__}"
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as error:  # noqa: BLE001
        return f"Redis not reachable at {REDIS_URL}: {error.__class__.__name__}"
    return None


@pytest.fixture(scope="module")
def scaled_app(tmp_path_factory: pytest.TempPathFactory, own_server):  # noqa: ARG001 (requested for its setup)
    reason = _reachable()
    if reason:
        pytest.skip(reason)
    copy = tmp_path_factory.mktemp("scale") / "app"
    shutil.copytree(
        PROJECT_ROOT,
        copy,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".venv", ".web", "data", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "test-results", ".states"
        ),
    )
    database = f"pc_scale_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{database}"'))
    env = {
        "DATABASE_URL": POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{database}",
        "REDIS_URL": REDIS_URL,
        "GRANIAN_WORKERS": "2",
    }
    try:
        server, instance = start_server(copy, hooks=False, extra_env=env, cwd=copy)
        try:
            yield instance
        finally:
            stop_server(server)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()


def test_several_workers_on_postgresql_and_redis_serve_signed_in_users_and_no_test_hooks(new_page, scaled_app):
    """One test for the one second server (it takes a minute to build; under pytest-xdist two tests of it ran on
    two workers and each built it): users sign in on it, and, started without ENABLE_TEST_HOOKS, it answers
    nothing under /_test."""
    accounts = [
        ("admin@contoso.example", "Reseller-demo-2026", "Contoso Admin"),
        ("admin@fabrikam.example", "Provider-demo-2026", "Fabrikam Admin"),
        ("admin@adatum.example", "Customer-demo-2026", "Adatum Admin"),
    ]
    pages = []
    for email, password, name in accounts:
        page = new_page()  # (its base URL is the suite's own server: this one is addressed in full)
        page.goto(f"{scaled_app.url}{SignInPage.path}")
        SignInPage(page).shown().submit(email, password)
        expect(AppShell(page).user_name).to_have_text(name)
        pages.append((page, name))
    # Each tab's state lives in Redis: a reload (a new websocket, possibly on another worker) keeps the user.
    for page, name in pages:
        page.reload()
        expect(AppShell(page).user_name).to_have_text(name)
    assert "Unable to connect to Redis" not in Path(scaled_app.log_path).read_text()
    _expect_no_test_hooks(scaled_app.url)


def _expect_no_test_hooks(url: str) -> None:
    """Nothing answers under /_test, token or not."""
    with httpx.Client(base_url=url, timeout=30) as client:
        assert client.get("/ping").status_code == 200
        for path in ("/_test/", "/_test/emails?to=admin@contoso.example", "/_test/clock"):
            assert client.get(path, headers={TOKEN_HEADER: "anything"}).status_code == 404, path
        for path in ("/_test/orgs", "/_test/clock/advance", "/_test/throttle/reset"):
            answer = client.post(path, json={}, headers={TOKEN_HEADER: "anything"})
            assert answer.status_code in (404, 405), (path, answer.status_code)  # the static files' answer
            assert "application/json" not in answer.headers.get("content-type", "")
