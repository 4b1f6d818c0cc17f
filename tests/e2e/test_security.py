"""Security headers in a real browser: every page carries them, the policy lets the app run (sign-in works
with the CSP enforced, no violation reported, no policy feature the browser does not know), and a page framed
by another origin is refused."""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect

from tests.e2e.pages import AppShell, CustomersPage, SignInPage, sign_in

pytestmark = pytest.mark.e2e

FOREIGN = "http://foreign-site.test/"


def test_pages_carry_the_security_headers_and_run_under_the_policy(page: Page, data):
    violations: list[str] = []
    page.on(
        "console",
        lambda m: (
            violations.append(m.text) if "Content Security Policy" in m.text or "Permissions-Policy" in m.text else None
        ),
    )
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
    page.route(
        FOREIGN,
        lambda route: route.fulfill(
            content_type="text/html",
            body=f'<html><body><h1>Win a prize</h1><iframe title="portal" src="{app_url}/signin"></iframe>'
            "</body></html>",
        ),
    )
    with page.expect_event(
        "framenavigated", predicate=lambda f: f != page.main_frame and f.url != "about:blank"
    ) as navigated:
        page.goto(FOREIGN)
    expect(page.get_by_role("heading", name="Win a prize")).to_be_visible()
    # Chromium replaces a refused frame's document with its error page: the portal never renders inside
    assert not navigated.value.url.startswith(app_url), navigated.value.url
    expect(page.frame_locator("iframe[title=portal]").get_by_role("button", name="Sign in")).to_have_count(0)


def test_hostile_events_over_the_websocket_get_the_one_refusal(page: Page, data):
    """Crafted frames (an id of 2^63, a NUL in the search, a lone surrogate, a wrong type) are refused with
    the input boundary's message; the page keeps working."""
    from rxapp.state.customers import CustomersState

    server_side: dict[str, WebSocketRoute] = {}

    def through(ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        server_side["ws"] = server
        ws.on_message(server.send)
        server.on_message(ws.send)

    page.route_web_socket(re.compile(r".*/_event.*"), through)
    contoso, adatum = data.reseller(helpdesk=False), data.customer()
    data.connect(contoso, adatum)
    sign_in(page, contoso.admin)
    customers = CustomersPage(page).open()
    name = CustomersState.get_full_name()
    refusal = page.get_by_text("That input cannot be accepted")
    for handler, payload in [
        ("toggle", {"customer_id": str(2**63)}),
        ("submit_search", {"form": {"search": "a\x00"}}),
        ("submit_search", {"form": {"search": "\ud800"}}),
        ("set_sort", {"value": ["name"]}),
    ]:
        path = urlparse(page.url).path  # the page's own address (/customers: no redirect to /customers/)
        event = {
            "name": f"{name}.{handler}",
            "payload": payload,
            "router_data": {"pathname": path, "asPath": path},
        }  # as a browser sends it
        server_side["ws"].send("42/_event," + json.dumps(["event", event]))
        expect(refusal).to_be_visible()
        customers.search(adatum.name)  # the page still works, and a good search clears the message
        expect(customers.customer(adatum.name)).to_be_visible()
        expect(refusal).to_have_count(0)
