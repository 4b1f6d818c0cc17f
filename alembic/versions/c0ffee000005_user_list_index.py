"""user list index: an organization's users by lower-cased name, then id (the Users page's order)

Revision ID: c0ffee000005
Revises: c0ffee000002
Create Date: 2026-11-30 03:45:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = 'c0ffee000005'
down_revision: Union[str, Sequence[str], None] = 'c0ffee000002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_index('ix_user_org_name', 'user', ['org_id', sa.text('lower(full_name)'), 'id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index('ix_user_org_name', table_name='user')
