"""Account settings › User management: the list, Add user, the one-time credentials page, Edit user."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from tests.e2e.pages.base import BasePage


def choose_role(page, role_name: str) -> None:
    """Pick a role (a radio button named by the role) and wait until the server has it."""
    radio = page.get_by_role("radio", name=role_name, exact=True)
    radio.click()
    expect(radio).to_be_checked()


class UserManagementPage(BasePage):
    path = "/account/users"
    heading = "Account settings › User management"

    def open(self) -> UserManagementPage:
        super().open()
        expect(self.page.get_by_text(re.compile(r"^\d+ users?$|^No users match"))).to_be_visible()
        return self

    def search(self, text: str) -> None:
        self.type_into(self.page.get_by_label("Search users"), text)
        self.page.get_by_role("button", name="Search").click()

    def filter_by_role(self, role: str) -> None:
        self.page.get_by_role("combobox", name="Filter by role").click()
        self.page.get_by_role("option", name=role).click()

    def user_row(self, text: str) -> Locator:
        return self.row(text)

    def add_user(self) -> AddUserPage:
        self.page.get_by_role("link", name="Add user").click()
        return AddUserPage(self.page).shown()

    def open_user(self, full_name: str) -> EditUserPage:
        """Search for the user and open Edit user."""
        self.search(full_name)
        # Wait for the search's result (every row but the header has the name): a click while the table is
        # re-drawn can land where the row was a moment before, and then goes nowhere (seen once in a full run).
        expect(self.page.get_by_role("row").filter(has_not_text=full_name)).to_have_count(1)
        self.page.get_by_role("link", name=full_name, exact=True).click()
        edit = EditUserPage(self.page).shown()
        expect(self.page.get_by_role("heading", name=full_name)).to_be_visible()
        return edit


class AddUserPage(BasePage):
    path = "/account/users/add"
    heading = "Add a new user"

    def role(self, name: str) -> Locator:
        return self.page.get_by_role("radio", name=name, exact=True)

    @property
    def add_button(self) -> Locator:
        return self.page.get_by_role("button", name="Add", exact=True)

    def submit(self, full_name: str, email: str, agent: str, admin: str, add: str = "Add") -> None:
        """Fill the form and **Add** (no waiting: the answer may be a refusal; the test checks it)."""
        self.page.get_by_label(re.compile("^(Full name|전체 이름)$")).fill(full_name)
        self.page.get_by_label(re.compile("^(Email|전자 메일)$")).fill(email)
        choose_role(self.page, agent)
        choose_role(self.page, admin)
        self.page.get_by_role("button", name=add, exact=True).click()

    def create(self, full_name: str, email: str, agent: str, admin: str) -> str:
        """Fill the form and **Add**; returns the temporary password shown once on the next page."""
        self.submit(full_name, email, agent, admin)
        created = UserCreatedPage(self.page).shown()
        expect(created.sign_in_name).to_have_text(email)
        return created.temporary_password()


class UserCreatedPage(BasePage):
    """The sign-in name and temporary password, shown once (after Add user)."""

    path = "/account/users/created"
    heading = "Confirm the user's details"

    @property
    def sign_in_name(self) -> Locator:
        return self.page.get_by_test_id("sign-in-name")

    def temporary_password(self) -> str:
        password = self.page.get_by_test_id("temporary-password").inner_text().strip()
        assert len(password) >= 16
        return password

    def copy(self) -> None:
        self.page.get_by_role("button", name="Copy").click()
        expect(self.page.get_by_text("Copied to the clipboard.")).to_be_visible()

    def done(self) -> None:
        self.page.get_by_role("button", name="Done").click()
        UserManagementPage(self.page).shown()


class EditUserPage(BasePage):
    path = "/account/users/edit"
    heading = "Edit user"

    def choose(self, role: str) -> None:
        choose_role(self.page, role)

    def role(self, name: str) -> Locator:
        return self.page.get_by_role("radio", name=name, exact=True)

    def button(self, name: str) -> Locator:
        return self.page.get_by_role("button", name=name)

    def update(self) -> None:
        self.button("Update").click()

    @property
    def confirmation(self) -> Locator:
        return self.page.get_by_role("alertdialog")

    def _confirmed(self, action: str) -> None:
        self.button(action).click()
        self.confirmation.get_by_role("button", name=action).click()

    def deactivate(self) -> None:
        self._confirmed("Deactivate")
        expect(self.status_with("deactivated")).to_be_visible()

    def reactivate(self) -> None:
        self._confirmed("Reactivate")
        expect(self.status_with("The user was reactivated.")).to_be_visible()

    def reset_password(self) -> None:
        self._confirmed("Reset password")
        expect(self.page.get_by_role("heading", name="New temporary password")).to_be_visible()

    def reset_mfa(self) -> None:
        """**Reset multi-factor sign-in** (confirmed in its dialog)."""
        self._confirmed("Reset multi-factor sign-in")
        expect(self.status_with("Multi-factor sign-in was reset.")).to_be_visible()
        expect(self.page.get_by_text("Multi-factor sign-in: off")).to_be_visible()

    def state(self, text: str) -> Locator:
        """ "Active" / "Deactivated" as the page shows it."""
        return self.page.get_by_text(text, exact=True)
