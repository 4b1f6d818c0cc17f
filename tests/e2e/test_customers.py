"""Customers end to end, across browser contexts: a reseller relationship request copied from the page and
accepted by Adatum; a two-party invitation through Fabrikam accepted by a brand-new customer; Adatum removes
Contoso's delegated admin privileges and Contoso's admin actions on Adatum are refused from then on."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from rxapp.db import make_engine
from rxapp.models import Organization, Relationship, RelationshipKind, RelationshipStatus
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

CONTOSO = ("admin@contoso.example", "Reseller-demo-2026")
ADATUM = ("admin@adatum.example", "Customer-demo-2026")
FABRIKAM = ("admin@fabrikam.example", "Provider-demo-2026")


def new_page(browser: Browser, base_url: str) -> Page:
    context = browser.new_context(base_url=base_url, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def search_customers(page: Page, term: str) -> None:
    page.goto("/customers")
    expect(page.get_by_role("heading", name="Customers", exact=True)).to_be_visible()
    page.get_by_label("Search customers").fill(term)
    page.get_by_role("button", name="Search").click()


def ensure_partnership(db_url: str) -> None:
    """An active Fabrikam–Contoso partnership (issue 5's UI creates it; arranged here directly)."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        fabrikam = session.exec(select(Organization).where(Organization.domain == "fabrikam.example")).one()
        contoso = session.exec(select(Organization).where(Organization.domain == "contoso.example")).one()
        exists = session.exec(select(Relationship).where(
            Relationship.partner_org_id == fabrikam.id, Relationship.client_org_id == contoso.id,
            Relationship.status == RelationshipStatus.ACTIVE)).first()
        if exists is None:
            session.add(Relationship(kind=RelationshipKind.PROVIDER_RESELLER, partner_org_id=fabrikam.id,
                                     client_org_id=contoso.id))
            session.commit()
    engine.dispose()


def test_request_relationship_accept_then_remove_delegated_admin(browser: Browser, app_url: str):
    contoso, adatum = new_page(browser, app_url), new_page(browser, app_url)
    # Contoso requests a reseller relationship and copies the personalized link from the page.
    sign_in(contoso, *CONTOSO)
    contoso.goto("/customers")
    contoso.get_by_role("link", name="Request a reseller relationship").click()
    expect(contoso).to_have_url(re.compile("/customers/request"))
    link_field = contoso.get_by_label("Personalized link")
    expect(link_field).to_have_value(re.compile(r"/accept/"))
    link = link_field.input_value()
    expect(link_field).not_to_be_editable()
    draft = contoso.get_by_label("Email text")
    expect(draft).to_have_value(re.compile("Contoso Cloud Partners"))
    draft.fill("Hello Adatum, please accept us as your reseller.")
    expect(contoso.get_by_role("link", name="Open in email")).to_have_attribute(
        "href", re.compile(r"^mailto:.*Hello%20Adatum.*accept"))
    contoso.get_by_role("button", name="Copy").click()
    # The copy happens when the server's answer reaches the browser: wait for it, then read.
    contoso.wait_for_function("async () => (await navigator.clipboard.readText()).includes('Hello Adatum')")
    clipboard = contoso.evaluate("navigator.clipboard.readText()")
    assert link in clipboard and "Hello Adatum" in clipboard
    contoso.get_by_role("button", name="Done").click()
    expect(contoso).to_have_url(re.compile("/customers$"))

    # Adatum opens the link, signs in with its own account, sees who asks and what it grants, accepts.
    adatum.goto(link)
    expect(adatum.get_by_text("Contoso Cloud Partners asks to become your reseller of record.")).to_be_visible()
    expect(adatum.get_by_text(re.compile("administrator permissions over your subscriptions"))).to_be_visible()
    adatum.get_by_label("Email").fill(ADATUM[0])
    adatum.get_by_label("Password", exact=True).fill(ADATUM[1])
    adatum.get_by_role("button", name="Sign in").click()
    adatum.get_by_role("button", name="Accept").click()
    expect(adatum.get_by_text("Done. Contoso Cloud Partners is now your reseller of record.")).to_be_visible()

    # Adatum appears on Contoso's Customers page and expands to its details; an admin action works.
    search_customers(contoso, "adatum")
    expect(contoso.get_by_role("rowheader", name="Adatum Corporation")).to_be_visible()
    contoso.get_by_role("button", name="Show details of Adatum Corporation").click()
    details = contoso.get_by_role("region", name="Adatum Corporation")
    expect(details.get_by_text("Resellers of record")).to_be_visible()
    expect(details.get_by_text(re.compile("Contoso Cloud Partners · Indirect reseller"))).to_be_visible()
    expect(details.get_by_test_id("detail-da")).to_contain_text("Active until")
    upn = f"user-{uuid.uuid4().hex[:6]}@adatum.example"
    details.get_by_label("Display name").fill("Kim Min-ji")
    details.get_by_label("User name (email)").fill(upn)
    details.get_by_role("button", name="Add user").click()
    expect(details.get_by_text("The user was added.")).to_be_visible()
    expect(details.get_by_text(upn)).to_be_visible()

    # Adatum removes Contoso's delegated admin privileges on its Partners page (with confirmation).
    adatum.goto("/partners")
    card = adatum.get_by_role("article", name="Contoso Cloud Partners")
    expect(card.get_by_text(re.compile("Administer subscriptions, licenses and users"))).to_be_visible()
    card.get_by_role("button", name="Remove delegated admin privileges").click()
    adatum.get_by_role("alertdialog").get_by_role("button", name="Confirm").click()
    expect(adatum.get_by_text("The delegated admin privileges were removed.")).to_be_visible()
    expect(adatum.get_by_text(re.compile("Delegated admin privileges removed on"))).to_be_visible()

    # From then on Contoso's admin actions on Adatum are refused.
    search_customers(contoso, "adatum")
    contoso.get_by_role("button", name="Show details of Adatum Corporation").click()
    details = contoso.get_by_role("region", name="Adatum Corporation")
    expect(details.get_by_test_id("detail-da")).to_contain_text("Removed by the customer")
    expect(details.get_by_text("Delegated admin privileges are needed")).to_be_visible()
    expect(details.get_by_text(upn)).to_have_count(0)
    details.get_by_label("Display name").fill("Lee")
    details.get_by_label("User name (email)").fill(f"lee-{uuid.uuid4().hex[:6]}@adatum.example")
    details.get_by_role("button", name="Add user").click()
    expect(details.get_by_text(re.compile("has not granted you delegated admin privileges"))).to_be_visible()
    contoso.context.close()
    adatum.context.close()


def test_invite_new_customer_through_provider(browser: Browser, app_url: str, db_url: str):
    ensure_partnership(db_url)
    contoso, customer, fabrikam = (new_page(browser, app_url) for _ in range(3))
    sign_in(contoso, *CONTOSO)
    contoso.goto("/customers")
    contoso.get_by_role("link", name="Invite new customer").click()
    contoso.get_by_role("link", name="Fabrikam Distribution Korea").click()
    expect(contoso).to_have_url(re.compile(r"/customers/invite\?provider=\d+"))
    link_field = contoso.get_by_label("Personalized link")
    expect(link_field).to_have_value(re.compile(r"/accept/"))
    link = link_field.input_value()

    # A brand-new customer creates its account from the link and accepts both resellers of record.
    suffix = uuid.uuid4().hex[:8]
    company, domain = f"Woodgrove {suffix}", f"woodgrove-{suffix}.example"
    customer.goto(link)
    expect(customer.get_by_text(re.compile(
        "Contoso Cloud Partners and its indirect provider Fabrikam Distribution Korea ask"))).to_be_visible()
    expect(customer.get_by_text(re.compile("Fabrikam Distribution Korea may submit orders"))).to_be_visible()
    customer.get_by_role("button", name="Create a customer account").click()
    customer.get_by_label("Company name").fill(company)
    customer.get_by_label("Country/region").select_option("KR")
    customer.get_by_label("Domain").fill(domain)
    customer.get_by_label("Full name").fill("Jordan Rivera")
    customer.get_by_label("Email").fill(f"admin@{domain}")
    customer.get_by_label("Password", exact=True).fill("Tidal-orbit-lantern-57")
    customer.get_by_label("Confirm new password").fill("Tidal-orbit-lantern-57")
    customer.get_by_role("button", name="Create account").click()
    customer.get_by_role("button", name="Accept").click()
    expect(customer.get_by_text("Done. Contoso Cloud Partners is now your reseller of record.")).to_be_visible()
    customer.goto("/partners")
    expect(customer.get_by_role("article", name="Contoso Cloud Partners")).to_be_visible()
    expect(customer.get_by_role("article", name="Fabrikam Distribution Korea")).to_contain_text(
        "Submit orders and add subscriptions")

    # It appears for both Contoso and Fabrikam.
    search_customers(contoso, suffix)
    expect(contoso.get_by_role("rowheader", name=company)).to_be_visible()
    sign_in(fabrikam, *FABRIKAM)
    search_customers(fabrikam, suffix)
    expect(fabrikam.get_by_role("rowheader", name=company)).to_be_visible()
    for page in (contoso, customer, fabrikam):
        page.context.close()
