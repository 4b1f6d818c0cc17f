"""Every page, as each kind of user sees it, in English and Korean, in light and dark mode: no axe-core
violation of any impact (WCAG 2.2 A/AA and best practices). Plus the keyboard aids: the skip link and the
sortable column headers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import describe, expect_accessible, violations
from tests.e2e.pages import CustomersPage, DashboardPage, SignInPage, sign_in, totp_code
from tests.e2e.pages.shell import AppShell
from tests.e2e.pages.tour import AnyPage

pytestmark = pytest.mark.e2e

PUBLIC = ["/signin", "/enroll", "/providers/directory"]
# Pages reached from other pages rather than the menu.
EXTRA = {
    "reseller": ["/account/users/add", "/customers/request", "/customers/invitations", "/change-password"],
    "provider": ["/change-password"],
    "customer": [],
    "platform": [],
}


def _world(data):
    platform, provider, reseller, customer = data.platform(), data.provider(), data.reseller(), data.customer()
    data.connect(provider, reseller)
    data.connect(reseller, customer)
    data.grant_delegated_admin(reseller, customer)
    data.subscription(customer, "O365-E3", reseller=reseller, provider=provider, quantity=3)
    data.refer_lead(platform, reseller, company=data.name("Lead Co"))
    return {"platform": platform, "provider": provider, "reseller": reseller, "customer": customer}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["English", "한국어"])
def test_every_page_has_no_axe_violations(new_page, data, language, scheme):
    world = _world(data)
    browser = new_page(color_scheme=scheme)
    tour = AnyPage(browser)
    for path in PUBLIC:
        tour.visit(path)
        expect(browser.locator("html")).to_have_class(re.compile(rf"\b{scheme}\b"))  # drawn in that mode
        if path == "/signin":
            AppShell(browser).choose_language(language)
        expect_accessible(browser, f"{path} ({language}, {scheme})")
    checked, problems = set(), []
    for kind, org in world.items():
        SignInPage(browser).open().submit(org.admin.email, org.admin.password)
        if org.admin.totp_key:  # platform staff: the code step, itself checked for accessibility
            code = browser.locator("input#code")  # the code step (its words are in the tour's language)
            expect(code).to_be_visible()
            expect_accessible(browser, f"code step ({language}, {scheme})")
            code.fill(totp_code(org.admin.totp_key))
            code.press("Enter")
        tour.settled("/dashboard")
        expect(browser.locator("html")).to_have_attribute("lang", "ko" if language == "한국어" else "en")
        menu = tour.menu_paths()
        for path in ["/dashboard", *menu, *EXTRA[kind]]:
            if path in menu:
                tour.follow(path)
            else:
                tour.visit(path)
            found = violations(browser)  # every page's findings at once, then fail
            if found:
                problems.append(f"{path} as {kind} ({language}, {scheme}):\n{describe(found)}")
            checked.add(path)
        AppShell(browser).sign_out()
    assert not problems, "axe found violations:\n" + "\n".join(problems)
    assert len(checked) >= 20  # the tour saw the signed-in pages, not a redirect loop


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page, data):
    reseller = data.reseller()
    sign_in(page, reseller.admin)
    DashboardPage(page).shown()  # the address changes before the new page replaces the form: wait to see it
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()


def test_customer_columns_sort_from_the_keyboard_and_say_how(page, data):
    reseller = data.reseller()
    clients = [data.customer(label) for label in ("Alpha", "Bravo", "Charlie")]
    for client in clients:
        data.connect(reseller, client)
    names = [client.name for client in clients]
    sign_in(page, reseller.admin)
    customers = CustomersPage(page).open()
    name_header = customers.column_header("Name")
    expect(name_header).to_have_attribute("aria-sort", "ascending")
    expect(customers.customer_names).to_have_text(names)
    customers.sort_button("Name").focus()
    page.keyboard.press("Enter")
    expect(name_header).to_have_attribute("aria-sort", "descending")
    expect(customers.customer_names).to_have_text(list(reversed(names)))
    page.keyboard.press("Space")
    expect(name_header).to_have_attribute("aria-sort", "ascending")
    expect(customers.customer_names).to_have_text(names)
    expect(customers.column_header("Customer since")).to_have_attribute("aria-sort", "none")
