"""Working on behalf of customers in a real browser: Fabrikam orders for Adatum with Contoso as reseller of
record, the Helpdesk agent's Office 365 refusal, license assignment, a support request answered by platform
staff, a Billing admin's charges, and the partner profile's primary-contact verification link.

The Fabrikam–Contoso partnership and Adatum's acceptance of both are built by other features; here they are
arranged directly in the test database (idempotently: other tests may have created them through the UI)."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from rxapp.db import make_engine
from rxapp.models import (
    AdminRole,
    AgentRole,
    CustomerUser,
    DelegatedAdminGrant,
    DelegatedAdminStatus,
    Organization,
    Product,
    Relationship,
    RelationshipKind,
    RelationshipStatus,
    Subscription,
    SubscriptionStatus,
    User,
    utcnow,
)
from rxapp.services.passwords import hash_password
from tests.e2e.helpers import open_newest_link, sign_in, sign_out

pytestmark = pytest.mark.e2e

BILLING_PASSWORD = "Billing-e2e-passphrase-2026"


@pytest.fixture(autouse=True, scope="module")
def _patient_assertions():
    """Sign-in hashing and page builds share two busy cores: give assertions the actions' 15 s, not 5 s."""
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


def _org(session: Session, domain: str) -> Organization:
    return session.exec(select(Organization).where(Organization.domain == domain)).one()


def _ensure_relationship(session: Session, kind: RelationshipKind, partner: Organization, client: Organization):
    active = session.exec(select(Relationship).where(
        Relationship.partner_org_id == partner.id, Relationship.client_org_id == client.id,
        Relationship.status == RelationshipStatus.ACTIVE)).first()
    if active is None:
        session.add(Relationship(kind=kind, partner_org_id=partner.id, client_org_id=client.id))


@pytest.fixture(scope="module")
def world(app_url: str, db_url: str) -> dict:
    """Relationships, delegated admin, an Office 365 E3 subscription, an Adatum user and a Billing admin."""
    engine = make_engine(db_url)
    tag = uuid.uuid4().hex[:8]
    with Session(engine) as session:
        fabrikam, contoso = _org(session, "fabrikam.example"), _org(session, "contoso.example")
        adatum = _org(session, "adatum.example")
        _ensure_relationship(session, RelationshipKind.PROVIDER_RESELLER, fabrikam, contoso)
        _ensure_relationship(session, RelationshipKind.RESELLER_CUSTOMER, contoso, adatum)
        _ensure_relationship(session, RelationshipKind.PROVIDER_CUSTOMER, fabrikam, adatum)
        grant = session.exec(select(DelegatedAdminGrant).where(
            DelegatedAdminGrant.reseller_org_id == contoso.id, DelegatedAdminGrant.customer_org_id == adatum.id,
            DelegatedAdminGrant.status == DelegatedAdminStatus.ACTIVE,
            DelegatedAdminGrant.expires_at > utcnow())).first()
        if grant is None:
            session.add(DelegatedAdminGrant(reseller_org_id=contoso.id, customer_org_id=adatum.id,
                                            expires_at=utcnow() + timedelta(days=365)))
        e3 = session.exec(select(Product).where(Product.sku == "O365-E3")).one()
        has_e3 = session.exec(select(Subscription).where(
            Subscription.customer_org_id == adatum.id, Subscription.product_id == e3.id,
            Subscription.reseller_org_id == contoso.id, Subscription.status == SubscriptionStatus.ACTIVE)).first()
        if has_e3 is None:
            session.add(Subscription(customer_org_id=adatum.id, product_id=e3.id, reseller_org_id=contoso.id,
                                     provider_org_id=fabrikam.id, quantity=5))
        upn = f"e2e-{tag}@adatum.example"
        session.add(CustomerUser(customer_org_id=adatum.id, display_name=f"E2E User {tag}", user_principal_name=upn))
        billing_email = f"billing-{tag}@contoso.example"
        session.add(User(org_id=contoso.id, email=billing_email, full_name=f"Billing {tag}",
                         password_hash=hash_password(BILLING_PASSWORD), agent_role=AgentRole.NOT_AN_AGENT,
                         admin_role=AdminRole.BILLING_ADMIN))
        session.commit()
    yield {"engine": engine, "upn": upn, "billing_email": billing_email, "tag": tag}
    engine.dispose()


def _m365_subscription(engine) -> Subscription:
    with Session(engine) as session:
        product = session.exec(select(Product).where(Product.sku == "M365-BP")).one()
        return session.exec(select(Subscription).where(
            Subscription.customer_org_id == _org(session, "adatum.example").id, Subscription.product_id == product.id,
            Subscription.reseller_org_id == _org(session, "contoso.example").id,
            Subscription.status == SubscriptionStatus.ACTIVE)).one()


def test_orders_subscriptions_licenses_support_and_billing(page: Page, world: dict):
    # 1. Fabrikam orders Microsoft 365 Business Premium for Adatum with Contoso as reseller of record.
    sign_in(page, "admin@fabrikam.example", "Provider-demo-2026")
    page.get_by_role("navigation").get_by_role("link", name="Orders").click()
    expect(page.get_by_role("heading", name="New order")).to_be_visible()
    page.get_by_label("Customer").select_option(label="Adatum Corporation")
    page.get_by_label("Reseller of record").select_option(label="Contoso Cloud Partners")
    page.get_by_label("Product").select_option(label="Microsoft 365 Business Premium ($22.00)")
    page.get_by_label("Quantity").fill("3")
    page.get_by_role("button", name="Submit order").click()
    expect(page.get_by_role("status")).to_contain_text("The order was submitted")
    order_row = page.get_by_role("row").filter(has_text="Microsoft 365 Business Premium").first
    expect(order_row).to_contain_text("Adatum Corporation")
    expect(order_row).to_contain_text("Contoso Cloud Partners")
    expect(order_row).to_contain_text("Fulfilled")
    subscription = _m365_subscription(world["engine"])
    assert subscription.provider_org_id is not None and subscription.quantity >= 3
    sign_out(page)

    # 2. The Helpdesk agent raises the quantity, but is refused on Office 365 E3.
    sign_in(page, "helpdesk@contoso.example", "Helpdesk-demo-2026")
    page.goto("/subscriptions")
    m365_row = page.get_by_role("row").filter(has_text="Microsoft 365 Business Premium")
    expect(m365_row).to_be_visible()
    raised = subscription.quantity + 2
    m365_row.get_by_label("Quantity").fill(str(raised))
    m365_row.get_by_role("button", name="Update").click()
    expect(page.get_by_role("status")).to_have_text(f"The quantity is now {raised}.")
    expect(m365_row).to_contain_text(f"/ {raised}")
    assert _m365_subscription(world["engine"]).quantity == raised
    e3_row = page.get_by_role("row").filter(has_text="Office 365 E3")
    before = e3_row.get_by_label("Quantity").input_value()
    e3_row.get_by_label("Quantity").fill(str(int(before) + 1))
    e3_row.get_by_role("button", name="Update").click()
    expect(page.get_by_role("alert")).to_contain_text("Office 365 subscriptions can be managed only by an Admin agent")
    page.reload()
    expect(page.get_by_role("row").filter(has_text="Office 365 E3")).to_contain_text(f"/ {before}")
    sign_out(page)

    # 3. Contoso's admin assigns a license to an Adatum user.
    sign_in(page, "admin@contoso.example", "Reseller-demo-2026")
    page.goto("/licenses")
    page.get_by_label("Customer").select_option(label="Adatum Corporation")
    user_row = page.get_by_role("row").filter(has_text=world["upn"])
    expect(user_row).to_be_visible()
    user_row.get_by_label("License", exact=True).select_option(value=str(subscription.id))
    user_row.get_by_role("button", name="Assign license").click()
    expect(page.get_by_role("status")).to_have_text("The license was assigned.")
    expect(user_row).to_contain_text("Microsoft 365 Business Premium")

    # 4. A support request on behalf of Adatum, answered and closed by platform staff.
    subject = f"Adatum mailbox migration {world['tag']}"
    page.goto("/support")
    page.get_by_label("Customer").select_option(label="Adatum Corporation")
    page.get_by_label("Subscription").select_option(label="Microsoft 365 Business Premium")
    page.get_by_label("Subject").first.fill(subject)
    page.locator("#request-body").fill("Please help move 20 mailboxes before Friday.")
    page.get_by_role("button", name="Submit request").click()
    expect(page.get_by_role("status")).to_have_text("The support request was submitted.")
    expect(page.get_by_role("row").filter(has_text=subject)).to_contain_text("Open")
    sign_out(page)

    sign_in(page, "ops@platform.example", "Platform-demo-2026")
    page.get_by_role("navigation").get_by_role("link", name="Partner support queue").click()
    page.get_by_role("button", name=subject).click()
    expect(page.get_by_role("log")).to_contain_text("Please help move 20 mailboxes")
    page.get_by_label("Reply").fill("Done: the 20 mailboxes were moved.")
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_role("log")).to_contain_text("Done: the 20 mailboxes were moved.")
    expect(page.get_by_role("row").filter(has_text=subject)).to_contain_text("In progress")
    page.get_by_role("button", name="Close ticket").click()
    expect(page.get_by_role("row").filter(has_text=subject)).to_contain_text("Closed")
    sign_out(page)

    sign_in(page, "admin@contoso.example", "Reseller-demo-2026")
    page.goto("/support")
    page.get_by_role("button", name=subject).click()
    expect(page.get_by_role("log")).to_contain_text("Done: the 20 mailboxes were moved.")
    expect(page.get_by_role("button", name="Send reply")).to_have_count(0)
    sign_out(page)

    # 5. A Billing admin sees the charge.
    sign_in(page, world["billing_email"], BILLING_PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Billing").click()
    charges = page.get_by_role("region", name="Monthly charges")
    charge_row = charges.get_by_role("row").filter(has_text="Microsoft 365 Business Premium")
    quantity = _m365_subscription(world["engine"]).quantity
    expect(charge_row).to_contain_text("Adatum Corporation")
    expect(charge_row).to_contain_text(f"${quantity * 22:,.2f}")
    expect(page.get_by_test_id("billing-total")).to_have_text(re.compile(r"^\$[\d,]+\.\d\d$"))
    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    assert "Microsoft 365 Business Premium" in download.value.path().read_text()
    # Billing admins are not agents: no subscriptions page for them.
    expect(page.get_by_role("navigation").get_by_role("link", name="Subscriptions")).to_have_count(0)


def test_lead_becomes_an_invitation(page: Page, world: dict):
    sign_in(page, "admin@contoso.example", "Reseller-demo-2026")
    page.goto("/leads")
    row = page.get_by_role("row").filter(has_text="Woodgrove Bank Korea")
    expect(row).to_be_visible()
    if row.get_by_role("button", name="Send invitation").count():
        row.get_by_role("button", name="Send invitation").click()
        expect(page.get_by_role("status")).to_contain_text("cio@woodgrove.example")
    expect(row).to_contain_text("Invited")
    page.goto("/mailbox")
    page.get_by_placeholder("Filter by recipient").fill("cio@woodgrove.example")
    page.get_by_role("button", name="Search").click()
    message = page.get_by_role("article", name=re.compile("invites you to a reseller relationship")).first
    expect(message.get_by_role("link")).to_have_attribute("href", re.compile(r"/accept/[\w-]{40,}$"))


def test_platform_refers_a_lead_that_the_reseller_receives(page: Page, world: dict):
    company = f"Fourth Coffee {world['tag']}"
    sign_in(page, "ops@platform.example", "Platform-demo-2026")
    page.get_by_role("navigation").get_by_role("link", name="Referral leads").click()
    expect(page.get_by_role("heading", name="Referral leads")).to_be_visible()
    # Typed before choosing the reseller: refused, and what was typed is kept.
    page.get_by_label("Company").fill(company)
    page.get_by_label("Contact").fill("Ha-eun Jung")
    page.get_by_label("Email").fill(f"owner-{world['tag']}@fourthcoffee.example")
    page.get_by_role("button", name="Refer lead").click()
    expect(page.get_by_role("alert")).to_contain_text("Find and choose the reseller first")
    search = page.get_by_label("Find a reseller by name")
    expect(search).to_have_attribute("aria-invalid", "true")
    expect(search).to_have_accessible_description("Find and choose the reseller first.")
    search.fill("nobody-is-called-this")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("No active reseller's name contains")).to_be_visible()
    search.fill("CONTOSO")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name=re.compile("Contoso Cloud Partners")).click()
    expect(page.get_by_text("Reseller:")).to_be_visible()
    expect(page.get_by_label("Company")).to_have_value(company)
    # An address the browser lets through but the portal refuses: the Email field says why.
    email = page.get_by_label("Email")
    email.fill("owner@fourthcoffee")
    page.get_by_role("button", name="Refer lead").click()
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description("Enter a valid email address.")
    expect(page.get_by_label("Company")).to_have_value(company)
    email.fill(f"owner-{world['tag']}@fourthcoffee.example")
    page.get_by_role("button", name="Refer lead").click()
    expect(email).to_have_attribute("aria-invalid", "false")
    expect(page.get_by_role("status")).to_contain_text(f"{company} was referred to Contoso Cloud Partners")
    row = page.get_by_role("row").filter(has_text=company)
    expect(row).to_contain_text("Contoso Cloud Partners")
    expect(row).to_contain_text("New")
    expect(page.get_by_label("Company")).to_have_value("")  # the form starts over for the next lead
    sign_out(page)

    sign_in(page, "admin@contoso.example", "Reseller-demo-2026")
    page.goto("/leads")
    lead = page.get_by_role("row").filter(has_text=company)
    expect(lead).to_contain_text("Partner Center referral")
    expect(lead.get_by_role("button", name="Send invitation")).to_be_visible()
    page.goto("/mailbox")
    page.get_by_placeholder("Filter by recipient").fill("admin@contoso.example")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("article", name=f"New lead: {company}").first).to_be_visible()


def test_changed_primary_contact_is_verified_by_link(page: Page, world: dict):
    new_contact = f"contact-{world['tag']}@contoso.example"
    sign_in(page, "admin@contoso.example", "Reseller-demo-2026")
    page.goto("/account/profile")
    expect(page.get_by_test_id("mpn-id")).to_contain_text("5000001")
    expect(page.get_by_label("Country/region")).to_be_disabled()
    page.get_by_label("Primary contact email").fill(new_contact)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text(f"We emailed {new_contact}")
    with Session(world["engine"]) as session:
        assert _org(session, "contoso.example").contact_email != new_contact
    sign_out(page)
    open_newest_link(page, new_contact, re.compile("Confirm that you are the primary contact"))
    expect(page.get_by_text(new_contact)).to_be_visible()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status")).to_contain_text("verified")
    with Session(world["engine"]) as session:
        assert _org(session, "contoso.example").contact_email == new_contact
    # The Helpdesk agent may not see the partner profile.
    sign_in(page, "helpdesk@contoso.example", "Helpdesk-demo-2026")
    expect(page.get_by_role("navigation").get_by_role("link", name="Partner profile")).to_have_count(0)
    page.goto("/account/profile")
    expect(page).to_have_url(re.compile("/dashboard"))
