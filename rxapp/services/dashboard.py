"""The dashboard's to-do list: what is waiting for this user's organization, by what the user may do (the one
permission matrix decides which items a user gets). Counted in one call (one transaction, one runner round
trip from the page); each item names the page where it is handled. No Reflex here.

Items (key: what it counts; where it is handled):
- `customer_invitations`: customer links the reseller sent that are still pending, not expired (/customers/invitations)
- `reseller_invitations`: a provider's authorization requests still pending, not expired (/resellers)
- `delegated_admin_expiring`: active delegated admin ending within 30 days, for the reseller (/customers);
  `partner_delegated_admin_expiring` the same for the customer (/partners)
- `customers_without_delegated_admin`: served customers without active delegated admin (/customers)
- `open_tickets`: support tickets open or in progress (/support; platform staff: /platform/support)
- `new_leads`: referral leads not yet acted on (/leads)
- `enrollments_to_review`: platform staff, enrollments waiting for review (/platform/enrollments)

`oldest` is when the oldest counted record started (invitations: sent; tickets, leads, enrollments: created or
submitted) and `age_days` its age, for "the oldest waits N days"; the organization's own enrollment status is
the dashboard's enrollment panel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from rxapp import clock
from rxapp.models import (
    DelegatedAdminGrant,
    DelegatedAdminStatus,
    Enrollment,
    EnrollmentStatus,
    Lead,
    LeadStatus,
    Link,
    LinkPurpose,
    LinkStatus,
    SupportTicket,
    TicketStatus,
)
from rxapp.models.enums import OrgKind
from rxapp.permissions import Action, Actor, can
from rxapp.services import invitations, relationships, support

EXPIRING_DAYS = 30


@dataclass(frozen=True)
class TodoItem:
    key: str
    count: int
    href: str
    oldest: datetime | None = None
    age_days: int | None = None


def _count_and_oldest(session: Session, statement_column, *where) -> tuple[int, datetime | None]:
    count, oldest = session.exec(select(func.count(), func.min(statement_column)).where(*where)).one()
    return int(count or 0), oldest


def _pending_links(session: Session, actor: Actor, purposes, now: datetime) -> tuple[int, datetime | None]:
    return _count_and_oldest(
        session,
        Link.created_at,
        Link.issuer_org_id == actor.org_id,
        col(Link.purpose).in_(purposes),
        Link.status == LinkStatus.PENDING,
        Link.expires_at > now,
    )


def _expiring_grants(session: Session, actor: Actor, now: datetime) -> int:
    side = (
        DelegatedAdminGrant.reseller_org_id
        if actor.org_kind == OrgKind.RESELLER
        else DelegatedAdminGrant.customer_org_id
    )
    count, _ = _count_and_oldest(
        session,
        DelegatedAdminGrant.expires_at,
        side == actor.org_id,
        DelegatedAdminGrant.status == DelegatedAdminStatus.ACTIVE,
        DelegatedAdminGrant.expires_at > now,
        DelegatedAdminGrant.expires_at <= now + timedelta(days=EXPIRING_DAYS),
    )
    return count


def _customers_without_delegated_admin(session: Session, actor: Actor, now: datetime) -> int:
    served = relationships.served_customer_ids(session, actor)
    if not served:
        return 0
    covered = set(
        session.exec(
            select(DelegatedAdminGrant.customer_org_id).where(
                DelegatedAdminGrant.reseller_org_id == actor.org_id,
                DelegatedAdminGrant.status == DelegatedAdminStatus.ACTIVE,
                DelegatedAdminGrant.expires_at > now,
                col(DelegatedAdminGrant.customer_org_id).in_(served),
            )
        )
    )
    return len(set(served) - covered)


def _open_tickets(session: Session, actor: Actor) -> tuple[int, datetime | None]:
    visible = (
        support._visible(session, actor)
        .where(col(SupportTicket.status).in_((TicketStatus.OPEN, TicketStatus.IN_PROGRESS)))
        .subquery()
    )
    count, oldest = session.exec(select(func.count(), func.min(visible.c.created_at))).one()
    return int(count or 0), oldest


def todo(session: Session, actor: Actor) -> list[TodoItem]:
    """The to-do items of the actor (only those with something waiting), in the order the dashboard shows them."""
    now = clock.now(actor.org_id)
    items: list[TodoItem] = []

    def add(key: str, href: str, counted: tuple[int, datetime | None] | int) -> None:
        count, oldest = counted if isinstance(counted, tuple) else (counted, None)
        if count:
            age = None if oldest is None else max(0, (now - oldest).days)
            items.append(TodoItem(key=key, count=count, href=href, oldest=oldest, age_days=age))

    if can(actor, Action.REVIEW_ENROLLMENTS):
        add(
            "enrollments_to_review",
            "/platform/enrollments",
            _count_and_oldest(session, Enrollment.submitted_at, Enrollment.status == EnrollmentStatus.IN_REVIEW),
        )
    if can(actor, Action.INVITE_CUSTOMERS):
        add("customer_invitations", "/customers/invitations", _pending_links(session, actor, invitations.PURPOSES, now))
    if can(actor, Action.INVITE_RESELLERS):
        add(
            "reseller_invitations",
            "/resellers",
            _pending_links(session, actor, (LinkPurpose.RESELLER_AUTHORIZATION,), now),
        )
    if actor.org_kind == OrgKind.RESELLER and can(actor, Action.VIEW_CUSTOMERS):
        add("delegated_admin_expiring", "/customers", _expiring_grants(session, actor, now))
        add("customers_without_delegated_admin", "/customers", _customers_without_delegated_admin(session, actor, now))
    if actor.org_kind == OrgKind.CUSTOMER and can(actor, Action.VIEW_CUSTOMER_PARTNERS):
        add("partner_delegated_admin_expiring", "/partners", _expiring_grants(session, actor, now))
    if can(actor, Action.ANSWER_SUPPORT):
        add("open_tickets", "/platform/support", _open_tickets(session, actor))
    elif can(actor, Action.REQUEST_CUSTOMER_SUPPORT) or can(actor, Action.CREATE_PLATFORM_TICKETS):
        add("open_tickets", "/support", _open_tickets(session, actor))
    if can(actor, Action.MANAGE_LEADS):
        add(
            "new_leads",
            "/leads",
            _count_and_oldest(
                session, Lead.created_at, Lead.partner_org_id == actor.org_id, Lead.status == LeadStatus.NEW
            ),
        )
    return items
