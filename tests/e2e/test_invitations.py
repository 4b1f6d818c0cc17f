"""Customer invitations end to end: a reseller requests a reseller relationship, finds the link pending on
**Customer invitations**, revokes it (after confirming), and the customer who opens it is told it was
revoked; a link left unused expires after 14 days of the reseller's clock (test clock)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import AcceptLinkPage, CustomerInvitationsPage, CustomersPage, sign_in

pytestmark = pytest.mark.e2e


def test_request_then_revoke_from_customer_invitations(page, new_page, data):
    contoso = data.reseller(helpdesk=False)
    sign_in(page, contoso.admin)
    link = CustomersPage(page).open().request_relationship().link()

    invitations = CustomersPage(page).open().invitations()
    newest = invitations.newest()
    expect(newest).to_contain_text("Request a reseller relationship")
    expect(newest).to_contain_text("Contoso Admin")
    expect(newest).to_contain_text("Pending")

    # The customer can still open it before it is revoked.
    customer = new_page()
    customer.goto(link)
    expect(AcceptLinkPage(customer).asks).to_contain_text(contoso.name)

    invitations.revoke(newest)
    expect(newest).to_contain_text("Revoked")
    expect(newest.get_by_role("button", name="Revoke")).to_have_count(0)

    other = new_page()
    other.goto(link)
    accept = AcceptLinkPage(other)
    expect(accept.alert).to_contain_text("This link was revoked")
    expect(accept.asks).to_have_count(0)


def test_an_unused_link_expires_after_14_days_of_the_resellers_clock(page, new_page, data):
    contoso = data.reseller(helpdesk=False)
    sign_in(page, contoso.admin)
    link = CustomersPage(page).open().request_relationship().link()
    data.advance_clock(contoso, days=13)
    customer = new_page()
    customer.goto(link)
    expect(AcceptLinkPage(customer).asks).to_contain_text(contoso.name)
    data.advance_clock(contoso, days=2)
    customer.goto(link)
    accept = AcceptLinkPage(customer)
    expect(accept.alert).to_contain_text("This link has expired.")
    expect(accept.asks).to_have_count(0)
    # 15 days later the reseller's own session has long been idle: sign in again to see the list.
    sign_in(page, contoso.admin)
    invitations = CustomerInvitationsPage(page).open()
    expect(invitations.newest()).to_contain_text("Expired")
