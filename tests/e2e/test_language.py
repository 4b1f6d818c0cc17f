"""Language as a Korean-speaking partner meets it: the last explicit choice wins (also across browsers),
country names in the UI language and sorted for it, counts and particles that read right."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import SignInPage, sign_in
from tests.e2e.pages.operations import ProviderLeadsPage
from tests.e2e.pages.partners import IndirectProvidersPage
from tests.e2e.pages.shell import AppShell

pytestmark = pytest.mark.e2e


def _heading(page, text: str):
    return page.get_by_role("main").get_by_role("heading", name=text, exact=True)


def test_the_language_picked_on_the_sign_in_page_wins_and_follows_the_account(new_page, data):
    reseller = data.reseller()
    first = new_page()
    signin = SignInPage(first).open()
    AppShell(first).choose_language("한국어")
    expect(first.locator("html")).to_have_attribute("lang", "ko")
    signin.submit(reseller.admin.email, reseller.admin.password)
    expect(_heading(first, "대시보드")).to_be_visible()  # not overridden by the account's English
    expect(first.locator("html")).to_have_attribute("lang", "ko")

    other = new_page()  # another browser, never told a language: the account's (saved at sign-in) applies
    SignInPage(other).open().submit(reseller.admin.email, reseller.admin.password)
    expect(_heading(other, "대시보드")).to_be_visible()
    AppShell(other).choose_language("English")  # the newest choice, saved to the account
    expect(_heading(other, "Dashboard")).to_be_visible()

    third = new_page()
    sign_in(third, reseller.admin)
    expect(_heading(third, "Dashboard")).to_be_visible()


def test_country_names_follow_the_ui_language_and_its_order(page, data):
    provider = data.provider()
    data.connect(provider, data.reseller())  # the referral form lists the provider's resellers
    sign_in(page, provider.admin)
    leads = ProviderLeadsPage(page).open()
    country = leads.country_field()
    expect(country).to_have_value("KR")
    expect(country.locator("option:checked")).to_have_text("South Korea")
    english = country.locator("option").all_inner_texts()
    assert english.index("Austria") < english.index("Belgium") < english.index("United States")

    AppShell(page).choose_language("한국어")
    country = leads.country_field("국가/지역")
    expect(country.locator("option:checked")).to_have_text("대한민국")
    korean = country.locator("option").all_inner_texts()
    assert korean == sorted(korean)  # 가나다 order (not by code, not English)
    assert "미국" in korean
    assert "United States" not in korean


def test_counts_read_right_in_english_and_korean(page, data):
    reseller = data.reseller()
    data.connect(reseller, data.customer())
    sign_in(page, reseller.admin)
    AppShell(page).go("Customers")
    expect(page.get_by_text("1 customer", exact=True)).to_be_visible()  # not "1 customers"
    AppShell(page).choose_language("한국어")
    expect(page.get_by_text("고객 1명", exact=True)).to_be_visible()
    AppShell(page).choose_language("English")


def test_korean_particles_fit_the_name(page, data):
    provider = data.provider("Contoso Distribution")  # name ends in the run id: a digit or a letter
    reseller = data.reseller()
    data.connect(provider, reseller)
    sign_in(page, reseller.admin)
    AppShell(page).choose_language("한국어")
    page.goto("/providers")
    dialog = IndirectProvidersPage(page).ask_to_end(provider.name, "파트너 관계 종료")
    expect(dialog).to_contain_text(provider.name)
    expect(dialog).not_to_contain_text("와(과)")
    expect(dialog).to_contain_text(re.compile(re.escape(provider.name) + "(와|과)의 파트너 관계"))
    page.keyboard.press("Escape")
    AppShell(page).choose_language("English")


def test_the_korean_font_is_served_here_and_fetched_only_for_korean_text(new_page):
    browser = new_page()
    slices: list = []
    browser.on(
        "requestfinished",
        lambda request: (
            slices.append(request) if "/fonts/noto-sans-kr/" in request.url and request.url.endswith(".woff2") else None
        ),
    )
    SignInPage(browser).open()
    browser.evaluate("document.fonts.ready.then(() => true)")
    english = list(slices)
    english_bytes = sum(request.sizes()["responseBodySize"] for request in english)
    assert english_bytes < 150_000  # an English page: at most the slices of "한국어" in the language picker

    AppShell(browser).choose_language("한국어")
    expect(browser.get_by_role("heading", name="파트너 센터에 로그인")).to_be_visible()
    loaded = browser.evaluate("""async () => { await document.fonts.ready;
        return [...document.fonts].filter(f => f.family.includes('Noto Sans KR Variable') && f.status === 'loaded')
            .length; }""")
    assert loaded > len(english)  # more slices for the Korean page's characters, all from this server
    assert all(request.url.startswith(browser.url.split("/signin")[0]) for request in slices)
