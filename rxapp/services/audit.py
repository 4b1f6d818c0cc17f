"""The audit (activity) log: every change writes its entry in the same transaction as the change."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, and_, col, func, or_, select

from rxapp.db_reads import Prepared, read
from rxapp.models import AuditCount, AuditEvent, AuditOutcome, OrgKind
from rxapp.models.rows import table
from rxapp.permissions import Action, Actor, require

MAX_PAGE_SIZE = 200
EXPORT_MAX_ROWS = 50_000


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
    """Add an audit entry to the caller's transaction. `org_id` defaults to the actor's organization. An API
    client's entry names the client (`actor_api_client_id`, and its name as the actor), not a user."""
    client_id = actor.api_client_id if actor else None
    event = AuditEvent(
        org_id=org_id if org_id is not None else (actor.org_id if actor else None),
        actor_user_id=actor.user_id if actor and client_id is None else None,
        actor_api_client_id=client_id,
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


@dataclass(frozen=True)
class AuditFilter:
    """What the audit log page filters by (every field optional). `until` is exclusive."""

    since: datetime | None = None
    until: datetime | None = None
    action: str | None = None  # exact action name
    action_contains: str = ""  # part of the action name ("user." finds every user change)
    actor_contains: str = ""  # part of the acting user's email
    outcome: str = ""  # ok | refused | throttled


def _scoped(actor: Actor, filters: AuditFilter):
    require(actor, Action.VIEW_AUDIT_LOG, read=True)
    query = select(AuditEvent)
    if actor.org_kind != OrgKind.PLATFORM:
        query = query.where(AuditEvent.org_id == actor.org_id)
    if filters.since:
        query = query.where(AuditEvent.at >= filters.since)
    if filters.until:
        query = query.where(AuditEvent.at < filters.until)
    if filters.action:
        query = query.where(AuditEvent.action == filters.action)
    action_part = (filters.action_contains or "").strip().lower()[:64]
    if action_part:
        query = query.where(func.lower(AuditEvent.action).contains(action_part, autoescape=True))
    actor_part = (filters.actor_contains or "").strip().lower()[:254]
    if actor_part:
        query = query.where(func.lower(AuditEvent.actor_email).contains(actor_part, autoescape=True))
    if filters.outcome in {o.value for o in AuditOutcome}:
        query = query.where(AuditEvent.outcome == AuditOutcome(filters.outcome))
    return query


def list_events(
    session: Session,
    actor: Actor,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    action: str | None = None,
    filters: AuditFilter | None = None,
    limit: int = 50,
    offset: int = 0,
    after: tuple[datetime, int] | None = None,
) -> tuple[list[Any], int]:
    """One page of the log visible to `actor` (its organization's; platform staff see all) as rows with
    `AuditEvent`'s attributes, and the total.
    `after` (the `at` and id of the last row seen) gives the next page by keyset instead of `offset` (the API's
    cursor: entries added meanwhile do not shift it); the total then still counts the whole filtered log."""
    filters = filters or AuditFilter(since=since, until=until, action=action)
    limit = min(max(1, int(limit)), MAX_PAGE_SIZE)
    whole_log = filters == AuditFilter() and actor.org_kind != OrgKind.PLATFORM
    if whole_log:  # its kept count; the page as it opens, and its paging: a statement built once
        require(actor, Action.VIEW_AUDIT_LOG, read=True)
        total = read(session, _KEPT_COUNT, {"org": actor.org_id}).scalar() or 0
        if after is None:
            return read(
                session, _WHOLE_LOG_PAGE, {"org": actor.org_id, "offset": max(0, int(offset)), "limit": limit}
            ).all(), total
    query = _scoped(actor, filters)  # built per call (its filters): only when the statements above do not serve
    if not whole_log:
        total = read(session, sa.select(func.count()).select_from(query.subquery())).scalar_one()
    if after is not None:
        at, last_id = after
        query = query.where(or_(AuditEvent.at < at, and_(AuditEvent.at == at, col(AuditEvent.id) < last_id)))
    # Rows of the entry's columns (the same attribute names), not ORM objects: the log page runs this per event.
    rows = read(
        session,
        query.with_only_columns(*table(AuditEvent).c)
        .order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc())
        .offset(max(0, int(offset)))
        .limit(limit),
    )
    return list(rows), total


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula: text starting with =, +, -, @ (or a tab
    or carriage return) gets a leading apostrophe (OWASP: CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


# Words (in the reader's language) beside the codes they come from: a person reads the first, a script the second.
CSV_COLUMNS = [
    "time_utc",
    "organization_id",
    "organization",
    "actor",
    "action",
    "action_code",
    "record",
    "target_type",
    "target_id",
    "outcome",
    "outcome_code",
    "detail",
    "detail_code",
    "client_address",
]
EXPORT_BATCH = 500


def export_events_csv(
    session: Session,
    actor: Actor,
    *,
    filters: AuditFilter | None = None,
    max_rows: int = EXPORT_MAX_ROWS,
    lang: str = "en",
) -> str:
    """The filtered log as CSV (newest first, at most `max_rows` rows), formula injection neutralized; each
    action, outcome, record and detail in words of `lang` with its code in the next column. The export itself
    is recorded in the log."""
    from rxapp.i18n import translate
    from rxapp.services import audit_view

    def text(key: str, **params) -> str:
        return translate(lang, key, **params)

    query = _scoped(actor, filters or AuditFilter())
    events = list(session.exec(query.order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc()).limit(max_rows)))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for start in range(0, len(events), EXPORT_BATCH):
        batch = events[start : start + EXPORT_BATCH]
        for event, view in zip(batch, audit_view.readable(session, batch), strict=True):
            count += 1
            said = audit_view.words(view, text)
            writer.writerow(
                [
                    csv_cell(v)
                    for v in (
                        event.at.strftime("%Y-%m-%d %H:%M:%S"),
                        event.org_id,
                        view.org,
                        event.actor_email,
                        said["action"],
                        event.action,
                        said["record"],
                        event.target_type,
                        event.target_id,
                        said["outcome"],
                        event.outcome.value if event.outcome else "",
                        said["detail"],
                        event.detail,
                        event.client_address,
                    )
                ]
            )
    record(session, action="audit.exported", actor=actor, detail=f"{count} rows")
    return buffer.getvalue()


_KEPT_COUNT = Prepared(sa.select(col(AuditCount.entries)).where(col(AuditCount.org_id) == sa.bindparam("org")))
_WHOLE_LOG_PAGE = Prepared(
    sa.select(*table(AuditEvent).c)
    .where(col(AuditEvent.org_id) == sa.bindparam("org"))
    .order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc())
    .offset(sa.bindparam("offset"))
    .limit(sa.bindparam("limit"))
)
