"""No cross-tenant hints: Add user with an address used in another organization says only that the address
cannot be used (not where, not whether it exists); the address's owner is told by email."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import AddUserPage, UserManagementPage, sign_in

pytestmark = pytest.mark.e2e

UNAVAILABLE = "This email address can't be used for a new user."


def test_add_user_with_another_organizations_address_gives_no_hint(page: Page, data, hooks):
    contoso, adatum = data.reseller(helpdesk=False), data.customer()
    sign_in(page, contoso.admin)
    add = UserManagementPage(page).open().add_user()
    add.submit("Someone Else", adatum.admin.email, "Helpdesk agent", "Not an admin")
    expect(page.get_by_text(UNAVAILABLE)).to_be_visible()
    expect(page.get_by_text(adatum.name)).to_have_count(0)
    expect(page.get_by_text("already exists")).to_have_count(0)
    AddUserPage(page).shown()  # still on the form, nothing created
    mail = hooks.email(adatum.admin.email, "tried to add you to Partner Center")
    assert contoso.name in mail.subject
    # an address of the own organization is still named as taken (its users are listed anyway)
    add.submit("Twin", contoso.admin.email, "Helpdesk agent", "Not an admin")
    expect(page.get_by_text("A user with this email already exists.")).to_be_visible()
