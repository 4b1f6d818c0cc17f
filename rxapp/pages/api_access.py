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
from rxapp.pages.api_access_webhooks import create_endpoint_form, delivery_log, endpoint_card
from rxapp.permissions import Action
from rxapp.state.api_access import ADMIN_ROLES, AGENT_ROLES, EXPIRY_CHOICES, ApiAccessState, WebhooksState
from rxapp.state.rows import ApiClientRow

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


# --- Webhooks (its sections in api_access_webhooks.py) ----------------------------------------------------


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
