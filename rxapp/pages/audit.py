"""`/audit`: the audit (activity) log, filterable by date range, action, user and outcome; CSV export."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.forms import SELECT_STYLE, error_callout, labelled
from rxapp.components.i18n import T
from rxapp.components.layout import heading_row, page
from rxapp.components.matching import match_component
from rxapp.components.tables import list_or_empty, pager
from rxapp.permissions import Action
from rxapp.state.audit import ACTION_CODES, OUTCOMES, AuditState
from rxapp.state.rows import AuditRow


def filter_bar() -> rx.Component:
    return rx.form(
        rx.flex(
            labelled(
                "audit.from",
                "since",
                rx.input(id="since", name="since", type="date", default_value=AuditState.since),
                width=None,
            ),
            labelled(
                "audit.to",
                "until",
                rx.input(id="until", name="until", type="date", default_value=AuditState.until),
                width=None,
            ),
            labelled(
                "audit.action_filter",
                "action",
                rx.el.select(
                    rx.el.option(T["audit.all_actions"], value=""),
                    rx.el.option(T["audit.any_refusal"], value="refused"),
                    *[rx.el.option(T[f"audit.action.{code}"], value=code) for code in ACTION_CODES],
                    id="action",
                    name="action",
                    default_value=AuditState.action_filter,
                    style=SELECT_STYLE,
                ),
                width=None,
            ),
            labelled(
                "audit.actor_filter",
                "actor",
                rx.input(
                    id="actor",
                    name="actor",
                    placeholder=T["audit.actor_placeholder"],
                    default_value=AuditState.actor_filter,
                    max_length=254,
                ),
                width=None,
            ),
            rx.button(T["audit.apply"], type="submit", variant="soft"),
            gap="3",
            wrap="wrap",
            align="end",
        ),
        on_submit=AuditState.apply,
        reset_on_submit=False,
        width="100%",
    )


def outcome_badge(row: ObjectVar[AuditRow]) -> rx.Component:
    """The outcome's badge; a row without one succeeded (the state leaves "ok" out of the rows)."""
    return match_component(
        row["outcome"],
        ("refused", rx.badge(T["audit.outcome.refused"], color_scheme="red")),
        ("throttled", rx.badge(T["audit.outcome.throttled"], color_scheme="amber")),
        rx.badge(T["audit.outcome.ok"], color_scheme="green"),
    )


def _roles(roles: rx.Var) -> rx.Component:
    """Role codes in words: "Admin agent or Global admin"."""
    return rx.foreach(
        roles.to(list[str]),
        lambda role, index: rx.fragment(rx.cond(index > 0, T["audit.or"], ""), T.pick("role.", role)),
    )


def action_words(row: ObjectVar[AuditRow]) -> rx.Component:
    """The action in words ("Refused: manage leads — needs Admin agent" for a refusal); its code on hover and
    for screen readers' description."""
    refused = rx.fragment(
        T.fill("audit.refused_page", what=T.pick("audit.perm.", row["refused"])), " ", _roles(row["roles"])
    )
    code = rx.cond(row["refused"], "refused." + row["refused"].to(str), row["action"])
    return rx.text(
        rx.cond(row["refused"], refused, T.pick("audit.action.", row["action"])), title=code.to(str), data_code=code
    )


def detail_words(pieces: rx.Var) -> rx.Component:
    """A detail's pieces: codes (roles, link purposes, labels) in words, the rest as written."""
    return rx.foreach(
        pieces.to(list[dict[str, str]]),
        lambda piece: rx.match(
            piece["kind"],
            ("role", T.pick("role.", piece["value"])),
            ("purpose", T.pick("invitations.purpose.", piece["value"])),
            ("label", T.pick("audit.detail.", piece["value"])),
            piece["value"],
        ),
    )


def event_row(row: ObjectVar[AuditRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["at"], white_space="nowrap"),
        rx.cond(AuditState.all_orgs, rx.table.cell(row["org"])),
        rx.table.cell(rx.cond(row["actor"], row["actor"], T["audit.system"])),
        rx.table.cell(action_words(row)),
        rx.table.cell(rx.cond(row["kind"], rx.text(T.pick("audit.record.", row["kind"]), " ", row["record"]), "")),
        rx.table.cell(outcome_badge(row)),
        rx.table.cell(rx.text(detail_words(row["detail"]), size="1", word_break="break-word")),
    )


@page("/audit", "nav.audit_log", action=Action.VIEW_AUDIT_LOG, nav=True, on_load=(AuditState.load,))
def audit_log() -> rx.Component:
    return rx.vstack(
        heading_row(
            "audit.heading",
            rx.button(rx.icon("download", size=16), T["audit.export"], variant="soft", on_click=AuditState.export),
        ),
        rx.text(rx.cond(AuditState.all_orgs, T["audit.intro_platform"], T["audit.intro"]), color_scheme="gray"),
        filter_bar(),
        rx.hstack(
            rx.select.root(
                rx.select.trigger(aria_label=T["audit.outcome_filter"], min_width="10em"),
                rx.select.content(
                    rx.select.item(T["audit.all_outcomes"], value="all"),
                    *[rx.select.item(T[f"audit.outcome.{o}"], value=o) for o in OUTCOMES[1:]],
                ),
                value=AuditState.outcome_filter,
                on_change=AuditState.set_outcome_filter,
            ),
            rx.button(T["audit.clear"], variant="ghost", on_click=AuditState.clear),
            align="center",
            spacing="3",
        ),
        error_callout(AuditState.error),
        list_or_empty(
            AuditState.loaded,
            AuditState.total > 0,
            rx.vstack(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(T["audit.col.time"]),
                            rx.cond(AuditState.all_orgs, rx.table.column_header_cell(T["audit.col.org"])),
                            rx.table.column_header_cell(T["audit.col.actor"]),
                            rx.table.column_header_cell(T["audit.col.action"]),
                            rx.table.column_header_cell(T["audit.col.target"]),
                            rx.table.column_header_cell(T["audit.col.outcome"]),
                            rx.table.column_header_cell(T["audit.col.detail"]),
                        )
                    ),
                    rx.table.body(rx.foreach(AuditState.rows, event_row)),
                    # fixed layout and wrapping: the platform's extra column never makes the table a scroll
                    # region that a keyboard could not reach
                    width="100%",
                    variant="surface",
                    size="1",
                    layout="fixed",
                    style={"overflowWrap": "anywhere"},
                ),
                rx.text(T.plural("audit.count", AuditState.total), size="1", color_scheme="gray"),
                width="100%",
            ),
            "scroll-text",
            "audit.empty",
        ),
        pager(AuditState.page, AuditState.total, AuditState.go),
        spacing="4",
        width="100%",
    )
