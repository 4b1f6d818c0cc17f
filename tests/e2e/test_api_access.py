"""The partner API and webhooks end to end, through the real running server: a Global admin creates an API client
on API access, copies its secret (shown once), an API call with it works, revoking it makes the next call fail
(401 problem); a webhook endpoint registered on Webhooks receives one signed event when Adatum accepts Contoso's
relationship in the browser, and Resend from the delivery log delivers it again. The docs load without a CDN."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select
from standardwebhooks import Webhook

from rxapp.db import make_engine
from rxapp.models import Organization, Relationship, RelationshipStatus, utcnow
from tests.e2e.helpers import sign_in
from tests.webhook_receiver import start_receiver

pytestmark = pytest.mark.e2e

CONTOSO = ("admin@contoso.example", "Reseller-demo-2026")
ADATUM = ("admin@adatum.example", "Customer-demo-2026")


@pytest.fixture(autouse=True)
def _patient_expect():
    """Sign-in hashes (argon2) and the 1.5 MB Swagger UI take longer than 5 s on a busy shared machine."""
    expect.set_options(timeout=20_000)
    yield
    expect.set_options(timeout=5_000)


def new_page(browser: Browser, base_url: str) -> Page:
    context = browser.new_context(base_url=base_url, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def test_api_client_secret_once_call_then_revoke(browser: Browser, app_url: str):
    admin = new_page(browser, app_url)
    sign_in(admin, *CONTOSO)
    admin.get_by_role("navigation", name="Dashboard menu").get_by_role("link", name="API access").click()
    expect(admin.get_by_role("heading", name="API access", exact=True)).to_be_visible()
    admin.get_by_label("Name", exact=True).fill("E2E billing sync")
    admin.get_by_label("Agent role").select_option("admin_agent")
    admin.get_by_role("button", name="Create client").click()
    shown = admin.get_by_test_id("secret-once")
    expect(shown).to_have_text(re.compile(r"^pcs_[A-Za-z0-9_-]{43}$"))
    secret = shown.inner_text().strip()
    admin.get_by_role("button", name="Copy").click()
    admin.wait_for_function("async () => (await navigator.clipboard.readText()).startsWith('pcs_')")
    assert admin.evaluate("navigator.clipboard.readText()") == secret
    admin.get_by_role("button", name="Done").click()
    expect(admin.get_by_test_id("secret-once")).to_have_count(0)
    admin.reload()
    row = admin.get_by_role("row", name=re.compile("E2E billing sync"))
    expect(row).to_contain_text(secret[:12] + "…")
    expect(admin.get_by_test_id("secret-once")).to_have_count(0)
    assert secret not in admin.content()

    with httpx.Client(base_url=f"{app_url}/api/v1", headers={"authorization": f"Bearer {secret}"}) as api:
        me = api.get("/me")
        assert me.status_code == 200, me.text
        assert me.json()["organization"]["name"] == "Contoso Cloud Partners"
        assert api.get("/customers").json()["total"] >= 0
        admin.reload()  # the last use is shown
        expect(admin.get_by_role("row", name=re.compile("E2E billing sync"))).not_to_contain_text("Never")

        admin.get_by_role("row", name=re.compile("E2E billing sync")).get_by_role("button", name="Revoke").click()
        admin.get_by_role("alertdialog").get_by_role("button", name="Revoke").click()
        expect(admin.get_by_text("The API client was revoked.")).to_be_visible()
        refused = api.get("/me")
        assert refused.status_code == 401
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["code"] == "api.invalid_token"


def end_adatum_contoso(db_url: str) -> None:
    """Adatum is no customer of Contoso (another test may have connected them): end that relationship."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        ids = {org.domain: org.id for org in session.exec(select(Organization).where(
            Organization.domain.in_(["adatum.example", "contoso.example"])))}
        for rel in session.exec(select(Relationship).where(
                Relationship.partner_org_id == ids["contoso.example"],
                Relationship.client_org_id == ids["adatum.example"], Relationship.status == RelationshipStatus.ACTIVE)):
            rel.status, rel.ended_at = RelationshipStatus.ENDED, utcnow()
            session.add(rel)
        session.commit()
    engine.dispose()


def test_customer_accepts_and_the_webhook_receiver_gets_a_signed_event(browser: Browser, app_url: str,
                                                                        db_url: str):
    receiver = start_receiver()
    try:
        end_adatum_contoso(db_url)
        contoso, adatum = new_page(browser, app_url), new_page(browser, app_url)
        sign_in(contoso, *CONTOSO)
        contoso.goto("/account/webhooks")
        expect(contoso.get_by_role("heading", name="Webhooks", exact=True)).to_be_visible()
        contoso.get_by_label("Endpoint URL").fill(receiver.url)
        contoso.get_by_label("A customer accepted your reseller relationship").check()
        contoso.get_by_role("button", name="Add endpoint").click()
        shown = contoso.get_by_test_id("secret-once")
        expect(shown).to_have_text(re.compile(r"^whsec_"))
        signing_secret = shown.inner_text().strip()
        contoso.get_by_role("button", name="Done").click()

        contoso.goto("/customers/request")
        contoso.get_by_role("button", name="Create link").click()
        link_field = contoso.get_by_label("Personalized link")
        expect(link_field).to_have_value(re.compile(r"/accept/"))
        link = link_field.input_value()

        adatum.goto(link)
        adatum.get_by_label("Email").fill(ADATUM[0])
        adatum.get_by_label("Password", exact=True).fill(ADATUM[1])
        adatum.get_by_role("button", name="Sign in").click()
        adatum.get_by_role("button", name="Accept").click()
        expect(adatum.get_by_text("Done. Contoso Cloud Partners is now your reseller of record.")).to_be_visible()

        received = receiver.wait_for(1, timeout=30)
        assert len(received) == 1
        event = Webhook(signing_secret).verify(received[0].body, received[0].headers)
        assert event["type"] == "customer.relationship_accepted"
        assert event["data"]["customer"]["name"] == "Adatum Corporation"

        contoso.goto("/account/webhooks")
        contoso.get_by_role("button", name="Delivery log").last.click()
        log = contoso.get_by_role("table", name="Delivery log")
        expect(log.get_by_role("row", name=re.compile("customer.relationship_accepted"))).to_contain_text("Delivered")
        log.get_by_role("button", name="Resend").first.click()
        contoso.get_by_role("alertdialog").get_by_role("button", name="Resend").click()
        expect(contoso.get_by_text("The event will be sent again.")).to_be_visible()
        again = receiver.wait_for(2, timeout=30)
        assert len(again) == 2 and again[1].headers["webhook-id"] == received[0].headers["webhook-id"]
        assert Webhook(signing_secret).verify(again[1].body, again[1].headers)["type"] == event["type"]
    finally:
        receiver.server.shutdown()


def test_api_docs_load_without_a_cdn(page: Page, app_url: str):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/api/v1/docs")
    expect(page.get_by_text("Partner Center API").first).to_be_visible()
    expect(page.get_by_text("/customer-relationship-requests").first).to_be_visible()
    assert requested and all(url.startswith(app_url) for url in requested), requested
