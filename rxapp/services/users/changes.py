"""Changes to users: add, change roles, deactivate or reactivate, reset the password."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from rxapp.errors import ValidationFailed
from rxapp.models import AdminRole, User
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit, auth, mail, signin_guard
from rxapp.services.users.rules import (
    FULL_NAME_MAX,
    Credentials,
    UserSummary,
    check_may_grant,
    check_may_manage,
    issue_temporary_password,
    keep_a_global_admin,
    lock_org,
    own_user,
    parse_roles,
    roles_text,
)
from rxapp.services.validation import normalize_email, require_text


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
    agent, admin = parse_roles(agent_role, admin_role)
    check_may_grant(actor, admin)
    _refuse_taken(session, actor, address)
    user = User(
        org_id=actor.org_id, email=address, full_name=name, agent_role=agent, admin_role=admin, password_hash=""
    )  # the temporary password's hash, set just below
    credentials = issue_temporary_password(user)
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
        detail=f"{address} roles={roles_text(agent, admin)}",
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
    agent, admin = parse_roles(agent_role, admin_role)
    user = own_user(session, actor, user_id)
    check_may_manage(actor, user)
    check_may_grant(actor, admin)
    before = roles_text(user.agent_role, user.admin_role)
    was_global_admin = user.admin_role == AdminRole.GLOBAL_ADMIN
    if user.agent_role == agent and user.admin_role == admin:
        return UserSummary.of(user)
    lock_org(session, actor.org_id)
    user.agent_role, user.admin_role = agent, admin
    session.add(user)
    if was_global_admin and admin != AdminRole.GLOBAL_ADMIN:
        keep_a_global_admin(session, actor.org_id)
    audit.record(
        session,
        action="user.roles_updated",
        actor=actor,
        target_type="user",
        target_id=user.id,
        detail=f"{user.email} {before} -> {roles_text(agent, admin)}",
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
    user = own_user(session, actor, user_id)
    check_may_manage(actor, user)
    active = bool(active)
    if not active and user.id == actor.user_id:
        raise ValidationFailed("users.cannot_deactivate_self")
    if user.is_active == active:
        return UserSummary.of(user)
    lock_org(session, actor.org_id)
    user.is_active = active
    session.add(user)
    if not active:
        if user.admin_role == AdminRole.GLOBAL_ADMIN:
            keep_a_global_admin(session, actor.org_id)
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
    user = own_user(session, actor, user_id)
    check_may_manage(actor, user)
    if user.id == actor.user_id:
        raise ValidationFailed("users.reset_own_password")
    if not user.is_active:
        raise ValidationFailed("users.inactive")
    credentials = issue_temporary_password(user)
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
