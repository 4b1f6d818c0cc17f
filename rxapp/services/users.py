"""User management (Account settings › User management): list, add, change roles, deactivate, reset password.

Rules (SPEC section 3):
- everything needs `Action.MANAGE_USERS` and stays inside the actor's organization (unknown and other
  organizations' users both raise NotFound);
- nobody grants a role beyond what they may manage: only a Global admin grants Global admin, and only a
  Global admin changes, deactivates or resets the password of a Global admin (otherwise a User management
  admin could take over a Global admin's account);
- the last active Global admin of an organization can't be demoted or deactivated;
- a deactivated user's sessions end at once; so do the sessions of a user whose password is reset;
- a temporary password is returned to the caller exactly once and only its argon2 hash is stored; it
  expires after `settings.temporary_password_days` and must be changed at first sign-in;
- email addresses are unique across the whole system (the unique constraint settles races).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from rxapp.boundary import column_length, record_id
from rxapp.db_reads import Prepared, read
from rxapp.errors import NotFound, PermissionDenied, ValidationFailed
from rxapp.models import AdminRole, AgentRole, Organization, User, utcnow
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit, auth, mail, signin_guard
from rxapp.services.passwords import generate_temporary_password, hash_password
from rxapp.services.validation import normalize_email, require_text
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
        """From a `User` or a row of `_SUMMARY_COLUMNS`."""
        return cls(
            id=user.id,
            full_name=user.full_name,
            email=user.email,
            agent_role=AgentRole(user.agent_role),
            admin_role=AdminRole(user.admin_role),
            is_active=user.is_active,
            must_change_password=user.must_change_password,
            created_at=user.created_at,
            mfa_on=user.totp_enabled_at is not None,
        )


_SUMMARY_COLUMNS = (
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


# --- rules ---------------------------------------------------------------------------------------------


def grantable_admin_roles(actor: Actor) -> frozenset[AdminRole]:
    """The admin roles `actor` may grant: all of them for a Global admin, all but Global admin otherwise."""
    if actor.admin_role == AdminRole.GLOBAL_ADMIN:
        return frozenset(AdminRole)
    return frozenset(AdminRole) - {AdminRole.GLOBAL_ADMIN}


def _refuse_global_admin_only() -> PermissionDenied:
    return PermissionDenied(action="manage_global_admins", roles=[AdminRole.GLOBAL_ADMIN.value])


def _parse_roles(agent_role: str, admin_role: str) -> tuple[AgentRole, AdminRole]:
    try:
        agent = AgentRole(str(agent_role))
    except ValueError as exc:
        raise ValidationFailed("users.role_invalid", field="agent_role") from exc
    try:
        admin = AdminRole(str(admin_role))
    except ValueError as exc:
        raise ValidationFailed("users.role_invalid", field="admin_role") from exc
    return agent, admin


def _check_may_grant(actor: Actor, admin_role: AdminRole) -> None:
    if admin_role not in grantable_admin_roles(actor):
        raise _refuse_global_admin_only()


def _check_may_manage(actor: Actor, target: User) -> None:
    """Only a Global admin manages a Global admin's account."""
    if target.admin_role == AdminRole.GLOBAL_ADMIN and actor.admin_role != AdminRole.GLOBAL_ADMIN:
        raise _refuse_global_admin_only()


def _own_user(session: Session, actor: Actor, user_id: int) -> User:
    """A user of the actor's organization; anything else is NotFound (unknown and foreign look the same)."""
    user = session.get(User, record_id(user_id))
    if user is None or user.org_id != actor.org_id:
        raise NotFound()
    return user


def _lock_org(session: Session, org_id: int) -> None:
    """Serialize Global-admin changes of one organization (PostgreSQL row lock; SQLite has one writer)."""
    session.exec(select(Organization.id).where(Organization.id == org_id).with_for_update()).first()


def _active_global_admins(session: Session, org_id: int) -> int:
    return session.exec(
        select(func.count())
        .select_from(User)
        .where(User.org_id == org_id, col(User.is_active).is_(True), User.admin_role == AdminRole.GLOBAL_ADMIN)
    ).one()


def _keep_a_global_admin(session: Session, org_id: int) -> None:
    """Checked after the change is flushed (inside the same transaction): at least one active Global admin
    must remain, otherwise the change is refused and the caller's transaction rolled back."""
    session.flush()
    if _active_global_admins(session, org_id) == 0:
        raise ValidationFailed("users.last_global_admin", field="admin_role")


def _temporary_password(user: User) -> Credentials:
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


def _roles_text(agent: AgentRole | str, admin: AdminRole | str) -> str:
    return f"{AgentRole(agent).value}+{AdminRole(admin).value}"


# --- queries -------------------------------------------------------------------------------------------


_AGENT_ROLES = frozenset(r.value for r in AgentRole)
_ADMIN_ROLES = frozenset(r.value for r in AdminRole)
_LIST_STATEMENTS: dict[tuple[bool, str, str], tuple[Prepared, Prepared]] = {}


def _like_escaped(text: str) -> str:
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")


def _user_list_statements(search: bool, role_column: str, status: str) -> tuple[Prepared, Prepared]:
    """The count and page statements of one combination of the list's filters, built once (with bound
    values: the list runs on every event). Columns, not User objects: no password hash read, no ORM work."""
    key = (search, role_column, status)
    if key not in _LIST_STATEMENTS:
        query = sa.select(*_SUMMARY_COLUMNS).where(col(User.org_id) == sa.bindparam("org"))
        if search:
            pattern = sa.bindparam("pattern")
            query = query.where(
                sa.or_(
                    func.lower(User.full_name).like(pattern, escape="/"),
                    func.lower(User.email).like(pattern, escape="/"),
                )
            )
        if role_column:
            column = col(User.agent_role) if role_column == "agent" else col(User.admin_role)
            query = query.where(column == sa.bindparam("role"))
        if status:
            query = query.where(col(User.is_active).is_(status == "active"))
        page = (
            query.order_by(func.lower(User.full_name), col(User.id))
            .offset(sa.bindparam("offset"))
            .limit(sa.bindparam("limit"))
        )
        _LIST_STATEMENTS[key] = (Prepared(sa.select(func.count()).select_from(query.subquery())), Prepared(page))
    return _LIST_STATEMENTS[key]


def list_users(
    session: Session,
    actor: Actor,
    *,
    search: str = "",
    role: str = "",
    status: str = "",
    limit: int = 25,
    offset: int = 0,
) -> tuple[list[UserSummary], int]:
    """One page of the organization's users (by name), filtered by name/email text, role and status."""
    require(actor, Action.MANAGE_USERS, read=True)
    needle = (search or "").strip().lower()[:254]
    role_column = "agent" if role in _AGENT_ROLES else "admin" if role in _ADMIN_ROLES else ""
    count, page = _user_list_statements(bool(needle), role_column, status if status in {"active", "inactive"} else "")
    params = {"org": actor.org_id, "pattern": f"%{_like_escaped(needle)}%", "role": role}
    total = read(session, count, params).scalar_one()
    limit = min(max(1, int(limit)), MAX_PAGE_SIZE)
    rows = read(session, page, {**params, "offset": max(0, int(offset)), "limit": limit})
    return [UserSummary.of(row) for row in rows], total


def get_user(session: Session, actor: Actor, *, user_id: int) -> UserSummary:
    """One user of the actor's organization."""
    require(actor, Action.MANAGE_USERS, read=True)
    return UserSummary.of(_own_user(session, actor, user_id))


# --- changes -------------------------------------------------------------------------------------------


def _refuse_taken(session: Session, actor: Actor, address: str) -> None:
    """An address already in use: in the actor's own organization say so (its users are listed anyway);
    anywhere else, say nothing about where or whether it exists: the same "cannot be used" answer, and the
    address's owner gets an email about the attempt (kept although the add is refused)."""
    owner = session.exec(select(User).where(User.email == address)).first()
    if owner is None:
        return
    if owner.org_id == actor.org_id:
        raise ValidationFailed("validation.email_taken", field="email")
    mail.queue_catalog_email(
        session,
        to=owner.email,
        key="mail.add_user_elsewhere",
        admin=actor.full_name,
        org=actor.org_name,
        name=owner.full_name,
    )
    audit.record(session, action="user.add_refused", actor=actor, detail="address not available")
    refusal = ValidationFailed("users.email_unavailable", field="email")
    refusal.keeps_changes = True
    raise refusal


def add_user(
    session: Session,
    actor: Actor,
    *,
    full_name: str,
    email: str,
    agent_role: str,
    admin_role: str,
    client_address: str | None = None,
) -> Credentials:
    """Create a user in the actor's organization with a temporary password, returned here and never again."""
    require(actor, Action.MANAGE_USERS)
    name = require_text(full_name, field="full_name", max_length=FULL_NAME_MAX)
    address = normalize_email(email)
    agent, admin = _parse_roles(agent_role, admin_role)
    _check_may_grant(actor, admin)
    _refuse_taken(session, actor, address)
    user = User(
        org_id=actor.org_id, email=address, full_name=name, agent_role=agent, admin_role=admin, password_hash=""
    )  # the temporary password's hash, set just below
    credentials = _temporary_password(user)
    session.add(user)
    try:
        session.flush()
    except IntegrityError:  # a concurrent add of the same address won the race: answer as if it had been first
        session.rollback()
        _refuse_taken(session, actor, address)
        raise ValidationFailed("validation.email_taken", field="email") from None
    audit.record(
        session,
        action="user.added",
        actor=actor,
        target_type="user",
        target_id=user.id,
        detail=f"{address} roles={_roles_text(agent, admin)}",
        client_address=client_address,
    )
    return Credentials(
        user_id=saved_id(user.id),
        email=credentials.email,
        full_name=name,
        temporary_password=credentials.temporary_password,
        expires_at=credentials.expires_at,
    )


def update_roles(
    session: Session,
    actor: Actor,
    *,
    user_id: int,
    agent_role: str,
    admin_role: str,
    client_address: str | None = None,
) -> UserSummary:
    """Set a user's agent and admin role (**Update**)."""
    require(actor, Action.MANAGE_USERS)
    agent, admin = _parse_roles(agent_role, admin_role)
    user = _own_user(session, actor, user_id)
    _check_may_manage(actor, user)
    _check_may_grant(actor, admin)
    before = _roles_text(user.agent_role, user.admin_role)
    was_global_admin = user.admin_role == AdminRole.GLOBAL_ADMIN
    if user.agent_role == agent and user.admin_role == admin:
        return UserSummary.of(user)
    _lock_org(session, actor.org_id)
    user.agent_role, user.admin_role = agent, admin
    session.add(user)
    if was_global_admin and admin != AdminRole.GLOBAL_ADMIN:
        _keep_a_global_admin(session, actor.org_id)
    audit.record(
        session,
        action="user.roles_updated",
        actor=actor,
        target_type="user",
        target_id=user.id,
        detail=f"{user.email} {before} -> {_roles_text(agent, admin)}",
        client_address=client_address,
    )
    return UserSummary.of(user)


def set_active(
    session: Session,
    actor: Actor,
    *,
    user_id: int,
    active: bool,
    client_address: str | None = None,
) -> UserSummary:
    """Deactivate (ending every session at once) or reactivate a user."""
    require(actor, Action.MANAGE_USERS)
    user = _own_user(session, actor, user_id)
    _check_may_manage(actor, user)
    active = bool(active)
    if not active and user.id == actor.user_id:
        raise ValidationFailed("users.cannot_deactivate_self")
    if user.is_active == active:
        return UserSummary.of(user)
    _lock_org(session, actor.org_id)
    user.is_active = active
    session.add(user)
    if not active:
        if user.admin_role == AdminRole.GLOBAL_ADMIN:
            _keep_a_global_admin(session, actor.org_id)
        auth.end_user_sessions(session, saved_id(user.id))
    audit.record(
        session,
        action="user.reactivated" if active else "user.deactivated",
        actor=actor,
        target_type="user",
        target_id=user.id,
        detail=user.email,
        client_address=client_address,
    )
    return UserSummary.of(user)


def reset_password(
    session: Session,
    actor: Actor,
    *,
    user_id: int,
    client_address: str | None = None,
) -> Credentials:
    """Give a user a new temporary password (returned once) and end the user's sessions."""
    require(actor, Action.MANAGE_USERS)
    user = _own_user(session, actor, user_id)
    _check_may_manage(actor, user)
    if user.id == actor.user_id:
        raise ValidationFailed("users.reset_own_password")
    if not user.is_active:
        raise ValidationFailed("users.inactive")
    credentials = _temporary_password(user)
    signin_guard.clear_user(session, user)  # a new password from an admin also lifts a sign-in block
    session.add(user)
    auth.end_user_sessions(session, saved_id(user.id))
    audit.record(
        session,
        action="user.password_reset",
        actor=actor,
        target_type="user",
        target_id=user.id,
        detail=user.email,
        client_address=client_address,
    )
    return credentials
