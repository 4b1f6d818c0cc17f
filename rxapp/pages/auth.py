"""Sign-in and password change pages."""

from __future__ import annotations

import reflex as rx

from rxapp.components.forms import card, error_callout, field, form_error, submit_button
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.state.auth import ChangePasswordState, SignInState
from rxapp.state.dashboard import HomeState


def _password_step() -> rx.Component:
    return rx.vstack(
        rx.heading(T["auth.sign_in_heading"], size="6"),
        rx.text(T["auth.sign_in_intro"], color_scheme="gray"),
        rx.form(
            rx.vstack(
                field("field.email", "email", type="email", auto_complete="username"),
                field("field.password", "password", type="password", auto_complete="current-password"),
                error_callout(SignInState.error),
                submit_button("auth.sign_in", SignInState.busy, width="100%"),
                spacing="4",
                width="100%",
            ),
            on_submit=SignInState.submit,
            reset_on_submit=False,
        ),
        spacing="4",
        width="100%",
    )


def _code_step() -> rx.Component:
    """The second factor: a code of the authenticator app or a recovery code."""
    return rx.vstack(
        rx.heading(T["mfa.code_heading"], size="6"),
        rx.text(T["mfa.code_intro"], color_scheme="gray"),
        rx.form(
            rx.vstack(
                field("field.code", "code", auto_complete="one-time-code", max_length=64, spell_check=False),
                error_callout(SignInState.error),
                submit_button("mfa.verify", SignInState.busy, width="100%"),
                spacing="4",
                width="100%",
            ),
            on_submit=SignInState.submit_code,
            reset_on_submit=False,
        ),
        rx.button(T["mfa.back"], on_click=SignInState.restart, variant="ghost", size="2"),
        spacing="4",
        width="100%",
    )


@page("/signin", "auth.sign_in", public=True)
def sign_in() -> rx.Component:
    return rx.center(
        card(
            rx.cond(SignInState.code_step, _code_step(), _password_step()),
            rx.hstack(
                rx.text(T["auth.new_partner"], size="2"),
                rx.link(T["enroll.cta"], href="/enroll", size="2"),
                spacing="2",
            ),
            max_width="28em",
        ),
        padding_top="4em",
    )


@page("/change-password", "auth.change_password")
def change_password() -> rx.Component:
    return rx.center(
        card(
            rx.heading(T["auth.change_password"], size="6"),
            rx.text(T["auth.change_password_intro"], color_scheme="gray"),
            rx.form(
                rx.vstack(
                    field(
                        "field.current_password",
                        "current_password",
                        type="password",
                        auto_complete="current-password",
                        state=ChangePasswordState,
                    ),
                    field(
                        "field.new_password",
                        "password",
                        type="password",
                        auto_complete="new-password",
                        hint_key="password.rules",
                        state=ChangePasswordState,
                    ),
                    field(
                        "field.confirm_password",
                        "confirm",
                        type="password",
                        auto_complete="new-password",
                        state=ChangePasswordState,
                    ),
                    form_error(ChangePasswordState),
                    submit_button("auth.change_password_submit", ChangePasswordState.busy, width="100%"),
                    spacing="4",
                    width="100%",
                ),
                on_submit=ChangePasswordState.submit,
                reset_on_submit=False,
            ),
            max_width="30em",
        ),
        padding_top="3em",
    )


@page("/", "nav.dashboard", public=True, on_load=(HomeState.route,))
def index() -> rx.Component:
    return rx.center(rx.spinner(size="3"), padding="4em")
