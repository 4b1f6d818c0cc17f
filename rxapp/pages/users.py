"""Account settings › User management: list, **Add user**, the one-time credentials page and the edit page."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar
from reflex_components_radix.themes.base import LiteralAccentColor

from rxapp.components.dialogs import confirm_button
from rxapp.components.forms import card, error_callout, field, form_error, submit_button, success_callout
from rxapp.components.i18n import T
from rxapp.components.layout import heading_row, page
from rxapp.components.matching import match_component
from rxapp.components.rights import may
from rxapp.components.tables import empty_state, header_row, pager, search_form
from rxapp.pages.users_roles import ADMINS, AGENTS, role_choice
from rxapp.permissions import Action
from rxapp.state.rows import UserRow
from rxapp.state.users import ROLE_FILTERS, AddUserState, CredentialsState, EditUserState, UsersState

# --- list -----------------------------------------------------------------------------------------------


def status_badge(status: rx.Var) -> rx.Component:
    return match_component(
        status,
        ("inactive", rx.badge(T["users.status.inactive"], color_scheme="gray")),
        ("temporary", rx.badge(T["users.status.temporary"], color_scheme="amber")),
        rx.badge(T["users.status.active"], color_scheme="green"),
    )


def user_row(row: ObjectVar[UserRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.link(row["full_name"], href="/account/users/edit?user=" + row["id"].to(str))),
        rx.table.cell(row["email"]),
        rx.table.cell(T.pick("role.", row["agent_role"])),
        rx.table.cell(T.pick("role.", row["admin_role"])),
        rx.table.cell(status_badge(row["status"])),
    )


def filters() -> rx.Component:
    return rx.flex(
        search_form(
            UsersState.apply_search,
            T["users.search_placeholder"],
            UsersState.search,
            name="search",
            label=T["users.search_label"],
            width="18em",
            id="user-search",
            type="search",
        ),
        rx.select.root(
            rx.select.trigger(aria_label=T["users.role_filter_label"], min_width="12em"),
            rx.select.content(
                rx.select.item(T["users.all_roles"], value="all"),
                *[rx.select.item(T[f"role.{role}"], value=role) for role in ROLE_FILTERS[1:]],
            ),
            value=UsersState.role_filter,
            on_change=UsersState.set_role_filter,
        ),
        gap="3",
        wrap="wrap",
        align="center",
    )


@page("/account/users", "nav.user_management", action=Action.MANAGE_USERS, nav=True, on_load=(UsersState.load,))
def user_management() -> rx.Component:
    return rx.vstack(
        heading_row(
            "users.heading",
            rx.link(rx.button(rx.icon("user-plus", size=16), T["users.add_user"]), href="/account/users/add"),
        ),
        rx.text(T["users.intro"], color_scheme="gray"),
        filters(),
        error_callout(UsersState.error),
        rx.cond(
            UsersState.loaded,
            rx.cond(
                UsersState.total > 0,
                rx.vstack(
                    rx.table.root(
                        header_row(
                            "users.col.name",
                            "users.col.email",
                            "users.col.agent_role",
                            "users.col.admin_role",
                            "users.col.status",
                        ),
                        rx.table.body(rx.foreach(UsersState.rows, user_row)),
                        width="100%",
                        variant="surface",
                    ),
                    rx.text(T.plural("users.count", UsersState.total), size="1", color_scheme="gray"),
                    width="100%",
                ),
                empty_state("users", "users.empty"),
            ),
            rx.spinner(),
        ),
        pager(UsersState.page, UsersState.total, UsersState.go),
        spacing="4",
        width="100%",
    )


# --- add ------------------------------------------------------------------------------------------------


@page("/account/users/add", "users.add_user", action=Action.MANAGE_USERS, on_load=(AddUserState.load,))
def add_user() -> rx.Component:
    return rx.vstack(
        rx.link(T["users.back"], href="/account/users", size="2"),
        rx.heading(T["users.add_heading"], size="7"),
        rx.text(T["users.add_intro"], color_scheme="gray"),
        rx.form(
            rx.vstack(
                field("field.full_name", "full_name", auto_complete="off", max_length=200, state=AddUserState),
                field("field.email", "email", type="email", auto_complete="off", max_length=254, state=AddUserState),
                role_choice(
                    "agent_role",
                    "field.agent_role",
                    "users.agent_help",
                    AGENTS,
                    AddUserState.agent_role,
                    AddUserState.set_agent_role,
                ),
                role_choice(
                    "admin_role",
                    "field.admin_role",
                    "users.admin_help",
                    ADMINS,
                    AddUserState.admin_role,
                    AddUserState.set_admin_role,
                    global_admin_enabled=AddUserState.may_grant_global_admin,
                ),
                rx.cond(
                    ~AddUserState.may_grant_global_admin,
                    rx.text(T["users.global_admin_only"], size="2", color_scheme="gray"),
                ),
                form_error(AddUserState),
                rx.hstack(
                    submit_button("users.add", AddUserState.busy),
                    rx.link(
                        rx.button(T["common.cancel"], variant="soft", size="3", type="button"), href="/account/users"
                    ),
                ),
                spacing="4",
                width="100%",
                max_width="44em",
            ),
            on_submit=AddUserState.submit,
            reset_on_submit=False,
        ),
        spacing="4",
        width="100%",
    )


# --- the credentials, once ------------------------------------------------------------------------------


def credential_line(label_key: str, value: rx.Var, test_id: str) -> rx.Component:
    return rx.vstack(
        rx.text(T[label_key], size="2", color_scheme="gray", id=f"{test_id}-label"),
        rx.code(value, size="5", data_testid=test_id, aria_labelledby=f"{test_id}-label", style={"userSelect": "all"}),
        spacing="1",
        align="start",
    )


@page(
    "/account/users/created", "users.created_heading", action=Action.MANAGE_USERS, on_load=(CredentialsState.show_once,)
)
def credentials() -> rx.Component:
    return rx.vstack(
        rx.cond(
            CredentialsState.cred_password != "",
            card(
                rx.heading(
                    rx.cond(
                        CredentialsState.cred_kind == "reset", T["users.reset_heading"], T["users.created_heading"]
                    ),
                    size="6",
                ),
                rx.text(CredentialsState.cred_name, weight="medium"),
                credential_line("users.sign_in_name", CredentialsState.cred_email, "sign-in-name"),
                credential_line("users.temporary_password", CredentialsState.cred_password, "temporary-password"),
                rx.text(
                    T["users.expires"].replace("{date}", CredentialsState.cred_expires), size="2", color_scheme="gray"
                ),
                rx.callout.root(
                    rx.callout.icon(rx.icon("triangle-alert")),
                    rx.vstack(
                        rx.text(T["users.important"], weight="bold"),
                        rx.text(T["users.warning"]),
                        rx.text(T["users.warning_first_sign_in"]),
                        spacing="1",
                    ),
                    color_scheme="amber",
                    role="note",
                ),
                rx.hstack(
                    rx.button(
                        rx.icon("copy", size=16),
                        T["common.copy"],
                        on_click=[
                            rx.set_clipboard(
                                T.fill(
                                    "users.copy_text",
                                    email=CredentialsState.cred_email,
                                    password=CredentialsState.cred_password,
                                )
                            ),
                            rx.toast(T["common.copied"]),
                        ],
                        variant="soft",
                        size="3",
                    ),
                    rx.button(T["common.done"], on_click=CredentialsState.done, size="3"),
                ),
                max_width="40em",
            ),
            rx.vstack(
                rx.callout.root(rx.callout.text(T["users.nothing_to_show"]), color_scheme="gray"),
                rx.link(T["users.back"], href="/account/users"),
            ),
        ),
        spacing="4",
        width="100%",
    )


# --- edit -----------------------------------------------------------------------------------------------


def confirm_dialog(
    trigger_key: str, title_key: str, text_key: str, on_confirm, color: LiteralAccentColor
) -> rx.Component:
    return confirm_button(
        T[trigger_key],
        on_confirm,
        title=T[title_key],
        description=T.fill(text_key, name=EditUserState.full_name),
        color=color,
        size="3",
        busy=EditUserState.busy,
    )


@page("/account/users/edit", "users.edit_heading", action=Action.MANAGE_USERS, on_load=(EditUserState.load,))
def edit_user() -> rx.Component:
    return rx.vstack(
        rx.link(T["users.back"], href="/account/users", size="2"),
        rx.heading(T["users.edit_heading"], size="7"),
        error_callout(EditUserState.error),
        success_callout(EditUserState.message),
        rx.cond(
            EditUserState.email != "",
            rx.vstack(
                rx.hstack(
                    rx.heading(EditUserState.full_name, size="5"),
                    rx.cond(EditUserState.is_self, rx.text(T["users.you"], color_scheme="gray")),
                    rx.cond(
                        EditUserState.is_active,
                        rx.badge(T["users.status.active"], color_scheme="green"),
                        rx.badge(T["users.status.inactive"], color_scheme="gray"),
                    ),
                    align="center",
                    wrap="wrap",
                ),
                rx.text(T["users.sign_in_name"], ": ", EditUserState.email, color_scheme="gray"),
                rx.hstack(
                    rx.text(rx.cond(EditUserState.mfa_on, T["mfa.user_on"], T["mfa.user_off"]), color_scheme="gray"),
                    rx.cond(
                        EditUserState.mfa_on & may(Action.MANAGE_SECOND_FACTOR),
                        confirm_button(
                            T["mfa.reset"],
                            EditUserState.reset_mfa,
                            description=T["mfa.reset_confirm"],
                            color="amber",
                            busy=EditUserState.busy,
                        ),
                    ),
                    align="center",
                    spacing="3",
                    wrap="wrap",
                ),
                rx.cond(
                    EditUserState.may_manage,
                    rx.vstack(
                        role_choice(
                            "agent_role",
                            "field.agent_role",
                            "users.agent_help",
                            AGENTS,
                            EditUserState.agent_role,
                            EditUserState.set_agent_role,
                        ),
                        role_choice(
                            "admin_role",
                            "field.admin_role",
                            "users.admin_help",
                            ADMINS,
                            EditUserState.admin_role,
                            EditUserState.set_admin_role,
                            global_admin_enabled=EditUserState.may_grant_global_admin,
                        ),
                        rx.hstack(
                            rx.button(T["users.update"], on_click=EditUserState.update, size="3"),
                            rx.cond(
                                ~EditUserState.is_self,
                                rx.hstack(
                                    rx.cond(
                                        EditUserState.is_active,
                                        confirm_dialog(
                                            "users.deactivate",
                                            "users.deactivate_title",
                                            "users.deactivate_text",
                                            EditUserState.deactivate,
                                            "red",
                                        ),
                                        confirm_dialog(
                                            "users.reactivate",
                                            "users.reactivate_title",
                                            "users.reactivate_text",
                                            EditUserState.reactivate,
                                            "green",
                                        ),
                                    ),
                                    rx.cond(
                                        EditUserState.is_active,
                                        confirm_dialog(
                                            "users.reset_password",
                                            "users.reset_title",
                                            "users.reset_text",
                                            EditUserState.reset_password,
                                            "amber",
                                        ),
                                    ),
                                ),
                            ),
                            spacing="3",
                            wrap="wrap",
                        ),
                        spacing="4",
                        width="100%",
                        max_width="44em",
                    ),
                    rx.callout.root(rx.callout.text(T["users.global_admin_only"]), color_scheme="gray"),
                ),
                spacing="4",
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
    )
