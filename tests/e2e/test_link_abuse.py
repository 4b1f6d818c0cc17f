"""A customer link cannot be abused: it creates one customer organization, whose domain must be its admin's
email domain and shows as unverified to the reseller until that admin confirms the email."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import AcceptLinkPage, CustomersPage, sign_in
from tests.e2e.pages.operations import VerifyContactPage

pytestmark = pytest.mark.e2e

PASSWORD = "Tidal-orbit-lantern-57"


def test_one_link_one_organization_unverified_until_the_admin_confirms(new_page, data, hooks):
    contoso = data.reseller(helpdesk=False)
    reseller, customer, intruder = new_page(), new_page(), new_page()
    sign_in(reseller, contoso.admin)
    link = CustomersPage(reseller).open().request_relationship().link()

    company, domain = data.name("Woodgrove"), data.domain("woodgrove")
    admin = f"admin@{domain}"
    customer.goto(link)
    accept = AcceptLinkPage(customer)
    # a domain that is not the admin's email domain is refused next to the field
    accept.create_customer_account(
        company=company, domain=data.domain("microsoft"), full_name="Jordan Rivera", email=admin, password=PASSWORD
    )
    expect(customer.get_by_text("The domain must be the domain of the admin's email address")).to_be_visible()
    accept.fill_customer_account(
        company=company, domain=domain, full_name="Jordan Rivera", email=admin, password=PASSWORD
    )
    expect(customer.get_by_role("button", name="Accept")).to_be_visible()  # signed in as the new admin

    # the same link cannot make a second organization: it now only lets that organization's admin sign in
    intruder.goto(link)
    expect(intruder.get_by_role("button", name="Sign in")).to_be_visible()
    expect(intruder.get_by_role("button", name="Create a customer account")).to_have_count(0)
    accept.accept(contoso.name)

    # the reseller sees the new customer's domain as unverified
    customers = CustomersPage(reseller).open()
    customers.search(company)
    expect(customers.row(company)).to_contain_text(domain)
    expect(customers.row(company)).to_contain_text("unverified")

    # the admin confirms the email: the domain is verified
    customer.goto(hooks.email(admin, "Confirm your email to verify").link)
    VerifyContactPage(customer).confirm()
    customers = CustomersPage(reseller).open()
    customers.search(company)
    expect(customers.row(company)).to_contain_text(domain)
    expect(customers.row(company)).not_to_contain_text("unverified")
