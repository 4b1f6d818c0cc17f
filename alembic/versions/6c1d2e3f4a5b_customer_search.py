"""customer search: covering pair index, organization trigram search

- `ix_relationship_active_pair_kind`: covering probe for "is this organization an active customer of that
  partner" (customer search).
- SQLite: FTS5 trigram table `organization_search` over organization name, domain and contact email, kept
  in sync by triggers. PostgreSQL searches with ILIKE (no extra index here).

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

ACTIVE = sa.text("status = 'active'")

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
        batch_op.create_index('ix_relationship_active_pair_kind', ['partner_org_id', 'client_org_id', 'kind'],
                              unique=False, sqlite_where=ACTIVE, postgresql_where=ACTIVE)
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        for statement in SQLITE_DDL:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        for name in ('organization_search_ai', 'organization_search_ad', 'organization_search_au'):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS organization_search")
    with op.batch_alter_table('relationship', schema=None) as batch_op:
        batch_op.drop_index('ix_relationship_active_pair_kind')
