"""Enrollment of a new indirect reseller (SPEC section 2): the wizard's steps as service calls, the
verification link, and the platform's review.

States: draft → pending_verification → in_review → approved | rejected. Every transition is a conditional
`UPDATE ... WHERE status = <expected>` that must touch exactly one row, so a second click, a replayed link,
a stale tab or a race gets `Conflict` (or `LinkInvalid`) and never a second record or a skipped step.

The wizard runs as the work account's signed-in Global admin. Its organization is not active yet, so the
permission matrix grants it nothing: `_eligible_org` is the rule for the enrollment calls instead. No
password is ever kept: the PMC sign-in returns only the PMC account's id, which the (server-side) wizard
state passes back and which is re-checked at every later step.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from rxapp.errors import Conflict, DomainError, NotFound, PermissionDenied, Throttled, ValidationFailed
from rxapp.models import (
    AdminRole,
    AgentRole,
    AuditOutcome,
    Enrollment,
    EnrollmentStatus,
    LinkPurpose,
    LinkStatus,
    MpnProfile,
    Organization,
    OrgKind,
    OrgStatus,
    PmcAccess,
    PmcAccount,
    ProfileStatus,
    RegistryCustomer,
    Relationship,
    RelationshipKind,
    User,
    utcnow,
)
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit, auth, links, mail, relationships, signin_guard, webhooks
from rxapp.services.attempts import ACCOUNT_DAILY_FAILURES
from rxapp.services.passwords import check_password_policy, hash_password, verify_password
from rxapp.services.throttle import get_throttle
from rxapp.services.validation import (
    COUNTRIES,
    normalize_domain,
    normalize_email,
    normalize_phone,
    normalize_postal_code,
    normalize_website,
    require_business_email,
    require_country,
    require_text,
)
from rxapp.settings import get_settings

OPEN_STATES = (EnrollmentStatus.PENDING_VERIFICATION, EnrollmentStatus.IN_REVIEW)
REVIEW_FILTERS = ("pending_verification", "in_review", "approved", "rejected", "all")
STEP9_DAYS = 30  # how long the dashboard shows the "are you in the admin agent group?" check
CREATE_PER_CLIENT_PER_HOUR = 10
RESEND_PER_HOUR = 5

# The business details of step 7, in form order: (field, required, max length).
DETAIL_FIELDS: tuple[tuple[str, bool, int], ...] = (
    ("legal_name", True, 200),
    ("address_line1", True, 200),
    ("address_line2", False, 200),
    ("city", True, 100),
    ("region", False, 100),
    ("postal_code", True, 20),
    ("contact_first_name", True, 100),
    ("contact_last_name", True, 100),
    ("contact_email", True, 254),
    ("contact_phone", True, 40),
    ("support_email", True, 254),
    ("support_phone", True, 40),
    ("support_website", False, 300),
)
DETAIL_NAMES = tuple(name for name, _, _ in DETAIL_FIELDS)


def joined(*parts: str | None, separator: str = " · ") -> str:
    """The non-empty parts, separated (no stray separators or spaces around missing ones)."""
    return separator.join(part.strip() for part in parts if part and part.strip())


def address_text(line1: str | None, line2: str | None, city: str | None, region: str | None,
                 postal_code: str | None) -> str:
    """`2 Gangnam-daero, Suite 5, Seoul Gangnam-gu 06000`: lines, then city, region and postal code."""
    return joined(line1, line2, joined(city, region, postal_code, separator=" "), separator=", ")


def country_label(code: str) -> str:
    """`Korea, Republic of (KR)` for messages that name a country/region."""
    return f"{COUNTRIES.get(code, code)} ({code})"


# ------------------------------------------------------------------------------------------- eligibility


def _eligible_org(session: Session, actor: Actor) -> Organization:
    """The actor's work account if the actor may enroll it now; refusals say why."""
    org = session.get(Organization, actor.org_id)
    if org is None:
        raise NotFound()
    if org.kind != OrgKind.RESELLER or org.status == OrgStatus.INACTIVE:
        raise DomainError("enroll.not_work_account")
    if org.status == OrgStatus.ACTIVE:
        raise DomainError("enroll.already_enrolled")
    if actor.admin_role != AdminRole.GLOBAL_ADMIN:
        raise PermissionDenied("enroll.global_admin_required", action="enroll", roles=["global_admin"])
    if _open_enrollment(session, org.id) is not None:
        raise Conflict("enroll.already_submitted")
    return org


def _open_enrollment(session: Session, org_id: int) -> Enrollment | None:
    return session.exec(
        select(Enrollment).where(Enrollment.org_id == org_id, Enrollment.status.in_(OPEN_STATES))
    ).first()


def check_can_enroll(session: Session, actor: Actor) -> dict:
    """The work account the actor would enroll (name, country); raises when it may not."""
    org = _eligible_org(session, actor)
    return {"org_name": org.name, "country": org.country, "country_label": country_label(org.country)}


def sign_in_work_account(session: Session, *, email: str, password: str, client_address: str | None = None
                         ) -> tuple[str, bool]:
    """Step 2: sign in with the work account's Global admin credentials (throttled like every sign-in).

    Returns the new session token and whether the organization already has a submitted application (the
    wizard then shows its status instead). A user who may not enroll gets the reason and no session.
    """
    token, pending = auth.start_sign_in(session, email=email, password=password, client_address=client_address)
    if pending:  # the right password of an account with a second factor: say why it cannot enroll, if it can't
        user = session.exec(select(User).where(User.email == normalize_email(email))).one()
        session.commit()
        _eligible_org(session, auth.actor_for(user, session.get(Organization, user.org_id)))
        raise DomainError("auth.second_factor_required")
    actor = auth.resolve_session(session, token)
    if actor is None:  # pragma: no cover - a session just opened always resolves
        raise DomainError("auth.invalid_credentials")
    try:
        _eligible_org(session, actor)
    except Conflict:
        return token, True
    except DomainError as refusal:
        # Nothing of the sign-in is kept (the caller rolls back); the refusal itself is logged.
        session.rollback()
        audit.record(session, action="enrollment.sign_in", org_id=actor.org_id, actor_email=actor.email,
                     outcome=AuditOutcome.REFUSED, detail=refusal.code, client_address=client_address)
        session.commit()
        raise
    audit.record(session, action="enrollment.sign_in", actor=actor, target_type="organization",
                 target_id=actor.org_id, client_address=client_address)
    return token, False


def create_work_account(
    session: Session, *, company_name: str, country: str, domain: str, admin_name: str, admin_email: str,
    password: str, client_address: str | None = None,
) -> str:
    """Step 2, **Create**: a new work account (an unenrolled reseller organization) and its Global admin.

    Returns the admin's normalized email, to sign in with next. Throttled per client address.
    """
    throttle = get_throttle()
    if not throttle.hit("enroll-create-client", client_address or "-", limit=CREATE_PER_CLIENT_PER_HOUR,
                        window_seconds=3600):
        raise Throttled()
    name = require_text(company_name, field="company_name", max_length=200)
    country_code = require_country(country)
    domain_name = normalize_domain(domain)
    full_name = require_text(admin_name, field="admin_name", max_length=200)
    email = normalize_email(admin_email, field="admin_email")
    check_password_policy(password or "", context_words=[name, email.split("@")[0], full_name, domain_name])
    if session.exec(select(Organization.id).where(Organization.domain == domain_name)).first() is not None:
        raise ValidationFailed("enroll.domain_taken", field="domain")
    if session.exec(select(User.id).where(User.email == email)).first() is not None:
        raise ValidationFailed("validation.email_taken", field="admin_email")
    org = Organization(kind=OrgKind.RESELLER, status=OrgStatus.UNENROLLED, name=name, country=country_code,
                       domain=domain_name)
    session.add(org)
    try:
        session.flush()
        user = User(org_id=org.id, email=email, full_name=full_name, password_hash=hash_password(password),
                    agent_role=AgentRole.NOT_AN_AGENT, admin_role=AdminRole.GLOBAL_ADMIN,
                    password_changed_at=utcnow())
        session.add(user)
        session.flush()
    except IntegrityError as exc:  # a concurrent request took the domain or the email
        raise Conflict("enroll.work_account_taken") from exc
    audit.record(session, action="enrollment.work_account_created", org_id=org.id, actor_email=email,
                 target_type="organization", target_id=org.id, client_address=client_address)
    return email


# ------------------------------------------------------------------------------------------- PMC sign-in


def pmc_sign_in(session: Session, actor: Actor, *, user_name: str, password: str,
                client_address: str | None = None) -> int:
    """Steps 4-5: check Partner Membership Center credentials; returns the PMC account's id (no secret).

    Unknown user name and wrong password get the same error and cost the same time. Like every sign-in, an
    attempt is reserved per PMC user name and per client before the password is checked (`signin_guard`:
    growing waits, a daily limit); the failure is committed before the error is raised.
    """
    _eligible_org(session, actor)
    name = (user_name or "").strip().lower()[:100]
    try:
        signin_guard.reserve(session, scope=signin_guard.PMC, key=name or "-", client_scope=signin_guard.PMC_CLIENT,
                             client_address=client_address)
    except Throttled as refusal:
        audit.record(session, action="enrollment.pmc_sign_in", actor=actor, outcome=AuditOutcome.THROTTLED,
                     detail=f"pmc user {name}", client_address=client_address)
        session.commit()
        if refusal.params.get("blocked"):
            raise Throttled("enroll.pmc_blocked", limit=ACCOUNT_DAILY_FAILURES) from refusal
        raise
    account = session.exec(select(PmcAccount).where(PmcAccount.user_name == name)).first() if name else None
    valid = verify_password(password or "", account.password_hash if account else None)
    if not valid or account is None or not account.is_active:
        audit.record(session, action="enrollment.pmc_sign_in", actor=actor, outcome=AuditOutcome.REFUSED,
                     detail=f"pmc user {name}", client_address=client_address)
        session.commit()
        raise DomainError("enroll.pmc_invalid")
    signin_guard.passed(session, scope=signin_guard.PMC, key=name, client_scope=signin_guard.PMC_CLIENT,
                        client_address=client_address)
    audit.record(session, action="enrollment.pmc_sign_in", actor=actor, target_type="pmc_account",
                 target_id=account.id, client_address=client_address)
    return account.id


def _pmc_account(session: Session, pmc_account_id: int | None) -> PmcAccount:
    account = session.get(PmcAccount, pmc_account_id) if pmc_account_id else None
    if account is None or not account.is_active:
        raise DomainError("enroll.pmc_sign_in_again")
    return account


def list_pmc_profiles(session: Session, actor: Actor, *, pmc_account_id: int | None) -> list[dict]:
    """Step 6: every organization profile the signed-in PMC user may act for (inactive and linked ones too,
    marked, so the user sees why one cannot be chosen)."""
    org = _eligible_org(session, actor)
    account = _pmc_account(session, pmc_account_id)
    rows = session.exec(
        select(MpnProfile)
        .join(PmcAccess, PmcAccess.mpn_profile_id == MpnProfile.id)
        .where(PmcAccess.pmc_account_id == account.id)
        .order_by(MpnProfile.mpn_id)
    ).all()
    return [
        {
            "id": p.id,
            "mpn_id": p.mpn_id,
            "name": p.name,
            "country": p.country,
            "country_label": country_label(p.country),
            "active": p.status == ProfileStatus.ACTIVE,
            "linked": p.linked_org_id is not None and p.linked_org_id != org.id,
            "same_country": p.country == org.country,
        }
        for p in rows
    ]


def _check_profile(session: Session, org: Organization, pmc_account_id: int | None,
                   mpn_profile_id: int | None) -> MpnProfile:
    """The profile rules: the PMC user may act for it, it is active, not linked to (or being enrolled by)
    another account, and in the work account's country/region."""
    account = _pmc_account(session, pmc_account_id)
    profile = session.get(MpnProfile, mpn_profile_id) if mpn_profile_id else None
    access = profile is not None and session.get(PmcAccess, (account.id, profile.id)) is not None
    if not access:
        raise NotFound()
    if profile.status != ProfileStatus.ACTIVE:
        raise DomainError("enroll.profile_inactive", mpn_id=profile.mpn_id)
    if profile.linked_org_id is not None and profile.linked_org_id != org.id:
        raise DomainError("enroll.profile_linked", mpn_id=profile.mpn_id)
    busy = session.exec(
        select(Enrollment.id).where(Enrollment.mpn_profile_id == profile.id, Enrollment.org_id != org.id,
                                    Enrollment.status.in_(OPEN_STATES))
    ).first()
    if busy is not None:
        raise DomainError("enroll.profile_in_use", mpn_id=profile.mpn_id)
    if profile.country != org.country:
        raise DomainError("enroll.country_mismatch", mpn_id=profile.mpn_id,
                          profile_country=country_label(profile.country),
                          account_country=country_label(org.country))
    return profile


def choose_profile(session: Session, actor: Actor, *, pmc_account_id: int | None,
                   mpn_profile_id: int | None) -> int:
    """Step 6, **Continue**: check the chosen profile and keep it in the work account's draft application
    (created or updated); returns the draft's id."""
    org = _eligible_org(session, actor)
    profile = _check_profile(session, org, pmc_account_id, mpn_profile_id)
    draft = session.exec(
        select(Enrollment).where(Enrollment.org_id == org.id, Enrollment.status == EnrollmentStatus.DRAFT)
    ).first()
    if draft is None:
        draft = Enrollment(org_id=org.id, applicant_user_id=actor.user_id, mpn_profile_id=profile.id,
                           country=org.country, legal_name=org.legal_name or org.name)
    else:
        draft.mpn_profile_id, draft.applicant_user_id, draft.country = profile.id, actor.user_id, org.country
    session.add(draft)
    try:
        session.flush()
    except IntegrityError as exc:  # another tab created the draft at the same moment
        raise Conflict("enroll.conflict") from exc
    audit.record(session, action="enrollment.profile_chosen", actor=actor, target_type="enrollment",
                 target_id=draft.id, detail=f"mpn {profile.mpn_id}")
    return draft.id


def draft_defaults(session: Session, actor: Actor, *, enrollment_id: int | None) -> dict:
    """What step 7 starts with: the draft's MPN ID, the work account's name and country, and the business
    details to provide or update: what the account already holds, the legal name from the chosen PMC profile."""
    org = _eligible_org(session, actor)
    draft = session.get(Enrollment, enrollment_id) if enrollment_id else None
    if draft is None or draft.org_id != org.id or draft.status != EnrollmentStatus.DRAFT:
        raise NotFound()
    profile = session.get(MpnProfile, draft.mpn_profile_id) if draft.mpn_profile_id else None
    details = {name: str(getattr(org, name, None) or "") for name in DETAIL_NAMES}
    details["legal_name"] = details["legal_name"] or (profile.name if profile else org.name)
    details["contact_email"] = details["contact_email"] or actor.email
    return {"mpn_id": profile.mpn_id if profile else "", "org_name": org.name, "country": org.country,
            "country_label": country_label(org.country), "details": details}


# ------------------------------------------------------------------------------------------- submit


def validate_details(details: dict, *, country: str) -> dict[str, str]:
    """Check and normalize the legal business profile, primary contact and support details."""
    raw = {name: str(details.get(name) or "") for name in DETAIL_NAMES}
    clean: dict[str, str] = {}
    for name, required, max_length in DETAIL_FIELDS:
        if name in ("postal_code", "contact_email", "contact_phone", "support_email", "support_phone",
                    "support_website"):
            continue
        value = raw[name].strip()
        if required or value:
            value = require_text(value, field=name, max_length=max_length)
        clean[name] = value
    clean["postal_code"] = normalize_postal_code(raw["postal_code"], country, field="postal_code")
    clean["contact_email"] = require_business_email(raw["contact_email"], field="contact_email")
    clean["contact_phone"] = normalize_phone(raw["contact_phone"], field="contact_phone")
    clean["support_email"] = normalize_email(raw["support_email"], field="support_email")
    clean["support_phone"] = normalize_phone(raw["support_phone"], field="support_phone")
    clean["support_website"] = normalize_website(raw["support_website"], field="support_website")
    for name, _, max_length in DETAIL_FIELDS:
        if len(clean[name]) > max_length:
            raise ValidationFailed("validation.too_long", field=name, max=max_length)
    return clean


def _transition(session: Session, enrollment: Enrollment, expected: EnrollmentStatus, new: EnrollmentStatus,
                conflict: str = "enroll.conflict", **values: Any) -> None:
    """Move one application from `expected` to `new` exactly once (conditional UPDATE, one row)."""
    result = session.execute(
        sa.update(Enrollment)
        .where(Enrollment.id == enrollment.id, Enrollment.status == expected)
        .values(status=new, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(conflict)
    session.refresh(enrollment)


def _send_verification(session: Session, enrollment: Enrollment, org: Organization, issuer_user_id: int) -> None:
    link, token = links.issue_link(
        session, purpose=LinkPurpose.ENROLLMENT_VERIFICATION, issuer_org_id=org.id, issuer_user_id=issuer_user_id,
        target_email=enrollment.contact_email, target_org_id=org.id, enrollment_id=enrollment.id,
    )
    url = links.link_url(LinkPurpose.ENROLLMENT_VERIFICATION, token)
    mail.queue_catalog_email(session, to=enrollment.contact_email, key="enroll.mail.verify",
                             name=enrollment.contact_first_name, org=org.name, url=url,
                             days=get_settings().link_lifetime_days)


def submit_enrollment(session: Session, actor: Actor, *, enrollment_id: int | None, pmc_account_id: int | None,
                      details: dict) -> int:
    """Step 7, **Enroll now**: re-check everything on the server, store the details, move the draft to
    `pending_verification` and email the primary contact a verification link. Returns the application id."""
    org = _eligible_org(session, actor)
    draft = session.get(Enrollment, enrollment_id) if enrollment_id else None
    if draft is None or draft.org_id != org.id:
        raise NotFound()
    if draft.status != EnrollmentStatus.DRAFT:
        raise Conflict("enroll.already_submitted")
    profile = _check_profile(session, org, pmc_account_id, draft.mpn_profile_id)
    clean = validate_details(details, country=org.country)
    _transition(session, draft, EnrollmentStatus.DRAFT, EnrollmentStatus.PENDING_VERIFICATION,
                conflict="enroll.already_submitted", submitted_at=utcnow(), applicant_user_id=actor.user_id,
                mpn_profile_id=profile.id, country=org.country, **clean)
    _send_verification(session, draft, org, actor.user_id)
    audit.record(session, action="enrollment.submitted", actor=actor, target_type="enrollment",
                 target_id=draft.id, detail=f"mpn {profile.mpn_id}")
    return draft.id


def resend_verification(session: Session, actor: Actor, *, enrollment_id: int) -> None:
    """**Resend verification email**: a new link to the primary contact; the old one stops working."""
    enrollment = _own_enrollment(session, actor, enrollment_id)
    if actor.admin_role != AdminRole.GLOBAL_ADMIN:
        raise PermissionDenied("enroll.global_admin_required", action="enroll", roles=["global_admin"])
    if enrollment.status != EnrollmentStatus.PENDING_VERIFICATION:
        raise Conflict("enroll.not_pending_verification")
    if not get_throttle().hit("enroll-resend", str(enrollment.id), limit=RESEND_PER_HOUR, window_seconds=3600):
        raise Throttled()
    links.revoke_pending(session, purpose=LinkPurpose.ENROLLMENT_VERIFICATION, enrollment_id=enrollment.id)
    org = session.get(Organization, enrollment.org_id)
    _send_verification(session, enrollment, org, actor.user_id)
    audit.record(session, action="enrollment.verification_resent", actor=actor, target_type="enrollment",
                 target_id=enrollment.id)


# ------------------------------------------------------------------------------------------- verification


def inspect_verification(session: Session, *, token: str) -> dict:
    """The verification landing page: what the link confirms. Opening changes nothing but `opened_at`."""
    link = links.find_link(session, token, purposes={LinkPurpose.ENROLLMENT_VERIFICATION})
    enrollment = session.get(Enrollment, link.enrollment_id) if link.enrollment_id else None
    if enrollment is None or enrollment.status != EnrollmentStatus.PENDING_VERIFICATION:
        raise DomainError("link.used")
    org = session.get(Organization, enrollment.org_id)
    links.mark_opened(session, link)
    return {"org_name": org.name, "contact_email": enrollment.contact_email,
            "contact_name": f"{enrollment.contact_first_name} {enrollment.contact_last_name}".strip()}


def verify_email(session: Session, *, token: str, client_address: str | None = None) -> dict:
    """The primary contact confirms: the link is used up and the application moves to `in_review`."""
    link = links.find_link(session, token, purposes={LinkPurpose.ENROLLMENT_VERIFICATION})
    enrollment = session.get(Enrollment, link.enrollment_id) if link.enrollment_id else None
    if enrollment is None:
        raise DomainError("link.not_found")
    links.settle_link(session, link, status=LinkStatus.ACCEPTED)
    _transition(session, enrollment, EnrollmentStatus.PENDING_VERIFICATION, EnrollmentStatus.IN_REVIEW,
                verified_at=utcnow())
    org = session.get(Organization, enrollment.org_id)
    _status_email(session, enrollment, org, "in_review")
    audit.record(session, action="enrollment.verified", org_id=org.id, actor_email=enrollment.contact_email,
                 target_type="enrollment", target_id=enrollment.id, client_address=client_address)
    return {"org_name": org.name}


def _status_email(session: Session, enrollment: Enrollment, org: Organization, status: str,
                  reason: str = "") -> None:
    mail.queue_catalog_email(session, to=enrollment.contact_email, key=f"enroll.mail.{status}",
                             name=enrollment.contact_first_name, org=org.name, reason=reason,
                             url=links.page_url("/enroll/status"))


# ------------------------------------------------------------------------------------------- the applicant's view


def _own_enrollment(session: Session, actor: Actor, enrollment_id: int) -> Enrollment:
    enrollment = session.get(Enrollment, enrollment_id)
    if enrollment is None or enrollment.org_id != actor.org_id or enrollment.status == EnrollmentStatus.DRAFT:
        raise NotFound()
    return enrollment


def _public(enrollment: Enrollment, session: Session) -> dict:
    profile = session.get(MpnProfile, enrollment.mpn_profile_id) if enrollment.mpn_profile_id else None
    org = session.get(Organization, enrollment.org_id)

    def day(value):
        return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""

    return {
        "id": enrollment.id,
        "status": enrollment.status.value,
        "org_name": org.name if org else "",
        "country": enrollment.country,
        "country_name": COUNTRIES.get(enrollment.country, enrollment.country),
        "address": address_text(enrollment.address_line1, enrollment.address_line2, enrollment.city,
                                enrollment.region, enrollment.postal_code),
        "contact": joined(joined(enrollment.contact_first_name, enrollment.contact_last_name, separator=" "),
                          enrollment.contact_email, enrollment.contact_phone),
        "support": joined(enrollment.support_email, enrollment.support_phone, enrollment.support_website),
        "mpn_id": profile.mpn_id if profile else "",
        "mpn_name": profile.name if profile else "",
        "submitted_at": day(enrollment.submitted_at),
        "verified_at": day(enrollment.verified_at),
        "decided_at": day(enrollment.decided_at),
        "rejection_reason": enrollment.rejection_reason or "",
        **{name: getattr(enrollment, name) or "" for name in DETAIL_NAMES},
    }


def my_enrollment(session: Session, actor: Actor) -> dict | None:
    """The latest submitted application of the actor's organization, or None."""
    enrollment = session.exec(
        select(Enrollment)
        .where(Enrollment.org_id == actor.org_id, Enrollment.status != EnrollmentStatus.DRAFT)
        .order_by(Enrollment.id.desc())
    ).first()
    return _public(enrollment, session) if enrollment else None


def dashboard_overview(session: Session, actor: Actor) -> dict:
    """What the dashboard says about enrollment: an unenrolled work account's status and the way on, or,
    shortly after approval, the seed's step 9 check (is this user in the admin agent group?)."""
    org = session.get(Organization, actor.org_id)
    overview = {"unenrolled": False, "status": "", "step9": False, "is_admin_agent": False}
    if org is None or org.kind != OrgKind.RESELLER:
        return overview
    latest = session.exec(
        select(Enrollment).where(Enrollment.org_id == org.id).order_by(Enrollment.id.desc())
    ).first()
    if org.status == OrgStatus.UNENROLLED:
        overview.update(unenrolled=True, status=latest.status.value if latest else "")
    elif org.status == OrgStatus.ACTIVE and latest is not None and latest.status == EnrollmentStatus.APPROVED:
        recent = latest.decided_at is not None and utcnow() - latest.decided_at <= timedelta(days=STEP9_DAYS)
        overview.update(step9=recent, status=latest.status.value,
                        is_admin_agent=actor.agent_role == AgentRole.ADMIN_AGENT)
    return overview


# ------------------------------------------------------------------------------------------- platform review


def list_for_review(session: Session, actor: Actor, *, status: str = "in_review", limit: int = 50,
                    offset: int = 0) -> tuple[list[dict], int]:
    """The review queue (platform staff): submitted applications, filtered by state, oldest first."""
    require(actor, Action.REVIEW_ENROLLMENTS, read=True)
    query = select(Enrollment).where(Enrollment.status != EnrollmentStatus.DRAFT)
    if status != "all":
        if status not in REVIEW_FILTERS:
            raise ValidationFailed("validation.required", field="status")
        query = query.where(Enrollment.status == EnrollmentStatus(status))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(Enrollment.submitted_at, Enrollment.id)
                        .offset(max(0, int(offset))).limit(max(1, min(int(limit), 200))))
    return [_public(row, session) for row in rows], total


def get_for_review(session: Session, actor: Actor, *, enrollment_id: int) -> dict:
    require(actor, Action.REVIEW_ENROLLMENTS, read=True)
    enrollment = session.get(Enrollment, enrollment_id)
    if enrollment is None or enrollment.status == EnrollmentStatus.DRAFT:
        raise NotFound()
    return _public(enrollment, session)


def _for_decision(session: Session, actor: Actor, enrollment_id: int) -> Enrollment:
    require(actor, Action.REVIEW_ENROLLMENTS)
    enrollment = session.get(Enrollment, enrollment_id)
    if enrollment is None or enrollment.status == EnrollmentStatus.DRAFT:
        raise NotFound()
    if enrollment.status != EnrollmentStatus.IN_REVIEW:
        raise Conflict("enroll.not_in_review")
    return enrollment


def approve_enrollment(session: Session, actor: Actor, *, enrollment_id: int) -> None:
    """Approve: the reseller organization becomes active with the MPN ID linked, the applicant holds
    Global admin + Admin agent, the registry's customers of that MPN ID become its customers."""
    enrollment = _for_decision(session, actor, enrollment_id)
    now = utcnow()
    _transition(session, enrollment, EnrollmentStatus.IN_REVIEW, EnrollmentStatus.APPROVED,
                conflict="enroll.not_in_review", decided_at=now, decided_by_user_id=actor.user_id)
    org = session.get(Organization, enrollment.org_id)
    profile = session.get(MpnProfile, enrollment.mpn_profile_id)
    activated = session.execute(
        sa.update(Organization)
        .where(Organization.id == org.id, Organization.status == OrgStatus.UNENROLLED)
        .values(status=OrgStatus.ACTIVE)
        .execution_options(synchronize_session=False)
    )
    if activated.rowcount != 1:
        raise Conflict("enroll.not_in_review")
    linked = session.execute(
        sa.update(MpnProfile)
        .where(MpnProfile.id == profile.id, MpnProfile.linked_org_id.is_(None),
               MpnProfile.status == ProfileStatus.ACTIVE)
        .values(linked_org_id=org.id)
        .execution_options(synchronize_session=False)
    )
    if linked.rowcount != 1:
        raise DomainError("enroll.profile_linked", mpn_id=profile.mpn_id)
    session.refresh(org)
    org.mpn_id = profile.mpn_id
    for name in DETAIL_NAMES:
        setattr(org, name, getattr(enrollment, name) or None)
    session.add(org)
    applicant = session.get(User, enrollment.applicant_user_id)
    if applicant is not None and applicant.org_id == org.id:
        applicant.admin_role, applicant.agent_role = AdminRole.GLOBAL_ADMIN, AgentRole.ADMIN_AGENT
        session.add(applicant)
    customers = session.exec(
        select(RegistryCustomer.customer_org_id).where(RegistryCustomer.mpn_profile_id == profile.id)
    ).all()
    for customer_org_id in sorted(set(customers)):
        if relationships.active_relationship(session, org.id, customer_org_id) is None:
            session.add(Relationship(kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=org.id,
                                     client_org_id=customer_org_id))
    _status_email(session, enrollment, org, "approved")
    detail = f"mpn {profile.mpn_id}; {len(set(customers))} registry customers"
    audit.record(session, action="enrollment.approved", actor=actor, target_type="enrollment",
                 target_id=enrollment.id, detail=f"{org.name}; {detail}")
    audit.record(session, action="enrollment.approved", actor=actor, org_id=org.id, target_type="enrollment",
                 target_id=enrollment.id, detail=detail)
    webhooks.enrollment_event(session, "enrollment.approved", enrollment_id=enrollment.id, org=org,
                              reviewer_org_id=actor.org_id)


def reject_enrollment(session: Session, actor: Actor, *, enrollment_id: int, reason: str) -> None:
    """Reject with a reason (emailed to the primary contact). The work account may apply again."""
    enrollment = _for_decision(session, actor, enrollment_id)
    text = require_text(reason, field="reason", max_length=1000)
    _transition(session, enrollment, EnrollmentStatus.IN_REVIEW, EnrollmentStatus.REJECTED,
                conflict="enroll.not_in_review", decided_at=utcnow(), decided_by_user_id=actor.user_id,
                rejection_reason=text)
    org = session.get(Organization, enrollment.org_id)
    _status_email(session, enrollment, org, "rejected", reason=text)
    audit.record(session, action="enrollment.rejected", actor=actor, target_type="enrollment",
                 target_id=enrollment.id, detail=org.name)
    audit.record(session, action="enrollment.rejected", actor=actor, org_id=org.id, target_type="enrollment",
                 target_id=enrollment.id)
    webhooks.enrollment_event(session, "enrollment.rejected", enrollment_id=enrollment.id, org=org,
                              reviewer_org_id=actor.org_id, reason=text)
