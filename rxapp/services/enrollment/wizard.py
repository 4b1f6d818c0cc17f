"""The enrollment wizard up to the business details (SPEC section 2, steps 2-7): the work account (sign in or
create), the Partner Membership Center sign-in, the choice of a PMC profile and the draft it starts. No password
is ever kept: the PMC sign-in returns only the PMC account's id, which the (server-side) wizard state passes back
and which is re-checked at every later step.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from rxapp.boundary import column_length
from rxapp.errors import Conflict, DomainError, NotFound, RuleViolation, Throttled, ValidationFailed
from rxapp.models import (
    AdminRole,
    AgentRole,
    AuditOutcome,
    Enrollment,
    EnrollmentStatus,
    MpnProfile,
    Organization,
    OrgKind,
    OrgStatus,
    PmcAccess,
    PmcAccount,
    ProfileStatus,
    User,
    utcnow,
)
from rxapp.models.rows import saved_id
from rxapp.permissions import Actor
from rxapp.services import audit, auth, signin_guard
from rxapp.services.attempts import ACCOUNT_DAILY_FAILURES
from rxapp.services.enrollment.rules import (
    DETAIL_NAMES,
    OPEN_STATES,
    country_label,
    eligible_org,
)
from rxapp.services.passwords import check_password_policy, hash_password, verify_password
from rxapp.services.throttle import WORK_ACCOUNT_CREATION
from rxapp.services.validation import (
    normalize_domain,
    normalize_email,
    require_country,
    require_text,
)


def check_can_enroll(session: Session, actor: Actor) -> dict:
    """The work account the actor would enroll (name, country); raises when it may not."""
    org = eligible_org(session, actor)
    return {"org_name": org.name, "country": org.country}


def sign_in_work_account(
    session: Session, *, email: str, password: str, client_address: str | None = None
) -> tuple[str, bool]:
    """Step 2: sign in with the work account's Global admin credentials (throttled like every sign-in).

    Returns the new session token and whether the organization already has a submitted application (the
    wizard then shows its status instead). A user who may not enroll gets the reason and no session.
    """
    token, pending = auth.start_sign_in(session, email=email, password=password, client_address=client_address)
    if pending:  # the right password of an account with a second factor: say why it cannot enroll, if it can't
        user = session.exec(select(User).where(User.email == normalize_email(email))).one()
        session.commit()
        org = session.get(Organization, user.org_id)
        assert org is not None, "a user's organization exists (foreign key)"
        eligible_org(session, auth.actor_for(user, org))
        raise RuleViolation("auth.second_factor_required")
    actor = auth.resolve_session(session, token)
    if actor is None:  # pragma: no cover - a session just opened always resolves
        raise RuleViolation("auth.invalid_credentials")
    try:
        eligible_org(session, actor)
    except Conflict:
        return token, True
    except DomainError as refusal:
        # Nothing of the sign-in is kept (the caller rolls back); the refusal itself is logged.
        session.rollback()
        audit.record(
            session,
            action="enrollment.sign_in",
            org_id=actor.org_id,
            actor_email=actor.email,
            outcome=AuditOutcome.REFUSED,
            detail=refusal.code,
            client_address=client_address,
        )
        session.commit()
        raise
    audit.record(
        session,
        action="enrollment.sign_in",
        actor=actor,
        target_type="organization",
        target_id=actor.org_id,
        client_address=client_address,
    )
    return token, False


def create_work_account(
    session: Session,
    *,
    company_name: str,
    country: str,
    domain: str,
    admin_name: str,
    admin_email: str,
    password: str,
    client_address: str | None = None,
) -> str:
    """Step 2, **Create**: a new work account (an unenrolled reseller organization) and its Global admin.

    Returns the admin's normalized email, to sign in with next. Throttled per client address.
    """
    WORK_ACCOUNT_CREATION.require(client_address or "-")
    name = require_text(company_name, field="company_name", max_length=column_length(Organization, "name"))
    country_code = require_country(country)
    domain_name = normalize_domain(domain)
    full_name = require_text(admin_name, field="admin_name", max_length=column_length(User, "full_name"))
    email = normalize_email(admin_email, field="admin_email")
    check_password_policy(password or "", context_words=[name, email.split("@")[0], full_name, domain_name])
    if session.exec(select(Organization.id).where(Organization.domain == domain_name)).first() is not None:
        raise ValidationFailed("enroll.domain_taken", field="domain")
    if session.exec(select(User.id).where(User.email == email)).first() is not None:
        raise ValidationFailed("validation.email_taken", field="admin_email")
    org = Organization(
        kind=OrgKind.RESELLER, status=OrgStatus.UNENROLLED, name=name, country=country_code, domain=domain_name
    )
    session.add(org)
    try:
        session.flush()
        user = User(
            org_id=saved_id(org.id),
            email=email,
            full_name=full_name,
            password_hash=hash_password(password),
            agent_role=AgentRole.NOT_AN_AGENT,
            admin_role=AdminRole.GLOBAL_ADMIN,
            password_changed_at=utcnow(),
        )
        session.add(user)
        session.flush()
    except IntegrityError as exc:  # a concurrent request took the domain or the email
        raise Conflict("enroll.work_account_taken") from exc
    audit.record(
        session,
        action="enrollment.work_account_created",
        org_id=org.id,
        actor_email=email,
        target_type="organization",
        target_id=org.id,
        client_address=client_address,
    )
    return email


# ------------------------------------------------------------------------------------------- PMC sign-in


PMC_PROOF_SECONDS = 30 * 60  # how long one PMC sign-in vouches for the wizard's later steps


def pmc_proof_stamp() -> float:
    """When a PMC sign-in succeeded, in wall-clock seconds: the wizard's next request may be served by another
    worker, where a `time.monotonic()` reading of this one means nothing."""
    return time.time()


def pmc_proof_fresh(stamp: float, *, now: float | None = None) -> bool:
    """Whether a PMC sign-in made at `stamp` still vouches for the wizard (no stamp: it never happened)."""
    current = time.time() if now is None else now
    return stamp > 0 and 0 <= current - stamp <= PMC_PROOF_SECONDS


def pmc_sign_in(
    session: Session, actor: Actor, *, user_name: str, password: str, client_address: str | None = None
) -> int:
    """Steps 4-5: check Partner Membership Center credentials; returns the PMC account's id (no secret).

    Unknown user name and wrong password get the same error and cost the same time. Like every sign-in, an
    attempt is reserved per PMC user name and per client before the password is checked (`signin_guard`:
    growing waits, a daily limit); the failure is committed before the error is raised.
    """
    eligible_org(session, actor)
    name = (user_name or "").strip().lower()[:100]
    try:
        signin_guard.reserve(
            session,
            scope=signin_guard.PMC,
            key=name or "-",
            client_scope=signin_guard.PMC_CLIENT,
            client_address=client_address,
        )
    except Throttled as refusal:
        audit.record(
            session,
            action="enrollment.pmc_sign_in",
            actor=actor,
            outcome=AuditOutcome.THROTTLED,
            detail=f"pmc user {name}",
            client_address=client_address,
        )
        session.commit()
        if refusal.params.get("blocked"):
            raise Throttled("enroll.pmc_blocked", limit=ACCOUNT_DAILY_FAILURES) from refusal
        raise
    account = session.exec(select(PmcAccount).where(PmcAccount.user_name == name)).first() if name else None
    valid = verify_password(password or "", account.password_hash if account else None)
    if not valid or account is None or not account.is_active:
        audit.record(
            session,
            action="enrollment.pmc_sign_in",
            actor=actor,
            outcome=AuditOutcome.REFUSED,
            detail=f"pmc user {name}",
            client_address=client_address,
        )
        session.commit()
        raise RuleViolation("enroll.pmc_invalid")
    signin_guard.passed(
        session, scope=signin_guard.PMC, key=name, client_scope=signin_guard.PMC_CLIENT, client_address=client_address
    )
    audit.record(
        session,
        action="enrollment.pmc_sign_in",
        actor=actor,
        target_type="pmc_account",
        target_id=account.id,
        client_address=client_address,
    )
    return saved_id(account.id)


def _pmc_account(session: Session, pmc_account_id: int | None) -> PmcAccount:
    account = session.get(PmcAccount, pmc_account_id) if pmc_account_id else None
    if account is None or not account.is_active:
        raise RuleViolation("enroll.pmc_sign_in_again")
    return account


@dataclass(frozen=True, slots=True)
class PmcProfile:
    """An organization profile the signed-in PMC user may act for (step 6's list)."""

    id: int
    mpn_id: str
    name: str
    country: str
    active: bool
    linked: bool  # linked to another organization already
    same_country: bool  # in the work account's country/region


def list_pmc_profiles(session: Session, actor: Actor, *, pmc_account_id: int | None) -> list[PmcProfile]:
    """Step 6: every organization profile the signed-in PMC user may act for (inactive and linked ones too,
    marked, so the user sees why one cannot be chosen)."""
    org = eligible_org(session, actor)
    account = _pmc_account(session, pmc_account_id)
    rows = session.exec(
        select(MpnProfile)
        .join(PmcAccess, col(PmcAccess.mpn_profile_id) == MpnProfile.id)
        .where(PmcAccess.pmc_account_id == account.id)
        .order_by(MpnProfile.mpn_id)
    ).all()
    return [
        PmcProfile(
            id=saved_id(p.id),
            mpn_id=p.mpn_id,
            name=p.name,
            country=p.country,
            active=p.status == ProfileStatus.ACTIVE,
            linked=p.linked_org_id is not None and p.linked_org_id != org.id,
            same_country=p.country == org.country,
        )
        for p in rows
    ]


def check_profile(
    session: Session, org: Organization, pmc_account_id: int | None, mpn_profile_id: int | None
) -> MpnProfile:
    """The profile rules: the PMC user may act for it, it is active, not linked to (or being enrolled by)
    another account, and in the work account's country/region."""
    account = _pmc_account(session, pmc_account_id)
    profile = session.get(MpnProfile, mpn_profile_id) if mpn_profile_id else None
    if profile is None or session.get(PmcAccess, (account.id, profile.id)) is None:
        raise NotFound()
    if profile.status != ProfileStatus.ACTIVE:
        raise RuleViolation("enroll.profile_inactive", mpn_id=profile.mpn_id)
    if profile.linked_org_id is not None and profile.linked_org_id != org.id:
        raise RuleViolation("enroll.profile_linked", mpn_id=profile.mpn_id)
    busy = session.exec(
        select(Enrollment.id).where(
            Enrollment.mpn_profile_id == profile.id,
            Enrollment.org_id != org.id,
            col(Enrollment.status).in_(OPEN_STATES),
        )
    ).first()
    if busy is not None:
        raise RuleViolation("enroll.profile_in_use", mpn_id=profile.mpn_id)
    if profile.country != org.country:
        raise RuleViolation(
            "enroll.country_mismatch",
            mpn_id=profile.mpn_id,
            profile_country=country_label(profile.country),
            account_country=country_label(org.country),
        )
    return profile


def choose_profile(session: Session, actor: Actor, *, pmc_account_id: int | None, mpn_profile_id: int | None) -> int:
    """Step 6, **Continue**: check the chosen profile and keep it in the work account's draft application
    (created or updated); returns the draft's id."""
    org = eligible_org(session, actor)
    profile = check_profile(session, org, pmc_account_id, mpn_profile_id)
    draft = session.exec(
        select(Enrollment).where(Enrollment.org_id == org.id, Enrollment.status == EnrollmentStatus.DRAFT)
    ).first()
    if draft is None:
        draft = Enrollment(
            org_id=saved_id(org.id),
            applicant_user_id=actor.user_id,
            mpn_profile_id=profile.id,
            country=org.country,
            legal_name=org.legal_name or org.name,
        )
    else:
        draft.mpn_profile_id, draft.applicant_user_id, draft.country = profile.id, actor.user_id, org.country
    session.add(draft)
    try:
        session.flush()
    except IntegrityError as exc:  # another tab created the draft at the same moment
        raise Conflict("enroll.conflict") from exc
    audit.record(
        session,
        action="enrollment.profile_chosen",
        actor=actor,
        target_type="enrollment",
        target_id=draft.id,
        detail=f"mpn {profile.mpn_id}",
    )
    return saved_id(draft.id)


def draft_defaults(session: Session, actor: Actor, *, enrollment_id: int | None) -> dict:
    """What step 7 starts with: the draft's MPN ID, the work account's name and country, and the business
    details to provide or update: what the account already holds, the legal name from the chosen PMC profile."""
    org = eligible_org(session, actor)
    draft = session.get(Enrollment, enrollment_id) if enrollment_id else None
    if draft is None or draft.org_id != org.id or draft.status != EnrollmentStatus.DRAFT:
        raise NotFound()
    profile = session.get(MpnProfile, draft.mpn_profile_id) if draft.mpn_profile_id else None
    details = {name: str(getattr(org, name, None) or "") for name in DETAIL_NAMES}
    details["legal_name"] = details["legal_name"] or (profile.name if profile else org.name)
    details["contact_email"] = details["contact_email"] or actor.email
    return {
        "mpn_id": profile.mpn_id if profile else "",
        "org_name": org.name,
        "country": org.country,
        "details": details,
    }
