"""Who is related to whom, and who may act for which customer: the one home of the relationship and delegated
admin queries and checks that customers, partners, on-behalf operations (orders, subscriptions, licenses,
support, service health, billing), leads and enrollment share. No Reflex here.

- A `Relationship` row says that `partner_org` serves `client_org`; ended rows stay as history, so every
  check here looks at active rows only.
- A partnership is an active `PROVIDER_RESELLER` relationship (partner = provider, client = reseller).
- A reseller serves the customers it has an active `RESELLER_CUSTOMER` relationship with, a provider those
  it has an active `PROVIDER_CUSTOMER` relationship with. A customer the actor does not serve is `NotFound`
  (unknown and forbidden alike).
- Administering a customer's users and licenses also needs live delegated admin privileges. One rule decides
  both that and the state the lists show: the pair's newest `DelegatedAdminGrant` has status active and
  `expires_at > now`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp import clock
from rxapp.boundary import record_id
from rxapp.db_reads import Prepared, read
from rxapp.errors import NotFound, PermissionDenied, RuleViolation
from rxapp.models import (
    DelegatedAdminGrant,
    DelegatedAdminStatus,
    Organization,
    OrgKind,
    Relationship,
    RelationshipKind,
    RelationshipStatus,
    utcnow,
)
from rxapp.models.rows import rowcount, saved_id
from rxapp.permissions import Action, Actor, require

# Which relationship kind links a partner organization (by its kind) to its customers.
CUSTOMER_KIND = {
    OrgKind.RESELLER: RelationshipKind.RESELLER_CUSTOMER,
    OrgKind.PROVIDER: RelationshipKind.PROVIDER_CUSTOMER,
}

# ------------------------------------------------------------------------------------------ relationships


def active_relationship(
    session: Session, partner_org_id: int, client_org_id: int, *kinds: RelationshipKind
) -> Relationship | None:
    """The active relationship in which `partner_org_id` serves `client_org_id`, of one of `kinds` (of any
    kind when none is given: an organization pair has at most one active relationship)."""
    statement = select(Relationship).where(
        Relationship.partner_org_id == partner_org_id,
        Relationship.client_org_id == client_org_id,
        Relationship.status == RelationshipStatus.ACTIVE,
    )
    if kinds:
        statement = statement.where(col(Relationship.kind).in_(kinds))
    return session.exec(statement).first()


def has_active_relationship(session: Session, kind: RelationshipKind, partner_org_id: int, client_org_id: int) -> bool:
    """Whether an active relationship of `kind` links `partner_org_id` (serving) to `client_org_id`."""
    return active_relationship(session, partner_org_id, client_org_id, kind) is not None


def has_partnership(session: Session, *, provider_org_id: int, reseller_org_id: int) -> bool:
    """Whether an active provider–reseller partnership links the two organizations."""
    return has_active_relationship(session, RelationshipKind.PROVIDER_RESELLER, provider_org_id, reseller_org_id)


def active_client_ids(session: Session, kind: RelationshipKind, partner_org_ids: int | Iterable[int]) -> list[int]:
    """The organizations that `partner_org_ids` (one or several) serve through active `kind` relationships."""
    partners = [partner_org_ids] if isinstance(partner_org_ids, int) else list(partner_org_ids)
    if not partners:
        return []
    rows = session.exec(
        select(Relationship.client_org_id).where(
            Relationship.kind == kind,
            col(Relationship.partner_org_id).in_(partners),
            Relationship.status == RelationshipStatus.ACTIVE,
        )
    )
    return sorted(set(rows))


def _counterparts(session: Session, own: Any, other: Any, org_id: int) -> list[Organization]:
    return list(
        session.exec(
            select(Organization)
            .join(Relationship, other == Organization.id)
            .where(
                own == org_id,
                Relationship.kind == RelationshipKind.PROVIDER_RESELLER,
                Relationship.status == RelationshipStatus.ACTIVE,
            )
            .order_by(Organization.name, col(Organization.id))
        )
    )


def indirect_resellers(session: Session, provider_org_id: int) -> list[Organization]:
    """A provider's active indirect resellers, by name."""
    return _counterparts(session, Relationship.partner_org_id, Relationship.client_org_id, provider_org_id)


def indirect_providers(session: Session, reseller_org_id: int) -> list[Organization]:
    """A reseller's active indirect providers, by name."""
    return _counterparts(session, Relationship.client_org_id, Relationship.partner_org_id, reseller_org_id)


def end_relationship(
    session: Session, relationship: Relationship, *, user_id: int | None, now: datetime | None = None
) -> bool:
    """End an active relationship (the row stays as history). False if it had already ended: of two
    concurrent attempts exactly one succeeds."""
    result = session.execute(
        sa.update(Relationship)
        .where(col(Relationship.id) == relationship.id, col(Relationship.status) == RelationshipStatus.ACTIVE)
        .values(status=RelationshipStatus.ENDED, ended_at=now or utcnow(), ended_by_user_id=user_id)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


# ------------------------------------------------------------------------------------------ served customers


def customer_kind(actor: Actor) -> RelationshipKind | None:
    """The relationship kind that links the actor's organization to its customers (None: not a partner)."""
    return CUSTOMER_KIND.get(actor.org_kind)


def served_customer_ids(session: Session, actor: Actor) -> list[int]:
    """The customers the actor's organization currently serves (empty for anyone but partners)."""
    kind = customer_kind(actor)
    return [] if kind is None else active_client_ids(session, kind, actor.org_id)


def served_customers(session: Session, actor: Actor) -> list[Organization]:
    """The customers the actor's organization currently serves, by name."""
    ids = served_customer_ids(session, actor)
    if not ids:
        return []
    return list(session.exec(select(Organization).where(col(Organization.id).in_(ids)).order_by(Organization.name)))


def served_relationship(session: Session, actor: Actor, customer_org_id: Any) -> tuple[Organization, Relationship]:
    """The customer and the actor's active relationship with it; an unknown, unrelated or malformed id
    raises `NotFound` alike."""
    kind = customer_kind(actor)
    customer_id = record_id(customer_org_id)
    rel = active_relationship(session, actor.org_id, customer_id, kind) if kind is not None else None
    customer = session.get(Organization, customer_id) if rel is not None else None
    if rel is None or customer is None or customer.kind != OrgKind.CUSTOMER:
        raise NotFound()
    return customer, rel


def require_served_customer(session: Session, actor: Actor, customer_org_id: Any) -> Organization:
    """The customer, if the actor's organization serves it; otherwise `NotFound`."""
    return served_relationship(session, actor, customer_org_id)[0]


# ------------------------------------------------------------------------------------------ delegated admin


def current_grant(session: Session, reseller_org_id: int, customer_org_id: int) -> DelegatedAdminGrant | None:
    """The newest delegated admin grant of the pair (any status)."""
    return session.exec(
        select(DelegatedAdminGrant)
        .where(
            DelegatedAdminGrant.reseller_org_id == reseller_org_id,
            DelegatedAdminGrant.customer_org_id == customer_org_id,
        )
        .order_by(col(DelegatedAdminGrant.granted_at).desc(), col(DelegatedAdminGrant.id).desc())
    ).first()


def newest_grants(session: Session, reseller_org_id: int, customer_org_ids: Iterable[int]) -> dict[int, Any]:
    """`current_grant` for many customers of one reseller at once: customer id -> its newest grant's
    `status` and `expires_at` (plain columns, not ORM objects: every customer-list page runs this)."""
    grants = read(session, _NEWEST_GRANTS, {"reseller": reseller_org_id, "customers": list(customer_org_ids)}).all()
    return {grant.customer_org_id: grant for grant in grants}


# Built once (with bound parameters): building the statement from the model's columns cost more than running it.
_NEWEST_GRANTS = Prepared(
    sa.select(
        col(DelegatedAdminGrant.customer_org_id), col(DelegatedAdminGrant.status), col(DelegatedAdminGrant.expires_at)
    )
    .where(
        col(DelegatedAdminGrant.reseller_org_id) == sa.bindparam("reseller"),
        col(DelegatedAdminGrant.customer_org_id).in_(sa.bindparam("customers", expanding=True)),
    )
    .order_by(col(DelegatedAdminGrant.granted_at), col(DelegatedAdminGrant.id))
)


def grant_state(grant: DelegatedAdminGrant | None, now: datetime | None = None) -> str:
    """active | expired | removed | none, as the lists show it; "active" exactly when the grant is live."""
    if grant is None or grant.status == DelegatedAdminStatus.PENDING:
        return "none"
    if grant.status == DelegatedAdminStatus.REMOVED:
        return "removed"
    if now is None:
        now = clock.now(getattr(grant, "reseller_org_id", None), grant.customer_org_id)
    return "active" if grant.expires_at > now else "expired"


def delegated_admin_state(
    session: Session, reseller_org_id: int, customer_org_id: int, *, now: datetime | None = None
) -> str:
    """The state of the pair's delegated admin privileges (see `grant_state`)."""
    return grant_state(current_grant(session, reseller_org_id, customer_org_id), now)


def live_delegated_admin(
    session: Session, reseller_org_id: int, customer_org_id: int, *, now: datetime | None = None
) -> bool:
    """Whether the customer's delegated admin privileges for the partner are active and not expired."""
    return delegated_admin_state(session, reseller_org_id, customer_org_id, now=now) == "active"


def require_delegated_admin(session: Session, actor: Actor, customer_org_id: Any) -> Organization:
    """Every administer-on-behalf action of the Customers page goes through here: the actor's roles, a served
    customer (else `NotFound`) and live delegated admin privileges (else `PermissionDenied`). Returns the
    customer."""
    require(actor, Action.ADMINISTER_CUSTOMERS)
    customer = require_served_customer(session, actor, customer_org_id)
    state = delegated_admin_state(session, actor.org_id, saved_id(customer.id))
    if state != "active":
        raise PermissionDenied(
            "customers.delegated_admin_required",
            action=Action.ADMINISTER_CUSTOMERS.value,
            customer=customer.name,
            state=state,
            roles=[],
        )
    return customer


def require_live_delegated_admin(session: Session, actor: Actor, customer_org_id: int) -> None:
    """The same rule for license administration (which checks roles and the customer itself), refused with
    its own message."""
    if not live_delegated_admin(session, actor.org_id, customer_org_id):
        raise RuleViolation("onbehalf.delegated_admin_required")
