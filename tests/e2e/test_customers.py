"""Customers end to end, across browser contexts: a reseller relationship request copied from the page and
accepted by the customer; a two-party invitation through the provider accepted by a brand-new customer; the
customer removes the reseller's delegated admin privileges and the reseller's admin actions are refused
from then on; delegated admin privileges that expire (test clock)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import AcceptLinkPage, CustomerPartnersPage, CustomersPage, sign_in

pytestmark = pytest.mark.e2e

CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}


def test_request_relationship_accept_then_remove_delegated_admin(new_page, data):
    contoso, adatum = data.reseller(helpdesk=False), data.customer()
    reseller, customer = new_page(**CLIPBOARD), new_page()
    # The reseller requests a reseller relationship and copies the personalized link from the page.
    sign_in(reseller, contoso.admin)
    request = CustomersPage(reseller).open().request_relationship()
    link = request.link()
    expect(request.link_field).not_to_be_editable()
    expect(request.draft).to_have_value(re.compile(re.escape(contoso.name)))
    request.draft.fill("Hello Adatum, please accept us as your reseller.")
    expect(request.open_in_email).to_have_attribute("href", re.compile(r"^mailto:.*Hello%20Adatum.*accept"))
    clipboard = request.copy("Hello Adatum")
    assert link in clipboard
    assert "Hello Adatum" in clipboard
    request.done()

    # The customer opens the link, signs in with its own account, sees who asks and what it grants, accepts.
    customer.goto(link)
    accept = AcceptLinkPage(customer)
    expect(customer.get_by_text(f"{contoso.name} asks to become your reseller of record.")).to_be_visible()
    expect(customer.get_by_text(re.compile("administrator permissions over your subscriptions"))).to_be_visible()
    accept.sign_in(adatum.admin.email, adatum.admin.password)
    accept.accept(contoso.name)

    # The customer appears on the reseller's Customers page and expands to its details; an admin action works.
    customers = CustomersPage(reseller).open()
    customers.search(adatum.name)
    expect(customers.customer(adatum.name)).to_be_visible()
    details = customers.details(adatum.name)
    expect(details.text("Resellers of record")).to_be_visible()
    expect(details.text(re.compile(f"{re.escape(contoso.name)} · Indirect reseller"))).to_be_visible()
    expect(details.delegated_admin).to_contain_text("Active until")
    upn = data.email("user", adatum)
    details.add_user("Kim Min-ji", upn)
    expect(details.text("The user was added.")).to_be_visible()
    expect(details.text(upn)).to_be_visible()

    # The customer removes the reseller's delegated admin privileges on its Partners page (with confirmation).
    partners = CustomerPartnersPage(customer).open()
    expect(
        partners.partner(contoso.name).get_by_text(re.compile("Administer subscriptions, licenses and users"))
    ).to_be_visible()
    partners.remove_delegated_admin(contoso.name)
    expect(customer.get_by_text(re.compile("Delegated admin privileges removed on"))).to_be_visible()

    # From then on the reseller's admin actions on the customer are refused.
    customers = CustomersPage(reseller).open()
    customers.search(adatum.name)
    details = customers.details(adatum.name)
    expect(details.delegated_admin).to_contain_text("Removed by the customer")
    expect(details.text("Delegated admin privileges are needed")).to_be_visible()
    expect(details.text(upn)).to_have_count(0)
    expect(details.add_user_button).to_have_count(0)  # no form offered that would be refused (issue 13, 10)


def test_invite_new_customer_through_provider(new_page, data):
    fabrikam, contoso = data.provider(), data.reseller(helpdesk=False)
    data.connect(fabrikam, contoso)
    reseller, customer, provider = new_page(), new_page(), new_page()
    sign_in(reseller, contoso.admin)
    link = CustomersPage(reseller).open().invite_new_customer(fabrikam.name).link()

    # A brand-new customer creates its account from the link and accepts both resellers of record.
    company, domain = data.name("Woodgrove"), data.domain("woodgrove")
    customer.goto(link)
    expect(
        customer.get_by_text(
            re.compile(f"{re.escape(contoso.name)} and its indirect provider {re.escape(fabrikam.name)} ask")
        )
    ).to_be_visible()
    expect(customer.get_by_text(re.compile(f"{re.escape(fabrikam.name)} may submit orders"))).to_be_visible()
    accept = AcceptLinkPage(customer)
    accept.create_customer_account(
        company=company,
        domain=domain,
        full_name="Jordan Rivera",
        email=f"admin@{domain}",
        password="Tidal-orbit-lantern-57",
    )
    accept.accept(contoso.name, fabrikam.name)  # both named (issue 13, point 10)
    partners = CustomerPartnersPage(customer).open()
    expect(partners.partner(contoso.name)).to_be_visible()
    expect(partners.partner(fabrikam.name)).to_contain_text("Submit orders and add subscriptions")

    # It appears for both the reseller and the provider.
    for page, account in ((reseller, None), (provider, fabrikam.admin)):
        if account:
            sign_in(page, account)
        customers = CustomersPage(page).open()
        customers.search(company)
        expect(customers.customer(company)).to_be_visible()


def test_delegated_admin_privileges_expire_with_the_customers_clock(page, data):
    contoso, adatum = data.reseller(helpdesk=False), data.customer()
    data.connect(contoso, adatum)
    data.grant_delegated_admin(contoso, adatum, days=30)
    sign_in(page, contoso.admin)
    customers = CustomersPage(page).open()
    customers.search(adatum.name)
    expect(customers.details(adatum.name).delegated_admin).to_contain_text("Active until")
    data.advance_clock(adatum, days=31)
    customers = CustomersPage(page).open()
    customers.search(adatum.name)
    details = customers.details(adatum.name)
    expect(details.delegated_admin).to_contain_text("Expired on")
    expect(details.text("Delegated admin privileges are needed")).to_be_visible()
    expect(details.add_user_button).to_have_count(0)  # no Add user form that would be refused
