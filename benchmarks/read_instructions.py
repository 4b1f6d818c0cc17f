"""Instructions per list read: what one page of Customers, Users and the Audit log costs the service process.

    .venv/bin/python benchmarks/read_instructions.py --keep /tmp/customers-bench.db [--runs 100]

Timings on this shared VM wander by a factor of two or three from hour to hour; an instruction count does
not. Each read runs as a service process runs it (`runner.run_as` with the page's `list_reads` unit of work,
on the kept session of `db.keep_session`) on a copy of the events benchmark's database, under valgrind's
callgrind: once with `--runs` reads and once with none, so the count is that of the reads alone (the imports
and the warm-up subtracted). Compare two commits by running it in a checkout of each. Needs valgrind.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PROJECT_ROOT, ensure_database, prepare_app_db  # noqa: E402

KINDS = ("customers", "users", "audit")
WARM_UP = 20


def _read(kind: str):
    """The page's unit of work, as the page's state hands it to the service process."""
    from rxapp.services.audit import AuditFilter
    from rxapp.state import list_reads

    if kind == "customers":
        filters = {"search": "", "sort": "name", "descending": False, "via_reseller_id": None, "via_provider_id": None}
        return functools.partial(list_reads.customer_page, limit=25, filters=filters, where={})
    if kind == "users":
        return functools.partial(list_reads.user_page, search="", role="", limit=25, offset=0)
    return functools.partial(list_reads.audit_page, filters=AuditFilter(), limit=25, offset=0)


def _run_reads(kind: str, runs: int, token: str) -> None:
    """In the child (under callgrind): the imports, a warm-up, then `runs` reads."""
    from rxapp import db
    from rxapp.services import runner

    keep = getattr(db, "keep_session", None)  # (a checkout from before it: a fresh session per read)
    if keep is not None:
        keep()
    work = _read(kind)
    for _ in range(WARM_UP + runs):
        runner.run_as(token, work)


def _instructions(kind: str, runs: int, token: str, database_url: str) -> int:
    with tempfile.TemporaryDirectory(prefix="read-instructions-") as folder:
        out = Path(folder) / "callgrind.out"
        done = subprocess.run(  # noqa: S603 (valgrind on this script)
            [
                shutil.which("valgrind") or "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                sys.executable,
                __file__,
                "--child",
                kind,
                str(runs),
                token,
            ],
            env={**os.environ, "DATABASE_URL": database_url},
            capture_output=True,
            text=True,
            check=True,
        )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        raise SystemExit(f"no instruction count from callgrind:\n{done.stderr[-2000:]}")
    return int(found[1])


def _never_touched(database_url: str) -> None:
    """Move the benchmark sessions' last activity a day ahead: the session check then never writes the new idle
    deadline (it does at most once a minute), a write that can fall inside some counted runs and not others;
    the check itself still runs on every read."""
    import sqlalchemy as sa

    engine = sa.create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE authsession SET last_seen_at = datetime(last_seen_at, '+1 day')"))
    engine.dispose()


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        kind, runs, token = sys.argv[2], int(sys.argv[3]), sys.argv[4]
        _run_reads(kind, runs, token)
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, required=True, help="the 100,000-customer database (built if missing)")
    parser.add_argument("--runs", type=int, default=100, help="reads counted per page (default 100)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    import events  # the events benchmark's reseller data and sessions

    ensure_database(args.keep)
    with tempfile.TemporaryDirectory(prefix="read-instructions-db-") as folder:
        app_db = Path(folder) / "app.db"
        prepare_app_db(args.keep, app_db)
        events.add_reseller_data(app_db, events.EXTRA_USERS, events.AUDIT_ENTRIES)
        database_url = f"sqlite:///{app_db}"
        token = events.create_sessions(database_url, events.tab_users(database_url), 1)[0]
        _never_touched(database_url)
        print(f"benchmarks/read_instructions.py  {PROJECT_ROOT}  {args.runs} reads per page, callgrind")
        for kind in KINDS:
            base = _instructions(kind, 0, token, database_url)
            full = _instructions(kind, args.runs, token, database_url)
            print(f"{kind:10} {(full - base) / args.runs:>12,.0f} instructions per read")
    return 0


if __name__ == "__main__":
    sys.exit(main())
