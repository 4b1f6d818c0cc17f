"""The dashboard: where a signed-in user lands, with the to-do list of the user's organization."""

from __future__ import annotations

import reflex as rx

from rxapp.services import dashboard
from rxapp.state.base import AppState, Refused
from rxapp.state.rows import TodoRow


class HomeState(AppState):
    @rx.event
    def route(self):
        """`/` sends a signed-in user to the dashboard and anyone else to sign-in."""
        return rx.redirect("/dashboard" if self.signed_in else "/signin", replace=True)


class DashboardState(AppState):
    """The to-do items: key, count, where it is handled and the oldest's age in days ("" when not known).
    Counts only, never other organizations' records; the texts are the page's (catalog keys by item key)."""

    todo: rx.Field[list[TodoRow]] = rx.field(default_factory=list)
    todo_loaded: rx.Field[bool] = rx.field(False)

    @rx.event
    async def load(self):
        """on_load: every count in one runner call."""
        self.todo_loaded = False
        items = await self._call(dashboard.todo, error=None)
        if isinstance(items, Refused):
            items = []
        self.todo = [
            {
                "key": item.key,
                "count": str(item.count),
                "href": item.href,
                "days": "" if item.age_days is None else str(item.age_days),
            }
            for item in items
        ]
        self.todo_loaded = True
