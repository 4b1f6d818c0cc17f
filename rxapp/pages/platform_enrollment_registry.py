"""The registry page's parts (the page is `registry_page` in platform_enrollment.py): the PMC account and
profile rows, their edit dialogs and add forms, the CSV import."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.countries import country_label
from rxapp.components.dialogs import confirm_button, edit_dialog
from rxapp.components.forms import country_field, field, select_field
from rxapp.components.i18n import T
from rxapp.components.tables import header_row
from rxapp.services import registry
from rxapp.state.platform_enrollment import RegistryState
from rxapp.state.rows import PmcAccountRow, RegistryProfileRow

G = RegistryState


def deactivate_dialog(on_confirm) -> rx.Component:
    return confirm_button(T["registry.deactivate"], on_confirm, description=T["registry.deactivate_confirm"], size="1")


def active_badge(active: rx.Var) -> rx.Component:
    return rx.cond(
        active == "True",
        rx.badge(T["registry.active"], color_scheme="green"),
        rx.badge(T["registry.inactive"], color_scheme="gray"),
    )


def pmc_row(a: ObjectVar[PmcAccountRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(a["user_name"]),
        rx.table.cell(a["mpn_ids"]),
        rx.table.cell(active_badge(a["active"])),
        rx.table.cell(
            rx.hstack(
                rx.button(T["registry.edit"], size="1", variant="soft", on_click=G.edit_pmc(a["id"].to(str))),
                rx.cond(
                    a["active"] == "True",
                    deactivate_dialog(G.set_pmc_active(a["id"].to(str), False)),
                    rx.button(
                        T["registry.activate"],
                        size="1",
                        variant="soft",
                        on_click=G.set_pmc_active(a["id"].to(str), True),
                    ),
                ),
                spacing="2",
            )
        ),
    )


def profile_row(p: ObjectVar[RegistryProfileRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(p["mpn_id"]),
        rx.table.cell(p["name"]),
        rx.table.cell(country_label(p)),
        rx.table.cell(active_badge(p["active"])),
        rx.table.cell(rx.cond(p["linked_to"] != "", p["linked_to"], T["registry.not_linked"])),
        rx.table.cell(
            rx.hstack(
                rx.button(T["registry.edit"], size="1", variant="soft", on_click=G.edit_profile(p["id"].to(str))),
                rx.cond(
                    p["active"] == "True",
                    deactivate_dialog(G.set_profile_active(p["id"].to(str), False)),
                    rx.button(
                        T["registry.activate"],
                        size="1",
                        variant="soft",
                        on_click=G.set_profile_active(p["id"].to(str), True),
                    ),
                ),
                spacing="2",
            )
        ),
    )


def edit_pmc_dialog() -> rx.Component:
    return edit_dialog(
        G.editing_pmc.contains("id"),
        (T["registry.edit"], " ", G.editing_pmc["user_name"]),
        [
            field("field.mpn_ids", "edit_mpn_ids", required=False, default_value=G.editing_pmc["mpn_ids"], state=G),
            field(
                "field.new_pmc_password",
                "edit_pmc_password",
                type="password",
                required=False,
                auto_complete="new-password",
                state=G,
            ),
        ],
        submit_label=T["registry.save"],
        on_submit=G.save_pmc,
        on_close=G.close_edit,
        error=rx.cond(G.error_field == "", G.error, ""),
        busy=G.busy,
    )


def edit_profile_dialog() -> rx.Component:
    status_options = [("active", T["registry.active"]), ("inactive", T["registry.inactive"])]
    return edit_dialog(
        G.editing_profile.contains("id"),
        (T["registry.edit"], " ", G.editing_profile["mpn_id"]),
        [
            field("field.profile_name", "profile_name", default_value=G.editing_profile["name"], state=G),
            country_field("country", default_value=G.editing_profile["country"], full_width=False, state=G),
            select_field(
                "field.status",
                "status",
                status_options,
                default_value=G.editing_profile["status"],
                full_width=False,
                state=G,
            ),
        ],
        submit_label=T["registry.save"],
        on_submit=G.save_profile,
        on_close=G.close_edit,
        error=rx.cond(G.error_field == "", G.error, ""),
    )


def add_pmc_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(T["registry.add_pmc"], size="3", as_="h3"),
            rx.grid(
                field("registry.user_name", "user_name", auto_complete="off", state=G),
                field("field.password", "password", type="password", auto_complete="new-password", state=G),
                field("field.mpn_ids", "mpn_ids", required=False, state=G),
                columns=rx.breakpoints(initial="1", md="3"),
                spacing="3",
                width="100%",
            ),
            rx.button(T["registry.add"], type="submit", loading=G.busy),
            spacing="3",
            width="100%",
            align="start",
        ),
        key=G.pmc_form,
        on_submit=G.add_pmc,
        reset_on_submit=False,
    )


def add_profile_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(T["registry.add_profile"], size="3", as_="h3"),
            rx.grid(
                field("field.mpn_id", "mpn_id", auto_complete="off", state=G),
                field("field.profile_name", "new_profile_name", state=G),
                country_field("new_country", default_value="KR", full_width=False, state=G),
                field("field.pmc_users", "pmc_users", required=False, state=G),
                columns=rx.breakpoints(initial="1", md="4"),
                spacing="3",
                width="100%",
            ),
            rx.button(T["registry.add"], type="submit"),
            spacing="3",
            width="100%",
            align="start",
        ),
        key=G.profile_form,
        on_submit=G.add_profile,
        reset_on_submit=False,  # a refused add keeps what was typed; a saved one draws the form anew
    )


def labelled_upload(label: rx.Var, *children: rx.Component, **props) -> rx.Component:
    """`rx.upload` whose hidden file input has an accessible name (Reflex makes the input without props)."""
    upload = rx.upload(*children, **props)
    file_input = upload.children[0].children[0]
    if not isinstance(file_input, rx.Component):
        raise TypeError("rx.upload's first child no longer holds its file input")
    file_input.custom_attrs["aria-label"] = label
    return upload


def import_section() -> rx.Component:
    return rx.vstack(
        rx.heading(T["registry.import"], size="4", as_="h2"),
        rx.text(T["registry.import_intro"], size="2", color_scheme="gray"),
        labelled_upload(
            T["registry.import_choose"],
            rx.button(T["registry.import_choose"], variant="outline", type="button"),
            id="registry_csv",
            accept={"text/csv": [".csv"]},
            max_files=1,
            multiple=False,
            max_size=registry.MAX_IMPORT_BYTES,
            border="1px dashed var(--gray-a7)",
            padding="1em",
        ),
        rx.hstack(rx.foreach(rx.selected_files("registry_csv"), lambda name: rx.text(name, size="2"))),
        rx.button(T["registry.import"], on_click=G.import_csv(rx.upload_files(upload_id="registry_csv"))),
        rx.cond(
            G.report_summary != "",
            rx.vstack(
                rx.heading(T["registry.import_report"], size="3", as_="h3"),
                rx.text(G.report_summary, role="status"),
                rx.table.root(
                    header_row("registry.row", "field.mpn_id", "registry.result"),
                    rx.table.body(
                        rx.foreach(
                            G.report,
                            lambda e: rx.table.row(
                                rx.table.cell(e["row"]),
                                rx.table.cell(e["mpn_id"]),
                                rx.table.cell(
                                    rx.text(e["message"], color_scheme=rx.cond(e["ok"] == "1", "green", "red"))
                                ),
                            ),
                        )
                    ),
                    width="100%",
                ),
                width="100%",
            ),
        ),
        spacing="3",
        width="100%",
        align="start",
    )
