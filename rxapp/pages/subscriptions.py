"""Subscriptions of the customers served. Layout only; the state calls the services."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.dialogs import confirm_dialog
from rxapp.components.forms import (
    field_error,
    state_notices,
)
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.components.rights import may
from rxapp.components.tables import empty_state, header_row, loading
from rxapp.permissions import Action
from rxapp.state.orders import QUANTITY_MAX
from rxapp.state.rows import SubscriptionRow
from rxapp.state.subscriptions import SubscriptionsState, quantity_control


def subscription_row(r: ObjectVar[SubscriptionRow]) -> rx.Component:
    # Office 365 rows a user may not manage (a Helpdesk agent): the actions are shown disabled with the reason,
    # not offered and then refused.
    locked = r["office_365"].to(bool) & ~may(Action.MANAGE_OFFICE_365_SUBSCRIPTIONS)
    reason_id = "o365-reason-" + r["id"].to(str)
    described = rx.cond(locked, reason_id, "")
    quantity_id = quantity_control("") + r["id"].to(str)  # as the state names it (a refusal shows under it)
    error = rx.cond(SubscriptionsState.error_field == quantity_id, SubscriptionsState.error, "")
    return rx.table.row(
        rx.table.cell(r["customer"]),
        rx.table.cell(
            rx.vstack(
                rx.text(r["product"], weight="medium"),
                rx.text(T.pick("ops.family.", r["family"]), size="1", color_scheme="gray"),
                spacing="0",
            )
        ),
        rx.table.cell(r["assigned"], " / ", r["quantity"]),
        rx.table.cell(
            rx.badge(
                T.pick("ops.sub_status.", r["status"]), color_scheme=rx.cond(r["active"].to(bool), "green", "gray")
            )
        ),
        rx.table.cell(
            rx.vstack(
                rx.hstack(
                    rx.cond(
                        r["active"].to(bool),
                        rx.form(
                            rx.hstack(
                                rx.input(
                                    name="quantity",
                                    type="number",
                                    min="1",
                                    max=str(QUANTITY_MAX),
                                    width="6em",
                                    id=quantity_id,
                                    default_value=r["quantity"].to(str),
                                    aria_label=T["subs.quantity_label"],
                                    required=True,
                                    disabled=locked,
                                    aria_invalid=rx.cond(error != "", "true", "false"),
                                    aria_describedby=rx.cond(error != "", quantity_id + "-error", ""),
                                ),
                                rx.el.input(type="hidden", name="id", value=r["id"].to(str)),
                                rx.button(
                                    T["subs.update"],
                                    type="submit",
                                    variant="soft",
                                    disabled=locked,
                                    aria_describedby=described,
                                ),
                                spacing="2",
                            ),
                            field_error(error, quantity_id + "-error"),
                            on_submit=SubscriptionsState.set_quantity,
                            reset_on_submit=False,
                        ),
                    ),
                    rx.cond(
                        r["active"].to(bool),
                        rx.button(
                            T["subs.suspend"],
                            variant="soft",
                            color_scheme="red",
                            disabled=locked,
                            aria_describedby=described,
                            on_click=SubscriptionsState.ask_suspend(r["id"].to(str), r["product"].to(str)),
                        ),
                        rx.button(
                            T["subs.reactivate"],
                            variant="soft",
                            on_click=SubscriptionsState.reactivate(r["id"].to(str)),
                            disabled=locked,
                            aria_describedby=described,
                        ),
                    ),
                    spacing="3",
                    align="center",
                    wrap="wrap",
                ),
                rx.cond(locked, rx.text(T["subs.office_365_locked"], size="1", color_scheme="gray", id=reason_id)),
                spacing="1",
                align="start",
            )
        ),
    )


@page("/subscriptions", "nav.subscriptions", action=Action.VIEW_CUSTOMERS, on_load=(SubscriptionsState.load,), nav=True)
def subscriptions_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.subscriptions"], size="7"),
        rx.text(T["subs.intro"], color_scheme="gray"),
        state_notices(SubscriptionsState),
        loading(
            SubscriptionsState.loaded,
            rx.cond(
                SubscriptionsState.rows.length() > 0,
                rx.table.root(
                    header_row("subs.customer", "subs.product", "subs.licenses", "common.status", "common.actions"),
                    rx.table.body(rx.foreach(SubscriptionsState.rows, subscription_row)),
                    width="100%",
                ),
                empty_state("package", "subs.empty"),
            ),
        ),
        confirm_dialog(
            SubscriptionsState.confirm_id != "",
            T["subs.suspend_title"],
            rx.text(T["subs.suspend_body"], " ", rx.text.strong(SubscriptionsState.confirm_label)),
            T["subs.suspend"],
            SubscriptionsState.confirm_suspend,
            SubscriptionsState.cancel_suspend,
        ),
        spacing="4",
        width="100%",
    )
