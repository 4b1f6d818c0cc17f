"""Issue 14 in a real browser: platform staff suspend a reseller (reason, confirmation); its admin sees the
banner with the reason on every page and cannot add licenses (its way of ordering) or send a customer link,
its open link stops working, its provider and its customer see it as suspended; reinstated, everything works
again. And the Sales agent: added through Add user, it orders (reseller: licenses; provider: an order) and is
refused support on behalf of customers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import (
    AddUserPage,
    AppShell,
    CustomerPartnersPage,
    DashboardPage,
    IndirectResellersPage,
    OrdersPage,
    PartnerOrganizationsPage,
    RequestRelationshipPage,
    SubscriptionsPage,
    SupportPage,
    UserManagementPage,
    first_sign_in,
    sign_in,
)

pytestmark = pytest.mark.e2e

M365 = "Microsoft 365 Business Premium"
REFUSED = "Your organization is suspended, so this change is refused."


def _world(data) -> dict:
    fabrikam, contoso, adatum = data.provider(), data.reseller(), data.customer()
    data.connect(fabrikam, contoso)
    data.connect(contoso, adatum)
    data.connect(fabrikam, adatum)
    data.subscription(adatum, "M365-BP", reseller=contoso, provider=fabrikam, quantity=5)
    return {"fabrikam": fabrikam, "contoso": contoso, "adatum": adatum}


def test_staff_suspend_a_reseller_and_reinstate_it(page: Page, new_page, data, hooks):
    world = _world(data)
    fabrikam, contoso, adatum = world["fabrikam"], world["contoso"], world["adatum"]
    platform = data.platform()
    reason = f"Unpaid distributor invoices {data.tag()}"

    # Before the suspension Contoso sends a customer a relationship link (still open when it is suspended).
    reseller = new_page()
    sign_in(reseller, contoso.admin)
    before_suspension = RequestRelationshipPage(reseller).open()
    before_suspension.create_link()
    open_link = before_suspension.link()

    # 1. Platform staff: a reason is required, then suspend after the confirmation.
    sign_in(page, platform.admin)
    AppShell(page).go("Partner organizations")
    orgs = PartnerOrganizationsPage(page).shown()
    orgs.search(contoso.name)
    expect(orgs.organization(contoso.name)).to_contain_text("Active")
    dialog = orgs.start_suspending(contoso.name)
    orgs.type_into(dialog.get_by_label("Reason"), "   ")
    dialog.get_by_role("button", name="Suspend").click()
    expect(dialog.get_by_text("Reason is required.")).to_be_visible()
    dialog.get_by_role("button", name="Cancel").click()
    expect(orgs.organization(contoso.name)).to_contain_text("Active")
    orgs.suspend(contoso.name, reason)
    expect(orgs.organization(contoso.name)).to_contain_text("Suspended")
    expect(orgs.organization(contoso.name)).to_contain_text(reason)
    assert reason in hooks.email(contoso.admin.email, "is suspended").text

    # 2. Contoso's admin: the banner with the reason on every page; changes refused with it.
    reseller.goto("/dashboard")
    shell = AppShell(reseller)
    expect(shell.suspension_banner).to_contain_text(reason)
    subscriptions = SubscriptionsPage(reseller).open()
    expect(shell.suspension_banner).to_contain_text(reason)
    before = subscriptions.quantity(M365)
    subscriptions.change_quantity(M365, int(before) + 3)
    expect(subscriptions.alert.filter(has_text=REFUSED)).to_contain_text(reason)
    reseller.reload()
    expect(subscriptions.subscription(M365)).to_contain_text(f"/ {before}")
    request = RequestRelationshipPage(reseller).open()
    request.create_button.click()
    expect(request.alert.filter(has_text=REFUSED)).to_contain_text(reason)
    expect(request.link_field).to_have_count(0)

    # 3. Its open link stops working with a clear message; its provider and customer see it suspended.
    customer = new_page()
    customer.goto(open_link)
    expect(customer.get_by_text(f"{contoso.name} is suspended by Partner Center")).to_be_visible()
    provider = new_page()
    sign_in(provider, fabrikam.admin)
    resellers = IndirectResellersPage(provider).open()
    expect(resellers.reseller(contoso.name)).to_contain_text("Suspended")
    sign_in(customer, adatum.admin)
    partners = CustomerPartnersPage(customer).open()
    expect(partners.partner(contoso.name)).to_contain_text("Suspended")

    # 4. Reinstated: everything works again as it was.
    orgs.reinstate(contoso.name)
    expect(orgs.organization(contoso.name)).to_contain_text("Active")
    expect(orgs.organization(contoso.name)).not_to_contain_text(reason)
    assert contoso.name in hooks.email(contoso.admin.email, "is reinstated").subject
    subscriptions.open()
    expect(shell.suspension_banner).to_have_count(0)
    subscriptions.change_quantity(M365, int(before) + 3)
    expect(subscriptions.status).to_have_text(f"The quantity is now {int(before) + 3}.")
    after = RequestRelationshipPage(reseller).open()
    after.create_link()
    assert after.link()
    provider.reload()
    expect(resellers.reseller(contoso.name)).not_to_contain_text("Suspended")
    customer.goto(open_link)
    expect(customer.get_by_test_id("accept-asks")).to_contain_text(contoso.name)


def test_a_sales_agent_orders_and_is_refused_support_on_behalf(page: Page, new_page, data):
    world = _world(data)
    fabrikam, contoso, adatum = world["fabrikam"], world["contoso"], world["adatum"]
    email, name = data.email("sales", contoso), data.name("Sam Sales")

    # Contoso's admin adds a Sales agent through Add user, reading what the role can and can't do.
    sign_in(page, contoso.admin)
    AppShell(page).go("User management")
    add = UserManagementPage(page).shown().add_user()
    sales_agent = add.role("Sales agent")
    expect(sales_agent).to_have_accessible_description(
        re.compile(
            r"Place orders .*What they can't do: .*Request "
            r"support on behalf of customers"
        )
    )
    temporary = add.create(name, email, "Sales agent", "Not an admin")
    AppShell(page).sign_out()

    # The Sales agent orders more licenses for the customer ...
    first_sign_in(page, email, temporary, "copper lantern 47 meadow")
    shell = AppShell(page)
    expect(shell.nav_link("Subscriptions")).to_be_visible()
    expect(shell.nav_link("Support")).to_have_count(0)
    expect(shell.nav_link("User management")).to_have_count(0)
    subscriptions = SubscriptionsPage(page).open()
    before = int(subscriptions.quantity(M365))
    subscriptions.change_quantity(M365, before + 2)
    expect(subscriptions.status_with("The quantity is now")).to_have_text(f"The quantity is now {before + 2}.")
    # ... and is refused support on behalf of customers.
    page.goto(SupportPage.path)
    dashboard = DashboardPage(page)
    dashboard.expect_path("/dashboard$")
    expect(dashboard.status_with("You need one of these roles")).to_have_text(
        "You need one of these roles to do that: Admin agent, Global admin, Helpdesk agent."
    )
    page.goto(AddUserPage.path)
    dashboard.expect_path("/dashboard$")

    # A provider's Sales agent places an order for the customer.
    provider_sales = data.add_user(fabrikam, "sales", data.name("Pat Provider Sales"), agent="sales_agent")
    provider = new_page()
    sign_in(provider, provider_sales)
    orders = OrdersPage(provider).open()
    orders.submit_order(customer=adatum.name, reseller=contoso.name, product=f"{M365} ($22.00)", quantity=4)
    expect(orders.order(M365)).to_contain_text("Fulfilled")
