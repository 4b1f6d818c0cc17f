"""The partner's legal and marketing profiles and the contact verification link's page. Layout only."""

from __future__ import annotations

import reflex as rx

from rxapp.components.countries import country_label
from rxapp.components.forms import (
    card,
    error_callout,
    field,
    labelled,
    state_notices,
    submit_button,
    success_callout,
    textarea_field,
)
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.components.tables import loading
from rxapp.permissions import Action
from rxapp.state.profile import MarketingState, ProfileState, VerifyContactState


def profile_field(key: str, name: str, *, required: bool = True, type: str = "text") -> rx.Component:
    return field(
        key,
        name,
        control_id=f"profile-{name}",
        type=type,
        required=required,
        default_value=ProfileState.data[name],
        disabled=~ProfileState.can_edit,
        state=ProfileState,
    )


def profile_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            card(
                rx.heading(T["profile.legal"], size="4", as_="h2"),
                rx.text(
                    T["profile.identifiers"], " ", rx.text.strong(ProfileState.data["mpn_id"]), data_testid="mpn-id"
                ),
                profile_field("profile.legal_name", "legal_name"),
                profile_field("profile.address_line1", "address_line1"),
                profile_field("profile.address_line2", "address_line2", required=False),
                rx.grid(
                    profile_field("profile.city", "city"),
                    profile_field("profile.region", "region", required=False),
                    profile_field("field.postal_code", "postal_code"),
                    columns="3",
                    spacing="3",
                    width="100%",
                ),
                labelled(
                    "field.country",
                    "profile-country",
                    rx.input(
                        id="profile-country",
                        value=country_label(ProfileState.data),
                        read_only=True,
                        disabled=True,
                        width="100%",
                        size="3",
                    ),
                    "profile.country_locked_hint",
                ),
            ),
            card(
                rx.heading(T["profile.contact"], size="4", as_="h2"),
                rx.grid(
                    profile_field("profile.first_name", "contact_first_name"),
                    profile_field("profile.last_name", "contact_last_name"),
                    columns="2",
                    spacing="3",
                    width="100%",
                ),
                profile_field("profile.contact_email", "contact_email", type="email"),
                rx.cond(
                    ProfileState.data["pending_contact_email"] != "",
                    rx.callout.root(
                        rx.callout.text(
                            T["profile.pending_contact"],
                            " ",
                            rx.text.strong(ProfileState.data["pending_contact_email"]),
                        ),
                        color_scheme="amber",
                        width="100%",
                    ),
                ),
                profile_field("field.phone", "contact_phone", type="tel"),
            ),
            card(
                rx.heading(T["profile.support"], size="4", as_="h2"),
                profile_field("profile.support_email", "support_email", type="email"),
                profile_field("profile.support_phone", "support_phone", type="tel"),
                profile_field("field.website", "support_website", required=False),
            ),
            rx.cond(ProfileState.can_edit, submit_button("common.save", ProfileState.busy)),
            spacing="4",
            width="100%",
            align="start",
        ),
        on_submit=ProfileState.save,
        reset_on_submit=False,
        width="100%",
    )


@page(
    "/account/profile",
    "nav.partner_profile",
    action=Action.VIEW_PARTNER_PROFILE,
    on_load=(ProfileState.load,),
    nav=True,
)
def partner_profile_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.partner_profile"], size="7"),
        rx.text(T["profile.intro"], color_scheme="gray"),
        state_notices(ProfileState),
        loading(ProfileState.loaded, profile_form()),
        spacing="4",
        width="100%",
        max_width="48em",
    )


@page(
    "/account/marketing",
    "nav.marketing_profile",
    action=Action.VIEW_PARTNER_PROFILE,
    on_load=(MarketingState.load,),
    nav=True,
)
def marketing_profile_page() -> rx.Component:
    def text_field(key: str, name: str):
        return field(
            key,
            name,
            control_id=f"marketing-{name}",
            required=False,
            default_value=MarketingState.data[name],
            disabled=~MarketingState.can_edit,
            state=MarketingState,
        )

    return rx.vstack(
        rx.heading(T["nav.marketing_profile"], size="7"),
        rx.text(T["marketing.intro"], color_scheme="gray"),
        state_notices(MarketingState),
        loading(
            MarketingState.loaded,
            rx.form(
                card(
                    textarea_field(
                        "marketing.description",
                        "description",
                        control_id="marketing-description",
                        default_value=MarketingState.data["description"],
                        rows="6",
                        disabled=~MarketingState.can_edit,
                        state=MarketingState,
                    ),
                    text_field("marketing.industries", "industries"),
                    text_field("marketing.products", "products"),
                    text_field("marketing.regions", "regions_served"),
                    rx.cond(MarketingState.can_edit, submit_button("common.save", MarketingState.busy)),
                ),
                on_submit=MarketingState.save,
                reset_on_submit=False,
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
        max_width="48em",
    )


@page("/verify-contact/[token]", "profile.verify_title", public=True, on_load=(VerifyContactState.load,))
def verify_contact_page() -> rx.Component:
    return rx.center(
        card(
            rx.heading(T["profile.verify_title"], size="6"),
            rx.cond(
                VerifyContactState.done,
                success_callout(T["profile.verified"]),
                rx.cond(
                    VerifyContactState.error != "",
                    error_callout(VerifyContactState.error),
                    rx.cond(
                        VerifyContactState.loaded,
                        rx.vstack(
                            rx.text(T["profile.verify_body"]),
                            rx.text(rx.text.strong(VerifyContactState.email), " · ", VerifyContactState.org),
                            rx.button(
                                T["common.confirm"],
                                on_click=VerifyContactState.confirm,
                                loading=VerifyContactState.busy,
                            ),
                            spacing="3",
                            align="start",
                        ),
                        rx.spinner(),
                    ),
                ),
            ),
            max_width="32em",
        ),
        padding_top="4em",
    )
