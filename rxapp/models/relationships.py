"""Relationships between tenants (history kept: ended rows stay) and delegated admin privileges."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import Field, SQLModel

from rxapp.models.base import EnumText, UTCDateTime, created_at_field, enum_field, timestamp_field
from rxapp.models.enums import DelegatedAdminStatus, RelationshipKind, RelationshipStatus

_ACTIVE = sa.text("status = 'active'")
# Relationship kinds whose client is a customer (each has its own partial pair index).
CUSTOMER_KINDS = (RelationshipKind.RESELLER_CUSTOMER, RelationshipKind.PROVIDER_CUSTOMER)


class Relationship(SQLModel, table=True):
    """`partner_org` serves `client_org`: provider→reseller, reseller→customer or provider→customer."""

    id: int | None = Field(default=None, primary_key=True)
    kind: RelationshipKind = enum_field(RelationshipKind, length=24)
    partner_org_id: int = Field(foreign_key="organization.id", ondelete="CASCADE")
    client_org_id: int = Field(foreign_key="organization.id", ondelete="CASCADE")
    status: RelationshipStatus = enum_field(RelationshipStatus, RelationshipStatus.ACTIVE, length=16)
    started_at: datetime = created_at_field()
    ended_at: datetime | None = timestamp_field()
    ended_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    via_link_id: int | None = Field(default=None, foreign_key="link.id")

    __table_args__ = (
        sa.Index("ix_relationship_partner", "partner_org_id", "kind", "status"),
        sa.Index("ix_relationship_client", "client_org_id", "kind", "status"),
        # Exactly one active relationship per pair: concurrent acceptances cannot both succeed.
        sa.Index(
            "ux_relationship_active_pair",
            "partner_org_id",
            "client_org_id",
            unique=True,
            sqlite_where=_ACTIVE,
            postgresql_where=_ACTIVE,
        ),
        # "Is this organization an active customer of that partner?" (customer search), one small index per
        # customer kind. Unique like the pair index above (which implies it). The planner uses one only when the
        # query spells its WHERE out with literals: `kind = '<kind>' AND status = 'active'`.
        *(
            sa.Index(
                f"ux_relationship_active_{kind.value}",
                "partner_org_id",
                "client_org_id",
                unique=True,
                sqlite_where=sa.text(f"kind = '{kind.value}' AND status = 'active'"),
                postgresql_where=sa.text(f"kind = '{kind.value}' AND status = 'active'"),
            )
            for kind in CUSTOMER_KINDS
        ),
    )


class DelegatedAdminGrant(SQLModel, table=True):
    """Administrator permissions a customer granted a reseller; they expire and can be removed."""

    id: int | None = Field(default=None, primary_key=True)
    reseller_org_id: int = Field(foreign_key="organization.id", ondelete="CASCADE")
    customer_org_id: int = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    status: DelegatedAdminStatus = enum_field(DelegatedAdminStatus, DelegatedAdminStatus.ACTIVE, length=16)
    granted_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    removed_at: datetime | None = timestamp_field()
    removed_by_user_id: int | None = Field(default=None, foreign_key="user.id")

    __table_args__ = (
        sa.Index("ix_delegatedadmin_pair", "reseller_org_id", "customer_org_id", "status"),
        sa.Index("ix_delegatedadmin_expiry", "status", "expires_at"),  # the expiry notice task's scan
    )


class RelationshipCount(SQLModel, table=True):
    """How many active relationships of each kind a partner has (its customers, its resellers), and a change
    counter.

    Kept by triggers on `relationship` and `organization` (`RELATIONSHIP_COUNT_DDL`), in the same transaction
    as every change, whichever code makes it: lists read their total here instead of counting every row, and
    caches of a partner's customer directory are valid while `changes` stays the same (it moves with every
    relationship change and every rename of one of the partner's clients).
    """

    __tablename__ = "relationship_count"  # pyright: ignore[reportAssignmentType]  (SQLModel types it declared_attr; a str is what SQLAlchemy reads)

    partner_org_id: int = Field(primary_key=True, foreign_key="organization.id", ondelete="CASCADE")
    kind: RelationshipKind = Field(primary_key=True, sa_type=EnumText(RelationshipKind, 24))
    active: int = Field(default=0, nullable=False)
    changes: int = Field(default=0, nullable=False)


_COUNT_UP = (
    "INSERT INTO relationship_count (partner_org_id, kind, active, changes) {source} "
    "ON CONFLICT (partner_org_id, kind) DO UPDATE SET active = relationship_count.active + 1, "
    "changes = relationship_count.changes + 1"
)
_COUNT_DOWN = (
    "UPDATE relationship_count SET active = active - 1, changes = changes + 1 "
    "WHERE partner_org_id = {row}.partner_org_id AND kind = {row}.kind"
)
_CLIENT_CHANGED = (
    "UPDATE relationship_count SET changes = changes + 1 WHERE partner_org_id IN "
    "(SELECT partner_org_id FROM relationship WHERE client_org_id = {row}.id AND status = 'active')"
)

RELATIONSHIP_COUNT_DDL: dict[str, tuple[str, ...]] = {
    "sqlite": (
        "CREATE TRIGGER IF NOT EXISTS relationship_count_ai AFTER INSERT ON relationship "
        "WHEN new.status = 'active' BEGIN "
        + _COUNT_UP.format(source="VALUES (new.partner_org_id, new.kind, 1, 1)")
        + "; END",
        "CREATE TRIGGER IF NOT EXISTS relationship_count_ad AFTER DELETE ON relationship "
        "WHEN old.status = 'active' BEGIN " + _COUNT_DOWN.format(row="old") + "; END",
        "CREATE TRIGGER IF NOT EXISTS relationship_count_au AFTER UPDATE OF status, kind, partner_org_id "
        "ON relationship BEGIN "
        + _COUNT_DOWN.format(row="old")
        + " AND old.status = 'active'; "
        + _COUNT_UP.format(source="SELECT new.partner_org_id, new.kind, 1, 1 WHERE new.status = 'active'")
        + "; END",
        "CREATE TRIGGER IF NOT EXISTS relationship_count_client_au AFTER UPDATE OF name, domain, contact_email "
        "ON organization BEGIN " + _CLIENT_CHANGED.format(row="new") + "; END",
    ),
    "postgresql": (
        "CREATE OR REPLACE FUNCTION relationship_count_keep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'active' THEN "
        + _COUNT_DOWN.format(row="OLD")
        + "; END IF; "
        "IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'active' THEN "
        + _COUNT_UP.format(source="VALUES (NEW.partner_org_id, NEW.kind, 1, 1)")
        + "; END IF; "
        "RETURN NULL; END $$",
        "DROP TRIGGER IF EXISTS relationship_count_keep ON relationship",
        "CREATE TRIGGER relationship_count_keep AFTER INSERT OR DELETE OR UPDATE OF status, kind, partner_org_id "
        "ON relationship FOR EACH ROW EXECUTE FUNCTION relationship_count_keep()",
        "CREATE OR REPLACE FUNCTION relationship_count_client() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + _CLIENT_CHANGED.format(row="NEW")
        + "; RETURN NULL; END $$",
        "DROP TRIGGER IF EXISTS relationship_count_client ON organization",
        "CREATE TRIGGER relationship_count_client AFTER UPDATE OF name, domain, contact_email ON organization "
        "FOR EACH ROW EXECUTE FUNCTION relationship_count_client()",
    ),
}

RELATIONSHIP_RECOUNT = (
    "DELETE FROM relationship_count",
    "INSERT INTO relationship_count (partner_org_id, kind, active, changes) SELECT partner_org_id, kind, count(*), 1 "
    "FROM relationship WHERE status = 'active' GROUP BY partner_org_id, kind",
)


def install_relationship_counting(connection: sa.Connection, *, recount: bool = True) -> None:
    """Create the counting triggers (and recount from the rows, for a database that has relationships)."""
    for statement in RELATIONSHIP_COUNT_DDL.get(connection.dialect.name, ()):
        connection.exec_driver_sql(statement)
    if recount:
        for statement in RELATIONSHIP_RECOUNT:
            connection.exec_driver_sql(statement)


@event.listens_for(SQLModel.metadata, "after_create")
def _after_create(_metadata, connection, tables=(), **_kw) -> None:
    """`create_all` (unit tests, benchmarks) installs the triggers once both tables exist."""
    names = {table.name for table in tables}
    if {"relationship", "relationship_count"} <= names:
        install_relationship_counting(connection, recount=False)
