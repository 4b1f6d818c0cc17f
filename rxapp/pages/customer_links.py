"""Customer links: Request a reseller relationship, Invite new customer, and the /accept landing page."""

from __future__ import annotations

import reflex as rx

from rxapp.components.forms import (
    card,
    country_field,
    error_callout,
    field,
    form_error,
    labelled,
    submit_button,
    success_callout,
)
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.components.matching import match_value
from rxapp.permissions import Action
from rxapp.state.base import AppState
from rxapp.state.customer_links import AcceptState, LinkDraftState

# ------------------------------------------------------------------------------------------ /customers


# ------------------------------------------------------------------------------------------ link drafts


def draft_editor() -> rx.Component:
    L = LinkDraftState
    return rx.cond(
        L.ready,
        card(
            labelled(
                "customers.draft_label",
                "draft-text",
                rx.text_area(id="draft-text", value=L.text, on_change=L.set_text, rows="12", width="100%"),
            ),
            labelled(
                "customers.link_label",
                "draft-link",
                rx.vstack(
                    rx.input(id="draft-link", value=L.link, read_only=True, width="100%"),
                    rx.text(L.expires, size="1", color_scheme="gray"),
                    spacing="1",
                    width="100%",
                ),
            ),
            rx.hstack(
                rx.button(rx.icon("copy", size=16), T["common.copy"], on_click=L.copy),
                rx.link(
                    rx.button(rx.icon("mail", size=16), T["customers.open_in_email"], variant="soft"),
                    href=L.mailto,
                    is_external=False,
                ),
                rx.button(T["common.done"], variant="outline", on_click=L.done),
                spacing="3",
                wrap="wrap",
            ),
        ),
    )


def create_link_button() -> rx.Component:
    """A visit creates nothing: the personalized link is made (and logged) when the partner asks for it."""
    L = LinkDraftState
    return rx.cond(
        ~L.ready,
        rx.vstack(
            rx.text(T["customers.create_link_hint"], size="2", color_scheme="gray"),
            rx.button(
                rx.icon("link", size=16), T["customers.create_link"], on_click=L.create_link, loading=L.busy, size="3"
            ),
            align="start",
            spacing="2",
        ),
    )


@page(
    "/customers/request",
    "customers.request_heading",
    action=Action.INVITE_CUSTOMERS,
    on_load=(LinkDraftState.load_request,),
)
def request_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["customers.request_heading"], size="7"),
        rx.text(T["customers.request_intro"], color_scheme="gray"),
        error_callout(LinkDraftState.error),
        create_link_button(),
        draft_editor(),
        spacing="4",
        width="100%",
        max_width="48em",
    )


@page(
    "/customers/invite",
    "customers.invite_heading",
    action=Action.INVITE_CUSTOMERS,
    on_load=(LinkDraftState.load_invite,),
)
def invite_page() -> rx.Component:
    L = LinkDraftState
    return rx.vstack(
        rx.heading(T["customers.invite_heading"], size="7"),
        rx.cond(
            L.provider_name != "",
            rx.text(T.fill("customers.invite_intro", provider=L.provider_name), color_scheme="gray"),
        ),
        error_callout(L.error),
        rx.cond(
            ~L.ready & (L.provider_id == ""),
            rx.cond(
                L.providers.length() > 0,
                rx.vstack(
                    rx.text(T["customers.select_provider"], weight="medium"),
                    rx.foreach(L.providers, lambda p: rx.link(p["name"], href="/customers/invite?provider=" + p["id"])),
                    align="start",
                ),
                rx.cond(L.error == "", rx.text(T["customers.no_providers"], color_scheme="gray")),
            ),
        ),
        rx.cond(L.provider_id != "", create_link_button()),
        draft_editor(),
        spacing="4",
        width="100%",
        max_width="48em",
    )


# ------------------------------------------------------------------------------------------ /accept/[token]


def link_asks() -> rx.Var:
    """Who asks, worded in the browser (no sentence in state: the acceptance page's state is in every
    hydration)."""
    A = AcceptState
    return match_value(
        A.purpose,
        ("customer_two_party", T.fill("custaccept.asks_two_party", reseller=A.reseller, provider=A.provider)),
        ("delegated_admin", T.fill("custaccept.asks_da", reseller=A.reseller)),
        T.fill("custaccept.asks", reseller=A.reseller),
    )


def sign_in_form() -> rx.Component:
    A = AcceptState
    return rx.form(
        rx.vstack(
            field("field.email", "email", type="email", auto_complete="username"),
            field("field.password", "password", type="password", auto_complete="current-password"),
            submit_button("auth.sign_in", A.busy, width="100%"),
            spacing="3",
            width="100%",
        ),
        on_submit=A.sign_in,
        reset_on_submit=False,
    )


def create_form() -> rx.Component:
    A = AcceptState
    return rx.form(
        rx.vstack(
            rx.heading(T["custaccept.create_heading"], size="4"),
            field("field.customer_company", "company", auto_complete="organization", state=A),
            country_field("country", default_value="KR", state=A),
            field("field.domain", "domain", hint_key="customers.domain_hint", state=A),
            field("field.full_name", "admin_name", auto_complete="name", state=A),
            field("field.email", "email", type="email", auto_complete="username", state=A),
            field(
                "field.password",
                "password",
                type="password",
                auto_complete="new-password",
                hint_key="password.rules",
                state=A,
            ),
            field("field.confirm_account_password", "confirm", type="password", auto_complete="new-password", state=A),
            submit_button("custaccept.create", A.busy, width="100%"),
            spacing="3",
            width="100%",
        ),
        on_submit=A.create_account,
        reset_on_submit=False,
    )


def decision() -> rx.Component:
    A = AcceptState
    return rx.cond(
        A.done != "",
        rx.vstack(success_callout(A.done), rx.link(T["custaccept.go_partners"], href="/partners")),
        rx.cond(
            A.is_customer,
            rx.vstack(
                rx.text(
                    T.fill("custaccept.signed_in_as", email=A.user_email, org=A.org_name), size="2", color_scheme="gray"
                ),
                rx.hstack(
                    rx.button(T["custaccept.accept"], on_click=A.accept, size="3"),
                    rx.button(
                        T["custaccept.decline"], on_click=A.decline, size="3", variant="soft", color_scheme="gray"
                    ),
                    spacing="3",
                ),
                align="start",
            ),
            rx.vstack(
                rx.cond(
                    AppState.signed_in,
                    rx.callout.root(rx.callout.text(T["custaccept.not_customer"]), color_scheme="amber"),
                    rx.text(T["custaccept.sign_in_first"]),
                ),
                rx.cond(
                    A.mode == "create",
                    rx.vstack(
                        create_form(),
                        rx.hstack(
                            rx.text(T["custaccept.have_account"], size="2"),
                            rx.link(T["custaccept.show_sign_in"], on_click=A.show_mode("sign_in"), href="#", size="2"),
                        ),
                    ),
                    rx.vstack(
                        sign_in_form(),
                        rx.cond(
                            A.can_create,
                            rx.hstack(
                                rx.text(T["custaccept.no_account"], size="2"),
                                rx.button(
                                    T["custaccept.show_create"],
                                    variant="ghost",
                                    size="2",
                                    on_click=A.show_mode("create"),
                                ),
                            ),
                        ),
                    ),
                ),
                width="100%",
                align="start",
            ),
        ),
    )


@page("/accept/[token]", "custaccept.heading", public=True, on_load=(AcceptState.load,))
def accept_page() -> rx.Component:
    A = AcceptState
    return rx.center(
        card(
            rx.heading(
                rx.cond(A.purpose == "delegated_admin", T["custaccept.da_heading"], T["custaccept.heading"]), size="6"
            ),
            rx.cond(
                A.link_ok,
                rx.vstack(
                    rx.text(link_asks(), weight="medium", data_testid="accept-asks"),
                    rx.heading(T["custaccept.grants"], size="3"),
                    rx.unordered_list(
                        rx.list_item(T.fill("custaccept.grant_admin", reseller=A.reseller, days=A.days)),
                        rx.cond(A.provider != "", rx.list_item(T.fill("custaccept.grant_orders", provider=A.provider))),
                    ),
                    form_error(A),  # a create-account field's refusal shows under that field
                    decision(),
                    spacing="3",
                    width="100%",
                    align="start",
                ),
                error_callout(A.link_error),
            ),
            max_width="36em",
        ),
        padding_top="2em",
    )
