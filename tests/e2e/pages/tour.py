"""Any page of the portal by its address, for the tours that visit every page (accessibility, screenshots)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.pages.base import BasePage
from tests.e2e.pages.shell import AppShell


class AnyPage(BasePage):
    """A page opened by address, ready once its main content has a heading and nothing is loading."""

    def visit(self, path: str) -> AnyPage:
        self.page.goto(path)
        return self.settled(path)

    def follow(self, path: str) -> AnyPage:
        """Open a page of the menu as a user does, by its navigation link (no reload): done when the server has
        opened it (its link is the current page), it has a heading and nothing is loading."""
        link = AppShell(self.page).navigation.locator(f'a[href="{path}"]')
        link.click()
        expect(link).to_have_attribute("aria-current", "page")
        return self.settled(path)

    def settled(self, path: str | None = None) -> AnyPage:
        if path is not None:
            expect(self.page).to_have_url(re.compile(re.escape(path.split("?")[0].rstrip("/")) + r"/?(\?.*)?$"))
        expect(self.page.get_by_role("main").get_by_role("heading").first).to_be_visible()
        expect(self.page.locator(".rt-Spinner")).to_have_count(0)  # lists loaded (spinners have no role)
        return self

    def menu_paths(self) -> list[str]:
        """The addresses of the navigation links this user is offered."""
        links = AppShell(self.page).navigation.get_by_role("link")
        expect(links.first).to_be_visible()
        return [href for href in (link.get_attribute("href") for link in links.all()) if href]
