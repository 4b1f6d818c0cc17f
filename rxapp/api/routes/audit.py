"""The partner API's audit events: the organization's activity log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends
from sqlmodel import Session

from rxapp.api import paging, schemas
from rxapp.api.calls import Call, caller, perform
from rxapp.api.routes.common import CursorParam, Limit, utc
from rxapp.errors import ValidationFailed
from rxapp.permissions import Actor
from rxapp.services import audit

router = APIRouter()


@router.get(
    "/audit-events",
    response_model=schemas.Counted[schemas.AuditEvent],
    tags=["audit"],
    summary="Your organization's activity log, newest first, in a date range (`until` exclusive)",
)
def list_audit_events(
    call: Call = Depends(caller),
    since: datetime | None = None,
    until: datetime | None = None,
    cursor: CursorParam = None,
    limit: Limit = paging.DEFAULT_LIMIT,
):
    def work(session: Session, actor: Actor) -> dict[str, Any]:
        values = paging.decode(cursor, "audit", size=2)
        after = None
        if values is not None:
            try:
                after = (datetime.fromisoformat(values[0]), int(values[1]))
            except (TypeError, ValueError):
                raise ValidationFailed("api.cursor_invalid", field="cursor") from None
        rows, total = audit.list_events(
            session,
            actor,
            filters=audit.AuditFilter(since=utc(since), until=utc(until)),
            after=after,
            limit=limit + 1,
        )
        data = [
            schemas.AuditEvent(
                id=e.id,
                at=e.at,
                actor=e.actor_email,
                api_client_id=e.actor_api_client_id,
                action=e.action,
                target_type=e.target_type,
                target_id=e.target_id,
                outcome=e.outcome.value,
                detail=e.detail,
            )
            for e in rows
        ]
        return {**paging.page(data, "audit", lambda e: (e.at.isoformat(), e.id), limit), "total": total}

    return perform(call, work)
