"""List building blocks: tables with an accessible name, empty states, pagers, link buttons."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from reflex.vars import NumberVar

from rxapp.boundary import limit_for
from rxapp.components.i18n import T
from rxapp.components.matching import match_value
from rxapp.state.paging import page_count_var


def empty_state(icon: str, message_key: str) -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.icon(icon, size=32, color="var(--gray-9)"), rx.text(T[message_key], color_scheme="gray"), align="center"
        ),
        padding="3em",
        width="100%",
        border="1px dashed var(--gray-a6)",
        border_radius="8px",
    )


def pager(page: NumberVar, total: NumberVar, go: Callable) -> rx.Component:
    """Previous / next with "Page N of M" (M from the list's `total`); `go(delta)` is the state's paging event."""
    page_count = page_count_var(total)
    return rx.cond(
        page_count > 1,
        rx.hstack(
            rx.button(T["common.previous"], variant="soft", disabled=page <= 0, on_click=go(-1)),
            rx.text(T["common.page"], " ", page + 1, " / ", page_count, size="2"),
            rx.button(T["common.next"], variant="soft", disabled=page >= page_count - 1, on_click=go(1)),
            align="center",
            spacing="3",
        ),
    )


def paged_table(state, header: rx.Component, rows: rx.Var, render_row: Callable) -> rx.Component:
    """A table of `rows` (`render_row` draws each) with Previous / Next below it (`state` is a PagedList)."""
    return rx.vstack(
        rx.table.root(header, rx.table.body(rx.foreach(rows, render_row)), width="100%"),
        pager(state.page, state.total, state.go),
        spacing="3",
        width="100%",
    )


def header_row(*keys: str) -> rx.Component:
    """A table header with one column header a catalog key."""
    return rx.table.header(rx.table.row(*[rx.table.column_header_cell(T[key]) for key in keys]))


def sortable_header(
    label_key: str, current: rx.Var, ascending: str, descending: str, on_sort: Callable, *, first: str | None = None
) -> rx.Component:
    """A column header that sorts the list: a button (Enter or Space, like a click) that toggles between
    `ascending` and `descending` (the state's sort values), and `aria-sort` on the header cell so screen
    readers say how the column is sorted. `first` is the value a click on an unsorted column picks
    (default `ascending`)."""
    sorted_here = (current == ascending) | (current == descending)
    direction = rx.cond(current == ascending, "ascending", rx.cond(current == descending, "descending", "none"))
    next_value = rx.cond(
        current == ascending, descending, rx.cond(current == descending, ascending, first or ascending)
    )
    icon = rx.cond(
        current == ascending,
        rx.icon("arrow-up", size=14, aria_hidden="true"),
        rx.cond(
            current == descending,
            rx.icon("arrow-down", size=14, aria_hidden="true"),
            rx.icon("arrow-up-down", size=14, aria_hidden="true", opacity="0.5"),
        ),
    )
    return rx.table.column_header_cell(
        rx.el.button(
            T[label_key],
            icon,
            type="button",
            class_name="sort-button",
            on_click=lambda: on_sort(next_value),
            data_sorted=rx.cond(sorted_here, "true", "false"),
        ),
        aria_sort=direction,
    )


def loading(loaded: rx.Var, content: rx.Component) -> rx.Component:
    """`content` once `loaded`, a spinner until then."""
    return rx.cond(loaded, content, rx.center(rx.spinner(size="3"), padding="2em", width="100%"))


def list_or_empty(loaded: rx.Var, any_rows: rx.Var, content: rx.Component, icon: str, empty_key: str) -> rx.Component:
    """A spinner until `loaded`; then `content` when `any_rows` (the list is not empty), else the empty state."""
    return loading(loaded, rx.cond(any_rows, content, empty_state(icon, empty_key)))


def status_badge(label: rx.Var, status: rx.Var, *colors: tuple[str, str], default: str = "gray") -> rx.Component:
    """A badge saying `label`, coloured by `status` through the `(status, color)` pairs."""
    return rx.badge(label, color_scheme=match_value(status, *colors, default))


def search_form(
    on_submit,
    placeholder: rx.Var,
    default_value: rx.Var,
    *,
    name: str = "query",
    label: rx.Var | None = None,
    width: str = "22em",
    **input_props,
) -> rx.Component:
    """A search box (its accessible name is `label`, default the placeholder) with a Search button."""
    input_props.setdefault("max_length", limit_for(name))
    return rx.form(
        rx.hstack(
            rx.input(
                name=name,
                placeholder=placeholder,
                aria_label=placeholder if label is None else label,
                default_value=default_value,
                width=width,
                **input_props,
            ),
            rx.button(T["common.search"], type="submit", variant="soft"),
        ),
        on_submit=on_submit,
        reset_on_submit=False,
    )


def link_button(label: rx.Var, href: rx.Var, **props) -> rx.Component:
    """A link that looks like a button (it navigates, so it is a link for assistive technology)."""
    return rx.button(rx.el.a(label, href=href), as_child=True, variant="soft", size="2", **props)


VISUALLY_HIDDEN = {
    "position": "absolute",
    "width": "1px",
    "height": "1px",
    "overflow": "hidden",
    "clip": "rect(0 0 0 0)",
    "whiteSpace": "nowrap",
}


def data_table(label: rx.Var, header: rx.Component, body: rx.Component) -> rx.Component:
    """A table whose accessible name is `label` (a caption inside the <table>, read by screen readers)."""
    return rx.table.root(rx.el.caption(label, style=VISUALLY_HIDDEN), header, body, width="100%")
