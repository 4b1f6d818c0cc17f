"""organization suspension: when platform staff suspended a partner organization and why (issue 14)

Revision ID: c0ffee000004
Revises: f099c732e720
Create Date: 2026-11-28 14:30:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = 'c0ffee000004'
down_revision: Union[str, Sequence[str], None] = 'f099c732e720'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Plain ALTER TABLE (no batch copy): on SQLite a copied organization table loses its search-index and
    # kept-count triggers.
    op.add_column('organization', sa.Column('suspended_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('organization', sa.Column('suspension_reason', sa.String(length=500), nullable=True))


def downgrade() -> None:
    op.drop_column('organization', 'suspension_reason')
    op.drop_column('organization', 'suspended_at')
