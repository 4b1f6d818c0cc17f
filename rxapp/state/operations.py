"""Thin states for working on behalf of customers and the partner's own profile pages. Every handler calls a
service through `self._run` (session re-checked, one transaction) and converts browser arguments first."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

import reflex as rx

from rxapp.boundary import as_id, as_int
from rxapp.errors import DomainError, NotAuthenticated
from rxapp.permissions import Action, can
from rxapp.services import billing, health, leads, orders, profile, relationships, subscriptions, support
from rxapp.services.countries import country_columns
from rxapp.services.onbehalf import MAX_QUANTITY
from rxapp.services.throttle import get_throttle
from rxapp.services.validation import COUNTRIES
from rxapp.state.base import AppState
from rxapp.state.paging import PAGE_SIZE, PagedList

LEAD_FIELDS = tuple(leads.LEAD_FIELDS)  # the referral form's input names
RESELLER_QUERY_ID = "reseller-query"  # the platform's referral form: the reseller search box

# The forms' limits (`maxLength`, `max`): the services' own, which they take from the models' columns.
QUANTITY_MAX = MAX_QUANTITY
SUBJECT_MAX, MESSAGE_MAX = support.SUBJECT_MAX, support.BODY_MAX
TITLE_MAX, DESCRIPTION_MAX = health.TITLE_MAX, health.DESCRIPTION_MAX
COMPANY_MAX, CONTACT_MAX = leads.COMPANY_MAX, leads.CONTACT_MAX


def _lead_row(row: leads.LeadRow) -> dict:
    return {**asdict(row), "id": str(row.id), "new": row.status == "new"}


def _str(value: Any, limit: int = 8000) -> str:
    return str(value if value is not None else "")[:limit]


def _money(cents: int) -> str:
    return f"${billing.money(cents)}"


# Service field -> control id, for the forms whose refusals show under their fields.
PROFILE_IDS = {f"op_{name}": f"profile-{name}" for name in profile.PROFILE_FIELDS}
MARKETING_IDS = {f"op_{name}": f"marketing-{name}" for name in profile.MARKETING_FIELDS}
ORDER_IDS = {"op_customer": "order-customer", "op_reseller": "order-reseller", "op_product": "order-product",
             "op_quantity": "order-quantity"}
REQUEST_IDS = {"op_subject": "request-subject", "op_message": "request-body"}
TICKET_IDS = {"op_subject": "ticket-subject", "op_message": "ticket-body"}
REPLY_IDS = {"op_message": "reply-body"}
HEALTH_IDS = {"op_service": "health-family", "op_title": "health-title", "op_description": "health-description"}
LEAD_IDS = {leads.LEAD_FIELDS[name]: f"lead-{name}" for name in leads.LEAD_FIELDS}


def quantity_control(subscription_id: int | str) -> str:
    """The id of a subscription row's quantity input (the page builds the same one from the row's id)."""
    return f"subs-quantity-{subscription_id}"


def focus_on(control_id: str):
    """Move the focus to a control whose id is built per row (such a control has no React ref for
    `rx.set_focus`); the id is built from a record id, never from typed text."""
    return rx.call_script(f"document.getElementById({json.dumps(control_id)})?.focus()")


class OpsState(AppState):
    """Shared error / message handling for the pages of this area."""

    error: str = ""
    error_field: str = ""  # the control `error` is about (its id), for the form to show it under that control
    message: str = ""
    busy: bool = False
    loaded: bool = False

    async def _call(self, work: Callable, *, success_key: str | None = None, fields: dict[str, str] | None = None,
                    **params: Any) -> tuple[bool, Any]:
        """Run a service call: (True, its result), with `message` set from `success_key` when given; or
        (False, the event that moves the focus to the refused field, or None) with the refusal in `error`.
        `fields` (the service's field -> the control's id) are the form's controls: a refusal about one of them
        puts that control's id in `error_field` (the form shows the message under it); any other refusal stays
        at the top of the page (`error_field` "")."""
        self.error = self.error_field = ""
        try:
            result = await self._run(work)
        except NotAuthenticated:
            self.error = self._text("error.not_signed_in")
            return False, None
        except DomainError as error:
            self.message = ""
            return False, self._refuse(error, fields)
        if success_key:
            self.message = self._text(success_key, **params)
        return True, result

    @rx.event
    def dismiss(self):
        self.error = self.message = self.error_field = ""

    @rx.event
    def fresh(self):
        """First on every page of this area (`rxapp.fresh_page_events`): the flags are shared by its pages,
        so a message or loaded flag of the page before never shows on the next one."""
        self.error = self.message = self.error_field = ""
        self.busy = self.loaded = False


# --- orders ----------------------------------------------------------------------------------------------


class OrdersState(OpsState):
    options: list[dict] = []
    products: list[dict] = []
    customer_id: str = ""
    orders: list[dict] = []
    can_order: bool = False

    @rx.var
    def reseller_options(self) -> list[dict]:
        for option in self.options:
            if option["id"] == self.customer_id:
                return option["resellers"]
        return []

    @rx.event
    async def load(self):
        def work(session, actor):
            allowed = can(actor, Action.SUBMIT_ORDERS)
            options = orders.order_options(session, actor) if allowed else []
            products = orders.list_products(session) if allowed else []
            return allowed, options, products, orders.list_orders(session, actor)

        ok, result = await self._call(work)
        if ok:
            self.can_order, options, products, rows = result
            self.options = [{"id": str(o["id"]), "name": o["name"],
                             "resellers": [{"id": str(r["id"]), "name": r["name"]} for r in o["resellers"]]}
                            for o in options]
            self.products = [{"id": str(p.id), "name": f"{p.name} ({_money(p.monthly_price_cents)})"}
                             for p in products]
            if self.customer_id not in {o["id"] for o in self.options}:
                self.customer_id = self.options[0]["id"] if self.options else ""
            self.orders = [{**asdict(r), "id": str(r.id), "quantity": str(r.quantity), "total": _money(r.total_cents)}
                           for r in rows]
        self.loaded = True

    @rx.event
    def pick_customer(self, value: str):
        self.customer_id = _str(value, 20)

    @rx.event
    async def submit(self, form: dict):
        self.busy = True
        yield  # the button shows progress while the order is provisioned
        customer, reseller = as_id(form.get("customer")), as_id(form.get("reseller"))
        product, quantity = as_id(form.get("product")), as_int(form.get("quantity"))
        ok, focus = await self._call(lambda s, a: orders.submit_order(
            s, a, customer_org_id=customer, reseller_org_id=reseller, product_id=product, quantity=quantity),
            success_key="orders.submitted", fields=ORDER_IDS)
        self.busy = False
        yield OrdersState.load if ok else focus


# --- subscriptions ---------------------------------------------------------------------------------------


class SubscriptionsState(OpsState):
    rows: list[dict] = []
    confirm_id: str = ""
    confirm_label: str = ""

    @rx.event
    async def load(self):
        ok, rows = await self._call(lambda s, a: subscriptions.list_subscriptions(s, a))
        if ok:
            self.rows = [{"id": str(r.id), "customer": r.customer, "product": r.product, "quantity": str(r.quantity),
                          "assigned": str(r.assigned), "status": r.status, "family": r.family,
                          "office_365": r.office_365,
                          "active": r.status == "active"} for r in rows]
        self.loaded = True

    @rx.event
    async def set_quantity(self, form: dict):
        subscription_id, quantity = as_id(form.get("id")), as_int(form.get("quantity"))
        control = quantity_control(subscription_id)
        ok, _ = await self._call(lambda s, a: subscriptions.change_quantity(
            s, a, subscription_id=subscription_id, quantity=quantity), success_key="subs.quantity_changed",
            fields={"op_quantity": control}, quantity=quantity)
        if ok:
            return SubscriptionsState.load
        return focus_on(control) if self.error_field else None  # the row's typed quantity is kept

    @rx.event
    def ask_suspend(self, subscription_id: str, label: str):
        self.confirm_id, self.confirm_label = _str(subscription_id, 20), _str(label, 300)

    @rx.event
    def cancel_suspend(self):
        self.confirm_id = self.confirm_label = ""

    @rx.event
    async def confirm_suspend(self):
        subscription_id = as_id(self.confirm_id)
        self.confirm_id = ""
        ok, _ = await self._call(lambda s, a: subscriptions.suspend(s, a, subscription_id=subscription_id),
                              success_key="subs.suspended_ok")
        return SubscriptionsState.load if ok else None

    @rx.event
    async def reactivate(self, subscription_id: str):
        wanted = as_id(subscription_id)
        ok, _ = await self._call(lambda s, a: subscriptions.reactivate(s, a, subscription_id=wanted),
                              success_key="subs.reactivated_ok")
        return SubscriptionsState.load if ok else None


# --- licenses --------------------------------------------------------------------------------------------


class LicensesState(OpsState):
    customers: list[dict] = []
    customer_id: str = ""
    subscriptions: list[dict] = []
    users: list[dict] = []
    confirm: dict = {}

    @rx.event
    async def load(self):
        def work(session, actor):
            subscriptions.require_administer(actor)
            return [{"id": str(c.id), "name": c.name} for c in relationships.served_customers(session, actor)]

        ok, customers = await self._call(work)
        if ok:
            self.customers = customers
            if self.customer_id not in {c["id"] for c in customers}:
                self.customer_id = customers[0]["id"] if customers else ""
            await self._load_customer()
        self.loaded = True

    async def _load_customer(self) -> None:
        self.subscriptions, self.users = [], []
        if not self.customer_id:
            return
        customer_id = as_id(self.customer_id)
        ok, overview = await self._call(lambda s, a: subscriptions.license_overview(s, a, customer_org_id=customer_id))
        if not ok:
            return
        self.subscriptions = [{"id": str(r.id), "product": r.product, "quantity": str(r.quantity),
                               "assigned": str(r.assigned),
                               "label": self._text("licenses.option", product=r.product,
                                                   free=max(0, r.quantity - r.assigned))}
                              for r in overview["subscriptions"] if r.status == "active"]
        self.users = [{"id": str(u["id"]), "name": u["name"], "upn": u["upn"],
                       "licenses": [{"subscription_id": str(lic["subscription_id"]), "product": lic["product"]}
                                    for lic in u["licenses"]]} for u in overview["users"]]

    @rx.event
    async def pick_customer(self, value: str):
        self.customer_id = _str(value, 20)
        self.message = ""
        await self._load_customer()

    @rx.event
    async def assign(self, form: dict):
        subscription_id, user_id = as_id(form.get("subscription")), as_id(form.get("user"))
        ok, _ = await self._call(lambda s, a: subscriptions.assign_license(
            s, a, subscription_id=subscription_id, customer_user_id=user_id), success_key="licenses.assigned_ok")
        if ok:
            message = self.message
            await self._load_customer()
            self.message = message

    @rx.event
    def ask_unassign(self, subscription_id: str, user_id: str, label: str):
        self.confirm = {"subscription": _str(subscription_id, 20), "user": _str(user_id, 20), "label": _str(label, 300)}

    @rx.event
    def cancel_unassign(self):
        self.confirm = {}

    @rx.event
    async def confirm_unassign(self):
        subscription_id, user_id = as_id(self.confirm.get("subscription")), as_id(self.confirm.get("user"))
        self.confirm = {}
        ok, _ = await self._call(lambda s, a: subscriptions.unassign_license(
            s, a, subscription_id=subscription_id, customer_user_id=user_id), success_key="licenses.unassigned")
        if ok:
            message = self.message
            await self._load_customer()
            self.message = message


# --- support ---------------------------------------------------------------------------------------------


class SupportState(OpsState):
    tickets: list[dict] = []
    customers: list[dict] = []
    subscriptions: list[dict] = []
    customer_id: str = ""
    can_platform: bool = False
    ticket: dict = {}
    messages: list[dict] = []

    @rx.var
    def customer_subscriptions(self) -> list[dict]:
        return [s for s in self.subscriptions if s["customer_id"] == self.customer_id]

    def _load_lists(self, session, actor):
        staff = can(actor, Action.ANSWER_SUPPORT)
        customers, subs = [], []
        if not staff and can(actor, Action.REQUEST_CUSTOMER_SUPPORT):
            customers = [{"id": str(c.id), "name": c.name} for c in relationships.served_customers(session, actor)]
            if can(actor, Action.VIEW_CUSTOMERS):
                subs = [{"id": str(r.id), "customer_id": str(r.customer_id), "name": r.product}
                        for r in subscriptions.list_subscriptions(session, actor)]
        return (can(actor, Action.CREATE_PLATFORM_TICKETS), customers, subs, support.list_tickets(session, actor))

    @rx.event
    async def load(self):
        ok, result = await self._call(self._load_lists)
        if ok:
            self.can_platform, self.customers, self.subscriptions, rows = result
            if self.customer_id not in {c["id"] for c in self.customers}:
                self.customer_id = self.customers[0]["id"] if self.customers else ""
            self.tickets = [{**asdict(r), "id": str(r.id)} for r in rows]
            if self.ticket:
                await self._open(as_id(self.ticket.get("id")))
        self.loaded = True

    async def _open(self, ticket_id: int) -> None:
        ok, detail = await self._call(lambda s, a: support.get_ticket(s, a, ticket_id=ticket_id))
        if ok:
            self.ticket = {k: str(v) for k, v in detail.items() if k != "messages"}
            self.messages = detail["messages"]
        else:
            self.ticket, self.messages = {}, []

    @rx.event
    def pick_customer(self, value: str):
        self.customer_id = _str(value, 20)

    @rx.event
    async def open_ticket(self, ticket_id: str):
        self.message = ""
        await self._open(as_id(ticket_id))

    @rx.event
    def close_detail(self):
        self.ticket, self.messages = {}, []

    @rx.event
    async def request_for_customer(self, form: dict):
        customer, sub = as_id(form.get("customer")), as_id(form.get("subscription")) or None
        subject, body = _str(form.get("subject"), 300), _str(form.get("body"))
        ok, ticket = await self._call(lambda s, a: support.create_customer_request(
            s, a, customer_org_id=customer, subscription_id=sub, subject=subject, body=body).id,
            success_key="support.request_sent", fields=REQUEST_IDS)
        if ok:
            self.ticket = {"id": str(ticket)}
            return [SupportState.load, rx.set_value("request-subject", ""), rx.set_value("request-body", "")]
        return ticket  # the focus on the refused field (what was typed is kept)

    @rx.event
    async def ticket_to_platform(self, form: dict):
        subject, body = _str(form.get("subject"), 300), _str(form.get("body"))
        ok, ticket = await self._call(lambda s, a: support.create_platform_ticket(s, a, subject=subject, body=body).id,
                                      success_key="support.ticket_sent", fields=TICKET_IDS)
        if ok:
            self.ticket = {"id": str(ticket)}
            return [SupportState.load, rx.set_value("ticket-subject", ""), rx.set_value("ticket-body", "")]
        return ticket  # the focus on the refused field

    @rx.event
    async def reply(self, form: dict):
        ticket_id, body = as_id(self.ticket.get("id")), _str(form.get("body"))
        ok, focus = await self._call(lambda s, a: support.reply(s, a, ticket_id=ticket_id, body=body),
                                     success_key="support.reply_sent", fields=REPLY_IDS)
        if ok:
            return [SupportState.load, rx.set_value("reply-body", "")]
        return focus

    @rx.event
    async def close_ticket(self):
        ticket_id = as_id(self.ticket.get("id"))
        ok, _ = await self._call(lambda s, a: support.close_ticket(s, a, ticket_id=ticket_id),
                              success_key="support.closed_ok")
        return SupportState.load if ok else None


# --- service health --------------------------------------------------------------------------------------


class HealthState(OpsState):
    entries: list[dict] = []

    @rx.event
    async def load(self):
        ok, rows = await self._call(lambda s, a: health.list_entries(s, a))
        if ok:
            self.entries = [{**asdict(r), "id": str(r.id)} for r in rows]
        self.loaded = True

    @rx.event
    async def post(self, form: dict):
        family, status = _str(form.get("family"), 40), _str(form.get("status"), 40)
        title, description = _str(form.get("title"), 300), _str(form.get("description"), 5000)
        ok, focus = await self._call(lambda s, a: health.post_entry(
            s, a, family=family, status=status, title=title, description=description), success_key="health.posted",
            fields=HEALTH_IDS)
        if ok:
            return [HealthState.load, rx.set_value("health-title", ""), rx.set_value("health-description", "")]
        return focus

    @rx.event
    async def resolve(self, entry_id: str):
        wanted = as_id(entry_id)
        ok, _ = await self._call(lambda s, a: health.resolve_entry(s, a, entry_id=wanted),
                              success_key="health.resolved_ok")
        return HealthState.load if ok else None


# --- leads -----------------------------------------------------------------------------------------------


class LeadsState(OpsState):
    leads: list[dict] = []
    targets: list[dict] = []
    can_invite: bool = False
    confirm_id: str = ""
    confirm_label: str = ""
    form_key: int = 0  # bumped after a referral: the form is drawn anew, empty (kept as typed on errors)

    @rx.event
    async def load(self):
        def work(session, actor):
            return (can(actor, Action.INVITE_CUSTOMERS), leads.referral_targets(session, actor),
                    leads.list_leads(session, actor))

        ok, result = await self._call(work)
        if ok:
            self.can_invite, targets, rows = result
            self.targets = [{"id": str(t["id"]), "name": t["name"]} for t in targets]
            self.leads = [_lead_row(r) for r in rows]
        self.loaded = True

    @rx.event
    async def invite(self, lead_id: str):
        wanted = as_id(lead_id)
        ok, lead = await self._call(lambda s, a: leads.invite_lead(s, a, lead_id=wanted).contact_email)
        if ok:
            self.message = self._text("leads.invited", email=lead)
            return LeadsState.load
        return None

    @rx.event
    def ask_dismiss(self, lead_id: str, label: str):
        self.confirm_id, self.confirm_label = _str(lead_id, 20), _str(label, 300)

    @rx.event
    def cancel_dismiss(self):
        self.confirm_id = self.confirm_label = ""

    @rx.event
    async def confirm_dismiss(self):
        wanted = as_id(self.confirm_id)
        self.confirm_id = ""
        ok, _ = await self._call(lambda s, a: leads.dismiss_lead(s, a, lead_id=wanted), success_key="leads.dismissed")
        return LeadsState.load if ok else None

    @rx.event
    async def refer(self, form: dict):
        values = {k: _str(form.get(k), 300) for k in ("reseller", *LEAD_FIELDS)}
        ok, focus = await self._call(lambda s, a: leads.refer_lead(
            s, a, reseller_org_id=as_id(values["reseller"]), company_name=values["company"],
            contact_name=values["contact"], contact_email=values["email"], country=values["country"]),
            success_key="leads.referred", fields=LEAD_IDS)
        if not ok:
            return focus
        self.form_key += 1
        return LeadsState.load


class ReferralsState(PagedList, OpsState):
    """Platform staff: the leads the platform referred (paged), and **Refer lead** to a reseller found by name."""

    rows: list[dict] = []
    reseller_query: str = ""
    reseller_matches: list[dict[str, str]] = []
    reseller_id: str = ""
    reseller_name: str = ""
    reseller_hint: str = ""  # "no match" under the search box
    form_key: int = 0

    @rx.event
    async def load(self):
        self.error = self.error_field = self.message = self.reseller_hint = ""
        await self._load()

    async def _load(self) -> None:
        offset = self.page * PAGE_SIZE
        ok, result = await self._call(lambda s, a: leads.list_platform_referrals(s, a, limit=PAGE_SIZE, offset=offset))
        if ok:
            rows, self.total = result
            self.rows = [_lead_row(r) for r in rows]
        self.loaded = True

    @rx.event
    async def find_resellers(self, form: dict):
        """The search box: active resellers whose name contains the text (at most 20)."""
        query = self.reseller_query = _str(form.get("reseller_query"), 200).strip()
        self.reseller_matches, self.reseller_hint = [], ""
        if not query:
            return
        ok, found = await self._call(lambda s, a: leads.find_resellers(s, a, name=query))
        if ok:
            self.reseller_matches = [{"id": str(r["id"]), "name": r["name"], **country_columns(r["country"])}
                                     for r in found]
            self.reseller_hint = "" if found else self._text("referrals.no_reseller", query=query)

    @rx.event
    def choose(self, reseller_id: str):
        """Pick one of the listed matches (anything else from the browser is ignored)."""
        match = next((m for m in self.reseller_matches if m["id"] == _str(reseller_id, 20)), None)
        if match is not None:
            self.reseller_id, self.reseller_name = match["id"], match["name"]
            self.reseller_matches, self.reseller_hint, self.error, self.error_field = [], "", "", ""

    @rx.event
    def change_reseller(self):
        self.reseller_id = self.reseller_name = ""

    @rx.event
    async def refer(self, form: dict):
        self.message = ""
        if not self.reseller_id:
            self.error, self.error_field = self._text("referrals.choose_reseller"), RESELLER_QUERY_ID
            return rx.set_focus(RESELLER_QUERY_ID)
        values = {k: _str(form.get(k), 300) for k in LEAD_FIELDS}
        reseller_id, reseller_name = as_id(self.reseller_id), self.reseller_name
        ok, focus = await self._call(lambda s, a: leads.refer_lead(
            s, a, reseller_org_id=reseller_id, company_name=values["company"], contact_name=values["contact"],
            contact_email=values["email"], country=values["country"]),
            success_key="referrals.referred", fields=LEAD_IDS, company=values["company"].strip(),
            reseller=reseller_name)
        if not ok:
            return focus
        self.reseller_id = self.reseller_name = self.reseller_query = ""
        self.form_key += 1
        self.page = 0
        await self._load()
        return None


# --- billing ---------------------------------------------------------------------------------------------


class BillingState(OpsState):
    charges: list[dict] = []
    total: str = ""
    orders: list[dict] = []

    @rx.event
    async def load(self):
        def work(session, actor):
            charges, total = billing.monthly_charges(session, actor)
            return charges, total, billing.billing_orders(session, actor)

        ok, result = await self._call(work)
        if ok:
            charges, total, history = result
            self.charges = [{"customer": c.customer, "product": c.product, "quantity": str(c.quantity),
                             "unit": _money(c.unit_price_cents), "amount": _money(c.monthly_cents)} for c in charges]
            self.total = _money(total)
            self.orders = [{**asdict(r), "id": str(r.id), "quantity": str(r.quantity), "total": _money(r.total_cents)}
                           for r in history]
        self.loaded = True

    @rx.event
    async def export(self):
        ok, text = await self._call(lambda s, a: billing.export_csv(s, a))
        if ok:
            return rx.download(data=text, filename="billing.csv")
        return None


# --- partner profile and marketing profile ---------------------------------------------------------------


class ProfileState(OpsState):
    data: dict[str, str] = {}
    can_edit: bool = False

    @rx.event
    async def load(self):
        ok, result = await self._call(lambda s, a: (profile.get_profile(s, a), can(a, Action.EDIT_PARTNER_PROFILE)))
        if ok:
            self.data, self.can_edit = result
            self.data["country_name"] = COUNTRIES.get(self.data.get("country", ""), self.data.get("country", ""))
        self.loaded = True

    @rx.event
    async def save(self, form: dict):
        values = {name: _str(form.get(name), 400) for name in profile.PROFILE_FIELDS}
        self.busy = True
        yield
        ok, pending = await self._call(lambda s, a: profile.update_profile(s, a, values=values), fields=PROFILE_IDS)
        self.busy = False
        if not ok:
            yield pending  # the focus on the refused field
        else:
            self.message = self._text("profile.saved_pending" if pending else "profile.saved",
                                      email=values["contact_email"])
            message = self.message
            await self.load()
            self.message = message


class MarketingState(OpsState):
    data: dict[str, str] = {}
    can_edit: bool = False

    @rx.event
    async def load(self):
        ok, result = await self._call(lambda s, a: (profile.get_own_marketing_profile(s, a),
                                                 can(a, Action.EDIT_PARTNER_PROFILE)))
        if ok:
            self.data, self.can_edit = result
        self.loaded = True

    @rx.event
    async def save(self, form: dict):
        values = {name: _str(form.get(name), 5000) for name in profile.MARKETING_FIELDS}
        self.busy = True
        yield
        ok, focus = await self._call(lambda s, a: profile.update_marketing_profile(s, a, values=values),
                                     success_key="marketing.saved", fields=MARKETING_IDS)
        self.busy = False
        if ok:
            self.data = values
        else:
            yield focus


class VerifyContactState(AppState):
    """The public landing page of a primary-contact verification link (no sign-in needed)."""

    org: str = ""
    email: str = ""
    error: str = ""
    done: bool = False
    busy: bool = False
    loaded: bool = False

    def _token(self) -> str:
        return self._path().rsplit("/", 1)[-1][:200]

    @rx.event
    async def load(self):
        self.error, self.done = "", False
        token = self._token()
        try:
            preview = await self._public(lambda session: profile.preview_contact_link(session, token=token))
            self.org, self.email = preview["org"], preview["email"]
        except DomainError as error:
            self.error = self._error_text(error)
        self.loaded = True

    @rx.event
    async def confirm(self):
        token, client = self._token(), self._client_address()

        def work(session) -> bool:
            if not get_throttle().hit("contact-verify", client, limit=30, window_seconds=900):
                return False
            profile.confirm_contact(session, token=token, client_address=client)
            return True

        self.busy = True
        yield  # the button shows progress while the link is checked
        try:
            if await self._public(work):
                self.done = True
            else:
                self.error = self._text("error.throttled")
        except DomainError as error:
            self.error = self._error_text(error)
        self.busy = False
