"""Find a provider: the public directory of indirect providers, and the platform's choice of who is published."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.countries import country_label
from rxapp.components.forms import error_callout, success_callout
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.components.marketing import marketing_details
from rxapp.components.rights import may
from rxapp.components.tables import data_table, header_row, list_or_empty, search_form
from rxapp.permissions import Action
from rxapp.state.base import AppState
from rxapp.state.partners import DirectoryState
from rxapp.state.rows import DirectoryRow


def directory_card(entry: ObjectVar[DirectoryRow]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(entry["name"], size="4", as_="h2"),
            rx.text(
                country_label(entry),
                rx.cond(entry["city"] != "", " · " + entry["city"].to(str), ""),
                size="2",
                color_scheme="gray",
            ),
            rx.cond(
                entry["programs"] != "",
                rx.text(rx.text.strong(T["partners.directory.programs"], ": "), entry["programs"], size="2"),
            ),
            rx.text(
                rx.text.strong(T["partners.directory.contact"], ": "),
                entry["contact_name"],
                " ",
                entry["contact_email"],
                " ",
                entry["contact_phone"],
                size="2",
            ),
            rx.text(
                rx.text.strong(T["partners.directory.support"], ": "),
                entry["support_email"],
                " ",
                entry["support_phone"],
                " ",
                entry["support_website"],
                size="2",
            ),
            marketing_details(entry),
            spacing="2",
            align="start",
        ),
        width="100%",
        role="article",
        aria_label=entry["name"],
    )


def directory_admin() -> rx.Component:
    return rx.cond(
        may(Action.MANAGE_DIRECTORY),
        rx.vstack(
            rx.heading(T["partners.directory.manage_heading"], size="5", as_="h2"),
            rx.text(T["partners.directory.manage_intro"], color_scheme="gray"),
            error_callout(DirectoryState.manage_error),
            success_callout(DirectoryState.manage_done),
            data_table(
                T["partners.directory.manage_heading"],
                header_row("partners.col.provider", "partners.col.country", "common.status", "common.actions"),
                rx.table.body(
                    rx.foreach(
                        DirectoryState.managed,
                        lambda row: rx.table.row(
                            rx.table.row_header_cell(row["name"]),
                            rx.table.cell(country_label(row)),
                            rx.table.cell(
                                rx.cond(
                                    row["published"] == "True",
                                    rx.badge(T["partners.directory.published"], color_scheme="green"),
                                    rx.badge(T["partners.directory.not_published"], color_scheme="gray"),
                                )
                            ),
                            rx.table.cell(
                                rx.cond(
                                    row["published"] == "True",
                                    rx.button(
                                        T["partners.directory.unpublish"],
                                        variant="soft",
                                        color_scheme="red",
                                        size="2",
                                        on_click=DirectoryState.set_published(row["id"], False),
                                    ),
                                    rx.button(
                                        T["partners.directory.publish"],
                                        variant="soft",
                                        size="2",
                                        on_click=DirectoryState.set_published(row["id"], True),
                                    ),
                                )
                            ),
                        ),
                    )
                ),
            ),
            spacing="3",
            width="100%",
            align="start",
            margin_top="2em",
        ),
    )


@page("/providers/directory", "nav.find_provider", public=True, nav=True, on_load=(DirectoryState.load,))
def directory() -> rx.Component:
    return rx.vstack(
        rx.heading(T["partners.directory.heading"], size="7"),
        rx.text(T["partners.directory.intro"], color_scheme="gray"),
        rx.hstack(
            search_form(DirectoryState.search, T["partners.directory.search"], DirectoryState.query, width="20em"),
            rx.select.root(
                rx.select.trigger(aria_label=T["partners.directory.country"]),
                rx.select.content(
                    rx.select.item(T["partners.directory.all_countries"], value="all"),
                    rx.foreach(
                        DirectoryState.country_choices[AppState.lang].to(list[dict[str, str]]),
                        lambda c: rx.select.item(c["name"], value=c["code"]),
                    ),
                ),
                value=DirectoryState.country,
                on_change=DirectoryState.set_country,
            ),
            spacing="3",
            wrap="wrap",
            align="center",
        ),
        list_or_empty(
            DirectoryState.loaded,
            DirectoryState.entries.length() > 0,
            rx.grid(
                rx.foreach(DirectoryState.entries, directory_card),
                columns=rx.breakpoints(initial="1", md="2"),
                spacing="3",
                width="100%",
            ),
            "search-x",
            "partners.directory.empty",
        ),
        directory_admin(),
        spacing="4",
        width="100%",
    )
