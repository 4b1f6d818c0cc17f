"""The dashboard: a greeting, the enrollment panel and the to-do list of what waits for this user."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.enrollment_panel import enrollment_panel
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.components.matching import match_component, match_value
from rxapp.components.tables import empty_state, loading
from rxapp.state.base import AppState
from rxapp.state.dashboard import DashboardState
from rxapp.state.rows import TodoRow

TODO_KEYS = (
    "enrollments_to_review",
    "customer_invitations",
    "reseller_invitations",
    "delegated_admin_expiring",
    "partner_delegated_admin_expiring",
    "customers_without_delegated_admin",
    "open_tickets",
    "new_leads",
)
ICONS = {
    "enrollments_to_review": "clipboard-check",
    "customer_invitations": "mail",
    "reseller_invitations": "mail",
    "delegated_admin_expiring": "shield-alert",
    "partner_delegated_admin_expiring": "shield-alert",
    "customers_without_delegated_admin": "shield-off",
    "open_tickets": "life-buoy",
    "new_leads": "sparkles",
}


def todo_text(item: ObjectVar[TodoRow]) -> rx.Var:
    count = item["count"].to(int)
    return match_value(
        item["key"], *[(key, T.plural(f"dashboard.todo.{key}", count, field="count")) for key in TODO_KEYS], ""
    )


def todo_icon(item: ObjectVar[TodoRow]) -> rx.Component:
    return match_component(
        item["key"],
        *[(key, rx.icon(icon, size=18, aria_hidden="true")) for key, icon in ICONS.items()],
        rx.icon("circle", size=18, aria_hidden="true"),
    )


def age(item: ObjectVar[TodoRow]) -> rx.Component:
    days = item["days"]
    return rx.cond(
        days != "",
        rx.badge(
            rx.cond(
                days == "0",
                T["dashboard.todo.since_today"],
                T.plural("dashboard.todo.waiting_days", days.to(int), field="days"),
            ),
            color_scheme="gray",
            variant="soft",
        ),
    )


def todo_item(item: ObjectVar[TodoRow]) -> rx.Component:
    return rx.el.li(
        rx.link(
            rx.card(
                rx.hstack(
                    rx.hstack(todo_icon(item), rx.text(todo_text(item), weight="medium"), align="center", spacing="3"),
                    rx.hstack(age(item), rx.icon("chevron-right", size=16, aria_hidden="true"), align="center"),
                    justify="between",
                    align="center",
                    width="100%",
                    wrap="wrap",
                )
            ),
            href=item["href"].to(str),
            underline="none",
            color="inherit",
            width="100%",
            display="block",
        ),
        style={"listStyle": "none"},
    )


def todo_list() -> rx.Component:
    return rx.vstack(
        rx.heading(T["dashboard.todo.heading"], size="5", as_="h2"),
        loading(
            DashboardState.todo_loaded,
            rx.cond(
                DashboardState.todo.length() > 0,
                rx.el.ul(
                    rx.foreach(DashboardState.todo, todo_item),
                    style={
                        "display": "flex",
                        "flexDirection": "column",
                        "gap": "0.5em",
                        "padding": 0,
                        "margin": 0,
                        "width": "100%",
                    },
                    aria_label=T["dashboard.todo.heading"],
                ),
                empty_state("circle-check", "dashboard.todo.empty"),
            ),
        ),
        spacing="3",
        width="100%",
    )


@page("/dashboard", "nav.dashboard", on_load=(DashboardState.load,))
def dashboard() -> rx.Component:
    return rx.vstack(
        rx.heading(T["dashboard.heading"], size="7"),
        rx.text(T["dashboard.welcome"], " ", rx.text.strong(AppState.user_name), " · ", AppState.org_name),
        enrollment_panel(),
        todo_list(),
        spacing="4",
        width="100%",
    )
