"""`/relationships`: the relationship expiry dashboard (thin: `services.relationship_dashboard` does the work)."""

from __future__ import annotations

import reflex as rx

from rxapp.services import relationship_dashboard as dashboard
from rxapp.state.base import AppState, Refused
from rxapp.state.rows import RelationshipRow

SORTS = ("end", "end_desc")


def _flag(value: bool) -> str:
    return "1" if value else ""


class RelationshipsState(AppState):
    rows: rx.Field[list[RelationshipRow]] = rx.field(default_factory=list)
    loaded: rx.Field[bool] = rx.field(False)
    kind: rx.Field[str] = rx.field("all")
    within: rx.Field[str] = rx.field("")
    sort: rx.Field[str] = rx.field("end")
    error: rx.Field[str] = rx.field("")
    message: rx.Field[str] = rx.field("")
    within_error: rx.Field[str] = rx.field("")
    extend_key: rx.Field[str] = rx.field("")
    extend_party: rx.Field[str] = rx.field("")
    days_error: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)

    def _filters(self) -> dict:
        return {
            "kind": self.kind if self.kind in dashboard.KINDS else "",
            "within_days": self.within or None,
            "descending": self.sort == "end_desc",
        }

    async def _fetch(self) -> None:
        filters = self._filters()
        # `error` is not cleared here: an action's refusal stays shown over the reloaded list.
        items = await self._call(lambda s, a: dashboard.list_items(s, a, **filters), clear=False)
        if isinstance(items, Refused):
            self.rows = []
        else:
            self.rows = [
                {
                    "key": i.key,
                    "kind": i.kind,
                    "detail": i.detail,
                    "other": i.other_party,
                    "start": f"{i.started_at:%Y-%m-%d}",
                    "end": f"{i.ends_at:%Y-%m-%d}",
                    "days_left": str(i.days_left),
                    "status": i.status,
                    "can_extend": _flag(i.can_extend),
                    "can_resend": _flag(i.can_resend),
                    "can_revoke": _flag(i.can_revoke),
                }
                for i in items
            ]
        self.loaded = True

    @rx.event
    async def load(self):
        self.error = self.message = self.within_error = ""
        self.extend_key = ""
        await self._fetch()

    @rx.event
    async def set_kind(self, kind: str):
        self.kind = kind if kind in dashboard.KINDS else "all"
        await self._fetch()

    @rx.event
    async def set_sort(self, sort: str):
        self.sort = sort if sort in SORTS else "end"
        await self._fetch()

    @rx.event
    async def apply_within(self, form: dict):
        """ "Expiring within N days" (empty: everything)."""
        value = str(form.get("within", "")).strip()[:5]
        if value and (not value.isdigit() or int(value) > 3650):
            self.within_error = self._text("relationships.within_invalid")
            return
        self.within, self.within_error = value, ""
        await self._fetch()

    @rx.event
    def open_extend(self, key: str, party: str):
        self.extend_key, self.extend_party, self.days_error = str(key)[:60], str(party)[:200], ""

    @rx.event
    def close_extend(self):
        self.extend_key, self.days_error = "", ""

    @rx.event
    async def extend(self, form: dict):
        key, days = self.extend_key, str(form.get("days", ""))[:10]
        self.error = self.message = self.days_error = ""
        requested = await self._call(
            lambda s, a: dashboard.extend(s, a, key=key, days=days),
            field_errors={"days": "days_error"},
            success="relationships.extension_requested",
        )
        if isinstance(requested, Refused):
            if getattr(requested.error, "field", None) != "days":  # shown on the page: the dialog closes
                self.extend_key = ""
            return
        self.extend_key = ""
        await self._fetch()

    @rx.event
    async def resend(self, key: str):
        self.error = self.message = ""
        await self._call(lambda s, a: dashboard.resend(s, a, key=str(key)[:60]), success="relationships.resent")
        await self._fetch()

    @rx.event
    async def revoke(self, key: str):
        self.error = self.message = ""
        await self._call(lambda s, a: dashboard.revoke(s, a, key=str(key)[:60]), success="relationships.revoked")
        await self._fetch()

    @rx.event
    async def export(self):
        filters = self._filters()
        header = tuple(
            self._text(f"relationships.col.{c}") for c in ("party", "kind", "start", "end", "days_left", "status")
        )
        labels = {k: self._text(f"relationships.kind.{k}") for k in dashboard.KINDS}
        labels |= {s: self._text(f"relationships.status.{s}") for s in ("active", "expired", "pending")}
        labels["platform"] = self._text("relationships.platform")
        # clear=False: neither `error` nor `message` is cleared first (as before); only a refusal replaces it.
        text = await self._call(
            lambda s, a: dashboard.export_csv(s, a, header=header, labels=labels, **filters), clear=False
        )
        if isinstance(text, Refused):
            return None
        return rx.download(data=text, filename="relationships.csv")
