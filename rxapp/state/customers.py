"""Customers pages: thin handlers around `services.customers` (the list, links, landing page, Partners)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from urllib.parse import quote

import reflex as rx

from rxapp.errors import DomainError
from rxapp.services import customers
from rxapp.services.throttle import get_throttle
from rxapp.settings import get_settings
from rxapp.state.base import AppState

PAGE_SIZE = 25
SORTS = {"name": ("name", False), "name_desc": ("name", True), "since": ("since", True),
         "since_asc": ("since", False)}


def _date(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else ""


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class CustomersState(AppState):
    search: str = ""
    sort: str = "name"
    via: str = ""
    rows: list[dict[str, str]] = []
    total: int = 0
    page: int = 1
    loaded: bool = False
    error: str = ""
    resellers: list[dict[str, str]] = []
    _first: customers.Cursor | None = None
    _last: customers.Cursor | None = None

    expanded: str = ""
    detail_error: str = ""
    detail: dict[str, str] = {}
    detail_resellers: list[dict[str, str]] = []
    detail_subs: list[dict[str, str]] = []
    detail_users: list[dict[str, str]] = []
    users_visible: bool = False
    da_state: str = ""
    action_message: str = ""
    action_error: str = ""
    busy: bool = False

    @rx.var
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))

    @rx.var
    def page_text(self) -> str:
        return self._text("customers.page_of", page=self.page, pages=self.pages)

    @rx.var
    def total_text(self) -> str:
        return self._text("customers.total", total=f"{self.total:,}")

    def _da_label(self, state: str, expires: datetime | None) -> str:
        return {"active": self._text("customers.da_active", date=_date(expires)),
                "expired": self._text("customers.da_expired", date=_date(expires)),
                "removed": self._text("customers.da_removed")}.get(state, self._text("customers.da_none"))

    def _filters(self) -> dict:
        sort, descending = SORTS.get(self.sort, SORTS["name"])
        via = _int(self.via, 0) or None
        return {"search": self.search, "sort": sort, "descending": descending, "via_reseller_id": via}

    async def _fetch(self, **where) -> None:
        filters = self._filters()
        try:
            page = await self._run(lambda s, a: customers.list_customers(s, a, limit=PAGE_SIZE, **filters, **where))
        except DomainError as error:
            self.error, self.rows, self.total, self.loaded = self._error_text(error), [], 0, True
            return
        self.error = ""
        self.total, self._first, self._last = page.total, page.first, page.last
        self.rows = [{"id": str(r.id), "name": r.name, "domain": r.domain, "country": r.country,
                      "since": _date(r.since), "da": self._da_label(r.delegated_admin, r.delegated_admin_expires),
                      "da_state": r.delegated_admin} for r in page.rows]
        self.loaded = True

    @rx.event
    async def load(self):
        """on_load: the first page; a provider also gets its indirect resellers for the filter."""
        self.page, self.expanded, self.detail = 1, "", {}
        self.action_message = self.action_error = ""
        if "view_customers" not in self.rights:
            return
        try:
            options = await self._run(lambda s, a: customers.list_indirect_resellers(s, a))
        except DomainError:
            options = []
        self.resellers = [{"id": str(o["id"]), "name": o["name"]} for o in options]
        await self._fetch()

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
        self.via = "" if value == "all" else str(_int(value, 0) or "")
        self.page = 1
        await self._fetch()

    @rx.event
    async def first_page(self):
        self.page = 1
        await self._fetch()

    @rx.event
    async def next_page(self):
        if self.page < self.pages and self._last is not None:
            self.page += 1
            await self._fetch(after=self._last)

    @rx.event
    async def prev_page(self):
        if self.page > 1 and self._first is not None:
            self.page -= 1
            await self._fetch(before=self._first)

    @rx.event
    async def last_page(self):
        self.page = self.pages
        await self._fetch(last_page=True)

    async def _load_detail(self, customer_id: int) -> None:
        try:
            d = await self._run(lambda s, a: customers.customer_detail(s, a, customer_org_id=customer_id))
        except DomainError as error:
            self.detail_error, self.detail = self._error_text(error), {}
            return
        self.detail_error = ""
        self.detail = {"id": str(d["id"]), "name": d["name"], "domain": d["domain"], "country": d["country"],
                       "contact": d["contact_email"], "address": d["address"], "since": _date(d["since"]),
                       "da": self._da_label(d["delegated_admin"], d["delegated_admin_expires"])}
        self.da_state = d["delegated_admin"]
        self.detail_resellers = [{"name": p["name"], "kind": self._text(f"customers.kind_{p['kind']}"),
                                  "since": _date(p["since"])} for p in d["resellers"]]
        self.detail_subs = [{"product": s["product"], "status": s["status"],
                             "licenses": self._text("customers.licenses_assigned", assigned=s["assigned"],
                                                    quantity=s["quantity"])} for s in d["subscriptions"]]
        self.users_visible = d["users"] is not None
        self.detail_users = [{"name": u["name"], "upn": u["upn"],
                              "licenses": self._text("customers.user_licenses", count=u["licenses"])}
                             for u in d["users"] or []]

    @rx.event
    async def toggle(self, customer_id: str):
        """Expand a row (down arrow) or collapse it."""
        self.action_message = self.action_error = ""
        if self.expanded == str(customer_id):
            self.expanded = ""
            return
        self.expanded = str(_int(customer_id))
        await self._load_detail(_int(customer_id))

    @rx.event
    async def add_user(self, form: dict):
        """Administer on behalf: add a user to the expanded customer (needs delegated admin privileges)."""
        self.action_message = self.action_error = ""
        customer_id = _int(self.expanded)
        name, upn = str(form.get("display_name", ""))[:200], str(form.get("upn", ""))[:254]
        try:
            await self._run(lambda s, a: customers.add_customer_user(s, a, customer_org_id=customer_id,
                                                               display_name=name, user_principal_name=upn))
        except DomainError as error:
            self.action_error = self._error_text(error)
        else:
            self.action_message = self._text("customers.user_added")
        await self._load_detail(customer_id)

    @rx.event
    async def request_da(self):
        self.action_message = self.action_error = ""
        customer_id = _int(self.expanded)
        try:
            await self._run(lambda s, a: customers.request_delegated_admin(s, a, customer_org_id=customer_id))
        except DomainError as error:
            self.action_error = self._error_text(error)
        else:
            self.action_message = self._text("customers.da_requested")

    @rx.event
    async def export(self):
        """The filtered list (all pages) as a CSV download."""
        filters = self._filters()
        header = tuple(self._text(k) for k in ("customers.col_name", "customers.col_domain", "customers.col_country",
                                               "customers.contact", "customers.col_since",
                                               "customers.col_delegated")) + ("expires",)
        try:
            text = await self._run(lambda s, a: customers.export_customers_csv(s, a, header=header, **filters))
        except DomainError as error:
            self.error = self._error_text(error)
            return None
        return rx.download(data=text, filename="customers.csv")


class LinkDraftState(AppState):
    """`/customers/request` and `/customers/invite?provider=<id>`: the draft email and its fixed link."""

    text: str = ""
    subject: str = ""
    link: str = ""
    expires: str = ""
    provider_name: str = ""
    providers: list[dict[str, str]] = []
    error: str = ""
    ready: bool = False

    @rx.var
    def mailto(self) -> str:
        return f"mailto:?subject={quote(self.subject)}&body={quote(self.text + chr(10) + chr(10) + self.link)}"

    def _show(self, draft: customers.LinkDraft) -> None:
        params = {"reseller": draft.reseller_name, "provider": draft.provider_name}
        self.link, self.provider_name = draft.url, draft.provider_name
        self.expires = self._text("customers.link_expires", date=_date(draft.expires_at))
        self.subject = self._text("customers.draft_subject", **params)
        key = "customers.draft_body_two_party" if draft.provider_name else "customers.draft_body"
        self.text = self._text(key, **params)
        self.ready, self.error = True, ""

    @rx.event
    async def load_request(self):
        self.ready, self.error, self.link = False, "", ""
        if "invite_customers" not in self.rights:
            return
        try:
            self._show(await self._run(lambda s, a: customers.request_relationship_link(s, a)))
        except DomainError as error:
            self.error = self._error_text(error)

    @rx.event
    async def load_invite(self):
        self.ready, self.error, self.link, self.provider_name = False, "", "", ""
        if "invite_customers" not in self.rights:
            return
        provider = _int(self.router.url.query_parameters.get("provider", ""), 0)
        try:
            options = await self._run(lambda s, a: customers.list_partner_providers(s, a))
            self.providers = [{"id": str(o["id"]), "name": o["name"]} for o in options]
            if provider:
                self._show(await self._run(lambda s, a: customers.invite_new_customer_link(s, a,
                                                                                      provider_org_id=provider)))
        except DomainError as error:
            self.error = self._error_text(error)

    @rx.event
    def set_text(self, value: str):
        self.text = str(value)[:4000]

    @rx.event
    def copy(self):
        yield rx.set_clipboard(f"{self.text}\n\n{self.link}")
        yield rx.toast(self._text("common.copied"))

    @rx.event
    def done(self):
        return rx.redirect("/customers")


class AcceptState(AppState):
    """`/accept/[token]` (public): who asks and what it grants; sign in or create an account; accept."""

    link_ok: bool = False
    link_error: str = ""
    purpose: str = ""
    reseller: str = ""
    provider: str = ""
    can_create: bool = False
    is_customer: bool = False
    mode: str = "sign_in"
    error: str = ""
    done: str = ""
    busy: bool = False

    def _token(self) -> str:
        path = str(self.router.url.path or "")
        return path.rstrip("/").rsplit("/", 1)[-1][:100]

    @rx.var
    def asks(self) -> str:
        key = {"customer_two_party": "custaccept.asks_two_party",
               "delegated_admin": "custaccept.asks_da"}.get(self.purpose, "custaccept.asks")
        return self._text(key, reseller=self.reseller, provider=self.provider)

    @rx.var
    def grant_admin(self) -> str:
        return self._text("custaccept.grant_admin", reseller=self.reseller, days=get_settings().delegated_admin_days)

    @rx.var
    def grant_orders(self) -> str:
        return self._text("custaccept.grant_orders", provider=self.provider)

    @rx.var
    def signed_in_text(self) -> str:
        return self._text("custaccept.signed_in_as", email=self.user_email, org=self.org_name)

    @rx.event
    async def load(self):
        self.error, self.done, self.busy = "", "", False
        token = self._token()
        try:
            info = await self._public(lambda session: customers.describe_link(session, token=token))
        except DomainError as error:
            self.link_ok, self.link_error = False, self._error_text(error)
            return
        self.link_ok, self.link_error = True, ""
        self.purpose, self.reseller, self.provider = info["purpose"], info["reseller"], info["provider"]
        self.can_create = info["can_create_account"]
        actor = await self._actor()
        self._show_actor(actor)
        self.is_customer = actor is not None and actor.org_kind.value == "customer"

    @rx.event
    def show_mode(self, mode: str):
        self.mode = "create" if mode == "create" and self.can_create else "sign_in"
        self.error = ""

    async def _throttled(self) -> bool:
        client = self._client_address()
        ok = await asyncio.to_thread(get_throttle().hit, "customer-link", client, limit=30, window_seconds=900)
        if not ok:
            self.error = self._text("error.throttled")
        return not ok

    @rx.event
    async def sign_in(self, form: dict):
        self.busy, self.error = True, ""
        yield
        email, password = str(form.get("email", "")), str(form.get("password", ""))
        try:
            self.session_token = await self._sign_in(email, password)
        except DomainError as error:
            self.busy = False
            if error.code == "auth.second_factor_required":  # the sign-in page asks for the code, then returns
                yield rx.redirect(f"/signin?next={self._path()}")
                return
            self.error = self._error_text(error)
            return
        self.busy = False
        yield AcceptState.load

    @rx.event
    async def create_account(self, form: dict):
        self.busy, self.error = True, ""
        yield
        if await self._throttled():
            self.busy = False
            return
        if str(form.get("password", "")) != str(form.get("confirm", "")):
            self.error, self.busy = self._text("password.mismatch"), False
            return
        token, client = self._token(), self._client_address()
        fields = {k: str(form.get(k, ""))[:254] for k in ("company", "country", "domain", "admin_name", "email")}
        password = str(form.get("password", ""))[:256]

        try:
            await self._public(lambda session: customers.create_customer_account(
                session, token=token, company=fields["company"], country=fields["country"], domain=fields["domain"],
                admin_name=fields["admin_name"], email=fields["email"], password=password, client_address=client))
            self.session_token = await self._sign_in(fields["email"], password)
        except DomainError as error:
            self.error, self.busy = self._error_text(error), False
            return
        self.busy = False
        yield AcceptState.load

    @rx.event
    async def accept(self):
        if await self._throttled():
            return
        token = self._token()
        try:
            result = await self._run(lambda s, a: customers.accept_link(s, a, token=token))
        except DomainError as error:
            self.error = self._error_text(error)
            return
        key = "custaccept.accepted_da" if result["purpose"] == "delegated_admin" else "custaccept.accepted"
        self.done = self._text(key, reseller=result["reseller"], date=_date(result["expires_at"]))
        self.error = ""

    @rx.event
    async def decline(self):
        token = self._token()
        if await self._attempt(lambda s, a: customers.decline_link(s, a, token=token)):
            self.done, self.error = self._text("custaccept.declined"), ""


class CustomerPartnersState(AppState):
    """`/partners` (customer side): resellers/providers of record, removal, history."""

    current: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    message: str = ""
    error: str = ""
    can_manage: bool = False

    @rx.event
    async def load(self):
        self.can_manage = "manage_customer_partners" in self.rights
        if "view_customer_partners" not in self.rights:
            return
        try:
            data = await self._run(lambda s, a: customers.list_partners(s, a))
        except DomainError as error:
            self.error = self._error_text(error)
            return
        def may(item) -> str:
            if item["kind"] == "provider_customer":
                return self._text("custpartners.may_order")
            if item["delegated_admin"] == "active":
                return self._text("custpartners.may_admin") + " · " + self._da_text(item)
            return self._text("custpartners.may_view")

        self.current = [{"id": str(i["id"]), "partner_id": str(i["partner_id"]), "name": i["name"],
                         "kind": self._text(f"customers.kind_{i['kind']}"), "may": may(i),
                         "since": self._text("custpartners.since", date=_date(i["since"])),
                         "da_active": "1" if i["delegated_admin"] == "active" else ""} for i in data["current"]]
        self.history = [{"name": i["name"], "kind": self._text(f"customers.kind_{i['kind']}"),
                         "when": self._text("custpartners.ended", date=_date(i["ended_at"]))} for i in data["history"]]
        self.history += [{"name": g["name"], "kind": self._text("customers.col_delegated"),
                          "when": self._text("custpartners.da_removed_on", date=_date(g["removed_at"]))}
                         for g in data["removed_grants"]]

    def _da_text(self, item) -> str:
        return self._text("customers.da_active", date=_date(item["delegated_admin_expires"]))

    @rx.event
    async def remove(self, relationship_id: str):
        rel_id = _int(relationship_id)
        self.error = self.message = ""
        if await self._attempt(lambda s, a: customers.remove_relationship(s, a, relationship_id=rel_id)):
            self.message = self._text("custpartners.removed")
        return CustomerPartnersState.load

    @rx.event
    async def remove_da(self, partner_id: str):
        reseller_id = _int(partner_id)
        self.error = self.message = ""
        if await self._attempt(lambda s, a: customers.remove_delegated_admin(s, a, reseller_org_id=reseller_id)):
            self.message = self._text("custpartners.da_removed")
        return CustomerPartnersState.load
