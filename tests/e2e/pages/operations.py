"""Working on behalf of customers: Orders, Subscriptions, Licenses, Support, Leads, Billing; and the
Partner profile with its contact verification link page."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, expect

from tests.e2e.pages.base import BasePage


class OrdersPage(BasePage):
    path = "/orders"
    heading = "New order"

    def submit_order(self, *, customer: str, reseller: str, product: str, quantity: int) -> None:
        self.page.get_by_label("Customer").select_option(label=customer)
        self.page.get_by_label("Reseller of record").select_option(label=reseller)
        self.page.get_by_label("Product").select_option(label=product)
        self.page.get_by_label("Quantity").fill(str(quantity))
        self.page.get_by_role("button", name="Submit order").click()
        expect(self.status).to_contain_text("The order was submitted")

    def order(self, product: str) -> Locator:
        return self.row(product).first


class SubscriptionsPage(BasePage):
    path = "/subscriptions"

    def subscription(self, product: str) -> Locator:
        return self.row(product)

    def quantity(self, product: str) -> str:
        return self.subscription(product).get_by_label("Quantity").input_value()

    def change_quantity(self, product: str, quantity: int) -> None:
        row = self.subscription(product)
        row.get_by_label("Quantity").fill(str(quantity))
        row.get_by_role("button", name="Update").click()


class LicensesPage(BasePage):
    path = "/licenses"

    def choose_customer(self, name: str) -> None:
        self.page.get_by_label("Customer").select_option(label=name)

    def user(self, user_name: str) -> Locator:
        return self.row(user_name)

    def assign(self, user_name: str, subscription_id: int) -> None:
        row = self.user(user_name)
        row.get_by_label("License", exact=True).select_option(value=str(subscription_id))
        row.get_by_role("button", name="Assign license").click()
        expect(self.status).to_have_text("The license was assigned.")


class SupportPage(BasePage):
    path = "/support"

    @property
    def customer_request_form(self) -> Locator:
        return self.page.get_by_role("form", name="Request support for a customer")

    def request_for_customer(self, *, customer: str, subscription: str, subject: str, message: str) -> None:
        form = self.customer_request_form
        form.get_by_label("Customer").select_option(label=customer)
        form.get_by_label("Subscription").select_option(label=subscription)
        form.get_by_label("Subject").fill(subject)
        form.get_by_label("Message").fill(message)
        form.get_by_role("button", name="Submit request").click()
        expect(self.status).to_have_text("The support request was submitted.")

    @property
    def platform_ticket_form(self) -> Locator:
        return self.page.get_by_role("form", name="New support ticket to Partner Center")

    def send_platform_ticket(self, *, subject: str, message: str) -> None:
        """Fill and send the ticket to the platform (the test then expects its outcome)."""
        form = self.platform_ticket_form
        form.get_by_label("Subject").fill(subject)
        form.get_by_label("Message").fill(message)
        form.get_by_role("button", name="Submit ticket").click()

    def send_customer_request(self, *, customer: str, subject: str, message: str) -> None:
        """Fill and send a request for a customer, about no subscription (the test expects its outcome)."""
        form = self.customer_request_form
        form.get_by_label("Customer").select_option(label=customer)
        form.get_by_label("Subject").fill(subject)
        form.get_by_label("Message").fill(message)
        form.get_by_role("button", name="Submit request").click()

    def ticket(self, subject: str) -> Locator:
        return self.row(subject)

    def open_ticket(self, subject: str) -> None:
        self.page.get_by_role("button", name=subject).click()

    @property
    def conversation(self) -> Locator:
        return self.page.get_by_role("log")


class PostServiceHealthPage(BasePage):
    """Platform staff: the service health posts and the form that posts one."""

    path = "/platform/service-health"
    heading = "Post service health"

    def post(self, *, service: str, status: str, title: str, description: str = "") -> None:
        self.page.get_by_label("Service", exact=True).select_option(label=service)
        self.page.get_by_label("Status", exact=True).select_option(label=status)
        self.page.get_by_label("Title", exact=True).fill(title)
        self.page.get_by_label("Description", exact=True).fill(description)
        self.page.get_by_role("button", name="Post", exact=True).click()


class LeadsPage(BasePage):
    path = "/leads"

    def lead(self, company: str) -> Locator:
        return self.row(company)

    def send_invitation(self, company: str) -> None:
        self.lead(company).get_by_role("button", name="Send invitation").click()


class BillingPage(BasePage):
    path = "/billing"

    @property
    def charges(self) -> Locator:
        return self.page.get_by_role("region", name="Monthly charges")

    def charge(self, product: str) -> Locator:
        return self.charges.get_by_role("row").filter(has_text=product)

    @property
    def total(self) -> Locator:
        return self.page.get_by_test_id("billing-total")

    def export_csv(self) -> str:
        with self.page.expect_download() as download:
            self.page.get_by_role("button", name="Export CSV").click()
        return Path(download.value.path()).read_text()


class PartnerProfilePage(BasePage):
    path = "/account/profile"
    heading = "Partner profile"

    @property
    def mpn_id(self) -> Locator:
        return self.page.get_by_test_id("mpn-id")

    @property
    def country(self) -> Locator:
        return self.page.get_by_label("Country/region")

    @property
    def contact_email(self) -> Locator:
        return self.page.get_by_label("Primary contact email")

    def change_contact_email(self, email: str) -> None:
        self.contact_email.fill(email)
        self.page.get_by_role("button", name="Save").click()
        expect(self.status).to_contain_text(f"We emailed {email}")


class MarketingProfilePage(BasePage):
    path = "/account/marketing"
    heading = "Marketing profile"

    def save(self, *, description: str, industries: str = "", products: str = "", regions: str = "") -> None:
        self.type_into(self.page.get_by_label("Description"), description)
        self.type_into(self.page.get_by_label("Industries"), industries)
        self.type_into(self.page.get_by_label("Products and services"), products)
        self.type_into(self.page.get_by_label("Regions served"), regions)
        self.page.get_by_role("button", name="Save").click()
        expect(self.status).to_contain_text("The marketing profile was saved.")


class VerifyContactPage(BasePage):
    """The page the primary contact's verification link opens."""

    path = "/verify-contact"

    def confirm(self) -> None:
        self.page.get_by_role("button", name="Confirm").click()
        expect(self.status).to_contain_text("verified")


class ProviderLeadsPage(LeadsPage):
    """A provider's Leads page: its own leads and the form that refers one to a reseller."""

    def country_field(self, label: str = "Country/region") -> Locator:
        """The referral form's country/region select (its label in the page's language)."""
        return self.page.get_by_label(label, exact=True)
