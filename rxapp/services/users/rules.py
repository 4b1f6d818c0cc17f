"""What user management returns (a user's summary, credentials shown once) and its rules: who may grant
or manage which role, the organization's own users only, at least one active Global admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, func, select

from rxapp.boundary import column_length, record_id
from rxapp.errors import NotFound, PermissionDenied, ValidationFailed
from rxapp.models import AdminRole, AgentRole, Organization, User, utcnow
from rxapp.permissions import Actor
from rxapp.services.passwords import generate_temporary_password, hash_password
from rxapp.settings import get_settings

MAX_PAGE_SIZE = 200
FULL_NAME_MAX = column_length(User, "full_name")


@dataclass(frozen=True)
class UserSummary:
    """What the user list and the edit page show (never the password hash)."""

    id: int
    full_name: str
    email: str
    agent_role: AgentRole
    admin_role: AdminRole
    is_active: bool
    must_change_password: bool
    created_at: datetime
    mfa_on: bool = False

    @classmethod
    def of(cls, user: Any) -> UserSummary:
        """From a `User` or a row of `SUMMARY_COLUMNS`."""
        return cls(
            id=user.id,
            full_name=user.full_name,
            email=user.email,
            # Read as members already (`EnumText`); a plain value (a user not yet flushed) is converted.
            agent_role=user.agent_role if type(user.agent_role) is AgentRole else AgentRole(user.agent_role),
            admin_role=user.admin_role if type(user.admin_role) is AdminRole else AdminRole(user.admin_role),
            is_active=user.is_active,
            must_change_password=user.must_change_password,
            created_at=user.created_at,
            mfa_on=user.totp_enabled_at is not None,
        )


SUMMARY_COLUMNS = (
    col(User.id),
    col(User.full_name),
    col(User.email),
    col(User.agent_role),
    col(User.admin_role),
    col(User.is_active),
    col(User.must_change_password),
    col(User.created_at),
    col(User.totp_enabled_at),
)


@dataclass(frozen=True)
class Credentials:
    """A sign-in name and a temporary password: handed to the caller once, never stored in plain text."""

    user_id: int
    email: str
    full_name: str
    temporary_password: str
    expires_at: datetime

    def __repr__(self) -> str:  # keep the password out of logs and tracebacks
        return f"Credentials(user_id={self.user_id}, email={self.email!r}, temporary_password='***')"


def grantable_admin_roles(actor: Actor) -> frozenset[AdminRole]:
    """The admin roles `actor` may grant: all of them for a Global admin, all but Global admin otherwise."""
    if actor.admin_role == AdminRole.GLOBAL_ADMIN:
        return frozenset(AdminRole)
    return frozenset(AdminRole) - {AdminRole.GLOBAL_ADMIN}


def refuse_global_admin_only() -> PermissionDenied:
    return PermissionDenied(action="manage_global_admins", roles=[AdminRole.GLOBAL_ADMIN.value])


def parse_roles(agent_role: str, admin_role: str) -> tuple[AgentRole, AdminRole]:
    try:
        agent = AgentRole(str(agent_role))
    except ValueError as exc:
        raise ValidationFailed("users.role_invalid", field="agent_role") from exc
    try:
        admin = AdminRole(str(admin_role))
    except ValueError as exc:
        raise ValidationFailed("users.role_invalid", field="admin_role") from exc
    return agent, admin


def check_may_grant(actor: Actor, admin_role: AdminRole) -> None:
    if admin_role not in grantable_admin_roles(actor):
        raise refuse_global_admin_only()


def check_may_manage(actor: Actor, target: User) -> None:
    """Only a Global admin manages a Global admin's account."""
    if target.admin_role == AdminRole.GLOBAL_ADMIN and actor.admin_role != AdminRole.GLOBAL_ADMIN:
        raise refuse_global_admin_only()


def own_user(session: Session, actor: Actor, user_id: int) -> User:
    """A user of the actor's organization; anything else is NotFound (unknown and foreign look the same)."""
    user = session.get(User, record_id(user_id))
    if user is None or user.org_id != actor.org_id:
        raise NotFound()
    return user


def lock_org(session: Session, org_id: int) -> None:
    """Serialize Global-admin changes of one organization (PostgreSQL row lock; SQLite has one writer)."""
    session.exec(select(Organization.id).where(Organization.id == org_id).with_for_update()).first()


def active_global_admins(session: Session, org_id: int) -> int:
    return session.exec(
        select(func.count())
        .select_from(User)
        .where(User.org_id == org_id, col(User.is_active).is_(True), User.admin_role == AdminRole.GLOBAL_ADMIN)
    ).one()


def keep_a_global_admin(session: Session, org_id: int) -> None:
    """Checked after the change is flushed (inside the same transaction): at least one active Global admin
    must remain, otherwise the change is refused and the caller's transaction rolled back."""
    session.flush()
    if active_global_admins(session, org_id) == 0:
        raise ValidationFailed("users.last_global_admin", field="admin_role")


def issue_temporary_password(user: User) -> Credentials:
    """Give `user` a fresh temporary password (only its hash is kept) and return it once."""
    password = generate_temporary_password()
    expires = utcnow() + timedelta(days=get_settings().temporary_password_days)
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.temporary_password_expires_at = expires
    return Credentials(
        user_id=user.id or 0,
        email=user.email,
        full_name=user.full_name,
        temporary_password=password,
        expires_at=expires,
    )


def roles_text(agent: AgentRole | str, admin: AdminRole | str) -> str:
    return f"{AgentRole(agent).value}+{AdminRole(admin).value}"
