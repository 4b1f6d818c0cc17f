"""Scale-out by settings alone: PostgreSQL + Redis state manager + several backend workers.

Starts a second production server from a copy of the project (its own build directory) with
DATABASE_URL on a fresh PostgreSQL database, REDIS_URL and two workers, then signs in from several
browsers at once. Skips with the reason when PostgreSQL or Redis is not reachable on 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import PROJECT_ROOT, _free_port, _reflex, _wait_until_up, stop_server

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
def scaled_app_url(tmp_path_factory: pytest.TempPathFactory, app_url: str):
    reason = _reachable()
    if reason:
        pytest.skip(reason)
    copy = tmp_path_factory.mktemp("scale") / "app"
    shutil.copytree(PROJECT_ROOT, copy, symlinks=True, ignore=shutil.ignore_patterns(
        ".venv", ".web", "data", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "test-results", ".states"))
    database = f"pc_scale_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{database}"'))
    port = str(_free_port())
    env = {**os.environ, "DATABASE_URL": POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{database}",
           "REDIS_URL": REDIS_URL, "PUBLIC_URL": f"http://localhost:{port}", "GRANIAN_WORKERS": "2",
           "REFLEX_USE_SYSTEM_BUN": "1", "REFLEX_TELEMETRY_ENABLED": "false", "ENVIRONMENT": "test"}
    run = {"cwd": copy, "env": env, "check": True, "capture_output": True}
    subprocess.run([_reflex(), "db", "migrate"], **run)
    subprocess.run([sys.executable, "-m", "rxapp.cli", "seed"], **run)
    log_path = copy / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [_reflex(), "run", "--env", "prod", "--single-port", "--frontend-port", port, "--backend-port", port],
            cwd=copy, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_until_up(env["PUBLIC_URL"], server, log_path)
        yield env["PUBLIC_URL"], log_path
    finally:
        stop_server(server)
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()


def test_several_workers_on_postgresql_and_redis_serve_signed_in_users(browser: Browser, scaled_app_url):
    url, log_path = scaled_app_url
    accounts = [("admin@contoso.example", "Reseller-demo-2026", "Contoso Admin"),
                ("admin@fabrikam.example", "Provider-demo-2026", "Fabrikam Admin"),
                ("admin@adatum.example", "Customer-demo-2026", "Adatum Admin")]
    pages = []
    for email, password, name in accounts:
        page = browser.new_context(base_url=url).new_page()
        page.goto("/signin")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_test_id("user-name")).to_have_text(name)
        pages.append((page, name))
    # Each tab's state lives in Redis: a reload (a new websocket, possibly on another worker) keeps the user.
    for page, name in pages:
        page.reload()
        expect(page.get_by_test_id("user-name")).to_have_text(name)
    assert "Unable to connect to Redis" not in Path(log_path).read_text()
