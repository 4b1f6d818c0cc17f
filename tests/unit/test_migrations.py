"""The migrations build exactly the schema the models declare, on SQLite and (when reachable) PostgreSQL."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
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
    with engine.connect() as connection, warnings.catch_warnings():
        # Autogenerate cannot compare indexes on expressions (it warns and skips them): `_expression_indexes`.
        warnings.filterwarnings("ignore", "autogenerate skipping .*expression-based index", UserWarning)
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index", sa.exc.SAWarning)
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    engine.dispose()
    # Tables the models do not declare (search indexes kept by migrations) are not drift.
    return [d for d in diff if not (isinstance(d, tuple) and d[0] == "remove_table")]


# Indexes on expressions, which autogenerate skips (neither SQLite nor its comparison reflects them): checked
# here by their columns and expressions, normalized (quotes, spaces, brackets and PostgreSQL's casts left out).
EXPRESSION_INDEXES = {"ix_user_org_name": "org_id,lowerfull_name,id"}


def _expression_indexes(url: str) -> dict[str, str]:
    engine = sa.create_engine(url)
    query = (
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN :names"
        if url.startswith("sqlite")
        else "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN :names"
    )
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(query).bindparams(sa.bindparam("names", expanding=True)), {"names": list(EXPRESSION_INDEXES)}
        ).all()
    engine.dispose()
    # SQLite: "... ON user (org_id, lower(full_name), id)";
    # PostgreSQL: '... ON public."user" USING btree (org_id, lower((full_name)::text), id)'
    return {name: re.sub(r"[\s\"()]|::text", "", definition.split("(", 1)[1]) for name, definition in rows}


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
    assert _expression_indexes(url) == EXPRESSION_INDEXES


def test_postgresql_migrations_match_the_models():
    with scratch_database("pc_migrations") as url:
        _migrate(url)
        assert _schema_drift(url) == []
        assert _expression_indexes(url) == EXPRESSION_INDEXES
