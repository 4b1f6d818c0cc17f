"""Service health: the posts about the customers' services, and platform staff's form. Layout only."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.forms import (
    card,
    field,
    select_field,
    state_notices,
    textarea_field,
)
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.components.matching import match_value
from rxapp.components.tables import empty_state, loading
from rxapp.permissions import Action
from rxapp.state.health import DESCRIPTION_MAX, TITLE_MAX, HealthState
from rxapp.state.rows import HealthRow

FAMILIES = [
    ("office_365", "ops.family.office_365"),
    ("microsoft_365", "ops.family.microsoft_365"),
    ("azure", "ops.family.azure"),
    ("dynamics_365", "ops.family.dynamics_365"),
]
HEALTH_STATUSES = [
    ("incident", "health.status.incident"),
    ("advisory", "health.status.advisory"),
    ("healthy", "health.status.healthy"),
    ("resolved", "health.status.resolved"),
]


def health_card(e: ObjectVar[HealthRow], staff: bool) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge(T.pick("ops.family.", e["family"]), variant="outline"),
                rx.badge(
                    T.pick("health.status.", e["status"]),
                    color_scheme=match_value(e["status"], ("incident", "red"), ("advisory", "amber"), "green"),
                ),
                rx.text(e["posted_at"], size="1", color_scheme="gray"),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.text(e["title"], weight="bold"),
            rx.cond(e["description"] != "", rx.text(e["description"], size="2")),
            rx.cond(
                e["customers"] != "", rx.text(T["health.affects"], " ", e["customers"], size="2", color_scheme="gray")
            ),
            rx.cond(
                staff & ~e["resolved"].to(bool),
                rx.button(T["health.resolve"], size="1", variant="soft", on_click=HealthState.resolve(e["id"].to(str))),
            ),
            spacing="2",
            align="start",
            width="100%",
        ),
        width="100%",
        role="article",
        aria_label=e["title"],
    )


@page(
    "/service-health",
    "nav.service_health",
    action=Action.VIEW_CUSTOMER_SERVICE_HEALTH,
    on_load=(HealthState.load,),
    nav=True,
)
def service_health_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.service_health"], size="7"),
        rx.text(T["health.intro"], color_scheme="gray"),
        state_notices(HealthState),
        loading(
            HealthState.loaded,
            rx.cond(
                HealthState.entries.length() > 0,
                rx.vstack(rx.foreach(HealthState.entries, lambda e: health_card(e, False)), spacing="3", width="100%"),
                empty_state("activity", "health.empty"),
            ),
        ),
        spacing="4",
        width="100%",
    )


@page(
    "/platform/service-health",
    "nav.platform_health",
    action=Action.POST_SERVICE_HEALTH,
    on_load=(HealthState.load,),
    nav=True,
)
def platform_health_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.platform_health"], size="7"),
        state_notices(HealthState),
        card(
            rx.heading(T["health.post_heading"], size="4", as_="h2"),
            rx.form(
                rx.vstack(
                    rx.grid(
                        select_field(
                            "health.service",
                            "family",
                            [(v, T[k]) for v, k in FAMILIES],
                            control_id="health-family",
                            state=HealthState,
                        ),
                        select_field(
                            "common.status",
                            "status",
                            [(v, T[k]) for v, k in HEALTH_STATUSES],
                            control_id="health-status",
                        ),
                        columns="2",
                        spacing="3",
                        width="100%",
                    ),
                    field("health.title", "title", control_id="health-title", max_length=TITLE_MAX, state=HealthState),
                    textarea_field(
                        "health.description",
                        "description",
                        control_id="health-description",
                        required=False,
                        max_length=DESCRIPTION_MAX,
                        state=HealthState,
                    ),
                    rx.button(T["health.post"], type="submit"),
                    spacing="3",
                    width="100%",
                    align="start",
                ),
                on_submit=HealthState.post,
                reset_on_submit=False,
                width="100%",
            ),
        ),
        loading(
            HealthState.loaded,
            rx.vstack(rx.foreach(HealthState.entries, lambda e: health_card(e, True)), spacing="3", width="100%"),
        ),
        spacing="4",
        width="100%",
    )
