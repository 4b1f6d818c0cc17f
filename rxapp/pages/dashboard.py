"""The dashboard: a greeting and the areas this user may open."""

from __future__ import annotations

import reflex as rx

from rxapp.components.enrollment_panel import enrollment_panel
from rxapp.components.i18n import T
from rxapp.components.layout import NAV_ITEMS, allowed, page
from rxapp.state.base import AppState


def tile(route: str, title_key: str) -> rx.Component:
    return rx.link(
        rx.card(rx.hstack(rx.text(T[title_key], weight="medium"), rx.icon("chevron-right", size=16),
                          justify="between", width="100%")),
        href=route, underline="none", width="100%",
    )


def tiles() -> rx.Component:
    cards = [allowed(tile(route, title_key), action) for route, title_key, action in NAV_ITEMS
             if route != "/dashboard"]
    return rx.grid(*cards, columns=rx.breakpoints(initial="1", sm="2", md="3"), spacing="3", width="100%")


@page("/dashboard", "nav.dashboard")
def dashboard() -> rx.Component:
    return rx.vstack(
        rx.heading(T["dashboard.heading"], size="7"),
        rx.text(T["dashboard.welcome"], " ", rx.text.strong(AppState.user_name), " · ", AppState.org_name),
        enrollment_panel(),
        tiles(),
        spacing="4", width="100%",
    )
