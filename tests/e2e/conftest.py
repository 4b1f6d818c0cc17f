"""End-to-end harness: ONE real production server per test session (free port, temporary SQLite file,
migrations, demo data) and Playwright on Chromium (Playwright's own browser, or Debian's when absent)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SYSTEM_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-quic", "--no-first-run",
]
STARTUP_TIMEOUT_SECONDS = int(os.environ.get("E2E_STARTUP_TIMEOUT", "300"))  # longer on a busy shared machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _reflex() -> str:
    return str(Path(sys.executable).with_name("reflex"))


def _wait_until_up(url: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the app exited while starting; log:\n{log_path.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/ping", timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise RuntimeError(f"the app did not answer within {STARTUP_TIMEOUT_SECONDS}s; log:\n"
                       f"{log_path.read_text()[-4000:]}")


def stop_server(server: subprocess.Popen) -> None:
    """Stop a server started in its own process group (it may have exited already)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def e2e_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment of the server under test: its own database file and address."""
    workdir = tmp_path_factory.mktemp("e2e")
    port = _free_port()
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": f"sqlite:///{workdir / 'e2e.db'}",
        "PUBLIC_URL": f"http://localhost:{port}",
        "ENVIRONMENT": "test",
        "REFLEX_USE_SYSTEM_BUN": env.get("REFLEX_USE_SYSTEM_BUN", "1"),
        "REFLEX_TELEMETRY_ENABLED": "false",
        "E2E_PORT": str(port),
        "E2E_WORKDIR": str(workdir),
        "SIGN_IN_ATTEMPTS_PER_CLIENT": "500",
        "WEBHOOKS_ALLOW_PRIVATE": "true",  # the webhook test's receiver listens on 127.0.0.1
    })
    env.pop("SMTP_URL", None)
    env.pop("REDIS_URL", None)
    return env


@pytest.fixture(scope="session")
def db_url(e2e_env: dict[str, str]) -> str:
    """The URL of the server's database, for tests that must arrange data the UI cannot (used sparingly)."""
    return e2e_env["DATABASE_URL"]


@pytest.fixture(scope="session")
def app_url(e2e_env: dict[str, str]) -> Iterator[str]:
    """Build and start the real app in production mode once; yields its base URL."""
    workdir = Path(e2e_env["E2E_WORKDIR"])
    run = {"cwd": PROJECT_ROOT, "env": e2e_env, "check": True, "capture_output": True, "text": True}
    subprocess.run([_reflex(), "db", "migrate"], **run)
    subprocess.run([sys.executable, "-m", "rxapp.cli", "seed"], **run)
    port = e2e_env["E2E_PORT"]
    log_path = workdir / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [_reflex(), "run", "--env", "prod", "--single-port", "--frontend-port", port, "--backend-port", port],
            cwd=PROJECT_ROOT, env=e2e_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    url = e2e_env["PUBLIC_URL"]
    try:
        _wait_until_up(url, server, log_path)
        yield url
    finally:
        stop_server(server)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, browser_type) -> dict:
    """Use Playwright's own Chromium when installed; otherwise Debian's, with flags for a closed network."""
    args = {**browser_type_launch_args}
    if not Path(browser_type.executable_path).exists():
        if not shutil.which(SYSTEM_CHROMIUM):
            pytest.exit("No Chromium: install Debian's `chromium` (apt-get install chromium) or run "
                        "`playwright install chromium`.", returncode=2)
        args["executable_path"] = SYSTEM_CHROMIUM
    args["args"] = [*args.get("args", []), *CHROMIUM_ARGS]
    return args


@pytest.fixture(scope="session")
def base_url(app_url: str) -> str:
    """pytest-playwright's base URL: `page.goto("/signin")` goes to the server under test."""
    return app_url


@pytest.fixture(autouse=True)
def _page_timeouts(page) -> None:
    page.set_default_timeout(15_000)
