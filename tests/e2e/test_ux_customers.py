"""Issue 13, points 1 and 6 as a reseller meets them: **View customers** of an indirect provider lists the
customers shared with that provider (and says so, in English and Korean); the link pages create a link only
when asked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import (
    AppShell,
    CustomerInvitationsPage,
    CustomersPage,
    IndirectProvidersPage,
    InviteNewCustomerPage,
    RequestRelationshipPage,
    sign_in,
)

pytestmark = pytest.mark.e2e


def test_view_customers_of_a_provider_lists_the_shared_ones(page: Page, data):
    fabrikam, litware, contoso = data.provider(), data.provider(), data.reseller()
    shared, own = data.customer(), data.customer()
    for provider in (fabrikam, litware):
        data.connect(provider, contoso)
    for customer in (shared, own):
        data.connect(contoso, customer)
    data.connect(fabrikam, shared)
    data.connect(litware, own)
    sign_in(page, contoso.admin)
    providers = IndirectProvidersPage(page).open()
    providers.view_customers(fabrikam.name)
    customers = CustomersPage(page)
    expect(customers.provider_filter).to_have_text(f"Customers shared with {fabrikam.name}")
    expect(customers.customer(shared.name)).to_be_visible()
    expect(customers.customer(own.name)).to_have_count(0)
    customers.search(shared.name[:-2])  # a search keeps the filter
    expect(customers.customer(shared.name)).to_be_visible()
    expect(customers.customer(own.name)).to_have_count(0)
    customers.search("")
    customers.show_all()
    expect(customers.provider_filter).to_have_count(0)
    expect(customers.customer(own.name)).to_be_visible()
    expect(customers.customer(shared.name)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/customers$"))

    AppShell(page).choose_language("한국어")
    providers.open()
    providers.view_customers(litware.name, "고객 보기")
    expect(customers.provider_filter).to_have_text(f"간접 공급자 {litware.name} 공유 고객")
    expect(customers.customer(own.name)).to_be_visible()
    expect(customers.customer(shared.name)).to_have_count(0)
    customers.show_all("모든 고객 보기")
    expect(customers.customer(shared.name)).to_be_visible()


def test_another_providers_id_shows_nothing(page: Page, data):
    stranger, contoso, customer = data.provider(), data.reseller(), data.customer()
    data.connect(contoso, customer)
    data.connect(stranger, customer)
    sign_in(page, contoso.admin)
    page.goto(f"/customers?provider={stranger.id}")
    expect(CustomersPage(page).alert).to_be_visible()
    expect(CustomersPage(page).customer(customer.name)).to_have_count(0)


def test_link_pages_create_a_link_only_when_asked(page: Page, data):
    fabrikam, contoso = data.provider(), data.reseller()
    data.connect(fabrikam, contoso)
    sign_in(page, contoso.admin)
    customers = CustomersPage(page).open()
    request = customers.request_relationship(create=False)
    expect(request.create_button).to_be_visible()
    page.reload()
    expect(request.create_button).to_be_visible()
    invite = CustomersPage(page).open().invite_new_customer(fabrikam.name, create=False)
    expect(invite.create_button).to_be_visible()
    invitations = CustomersPage(page).open().invitations()
    expect(invitations.empty).to_be_visible()  # nothing was created by the visits

    AppShell(page).choose_language("한국어")
    request = RequestRelationshipPage(page).open()
    request.create_link("링크 만들기")
    first = request.link()
    invitations = CustomerInvitationsPage(page).open_any()
    expect(invitations.rows).to_have_count(1)
    invite = InviteNewCustomerPage(page)
    page.goto(f"/customers/invite?provider={fabrikam.id}")
    invite.create_link("링크 만들기")
    assert invite.link() != first
    CustomerInvitationsPage(page).open_any()
    expect(invitations.rows).to_have_count(2)
