"""Enrollment of a new indirect reseller in a real browser: the wizard, the emailed verification link, the
platform review, the step 9 check, and the refusals (free-mail primary contact, profile in another country,
an MPN ID already enrolled). Work accounts, registry entries and reviewers are made per test."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import (
    AppShell,
    DashboardPage,
    EnrollmentStatusPage,
    EnrollmentWizard,
    RegistryPage,
    ReviewQueuePage,
    VerifyEnrollmentPage,
    sign_in,
)

pytestmark = pytest.mark.e2e

WORK_PASSWORD = "Violet-harbor-kettle-42"
NORTHWIND_PROFILES = (("Northwind Traders Korea", "KR"), ("Northwind Traders US", "US"))


def create_work_account(page: Page, data) -> EnrollmentWizard:
    """Steps 1-3 with **Create**: a new KR work account; then signed in with it."""
    domain = data.domain("wt")
    wizard = EnrollmentWizard(page).start()
    wizard.create_work_account(
        company=data.name("Wingtip Systems"),
        domain=domain,
        admin_name="Dana Kim",
        email=f"admin@{domain}",
        password=WORK_PASSWORD,
    )
    return wizard


def test_northwind_enrolls_end_to_end(page: Page, new_page, data, hooks):
    northwind, registry, staff = data.work_account(), data.registry(*NORTHWIND_PROFILES), data.platform()
    kr_profile = registry.mpn_id("KR")
    contact = data.email("contact", northwind)
    wizard = EnrollmentWizard(page).start()
    wizard.sign_in_work_account(northwind.admin.email, northwind.admin.password)
    expect(AppShell(page).user_name).to_be_visible()  # the header shows who is signed in (issue 13, 10)
    wizard.pmc_sign_in(registry.user_name, registry.password)
    wizard.expect_step(7)
    expect(wizard.profiles).to_have_count(2)  # the KR and the US profile
    wizard.choose_profile(kr_profile)
    wizard.expect_step(8)
    # Provide or update: the legal name from the chosen PMC profile, the contact from the account.
    expect(wizard.legal_name).to_have_value(re.compile("^Northwind Traders Korea"))
    expect(wizard.contact_email).to_have_value(northwind.admin.email)
    wizard.fill_details(contact)
    # Back keeps what was entered.
    wizard.back()
    wizard.choose_profile(kr_profile)
    wizard.expect_step(8)
    expect(wizard.legal_name).to_have_value("Northwind Traders Korea Ltd.")
    expect(wizard.contact_email).to_have_value(contact)
    wizard.enroll_now()
    wizard.expect_check_your_email(contact)

    # The dashboard of the (still unenrolled) work account says where it stands.
    expect(DashboardPage(page).open().enrollment_status).to_have_text("Status: Waiting for email verification")

    # The primary contact follows the emailed verification link and confirms.
    url = hooks.email(contact, "Confirm your email address").link
    assert "/enroll/verify/" in url
    page.goto(url)
    verify = VerifyEnrollmentPage(page).shown()
    verify.confirm()
    expect(verify.status).to_contain_text("the application is now in review")
    page.goto(url)  # a replayed link is refused
    expect(verify.alert).to_contain_text("already been used")

    expect(EnrollmentStatusPage(page).open().state).to_have_text("In review")

    # Platform staff approve it.
    reviewer = new_page()
    sign_in(reviewer, staff.admin)
    queue = ReviewQueuePage(reviewer).open()
    details = queue.open_application(northwind.name)
    expect(details).to_contain_text(kr_profile)
    expect(details).to_contain_text(contact)
    queue.approve(details)

    # The applicant signs in: Global admin + Admin agent, and the dashboard shows the step 9 check.
    applicant = new_page()
    sign_in(applicant, northwind.admin)
    check = DashboardPage(applicant).admin_agent_check
    expect(check).to_be_visible()
    expect(check).to_contain_text("You're in the admin agent group.")
    expect(check.get_by_role("link", name="Open User management")).to_have_attribute("href", "/account/users")
    expect(EnrollmentStatusPage(applicant).open().state).to_have_text("Approved")
    applicant.goto(hooks.email(contact, "was approved").link)  # the status email links to the status page
    expect(applicant).to_have_url(re.compile("/enroll/status"))


def test_profile_in_another_country_is_refused(page: Page, data):
    registry = data.registry(*NORTHWIND_PROFILES)
    wizard = create_work_account(page, data)
    wizard.pmc_sign_in(registry.user_name, "not-the-password")
    expect(wizard.alert).to_have_text("The PMC user name or password is incorrect.")
    wizard.retry_pmc_password(registry.password)
    wizard.choose_profile(registry.mpn_id("US"))
    expect(wizard.alert).to_contain_text("located in United States (US)")
    expect(wizard.alert).to_contain_text("your work account is in Korea, Republic of (KR)")
    wizard.expect_step(7)
    # Cancel returns to the PMC sign-in to use other credentials.
    wizard.cancel_profile()
    wizard.expect_step(5)


def test_mpn_id_of_an_enrolled_partner_is_refused(page: Page, data):
    contoso = data.reseller(helpdesk=False)
    registry = data.registry(contoso.mpn_id)
    wizard = create_work_account(page, data)
    wizard.pmc_sign_in(registry.user_name, registry.password)
    wizard.expect_step(7)
    expect(wizard.profile(contoso.mpn_id)).to_be_visible()
    expect(page.get_by_text("Already linked to an account")).to_be_visible()
    wizard.choose_profile(contoso.mpn_id)
    expect(wizard.alert).to_have_text(
        f"MPN ID {contoso.mpn_id} is already linked to another Partner Center account and can't be linked again."
    )
    wizard.expect_step(7)


def test_free_mail_primary_contact_is_refused(page: Page, new_page, data):
    # Platform staff add a fresh profile and PMC sign-in to the registry.
    tag = data.tag()
    mpn_id, pmc_user = str(7_000_000 + secrets.randbelow(999_999)), f"pmc-{tag}"
    staff = new_page()
    sign_in(staff, data.platform().admin)
    registry = RegistryPage(staff).open()
    registry.add_profile(mpn_id, f"Wingtip {tag}", "KR")
    # A typo fixed in the edit dialog (Escape would close it unchanged).
    registry.rename_profile(mpn_id, f"Wingtip Toys {tag}")
    expect(registry.profile_row(mpn_id)).to_contain_text(f"Wingtip Toys {tag}")
    registry.add_pmc_account(pmc_user, "Quiet-meadow-lantern-93", mpn_id)
    expect(registry.pmc_row(pmc_user)).to_contain_text(mpn_id)

    wizard = create_work_account(page, data)
    wizard.pmc_sign_in(pmc_user, "Quiet-meadow-lantern-93")
    wizard.choose_profile(mpn_id)
    wizard.expect_step(8)
    wizard.fill_details("seoyeon.lee@gmail.com")
    wizard.enroll_now()
    # Under the primary contact's email, which has the focus (issue 13, point 5).
    wizard.expect_field_error(wizard.contact_email, re.compile("web-based email services.*gmail\\.com"))
    expect(wizard.alert).to_have_count(0)
    wizard.expect_step(8)
    # Corrected, the same application goes through.
    contact = data.email("contact")
    wizard.contact_email.fill(contact)
    wizard.enroll_now()
    wizard.expect_check_your_email(contact)
