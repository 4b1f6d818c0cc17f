"""The audit (activity) log: every change writes its entry in the same transaction as the change."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, func, select

from rxapp.models import AuditEvent, AuditOutcome
from rxapp.permissions import Action, Actor, require


def record(
    session: Session,
    *,
    action: str,
    actor: Actor | None = None,
    org_id: int | None = None,
    target_type: str | None = None,
    target_id: int | None = None,
    detail: str = "",
    outcome: AuditOutcome = AuditOutcome.OK,
    actor_email: str | None = None,
    client_address: str | None = None,
) -> AuditEvent:
    """Add an audit entry to the caller's transaction. `org_id` defaults to the actor's organization."""
    event = AuditEvent(
        org_id=org_id if org_id is not None else (actor.org_id if actor else None),
        actor_user_id=actor.user_id if actor else None,
        actor_email=actor.email if actor else actor_email,
        action=action,
        target_type=target_type,
        target_id=target_id,
        detail=detail[:2000],
        outcome=outcome,
        client_address=client_address,
    )
    session.add(event)
    return event


def _scoped(actor: Actor, since: datetime | None, until: datetime | None, action: str | None):
    require(actor, Action.VIEW_AUDIT_LOG)
    query = select(AuditEvent)
    if actor.org_kind != "platform":
        query = query.where(AuditEvent.org_id == actor.org_id)
    if since:
        query = query.where(AuditEvent.at >= since)
    if until:
        query = query.where(AuditEvent.at < until)
    if action:
        query = query.where(AuditEvent.action == action)
    return query


def list_events(
    session: Session,
    actor: Actor,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    action: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[AuditEvent], int]:
    """One page of the log visible to `actor` (its organization's; platform staff see all), and the total."""
    query = _scoped(actor, since, until, action)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).offset(offset).limit(limit))
    return list(rows), total
