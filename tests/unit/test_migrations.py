"""The migrations build exactly the schema the models declare, on SQLite and (when reachable) PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from rxapp import models  # noqa: F401
from tests.unit.scratch_postgres import scratch_database

ROOT = Path(__file__).resolve().parents[2]


def _migrate(url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "REFLEX_USE_SYSTEM_BUN": "1", "REFLEX_TELEMETRY_ENABLED": "false"}
    reflex = str(Path(sys.executable).with_name("reflex"))
    subprocess.run([reflex, "db", "migrate"], cwd=ROOT, env=env, check=True, capture_output=True)


def _schema_drift(url: str) -> list:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    engine.dispose()
    # Tables the models do not declare (search indexes kept by migrations) are not drift.
    return [d for d in diff if not (isinstance(d, tuple) and d[0] == "remove_table")]


SQLITE_TRIGGERS = {  # what keeps the search index and the kept counts right: a migration that copies a
    # table (alembic's batch mode) silently drops the triggers on it
    "organization_search_ai",
    "organization_search_ad",
    "organization_search_au",
    "relationship_count_ai",
    "relationship_count_ad",
    "relationship_count_au",
    "relationship_count_client_au",
    "audit_count_ai",
    "audit_count_ad",
}


def test_sqlite_migrations_match_the_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.db'}"
    _migrate(url)
    assert _schema_drift(url) == []
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        triggers = set(connection.scalars(sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
    engine.dispose()
    assert triggers >= SQLITE_TRIGGERS, sorted(SQLITE_TRIGGERS - triggers)


def test_postgresql_migrations_match_the_models():
    with scratch_database("pc_migrations") as url:
        _migrate(url)
        assert _schema_drift(url) == []
