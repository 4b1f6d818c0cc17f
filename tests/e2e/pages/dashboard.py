"""The dashboard (landing page after sign-in)."""

from __future__ import annotations

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
