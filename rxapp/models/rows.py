"""Typed access to what SQLModel's and SQLAlchemy's annotations leave looser than the runtime: a stored row's
id (typed Optional because a new row has none until it is flushed), a model's table (set by the metaclass,
never declared) and the count of rows an UPDATE or DELETE touched (declared on CursorResult only)."""

from __future__ import annotations

from typing import Any, cast

import sqlalchemy as sa
from sqlmodel import SQLModel


def saved_id(value: int | None) -> int:
    """The id of a row that is in the database (loaded, or flushed): never None there, so a None here is a bug
    (a row used before its flush) and fails loudly instead of being written as NULL."""
    if value is None:
        raise RuntimeError("a row's id was used before the row was flushed")
    return value


def table(model: type[SQLModel]) -> sa.Table:
    """The model's Core table (SQLModel's metaclass sets `__table__` on every table model)."""
    return cast(sa.Table, model.__table__)  # pyright: ignore[reportAttributeAccessIssue]  (set at class creation)


def rowcount(result: Any) -> int:
    """How many rows an UPDATE or DELETE matched: `Session.execute` returns a CursorResult for them, typed as
    the general Result, which has no row count."""
    return cast(sa.CursorResult[Any], result).rowcount
