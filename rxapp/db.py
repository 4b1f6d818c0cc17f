"""Database engine and sessions for the services (no Reflex here)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from rxapp import models  # noqa: F401  (registers every table)
from rxapp.settings import get_settings

SQLITE_CACHE_KIB = 2 * 1024  # page cache per pooled connection (an upper bound; pages are allocated as read): 8 MiB
# each had grown the worker by up to 48 MB after a busy run for no measurable speed (the OS caches the file too)
SQLITE_MMAP_BYTES = 0  # no memory-mapped reads: every page they touched counted in the worker's memory


def pool_size() -> int:
    """Connections kept open: one per thread of the event loop's executor (where every service call runs:
    DATABASE_THREADS, else Python's default min(32, cores + 4)) plus the background tasks'. With fewer, busy
    moments opened and closed overflow connections on every event: a connect, its pragmas and a cold page cache."""
    return (get_settings().database_threads or min(32, (os.cpu_count() or 1) + 4)) + 2


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys, a busy timeout so workers can share it, and read tuning."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=pool_size(),
            max_overflow=pool_size(),
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            # Reads: a bounded page cache per pooled connection and in-memory temporary b-trees (materialized
            # search results, sorts). Memory-mapped I/O stays off: it made a worker's memory grow with the file.
            cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
            cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
            cursor.execute("PRAGMA temp_store=MEMORY")
            cursor.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=pool_size(), max_overflow=pool_size())


@lru_cache
def get_engine() -> Engine:
    """The process-wide engine for the configured database."""
    return make_engine(get_settings().database_url)


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session that commits on success and rolls back on any error: one unit of work."""
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def create_all(engine: Engine) -> None:
    """Create every table directly (unit tests); real databases use the migrations."""
    SQLModel.metadata.create_all(engine)
