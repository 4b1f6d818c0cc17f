"""sign-in protection: attempt counters reserved before a secret is checked, the sign-in block, the second
factor (TOTP key, last accepted time step, hashed recovery codes), the organization's MFA requirement and
sessions waiting for their second factor

Revision ID: c0ffee000002
Revises: c0ffee000001
Create Date: 2026-11-28 14:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = 'c0ffee000002'
down_revision: Union[str, Sequence[str], None] = 'c0ffee000001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('attempt_counter',
    sa.Column('scope', sa.String(length=32), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('next_at', sa.Float(), nullable=False),
    sa.Column('last_at', sa.Float(), nullable=False),
    sa.Column('day_start', sa.Float(), nullable=False),
    sa.Column('day_failures', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('scope', 'key_hash')
    )
    op.create_table('recovery_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('recovery_code', schema=None) as batch_op:
        batch_op.create_index('ix_recovery_code_user', ['user_id', 'code_hash'], unique=False)
    # Plain ALTER TABLE (no batch copy): on SQLite a copied organization table loses its search-index and
    # kept-count triggers.
    op.add_column('organization', sa.Column('require_mfa', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_secret', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('totp_pending_secret', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('totp_enabled_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('totp_last_step', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('sign_in_blocked_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('authsession', schema=None) as batch_op:
        batch_op.add_column(sa.Column('second_factor_pending', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('authsession', schema=None) as batch_op:
        batch_op.drop_column('second_factor_pending')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('sign_in_blocked_at')
        batch_op.drop_column('totp_last_step')
        batch_op.drop_column('totp_enabled_at')
        batch_op.drop_column('totp_pending_secret')
        batch_op.drop_column('totp_secret')
    op.drop_column('organization', 'require_mfa')
    with op.batch_alter_table('recovery_code', schema=None) as batch_op:
        batch_op.drop_index('ix_recovery_code_user')
    op.drop_table('recovery_code')
    op.drop_table('attempt_counter')
