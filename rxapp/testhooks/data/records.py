"""The records around a run's organizations: relationships, delegated admin, subscriptions, customer users,
registry entries, leads."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import Session, col, select

from rxapp.models import (
    AdminRole,
    CustomerUser,
    DelegatedAdminGrant,
    MpnProfile,
    OrgKind,
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
from rxapp.services import auth, leads
from rxapp.services.demo import PRODUCTS
from rxapp.services.passwords import hash_password
from rxapp.testhooks.data.runs import LOCAL_PART, HookError, free_mpn_id, new_password, run_org, unique_id

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
    if not LOCAL_PART.match(local):
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
    uid = unique_id(run)
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
            mpn_id=free_mpn_id(session),
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
