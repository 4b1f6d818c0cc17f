"""Test data for one QA run: organizations, users and the records around them, and their clean-up.

Every name, domain, email and user name made here contains the run id (lower-case letters and digits, 8 to
32 characters), and only organizations of the run can be changed through the hooks, so `cleanup.delete_run(run)`
deletes exactly what the run made (also what the run's users made through the UI, keyed by the same ids),
whatever else shares the database. No Reflex here; each function works in the caller's session.
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from typing import Any

import pyotp
import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp.models import (
    AdminRole,
    AgentRole,
    CustomerUser,
    DelegatedAdminGrant,
    MpnProfile,
    Organization,
    OrgKind,
    OrgStatus,
    OutboxEmail,
    PmcAccess,
    PmcAccount,
    Product,
    Relationship,
    RelationshipKind,
    RelationshipStatus,
    Subscription,
    User,
    utcnow,
)
from rxapp.models.rows import saved_id
from rxapp.services import attempts, auth, leads, mail, mfa, signin_guard
from rxapp.services.demo import PRODUCTS
from rxapp.services.passwords import hash_password
from rxapp.services.throttle import CLIENT_POLICIES, get_throttle

RUN_ID = re.compile(r"^[a-z0-9]{8,32}$")
KINDS = {"platform", "provider", "reseller", "customer", "work_account"}
_SLUG = re.compile(r"[^a-z0-9]+")
_LOCAL = re.compile(r"^[a-z0-9][a-z0-9._+-]{0,40}$")
CLIENT_SCOPES = tuple(policy.scope for policy in CLIENT_POLICIES)


class HookError(ValueError):
    """A refused hook request (HTTP 400, or 404 when `missing`)."""

    def __init__(self, message: str, *, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


def check_run(run: Any) -> str:
    if not isinstance(run, str) or not RUN_ID.match(run):
        raise HookError("run must be 8-32 lower-case letters and digits")
    return run


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")[:40] or "org"


def new_password() -> str:
    """A password the policy accepts (random, long, no context words)."""
    return f"Qa-{secrets.token_urlsafe(15)}"


def _unique_id(run: str) -> str:
    return f"{run}{secrets.token_hex(3)}"


def run_org(session: Session, run: str, org_id: Any) -> Organization:
    """An organization this run made (anything else is refused as not found)."""
    org = session.get(Organization, int(org_id)) if str(org_id).isdigit() else None
    if org is None or run not in org.name:
        raise HookError(f"organization {org_id} is not one of run {run}'s", missing=True)
    return org


def _mpn_id(session: Session) -> str:
    for _ in range(20):
        candidate = str(secrets.randbelow(9 * 10**8) + 10**8)  # 9 digits, apart from the demo's 7
        taken = (
            session.exec(select(Organization.id).where(Organization.mpn_id == candidate)).first()
            or session.exec(select(MpnProfile.id).where(MpnProfile.mpn_id == candidate)).first()
        )
        if not taken:
            return candidate
    raise HookError("no free MPN ID found")


def _user_row(session: Session, org: Organization, spec: dict[str, Any]) -> dict[str, Any]:
    local = str(spec.get("local") or "user").lower()
    if not _LOCAL.match(local):
        raise HookError(f"bad email local part {local!r}")
    email = f"{local}@{org.domain}"
    if session.exec(select(User.id).where(User.email == email)).first() is not None:
        raise HookError(f"{email} exists already")
    try:
        agent, admin = AgentRole(spec.get("agent", "not_an_agent")), AdminRole(spec.get("admin", "not_an_admin"))
    except ValueError as error:
        raise HookError(str(error)) from error
    password = str(spec.get("password") or new_password())
    temporary = bool(spec.get("must_change_password"))
    user = User(
        org_id=saved_id(org.id),
        email=email,
        full_name=str(spec.get("name") or local)[:200],
        password_hash=hash_password(password),
        agent_role=agent,
        admin_role=admin,
        must_change_password=temporary,
        temporary_password_expires_at=utcnow() + timedelta(days=7) if temporary else None,
        language=spec.get("language") if spec.get("language") in ("en", "ko") else None,
    )
    session.add(user)
    session.flush()
    totp_key = None
    if org.kind == OrgKind.PLATFORM or spec.get("mfa"):  # platform staff always sign in with a second factor
        totp_key = pyotp.random_base32()
        mfa.set_key(session, user, totp_key)
    return {
        "id": user.id,
        "email": email,
        "password": password,
        "name": user.full_name,
        "agent": agent.value,
        "admin": admin.value,
        "totp_key": totp_key,
    }


DEFAULT_USERS: dict[str, list[dict[str, str]]] = {
    "platform": [{"local": "ops", "name": "Platform Operations", "agent": "admin_agent", "admin": "global_admin"}],
    "provider": [{"local": "admin", "name": "Provider Admin", "agent": "admin_agent", "admin": "global_admin"}],
    "reseller": [{"local": "admin", "name": "Reseller Admin", "agent": "admin_agent", "admin": "global_admin"}],
    "customer": [{"local": "admin", "name": "Customer Admin", "agent": "not_an_agent", "admin": "global_admin"}],
    "work_account": [
        {"local": "admin", "name": "Work Account Admin", "agent": "not_an_agent", "admin": "global_admin"}
    ],
}


def create_org(session: Session, run: str, spec: dict[str, Any]) -> dict[str, Any]:
    """An organization named "<name> <unique id>", domain "<name>-<unique id>.example", with its users
    (`users`: local part, name, agent, admin, optional password / must_change_password / language)."""
    kind = spec.get("kind")
    if kind not in KINDS:
        raise HookError(f"kind must be one of {sorted(KINDS)}")
    uid = _unique_id(run)
    label = str(spec.get("name") or kind.replace("_", " ").title())[:150]
    name, domain = f"{label} {uid}", f"{_slug(label)}-{uid}.example"
    country = str(spec.get("country") or "KR").upper()[:2]
    fields: dict[str, Any] = {
        "kind": OrgKind.RESELLER if kind == "work_account" else OrgKind(kind),
        "name": name,
        "country": country,
        "domain": domain,
        "status": OrgStatus.UNENROLLED if kind == "work_account" else OrgStatus.ACTIVE,
        "contact_first_name": "Test",
        "contact_last_name": "Contact",
        "contact_email": f"contact@{domain}",
    }
    if kind in ("provider", "reseller"):
        fields.update(
            mpn_id=_mpn_id(session),
            legal_name=f"{name} Ltd.",
            address_line1="1 Test-ro",
            city="Seoul",
            postal_code="04524",
            contact_phone="+82 2 555 0100",
            support_email=f"support@{domain}",
            support_phone="+82 2 555 0199",
            support_website=f"https://{domain}/support",
        )
    if kind == "provider" and spec.get("directory_published"):
        fields.update(
            directory_published=True,
            directory_programs=str(spec.get("directory_programs") or "CSP indirect provider; Azure"),
        )
    org = Organization(**fields)
    session.add(org)
    session.flush()
    if kind == "reseller" and spec.get("registry_profile", True):
        assert org.mpn_id is not None, "a reseller is made with an MPN ID (above)"
        session.add(MpnProfile(mpn_id=org.mpn_id, name=name, country=country, linked_org_id=org.id))
    users = [_user_row(session, org, user) for user in (spec.get("users") or DEFAULT_USERS[kind])]
    if users and fields["contact_email"] and spec.get("contact_is_first_user", True):
        org.contact_email = users[0]["email"]
        session.add(org)
    return {
        "id": org.id,
        "kind": kind,
        "name": name,
        "domain": domain,
        "country": country,
        "mpn_id": org.mpn_id,
        "users": users,
    }


def add_user(session: Session, run: str, spec: dict[str, Any]) -> dict[str, Any]:
    return _user_row(session, run_org(session, run, spec.get("org_id")), spec)


_PAIR_KINDS = {
    (OrgKind.PROVIDER, OrgKind.RESELLER): RelationshipKind.PROVIDER_RESELLER,
    (OrgKind.RESELLER, OrgKind.CUSTOMER): RelationshipKind.RESELLER_CUSTOMER,
    (OrgKind.PROVIDER, OrgKind.CUSTOMER): RelationshipKind.PROVIDER_CUSTOMER,
}


def connect(session: Session, run: str, spec: dict[str, Any]) -> dict[str, Any]:
    """An active relationship: partner serves client (provider→reseller, reseller→customer, provider→customer)."""
    partner = run_org(session, run, spec.get("partner_org_id"))
    client = run_org(session, run, spec.get("client_org_id"))
    kind = _PAIR_KINDS.get((partner.kind, client.kind))
    if kind is None:
        raise HookError(f"a {partner.kind} does not serve a {client.kind}")
    row = session.exec(
        select(Relationship).where(
            Relationship.partner_org_id == partner.id,
            Relationship.client_org_id == client.id,
            Relationship.status == RelationshipStatus.ACTIVE,
        )
    ).first()
    if row is None:
        row = Relationship(kind=kind, partner_org_id=saved_id(partner.id), client_org_id=saved_id(client.id))
        session.add(row)
        session.flush()
    return {"id": row.id, "kind": kind.value}


def grant_delegated_admin(session: Session, run: str, spec: dict[str, Any]) -> dict[str, Any]:
    reseller = run_org(session, run, spec.get("reseller_org_id"))
    customer = run_org(session, run, spec.get("customer_org_id"))
    grant = DelegatedAdminGrant(
        reseller_org_id=saved_id(reseller.id),
        customer_org_id=saved_id(customer.id),
        expires_at=utcnow() + timedelta(days=float(spec.get("days", 365))),
    )
    session.add(grant)
    session.flush()
    return {"id": grant.id, "expires_at": grant.expires_at.isoformat()}


def _product(session: Session, sku: str) -> Product:
    product = session.exec(select(Product).where(Product.sku == sku)).first()
    if product is None:  # an instance without the demo data: add the standard catalog entry
        known = {entry[0]: entry for entry in PRODUCTS}
        if sku not in known:
            raise HookError(f"unknown product {sku!r}")
        _, name, family, price = known[sku]
        product = Product(sku=sku, name=name, family=family, monthly_price_cents=price)
        session.add(product)
        session.flush()
    return product


def add_subscription(session: Session, run: str, spec: dict[str, Any]) -> dict[str, Any]:
    customer = run_org(session, run, spec.get("customer_org_id"))
    reseller = run_org(session, run, spec["reseller_org_id"]) if spec.get("reseller_org_id") else None
    provider = run_org(session, run, spec["provider_org_id"]) if spec.get("provider_org_id") else None
    product = _product(session, str(spec.get("sku") or ""))
    row = Subscription(
        customer_org_id=saved_id(customer.id),
        product_id=saved_id(product.id),
        quantity=int(spec.get("quantity", 1)),
        reseller_org_id=reseller.id if reseller else None,
        provider_org_id=provider.id if provider else None,
    )
    session.add(row)
    session.flush()
    return {"id": row.id, "product": product.name, "quantity": row.quantity}


def subscriptions_of(session: Session, run: str, customer_org_id: Any) -> list[dict[str, Any]]:
    customer = run_org(session, run, customer_org_id)
    rows = session.exec(
        select(Subscription, Product)
        .join(Product, col(Product.id) == Subscription.product_id)
        .where(Subscription.customer_org_id == customer.id)
        .order_by(col(Subscription.id))
    )
    return [
        {
            "id": sub.id,
            "sku": product.sku,
            "product": product.name,
            "quantity": sub.quantity,
            "status": sub.status.value,
            "reseller_org_id": sub.reseller_org_id,
            "provider_org_id": sub.provider_org_id,
        }
        for sub, product in rows
    ]


def add_customer_user(session: Session, run: str, spec: dict[str, Any]) -> dict[str, Any]:
    customer = run_org(session, run, spec.get("customer_org_id"))
    local = str(spec.get("local") or "user").lower()
    if not _LOCAL.match(local):
        raise HookError(f"bad user name {local!r}")
    row = CustomerUser(
        customer_org_id=saved_id(customer.id),
        display_name=str(spec.get("name") or local)[:200],
        user_principal_name=f"{local}@{customer.domain}",
    )
    session.add(row)
    session.flush()
    return {"id": row.id, "upn": row.user_principal_name, "name": row.display_name}


def add_registry_entries(session: Session, run: str, spec: dict[str, Any]) -> dict[str, Any]:
    """A PMC sign-in ("pmc-<unique id>") that may act for new MPN profiles (name, country each) or for
    existing profiles of the run (mpn_id)."""
    uid = _unique_id(run)
    password = str(spec.get("password") or new_password())
    account = PmcAccount(user_name=f"pmc-{uid}", password_hash=hash_password(password))
    session.add(account)
    session.flush()
    profiles = []
    for entry in spec.get("profiles") or [{"name": "Profile", "country": "KR"}]:
        if entry.get("mpn_id"):  # a profile of the run that exists already (e.g. an enrolled reseller's)
            profile = session.exec(select(MpnProfile).where(MpnProfile.mpn_id == str(entry["mpn_id"]))).first()
            if profile is None or run not in profile.name:
                raise HookError(f"MPN ID {entry['mpn_id']} is not one of run {run}'s", missing=True)
            session.add(PmcAccess(pmc_account_id=saved_id(account.id), mpn_profile_id=saved_id(profile.id)))
            profiles.append({"mpn_id": profile.mpn_id, "name": profile.name, "country": profile.country})
            continue
        profile = MpnProfile(
            mpn_id=_mpn_id(session),
            name=f"{entry.get('name') or 'Profile'} {uid}",
            country=str(entry.get("country") or "KR").upper()[:2],
        )
        session.add(profile)
        session.flush()
        session.add(PmcAccess(pmc_account_id=saved_id(account.id), mpn_profile_id=saved_id(profile.id)))
        profiles.append({"mpn_id": profile.mpn_id, "name": profile.name, "country": profile.country})
    return {"user_name": account.user_name, "password": password, "profiles": profiles}


def refer_lead(session: Session, run: str, spec: dict[str, Any]) -> dict[str, Any]:
    """A lead referred to a reseller by a platform organization or a partnered provider of the run (through
    the leads service, so the reseller is emailed and the audit log has it)."""
    source = run_org(session, run, spec.get("by_org_id"))
    reseller = run_org(session, run, spec.get("reseller_org_id"))
    user = session.exec(
        select(User).where(User.org_id == source.id, User.admin_role == AdminRole.GLOBAL_ADMIN).order_by(col(User.id))
    ).first()
    if user is None:
        raise HookError("the referring organization has no Global admin")
    lead = leads.refer_lead(
        session,
        auth.actor_for(user, source),
        reseller_org_id=saved_id(reseller.id),
        company_name=str(spec.get("company") or f"Lead {run}"),
        contact_name=str(spec.get("contact") or "Lead Contact"),
        contact_email=str(spec.get("email") or f"lead@lead-{run}.example"),
        country=str(spec.get("country") or "KR"),
    )
    return {"id": lead.id, "company": lead.company_name, "email": lead.contact_email}


def queue_mail(session: Session, run: str, spec: dict[str, Any]) -> dict[str, Any]:
    """An email "some other flow" sends: a catalog email (`key`, `params`) or a plain one (`subject`, `body`)."""
    to = str(spec.get("to") or "")
    if run not in to:
        raise HookError("the recipient must be an address of the run")
    if spec.get("key"):
        row = mail.queue_catalog_email(session, to=to, key=str(spec["key"]), **dict(spec.get("params") or {}))
    else:
        row = mail.queue_email(session, to=to, subject=str(spec.get("subject") or ""), body=str(spec.get("body") or ""))
    session.flush()
    return {"id": row.id, "subject": row.subject}


def emails_to(session: Session, address: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """The emails sent to exactly `address` (case-insensitive), newest first, as the reader gets them."""
    wanted = (address or "").strip().lower()
    if not wanted:
        raise HookError("to= is required")
    rows = session.exec(
        select(OutboxEmail)
        .where(sa.func.lower(OutboxEmail.to_address) == wanted)
        .order_by(col(OutboxEmail.created_at).desc(), col(OutboxEmail.id).desc())
        .limit(max(1, min(limit, 200)))
    )
    return [
        {
            "id": row.id,
            "to": row.to_address,
            "subject": row.subject,
            "text": row.body,
            "links": mail.extract_links(row.body),
            "status": row.status.value,
            "created_at": row.created_at.isoformat(),
        }
        for row in rows
    ]


def reset_throttling(
    session: Session, *, email: str | None, pmc_user: str | None, client_address: str | None
) -> dict[str, Any]:
    """Forget failed attempts: the account's counters and sign-in block (its password and second-factor
    codes), a PMC sign-in's, and every per-client counter of one client address."""
    throttle, store, cleared = get_throttle(), attempts.get_attempts(session), []
    if email:
        address = email.strip().lower()
        store.clear(signin_guard.ACCOUNT, address)
        user = session.exec(select(User).where(User.email == address)).first()
        if user is not None:
            signin_guard.clear_user(session, user)
        cleared.append(f"account {address}")
    if pmc_user:
        store.clear(signin_guard.PMC, pmc_user.strip().lower())
        cleared.append(f"PMC user {pmc_user}")
    if client_address:
        for scope in CLIENT_SCOPES:
            throttle.clear(scope, client_address)
        for scope in (signin_guard.CLIENT, signin_guard.PMC_CLIENT):
            store.clear(scope, client_address)
        cleared.append(f"client {client_address}")
    return {"cleared": cleared}
