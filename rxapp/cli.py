"""Maintenance commands: `python -m rxapp.cli seed` loads the demo data into an empty database;
`python -m rxapp.cli close-month YYYY-MM` writes that month's billing records (incentives are computed from them)."""

from __future__ import annotations

import sys

from rxapp.db import session_scope
from rxapp.services.demo import load_demo_data


def main(argv: list[str]) -> int:
    """Entry point; returns the process exit code."""
    if argv[:1] == ["seed"]:
        with session_scope() as session:
            loaded = load_demo_data(session)
        print("demo data loaded" if loaded else "database not empty: demo data left alone")
        return 0
    if argv[:1] == ["close-month"] and len(argv) == 2:
        from rxapp.services.billing_history import close_month

        try:
            with session_scope() as session:
                written = close_month(session, argv[1])
        except ValueError:
            print(f"not a month: {argv[1]!r} (use YYYY-MM)", file=sys.stderr)
            return 2
        print(f"{written} billing records written for {argv[1]}")
        return 0
    print("usage: python -m rxapp.cli seed | close-month YYYY-MM", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
