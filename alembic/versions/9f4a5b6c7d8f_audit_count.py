"""audit counts: entries per organization's log, kept by a trigger

The unfiltered audit log page reads its total here instead of counting every entry. Filled from the
existing entries once.

Revision ID: 9f4a5b6c7d8f
Revises: 9f4a5b6c7d8e
Create Date: 2026-11-28 12:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '9f4a5b6c7d8f'
down_revision: Union[str, Sequence[str], None] = '9f4a5b6c7d8e'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Frozen copy of rxapp.models.messaging.AUDIT_COUNT_DDL and AUDIT_RECOUNT.
DDL = {'postgresql': ('CREATE OR REPLACE FUNCTION audit_count_keep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN '
                "IF TG_OP = 'INSERT' AND NEW.org_id IS NOT NULL THEN INSERT INTO audit_count (org_id, "
                'entries) VALUES (NEW.org_id, 1) ON CONFLICT (org_id) DO UPDATE SET entries = '
                "audit_count.entries + 1; END IF; IF TG_OP = 'DELETE' AND OLD.org_id IS NOT NULL THEN UPDATE "
                'audit_count SET entries = entries - 1 WHERE org_id = OLD.org_id; END IF; RETURN NULL; END '
                '$$',
                'DROP TRIGGER IF EXISTS audit_count_keep ON auditevent',
                'CREATE TRIGGER audit_count_keep AFTER INSERT OR DELETE ON auditevent FOR EACH ROW EXECUTE '
                'FUNCTION audit_count_keep()'),
 'sqlite': ('CREATE TRIGGER IF NOT EXISTS audit_count_ai AFTER INSERT ON auditevent WHEN new.org_id IS NOT '
            'NULL BEGIN INSERT INTO audit_count (org_id, entries) VALUES (new.org_id, 1) ON CONFLICT '
            '(org_id) DO UPDATE SET entries = audit_count.entries + 1; END',
            'CREATE TRIGGER IF NOT EXISTS audit_count_ad AFTER DELETE ON auditevent WHEN old.org_id IS NOT '
            'NULL BEGIN UPDATE audit_count SET entries = entries - 1 WHERE org_id = old.org_id; END')}

RECOUNT = ('DELETE FROM audit_count',
 'INSERT INTO audit_count (org_id, entries) SELECT org_id, count(*) FROM auditevent WHERE org_id IS NOT NULL '
 'GROUP BY org_id')

DROP = {
    "sqlite": ("DROP TRIGGER IF EXISTS audit_count_ai", "DROP TRIGGER IF EXISTS audit_count_ad"),
    "postgresql": ("DROP TRIGGER IF EXISTS audit_count_keep ON auditevent", "DROP FUNCTION IF EXISTS audit_count_keep()"),
}


def upgrade() -> None:
    op.create_table(
        'audit_count',
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('entries', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('org_id'),
    )
    dialect = op.get_bind().dialect.name
    for statement in (*DDL.get(dialect, ()), *RECOUNT):
        op.execute(statement)


def downgrade() -> None:
    for statement in DROP.get(op.get_bind().dialect.name, ()):
        op.execute(statement)
    op.drop_table('audit_count')
