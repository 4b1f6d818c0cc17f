"""Leads: a reseller's leads, a provider's referrals, platform staff's referrals. Layout only."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.countries import country_label
from rxapp.components.dialogs import confirm_dialog
from rxapp.components.forms import (
    card,
    country_field,
    field,
    field_error,
    select_field,
    state_notices,
)
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.components.tables import empty_state, header_row, list_or_empty, loading, paged_table, search_form
from rxapp.permissions import Action
from rxapp.state.leads import COMPANY_MAX, CONTACT_MAX, RESELLER_QUERY_ID, LeadsState, ReferralsState
from rxapp.state.rows import LeadRow, ResellerMatch


def lead_row(r: ObjectVar[LeadRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(r["company"]),
        rx.table.cell(r["contact"]),
        rx.table.cell(r["email"]),
        rx.table.cell(
            T.pick("leads.source.", r["source"]), rx.cond(r["source_name"] != "", rx.fragment(" · ", r["source_name"]))
        ),
        rx.table.cell(rx.badge(T.pick("leads.status.", r["status"]))),
        rx.table.cell(
            rx.cond(
                r["new"].to(bool) & LeadsState.can_invite,
                rx.hstack(
                    rx.button(T["leads.invite"], size="1", on_click=LeadsState.invite(r["id"].to(str))),
                    rx.button(
                        T["leads.dismiss"],
                        size="1",
                        variant="soft",
                        color_scheme="gray",
                        on_click=LeadsState.ask_dismiss(r["id"].to(str), r["company"].to(str)),
                    ),
                    spacing="2",
                ),
            )
        ),
    )


def lead_fields(state) -> list[rx.Component]:
    """Company, contact, email and country/region of a referral (the provider's and the platform's form); a
    refusal about one of them is shown under it."""
    return [
        field("leads.company", "company", control_id="lead-company", max_length=COMPANY_MAX, state=state),
        field("leads.contact", "contact", control_id="lead-contact", max_length=CONTACT_MAX, state=state),
        field("field.email", "email", control_id="lead-email", type="email", state=state),
        country_field("country", control_id="lead-country", default_value="KR", state=state),
        rx.button(T["leads.refer"], type="submit"),
    ]


def refer_form() -> rx.Component:
    return card(
        rx.heading(T["leads.refer_heading"], size="4", as_="h2"),
        rx.form(
            rx.vstack(
                select_field(
                    "leads.reseller", "reseller", LeadsState.targets, control_id="lead-reseller", required=True
                ),
                *lead_fields(LeadsState),
                spacing="3",
                width="100%",
                align="start",
            ),
            # Drawn anew (empty) after a referral; a refused one keeps what was typed.
            key=LeadsState.form_key,
            on_submit=LeadsState.refer,
            reset_on_submit=False,
            width="100%",
        ),
    )


@page("/leads", "nav.leads", action=Action.MANAGE_LEADS, on_load=(LeadsState.load,), nav=True)
def leads_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.leads"], size="7"),
        rx.text(T["leads.intro"], color_scheme="gray"),
        state_notices(LeadsState),
        loading(
            LeadsState.loaded,
            rx.vstack(
                rx.cond(
                    LeadsState.leads.length() > 0,
                    rx.table.root(
                        header_row(
                            "leads.company",
                            "leads.contact",
                            "field.email",
                            "leads.source_label",
                            "common.status",
                            "common.actions",
                        ),
                        rx.table.body(rx.foreach(LeadsState.leads, lead_row)),
                        width="100%",
                    ),
                    empty_state("user-plus", "leads.empty"),
                ),
                rx.cond(LeadsState.targets.length() > 0, refer_form()),
                spacing="4",
                width="100%",
            ),
        ),
        confirm_dialog(
            LeadsState.confirm_id != "",
            T["leads.dismiss_title"],
            rx.text(T["leads.dismiss_body"], " ", rx.text.strong(LeadsState.confirm_label)),
            T["leads.dismiss"],
            LeadsState.confirm_dismiss,
            LeadsState.cancel_dismiss,
        ),
        spacing="4",
        width="100%",
    )


# --- platform referrals ----------------------------------------------------------------------------------

R = ReferralsState


def referral_row(r: ObjectVar[LeadRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(r["company"]),
        rx.table.cell(r["contact"]),
        rx.table.cell(r["email"]),
        rx.table.cell(r["partner"]),
        rx.table.cell(rx.badge(T.pick("leads.status.", r["status"]))),
        rx.table.cell(r["created_at"]),
    )


def reseller_match(m: ObjectVar[ResellerMatch]) -> rx.Component:
    return rx.button(
        m["name"],
        " (",
        country_label(m),
        ")",
        variant="soft",
        size="2",
        type="button",
        on_click=R.choose(m["id"].to(str)),
    )


def reseller_picker() -> rx.Component:
    """Find an active reseller by name and choose it; once chosen, its name with **Change**."""
    return rx.cond(
        R.reseller_id != "",
        rx.hstack(
            rx.text(T["referrals.reseller"], ":", weight="medium"),
            rx.badge(R.reseller_name, size="2"),
            rx.button(T["referrals.change"], variant="ghost", size="1", on_click=R.change_reseller),
            align="center",
            spacing="3",
        ),
        rx.vstack(
            search_form(
                R.find_resellers,
                T["referrals.find_reseller"],
                R.reseller_query,
                name="reseller_query",
                id=RESELLER_QUERY_ID,
                aria_invalid=rx.cond(R.error_field == RESELLER_QUERY_ID, "true", "false"),
                aria_describedby=rx.cond(R.error_field == RESELLER_QUERY_ID, "reseller-error", ""),
            ),
            field_error(rx.cond(R.error_field == RESELLER_QUERY_ID, R.error, ""), "reseller-error"),
            rx.cond(R.reseller_hint != "", rx.text(R.reseller_hint, size="2", color_scheme="gray")),
            rx.flex(rx.foreach(R.reseller_matches, reseller_match), wrap="wrap", gap="2"),
            spacing="2",
            width="100%",
        ),
    )


def referral_form() -> rx.Component:
    return card(
        rx.heading(T["referrals.refer_heading"], size="4", as_="h2"),
        reseller_picker(),
        rx.form(
            rx.vstack(*lead_fields(R), spacing="3", width="100%", align="start"),
            key=R.form_key,
            on_submit=R.refer,
            reset_on_submit=False,
            width="100%",
        ),
    )


@page("/platform/leads", "nav.platform_leads", action=Action.REFER_LEADS, on_load=(R.load,), nav=True)
def referrals_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.platform_leads"], size="7"),
        rx.text(T["referrals.intro"], color_scheme="gray"),
        state_notices(R),
        referral_form(),
        list_or_empty(
            R.loaded,
            R.total > 0,
            paged_table(
                R,
                header_row(
                    "leads.company",
                    "leads.contact",
                    "field.email",
                    "referrals.reseller",
                    "common.status",
                    "referrals.date",
                ),
                R.rows,
                referral_row,
            ),
            "user-plus",
            "referrals.empty",
        ),
        spacing="4",
        width="100%",
    )
