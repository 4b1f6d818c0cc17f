"""Customers (the partner's side), the personalized-link pages, Customer invitations, the link a customer
opens (/accept/...) and the customer's own Partners page."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from tests.e2e.pages.base import BasePage


class CustomersPage(BasePage):
    path = "/customers"
    heading = "Customers"

    def open(self) -> CustomersPage:
        super().open()
        # Loaded (with the last search of this tab) before a new search is typed in.
        expect(self.page.get_by_text(re.compile(r"^[\d,]+ customers?$|^No customers"))).to_be_visible()
        return self

    def search(self, term: str) -> None:
        self.type_into(self.page.get_by_label("Search customers"), term)
        self.page.get_by_role("button", name="Search").click()

    @property
    def provider_filter(self) -> Locator:
        """What says which indirect provider the list is for (`?provider=N`)."""
        return self.page.get_by_test_id("provider-filter")

    def show_all(self, label: str = "Show all customers") -> None:
        self.page.get_by_role("button", name=label).click()

    def column_header(self, name: str) -> Locator:
        return self.page.get_by_role("columnheader", name=name)

    def sort_button(self, column: str) -> Locator:
        """The button in a sortable column header (Enter or Space sorts, again reverses)."""
        return self.column_header(column).get_by_role("button", name=column)

    @property
    def customer_names(self) -> Locator:
        """The customers' names, in the order the list shows them."""
        return self.page.get_by_role("rowheader")

    def customer(self, name: str) -> Locator:
        """The customer's row header (its name in the list)."""
        return self.page.get_by_role("rowheader", name=name)

    def row(self, name: str) -> Locator:
        """The customer's whole row (name, domain with its "unverified" mark, country, since...)."""
        return self.page.get_by_role("row").filter(has=self.customer(name))

    def details(self, name: str) -> CustomerDetails:
        """Expand a customer's row (the down arrow): account, resellers of record, users, licenses."""
        self.page.get_by_role("button", name=f"Show details of {name}").click()
        return CustomerDetails(self.page.get_by_role("region", name=name))

    def request_relationship(self, create: bool = True) -> RequestRelationshipPage:
        """**Request a reseller relationship**, then (unless `create=False`) **Create link**."""
        self.page.get_by_role("link", name="Request a reseller relationship").click()
        request = RequestRelationshipPage(self.page).shown()
        if create:
            request.create_link()
        return request

    def invite_new_customer(self, provider_name: str, create: bool = True) -> InviteNewCustomerPage:
        """**Invite new customer**, the provider, then (unless `create=False`) **Create link**."""
        self.page.get_by_role("link", name="Invite new customer").click()
        self.page.get_by_role("link", name=provider_name).click()
        invite = InviteNewCustomerPage(self.page).shown()
        if create:
            invite.create_link()
        return invite

    def invitations(self) -> CustomerInvitationsPage:
        self.page.get_by_role("link", name="Customer invitations").click()
        return CustomerInvitationsPage(self.page).shown()


class CustomerDetails:
    """One customer's expanded row."""

    def __init__(self, region: Locator) -> None:
        self.region = region

    @property
    def delegated_admin(self) -> Locator:
        return self.region.get_by_test_id("detail-da")

    def text(self, text: str | re.Pattern) -> Locator:
        return self.region.get_by_text(text)

    def request_delegated_admin(self, days: int | str) -> None:
        """Ask the customer for delegated admin privileges for `days` (emailed to its Global admins)."""
        self.region.get_by_label("Duration (days)").fill(str(days))
        self.region.get_by_role("button", name="Request delegated admin privileges").click()

    @property
    def add_user_button(self) -> Locator:
        return self.region.get_by_role("button", name="Add user")

    def add_user(self, display_name: str, user_name: str) -> None:
        self.region.get_by_label("Display name").fill(display_name)
        self.region.get_by_label("User name (email)").fill(user_name)
        self.region.get_by_role("button", name="Add user").click()


class _PersonalizedLinkPage(BasePage):
    def create_link(self, label: str = "Create link") -> None:
        """**Create link**: opening the page makes nothing; this makes the link and shows its draft."""
        self.page.get_by_role("button", name=label).click()
        expect(self.link_field).to_have_value(re.compile(r"/accept/"))

    @property
    def create_button(self) -> Locator:
        return self.page.get_by_role("button", name=re.compile("^(Create link|링크 만들기)$"))

    @property
    def link_field(self) -> Locator:
        return self.page.get_by_label(re.compile("^(Personalized link|개인화된 링크)$"))

    def link(self) -> str:
        expect(self.link_field).to_have_value(re.compile(r"/accept/"))
        return self.link_field.input_value()

    @property
    def draft(self) -> Locator:
        return self.page.get_by_label("Email text")

    @property
    def open_in_email(self) -> Locator:
        return self.page.get_by_role("link", name="Open in email")

    def copy(self, expected_text: str) -> str:
        """**Copy**; waits until the clipboard has the text (the copy happens when the server answers)."""
        self.page.get_by_role("button", name="Copy").click()
        self.page.wait_for_function(
            "text => navigator.clipboard.readText().then(t => t.includes(text))", arg=expected_text
        )
        return self.page.evaluate("navigator.clipboard.readText()")

    def done(self) -> None:
        self.page.get_by_role("button", name="Done").click()
        expect(self.page).to_have_url(re.compile("/customers$"))


class RequestRelationshipPage(_PersonalizedLinkPage):
    path = "/customers/request"

    def shown(self) -> RequestRelationshipPage:
        self.expect_path("/customers/request")
        return self


class InviteNewCustomerPage(_PersonalizedLinkPage):
    path = "/customers/invite"

    def shown(self) -> InviteNewCustomerPage:
        self.expect_path(r"/customers/invite\?provider=\d+")
        return self


class CustomerInvitationsPage(BasePage):
    path = "/customers/invitations"
    heading = "Customer invitations"

    @property
    def table(self) -> Locator:
        return self.page.get_by_role("table", name="Customer invitations")

    def open_any(self) -> CustomerInvitationsPage:
        """Open the page in whatever language the user chose (heading in English or Korean)."""
        self.page.goto(self.path)
        expect(self.page.get_by_role("heading", name=re.compile("^(Customer invitations|고객 초대)$"))).to_be_visible()
        return self

    @property
    def rows(self) -> Locator:
        """The links' rows (the header row left out), in any language."""
        return self.page.get_by_role("table").get_by_role("row").filter(has=self.page.get_by_role("cell"))

    @property
    def empty(self) -> Locator:
        return self.page.get_by_text("You have not created any customer links yet.")

    def newest(self) -> Locator:
        """The newest link's row (newest first, under the header row)."""
        return self.table.get_by_role("row").nth(1)

    def revoke(self, row: Locator) -> None:
        row.get_by_role("button", name="Revoke").click()
        dialog = self.page.get_by_role("alertdialog")
        expect(dialog).to_contain_text("Revoke this link?")
        dialog.get_by_role("button", name="Revoke").click()
        expect(self.status).to_contain_text("The link was revoked.")


class AcceptLinkPage(BasePage):
    """What a customer sees when following a reseller's (or a provider's) personalized link."""

    path = "/accept"

    @property
    def asks(self) -> Locator:
        """Who asks (the test id of the sentence that names them)."""
        return self.page.get_by_test_id("accept-asks")

    def sign_in(self, email: str, password: str) -> None:
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.page.get_by_role("button", name="Sign in").click()

    def create_customer_account(
        self, *, company: str, domain: str, full_name: str, email: str, password: str, country: str = "KR"
    ) -> None:
        self.page.get_by_role("button", name="Create a customer account").click()
        self.fill_customer_account(
            company=company, domain=domain, full_name=full_name, email=email, password=password, country=country
        )

    def fill_customer_account(
        self, *, company: str, domain: str, full_name: str, email: str, password: str, country: str = "KR"
    ) -> None:
        """Fill the (already open) new customer account form and press **Create account**."""
        self.page.get_by_label("Company name").fill(company)
        self.page.get_by_label("Country/region").select_option(country)
        self.page.get_by_label("Domain").fill(domain)
        self.page.get_by_label("Full name").fill(full_name)
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.page.get_by_label("Confirm password", exact=True).fill(password)
        self.page.get_by_role("button", name="Create account").click()

    def accept(self, reseller_name: str, provider_name: str = "") -> None:
        """**Accept**; the confirmation names the reseller, and the provider of a two-party invitation."""
        self.page.get_by_role("button", name="Accept").click()
        done = (
            f"Done. {reseller_name} and {provider_name} are now your resellers of record."
            if provider_name
            else f"Done. {reseller_name} is now your reseller of record."
        )
        expect(self.page.get_by_text(done)).to_be_visible()

    def accept_delegated_admin(self, reseller_name: str) -> None:
        self.page.get_by_role("button", name="Accept").click()
        expect(
            self.page.get_by_text(f"Done. {reseller_name} has delegated admin privileges until", exact=False)
        ).to_be_visible()


class CustomerPartnersPage(BasePage):
    """The customer's Partners page: its resellers of record and their delegated admin privileges."""

    path = "/partners"

    def partner(self, name: str) -> Locator:
        return self.page.get_by_role("article", name=name)

    def remove_delegated_admin(self, name: str) -> None:
        self.partner(name).get_by_role("button", name="Remove delegated admin privileges").click()
        self.page.get_by_role("alertdialog").get_by_role("button", name="Remove", exact=True).click()
        expect(self.page.get_by_text("The delegated admin privileges were removed.")).to_be_visible()

    def about(self, name: str) -> Locator:
        """The partner's marketing profile on its card."""
        return self.partner(name).get_by_role("group")
