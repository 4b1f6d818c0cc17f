"""Subscriptions of the customers served: quantity, suspend, reactivate (a refused quantity shows in its
row)."""

from __future__ import annotations

import reflex as rx

from rxapp.boundary import as_id, as_int, field_text
from rxapp.services import subscriptions
from rxapp.state.base import Refused
from rxapp.state.ops import OpsState, focus_on
from rxapp.state.rows import SubscriptionRow


def quantity_control(subscription_id: int | str) -> str:
    """The id of a subscription row's quantity input (the page builds the same one from the row's id)."""
    return f"subs-quantity-{subscription_id}"


class SubscriptionsState(OpsState):
    rows: rx.Field[list[SubscriptionRow]] = rx.field(default_factory=list)
    confirm_id: rx.Field[str] = rx.field("")
    confirm_label: rx.Field[str] = rx.field("")

    @rx.event
    async def load(self):
        rows = await self._call(lambda s, a: subscriptions.list_subscriptions(s, a))
        if not isinstance(rows, Refused):
            self.rows = [
                {
                    "id": str(r.id),
                    "customer": r.customer,
                    "product": r.product,
                    "quantity": str(r.quantity),
                    "assigned": str(r.assigned),
                    "status": r.status,
                    "family": r.family,
                    "office_365": r.office_365,
                    "active": r.status == "active",
                }
                for r in rows
            ]
        self.loaded = True

    @rx.event
    async def set_quantity(self, form: dict):
        subscription_id, quantity = as_id(form.get("id")), as_int(form.get("quantity"))
        control = quantity_control(subscription_id)
        out = await self._call(
            lambda s, a: subscriptions.change_quantity(s, a, subscription_id=subscription_id, quantity=quantity),
            success="subs.quantity_changed",
            fields={"op_quantity": control},
            quantity=quantity,
        )
        if isinstance(out, Refused):
            return focus_on(control) if self.error_field else None  # the row's typed quantity is kept
        return SubscriptionsState.load

    @rx.event
    def ask_suspend(self, subscription_id: str, label: str):
        self.confirm_id, self.confirm_label = field_text(subscription_id, "subscription_id"), field_text(label, "label")

    @rx.event
    def cancel_suspend(self):
        self.confirm_id = self.confirm_label = ""

    @rx.event
    async def confirm_suspend(self):
        subscription_id = as_id(self.confirm_id)
        self.confirm_id = ""
        out = await self._call(
            lambda s, a: subscriptions.suspend(s, a, subscription_id=subscription_id), success="subs.suspended_ok"
        )
        return None if isinstance(out, Refused) else SubscriptionsState.load

    @rx.event
    async def reactivate(self, subscription_id: str):
        wanted = as_id(subscription_id)
        out = await self._call(
            lambda s, a: subscriptions.reactivate(s, a, subscription_id=wanted), success="subs.reactivated_ok"
        )
        return None if isinstance(out, Refused) else SubscriptionsState.load
