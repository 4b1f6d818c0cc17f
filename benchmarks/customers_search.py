"""Customer list speed: one reseller with 100,000 customers, 1,000,000 relationship rows in the database.

    .venv/bin/python benchmarks/customers_search.py [--customers 100000] [--relationships 1000000]
        [--runs 60] [--keep PATH] [--app] [--app-runs 40]

Creates the data in a temporary SQLite file (bulk inserts, then the FTS5 trigram index is built once),
then times the service call the Customers page makes (`customers.list_customers`: search + one page + total
count, in a fresh session like every UI event) for several search terms, first page versus deep pages, and
prints p50/p95 in milliseconds.

With `--app` it also times one Reflex event round trip through the real app: it copies the database, stamps
it with the newest migration, adds a Global admin + Admin agent user to the reseller, starts
`reflex run --env prod --single-port` on a free port against the copy, signs in with Playwright (Chromium),
opens /customers and submits searches. For each search it reports two figures: the websocket round trip of
the `submit_search` event (browser timestamps of the sent frame and of the first frame received after it,
from the Chrome DevTools protocol), and submit-to-screen (performance.now() in the page, from submitting
the form until the results' total shows the new count). The server is stopped at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session  # noqa: E402

from rxapp.db import create_all, make_engine  # noqa: E402
from rxapp.models import AdminRole, AgentRole, OrgKind, Relationship  # noqa: E402
from rxapp.permissions import Actor  # noqa: E402
from rxapp.services import customers  # noqa: E402

ADJECTIVES = ["Blue", "Silver", "Northern", "Bright", "Rapid", "Golden", "Quiet", "Urban", "Coastal", "Prime",
              "Green", "Summit", "Iron", "Crystal", "Royal", "Eastern", "Lucky", "Solid", "Clear", "Bold"]
NOUNS = ["Harbor", "Valley", "River", "Maple", "Falcon", "Orchid", "Pine", "Stone", "Bridge", "Lantern",
         "Meadow", "Anchor", "Cedar", "Comet", "Forge", "Garden", "Haven", "Island", "Jasper", "Kite"]
TRADES = ["Logistics", "Foods", "Clinic", "Studio", "Motors", "Textiles", "Robotics", "Bakery", "Pharma",
          "Consulting", "Insurance", "Travel", "Energy", "Media", "Dental", "Farms", "Labs", "Retail", "Legal"]
NOW = datetime(2026, 1, 1, tzinfo=UTC).strftime("%Y-%m-%d %H:%M:%S.000000")


def build(path: Path, n_customers: int, n_relationships: int, seed: int = 7) -> tuple[int, int]:
    """Fill a new SQLite file; returns (reseller org id, number of customer organizations)."""
    rng = random.Random(seed)
    engine = make_engine(f"sqlite:///{path}")
    create_all(engine)
    total_customers = n_customers * 2  # half of all customers belong to the benchmarked reseller
    other_resellers = 1000
    with engine.begin() as conn:
        raw = conn.connection.driver_connection
        raw.execute("INSERT INTO organization (id, kind, status, name, country, directory_published, created_at) "
                    "VALUES (1, 'reseller', 'active', 'Contoso Cloud Partners', 'KR', 0, ?)", (NOW,))
        raw.executemany(
            "INSERT INTO organization (id, kind, status, name, country, directory_published, created_at) "
            "VALUES (?, 'reseller', 'active', ?, 'KR', 0, ?)",
            [(2 + i, f"Reseller {i:04d}", NOW) for i in range(other_resellers)])
        first_customer = 2 + other_resellers
        rows = []
        for i in range(total_customers):
            name = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.choice(TRADES)} {i}"
            slug = "".join(rng.choices(string.ascii_lowercase, k=6))
            domain = f"{slug}{i}.example"
            rows.append((first_customer + i, name, domain, f"it@{domain}", NOW))
        raw.executemany(
            "INSERT INTO organization (id, kind, status, name, country, domain, contact_email, directory_published,"
            " created_at) VALUES (?, 'customer', 'active', ?, 'KR', ?, ?, 0, ?)", rows)
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
            "VALUES ('reseller_customer', ?, ?, 'active', ?)", [(p, c, NOW) for p, c in rels])
        customers.install_search_index(conn)
    engine.dispose()
    return 1, total_customers


def sync_indexes(engine) -> None:
    """A reused database gets the relationship indexes the models declare now (and loses ones they dropped)."""
    table = Relationship.__table__
    declared = {index.name for index in table.indexes}
    with engine.begin() as conn:
        present = {row[0] for row in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'relationship' AND sql IS NOT NULL")}
        for name in sorted(present - declared):
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
            print(f"dropped index {name}")
        for index in table.indexes:
            if index.name not in present:
                index.create(conn)
                print(f"created index {index.name}")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def timed(engine, runs: int, call) -> tuple[float, float, float, object]:
    samples, result = [], None
    for _ in range(3):  # warm the page cache
        with Session(engine) as session:
            call(session)
    for _ in range(runs):
        start = time.perf_counter()
        with Session(engine) as session:
            result = call(session)
        samples.append((time.perf_counter() - start) * 1000)
    return min(samples), statistics.median(samples), percentile(samples, 95), result


# ------------------------------------------------------------------ one Reflex event round trip

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BENCH_USER = ("bench-admin@contoso-cloud.example", "Bench-speed-2026-long")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run"]
APP_TERMS = ("harbor", "falcon robotics", "4242", "qzv", "it@abc")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_app_db(source: Path, target: Path) -> None:
    """A copy of the benchmark database stamped with the newest migration, plus a reseller admin to sign in."""
    from alembic.script import ScriptDirectory

    from rxapp.services.passwords import hash_password

    with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    head = ScriptDirectory(str(PROJECT_ROOT / "alembic")).get_current_head()
    with contextlib.closing(sqlite3.connect(target)) as db, db:
        db.execute("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        db.execute("DELETE FROM alembic_version")
        db.execute("INSERT INTO alembic_version VALUES (?)", (head,))
        db.execute("DELETE FROM \"user\" WHERE email = ?", (BENCH_USER[0],))
        db.execute(
            "INSERT INTO \"user\" (org_id, email, full_name, password_hash, agent_role, admin_role, is_active, "
            "must_change_password, failed_sign_ins, created_at) VALUES (1, ?, 'Bench Admin', ?, 'admin_agent', "
            "'global_admin', 1, 0, 0, ?)", (BENCH_USER[0], hash_password(BENCH_USER[1]), NOW))


def start_app(db_path: Path, workdir: Path) -> tuple[subprocess.Popen, str, Path]:
    port = str(_free_port())
    url = f"http://localhost:{port}"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db_path}", PUBLIC_URL=url, ENVIRONMENT="test",
               REFLEX_USE_SYSTEM_BUN=os.environ.get("REFLEX_USE_SYSTEM_BUN", "1"),
               REFLEX_TELEMETRY_ENABLED="false")
    env.pop("REDIS_URL", None)
    env.pop("SMTP_URL", None)
    log_path = workdir / "server.log"
    reflex = str(Path(sys.executable).with_name("reflex"))
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603 (our own reflex, fixed arguments)
            [reflex, "run", "--env", "prod", "--single-port", "--frontend-port", port, "--backend-port", port],
            cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the app exited while starting; log:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/ping", timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return server, url, log_path
        except OSError:
            time.sleep(1)
    stop_app(server)
    raise RuntimeError(f"the app did not answer in time; log:\n{log_path.read_text()[-3000:]}")


def stop_app(server: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


# Runs in the page: submit the search form and resolve when the total shows `expected` (submit-to-screen).
_SUBMIT_AND_WAIT = """async ([term, expected]) => {
    const input = document.getElementById('customer-search');
    const total = () => (document.querySelector('[data-testid=customer-total]') || {}).textContent || '';
    input.value = term;
    const start = performance.now();
    input.form.requestSubmit();
    while (!total().startsWith(expected + ' ')) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return performance.now() - start;
}"""


def app_round_trips(db_source: Path, actor: Actor, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    engine = make_engine(f"sqlite:///{db_source}")
    with Session(engine) as session:
        expected = {term: customers.list_customers(session, actor, search=term, limit=1).total for term in APP_TERMS}
    engine.dispose()
    workdir = Path(tempfile.mkdtemp(prefix="customers-bench-app-"))
    try:
        db_path = workdir / "app.db"
        prepare_app_db(db_source, db_path)
        start = time.perf_counter()
        server, url, log_path = start_app(db_path, workdir)
        print(f"\napp started at {url} in {time.perf_counter() - start:.0f} s (log {log_path})")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(base_url=url)
                page.set_default_timeout(60_000)
                page.goto("/signin")
                page.get_by_label("Email").fill(BENCH_USER[0])
                page.get_by_label("Password").fill(BENCH_USER[1])
                page.get_by_role("button", name="Sign in").click()
                page.wait_for_url("**/dashboard")
                cdp = page.context.new_cdp_session(page)
                frames: list[tuple[str, float, str]] = []
                cdp.on("Network.webSocketFrameSent",
                       lambda e: frames.append(("sent", e["timestamp"], e["response"]["payloadData"])))
                cdp.on("Network.webSocketFrameReceived",
                       lambda e: frames.append(("received", e["timestamp"], e["response"]["payloadData"])))
                cdp.send("Network.enable")
                page.goto("/customers")
                page.get_by_test_id("customer-total").wait_for()
                _measure_app(page, frames, expected, runs)
                browser.close()
        finally:
            stop_app(server)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _measure_app(page, frames: list, expected: dict[str, int], runs: int) -> None:
    print(f"Reflex event round trip (search + page of 25 + total), {runs} searches per term")
    print(f"{'term':20} {'total':>8} {'ws p50':>8} {'ws p95':>8} {'screen p50':>11} {'screen p95':>11}")
    all_ws: list[float] = []
    all_screen: list[float] = []
    terms = list(expected)
    for index, term in enumerate(terms):
        other = terms[(index + 1) % len(terms)]  # alternate so that every search changes the total shown
        ws_samples, screen_samples = [], []
        for run in range(runs + 2):
            page.evaluate(_SUBMIT_AND_WAIT, [other, f"{expected[other]:,}"])
            page.wait_for_timeout(50)  # let the CDP events of the previous search arrive
            del frames[:]
            screen = page.evaluate(_SUBMIT_AND_WAIT, [term, f"{expected[term]:,}"])
            page.wait_for_timeout(50)
            ws = _ws_round_trip(frames)
            if run >= 2 and ws is not None:  # the first two warm up
                ws_samples.append(ws)
                screen_samples.append(screen)
        all_ws += ws_samples
        all_screen += screen_samples
        print(f"{term:20} {expected[term]:>8,} {statistics.median(ws_samples):>8.1f} "
              f"{percentile(ws_samples, 95):>8.1f} {statistics.median(screen_samples):>11.1f} "
              f"{percentile(screen_samples, 95):>11.1f}")
    print(f"{'all searches':20} {'':>8} {statistics.median(all_ws):>8.1f} {percentile(all_ws, 95):>8.1f} "
          f"{statistics.median(all_screen):>11.1f} {percentile(all_screen, 95):>11.1f}")
    print("ws = websocket frame carrying the submit_search event until the first frame received after it "
          "(browser timestamps); screen = form submit until the new total is on screen (performance.now()).")
    print(f"(load average while measuring: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs)")


def _ws_round_trip(frames: list) -> float | None:
    sent = next((f for f in frames if f[0] == "sent" and "submit_search" in f[2]), None)
    if sent is None:
        return None
    reply = next((f for f in frames if f[0] == "received" and f[1] >= sent[1] and '"delta"' in f[2]), None)
    return None if reply is None else (reply[1] - sent[1]) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--relationships", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the database at this path")
    parser.add_argument("--app", action="store_true", help="also time a Reflex event round trip (real app)")
    parser.add_argument("--app-runs", type=int, default=40, help="searches per term through the app")
    args = parser.parse_args()

    tmp = None
    if args.keep:
        path = args.keep
    else:
        tmp = tempfile.TemporaryDirectory(prefix="customers-bench-")
        path = Path(tmp.name) / "bench.db"
    if not path.exists():
        start = time.perf_counter()
        build(path, args.customers, args.relationships)
        print(f"built {path} in {time.perf_counter() - start:.1f} s")
    engine = make_engine(f"sqlite:///{path}")
    sync_indexes(engine)
    with engine.connect() as conn:
        counts = conn.exec_driver_sql(
            "SELECT (SELECT count(*) FROM organization), (SELECT count(*) FROM relationship), "
            "(SELECT count(*) FROM relationship WHERE partner_org_id = 1)").one()
    print(f"organizations {counts[0]:,}  relationships {counts[1]:,}  customers of the reseller {counts[2]:,}")
    actor = Actor(user_id=1, org_id=1, org_kind=OrgKind.RESELLER, agent_role=AgentRole.ADMIN_AGENT,
                  admin_role=AdminRole.GLOBAL_ADMIN, org_name="Contoso Cloud Partners")

    def page(**kwargs):
        return lambda session: customers.list_customers(session, actor, limit=25, **kwargs)

    # A cursor half-way through the list (name order) and deep into it (since order).
    with Session(engine) as session:
        mid = session.connection().exec_driver_sql(
            "SELECT o.name, o.id, r.id FROM relationship r JOIN organization o ON o.id = r.client_org_id "
            "WHERE r.partner_org_id = 1 ORDER BY o.name, o.id LIMIT 1 OFFSET ?", (args.customers // 2,)).one()
    deep = customers.Cursor(name=mid[0], id=mid[1], relationship_id=mid[2])

    cases = [
        ("no search, first page (name)", page()),
        ("no search, page 2,000 (name, keyset)", page(after=deep)),
        ("no search, last page (name)", page(last_page=True)),
        ("no search, first page (newest)", page(sort="since", descending=True)),
        ("no search, deep page (newest, keyset)", page(sort="since", descending=True, after=deep)),
        ("search 'harbor' (name word, ~5%)", page(search="harbor")),
        ("search 'harbor', last page", page(search="harbor", last_page=True)),
        ("search 'falcon robotics' (~0.25%)", page(search="falcon robotics")),
        ("search '4242' (name digits)", page(search="4242")),
        ("search 'qzv' (domain letters)", page(search="qzv")),
        ("search 'it@abc' (contact email)", page(search="it@abc")),
        ("search 'nothing-matches'", page(search="nothing-matches")),
        ("search 'ro' (2 chars: LIKE fallback)", page(search="ro")),
    ]
    print(f"\nservice call customers.list_customers (search + page of 25 + total), {args.runs} runs each")
    print(f"{'case':44} {'total':>8} {'min ms':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for label, call in cases:
        fastest, p50, p95, result = timed(engine, args.runs, call)
        print(f"{label:44} {result.total:>8,} {fastest:>8.2f} {p50:>8.2f} {p95:>8.2f}")
    print(f"(load average while measuring: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs)")
    engine.dispose()

    if args.app:
        app_round_trips(path, actor, args.app_runs)
    else:
        print("\nReflex event round trip through the running app: skipped (pass --app).")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
