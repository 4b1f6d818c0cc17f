"""Users and licenses of a customer administered on its behalf. Layout only."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.dialogs import confirm_dialog
from rxapp.components.forms import field_error, select_field, state_notices
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.components.tables import empty_state, header_row, loading
from rxapp.permissions import Action
from rxapp.state.licenses import LicensesState, license_control
from rxapp.state.rows import LicenseUserRow


def user_row(u: ObjectVar[LicenseUserRow]) -> rx.Component:
    control = license_control("") + u["id"].to(str)  # as the state names it (a refusal shows under it)
    error = rx.cond(LicensesState.error_field == control, LicensesState.error, "")
    return rx.table.row(
        rx.table.cell(u["name"]),
        rx.table.cell(u["upn"]),
        rx.table.cell(
            rx.hstack(
                rx.foreach(
                    u["licenses"].to(list[dict]),
                    lambda lic: rx.badge(
                        lic["product"],
                        rx.icon_button(
                            rx.icon("x", size=12),
                            size="1",
                            variant="ghost",
                            aria_label=T["licenses.unassign"],
                            on_click=LicensesState.ask_unassign(
                                lic["subscription_id"], u["id"].to(str), lic["product"]
                            ),
                        ),
                        variant="soft",
                        size="2",
                    ),
                ),
                wrap="wrap",
                spacing="2",
            )
        ),
        rx.table.cell(
            rx.cond(
                LicensesState.subscriptions.length() > 0,
                rx.form(
                    rx.hstack(
                        select_field(
                            None,
                            "subscription",
                            LicensesState.subscriptions,
                            text_key="label",
                            aria_label=T["licenses.license"],
                            full_width=False,
                            id=control,
                            aria_invalid=rx.cond(error != "", "true", "false"),
                            aria_describedby=rx.cond(error != "", control + "-error", ""),
                        ),
                        rx.el.input(type="hidden", name="user", value=u["id"].to(str)),
                        rx.button(T["licenses.assign"], type="submit", variant="soft"),
                        spacing="2",
                    ),
                    field_error(error, control + "-error"),
                    on_submit=LicensesState.assign,
                    reset_on_submit=False,
                ),
            )
        ),
    )


@page("/licenses", "nav.licenses", action=Action.ADMINISTER_CUSTOMERS, on_load=(LicensesState.load,), nav=True)
def licenses_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.licenses"], size="7"),
        rx.text(T["licenses.intro"], color_scheme="gray"),
        state_notices(LicensesState),
        loading(
            LicensesState.loaded,
            rx.cond(
                LicensesState.customers.length() > 0,
                rx.vstack(
                    rx.box(
                        select_field(
                            "licenses.customer",
                            "customer",
                            LicensesState.customers,
                            on_change=LicensesState.pick_customer,
                            value=LicensesState.customer_id,
                            control_id="licenses-customer",
                            required=True,
                        ),
                        max_width="24em",
                        width="100%",
                    ),
                    rx.hstack(
                        rx.foreach(
                            LicensesState.subscriptions,
                            lambda s: rx.card(
                                rx.vstack(
                                    rx.text(s["product"], weight="medium"),
                                    rx.text(s["assigned"], " / ", s["quantity"], " ", T["licenses.assigned"], size="2"),
                                    spacing="1",
                                )
                            ),
                        ),
                        wrap="wrap",
                        spacing="3",
                    ),
                    rx.cond(
                        LicensesState.users.length() > 0,
                        rx.table.root(
                            header_row("licenses.user", "licenses.upn", "licenses.licenses", "licenses.assign"),
                            rx.table.body(rx.foreach(LicensesState.users, user_row)),
                            width="100%",
                        ),
                        empty_state("users", "licenses.no_users"),
                    ),
                    spacing="4",
                    width="100%",
                ),
                empty_state("users", "licenses.no_customers"),
            ),
        ),
        confirm_dialog(
            LicensesState.confirm.length() > 0,
            T["licenses.unassign_title"],
            rx.text(T["licenses.unassign_body"], " ", rx.text.strong(LicensesState.confirm["label"])),
            T["licenses.unassign"],
            LicensesState.confirm_unassign,
            LicensesState.cancel_unassign,
        ),
        spacing="4",
        width="100%",
    )
