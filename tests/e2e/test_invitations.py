"""Customer invitations end to end: Contoso requests a reseller relationship, finds the link pending on
**Customer invitations**, revokes it (after confirming), and the customer who opens it is told it was revoked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

CONTOSO = ("admin@contoso.example", "Reseller-demo-2026")


def new_page(browser: Browser, base_url: str) -> Page:
    page = browser.new_context(base_url=base_url).new_page()
    page.set_default_timeout(20_000)
    return page


def test_request_then_revoke_from_customer_invitations(browser: Browser, app_url: str):
    contoso, customer = new_page(browser, app_url), new_page(browser, app_url)
    sign_in(contoso, *CONTOSO)
    contoso.goto("/customers")
    contoso.get_by_role("link", name="Request a reseller relationship").click()
    expect(contoso).to_have_url(re.compile("/customers/request"))
    link_field = contoso.get_by_label("Personalized link")
    expect(link_field).to_have_value(re.compile(r"/accept/"))
    link = link_field.input_value()

    contoso.goto("/customers")
    contoso.get_by_role("link", name="Customer invitations").click()
    expect(contoso).to_have_url(re.compile("/customers/invitations$"))
    expect(contoso.get_by_role("heading", name="Customer invitations")).to_be_visible()
    table = contoso.get_by_role("table", name="Customer invitations")
    newest = table.get_by_role("row").nth(1)  # newest first, under the header row
    expect(newest).to_contain_text("Request a reseller relationship")
    expect(newest).to_contain_text("Contoso Admin")
    expect(newest).to_contain_text("Pending")

    # The customer can still open it before it is revoked.
    customer.goto(link)
    expect(customer.get_by_test_id("accept-asks")).to_contain_text("Contoso Cloud Partners")

    newest.get_by_role("button", name="Revoke").click()
    dialog = contoso.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Revoke this link?")
    dialog.get_by_role("button", name="Revoke").click()
    expect(contoso.get_by_role("status")).to_contain_text("The link was revoked.")
    expect(newest).to_contain_text("Revoked")
    expect(newest.get_by_role("button", name="Revoke")).to_have_count(0)

    other = new_page(browser, app_url)
    other.goto(link)
    expect(other.get_by_role("alert")).to_contain_text("This link was revoked")
    expect(other.get_by_test_id("accept-asks")).to_have_count(0)
