"""Form building blocks: labelled fields, an error callout and a submit button with a loading state."""

from __future__ import annotations

import reflex as rx

from rxapp.state.base import AppState

T = AppState.t


def field(label_key: str, name: str, *, type: str = "text", required: bool = True, auto_complete: str = "",
          default_value: str | rx.Var = "", hint_key: str | None = None, **props) -> rx.Component:
    """A label above an input; the input's accessible name is the label's text."""
    return rx.vstack(
        rx.el.label(T[label_key], html_for=name, style={"fontWeight": 500, "fontSize": "14px"}),
        rx.input(id=name, name=name, type=type, required=required, auto_complete=auto_complete or None,
                 default_value=default_value, width="100%", size="3", **props),
        rx.cond(hint_key is not None, rx.text(T[hint_key] if hint_key else "", size="1", color_scheme="gray")),
        spacing="1", width="100%", align="start",
    )


def error_callout(message: rx.Var) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout.root(rx.callout.icon(rx.icon("triangle-alert")), rx.callout.text(message),
                        color_scheme="red", role="alert", width="100%"),
    )


def success_callout(message: rx.Var) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout.root(rx.callout.icon(rx.icon("circle-check")), rx.callout.text(message),
                        color_scheme="green", role="status", width="100%"),
    )


def submit_button(label_key: str, busy: rx.Var, **props) -> rx.Component:
    return rx.button(T[label_key], type="submit", loading=busy, size="3", **props)


def card(*children, **props) -> rx.Component:
    return rx.card(rx.vstack(*children, spacing="4", width="100%"), width="100%", size="3", **props)
