"""Database engine and sessions for the services (no Reflex here)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from rxapp import models  # noqa: F401  (registers every table)
from rxapp.db_reads import driver_of
from rxapp.settings import get_settings

T = TypeVar("T")

# Page cache per pooled connection: 2 MiB (an upper bound; pages are allocated as read). 8 MiB each had grown the
# worker by up to 48 MB after a busy run for no measurable speed (the OS caches the file too).
SQLITE_CACHE_KIB = 2 * 1024
SQLITE_MMAP_BYTES = 0  # no memory-mapped reads: every page they touched counted in the worker's memory
# A pooled server connection unused this long is pinged before it is used again. The pool hands out the most
# recently returned connection first (LIFO), so under load a connection is reused within milliseconds.
IDLE_PING_SECONDS = 2.0


DEFAULT_SERVICE_THREADS = 2  # the services' executor when DATABASE_THREADS is unset (see `service_threads`)
BACKGROUND_THREADS = 2  # the outbox, webhook and notice loops' own executor (`run_in_background`)


def service_threads() -> int:
    """Threads the page events' service calls run on beside the event loop: DATABASE_THREADS, else 2. More
    threads made it slower here: each one's database calls drop and retake the GIL behind the event loop's
    Reflex work (closed loop on 2 cores: 1 or 2 threads served 17-28% more events per second than Python's
    default of cores + 4). The background loops have their own threads, so a slow receiver never takes these."""
    return get_settings().database_threads or DEFAULT_SERVICE_THREADS


def pool_size() -> int:
    """Connections kept open: one per service thread plus one per background thread. With fewer, busy moments
    opened and closed overflow connections on every event: a connect, its pragmas and a cold page cache."""
    return service_threads() + BACKGROUND_THREADS


_background: ThreadPoolExecutor | None = None


async def run_in_background(work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a background loop's round (mail, webhooks, notices) on the background threads, never on the page
    events' executor: a slow SMTP server or webhook receiver cannot hold up the pages."""
    global _background
    if _background is None:
        _background = ThreadPoolExecutor(BACKGROUND_THREADS, thread_name_prefix="background")
    return await asyncio.get_running_loop().run_in_executor(_background, functools.partial(work, *args, **kwargs))


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys, a busy timeout so workers can share it, and read tuning."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=pool_size(),
            max_overflow=pool_size(),
            pool_use_lifo=True,  # the connection returned last (its page cache warm) is used next
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

        @event.listens_for(engine, "savepoint")
        def _write_lock_before_savepoint(connection, _name):
            """A savepoint (one CSV row, one link acceptance) is about to write: take the write lock first.
            Outside a transaction, the driver reads in autocommit and begins only before the first write, so a
            unit of work never holds an old snapshot. But SAVEPOINT itself begins a deferred transaction whose
            next read holds a snapshot; its first write then fails at once ('database is locked') if another
            connection committed meanwhile: the busy timeout does not apply to that. BEGIN IMMEDIATE waits."""
            dbapi_connection = connection.connection.dbapi_connection
            if not dbapi_connection.in_transaction:
                dbapi_connection.execute("BEGIN IMMEDIATE")

        return engine
    engine = sa.create_engine(url, pool_size=pool_size(), max_overflow=pool_size(), pool_use_lifo=True)
    _ping_when_idle(engine)
    _begin_before_first_statement(engine)
    return engine


def _begin_before_first_statement(engine: Engine) -> None:
    """A server connection reads in autocommit until the unit of work runs a statement through SQLAlchemy, as
    SQLite's driver does until the first write. A list page's event is a session check and one or two reads
    (`db_reads.read`, on the driver's cursor): inside a transaction that was BEGIN and COMMIT around them, two
    of its four or five round trips to the server, for no difference: under READ COMMITTED each statement
    sees its own snapshot inside a transaction too, and a plain read takes no lock to keep. Any statement
    SQLAlchemy runs (an ORM read or flush, an UPDATE, a SELECT ... FOR UPDATE) turns autocommit off first, so
    the driver begins a transaction with it, and what follows commits or rolls back together as before."""

    @event.listens_for(engine, "checkout")
    def _autocommit_until_needed(dbapi_connection, _record, _proxy):
        dbapi_connection.autocommit = True  # idle here: the pool rolled back whatever the last user left

    @event.listens_for(engine, "before_cursor_execute")
    def _begin_with_this_statement(_connection, cursor, *_args):
        if cursor.connection.autocommit:
            cursor.connection.autocommit = False


_RETURNED_AT = "rxapp_returned_at"  # monotonic time the connection went back to the pool (its record's info)


def _ping_when_idle(engine: Engine) -> None:
    """A database server may have dropped a pooled connection (a restart, an idle timeout): a connection that
    sat in the pool for `IDLE_PING_SECONDS` is pinged before it is used, and replaced when the ping fails.
    SQLAlchemy's `pool_pre_ping` pinged on every checkout: one more round trip on every event, for connections
    used a few milliseconds earlier. A server that goes away under load fails the units of work that were using
    it or start within those seconds, as those in flight failed with `pool_pre_ping`; SQLAlchemy then replaces
    every pooled connection (a disconnect error invalidates the pool)."""

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection, record, _proxy):
        returned_at = record.info.get(_RETURNED_AT)
        if returned_at is None or time.monotonic() - returned_at < IDLE_PING_SECONDS:
            return  # new (just connected) or used a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError("the pooled connection did not answer its ping") from error

    @event.listens_for(engine, "checkin")
    def _mark_returned(_dbapi_connection, record):
        record.info[_RETURNED_AT] = time.monotonic()


@lru_cache
def get_engine() -> Engine:
    """The process-wide engine for the configured database."""
    return make_engine(get_settings().database_url)


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session that commits on success and rolls back on any error: one unit of work (on the thread's kept
    session when it keeps one, see `keep_session`)."""
    if not getattr(_kept, "enabled", False) or getattr(_kept, "busy", False):
        with Session(get_engine(), expire_on_commit=False) as session, _committed(session):
            yield session
        return
    session = _kept_session()
    _kept.busy = True  # a scope opened inside this one gets a session of its own
    try:
        with _committed(session):
            yield session
    except exc.DBAPIError:
        _drop_kept()  # the connection may be broken: the next unit gets a new one
        raise
    finally:
        _kept.busy = False
        _kept.used_at = time.monotonic()
        session.expunge_all()  # nothing one unit of work loaded is seen by the next


def _kept_session() -> Session:
    """The thread's kept session, ready for a unit of work: a server connection unused for `IDLE_PING_SECONDS`
    is pinged first and replaced when it does not answer (as the pool does for its own, `_ping_when_idle`), and
    it reads in autocommit again (`_begin_before_first_statement`: the pool does that at checkout)."""
    session = getattr(_kept, "session", None)
    if session is not None:
        connection = session.get_bind()
        assert isinstance(connection, sa.Connection)
        try:
            _start_unit(connection, idle=time.monotonic() - _kept.used_at)
        except Exception:  # noqa: BLE001  (gone or unusable: a new connection below)
            _drop_kept()
            session = None
    if session is None:  # (a checkout: the pool pings it when idle and sets autocommit)
        session = _kept.session = Session(bind=get_engine().connect(), expire_on_commit=False)
    return session


def _start_unit(connection: sa.Connection, *, idle: float) -> None:
    if connection.dialect.name == "sqlite":
        return  # a file: nothing to ping, and its driver begins only before a write
    dbapi = driver_of(connection)
    if idle >= IDLE_PING_SECONDS:
        connection.dialect.do_ping(dbapi)
    dbapi.autocommit = True  # raises if a transaction were still open (never after a commit or rollback)


@contextmanager
def _committed(session: Session) -> Iterator[None]:
    try:
        yield
        if session.in_transaction() or session.new or session.dirty or session.deleted:
            # (A unit that only read on a kept session began nothing, see `db_reads.read_connection`: its commit
            # would begin and end an empty transaction, 6-9% of a list read's time.)
            session.commit()
    except BaseException:
        session.rollback()
        raise


_kept = threading.local()


def keep_session() -> None:
    """From now on this thread's units of work share one session on one connection, kept open. For a thread
    that runs one unit at a time, as a service process and each service thread do: a fresh session per unit
    (a pool checkout, the session's transaction bookkeeping, its close) cost about as much as the session
    check itself (90 µs on SQLite; 113 of 446 µs of a Users read's CPU on PostgreSQL). Each unit still runs in
    its own transaction and starts with an empty identity map; after a database error the connection is
    replaced, and a server connection idle for a while is pinged first."""
    _kept.enabled = True


def keep_server_session() -> None:
    """The service threads' initializer (`rxapp.rxapp.use_database_threads`): on a server database each keeps a
    session (`keep_session`). On SQLite they take a fresh one per unit, as before: with kept SQLite connections on
    the threads, two end-to-end runs each had one write (Create link) left unanswered for 30 s; the cause is not
    yet known. The service process keeps its SQLite session: it runs only the list reads."""
    if get_engine().dialect.name != "sqlite":
        keep_session()


def release_session() -> None:
    """Stop keeping a session on this thread (`keep_session`) and close its connection."""
    _kept.enabled = False
    _drop_kept()


def _drop_kept() -> None:
    session = getattr(_kept, "session", None)
    _kept.session = None
    if session is not None:
        connection = session.get_bind()
        with contextlib.suppress(Exception):
            session.close()
            if isinstance(connection, sa.Connection):
                connection.close()


def create_all(engine: Engine) -> None:
    """Create every table directly (unit tests); real databases use the migrations."""
    SQLModel.metadata.create_all(engine)
