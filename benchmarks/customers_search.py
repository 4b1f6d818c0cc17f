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
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    BENCH_USER,
    CHROMIUM,
    CHROMIUM_ARGS,
    build,
    percentile,
    prepare_app_db,
    start_app,
    stop_app,
    sync_indexes,
)
from sqlmodel import Session  # noqa: E402

from rxapp.db import make_engine  # noqa: E402
from rxapp.models import AdminRole, AgentRole, OrgKind  # noqa: E402
from rxapp.permissions import Actor  # noqa: E402
from rxapp.services import customers  # noqa: E402


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

APP_TERMS = ("harbor", "falcon robotics", "4242", "qzv", "it@abc")


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
                cdp.on(
                    "Network.webSocketFrameSent",
                    lambda e: frames.append(("sent", e["timestamp"], e["response"]["payloadData"])),
                )
                cdp.on(
                    "Network.webSocketFrameReceived",
                    lambda e: frames.append(("received", e["timestamp"], e["response"]["payloadData"])),
                )
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
        print(
            f"{term:20} {expected[term]:>8,} {statistics.median(ws_samples):>8.1f} "
            f"{percentile(ws_samples, 95):>8.1f} {statistics.median(screen_samples):>11.1f} "
            f"{percentile(screen_samples, 95):>11.1f}"
        )
    print(
        f"{'all searches':20} {'':>8} {statistics.median(all_ws):>8.1f} {percentile(all_ws, 95):>8.1f} "
        f"{statistics.median(all_screen):>11.1f} {percentile(all_screen, 95):>11.1f}"
    )
    print(
        "ws = websocket frame carrying the submit_search event until the first frame received after it "
        "(browser timestamps); screen = form submit until the new total is on screen (performance.now())."
    )
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
            "(SELECT count(*) FROM relationship WHERE partner_org_id = 1)"
        ).one()
    print(f"organizations {counts[0]:,}  relationships {counts[1]:,}  customers of the reseller {counts[2]:,}")
    actor = Actor(
        user_id=1,
        org_id=1,
        org_kind=OrgKind.RESELLER,
        agent_role=AgentRole.ADMIN_AGENT,
        admin_role=AdminRole.GLOBAL_ADMIN,
        org_name="Contoso Cloud Partners",
    )

    def page(**kwargs):
        return lambda session: customers.list_customers(session, actor, limit=25, **kwargs)

    # A cursor half-way through the list (name order) and deep into it (since order).
    with Session(engine) as session:
        mid = (
            session.connection()
            .exec_driver_sql(
                "SELECT o.name, o.id, r.id FROM relationship r JOIN organization o ON o.id = r.client_org_id "
                "WHERE r.partner_org_id = 1 ORDER BY o.name, o.id LIMIT 1 OFFSET ?",
                (args.customers // 2,),
            )
            .one()
        )
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
