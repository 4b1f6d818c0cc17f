"""Support: requests on behalf of customers, tickets to the platform, the conversation; the staff's queue."""

from __future__ import annotations

import reflex as rx

from rxapp.boundary import as_id, field_text, form_text
from rxapp.permissions import Action, can
from rxapp.services import relationships, subscriptions, support
from rxapp.state.base import Refused
from rxapp.state.ops import OpsState
from rxapp.state.rows import IdName, TicketDetail, TicketMessage, TicketRow, TicketSubscription

# Service field -> the form's control (a refusal shows under it); the limits are the service's.
REQUEST_IDS = {"op_subject": "request-subject", "op_message": "request-body"}
TICKET_IDS = {"op_subject": "ticket-subject", "op_message": "ticket-body"}
REPLY_IDS = {"op_message": "reply-body"}
SUBJECT_MAX, MESSAGE_MAX = support.SUBJECT_MAX, support.BODY_MAX


class SupportState(OpsState):
    tickets: rx.Field[list[TicketRow]] = rx.field(default_factory=list)
    customers: rx.Field[list[IdName]] = rx.field(default_factory=list)
    subscriptions: rx.Field[list[TicketSubscription]] = rx.field(default_factory=list)
    customer_id: rx.Field[str] = rx.field("")
    can_platform: rx.Field[bool] = rx.field(False)
    ticket: rx.Field[TicketDetail] = rx.field(default_factory=TicketDetail)
    messages: rx.Field[list[TicketMessage]] = rx.field(default_factory=list)

    # The chosen customer's subscriptions, set with the choice (not a computed var: see rxapp/state/paging.py).
    customer_subscriptions: rx.Field[list[TicketSubscription]] = rx.field(default_factory=list)

    def _pick(self, customer_id: str) -> None:
        self.customer_id = customer_id
        self.customer_subscriptions = [s for s in self.subscriptions if s["customer_id"] == customer_id]

    def _load_lists(self, session, actor):
        staff = can(actor, Action.ANSWER_SUPPORT)
        customers: list[IdName] = []
        subs: list[TicketSubscription] = []
        if not staff and can(actor, Action.REQUEST_CUSTOMER_SUPPORT):
            customers = [{"id": str(c.id), "name": c.name} for c in relationships.served_customers(session, actor)]
            if can(actor, Action.VIEW_CUSTOMERS):
                subs = [
                    {"id": str(r.id), "customer_id": str(r.customer_id), "name": r.product}
                    for r in subscriptions.list_subscriptions(session, actor)
                ]
        return (can(actor, Action.CREATE_PLATFORM_TICKETS), customers, subs, support.list_tickets(session, actor))

    @rx.event
    async def load(self):
        result = await self._call(self._load_lists)
        if not isinstance(result, Refused):
            self.can_platform, self.customers, self.subscriptions, rows = result
            known = self.customer_id in {c["id"] for c in self.customers}
            self._pick(self.customer_id if known else self.customers[0]["id"] if self.customers else "")
            self.tickets = [
                TicketRow(
                    id=str(r.id),
                    kind=r.kind,
                    subject=r.subject,
                    status=r.status,
                    org=r.org,
                    customer=r.customer,
                    created_at=r.created_at,
                )
                for r in rows
            ]
            if self.ticket:
                await self._open(as_id(self.ticket.get("id")))
        self.loaded = True

    async def _open(self, ticket_id: int) -> None:
        detail = await self._call(lambda s, a: support.get_ticket(s, a, ticket_id=ticket_id))
        if isinstance(detail, Refused):
            self.ticket, self.messages = {}, []
        else:
            self.ticket = TicketDetail(
                id=str(detail["id"]),
                kind=str(detail["kind"]),
                subject=str(detail["subject"]),
                status=str(detail["status"]),
                org=str(detail["org"]),
                customer=str(detail["customer"]),
            )
            self.messages = detail["messages"]

    @rx.event
    def pick_customer(self, value: str):
        self._pick(field_text(value, "customer"))

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
        subject, body = form_text(form, "subject"), form_text(form, "body")
        ticket = await self._call(
            lambda s, a: (
                support.create_customer_request(
                    s, a, customer_org_id=customer, subscription_id=sub, subject=subject, body=body
                ).id
            ),
            success="support.request_sent",
            fields=REQUEST_IDS,
        )
        if isinstance(ticket, Refused):
            return ticket.focus  # the focus on the refused field (what was typed is kept)
        self.ticket = {"id": str(ticket)}
        return [SupportState.load, rx.set_value("request-subject", ""), rx.set_value("request-body", "")]

    @rx.event
    async def ticket_to_platform(self, form: dict):
        subject, body = form_text(form, "subject"), form_text(form, "body")
        ticket = await self._call(
            lambda s, a: support.create_platform_ticket(s, a, subject=subject, body=body).id,
            success="support.ticket_sent",
            fields=TICKET_IDS,
        )
        if isinstance(ticket, Refused):
            return ticket.focus  # the focus on the refused field
        self.ticket = {"id": str(ticket)}
        return [SupportState.load, rx.set_value("ticket-subject", ""), rx.set_value("ticket-body", "")]

    @rx.event
    async def reply(self, form: dict):
        ticket_id, body = as_id(self.ticket.get("id")), form_text(form, "body")
        out = await self._call(
            lambda s, a: support.reply(s, a, ticket_id=ticket_id, body=body),
            success="support.reply_sent",
            fields=REPLY_IDS,
        )
        if isinstance(out, Refused):
            return out.focus
        return [SupportState.load, rx.set_value("reply-body", "")]

    @rx.event
    async def close_ticket(self):
        ticket_id = as_id(self.ticket.get("id"))
        out = await self._call(
            lambda s, a: support.close_ticket(s, a, ticket_id=ticket_id), success="support.closed_ok"
        )
        return None if isinstance(out, Refused) else SupportState.load
