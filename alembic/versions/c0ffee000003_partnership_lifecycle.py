"""partnership lifecycle: a delegated admin request's duration, expiry notices, incentive programs and
monthly billing records

Revision ID: c0ffee000003
Revises: c0ffee000004
Create Date: 2026-11-28 14:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = 'c0ffee000003'
down_revision: Union[str, Sequence[str], None] = 'c0ffee000004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('link', schema=None) as batch_op:
        batch_op.add_column(sa.Column('grant_days', sa.Integer(), nullable=True))
    with op.batch_alter_table('delegatedadmingrant', schema=None) as batch_op:
        batch_op.create_index('ix_delegatedadmin_expiry', ['status', 'expires_at'], unique=False)

    op.create_table('delegated_admin_notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=False),
    sa.Column('threshold_days', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['grant_id'], ['delegatedadmingrant.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('grant_id', 'expires_at', 'threshold_days', name='ux_delegated_admin_notice')
    )
    op.create_table('incentive_program',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('product_families', sa.String(length=200), nullable=False),
    sa.Column('rate_basis_points', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('partner_kinds', sa.String(length=100), nullable=False),
    sa.Column('countries', sa.String(length=1000), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('billing_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_org_id', sa.Integer(), nullable=False),
    sa.Column('customer_org_id', sa.Integer(), nullable=True),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('product_family', sa.String(length=24), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['customer_org_id'], ['organization.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partner_org_id'], ['organization.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('billing_record', schema=None) as batch_op:
        batch_op.create_index('ix_billing_record_partner_month', ['partner_org_id', 'month'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('billing_record', schema=None) as batch_op:
        batch_op.drop_index('ix_billing_record_partner_month')
    op.drop_table('billing_record')
    op.drop_table('incentive_program')
    op.drop_table('delegated_admin_notice')
    with op.batch_alter_table('delegatedadmingrant', schema=None) as batch_op:
        batch_op.drop_index('ix_delegatedadmin_expiry')
    with op.batch_alter_table('link', schema=None) as batch_op:
        batch_op.drop_column('grant_days')
