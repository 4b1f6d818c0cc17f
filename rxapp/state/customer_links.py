"""Customer links: the reseller's request and invitation drafts, and the customer's landing page that accepts
one (thin handlers around `services.customers`)."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import reflex as rx

from rxapp.boundary import as_id
from rxapp.errors import ValidationFailed
from rxapp.services import customers, throttle
from rxapp.state.base import AppState, Refused
from rxapp.state.formatting import date_text
from rxapp.state.rows import IdName


class LinkDraftState(AppState):
    """`/customers/request` and `/customers/invite?provider=<id>`: the draft email and its fixed link."""

    text: rx.Field[str] = rx.field("")
    subject: rx.Field[str] = rx.field("")
    link: rx.Field[str] = rx.field("")
    expires: rx.Field[str] = rx.field("")
    provider_name: rx.Field[str] = rx.field("")
    providers: rx.Field[list[IdName]] = rx.field(default_factory=list)
    provider_id: rx.Field[str] = rx.field("")
    error: rx.Field[str] = rx.field("")
    ready: rx.Field[bool] = rx.field(False)
    busy: rx.Field[bool] = rx.field(False)

    # The draft as a mailto: address, set with the draft (not a computed var: see rxapp/state/paging.py).
    mailto: rx.Field[str] = rx.field("")

    def _draft_changed(self) -> None:
        """The mailto: address again, after the draft's subject, text or link changed."""
        body = f"{self.text}\n\n{self.link}"
        self.mailto = f"mailto:?subject={quote(self.subject)}&body={quote(body)}"

    def _show(self, draft: customers.LinkDraft) -> None:
        params = {"reseller": draft.reseller_name, "provider": draft.provider_name}
        self.link, self.provider_name = draft.url, draft.provider_name
        self.expires = self._text("customers.link_expires", date=date_text(draft.expires_at))
        self.subject = self._text("customers.draft_subject", **params)
        key = "customers.draft_body_two_party" if draft.provider_name else "customers.draft_body"
        self.text = self._text(key, **params)
        self._draft_changed()
        self.ready, self.error = True, ""

    @rx.event
    def fresh(self):
        """First on both pages of this state: nothing of the other page's draft or error shows."""
        self.ready, self.error, self.link, self.text, self.provider_name = False, "", "", "", ""
        self._draft_changed()
        self.busy = False

    @rx.event
    async def load_request(self):
        """on_load: nothing is created by a visit; **Create link** makes the link (`create_request`)."""
        self.provider_id = ""

    @rx.event
    async def load_invite(self):
        """on_load: the providers to choose from, and the chosen one's name; no link until **Create link**."""
        self.providers, self.provider_id = [], ""
        if "invite_customers" not in self._rights:
            return
        provider = as_id(self.router.url.query_parameters.get("provider", ""), 0)
        options = await self._call(lambda s, a: customers.list_partner_providers(s, a))
        if isinstance(options, Refused):
            return
        self.providers = [{"id": str(o.id), "name": o.name} for o in options]
        if provider:
            chosen = [o["name"] for o in self.providers if o["id"] == str(provider)]
            if chosen:
                self.provider_id, self.provider_name = str(provider), chosen[0]
            else:
                self.error = self._text("error.not_found")

    @rx.event
    async def create_link(self):
        """**Create link**: one new personalized link (logged as `link.sent`), then its draft email."""
        if self.busy or self.ready:
            return
        self.busy, self.error = True, ""
        yield
        provider = as_id(self.provider_id, 0)
        if provider:
            draft = await self._call(lambda s, a: customers.invite_new_customer_link(s, a, provider_org_id=provider))
        else:
            draft = await self._call(lambda s, a: customers.request_relationship_link(s, a))
        if not isinstance(draft, Refused):
            self._show(draft)
        self.busy = False

    @rx.event
    def set_text(self, value: str):
        self.text = str(value)[:4000]
        self._draft_changed()

    @rx.event
    def copy(self):
        yield rx.set_clipboard(f"{self.text}\n\n{self.link}")
        yield rx.toast(self._text("common.copied"))

    @rx.event
    def done(self):
        return rx.redirect("/customers")


# The create-account form: the service's field -> the control's id.
CREATE_ACCOUNT_FIELDS = {
    "customer_company": "company",
    "country": "country",
    "domain": "domain",
    "full_name": "admin_name",
    "email": "email",
    "password": "password",
    "confirm": "confirm",
}


class AcceptState(AppState):
    """`/accept/[token]` (public): who asks and what it grants; sign in or create an account; accept."""

    link_ok: rx.Field[bool] = rx.field(False)
    link_error: rx.Field[str] = rx.field("")
    purpose: rx.Field[str] = rx.field("")
    reseller: rx.Field[str] = rx.field("")
    provider: rx.Field[str] = rx.field("")
    can_create: rx.Field[bool] = rx.field(False)
    days: rx.Field[int] = rx.field(0)  # the delegated admin duration the link asks for
    is_customer: rx.Field[bool] = rx.field(False)
    mode: rx.Field[str] = rx.field("sign_in")
    error: rx.Field[str] = rx.field("")
    error_field: rx.Field[str] = rx.field("")  # the create-account field a refusal is about (shown under it)
    done: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)

    def _token(self) -> str:
        path = str(self.router.url.path or "")
        return path.rstrip("/").rsplit("/", 1)[-1][:100]

    @rx.event
    async def load(self):
        self.error, self.done, self.busy = "", "", False
        token = self._token()
        info = await self._call(
            lambda session: customers.describe_link(session, token=token), anonymous=True, error="link_error"
        )
        if isinstance(info, Refused):
            self.link_ok = False
            return
        self.link_ok = True
        self.purpose, self.reseller, self.provider = info.purpose, info.reseller, info.provider
        self.can_create, self.days = info.can_create_account, int(info.days)
        actor = await self._actor()
        self._show_actor(actor)
        self.is_customer = actor is not None and actor.org_kind.value == "customer"

    @rx.event
    def show_mode(self, mode: str):
        self.mode = "create" if mode == "create" and self.can_create else "sign_in"
        self.error = self.error_field = ""

    async def _throttled(self) -> bool:
        client = self._client_address()
        ok = await asyncio.to_thread(throttle.CUSTOMER_LINK_PAGE.allows, client)
        if not ok:
            self.error = self._text("error.throttled")
        return not ok

    @rx.event
    async def sign_in(self, form: dict):
        self.busy, self.error, self.error_field = True, "", ""
        yield
        email, password = str(form.get("email", "")), str(form.get("password", ""))
        token = await self._sign_in(email, password)
        self.busy = False
        if isinstance(token, Refused):
            if token.error.code == "auth.second_factor_required":  # the sign-in page asks for the code, then returns
                self.error = ""  # not a refusal to show here
                yield rx.redirect(f"/signin?next={self._path()}")
            return
        self.session_token = token
        yield AcceptState.load

    @rx.event
    async def create_account(self, form: dict):
        self.busy, self.error, self.error_field = True, "", ""
        yield
        if await self._throttled():
            self.busy = False
            return
        if str(form.get("password", "")) != str(form.get("confirm", "")):
            self.busy = False
            mismatch = ValidationFailed("password.mismatch", field="confirm")  # checked here, not by a service
            yield self._show_refusal(mismatch, fields=CREATE_ACCOUNT_FIELDS).focus
            return
        token, client = self._token(), self._client_address()
        fields = {k: str(form.get(k, ""))[:254] for k in ("company", "country", "domain", "admin_name", "email")}
        password = str(form.get("password", ""))[:256]

        created = await self._call(
            lambda session: customers.create_customer_account(
                session,
                token=token,
                company=fields["company"],
                country=fields["country"],
                domain=fields["domain"],
                admin_name=fields["admin_name"],
                email=fields["email"],
                password=password,
                client_address=client,
            ),
            anonymous=True,
            fields=CREATE_ACCOUNT_FIELDS,
        )
        if isinstance(created, Refused):
            self.busy = False
            yield created.focus
            return
        signed_in = await self._sign_in(fields["email"], password)  # a refusal about no field: focus None
        self.busy = False
        if isinstance(signed_in, Refused):
            yield signed_in.focus
            return
        self.session_token = signed_in
        yield AcceptState.load

    @rx.event
    async def accept(self):
        self.error_field = ""
        if await self._throttled():
            return
        token = self._token()
        result = await self._call(lambda s, a: customers.accept_link(s, a, token=token))
        if isinstance(result, Refused):
            return
        key = (
            "custaccept.accepted_da"
            if result.purpose == "delegated_admin"
            else "custaccept.accepted_two_party"
            if result.provider
            else "custaccept.accepted"
        )
        self.done = self._text(
            key, reseller=result.reseller, provider=result.provider, date=date_text(result.expires_at)
        )

    @rx.event
    async def decline(self):
        self.error_field = ""
        token = self._token()
        declined = await self._call(lambda s, a: customers.decline_link(s, a, token=token))
        if not isinstance(declined, Refused):
            self.done = self._text("custaccept.declined")
