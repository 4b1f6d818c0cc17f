"""The rules every enrollment step shares: the states, the business details' fields and limits, who may enroll
(`eligible_org`: the work account is not active yet, so the permission matrix grants it nothing and this is the
rule instead), the one-row state transition, and the application as shown to its applicant and reviewers.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp.errors import Conflict, NotFound, PermissionDenied, RuleViolation
from rxapp.models import (
    AdminRole,
    Enrollment,
    EnrollmentStatus,
    MpnProfile,
    Organization,
    OrgKind,
    OrgStatus,
)
from rxapp.models.rows import rowcount, saved_id
from rxapp.permissions import Actor
from rxapp.services import links, mail
from rxapp.services.countries import country_columns
from rxapp.services.throttle import ENROLLMENT_RESEND, WORK_ACCOUNT_CREATION
from rxapp.services.validation import (
    COUNTRIES,
)

OPEN_STATES = (EnrollmentStatus.PENDING_VERIFICATION, EnrollmentStatus.IN_REVIEW)
REVIEW_FILTERS = ("pending_verification", "in_review", "approved", "rejected", "all")
STEP9_DAYS = 30  # how long the dashboard shows the "are you in the admin agent group?" check
CREATE_PER_CLIENT_PER_HOUR = WORK_ACCOUNT_CREATION.limit
RESEND_PER_HOUR = ENROLLMENT_RESEND.limit

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


def address_text(
    line1: str | None, line2: str | None, city: str | None, region: str | None, postal_code: str | None
) -> str:
    """`2 Gangnam-daero, Suite 5, Seoul Gangnam-gu 06000`: lines, then city, region and postal code."""
    return joined(line1, line2, joined(city, region, postal_code, separator=" "), separator=", ")


def country_label(code: str) -> str:
    """`Korea, Republic of (KR)` for messages that name a country/region."""
    return f"{COUNTRIES.get(code, code)} ({code})"


def eligible_org(session: Session, actor: Actor) -> Organization:
    """The actor's work account if the actor may enroll it now; refusals say why."""
    org = session.get(Organization, actor.org_id)
    if org is None:
        raise NotFound()
    if org.kind != OrgKind.RESELLER or org.status == OrgStatus.INACTIVE:
        raise RuleViolation("enroll.not_work_account")
    if org.status == OrgStatus.ACTIVE:
        raise RuleViolation("enroll.already_enrolled")
    if actor.admin_role != AdminRole.GLOBAL_ADMIN:
        raise PermissionDenied("enroll.global_admin_required", action="enroll", roles=["global_admin"])
    if open_enrollment(session, saved_id(org.id)) is not None:
        raise Conflict("enroll.already_submitted")
    return org


def org_of(session: Session, enrollment: Enrollment) -> Organization:
    """The enrollment's organization: there always is one (a foreign key), so a None here is a bug."""
    org = session.get(Organization, enrollment.org_id)
    assert org is not None, "an enrollment's organization exists (foreign key)"
    return org


def open_enrollment(session: Session, org_id: int) -> Enrollment | None:
    return session.exec(
        select(Enrollment).where(Enrollment.org_id == org_id, col(Enrollment.status).in_(OPEN_STATES))
    ).first()


def transition(
    session: Session,
    enrollment: Enrollment,
    expected: EnrollmentStatus,
    new: EnrollmentStatus,
    conflict: str = "enroll.conflict",
    **values: Any,
) -> None:
    """Move one application from `expected` to `new` exactly once (conditional UPDATE, one row)."""
    result = session.execute(
        sa.update(Enrollment)
        .where(col(Enrollment.id) == enrollment.id, col(Enrollment.status) == expected)
        .values(status=new, **values)
        .execution_options(synchronize_session=False)
    )
    if rowcount(result) != 1:
        raise Conflict(conflict)
    session.refresh(enrollment)


def status_email(session: Session, enrollment: Enrollment, org: Organization, status: str, reason: str = "") -> None:
    mail.queue_catalog_email(
        session,
        to=enrollment.contact_email,
        key=f"enroll.mail.{status}",
        name=enrollment.contact_first_name,
        org=org.name,
        reason=reason,
        url=links.page_url("/enroll/status"),
    )


def own_enrollment(session: Session, actor: Actor, enrollment_id: int) -> Enrollment:
    enrollment = session.get(Enrollment, enrollment_id)
    if enrollment is None or enrollment.org_id != actor.org_id or enrollment.status == EnrollmentStatus.DRAFT:
        raise NotFound()
    return enrollment


def public_view(enrollment: Enrollment, session: Session) -> dict:
    profile = session.get(MpnProfile, enrollment.mpn_profile_id) if enrollment.mpn_profile_id else None
    org = session.get(Organization, enrollment.org_id)

    def day(value):
        return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""

    return {
        "id": enrollment.id,
        "status": enrollment.status.value,
        "org_name": org.name if org else "",
        "country": enrollment.country,
        **country_columns(enrollment.country),  # its name in each UI language (`country_label` shows one)
        "address": address_text(
            enrollment.address_line1,
            enrollment.address_line2,
            enrollment.city,
            enrollment.region,
            enrollment.postal_code,
        ),
        "contact": joined(
            joined(enrollment.contact_first_name, enrollment.contact_last_name, separator=" "),
            enrollment.contact_email,
            enrollment.contact_phone,
        ),
        "support": joined(enrollment.support_email, enrollment.support_phone, enrollment.support_website),
        "mpn_id": profile.mpn_id if profile else "",
        "mpn_name": profile.name if profile else "",
        "submitted_at": day(enrollment.submitted_at),
        "verified_at": day(enrollment.verified_at),
        "decided_at": day(enrollment.decided_at),
        "rejection_reason": enrollment.rejection_reason or "",
        **{name: getattr(enrollment, name) or "" for name in DETAIL_NAMES},
    }
