"""The platform's review of enrollments (SPEC section 2): the queue, one application, approval (the reseller
becomes active with its MPN ID and registry customers) and rejection with a reason.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from rxapp.boundary import column_length
from rxapp.errors import Conflict, NotFound, RuleViolation, ValidationFailed
from rxapp.models import (
    AdminRole,
    AgentRole,
    Enrollment,
    EnrollmentStatus,
    MpnProfile,
    Organization,
    OrgStatus,
    ProfileStatus,
    RegistryCustomer,
    Relationship,
    RelationshipKind,
    User,
    utcnow,
)
from rxapp.models.rows import rowcount, saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit, relationships, webhooks
from rxapp.services.enrollment.rules import (
    DETAIL_NAMES,
    REVIEW_FILTERS,
    org_of,
    public_view,
    status_email,
    transition,
)
from rxapp.services.validation import (
    require_text,
)


def list_for_review(
    session: Session, actor: Actor, *, status: str = "in_review", limit: int = 50, offset: int = 0
) -> tuple[list[dict], int]:
    """The review queue (platform staff): submitted applications, filtered by state, oldest first."""
    require(actor, Action.REVIEW_ENROLLMENTS, read=True)
    query = select(Enrollment).where(Enrollment.status != EnrollmentStatus.DRAFT)
    if status != "all":
        if status not in REVIEW_FILTERS:
            raise ValidationFailed("validation.required", field="status")
        query = query.where(Enrollment.status == EnrollmentStatus(status))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(col(Enrollment.submitted_at), col(Enrollment.id))
        .offset(max(0, int(offset)))
        .limit(max(1, min(int(limit), 200)))
    )
    return [public_view(row, session) for row in rows], total


def get_for_review(session: Session, actor: Actor, *, enrollment_id: int) -> dict:
    require(actor, Action.REVIEW_ENROLLMENTS, read=True)
    enrollment = session.get(Enrollment, enrollment_id)
    if enrollment is None or enrollment.status == EnrollmentStatus.DRAFT:
        raise NotFound()
    return public_view(enrollment, session)


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
    transition(
        session,
        enrollment,
        EnrollmentStatus.IN_REVIEW,
        EnrollmentStatus.APPROVED,
        conflict="enroll.not_in_review",
        decided_at=now,
        decided_by_user_id=actor.user_id,
    )
    org = org_of(session, enrollment)
    profile = session.get(MpnProfile, enrollment.mpn_profile_id)
    assert profile is not None, "an application in review names its MPN profile (set when it was submitted)"
    activated = session.execute(
        sa.update(Organization)
        .where(col(Organization.id) == org.id, col(Organization.status) == OrgStatus.UNENROLLED)
        .values(status=OrgStatus.ACTIVE)
        .execution_options(synchronize_session=False)
    )
    if rowcount(activated) != 1:
        raise Conflict("enroll.not_in_review")
    linked = session.execute(
        sa.update(MpnProfile)
        .where(
            col(MpnProfile.id) == profile.id,
            col(MpnProfile.linked_org_id).is_(None),
            col(MpnProfile.status) == ProfileStatus.ACTIVE,
        )
        .values(linked_org_id=org.id)
        .execution_options(synchronize_session=False)
    )
    if rowcount(linked) != 1:
        raise RuleViolation("enroll.profile_linked", mpn_id=profile.mpn_id)
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
        if relationships.active_relationship(session, saved_id(org.id), customer_org_id) is None:
            session.add(
                Relationship(
                    kind=RelationshipKind.RESELLER_CUSTOMER,
                    partner_org_id=saved_id(org.id),
                    client_org_id=customer_org_id,
                )
            )
    status_email(session, enrollment, org, "approved")
    detail = f"mpn {profile.mpn_id}; {len(set(customers))} registry customers"
    audit.record(
        session,
        action="enrollment.approved",
        actor=actor,
        target_type="enrollment",
        target_id=enrollment.id,
        detail=f"{org.name}; {detail}",
    )
    audit.record(
        session,
        action="enrollment.approved",
        actor=actor,
        org_id=org.id,
        target_type="enrollment",
        target_id=enrollment.id,
        detail=detail,
    )
    webhooks.enrollment_event(
        session, "enrollment.approved", enrollment_id=saved_id(enrollment.id), org=org, reviewer_org_id=actor.org_id
    )


def reject_enrollment(session: Session, actor: Actor, *, enrollment_id: int, reason: str) -> None:
    """Reject with a reason (emailed to the primary contact). The work account may apply again."""
    enrollment = _for_decision(session, actor, enrollment_id)
    text = require_text(reason, field="reason", max_length=column_length(Enrollment, "rejection_reason"))
    transition(
        session,
        enrollment,
        EnrollmentStatus.IN_REVIEW,
        EnrollmentStatus.REJECTED,
        conflict="enroll.not_in_review",
        decided_at=utcnow(),
        decided_by_user_id=actor.user_id,
        rejection_reason=text,
    )
    org = org_of(session, enrollment)
    status_email(session, enrollment, org, "rejected", reason=text)
    audit.record(
        session,
        action="enrollment.rejected",
        actor=actor,
        target_type="enrollment",
        target_id=enrollment.id,
        detail=org.name,
    )
    audit.record(
        session,
        action="enrollment.rejected",
        actor=actor,
        org_id=org.id,
        target_type="enrollment",
        target_id=enrollment.id,
    )
    webhooks.enrollment_event(
        session,
        "enrollment.rejected",
        enrollment_id=saved_id(enrollment.id),
        org=org,
        reviewer_org_id=actor.org_id,
        reason=text,
    )
