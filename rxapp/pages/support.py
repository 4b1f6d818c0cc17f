"""Support: the partner's requests and tickets, and platform staff's queue. Layout only."""

from __future__ import annotations

import reflex as rx

from rxapp.components.forms import (
    card,
    field,
    select_field,
    state_notices,
    textarea_field,
)
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.components.tables import empty_state, header_row, loading
from rxapp.permissions import Action
from rxapp.state.support import MESSAGE_MAX, SUBJECT_MAX, SupportState


def ticket_detail(staff: bool) -> rx.Component:
    state = SupportState
    return rx.cond(
        state.ticket.contains("subject"),
        card(
            rx.hstack(
                rx.heading("#", state.ticket["id"], " ", state.ticket["subject"], size="4", as_="h2"),
                rx.badge(T.pick("ops.ticket_status.", state.ticket["status"])),
                rx.spacer(),
                rx.button(T["common.close"], variant="ghost", on_click=state.close_detail),
                width="100%",
                align="center",
                wrap="wrap",
            ),
            rx.text(
                state.ticket["org"],
                rx.cond(state.ticket["customer"] != "", rx.fragment(" · ", state.ticket["customer"])),
                size="2",
                color_scheme="gray",
            ),
            rx.vstack(
                rx.foreach(
                    state.messages,
                    lambda m: rx.box(
                        rx.text(
                            rx.text.strong(m["author"]), " · ", m["org"], " · ", m["at"], size="1", color_scheme="gray"
                        ),
                        rx.el.pre(m["body"], style={"whiteSpace": "pre-wrap", "fontFamily": "inherit", "margin": 0}),
                        padding="0.75em",
                        border_radius="6px",
                        width="100%",
                        background=rx.cond(m["staff"].to(bool), "var(--accent-a3)", "var(--gray-a3)"),
                    ),
                ),
                spacing="2",
                width="100%",
                role="log",
                aria_label=T["support.history"],
            ),
            rx.cond(
                state.ticket["status"] != "closed",
                rx.form(
                    rx.vstack(
                        textarea_field(
                            "support.reply_label",
                            "body",
                            control_id="reply-body",
                            rows="3",
                            max_length=MESSAGE_MAX,
                            state=state,
                        ),
                        rx.hstack(
                            rx.button(T["support.answer" if staff else "support.send_reply"], type="submit"),
                            rx.button(
                                T["support.close_ticket"],
                                type="button",
                                variant="soft",
                                color_scheme="gray",
                                on_click=state.close_ticket,
                            ),
                            spacing="3",
                        ),
                        width="100%",
                        spacing="3",
                    ),
                    on_submit=state.reply,
                    reset_on_submit=False,
                    width="100%",
                ),
            ),
        ),
    )


def ticket_table() -> rx.Component:
    return rx.cond(
        SupportState.tickets.length() > 0,
        rx.table.root(
            header_row(
                "support.number",
                "support.subject",
                "support.kind_label",
                "support.org",
                "support.customer",
                "common.status",
                "support.created",
            ),
            rx.table.body(
                rx.foreach(
                    SupportState.tickets,
                    lambda t: rx.table.row(
                        rx.table.cell(t["id"]),
                        rx.table.cell(
                            rx.button(t["subject"], variant="ghost", on_click=SupportState.open_ticket(t["id"]))
                        ),
                        rx.table.cell(T.pick("support.kind.", t["kind"])),
                        rx.table.cell(t["org"]),
                        rx.table.cell(t["customer"]),
                        rx.table.cell(rx.badge(T.pick("ops.ticket_status.", t["status"]))),
                        rx.table.cell(t["created_at"]),
                    ),
                )
            ),
            width="100%",
        ),
        empty_state("life-buoy", "support.empty"),
    )


def customer_request_form() -> rx.Component:
    return card(
        rx.heading(T["support.on_behalf_heading"], size="4", as_="h2"),
        rx.text(T["support.on_behalf_intro"], size="2", color_scheme="gray"),
        rx.cond(
            SupportState.customers.length() > 0,
            rx.form(
                rx.vstack(
                    select_field(
                        "support.customer",
                        "customer",
                        SupportState.customers,
                        on_change=SupportState.pick_customer,
                        value=SupportState.customer_id,
                        control_id="request-customer",
                        required=True,
                    ),
                    select_field(
                        "support.subscription",
                        "subscription",
                        SupportState.customer_subscriptions,
                        blank_key="support.no_subscription",
                        control_id="request-subscription",
                    ),
                    field(
                        "support.subject",
                        "subject",
                        control_id="request-subject",
                        max_length=SUBJECT_MAX,
                        state=SupportState,
                    ),
                    textarea_field(
                        "support.message", "body", control_id="request-body", max_length=MESSAGE_MAX, state=SupportState
                    ),
                    rx.button(T["support.submit_request"], type="submit"),
                    spacing="3",
                    width="100%",
                    align="start",
                ),
                on_submit=SupportState.request_for_customer,
                reset_on_submit=False,
                width="100%",
                aria_label=T["support.on_behalf_heading"],
            ),
            rx.text(T["support.no_customers"], color_scheme="gray"),
        ),
    )


def platform_ticket_form() -> rx.Component:
    return card(
        rx.heading(T["support.platform_heading"], size="4", as_="h2"),
        rx.text(T["support.platform_intro"], size="2", color_scheme="gray"),
        rx.form(
            rx.vstack(
                field(
                    "support.subject",
                    "subject",
                    control_id="ticket-subject",
                    max_length=SUBJECT_MAX,
                    state=SupportState,
                ),
                textarea_field(
                    "support.message", "body", control_id="ticket-body", max_length=MESSAGE_MAX, state=SupportState
                ),
                rx.button(T["support.submit_ticket"], type="submit"),
                spacing="3",
                width="100%",
                align="start",
            ),
            on_submit=SupportState.ticket_to_platform,
            reset_on_submit=False,
            width="100%",
            aria_label=T["support.platform_heading"],
        ),
    )


@page("/support", "nav.support", action=Action.REQUEST_CUSTOMER_SUPPORT, on_load=(SupportState.load,), nav=True)
def support_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.support"], size="7"),
        state_notices(SupportState),
        loading(
            SupportState.loaded,
            rx.vstack(
                ticket_detail(staff=False),
                rx.heading(T["support.list_heading"], size="4", as_="h2"),
                ticket_table(),
                rx.grid(
                    customer_request_form(),
                    rx.cond(SupportState.can_platform, platform_ticket_form()),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="4",
                    width="100%",
                ),
                spacing="4",
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
    )


@page("/platform/support", "nav.platform_support", action=Action.ANSWER_SUPPORT, on_load=(SupportState.load,), nav=True)
def platform_support_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.platform_support"], size="7"),
        rx.text(T["support.staff_intro"], color_scheme="gray"),
        state_notices(SupportState),
        loading(SupportState.loaded, rx.vstack(ticket_detail(staff=True), ticket_table(), spacing="4", width="100%")),
        spacing="4",
        width="100%",
    )
