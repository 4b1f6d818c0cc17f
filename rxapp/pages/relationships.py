"""**Relationships** (`/relationships`): the expiry dashboard. Every time-limited thing between this organization
and others in one table (filters by kind and "expiring within N days", sorted by end date, CSV), with the
actions in place: request an extension, resend, revoke (each confirmed)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.dialogs import confirm_button, edit_dialog
from rxapp.components.forms import error_callout, field, success_callout
from rxapp.components.i18n import T
from rxapp.components.layout import heading_row, page
from rxapp.components.tables import data_table, empty_state, header_row, loading, status_badge
from rxapp.permissions import Action
from rxapp.state.relationships import RelationshipsState
from rxapp.state.rows import RelationshipRow

S = RelationshipsState
KIND_KEYS = ("delegated_admin", "customer_link", "authorization", "enrollment_verification")


def row_view(row: ObjectVar[RelationshipRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.cond(row["kind"] == "enrollment_verification", T["relationships.platform"], row["other"])
        ),
        rx.table.cell(
            rx.vstack(
                rx.text(T.pick("relationships.kind.", row["kind"])),
                rx.cond(
                    row["kind"] == "customer_link",
                    rx.text(T.pick("invitations.purpose.", row["detail"]), size="1", color_scheme="gray"),
                ),
                spacing="0",
            )
        ),
        rx.table.cell(row["start"]),
        rx.table.cell(row["end"]),
        rx.table.cell(row["days_left"]),
        rx.table.cell(
            status_badge(
                T.pick("relationships.status.", row["status"]),
                row["status"],
                ("active", "green"),
                ("pending", "blue"),
                ("expired", "red"),
            )
        ),
        rx.table.cell(
            rx.hstack(
                rx.cond(
                    row["can_extend"] != "",
                    rx.button(
                        T["customers.da_extend"],
                        size="1",
                        variant="soft",
                        on_click=S.open_extend(row["key"].to(str), row["other"].to(str)),
                    ),
                ),
                rx.cond(
                    row["can_resend"] != "",
                    confirm_button(
                        T["relationships.resend"],
                        S.resend(row["key"].to(str)),
                        color="blue",
                        size="1",
                        description=T["relationships.resend_text"],
                        busy=S.busy,
                        max_width="30em",
                    ),
                ),
                rx.cond(
                    row["can_revoke"] != "",
                    confirm_button(
                        T["relationships.revoke"],
                        S.revoke(row["key"].to(str)),
                        size="1",
                        description=rx.cond(
                            row["kind"] == "delegated_admin",
                            T["relationships.revoke_da_text"],
                            T["relationships.revoke_text"],
                        ),
                        max_width="30em",
                    ),
                ),
                spacing="2",
                wrap="wrap",
            )
        ),
        data_testid="relationship-row",
    )


def filters() -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(T["relationships.filter_kind"], size="2", weight="medium"),
            rx.select.root(
                rx.select.trigger(aria_label=T["relationships.filter_kind"]),
                rx.select.content(
                    rx.select.item(T["relationships.all_kinds"], value="all"),
                    *[rx.select.item(T[f"relationships.kind.{k}"], value=k) for k in KIND_KEYS],
                ),
                value=S.kind,
                on_change=S.set_kind,
            ),
            spacing="1",
            width="auto",
        ),
        rx.form(
            rx.hstack(
                rx.box(
                    field(
                        "relationships.within",
                        "within",
                        control_id="within",
                        type="number",
                        required=False,
                        default_value=S.within,
                        error=S.within_error,
                    ),
                    width="12em",
                ),
                rx.button(T["relationships.apply"], type="submit", variant="soft", size="3"),
                align="end",
                spacing="2",
            ),
            on_submit=S.apply_within,
            reset_on_submit=False,
            width="auto",
        ),
        rx.vstack(
            rx.text(T["relationships.sort_label"], size="2", weight="medium"),
            rx.select.root(
                rx.select.trigger(aria_label=T["relationships.sort_label"]),
                rx.select.content(
                    rx.select.item(T["relationships.sort_end"], value="end"),
                    rx.select.item(T["relationships.sort_end_desc"], value="end_desc"),
                ),
                value=S.sort,
                on_change=S.set_sort,
            ),
            spacing="1",
            width="auto",
        ),
        align="end",
        spacing="4",
        wrap="wrap",
        width="100%",
    )


def extend_dialog() -> rx.Component:
    return edit_dialog(
        S.extend_key != "",
        (T["customers.da_extend"], ": ", S.extend_party),
        [
            rx.text(T["relationships.extend_text"], size="2"),
            field(
                "customers.da_days",
                "days",
                control_id="extend-days",
                type="number",
                default_value="365",
                hint_key="customers.da_days_hint",
                error=S.days_error,
            ),
        ],
        submit_label=T["relationships.send_request"],
        on_submit=S.extend,
        on_close=S.close_extend,
        error=rx.Var.create(""),
    )


@page("/relationships", "relationships.nav", action=Action.VIEW_RELATIONSHIPS, on_load=(S.load,), nav=True)
def relationships_page() -> rx.Component:
    return rx.vstack(
        heading_row(
            "relationships.heading",
            rx.button(rx.icon("download", size=16), T["relationships.export"], variant="soft", on_click=S.export),
        ),
        rx.text(T["relationships.intro"], color_scheme="gray"),
        filters(),
        error_callout(S.error),
        success_callout(S.message),
        loading(
            S.loaded,
            rx.cond(
                S.rows.length() > 0,
                data_table(
                    T["relationships.heading"],
                    header_row(
                        "relationships.col.party",
                        "relationships.col.kind",
                        "relationships.col.start",
                        "relationships.col.end",
                        "relationships.col.days_left",
                        "relationships.col.status",
                        "common.actions",
                    ),
                    rx.table.body(rx.foreach(S.rows, row_view)),
                ),
                empty_state("calendar-clock", "relationships.empty"),
            ),
        ),
        extend_dialog(),
        spacing="4",
        width="100%",
        align="start",
    )
