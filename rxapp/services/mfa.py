"""Multi-factor sign-in: TOTP (RFC 6238, `pyotp`) with one-time recovery codes.

A user sets it up from the account page (`begin_enrollment` shows the key and its QR code once, from a
key kept server-side until `confirm_enrollment` checks a first code) and from then on signs in with the
password, then a code (`complete_sign_in`). A code is accepted once: the last accepted time step is stored
and only a later step is taken, through a conditional UPDATE (two parallel sign-ins cannot both use it).
Code attempts are reserved like password attempts (`signin_guard`). Every change is audited and emailed.
"""

from __future__ import annotations

import hashlib
import secrets
import time

import pyotp
import segno
import sqlalchemy as sa
from pyotp.totp import TOTP  # the class, from its module (the package does not re-export it for type checkers)
from sqlmodel import Session, col, select

from rxapp.errors import DomainError, NotFound, PermissionDenied, RuleViolation, Throttled, ValidationFailed
from rxapp.models import AdminRole, AuditOutcome, AuthSession, Organization, OrgKind, RecoveryCode, User, utcnow
from rxapp.models.rows import rowcount, saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit, auth, mail, signin_guard
from rxapp.services.links import page_url

ISSUER = "Partner Center"
RECOVERY_CODES = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no look-alikes (0/o, 1/l/i)
RECOVERY_GROUP = 5  # "xxxxx-xxxxx": 10 characters of 31 symbols, about 50 bits
ACCEPTED_DRIFT_STEPS = 1  # the code of the previous or next 30-second step is accepted too (clock drift)
STEP_SECONDS = 30


def _now() -> float:
    """Real time (the authenticator app's clock is real too)."""
    return time.time()


def _hash_code(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _normalize_recovery(code: str) -> str:
    letters = "".join(ch for ch in (code or "").lower() if ch.isalnum())
    return f"{letters[:RECOVERY_GROUP]}-{letters[RECOVERY_GROUP:]}" if len(letters) == 2 * RECOVERY_GROUP else ""


def _new_recovery_code() -> str:
    letters = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(2 * RECOVERY_GROUP))
    return f"{letters[:RECOVERY_GROUP]}-{letters[RECOVERY_GROUP:]}"


def _me(session: Session, actor: Actor) -> User:
    user = session.get(User, actor.user_id)
    if user is None or actor.api_client_id is not None:
        raise NotFound()
    return user


def status(session: Session, actor: Actor) -> dict:
    """The actor's own second factor: on or not, required or not, recovery codes left; no secret."""
    user = _me(session, actor)
    org = session.get(Organization, user.org_id)
    assert org is not None, "a user's organization exists (foreign key)"
    left = session.exec(
        select(sa.func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, col(RecoveryCode.used_at).is_(None))
    ).one()
    return {
        "enabled": user.totp_enabled_at is not None,
        "required": auth.mfa_required(org),
        "org_requires": bool(org.require_mfa),
        "platform": org.kind == OrgKind.PLATFORM,
        "recovery_codes_left": int(left),
    }


def begin_enrollment(session: Session, actor: Actor) -> dict:
    """A new key for the actor, kept server-side until confirmed: returns the key to type, the
    `otpauth://` URI and its QR code as an SVG data URI (for the enrollment screen only)."""
    user = _me(session, actor)
    if user.totp_enabled_at is not None:
        raise ValidationFailed("mfa.already_enabled")
    secret = pyotp.random_base32()  # 160 bits
    user.totp_pending_secret = secret
    session.add(user)
    uri = TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
    qr = segno.make(uri, error="m").svg_data_uri(scale=4, border=2)
    return {"key": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)), "uri": uri, "qr": qr}


def _accept_totp(session: Session, user: User, secret: str, code: str) -> bool:
    """True when `code` is the code of a time step (±drift) later than the last one accepted; records it
    atomically, so the same code is never accepted twice."""
    digits = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(digits) != 6:
        return False
    totp, now = TOTP(secret), _now()
    current = int(now // STEP_SECONDS)
    for step in range(current - ACCEPTED_DRIFT_STEPS, current + ACCEPTED_DRIFT_STEPS + 1):
        if secrets.compare_digest(totp.at(step * STEP_SECONDS), digits):
            taken = session.execute(
                sa.update(User)
                .where(
                    col(User.id) == user.id, sa.or_(col(User.totp_last_step).is_(None), col(User.totp_last_step) < step)
                )
                .values(totp_last_step=step)
                .execution_options(synchronize_session=False)
            )
            if rowcount(taken) == 1:
                user.totp_last_step = step
                return True
            return False
    return False


def _accept_recovery(session: Session, user: User, code: str) -> bool:
    normalized = _normalize_recovery(code)
    if not normalized:
        return False
    row = session.exec(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash_code(normalized),
            col(RecoveryCode.used_at).is_(None),
        )
    ).first()
    if row is None:
        return False
    used = session.execute(
        sa.update(RecoveryCode)
        .where(col(RecoveryCode.id) == row.id, col(RecoveryCode.used_at).is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return rowcount(used) == 1


def _reserve_code(session: Session, user: User, client_address: str | None) -> None:
    try:
        signin_guard.reserve(
            session,
            scope=signin_guard.CODE,
            key=str(user.id),
            client_scope=signin_guard.CLIENT,
            client_address=client_address,
        )
    except Throttled as refusal:
        if refusal.params.get("blocked"):
            signin_guard.block_user(session, user, client_address=client_address)
        audit.record(
            session,
            action="auth.second_factor",
            org_id=user.org_id,
            actor_email=user.email,
            outcome=AuditOutcome.THROTTLED,
            client_address=client_address,
        )
        session.commit()
        raise


def _code_passed(session: Session, user: User, client_address: str | None) -> None:
    signin_guard.passed(
        session,
        scope=signin_guard.CODE,
        key=str(user.id),
        client_scope=signin_guard.CLIENT,
        client_address=client_address,
    )


def _refuse_code(session: Session, user: User, client_address: str | None, action: str) -> DomainError:
    audit.record(
        session,
        action=action,
        org_id=user.org_id,
        actor_email=user.email,
        outcome=AuditOutcome.REFUSED,
        client_address=client_address,
    )
    session.commit()
    return ValidationFailed("mfa.code_invalid", field="code")


def _issue_recovery_codes(session: Session, user: User) -> list[str]:
    session.execute(sa.delete(RecoveryCode).where(col(RecoveryCode.user_id) == user.id))
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
    for code in codes:
        session.add(RecoveryCode(user_id=saved_id(user.id), code_hash=_hash_code(code)))
    return codes


def confirm_enrollment(session: Session, actor: Actor, *, code: str, client_address: str | None = None) -> list[str]:
    """Turn the second factor on with the first code of the pending key; returns the recovery codes (shown
    once; only their hashes are kept)."""
    user = _me(session, actor)
    if user.totp_enabled_at is not None:
        raise ValidationFailed("mfa.already_enabled")
    secret = user.totp_pending_secret
    if not secret:
        raise RuleViolation("mfa.enrollment_expired")
    _reserve_code(session, user, client_address)
    if not _accept_totp(session, user, secret, code):
        raise _refuse_code(session, user, client_address, "mfa.enrollment")
    _code_passed(session, user, client_address)
    user.totp_secret, user.totp_pending_secret, user.totp_enabled_at = secret, None, utcnow()
    session.add(user)
    codes = _issue_recovery_codes(session, user)
    audit.record(
        session, action="mfa.enabled", actor=actor, target_type="user", target_id=user.id, client_address=client_address
    )
    mail.queue_catalog_email(session, to=user.email, key="mail.mfa_enabled", page=page_url("/account/security"))
    return codes


def complete_sign_in(session: Session, *, pending_token: str, code: str, client_address: str | None = None) -> str:
    """The second step of a sign-in: a code of the authenticator (or a recovery code) for the session the
    password opened. Returns the token of a full session; the pending one ends."""
    row = session.exec(
        select(AuthSession).where(
            AuthSession.token_hash == auth.token_hash(pending_token or ""),
            AuthSession.second_factor_pending == sa.true(),
            col(AuthSession.ended_at).is_(None),
        )
    ).first()
    user = session.get(User, row.user_id) if row else None
    if row is None or user is None or row.expires_at <= utcnow() or not user.totp_secret:
        raise RuleViolation("mfa.sign_in_again")
    _reserve_code(session, user, client_address)
    recovery = False
    if not _accept_totp(session, user, user.totp_secret, code):
        recovery = _accept_recovery(session, user, code)
        if not recovery:
            raise _refuse_code(session, user, client_address, "auth.second_factor")
    _code_passed(session, user, client_address)
    row.ended_at = utcnow()
    session.add(row)
    org = session.get(Organization, user.org_id)
    assert org is not None, "a user's organization exists (foreign key)"
    token = auth.open_session(session, user, client_address)
    audit.record(
        session,
        action="auth.sign_in",
        actor=auth.actor_for(user, org),
        target_type="user",
        target_id=user.id,
        detail="recovery code" if recovery else "authenticator code",
        client_address=client_address,
    )
    if recovery:
        left = status(session, auth.actor_for(user, org))["recovery_codes_left"]
        mail.queue_catalog_email(
            session, to=user.email, key="mail.mfa_recovery_used", left=left, page=page_url("/account/security")
        )
    return token


def new_recovery_codes(session: Session, actor: Actor, *, client_address: str | None = None) -> list[str]:
    """Replace the actor's recovery codes (the old ones stop working); shown once."""
    user = _me(session, actor)
    if user.totp_enabled_at is None:
        raise ValidationFailed("mfa.not_enabled")
    codes = _issue_recovery_codes(session, user)
    audit.record(
        session,
        action="mfa.recovery_codes_replaced",
        actor=actor,
        target_type="user",
        target_id=user.id,
        client_address=client_address,
    )
    mail.queue_catalog_email(session, to=user.email, key="mail.mfa_codes_replaced", page=page_url("/account/security"))
    return codes


def _last_global_admin(session: Session, user: User) -> bool:
    admins = session.exec(
        select(sa.func.count())
        .select_from(User)
        .where(User.org_id == user.org_id, User.is_active, User.admin_role == AdminRole.GLOBAL_ADMIN)
    ).one()
    return user.admin_role == AdminRole.GLOBAL_ADMIN and user.is_active and admins <= 1


def reset(session: Session, actor: Actor, *, user_id: int, client_address: str | None = None) -> None:
    """Turn a user's second factor off (a lost phone): a Global admin for the users of the organization,
    platform staff for another organization's last Global admin. The user sets it up again at the next
    sign-in when it is required; the user's sessions end."""
    require(actor, Action.MANAGE_SECOND_FACTOR)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    if user.org_id != actor.org_id:
        if actor.org_kind != OrgKind.PLATFORM:
            raise NotFound()  # another organization's user: not even its existence is told
        if not _last_global_admin(session, user):
            raise PermissionDenied(
                "mfa.reset_own_admins_first",
                action=Action.MANAGE_SECOND_FACTOR.value,
                roles=[AdminRole.GLOBAL_ADMIN.value],
            )
    if user.totp_enabled_at is None and user.totp_pending_secret is None:
        raise ValidationFailed("mfa.not_enabled")
    user.totp_secret = user.totp_pending_secret = None
    user.totp_enabled_at = user.totp_last_step = None
    session.add(user)
    session.execute(sa.delete(RecoveryCode).where(col(RecoveryCode.user_id) == user.id))
    auth.end_user_sessions(session, saved_id(user.id))
    audit.record(
        session,
        action="mfa.reset",
        actor=actor,
        target_type="user",
        target_id=user.id,
        detail=user.email,
        client_address=client_address,
    )
    mail.queue_catalog_email(session, to=user.email, key="mail.mfa_reset", by=actor.full_name or actor.email)


def reset_by_email(session: Session, actor: Actor, *, email: str, client_address: str | None = None) -> None:
    """`reset` of the user with this sign-in name (platform staff: another organization's last Global admin,
    who has no admin of its own to ask)."""
    require(actor, Action.MANAGE_SECOND_FACTOR)
    address = (email or "").strip().lower()[:254]
    user = session.exec(select(User).where(User.email == address)).first() if address else None
    if user is None:
        raise ValidationFailed("mfa.no_such_user", field="email")
    reset(session, actor, user_id=saved_id(user.id), client_address=client_address)


def set_requirement(session: Session, actor: Actor, *, required: bool, client_address: str | None = None) -> None:
    """The organization's policy: every user signs in with a second factor (those without one set it up
    at their next sign-in, before anything else)."""
    require(actor, Action.MANAGE_SECOND_FACTOR)
    org = session.get(Organization, actor.org_id)
    if org is None:
        raise NotFound()
    if bool(org.require_mfa) == required:
        return
    org.require_mfa = required
    session.add(org)
    audit.record(
        session,
        action="mfa.required" if required else "mfa.not_required",
        actor=actor,
        target_type="organization",
        target_id=org.id,
        client_address=client_address,
    )


def set_key(session: Session, user: User, secret: str) -> None:
    """Give a user a known key, already confirmed (the demo platform account, QA test data)."""
    TOTP(secret).now()  # refuses a key that is not base32
    user.totp_secret, user.totp_pending_secret, user.totp_enabled_at = secret, None, utcnow()
    session.add(user)
