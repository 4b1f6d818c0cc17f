"""A run's emails (queued and read back) and resetting sign-in throttling."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp.models import OutboxEmail, User
from rxapp.services import attempts, mail, signin_guard
from rxapp.services.throttle import CLIENT_POLICIES, get_throttle
from rxapp.testhooks.data.runs import HookError

CLIENT_SCOPES = tuple(policy.scope for policy in CLIENT_POLICIES)


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
