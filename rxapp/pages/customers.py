"""Customers (`/customers`) and the customer's Partners page (`/partners`); the link pages are in
`pages/customer_links.py`."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.countries import country_label, country_name
from rxapp.components.dialogs import confirm_button
from rxapp.components.forms import (
    error_callout,
    field,
    success_callout,
)
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.components.marketing import marketing_details
from rxapp.components.matching import match_value
from rxapp.components.rights import may
from rxapp.components.tables import empty_state, search_form, sortable_header
from rxapp.permissions import Action
from rxapp.state.customers import CustomerPartnersState, CustomersState
from rxapp.state.rows import CustomerPartnerRow, CustomerRow

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


def da_request_form(button_key: str) -> rx.Component:
    """The chosen duration (1 to 730 days, default 365) and the request button; the error sits under the field."""
    return rx.form(
        rx.hstack(
            field(
                "customers.da_days",
                "days",
                control_id="da-days",
                type="number",
                default_value="365",
                hint_key="customers.da_days_hint",
                error=C.da_days_error,
            ),
            rx.button(T[button_key], size="2", variant="soft", type="submit"),
            align="end",
            wrap="wrap",
        ),
        on_submit=C.request_da,
    )


def detail_panel() -> rx.Component:
    d = C.detail
    return rx.box(
        rx.cond(
            C.detail_error != "",
            error_callout(C.detail_error),
            rx.grid(
                rx.vstack(
                    rx.heading(T["customers.account"], size="3"),
                    rx.text(d["name"], weight="bold"),
                    rx.text(T["customers.col_domain"], ": ", d["domain"], unverified_badge(d["unverified"]), size="2"),
                    rx.text(T["customers.col_country"], ": ", country_label(d), size="2"),
                    rx.text(T["customers.contact"], ": ", d["contact"], size="2"),
                    rx.text(T["customers.address"], ": ", d["address"], size="2"),
                    rx.text(T["customers.col_delegated"], ": ", d["da"], size="2", data_testid="detail-da"),
                    rx.heading(T["customers.resellers_of_record"], size="3", margin_top="0.5em"),
                    rx.foreach(
                        C.detail_resellers, lambda r: rx.text(r["name"], " · ", r["kind"], " · ", r["since"], size="2")
                    ),
                    align="start",
                    spacing="1",
                ),
                rx.vstack(
                    rx.heading(T["customers.services"], size="3"),
                    rx.cond(
                        C.detail_subs.length() > 0,
                        rx.foreach(C.detail_subs, lambda s: rx.text(s["product"], " · ", s["licenses"], size="2")),
                        rx.text(T["customers.no_subscriptions"], size="2", color_scheme="gray"),
                    ),
                    rx.heading(T["customers.users"], size="3", margin_top="0.5em"),
                    rx.cond(
                        C.users_visible,
                        rx.vstack(
                            rx.cond(
                                C.detail_users.length() > 0,
                                rx.foreach(
                                    C.detail_users,
                                    lambda u: rx.text(u["name"], " · ", u["upn"], " · ", u["licenses"], size="2"),
                                ),
                                rx.text(T["customers.no_users"], size="2", color_scheme="gray"),
                            ),
                            align="start",
                            spacing="1",
                        ),
                        rx.vstack(
                            rx.text(T["customers.da_needed"], size="2", color_scheme="amber"),
                            rx.cond(may(Action.REQUEST_DELEGATED_ADMIN), da_request_form("customers.da_request")),
                            align="start",
                        ),
                    ),
                    rx.cond(  # only while the customer's delegated admin privileges let the partner add users
                        may(Action.ADMINISTER_CUSTOMERS) & C.users_visible,
                        rx.form(
                            rx.hstack(
                                rx.box(
                                    field(
                                        "customers.user_name",
                                        "display_name",
                                        control_id="cu-name",
                                        error=rx.cond(C.action_field == "cu-name", C.action_error, ""),
                                    )
                                ),
                                rx.box(
                                    field(
                                        "customers.user_upn",
                                        "upn",
                                        control_id="cu-upn",
                                        type="email",
                                        error=rx.cond(C.action_field == "cu-upn", C.action_error, ""),
                                    )
                                ),
                                rx.button(T["customers.add_user"], type="submit"),
                                align="end",
                                wrap="wrap",
                            ),
                            key=C.user_form,
                            on_submit=C.add_user,
                            reset_on_submit=False,
                        ),
                    ),
                    error_callout(rx.cond(C.action_field == "", C.action_error, "")),
                    success_callout(C.action_message),
                    align="start",
                    spacing="1",
                    width="100%",
                ),
                columns=rx.breakpoints(initial="1", md="2"),
                spacing="4",
                width="100%",
            ),
        ),
        padding="1em",
        background="var(--gray-a2)",
        border_radius="6px",
        width="100%",
        role="region",
        aria_label=d["name"],
    )


def delegated_admin_text(state: rx.Var, until: rx.Var) -> rx.Var:
    """A row's delegated admin privileges in words ("Active until 2027-01-31"), worded in the browser."""
    return match_value(
        state,
        ("active", T.fill("customers.da_active", date=until)),
        ("expired", T.fill("customers.da_expired", date=until)),
        ("removed", T["customers.da_removed"]),
        T["customers.da_none"],
    )


def customer_row(row: ObjectVar[CustomerRow]) -> rx.Component:
    is_open = C.expanded == row["id"]
    return rx.fragment(
        rx.table.row(
            rx.table.cell(
                rx.icon_button(
                    rx.cond(is_open, rx.icon("chevron-up", size=16), rx.icon("chevron-down", size=16)),
                    variant="ghost",
                    size="1",
                    on_click=C.toggle(row["id"].to(str)),
                    aria_label=T["customers.expand"].replace("{name}", row["name"]),
                    aria_expanded=rx.cond(is_open, "true", "false"),
                ),
            ),
            rx.table.row_header_cell(row["name"]),
            rx.table.cell(row["domain"], unverified_badge(row["unverified"])),
            rx.table.cell(country_name(row["country"])),  # one table of names in the page, not 2 per row
            rx.table.cell(row["since"]),
            rx.table.cell(delegated_admin_text(row["da_state"], row["da_until"])),
        ),
        rx.cond(is_open, rx.table.row(rx.table.cell(detail_panel(), col_span=6))),
    )


def pager() -> rx.Component:
    return rx.cond(
        C.pages > 1,
        rx.hstack(
            rx.button(T["customers.first"], variant="soft", disabled=C.page <= 1, on_click=C.first_page),
            rx.button(T["common.previous"], variant="soft", disabled=C.page <= 1, on_click=C.prev_page),
            rx.text(T.fill("customers.page_of", page=C.page, pages=C.pages), size="2"),
            rx.button(T["common.next"], variant="soft", disabled=C.page >= C.pages, on_click=C.next_page),
            rx.button(T["customers.last"], variant="soft", disabled=C.page >= C.pages, on_click=C.last_page),
            align="center",
            spacing="2",
        ),
    )


def unverified_badge(flag) -> rx.Component:
    """ "unverified" after a customer's claimed domain its admin has not confirmed yet."""
    return rx.cond(
        flag,
        rx.badge(
            T["customers.domain_unverified"],
            color_scheme="amber",
            variant="soft",
            margin_left="0.5em",
            title=T["customers.domain_unverified_hint"],
        ),
    )


def provider_filter() -> rx.Component:
    """`?provider=N`: which indirect provider the list is for, and the way back to every customer."""
    return rx.cond(
        C.provider_name != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("filter")),
            rx.hstack(
                rx.callout.text(
                    T.fill("customers.shared_with", provider=C.provider_name), data_testid="provider-filter"
                ),
                rx.button(
                    rx.icon("x", size=14), T["customers.show_all"], variant="soft", size="1", on_click=C.clear_provider
                ),
                align="center",
                justify="between",
                width="100%",
                wrap="wrap",
                spacing="3",
            ),
            color_scheme="blue",
            width="100%",
        ),
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
