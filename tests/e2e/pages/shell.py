"""The shell around every signed-in page: header (organization, user, language, sign out) and navigation."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect


class AppShell:
    def __init__(self, page: Page) -> None:
        self.page = page

    @property
    def navigation(self) -> Locator:
        return self.page.get_by_role("navigation", name="Dashboard menu")

    def nav_link(self, name: str) -> Locator:
        return self.navigation.get_by_role("link", name=name)

    def go(self, name: str) -> None:
        """Follow a navigation link."""
        self.nav_link(name).click()

    @property
    def organization(self) -> Locator:
        return self.page.get_by_test_id("org-name")

    @property
    def user_name(self) -> Locator:
        return self.page.get_by_test_id("user-name")

    @property
    def suspension_banner(self) -> Locator:
        """The banner every page shows while the user's organization is suspended (with the reason)."""
        return self.page.get_by_role("alert").filter(has_text="Your organization is suspended by Partner Center")

    def choose_language(self, language: str) -> None:
        """ "English" or "한국어" in the header's language picker."""
        self.page.get_by_role("combobox", name="Language / 언어").click()
        self.page.get_by_role("option", name=language).click()

    def sign_out(self) -> None:
        self.page.get_by_role("button", name=re.compile("^(Sign out|로그아웃)$")).click()
        expect(self.page).to_have_url(re.compile("/signin"))
