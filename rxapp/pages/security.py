"""Sign-in security (multi-factor sign-in, the organization's requirement) and the unblock link's page."""

from __future__ import annotations

import reflex as rx

from rxapp.components.dialogs import confirm_button, confirm_dialog
from rxapp.components.forms import card, error_callout, field, notices, submit_button, success_callout
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.components.rights import may
from rxapp.permissions import Action
from rxapp.state.security import SecurityState as S
from rxapp.state.security import UnblockState


def _code_field(control_id: str) -> rx.Component:
    return field(
        "field.code",
        "code",
        control_id=control_id,
        auto_complete="one-time-code",
        input_mode="numeric",
        max_length=64,
        spell_check=False,
    )


def _status() -> rx.Component:
    return rx.cond(
        S.enabled,
        rx.vstack(
            rx.hstack(
                rx.badge(T["mfa.on"], color_scheme="green", size="2"),
                rx.text(T["mfa.codes_left"], " ", S.codes_left, size="2"),
                align="center",
                wrap="wrap",
            ),
            confirm_button(T["mfa.new_codes"], S.new_codes, description=T["mfa.new_codes_confirm"], color="amber"),
            spacing="3",
            align="start",
        ),
        rx.vstack(
            rx.badge(T["mfa.off"], color_scheme="gray", size="2"),
            rx.cond(
                S.platform,
                rx.callout.root(rx.callout.text(T["mfa.platform_requires"]), color_scheme="amber"),
                rx.cond(S.required, rx.callout.root(rx.callout.text(T["mfa.must_enroll"]), color_scheme="amber")),
            ),
            rx.cond(S.setup_key == "", rx.button(T["mfa.set_up"], on_click=S.start_setup, size="3")),
            spacing="3",
            align="start",
            width="100%",
        ),
    )


def _setup() -> rx.Component:
    return rx.cond(
        S.setup_key != "",
        card(
            rx.text(T["mfa.scan"]),
            rx.image(src=S.setup_qr, alt=T["mfa.qr_alt"], width="200px", height="200px"),
            rx.vstack(
                rx.text(T["mfa.key"], weight="medium", size="2"),
                rx.code(S.setup_key, size="4", id="totp-key", data_testid="totp-key"),
                spacing="1",
            ),
            rx.form(
                rx.vstack(_code_field("setup-code"), submit_button("mfa.confirm", S.busy), spacing="3"),
                on_submit=S.confirm_setup,
                reset_on_submit=False,
            ),
            max_width="32em",
        ),
    )


def _recovery_codes() -> rx.Component:
    return rx.cond(
        S.recovery_codes.length() > 0,
        card(
            rx.heading(T["mfa.recovery_heading"], size="4"),
            rx.text(T["mfa.recovery_intro"]),
            rx.el.ul(
                rx.foreach(S.recovery_codes, lambda code: rx.el.li(rx.code(code, size="3"))),
                aria_label=T["mfa.recovery_heading"],
                style={"columns": 2, "listStyle": "none", "padding": 0},
            ),
            rx.button(T["mfa.recovery_done"], on_click=S.codes_stored, size="3"),
            max_width="32em",
        ),
    )


def _policy() -> rx.Component:
    return rx.cond(
        may(Action.MANAGE_SECOND_FACTOR),
        card(
            rx.heading(T["mfa.require_heading"], size="4"),
            rx.el.label(
                rx.hstack(
                    rx.checkbox(
                        checked=S.org_requires, on_change=S.set_requirement, size="3", aria_label=T["mfa.require_label"]
                    ),
                    T["mfa.require_label"],
                    align="center",
                    spacing="2",
                )
            ),
            rx.text(T["mfa.require_hint"], size="2", color_scheme="gray"),
            max_width="44em",
        ),
    )


def _platform_reset() -> rx.Component:
    return rx.cond(
        S.platform & may(Action.MANAGE_SECOND_FACTOR),
        card(
            rx.heading(T["mfa.platform_reset_heading"], size="4"),
            rx.text(T["mfa.platform_reset_hint"], size="2", color_scheme="gray"),
            rx.form(
                rx.hstack(
                    field("field.email", "email", control_id="reset-email", type="email"),
                    rx.button(T["mfa.reset"], type="submit", color_scheme="amber", size="3"),
                    align="end",
                    spacing="3",
                    width="100%",
                ),
                on_submit=S.ask_platform_reset,
                reset_on_submit=True,
            ),
            confirm_dialog(
                S.reset_email != "",
                T["mfa.reset"],
                rx.fragment(S.reset_email, ": ", T["mfa.reset_confirm"]),
                T["mfa.reset"],
                S.platform_reset,
                S.cancel_platform_reset,
                color="amber",
            ),
            max_width="44em",
        ),
    )


@page("/account/security", "nav.security", nav=True, on_load=(S.load,))
def security() -> rx.Component:
    return rx.vstack(
        rx.heading(T["mfa.heading"], size="7"),
        rx.text(T["mfa.intro"], color_scheme="gray", max_width="44em"),
        notices(S.error, S.message),
        rx.cond(
            S.loaded,
            rx.vstack(_status(), _setup(), _recovery_codes(), _policy(), _platform_reset(), spacing="4", width="100%"),
            rx.spinner(),
        ),
        spacing="4",
        width="100%",
    )


@page("/unblock/[token]", "unblock.title", public=True, on_load=(UnblockState.load,))
def unblock() -> rx.Component:
    return rx.center(
        card(
            rx.heading(T["unblock.title"], size="6"),
            rx.cond(
                UnblockState.done,
                rx.vstack(success_callout(T["unblock.done"]), rx.link(T["auth.sign_in"], href="/signin"), spacing="3"),
                rx.vstack(
                    rx.text(T["unblock.body"]),
                    error_callout(UnblockState.error),
                    rx.button(T["unblock.submit"], on_click=UnblockState.confirm, loading=UnblockState.busy, size="3"),
                    spacing="3",
                    align="start",
                ),
            ),
            max_width="32em",
        ),
        padding_top="4em",
    )
