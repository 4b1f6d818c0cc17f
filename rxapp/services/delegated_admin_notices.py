"""Delegated admin expiry notices: 30, 7 and 1 days before a grant ends, and once when it has ended, by email to
the reseller's admin agents and the customer's Global admins (plus the API's `delegated_admin.expiring` and
`.expired` webhooks).

A background task (`run_notice_loop`, started with the app next to the mail and webhook senders) looks for due
notices. Each notice is a `DelegatedAdminNotice` row, unique per (grant, end date, threshold), inserted in the
same transaction as its emails: when two workers (or a restart) find the same notice, one insert wins and the
other rolls back, so each notice goes out exactly once. A renewal moves the end date, so its notices start over.

The task only tells; it enforces nothing. The privilege stops the moment it ends because every check compares
`expires_at` with `clock.now(...)` (`relationships.grant_state`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select

from rxapp import clock
from rxapp.models import (
    AdminRole,
    AgentRole,
    DelegatedAdminGrant,
    DelegatedAdminNotice,
    DelegatedAdminStatus,
    Organization,
    User,
)
from rxapp.models.rows import saved_id
from rxapp.services import audit, mail, webhooks

THRESHOLDS = (30, 7, 1)  # days before the end
ENDED = 0  # the threshold value of the "it has ended" notice
ENDED_GRACE = timedelta(days=2)  # grants that ended longer ago than this (e.g. before an upgrade) are not told
INTERVAL_SECONDS = 5.0

logger = logging.getLogger(__name__)


def due_threshold(granted_at: datetime, expires_at: datetime, now: datetime) -> int | None:
    """The notice due now for a grant: the smallest threshold reached (only thresholds shorter than the grant's
    whole duration: a 30-day grant gets no 30-day notice), `ENDED` once it has ended, or None."""
    left = expires_at - now
    if left <= timedelta(0):
        return ENDED if left > -ENDED_GRACE else None
    reached = [
        days for days in THRESHOLDS if left <= timedelta(days=days) and expires_at - granted_at > timedelta(days=days)
    ]
    return min(reached) if reached else None


def recipients(session: Session, grant: DelegatedAdminGrant) -> list[str]:
    """The reseller's active admin agents and the customer's active Global admins (each address once)."""
    reseller = select(User.email).where(
        User.org_id == grant.reseller_org_id, User.is_active, User.agent_role == AgentRole.ADMIN_AGENT
    )
    customer = select(User.email).where(
        User.org_id == grant.customer_org_id, User.is_active, User.admin_role == AdminRole.GLOBAL_ADMIN
    )
    return list(
        dict.fromkeys([*session.exec(reseller.order_by(col(User.id))), *session.exec(customer.order_by(col(User.id)))])
    )


def _notify(session: Session, grant: DelegatedAdminGrant, threshold: int) -> None:
    reseller = session.get(Organization, grant.reseller_org_id)
    customer = session.get(Organization, grant.customer_org_id)
    names = {
        "reseller": reseller.name if reseller else "",
        "customer": customer.name if customer else "",
        "date": f"{grant.expires_at:%Y-%m-%d}",
    }
    key = {ENDED: "mail.delegated_admin_expired", 1: "mail.delegated_admin_expiring_one"}.get(
        threshold, "mail.delegated_admin_expiring"
    )
    for address in recipients(session, grant):
        mail.queue_catalog_email(session, to=address, key=key, days=threshold, **names)
    if threshold == ENDED:
        webhooks.delegated_admin_expired(session, grant)
    else:
        webhooks.delegated_admin_expiring(session, grant, days_left=threshold)
    action = "customers.delegated_admin_expired" if threshold == ENDED else "customers.delegated_admin_expiring"
    for org_id in (grant.reseller_org_id, grant.customer_org_id):
        audit.record(
            session,
            action=action,
            org_id=org_id,
            target_type="delegatedadmin",
            target_id=grant.id,
            detail=f"{names['reseller']} for {names['customer']} until {names['date']}"
            + (f" ({threshold} days)" if threshold else ""),
        )


def notify_grant(engine: Engine, grant_id: int) -> int | None:
    """Send the notice due for one grant, in its own transaction; the threshold sent, or None (nothing due, or
    another worker sent it)."""
    with Session(engine) as session:
        grant = session.get(DelegatedAdminGrant, grant_id)
        if grant is None or grant.status != DelegatedAdminStatus.ACTIVE:
            return None
        threshold = due_threshold(
            grant.granted_at, grant.expires_at, clock.now(grant.reseller_org_id, grant.customer_org_id)
        )
        if (
            threshold is None
            or session.exec(
                select(DelegatedAdminNotice.id).where(
                    DelegatedAdminNotice.grant_id == grant.id,
                    DelegatedAdminNotice.threshold_days == threshold,
                    DelegatedAdminNotice.expires_at == grant.expires_at,
                )
            ).first()
            is not None
        ):
            return None  # nothing due, or already sent (the unique insert below is what guarantees it)
        try:
            session.add(
                DelegatedAdminNotice(grant_id=saved_id(grant.id), threshold_days=threshold, expires_at=grant.expires_at)
            )
            session.flush()  # the unique row first: a second worker stops here
            _notify(session, grant, threshold)
            session.commit()
        except (IntegrityError, OperationalError):
            session.rollback()  # sent (or being sent) by another worker
            return None
        return threshold


def send_due_notices(engine: Engine) -> int:
    """One round: every active grant that ends within the largest threshold (or just ended) gets its due notice.
    Two reads find what is due and not yet sent; only those get a transaction of their own. Returns how many
    notices were sent."""
    horizon = clock.latest_now() + timedelta(days=max(THRESHOLDS))
    floor = clock.now() - ENDED_GRACE
    with Session(engine) as session:
        # Five columns: SQLAlchemy's select (SQLModel's own is typed for at most four).
        grants = session.execute(
            sa.select(
                col(DelegatedAdminGrant.id),
                col(DelegatedAdminGrant.granted_at),
                col(DelegatedAdminGrant.expires_at),
                col(DelegatedAdminGrant.reseller_org_id),
                col(DelegatedAdminGrant.customer_org_id),
            )
            .where(
                col(DelegatedAdminGrant.status) == DelegatedAdminStatus.ACTIVE,
                col(DelegatedAdminGrant.expires_at) <= horizon,
                col(DelegatedAdminGrant.expires_at) > floor,
            )
            .order_by(col(DelegatedAdminGrant.expires_at))
        ).all()
        due = {}
        for grant_id, granted_at, expires_at, reseller_id, customer_id in grants:
            threshold = due_threshold(granted_at, expires_at, clock.now(reseller_id, customer_id))
            if threshold is not None:
                due[grant_id] = (threshold, expires_at)
        sent_before = (
            set(
                session.exec(
                    select(
                        DelegatedAdminNotice.grant_id,
                        DelegatedAdminNotice.threshold_days,
                        DelegatedAdminNotice.expires_at,
                    ).where(col(DelegatedAdminNotice.grant_id).in_(list(due)))
                )
            )
            if due
            else set()
        )
    todo = [
        grant_id
        for grant_id, (threshold, expires_at) in due.items()
        if (grant_id, threshold, expires_at) not in sent_before
    ]
    return sum(notify_grant(engine, grant_id) is not None for grant_id in todo)


async def run_notice_loop(stop: asyncio.Event | None = None, *, interval_seconds: float = INTERVAL_SECONDS) -> None:
    """Look for due notices every `interval_seconds` until `stop` is set (or the task is cancelled)."""
    from rxapp.db import get_engine, run_in_background  # imported here so importing this module never opens a database

    engine = get_engine()
    stop = stop or asyncio.Event()
    while not stop.is_set():
        try:
            sent = await run_in_background(send_due_notices, engine)
            if sent:
                logger.info("delegated admin notices: %d sent", sent)
        except Exception:
            logger.exception("delegated admin notice round failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval_seconds)
