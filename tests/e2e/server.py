"""Starting the real app for the E2E suite: production mode, one port, a temporary SQLite file, migrations,
the demo data, and the QA test hooks switched on with a fresh token."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_SECONDS = int(os.environ.get("E2E_STARTUP_TIMEOUT", "420"))  # longer on a busy machine


@dataclass(frozen=True)
class Instance:
    """The portal under test: its address, the test hooks' token, and its log when the suite started it."""

    url: str
    token: str
    log_path: str | None = None

    @property
    def own(self) -> bool:
        return self.log_path is not None

    def to_dict(self) -> dict:
        return asdict(self)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def reflex() -> str:
    return str(Path(sys.executable).with_name("reflex"))


def wait_until_up(url: str, server: subprocess.Popen, log_path: Path) -> None:
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
    raise RuntimeError(
        f"the app did not answer within {STARTUP_TIMEOUT_SECONDS}s; log:\n{log_path.read_text()[-4000:]}"
    )


def stop_server(server: subprocess.Popen) -> None:
    """Stop a server started in its own process group (it may have exited already)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def start_server(
    workdir: Path, *, hooks: bool = True, extra_env: dict[str, str] | None = None, cwd: Path = PROJECT_ROOT
) -> tuple[subprocess.Popen, Instance]:
    """Build and start the app on a free port with its own database in `workdir`; returns the process and
    the instance (its log is `workdir/server.log`)."""
    port = str(free_port())
    token = secrets.token_urlsafe(24)
    env = dict(os.environ)
    for name in ("SMTP_URL", "REDIS_URL", "ENABLE_TEST_HOOKS", "TEST_HOOKS_TOKEN"):
        env.pop(name, None)
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{workdir / 'e2e.db'}",
            "PUBLIC_URL": f"http://localhost:{port}",
            "ENVIRONMENT": "test",
            "REFLEX_USE_SYSTEM_BUN": env.get("REFLEX_USE_SYSTEM_BUN", "1"),
            "REFLEX_TELEMETRY_ENABLED": "false",
            "WEBHOOKS_ALLOW_PRIVATE": "true",  # the webhook test's receiver listens on 127.0.0.1
            # Every browser of the suite signs in from 127.0.0.1, an address real users do not share: the deliberate
            # failures of the throttling tests must not hold up another worker's sign-ins. The per-account limits
            # (what those tests check) are unchanged; the per-address ones are unit-tested.
            "SIGN_IN_ATTEMPTS_PER_CLIENT": "1000",
        }
    )
    if hooks:
        env.update({"ENABLE_TEST_HOOKS": "true", "TEST_HOOKS_TOKEN": token})
    env.update(extra_env or {})
    run = {"cwd": cwd, "env": env, "check": True, "capture_output": True, "text": True}
    subprocess.run([reflex(), "db", "migrate"], **run)
    subprocess.run([sys.executable, "-m", "rxapp.cli", "seed"], **run)
    log_path = workdir / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [reflex(), "run", "--env", "prod", "--single-port", "--frontend-port", port, "--backend-port", port],
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_up(env["PUBLIC_URL"], server, log_path)
    except BaseException:
        stop_server(server)
        raise
    return server, Instance(url=env["PUBLIC_URL"], token=token if hooks else "", log_path=str(log_path))
