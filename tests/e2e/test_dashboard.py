"""The dashboard's to-do list as partners use it: what waits for them, by role, each item leading to where it is
handled, in English and Korean."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import DashboardPage, sign_in
from tests.e2e.pages.partners import IndirectResellersPage
from tests.e2e.pages.shell import AppShell

pytestmark = pytest.mark.e2e


def test_a_reseller_sees_what_waits_and_follows_an_item_to_where_it_is_handled(page, data):
    platform, reseller, customer = data.platform(), data.reseller(), data.customer()
    data.connect(reseller, customer)  # no delegated admin yet
    data.refer_lead(platform, reseller, company=data.name("Tailspin"))
    sign_in(page, reseller.admin)
    dashboard = DashboardPage(page).shown()
    expect(dashboard.todo("1 customer without delegated admin")).to_be_visible()
    expect(dashboard.todo("1 new lead")).to_be_visible()
    expect(dashboard.todo("1 new lead")).to_contain_text("since today")
    dashboard.todo("1 new lead").click()
    expect(page).to_have_url(re.compile(r"/leads/?$"))


def test_delegated_admin_ending_soon_is_on_the_list_and_in_korean(page, data):
    reseller, customer = data.reseller(), data.customer()
    data.connect(reseller, customer)
    data.grant_delegated_admin(reseller, customer, days=10)
    sign_in(page, reseller.admin)
    dashboard = DashboardPage(page).shown()
    expect(dashboard.todo("Delegated admin ends within 30 days for 1 customer")).to_be_visible()
    expect(dashboard.todo_list.get_by_role("link")).to_have_count(1)  # the customer has delegated admin
    AppShell(page).choose_language("한국어")
    expect(dashboard.todo("30일 이내에 위임된 관리자 권한이 끝나는 고객 1곳")).to_be_visible()
    dashboard.todo("30일 이내에 위임된 관리자 권한이 끝나는 고객 1곳").click()
    expect(page).to_have_url(re.compile(r"/customers/?$"))
    AppShell(page).choose_language("English")


def test_a_helpdesk_agent_is_not_given_leads_to_handle(page, data):
    platform, reseller = data.platform(), data.reseller()
    data.refer_lead(platform, reseller, company=data.name("Tailspin"))
    sign_in(page, reseller.user("helpdesk"))
    dashboard = DashboardPage(page).shown()
    expect(dashboard.nothing_to_do).to_be_visible()
    expect(dashboard.todo_list).to_have_count(0)


def test_a_provider_sees_its_invitation_waiting_for_the_reseller(page, data):
    provider, reseller = data.provider(), data.reseller()
    sign_in(page, provider.admin)
    IndirectResellersPage(page).open().invite(reseller.name, email=reseller.admin.email)
    dashboard = DashboardPage(page).open()
    item = dashboard.todo("1 reseller invitation waiting for an answer")
    expect(item).to_be_visible()
    item.click()
    IndirectResellersPage(page).shown()
    expect(IndirectResellersPage(page).invitation(reseller.name)).to_contain_text("Pending")
