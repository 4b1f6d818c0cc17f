"""Sign-in, server-side sessions, sign-out and password changes.

The browser holds a 256-bit random token; only its SHA-256 is stored. Every event re-resolves the token
(`resolve_session`), so sign-out, deactivation and password changes take effect at once everywhere.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, select

from rxapp import clock
from rxapp.errors import DomainError, Throttled, ValidationFailed
from rxapp.i18n import LANGUAGES
from rxapp.models import AuditOutcome, AuthSession, Organization, OrgStatus, User, utcnow
from rxapp.permissions import Actor
from rxapp.services import audit
from rxapp.services.passwords import check_password_policy, hash_password, needs_rehash, verify_password
from rxapp.services.throttle import get_throttle
from rxapp.services.validation import normalize_email
from rxapp.settings import get_settings

TOUCH_EVERY = timedelta(seconds=60)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def actor_for(user: User, org: Organization) -> Actor:
    """The acting identity of a user (no secrets, safe to hand to any service)."""
    return Actor(
        user_id=user.id,
        org_id=org.id,
        org_kind=org.kind,
        agent_role=user.agent_role,
        admin_role=user.admin_role,
        email=user.email,
        full_name=user.full_name,
        org_name=org.name,
        org_active=org.status == OrgStatus.ACTIVE,
        must_change_password=user.must_change_password,
        language=user.language,
    )


def _start_session(session: Session, user: User, client_address: str | None) -> str:
    settings = get_settings()
    token = secrets.token_urlsafe(32)
    now = clock.now(user.org_id)  # the clock its idle and absolute expiry are judged by
    session.add(
        AuthSession(
            user_id=user.id,
            token_hash=_token_hash(token),
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=settings.session_absolute_hours),
            client_address=client_address,
        )
    )
    return token


def sign_in(session: Session, *, email: str, password: str, client_address: str | None = None,
            language: str | None = None, language_chosen: bool = False) -> str:
    """Check the credentials and open a session; returns the new session token. `language`, the UI language
    the user signs in with, becomes the user's language if none is saved yet, or always when the user chose
    it on the signed-out page (`language_chosen`): the last explicit choice wins (see `set_language`).

    Unknown account and wrong password get the same error (and the same time: a dummy hash is verified).
    Failures are throttled per account and per client, and counted in the database so a lockout survives
    restarts. A failed attempt is committed before the error is raised, so it is never lost.
    """
    settings = get_settings()
    window = settings.sign_in_window_minutes * 60
    try:
        address = normalize_email(email)
    except ValidationFailed:
        address = (email or "").strip().lower()[:254]
    throttle = get_throttle()
    now = utcnow()
    user = session.exec(select(User).where(User.email == address)).first()
    locked = user is not None and user.locked_until is not None and user.locked_until > now
    if (
        locked
        or not throttle.check("sign-in-account", address, limit=settings.sign_in_attempts_per_account,
                              window_seconds=window)
        or not throttle.check("sign-in-client", client_address or "-",
                              limit=settings.sign_in_attempts_per_client, window_seconds=window)
    ):
        audit.record(session, action="auth.sign_in", org_id=user.org_id if user else None,
                     actor_email=address, outcome=AuditOutcome.THROTTLED, client_address=client_address)
        session.commit()
        raise Throttled("auth.throttled", minutes=settings.sign_in_window_minutes)

    valid = verify_password(password or "", user.password_hash if user else None)
    org = session.get(Organization, user.org_id) if user else None
    if not valid or user is None or not user.is_active or org is None or org.status == OrgStatus.INACTIVE:
        throttle.hit("sign-in-account", address, limit=settings.sign_in_attempts_per_account,
                     window_seconds=window)
        throttle.hit("sign-in-client", client_address or "-", limit=settings.sign_in_attempts_per_client,
                     window_seconds=window)
        if user is not None:
            user.failed_sign_ins += 1
            if user.failed_sign_ins >= settings.sign_in_attempts_per_account:
                user.locked_until = now + timedelta(minutes=settings.sign_in_window_minutes)
                user.failed_sign_ins = 0
            session.add(user)
        audit.record(session, action="auth.sign_in", org_id=user.org_id if user else None,
                     actor_email=address, outcome=AuditOutcome.REFUSED, client_address=client_address)
        session.commit()
        raise DomainError("auth.invalid_credentials")

    if user.must_change_password and user.temporary_password_expires_at and (
        user.temporary_password_expires_at <= now
    ):
        audit.record(session, action="auth.sign_in", org_id=user.org_id, actor_email=address,
                     outcome=AuditOutcome.REFUSED, detail="temporary password expired",
                     client_address=client_address)
        session.commit()
        raise DomainError("auth.temporary_password_expired")

    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.failed_sign_ins = 0
    user.locked_until = None
    if language in LANGUAGES and (user.language is None or language_chosen):
        user.language = language
    session.add(user)
    throttle.clear("sign-in-account", address)
    token = _start_session(session, user, client_address)
    audit.record(session, action="auth.sign_in", actor=actor_for(user, org), target_type="user",
                 target_id=user.id, client_address=client_address)
    return token


_SESSION_ROW = (
    sa.select(AuthSession.id, AuthSession.expires_at, AuthSession.last_seen_at, User.id, User.email,
              User.full_name, User.agent_role, User.admin_role, User.is_active, User.must_change_password,
              User.language, Organization.id, Organization.kind, Organization.status, Organization.name)
    .join(User, User.id == AuthSession.user_id)
    .join(Organization, Organization.id == User.org_id)
    .where(AuthSession.token_hash == sa.bindparam("token_hash"), AuthSession.ended_at.is_(None))
)


def resolve_session(session: Session, token: str | None, *, now: datetime | None = None) -> Actor | None:
    """The actor behind a session token, or None when the session is unknown, ended, idle or expired.

    Runs on every event, so it is one indexed query (session, user and organization together); it writes
    only to end a session or, at most once a minute, to move the idle deadline."""
    if not token:
        return None
    row = session.execute(_SESSION_ROW, {"token_hash": _token_hash(token)}).first()
    if row is None:
        return None
    (session_id, expires_at, last_seen_at, user_id, email, full_name, agent_role, admin_role, is_active,
     must_change_password, language, org_id, org_kind, org_status, org_name) = row
    now = now or clock.now(org_id)
    idle_limit = timedelta(minutes=get_settings().session_idle_minutes)
    if expires_at <= now or last_seen_at + idle_limit <= now or not is_active or org_status == OrgStatus.INACTIVE:
        session.execute(sa.update(AuthSession).where(AuthSession.id == session_id).values(ended_at=now))
        return None
    if now - last_seen_at >= TOUCH_EVERY:
        session.execute(sa.update(AuthSession).where(AuthSession.id == session_id).values(last_seen_at=now))
    return Actor(user_id=user_id, org_id=org_id, org_kind=org_kind, agent_role=agent_role, admin_role=admin_role,
                 email=email, full_name=full_name, org_name=org_name, org_active=org_status == OrgStatus.ACTIVE,
                 must_change_password=must_change_password, language=language)


def sign_out(session: Session, token: str | None) -> None:
    """End the session behind `token` (no error when it is already gone)."""
    if not token:
        return
    row = session.exec(select(AuthSession).where(AuthSession.token_hash == _token_hash(token))).first()
    if row is not None and row.ended_at is None:
        row.ended_at = utcnow()
        session.add(row)
        user = session.get(User, row.user_id)
        audit.record(session, action="auth.sign_out", org_id=user.org_id if user else None,
                     actor_email=user.email if user else None, target_type="user", target_id=row.user_id)


def end_user_sessions(session: Session, user_id: int) -> int:
    """End every open session of a user (deactivation, password change, reset)."""
    result = session.execute(
        sa.update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.ended_at.is_(None))
        .values(ended_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def set_language(session: Session, actor: Actor, *, language: str) -> None:
    """The actor's own UI language ('en' or 'ko'); the emails sent to the user are written in it."""
    if language not in LANGUAGES:
        raise ValidationFailed("validation.language_invalid", field="language")
    user = session.get(User, actor.user_id)
    if user is not None and user.language != language:
        user.language = language
        session.add(user)


def password_context_words(user: User, org: Organization) -> list[str]:
    """Words a password must not contain: the organization's name and the email's local part."""
    return [org.name, user.email.split("@")[0], user.full_name]


def change_password(
    session: Session, actor: Actor, *, current_password: str, new_password: str,
    client_address: str | None = None,
) -> str:
    """Change the actor's own password, end all its sessions and return a fresh session token."""
    user = session.get(User, actor.user_id)
    org = session.get(Organization, actor.org_id)
    if user is None or org is None or not verify_password(current_password or "", user.password_hash):
        raise ValidationFailed("auth.current_password_wrong", field="current_password")
    if new_password == current_password:
        raise ValidationFailed("password.same_as_old", field="password")
    check_password_policy(new_password, context_words=password_context_words(user, org))
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    user.temporary_password_expires_at = None
    user.password_changed_at = utcnow()
    session.add(user)
    end_user_sessions(session, user.id)
    audit.record(session, action="auth.password_changed", actor=actor, target_type="user", target_id=user.id,
                 client_address=client_address)
    return _start_session(session, user, client_address)
