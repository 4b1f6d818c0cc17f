"""Account settings › **API access** (`/account/api`) and **Webhooks** (`/account/webhooks`), Global admins only:
API clients (the secret shown once with Copy; Rotate and Revoke after confirmation) and webhook endpoints (the
signing secret once; Send test event, Enable, Delete; the delivery log with Resend)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.dialogs import confirm_button
from rxapp.components.forms import card, field, field_error, notices, select_field, submit_button
from rxapp.components.i18n import T
from rxapp.components.layout import heading_row, page
from rxapp.components.tables import data_table, header_row, list_or_empty, status_badge
from rxapp.permissions import Action
from rxapp.services.webhooks import EVENT_TYPES
from rxapp.state.api_access import ADMIN_ROLES, AGENT_ROLES, EXPIRY_CHOICES, ApiAccessState, WebhooksState
from rxapp.state.rows import ApiClientRow, WebhookDeliveryRow, WebhookEndpointRow

A, W = ApiAccessState, WebhooksState


def secret_once(secret: rx.Var, name: rx.Var, heading_key: str, warning_key: str, on_done) -> rx.Component:
    """The secret, once: shown with Copy until Done (or the next visit of the page)."""
    return rx.cond(
        secret != "",
        card(
            rx.heading(T[heading_key], size="5", as_="h2"),
            rx.text(name, weight="medium"),
            rx.code(secret, size="3", data_testid="secret-once", style={"userSelect": "all", "wordBreak": "break-all"}),
            rx.callout.root(
                rx.callout.icon(rx.icon("triangle-alert")),
                rx.callout.text(T[warning_key]),
                color_scheme="amber",
                role="note",
            ),
            rx.hstack(
                rx.button(
                    rx.icon("copy", size=16),
                    T["common.copy"],
                    on_click=[rx.set_clipboard(secret), rx.toast(T["common.copied"])],
                    variant="soft",
                ),
                rx.button(T["common.done"], on_click=on_done),
            ),
        ),
    )


# --- API access -----------------------------------------------------------------------------------------


def client_row(row: ObjectVar[ApiClientRow]) -> rx.Component:
    active = row["status"] == "active"
    return rx.table.row(
        rx.table.row_header_cell(
            rx.vstack(rx.text(row["name"], weight="medium"), rx.code(row["prefix"], size="1"), spacing="1")
        ),
        rx.table.cell(row["roles"]),
        rx.table.cell(
            rx.vstack(rx.text(row["created"]), rx.text(row["created_by"], size="1", color_scheme="gray"), spacing="0")
        ),
        rx.table.cell(row["expires"]),
        rx.table.cell(row["last_used"]),
        rx.table.cell(
            status_badge(
                T.pick("api.status.", row["status"]),
                row["status"],
                ("active", "green"),
                ("revoked", "red"),
                ("expired", "gray"),
            )
        ),
        rx.table.cell(
            rx.cond(
                active,
                rx.hstack(
                    confirm_button(
                        T["api.rotate"],
                        A.rotate(row["id"].to(str)),
                        title=T["api.rotate_title"],
                        description=T["api.rotate_text"],
                        color="amber",
                        max_width="30em",
                    ),
                    confirm_button(
                        T["api.revoke"],
                        A.revoke(row["id"].to(str)),
                        title=T["api.revoke_title"],
                        description=T["api.revoke_text"],
                        max_width="30em",
                    ),
                    spacing="2",
                    wrap="wrap",
                ),
            )
        ),
    )


def create_client_form() -> rx.Component:
    return card(
        rx.heading(T["api.create_heading"], size="4", as_="h2"),
        rx.form(
            rx.vstack(
                field(
                    "field.api_client_name",
                    "name",
                    control_id="api-client-name",
                    max_length=100,
                    auto_complete="off",
                    error=A.name_error,
                ),
                rx.flex(
                    select_field(
                        "field.agent_role",
                        "agent_role",
                        [(role, T[f"role.{role}"]) for role in AGENT_ROLES],
                        control_id="api-agent-role",
                        default_value="admin_agent",
                        full_width=False,
                    ),
                    select_field(
                        "field.admin_role",
                        "admin_role",
                        [(role, T[f"role.{role}"]) for role in ADMIN_ROLES],
                        control_id="api-admin-role",
                        default_value="not_an_admin",
                        full_width=False,
                    ),
                    select_field(
                        "field.api_expiry",
                        "expires_in_days",
                        [(days, T[f"api.expiry.{days}"]) for days in EXPIRY_CHOICES],
                        control_id="api-expiry",
                        default_value="90",
                        full_width=False,
                    ),
                    gap="4",
                    wrap="wrap",
                ),
                field_error(A.role_error, "api-roles-error"),
                field_error(A.expiry_error, "api-expiry-error"),
                rx.text(T["api.roles_hint"], size="1", color_scheme="gray"),
                submit_button("api.create", A.busy),
                spacing="3",
                width="100%",
            ),
            on_submit=A.create,
            reset_on_submit=True,
        ),
    )


@page("/account/api", "nav.api_access", action=Action.MANAGE_API_CLIENTS, nav=True, on_load=(A.load,))
def api_access() -> rx.Component:
    return rx.vstack(
        heading_row(
            "api.heading",
            rx.link(
                rx.button(rx.icon("book-open", size=16), T["api.docs"], variant="soft"),
                href="/api/v1/docs",
                is_external=True,
            ),
        ),
        rx.text(T["api.intro"], color_scheme="gray"),
        notices(A.error, A.success),
        secret_once(A.secret, A.secret_name, "api.secret_heading", "api.secret_warning", A.done),
        create_client_form(),
        list_or_empty(
            A.loaded,
            A.rows.length() > 0,
            data_table(
                T["api.heading"],
                header_row(
                    "api.col.name",
                    "api.col.roles",
                    "api.col.created",
                    "api.col.expires",
                    "api.col.last_used",
                    "common.status",
                    "common.actions",
                ),
                rx.table.body(rx.foreach(A.rows, client_row)),
            ),
            "key-round",
            "api.empty",
        ),
        spacing="4",
        width="100%",
        align="start",
    )


# --- Webhooks -------------------------------------------------------------------------------------------


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


@page("/account/webhooks", "nav.webhooks", action=Action.MANAGE_WEBHOOKS, nav=True, on_load=(W.load,))
def webhooks_page() -> rx.Component:
    return rx.vstack(
        heading_row("webhooks.heading"),
        rx.text(T["webhooks.intro"], color_scheme="gray"),
        notices(W.error, W.success),
        secret_once(W.secret, W.secret_url, "webhooks.secret_heading", "webhooks.secret_warning", W.done),
        create_endpoint_form(),
        list_or_empty(
            W.loaded,
            W.endpoints.length() > 0,
            rx.vstack(rx.foreach(W.endpoints, endpoint_card), spacing="3", width="100%"),
            "webhook",
            "webhooks.empty",
        ),
        delivery_log(),
        spacing="4",
        width="100%",
        align="start",
    )
