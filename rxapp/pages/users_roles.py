"""The role choice of the add and edit user pages: each role with the seed's explanation beside it."""

from __future__ import annotations

import reflex as rx
from reflex.vars import BooleanVar

from rxapp.components.i18n import T
from rxapp.models import AdminRole, AgentRole


def _explanation(role: str) -> rx.Component:
    can_key, cant_key = f"users.explain.{role}.can", f"users.explain.{role}.cant"
    return rx.vstack(
        rx.text(T[can_key], size="1", color_scheme="gray"),
        rx.cond(T[cant_key] != "", rx.text(T["users.cant"], ": ", T[cant_key], size="1", color_scheme="gray")),
        spacing="0",
        align="start",
        id=f"explain-{role}",
    )


def _role_option(group: str, role: str, disabled: rx.Var | bool = False) -> rx.Component:
    item_id = f"{group}-{role}"
    return rx.hstack(
        rx.radio_group.item(
            value=role, id=item_id, disabled=disabled, aria_describedby=f"explain-{role}", margin_top="3px"
        ),
        rx.vstack(
            rx.el.label(T[f"role.{role}"], html_for=item_id, style={"fontWeight": 500, "fontSize": "14px"}),
            _explanation(role),
            spacing="1",
            align="start",
        ),
        align="start",
        spacing="2",
        padding_y="0.35em",
    )


def role_choice(
    group: str,
    legend_key: str,
    help_key: str,
    roles: list[str],
    value: rx.Var,
    on_change,
    global_admin_enabled: BooleanVar | bool = True,
) -> rx.Component:
    global_admin_disabled = (
        ~global_admin_enabled if isinstance(global_admin_enabled, rx.Var) else not global_admin_enabled
    )
    options = [
        _role_option(group, role, disabled=global_admin_disabled if role == "global_admin" else False) for role in roles
    ]
    return rx.el.fieldset(
        rx.el.legend(T[legend_key], style={"fontWeight": 600, "fontSize": "15px", "padding": "0 0.3em"}),
        rx.text(T[help_key], size="2", color_scheme="gray", margin_bottom="0.5em"),
        rx.radio_group.root(
            rx.vstack(*options, spacing="1"), value=value, on_change=on_change, aria_label=T[legend_key], name=group
        ),
        style={
            "border": "1px solid var(--gray-a5)",
            "borderRadius": "8px",
            "padding": "0.75em 1em",
            "width": "100%",
            "margin": 0,
        },
    )


AGENTS = [role.value for role in AgentRole]
ADMINS = [role.value for role in AdminRole]
