"""Shared column helpers: timezone-aware UTC timestamps that survive SQLite."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field

from rxapp import clock


def as_utc(value: datetime) -> datetime:
    """`value` as an aware UTC datetime; a naive one is taken as UTC (as SQLite returns stored times). Every
    timestamp read goes through here: `combine` costs a sixth of `value.replace(tzinfo=UTC)` (Python 3.11)."""
    if value.tzinfo is None:
        return datetime.combine(value.date(), value.time(), UTC)
    return value.astimezone(UTC)


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC: real time, or the QA test clock's when the test hooks are
    on (`rxapp.clock`; the global offset only; `clock.now(org_id)` where the organization matters)."""
    if clock.source is None:
        return datetime.now(UTC)
    return clock.now()


class UTCDateTime(sa.TypeDecorator):
    """Stores UTC (naive in SQLite, timestamptz in PostgreSQL) and always returns aware UTC datetimes."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use rxapp.models.base.utcnow()")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return as_utc(value)


def created_at_field() -> Any:
    """A `created_at` column filled with the insertion time."""
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def timestamp_field(*, index: bool = False) -> Any:
    """An optional timestamp column."""
    return Field(default=None, sa_type=UTCDateTime, nullable=True, index=index)


class EnumText(sa.TypeDecorator):
    """A `StrEnum` stored as its plain string value (portable, readable, usable in partial indexes)."""

    impl = sa.String
    cache_ok = True

    def __init__(self, enum_class: type, length: int = 32) -> None:
        super().__init__(length)
        self.enum_class = enum_class

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else self.enum_class(value).value

    def process_result_value(self, value: str | None, dialect: Any) -> Any:
        if value is None:
            return None
        # The member by its value from the enum's own map: calling the class costs ten times more (Python 3.11),
        # and every list row reads a few of these. An unknown value still raises, from the call.
        return self.enum_class._value2member_map_.get(value) or self.enum_class(value)


def enum_field(enum_class: type, default: Any = ..., *, length: int = 32, index: bool = False) -> Any:
    """A required enum column stored as text."""
    if default is ...:
        return Field(sa_type=EnumText(enum_class, length), nullable=False, index=index)
    return Field(default=default, sa_type=EnumText(enum_class, length), nullable=False, index=index)
