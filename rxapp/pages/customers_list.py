"""The /customers page's list parts: a customer's row and its details panel (with the delegated admin
request), the pager, the indirect provider filter."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.countries import country_label, country_name
from rxapp.components.forms import error_callout, field, success_callout
from rxapp.components.i18n import T
from rxapp.components.matching import match_value
from rxapp.components.rights import may
from rxapp.permissions import Action
from rxapp.state.customers import CustomersState
from rxapp.state.paging import page_count_var
from rxapp.state.rows import CustomerRow

C = CustomersState


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
    pages = page_count_var(C.total)
    return rx.cond(
        pages > 1,
        rx.hstack(
            rx.button(T["customers.first"], variant="soft", disabled=C.page <= 1, on_click=C.first_page),
            rx.button(T["common.previous"], variant="soft", disabled=C.page <= 1, on_click=C.prev_page),
            rx.text(T.fill("customers.page_of", page=C.page, pages=pages), size="2"),
            rx.button(T["common.next"], variant="soft", disabled=C.page >= pages, on_click=C.next_page),
            rx.button(T["customers.last"], variant="soft", disabled=C.page >= pages, on_click=C.last_page),
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
