"""Billing: the monthly charges, their total, the order history and the CSV export."""

from __future__ import annotations

import reflex as rx

from rxapp.services import billing
from rxapp.state.base import Refused
from rxapp.state.ops import OpsState, dollars
from rxapp.state.orders import order_row
from rxapp.state.rows import ChargeRow, OrderRow


class BillingState(OpsState):
    charges: rx.Field[list[ChargeRow]] = rx.field(default_factory=list)
    total: rx.Field[str] = rx.field("")
    orders: rx.Field[list[OrderRow]] = rx.field(default_factory=list)

    @rx.event
    async def load(self):
        def work(session, actor):
            charges, total = billing.monthly_charges(session, actor)
            return charges, total, billing.billing_orders(session, actor)

        result = await self._call(work)
        if not isinstance(result, Refused):
            charges, total, history = result
            self.charges = [
                {
                    "customer": c.customer,
                    "product": c.product,
                    "quantity": str(c.quantity),
                    "unit": dollars(c.unit_price_cents),
                    "amount": dollars(c.monthly_cents),
                }
                for c in charges
            ]
            self.total = dollars(total)
            self.orders = [order_row(r) for r in history]
        self.loaded = True

    @rx.event
    async def export(self):
        text = await self._call(lambda s, a: billing.export_csv(s, a))
        if isinstance(text, Refused):
            return None
        return rx.download(data=text, filename="billing.csv")
