"""The dashboard's to-do list (services/dashboard.py): counts by role, each with where it is handled."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlmodel import select

from rxapp.models import (
    DelegatedAdminGrant,
    DelegatedAdminStatus,
    Lead,
    LeadStatus,
    Link,
    LinkPurpose,
    LinkStatus,
    Relationship,
    RelationshipKind,
    SupportTicket,
    TicketKind,
    TicketStatus,
    utcnow,
)
from rxapp.services import dashboard

CONTOSO, HELPDESK, FABRIKAM, ADATUM, OPS = (
    "admin@contoso.example",
    "helpdesk@contoso.example",
    "admin@fabrikam.example",
    "admin@adatum.example",
    "ops@platform.example",
)


def _items(session, actor, email) -> dict[str, dashboard.TodoItem]:
    return {item.key: item for item in dashboard.todo(session, actor(email))}


def _link(session, org, purpose, *, age_days=0, expires_in_days=14, status=LinkStatus.PENDING):
    now = utcnow()
    session.add(
        Link(
            purpose=purpose,
            token_hash=secrets.token_hex(32),
            status=status,
            issuer_org_id=org.id,
            created_at=now - timedelta(days=age_days),
            expires_at=now + timedelta(days=expires_in_days),
        )
    )


def test_pending_customer_invitations_are_counted_with_the_oldest_age(session, actor, org):
    contoso = org("Contoso")
    _link(session, contoso, LinkPurpose.CUSTOMER_RELATIONSHIP, age_days=5)
    _link(session, contoso, LinkPurpose.CUSTOMER_TWO_PARTY, age_days=1)
    _link(session, contoso, LinkPurpose.CUSTOMER_RELATIONSHIP, expires_in_days=-1)  # expired: not waiting
    _link(session, contoso, LinkPurpose.CUSTOMER_RELATIONSHIP, status=LinkStatus.ACCEPTED)  # answered
    session.commit()
    item = _items(session, actor, CONTOSO)["customer_invitations"]
    assert (item.count, item.href, item.age_days) == (2, "/customers/invitations", 5)


def test_a_provider_sees_its_reseller_invitations_not_customer_ones(session, actor, org):
    _link(session, org("Fabrikam"), LinkPurpose.RESELLER_AUTHORIZATION, age_days=3)
    session.commit()
    items = _items(session, actor, FABRIKAM)
    assert items["reseller_invitations"].count == 1
    assert items["reseller_invitations"].href == "/resellers"
    assert "customer_invitations" not in items
    assert "new_leads" not in items


def test_delegated_admin_ending_within_30_days_and_customers_without_it(session, actor, org):
    contoso, adatum = org("Contoso"), org("Adatum")
    session.add(
        Relationship(kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=contoso.id, client_org_id=adatum.id)
    )
    session.commit()
    before = _items(session, actor, CONTOSO)
    assert before["customers_without_delegated_admin"].count == 1
    assert before["customers_without_delegated_admin"].href == "/customers"
    assert "delegated_admin_expiring" not in before
    session.add(
        DelegatedAdminGrant(
            reseller_org_id=contoso.id,
            customer_org_id=adatum.id,
            status=DelegatedAdminStatus.ACTIVE,
            expires_at=utcnow() + timedelta(days=10),
        )
    )
    session.commit()
    after = _items(session, actor, CONTOSO)
    assert after["delegated_admin_expiring"].count == 1
    assert after["delegated_admin_expiring"].href == "/customers"
    assert "customers_without_delegated_admin" not in after
    customer_side = _items(session, actor, ADATUM)["partner_delegated_admin_expiring"]
    assert (customer_side.count, customer_side.href) == (1, "/partners")


def test_a_grant_ending_later_is_not_expiring(session, actor, org):
    contoso, adatum = org("Contoso"), org("Adatum")
    session.add(
        DelegatedAdminGrant(
            reseller_org_id=contoso.id,
            customer_org_id=adatum.id,
            status=DelegatedAdminStatus.ACTIVE,
            expires_at=utcnow() + timedelta(days=45),
        )
    )
    session.commit()
    assert "partner_delegated_admin_expiring" not in _items(session, actor, ADATUM)


def test_new_leads_only_for_those_who_manage_leads(session, actor, org):
    contoso = org("Contoso")
    new = len(session.exec(select(Lead).where(Lead.partner_org_id == contoso.id, Lead.status == LeadStatus.NEW)).all())
    assert new > 0
    assert _items(session, actor, CONTOSO)["new_leads"].count == new
    assert "new_leads" not in _items(session, actor, HELPDESK)  # Helpdesk agents do not manage leads


def test_open_tickets_for_partners_and_for_platform_staff(session, actor, user, org):
    contoso, admin = org("Contoso"), user(CONTOSO)
    session.add(
        SupportTicket(
            kind=TicketKind.PLATFORM,
            org_id=contoso.id,
            created_by_user_id=admin.id,
            subject="Billing question",
            status=TicketStatus.OPEN,
        )
    )
    session.add(
        SupportTicket(
            kind=TicketKind.PLATFORM,
            org_id=contoso.id,
            created_by_user_id=admin.id,
            subject="Old question",
            status=TicketStatus.CLOSED,
        )
    )
    session.commit()
    partner = _items(session, actor, CONTOSO)["open_tickets"]
    staff = _items(session, actor, OPS)["open_tickets"]
    assert partner.href == "/support"
    assert partner.count >= 1
    assert staff.href == "/platform/support"
    assert staff.count >= partner.count


def test_nothing_waiting_gives_an_empty_list_and_no_other_organizations_records(session, actor, org):
    _link(session, org("Contoso"), LinkPurpose.CUSTOMER_RELATIONSHIP)
    session.commit()
    assert "customer_invitations" not in _items(session, actor, FABRIKAM)
    assert all(item.count > 0 for item in dashboard.todo(session, actor(ADATUM)))
