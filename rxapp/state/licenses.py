"""Users and licenses of a customer administered on its behalf (delegated admin needed)."""

from __future__ import annotations

import reflex as rx

from rxapp.boundary import as_id
from rxapp.services import relationships, subscriptions
from rxapp.state.ops import OpsState, text_of


class LicensesState(OpsState):
    customers: list[dict] = []
    customer_id: str = ""
    subscriptions: list[dict] = []
    users: list[dict] = []
    confirm: dict = {}

    @rx.event
    async def load(self):
        def work(session, actor):
            subscriptions.require_administer(actor)
            return [{"id": str(c.id), "name": c.name} for c in relationships.served_customers(session, actor)]

        ok, customers = await self._call(work)
        if ok:
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
        ok, overview = await self._call(lambda s, a: subscriptions.license_overview(s, a, customer_org_id=customer_id))
        if not ok:
            return
        self.subscriptions = [{"id": str(r.id), "product": r.product, "quantity": str(r.quantity),
                               "assigned": str(r.assigned),
                               "label": self._text("licenses.option", product=r.product,
                                                   free=max(0, r.quantity - r.assigned))}
                              for r in overview["subscriptions"] if r.status == "active"]
        self.users = [{"id": str(u["id"]), "name": u["name"], "upn": u["upn"],
                       "licenses": [{"subscription_id": str(lic["subscription_id"]), "product": lic["product"]}
                                    for lic in u["licenses"]]} for u in overview["users"]]

    @rx.event
    async def pick_customer(self, value: str):
        self.customer_id = text_of(value, 20)
        self.message = ""
        await self._load_customer()

    @rx.event
    async def assign(self, form: dict):
        subscription_id, user_id = as_id(form.get("subscription")), as_id(form.get("user"))
        ok, _ = await self._call(lambda s, a: subscriptions.assign_license(
            s, a, subscription_id=subscription_id, customer_user_id=user_id), success_key="licenses.assigned_ok")
        if ok:
            message = self.message
            await self._load_customer()
            self.message = message

    @rx.event
    def ask_unassign(self, subscription_id: str, user_id: str, label: str):
        self.confirm = {"subscription": text_of(subscription_id, 20), "user": text_of(user_id, 20),
                        "label": text_of(label, 300)}

    @rx.event
    def cancel_unassign(self):
        self.confirm = {}

    @rx.event
    async def confirm_unassign(self):
        subscription_id, user_id = as_id(self.confirm.get("subscription")), as_id(self.confirm.get("user"))
        self.confirm = {}
        ok, _ = await self._call(lambda s, a: subscriptions.unassign_license(
            s, a, subscription_id=subscription_id, customer_user_id=user_id), success_key="licenses.unassigned")
        if ok:
            message = self.message
            await self._load_customer()
            self.message = message
