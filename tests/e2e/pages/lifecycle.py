"""Partnership lifecycle pages: the relationship expiry dashboard, a partner's incentives and the platform's
incentive programs."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from tests.e2e.pages.base import BasePage


class RelationshipsPage(BasePage):
    path = "/relationships"
    heading = "Relationship expiry"

    def open(self) -> RelationshipsPage:
        super().open()
        expect(
            self.page.get_by_role("table").or_(self.page.get_by_text("Nothing time-limited between your organization"))
        ).to_be_visible()
        return self

    def item(self, other_party: str, kind: str = "Delegated admin privileges") -> Locator:
        """The row of one time-limited thing with that party, of that kind."""
        return (
            self.page.get_by_role("row")
            .filter(has=self.page.get_by_role("rowheader", name=other_party, exact=True))
            .filter(has_text=kind)
        )

    def cells(self, row: Locator) -> Locator:
        return row.get_by_role("cell")

    def filter_kind(self, kind: str) -> None:
        self.page.get_by_role("combobox", name="Kind").click()
        self.page.get_by_role("option", name=kind).click()

    def expiring_within(self, days: int | str) -> None:
        self.type_into(self.page.get_by_label("Expiring within (days)"), str(days))
        self.page.get_by_role("button", name="Apply").click()

    def request_extension(self, other_party: str, days: int | str) -> None:
        self.item(other_party).get_by_role("button", name="Request an extension").click()
        dialog = self.page.get_by_role("dialog")
        self.type_into(dialog.get_by_label("Duration (days)"), str(days))
        dialog.get_by_role("button", name="Send request").click()

    def export_csv(self) -> str:
        with self.page.expect_download() as download:
            self.page.get_by_role("button", name="Export CSV").click()
        path = download.value.path()
        return path.read_text(encoding="utf-8") if path else ""


class IncentivesPage(BasePage):
    path = "/incentives"
    heading = "Incentives"

    def open(self) -> IncentivesPage:
        super().open()
        expect(self.page.get_by_role("table").or_(self.page.get_by_text("No billed months yet"))).to_be_visible()
        return self

    @property
    def mpn_id(self) -> Locator:
        return self.page.get_by_test_id("incentives-mpn")

    def rows_of(self, program: str) -> Locator:
        return self.page.get_by_role("row").filter(has=self.page.get_by_role("rowheader", name=program, exact=True))

    def export_csv(self) -> str:
        with self.page.expect_download() as download:
            self.page.get_by_role("button", name="Export CSV").click()
        path = download.value.path()
        return path.read_text(encoding="utf-8") if path else ""


class IncentiveProgramsPage(BasePage):
    path = "/platform/incentives"
    heading = "Incentive programs"

    def create(
        self,
        *,
        name: str,
        families: list[str],
        rate: str,
        starts_on: str,
        ends_on: str,
        kinds: list[str],
        countries: str = "",
    ) -> None:
        self.page.get_by_label("Program name").fill(name)
        for family in families:
            self.page.get_by_label(family, exact=True).check()
        self.page.get_by_label("Rate (% of monthly billed amount)").fill(rate)
        self.page.get_by_label("Start date").fill(starts_on)
        self.page.get_by_label("End date").fill(ends_on)
        for kind in kinds:
            self.page.get_by_label(kind, exact=True).check()
        self.page.get_by_label("Eligible countries/regions").fill(countries)
        self.page.get_by_role("button", name="Create program").click()

    def program(self, name: str) -> Locator:
        return self.page.get_by_role("row").filter(has=self.page.get_by_role("rowheader", name=name, exact=True))

    def delete(self, name: str) -> None:
        self.program(name).get_by_role("button", name="Delete").click()
        self.page.get_by_role("alertdialog").get_by_role("button", name="Delete").click()
