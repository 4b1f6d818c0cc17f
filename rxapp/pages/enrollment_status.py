"""`/enroll/status` (the applicant's application) and `/enroll/verify/[token]` (the primary contact's
confirmation)."""

from __future__ import annotations

import reflex as rx

from rxapp.components.countries import country_label
from rxapp.components.forms import (
    card,
    error_callout,
    success_callout,
)
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.state.enrollment import EnrollStatusState, VerifyEnrollmentState


def row(label_key: str, value: rx.Var) -> rx.Component:
    return rx.data_list.item(rx.data_list.label(T[label_key]), rx.data_list.value(value))


@page("/enroll/status", "enroll.status.heading", on_load=(EnrollStatusState.load,))
def enroll_status() -> rx.Component:
    e = EnrollStatusState.enrollment
    return rx.vstack(
        rx.heading(T["enroll.status.heading"], size="7"),
        error_callout(EnrollStatusState.error),
        success_callout(EnrollStatusState.info),
        rx.cond(
            EnrollStatusState.loaded,
            rx.cond(
                EnrollStatusState.has,
                card(
                    rx.hstack(
                        rx.text(T["common.status"], ":"),
                        rx.badge(T.pick("enroll.state.", e["status"]), size="3", data_testid="enrollment-status"),
                        align="center",
                    ),
                    rx.text(T.pick("enroll.state_desc.", e["status"])),
                    rx.data_list.root(
                        row("enroll.label.organization", e["org_name"]),
                        row("enroll.label.mpn", e["mpn_id"]),
                        row("enroll.label.country", country_label(e)),
                        row("enroll.label.contact", e["contact_email"]),
                        row("enroll.label.submitted", e["submitted_at"]),
                        rx.cond(e["verified_at"] != "", row("enroll.label.verified", e["verified_at"])),
                        rx.cond(e["decided_at"] != "", row("enroll.label.decided", e["decided_at"])),
                        rx.cond(e["rejection_reason"] != "", row("enroll.label.reason", e["rejection_reason"])),
                    ),
                    rx.cond(
                        e["status"] == "pending_verification",
                        rx.button(T["enroll.resend"], on_click=EnrollStatusState.resend, variant="outline"),
                    ),
                    rx.cond(e["status"] == "rejected", rx.link(T["enroll.status.continue"], href="/enroll")),
                    max_width="44em",
                ),
                card(
                    rx.text(T["enroll.status.none"]),
                    rx.link(T["enroll.status.continue"], href="/enroll"),
                    max_width="44em",
                ),
            ),
            rx.spinner(),
        ),
        spacing="4",
        width="100%",
    )


# ------------------------------------------------------------------------------------------- verification


@page("/enroll/verify/[token]", "enroll.verify.heading", public=True, on_load=(VerifyEnrollmentState.load,))
def enroll_verify() -> rx.Component:
    v = VerifyEnrollmentState
    return rx.center(
        card(
            rx.heading(T["enroll.verify.heading"], size="6"),
            rx.cond(
                ~v.loaded,
                rx.spinner(),
                rx.cond(
                    v.verified,
                    rx.callout.root(
                        rx.callout.icon(rx.icon("circle-check")),
                        rx.callout.text(T["enroll.verify.done"]),
                        color_scheme="green",
                        role="status",
                    ),
                    rx.cond(
                        v.valid,
                        rx.vstack(
                            rx.text(T["enroll.verify.body"]),
                            rx.data_list.root(
                                row("enroll.label.organization", v.org), row("enroll.label.contact", v.contact)
                            ),
                            error_callout(v.error),
                            rx.button(T["enroll.verify.confirm"], size="3", on_click=v.confirm, loading=v.busy),
                            spacing="4",
                            width="100%",
                        ),
                        error_callout(v.error),
                    ),
                ),
            ),
            max_width="36em",
        ),
        padding_top="3em",
    )
