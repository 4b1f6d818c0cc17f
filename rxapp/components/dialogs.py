"""Dialogs. Confirmations (alert dialogs with Cancel and a confirm button; Escape and Cancel close them):
`confirm_button`, a button that opens its own dialog, and `confirm_dialog`, one opened by a state var.
`edit_dialog`: a form in a dialog, opened by a state var."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_components_radix.themes.base import LiteralAccentColor, LiteralVariant
from reflex_components_radix.themes.components.button import LiteralButtonSize

from rxapp.components.forms import error_callout
from rxapp.components.i18n import T


def _buttons(cancel: rx.Component, confirm: rx.Component, **props) -> rx.Component:
    return rx.hstack(rx.alert_dialog.cancel(cancel), confirm, spacing="3", justify="end", **props)


def _cancel_button(**props) -> rx.Component:
    return rx.button(T["common.cancel"], variant="soft", color_scheme="gray", **props)


def confirm_button(
    label: rx.Var,
    on_confirm=None,
    *,
    title: rx.Var | None = None,
    description=None,
    confirm_label: rx.Var | None = None,
    color: LiteralAccentColor = "red",
    variant: LiteralVariant = "soft",
    size: LiteralButtonSize = "2",
    busy: rx.Var | None = None,
    max_width: str | None = None,
    fields: tuple = (),
    on_submit=None,
) -> rx.Component:
    """A button labelled `label` that asks for confirmation before `on_confirm`.

    The dialog's title and its confirm button say `label` unless `title` / `confirm_label` are given. With
    `on_submit` the dialog holds a form of `fields` instead, and its confirm button submits it (the dialog
    stays open until the state closes or changes it)."""
    trigger_props: dict[str, Any] = {"loading": busy} if busy is not None else {}
    content_props: dict[str, Any] = {"max_width": max_width} if max_width else {}
    confirm_label = label if confirm_label is None else confirm_label
    if on_submit is None:
        actions = _buttons(
            _cancel_button(),
            rx.alert_dialog.action(rx.button(confirm_label, color_scheme=color, on_click=on_confirm)),
            margin_top="1em",
        )
    else:
        actions = rx.form(
            rx.vstack(
                *fields,
                _buttons(
                    _cancel_button(type="button"),
                    rx.button(confirm_label, type="submit", color_scheme=color),
                    width="100%",
                ),
                spacing="3",
                width="100%",
                margin_top="1em",
            ),
            on_submit=on_submit,
        )
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(rx.button(label, variant=variant, color_scheme=color, size=size, **trigger_props)),
        rx.alert_dialog.content(
            rx.alert_dialog.title(label if title is None else title),
            rx.alert_dialog.description(description),
            actions,
            **content_props,
        ),
    )


def confirm_dialog(
    open_: rx.Var,
    title: rx.Var,
    body: rx.Component,
    confirm_label: rx.Var,
    on_confirm,
    on_cancel,
    *,
    color: LiteralAccentColor = "red",
) -> rx.Component:
    """An alert dialog shown while `open_` is true (the state asked for confirmation); Cancel and Escape
    call `on_cancel`."""
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(body),
            _buttons(
                _cancel_button(on_click=on_cancel),
                rx.alert_dialog.action(rx.button(confirm_label, color_scheme=color, on_click=on_confirm)),
                margin_top="1em",
            ),
            on_escape_key_down=on_cancel,
        ),
        open=open_,
    )


def edit_dialog(
    open_: rx.Var,
    title: tuple,
    fields: list[rx.Component],
    *,
    submit_label: rx.Var,
    on_submit,
    on_close,
    error: rx.Var,
    busy: rx.Var | bool = False,
) -> rx.Component:
    """A dialog titled by the parts of `title` holding a form of `fields` with Cancel and `submit_label`, shown
    while `open_` is true; Cancel, Escape and a click outside call `on_close`. A refused submit keeps it open
    with the state's `error` shown inside it."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(*title),
            rx.form(
                rx.vstack(
                    error_callout(error),
                    *fields,
                    rx.hstack(
                        rx.button(T["common.cancel"], type="button", variant="soft", on_click=on_close),
                        rx.button(submit_label, type="submit", loading=busy),
                        spacing="3",
                        justify="end",
                        width="100%",
                    ),
                    spacing="3",
                    width="100%",
                ),
                on_submit=on_submit,
            ),
        ),
        open=open_,
        on_open_change=lambda _open: on_close(),
    )
