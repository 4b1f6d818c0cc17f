"""customer pair indexes per kind: replace ix_relationship_active_pair_kind

`ux_relationship_active_reseller_customer` and `ux_relationship_active_provider_customer`: (partner_org_id,
client_org_id) of active relationships of one customer kind. Smaller than the three-column covering index
they replace, so probing the trigram matches of a customer search against them is cheaper. Unique like
`ux_relationship_active_pair`, which implies them.

Revision ID: 7d2e3f4a5b6c
Revises: 6c1d2e3f4a5b
Create Date: 2026-11-24 23:10:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '7d2e3f4a5b6c'
down_revision: Union[str, Sequence[str], None] = '6c1d2e3f4a5b'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

ACTIVE = sa.text("status = 'active'")
KINDS = ('reseller_customer', 'provider_customer')


def upgrade() -> None:
    with op.batch_alter_table('relationship', schema=None) as batch_op:
        batch_op.drop_index('ix_relationship_active_pair_kind')
        for kind in KINDS:
            where = sa.text(f"kind = '{kind}' AND status = 'active'")
            batch_op.create_index(f'ux_relationship_active_{kind}', ['partner_org_id', 'client_org_id'],
                                  unique=True, sqlite_where=where, postgresql_where=where)


def downgrade() -> None:
    with op.batch_alter_table('relationship', schema=None) as batch_op:
        for kind in KINDS:
            batch_op.drop_index(f'ux_relationship_active_{kind}')
        batch_op.create_index('ix_relationship_active_pair_kind', ['partner_org_id', 'client_org_id', 'kind'],
                              unique=False, sqlite_where=ACTIVE, postgresql_where=ACTIVE)
