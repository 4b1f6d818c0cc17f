"""The authorization link: a reseller's Global admin authorizes (or declines) an indirect provider."""

from __future__ import annotations

import reflex as rx

from rxapp.components.countries import country_label
from rxapp.components.dialogs import confirm_button
from rxapp.components.forms import card, error_callout
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.state.authorization import AuthorizeState
from rxapp.state.base import AppState


def provider_details() -> rx.Component:
    view = AuthorizeState.view
    return rx.vstack(
        rx.heading(view["provider_name"], size="5", as_="h2"),
        rx.text(
            country_label(view, "provider_country"),
            rx.cond(view["provider_city"] != "", " · " + view["provider_city"].to(str), ""),
            size="2",
            color_scheme="gray",
        ),
        rx.cond(
            view["provider_programs"] != "",
            rx.text(rx.text.strong(T["partners.directory.programs"], ": "), view["provider_programs"], size="2"),
        ),
        rx.text(rx.text.strong(T["partners.directory.contact"], ": "), view["provider_contact_email"], size="2"),
        rx.text(
            rx.text.strong(T["partners.directory.support"], ": "),
            view["provider_support_email"],
            " ",
            view["provider_support_phone"],
            " ",
            view["provider_website"],
            size="2",
        ),
        rx.cond(
            view["invited_by"] != "",
            rx.text(T.fill("partners.authorize.invited_by", name=view["invited_by"]), size="2"),
        ),
        rx.cond(view["message"] != "", rx.blockquote(view["message"], size="2")),
        spacing="1",
        align="start",
        width="100%",
    )


def decision() -> rx.Component:
    view = AuthorizeState.view
    return rx.cond(
        AuthorizeState.can_authorize,
        rx.vstack(
            rx.el.label(
                rx.hstack(
                    rx.checkbox(
                        checked=AuthorizeState.agreed, on_change=AuthorizeState.set_agreed, id="authorize-check"
                    ),
                    rx.text(T.fill("partners.authorize.check", provider=view["provider_name"]), size="2"),
                    align="start",
                    spacing="2",
                ),
            ),
            error_callout(AuthorizeState.error),
            rx.hstack(
                rx.button(
                    T["partners.authorize.submit"],
                    disabled=~AuthorizeState.agreed,
                    loading=AuthorizeState.busy,
                    on_click=AuthorizeState.authorize,
                    size="3",
                ),
                confirm_button(
                    T["partners.authorize.decline"],
                    AuthorizeState.decline,
                    title=T.fill("partners.authorize.decline_title", provider=view["provider_name"]),
                    description=T["partners.authorize.decline_text"],
                    color="gray",
                    max_width="30em",
                ),
                spacing="3",
                align="center",
            ),
            spacing="3",
            width="100%",
            align="start",
        ),
        rx.callout.root(
            rx.callout.icon(rx.icon("shield-alert")),
            rx.callout.text(AuthorizeState.role_message),
            color_scheme="red",
            role="alert",
            width="100%",
        ),
    )


def other_account_button() -> rx.Component:
    return rx.button(T["partners.authorize.other_account"], variant="soft", on_click=AuthorizeState.use_other_account)


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
                        rx.callout.root(
                            rx.callout.icon(rx.icon("link-2-off")),
                            rx.callout.text(AuthorizeState.link_error),
                            color_scheme="red",
                            role="alert",
                            width="100%",
                        ),
                        rx.text(
                            T.fill("partners.authorize.signed_in_as", email=AppState.user_email),
                            size="2",
                            color_scheme="gray",
                        ),
                        rx.cond(AuthorizeState.wrong_account, other_account_button()),
                        spacing="3",
                        width="100%",
                        align="start",
                    ),
                    rx.cond(
                        AuthorizeState.outcome != "",
                        rx.vstack(
                            rx.callout.root(
                                rx.callout.icon(rx.icon("circle-check")),
                                rx.callout.text(AuthorizeState.outcome_text),
                                color_scheme=rx.cond(AuthorizeState.outcome == "authorized", "green", "gray"),
                                role="status",
                                width="100%",
                            ),
                            rx.cond(
                                AuthorizeState.outcome == "authorized",
                                rx.link(T["partners.authorize.go_providers"], href="/providers"),
                            ),
                            spacing="3",
                            width="100%",
                            align="start",
                        ),
                        rx.vstack(
                            rx.text(
                                T.fill(
                                    "partners.authorize.invites",
                                    provider=view["provider_name"],
                                    reseller=view["reseller_name"],
                                ),
                                weight="medium",
                            ),
                            provider_details(),
                            rx.callout.root(
                                rx.callout.icon(rx.icon("info")),
                                rx.callout.text(
                                    rx.text.strong(T["partners.authorize.note_title"], " "),
                                    T["partners.authorize.note"],
                                ),
                                color_scheme="blue",
                                width="100%",
                            ),
                            rx.text(
                                T.fill("partners.authorize.expires", date=view["expires_on"]),
                                size="1",
                                color_scheme="gray",
                            ),
                            rx.text(
                                T.fill("partners.authorize.signed_in_as", email=AppState.user_email),
                                size="1",
                                color_scheme="gray",
                            ),
                            decision(),
                            rx.cond(~AuthorizeState.can_authorize, other_account_button()),
                            spacing="4",
                            width="100%",
                            align="start",
                        ),
                    ),
                ),
            ),
            max_width="40em",
        ),
        padding_top="2em",
    )
