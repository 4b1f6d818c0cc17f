"""The dashboard's enrollment panel: an unenrolled work account's status and the way on, or, after approval,
the seed's step 9 check ("verify that you're in the admin agent group", link to User management)."""

from __future__ import annotations

import reflex as rx

from rxapp.components.i18n import T
from rxapp.state.enrollment import EnrollDashboardState

D = EnrollDashboardState


def unenrolled() -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("info")),
        rx.vstack(
            rx.text(T["enroll.dash.unenrolled"], weight="bold"),
            rx.text(T["enroll.dash.unenrolled_body"]),
            rx.cond(
                D.enrollment_status != "",
                rx.text(
                    T["common.status"],
                    ": ",
                    T.pick("enroll.state.", D.enrollment_status),
                    data_testid="dashboard-enrollment-status",
                ),
            ),
            rx.hstack(
                rx.cond(
                    (D.enrollment_status == "")
                    | (D.enrollment_status == "rejected")
                    | (D.enrollment_status == "draft"),
                    rx.link(T["enroll.status.continue"], href="/enroll"),
                ),
                rx.cond(D.enrollment_status != "", rx.link(T["enroll.view_status"], href="/enroll/status")),
                spacing="4",
            ),
            spacing="2",
            align="start",
        ),
        color_scheme="amber",
        width="100%",
        role="region",
        aria_label=T["enroll.dash.unenrolled"],
    )


def step9() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T["enroll.dash.step9"], size="4", as_="h2"),
            rx.text(T["enroll.dash.step9_body"]),
            rx.cond(
                D.is_admin_agent,
                rx.hstack(
                    rx.icon("circle-check", color="var(--green-9)"),
                    rx.text(T["enroll.dash.is_admin_agent"]),
                    align="center",
                ),
                rx.hstack(
                    rx.icon("triangle-alert", color="var(--amber-9)"),
                    rx.text(T["enroll.dash.not_admin_agent"]),
                    align="center",
                ),
            ),
            rx.link(T["enroll.dash.user_management"], href="/account/users"),
            spacing="3",
            align="start",
        ),
        width="100%",
        role="region",
        aria_label=T["enroll.dash.step9"],
    )


def enrollment_panel() -> rx.Component:
    """Include on the dashboard; loads itself when shown."""
    return rx.box(
        rx.cond(D.unenrolled, unenrolled()),
        rx.cond(D.step9, step9()),
        on_mount=D.load,
        width="100%",
    )
