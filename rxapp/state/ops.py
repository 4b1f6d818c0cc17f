"""The parent state of the operations pages (orders, subscriptions, licenses, support, service health, leads,
billing, the partner's profiles): the refusal, its field, the confirmation and the busy/loaded flags, shared by
these pages and reset by `fresh` when one opens (a message never outlives its page), and `_call`, their one way
to call a service. Each area's state is in its own module (`rxapp.state.orders`, `.support`...)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import reflex as rx

from rxapp.errors import DomainError, NotAuthenticated
from rxapp.services import billing
from rxapp.state.base import AppState


def dollars(cents: int) -> str:
    return f"${billing.money(cents)}"


def focus_on(control_id: str):
    """Move the focus to a control whose id is built per row (such a control has no React ref for
    `rx.set_focus`); the id is built from a record id, never from typed text."""
    return rx.call_script(f"document.getElementById({json.dumps(control_id)})?.focus()")


class OpsState(AppState):
    """The flags every operations page shows (refusal, the control it is about, confirmation, busy, loaded)
    and `_call`, the one way its handlers call a service."""

    error: rx.Field[str] = rx.field("")
    # the control `error` is about (its id), for the form to show it under that control
    error_field: rx.Field[str] = rx.field("")
    message: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)
    loaded: rx.Field[bool] = rx.field(False)

    async def _call(
        self, work: Callable, *, success_key: str | None = None, fields: dict[str, str] | None = None, **params: Any
    ) -> tuple[bool, Any]:
        """Run a service call: (True, its result), with `message` set from `success_key` when given; or
        (False, the event that moves the focus to the refused field, or None) with the refusal in `error`.
        `fields` (the service's field -> the control's id) are the form's controls: a refusal about one of them
        puts that control's id in `error_field` (the form shows the message under it); any other refusal stays
        at the top of the page (`error_field` "")."""
        self.error = self.error_field = ""
        try:
            result = await self._run(work)
        except NotAuthenticated:
            self.error = self._text("error.not_signed_in")
            return False, None
        except DomainError as error:
            self.message = ""
            return False, self._refuse(error, fields)
        if success_key:
            self.message = self._text(success_key, **params)
        return True, result

    @rx.event
    def fresh(self):
        """First on every page of this area (`rxapp.fresh_page_events`): the flags are shared by its pages,
        so a message or loaded flag of the page before never shows on the next one."""
        self.error = self.message = self.error_field = ""
        self.busy = self.loaded = False
