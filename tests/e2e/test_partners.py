"""Indirect providers and resellers in a real browser: the directory, a provider inviting a reseller, the
authorization link (signed out, wrong role, reused, revoked), both partnership pages and ending a
partnership. Providers and resellers are made per test."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import (
    AuthorizeProviderPage,
    IndirectProvidersPage,
    IndirectResellersPage,
    ProviderDirectoryPage,
    SignInPage,
    sign_in,
)

pytestmark = pytest.mark.e2e

INVITE_SUBJECT = "invites you"


def test_public_directory_lists_a_published_provider_with_contact_details(page, data):
    fabrikam = data.provider(published=True)
    directory = ProviderDirectoryPage(page).open()
    directory.search(fabrikam.name)
    card = directory.provider(fabrikam.name)
    expect(card).to_contain_text(f"support@{fabrikam.domain}")
    expect(card).to_contain_text("Azure")
    directory.search("no-such-provider-anywhere")
    expect(page.get_by_text("No provider matches your search.")).to_be_visible()
    expect(card).to_have_count(0)


def test_provider_invites_a_reseller_who_authorizes(new_page, data, hooks):
    fabrikam, contoso = data.provider(), data.reseller()
    provider = new_page()
    sign_in(provider, fabrikam.admin)
    resellers = IndirectResellersPage(provider).open()
    resellers.invite(contoso.name, email=contoso.admin.email)
    url = hooks.email(contoso.admin.email, f"{fabrikam.name} {INVITE_SUBJECT}").link

    # The Helpdesk agent of the reseller follows the link: refused, naming the role needed.
    helpdesk = new_page()
    sign_in(helpdesk, contoso.user("helpdesk"))
    helpdesk.goto(url)
    authorize = AuthorizeProviderPage(helpdesk)
    expect(authorize.alert).to_contain_text(f"Only a Global admin of {contoso.name}")
    expect(authorize.authorize_button).to_have_count(0)

    # The reseller's Global admin, not signed in yet: sign in first, then back at the link.
    admin = new_page()
    admin.goto(url)
    expect(admin).to_have_url(re.compile(r"/signin\?next=/authorize/"))
    SignInPage(admin).sign_in(contoso.admin.email, contoso.admin.password, expect_path="/authorize/")
    expect(admin.get_by_text(f"{fabrikam.name} invites {contoso.name}")).to_be_visible()
    expect(admin.get_by_text("administrator access to your Azure AD tenant")).to_be_visible()
    AuthorizeProviderPage(admin).authorize()

    providers = IndirectProvidersPage(admin).open()
    row = providers.provider(fabrikam.name)
    expect(row).to_be_visible()
    expect(row.get_by_role("link", name="View customers")).to_have_attribute(
        "href", re.compile(r"/customers\?provider=\d+")
    )
    expect(row.get_by_role("link", name="Invite new customer")).to_have_attribute(
        "href", re.compile(r"/customers/invite\?provider=\d+")
    )

    # The provider's open page shows the reseller without a reload (periodic refresh), and after one too.
    expect(resellers.reseller(contoso.name)).to_be_visible(timeout=30_000)
    provider.reload()
    expect(resellers.reseller(contoso.name)).to_be_visible()

    # The same link again is refused.
    admin.goto(url)
    expect(AuthorizeProviderPage(admin).alert).to_have_text("This link has already been used.")
    expect(AuthorizeProviderPage(admin).authorize_button).to_have_count(0)


def test_provider_invites_by_mpn_id_and_reseller_ends(new_page, data, hooks):
    fabrikam, reseller, adatum = data.provider(), data.reseller("Tailwind Resellers"), data.customer()
    provider = new_page()
    sign_in(provider, fabrikam.admin)
    resellers = IndirectResellersPage(provider).open()
    resellers.invite(reseller.name, mpn_id=reseller.mpn_id)
    url = hooks.email(reseller.admin.email, INVITE_SUBJECT).link

    # A user of another organization gets the wrong-account message.
    other = new_page()
    sign_in(other, adatum.admin)
    other.goto(url)
    expect(AuthorizeProviderPage(other).alert).to_contain_text("This link was sent to another account.")

    # The reseller's Helpdesk agent is refused; its Global admin authorizes.
    helpdesk = new_page()
    sign_in(helpdesk, reseller.user("helpdesk"))
    helpdesk.goto(url)
    expect(AuthorizeProviderPage(helpdesk).alert).to_contain_text("Global admin")
    admin = new_page()
    sign_in(admin, reseller.admin)
    admin.goto(url)
    AuthorizeProviderPage(admin).authorize()
    resellers.open()
    expect(resellers.reseller(reseller.name)).to_be_visible()

    # The reseller ends the partnership (after confirming); both sides keep it in the history.
    providers = IndirectProvidersPage(admin).open()
    providers.end_partnership(fabrikam.name)
    expect(providers.row(fabrikam.name, providers.history)).to_contain_text("Ended")
    provider.reload()
    expect(resellers.row(reseller.name, resellers.history)).to_contain_text("Ended")
    expect(resellers.reseller(reseller.name)).to_have_count(0)


def test_a_revoked_invitation_link_is_refused(new_page, data, hooks):
    fabrikam, reseller = data.provider(), data.reseller("Tailwind Resellers", helpdesk=False)
    provider = new_page()
    sign_in(provider, fabrikam.admin)
    resellers = IndirectResellersPage(provider).open()
    resellers.invite(reseller.name, email=reseller.admin.email)
    resellers.revoke(reseller.name)
    expect(resellers.invitation(reseller.name)).to_contain_text("Revoked")

    admin = new_page()
    sign_in(admin, reseller.admin)
    admin.goto(hooks.email(reseller.admin.email, INVITE_SUBJECT).link)
    expect(AuthorizeProviderPage(admin).alert).to_contain_text("This link was revoked")
