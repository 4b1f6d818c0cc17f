"""Platform staff's Partner organizations page: search, suspend with a reason (a dialog), reinstate (a
confirmation). Thin: the rules live in `services.suspension`."""

from __future__ import annotations

import reflex as rx

from rxapp.services import suspension
from rxapp.state.base import AppState, Refused
from rxapp.state.rows import PartnerOrgRow


def _rows(rows: list[suspension.PartnerOrg]) -> list[PartnerOrgRow]:
    return [
        {
            "id": str(row.id),
            "name": row.name,
            "kind": row.kind,
            "mpn_id": row.mpn_id,
            "status": "suspended" if row.suspended else "active",
            "reason": row.reason,
            "suspended_on": row.suspended_on,
        }
        for row in rows
    ]


class PartnerOrgsState(AppState):
    rows: rx.Field[list[PartnerOrgRow]] = rx.field(default_factory=list)
    query: rx.Field[str] = rx.field("")
    loaded: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    done: rx.Field[str] = rx.field("")
    # the suspend dialog
    target_id: rx.Field[str] = rx.field("")
    target_name: rx.Field[str] = rx.field("")
    dialog_error: rx.Field[str] = rx.field("")
    reason_error: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)

    @rx.event
    async def load(self):
        query = self.query
        # `error` is not cleared here: a refused reinstatement reloads the list and keeps its message.
        rows = await self._call(lambda s, a: suspension.list_partner_orgs(s, a, search=query), clear=False)
        if not isinstance(rows, Refused):
            self.rows = _rows(rows)
        self.loaded = True

    @rx.event
    def search(self, form: dict):
        self.query = str(form.get("query", ""))[:200]
        return PartnerOrgsState.load

    @rx.event
    def open_suspend(self, org_id: str, name: str):
        self.target_id, self.target_name = str(org_id), str(name)[:200]
        self.dialog_error = self.reason_error = self.done = self.error = ""

    @rx.event
    def close_suspend(self):
        self.target_id = self.target_name = self.dialog_error = self.reason_error = ""

    @rx.event
    async def suspend(self, form: dict):
        org_id, reason = self.target_id, str(form.get("suspension_reason", ""))[:2000]
        self.dialog_error = self.reason_error = ""
        self.busy = True
        yield  # the dialog's button shows progress
        try:
            row = await self._call(
                lambda s, a: suspension.suspend(s, a, org_id=org_id, reason=reason),
                error="dialog_error",
                field_errors={"suspension_reason": "reason_error"},  # the service's one refused field
            )
        finally:
            self.busy = False
        if isinstance(row, Refused):
            return
        self.done = self._text("suspension.suspended_done", name=row.name)
        self.target_id = self.target_name = ""
        yield PartnerOrgsState.load

    @rx.event
    async def reinstate(self, org_id: str):
        self.error = self.done = ""
        row = await self._call(lambda s, a: suspension.reinstate(s, a, org_id=org_id))
        if not isinstance(row, Refused):
            self.done = self._text("suspension.reinstated_done", name=row.name)
        return PartnerOrgsState.load
