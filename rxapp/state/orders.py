"""Orders: the provider orders for a customer with a reseller of record; the order history."""

from __future__ import annotations

import reflex as rx

from rxapp.boundary import as_id, as_int, field_text
from rxapp.permissions import Action, can
from rxapp.services import orders
from rxapp.services.onbehalf import MAX_QUANTITY
from rxapp.state.base import Refused
from rxapp.state.ops import OpsState, dollars
from rxapp.state.rows import IdName, OrderOption, OrderRow

ORDER_IDS = {
    "op_customer": "order-customer",
    "op_reseller": "order-reseller",
    "op_product": "order-product",
    "op_quantity": "order-quantity",
}  # service field -> the form's control (a refusal shows under it)
QUANTITY_MAX = MAX_QUANTITY  # the form's `max`: the service's limit


def order_row(r: orders.OrderRow) -> OrderRow:
    """An order as the order lists show it (here and on the billing page)."""
    return OrderRow(
        id=str(r.id),
        created_at=r.created_at,
        customer=r.customer,
        provider=r.provider,
        reseller=r.reseller,
        product=r.product,
        quantity=str(r.quantity),
        total_cents=r.total_cents,
        total=dollars(r.total_cents),
        status=r.status,
    )


class OrdersState(OpsState):
    options: rx.Field[list[OrderOption]] = rx.field(default_factory=list)
    products: rx.Field[list[IdName]] = rx.field(default_factory=list)
    customer_id: rx.Field[str] = rx.field("")
    orders: rx.Field[list[OrderRow]] = rx.field(default_factory=list)
    can_order: rx.Field[bool] = rx.field(False)

    # The chosen customer's resellers, set with the choice (not a computed var: see rxapp/state/paging.py).
    reseller_options: rx.Field[list[IdName]] = rx.field(default_factory=list)

    def _pick(self, customer_id: str) -> None:
        self.customer_id = customer_id
        self.reseller_options = next((o["resellers"] for o in self.options if o["id"] == customer_id), [])

    @rx.event
    async def load(self):
        def work(session, actor):
            allowed = can(actor, Action.SUBMIT_ORDERS)
            options = orders.order_options(session, actor) if allowed else []
            products = orders.list_products(session) if allowed else []
            return allowed, options, products, orders.list_orders(session, actor)

        result = await self._call(work)
        if not isinstance(result, Refused):
            self.can_order, options, products, rows = result
            self.options = [
                {
                    "id": str(o.id),
                    "name": o.name,
                    "resellers": [{"id": str(r.id), "name": r.name} for r in o.resellers],
                }
                for o in options
            ]
            self.products = [
                {"id": str(p.id), "name": f"{p.name} ({dollars(p.monthly_price_cents)})"} for p in products
            ]
            known = self.customer_id in {o["id"] for o in self.options}
            self._pick(self.customer_id if known else self.options[0]["id"] if self.options else "")
            self.orders = [order_row(r) for r in rows]
        self.loaded = True

    @rx.event
    def pick_customer(self, value: str):
        self._pick(field_text(value, "customer"))

    @rx.event
    async def submit(self, form: dict):
        self.busy = True
        yield  # the button shows progress while the order is provisioned
        customer, reseller = as_id(form.get("customer")), as_id(form.get("reseller"))
        product, quantity = as_id(form.get("product")), as_int(form.get("quantity"))
        out = await self._call(
            lambda s, a: orders.submit_order(
                s, a, customer_org_id=customer, reseller_org_id=reseller, product_id=product, quantity=quantity
            ),
            success="orders.submitted",
            fields=ORDER_IDS,
        )
        self.busy = False
        yield out.focus if isinstance(out, Refused) else OrdersState.load
