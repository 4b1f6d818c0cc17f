"""Service health: the posts about the customers' services; platform staff post and resolve them."""

from __future__ import annotations

import reflex as rx

from rxapp.boundary import as_id, column_length, form_text
from rxapp.models import ServiceHealthEntry
from rxapp.services import health
from rxapp.state.base import Refused
from rxapp.state.ops import OpsState
from rxapp.state.rows import HealthRow

HEALTH_IDS = {"op_service": "health-family", "op_title": "health-title", "op_description": "health-description"}
# The form's limits: the model's columns (the service checks the same).
TITLE_MAX = column_length(ServiceHealthEntry, "title")
DESCRIPTION_MAX = column_length(ServiceHealthEntry, "description")


class HealthState(OpsState):
    entries: rx.Field[list[HealthRow]] = rx.field(default_factory=list)

    @rx.event
    async def load(self):
        rows = await self._call(lambda s, a: health.list_entries(s, a))
        if not isinstance(rows, Refused):
            self.entries = [
                HealthRow(
                    id=str(r.id),
                    family=r.family,
                    status=r.status,
                    title=r.title,
                    description=r.description,
                    posted_at=r.posted_at,
                    resolved=r.resolved,
                    customers=r.customers,
                )
                for r in rows
            ]
        self.loaded = True

    @rx.event
    async def post(self, form: dict):
        family, status = form_text(form, "family"), form_text(form, "status")
        title, description = form_text(form, "title"), form_text(form, "description")
        out = await self._call(
            lambda s, a: health.post_entry(s, a, family=family, status=status, title=title, description=description),
            success="health.posted",
            fields=HEALTH_IDS,
        )
        if isinstance(out, Refused):
            return out.focus
        return [HealthState.load, rx.set_value("health-title", ""), rx.set_value("health-description", "")]

    @rx.event
    async def resolve(self, entry_id: str):
        wanted = as_id(entry_id)
        out = await self._call(lambda s, a: health.resolve_entry(s, a, entry_id=wanted), success="health.resolved_ok")
        return None if isinstance(out, Refused) else HealthState.load
