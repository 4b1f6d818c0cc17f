"""The dashboard (landing page after sign-in): the enrollment panel and the to-do list."""

from __future__ import annotations

import re

from playwright.sync_api import Locator

from tests.e2e.pages.base import BasePage


class DashboardPage(BasePage):
    path = "/dashboard"
    heading = "Dashboard"

    @property
    def enrollment_status(self) -> Locator:
        return self.page.get_by_test_id("dashboard-enrollment-status")

    @property
    def admin_agent_check(self) -> Locator:
        """The step 9 check after an approved enrollment."""
        return self.page.get_by_role("region", name="Verify that you're in the admin agent group")

    @property
    def todo_list(self) -> Locator:
        """The to-do list ("To do", "할 일" in Korean): one link per item, to where it is handled."""
        return self.page.get_by_role("list", name=re.compile("^(To do|할 일)$"))

    def todo(self, text: str) -> Locator:
        """The to-do item whose text starts with `text` (its link)."""
        return self.todo_list.get_by_role("link", name=re.compile("^" + re.escape(text)))

    @property
    def nothing_to_do(self) -> Locator:
        return self.page.get_by_text(re.compile("^(Nothing is waiting for you.|지금 처리할 일이 없습니다.)$"))
