"""Issue 13, point 8: a country shows as its name in the UI language (CLDR), never as its code: the platform
registry's profiles and the partner's customer list and details."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import (
    AppShell,
    CustomersPage,
    IndirectResellersPage,
    ProviderDirectoryPage,
    RegistryPage,
    sign_in,
)

pytestmark = pytest.mark.e2e


def test_the_registry_names_the_country_in_the_ui_language(page: Page, data):
    staff = data.platform()
    mpn_id = data.registry((data.name("Korean Co"), "KR")).profiles[0]["mpn_id"]
    sign_in(page, staff.admin)
    registry = RegistryPage(page).open()
    country = registry.profile_row(mpn_id).get_by_role("cell").nth(1)
    expect(country).to_have_text("South Korea")

    AppShell(page).choose_language("한국어")  # the same row, its region now named in Korean
    profiles = page.get_by_role("region", name="조직 프로필")
    expect(profiles.get_by_role("row", name=re.compile(mpn_id)).get_by_role("cell").nth(1)).to_have_text("대한민국")


def test_the_customer_list_and_details_name_the_country(page: Page, data):
    contoso, adatum = data.reseller(), data.customer()
    data.connect(contoso, adatum)
    sign_in(page, contoso.admin)
    customers = CustomersPage(page).open()
    customers.search(adatum.name)
    expect(customers.row(adatum.name)).to_contain_text("South Korea")
    details = customers.details(adatum.name)
    expect(details.text("Country/region: South Korea")).to_be_visible()


def test_partner_lists_and_the_directory_name_the_country(page: Page, data):
    fabrikam, contoso = data.provider(published=True), data.reseller()
    data.connect(fabrikam, contoso)
    sign_in(page, fabrikam.admin)
    resellers = IndirectResellersPage(page).open()
    expect(resellers.row(contoso.name, within=resellers.resellers)).to_contain_text("South Korea")

    directory = ProviderDirectoryPage(page).open()
    directory.search(fabrikam.name)
    expect(directory.provider(fabrikam.name)).to_contain_text("South Korea")
    AppShell(page).choose_language("한국어")
    expect(directory.provider(fabrikam.name)).to_contain_text("대한민국")
