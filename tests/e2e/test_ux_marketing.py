"""Issue 13, point 2: the marketing profile a partner saves shows in Find a provider (anyone, no sign-in) and
on its customers' Partners page, in English and Korean pages alike (the text is the partner's own)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import (
    AppShell,
    CustomerPartnersPage,
    MarketingProfilePage,
    ProviderDirectoryPage,
    sign_in,
)

pytestmark = pytest.mark.e2e


def test_marketing_profiles_are_shown_to_customers_and_the_directory(page: Page, new_page, data):
    fabrikam, contoso, adatum = data.provider(published=True), data.reseller(), data.customer()
    data.connect(contoso, adatum)
    data.connect(fabrikam, adatum)
    tag = data.tag()
    sign_in(page, fabrikam.admin)
    MarketingProfilePage(page).open().save(
        description=f"Distribution across Korea {tag}", industries="Retail, Finance", regions="Korea, Japan"
    )
    AppShell(page).sign_out()
    sign_in(page, contoso.admin)
    MarketingProfilePage(page).open().save(description=f"Small business cloud moves {tag}", products="Microsoft 365")
    AppShell(page).sign_out()

    visitor = new_page()
    directory = ProviderDirectoryPage(visitor).open()
    directory.search(fabrikam.name)
    about = directory.about(fabrikam.name)
    expect(about).to_contain_text(f"Distribution across Korea {tag}")
    expect(about).to_contain_text("Industries: Retail, Finance")
    expect(about).to_contain_text("Regions served: Korea, Japan")
    expect(about).not_to_contain_text("Products and services")  # not given, not shown

    sign_in(page, adatum.admin)
    partners = CustomerPartnersPage(page).open()
    expect(partners.about(contoso.name)).to_contain_text(f"Small business cloud moves {tag}")
    expect(partners.about(contoso.name)).to_contain_text("Products and services: Microsoft 365")
    expect(partners.about(fabrikam.name)).to_contain_text(f"Distribution across Korea {tag}")
    AppShell(page).choose_language("한국어")
    expect(partners.about(contoso.name)).to_contain_text("제품 및 서비스: Microsoft 365")
    expect(partners.about(fabrikam.name)).to_contain_text("서비스 지역: Korea, Japan")
