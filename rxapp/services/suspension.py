"""Suspension of a partner organization by platform staff, and reinstatement (issue 14).

A suspension is a mark on the organization (when and why), never a change to what it has: its users keep
signing in and reading, the permission matrix refuses every change (`permissions.require`), its open links
stop working (`links.find_link`) and others see it as suspended. Reinstatement removes the mark, so exactly
what was there works again.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp.boundary import column_length, record_id
from rxapp.errors import Conflict, NotFound
from rxapp.models import Organization, OrgKind, OrgStatus, utcnow
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit
from rxapp.services.partners.common import global_admin_emails, send_to
from rxapp.services.validation import require_text

REASON_MAX = column_length(Organization, "suspension_reason")
PARTNER_KINDS = (OrgKind.RESELLER, OrgKind.PROVIDER)
MAX_ROWS = 200


@dataclass(frozen=True)
class PartnerOrg:
    id: int
    name: str
    kind: str
    mpn_id: str
    country: str
    suspended: bool
    reason: str
    suspended_on: str


def partner_status(org: Organization | None) -> str:
    """What others see of a partner on their lists: "suspended" or "active"."""
    return "suspended" if org is not None and org.suspended_at is not None else "active"


def _row(org: Organization) -> PartnerOrg:
    return PartnerOrg(
        id=saved_id(org.id),
        name=org.name,
        kind=org.kind.value,
        mpn_id=org.mpn_id or "",
        country=org.country,
        suspended=org.suspended_at is not None,
        reason=org.suspension_reason or "",
        suspended_on=org.suspended_at.strftime("%Y-%m-%d") if org.suspended_at else "",
    )


def list_partner_orgs(
    session: Session, actor: Actor, *, search: str = "", suspended_only: bool = False
) -> list[PartnerOrg]:
    """Enrolled resellers and providers by name (name or MPN ID search), for platform staff."""
    require(actor, Action.SUSPEND_PARTNERS, read=True)
    query = select(Organization).where(
        col(Organization.kind).in_(PARTNER_KINDS), Organization.status == OrgStatus.ACTIVE
    )
    needle = (search or "").strip()[:200]
    if needle:
        query = query.where(
            sa.or_(
                sa.func.lower(Organization.name).contains(needle.lower(), autoescape=True),
                col(Organization.mpn_id) == needle,
            )
        )
    if suspended_only:
        query = query.where(col(Organization.suspended_at).is_not(None))
    return [_row(org) for org in session.exec(query.order_by(Organization.name, col(Organization.id)).limit(MAX_ROWS))]


def _partner(session: Session, org_id: object) -> Organization:
    org = session.get(Organization, record_id(org_id))
    if org is None or org.kind not in PARTNER_KINDS or org.status != OrgStatus.ACTIVE:
        raise NotFound()
    return org


def suspend(session: Session, actor: Actor, *, org_id: object, reason: str) -> PartnerOrg:
    """Suspend a partner with the reason its users will read; audit on both sides, email its Global admins."""
    require(actor, Action.SUSPEND_PARTNERS)
    reason = require_text(reason, field="suspension_reason", max_length=REASON_MAX, min_length=3)
    org = _partner(session, org_id)
    if org.suspended_at is not None:
        raise Conflict("suspension.already_suspended")
    org.suspended_at, org.suspension_reason = utcnow(), reason
    session.add(org)
    for org_side in (None, org.id):
        audit.record(
            session,
            action="organization.suspended",
            actor=actor,
            org_id=org_side,
            target_type="organization",
            target_id=org.id,
            detail=f"{org.name}: {reason}",
        )
    send_to(
        session, global_admin_emails(session, saved_id(org.id)), "mail.org_suspended", partner=org.name, reason=reason
    )
    return _row(org)


def reinstate(session: Session, actor: Actor, *, org_id: object) -> PartnerOrg:
    """Lift the suspension: everything the partner had works again as it was."""
    require(actor, Action.SUSPEND_PARTNERS)
    org = _partner(session, org_id)
    if org.suspended_at is None:
        raise Conflict("suspension.not_suspended")
    reason = org.suspension_reason or ""
    org.suspended_at, org.suspension_reason = None, None
    session.add(org)
    for org_side in (None, org.id):
        audit.record(
            session,
            action="organization.reinstated",
            actor=actor,
            org_id=org_side,
            target_type="organization",
            target_id=org.id,
            detail=f"{org.name} (was: {reason})",
        )
    send_to(session, global_admin_emails(session, saved_id(org.id)), "mail.org_reinstated", partner=org.name)
    return _row(org)
