"""Sign-in and the forced password change."""

from __future__ import annotations

import re
import time

import pyotp
from playwright.sync_api import Locator, Page, expect

from tests.e2e.data import Account
from tests.e2e.pages.base import BasePage

STEP_SECONDS = 30
_last_step: dict[str, int] = {}  # per key: the time step of the last code this run entered


def totp_code(key: str) -> str:
    """A code of `key` the portal has not accepted yet (it takes each time step once): the current step's,
    or the next step's (accepted for clock drift) when this run used the current one already; only when
    both were used does it wait for the next step, as a person would."""
    while True:
        step = int(time.time() // STEP_SECONDS)
        wanted = max(step, _last_step.get(key, -1) + 1)
        if wanted <= step + 1:
            _last_step[key] = wanted
            return pyotp.TOTP(key).at(wanted * STEP_SECONDS)
        time.sleep((wanted - 1) * STEP_SECONDS - time.time() + 0.2)


def spend_code(key: str, code_step: int) -> None:
    """Note that a code of `code_step` was entered outside `totp_code` (so it is not offered again)."""
    _last_step[key] = max(_last_step.get(key, -1), code_step)


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

    def sign_in(
        self, email: str, password: str, *, expect_path: str = "/dashboard", totp_key: str | None = None
    ) -> None:
        """Sign in (with a code of `totp_key` when the account has a second factor) and wait for the landing
        page."""
        self.submit(email, password)
        if totp_key:
            self.enter_code(totp_code(totp_key))
        expect(self.page).to_have_url(re.compile(re.escape(expect_path)))

    @property
    def code(self) -> Locator:
        return self.page.get_by_label("Code")

    def enter_code(self, code: str) -> None:
        """The second step: type a code (authenticator or recovery code) and press **Verify**."""
        expect(self.page.get_by_role("heading", name="Enter your code")).to_be_visible()
        self.code.fill(code)
        self.page.get_by_role("button", name="Verify").click()

    def expect_refused(self, message: str = "The email or password is incorrect.") -> None:
        """Wait for *this* attempt's answer (the page empties the password field when it refuses), then
        check the message: the previous attempt's alert must not pass for it, or the next `submit` would
        type into a field the late answer then empties, and press **Sign in** with no password."""
        expect(self.password).to_have_value("")
        expect(self.alert).to_have_text(message)


def sign_in(page: Page, account: Account, *, expect_path: str = "/dashboard") -> None:
    """Open the sign-in page and sign in as `account`."""
    SignInPage(page).open().sign_in(account.email, account.password, expect_path=expect_path, totp_key=account.totp_key)


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
