"""The partner's automation pages: API access (API clients and their secrets) and Webhooks (endpoints and
their delivery log)."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from tests.e2e.pages.base import BasePage


class _SecretOnce(BasePage):
    @property
    def secret_once(self) -> Locator:
        """The secret shown once after creating (no accessible name of its own)."""
        return self.page.get_by_test_id("secret-once")

    def read_secret(self, pattern: str) -> str:
        expect(self.secret_once).to_have_text(re.compile(pattern))
        return self.secret_once.inner_text().strip()

    def done(self) -> None:
        self.page.get_by_role("button", name="Done").click()
        expect(self.secret_once).to_have_count(0)


class ApiAccessPage(_SecretOnce):
    path = "/account/api"
    heading = "API access"

    def client(self, name: str) -> Locator:
        return self.page.get_by_role("row", name=re.compile(re.escape(name)))

    def create_client(self, name: str, agent_role: str) -> str:
        """**Create client**; returns the secret, shown once."""
        self.page.get_by_label("Name", exact=True).fill(name)
        self.page.get_by_label("Agent role").select_option(agent_role)
        self.page.get_by_role("button", name="Create client").click()
        return self.read_secret(r"^pcs_[A-Za-z0-9_-]{43}$")

    def copy_secret(self) -> str:
        self.page.get_by_role("button", name="Copy").click()
        self.page.wait_for_function("async () => (await navigator.clipboard.readText()).startsWith('pcs_')")
        return self.page.evaluate("navigator.clipboard.readText()")

    def revoke(self, name: str) -> None:
        self.client(name).get_by_role("button", name="Revoke").click()
        self.page.get_by_role("alertdialog").get_by_role("button", name="Revoke").click()
        expect(self.page.get_by_text("The API client was revoked.")).to_be_visible()


class WebhooksPage(_SecretOnce):
    path = "/account/webhooks"
    heading = "Webhooks"

    def add_endpoint(self, url: str, *events: str) -> str:
        """**Add endpoint** for the events (their labels); returns the signing secret, shown once."""
        self.page.get_by_label("Endpoint URL").fill(url)
        for event in events:
            self.page.get_by_label(event).check()
        self.page.get_by_role("button", name="Add endpoint").click()
        return self.read_secret(r"^whsec_")

    def delivery_log(self) -> Locator:
        self.page.get_by_role("button", name="Delivery log").last.click()
        return self.page.get_by_role("table", name="Delivery log")

    def resend_first(self, log: Locator) -> None:
        log.get_by_role("button", name="Resend").first.click()
        self.page.get_by_role("alertdialog").get_by_role("button", name="Resend").click()
        expect(self.page.get_by_text("The event will be sent again.")).to_be_visible()
