"""Indirect providers and resellers: the public provider directory, the provider's Indirect resellers page
(invitations), the reseller's Indirect providers page, and the authorization link's page."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from tests.e2e.pages.base import BasePage


class ProviderDirectoryPage(BasePage):
    path = "/providers/directory"
    heading = "Find a provider"

    def provider(self, name: str) -> Locator:
        return self.page.get_by_role("article", name=name)

    def about(self, name: str) -> Locator:
        """The provider's marketing profile on its card."""
        return self.provider(name).get_by_role("group")

    def search(self, name: str) -> None:
        self.type_into(self.page.get_by_label("Search providers by name"), name)
        self.page.get_by_role("button", name="Search").click()


class IndirectResellersPage(BasePage):
    """The provider's side."""

    path = "/resellers"

    @property
    def resellers(self) -> Locator:
        return self.page.get_by_role("table", name="Indirect resellers")

    @property
    def invitations(self) -> Locator:
        return self.page.get_by_role("table", name="Pending invitations")

    @property
    def history(self) -> Locator:
        return self.page.get_by_role("table", name="History")

    def reseller(self, name: str) -> Locator:
        return self.row(name, self.resellers)

    def invitation(self, name: str) -> Locator:
        return self.row(name, self.invitations).first

    def invite(self, name: str, *, email: str | None = None, mpn_id: str | None = None) -> None:
        """**Invite reseller** by its admin's email or by MPN ID; waits for the pending invitation."""
        self.page.get_by_role("button", name="Invite reseller").click()
        dialog = self.page.get_by_role("dialog", name="Invite reseller")
        if email:
            dialog.get_by_label("Reseller admin's email").fill(email)
        else:
            dialog.get_by_role("radio", name="MPN ID").click()
            dialog.get_by_role("textbox", name="MPN ID").fill(mpn_id)
        dialog.get_by_role("button", name="Send invitation").click()
        expect(self.status_with(f"Invitation sent to {name}.")).to_be_visible()
        expect(self.invitation(name)).to_contain_text("Pending")

    def revoke(self, name: str) -> None:
        self.invitation(name).get_by_role("button", name="Revoke").click()
        self.page.get_by_role("alertdialog").get_by_role("button", name="Revoke").click()
        expect(self.status).to_contain_text(f"The invitation to {name} was revoked.")


class IndirectProvidersPage(BasePage):
    """The reseller's side."""

    path = "/providers"

    @property
    def providers(self) -> Locator:
        return self.page.get_by_role("table", name="Indirect providers")

    @property
    def history(self) -> Locator:
        return self.page.get_by_role("table", name="History")

    def provider(self, name: str) -> Locator:
        return self.row(name, self.providers)

    def view_customers(self, name: str, label: str = "View customers") -> None:
        """The provider's **View customers**: the customer list narrowed to the customers shared with it."""
        self.row(name).get_by_role("link", name=label).click()  # any language: the row, not the table's name

    def ask_to_end(self, name: str, button: str = "End partnership") -> Locator:
        """Press the row's end button (`button` in the page's language) and return the confirmation dialog."""
        self.row(name).get_by_role("button", name=button).click()
        return self.page.get_by_role("alertdialog")

    def end_partnership(self, name: str) -> None:
        self.provider(name).get_by_role("button", name="End partnership").click()
        confirm = self.page.get_by_role("alertdialog")
        expect(confirm).to_contain_text(f"End the partnership with {name}?")
        confirm.get_by_role("button", name="End partnership").click()
        expect(self.status).to_contain_text(f"The partnership with {name} has ended.")


class AuthorizeProviderPage(BasePage):
    """What the reseller's Global admin sees when following a provider's authorization link."""

    path = "/authorize"

    @property
    def authorize_button(self) -> Locator:
        return self.page.get_by_role("button", name="Authorize indirect provider")

    def authorize(self) -> None:
        """Tick the checkbox (the button is disabled until then) and authorize."""
        expect(self.authorize_button).to_be_disabled()
        checkbox = self.page.get_by_role("checkbox", name="I understand what this grants")
        checkbox.click()
        expect(checkbox).to_be_checked()
        expect(self.authorize_button).to_be_enabled()
        self.authorize_button.click()
        expect(self.status).to_contain_text("is now listed on your Indirect providers page")
