"""The organization search index: an FTS5 trigram table over name, domain and contact email (SQLite).

The migration `6c1d2e3f4a5b_customer_search` creates it (frozen copy of `SQLITE_SEARCH_DDL`); unit tests and
the benchmark call `install_search_index`. Alembic's autogenerate is told to leave these tables alone, so a
later `reflex db makemigrations` does not propose dropping them (`rxapp.schema_plugins`).
"""

from __future__ import annotations

import weakref

import sqlalchemy as sa
from sqlmodel import Session

SEARCH_TABLE = "organization_search"

SQLITE_SEARCH_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS organization_search USING fts5(name, domain, contact_email, "
    "content='organization', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS organization_search_ai AFTER INSERT ON organization BEGIN "
    "INSERT INTO organization_search(rowid, name, domain, contact_email) "
    "VALUES (new.id, new.name, new.domain, new.contact_email); END",
    "CREATE TRIGGER IF NOT EXISTS organization_search_ad AFTER DELETE ON organization BEGIN "
    "INSERT INTO organization_search(organization_search, rowid, name, domain, contact_email) "
    "VALUES ('delete', old.id, old.name, old.domain, old.contact_email); END",
    "CREATE TRIGGER IF NOT EXISTS organization_search_au AFTER UPDATE OF name, domain, contact_email "
    "ON organization BEGIN "
    "INSERT INTO organization_search(organization_search, rowid, name, domain, contact_email) "
    "VALUES ('delete', old.id, old.name, old.domain, old.contact_email); "
    "INSERT INTO organization_search(rowid, name, domain, contact_email) "
    "VALUES (new.id, new.name, new.domain, new.contact_email); END",
    "INSERT INTO organization_search(organization_search) VALUES ('rebuild')",
)


def install_search_index(connection: sa.Connection) -> None:
    """Create the trigram search index and its triggers on a SQLite database (tests, benchmark)."""
    if connection.dialect.name != "sqlite":
        return
    for statement in SQLITE_SEARCH_DDL:
        connection.exec_driver_sql(statement)


# Engines whose database was seen with the index (it is installed by a migration and never dropped while the app
# runs): the customer list asks on every event, and the answer then costs no query.
_INDEXED: weakref.WeakSet[sa.Engine] = weakref.WeakSet()


def has_search_index(session: Session) -> bool:
    """Whether this (SQLite) database has the trigram index; otherwise searches use LIKE/ILIKE."""
    bind = session.connection()
    if bind.dialect.name != "sqlite":
        return False
    if bind.engine in _INDEXED:
        return True
    found = bind.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (SEARCH_TABLE,)
    ).first()
    if found is not None:
        _INDEXED.add(bind.engine)
    return found is not None
