"""Sign-in protection: attempt counters (reserved before a password or code is checked) and the hashed
one-time recovery codes of the second factor."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from rxapp.models.base import created_at_field, timestamp_field


class AttemptCounter(SQLModel, table=True):
    """Failed-attempt counters of one (scope, key): an account, a client address, a PMC user name.

    Times are Unix seconds (plain numbers, so the conditional UPDATE that reserves an attempt can do its
    arithmetic the same way on SQLite and PostgreSQL). The key is stored as a SHA-256 digest only."""

    __tablename__ = "attempt_counter"  # pyright: ignore[reportAssignmentType]  (SQLModel types it declared_attr; a str is what SQLAlchemy reads)

    scope: str = Field(max_length=32, primary_key=True)
    key_hash: str = Field(max_length=64, primary_key=True)
    failures: int = Field(default=0, description="consecutive failures (reserved attempts) of the current streak")
    next_at: float = Field(default=0.0, description="no attempt is checked before this time")
    last_at: float = Field(default=0.0, description="time of the last reserved attempt")
    day_start: float = Field(default=0.0, description="start of the 24-hour count")
    day_failures: int = Field(default=0)


class RecoveryCode(SQLModel, table=True):
    """One of a user's one-time recovery codes (SHA-256 of the normalized code; used once)."""

    __tablename__ = "recovery_code"  # pyright: ignore[reportAssignmentType]  (SQLModel types it declared_attr; a str is what SQLAlchemy reads)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", ondelete="CASCADE")
    code_hash: str = Field(max_length=64)
    created_at: datetime = created_at_field()
    used_at: datetime | None = timestamp_field()

    __table_args__ = (sa.Index("ix_recovery_code_user", "user_id", "code_hash"),)
