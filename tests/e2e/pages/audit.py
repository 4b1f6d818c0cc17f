"""The audit (activity) log."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from playwright.sync_api import Locator, expect

from tests.e2e.pages.base import BasePage


class AuditLogPage(BasePage):
    path = "/audit"
    heading = "Audit log"

    def open(self) -> AuditLogPage:
        super().open()
        # Loaded (with the last filters) before the filters are typed in.
        expect(self.page.get_by_text(re.compile(r"^\d+ entries$|^No activity matches"))).to_be_visible()
        return self

    def filter(self, *, action: str = "", actor: str = "") -> Locator:
        """Apply the filters (`action`: an action's code, "refused" for any refusal, "" for all; the list shows
        their words); returns the table rows."""
        self.page.get_by_label("Action").select_option(value=action)
        self.page.get_by_label("User", exact=True).fill(actor)
        self.page.get_by_role("button", name="Apply filters").click()
        return self.page.get_by_role("row")

    def choose_action(self, words: str) -> Locator:
        """Filter by an action as the list words it (in the page's language); returns the table rows."""
        self.page.get_by_role("combobox").filter(has=self.page.get_by_role("option", name=words)).select_option(
            label=words
        )
        self.page.get_by_role("button", name=re.compile("^(Apply filters|필터 적용)$")).click()
        return self.page.get_by_role("row")

    def export_csv(self) -> list[list[str]]:
        with self.page.expect_download() as download_info:
            self.page.get_by_role("button", name="Export CSV").click()
        text = Path(download_info.value.path()).read_text(encoding="utf-8")
        return list(csv.reader(io.StringIO(text)))
