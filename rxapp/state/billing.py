"""Billing: the monthly charges, their total, the order history and the CSV export."""

from __future__ import annotations

import reflex as rx

from rxapp.services import billing
from rxapp.state.ops import OpsState, dollars
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

        ok, result = await self._call(work)
        if ok:
            charges, total, history = result
            self.charges = [{"customer": c.customer, "product": c.product, "quantity": str(c.quantity),
                             "unit": dollars(c.unit_price_cents), "amount": dollars(c.monthly_cents)} for c in charges]
            self.total = dollars(total)
            self.orders = [OrderRow(id=str(r.id), created_at=r.created_at, customer=r.customer, provider=r.provider,
                                    reseller=r.reseller, product=r.product, quantity=str(r.quantity),
                                    total_cents=r.total_cents, total=dollars(r.total_cents), status=r.status)
                           for r in history]
        self.loaded = True

    @rx.event
    async def export(self):
        ok, text = await self._call(lambda s, a: billing.export_csv(s, a))
        if ok:
            return rx.download(data=text, filename="billing.csv")
        return None
