"""Support: requests on behalf of customers (agents; Office 365 needs an Admin agent) and tickets to the platform
(Global admin only). Platform staff answer and close both. Statuses: open → in progress → closed."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, or_, select

from rxapp.boundary import column_length, record_id
from rxapp.errors import NotFound, PermissionDenied, RuleViolation
from rxapp.models import (
    Organization,
    OrgKind,
    ProductFamily,
    SupportMessage,
    SupportTicket,
    TicketKind,
    TicketStatus,
    User,
    utcnow,
)
from rxapp.models.rows import saved_id
from rxapp.permissions import MATRIX, Action, Actor, can, require
from rxapp.services import audit, links, mail, onbehalf, relationships
from rxapp.services.validation import require_text

SUBJECT_MAX = column_length(SupportTicket, "subject")
BODY_MAX = column_length(SupportMessage, "body")


@dataclass(frozen=True)
class TicketRow:
    id: int
    kind: str
    subject: str
    status: str
    org: str
    customer: str
    created_at: str


def _subject_and_body(subject: str, body: str) -> tuple[str, str]:
    """A new ticket's subject and first message, each within its column (`SUBJECT_MAX`, `BODY_MAX`)."""
    return (
        require_text(subject, field="op_subject", max_length=SUBJECT_MAX),
        require_text(body, field="op_message", max_length=BODY_MAX),
    )


def create_customer_request(
    session: Session, actor: Actor, *, customer_org_id: int, subject: str, body: str, subscription_id: int | None = None
) -> SupportTicket:
    """A support request on behalf of a customer the actor serves, optionally about one of its subscriptions."""
    require(actor, Action.REQUEST_CUSTOMER_SUPPORT)
    customer = relationships.require_served_customer(session, actor, customer_org_id)
    product_name = ""
    if subscription_id:
        subscription, product = onbehalf.get_visible_subscription(session, actor, subscription_id)
        if subscription.customer_org_id != customer.id:
            raise NotFound()
        if product.family == ProductFamily.OFFICE_365 and not can(actor, Action.REQUEST_OFFICE_365_SUPPORT):
            needed = sorted(role.value for role in MATRIX[Action.REQUEST_OFFICE_365_SUPPORT].roles)
            raise PermissionDenied(
                "support.office_365_needs_admin_agent", action=Action.REQUEST_OFFICE_365_SUPPORT.value, roles=needed
            )
        product_name = product.name
    subject, body = _subject_and_body(subject, body)
    ticket = SupportTicket(
        kind=TicketKind.ON_BEHALF,
        org_id=actor.org_id,
        customer_org_id=customer.id,
        subscription_id=int(subscription_id) if subscription_id else None,
        created_by_user_id=actor.user_id,
        subject=subject,
    )
    session.add(ticket)
    session.flush()
    session.add(SupportMessage(ticket_id=saved_id(ticket.id), author_user_id=actor.user_id, body=body))
    onbehalf.record(
        session,
        actor,
        customer_org_id=saved_id(customer.id),
        action="support.request",
        target_type="ticket",
        target_id=ticket.id,
        detail=f"{subject} {product_name}".strip(),
    )
    return ticket


def create_platform_ticket(session: Session, actor: Actor, *, subject: str, body: str) -> SupportTicket:
    """A support ticket from the partner to the platform (Global admin only)."""
    require(actor, Action.CREATE_PLATFORM_TICKETS)
    subject, body = _subject_and_body(subject, body)
    ticket = SupportTicket(
        kind=TicketKind.PLATFORM, org_id=actor.org_id, created_by_user_id=actor.user_id, subject=subject
    )
    session.add(ticket)
    session.flush()
    session.add(SupportMessage(ticket_id=saved_id(ticket.id), author_user_id=actor.user_id, body=body))
    audit.record(
        session, action="support.ticket", actor=actor, target_type="ticket", target_id=ticket.id, detail=subject
    )
    return ticket


def _is_staff(actor: Actor) -> bool:
    return actor.org_kind == OrgKind.PLATFORM and can(actor, Action.ANSWER_SUPPORT)


def _partner_kinds(actor: Actor) -> list[TicketKind]:
    kinds = []
    if can(actor, Action.VIEW_CUSTOMER_SERVICE_HEALTH) or can(actor, Action.REQUEST_CUSTOMER_SUPPORT):
        kinds.append(TicketKind.ON_BEHALF)
    if can(actor, Action.CREATE_PLATFORM_TICKETS):
        kinds.append(TicketKind.PLATFORM)
    return kinds


def _visible(session: Session, actor: Actor):
    if _is_staff(actor):
        return select(SupportTicket)
    kinds = _partner_kinds(actor)
    if not kinds:
        require(actor, Action.REQUEST_CUSTOMER_SUPPORT, read=True)
    query = select(SupportTicket).where(SupportTicket.org_id == actor.org_id, col(SupportTicket.kind).in_(kinds))
    if TicketKind.ON_BEHALF in kinds:
        # Requests for customers the organization no longer serves drop out of view.
        customers = relationships.served_customer_ids(session, actor) or [-1]
        query = query.where(
            or_(SupportTicket.kind != TicketKind.ON_BEHALF, col(SupportTicket.customer_org_id).in_(customers))
        )
    return query


def list_tickets(session: Session, actor: Actor, *, status: str | None = None, limit: int = 100) -> list[TicketRow]:
    query = _visible(session, actor)
    if status and status in {s.value for s in TicketStatus}:
        query = query.where(SupportTicket.status == TicketStatus(status))
    tickets = list(
        session.exec(
            query.order_by(col(SupportTicket.created_at).desc(), col(SupportTicket.id).desc()).limit(
                max(1, min(int(limit), 500))
            )
        )
    )
    names: dict[int, str] = {}

    def name(org_id: int | None) -> str:
        if org_id is None:
            return ""
        if org_id not in names:
            org = session.get(Organization, org_id)
            names[org_id] = org.name if org else ""
        return names[org_id]

    return [
        TicketRow(
            id=saved_id(t.id),
            kind=t.kind.value,
            subject=t.subject,
            status=t.status.value,
            org=name(t.org_id),
            customer=name(t.customer_org_id),
            created_at=t.created_at.strftime("%Y-%m-%d %H:%M UTC"),
        )
        for t in tickets
    ]


def _get(session: Session, actor: Actor, ticket_id: int) -> SupportTicket:
    wanted = record_id(ticket_id)
    ticket = session.exec(_visible(session, actor).where(SupportTicket.id == wanted)).first()
    if ticket is None:
        raise NotFound()
    return ticket


def get_ticket(session: Session, actor: Actor, *, ticket_id: int) -> dict:
    """One ticket with its message history (oldest first)."""
    ticket = _get(session, actor, ticket_id)
    messages = []
    query = (
        select(SupportMessage, User)
        .join(User, col(User.id) == SupportMessage.author_user_id)
        .where(SupportMessage.ticket_id == ticket.id)
        .order_by(col(SupportMessage.created_at), col(SupportMessage.id))
    )
    for message, author in session.exec(query):
        author_org = session.get(Organization, author.org_id)
        messages.append(
            {
                "author": author.full_name,
                "org": author_org.name if author_org else "",
                "staff": bool(author_org and author_org.kind == OrgKind.PLATFORM),
                "body": message.body,
                "at": message.created_at.strftime("%Y-%m-%d %H:%M UTC"),
            }
        )
    org = session.get(Organization, ticket.org_id)
    customer = session.get(Organization, ticket.customer_org_id) if ticket.customer_org_id else None
    return {
        "id": ticket.id,
        "kind": ticket.kind.value,
        "subject": ticket.subject,
        "status": ticket.status.value,
        "org": org.name if org else "",
        "customer": customer.name if customer else "",
        "messages": messages,
    }


def _require_change(actor: Actor, ticket: SupportTicket) -> None:
    """Writing to a visible ticket is the right that made it visible, as a change (refused while suspended)."""
    if _is_staff(actor):
        require(actor, Action.ANSWER_SUPPORT)
    else:
        require(
            actor,
            Action.REQUEST_CUSTOMER_SUPPORT if ticket.kind == TicketKind.ON_BEHALF else Action.CREATE_PLATFORM_TICKETS,
        )


def reply(session: Session, actor: Actor, *, ticket_id: int, body: str) -> SupportMessage:
    """Add a message. A staff answer moves the ticket to in progress and emails the partner who opened it."""
    ticket = _get(session, actor, ticket_id)
    _require_change(actor, ticket)
    if ticket.status == TicketStatus.CLOSED:
        raise RuleViolation("support.closed")
    body = require_text(body, field="op_message", max_length=BODY_MAX)
    message = SupportMessage(ticket_id=saved_id(ticket.id), author_user_id=actor.user_id, body=body)
    session.add(message)
    staff = _is_staff(actor)
    if staff:
        ticket.status = TicketStatus.IN_PROGRESS
        session.add(ticket)
        _notify(session, ticket, "answered")
    audit.record(session, action="support.reply", actor=actor, target_type="ticket", target_id=ticket.id)
    if staff:
        audit.record(
            session,
            action="support.answered",
            actor=actor,
            org_id=ticket.org_id,
            target_type="ticket",
            target_id=ticket.id,
            detail=ticket.subject,
        )
    return message


def close_ticket(session: Session, actor: Actor, *, ticket_id: int) -> SupportTicket:
    """Close a ticket (platform staff, or the organization that opened it)."""
    ticket = _get(session, actor, ticket_id)
    _require_change(actor, ticket)
    if ticket.status == TicketStatus.CLOSED:
        raise RuleViolation("support.closed")
    ticket.status = TicketStatus.CLOSED
    ticket.closed_at = utcnow()
    session.add(ticket)
    audit.record(
        session, action="support.close", actor=actor, target_type="ticket", target_id=ticket.id, detail=ticket.subject
    )
    if _is_staff(actor):
        audit.record(
            session,
            action="support.close",
            actor=actor,
            org_id=ticket.org_id,
            target_type="ticket",
            target_id=ticket.id,
            detail=ticket.subject,
        )
        _notify(session, ticket, "closed")
    return ticket


def _notify(session: Session, ticket: SupportTicket, event: str) -> None:
    creator = session.get(User, ticket.created_by_user_id)
    if creator is None or not creator.is_active:
        return
    url = links.page_url("/support")
    mail.queue_catalog_email(
        session,
        to=creator.email,
        key=f"mail.support_{event}",
        name=creator.full_name,
        id=ticket.id,
        title=ticket.subject,
        url=url,
    )
