"""Service health: platform staff post incidents per product family; agents see the posts that concern the
services (subscribed product families) of the customers they serve."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from rxapp.boundary import column_length, record_id
from rxapp.errors import NotFound, RuleViolation, ValidationFailed
from rxapp.models import HealthStatus, OrgKind, ProductFamily, ServiceHealthEntry, utcnow
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit, onbehalf
from rxapp.services.validation import require_text

TITLE_MAX = column_length(ServiceHealthEntry, "title")
DESCRIPTION_MAX = column_length(ServiceHealthEntry, "description")


@dataclass(frozen=True)
class HealthRow:
    id: int
    family: str
    status: str
    title: str
    description: str
    posted_at: str
    resolved: bool
    customers: str


def customer_families(session: Session, actor: Actor) -> dict[ProductFamily, list[str]]:
    """Each product family the actor's customers subscribe to, with those customers' names."""
    families: dict[ProductFamily, set[str]] = {}
    for _subscription, product, customer in session.exec(onbehalf.subscription_scope(session, actor)):
        families.setdefault(product.family, set()).add(customer.name)
    return {family: sorted(names) for family, names in families.items()}


def list_entries(session: Session, actor: Actor, *, limit: int = 100) -> list[HealthRow]:
    """Platform staff see every post; partner agents only those about their customers' services."""
    query = select(ServiceHealthEntry).order_by(
        col(ServiceHealthEntry.created_at).desc(), col(ServiceHealthEntry.id).desc()
    )
    if actor.org_kind == OrgKind.PLATFORM:
        require(actor, Action.POST_SERVICE_HEALTH, read=True)
        families: dict[ProductFamily, list[str]] = {}
    else:
        require(actor, Action.VIEW_CUSTOMER_SERVICE_HEALTH, read=True)
        families = customer_families(session, actor)
        if not families:
            return []
        query = query.where(col(ServiceHealthEntry.family).in_(list(families)))
    rows = session.exec(query.limit(max(1, min(int(limit), 500))))
    return [
        HealthRow(
            id=saved_id(e.id),
            family=e.family.value,
            status=e.status.value,
            title=e.title,
            description=e.description,
            posted_at=e.created_at.strftime("%Y-%m-%d %H:%M UTC"),
            resolved=e.resolved_at is not None,
            customers=", ".join(families.get(e.family, [])),
        )
        for e in rows
    ]


def post_entry(
    session: Session, actor: Actor, *, family: str, status: str, title: str, description: str = ""
) -> ServiceHealthEntry:
    require(actor, Action.POST_SERVICE_HEALTH)
    try:
        family_value, status_value = ProductFamily(family), HealthStatus(status)
    except ValueError:
        raise ValidationFailed("validation.required", field="op_service") from None
    title = require_text(title, field="op_title", max_length=TITLE_MAX)
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise ValidationFailed("validation.too_long", field="op_description", max=DESCRIPTION_MAX)
    entry = ServiceHealthEntry(
        family=family_value, status=status_value, title=title, description=description, posted_by_user_id=actor.user_id
    )
    if status_value == HealthStatus.RESOLVED:
        entry.resolved_at = utcnow()
    session.add(entry)
    session.flush()
    audit.record(
        session,
        action="health.post",
        actor=actor,
        target_type="service_health",
        target_id=entry.id,
        detail=f"{family_value.value}: {title}",
    )
    return entry


def resolve_entry(session: Session, actor: Actor, *, entry_id: int) -> ServiceHealthEntry:
    require(actor, Action.POST_SERVICE_HEALTH)
    entry = session.get(ServiceHealthEntry, record_id(entry_id))
    if entry is None:
        raise NotFound()
    if entry.resolved_at is not None:
        raise RuleViolation("health.already_resolved")
    entry.status, entry.resolved_at = HealthStatus.RESOLVED, utcnow()
    session.add(entry)
    audit.record(
        session,
        action="health.resolve",
        actor=actor,
        target_type="service_health",
        target_id=entry.id,
        detail=entry.title,
    )
    return entry
