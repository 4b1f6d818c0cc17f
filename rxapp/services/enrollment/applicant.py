"""The applicant's side after the wizard (SPEC section 2): submitting the details, the verification email and
its link, and what the applicant's organization sees of its application (status page, dashboard).
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, col, select

from rxapp.errors import Conflict, LinkInvalid, NotFound, PermissionDenied, ValidationFailed
from rxapp.models import (
    AdminRole,
    AgentRole,
    Enrollment,
    EnrollmentStatus,
    LinkPurpose,
    LinkStatus,
    Organization,
    OrgKind,
    OrgStatus,
    utcnow,
)
from rxapp.models.rows import saved_id
from rxapp.permissions import Actor
from rxapp.services import audit, links, mail
from rxapp.services.enrollment.rules import (
    DETAIL_FIELDS,
    DETAIL_NAMES,
    STEP9_DAYS,
    eligible_org,
    org_of,
    own_enrollment,
    public_view,
    status_email,
    transition,
)
from rxapp.services.enrollment.wizard import check_profile
from rxapp.services.throttle import ENROLLMENT_RESEND
from rxapp.services.validation import (
    normalize_email,
    normalize_phone,
    normalize_postal_code,
    normalize_website,
    require_business_email,
    require_text,
)
from rxapp.settings import get_settings


def validate_details(details: dict, *, country: str) -> dict[str, str]:
    """Check and normalize the legal business profile, primary contact and support details."""
    raw = {name: str(details.get(name) or "") for name in DETAIL_NAMES}
    clean: dict[str, str] = {}
    for name, required, max_length in DETAIL_FIELDS:
        if name in (
            "postal_code",
            "contact_email",
            "contact_phone",
            "support_email",
            "support_phone",
            "support_website",
        ):
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


def _send_verification(session: Session, enrollment: Enrollment, org: Organization, issuer_user_id: int) -> None:
    link, token = links.issue_link(
        session,
        purpose=LinkPurpose.ENROLLMENT_VERIFICATION,
        issuer_org_id=org.id,
        issuer_user_id=issuer_user_id,
        target_email=enrollment.contact_email,
        target_org_id=org.id,
        enrollment_id=enrollment.id,
    )
    url = links.link_url(LinkPurpose.ENROLLMENT_VERIFICATION, token)
    mail.queue_catalog_email(
        session,
        to=enrollment.contact_email,
        key="enroll.mail.verify",
        name=enrollment.contact_first_name,
        org=org.name,
        url=url,
        days=get_settings().link_lifetime_days,
    )


def submit_enrollment(
    session: Session, actor: Actor, *, enrollment_id: int | None, pmc_account_id: int | None, details: dict
) -> int:
    """Step 7, **Enroll now**: re-check everything on the server, store the details, move the draft to
    `pending_verification` and email the primary contact a verification link. Returns the application id."""
    org = eligible_org(session, actor)
    draft = session.get(Enrollment, enrollment_id) if enrollment_id else None
    if draft is None or draft.org_id != org.id:
        raise NotFound()
    if draft.status != EnrollmentStatus.DRAFT:
        raise Conflict("enroll.already_submitted")
    profile = check_profile(session, org, pmc_account_id, draft.mpn_profile_id)
    clean = validate_details(details, country=org.country)
    transition(
        session,
        draft,
        EnrollmentStatus.DRAFT,
        EnrollmentStatus.PENDING_VERIFICATION,
        conflict="enroll.already_submitted",
        submitted_at=utcnow(),
        applicant_user_id=actor.user_id,
        mpn_profile_id=profile.id,
        country=org.country,
        **clean,
    )
    _send_verification(session, draft, org, actor.user_id)
    audit.record(
        session,
        action="enrollment.submitted",
        actor=actor,
        target_type="enrollment",
        target_id=draft.id,
        detail=f"mpn {profile.mpn_id}",
    )
    return saved_id(draft.id)


def resend_verification(session: Session, actor: Actor, *, enrollment_id: int) -> None:
    """**Resend verification email**: a new link to the primary contact; the old one stops working."""
    enrollment = own_enrollment(session, actor, enrollment_id)
    if actor.admin_role != AdminRole.GLOBAL_ADMIN:
        raise PermissionDenied("enroll.global_admin_required", action="enroll", roles=["global_admin"])
    if enrollment.status != EnrollmentStatus.PENDING_VERIFICATION:
        raise Conflict("enroll.not_pending_verification")
    ENROLLMENT_RESEND.require(str(enrollment.id))
    links.revoke_pending(session, purpose=LinkPurpose.ENROLLMENT_VERIFICATION, enrollment_id=enrollment.id)
    org = org_of(session, enrollment)
    _send_verification(session, enrollment, org, actor.user_id)
    audit.record(
        session, action="enrollment.verification_resent", actor=actor, target_type="enrollment", target_id=enrollment.id
    )


# ------------------------------------------------------------------------------------------- verification


def inspect_verification(session: Session, *, token: str) -> dict:
    """The verification landing page: what the link confirms. Opening changes nothing but `opened_at`."""
    link = links.find_link(session, token, purposes={LinkPurpose.ENROLLMENT_VERIFICATION})
    enrollment = session.get(Enrollment, link.enrollment_id) if link.enrollment_id else None
    if enrollment is None or enrollment.status != EnrollmentStatus.PENDING_VERIFICATION:
        raise LinkInvalid("link.used")
    org = org_of(session, enrollment)
    links.mark_opened(session, link)
    return {
        "org_name": org.name,
        "contact_email": enrollment.contact_email,
        "contact_name": f"{enrollment.contact_first_name} {enrollment.contact_last_name}".strip(),
    }


def verify_email(session: Session, *, token: str, client_address: str | None = None) -> dict:
    """The primary contact confirms: the link is used up and the application moves to `in_review`."""
    link = links.find_link(session, token, purposes={LinkPurpose.ENROLLMENT_VERIFICATION})
    enrollment = session.get(Enrollment, link.enrollment_id) if link.enrollment_id else None
    if enrollment is None:
        raise LinkInvalid("link.not_found")
    links.settle_link(session, link, status=LinkStatus.ACCEPTED)
    transition(
        session, enrollment, EnrollmentStatus.PENDING_VERIFICATION, EnrollmentStatus.IN_REVIEW, verified_at=utcnow()
    )
    org = org_of(session, enrollment)
    status_email(session, enrollment, org, "in_review")
    audit.record(
        session,
        action="enrollment.verified",
        org_id=org.id,
        actor_email=enrollment.contact_email,
        target_type="enrollment",
        target_id=enrollment.id,
        client_address=client_address,
    )
    return {"org_name": org.name}


def my_enrollment(session: Session, actor: Actor) -> dict | None:
    """The latest submitted application of the actor's organization, or None."""
    enrollment = session.exec(
        select(Enrollment)
        .where(Enrollment.org_id == actor.org_id, Enrollment.status != EnrollmentStatus.DRAFT)
        .order_by(col(Enrollment.id).desc())
    ).first()
    return public_view(enrollment, session) if enrollment else None


def dashboard_overview(session: Session, actor: Actor) -> dict:
    """What the dashboard says about enrollment: an unenrolled work account's status and the way on, or,
    shortly after approval, the seed's step 9 check (is this user in the admin agent group?)."""
    org = session.get(Organization, actor.org_id)
    overview = {"unenrolled": False, "status": "", "step9": False, "is_admin_agent": False}
    if org is None or org.kind != OrgKind.RESELLER:
        return overview
    latest = session.exec(
        select(Enrollment).where(Enrollment.org_id == org.id).order_by(col(Enrollment.id).desc())
    ).first()
    if org.status == OrgStatus.UNENROLLED:
        overview.update(unenrolled=True, status=latest.status.value if latest else "")
    elif org.status == OrgStatus.ACTIVE and latest is not None and latest.status == EnrollmentStatus.APPROVED:
        recent = latest.decided_at is not None and utcnow() - latest.decided_at <= timedelta(days=STEP9_DAYS)
        overview.update(
            step9=recent, status=latest.status.value, is_admin_agent=actor.agent_role == AgentRole.ADMIN_AGENT
        )
    return overview
