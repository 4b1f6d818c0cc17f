"""Screenshots for the README (docs/screenshots/): the dashboard of each role, the audit log, and a Korean page
drawn with the self-hosted Noto Sans KR. Run with `UPDATE_SCREENSHOTS=1` to write them into docs/screenshots/;
otherwise they go to test-results/screenshots/ (the checks run either way)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import AuditLogPage, DashboardPage, sign_in
from tests.e2e.pages.partners import IndirectResellersPage
from tests.e2e.pages.shell import AppShell

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / ("docs/screenshots" if os.environ.get("UPDATE_SCREENSHOTS") == "1" else "test-results/screenshots")
VIEWPORT = {"width": 1280, "height": 860}


def _shot(page, name: str) -> Path:
    TARGET.mkdir(parents=True, exist_ok=True)
    path = TARGET / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000  # a drawn page, not a blank one
    return path


def test_dashboards_of_each_role_the_audit_log_and_a_korean_page(new_page, data):
    platform, provider, reseller, customer, other = (
        data.platform(),
        data.provider(),
        data.reseller(),
        data.customer(),
        data.customer("Tailspin Toys"),
    )
    data.connect(provider, reseller)
    data.connect(reseller, customer)
    data.connect(reseller, other)
    data.grant_delegated_admin(reseller, customer, days=12)
    data.refer_lead(platform, reseller, company=data.name("Wingtip Toys"))

    browser = new_page(viewport=VIEWPORT)
    sign_in(browser, provider.admin)
    invited = data.reseller("Litware", helpdesk=False)
    IndirectResellersPage(browser).open().invite(invited.name, email=invited.admin.email)
    dashboard = DashboardPage(browser).open()
    expect(dashboard.todo("1 reseller invitation waiting for an answer")).to_be_visible()
    _shot(browser, "dashboard-provider")
    AppShell(browser).sign_out()

    sign_in(browser, reseller.admin)
    dashboard = DashboardPage(browser).shown()
    expect(dashboard.todo("1 new lead")).to_be_visible()
    expect(dashboard.todo("Delegated admin ends within 30 days for 1 customer")).to_be_visible()
    _shot(browser, "dashboard-reseller-admin")
    AuditLogPage(browser).open()
    expect(browser.get_by_role("row").nth(1)).to_be_visible()
    _shot(browser, "audit-log")
    AppShell(browser).choose_language("한국어")
    browser.goto("/dashboard")
    expect(browser.get_by_role("main").get_by_role("heading", name="대시보드")).to_be_visible()
    expect(dashboard.todo("새 리드 1건")).to_be_visible()
    # The Korean text is drawn with the shipped font: its slices were fetched from /fonts/ and are loaded.
    loaded = browser.evaluate("""async () => { await document.fonts.ready;
        return [...document.fonts].filter(f => f.family.includes('Noto Sans KR Variable') && f.status === 'loaded')
            .length; }""")
    assert loaded >= 1
    _shot(browser, "dashboard-reseller-korean")
    AppShell(browser).choose_language("English")
    AppShell(browser).sign_out()

    for org, account, name in (
        (reseller, reseller.user("helpdesk"), "dashboard-reseller-helpdesk"),
        (customer, customer.admin, "dashboard-customer"),
        (platform, platform.admin, "dashboard-platform"),
    ):
        sign_in(browser, account)
        DashboardPage(browser).shown()
        expect(browser.get_by_role("heading", name="To do")).to_be_visible()
        expect(browser.get_by_role("main").get_by_text(org.name)).to_be_visible()
        _shot(browser, name)
        AppShell(browser).sign_out()
