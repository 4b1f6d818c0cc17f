"""Security headers in a real browser: every page carries them, the policy lets the app run (sign-in works
with the CSP enforced, no violation reported), and a page framed by another origin is refused."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import AppShell, SignInPage, sign_in

pytestmark = pytest.mark.e2e

FOREIGN = "http://foreign-site.test/"


def test_pages_carry_the_security_headers_and_run_under_the_policy(page: Page, data):
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(SignInPage.path)
    assert response is not None
    headers = response.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "'unsafe-inline'" not in headers["content-security-policy"].split("script-src", 1)[1].split(";")[0]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "camera=()" in headers["permissions-policy"]
    # the app still works with the policy enforced: sign in, navigate, the copy/download scripts load
    reseller = data.reseller()
    sign_in(page, reseller.admin)
    expect(AppShell(page).organization).to_have_text(reseller.name)
    assert violations == []


def test_a_page_framed_by_another_origin_is_refused(page: Page, app_url: str):
    page.route(FOREIGN, lambda route: route.fulfill(
        content_type="text/html",
        body=f'<html><body><h1>Win a prize</h1><iframe title="portal" src="{app_url}/signin"></iframe></body></html>'))
    with page.expect_event("framenavigated",
                           predicate=lambda f: f != page.main_frame and f.url != "about:blank") as navigated:
        page.goto(FOREIGN)
    expect(page.get_by_role("heading", name="Win a prize")).to_be_visible()
    # Chromium replaces a refused frame's document with its error page: the portal never renders inside
    assert not navigated.value.url.startswith(app_url), navigated.value.url
    expect(page.frame_locator("iframe[title=portal]").get_by_role("button", name="Sign in")).to_have_count(0)
