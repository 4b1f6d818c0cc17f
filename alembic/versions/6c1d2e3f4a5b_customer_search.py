"""customer search: fix the active-pair index, covering pair index, organization trigram search

- `ux_relationship_active_pair` was created with `WHERE status = 'active'`, but enums are stored by member
  name ('ACTIVE'), so the index never applied: recreated with the stored value.
- `ix_relationship_active_pair_kind`: covering probe for "is this organization an active customer of that
  partner" (customer search).
- SQLite: FTS5 trigram table `organization_search` over organization name, domain and contact email, kept
  in sync by triggers. PostgreSQL: pg_trgm GIN indexes when the extension is available (ILIKE otherwise).

Revision ID: 6c1d2e3f4a5b
Revises: 483fc33f4cb5
Create Date: 2026-11-24 22:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '6c1d2e3f4a5b'
down_revision: Union[str, Sequence[str], None] = '483fc33f4cb5'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

ACTIVE = sa.text("status = 'ACTIVE'")

# Frozen copy of rxapp.services.customers.SQLITE_SEARCH_DDL.
SQLITE_DDL = (
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


def upgrade() -> None:
    with op.batch_alter_table('relationship', schema=None) as batch_op:
        batch_op.drop_index('ux_relationship_active_pair')
        batch_op.create_index('ux_relationship_active_pair', ['partner_org_id', 'client_org_id'], unique=True,
                              sqlite_where=ACTIVE, postgresql_where=ACTIVE)
        batch_op.create_index('ix_relationship_active_pair_kind', ['partner_org_id', 'client_org_id', 'kind'],
                              unique=False, sqlite_where=ACTIVE, postgresql_where=ACTIVE)
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        for statement in SQLITE_DDL:
            op.execute(statement)
    elif dialect == 'postgresql':
        available = op.get_bind().execute(
            sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).first()
        if available:
            op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            for column in ('name', 'domain', 'contact_email'):
                op.execute(f"CREATE INDEX IF NOT EXISTS ix_organization_{column}_trgm ON organization "
                           f"USING gin ({column} gin_trgm_ops)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        for name in ('organization_search_ai', 'organization_search_ad', 'organization_search_au'):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS organization_search")
    elif dialect == 'postgresql':
        for column in ('name', 'domain', 'contact_email'):
            op.execute(f"DROP INDEX IF EXISTS ix_organization_{column}_trgm")
    with op.batch_alter_table('relationship', schema=None) as batch_op:
        batch_op.drop_index('ix_relationship_active_pair_kind')
        batch_op.drop_index('ux_relationship_active_pair')
        batch_op.create_index('ux_relationship_active_pair', ['partner_org_id', 'client_org_id'], unique=True,
                              sqlite_where=sa.text("status = 'active'"),
                              postgresql_where=sa.text("status = 'active'"))
