"""Issue 13, point 3: a page's messages stay on that page. An order's confirmation does not follow the
provider to Subscriptions or Support, and a notice (the password change, a refused page) shows once."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import AppShell, OrdersPage, SignInPage, SubscriptionsPage, SupportPage, sign_in

pytestmark = pytest.mark.e2e


def test_an_order_confirmation_stays_on_the_orders_page(page: Page, data):
    fabrikam, contoso, adatum = data.provider(), data.reseller(), data.customer()
    data.connect(fabrikam, contoso)
    data.connect(contoso, adatum)
    data.connect(fabrikam, adatum)
    sign_in(page, fabrikam.admin)
    shell = AppShell(page)
    shell.go("Orders")
    orders = OrdersPage(page).shown()
    orders.submit_order(
        customer=adatum.name, reseller=contoso.name, product="Microsoft 365 Business Premium ($22.00)", quantity=2
    )
    shell.go("Subscriptions")
    subscriptions = SubscriptionsPage(page)
    expect(subscriptions.subscription("Microsoft 365 Business Premium")).to_be_visible()
    expect(subscriptions.status_with("The order was submitted")).to_have_count(0)
    shell.go("Support")
    support = SupportPage(page).shown()
    expect(support.customer_request_form).to_be_visible()
    expect(support.status_with("The order was submitted")).to_have_count(0)


def test_a_refused_page_notice_shows_on_the_dashboard_only(page: Page, data):
    contoso = data.reseller()
    helpdesk = contoso.user("helpdesk")
    sign_in(page, helpdesk)
    page.goto("/account/users")  # a Helpdesk agent may not manage users: sent to the dashboard with a notice
    notice = page.get_by_role("status").filter(has_text="You need one of these roles")
    expect(page).to_have_url(re.compile("/dashboard"))
    expect(notice).to_be_visible()
    # The close button sits beside the text, not under it (issue 13, point 10).
    text_box = notice.get_by_text("You need one of these roles").bounding_box()
    close_box = notice.get_by_role("button", name="Dismiss").bounding_box()
    assert close_box["y"] < text_box["y"] + text_box["height"], (text_box, close_box)
    assert close_box["x"] > text_box["x"] + text_box["width"] - 1, (text_box, close_box)
    AppShell(page).go("Subscriptions")
    expect(page).to_have_url(re.compile("/subscriptions"))
    expect(page.get_by_role("heading", name="Subscriptions", exact=True)).to_be_visible()
    expect(notice).to_have_count(0)


def test_signing_in_from_a_link_lands_on_the_linked_page(page: Page, data):
    """A link to a protected page (as emails carry) asks to sign in, then shows that page at its own address
    (issue 13, point 10: the address bar stayed on /signin?next=...)."""
    contoso = data.reseller()
    page.goto("/customers/invitations")
    expect(page).to_have_url(re.compile(r"/signin\?next=/customers/invitations$"))
    SignInPage(page).submit(contoso.admin.email, contoso.admin.password)
    expect(page).to_have_url(re.compile(r"/customers/invitations$"))
    expect(page.get_by_role("heading", name="Customer invitations")).to_be_visible()
