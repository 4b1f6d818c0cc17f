"""**Incentives** (`/incentives`): a partner's eligibility, billed base and estimated earning per program and
month, tied to its MPN ID, with CSV. **Incentive programs** (`/platform/incentives`): platform staff define them."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.dialogs import confirm_button
from rxapp.components.forms import card, error_callout, field, field_error, success_callout
from rxapp.components.i18n import T
from rxapp.components.layout import heading_row, page
from rxapp.components.tables import data_table, empty_state, header_row, loading, status_badge
from rxapp.permissions import Action
from rxapp.services.incentives import FAMILIES, PARTNER_KINDS
from rxapp.state.incentives import IncentiveProgramsState, IncentivesState
from rxapp.state.rows import EarningRow, ProgramRow

S, P = IncentivesState, IncentiveProgramsState


def overview_row(row: ObjectVar[EarningRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row["program"]),
        rx.table.cell(row["month"]),
        rx.table.cell(
            rx.vstack(
                status_badge(
                    rx.cond(row["eligible"] == "yes", T["common.yes"], T["common.no"]),
                    row["eligible"],
                    ("yes", "green"),
                    ("no", "gray"),
                ),
                rx.cond(
                    row["reason"] != "",
                    rx.text(T.pick("incentives.reason.", row["reason"]), size="1", color_scheme="gray"),
                ),
                spacing="1",
                align="start",
            )
        ),
        rx.table.cell(row["base"], text_align="right"),
        rx.table.cell(row["earning"], text_align="right"),
    )


@page("/incentives", "incentives.nav", action=Action.VIEW_INCENTIVES, on_load=(S.load,), nav=True)
def incentives_page() -> rx.Component:
    return rx.vstack(
        heading_row(
            "incentives.heading",
            rx.button(rx.icon("download", size=16), T["incentives.export"], variant="soft", on_click=S.export),
        ),
        rx.text(T["incentives.intro"], color_scheme="gray"),
        rx.text(T["incentives.mpn_id"], ": ", rx.code(S.mpn_id), data_testid="incentives-mpn"),
        error_callout(S.error),
        loading(
            S.loaded,
            rx.cond(
                S.rows.length() > 0,
                data_table(
                    T["incentives.heading"],
                    header_row(
                        "incentives.col.program",
                        "incentives.col.month",
                        "incentives.col.eligible",
                        "incentives.col.base",
                        "incentives.col.earning",
                    ),
                    rx.table.body(rx.foreach(S.rows, overview_row)),
                ),
                empty_state("badge-percent", "incentives.empty"),
            ),
        ),
        spacing="4",
        width="100%",
        align="start",
    )


def _choices(group: str, prefix: str, values: tuple[str, ...], label_prefix: str, error: rx.Var) -> rx.Component:
    """Checkboxes named `<prefix>:<value>` under the group's legend, its error below them."""
    return rx.el.fieldset(
        rx.el.legend(rx.text(T[f"incentives.field.{group}"], size="2", weight="medium")),
        rx.hstack(
            *[
                rx.hstack(
                    rx.el.input(type="checkbox", name=f"{prefix}:{value}", id=f"{group}-{value}"),
                    rx.el.label(rx.text(T[f"{label_prefix}{value}"], size="2"), html_for=f"{group}-{value}"),
                    align="center",
                    spacing="1",
                )
                for value in values
            ],
            wrap="wrap",
            spacing="4",
        ),
        field_error(error),
        style={"border": "none", "padding": 0, "margin": 0},
    )


def program_form() -> rx.Component:
    return card(
        rx.heading(T["incentives.new_program"], size="4", as_="h2"),
        rx.form(
            rx.vstack(
                field("incentives.field.name", "name", control_id="program-name", error=P.name_error, max_length=200),
                _choices("families", "family", FAMILIES, "ops.family.", P.families_error),
                field(
                    "incentives.field.rate",
                    "rate",
                    control_id="program-rate",
                    error=P.rate_error,
                    hint_key="incentives.rate_hint",
                    input_mode="decimal",
                ),
                rx.hstack(
                    field("incentives.field.starts_on", "starts_on", type="date", error=P.starts_on_error),
                    field("incentives.field.ends_on", "ends_on", type="date", error=P.ends_on_error),
                    width="100%",
                    spacing="4",
                ),
                _choices("kinds", "kind", PARTNER_KINDS, "incentives.kind.", P.partner_kinds_error),
                field(
                    "incentives.field.countries",
                    "countries",
                    control_id="program-countries",
                    required=False,
                    hint_key="incentives.countries_hint",
                    error=P.countries_error,
                ),
                rx.button(T["incentives.create"], type="submit"),
                spacing="3",
                width="100%",
                align="start",
            ),
            on_submit=P.create,
            key=P.form_key,
            reset_on_submit=False,
        ),
    )


def _badges(codes: rx.Var, prefix: str) -> rx.Component:
    """Comma-separated codes (product families, partner kinds) as translated badges."""
    return rx.hstack(
        rx.foreach(codes.to(str).split(","), lambda code: rx.badge(T.pick(prefix, code), variant="soft")),
        wrap="wrap",
        spacing="1",
    )


def program_row(row: ObjectVar[ProgramRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row["name"]),
        rx.table.cell(_badges(row["families"], "ops.family.")),
        rx.table.cell(row["rate"], "%"),
        rx.table.cell(row["dates"]),
        rx.table.cell(_badges(row["kinds"], "incentives.kind.")),
        rx.table.cell(rx.cond(row["countries"] != "", row["countries"], T["incentives.all_countries"])),
        rx.table.cell(
            confirm_button(
                T["incentives.delete"],
                P.delete(row["id"].to(str)),
                size="1",
                description=T["incentives.delete_text"],
                max_width="30em",
            )
        ),
    )


@page("/platform/incentives", "incentives.programs_nav", action=Action.MANAGE_INCENTIVES, on_load=(P.load,), nav=True)
def programs_page() -> rx.Component:
    return rx.vstack(
        heading_row("incentives.programs_heading"),
        rx.text(T["incentives.programs_intro"], color_scheme="gray"),
        error_callout(P.error),
        success_callout(P.success),
        program_form(),
        loading(
            P.loaded,
            rx.cond(
                P.programs.length() > 0,
                data_table(
                    T["incentives.programs_heading"],
                    header_row(
                        "incentives.field.name",
                        "incentives.field.families",
                        "incentives.field.rate",
                        "incentives.col.dates",
                        "incentives.field.kinds",
                        "incentives.field.countries",
                        "common.actions",
                    ),
                    rx.table.body(rx.foreach(P.programs, program_row)),
                ),
                empty_state("badge-percent", "incentives.no_programs"),
            ),
        ),
        spacing="4",
        width="100%",
        align="start",
    )
