"""enrollment: the one-open-application index matches the stored status (enum NAME, upper case)

The initial index used `status != 'rejected'`, but SQLAlchemy stores the enum's name ('REJECTED'), so the
condition was always true and a work account could never apply again after a rejection.

Revision ID: 9c1e7a2b5d40
Revises: 483fc33f4cb5
Create Date: 2026-11-25 10:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '9c1e7a2b5d40'
down_revision: Union[str, Sequence[str], None] = '483fc33f4cb5'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _recreate(condition: str, old: str) -> None:
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.drop_index('ux_enrollment_open_per_org', sqlite_where=sa.text(old), postgresql_where=sa.text(old))
        batch_op.create_index('ux_enrollment_open_per_org', ['org_id'], unique=True,
                              sqlite_where=sa.text(condition), postgresql_where=sa.text(condition))


def upgrade() -> None:
    _recreate("status != 'REJECTED'", "status != 'rejected'")


def downgrade() -> None:
    _recreate("status != 'rejected'", "status != 'REJECTED'")
