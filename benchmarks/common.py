"""What the benchmarks share: the 100,000-customer database, the app's database copy, starting and stopping
a Reflex app the way `make run` does, percentiles.

Used by `customers_search.py` and `events.py` (run them as scripts; this module is not a program).
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import sqlite3
import string
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from rxapp.db import create_all, make_engine  # noqa: E402
from rxapp.models import Relationship  # noqa: E402
from rxapp.services.search_index import install_search_index  # noqa: E402

ADJECTIVES = [
    "Blue",
    "Silver",
    "Northern",
    "Bright",
    "Rapid",
    "Golden",
    "Quiet",
    "Urban",
    "Coastal",
    "Prime",
    "Green",
    "Summit",
    "Iron",
    "Crystal",
    "Royal",
    "Eastern",
    "Lucky",
    "Solid",
    "Clear",
    "Bold",
]
NOUNS = [
    "Harbor",
    "Valley",
    "River",
    "Maple",
    "Falcon",
    "Orchid",
    "Pine",
    "Stone",
    "Bridge",
    "Lantern",
    "Meadow",
    "Anchor",
    "Cedar",
    "Comet",
    "Forge",
    "Garden",
    "Haven",
    "Island",
    "Jasper",
    "Kite",
]
TRADES = [
    "Logistics",
    "Foods",
    "Clinic",
    "Studio",
    "Motors",
    "Textiles",
    "Robotics",
    "Bakery",
    "Pharma",
    "Consulting",
    "Insurance",
    "Travel",
    "Energy",
    "Media",
    "Dental",
    "Farms",
    "Labs",
    "Retail",
    "Legal",
]
NOW = datetime(2026, 1, 1, tzinfo=UTC).strftime("%Y-%m-%d %H:%M:%S.000000")

BENCH_USER = ("bench-admin@contoso-cloud.example", "Bench-speed-2026-long")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# What the Makefile exports for every reflex command.
REFLEX_ENV = {"REFLEX_USE_SYSTEM_BUN": "1", "REFLEX_TELEMETRY_ENABLED": "false"}


def build(path: Path, n_customers: int, n_relationships: int, seed: int = 7) -> tuple[int, int]:
    """Fill a new SQLite file; returns (reseller org id, number of customer organizations)."""
    rng = random.Random(seed)
    engine = make_engine(f"sqlite:///{path}")
    create_all(engine)
    total_customers = n_customers * 2  # half of all customers belong to the benchmarked reseller
    other_resellers = 1000
    with engine.begin() as conn:
        raw = conn.connection.driver_connection
        raw.execute(
            "INSERT INTO organization (id, kind, status, name, country, directory_published, created_at) "
            "VALUES (1, 'reseller', 'active', 'Contoso Cloud Partners', 'KR', 0, ?)",
            (NOW,),
        )
        raw.executemany(
            "INSERT INTO organization (id, kind, status, name, country, directory_published, created_at) "
            "VALUES (?, 'reseller', 'active', ?, 'KR', 0, ?)",
            [(2 + i, f"Reseller {i:04d}", NOW) for i in range(other_resellers)],
        )
        first_customer = 2 + other_resellers
        rows = []
        for i in range(total_customers):
            name = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.choice(TRADES)} {i}"
            slug = "".join(rng.choices(string.ascii_lowercase, k=6))
            domain = f"{slug}{i}.example"
            rows.append((first_customer + i, name, domain, f"it@{domain}", NOW))
        raw.executemany(
            "INSERT INTO organization (id, kind, status, name, country, domain, contact_email, directory_published,"
            " created_at) VALUES (?, 'customer', 'active', ?, 'KR', ?, ?, 0, ?)",
            rows,
        )
        customer_ids = list(range(first_customer, first_customer + total_customers))
        mine = rng.sample(customer_ids, n_customers)
        rels = [(1, cid) for cid in mine]
        remaining = n_relationships - len(rels)
        per_reseller = remaining // other_resellers
        for k in range(other_resellers):
            for cid in rng.sample(customer_ids, per_reseller):
                rels.append((2 + k, cid))
        rng.shuffle(rels)
        raw.executemany(
            "INSERT INTO relationship (kind, partner_org_id, client_org_id, status, started_at) "
            "VALUES ('reseller_customer', ?, ?, 'active', ?)",
            [(p, c, NOW) for p, c in rels],
        )
        install_search_index(conn)
        # The schema is the models' of today: later runs migrate the copy they use from here.
        raw.execute("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        raw.execute("INSERT INTO alembic_version VALUES (?)", (_alembic_head(),))
    engine.dispose()
    return 1, total_customers


def sync_indexes(engine) -> None:
    """A reused database gets the relationship indexes the models declare now (and loses ones they dropped)."""
    table = Relationship.__table__
    declared = {index.name for index in table.indexes}
    with engine.begin() as conn:
        present = {
            row[0]
            for row in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'relationship' AND sql IS NOT NULL"
            )
        }
        for name in sorted(present - declared):
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
            print(f"dropped index {name}")
        for index in table.indexes:
            if index.name not in present:
                index.create(conn)
                print(f"created index {index.name}")


def ensure_database(path: Path, n_customers: int = 100_000, n_relationships: int = 1_000_000) -> None:
    """Build the benchmark database at `path` unless it is there, then bring its schema up to date."""
    if not path.exists():
        start = time.perf_counter()
        build(path, n_customers, n_relationships)
        print(f"built {path} in {time.perf_counter() - start:.1f} s")
    engine = make_engine(f"sqlite:///{path}")
    sync_indexes(engine)
    engine.dispose()


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def load_average() -> str:
    return f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs"


# ------------------------------------------------------------------ the real app on a copy of the database


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(PROJECT_ROOT / "alembic")).get_current_head()


def prepare_app_db(source: Path, target: Path) -> None:
    """A copy of the benchmark database migrated to the newest revision, plus a reseller admin to sign in."""
    from rxapp.services.passwords import hash_password

    with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    with contextlib.closing(sqlite3.connect(target)) as db:
        stamped = db.execute("SELECT name FROM sqlite_master WHERE name = 'alembic_version'").fetchone()
    if stamped is None:
        raise SystemExit(
            f"{source} was built before benchmark databases carried their migration: delete it "
            "and run again to rebuild it"
        )
    subprocess.run(  # noqa: S603
        [str(Path(sys.executable).with_name("reflex")), "db", "migrate"],
        cwd=PROJECT_ROOT,
        env={**os.environ, **REFLEX_ENV, "DATABASE_URL": f"sqlite:///{target}"},
        check=True,
        capture_output=True,
    )
    with contextlib.closing(sqlite3.connect(target)) as db, db:
        db.execute('DELETE FROM "user" WHERE email = ?', (BENCH_USER[0],))
        db.execute(
            'INSERT INTO "user" (org_id, email, full_name, password_hash, agent_role, admin_role, is_active, '
            "must_change_password, failed_sign_ins, created_at) VALUES (1, ?, 'Bench Admin', ?, 'admin_agent', "
            "'global_admin', 1, 0, 0, ?)",
            (BENCH_USER[0], hash_password(BENCH_USER[1]), NOW),
        )


def start_reflex(
    app_dir: Path, env: Mapping[str, str | None], log_path: Path, timeout: float = 900
) -> tuple[subprocess.Popen, str]:
    """`reflex run --env prod --single-port` of the app in `app_dir` on a free port, as `make run` starts it;
    returns once `/ping` answers. `env` is added to this process's environment (a None value removes the
    variable), plus REFLEX_ENV and PUBLIC_URL, the app's own address."""
    port = str(free_port())
    url = f"http://localhost:{port}"
    full_env = {**os.environ, **REFLEX_ENV, "PUBLIC_URL": url, **env}
    full_env = {key: value for key, value in full_env.items() if value is not None}
    reflex = str(Path(sys.executable).with_name("reflex"))
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603 (our own reflex, fixed arguments)
            [reflex, "run", "--env", "prod", "--single-port", "--frontend-port", port, "--backend-port", port],
            cwd=app_dir,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the app exited while starting; log:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/ping", timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return server, url
        except OSError:
            time.sleep(1)
    stop_app(server)
    raise RuntimeError(f"the app did not answer in time; log:\n{log_path.read_text()[-3000:]}")


def real_app_env(database_url: str, redis_url: str | None = None) -> dict[str, str | None]:
    """The real app's settings (rxapp/settings.py) for a benchmark run: no SMTP, test environment."""
    return {"DATABASE_URL": database_url, "ENVIRONMENT": "test", "SMTP_URL": None, "REDIS_URL": redis_url}


def start_app(db_path: Path, workdir: Path) -> tuple[subprocess.Popen, str, Path]:
    """The real app (project root) against the SQLite file `db_path`; log in `workdir`."""
    log_path = workdir / "server.log"
    server, url = start_reflex(PROJECT_ROOT, real_app_env(f"sqlite:///{db_path}"), log_path, timeout=600)
    return server, url, log_path


def stop_app(server: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
