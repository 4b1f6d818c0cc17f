"""The parent state of the operations pages (orders, subscriptions, licenses, support, service health, leads,
billing, the partner's profiles): the refusal, its field, the confirmation and the busy/loaded flags, shared by
these pages and reset by `fresh` when one opens (a message never outlives its page). Their handlers call the
services through `AppState._call` (it clears `error` and `error_field` first, and `message` on a refusal). Each
area's state is in its own module (`rxapp.state.orders`, `.support`...)."""

from __future__ import annotations

import json

import reflex as rx

from rxapp.services import billing
from rxapp.state.base import AppState


def dollars(cents: int) -> str:
    return f"${billing.money(cents)}"


def focus_on(control_id: str):
    """Move the focus to a control whose id is built per row (such a control has no React ref for
    `rx.set_focus`); the id is built from a record id, never from typed text."""
    return rx.call_script(f"document.getElementById({json.dumps(control_id)})?.focus()")


class OpsState(AppState):
    """The flags every operations page shows (refusal, the control it is about, confirmation, busy, loaded)."""

    error: rx.Field[str] = rx.field("")
    # the control `error` is about (its id), for the form to show it under that control
    error_field: rx.Field[str] = rx.field("")
    message: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)
    loaded: rx.Field[bool] = rx.field(False)

    @rx.event
    def fresh(self):
        """First on every page of this area (`rxapp.fresh_page_events`): the flags are shared by its pages,
        so a message or loaded flag of the page before never shows on the next one."""
        self.error = self.message = self.error_field = ""
        self.busy = self.loaded = False
