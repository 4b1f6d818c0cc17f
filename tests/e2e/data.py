"""Test data of one run, made through the test hooks: organizations and their accounts with unique names
(every name, domain and address contains the run id, so the run's clean-up finds them), relationships,
delegated admin, subscriptions, registry entries, leads and emails. The `data` fixture hands one out."""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass, field
from typing import Any

from tests.e2e.hooks import Hooks

ADMIN = {"agent": "admin_agent", "admin": "global_admin"}


@dataclass(frozen=True)
class Account:
    """Someone who signs in: `page.sign_in(account)` takes it as it is."""

    email: str
    password: str
    name: str
    id: int = 0
    totp_key: str | None = None  # the authenticator key when the account signs in with a second factor


@dataclass(frozen=True)
class Org:
    id: int
    kind: str
    name: str
    domain: str
    country: str
    mpn_id: str | None
    users: tuple[Account, ...] = field(default_factory=tuple)

    @property
    def admin(self) -> Account:
        """Its first user: the Global admin it was made with."""
        return self.users[0]

    def user(self, local: str) -> Account:
        """Its user whose address starts with `local@`."""
        return next(u for u in self.users if u.email.startswith(f"{local}@"))


@dataclass(frozen=True)
class Registry:
    """A Partner Membership Center sign-in and the MPN profiles it may act for."""

    user_name: str
    password: str
    profiles: list[dict[str, str]]

    def mpn_id(self, country: str) -> str:
        return next(p["mpn_id"] for p in self.profiles if p["country"] == country)


def _account(user: dict[str, Any]) -> Account:
    return Account(
        email=user["email"], password=user["password"], name=user["name"], id=user["id"], totp_key=user.get("totp_key")
    )


def _org(answer: dict[str, Any]) -> Org:
    return Org(
        id=answer["id"],
        kind=answer["kind"],
        name=answer["name"],
        domain=answer["domain"],
        country=answer["country"],
        mpn_id=answer["mpn_id"],
        users=tuple(_account(u) for u in answer["users"]),
    )


def user_spec(local: str, name: str, agent: str = "not_an_agent", admin: str = "not_an_admin", **extra) -> dict:
    return {"local": local, "name": name, "agent": agent, "admin": admin, **extra}


class TestData:
    """Makes the data a test needs, all of it keyed by the run id."""

    __test__ = False  # not a test class

    def __init__(self, hooks: Hooks, run: str) -> None:
        self.hooks = hooks
        self.run = run
        self._counter = itertools.count(1)

    def _post(self, path: str, **body: Any) -> Any:
        return self.hooks.call("POST", path, run=self.run, **body)

    # --- unique values for what a test types into the UI ---------------------------------------------------

    def tag(self) -> str:
        """A short unique tag that contains the run id (for names typed in the UI: clean-up finds them)."""
        return f"{self.run}{next(self._counter)}{secrets.token_hex(2)}"

    def name(self, label: str) -> str:
        return f"{label} {self.tag()}"

    def domain(self, label: str) -> str:
        return f"{label.lower()}-{self.tag()}.example"

    def email(self, local: str, org: Org | None = None) -> str:
        """A new address in `org`'s domain (or a domain of its own)."""
        return f"{local}-{secrets.token_hex(3)}@{org.domain if org else self.domain('mail')}"

    # --- organizations ---------------------------------------------------------------------------------------

    def org(self, kind: str, name: str, *users: dict, **extra: Any) -> Org:
        return _org(self._post("/orgs", kind=kind, name=name, users=list(users) or None, **extra))

    def platform(self, name: str = "Partner Center Operations") -> Org:
        return self.org("platform", name, user_spec("ops", "Platform Operations", **ADMIN))

    def provider(self, name: str = "Fabrikam Distribution Korea", *, published: bool = False) -> Org:
        return self.org("provider", name, user_spec("admin", "Fabrikam Admin", **ADMIN), directory_published=published)

    def reseller(self, name: str = "Contoso Cloud Partners", *, helpdesk: bool = True) -> Org:
        users = [user_spec("admin", "Contoso Admin", **ADMIN)]
        if helpdesk:
            users.append(user_spec("helpdesk", "Contoso Helpdesk", agent="helpdesk_agent"))
        return self.org("reseller", name, *users)

    def customer(self, name: str = "Adatum Corporation") -> Org:
        return self.org("customer", name, user_spec("admin", "Adatum Admin", admin="global_admin"))

    def work_account(self, name: str = "Northwind Traders") -> Org:
        """A work account (company) not yet enrolled as a reseller, with its Global admin."""
        return self.org("work_account", name, user_spec("admin", "Northwind Admin", admin="global_admin"))

    def add_user(
        self,
        org: Org,
        local: str,
        name: str,
        *,
        agent: str = "not_an_agent",
        admin: str = "not_an_admin",
        must_change_password: bool = False,
        password: str | None = None,
        mfa: bool = False,
    ) -> Account:
        """A user of `org`; `mfa=True` gives it an authenticator key (`Account.totp_key`), as platform staff
        always have."""
        return _account(
            self._post(
                "/users",
                org_id=org.id,
                **user_spec(
                    local, name, agent, admin, must_change_password=must_change_password, password=password, mfa=mfa
                ),
            )
        )

    # --- what links them -------------------------------------------------------------------------------------

    def connect(self, partner: Org, client: Org) -> None:
        """An active relationship: provider→reseller (a partnership), reseller→customer, provider→customer."""
        self._post("/relationships", partner_org_id=partner.id, client_org_id=client.id)

    def grant_delegated_admin(self, reseller: Org, customer: Org, *, days: float = 365) -> None:
        self._post("/delegated-admin", reseller_org_id=reseller.id, customer_org_id=customer.id, days=days)

    def subscription(
        self, customer: Org, sku: str, *, reseller: Org | None = None, provider: Org | None = None, quantity: int = 1
    ) -> dict:
        return self._post(
            "/subscriptions",
            customer_org_id=customer.id,
            sku=sku,
            quantity=quantity,
            reseller_org_id=reseller.id if reseller else None,
            provider_org_id=provider.id if provider else None,
        )

    def subscriptions(self, customer: Org) -> list[dict]:
        return self.hooks.call("GET", "/subscriptions", run=self.run, customer_org_id=customer.id)

    def customer_user(self, customer: Org, local: str, name: str) -> dict:
        """A user in the customer's own tenant (administered on its behalf); returns its `upn`."""
        return self._post("/customer-users", customer_org_id=customer.id, local=local, name=name)

    def registry(self, *profiles: tuple[str, str] | str, password: str | None = None) -> Registry:
        """A PMC sign-in that may act for new MPN profiles, given as (name, country), or for existing ones of
        the run, given by MPN ID (an enrolled reseller's `org.mpn_id`)."""
        answer = self._post(
            "/registry",
            password=password,
            profiles=[{"mpn_id": p} if isinstance(p, str) else {"name": p[0], "country": p[1]} for p in profiles],
        )
        return Registry(user_name=answer["user_name"], password=answer["password"], profiles=answer["profiles"])

    def refer_lead(
        self, by: Org, reseller: Org, *, company: str, contact: str = "Lead Contact", email: str | None = None
    ) -> dict:
        return self._post(
            "/leads",
            by_org_id=by.id,
            reseller_org_id=reseller.id,
            company=company,
            contact=contact,
            email=email or self.email("lead"),
        )

    def send_email(self, to: str, *, subject: str = "", body: str = "", key: str = "", **params: Any) -> None:
        """An email some other flow sends: a catalog one (`key`, params) or a plain one."""
        if key:
            self._post("/mail", to=to, key=key, params=params)
        else:
            self._post("/mail", to=to, subject=subject, body=body)

    # --- time -----------------------------------------------------------------------------------------------

    def advance_clock(self, org: Org, **delta: float) -> None:
        """Move "now" forward for one organization (days=, hours=, minutes=, seconds=)."""
        self.hooks.advance_clock(run=self.run, org_id=org.id, **delta)
