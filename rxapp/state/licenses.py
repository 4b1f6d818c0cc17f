"""Users and licenses of a customer administered on its behalf (delegated admin needed)."""

from __future__ import annotations

import reflex as rx

from rxapp.boundary import as_id, field_text
from rxapp.services import relationships, subscriptions
from rxapp.state.base import Refused
from rxapp.state.ops import OpsState, focus_on
from rxapp.state.rows import IdName, LicenseConfirm, LicenseOption, LicenseUserRow


def license_control(user_id: int | str) -> str:
    """The id of a user row's license select (the page builds the same one from the row's id)."""
    return f"license-{user_id}"


class LicensesState(OpsState):
    customers: rx.Field[list[IdName]] = rx.field(default_factory=list)
    customer_id: rx.Field[str] = rx.field("")
    subscriptions: rx.Field[list[LicenseOption]] = rx.field(default_factory=list)
    users: rx.Field[list[LicenseUserRow]] = rx.field(default_factory=list)
    confirm: rx.Field[LicenseConfirm] = rx.field(default_factory=LicenseConfirm)

    @rx.event
    async def load(self):
        def work(session, actor):
            subscriptions.require_administer(actor)
            return [IdName(id=str(c.id), name=c.name) for c in relationships.served_customers(session, actor)]

        customers = await self._call(work)
        if not isinstance(customers, Refused):
            self.customers = customers
            if self.customer_id not in {c["id"] for c in customers}:
                self.customer_id = customers[0]["id"] if customers else ""
            await self._load_customer()
        self.loaded = True

    async def _load_customer(self) -> None:
        self.subscriptions, self.users = [], []
        if not self.customer_id:
            return
        customer_id = as_id(self.customer_id)
        overview = await self._call(lambda s, a: subscriptions.license_overview(s, a, customer_org_id=customer_id))
        if isinstance(overview, Refused):
            return
        self.subscriptions = [
            {
                "id": str(r.id),
                "product": r.product,
                "quantity": str(r.quantity),
                "assigned": str(r.assigned),
                "label": self._text("licenses.option", product=r.product, free=max(0, r.quantity - r.assigned)),
            }
            for r in overview["subscriptions"]
            if r.status == "active"
        ]
        self.users = [
            {
                "id": str(u["id"]),
                "name": u["name"],
                "upn": u["upn"],
                "licenses": [
                    {"subscription_id": str(lic["subscription_id"]), "product": lic["product"]} for lic in u["licenses"]
                ],
            }
            for u in overview["users"]
        ]

    @rx.event
    async def pick_customer(self, value: str):
        self.customer_id = field_text(value, "customer")
        self.message = ""
        await self._load_customer()

    @rx.event
    async def assign(self, form: dict):
        subscription_id, user_id = as_id(form.get("subscription")), as_id(form.get("user"))
        control = license_control(user_id)
        out = await self._call(
            lambda s, a: subscriptions.assign_license(s, a, subscription_id=subscription_id, customer_user_id=user_id),
            success="licenses.assigned_ok",
            fields={"op_license": control},
        )
        if isinstance(out, Refused):
            return focus_on(control) if self.error_field else None  # the refusal under the user's license choice
        message = self.message
        await self._load_customer()
        self.message = message
        return None

    @rx.event
    def ask_unassign(self, subscription_id: str, user_id: str, label: str):
        self.confirm = {
            "subscription": field_text(subscription_id, "subscription_id"),
            "user": field_text(user_id, "user_id"),
            "label": field_text(label, "label"),
        }

    @rx.event
    def cancel_unassign(self):
        self.confirm = LicenseConfirm()

    @rx.event
    async def confirm_unassign(self):
        subscription_id, user_id = as_id(self.confirm.get("subscription")), as_id(self.confirm.get("user"))
        self.confirm = LicenseConfirm()
        out = await self._call(
            lambda s, a: subscriptions.unassign_license(
                s, a, subscription_id=subscription_id, customer_user_id=user_id
            ),
            success="licenses.unassigned",
        )
        if not isinstance(out, Refused):
            message = self.message
            await self._load_customer()
            self.message = message
