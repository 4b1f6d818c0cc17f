"""Sign-in security: multi-factor sign-in set-up, recovery codes, the organization's requirement; and the
page of the emailed link that lets a blocked account sign in again."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from tests.e2e.pages.base import BasePage


class SecurityPage(BasePage):
    path = "/account/security"
    heading = "Sign-in security"

    def set_up(self) -> str:
        """**Set up multi-factor sign-in**: returns the key shown to type into an authenticator app."""
        self.page.get_by_role("button", name="Set up multi-factor sign-in").click()
        expect(self.qr_code).to_be_visible()
        key = self.page.get_by_test_id("totp-key")
        expect(key).not_to_be_empty()
        return key.inner_text().replace(" ", "")

    @property
    def qr_code(self) -> Locator:
        return self.page.get_by_role("img", name="QR code of the authenticator key")

    def confirm(self, code: str) -> None:
        """Enter the first code and press **Turn on** (no waiting: the answer may be a refusal)."""
        self.page.get_by_label("Code").fill(code)
        self.page.get_by_role("button", name="Turn on").click()

    @property
    def recovery_list(self) -> Locator:
        return self.page.get_by_role("list", name="Your recovery codes")

    def recovery_codes(self) -> list[str]:
        """The recovery codes, shown once after the set-up."""
        expect(self.recovery_list.get_by_role("listitem")).to_have_count(10)
        return [item.inner_text().strip() for item in self.recovery_list.get_by_role("listitem").all()]

    def codes_stored(self) -> None:
        self.page.get_by_role("button", name="I have stored my recovery codes").click()
        expect(self.recovery_list).to_have_count(0)

    @property
    def on(self) -> Locator:
        return self.page.get_by_text("Multi-factor sign-in is on.", exact=True)

    @property
    def must_enroll(self) -> Locator:
        return self.page.get_by_text("Your organization requires multi-factor sign-in. Set it up now to continue.")

    @property
    def require_for_all(self) -> Locator:
        return self.page.get_by_role("checkbox", name="Require multi-factor sign-in for all users")

    def reset_last_admin(self, email: str) -> None:
        """Platform staff: reset another organization's last Global admin, confirmed in the dialog."""
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_role("button", name="Reset multi-factor sign-in").click()
        self.page.get_by_role("alertdialog").get_by_role("button", name="Reset multi-factor sign-in").click()
        expect(self.status_with("Multi-factor sign-in was reset.")).to_be_visible()

    def require(self) -> None:
        """Tick **Require multi-factor sign-in for all users** and wait for the confirmation."""
        self.require_for_all.click()
        expect(self.status_with("now required")).to_be_visible()
        expect(self.require_for_all).to_be_checked()


class UnblockPage(BasePage):
    heading = "Resume signing in"

    def resume(self) -> None:
        self.page.get_by_role("button", name="Resume signing in").click()
        expect(self.status_with("You can sign in again.")).to_be_visible()
