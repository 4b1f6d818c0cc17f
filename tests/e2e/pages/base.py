"""What every page object shares: the Playwright page, opening by path, the page's status and alert."""

from __future__ import annotations

import re
from typing import Self

from playwright.sync_api import Locator, Page, expect

from tests.e2e.a11y import check_page


class BasePage:
    """One page of the portal, as its user sees it. Subclasses set `path` and `heading` and add the
    page's actions; tests never reach past a page object into raw locators they could name here."""

    path: str = "/"
    heading: str | re.Pattern | None = None

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> Self:
        """Go to the page's address and wait until it shows."""
        self.page.goto(self.path)
        return self.shown()

    def shown(self) -> Self:
        """Wait until this page is the one on screen, then run the automatic accessibility check on it
        (tests/e2e/a11y.py: axe, failing on any violation)."""
        if self.heading is not None:
            expect(
                self.page.get_by_role("heading", name=self.heading, exact=isinstance(self.heading, str))
            ).to_be_visible()
        check_page(self.page)
        return self

    @property
    def status(self) -> Locator:
        """The page's confirmation message(s) (role status)."""
        return self.page.get_by_role("status")

    @property
    def alert(self) -> Locator:
        """The page's error message(s) (role alert)."""
        return self.page.get_by_role("alert")

    def status_with(self, text: str) -> Locator:
        return self.status.filter(has_text=text)

    def expect_path(self, pattern: str) -> None:
        expect(self.page).to_have_url(re.compile(pattern))

    @staticmethod
    def type_into(field: Locator, value: str) -> None:
        """Fill a field and make sure it holds the value (a page still loading can put its own back)."""
        field.fill(value)
        expect(field).to_have_value(value)

    @staticmethod
    def expect_field_error(field: Locator, text: str | re.Pattern) -> None:
        """A refused form as its user meets it: the field is marked invalid, described by the message shown
        under it, and holds the focus."""
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(text)
        expect(field).to_be_focused()

    def row(self, text: str, within: Locator | None = None) -> Locator:
        """The table row that contains `text` (first if several)."""
        return (within or self.page).get_by_role("row").filter(has_text=text)
