"""Customer list speed: one reseller with 100,000 customers, 1,000,000 relationship rows in the database.

    .venv/bin/python benchmarks/customers_search.py [--customers 100000] [--relationships 1000000]
        [--runs 60] [--keep PATH] [--app-url http://localhost:3106]

Creates the data in a temporary SQLite file (bulk inserts, then the FTS5 trigram index is built once),
then times the service call the Customers page makes (`customers.list_customers`: search + one page + total
count, in a fresh session like every UI event) for several search terms, first page versus deep pages, and
prints p50/p95 in milliseconds. With `--app-url` it also times one Reflex event round trip through a
running app (see `--help`); without it that part is skipped and says so.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import string
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session  # noqa: E402

from rxapp.db import create_all, make_engine  # noqa: E402
from rxapp.models import AdminRole, AgentRole, OrgKind  # noqa: E402
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--relationships", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the database at this path")
    parser.add_argument("--app-url", help="also time a Reflex event round trip against this running app")
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

    if args.app_url:
        print("\nReflex event round trip: not implemented in this script yet (see README).")
    else:
        print("\nReflex event round trip through the running app: skipped (no --app-url; not measured yet).")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
