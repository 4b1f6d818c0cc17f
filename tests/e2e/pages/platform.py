"""Platform staff's pages: the enrollment review queue, the partner network registry, the partner support
queue, referral leads."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, expect

from tests.e2e.pages.base import BasePage


class ReviewQueuePage(BasePage):
    path = "/platform/enrollments"

    def open_application(self, org_name: str) -> Locator:
        """Open one application; returns its details region."""
        self.page.get_by_role("button", name=f"Open {org_name}").click()
        return self.page.get_by_role("region", name="Application")

    def approve(self, details: Locator) -> None:
        details.get_by_role("button", name="Approve").click()
        self.page.get_by_role("alertdialog").get_by_role("button", name="Approve").click()
        expect(self.status).to_have_text("The application was approved.")


class RegistryPage(BasePage):
    path = "/platform/registry"

    @property
    def profiles(self) -> Locator:
        return self.page.get_by_role("region", name="Organization profiles")

    @property
    def pmc_accounts(self) -> Locator:
        return self.page.get_by_role("region", name="PMC accounts")

    def add_profile(self, mpn_id: str, name: str, country: str) -> None:
        self.page.get_by_label("MPN ID", exact=True).fill(mpn_id)
        self.page.get_by_label("Organization name").fill(name)
        self.page.get_by_label("Country/region").select_option(country)
        self.page.get_by_role("button", name="Add", exact=True).nth(1).click()
        expect(self.profiles).to_contain_text(mpn_id)

    def try_add_profile(self, mpn_id: str, name: str) -> None:
        """Fill the new profile's MPN ID and name and **Add** (the outcome is the test's to check)."""
        self.page.get_by_label("MPN ID", exact=True).fill(mpn_id)
        self.page.get_by_label("Organization name").fill(name)
        self.page.get_by_role("button", name="Add", exact=True).nth(1).click()

    def profile_row(self, mpn_id: str) -> Locator:
        return self.profiles.get_by_role("row", name=re.compile(mpn_id))

    def rename_profile(self, mpn_id: str, new_name: str) -> None:
        """**Edit** in the profile's row, change the name in the dialog, **Save**."""
        self.profile_row(mpn_id).get_by_role("button", name="Edit").click()
        dialog = self.page.get_by_role("dialog")
        expect(dialog).to_contain_text(mpn_id)
        dialog.get_by_label("Organization name").fill(new_name)
        dialog.get_by_role("button", name="Save").click()
        expect(dialog).to_have_count(0)

    def import_csv(self, path: str) -> None:
        """**Choose a CSV file** (the file chooser), then **Import CSV**."""
        with self.page.expect_file_chooser() as chooser:
            # the visible button (the hidden file input carries the same name)
            self.page.get_by_role("button", name="Choose a CSV file").last.click()
        chooser.value.set_files(path)
        # As a user does: the chosen file's name shows, then the import (a click before the browser has taken the
        # selection, as on a busy machine, would upload nothing).
        expect(self.page.get_by_text(Path(path).name, exact=True)).to_be_visible()
        self.page.get_by_role("button", name="Import CSV").click()

    def add_pmc_account(self, user_name: str, password: str, mpn_ids: str) -> None:
        self.page.get_by_label("User name").fill(user_name)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_label("MPN IDs this user may act for (comma-separated)").fill(mpn_ids)
        self.page.get_by_role("button", name="Add", exact=True).first.click()

    def pmc_row(self, user_name: str) -> Locator:
        return self.pmc_accounts.get_by_role("row", name=re.compile(user_name))


class PartnerSupportQueuePage(BasePage):
    path = "/platform/support"

    def open_ticket(self, subject: str) -> None:
        self.page.get_by_role("button", name=subject).click()

    @property
    def conversation(self) -> Locator:
        return self.page.get_by_role("log")

    def answer(self, text: str) -> None:
        self.page.get_by_label("Reply").fill(text)
        self.page.get_by_role("button", name="Send answer").click()

    def close_ticket(self) -> None:
        self.page.get_by_role("button", name="Close ticket").click()


class ReferralLeadsPage(BasePage):
    path = "/platform/leads"
    heading = "Referral leads"

    @property
    def company(self) -> Locator:
        return self.page.get_by_label("Company")

    @property
    def contact(self) -> Locator:
        return self.page.get_by_label("Contact")

    @property
    def email(self) -> Locator:
        return self.page.get_by_label("Email")

    @property
    def reseller_search(self) -> Locator:
        return self.page.get_by_label("Find a reseller by name")

    def find_reseller(self, text: str) -> None:
        self.type_into(self.reseller_search, text)
        self.page.get_by_role("button", name="Search").click()

    def choose_reseller(self, name: str) -> None:
        self.page.get_by_role("button", name=re.compile(re.escape(name))).click()
        expect(self.page.get_by_text("Reseller:")).to_be_visible()

    def refer(self) -> None:
        self.page.get_by_role("button", name="Refer lead").click()


class PartnerOrganizationsPage(BasePage):
    """Platform › Partner organizations: suspend (reason, confirmation) and reinstate resellers and providers."""

    path = "/platform/partners"
    heading = "Partner organizations"

    def search(self, text: str) -> None:
        box = self.page.get_by_role("textbox", name="Search by name or MPN ID")
        self.type_into(box, text)
        self.page.get_by_role("button", name="Search").click()

    def organization(self, name: str) -> Locator:
        return self.row(name)

    @property
    def suspend_dialog(self) -> Locator:
        return self.page.get_by_role("dialog")

    def start_suspending(self, name: str) -> Locator:
        """**Suspend** on the organization's row; returns the dialog that asks for the reason."""
        self.organization(name).get_by_role("button", name="Suspend").click()
        dialog = self.suspend_dialog
        expect(dialog).to_contain_text(f"Suspend {name}?")
        return dialog

    def suspend(self, name: str, reason: str) -> None:
        dialog = self.start_suspending(name)
        self.type_into(dialog.get_by_label("Reason"), reason)
        dialog.get_by_role("button", name="Suspend").click()
        expect(self.status).to_contain_text(f"{name} is suspended.")

    def reinstate(self, name: str) -> None:
        self.organization(name).get_by_role("button", name="Reinstate").click()
        confirm = self.page.get_by_role("alertdialog")
        expect(confirm).to_contain_text("Reinstate this organization?")
        confirm.get_by_role("button", name="Reinstate").click()
        expect(self.status).to_contain_text(f"{name} is reinstated.")
