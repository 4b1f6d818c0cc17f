"""Support requests and tickets, service health: permissions, the Office 365 rule, statuses, isolation."""

from __future__ import annotations

import pytest
from sqlmodel import select

from rxapp.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from rxapp.models import AuditEvent, OutboxEmail, TicketStatus
from rxapp.services import health, support
from tests.unit.services.operations.world import (
    actor,
    org,
    subscription,
)

HELPDESK, ADMIN, OPS = "helpdesk@contoso.example", "admin@contoso.example", "ops@platform.example"


def _request(session, who=HELPDESK, sku="M365-BP", customer="adatum.example"):
    sub_id = subscription(session, "adatum.example", sku).id if sku else None
    return support.create_customer_request(
        session,
        actor(session, who),
        customer_org_id=org(session, customer).id,
        subscription_id=sub_id,
        subject="Users cannot sign in",
        body="Since this morning, several users get an error.",
    )


def test_helpdesk_requests_support_on_behalf_of_customer(session):
    ticket = _request(session)
    assert ticket.status == TicketStatus.OPEN
    assert session.exec(
        select(AuditEvent).where(
            AuditEvent.org_id == org(session, "adatum.example").id, AuditEvent.action == "support.request"
        )
    ).one()
    rows = support.list_tickets(session, actor(session, HELPDESK))
    assert [(r.subject, r.customer, r.kind) for r in rows] == [
        ("Users cannot sign in", "Adatum Corporation", "on_behalf")
    ]


def test_helpdesk_refused_for_office_365_subscription(session):
    with pytest.raises(PermissionDenied) as refusal:
        _request(session, sku="O365-E3")
    assert refusal.value.code == "support.office_365_needs_admin_agent"
    assert _request(session, who=ADMIN, sku="O365-E3").id


def test_request_for_customer_not_served_is_not_found(session):
    with pytest.raises(NotFound):
        _request(session, sku=None, customer="proseware.example")
    with pytest.raises(NotFound):
        _request(session, sku=None, customer="tailspin.example")


def test_subject_and_message_are_required(session):
    with pytest.raises(ValidationFailed):
        support.create_platform_ticket(session, actor(session, ADMIN), subject=" ", body="x")


@pytest.mark.parametrize("who", [HELPDESK, "agent@contoso.example", "users@contoso.example"])
def test_platform_tickets_are_global_admin_only(session, who):
    with pytest.raises(PermissionDenied):
        support.create_platform_ticket(session, actor(session, who), subject="Invoice", body="Question")


def test_staff_answer_and_close_with_history_and_email(session):
    ticket = _request(session)
    ops = actor(session, OPS)
    assert [r.id for r in support.list_tickets(session, ops)] == [ticket.id]
    support.reply(session, ops, ticket_id=ticket.id, body="We reset the tenant's sign-in policy.")
    assert ticket.status == TicketStatus.IN_PROGRESS
    emails = session.exec(select(OutboxEmail).where(OutboxEmail.to_address == HELPDESK)).all()
    assert len(emails) == 1
    assert f"#{ticket.id}" in emails[0].subject
    detail = support.get_ticket(session, actor(session, HELPDESK), ticket_id=ticket.id)
    assert [(m["staff"], m["body"][:9]) for m in detail["messages"]] == [(False, "Since thi"), (True, "We reset ")]
    support.close_ticket(session, ops, ticket_id=ticket.id)
    assert ticket.status == TicketStatus.CLOSED
    assert ticket.closed_at is not None
    with pytest.raises(DomainError) as refusal:
        support.reply(session, actor(session, HELPDESK), ticket_id=ticket.id, body="thanks")
    assert refusal.value.code == "support.closed"


def test_tickets_are_isolated_between_organizations(session):
    ticket = _request(session)
    platform_ticket = support.create_platform_ticket(session, actor(session, ADMIN), subject="Invoice", body="Q")
    litware = actor(session, "admin@litware.example")
    assert support.list_tickets(session, litware) == []
    for ticket_id in (ticket.id, platform_ticket.id):
        with pytest.raises(NotFound):
            support.get_ticket(session, litware, ticket_id=ticket_id)
        with pytest.raises(NotFound):
            support.close_ticket(session, litware, ticket_id=ticket_id)
    # A helpdesk agent does not see the Global admin's tickets to the platform.
    assert [r.id for r in support.list_tickets(session, actor(session, HELPDESK))] == [ticket.id]
    with pytest.raises(NotFound):
        support.get_ticket(session, actor(session, HELPDESK), ticket_id=platform_ticket.id)


def test_partner_cannot_answer_as_staff(session):
    ticket = _request(session)
    support.reply(session, actor(session, HELPDESK), ticket_id=ticket.id, body="More detail")
    assert ticket.status == TicketStatus.OPEN


# --- service health --------------------------------------------------------------------------------------


def test_agents_see_health_for_their_customers_services_only(session):
    rows = health.list_entries(session, actor(session, HELPDESK))
    # Adatum subscribes to Office 365 and Microsoft 365: the Azure and Dynamics posts are not shown.
    assert [r.family for r in rows] == ["office_365"]
    assert rows[0].customers == "Adatum Corporation"
    litware_rows = health.list_entries(session, actor(session, "admin@litware.example"))
    assert [r.family for r in litware_rows] == ["dynamics_365"]


def test_platform_posts_and_resolves(session):
    ops = actor(session, OPS)
    entry = health.post_entry(
        session,
        ops,
        family="microsoft_365",
        status="incident",
        title="Teams: meetings fail to start",
        description="Investigating.",
    )
    assert entry.id in [r.id for r in health.list_entries(session, actor(session, HELPDESK))]
    assert entry.id not in [r.id for r in health.list_entries(session, actor(session, "admin@litware.example"))]
    health.resolve_entry(session, ops, entry_id=entry.id)
    assert entry.resolved_at is not None
    with pytest.raises(DomainError):
        health.resolve_entry(session, ops, entry_id=entry.id)
    assert len(health.list_entries(session, ops)) == 4


@pytest.mark.parametrize("who", [ADMIN, "admin@fabrikam.example"])
def test_partners_cannot_post_health(session, who):
    with pytest.raises(PermissionDenied):
        health.post_entry(session, actor(session, who), family="azure", status="incident", title="x")


@pytest.mark.parametrize("who", ["billing@contoso.example", "users@contoso.example", "admin@adatum.example"])
def test_non_agents_cannot_view_health(session, who):
    with pytest.raises(PermissionDenied):
        health.list_entries(session, actor(session, who))


def test_invalid_family_refused(session):
    with pytest.raises(ValidationFailed):
        health.post_entry(session, actor(session, OPS), family="windows", status="incident", title="x")
