"""Working on behalf of customers (orders, subscriptions, licenses, support, service health, leads, billing)
and the partner's own profile pages. Layout only; the states call the services."""

from __future__ import annotations

import reflex as rx

from rxapp.components.countries import country_label
from rxapp.components.dialogs import confirm_dialog
from rxapp.components.forms import (
    card,
    country_field,
    error_callout,
    field,
    field_error,
    labelled,
    select_field,
    submit_button,
    success_callout,
    textarea_field,
)
from rxapp.components.forms import notices as forms_notices
from rxapp.components.i18n import T
from rxapp.components.layout import heading_row, page
from rxapp.components.tables import empty_state, header_row, list_or_empty, paged_table, search_form
from rxapp.components.tables import loading as loading_when
from rxapp.permissions import Action
from rxapp.state.base import AppState
from rxapp.state.operations import (
    COMPANY_MAX,
    CONTACT_MAX,
    DESCRIPTION_MAX,
    MESSAGE_MAX,
    QUANTITY_MAX,
    RESELLER_QUERY_ID,
    SUBJECT_MAX,
    TITLE_MAX,
    BillingState,
    HealthState,
    LeadsState,
    LicensesState,
    MarketingState,
    OrdersState,
    ProfileState,
    ReferralsState,
    SubscriptionsState,
    SupportState,
    VerifyContactState,
    quantity_control,
)


def notices(state) -> rx.Component:
    """The page's messages; a refusal about a form's control (`state.error_field`, its id) shows under that
    control instead, not here as well."""
    return forms_notices(rx.cond(state.error_field == "", state.error, ""), state.message)


def loading(state, content: rx.Component) -> rx.Component:
    return loading_when(state.loaded, content)


# --- orders ----------------------------------------------------------------------------------------------


def order_form() -> rx.Component:
    return card(
        rx.heading(T["orders.new"], size="4", as_="h2"),
        rx.text(T["orders.rule"], size="2", color_scheme="gray"),
        rx.cond(
            OrdersState.options.length() > 0,
            rx.form(
                rx.vstack(
                    select_field("orders.customer", "customer", OrdersState.options,
                                 on_change=OrdersState.pick_customer, value=OrdersState.customer_id,
                                 control_id="order-customer", required=True, state=OrdersState),
                    rx.cond(OrdersState.reseller_options.length() > 0,
                            select_field("orders.reseller", "reseller", OrdersState.reseller_options,
                                         control_id="order-reseller", required=True, state=OrdersState),
                            rx.callout.root(rx.callout.text(T["orders.no_reseller_of_record"]), color_scheme="amber",
                                            width="100%")),
                    select_field("orders.product", "product", OrdersState.products, control_id="order-product",
                                 required=True, state=OrdersState),
                    field("orders.quantity", "quantity", control_id="order-quantity", type="number", default_value="1",
                          min="1", max=str(QUANTITY_MAX), state=OrdersState),
                    submit_button("orders.submit", OrdersState.busy),
                    spacing="3", width="100%", align="start",
                ),
                on_submit=OrdersState.submit, reset_on_submit=False, width="100%",
            ),
            rx.text(T["orders.no_customers"], color_scheme="gray"),
        ),
    )


def order_table(rows: rx.Var) -> rx.Component:
    return rx.cond(
        rows.length() > 0,
        rx.table.root(
            header_row("orders.date", "orders.customer", "orders.provider", "orders.reseller", "orders.product",
                       "orders.quantity", "orders.amount", "common.status"),
            rx.table.body(rx.foreach(rows, lambda r: rx.table.row(
                rx.table.cell(r["created_at"]), rx.table.cell(r["customer"]), rx.table.cell(r["provider"]),
                rx.table.cell(r["reseller"]), rx.table.cell(r["product"]), rx.table.cell(r["quantity"]),
                rx.table.cell(r["total"]), rx.table.cell(rx.badge(T.pick("ops.order_status.", r["status"]))),
            ))),
            width="100%", aria_label="Order history",
        ),
        empty_state("shopping-cart", "orders.empty"),
    )


@page("/orders", "nav.orders", action=Action.VIEW_CUSTOMERS, on_load=(OrdersState.load,), nav=True)
def orders_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.orders"], size="7"),
        notices(OrdersState),
        loading(OrdersState, rx.vstack(
            rx.cond(OrdersState.can_order, order_form()),
            rx.heading(T["orders.history"], size="4", as_="h2"),
            order_table(OrdersState.orders),
            spacing="4", width="100%",
        )),
        spacing="4", width="100%",
    )


# --- subscriptions ---------------------------------------------------------------------------------------


def subscription_row(r: rx.Var) -> rx.Component:
    # Office 365 rows a user may not manage (a Helpdesk agent): the actions are shown disabled with the reason,
    # not offered and then refused.
    locked = r["office_365"].to(bool) & ~AppState.rights.contains(Action.MANAGE_OFFICE_365_SUBSCRIPTIONS.value)
    reason_id = "o365-reason-" + r["id"].to(str)
    described = rx.cond(locked, reason_id, "")
    quantity_id = quantity_control("") + r["id"].to(str)  # as the state names it (a refusal shows under it)
    error = rx.cond(SubscriptionsState.error_field == quantity_id, SubscriptionsState.error, "")
    return rx.table.row(
        rx.table.cell(r["customer"]),
        rx.table.cell(rx.vstack(rx.text(r["product"], weight="medium"),
                                rx.text(T.pick("ops.family.", r["family"]), size="1", color_scheme="gray"),
                                spacing="0")),
        rx.table.cell(r["assigned"], " / ", r["quantity"]),
        rx.table.cell(rx.badge(T.pick("ops.sub_status.", r["status"]),
                               color_scheme=rx.cond(r["active"].to(bool), "green", "gray"))),
        rx.table.cell(rx.vstack(rx.hstack(
            rx.cond(
                r["active"].to(bool),
                rx.form(
                    rx.hstack(
                        rx.input(name="quantity", type="number", min="1", max=str(QUANTITY_MAX), width="6em",
                                 id=quantity_id, default_value=r["quantity"], aria_label=T["subs.quantity_label"],
                                 required=True, disabled=locked,
                                 aria_invalid=rx.cond(error != "", "true", "false"),
                                 aria_describedby=rx.cond(error != "", quantity_id + "-error", "")),
                        rx.el.input(type="hidden", name="id", value=r["id"]),
                        rx.button(T["subs.update"], type="submit", variant="soft", disabled=locked,
                                  aria_describedby=described),
                        spacing="2",
                    ),
                    field_error(error, quantity_id + "-error"),
                    on_submit=SubscriptionsState.set_quantity, reset_on_submit=False,
                ),
            ),
            rx.cond(
                r["active"].to(bool),
                rx.button(T["subs.suspend"], variant="soft", color_scheme="red", disabled=locked,
                          aria_describedby=described,
                          on_click=SubscriptionsState.ask_suspend(r["id"], r["product"])),
                rx.button(T["subs.reactivate"], variant="soft", on_click=SubscriptionsState.reactivate(r["id"]),
                          disabled=locked, aria_describedby=described),
            ),
            spacing="3", align="center", wrap="wrap",
        ),
            rx.cond(locked, rx.text(T["subs.office_365_locked"], size="1", color_scheme="gray", id=reason_id)),
            spacing="1", align="start",
        )),
    )


@page("/subscriptions", "nav.subscriptions", action=Action.VIEW_CUSTOMERS, on_load=(SubscriptionsState.load,),
      nav=True)
def subscriptions_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.subscriptions"], size="7"),
        rx.text(T["subs.intro"], color_scheme="gray"),
        notices(SubscriptionsState),
        loading(SubscriptionsState, rx.cond(
            SubscriptionsState.rows.length() > 0,
            rx.table.root(
                header_row("subs.customer", "subs.product", "subs.licenses", "common.status", "common.actions"),
                rx.table.body(rx.foreach(SubscriptionsState.rows, subscription_row)),
                width="100%",
            ),
            empty_state("package", "subs.empty"),
        )),
        confirm_dialog(SubscriptionsState.confirm_id != "", T["subs.suspend_title"],
                       rx.text(T["subs.suspend_body"], " ", rx.text.strong(SubscriptionsState.confirm_label)),
                       T["subs.suspend"], SubscriptionsState.confirm_suspend, SubscriptionsState.cancel_suspend),
        spacing="4", width="100%",
    )


# --- licenses --------------------------------------------------------------------------------------------


def user_row(u: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(u["name"]),
        rx.table.cell(u["upn"]),
        rx.table.cell(rx.hstack(
            rx.foreach(u["licenses"].to(list[dict]), lambda lic: rx.badge(
                lic["product"],
                rx.icon_button(rx.icon("x", size=12), size="1", variant="ghost",
                               aria_label=T["licenses.unassign"],
                               on_click=LicensesState.ask_unassign(lic["subscription_id"], u["id"], lic["product"])),
                variant="soft", size="2")),
            wrap="wrap", spacing="2")),
        rx.table.cell(rx.cond(
            LicensesState.subscriptions.length() > 0,
            rx.form(
                rx.hstack(
                    select_field(None, "subscription", LicensesState.subscriptions, text_key="label",
                                 aria_label=T["licenses.license"], full_width=False),
                    rx.el.input(type="hidden", name="user", value=u["id"]),
                    rx.button(T["licenses.assign"], type="submit", variant="soft"),
                    spacing="2",
                ),
                on_submit=LicensesState.assign, reset_on_submit=False,
            ),
        )),
    )


@page("/licenses", "nav.licenses", action=Action.ADMINISTER_CUSTOMERS, on_load=(LicensesState.load,), nav=True)
def licenses_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.licenses"], size="7"),
        rx.text(T["licenses.intro"], color_scheme="gray"),
        notices(LicensesState),
        loading(LicensesState, rx.cond(
            LicensesState.customers.length() > 0,
            rx.vstack(
                rx.box(select_field("licenses.customer", "customer", LicensesState.customers,
                                    on_change=LicensesState.pick_customer, value=LicensesState.customer_id,
                                    control_id="licenses-customer", required=True), max_width="24em", width="100%"),
                rx.hstack(rx.foreach(LicensesState.subscriptions, lambda s: rx.card(rx.vstack(
                    rx.text(s["product"], weight="medium"),
                    rx.text(s["assigned"], " / ", s["quantity"], " ", T["licenses.assigned"], size="2"),
                    spacing="1"))), wrap="wrap", spacing="3"),
                rx.cond(
                    LicensesState.users.length() > 0,
                    rx.table.root(
                        header_row("licenses.user", "licenses.upn", "licenses.licenses", "licenses.assign"),
                        rx.table.body(rx.foreach(LicensesState.users, user_row)),
                        width="100%",
                    ),
                    empty_state("users", "licenses.no_users"),
                ),
                spacing="4", width="100%",
            ),
            empty_state("users", "licenses.no_customers"),
        )),
        confirm_dialog(LicensesState.confirm.length() > 0, T["licenses.unassign_title"],
                       rx.text(T["licenses.unassign_body"], " ", rx.text.strong(LicensesState.confirm["label"])),
                       T["licenses.unassign"], LicensesState.confirm_unassign, LicensesState.cancel_unassign),
        spacing="4", width="100%",
    )


# --- support ---------------------------------------------------------------------------------------------


def ticket_detail(staff: bool) -> rx.Component:
    state = SupportState
    return rx.cond(
        state.ticket.contains("subject"),
        card(
            rx.hstack(
                rx.heading("#", state.ticket["id"], " ", state.ticket["subject"], size="4", as_="h2"),
                rx.badge(T.pick("ops.ticket_status.", state.ticket["status"])),
                rx.spacer(),
                rx.button(T["common.close"], variant="ghost", on_click=state.close_detail),
                width="100%", align="center", wrap="wrap",
            ),
            rx.text(state.ticket["org"], rx.cond(state.ticket["customer"] != "",
                                                 rx.fragment(" · ", state.ticket["customer"])),
                    size="2", color_scheme="gray"),
            rx.vstack(rx.foreach(state.messages, lambda m: rx.box(
                rx.text(rx.text.strong(m["author"]), " · ", m["org"], " · ", m["at"], size="1", color_scheme="gray"),
                rx.el.pre(m["body"], style={"whiteSpace": "pre-wrap", "fontFamily": "inherit", "margin": 0}),
                padding="0.75em", border_radius="6px", width="100%",
                background=rx.cond(m["staff"].to(bool), "var(--accent-a3)", "var(--gray-a3)"),
            )), spacing="2", width="100%", role="log", aria_label=T["support.history"]),
            rx.cond(
                state.ticket["status"] != "closed",
                rx.form(
                    rx.vstack(
                        textarea_field("support.reply_label", "body", control_id="reply-body", rows="3",
                                       max_length=MESSAGE_MAX, state=state),
                        rx.hstack(
                            rx.button(T["support.answer" if staff else "support.send_reply"], type="submit"),
                            rx.button(T["support.close_ticket"], type="button", variant="soft", color_scheme="gray",
                                      on_click=state.close_ticket),
                            spacing="3",
                        ),
                        width="100%", spacing="3",
                    ),
                    on_submit=state.reply, reset_on_submit=False, width="100%",
                ),
            ),
        ),
    )


def ticket_table() -> rx.Component:
    return rx.cond(
        SupportState.tickets.length() > 0,
        rx.table.root(
            header_row("support.number", "support.subject", "support.kind_label", "support.org", "support.customer",
                       "common.status", "support.created"),
            rx.table.body(rx.foreach(SupportState.tickets, lambda t: rx.table.row(
                rx.table.cell(t["id"]),
                rx.table.cell(rx.button(t["subject"], variant="ghost", on_click=SupportState.open_ticket(t["id"]))),
                rx.table.cell(T.pick("support.kind.", t["kind"])), rx.table.cell(t["org"]),
                rx.table.cell(t["customer"]),
                rx.table.cell(rx.badge(T.pick("ops.ticket_status.", t["status"]))), rx.table.cell(t["created_at"]),
            ))),
            width="100%",
        ),
        empty_state("life-buoy", "support.empty"),
    )


def customer_request_form() -> rx.Component:
    return card(
        rx.heading(T["support.on_behalf_heading"], size="4", as_="h2"),
        rx.text(T["support.on_behalf_intro"], size="2", color_scheme="gray"),
        rx.cond(
            SupportState.customers.length() > 0,
            rx.form(
                rx.vstack(
                    select_field("support.customer", "customer", SupportState.customers,
                                 on_change=SupportState.pick_customer, value=SupportState.customer_id,
                                 control_id="request-customer", required=True),
                    select_field("support.subscription", "subscription", SupportState.customer_subscriptions,
                                 blank_key="support.no_subscription", control_id="request-subscription"),
                    field("support.subject", "subject", control_id="request-subject", max_length=SUBJECT_MAX,
                          state=SupportState),
                    textarea_field("support.message", "body", control_id="request-body", max_length=MESSAGE_MAX,
                                   state=SupportState),
                    rx.button(T["support.submit_request"], type="submit"),
                    spacing="3", width="100%", align="start",
                ),
                on_submit=SupportState.request_for_customer, reset_on_submit=False, width="100%",
                aria_label=T["support.on_behalf_heading"],
            ),
            rx.text(T["support.no_customers"], color_scheme="gray"),
        ),
    )


def platform_ticket_form() -> rx.Component:
    return card(
        rx.heading(T["support.platform_heading"], size="4", as_="h2"),
        rx.text(T["support.platform_intro"], size="2", color_scheme="gray"),
        rx.form(
            rx.vstack(
                field("support.subject", "subject", control_id="ticket-subject", max_length=SUBJECT_MAX,
                      state=SupportState),
                textarea_field("support.message", "body", control_id="ticket-body", max_length=MESSAGE_MAX,
                               state=SupportState),
                rx.button(T["support.submit_ticket"], type="submit"),
                spacing="3", width="100%", align="start",
            ),
            on_submit=SupportState.ticket_to_platform, reset_on_submit=False, width="100%",
            aria_label=T["support.platform_heading"],
        ),
    )


@page("/support", "nav.support", action=Action.REQUEST_CUSTOMER_SUPPORT, on_load=(SupportState.load,), nav=True)
def support_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.support"], size="7"),
        notices(SupportState),
        loading(SupportState, rx.vstack(
            ticket_detail(staff=False),
            rx.heading(T["support.list_heading"], size="4", as_="h2"),
            ticket_table(),
            rx.grid(customer_request_form(), rx.cond(SupportState.can_platform, platform_ticket_form()),
                    columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%"),
            spacing="4", width="100%",
        )),
        spacing="4", width="100%",
    )


@page("/platform/support", "nav.platform_support", action=Action.ANSWER_SUPPORT, on_load=(SupportState.load,),
      nav=True)
def platform_support_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.platform_support"], size="7"),
        rx.text(T["support.staff_intro"], color_scheme="gray"),
        notices(SupportState),
        loading(SupportState, rx.vstack(ticket_detail(staff=True), ticket_table(), spacing="4", width="100%")),
        spacing="4", width="100%",
    )


# --- service health --------------------------------------------------------------------------------------

FAMILIES = [("office_365", "ops.family.office_365"), ("microsoft_365", "ops.family.microsoft_365"),
            ("azure", "ops.family.azure"), ("dynamics_365", "ops.family.dynamics_365")]
HEALTH_STATUSES = [("incident", "health.status.incident"), ("advisory", "health.status.advisory"),
                   ("healthy", "health.status.healthy"), ("resolved", "health.status.resolved")]


def health_card(e: rx.Var, staff: bool) -> rx.Component:
    return rx.card(rx.vstack(
        rx.hstack(rx.badge(T.pick("ops.family.", e["family"]), variant="outline"),
                  rx.badge(T.pick("health.status.", e["status"]), color_scheme=rx.match(
                      e["status"], ("incident", "red"), ("advisory", "amber"), "green")),
                  rx.text(e["posted_at"], size="1", color_scheme="gray"), spacing="2", align="center", wrap="wrap"),
        rx.text(e["title"], weight="bold"),
        rx.cond(e["description"] != "", rx.text(e["description"], size="2")),
        rx.cond(e["customers"] != "", rx.text(T["health.affects"], " ", e["customers"], size="2",
                                              color_scheme="gray")),
        rx.cond(staff & ~e["resolved"].to(bool),
                rx.button(T["health.resolve"], size="1", variant="soft", on_click=HealthState.resolve(e["id"]))),
        spacing="2", align="start", width="100%"), width="100%", role="article", aria_label=e["title"])


@page("/service-health", "nav.service_health", action=Action.VIEW_CUSTOMER_SERVICE_HEALTH,
      on_load=(HealthState.load,), nav=True)
def service_health_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.service_health"], size="7"),
        rx.text(T["health.intro"], color_scheme="gray"),
        notices(HealthState),
        loading(HealthState, rx.cond(
            HealthState.entries.length() > 0,
            rx.vstack(rx.foreach(HealthState.entries, lambda e: health_card(e, False)), spacing="3", width="100%"),
            empty_state("activity", "health.empty"),
        )),
        spacing="4", width="100%",
    )


@page("/platform/service-health", "nav.platform_health", action=Action.POST_SERVICE_HEALTH,
      on_load=(HealthState.load,), nav=True)
def platform_health_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.platform_health"], size="7"),
        notices(HealthState),
        card(
            rx.heading(T["health.post_heading"], size="4", as_="h2"),
            rx.form(
                rx.vstack(
                    rx.grid(select_field("health.service", "family", [(v, T[k]) for v, k in FAMILIES],
                                         control_id="health-family", state=HealthState),
                            select_field("common.status", "status", [(v, T[k]) for v, k in HEALTH_STATUSES],
                                         control_id="health-status"),
                            columns="2", spacing="3", width="100%"),
                    field("health.title", "title", control_id="health-title", max_length=TITLE_MAX,
                          state=HealthState),
                    textarea_field("health.description", "description", control_id="health-description",
                                   required=False, max_length=DESCRIPTION_MAX, state=HealthState),
                    rx.button(T["health.post"], type="submit"),
                    spacing="3", width="100%", align="start",
                ),
                on_submit=HealthState.post, reset_on_submit=False, width="100%",
            ),
        ),
        loading(HealthState, rx.vstack(rx.foreach(HealthState.entries, lambda e: health_card(e, True)),
                                       spacing="3", width="100%")),
        spacing="4", width="100%",
    )


# --- leads -----------------------------------------------------------------------------------------------


def lead_row(r: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(r["company"]), rx.table.cell(r["contact"]), rx.table.cell(r["email"]),
        rx.table.cell(T.pick("leads.source.", r["source"]), rx.cond(r["source_name"] != "",
                                                          rx.fragment(" · ", r["source_name"]))),
        rx.table.cell(rx.badge(T.pick("leads.status.", r["status"]))),
        rx.table.cell(rx.cond(
            r["new"].to(bool) & LeadsState.can_invite,
            rx.hstack(
                rx.button(T["leads.invite"], size="1", on_click=LeadsState.invite(r["id"])),
                rx.button(T["leads.dismiss"], size="1", variant="soft", color_scheme="gray",
                          on_click=LeadsState.ask_dismiss(r["id"], r["company"])),
                spacing="2",
            ),
        )),
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
                select_field("leads.reseller", "reseller", LeadsState.targets, control_id="lead-reseller",
                             required=True),
                *lead_fields(LeadsState),
                spacing="3", width="100%", align="start",
            ),
            # Drawn anew (empty) after a referral; a refused one keeps what was typed.
            key=LeadsState.form_key, on_submit=LeadsState.refer, reset_on_submit=False, width="100%",
        ),
    )


@page("/leads", "nav.leads", action=Action.MANAGE_LEADS, on_load=(LeadsState.load,), nav=True)
def leads_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.leads"], size="7"),
        rx.text(T["leads.intro"], color_scheme="gray"),
        notices(LeadsState),
        loading(LeadsState, rx.vstack(
            rx.cond(
                LeadsState.leads.length() > 0,
                rx.table.root(
                    header_row("leads.company", "leads.contact", "field.email", "leads.source_label",
                               "common.status", "common.actions"),
                    rx.table.body(rx.foreach(LeadsState.leads, lead_row)),
                    width="100%",
                ),
                empty_state("user-plus", "leads.empty"),
            ),
            rx.cond(LeadsState.targets.length() > 0, refer_form()),
            spacing="4", width="100%",
        )),
        confirm_dialog(LeadsState.confirm_id != "", T["leads.dismiss_title"],
                       rx.text(T["leads.dismiss_body"], " ", rx.text.strong(LeadsState.confirm_label)),
                       T["leads.dismiss"], LeadsState.confirm_dismiss, LeadsState.cancel_dismiss),
        spacing="4", width="100%",
    )


# --- platform referrals ----------------------------------------------------------------------------------

R = ReferralsState


def referral_row(r: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(r["company"]), rx.table.cell(r["contact"]), rx.table.cell(r["email"]),
        rx.table.cell(r["partner"]), rx.table.cell(rx.badge(T.pick("leads.status.", r["status"]))),
        rx.table.cell(r["created_at"]),
    )


def reseller_match(m: rx.Var) -> rx.Component:
    return rx.button(m["name"], " (", country_label(m), ")", variant="soft", size="2", type="button",
                     on_click=R.choose(m["id"]))


def reseller_picker() -> rx.Component:
    """Find an active reseller by name and choose it; once chosen, its name with **Change**."""
    return rx.cond(
        R.reseller_id != "",
        rx.hstack(
            rx.text(T["referrals.reseller"], ":", weight="medium"), rx.badge(R.reseller_name, size="2"),
            rx.button(T["referrals.change"], variant="ghost", size="1", on_click=R.change_reseller),
            align="center", spacing="3",
        ),
        rx.vstack(
            search_form(R.find_resellers, T["referrals.find_reseller"], R.reseller_query, name="reseller_query",
                        id=RESELLER_QUERY_ID,
                        aria_invalid=rx.cond(R.error_field == RESELLER_QUERY_ID, "true", "false"),
                        aria_describedby=rx.cond(R.error_field == RESELLER_QUERY_ID, "reseller-error", "")),
            field_error(rx.cond(R.error_field == RESELLER_QUERY_ID, R.error, ""), "reseller-error"),
            rx.cond(R.reseller_hint != "", rx.text(R.reseller_hint, size="2", color_scheme="gray")),
            rx.flex(rx.foreach(R.reseller_matches, reseller_match), wrap="wrap", gap="2"),
            spacing="2", width="100%",
        ),
    )


def referral_form() -> rx.Component:
    return card(
        rx.heading(T["referrals.refer_heading"], size="4", as_="h2"),
        reseller_picker(),
        rx.form(
            rx.vstack(*lead_fields(R), spacing="3", width="100%", align="start"),
            key=R.form_key, on_submit=R.refer, reset_on_submit=False, width="100%",
        ),
    )


@page("/platform/leads", "nav.platform_leads", action=Action.REFER_LEADS, on_load=(R.load,), nav=True)
def referrals_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.platform_leads"], size="7"),
        rx.text(T["referrals.intro"], color_scheme="gray"),
        notices(R),
        referral_form(),
        list_or_empty(
            R.loaded, R.total > 0,
            paged_table(R, header_row("leads.company", "leads.contact", "field.email", "referrals.reseller",
                                      "common.status", "referrals.date"), R.rows, referral_row),
            "user-plus", "referrals.empty",
        ),
        spacing="4", width="100%",
    )


# --- billing ---------------------------------------------------------------------------------------------


@page("/billing", "nav.billing", action=Action.VIEW_BILLING, on_load=(BillingState.load,), nav=True)
def billing_page() -> rx.Component:
    return rx.vstack(
        heading_row("nav.billing", rx.button(rx.icon("download", size=16), T["billing.export"], variant="soft",
                                             on_click=BillingState.export)),
        notices(BillingState),
        loading(BillingState, rx.vstack(
            rx.heading(T["billing.charges"], size="4", as_="h2"),
            rx.cond(
                BillingState.charges.length() > 0,
                rx.box(rx.table.root(
                    header_row("orders.customer", "orders.product", "orders.quantity", "billing.unit_price",
                               "billing.monthly"),
                    rx.table.body(
                        rx.foreach(BillingState.charges, lambda c: rx.table.row(
                            rx.table.cell(c["customer"]), rx.table.cell(c["product"]), rx.table.cell(c["quantity"]),
                            rx.table.cell(c["unit"]), rx.table.cell(c["amount"]))),
                        rx.table.row(rx.table.row_header_cell(T["billing.total"]), rx.table.cell(),
                                     rx.table.cell(), rx.table.cell(),
                                     rx.table.cell(rx.text.strong(BillingState.total), data_testid="billing-total")),
                    ),
                    width="100%",
                ), role="region", aria_label=T["billing.charges"], width="100%"),
                empty_state("receipt", "billing.no_charges"),
            ),
            rx.heading(T["orders.history"], size="4", as_="h2"),
            order_table(BillingState.orders),
            spacing="4", width="100%",
        )),
        spacing="4", width="100%",
    )


# --- partner profile -------------------------------------------------------------------------------------


def profile_field(key: str, name: str, *, required: bool = True, type: str = "text") -> rx.Component:
    return field(key, name, control_id=f"profile-{name}", type=type, required=required,
                 default_value=ProfileState.data[name], disabled=~ProfileState.can_edit, state=ProfileState)


def profile_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            card(
                rx.heading(T["profile.legal"], size="4", as_="h2"),
                rx.text(T["profile.identifiers"], " ", rx.text.strong(ProfileState.data["mpn_id"]),
                        data_testid="mpn-id"),
                profile_field("profile.legal_name", "legal_name"),
                profile_field("profile.address_line1", "address_line1"),
                profile_field("profile.address_line2", "address_line2", required=False),
                rx.grid(profile_field("profile.city", "city"),
                        profile_field("profile.region", "region", required=False),
                        profile_field("field.postal_code", "postal_code"), columns="3", spacing="3", width="100%"),
                labelled("field.country", "profile-country",
                         rx.input(id="profile-country", value=ProfileState.data["country_name"], read_only=True,
                                  disabled=True, width="100%", size="3"),
                         "profile.country_locked_hint"),
            ),
            card(
                rx.heading(T["profile.contact"], size="4", as_="h2"),
                rx.grid(profile_field("profile.first_name", "contact_first_name"),
                        profile_field("profile.last_name", "contact_last_name"), columns="2", spacing="3",
                        width="100%"),
                profile_field("profile.contact_email", "contact_email", type="email"),
                rx.cond(ProfileState.data["pending_contact_email"] != "",
                        rx.callout.root(rx.callout.text(T["profile.pending_contact"], " ",
                                                        rx.text.strong(ProfileState.data["pending_contact_email"])),
                                        color_scheme="amber", width="100%")),
                profile_field("field.phone", "contact_phone", type="tel"),
            ),
            card(
                rx.heading(T["profile.support"], size="4", as_="h2"),
                profile_field("profile.support_email", "support_email", type="email"),
                profile_field("profile.support_phone", "support_phone", type="tel"),
                profile_field("field.website", "support_website", required=False),
            ),
            rx.cond(ProfileState.can_edit, submit_button("common.save", ProfileState.busy)),
            spacing="4", width="100%", align="start",
        ),
        on_submit=ProfileState.save, reset_on_submit=False, width="100%",
    )


@page("/account/profile", "nav.partner_profile", action=Action.VIEW_PARTNER_PROFILE, on_load=(ProfileState.load,),
      nav=True)
def partner_profile_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.partner_profile"], size="7"),
        rx.text(T["profile.intro"], color_scheme="gray"),
        notices(ProfileState),
        loading(ProfileState, profile_form()),
        spacing="4", width="100%", max_width="48em",
    )


@page("/account/marketing", "nav.marketing_profile", action=Action.VIEW_PARTNER_PROFILE,
      on_load=(MarketingState.load,), nav=True)
def marketing_profile_page() -> rx.Component:
    def text_field(key: str, name: str):
        return field(key, name, control_id=f"marketing-{name}", required=False,
                     default_value=MarketingState.data[name], disabled=~MarketingState.can_edit, state=MarketingState)

    return rx.vstack(
        rx.heading(T["nav.marketing_profile"], size="7"),
        rx.text(T["marketing.intro"], color_scheme="gray"),
        notices(MarketingState),
        loading(MarketingState, rx.form(
            card(
                textarea_field("marketing.description", "description", control_id="marketing-description",
                               default_value=MarketingState.data["description"], rows="6",
                               disabled=~MarketingState.can_edit, state=MarketingState),
                text_field("marketing.industries", "industries"),
                text_field("marketing.products", "products"),
                text_field("marketing.regions", "regions_served"),
                rx.cond(MarketingState.can_edit, submit_button("common.save", MarketingState.busy)),
            ),
            on_submit=MarketingState.save, reset_on_submit=False, width="100%",
        )),
        spacing="4", width="100%", max_width="48em",
    )


@page("/verify-contact/[token]", "profile.verify_title", public=True, on_load=(VerifyContactState.load,))
def verify_contact_page() -> rx.Component:
    return rx.center(card(
        rx.heading(T["profile.verify_title"], size="6"),
        rx.cond(
            VerifyContactState.done,
            success_callout(T["profile.verified"]),
            rx.cond(
                VerifyContactState.error != "",
                error_callout(VerifyContactState.error),
                rx.cond(VerifyContactState.loaded, rx.vstack(
                    rx.text(T["profile.verify_body"]),
                    rx.text(rx.text.strong(VerifyContactState.email), " · ", VerifyContactState.org),
                    rx.button(T["common.confirm"], on_click=VerifyContactState.confirm,
                              loading=VerifyContactState.busy),
                    spacing="3", align="start"), rx.spinner()),
            ),
        ),
        max_width="32em",
    ), padding_top="4em")
