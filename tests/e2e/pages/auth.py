"""Sign-in and the forced password change."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.e2e.data import Account
from tests.e2e.pages.base import BasePage


class SignInPage(BasePage):
    path = "/signin"
    heading = re.compile("^(Sign in to Partner Center|파트너 센터에 로그인)$")

    # The form in either language (a language picked here is the one the user signs in with).
    @property
    def email(self) -> Locator:
        return self.page.get_by_label(re.compile("^(Email|전자 메일)$"))

    @property
    def password(self) -> Locator:
        return self.page.get_by_label(re.compile("^(Password|암호)$"))

    def submit(self, email: str, password: str) -> None:
        """Type the credentials and press **Sign in** (no waiting: the answer may be a refusal)."""
        self.email.fill(email)
        self.password.fill(password)
        self.page.get_by_role("button", name=re.compile("^(Sign in|로그인)$")).click()

    def sign_in(self, email: str, password: str, *, expect_path: str = "/dashboard") -> None:
        """Sign in and wait for the landing page."""
        self.submit(email, password)
        expect(self.page).to_have_url(re.compile(re.escape(expect_path)))

    def expect_refused(self, message: str = "The email or password is incorrect.") -> None:
        expect(self.alert).to_have_text(message)


def sign_in(page: Page, account: Account, *, expect_path: str = "/dashboard") -> None:
    """Open the sign-in page and sign in as `account`."""
    SignInPage(page).open().sign_in(account.email, account.password, expect_path=expect_path)


class ChangePasswordPage(BasePage):
    path = "/change-password"

    def change(self, current: str, new: str, confirm: str | None = None) -> None:
        self.page.get_by_label("Current password").fill(current)
        self.page.get_by_label("New password", exact=True).fill(new)
        self.page.get_by_label("Confirm new password").fill(new if confirm is None else confirm)
        self.page.get_by_role("button", name="Change password").click()


def first_sign_in(page: Page, email: str, temporary: str, new_password: str) -> None:
    """Sign in with a temporary password, find nothing else open, change it: lands on the dashboard."""
    SignInPage(page).open().sign_in(email, temporary, expect_path="/change-password")
    page.goto("/dashboard")  # nothing else before the change
    expect(page).to_have_url(re.compile("/change-password"))
    ChangePasswordPage(page).change(temporary, new_password)
    expect(page).to_have_url(re.compile("/dashboard$"))
