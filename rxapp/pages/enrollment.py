"""`/enroll`: the enrollment wizard, one page per step (the status and verification pages are in
`enrollment_status`)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.countries import country_label
from rxapp.components.forms import card, error_callout, field, form_error, submit_button
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.pages.enrollment_account import (
    back_button,
    buttons,
    step_before,
    step_link_mpn,
    step_pmc_password,
    step_pmc_user,
    step_sign_in,
    step_start,
    wizard_card,
)
from rxapp.state.enrollment import EnrollWizardState
from rxapp.state.rows import ProfileChoice

W = EnrollWizardState


def profile_option(profile: ObjectVar[ProfileChoice]) -> rx.Component:
    option_id = "profile-" + profile["id"].to(str)
    return rx.hstack(
        rx.el.input(
            type="radio",
            name="profile",
            id=option_id,
            value=profile["id"].to(str),
            default_checked=profile["id"].to(str) == W.chosen_profile,
        ),
        rx.el.label(
            rx.hstack(
                rx.text(profile["mpn_id"], weight="bold"),
                rx.text(profile["name"]),
                rx.text(country_label(profile), color_scheme="gray"),
                rx.cond(~profile["active"].to(bool), rx.badge(T["enroll.choose.inactive"], color_scheme="gray")),
                rx.cond(profile["linked"].to(bool), rx.badge(T["enroll.choose.linked"], color_scheme="amber")),
                rx.cond(
                    ~profile["same_country"].to(bool), rx.badge(T["enroll.choose.other_country"], color_scheme="amber")
                ),
                spacing="2",
                wrap="wrap",
                align="center",
            ),
            html_for=option_id,
        ),
        spacing="3",
        align="center",
        padding="0.75em",
        border="1px solid var(--gray-a5)",
        border_radius="8px",
        width="100%",
    )


def step_choose() -> rx.Component:
    return wizard_card(
        "enroll.choose.heading",
        rx.text(T["enroll.choose.body"]),
        rx.callout.root(
            rx.callout.text(T["enroll.choose.important"], " ", rx.text.strong(country_label(W.work_country))),
            color_scheme="blue",
        ),
        rx.form(
            rx.vstack(
                rx.el.fieldset(
                    rx.el.legend(T["enroll.choose.legend"], style={"fontWeight": 500, "marginBottom": "0.5em"}),
                    rx.cond(
                        W.profiles.length() > 0,
                        rx.vstack(rx.foreach(W.profiles, profile_option), spacing="2", width="100%"),
                        rx.text(T["enroll.choose.empty"], color_scheme="gray"),
                    ),
                    style={"border": "none", "padding": 0, "margin": 0, "width": "100%"},
                ),
                rx.text(T["enroll.choose.not_listed"], size="2", color_scheme="gray"),
                error_callout(W.error),
                buttons(
                    rx.button(T["enroll.cancel"], type="button", variant="soft", size="3", on_click=W.cancel_choose),
                    submit_button("enroll.continue", W.busy),
                ),
                spacing="4",
                width="100%",
            ),
            on_submit=W.choose,
            reset_on_submit=False,
            width="100%",
        ),
    )


def detail(label_key: str, name: str, *, type: str = "text", required: bool = True, **props) -> rx.Component:
    return field(
        label_key,
        name,
        type=type,
        required=required,
        default_value=W.form.get(name, ""),
        on_blur=lambda value: W.keep_field(name, value),
        state=W,
        **props,
    )


def step_details() -> rx.Component:
    return wizard_card(
        "enroll.details.heading",
        rx.text(T["enroll.details.intro"]),
        rx.hstack(
            rx.text(T["enroll.details.mpn"], ": ", rx.text.strong(W.mpn_id)),
            rx.text(" · "),
            rx.text(T["enroll.details.country"], ": ", rx.text.strong(country_label(W.work_country))),
            wrap="wrap",
        ),
        rx.form(
            rx.vstack(
                rx.heading(T["enroll.details.legal"], size="4", as_="h3"),
                detail("field.legal_name", "legal_name", auto_complete="organization"),
                detail("field.address_line1", "address_line1", auto_complete="address-line1"),
                detail("field.address_line2", "address_line2", required=False, auto_complete="address-line2"),
                rx.grid(
                    detail("field.city", "city", auto_complete="address-level2"),
                    detail("field.region", "region", required=False, auto_complete="address-level1"),
                    detail("field.postal_code", "postal_code", auto_complete="postal-code"),
                    columns=rx.breakpoints(initial="1", sm="3"),
                    spacing="3",
                    width="100%",
                ),
                rx.heading(T["enroll.details.contact"], size="4", as_="h3"),
                rx.text(T["enroll.details.contact_note"], size="2", color_scheme="gray"),
                rx.grid(
                    detail("field.contact_first_name", "contact_first_name", auto_complete="given-name"),
                    detail("field.contact_last_name", "contact_last_name", auto_complete="family-name"),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="3",
                    width="100%",
                ),
                detail("field.contact_email", "contact_email", type="email", auto_complete="email"),
                detail("field.contact_phone", "contact_phone", type="tel", auto_complete="tel"),
                rx.heading(T["enroll.details.support"], size="4", as_="h3"),
                detail("field.support_email", "support_email", type="email"),
                detail("field.support_phone", "support_phone", type="tel"),
                detail("field.support_website", "support_website", required=False),
                rx.callout.root(rx.callout.text(T["enroll.details.verify_note"]), color_scheme="blue"),
                form_error(W),
                rx.cond(W.already_submitted, rx.link(T["enroll.view_status"], href="/enroll/status")),
                buttons(back_button(), submit_button("enroll.enroll_now", W.busy)),
                spacing="4",
                width="100%",
            ),
            on_submit=W.enroll_now,
            reset_on_submit=False,
            width="100%",
        ),
    )


def sent() -> rx.Component:
    return card(
        rx.heading(T["enroll.sent.heading"], size="6"),
        rx.text(T["enroll.sent.body"], " ", rx.text.strong(W.sent_to)),
        rx.text(T["enroll.sent.next"], color_scheme="gray"),
        rx.link(T["enroll.view_status"], href="/enroll/status"),
        max_width="44em",
    )


@page("/enroll", "enroll.cta", public=True, on_load=(EnrollWizardState.load,))
def enroll() -> rx.Component:
    return rx.center(
        rx.cond(
            W.done,
            sent(),
            rx.match(
                W.step,
                (1, step_before()),
                (2, step_start()),
                (3, step_sign_in()),
                (4, step_link_mpn()),
                (5, step_pmc_user()),
                (6, step_pmc_password()),
                (7, step_choose()),
                (8, step_details()),
                step_before(),
            ),
        ),
        padding_top="2em",
        width="100%",
    )
