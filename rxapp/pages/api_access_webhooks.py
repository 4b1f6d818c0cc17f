"""The Webhooks page's parts (the page is `webhooks_page` in api_access.py): the event choice, the endpoint
form and cards, the delivery log."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.dialogs import confirm_button
from rxapp.components.forms import card, field, field_error, submit_button
from rxapp.components.i18n import T
from rxapp.components.tables import data_table, header_row, status_badge
from rxapp.services.webhooks import EVENT_TYPES
from rxapp.state.api_access import WebhooksState
from rxapp.state.rows import WebhookDeliveryRow, WebhookEndpointRow

W = WebhooksState


def event_choice(event: str) -> rx.Component:
    control = f"event-{event.replace('.', '-')}"
    return rx.hstack(
        rx.el.input(type="checkbox", name=f"event:{event}", id=control),
        rx.el.label(
            rx.text(T[f"webhooks.event.{event}"], size="2"),
            rx.code(event, size="1"),
            html_for=control,
            style={"display": "flex", "gap": "0.5em", "alignItems": "center", "flexWrap": "wrap"},
        ),
        align="center",
        spacing="2",
    )


def create_endpoint_form() -> rx.Component:
    return card(
        rx.heading(T["webhooks.create_heading"], size="4", as_="h2"),
        rx.form(
            rx.vstack(
                field(
                    "field.webhook_url",
                    "url",
                    control_id="webhook-url",
                    type="url",
                    auto_complete="off",
                    error=W.url_error,
                    placeholder="https://",
                ),
                field(
                    "field.webhook_description",
                    "description",
                    control_id="webhook-description",
                    required=False,
                    max_length=200,
                ),
                rx.el.fieldset(
                    rx.el.legend(T["field.webhook_events"], style={"fontWeight": 500, "fontSize": "14px"}),
                    rx.vstack(*[event_choice(event) for event in EVENT_TYPES], spacing="1"),
                    aria_invalid=rx.cond(W.events_error != "", "true", "false"),
                    aria_describedby="webhook-events-error",
                    style={
                        "border": "1px solid var(--gray-a5)",
                        "borderRadius": "8px",
                        "padding": "0.5em 1em",
                        "width": "100%",
                        "margin": 0,
                    },
                ),
                field_error(W.events_error, "webhook-events-error"),
                submit_button("webhooks.create", W.busy),
                spacing="3",
                width="100%",
            ),
            on_submit=W.create,
            reset_on_submit=True,
        ),
    )


def endpoint_card(row: ObjectVar[WebhookEndpointRow]) -> rx.Component:
    active = row["status"] == "active"
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.code(row["url"], size="2", style={"wordBreak": "break-all"}),
                status_badge(
                    T.pick("webhooks.status.", row["status"]), row["status"], ("active", "green"), ("disabled", "red")
                ),
                align="center",
                wrap="wrap",
            ),
            rx.cond(row["description"] != "", rx.text(row["description"], size="2")),
            rx.text(row["events"], size="1", color_scheme="gray"),
            rx.cond(
                row["reason"] != "",
                rx.text(T["webhooks.disabled_because"], " ", row["reason"], size="2", color_scheme="red"),
            ),
            rx.hstack(
                rx.button(T["webhooks.log"], variant="soft", on_click=W.show_log(row["id"].to(str))),
                rx.cond(
                    active,
                    rx.button(
                        T["webhooks.send_test"],
                        variant="soft",
                        color_scheme="blue",
                        on_click=W.send_test(row["id"].to(str)),
                    ),
                    rx.button(
                        T["webhooks.enable"], variant="soft", color_scheme="green", on_click=W.enable(row["id"].to(str))
                    ),
                ),
                confirm_button(
                    T["webhooks.delete"],
                    W.delete(row["id"].to(str)),
                    title=T["webhooks.delete_title"],
                    description=T["webhooks.delete_text"],
                    max_width="30em",
                ),
                spacing="2",
                wrap="wrap",
            ),
            spacing="2",
            align="start",
            width="100%",
        ),
        width="100%",
    )


def delivery_row(row: ObjectVar[WebhookDeliveryRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.vstack(
                rx.code(row["event"], size="1"),
                rx.cond(row["resent"] != "", rx.text(T["webhooks.resent"], size="1", color_scheme="gray")),
                spacing="1",
            )
        ),
        rx.table.cell(row["created"]),
        rx.table.cell(
            rx.vstack(
                status_badge(
                    T.pick("webhooks.delivery.", row["status"]),
                    row["status"],
                    ("succeeded", "green"),
                    ("failed", "red"),
                    ("pending", "blue"),
                ),
                rx.cond(
                    row["next"] != "",
                    rx.text(T["webhooks.next_attempt"], " ", row["next"], size="1", color_scheme="gray"),
                ),
                rx.cond(row["error"] != "", rx.text(row["error"], size="1", color_scheme="gray")),
                spacing="1",
                align="start",
            )
        ),
        rx.table.cell(row["response"]),
        rx.table.cell(row["duration"]),
        rx.table.cell(row["attempts"]),
        rx.table.cell(
            confirm_button(
                T["webhooks.resend"],
                W.resend(row["id"].to(str)),
                title=T["webhooks.resend_title"],
                description=T["webhooks.resend_text"],
                color="blue",
                max_width="30em",
            )
        ),
    )


def delivery_log() -> rx.Component:
    return rx.cond(
        W.selected != "",
        rx.vstack(
            rx.hstack(
                rx.heading(T["webhooks.log_heading"], size="4", as_="h2"),
                rx.button(
                    rx.icon("refresh-cw", size=14), T["webhooks.refresh"], variant="ghost", on_click=W.refresh_log
                ),
                align="center",
            ),
            rx.text(W.selected_url, size="2", color_scheme="gray"),
            rx.cond(
                W.deliveries.length() > 0,
                data_table(
                    T["webhooks.log_heading"],
                    header_row(
                        "webhooks.col.event",
                        "webhooks.col.created",
                        "common.status",
                        "webhooks.col.response",
                        "webhooks.col.duration",
                        "webhooks.col.attempts",
                        "common.actions",
                    ),
                    rx.table.body(rx.foreach(W.deliveries, delivery_row)),
                ),
                rx.text(T["webhooks.log_empty"], color_scheme="gray"),
            ),
            rx.cond(W.more, rx.button(T["webhooks.older"], variant="soft", on_click=W.older)),
            spacing="3",
            width="100%",
            align="start",
        ),
    )
