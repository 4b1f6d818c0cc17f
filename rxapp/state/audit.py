"""The audit log page: filters (date range, action, user, outcome), paging and CSV export."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta

import reflex as rx

from rxapp.i18n import catalog
from rxapp.models import AuditOutcome
from rxapp.services import audit
from rxapp.services.audit import AuditFilter
from rxapp.state import list_reads
from rxapp.state.base import AppState, Refused
from rxapp.state.paging import PAGE_SIZE, PagedList
from rxapp.state.rows import AuditRow

OUTCOMES = ["all", *(o.value for o in AuditOutcome)]
# The action filter's choices: every action with words in the catalog, in English word order; "refused" for any
# refusal. The page words them (T), the state keeps the code.
ACTION_CODES = sorted(
    (key.removeprefix("audit.action.") for key in catalog("en") if key.startswith("audit.action.")),
    key=lambda code: catalog("en")[f"audit.action.{code}"].lower(),
)


class BadDate(ValueError):
    pass


def _day(text: str) -> datetime | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return datetime.combine(date.fromisoformat(text[:10]), datetime.min.time(), tzinfo=UTC)
    except ValueError as exc:
        raise BadDate(text) from exc


class AuditState(PagedList, AppState):
    rows: rx.Field[list[AuditRow]] = rx.field(default_factory=list)
    since: rx.Field[str] = rx.field("")
    until: rx.Field[str] = rx.field("")
    action_filter: rx.Field[str] = rx.field("")
    actor_filter: rx.Field[str] = rx.field("")
    outcome_filter: rx.Field[str] = rx.field("all")
    loaded: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    all_orgs: rx.Field[bool] = rx.field(False)

    def _filters(self) -> AuditFilter:
        """The filters as the service takes them; the "to" day is included (exclusive end = next day)."""
        until = _day(self.until)
        code = self.action_filter
        return AuditFilter(
            since=_day(self.since),
            until=until + timedelta(days=1) if until else None,
            action=code if code in ACTION_CODES else None,
            action_contains="refused." if code == "refused" else "",
            actor_contains=self.actor_filter,
            outcome="" if self.outcome_filter == "all" else self.outcome_filter,
        )

    @rx.event
    async def load(self):
        await self._load()

    async def _load(self) -> None:
        try:
            filters = self._filters()
        except BadDate:
            self.error, self.loaded = self._text("audit.bad_date"), True
            return
        offset = self.page * PAGE_SIZE
        out = await self._call(
            functools.partial(list_reads.audit_page, filters=filters, limit=PAGE_SIZE, offset=offset)
        )
        if isinstance(out, Refused):
            self.rows, self.total, self.loaded = [], 0, True
            return
        self.rows, self.total, self.all_orgs = out
        self.error, self.loaded = "", True

    @rx.event
    async def apply(self, form: dict):
        self.since, self.until = str(form.get("since", ""))[:10], str(form.get("until", ""))[:10]
        action = str(form.get("action", ""))[:64]
        self.action_filter = action if action in ACTION_CODES or action == "refused" else ""
        self.actor_filter = str(form.get("actor", ""))[:254]
        self.page = 0
        await self._load()

    @rx.event
    async def set_outcome_filter(self, value: str):
        self.outcome_filter = value if value in OUTCOMES else "all"
        self.page = 0
        await self._load()

    @rx.event
    async def clear(self):
        self.since = self.until = self.action_filter = self.actor_filter = ""
        self.outcome_filter, self.page = "all", 0
        await self._load()

    @rx.event
    async def export(self):
        """Download the filtered log as CSV (cells that a spreadsheet would run as formulas are neutralized)."""
        try:
            filters = self._filters()
        except BadDate:
            self.error = self._text("audit.bad_date")
            return None
        lang = self.lang
        # clear=False: a download leaves the page's message as it was; only a refusal replaces it
        text = await self._call(lambda s, a: audit.export_events_csv(s, a, filters=filters, lang=lang), clear=False)
        if isinstance(text, Refused):
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        return rx.download(data=text, filename=f"audit-log-{stamp}.csv", mime_type="text/csv")
