"""Billing: the monthly charges and the order history. Layout only."""

from __future__ import annotations

import reflex as rx

from rxapp.components.forms import (
    state_notices,
)
from rxapp.components.i18n import T
from rxapp.components.layout import heading_row, page
from rxapp.components.tables import empty_state, header_row, loading
from rxapp.pages.orders import order_table
from rxapp.permissions import Action
from rxapp.state.billing import BillingState


@page("/billing", "nav.billing", action=Action.VIEW_BILLING, on_load=(BillingState.load,), nav=True)
def billing_page() -> rx.Component:
    return rx.vstack(
        heading_row(
            "nav.billing",
            rx.button(rx.icon("download", size=16), T["billing.export"], variant="soft", on_click=BillingState.export),
        ),
        state_notices(BillingState),
        loading(
            BillingState.loaded,
            rx.vstack(
                rx.heading(T["billing.charges"], size="4", as_="h2"),
                rx.cond(
                    BillingState.charges.length() > 0,
                    rx.box(
                        rx.table.root(
                            header_row(
                                "orders.customer",
                                "orders.product",
                                "orders.quantity",
                                "billing.unit_price",
                                "billing.monthly",
                            ),
                            rx.table.body(
                                rx.foreach(
                                    BillingState.charges,
                                    lambda c: rx.table.row(
                                        rx.table.cell(c["customer"]),
                                        rx.table.cell(c["product"]),
                                        rx.table.cell(c["quantity"]),
                                        rx.table.cell(c["unit"]),
                                        rx.table.cell(c["amount"]),
                                    ),
                                ),
                                rx.table.row(
                                    rx.table.row_header_cell(T["billing.total"]),
                                    rx.table.cell(),
                                    rx.table.cell(),
                                    rx.table.cell(),
                                    rx.table.cell(rx.text.strong(BillingState.total), data_testid="billing-total"),
                                ),
                            ),
                            width="100%",
                        ),
                        role="region",
                        aria_label=T["billing.charges"],
                        width="100%",
                    ),
                    empty_state("receipt", "billing.no_charges"),
                ),
                rx.heading(T["orders.history"], size="4", as_="h2"),
                order_table(BillingState.orders),
                spacing="4",
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
    )
