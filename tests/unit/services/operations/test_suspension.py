"""Suspension of a partner organization (issue 14): who may suspend, what a suspended partner may still do
(sign in, read), what is refused with the reason (every change, its links, delegated admin), what others see,
and that reinstatement restores exactly what was there."""

from __future__ import annotations

import pytest
from sqlmodel import select

from rxapp.errors import (
    Conflict,
    DomainError,
    LinkInvalid,
    NotFound,
    OrganizationSuspended,
    PermissionDenied,
    ValidationFailed,
)
from rxapp.models import AuditEvent, DelegatedAdminGrant, OutboxEmail, Relationship, Subscription
from rxapp.services import (
    api_clients,
    auth,
    customers,
    orders,
    partners,
    subscriptions,
    support,
    suspension,
    users,
)
from tests.unit.services.operations.world import (
    actor,
    org,
    product,
    subscription,
)

REASON = "Unpaid distributor invoices since September"


def _suspend(session, domain="contoso.example", reason=REASON):
    return suspension.suspend(
        session, actor(session, "ops@platform.example"), org_id=org(session, domain).id, reason=reason
    )


def _counts(session) -> tuple[int, int, int]:
    """What a partner has: relationships, delegated admin grants, subscriptions (suspension must keep them)."""
    return (
        len(session.exec(select(Relationship)).all()),
        len(session.exec(select(DelegatedAdminGrant)).all()),
        sum(s.quantity for s in session.exec(select(Subscription))),
    )


def test_only_platform_global_admins_suspend_and_a_reason_is_required(session):
    contoso = org(session, "contoso.example").id
    for who in ("admin@fabrikam.example", "admin@contoso.example", "admin@adatum.example"):
        with pytest.raises(PermissionDenied):
            suspension.suspend(session, actor(session, who), org_id=contoso, reason=REASON)
    with pytest.raises(ValidationFailed) as missing:
        _suspend(session, reason="   ")
    assert missing.value.field == "suspension_reason"
    with pytest.raises(NotFound):  # customers are not partners: nothing to suspend
        _suspend(session, domain="adatum.example")
    assert org(session, "contoso.example").suspended_at is None


def test_suspension_is_audited_on_both_sides_and_emailed_to_the_global_admins(session):
    row = _suspend(session)
    assert row.suspended
    assert row.reason == REASON
    events = session.exec(select(AuditEvent).where(AuditEvent.action == "organization.suspended")).all()
    assert {e.org_id for e in events} == {
        org(session, "contoso.example").id,
        actor(session, "ops@platform.example").org_id,
    }
    mail = session.exec(select(OutboxEmail).where(OutboxEmail.to_address == "admin@contoso.example")).all()
    assert any(REASON in m.body and "Contoso Cloud Partners" in m.subject for m in mail)
    with pytest.raises(Conflict):
        _suspend(session)


def test_suspended_partner_reads_but_every_change_is_refused_with_the_reason(session):
    office = subscription(session, "adatum.example", "O365-E3")
    adatum = org(session, "adatum.example").id
    _suspend(session)
    admin = actor(session, "admin@contoso.example")
    assert admin.suspension == REASON
    # reading still works
    assert subscriptions.list_subscriptions(session, admin)
    assert users.list_users(session, admin)[1] >= 1
    assert partners.list_partnerships(session, admin)
    changes = [
        lambda: subscriptions.change_quantity(session, admin, subscription_id=office.id, quantity=9),
        lambda: subscriptions.suspend(session, admin, subscription_id=office.id),
        lambda: customers.request_relationship_link(session, admin),
        lambda: users.add_user(
            session,
            admin,
            full_name="New Person",
            email="new@contoso.example",
            agent_role="sales_agent",
            admin_role="not_an_admin",
        ),
        lambda: support.create_customer_request(session, admin, customer_org_id=adatum, subject="Help", body="Hi"),
        lambda: customers.request_delegated_admin(session, admin, customer_org_id=adatum),
        # delegated admin over customers stops
        lambda: customers.list_customer_users(session, admin, customer_org_id=adatum),
        lambda: customers.add_customer_user(
            session, admin, customer_org_id=adatum, display_name="Dana", user_principal_name="dana@adatum.example"
        ),
    ]
    for change in changes:
        with pytest.raises(OrganizationSuspended) as refusal:
            change()
        assert refusal.value.params["reason"] == REASON
    assert customers.customer_detail(session, admin, customer_org_id=adatum).users is None


def test_a_suspended_partner_may_still_write_to_platform_support(session):
    _suspend(session)
    ticket = support.create_platform_ticket(
        session, actor(session, "admin@contoso.example"), subject="About our suspension", body="The invoices are paid."
    )
    assert ticket.id


def test_its_open_links_stop_working_with_a_clear_message_and_work_again_when_reinstated(session):
    draft = customers.request_relationship_link(session, actor(session, "admin@contoso.example"))
    token = draft.url.rsplit("/", 1)[1]
    _suspend(session)
    for use in (
        lambda: customers.describe_link(session, token=token),
        lambda: customers.accept_link(session, actor(session, "admin@adatum.example"), token=token),
    ):
        with pytest.raises(LinkInvalid) as refused:
            use()
        assert refused.value.code == "link.issuer_suspended"
        assert refused.value.params["partner"] == "Contoso Cloud Partners"
    suspension.reinstate(session, actor(session, "ops@platform.example"), org_id=org(session, "contoso.example").id)
    assert customers.describe_link(session, token=token).reseller == "Contoso Cloud Partners"


def test_providers_and_customers_see_the_partner_as_suspended(session):
    _suspend(session)
    seen_by_fabrikam = {
        p.name: p.partner_status for p in partners.list_partnerships(session, actor(session, "admin@fabrikam.example"))
    }
    assert seen_by_fabrikam["Contoso Cloud Partners"] == "suspended"
    assert seen_by_fabrikam["Litware Partners"] == "active"
    seen_by_adatum = {
        p.name: p.suspended for p in customers.list_partners(session, actor(session, "admin@adatum.example")).current
    }
    assert seen_by_adatum == {"Contoso Cloud Partners": True, "Fabrikam Distribution Korea": False}
    seen_by_contoso = {
        p.name: p.partner_status for p in partners.list_partnerships(session, actor(session, "admin@contoso.example"))
    }
    assert seen_by_contoso == {"Fabrikam Distribution Korea": "active"}


def test_reinstatement_restores_exactly_what_was_there(session):
    before = _counts(session)
    office = subscription(session, "adatum.example", "O365-E3")
    _suspend(session)
    assert _counts(session) == before
    row = suspension.reinstate(
        session, actor(session, "ops@platform.example"), org_id=org(session, "contoso.example").id
    )
    assert not row.suspended
    assert row.reason == ""
    admin = actor(session, "admin@contoso.example")
    assert admin.suspension is None
    assert subscriptions.change_quantity(session, admin, subscription_id=office.id, quantity=9).quantity == 9
    assert customers.list_customer_users(session, admin, customer_org_id=org(session, "adatum.example").id)
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "organization.reinstated")).first()
    with pytest.raises(Conflict):
        suspension.reinstate(session, actor(session, "ops@platform.example"), org_id=org(session, "contoso.example").id)


def test_the_suspension_reaches_every_actor_the_server_builds(session):
    """Sessions re-resolved on every event and API clients carry the reason, so the matrix sees it."""
    token = auth._start_session(
        session, session.exec(select(auth.User).where(auth.User.email == "admin@contoso.example")).one(), None
    )
    _suspend(session)
    assert auth.resolve_session(session, token).suspension == REASON
    client = api_clients.ApiClient(
        org_id=org(session, "contoso.example").id,
        name="erp",
        agent_role="admin_agent",
        admin_role="global_admin",
        secret_hash="x" * 64,
        secret_prefix="pcs_x",
        created_by_user_id=actor(session, "admin@contoso.example").user_id,
    )
    assert api_clients.actor_for_client(client, org(session, "contoso.example")).suspension == REASON


def test_staff_list_partner_organizations_with_their_status(session):
    _suspend(session)
    staff = actor(session, "ops@platform.example")
    rows = {r.name: r for r in suspension.list_partner_orgs(session, staff)}
    assert rows["Contoso Cloud Partners"].suspended
    assert rows["Contoso Cloud Partners"].reason == REASON
    assert not rows["Fabrikam Distribution Korea"].suspended
    assert "Adatum Corporation" not in rows
    assert [r.name for r in suspension.list_partner_orgs(session, staff, suspended_only=True)] == [
        "Contoso Cloud Partners"
    ]
    assert [r.name for r in suspension.list_partner_orgs(session, staff, search="5000001")] == [
        "Contoso Cloud Partners"
    ]


def test_a_provider_cannot_name_a_suspended_reseller_of_record(session):
    def order():
        return orders.submit_order(
            session,
            actor(session, "admin@fabrikam.example"),
            customer_org_id=org(session, "adatum.example").id,
            reseller_org_id=org(session, "contoso.example").id,
            product_id=product(session, "D365-SALES").id,
            quantity=1,
        )

    _suspend(session)
    with pytest.raises(DomainError) as refused:
        order()
    assert refused.value.code == "orders.reseller_suspended"
    suspension.reinstate(session, actor(session, "ops@platform.example"), org_id=org(session, "contoso.example").id)
    assert order().id
