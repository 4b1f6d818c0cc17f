"""Customers pages: thin handlers around `services.customers` (the list and its details, the customer's Partners
page); the link drafts and the landing page are in `state/customer_links.py`."""

from __future__ import annotations

import functools
from datetime import datetime

import reflex as rx

from rxapp.boundary import as_id
from rxapp.services import customers
from rxapp.state import list_reads
from rxapp.state.base import AppState, Refused
from rxapp.state.formatting import date_text
from rxapp.state.paging import PAGE_SIZE, page_count
from rxapp.state.rows import (
    CustomerDetail,
    CustomerPartnerRow,
    CustomerResellerRow,
    CustomerRow,
    CustomerSubscriptionRow,
    CustomerUserRow,
    EndedPartnerRow,
    IdName,
    country_fields,
    marketing_fields,
)

SORTS = {"name": ("name", False), "name_desc": ("name", True), "since": ("since", True), "since_asc": ("since", False)}


CUSTOMER_USER_FIELDS = {"customer_user_name": "cu-name", "customer_upn": "cu-upn"}  # service field -> control


class CustomersState(AppState):
    search: rx.Field[str] = rx.field("")
    sort: rx.Field[str] = rx.field("name")
    via: rx.Field[str] = rx.field("")
    # `/customers?provider=N` (a reseller): the customers shared with that provider
    provider_id: rx.Field[str] = rx.field("")
    provider_name: rx.Field[str] = rx.field("")
    rows: rx.Field[list[CustomerRow]] = rx.field(default_factory=list)
    total: rx.Field[int] = rx.field(0)
    page: rx.Field[int] = rx.field(1)
    loaded: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    resellers: rx.Field[list[IdName]] = rx.field(default_factory=list)
    _first: customers.Cursor | None = None
    _last: customers.Cursor | None = None

    expanded: rx.Field[str] = rx.field("")
    detail_error: rx.Field[str] = rx.field("")
    detail: rx.Field[CustomerDetail] = rx.field(default_factory=CustomerDetail)
    detail_resellers: rx.Field[list[CustomerResellerRow]] = rx.field(default_factory=list)
    detail_subs: rx.Field[list[CustomerSubscriptionRow]] = rx.field(default_factory=list)
    detail_users: rx.Field[list[CustomerUserRow]] = rx.field(default_factory=list)
    users_visible: rx.Field[bool] = rx.field(False)
    da_state: rx.Field[str] = rx.field("")
    da_days_error: rx.Field[str] = rx.field("")
    action_message: rx.Field[str] = rx.field("")
    action_error: rx.Field[str] = rx.field("")
    action_field: rx.Field[str] = rx.field("")  # the add-user field `action_error` is about (shown under it)
    user_form: rx.Field[int] = rx.field(0)
    busy: rx.Field[bool] = rx.field(False)

    def _da_label(self, state: str, expires: datetime | None) -> str:
        key = {
            "active": "customers.da_active",
            "expired": "customers.da_expired",
            "removed": "customers.da_removed",
        }.get(state, "customers.da_none")
        return self._text(key, date=date_text(expires))

    def _filters(self) -> dict:
        sort, descending = SORTS.get(self.sort, SORTS["name"])
        via = as_id(self.via, 0) or None
        return {
            "search": self.search,
            "sort": sort,
            "descending": descending,
            "via_reseller_id": via,
            "via_provider_id": as_id(self.provider_id, 0) or None,
        }

    async def _fetch(self, **where) -> None:
        out = await self._call(
            functools.partial(list_reads.customer_page, limit=PAGE_SIZE, filters=self._filters(), where=where)
        )
        if isinstance(out, Refused):
            self.rows, self.total, self.loaded = [], 0, True
            return
        self.total, self._first, self._last = out.total, out.first, out.last
        self.rows = out.rows
        self.loaded = True

    @rx.event
    async def load(self):
        """on_load: the first page; a provider also gets its indirect resellers for the filter."""
        self.page, self.expanded, self.detail = 1, "", {}
        self.action_message = self.action_error = ""
        if "view_customers" not in self._rights:
            return
        options = await self._call(lambda s, a: customers.list_indirect_resellers(s, a), error=None)
        if isinstance(options, Refused):
            options = []
        self.resellers = [{"id": str(o.id), "name": o.name} for o in options]
        provider = as_id(self.router.url.query_parameters.get("provider", ""), 0)
        self.provider_id, self.provider_name = "", ""
        if provider:
            name = await self._call(lambda s, a: customers.shared_provider_name(s, a, provider_org_id=provider))
            if isinstance(name, Refused):
                self.rows, self.total, self.loaded = [], 0, True
                return
            self.provider_name, self.provider_id = name, str(provider)
        await self._fetch()

    @rx.event
    async def clear_provider(self):
        """**Show all customers**: drop the provider filter (and the address's `?provider=`)."""
        self.provider_id, self.provider_name, self.page = "", "", 1
        await self._fetch()
        return rx.call_script("window.history.replaceState(null, '', '/customers')")

    @rx.event
    async def submit_search(self, form: dict):
        self.search = str(form.get("search", ""))[: customers.MAX_SEARCH]
        self.page = 1
        await self._fetch()

    @rx.event
    async def set_sort(self, value: str):
        self.sort = value if value in SORTS else "name"
        self.page = 1
        await self._fetch()

    @rx.event
    async def set_via(self, value: str):
        self.via = "" if value == "all" else str(as_id(value, 0) or "")
        self.page = 1
        await self._fetch()

    @rx.event
    async def first_page(self):
        self.page = 1
        await self._fetch()

    @rx.event
    async def next_page(self):
        if self.page < page_count(self.total) and self._last is not None:
            self.page += 1
            await self._fetch(after=self._last)

    @rx.event
    async def prev_page(self):
        if self.page > 1 and self._first is not None:
            self.page -= 1
            await self._fetch(before=self._first)

    @rx.event
    async def last_page(self):
        self.page = page_count(self.total)
        await self._fetch(last_page=True)

    async def _load_detail(self, customer_id: int) -> None:
        d = await self._call(
            lambda s, a: customers.customer_detail(s, a, customer_org_id=customer_id), error="detail_error"
        )
        if isinstance(d, Refused):
            self.detail = {}
            return
        self.detail = {
            "id": str(d.id),
            "name": d.name,
            "domain": d.domain,
            "country": d.country,
            **country_fields(d.country),
            "unverified": "" if d.domain_verified else "1",
            "contact": d.contact_email,
            "address": d.address,
            "since": date_text(d.since),
            "da": self._da_label(d.delegated_admin, d.delegated_admin_expires),
        }
        self.da_state = d.delegated_admin
        self.detail_resellers = [
            {"name": p.name, "kind": self._text(f"customers.kind_{p.kind}"), "since": date_text(p.since)}
            for p in d.resellers
        ]
        self.detail_subs = [
            {
                "product": s.product,
                "status": s.status,
                "licenses": self._text("customers.licenses_assigned", assigned=s.assigned, quantity=s.quantity),
            }
            for s in d.subscriptions
        ]
        self.users_visible = d.users is not None
        self.detail_users = [
            {"name": u.name, "upn": u.upn, "licenses": self._text("customers.user_licenses", count=u.licenses)}
            for u in d.users or []
        ]

    @rx.event
    async def toggle(self, customer_id: str):
        """Expand a row (down arrow) or collapse it."""
        self.action_message = self.action_error = self.action_field = ""
        if self.expanded == str(customer_id):
            self.expanded = ""
            return
        self.expanded = str(as_id(customer_id))
        await self._load_detail(as_id(customer_id))

    @rx.event
    async def add_user(self, form: dict):
        """Administer on behalf: add a user to the expanded customer (needs delegated admin privileges)."""
        self.action_message = self.action_error = self.action_field = ""
        customer_id = as_id(self.expanded)
        name, upn = str(form.get("display_name", ""))[:200], str(form.get("upn", ""))[:254]
        out = await self._call(
            lambda s, a: customers.add_customer_user(
                s, a, customer_org_id=customer_id, display_name=name, user_principal_name=upn
            ),
            error="action_error",
            fields=CUSTOMER_USER_FIELDS,
            success="customers.user_added",
            message="action_message",
            field_var="action_field",
        )
        if not isinstance(out, Refused):
            self.user_form += 1  # drawn anew, empty (a refused one keeps what was typed)
        await self._load_detail(customer_id)
        return out.focus if isinstance(out, Refused) else None

    @rx.event
    async def request_da(self, form: dict):
        """Ask the expanded customer for delegated admin privileges (or an extension) for the chosen days."""
        self.action_message = self.action_error = self.da_days_error = ""
        customer_id, days = as_id(self.expanded), str(form.get("days", ""))[:10]
        await self._call(
            lambda s, a: customers.request_delegated_admin(s, a, customer_org_id=customer_id, days=days),
            error="action_error",
            field_errors={"days": "da_days_error"},
            success="customers.da_requested",
            message="action_message",
        )

    @rx.event
    async def export(self):
        """The filtered list (all pages) as a CSV download."""
        filters = self._filters()
        header = tuple(
            self._text(k)
            for k in (
                "customers.col_name",
                "customers.col_domain",
                "customers.col_country",
                "customers.contact",
                "customers.col_since",
                "customers.col_delegated",
            )
        ) + ("expires",)
        # clear=False: a download leaves the page's message as it was; only a refusal replaces it
        text = await self._call(
            lambda s, a: customers.export_customers_csv(s, a, header=header, **filters), clear=False
        )
        if isinstance(text, Refused):
            return None
        return rx.download(data=text, filename="customers.csv")


class CustomerPartnersState(AppState):
    """`/partners` (customer side): resellers/providers of record, removal, history."""

    current: rx.Field[list[CustomerPartnerRow]] = rx.field(default_factory=list)
    history: rx.Field[list[EndedPartnerRow]] = rx.field(default_factory=list)
    message: rx.Field[str] = rx.field("")
    error: rx.Field[str] = rx.field("")
    can_manage: rx.Field[bool] = rx.field(False)

    @rx.event
    async def load(self):
        self.can_manage = "manage_customer_partners" in self._rights
        if "view_customer_partners" not in self._rights:
            return
        # clear=False: `remove`'s refusal, shown before this reload, stays; only the list's own refusal replaces it
        data = await self._call(lambda s, a: customers.list_partners(s, a), clear=False)
        if isinstance(data, Refused):
            return

        def may(item: customers.PartnerEntry) -> str:
            if item.kind == "provider_customer":
                return self._text("custpartners.may_order")
            if item.delegated_admin == "active":
                return self._text("custpartners.may_admin") + " · " + self._da_text(item)
            return self._text("custpartners.may_view")

        self.current = [
            {
                "id": str(i.id),
                "partner_id": str(i.partner_id),
                "name": i.name,
                "kind": self._text(f"customers.kind_{i.kind}"),
                "may": may(i),
                "since": self._text("custpartners.since", date=date_text(i.since)),
                "da_active": "1" if i.delegated_admin == "active" else "",
                "suspended": "1" if i.suspended else "",
                **marketing_fields(i.marketing),
            }
            for i in data.current
        ]
        ended: list[EndedPartnerRow] = [
            {
                "name": i.name,
                "kind": self._text(f"customers.kind_{i.kind}"),
                "when": self._text("custpartners.ended", date=date_text(i.ended_at)),
            }
            for i in data.history
        ]
        removed: list[EndedPartnerRow] = [
            {
                "name": g.name,
                "kind": self._text("customers.col_delegated"),
                "when": self._text("custpartners.da_removed_on", date=date_text(g.removed_at)),
            }
            for g in data.removed_grants
        ]
        self.history = ended + removed

    def _da_text(self, item: customers.PartnerEntry) -> str:
        return self._text("customers.da_active", date=date_text(item.delegated_admin_expires))

    @rx.event
    async def remove(self, relationship_id: str):
        rel_id = as_id(relationship_id)
        await self._call(
            lambda s, a: customers.remove_relationship(s, a, relationship_id=rel_id), success="custpartners.removed"
        )
        return CustomerPartnersState.load

    @rx.event
    async def remove_da(self, partner_id: str):
        reseller_id = as_id(partner_id)
        await self._call(
            lambda s, a: customers.remove_delegated_admin(s, a, reseller_org_id=reseller_id),
            success="custpartners.da_removed",
        )
        return CustomerPartnersState.load
