"""Maintenance commands: `python -m rxapp.cli seed` loads the demo data into an empty database."""

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
    print("usage: python -m rxapp.cli seed", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
