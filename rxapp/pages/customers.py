"""Customers (`/customers`) and the customer's Partners page (`/partners`); the link pages are in
`pages/customer_links.py`."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.dialogs import confirm_button
from rxapp.components.forms import error_callout, success_callout
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.components.marketing import marketing_details
from rxapp.components.rights import may
from rxapp.components.tables import empty_state, search_form, sortable_header
from rxapp.pages.customers_list import customer_row, pager, provider_filter
from rxapp.permissions import Action
from rxapp.state.customers import CustomerPartnersState, CustomersState
from rxapp.state.rows import CustomerPartnerRow

C = CustomersState


# ------------------------------------------------------------------------------------------ /customers


def toolbar() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            search_form(
                C.submit_search,
                T["customers.search_placeholder"],
                C.search,
                name="search",
                label=T["customers.search_label"],
                id="customer-search",
                type="search",
            ),
            rx.select.root(
                rx.select.trigger(aria_label=T["customers.sort_label"]),
                rx.select.content(
                    rx.select.item(T["customers.sort_name"], value="name"),
                    rx.select.item(T["customers.sort_name_desc"], value="name_desc"),
                    rx.select.item(T["customers.sort_since"], value="since"),
                    rx.select.item(T["customers.sort_since_asc"], value="since_asc"),
                ),
                value=C.sort,
                on_change=C.set_sort,
            ),
            rx.cond(
                C.resellers.length() > 0,
                rx.select.root(
                    rx.select.trigger(
                        aria_label=T["customers.filter_reseller"], placeholder=T["customers.all_resellers"]
                    ),
                    rx.select.content(
                        rx.select.item(T["customers.all_resellers"], value="all"),
                        rx.foreach(C.resellers, lambda r: rx.select.item(r["name"], value=r["id"])),
                    ),
                    on_change=C.set_via,
                ),
            ),
            wrap="wrap",
            spacing="3",
            align="center",
        ),
        rx.hstack(
            rx.button(rx.icon("download", size=16), T["customers.export"], variant="soft", on_click=C.export),
            rx.cond(
                may(Action.INVITE_CUSTOMERS),
                rx.hstack(
                    rx.link(rx.button(T["customers.request"]), href="/customers/request"),
                    rx.link(rx.button(T["customers.invite"], variant="outline"), href="/customers/invite"),
                    rx.link(rx.button(T["invitations.nav"], variant="soft"), href="/customers/invitations"),
                ),
            ),
            spacing="3",
            wrap="wrap",
        ),
        spacing="3",
        width="100%",
    )


@page("/customers", "customers.nav", action=Action.VIEW_CUSTOMERS, on_load=(CustomersState.load,), nav=True)
def customers_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["customers.heading"], size="7"),
        rx.text(T["customers.intro"], color_scheme="gray"),
        provider_filter(),
        toolbar(),
        error_callout(C.error),
        rx.cond(
            C.loaded,
            rx.cond(
                C.total > 0,
                rx.vstack(
                    rx.text(
                        T.plural("customers.total", C.total),
                        size="2",
                        color_scheme="gray",
                        data_testid="customer-total",
                    ),
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                rx.table.column_header_cell(rx.el.span(T["a11y.details"], class_name="sr-only")),
                                sortable_header("customers.col_name", C.sort, "name", "name_desc", C.set_sort),
                                rx.table.column_header_cell(T["customers.col_domain"]),
                                rx.table.column_header_cell(T["customers.col_country"]),
                                sortable_header(
                                    "customers.col_since", C.sort, "since_asc", "since", C.set_sort, first="since"
                                ),
                                rx.table.column_header_cell(T["customers.col_delegated"]),
                            )
                        ),
                        rx.table.body(rx.foreach(C.rows, customer_row)),
                        width="100%",
                        variant="surface",
                    ),
                    pager(),
                    spacing="3",
                    width="100%",
                ),
                rx.cond(
                    C.search != "",
                    empty_state("search-x", "customers.no_match"),
                    empty_state("users", "customers.empty"),
                ),
            ),
            rx.spinner(),
        ),
        spacing="4",
        width="100%",
    )


# ------------------------------------------------------------------------------------------ /partners


def partner_card(item: ObjectVar[CustomerPartnerRow]) -> rx.Component:
    P = CustomerPartnersState
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(item["name"], weight="bold"),
                rx.badge(item["kind"]),
                rx.cond(item["suspended"] != "", rx.badge(T["suspension.partner_suspended"], color_scheme="red")),
                spacing="2",
            ),
            rx.text(item["may"], size="2"),
            rx.text(item["since"], size="1", color_scheme="gray"),
            marketing_details(item),
            rx.cond(
                P.can_manage,
                rx.hstack(
                    rx.cond(
                        item["da_active"] != "",
                        confirm_button(
                            T["custpartners.remove_da"],
                            P.remove_da(item["partner_id"].to(str)),
                            description=T["custpartners.confirm_remove_da"].replace("{name}", item["name"]),
                            confirm_label=T["common.remove"],
                        ),
                    ),
                    confirm_button(
                        T["custpartners.remove"],
                        P.remove(item["id"].to(str)),
                        description=T.fill("custpartners.confirm_remove", name=item["name"]),
                        confirm_label=T["common.remove"],
                    ),
                    spacing="3",
                ),
            ),
            align="start",
            spacing="2",
        ),
        width="100%",
        role="article",
        aria_label=item["name"],
    )


@page(
    "/partners",
    "custpartners.nav",
    action=Action.VIEW_CUSTOMER_PARTNERS,
    on_load=(CustomerPartnersState.load,),
    nav=True,
)
def partners_page() -> rx.Component:
    P = CustomerPartnersState
    return rx.vstack(
        rx.heading(T["custpartners.heading"], size="7"),
        rx.text(T["custpartners.intro"], color_scheme="gray"),
        success_callout(P.message),
        error_callout(P.error),
        rx.cond(
            P.current.length() > 0,
            rx.vstack(rx.foreach(P.current, partner_card), width="100%", spacing="3"),
            empty_state("handshake", "custpartners.empty"),
        ),
        rx.cond(
            P.history.length() > 0,
            rx.vstack(
                rx.heading(T["custpartners.history"], size="4"),
                rx.foreach(
                    P.history,
                    lambda h: rx.text(h["name"], " · ", h["kind"], " · ", h["when"], size="2", color_scheme="gray"),
                ),
                align="start",
            ),
        ),
        spacing="4",
        width="100%",
    )
