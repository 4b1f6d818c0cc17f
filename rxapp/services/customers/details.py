"""One customer seen by its partner (SPEC section 5): the expanded row of the list, and the customer's users
administered on its behalf with delegated admin privileges. Only for the actor's own customers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp.boundary import column_length
from rxapp.errors import ValidationFailed
from rxapp.models import (
    CustomerUser,
    LicenseAssignment,
    Organization,
    OrgKind,
    Product,
    Relationship,
    RelationshipKind,
    RelationshipStatus,
    Subscription,
)
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, can, require
from rxapp.services import audit
from rxapp.services.relationships import (
    current_grant,
    grant_state,
    require_delegated_admin,
    served_relationship,
)
from rxapp.services.validation import normalize_email, require_text


@dataclass(frozen=True, slots=True)
class PartnerOfRecord:
    """An active reseller or provider of record of the customer."""

    name: str
    kind: str  # RelationshipKind's value
    since: datetime


@dataclass(frozen=True, slots=True)
class CustomerSubscriptionLine:
    """A subscription of the customer that the actor sold (as reseller or provider)."""

    id: int
    product: str
    quantity: int
    status: str  # SubscriptionStatus's value
    assigned: int  # licenses assigned to users


@dataclass(frozen=True, slots=True)
class CustomerUserEntry:
    """A user of the customer's tenant, as its partner administers it."""

    id: int
    name: str
    upn: str
    active: bool
    licenses: int


@dataclass(frozen=True, slots=True)
class CustomerDetail:
    """The expanded row of the customer list."""

    id: int
    name: str
    domain: str  # the verified domain, else the claimed one, else ""
    domain_verified: bool  # False: a claimed domain its admin has not confirmed yet
    country: str
    contact_email: str
    address: str
    since: datetime  # the actor's relationship's start
    resellers: list[PartnerOfRecord]
    delegated_admin: str  # active | expired | removed | none
    delegated_admin_expires: datetime | None
    subscriptions: list[CustomerSubscriptionLine]
    users: list[CustomerUserEntry] | None  # None without active delegated admin privileges


def customer_detail(session: Session, actor: Actor, *, customer_org_id: Any) -> CustomerDetail:
    """The expanded row: company details, resellers of record, delegated admin status, subscriptions,
    licenses and (with active delegated admin privileges) users. Only for the actor's own customers."""
    require(actor, Action.VIEW_CUSTOMERS, read=True)
    customer, rel = served_relationship(session, actor, customer_org_id)
    partners = session.exec(
        select(Relationship, Organization)
        .join(Organization, col(Organization.id) == Relationship.partner_org_id)
        .where(
            Relationship.client_org_id == customer.id,
            Relationship.status == RelationshipStatus.ACTIVE,
            col(Relationship.kind).in_((RelationshipKind.RESELLER_CUSTOMER, RelationshipKind.PROVIDER_CUSTOMER)),
        )
        .order_by(Organization.name)
    ).all()
    grant = current_grant(session, actor.org_id, saved_id(customer.id)) if actor.org_kind == OrgKind.RESELLER else None
    state = grant_state(grant)
    subscriptions = session.exec(
        select(Subscription, Product)
        .join(Product, col(Product.id) == Subscription.product_id)
        .where(
            Subscription.customer_org_id == customer.id,
            sa.or_(
                col(Subscription.reseller_org_id) == actor.org_id, col(Subscription.provider_org_id) == actor.org_id
            ),
        )
        .order_by(Product.name, col(Subscription.id))
    ).all()
    assigned = dict(
        session.exec(
            select(LicenseAssignment.subscription_id, sa.func.count())
            .where(col(LicenseAssignment.subscription_id).in_([s.id for s, _ in subscriptions] or [0]))
            .group_by(col(LicenseAssignment.subscription_id))
        ).all()
    )
    users = None
    if state == "active" and can(actor, Action.ADMINISTER_CUSTOMERS, change=True):  # stops while suspended
        users = _users(session, saved_id(customer.id))
    return CustomerDetail(
        id=saved_id(customer.id),
        name=customer.name,
        domain=customer.domain or customer.claimed_domain or "",
        domain_verified=customer.domain is not None or not customer.claimed_domain,
        country=customer.country,
        contact_email=customer.contact_email or "",
        address=", ".join(p for p in (customer.address_line1, customer.city, customer.postal_code) if p),
        since=rel.started_at,
        resellers=[PartnerOfRecord(name=org.name, kind=r.kind.value, since=r.started_at) for r, org in partners],
        delegated_admin=state,
        delegated_admin_expires=grant.expires_at if grant else None,
        subscriptions=[
            CustomerSubscriptionLine(
                id=saved_id(s.id),
                product=p.name,
                quantity=s.quantity,
                status=s.status.value,
                assigned=int(assigned.get(saved_id(s.id), 0)),
            )
            for s, p in subscriptions
        ],
        users=users,
    )


def _users(session: Session, customer_org_id: int) -> list[CustomerUserEntry]:
    rows = session.exec(
        select(CustomerUser)
        .where(CustomerUser.customer_org_id == customer_org_id)
        .order_by(CustomerUser.display_name, col(CustomerUser.id))
        .limit(200)
    ).all()
    licenses = dict(
        session.exec(
            select(LicenseAssignment.customer_user_id, sa.func.count())
            .where(col(LicenseAssignment.customer_user_id).in_([u.id for u in rows] or [0]))
            .group_by(col(LicenseAssignment.customer_user_id))
        ).all()
    )
    return [
        CustomerUserEntry(
            id=saved_id(u.id),
            name=u.display_name,
            upn=u.user_principal_name,
            active=u.is_active,
            licenses=int(licenses.get(saved_id(u.id), 0)),
        )
        for u in rows
    ]


def list_customer_users(session: Session, actor: Actor, *, customer_org_id: Any) -> list[CustomerUserEntry]:
    """The customer's users, administered on its behalf (needs delegated admin privileges)."""
    customer = require_delegated_admin(session, actor, customer_org_id)
    return _users(session, saved_id(customer.id))


def add_customer_user(
    session: Session, actor: Actor, *, customer_org_id: Any, display_name: str, user_principal_name: str
) -> CustomerUser:
    """Add a user to the customer's tenant on its behalf (needs delegated admin privileges)."""
    customer = require_delegated_admin(session, actor, customer_org_id)
    name = require_text(
        display_name, field="customer_user_name", max_length=column_length(CustomerUser, "display_name")
    )
    upn = normalize_email(user_principal_name, field="customer_upn")
    if customer.domain and upn.rpartition("@")[2] != customer.domain.lower():
        raise ValidationFailed("customers.upn_domain", field="customer_upn", domain=customer.domain)
    exists = session.exec(
        select(CustomerUser.id).where(
            CustomerUser.customer_org_id == customer.id, CustomerUser.user_principal_name == upn
        )
    ).first()
    if exists is not None:
        raise ValidationFailed("customers.upn_taken", field="customer_upn")
    user = CustomerUser(customer_org_id=saved_id(customer.id), display_name=name, user_principal_name=upn)
    session.add(user)
    session.flush()
    audit.record(
        session,
        action="customers.user_added",
        actor=actor,
        target_type="customeruser",
        target_id=user.id,
        detail=f"{customer.name}: {upn}",
    )
    audit.record(
        session,
        action="customers.user_added_by_partner",
        actor=actor,
        org_id=customer.id,
        target_type="customeruser",
        target_id=user.id,
        detail=f"{actor.org_name}: {upn}",
    )
    return user
