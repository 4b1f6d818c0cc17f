"""Partnership lifecycle end to end: delegated admin for a chosen 30 days, seen by the customer before approval,
listed on the expiry dashboard; the test clock moved forward sends the 7-day and 1-day notices once each and then
ends the privilege. Incentives: the demo months on a partner's page; platform staff define a program."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from rxapp.services.demo_incentives import demo_months
from tests.e2e.pages import (
    AcceptLinkPage,
    CustomersPage,
    IncentiveProgramsPage,
    IncentivesPage,
    RelationshipsPage,
    SignInPage,
    sign_in,
)

pytestmark = pytest.mark.e2e
NOTICE_WAIT = 45  # the notice task runs every 5 s; the clock hook answers after its 1 s cache


def _subjects(hooks, address: str, text: str) -> list[str]:
    return [m.subject for m in hooks.emails(address) if text in m.subject]


def test_delegated_admin_for_30_days_with_expiry_notices(new_page, data, hooks):
    contoso, adatum = data.reseller(helpdesk=False), data.customer()
    data.connect(contoso, adatum)
    reseller, customer = new_page(), new_page()

    # Contoso asks Adatum for delegated admin privileges for 30 days (a wrong duration is refused on its field).
    sign_in(reseller, contoso.admin)
    customers = CustomersPage(reseller).open()
    customers.search(adatum.name)
    details = customers.details(adatum.name)
    details.request_delegated_admin(731)
    expect(details.text("Enter a number of days from 1 to 730.")).to_be_visible()
    details.request_delegated_admin(30)
    expect(details.text("The request was emailed to the customer's global admins.")).to_be_visible()

    # Adatum's Global admin sees the 30 days before approving, and approves.
    email = hooks.email(adatum.admin.email, f"{contoso.name} asks for delegated admin privileges")
    assert "30 days" in email.text
    customer.goto(email.links[0])
    expect(customer.get_by_text(re.compile(r"delegated admin privileges, for 30 days"))).to_be_visible()
    accept = AcceptLinkPage(customer)
    accept.sign_in(adatum.admin.email, adatum.admin.password)
    accept.accept_delegated_admin(contoso.name)

    # The expiry dashboard lists it with 30 days left; the "expiring within" filter and the CSV agree.
    dashboard = RelationshipsPage(reseller).open()
    row = dashboard.item(adatum.name)
    expect(dashboard.cells(row).nth(3)).to_have_text("30")
    expect(dashboard.cells(row).nth(4)).to_have_text("Active")
    dashboard.expiring_within(29)
    expect(dashboard.item(adatum.name)).to_have_count(0)
    dashboard.expiring_within(30)
    expect(dashboard.item(adatum.name)).to_be_visible()
    assert re.search(
        rf"{re.escape(adatum.name)},Delegated admin privileges,[\d-]+,[\d-]+,30,Active", dashboard.export_csv()
    )

    # 23 days later (test clock): the 7-day notice, to Contoso's admin agents and Adatum's Global admins.
    data.advance_clock(contoso, days=23)
    for address in (contoso.admin.email, adatum.admin.email):
        hooks.email(address, "Delegated admin privileges end in 7 days", timeout=NOTICE_WAIT)
    # 6 days more: the 1-day notice; the 7-day one was not sent again meanwhile.
    data.advance_clock(contoso, days=6)
    for address in (contoso.admin.email, adatum.admin.email):
        hooks.email(address, "Delegated admin privileges end in 1 day:", timeout=NOTICE_WAIT)
    # 2 days more: the privileges have ended.
    data.advance_clock(contoso, days=2)
    hooks.email(contoso.admin.email, "Delegated admin privileges ended", timeout=NOTICE_WAIT)
    for address in (contoso.admin.email, adatum.admin.email):
        assert len(_subjects(hooks, address, "end in 7 days")) == 1
        assert len(_subjects(hooks, address, "end in 1 day:")) == 1
    assert len(_subjects(hooks, contoso.admin.email, "privileges ended")) == 1

    # Contoso's admin actions on Adatum are refused; the dashboard shows it ended.
    sign_in(reseller, contoso.admin)  # the clock moved past the session's lifetime
    customers = CustomersPage(reseller).open()
    customers.search(adatum.name)
    details = customers.details(adatum.name)
    expect(details.delegated_admin).to_contain_text("Expired on")
    expect(details.add_user_button).to_have_count(0)  # no Add user form without delegated admin privileges
    dashboard = RelationshipsPage(reseller).open()
    row = dashboard.item(adatum.name)
    expect(dashboard.cells(row).nth(3)).to_have_text("0")
    expect(dashboard.cells(row).nth(4)).to_have_text("Ended")


@pytest.mark.usefixtures("own_server")
def test_the_incentives_page_shows_the_demo_months(page):
    SignInPage(page).open().sign_in("admin@contoso.example", "Reseller-demo-2026")
    incentives = IncentivesPage(page).open()
    expect(incentives.mpn_id).to_contain_text("5000001")
    modern = incentives.rows_of("Modern Work Growth")
    expect(modern).to_have_count(3)
    months = [f"{month:%Y-%m}" for month in reversed(demo_months())]
    for index, month in enumerate(months):
        expect(modern.nth(index)).to_contain_text(month)
    # newest month: Microsoft 365 14,100.00 + Office 365 800.00 billed, 4.5 % of it estimated
    expect(modern.first).to_contain_text("14,900.00")
    expect(modern.first).to_contain_text("670.50")
    azure = incentives.rows_of("Azure Accelerate")
    expect(azure).to_have_count(3)
    expect(azure.first).to_contain_text("The program is not open in your country/region.")
    text = incentives.export_csv()
    assert text.count("5000001,Modern Work Growth") == 3
    assert f"{months[0]},Yes" in text


def test_platform_staff_define_an_incentive_program(page, data):
    platform = data.platform()
    sign_in(page, platform.admin)
    programs = IncentiveProgramsPage(page).open()
    name = data.name("Security Boost")
    programs.create(
        name=name,
        families=["Microsoft Azure"],
        rate="150",
        starts_on="2026-01-01",
        ends_on="2026-12-31",
        kinds=["Indirect resellers"],
        countries="KR",
    )
    expect(page.get_by_text("Enter a rate above 0 and at most 100, with up to two decimals.")).to_be_visible()
    expect(programs.program(name)).to_have_count(0)
    page.get_by_label("Rate (% of monthly billed amount)").fill("2.5")
    page.get_by_role("button", name="Create program").click()
    expect(programs.status_with(f"Program {name} was created.")).to_be_visible()
    expect(programs.program(name)).to_contain_text("2.5%")
    programs.delete(name)
    expect(programs.program(name)).to_have_count(0)
