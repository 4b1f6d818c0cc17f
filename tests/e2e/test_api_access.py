"""The partner API and webhooks end to end, through the real running server: a Global admin creates an API client
on API access, copies its secret (shown once), an API call with it works, revoking it makes the next call fail
(401 problem); a webhook endpoint registered on Webhooks receives one signed event when the customer accepts the
reseller's relationship in the browser, and Resend from the delivery log delivers it again. The docs load without
a CDN."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page, expect
from standardwebhooks import Webhook

from tests.e2e.pages import AcceptLinkPage, ApiAccessPage, AppShell, RequestRelationshipPage, WebhooksPage, sign_in
from tests.webhook_receiver import start_receiver

pytestmark = pytest.mark.e2e


def test_api_client_secret_once_call_then_revoke(new_page, data, app_url: str):
    reseller = data.reseller()
    admin = new_page(permissions=["clipboard-read", "clipboard-write"])
    sign_in(admin, reseller.admin)
    AppShell(admin).go("API access")
    api_access = ApiAccessPage(admin).shown()
    secret = api_access.create_client("E2E billing sync", "admin_agent")
    assert api_access.copy_secret() == secret
    api_access.done()
    admin.reload()
    expect(api_access.client("E2E billing sync")).to_contain_text(secret[:12] + "…")
    expect(api_access.secret_once).to_have_count(0)
    assert secret not in admin.content()

    with httpx.Client(base_url=f"{app_url}/api/v1", headers={"authorization": f"Bearer {secret}"}) as api:
        me = api.get("/me")
        assert me.status_code == 200, me.text
        assert me.json()["organization"]["name"] == reseller.name
        assert api.get("/customers").json()["total"] == 0
        admin.reload()  # the last use is shown
        expect(api_access.client("E2E billing sync")).not_to_contain_text("Never")

        api_access.revoke("E2E billing sync")
        refused = api.get("/me")
        assert refused.status_code == 401
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["code"] == "api.invalid_token"


@pytest.mark.usefixtures("own_server")
def test_customer_accepts_and_the_webhook_receiver_gets_a_signed_event(page: Page, new_page, data):
    """The receiver listens on this machine, so only the suite's own server (private addresses allowed) can
    reach it."""
    receiver = start_receiver()
    try:
        reseller, customer = data.reseller(), data.customer()
        sign_in(page, reseller.admin)
        webhooks = WebhooksPage(page).open()
        signing_secret = webhooks.add_endpoint(receiver.url, "A customer accepted your reseller relationship")
        webhooks.done()

        request = RequestRelationshipPage(page).open()
        request.create_link()
        link = request.link()
        other = new_page()
        other.goto(link)
        accept = AcceptLinkPage(other)
        accept.sign_in(customer.admin.email, customer.admin.password)
        accept.accept(reseller.name)

        received = receiver.wait_for(1, timeout=30)
        assert len(received) == 1
        event = Webhook(signing_secret).verify(received[0].body, received[0].headers)
        assert event["type"] == "customer.relationship_accepted"
        assert event["data"]["customer"]["name"] == customer.name

        webhooks.open()
        log = webhooks.delivery_log()
        expect(webhooks.row("customer.relationship_accepted", within=log)).to_contain_text("Delivered")
        webhooks.resend_first(log)
        again = receiver.wait_for(2, timeout=30)
        assert len(again) == 2
        assert again[1].headers["webhook-id"] == received[0].headers["webhook-id"]
        assert Webhook(signing_secret).verify(again[1].body, again[1].headers)["type"] == event["type"]
    finally:
        receiver.server.shutdown()


def test_api_docs_load_without_a_cdn(page: Page, app_url: str):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/api/v1/docs")
    expect(page.get_by_text("Partner Center API").first).to_be_visible()
    expect(page.get_by_text("/customer-relationship-requests").first).to_be_visible()
    assert requested
    assert all(url.startswith(app_url) for url in requested), requested
