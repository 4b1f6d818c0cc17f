"""Enrollment of a new indirect reseller: the wizard (/enroll), its status page, the verification link page."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from tests.e2e.pages.base import BasePage

STEPS = 8


class EnrollmentWizard(BasePage):
    path = "/enroll"

    @property
    def step_indicator(self) -> Locator:
        return self.page.get_by_test_id("step-indicator")

    def expect_step(self, n: int) -> None:
        expect(self.step_indicator).to_have_text(f"Step {n} of {STEPS}")

    def start(self) -> EnrollmentWizard:
        """Steps 1-2 (Before you begin, Start): on to the work account's sign-in."""
        self.page.goto(self.path)
        self.expect_step(1)
        expect(self.page.get_by_role("heading", name="Before you begin")).to_be_visible()
        self.page.get_by_role("button", name="Get started").click()
        self.expect_step(2)
        self.page.get_by_role("button", name="Next").click()
        self.expect_step(3)
        return self

    def sign_in_work_account(self, email: str, password: str) -> None:
        """Step 3 with an existing work account; on to Link your MPN ID."""
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in", exact=True).click()
        self.expect_step(4)
        expect(self.page.get_by_role("heading", name="Link your MPN ID")).to_be_visible()

    def create_work_account(
        self, *, company: str, domain: str, admin_name: str, email: str, password: str, country: str = "KR"
    ) -> None:
        """Step 3 with **Create**, then sign in with the new account."""
        self.page.get_by_role("button", name="Create").click()
        expect(self.page.get_by_role("heading", name="Create a work account")).to_be_visible()
        self.page.get_by_label("Company name").fill(company)
        self.page.get_by_label("Country/region").select_option(country)
        self.page.get_by_label("Domain").fill(domain)
        self.page.get_by_label("Global admin's full name").fill(admin_name)
        self.page.get_by_label("Global admin's email (user name)").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Create").click()
        expect(self.status).to_contain_text("Your work account was created")
        expect(self.page.get_by_label("Email")).to_have_value(email)
        self.sign_in_work_account(email, password)

    def pmc_sign_in(self, user_name: str, password: str) -> None:
        """Steps 4-6: Link your MPN ID › PMC user name › PMC password (the answer may be a refusal)."""
        self.page.get_by_role("button", name="Sign in", exact=True).click()
        self.expect_step(5)
        self.page.get_by_label("PMC user name").fill(user_name)
        self.page.get_by_role("button", name="Next").click()
        self.expect_step(6)
        self.retry_pmc_password(password)

    def retry_pmc_password(self, password: str) -> None:
        self.page.get_by_label("PMC password").fill(password)
        self.page.get_by_role("button", name="Sign in", exact=True).click()

    @property
    def profiles(self) -> Locator:
        return self.page.get_by_role("radio")

    def profile(self, mpn_id: str) -> Locator:
        return self.page.get_by_role("radio", name=re.compile(mpn_id))

    def choose_profile(self, mpn_id: str) -> None:
        """Step 7: choose the organization profile, **Continue**."""
        self.expect_step(7)
        self.profile(mpn_id).check()
        self.page.get_by_role("button", name="Continue").click()

    def cancel_profile(self) -> None:
        self.page.get_by_role("button", name="Cancel").click()

    def fill_details(self, contact_email: str, *, legal_name: str = "Northwind Traders Korea Ltd.") -> None:
        """Step 8: legal business profile, primary contact, customer support."""
        self.page.get_by_label("Legal business name").fill(legal_name)
        self.page.get_by_label("Address line 1").fill("10 Sejong-daero")
        self.page.get_by_label("City").fill("Seoul")
        self.page.get_by_label("Postal code").fill("04524")
        self.page.get_by_label("First name").fill("Seo-yeon")
        self.page.get_by_label("Last name").fill("Lee")
        self.contact_email.fill(contact_email)
        self.page.get_by_label("Phone", exact=True).fill("+82 2 555 0300")
        self.page.get_by_label("Support email").fill("support@northwind.example")
        self.page.get_by_label("Support phone").fill("+82 2 555 0399")

    @property
    def contact_email(self) -> Locator:
        return self.page.get_by_label("Email", exact=True)

    @property
    def legal_name(self) -> Locator:
        return self.page.get_by_label("Legal business name")

    def back(self) -> None:
        self.page.get_by_role("button", name="Back").click()

    def enroll_now(self) -> None:
        self.page.get_by_role("button", name="Enroll now").click()

    def expect_check_your_email(self, contact_email: str) -> None:
        expect(self.page.get_by_role("heading", name="Check your email")).to_be_visible()
        expect(self.page.get_by_text(contact_email)).to_be_visible()


class EnrollmentStatusPage(BasePage):
    path = "/enroll/status"

    @property
    def state(self) -> Locator:
        return self.page.get_by_test_id("enrollment-status")


class VerifyEnrollmentPage(BasePage):
    """The page the emailed verification link opens."""

    path = "/enroll/verify"
    heading = "Confirm your email address"

    def confirm(self) -> None:
        self.page.get_by_role("button", name="Confirm email address").click()
