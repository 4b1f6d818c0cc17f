"""Orders: the provider orders for a customer with a reseller of record. Layout only; the state calls the
services."""

from __future__ import annotations

from collections.abc import Sequence

import reflex as rx
from reflex.vars import ArrayVar

from rxapp.components.forms import (
    card,
    field,
    select_field,
    state_notices,
    submit_button,
)
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.components.tables import empty_state, header_row, loading
from rxapp.permissions import Action
from rxapp.state.orders import QUANTITY_MAX, OrdersState
from rxapp.state.rows import OrderRow


def order_form() -> rx.Component:
    return card(
        rx.heading(T["orders.new"], size="4", as_="h2"),
        rx.text(T["orders.rule"], size="2", color_scheme="gray"),
        rx.cond(
            OrdersState.options.length() > 0,
            rx.form(
                rx.vstack(
                    select_field(
                        "orders.customer",
                        "customer",
                        OrdersState.options,
                        on_change=OrdersState.pick_customer,
                        value=OrdersState.customer_id,
                        control_id="order-customer",
                        required=True,
                        state=OrdersState,
                    ),
                    rx.cond(
                        OrdersState.reseller_options.length() > 0,
                        select_field(
                            "orders.reseller",
                            "reseller",
                            OrdersState.reseller_options,
                            control_id="order-reseller",
                            required=True,
                            state=OrdersState,
                        ),
                        rx.callout.root(
                            rx.callout.text(T["orders.no_reseller_of_record"]), color_scheme="amber", width="100%"
                        ),
                    ),
                    select_field(
                        "orders.product",
                        "product",
                        OrdersState.products,
                        control_id="order-product",
                        required=True,
                        state=OrdersState,
                    ),
                    field(
                        "orders.quantity",
                        "quantity",
                        control_id="order-quantity",
                        type="number",
                        default_value="1",
                        min="1",
                        max=str(QUANTITY_MAX),
                        state=OrdersState,
                    ),
                    submit_button("orders.submit", OrdersState.busy),
                    spacing="3",
                    width="100%",
                    align="start",
                ),
                on_submit=OrdersState.submit,
                reset_on_submit=False,
                width="100%",
            ),
            rx.text(T["orders.no_customers"], color_scheme="gray"),
        ),
    )


def order_table(rows: ArrayVar[Sequence[OrderRow]]) -> rx.Component:
    return rx.cond(
        rows.length() > 0,
        rx.table.root(
            header_row(
                "orders.date",
                "orders.customer",
                "orders.provider",
                "orders.reseller",
                "orders.product",
                "orders.quantity",
                "orders.amount",
                "common.status",
            ),
            rx.table.body(
                rx.foreach(
                    rows,
                    lambda r: rx.table.row(
                        rx.table.cell(r["created_at"]),
                        rx.table.cell(r["customer"]),
                        rx.table.cell(r["provider"]),
                        rx.table.cell(r["reseller"]),
                        rx.table.cell(r["product"]),
                        rx.table.cell(r["quantity"]),
                        rx.table.cell(r["total"]),
                        rx.table.cell(rx.badge(T.pick("ops.order_status.", r["status"]))),
                    ),
                )
            ),
            width="100%",
            aria_label="Order history",
        ),
        empty_state("shopping-cart", "orders.empty"),
    )


@page("/orders", "nav.orders", action=Action.VIEW_CUSTOMERS, on_load=(OrdersState.load,), nav=True)
def orders_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.orders"], size="7"),
        state_notices(OrdersState),
        loading(
            OrdersState.loaded,
            rx.vstack(
                rx.cond(OrdersState.can_order, order_form()),
                rx.heading(T["orders.history"], size="4", as_="h2"),
                order_table(OrdersState.orders),
                spacing="4",
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
    )
