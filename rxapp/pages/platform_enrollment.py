"""Platform staff: `/platform/enrollments` (the review queue) and `/platform/registry` (partner network registry)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.countries import country_label
from rxapp.components.dialogs import confirm_button
from rxapp.components.forms import error_callout, form_error, select_field, success_callout, textarea_field
from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.components.tables import empty_state, header_row, list_or_empty, paged_table, status_badge
from rxapp.pages.platform_enrollment_registry import (
    add_pmc_form,
    add_profile_form,
    edit_pmc_dialog,
    edit_profile_dialog,
    import_section,
    pmc_row,
    profile_row,
)
from rxapp.permissions import Action
from rxapp.state.platform_enrollment import RegistryState, ReviewState

R = ReviewState
G = RegistryState

# ------------------------------------------------------------------------------------------- review queue


def enrollment_badge(status: rx.Var) -> rx.Component:
    return status_badge(
        T.pick("enroll.state.", status), status, ("approved", "green"), ("rejected", "red"), ("in_review", "blue")
    )


def review_row(row: ObjectVar[dict[str, str]]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row["org_name"]),
        rx.table.cell(row["mpn_id"]),
        rx.table.cell(country_label(row)),
        rx.table.cell(row["submitted_at"]),
        rx.table.cell(enrollment_badge(row["status"])),
        rx.table.cell(
            rx.button(
                T["review.open"],
                size="1",
                variant="soft",
                on_click=R.open(row["id"]),
                aria_label=T["review.open"] + " " + row["org_name"],
            )
        ),
    )


def detail_item(label_key: str, value: rx.Var) -> rx.Component:
    return rx.data_list.item(rx.data_list.label(T[label_key]), rx.data_list.value(value))


def approve_dialog() -> rx.Component:
    return confirm_button(
        T["review.approve"], R.approve, description=T["review.approve_confirm"], color="green", variant="solid"
    )


def reject_dialog() -> rx.Component:
    return confirm_button(
        T["review.reject"],
        description=T["review.reject_confirm"],
        on_submit=R.reject,
        fields=(textarea_field("field.reason", "reason", rows=None),),
    )


def review_details() -> rx.Component:
    s = R.selected
    return rx.cond(
        s.contains("id"),
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.heading(s["org_name"], size="5"), enrollment_badge(s["status"]), align="center", spacing="3"
                ),
                rx.data_list.root(
                    detail_item("enroll.label.mpn", s["mpn_id"] + " · " + s["mpn_name"]),
                    detail_item("enroll.label.country", country_label(s)),
                    detail_item("field.legal_name", s["legal_name"]),
                    detail_item("enroll.label.address", s["address"]),
                    detail_item("enroll.label.contact", s["contact"]),
                    detail_item("enroll.label.support", s["support"]),
                    detail_item("enroll.label.submitted", s["submitted_at"]),
                    detail_item("enroll.label.verified", s["verified_at"]),
                    rx.cond(s["rejection_reason"] != "", detail_item("enroll.label.reason", s["rejection_reason"])),
                ),
                rx.hstack(
                    rx.cond(s["status"] == "in_review", rx.hstack(approve_dialog(), reject_dialog(), spacing="3")),
                    rx.button(T["review.close"], variant="outline", on_click=R.close),
                    spacing="3",
                ),
                spacing="4",
                width="100%",
            ),
            width="100%",
            role="region",
            aria_label=T["review.details"],
        ),
    )


@page(
    "/platform/enrollments",
    "nav.platform_enrollments",
    action=Action.REVIEW_ENROLLMENTS,
    nav=True,
    on_load=(ReviewState.load,),
)
def review_queue() -> rx.Component:
    filters = [
        (value, T["enroll.state." + value]) for value in ("pending_verification", "in_review", "approved", "rejected")
    ]
    return rx.vstack(
        rx.heading(T["review.heading"], size="7"),
        rx.text(T["review.intro"], color_scheme="gray"),
        select_field(
            "review.filter",
            "review_filter",
            [*filters, ("all", T["review.filter_all"])],
            value=R.status,
            on_change=R.set_status,
            full_width=False,
        ),
        error_callout(R.error),
        success_callout(R.info),
        review_details(),
        list_or_empty(
            R.loaded,
            R.total > 0,
            paged_table(
                R,
                header_row(
                    "enroll.label.organization",
                    "enroll.label.mpn",
                    "enroll.label.country",
                    "enroll.label.submitted",
                    "common.status",
                    "common.actions",
                ),
                R.rows,
                review_row,
            ),
            "inbox",
            "review.empty",
        ),
        spacing="4",
        width="100%",
    )


# ------------------------------------------------------------------------------------------- registry


@page(
    "/platform/registry",
    "nav.platform_registry",
    action=Action.MANAGE_REGISTRY,
    nav=True,
    on_load=(RegistryState.load,),
)
def registry_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["registry.heading"], size="7"),
        rx.text(T["registry.intro"], color_scheme="gray"),
        form_error(G),
        success_callout(G.info),
        edit_pmc_dialog(),
        edit_profile_dialog(),
        rx.heading(T["registry.pmc_accounts"], size="5", as_="h2"),
        rx.box(
            rx.cond(
                G.pmc_accounts.length() > 0,
                rx.table.root(
                    header_row("registry.user_name", "registry.mpn_ids", "common.status", "common.actions"),
                    rx.table.body(rx.foreach(G.pmc_accounts, pmc_row)),
                    width="100%",
                ),
                empty_state("key-round", "registry.empty_pmc"),
            ),
            role="region",
            aria_label=T["registry.pmc_accounts"],
            width="100%",
        ),
        add_pmc_form(),
        rx.divider(),
        rx.heading(T["registry.profiles"], size="5", as_="h2"),
        rx.box(
            rx.cond(
                G.profiles.length() > 0,
                rx.table.root(
                    header_row(
                        "field.mpn_id",
                        "field.profile_name",
                        "field.country",
                        "common.status",
                        "registry.linked_to",
                        "common.actions",
                    ),
                    rx.table.body(rx.foreach(G.profiles, profile_row)),
                    width="100%",
                ),
                empty_state("building-2", "registry.empty_profiles"),
            ),
            role="region",
            aria_label=T["registry.profiles"],
            width="100%",
        ),
        add_profile_form(),
        rx.divider(),
        import_section(),
        spacing="4",
        width="100%",
    )
