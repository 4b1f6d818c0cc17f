"""**Customer invitations** (`/customers/invitations`): the reseller's customer links with status and expiry,
Revoke (with confirmation) and New link."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.dialogs import confirm_button
from rxapp.components.forms import card, error_callout, labelled, success_callout
from rxapp.components.i18n import T
from rxapp.components.layout import heading_row, page
from rxapp.components.partners import partnership_badge
from rxapp.components.tables import data_table, empty_state, header_row, loading, pager
from rxapp.permissions import Action
from rxapp.state.invitations import InvitationsState
from rxapp.state.rows import InvitationRow

S = InvitationsState


def invitation_row(row: ObjectVar[InvitationRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.vstack(
                rx.text(row["purpose"], weight="medium"),
                rx.cond(row["detail"] != "", rx.text(row["detail"], size="1", color_scheme="gray")),
                spacing="0",
            )
        ),
        rx.table.cell(row["created"]),
        rx.table.cell(row["created_by"]),
        rx.table.cell(row["expires"]),
        rx.table.cell(row["opened"]),
        rx.table.cell(partnership_badge(row["status"])),
        rx.table.cell(
            rx.hstack(
                rx.cond(
                    row["can_renew"] != "",
                    confirm_button(
                        T["invitations.new_link"],
                        S.renew(row["id"].to(str)),
                        color="blue",
                        title=T["invitations.new_link_title"],
                        description=T["invitations.new_link_text"],
                        busy=S.busy,
                        max_width="30em",
                    ),
                ),
                rx.cond(
                    row["can_revoke"] != "",
                    confirm_button(
                        T["invitations.revoke"],
                        S.revoke(row["id"].to(str)),
                        title=T["invitations.revoke_title"],
                        description=T["invitations.revoke_text"],
                        max_width="30em",
                    ),
                ),
                spacing="2",
                wrap="wrap",
            )
        ),
    )


def new_link_card() -> rx.Component:
    return rx.cond(
        S.new_link != "",
        card(
            labelled(
                "invitations.link_label",
                "new-link",
                rx.vstack(
                    rx.input(id="new-link", value=S.new_link, read_only=True, width="100%"),
                    rx.text(S.new_link_expires, size="1", color_scheme="gray"),
                    spacing="1",
                    width="100%",
                ),
            ),
            rx.button(rx.icon("copy", size=16), T["common.copy"], on_click=S.copy),
        ),
    )


@page("/customers/invitations", "invitations.heading", action=Action.INVITE_CUSTOMERS, on_load=(S.load,))
def invitations_page() -> rx.Component:
    return rx.vstack(
        heading_row(
            "invitations.heading", rx.link(rx.button(T["customers.request"], variant="soft"), href="/customers/request")
        ),
        rx.text(T["invitations.intro"], color_scheme="gray"),
        error_callout(S.error),
        success_callout(S.success),
        new_link_card(),
        loading(
            S.loaded,
            rx.cond(
                S.total > 0,
                rx.vstack(
                    rx.text(T.plural("invitations.total", S.total, field="count"), size="2", color_scheme="gray"),
                    data_table(
                        T["invitations.heading"],
                        header_row(
                            "invitations.col.purpose",
                            "invitations.col.created",
                            "invitations.col.created_by",
                            "invitations.col.expires",
                            "invitations.col.opened",
                            "common.status",
                            "common.actions",
                        ),
                        rx.table.body(rx.foreach(S.rows, invitation_row)),
                    ),
                    pager(S.page, S.total, S.go),
                    spacing="3",
                    width="100%",
                ),
                empty_state("mail", "invitations.empty"),
            ),
        ),
        spacing="4",
        width="100%",
        align="start",
    )
