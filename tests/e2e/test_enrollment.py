"""Enrollment of a new indirect reseller in a real browser: the wizard, the emailed verification link, the
platform review, the step 9 check, and the refusals (free-mail primary contact, profile in another country,
an MPN ID already enrolled). Negative paths use freshly created work accounts (the database is shared)."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import open_newest_link, sign_in

pytestmark = pytest.mark.e2e

WORK_PASSWORD = "Violet-harbor-kettle-42"


def step(page: Page, n: int) -> None:
    expect(page.get_by_test_id("step-indicator")).to_have_text(f"Step {n} of 8")


def start_wizard(page: Page) -> None:
    page.goto("/enroll")
    step(page, 1)
    expect(page.get_by_role("heading", name="Before you begin")).to_be_visible()
    page.get_by_role("button", name="Get started").click()
    step(page, 2)
    page.get_by_role("button", name="Next").click()
    step(page, 3)


def sign_in_work_account(page: Page, email: str, password: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    step(page, 4)
    expect(page.get_by_role("heading", name="Link your MPN ID")).to_be_visible()


def create_work_account(page: Page) -> str:
    """Steps 1-3 with **Create**: a new KR work account; then sign in with it. Returns the admin's email."""
    tag = uuid.uuid4().hex[:8]
    email = f"admin@wt{tag}.example"
    start_wizard(page)
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_role("heading", name="Create a work account")).to_be_visible()
    page.get_by_label("Company name").fill(f"Wingtip {tag} Systems")
    page.get_by_label("Country/region").select_option("KR")
    page.get_by_label("Domain").fill(f"wt{tag}.example")
    page.get_by_label("Global admin's full name").fill("Dana Kim")
    page.get_by_label("Global admin's email (user name)").fill(email)
    page.get_by_label("Password").fill(WORK_PASSWORD)
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_role("status")).to_contain_text("Your work account was created")
    expect(page.get_by_label("Email")).to_have_value(email)
    sign_in_work_account(page, email, WORK_PASSWORD)
    return email


def pmc_sign_in(page: Page, user_name: str, password: str) -> None:
    page.get_by_role("button", name="Sign in", exact=True).click()
    step(page, 5)
    page.get_by_label("PMC user name").fill(user_name)
    page.get_by_role("button", name="Next").click()
    step(page, 6)
    page.get_by_label("PMC password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()


def choose(page: Page, mpn_id: str) -> None:
    step(page, 7)
    page.get_by_role("radio", name=re.compile(mpn_id)).check()
    page.get_by_role("button", name="Continue").click()


def fill_details(page: Page, contact_email: str) -> None:
    page.get_by_label("Legal business name").fill("Northwind Traders Korea Ltd.")
    page.get_by_label("Address line 1").fill("10 Sejong-daero")
    page.get_by_label("City").fill("Seoul")
    page.get_by_label("Postal code").fill("04524")
    page.get_by_label("First name").fill("Seo-yeon")
    page.get_by_label("Last name").fill("Lee")
    page.get_by_label("Email", exact=True).fill(contact_email)
    page.get_by_label("Phone", exact=True).fill("+82 2 555 0300")
    page.get_by_label("Support email").fill("support@northwind.example")
    page.get_by_label("Support phone").fill("+82 2 555 0399")


def test_northwind_enrolls_end_to_end(page: Page, new_context):
    contact = f"contact-{uuid.uuid4().hex[:6]}@northwind.example"
    start_wizard(page)
    sign_in_work_account(page, "admin@northwind.example", "Northwind-demo-2026")
    pmc_sign_in(page, "pmc-northwind", "Pmc-demo-2026")
    step(page, 7)
    expect(page.get_by_role("radio")).to_have_count(2)  # 6000001 (KR) and 6000002 (US)
    choose(page, "6000001")
    step(page, 8)
    fill_details(page, contact)
    # Back keeps what was entered.
    page.get_by_role("button", name="Back").click()
    step(page, 7)
    choose(page, "6000001")
    step(page, 8)
    expect(page.get_by_label("Legal business name")).to_have_value("Northwind Traders Korea Ltd.")
    expect(page.get_by_label("Email", exact=True)).to_have_value(contact)
    page.get_by_role("button", name="Enroll now").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    expect(page.get_by_text(contact)).to_be_visible()

    # The dashboard of the (still unenrolled) work account says where it stands.
    page.goto("/dashboard")
    expect(page.get_by_test_id("dashboard-enrollment-status")).to_have_text("Status: Waiting for email verification")

    # The primary contact opens the verification link from the mailbox and confirms.
    url = open_newest_link(page, contact, "Confirm your email address")
    assert "/enroll/verify/" in url
    expect(page.get_by_role("heading", name="Confirm your email address")).to_be_visible()
    page.get_by_role("button", name="Confirm email address").click()
    expect(page.get_by_role("status")).to_contain_text("the application is now in review")
    page.goto(url)  # a replayed link is refused
    expect(page.get_by_role("alert")).to_contain_text("already been used")

    page.goto("/enroll/status")
    expect(page.get_by_test_id("enrollment-status")).to_have_text("In review")

    # Platform staff approve it.
    reviewer = new_context().new_page()
    sign_in(reviewer, "ops@platform.example", "Platform-demo-2026")
    reviewer.goto("/platform/enrollments")
    reviewer.get_by_role("button", name="Open Northwind Traders").click()
    details = reviewer.get_by_role("region", name="Application")
    expect(details).to_contain_text("6000001")
    expect(details).to_contain_text(contact)
    details.get_by_role("button", name="Approve").click()
    reviewer.get_by_role("alertdialog").get_by_role("button", name="Approve").click()
    expect(reviewer.get_by_role("status")).to_have_text("The application was approved.")

    # The applicant signs in: Global admin + Admin agent, and the dashboard shows the step 9 check.
    applicant = new_context().new_page()
    sign_in(applicant, "admin@northwind.example", "Northwind-demo-2026")
    check = applicant.get_by_role("region", name="Verify that you're in the admin agent group")
    expect(check).to_be_visible()
    expect(check).to_contain_text("You're in the admin agent group.")
    expect(check.get_by_role("link", name="Open User management")).to_have_attribute("href", "/account/users")
    applicant.goto("/enroll/status")
    expect(applicant.get_by_test_id("enrollment-status")).to_have_text("Approved")
    open_newest_link(applicant, contact, "was approved")  # the status email, with its link to the status page
    expect(applicant).to_have_url(re.compile("/enroll/status"))


def test_profile_in_another_country_is_refused(page: Page):
    create_work_account(page)
    pmc_sign_in(page, "pmc-northwind", "not-the-password")
    expect(page.get_by_role("alert")).to_have_text("The PMC user name or password is incorrect.")
    page.get_by_label("PMC password").fill("Pmc-demo-2026")
    page.get_by_role("button", name="Sign in", exact=True).click()
    choose(page, "6000002")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("located in United States (US)")
    expect(alert).to_contain_text("your work account is in Korea, Republic of (KR)")
    step(page, 7)
    # Cancel returns to the PMC sign-in to use other credentials.
    page.get_by_role("button", name="Cancel").click()
    step(page, 5)


def test_mpn_id_of_an_enrolled_partner_is_refused(page: Page):
    create_work_account(page)
    pmc_sign_in(page, "pmc-contoso", "Pmc-demo-2026")
    step(page, 7)
    expect(page.get_by_role("radio", name=re.compile("5000001"))).to_be_visible()
    expect(page.get_by_text("Already linked to an account")).to_be_visible()
    choose(page, "5000001")
    expect(page.get_by_role("alert")).to_have_text(
        "MPN ID 5000001 is already linked to another Partner Center account and can't be linked again.")
    step(page, 7)


def test_free_mail_primary_contact_is_refused(page: Page, new_context):
    # Platform staff add a fresh profile and PMC sign-in to the registry (so this test needs no demo profile).
    tag = uuid.uuid4().hex[:6]
    mpn_id, pmc_user = str(7_000_000 + int(tag, 16) % 999_999), f"pmc-{tag}"
    staff = new_context().new_page()
    sign_in(staff, "ops@platform.example", "Platform-demo-2026")
    staff.goto("/platform/registry")
    staff.get_by_label("MPN ID", exact=True).fill(mpn_id)
    staff.get_by_label("Organization name").fill(f"Wingtip {tag}")
    staff.get_by_label("Country/region").select_option("KR")
    staff.get_by_role("button", name="Add", exact=True).nth(1).click()
    profiles = staff.get_by_role("region", name="Organization profiles")
    expect(profiles).to_contain_text(mpn_id)
    # A typo fixed in the edit dialog (Escape would close it unchanged).
    profiles.get_by_role("row", name=re.compile(mpn_id)).get_by_role("button", name="Edit").click()
    dialog = staff.get_by_role("dialog")
    expect(dialog).to_contain_text(mpn_id)
    dialog.get_by_label("Organization name").fill(f"Wingtip Toys {tag}")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_have_count(0)
    expect(profiles.get_by_role("row", name=re.compile(mpn_id))).to_contain_text(f"Wingtip Toys {tag}")
    staff.get_by_label("User name").fill(pmc_user)
    staff.get_by_label("Password").fill("Quiet-meadow-lantern-93")
    staff.get_by_label("MPN IDs this user may act for (comma-separated)").fill(mpn_id)
    staff.get_by_role("button", name="Add", exact=True).first.click()
    expect(staff.get_by_role("region", name="PMC accounts").get_by_role("row", name=re.compile(pmc_user))) \
        .to_contain_text(mpn_id)

    create_work_account(page)
    pmc_sign_in(page, pmc_user, "Quiet-meadow-lantern-93")
    choose(page, mpn_id)
    step(page, 8)
    fill_details(page, "seoyeon.lee@gmail.com")
    page.get_by_role("button", name="Enroll now").click()
    expect(page.get_by_role("alert")).to_contain_text("web-based email services")
    expect(page.get_by_role("alert")).to_contain_text("gmail.com")
    step(page, 8)
    # Corrected, the same application goes through.
    page.get_by_label("Email", exact=True).fill(f"contact-{tag}@wt.example")
    page.get_by_role("button", name="Enroll now").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
