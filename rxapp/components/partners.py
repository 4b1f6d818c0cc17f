"""Partnership building blocks shared by the partner pages and the customer invitations page: a partnership's
status badge and the history of ended partnerships."""

from __future__ import annotations

import reflex as rx

from rxapp.components.i18n import T
from rxapp.components.tables import data_table, header_row, status_badge


def partnership_badge(status: rx.Var) -> rx.Component:
    return status_badge(
        T.pick("partners.status.", status), status, ("pending", "blue"), ("accepted", "green"), ("active", "green")
    )


def history_table(state, counterpart_key: str) -> rx.Component:
    return rx.vstack(
        rx.heading(T["partners.history"], size="4", as_="h2"),
        rx.cond(
            state.history.length() > 0,
            data_table(
                T["partners.history"],
                header_row(counterpart_key, "partners.col.started", "partners.col.ended", "common.status"),
                rx.table.body(
                    rx.foreach(
                        state.history,
                        lambda row: rx.table.row(
                            rx.table.row_header_cell(row["name"]),
                            rx.table.cell(row["started_on"]),
                            rx.table.cell(row["ended_on"]),
                            rx.table.cell(partnership_badge(row["status"])),
                        ),
                    )
                ),
            ),
            rx.text(T["partners.history_empty"], color_scheme="gray", size="2"),
        ),
        spacing="3",
        width="100%",
        align="start",
    )
