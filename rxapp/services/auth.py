"""Sign-in, server-side sessions, sign-out and password changes.

The browser holds a 256-bit random token; only its SHA-256 is stored. Every event re-resolves the token
(`resolve_session`), so sign-out, deactivation and password changes take effect at once everywhere.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp import clock
from rxapp.db_reads import Prepared, read
from rxapp.errors import RuleViolation, Throttled, ValidationFailed
from rxapp.i18n import LANGUAGES
from rxapp.models import AuditOutcome, AuthSession, Organization, OrgKind, OrgStatus, User, utcnow
from rxapp.models.rows import rowcount, saved_id
from rxapp.permissions import Actor
from rxapp.services import audit, signin_guard
from rxapp.services.passwords import check_password_policy, hash_password, needs_rehash, verify_password
from rxapp.services.validation import normalize_email
from rxapp.settings import get_settings

TOUCH_EVERY = timedelta(seconds=60)
TOUCH_SPREAD_SECONDS = 30


def touch_after(session_id: int) -> timedelta:
    """How long after a session's recorded activity it is recorded again: 31-60 s, fixed per session. With one
    interval for all, sessions that began together (a morning's sign-ins, a benchmark's tabs) came due in the same
    second, every one of them again each interval, and each event of that second waited for a write: 1,000 tabs
    acting every 2 s made 500 such commits a second on PostgreSQL. The idle limit stays exact to within a minute."""
    return TOUCH_EVERY - timedelta(seconds=session_id % TOUCH_SPREAD_SECONDS)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def suspension_of(org: Organization) -> str | None:
    """The staff's reason when the organization is suspended, else None (what `Actor.suspension` holds)."""
    return (org.suspension_reason or "") if org.suspended_at is not None else None


token_hash = _token_hash  # the stored form of a session token (services.mfa finds a pending session by it)


def open_session(session: Session, user: User, client_address: str | None) -> str:
    """A full session for a user whose every factor was checked (services.mfa); returns its token."""
    return _start_session(session, user, client_address)


def actor_for(user: User, org: Organization) -> Actor:
    """The acting identity of a user (no secrets, safe to hand to any service)."""
    return Actor(
        user_id=saved_id(user.id),
        org_id=saved_id(org.id),
        org_kind=org.kind,
        agent_role=user.agent_role,
        admin_role=user.admin_role,
        email=user.email,
        full_name=user.full_name,
        org_name=org.name,
        org_active=org.status == OrgStatus.ACTIVE,
        suspension=suspension_of(org),
        must_change_password=user.must_change_password,
        must_enroll_mfa=mfa_required(org) and user.totp_enabled_at is None,
        language=user.language,
    )


def mfa_required(org: Organization) -> bool:
    """Platform staff always sign in with a second factor; other organizations when their Global admin
    requires it."""
    return org.kind == OrgKind.PLATFORM or bool(org.require_mfa)


def _start_session(session: Session, user: User, client_address: str | None, *, pending: bool = False) -> str:
    settings = get_settings()
    token = secrets.token_urlsafe(32)
    now = clock.now(user.org_id)  # the clock its idle and absolute expiry are judged by
    lifetime = (
        timedelta(minutes=SECOND_FACTOR_MINUTES_TO_ENTER)
        if pending
        else timedelta(hours=settings.session_absolute_hours)
    )
    session.add(
        AuthSession(
            user_id=saved_id(user.id),
            token_hash=_token_hash(token),
            created_at=now,
            last_seen_at=now,
            expires_at=now + lifetime,
            client_address=client_address,
            second_factor_pending=pending,
        )
    )
    return token


SECOND_FACTOR_MINUTES_TO_ENTER = 5  # the password step stays valid this long for the code step


def sign_in(
    session: Session,
    *,
    email: str,
    password: str,
    client_address: str | None = None,
    language: str | None = None,
    language_chosen: bool = False,
) -> str:
    """`start_sign_in` for callers that need a full session: an account with a second factor is refused
    here with `auth.second_factor_required` (it signs in on the sign-in page)."""
    token, pending = start_sign_in(
        session,
        email=email,
        password=password,
        client_address=client_address,
        language=language,
        language_chosen=language_chosen,
    )
    if pending:  # the pending session is never handed out (it expires unused); the right password still counts
        session.commit()
        raise RuleViolation("auth.second_factor_required")
    return token


def start_sign_in(
    session: Session,
    *,
    email: str,
    password: str,
    client_address: str | None = None,
    language: str | None = None,
    language_chosen: bool = False,
) -> tuple[str, bool]:
    """Check the password; returns a token and whether the second factor is still to come (then the token
    is only good for `mfa.complete_sign_in`). `language`, the UI language the user signs in with, becomes
    the user's language if none is saved yet, or always when the user chose it on the signed-out page
    (`language_chosen`): the last explicit choice wins (see `set_language`).

    An attempt is reserved per client and per account before the hash is checked (`signin_guard`), so
    parallel guesses check at most the free attempts and then wait. Unknown account and wrong password get
    the same error, time and counting (a dummy hash is verified). Failures are committed before the error.
    """
    try:
        address = normalize_email(email)
    except ValidationFailed:
        address = (email or "").strip().lower()[:254]
    user = session.exec(select(User).where(User.email == address)).first()
    try:
        if user is not None and user.sign_in_blocked_at is not None:
            raise Throttled("auth.blocked", blocked=True)
        signin_guard.reserve(
            session,
            scope=signin_guard.ACCOUNT,
            key=address,
            client_scope=signin_guard.CLIENT,
            client_address=client_address,
        )
    except Throttled as refusal:
        if refusal.params.get("blocked") and user is not None:
            signin_guard.block_user(session, user, client_address=client_address)
        audit.record(
            session,
            action="auth.sign_in",
            org_id=user.org_id if user else None,
            actor_email=address,
            outcome=AuditOutcome.THROTTLED,
            client_address=client_address,
        )
        session.commit()
        raise

    valid = verify_password(password or "", user.password_hash if user else None)
    org = session.get(Organization, user.org_id) if user else None
    if not valid or user is None or not user.is_active or org is None or org.status == OrgStatus.INACTIVE:
        audit.record(
            session,
            action="auth.sign_in",
            org_id=user.org_id if user else None,
            actor_email=address,
            outcome=AuditOutcome.REFUSED,
            client_address=client_address,
        )
        session.commit()
        raise RuleViolation("auth.invalid_credentials")

    now = utcnow()
    if user.must_change_password and user.temporary_password_expires_at and (user.temporary_password_expires_at <= now):
        audit.record(
            session,
            action="auth.sign_in",
            org_id=user.org_id,
            actor_email=address,
            outcome=AuditOutcome.REFUSED,
            detail="temporary password expired",
            client_address=client_address,
        )
        session.commit()
        raise RuleViolation("auth.temporary_password_expired")

    pending = user.totp_enabled_at is not None
    # The password was right: the account's streak ends (the client's reservation is given back too). With
    # a second factor the code step is counted on its own (scope CODE) until the whole sign-in succeeds.
    signin_guard.passed(
        session,
        scope=signin_guard.ACCOUNT,
        key=address,
        client_scope=signin_guard.CLIENT,
        client_address=client_address,
    )
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    if language in LANGUAGES and (user.language is None or language_chosen):
        user.language = language
    session.add(user)
    token = _start_session(session, user, client_address, pending=pending)
    audit.record(
        session,
        action="auth.password_accepted" if pending else "auth.sign_in",
        actor=actor_for(user, org),
        target_type="user",
        target_id=user.id,
        client_address=client_address,
    )
    return token, pending


_SESSION_ROW = Prepared(
    sa.select(
        col(AuthSession.id),
        col(AuthSession.expires_at),
        col(AuthSession.last_seen_at),
        col(User.id),
        col(User.email),
        col(User.full_name),
        col(User.agent_role),
        col(User.admin_role),
        col(User.is_active),
        col(User.must_change_password),
        col(User.language),
        col(Organization.id),
        col(Organization.kind),
        col(Organization.status),
        col(Organization.name),
        col(Organization.suspended_at),
        col(Organization.suspension_reason),
        col(User.totp_enabled_at),
        col(Organization.require_mfa),
    )
    .join(User, col(User.id) == AuthSession.user_id)
    .join(Organization, col(Organization.id) == User.org_id)
    .where(
        col(AuthSession.token_hash) == sa.bindparam("token_hash"),
        col(AuthSession.ended_at).is_(None),
        col(AuthSession.second_factor_pending) == sa.false(),
    )
)


def resolve_session(session: Session, token: str | None, *, now: datetime | None = None) -> Actor | None:
    """The actor behind a session token, or None when the session is unknown, ended, idle or expired.

    Runs on every event, so it is one indexed query (session, user and organization together); it writes
    only to end a session or, at most once every 31-60 s (`touch_after`), to move the idle deadline."""
    if not token:
        return None
    row = read(session, _SESSION_ROW, {"token_hash": _token_hash(token)}).first()
    if row is None:
        return None
    (
        session_id,
        expires_at,
        last_seen_at,
        user_id,
        email,
        full_name,
        agent_role,
        admin_role,
        is_active,
        must_change_password,
        language,
        org_id,
        org_kind,
        org_status,
        org_name,
        suspended_at,
        reason,
        totp_enabled_at,
        require_mfa,
    ) = row
    now = now or clock.now(org_id)
    idle_limit = timedelta(minutes=get_settings().session_idle_minutes)
    if expires_at <= now or last_seen_at + idle_limit <= now or not is_active or org_status == OrgStatus.INACTIVE:
        session.execute(sa.update(AuthSession).where(AuthSession.id == session_id).values(ended_at=now))
        return None
    if now - last_seen_at >= touch_after(session_id):
        session.execute(sa.update(AuthSession).where(AuthSession.id == session_id).values(last_seen_at=now))
    return Actor(
        user_id=user_id,
        org_id=org_id,
        org_kind=org_kind,
        agent_role=agent_role,
        admin_role=admin_role,
        email=email,
        full_name=full_name,
        org_name=org_name,
        org_active=org_status == OrgStatus.ACTIVE,
        suspension=(reason or "") if suspended_at is not None else None,
        must_change_password=must_change_password,
        language=language,
        must_enroll_mfa=totp_enabled_at is None and (org_kind == OrgKind.PLATFORM or bool(require_mfa)),
    )


def sign_out(session: Session, token: str | None) -> None:
    """End the session behind `token` (no error when it is already gone)."""
    if not token:
        return
    row = session.exec(select(AuthSession).where(AuthSession.token_hash == _token_hash(token))).first()
    if row is not None and row.ended_at is None:
        row.ended_at = utcnow()
        session.add(row)
        user = session.get(User, row.user_id)
        audit.record(
            session,
            action="auth.sign_out",
            org_id=user.org_id if user else None,
            actor_email=user.email if user else None,
            target_type="user",
            target_id=row.user_id,
        )


def end_user_sessions(session: Session, user_id: int) -> int:
    """End every open session of a user (deactivation, password change, reset)."""
    result = session.execute(
        sa.update(AuthSession)
        .where(col(AuthSession.user_id) == user_id, col(AuthSession.ended_at).is_(None))
        .values(ended_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return rowcount(result)


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
    session: Session,
    actor: Actor,
    *,
    current_password: str,
    new_password: str,
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
    end_user_sessions(session, saved_id(user.id))
    audit.record(
        session,
        action="auth.password_changed",
        actor=actor,
        target_type="user",
        target_id=user.id,
        client_address=client_address,
    )
    return _start_session(session, user, client_address)
