"""Platform › Partner organizations: suspend (reason, confirmation) and reinstate resellers and providers."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.dialogs import confirm_button, edit_dialog
from rxapp.components.forms import field_error, label, notices
from rxapp.components.i18n import T
from rxapp.components.layout import heading_row, page
from rxapp.components.tables import data_table, header_row, list_or_empty, search_form, status_badge
from rxapp.permissions import Action
from rxapp.state.rows import PartnerOrgRow
from rxapp.state.suspension import PartnerOrgsState as S


def _actions(row: ObjectVar[PartnerOrgRow]) -> rx.Component:
    return rx.cond(
        row["status"] == "suspended",
        confirm_button(
            T["suspension.reinstate"],
            S.reinstate(row["id"].to(str)),
            title=T["suspension.reinstate_title"],
            description=rx.text(row["name"], ": ", T["suspension.reinstate_body"]),
            color="green",
        ),
        rx.button(
            T["suspension.suspend"],
            variant="soft",
            color_scheme="red",
            size="2",
            on_click=S.open_suspend(row["id"].to(str), row["name"].to(str)),
        ),
    )


def _row(row: ObjectVar[PartnerOrgRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row["name"]),
        rx.table.cell(T.pick("suspension.kind.", row["kind"])),
        rx.table.cell(row["mpn_id"]),
        rx.table.cell(
            status_badge(
                T.pick("suspension.status.", row["status"]), row["status"], ("active", "green"), ("suspended", "red")
            )
        ),
        rx.table.cell(row["reason"]),
        rx.table.cell(_actions(row)),
    )


def _suspend_dialog() -> rx.Component:
    reason = rx.vstack(
        label("suspension.reason", "suspension_reason"),
        rx.text_area(
            id="suspension_reason",
            name="suspension_reason",
            required=True,
            rows="3",
            width="100%",
            max_length=500,
            aria_invalid=rx.cond(S.reason_error != "", "true", "false"),
            aria_describedby="suspension_reason-hint suspension_reason-error",
        ),
        rx.text(T["suspension.reason_hint"], size="1", color_scheme="gray", id="suspension_reason-hint"),
        field_error(S.reason_error, "suspension_reason-error"),
        spacing="1",
        width="100%",
    )
    return edit_dialog(
        S.target_id != "",
        (T["suspension.suspend_title"].replace("{name}", S.target_name),),
        [rx.text(T["suspension.suspend_warning"], size="2"), reason],
        submit_label=T["suspension.suspend"],
        on_submit=S.suspend,
        on_close=S.close_suspend,
        error=S.dialog_error,
        busy=S.busy,
    )


@page("/platform/partners", "nav.platform_partners", action=Action.SUSPEND_PARTNERS, on_load=(S.load,), nav=True)
def partner_organizations() -> rx.Component:
    return rx.vstack(
        heading_row("suspension.heading"),
        rx.text(T["suspension.intro"], color_scheme="gray"),
        search_form(S.search, T["suspension.search"], S.query, max_length=200),
        notices(S.error, S.done),
        list_or_empty(
            S.loaded,
            S.rows.length() > 0,
            data_table(
                T["suspension.heading"],
                header_row(
                    "suspension.col.organization",
                    "suspension.col.kind",
                    "suspension.col.mpn_id",
                    "common.status",
                    "suspension.col.reason",
                    "common.actions",
                ),
                rx.table.body(rx.foreach(S.rows, _row)),
            ),
            "building-2",
            "suspension.empty",
        ),
        _suspend_dialog(),
        spacing="4",
        width="100%",
        align="start",
    )
