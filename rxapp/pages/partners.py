"""Indirect resellers (a provider's partners, invitations and history) and Indirect providers (a reseller's)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.countries import country_label
from rxapp.components.dialogs import confirm_button
from rxapp.components.forms import error_callout, field, notices, submit_button, textarea_field
from rxapp.components.i18n import T
from rxapp.components.layout import heading_row, page
from rxapp.components.partners import history_table, partnership_badge
from rxapp.components.rights import may
from rxapp.components.tables import data_table, header_row, link_button, list_or_empty, search_form
from rxapp.permissions import Action
from rxapp.state.partners import ProvidersState, ResellersState
from rxapp.state.rows import PartnerInvitationRow, PartnershipRow


def invite_error(name: str) -> rx.Var:
    """The invitation's refusal when it is about the field `name` (shown under it)."""
    return rx.cond(ResellersState.invite_field == name, ResellersState.invite_error, "")


def feedback(state) -> rx.Component:
    return notices(state.error, state.success)


def invite_dialog() -> rx.Component:
    by_email = ResellersState.invite_by == "email"
    return rx.dialog.root(
        rx.dialog.trigger(rx.button(rx.icon("mail-plus", size=16), T["partners.invite"])),
        rx.dialog.content(
            rx.dialog.title(T["partners.invite_title"]),
            rx.dialog.description(T["partners.invite_text"], size="2", margin_bottom="1em"),
            rx.form(
                rx.vstack(
                    rx.el.fieldset(
                        rx.el.legend(T["partners.invite_by"], style={"fontWeight": 500, "fontSize": "14px"}),
                        rx.radio_group.root(
                            rx.hstack(
                                rx.el.label(
                                    rx.hstack(
                                        rx.radio_group.item(value="email"),
                                        T["partners.invite_by_email"],
                                        align="center",
                                    )
                                ),
                                rx.el.label(
                                    rx.hstack(
                                        rx.radio_group.item(value="mpn"), T["partners.invite_by_mpn"], align="center"
                                    )
                                ),
                                spacing="4",
                            ),
                            value=ResellersState.invite_by,
                            on_change=ResellersState.set_invite_by,
                        ),
                        style={"border": "none", "padding": 0, "margin": 0},
                    ),
                    rx.cond(
                        by_email,
                        field(
                            "field.reseller_email",
                            "reseller_email",
                            type="email",
                            auto_complete="off",
                            error=invite_error("reseller_email"),
                        ),
                        field(
                            "field.reseller_mpn_id",
                            "reseller_mpn_id",
                            auto_complete="off",
                            input_mode="numeric",
                            error=invite_error("reseller_mpn_id"),
                        ),
                    ),
                    textarea_field(
                        "field.invite_message",
                        "invite_message",
                        rows=None,
                        required=False,
                        hint_key="partners.invite_message_hint",
                        max_length=1000,
                        error=invite_error("invite_message"),
                    ),
                    error_callout(rx.cond(ResellersState.invite_field == "", ResellersState.invite_error, "")),
                    rx.flex(
                        rx.dialog.close(
                            rx.button(T["common.cancel"], type="button", variant="soft", color_scheme="gray")
                        ),
                        submit_button("partners.invite_send", ResellersState.busy),
                        spacing="3",
                        justify="end",
                        width="100%",
                    ),
                    spacing="4",
                    width="100%",
                ),
                on_submit=ResellersState.send_invite,
                reset_on_submit=False,
            ),
            max_width="32em",
        ),
        open=ResellersState.invite_open,
        on_open_change=ResellersState.set_invite_open,
    )


def partner_name(row: ObjectVar[PartnershipRow]) -> rx.Component:
    """The other organization's name, marked while platform staff suspend it."""
    return rx.table.row_header_cell(
        rx.hstack(
            rx.text(row["name"]),
            rx.cond(
                row["partner_status"] == "suspended", rx.badge(T["suspension.partner_suspended"], color_scheme="red")
            ),
            spacing="2",
            align="center",
        )
    )


def reseller_row(row: ObjectVar[PartnershipRow]) -> rx.Component:
    return rx.table.row(
        partner_name(row),
        rx.table.cell(row["mpn_id"]),
        rx.table.cell(country_label(row)),
        rx.table.cell(row["started_on"]),
        rx.table.cell(
            rx.cond(
                may(Action.INVITE_RESELLERS),
                confirm_button(
                    T["partners.end"],
                    ResellersState.end_partnership(row["id"].to(str), row["name"].to(str)),
                    title=T.fill("partners.end_title", name=row["name"]),
                    description=T["partners.end_text"],
                    max_width="30em",
                ),
            )
        ),
    )


def invitation_row(row: ObjectVar[PartnerInvitationRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row["reseller_name"]),
        rx.table.cell(rx.cond(row["sent_to"] != "", row["sent_to"], "MPN ID " + row["mpn_id"].to(str))),
        rx.table.cell(row["sent_on"]),
        rx.table.cell(row["expires_on"]),
        rx.table.cell(partnership_badge(row["status"])),
        rx.table.cell(
            rx.hstack(
                rx.cond(
                    row["can_resend"] == "True",
                    rx.button(
                        T["partners.resend"],
                        variant="soft",
                        size="2",
                        on_click=ResellersState.resend(row["id"].to(str), row["reseller_name"].to(str)),
                    ),
                ),
                rx.cond(
                    row["can_revoke"] == "True",
                    confirm_button(
                        T["partners.revoke"],
                        ResellersState.revoke(row["id"].to(str), row["reseller_name"].to(str)),
                        title=T.fill("partners.revoke_title", name=row["reseller_name"]),
                        description=T["partners.revoke_text"],
                        max_width="30em",
                    ),
                ),
                spacing="2",
            )
        ),
    )


@page(
    "/resellers",
    "nav.indirect_resellers",
    action=Action.VIEW_INDIRECT_RESELLERS,
    nav=True,
    on_load=(ResellersState.load,),
)
def indirect_resellers() -> rx.Component:
    return rx.vstack(
        heading_row("partners.resellers.heading", rx.cond(may(Action.INVITE_RESELLERS), invite_dialog())),
        rx.text(T["partners.resellers.intro"], color_scheme="gray"),
        feedback(ResellersState),
        search_form(ResellersState.search, T["partners.search"], ResellersState.search_text),
        list_or_empty(
            ResellersState.loaded,
            ResellersState.rows.length() > 0,
            data_table(
                T["partners.resellers.heading"],
                header_row(
                    "partners.col.reseller",
                    "partners.col.mpn_id",
                    "partners.col.country",
                    "partners.col.authorized_on",
                    "common.actions",
                ),
                rx.table.body(rx.foreach(ResellersState.rows, reseller_row)),
            ),
            "users",
            "partners.resellers.empty",
        ),
        rx.heading(T["partners.invitations"], size="4", as_="h2", margin_top="1em"),
        rx.cond(
            ResellersState.invitations.length() > 0,
            data_table(
                T["partners.invitations"],
                header_row(
                    "partners.col.reseller",
                    "partners.col.sent_to",
                    "partners.col.sent_on",
                    "partners.col.expires",
                    "common.status",
                    "common.actions",
                ),
                rx.table.body(rx.foreach(ResellersState.invitations, invitation_row)),
            ),
            rx.text(T["partners.invitations_empty"], color_scheme="gray", size="2"),
        ),
        history_table(ResellersState, "partners.col.reseller"),
        rx.text(T["partners.refreshing"], size="1", color_scheme="gray"),
        spacing="4",
        width="100%",
        align="start",
    )


# ------------------------------------------------------------------------------- Indirect providers


def provider_row(row: ObjectVar[PartnershipRow]) -> rx.Component:
    return rx.table.row(
        partner_name(row),
        rx.table.cell(country_label(row)),
        rx.table.cell(
            rx.vstack(  # the contact's email with the contact's phone; support on its own line
                rx.text(
                    row["contact_email"],
                    rx.cond(row["contact_phone"] != "", " · " + row["contact_phone"].to(str), ""),
                    size="2",
                ),
                rx.cond(
                    (row["support_email"] != "") | (row["support_phone"] != ""),
                    rx.text(
                        T["partners.directory.support"],
                        ": ",
                        row["support_email"],
                        rx.cond((row["support_email"] != "") & (row["support_phone"] != ""), " · ", ""),
                        row["support_phone"],
                        size="1",
                        color_scheme="gray",
                    ),
                ),
                spacing="0",
            )
        ),
        rx.table.cell(row["started_on"]),
        rx.table.cell(
            rx.hstack(
                link_button(T["partners.view_customers"], "/customers?provider=" + row["org_id"].to(str)),
                rx.cond(
                    may(Action.INVITE_CUSTOMERS),
                    link_button(T["partners.invite_customer"], "/customers/invite?provider=" + row["org_id"].to(str)),
                ),
                rx.cond(
                    may(Action.AUTHORIZE_PROVIDERS),
                    confirm_button(
                        T["partners.end"],
                        ProvidersState.end_partnership(row["id"].to(str), row["name"].to(str)),
                        title=T.fill("partners.end_title", name=row["name"]),
                        description=T["partners.end_text"],
                        max_width="30em",
                    ),
                ),
                spacing="2",
                wrap="wrap",
            )
        ),
    )


@page(
    "/providers",
    "nav.indirect_providers",
    action=Action.VIEW_INDIRECT_PROVIDERS,
    nav=True,
    on_load=(ProvidersState.load,),
)
def indirect_providers() -> rx.Component:
    return rx.vstack(
        heading_row("partners.providers.heading", rx.link(T["nav.find_provider"], href="/providers/directory")),
        rx.text(T["partners.providers.intro"], color_scheme="gray"),
        feedback(ProvidersState),
        list_or_empty(
            ProvidersState.loaded,
            ProvidersState.rows.length() > 0,
            data_table(
                T["partners.providers.heading"],
                header_row(
                    "partners.col.provider",
                    "partners.col.country",
                    "partners.col.contact",
                    "partners.col.authorized_on",
                    "common.actions",
                ),
                rx.table.body(rx.foreach(ProvidersState.rows, provider_row)),
            ),
            "building-2",
            "partners.providers.empty",
        ),
        history_table(ProvidersState, "partners.col.provider"),
        rx.text(T["partners.refreshing"], size="1", color_scheme="gray"),
        spacing="4",
        width="100%",
        align="start",
    )
