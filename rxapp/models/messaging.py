"""The email outbox and the audit (activity) log."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import Field, SQLModel

from rxapp.models.base import created_at_field, enum_field, timestamp_field
from rxapp.models.enums import AuditOutcome, EmailStatus


class OutboxEmail(SQLModel, table=True):
    """An email written in the same transaction as the change that causes it; delivered later."""

    id: int | None = Field(default=None, primary_key=True)
    to_address: str = Field(max_length=254, index=True)
    subject: str = Field(max_length=300)
    body: str = Field(max_length=20000)
    status: EmailStatus = enum_field(EmailStatus, EmailStatus.PENDING, length=16, index=True)
    attempts: int = Field(default=0)
    last_error: str | None = Field(default=None, max_length=1000)
    next_attempt_at: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()
    sent_at: datetime | None = timestamp_field()


class AuditEvent(SQLModel, table=True):
    """Who did what to which record, when (UTC), with what outcome. Never holds secrets."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = created_at_field()
    org_id: int | None = Field(default=None, foreign_key="organization.id", description="whose log")
    actor_user_id: int | None = Field(default=None, foreign_key="user.id")
    actor_email: str | None = Field(default=None, max_length=254)
    actor_api_client_id: int | None = Field(
        default=None,
        foreign_key="apiclient.id",
        description="set when an API client acted (actor_user_id is then empty)",
    )
    action: str = Field(max_length=64)
    target_type: str | None = Field(default=None, max_length=32)
    target_id: int | None = None
    detail: str = Field(default="", max_length=2000)
    outcome: AuditOutcome = enum_field(AuditOutcome, AuditOutcome.OK, length=16)
    client_address: str | None = Field(default=None, max_length=64)

    __table_args__ = (sa.Index("ix_auditevent_org_at", "org_id", "at"),)


class AuditCount(SQLModel, table=True):
    """How many audit entries each organization's log holds: the unfiltered log page reads its total here.

    Kept by a trigger on `auditevent` (`AUDIT_COUNT_DDL`) in the same transaction as each entry."""

    __tablename__ = "audit_count"  # pyright: ignore[reportAssignmentType]  (SQLModel types it declared_attr; a str is what SQLAlchemy reads)

    org_id: int = Field(primary_key=True, foreign_key="organization.id", ondelete="CASCADE")
    entries: int = Field(default=0, nullable=False)


_AUDIT_UP = (
    "INSERT INTO audit_count (org_id, entries) VALUES ({row}.org_id, 1) "
    "ON CONFLICT (org_id) DO UPDATE SET entries = audit_count.entries + 1"
)
_AUDIT_DOWN = "UPDATE audit_count SET entries = entries - 1 WHERE org_id = {row}.org_id"

AUDIT_COUNT_DDL: dict[str, tuple[str, ...]] = {
    "sqlite": (
        "CREATE TRIGGER IF NOT EXISTS audit_count_ai AFTER INSERT ON auditevent WHEN new.org_id IS NOT NULL "
        "BEGIN " + _AUDIT_UP.format(row="new") + "; END",
        "CREATE TRIGGER IF NOT EXISTS audit_count_ad AFTER DELETE ON auditevent WHEN old.org_id IS NOT NULL "
        "BEGIN " + _AUDIT_DOWN.format(row="old") + "; END",
    ),
    "postgresql": (
        "CREATE OR REPLACE FUNCTION audit_count_keep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP = 'INSERT' AND NEW.org_id IS NOT NULL THEN " + _AUDIT_UP.format(row="NEW") + "; END IF; "
        "IF TG_OP = 'DELETE' AND OLD.org_id IS NOT NULL THEN " + _AUDIT_DOWN.format(row="OLD") + "; END IF; "
        "RETURN NULL; END $$",
        "DROP TRIGGER IF EXISTS audit_count_keep ON auditevent",
        "CREATE TRIGGER audit_count_keep AFTER INSERT OR DELETE ON auditevent FOR EACH ROW "
        "EXECUTE FUNCTION audit_count_keep()",
    ),
}

AUDIT_RECOUNT = (
    "DELETE FROM audit_count",
    "INSERT INTO audit_count (org_id, entries) SELECT org_id, count(*) FROM auditevent WHERE org_id IS NOT NULL "
    "GROUP BY org_id",
)


def install_audit_counting(connection: sa.Connection, *, recount: bool = True) -> None:
    """Create the counting trigger (and recount from the entries, for a database that has some)."""
    for statement in AUDIT_COUNT_DDL.get(connection.dialect.name, ()):
        connection.exec_driver_sql(statement)
    if recount:
        for statement in AUDIT_RECOUNT:
            connection.exec_driver_sql(statement)


@event.listens_for(SQLModel.metadata, "after_create")
def _after_create(_metadata, connection, tables=(), **_kw) -> None:
    """`create_all` (unit tests, benchmarks) installs the trigger once both tables exist."""
    if {"auditevent", "audit_count"} <= {table.name for table in tables}:
        install_audit_counting(connection, recount=False)
