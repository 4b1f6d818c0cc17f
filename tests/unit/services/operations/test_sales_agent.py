"""The Sales agent through the services (issue 14): it places orders and manages subscriptions and leads,
and is refused delegated admin, support on behalf and user management with the roles that would grant them."""

from __future__ import annotations

import pytest

from rxapp.errors import PermissionDenied
from rxapp.models import AdminRole, AgentRole
from rxapp.services import customers, orders, subscriptions, support, users
from tests.unit.services.operations.world import (
    actor,
    add_user,
    org,
    product,
    subscription,
)


@pytest.fixture
def sales(session):
    """A Sales agent in each partner of the world: Fabrikam (provider) and Contoso (reseller)."""
    add_user(
        session,
        org(session, "fabrikam.example"),
        "sales@fabrikam.example",
        AgentRole.SALES_AGENT,
        AdminRole.NOT_AN_ADMIN,
    )
    add_user(
        session, org(session, "contoso.example"), "sales@contoso.example", AgentRole.SALES_AGENT, AdminRole.NOT_AN_ADMIN
    )
    return actor(session, "sales@fabrikam.example"), actor(session, "sales@contoso.example")


def test_provider_sales_agent_places_an_order(session, sales):
    provider_sales, _ = sales
    order = orders.submit_order(
        session,
        provider_sales,
        customer_org_id=org(session, "adatum.example").id,
        reseller_org_id=org(session, "contoso.example").id,
        product_id=product(session, "D365-SALES").id,
        quantity=2,
    )
    assert order.placed_by_user_id == provider_sales.user_id


def test_reseller_sales_agent_adds_licenses_even_to_office_365(session, sales):
    _, reseller_sales = sales
    office = subscription(session, "adatum.example", "O365-E3")
    changed = subscriptions.change_quantity(
        session, reseller_sales, subscription_id=office.id, quantity=office.quantity + 3
    )
    assert changed.quantity == 8


def test_sales_agent_is_refused_support_on_behalf_delegated_admin_and_users(session, sales):
    _, reseller_sales = sales
    adatum = org(session, "adatum.example").id
    with pytest.raises(PermissionDenied) as refusal:
        support.create_customer_request(
            session,
            reseller_sales,
            customer_org_id=adatum,
            subject="Help",
            body="Mailbox is full",
            subscription_id=None,
        )
    assert "sales_agent" not in refusal.value.params["roles"]
    with pytest.raises(PermissionDenied):
        customers.request_delegated_admin(session, reseller_sales, customer_org_id=adatum)
    with pytest.raises(PermissionDenied):
        customers.list_customer_users(session, reseller_sales, customer_org_id=adatum)
    with pytest.raises(PermissionDenied):
        users.add_user(
            session,
            reseller_sales,
            full_name="Someone New",
            email="new@contoso.example",
            agent_role="sales_agent",
            admin_role="not_an_admin",
        )


def test_global_admin_adds_a_sales_agent(session):
    admin = actor(session, "admin@contoso.example")
    created = users.add_user(
        session,
        admin,
        full_name="Sam Sales",
        email="sam@contoso.example",
        agent_role="sales_agent",
        admin_role="not_an_admin",
    )
    listed, _total = users.list_users(session, admin, role="sales_agent")
    assert [row.email for row in listed] == ["sam@contoso.example"]
    assert created.user_id == listed[0].id
