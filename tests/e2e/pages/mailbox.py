"""The local mailbox page (/mailbox): what a person without a mail server reads. Tests read emails through
the `hooks` fixture instead; this page object is for the tests of the mailbox page itself."""

from __future__ import annotations

import re

from playwright.sync_api import Locator

from tests.e2e.pages.base import BasePage


class MailboxPage(BasePage):
    path = "/mailbox"

    def search(self, recipient: str) -> None:
        self.page.get_by_placeholder("Filter by recipient").fill(recipient)
        self.page.get_by_role("button", name="Search").click()

    def message(self, subject: str | re.Pattern, *, exact: bool = False) -> Locator:
        return self.page.get_by_role("article", name=subject, exact=exact)
