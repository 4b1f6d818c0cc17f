"""Hot reads without SQLAlchemy's per-execution work: each statement is compiled once per dialect (and per
length of its lists of ids), then run on the driver's own cursor of the session's connection.

The session check and the list pages run several statements on every event. Executing one through
SQLAlchemy costs about 50 µs of Python before and after the driver (cache key, execution context, result
metadata, a `Row` per row): more than SQLite takes for these indexed reads. Here that work is done once and
kept; per call only the bound values are converted (with the columns' own type processors, so a datetime
is bound exactly as SQLAlchemy binds it) and the rows are read with `fetchall`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, namedtuple
from collections.abc import Callable, Iterator, Sequence
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import MultipleResultsFound, NoResultFound
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement
from sqlmodel import Session

MAX_PLANS = 512  # compiled plans kept (statements x dialects x list lengths); the oldest is dropped beyond


LIKE_ESCAPE = "\\"  # the escape character of `contains_pattern` (ESCAPE '\\' in SQL text, escape=LIKE_ESCAPE in Core)


def contains_pattern(term: str) -> str:
    """A LIKE pattern matching `term` (lowercased) anywhere, its own % and _ taken literally; for a bound value
    (SQLAlchemy's `contains(..., autoescape=True)` needs the value when the statement is built)."""
    escaped = term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class Rows:
    """The rows of one read, with the few methods of SQLAlchemy's result the services use."""

    __slots__ = ("_rows",)

    def __init__(self, rows: list[Any]) -> None:
        self._rows = rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)

    def all(self) -> list[Any]:
        return self._rows

    def first(self) -> Any | None:
        return self._rows[0] if self._rows else None

    def scalar(self) -> Any | None:
        return self._rows[0][0] if self._rows else None

    def scalar_one(self) -> Any:
        if len(self._rows) != 1:
            raise (
                NoResultFound("expected exactly one row")
                if not self._rows
                else MultipleResultsFound("expected exactly one row")
            )
        return self._rows[0][0]


class _Plan:
    """One statement compiled for one dialect and one set of list lengths: its SQL, how to bind a call's
    values, and how to read its rows."""

    __slots__ = ("sql", "positional", "binds", "row_type", "readers")

    def __init__(self, statement: ClauseElement, dialect: Dialect, params: dict[str, Any]) -> None:
        compiled = cast(SQLCompiler, statement.compile(dialect=dialect))  # a select or text: an SQL compiler
        lists = {name: value for name, value in params.items() if isinstance(value, list | tuple)}
        expanded = compiled.construct_expanded_state({**params, **{k: list(range(len(v))) for k, v in lists.items()}})
        self.sql = expanded.statement
        if not self.sql.lstrip().upper().startswith(("SELECT", "WITH")):
            # On a server database these run in autocommit outside a transaction (`db._begin_before_first_
            # statement`): a write here would commit on its own. Writes go through the session.
            msg = f"read() runs reads only: {self.sql[:60]!r}"
            raise ValueError(msg)
        self.positional = bool(compiled.positional)
        names = expanded.positiontup if self.positional else list(expanded.parameters)
        self.binds: list[tuple[str, str, int | None, Callable | None]] = []
        for bound in names or ():
            key, index = bound, None
            if bound not in compiled.binds:  # an element of an expanded list: "<key>_<n>"
                key, _, number = bound.rpartition("_")
                index = int(number) - 1
            type_ = compiled.binds[key].type
            self.binds.append((bound, key, index, type_.dialect_impl(dialect).bind_processor(dialect)))
        columns = compiled._result_columns or []  # noqa: SLF001 (the compiled select's columns and their types)
        readers = [column[3].dialect_impl(dialect).result_processor(dialect, None) for column in columns]
        self.readers = [(index, reader) for index, reader in enumerate(readers) if reader is not None]
        self.row_type = namedtuple("Row", [column[0] for column in columns], rename=True) if columns else None  # noqa: PYI024

    def bind(self, params: dict[str, Any]) -> Sequence[Any] | dict[str, Any]:
        values = []
        for _bound, key, index, process in self.binds:
            value = params[key] if index is None else params[key][index]
            values.append(process(value) if process is not None else value)
        if self.positional:
            return values
        return {bound: value for (bound, *_), value in zip(self.binds, values, strict=True)}

    def rows(self, raw: Sequence[Any]) -> list[Any]:
        if self.row_type is None:
            return list(raw)
        if self.readers:  # only the columns whose type reads the driver's value (datetimes, enums, booleans)
            converted = []
            for row in raw:
                values = list(row)
                for index, read_value in self.readers:
                    values[index] = read_value(values[index])
                converted.append(values)
            raw = converted
        return list(map(self.row_type._make, raw))


_PLANS: OrderedDict[tuple, _Plan] = OrderedDict()
_LOCK = threading.Lock()


class Prepared:
    """A statement built once at import (bound parameters, no per-call values): `read` keeps its compiled plan.
    Statements built per call go through SQLAlchemy (a plan per call would cost more than it saves)."""

    __slots__ = ("statement",)

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement


def _text(sql: str, params: dict[str, Any]) -> sa.TextClause:
    """SQL text as a statement; its parameters given a list become expanding (IN lists)."""
    return sa.text(sql).bindparams(
        *(sa.bindparam(k, expanding=True) for k, v in params.items() if isinstance(v, list | tuple))
    )


def _plan(statement: ClauseElement | str, dialect: Dialect, params: dict[str, Any]) -> _Plan:
    lengths = tuple(sorted((k, len(v)) for k, v in params.items() if isinstance(v, list | tuple)))
    key = (statement, dialect.name, lengths)
    with _LOCK:
        found = _PLANS.get(key)
        if found is not None:
            _PLANS.move_to_end(key)
            return found
    plan = _Plan(_text(statement, params) if isinstance(statement, str) else statement, dialect, params)
    with _LOCK:
        _PLANS[key] = plan
        while len(_PLANS) > MAX_PLANS:
            _PLANS.popitem(last=False)
    return plan


def read_connection(session: Session) -> sa.Connection:
    """The connection a read runs on. A kept session (`db.keep_session`: a service process's, bound to its one
    SQLite connection) reads on that connection as it is: asking the session for it would begin the session's
    own transaction, for nothing (5-11% of a list read's time; the driver reads in autocommit and begins only
    before a write; a write goes through the session, as before, on this same connection, so later reads see
    it). Any other session checks its connection out as usual."""
    bind = session.bind
    return bind if isinstance(bind, sa.Connection) else session.connection()


def driver_connection(session: Session) -> Any:
    """The driver's own connection under `read_connection` (for reads of many rows without result objects)."""
    return driver_of(read_connection(session))


def driver_of(connection: sa.Connection) -> Any:
    """The driver's own connection under a checked-out SQLAlchemy connection."""
    dbapi = connection.connection.dbapi_connection
    assert dbapi is not None, "a checked-out connection is live"
    return dbapi


def read(session: Session, statement: Prepared | str | ClauseElement, params: dict[str, Any] | None = None) -> Rows:
    """Run a read on the session's own connection, in its transaction: a `Prepared` select or SQL text with
    `:name` parameters (a list value expands to an IN list) through its kept plan, anything else through
    SQLAlchemy. Pending ORM changes are flushed first, as the ORM's autoflush would. A select's rows have its
    column names as attributes; SQL text rows are plain tuples of the driver's values."""
    params = params or {}
    session.flush()  # nothing to do (a cheap check) unless the session holds changes
    if not isinstance(statement, Prepared | str) or any(isinstance(v, list | tuple) and not v for v in params.values()):
        # Built per call, or an empty IN list (SQLAlchemy's own rendering of it): no plan to keep.
        executable = (
            _text(statement, params)
            if isinstance(statement, str)
            else statement.statement
            if isinstance(statement, Prepared)
            else statement
        )
        # Through the session (its transaction), so the connection's own never outlives the unit of work.
        return Rows(list(session.connection().execute(cast(sa.Executable, executable), params)))
    connection = read_connection(session)
    plan = _plan(statement if isinstance(statement, str) else statement.statement, connection.dialect, params)
    cursor = driver_of(connection).cursor()
    try:
        cursor.execute(plan.sql, plan.bind(params))
        return Rows(plan.rows(cursor.fetchall()))
    finally:
        cursor.close()
