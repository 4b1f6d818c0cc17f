"""relationship counts: active relationships per partner and kind, kept by triggers

The customer list's total (and other counts) read one row here instead of counting every relationship;
`changes` moves with every change of a partner's relationships or of its clients' names (caches key on it).
Triggers on `relationship` and `organization` keep it in the same transaction as each change; the table is
filled from the existing rows once.

Revision ID: 9f4a5b6c7d8e
Revises: 8e3f4a5b6c7d
Create Date: 2026-11-28 11:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '9f4a5b6c7d8e'
down_revision: Union[str, Sequence[str], None] = '8e3f4a5b6c7d'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Frozen copy of rxapp.models.relationships.RELATIONSHIP_COUNT_DDL and RELATIONSHIP_RECOUNT.
DDL = {'postgresql': ('CREATE OR REPLACE FUNCTION relationship_count_keep() RETURNS trigger LANGUAGE plpgsql AS $$ '
                "BEGIN IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'active' THEN UPDATE "
                'relationship_count SET active = active - 1, changes = changes + 1 WHERE partner_org_id = '
                "OLD.partner_org_id AND kind = OLD.kind; END IF; IF TG_OP IN ('INSERT', 'UPDATE') AND "
                "NEW.status = 'active' THEN INSERT INTO relationship_count (partner_org_id, kind, active, "
                'changes) VALUES (NEW.partner_org_id, NEW.kind, 1, 1) ON CONFLICT (partner_org_id, kind) DO '
                'UPDATE SET active = relationship_count.active + 1, changes = relationship_count.changes + '
                '1; END IF; RETURN NULL; END $$',
                'DROP TRIGGER IF EXISTS relationship_count_keep ON relationship',
                'CREATE TRIGGER relationship_count_keep AFTER INSERT OR DELETE OR UPDATE OF status, kind, '
                'partner_org_id ON relationship FOR EACH ROW EXECUTE FUNCTION relationship_count_keep()',
                'CREATE OR REPLACE FUNCTION relationship_count_client() RETURNS trigger LANGUAGE plpgsql AS '
                '$$ BEGIN UPDATE relationship_count SET changes = changes + 1 WHERE partner_org_id IN '
                '(SELECT partner_org_id FROM relationship WHERE client_org_id = NEW.id AND status = '
                "'active'); RETURN NULL; END $$",
                'DROP TRIGGER IF EXISTS relationship_count_client ON organization',
                'CREATE TRIGGER relationship_count_client AFTER UPDATE OF name, domain, contact_email ON '
                'organization FOR EACH ROW EXECUTE FUNCTION relationship_count_client()'),
 'sqlite': ('CREATE TRIGGER IF NOT EXISTS relationship_count_ai AFTER INSERT ON relationship WHEN new.status '
            "= 'active' BEGIN INSERT INTO relationship_count (partner_org_id, kind, active, changes) VALUES "
            '(new.partner_org_id, new.kind, 1, 1) ON CONFLICT (partner_org_id, kind) DO UPDATE SET active = '
            'relationship_count.active + 1, changes = relationship_count.changes + 1; END',
            'CREATE TRIGGER IF NOT EXISTS relationship_count_ad AFTER DELETE ON relationship WHEN old.status '
            "= 'active' BEGIN UPDATE relationship_count SET active = active - 1, changes = changes + 1 WHERE "
            'partner_org_id = old.partner_org_id AND kind = old.kind; END',
            'CREATE TRIGGER IF NOT EXISTS relationship_count_au AFTER UPDATE OF status, kind, partner_org_id '
            'ON relationship BEGIN UPDATE relationship_count SET active = active - 1, changes = changes + 1 '
            "WHERE partner_org_id = old.partner_org_id AND kind = old.kind AND old.status = 'active'; INSERT "
            'INTO relationship_count (partner_org_id, kind, active, changes) SELECT new.partner_org_id, '
            "new.kind, 1, 1 WHERE new.status = 'active' ON CONFLICT (partner_org_id, kind) DO UPDATE SET "
            'active = relationship_count.active + 1, changes = relationship_count.changes + 1; END',
            'CREATE TRIGGER IF NOT EXISTS relationship_count_client_au AFTER UPDATE OF name, domain, '
            'contact_email ON organization BEGIN UPDATE relationship_count SET changes = changes + 1 WHERE '
            'partner_org_id IN (SELECT partner_org_id FROM relationship WHERE client_org_id = new.id AND '
            "status = 'active'); END")}

RECOUNT = ('DELETE FROM relationship_count',
 'INSERT INTO relationship_count (partner_org_id, kind, active, changes) SELECT partner_org_id, kind, '
 "count(*), 1 FROM relationship WHERE status = 'active' GROUP BY partner_org_id, kind")

DROP = {
    "sqlite": ("DROP TRIGGER IF EXISTS relationship_count_ai", "DROP TRIGGER IF EXISTS relationship_count_ad",
               "DROP TRIGGER IF EXISTS relationship_count_au", "DROP TRIGGER IF EXISTS relationship_count_client_au"),
    "postgresql": ("DROP TRIGGER IF EXISTS relationship_count_keep ON relationship",
                   "DROP FUNCTION IF EXISTS relationship_count_keep()",
                   "DROP TRIGGER IF EXISTS relationship_count_client ON organization",
                   "DROP FUNCTION IF EXISTS relationship_count_client()"),
}


def upgrade() -> None:
    op.create_table(
        'relationship_count',
        sa.Column('partner_org_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('active', sa.Integer(), nullable=False),
        sa.Column('changes', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['partner_org_id'], ['organization.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('partner_org_id', 'kind'),
    )
    dialect = op.get_bind().dialect.name
    for statement in (*DDL.get(dialect, ()), *RECOUNT):
        op.execute(statement)


def downgrade() -> None:
    for statement in DROP.get(op.get_bind().dialect.name, ()):
        op.execute(statement)
    op.drop_table('relationship_count')
