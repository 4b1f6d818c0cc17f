"""The enrollment wizard's frame (card, step label, buttons) and its first steps: before you start, the work
account (create or sign in), linking an MPN ID through a PMC sign-in."""

from __future__ import annotations

import reflex as rx

from rxapp.components.forms import card, country_field, error_callout, field, form_error, submit_button, success_callout
from rxapp.components.i18n import T
from rxapp.state.enrollment import STEPS, EnrollWizardState

W = EnrollWizardState


def back_button() -> rx.Component:
    return rx.button(T["enroll.back"], type="button", variant="soft", size="3", on_click=W.back)


def buttons(*children) -> rx.Component:
    return rx.hstack(*children, spacing="3", justify="end", width="100%", wrap="wrap")


def _step_label() -> rx.Var:
    """ "Step 2 of 8", worded in the browser (no text in state)."""
    return T.fill("enroll.step", n=W.step, m=STEPS)


def wizard_card(heading_key: str, *children) -> rx.Component:
    return card(
        rx.text(_step_label(), size="2", color_scheme="gray", data_testid="step-indicator"),
        rx.progress(value=(W.step * 100 // STEPS).to(int), max=100, aria_label=_step_label()),
        rx.heading(T[heading_key], size="6"),
        *children,
        max_width="44em",
    )


def bullet(key: str) -> rx.Component:
    return rx.list_item(rx.text(T[key]))


def step_before() -> rx.Component:
    return wizard_card(
        "enroll.before.heading",
        rx.text(T["enroll.before.intro"]),
        rx.unordered_list(
            bullet("enroll.before.item1"), bullet("enroll.before.item2"), bullet("enroll.before.item3"), spacing="2"
        ),
        rx.callout.root(rx.callout.text(T["enroll.before.review"]), color_scheme="blue"),
        rx.text(T["enroll.before.already"], size="2", color_scheme="gray"),
        buttons(rx.button(T["enroll.get_started"], size="3", on_click=W.next_step)),
    )


def step_start() -> rx.Component:
    return wizard_card(
        "enroll.start.heading",
        rx.text(T["enroll.start.intro"]),
        rx.ordered_list(*[bullet(f"enroll.start.s{i}") for i in range(1, 6)], spacing="2"),
        buttons(back_button(), rx.button(T["enroll.next"], size="3", on_click=W.next_step)),
    )


def create_form() -> rx.Component:
    def keep(name: str):
        return lambda value: W.keep_create_field(name, value)

    return rx.vstack(
        rx.heading(T["enroll.create.heading"], size="5"),
        rx.text(T["enroll.create.intro"], color_scheme="gray"),
        rx.form(
            rx.vstack(
                field(
                    "field.company_name",
                    "company_name",
                    default_value=W.create_form.get("company_name", ""),
                    on_blur=keep("company_name"),
                    state=W,
                ),
                country_field(
                    "country",
                    blank_key="enroll.choose_country",
                    default_value=W.create_form.get("country", ""),
                    required=True,
                    state=W,
                ),
                field(
                    "field.domain",
                    "domain",
                    default_value=W.create_form.get("domain", ""),
                    on_blur=keep("domain"),
                    placeholder="contoso.com",
                    state=W,
                ),
                field(
                    "field.admin_name",
                    "admin_name",
                    default_value=W.create_form.get("admin_name", ""),
                    on_blur=keep("admin_name"),
                    state=W,
                ),
                field(
                    "field.admin_email",
                    "admin_email",
                    type="email",
                    auto_complete="username",
                    default_value=W.create_form.get("admin_email", ""),
                    on_blur=keep("admin_email"),
                    state=W,
                ),
                field(
                    "field.password",
                    "password",
                    control_id="create-password",
                    type="password",
                    auto_complete="new-password",
                    hint_key="password.rules",
                    state=W,
                ),
                form_error(W),
                buttons(
                    rx.button(T["enroll.back"], type="button", variant="soft", size="3", on_click=W.show_create(False)),
                    submit_button("enroll.create", W.busy),
                ),
                spacing="4",
                width="100%",
            ),
            on_submit=W.create_account,
            reset_on_submit=False,
            width="100%",
        ),
        spacing="3",
        width="100%",
    )


def sign_in_form() -> rx.Component:
    return rx.vstack(
        rx.text(T["enroll.signin.intro"]),
        success_callout(W.info),
        rx.form(
            rx.vstack(
                field("field.email", "email", type="email", auto_complete="username", default_value=W.work_email),
                field("field.password", "password", type="password", auto_complete="current-password"),
                error_callout(W.error),
                rx.cond(W.already_submitted, rx.link(T["enroll.view_status"], href="/enroll/status")),
                buttons(back_button(), submit_button("enroll.sign_in", W.busy)),
                spacing="4",
                width="100%",
            ),
            on_submit=W.sign_in,
            reset_on_submit=False,
            width="100%",
        ),
        rx.divider(),
        rx.hstack(
            rx.text(T["enroll.signin.no_account"], size="2"),
            rx.button(T["enroll.create"], type="button", variant="outline", on_click=W.show_create(True)),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        spacing="4",
        width="100%",
    )


def step_sign_in() -> rx.Component:
    return wizard_card(
        "enroll.signin.heading",
        rx.cond(
            W.creating,
            create_form(),
            rx.cond(
                W.account_email != "",
                rx.vstack(
                    rx.text(T["enroll.signin.signed_in_as"], " ", rx.text.strong(W.account_email), " · ", W.work_org),
                    error_callout(W.error),
                    buttons(
                        back_button(),
                        rx.button(
                            T["enroll.signin.use_other"], variant="outline", size="3", on_click=W.use_other_account
                        ),
                        rx.button(T["enroll.next"], size="3", on_click=W.continue_signed_in),
                    ),
                    spacing="4",
                    width="100%",
                ),
                sign_in_form(),
            ),
        ),
    )


def step_link_mpn() -> rx.Component:
    return wizard_card(
        "enroll.mpn.heading",
        rx.text(T["enroll.mpn.body"]),
        buttons(back_button(), rx.button(T["enroll.sign_in"], size="3", on_click=W.next_step)),
    )


def step_pmc_user() -> rx.Component:
    return wizard_card(
        "enroll.pmc_user.heading",
        rx.text(T["enroll.pmc_user.body"]),
        rx.form(
            rx.vstack(
                field("field.pmc_user_name", "pmc_user_name", default_value=W.pmc_user_name, auto_complete="off"),
                error_callout(W.error),
                buttons(back_button(), submit_button("enroll.next", W.busy)),
                spacing="4",
                width="100%",
            ),
            on_submit=W.pmc_user_next,
            reset_on_submit=False,
            width="100%",
        ),
    )


def step_pmc_password() -> rx.Component:
    return wizard_card(
        "enroll.pmc_password.heading",
        rx.text(T["enroll.pmc_password.body"]),
        rx.text(T["enroll.pmc_password.user"], " ", rx.text.strong(W.pmc_user_name), size="2"),
        rx.form(
            rx.vstack(
                field("field.pmc_password", "pmc_password", type="password", auto_complete="off"),
                error_callout(W.error),
                buttons(back_button(), submit_button("enroll.sign_in", W.busy)),
                spacing="4",
                width="100%",
            ),
            on_submit=W.pmc_sign_in,
            reset_on_submit=False,
            width="100%",
        ),
    )
