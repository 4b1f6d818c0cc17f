"""The test hooks as a QA team relies on them: protected by their token, emails as JSON with their links,
and the global test clock (the per-organization clock is used by the link, delegated admin and session
tests). Runs against any instance with ENABLE_TEST_HOOKS=true."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect

from tests.e2e.hooks import TOKEN_HEADER
from tests.e2e.pages import AcceptLinkPage, CustomersPage, sign_in

pytestmark = pytest.mark.e2e


def test_hooks_refuse_requests_without_the_token(instance):
    with httpx.Client(base_url=instance.url, timeout=30) as client:
        assert client.get("/_test/").status_code == 403
        assert client.get("/_test/", headers={TOKEN_HEADER: "not-the-token"}).status_code == 403
        assert client.post("/_test/clock/advance", json={"days": 1}).status_code == 403
        assert client.get("/_test/", headers={TOKEN_HEADER: instance.token}).json()["hooks"] == "on"


def test_emails_to_an_address_as_json(data, hooks, app_url):
    to = data.email("reader")
    data.send_email(to, subject="First", body=f"Open {app_url}/signin.")
    data.send_email(to, subject="Second", body=f"Two links: {app_url}/enroll and ({app_url}/mailbox).")
    emails = hooks.emails(to)
    assert [e.subject for e in emails] == ["Second", "First"]  # newest first
    assert emails[0].links == [f"{app_url}/enroll", f"{app_url}/mailbox"]
    assert emails[1].link == f"{app_url}/signin"
    assert hooks.emails(to.upper())[0].subject == "Second"  # addresses compare case-insensitively
    assert hooks.emails(data.email("nobody")) == []


@pytest.fixture
def alone(request, instance):
    """The global clock moves "now" for everyone on the instance: only in a serial run of the suite's own
    server (never on a shared instance, never next to other workers)."""
    if not instance.own or hasattr(request.config, "workerinput"):
        pytest.skip("the global clock is only moved in a serial run against the suite's own server")


@pytest.mark.usefixtures("alone")
def test_the_global_clock_moves_every_organization(page, new_page, data, hooks):
    contoso = data.reseller(helpdesk=False)
    sign_in(page, contoso.admin)
    link = CustomersPage(page).open().request_relationship().link()
    try:
        state = hooks.advance_clock(days=15)
        assert state["offsets"]["global"] == 15 * 86400
        customer = new_page()
        customer.goto(link)
        expect(AcceptLinkPage(customer).alert).to_contain_text("This link has expired.")
        page.reload()  # 15 days idle: signed out
        expect(page).to_have_url(re.compile("/signin"))
    finally:
        hooks.reset_clock()
    customer.goto(link)
    expect(AcceptLinkPage(customer).asks).to_contain_text(contoso.name)
