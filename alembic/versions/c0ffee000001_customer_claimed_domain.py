"""customer claimed domain: a new customer organization's domain stays a claim (not unique, blocking nothing)
until its Global admin confirms the email; only then does it move to the unique `domain` column

Revision ID: c0ffee000001
Revises: c0ffee000003
Create Date: 2026-11-28 14:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = 'c0ffee000001'
down_revision: Union[str, Sequence[str], None] = 'c0ffee000003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy: the organization table carries the search index's triggers in SQLite)
    op.add_column('organization', sa.Column('claimed_domain', sa.String(length=253), nullable=True))
    op.create_index('ix_organization_claimed_domain', 'organization', ['claimed_domain'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_organization_claimed_domain', table_name='organization')
    op.drop_column('organization', 'claimed_domain')
