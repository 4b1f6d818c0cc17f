"""List building blocks: empty states and pagers."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from rxapp.state.base import AppState

T = AppState.t


def empty_state(icon: str, message_key: str) -> rx.Component:
    return rx.center(
        rx.vstack(rx.icon(icon, size=32, color="var(--gray-9)"), rx.text(T[message_key], color_scheme="gray"),
                  align="center"),
        padding="3em", width="100%", border="1px dashed var(--gray-a6)", border_radius="8px",
    )


def pager(page: rx.Var, page_count: rx.Var, go: Callable) -> rx.Component:
    """Previous / next with "Page N of M"; `go(delta)` is the state's paging event."""
    return rx.cond(
        page_count > 1,
        rx.hstack(
            rx.button(T["common.previous"], variant="soft", disabled=page <= 0, on_click=go(-1)),
            rx.text(T["common.page"], " ", page + 1, " / ", page_count, size="2"),
            rx.button(T["common.next"], variant="soft", disabled=page >= page_count - 1, on_click=go(1)),
            align="center", spacing="3",
        ),
    )
