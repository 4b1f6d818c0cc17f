"""Find a provider, Indirect resellers (provider), Indirect providers (reseller) and the authorization link."""

from __future__ import annotations

import reflex as rx

from rxapp.components.countries import by_country_name, country_name
from rxapp.components.dialogs import confirm_button
from rxapp.components.forms import card, error_callout, field, notices, submit_button, success_callout, textarea_field
from rxapp.components.i18n import T
from rxapp.components.layout import heading_row, page
from rxapp.components.marketing import marketing_details
from rxapp.components.tables import header_row, list_or_empty, search_form, status_badge
from rxapp.permissions import Action
from rxapp.state.base import AppState
from rxapp.state.partners import AuthorizeState, DirectoryState, ProvidersState, ResellersState


def _fill(key: str, **values) -> rx.Var:
    """A catalog text with `{name}` fields filled from vars (formatting, and Korean particles, in the
    browser)."""
    return T.fill(key, **values)


def link_button(label: rx.Var, href: rx.Var, **props) -> rx.Component:
    """A link that looks like a button (it navigates, so it is a link for assistive technology)."""
    return rx.button(rx.el.a(label, href=href), as_child=True, variant="soft", size="2", **props)


VISUALLY_HIDDEN = {"position": "absolute", "width": "1px", "height": "1px", "overflow": "hidden",
                   "clip": "rect(0 0 0 0)", "whiteSpace": "nowrap"}


def data_table(label: rx.Var, header: rx.Component, body: rx.Component) -> rx.Component:
    """A table whose accessible name is `label` (a caption inside the <table>, read by screen readers)."""
    return rx.table.root(rx.el.caption(label, style=VISUALLY_HIDDEN), header, body, width="100%")


def partnership_badge(status: rx.Var) -> rx.Component:
    return status_badge(T.pick("partners.status.", status), status,
                        ("pending", "blue"), ("accepted", "green"), ("active", "green"))


def history_table(state, counterpart_key: str) -> rx.Component:
    return rx.vstack(
        rx.heading(T["partners.history"], size="4", as_="h2"),
        rx.cond(
            state.history.length() > 0,
            data_table(
                T["partners.history"],
                header_row(counterpart_key, "partners.col.started", "partners.col.ended", "common.status"),
                rx.table.body(rx.foreach(state.history, lambda row: rx.table.row(
                    rx.table.row_header_cell(row["name"]), rx.table.cell(row["started_on"]),
                    rx.table.cell(row["ended_on"]), rx.table.cell(partnership_badge(row["status"])),
                ))),
            ),
            rx.text(T["partners.history_empty"], color_scheme="gray", size="2"),
        ),
        spacing="3", width="100%", align="start",
    )


def invite_error(name: str) -> rx.Var:
    """The invitation's refusal when it is about the field `name` (shown under it)."""
    return rx.cond(ResellersState.invite_field == name, ResellersState.invite_error, "")


def feedback(state) -> rx.Component:
    return notices(state.error, state.success)


# ------------------------------------------------------------------------------------------ directory


def directory_card(entry: dict) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(entry["name"], size="4", as_="h2"),
            rx.text(country_name(entry["country"]), rx.cond(entry["city"] != "", " · " + entry["city"], ""), size="2",
                    color_scheme="gray"),
            rx.cond(entry["programs"] != "",
                    rx.text(rx.text.strong(T["partners.directory.programs"], ": "), entry["programs"], size="2")),
            rx.text(rx.text.strong(T["partners.directory.contact"], ": "), entry["contact_name"], " ",
                    entry["contact_email"], " ", entry["contact_phone"], size="2"),
            rx.text(rx.text.strong(T["partners.directory.support"], ": "), entry["support_email"], " ",
                    entry["support_phone"], " ", entry["support_website"], size="2"),
            marketing_details(entry),
            spacing="2", align="start",
        ),
        width="100%", role="article", aria_label=entry["name"],
    )


def directory_admin() -> rx.Component:
    return rx.cond(
        AppState.rights.contains(Action.MANAGE_DIRECTORY.value),
        rx.vstack(
            rx.heading(T["partners.directory.manage_heading"], size="5", as_="h2"),
            rx.text(T["partners.directory.manage_intro"], color_scheme="gray"),
            error_callout(DirectoryState.manage_error),
            success_callout(DirectoryState.manage_done),
            data_table(
                T["partners.directory.manage_heading"],
                header_row("partners.col.provider", "partners.col.country", "common.status", "common.actions"),
                rx.table.body(rx.foreach(DirectoryState.managed, lambda row: rx.table.row(
                    rx.table.row_header_cell(row["name"]),
                    rx.table.cell(country_name(row["country"])),
                    rx.table.cell(rx.cond(row["published"] == "True",
                                          rx.badge(T["partners.directory.published"], color_scheme="green"),
                                          rx.badge(T["partners.directory.not_published"], color_scheme="gray"))),
                    rx.table.cell(rx.cond(
                        row["published"] == "True",
                        rx.button(T["partners.directory.unpublish"], variant="soft", color_scheme="red", size="2",
                                  on_click=DirectoryState.set_published(row["id"], False)),
                        rx.button(T["partners.directory.publish"], variant="soft", size="2",
                                  on_click=DirectoryState.set_published(row["id"], True)),
                    )),
                ))),
            ),
            spacing="3", width="100%", align="start", margin_top="2em",
        ),
    )


@page("/providers/directory", "nav.find_provider", public=True, nav=True, on_load=(DirectoryState.load,))
def directory() -> rx.Component:
    return rx.vstack(
        rx.heading(T["partners.directory.heading"], size="7"),
        rx.text(T["partners.directory.intro"], color_scheme="gray"),
        rx.hstack(
            search_form(DirectoryState.search, T["partners.directory.search"], DirectoryState.query, width="20em",
                        max_length=100),
            rx.select.root(
                rx.select.trigger(aria_label=T["partners.directory.country"]),
                rx.select.content(
                    rx.select.item(T["partners.directory.all_countries"], value="all"),
                    rx.foreach(by_country_name(DirectoryState.countries),
                               lambda c: rx.select.item(country_name(c["code"]), value=c["code"])),
                ),
                value=DirectoryState.country, on_change=DirectoryState.set_country,
            ),
            spacing="3", wrap="wrap", align="center",
        ),
        list_or_empty(
            DirectoryState.loaded, DirectoryState.entries.length() > 0,
            rx.grid(rx.foreach(DirectoryState.entries, directory_card), columns=rx.breakpoints(initial="1", md="2"),
                    spacing="3", width="100%"),
            "search-x", "partners.directory.empty",
        ),
        directory_admin(),
        spacing="4", width="100%",
    )


# ------------------------------------------------------------------------------- Indirect resellers


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
                                rx.el.label(rx.hstack(rx.radio_group.item(value="email"),
                                                      T["partners.invite_by_email"], align="center")),
                                rx.el.label(rx.hstack(rx.radio_group.item(value="mpn"),
                                                      T["partners.invite_by_mpn"], align="center")),
                                spacing="4",
                            ),
                            value=ResellersState.invite_by, on_change=ResellersState.set_invite_by,
                        ),
                        style={"border": "none", "padding": 0, "margin": 0},
                    ),
                    rx.cond(
                        by_email,
                        field("field.reseller_email", "reseller_email", type="email", auto_complete="off",
                              max_length=254, error=invite_error("reseller_email")),
                        field("field.reseller_mpn_id", "reseller_mpn_id", auto_complete="off", max_length=20,
                              input_mode="numeric", error=invite_error("reseller_mpn_id")),
                    ),
                    textarea_field("field.invite_message", "invite_message", rows=None, required=False,
                                   hint_key="partners.invite_message_hint", max_length=1000,
                                   error=invite_error("invite_message")),
                    error_callout(rx.cond(ResellersState.invite_field == "", ResellersState.invite_error, "")),
                    rx.flex(
                        rx.dialog.close(rx.button(T["common.cancel"], type="button", variant="soft",
                                                  color_scheme="gray")),
                        submit_button("partners.invite_send", ResellersState.busy),
                        spacing="3", justify="end", width="100%",
                    ),
                    spacing="4", width="100%",
                ),
                on_submit=ResellersState.send_invite, reset_on_submit=False,
            ),
            max_width="32em",
        ),
        open=ResellersState.invite_open, on_open_change=ResellersState.set_invite_open,
    )


def partner_name(row: dict) -> rx.Component:
    """The other organization's name, marked while platform staff suspend it."""
    return rx.table.row_header_cell(rx.hstack(
        rx.text(row["name"]),
        rx.cond(row["partner_status"] == "suspended",
                rx.badge(T["suspension.partner_suspended"], color_scheme="red")),
        spacing="2", align="center"))


def reseller_row(row: dict) -> rx.Component:
    return rx.table.row(
        partner_name(row),
        rx.table.cell(row["mpn_id"]),
        rx.table.cell(row["country"]),
        rx.table.cell(row["started_on"]),
        rx.table.cell(rx.cond(
            AppState.rights.contains(Action.INVITE_RESELLERS.value),
            confirm_button(T["partners.end"], ResellersState.end_partnership(row["id"], row["name"]),
                           title=_fill("partners.end_title", name=row["name"]), description=T["partners.end_text"],
                           max_width="30em"),
        )),
    )


def invitation_row(row: dict) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row["reseller_name"]),
        rx.table.cell(rx.cond(row["sent_to"] != "", row["sent_to"], "MPN ID " + row["mpn_id"])),
        rx.table.cell(row["sent_on"]),
        rx.table.cell(row["expires_on"]),
        rx.table.cell(partnership_badge(row["status"])),
        rx.table.cell(rx.hstack(
            rx.cond(row["can_resend"] == "True",
                    rx.button(T["partners.resend"], variant="soft", size="2",
                              on_click=ResellersState.resend(row["id"], row["reseller_name"]))),
            rx.cond(row["can_revoke"] == "True",
                    confirm_button(T["partners.revoke"], ResellersState.revoke(row["id"], row["reseller_name"]),
                                   title=_fill("partners.revoke_title", name=row["reseller_name"]),
                                   description=T["partners.revoke_text"], max_width="30em")),
            spacing="2",
        )),
    )


@page("/resellers", "nav.indirect_resellers", action=Action.VIEW_INDIRECT_RESELLERS, nav=True,
      on_load=(ResellersState.load,))
def indirect_resellers() -> rx.Component:
    return rx.vstack(
        heading_row("partners.resellers.heading",
                    rx.cond(AppState.rights.contains(Action.INVITE_RESELLERS.value), invite_dialog())),
        rx.text(T["partners.resellers.intro"], color_scheme="gray"),
        feedback(ResellersState),
        search_form(ResellersState.search, T["partners.search"], ResellersState.search_text, max_length=100),
        list_or_empty(
            ResellersState.loaded, ResellersState.rows.length() > 0,
            data_table(
                T["partners.resellers.heading"],
                header_row("partners.col.reseller", "partners.col.mpn_id", "partners.col.country",
                           "partners.col.authorized_on", "common.actions"),
                rx.table.body(rx.foreach(ResellersState.rows, reseller_row)),
            ),
            "users", "partners.resellers.empty",
        ),
        rx.heading(T["partners.invitations"], size="4", as_="h2", margin_top="1em"),
        rx.cond(
            ResellersState.invitations.length() > 0,
            data_table(
                T["partners.invitations"],
                header_row("partners.col.reseller", "partners.col.sent_to", "partners.col.sent_on",
                           "partners.col.expires", "common.status", "common.actions"),
                rx.table.body(rx.foreach(ResellersState.invitations, invitation_row)),
            ),
            rx.text(T["partners.invitations_empty"], color_scheme="gray", size="2"),
        ),
        history_table(ResellersState, "partners.col.reseller"),
        rx.text(T["partners.refreshing"], size="1", color_scheme="gray"),
        spacing="4", width="100%", align="start",
    )


# ------------------------------------------------------------------------------- Indirect providers


def provider_row(row: dict) -> rx.Component:
    return rx.table.row(
        partner_name(row),
        rx.table.cell(row["country"]),
        rx.table.cell(rx.vstack(  # the contact's email with the contact's phone; support on its own line
            rx.text(row["contact_email"], rx.cond(row["contact_phone"] != "", " · " + row["contact_phone"], ""),
                    size="2"),
            rx.cond((row["support_email"] != "") | (row["support_phone"] != ""),
                    rx.text(T["partners.directory.support"], ": ", row["support_email"],
                            rx.cond((row["support_email"] != "") & (row["support_phone"] != ""), " · ", ""),
                            row["support_phone"], size="1", color_scheme="gray")),
            spacing="0")),
        rx.table.cell(row["started_on"]),
        rx.table.cell(rx.hstack(
            link_button(T["partners.view_customers"], "/customers?provider=" + row["org_id"]),
            rx.cond(AppState.rights.contains(Action.INVITE_CUSTOMERS.value),
                    link_button(T["partners.invite_customer"], "/customers/invite?provider=" + row["org_id"])),
            rx.cond(AppState.rights.contains(Action.AUTHORIZE_PROVIDERS.value),
                    confirm_button(T["partners.end"], ProvidersState.end_partnership(row["id"], row["name"]),
                                   title=_fill("partners.end_title", name=row["name"]),
                                   description=T["partners.end_text"], max_width="30em")),
            spacing="2", wrap="wrap",
        )),
    )


@page("/providers", "nav.indirect_providers", action=Action.VIEW_INDIRECT_PROVIDERS, nav=True,
      on_load=(ProvidersState.load,))
def indirect_providers() -> rx.Component:
    return rx.vstack(
        heading_row("partners.providers.heading", rx.link(T["nav.find_provider"], href="/providers/directory")),
        rx.text(T["partners.providers.intro"], color_scheme="gray"),
        feedback(ProvidersState),
        list_or_empty(
            ProvidersState.loaded, ProvidersState.rows.length() > 0,
            data_table(
                T["partners.providers.heading"],
                header_row("partners.col.provider", "partners.col.country", "partners.col.contact",
                           "partners.col.authorized_on", "common.actions"),
                rx.table.body(rx.foreach(ProvidersState.rows, provider_row)),
            ),
            "building-2", "partners.providers.empty",
        ),
        history_table(ProvidersState, "partners.col.provider"),
        rx.text(T["partners.refreshing"], size="1", color_scheme="gray"),
        spacing="4", width="100%", align="start",
    )


# ------------------------------------------------------------------------------ the authorization link


def provider_details() -> rx.Component:
    view = AuthorizeState.view
    return rx.vstack(
        rx.heading(view["provider_name"], size="5", as_="h2"),
        rx.text(view["provider_country"], rx.cond(view["provider_city"] != "", " · " + view["provider_city"], ""),
                size="2", color_scheme="gray"),
        rx.cond(view["provider_programs"] != "",
                rx.text(rx.text.strong(T["partners.directory.programs"], ": "), view["provider_programs"], size="2")),
        rx.text(rx.text.strong(T["partners.directory.contact"], ": "), view["provider_contact_email"], size="2"),
        rx.text(rx.text.strong(T["partners.directory.support"], ": "), view["provider_support_email"], " ",
                view["provider_support_phone"], " ", view["provider_website"], size="2"),
        rx.cond(view["invited_by"] != "", rx.text(_fill("partners.authorize.invited_by", name=view["invited_by"]),
                                                  size="2")),
        rx.cond(view["message"] != "", rx.blockquote(view["message"], size="2")),
        spacing="1", align="start", width="100%",
    )


def decision() -> rx.Component:
    view = AuthorizeState.view
    return rx.cond(
        AuthorizeState.can_authorize,
        rx.vstack(
            rx.el.label(
                rx.hstack(
                    rx.checkbox(checked=AuthorizeState.agreed, on_change=AuthorizeState.set_agreed,
                                id="authorize-check"),
                    rx.text(_fill("partners.authorize.check", provider=view["provider_name"]), size="2"),
                    align="start", spacing="2",
                ),
            ),
            error_callout(AuthorizeState.error),
            rx.hstack(
                rx.button(T["partners.authorize.submit"], disabled=~AuthorizeState.agreed,
                          loading=AuthorizeState.busy, on_click=AuthorizeState.authorize, size="3"),
                confirm_button(T["partners.authorize.decline"], AuthorizeState.decline,
                               title=_fill("partners.authorize.decline_title", provider=view["provider_name"]),
                               description=T["partners.authorize.decline_text"], color="gray", max_width="30em"),
                spacing="3", align="center",
            ),
            spacing="3", width="100%", align="start",
        ),
        rx.callout.root(rx.callout.icon(rx.icon("shield-alert")), rx.callout.text(AuthorizeState.role_message),
                        color_scheme="red", role="alert", width="100%"),
    )


def other_account_button() -> rx.Component:
    return rx.button(T["partners.authorize.other_account"], variant="soft",
                     on_click=AuthorizeState.use_other_account)


@page("/authorize/[token]", "partners.authorize.title", public=True, on_load=(AuthorizeState.load,))
def authorize() -> rx.Component:
    view = AuthorizeState.view
    return rx.center(
        card(
            rx.heading(T["partners.authorize.title"], size="6"),
            rx.cond(
                ~AuthorizeState.loaded,
                rx.spinner(),
                rx.cond(
                    AuthorizeState.link_error != "",
                    rx.vstack(
                        rx.callout.root(rx.callout.icon(rx.icon("link-2-off")),
                                        rx.callout.text(AuthorizeState.link_error), color_scheme="red",
                                        role="alert", width="100%"),
                        rx.text(_fill("partners.authorize.signed_in_as", email=AppState.user_email), size="2",
                                color_scheme="gray"),
                        rx.cond(AuthorizeState.wrong_account, other_account_button()),
                        spacing="3", width="100%", align="start",
                    ),
                    rx.cond(
                        AuthorizeState.outcome != "",
                        rx.vstack(
                            rx.callout.root(rx.callout.icon(rx.icon("circle-check")),
                                            rx.callout.text(AuthorizeState.outcome_text),
                                            color_scheme=rx.cond(AuthorizeState.outcome == "authorized", "green",
                                                                 "gray"),
                                            role="status", width="100%"),
                            rx.cond(AuthorizeState.outcome == "authorized",
                                    rx.link(T["partners.authorize.go_providers"], href="/providers")),
                            spacing="3", width="100%", align="start",
                        ),
                        rx.vstack(
                            rx.text(_fill("partners.authorize.invites", provider=view["provider_name"],
                                          reseller=view["reseller_name"]), weight="medium"),
                            provider_details(),
                            rx.callout.root(
                                rx.callout.icon(rx.icon("info")),
                                rx.callout.text(rx.text.strong(T["partners.authorize.note_title"], " "),
                                                T["partners.authorize.note"]),
                                color_scheme="blue", width="100%",
                            ),
                            rx.text(_fill("partners.authorize.expires", date=view["expires_on"]), size="1",
                                    color_scheme="gray"),
                            rx.text(_fill("partners.authorize.signed_in_as", email=AppState.user_email), size="1",
                                    color_scheme="gray"),
                            decision(),
                            rx.cond(~AuthorizeState.can_authorize, other_account_button()),
                            spacing="4", width="100%", align="start",
                        ),
                    ),
                ),
            ),
            max_width="40em",
        ),
        padding_top="2em",
    )
