"""Delivery of the webhook outbox over HTTP(S) with httpx. Several workers may run it at once: each row is claimed
by a conditional UPDATE before it is sent, so one attempt is made by one worker. No Reflex here.

- Each attempt signs the stored body afresh (Standard Webhooks headers, a new timestamp, the same `webhook-id`).
- A 2xx answer delivers it. Anything else (an error, a timeout, a refused address) is retried after growing
  delays (`RETRY_DELAYS`, about 24 hours in all); when the last retry fails, the delivery fails and the endpoint
  is disabled, its other pending events dropped, and the organization's Global admins are emailed. A 410 Gone
  answer disables the endpoint at once (the receiver says it is gone for good).
- The receiver's host is resolved and every address checked before each attempt (unless
  `WEBHOOKS_ALLOW_PRIVATE`), and the request goes to the checked address (TLS still verifies the host name),
  so a DNS answer that changes between check and call cannot reach a private address. Redirects are not followed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from rxapp.models import (
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEndpoint,
    WebhookEndpointStatus,
    utcnow,
)
from rxapp.models.rows import rowcount, table
from rxapp.services import audit, mail, webhooks
from rxapp.settings import get_settings

logger = logging.getLogger(__name__)

# The wait after the 1st, 2nd, ... failed attempt: 10 attempts over about 23.6 hours.
RETRY_DELAYS: tuple[timedelta, ...] = (
    timedelta(seconds=5),
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=1),
    timedelta(hours=2),
    timedelta(hours=4),
    timedelta(hours=8),
    timedelta(hours=8),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
TIMEOUT_SECONDS = 10.0
CLAIM_LEASE = timedelta(minutes=2)  # a claimed row whose worker died is tried again after this
BATCH_SIZE = 20

_d = table(WebhookDelivery).c
_e = table(WebhookEndpoint).c


@dataclass
class Round:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0

    @property
    def handled(self) -> int:
        return self.delivered + self.retrying + self.failed + self.skipped


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status: int | None
    duration_ms: int
    error: str | None = None


def retry_delay(attempts: int) -> timedelta | None:
    """The wait after the `attempts`-th failed attempt; None when there is no retry left."""
    return RETRY_DELAYS[attempts - 1] if 1 <= attempts <= len(RETRY_DELAYS) else None


def retry_schedule() -> list[timedelta]:
    """When each attempt is made, counted from the first one."""
    offsets, total = [timedelta(0)], timedelta(0)
    for delay in RETRY_DELAYS:
        total += delay
        offsets.append(total)
    return offsets


def _pinned_request(addresses: list[str], parts: Any) -> tuple[str, dict[str, str], dict[str, Any]]:
    """The URL aimed at the first checked address, with the original Host header and TLS server name."""
    address = addresses[0]
    literal = f"[{address}]" if ":" in address else address
    default = 443 if parts.scheme == "https" else 80
    port = parts.port or default
    target = f"{parts.scheme}://{literal}:{port}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")
    host = parts.hostname if port == default else f"{parts.hostname}:{port}"
    extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
    return target, {"host": host}, extensions


def post(client: httpx.Client, url: str, headers: dict[str, str], payload: bytes) -> Outcome:
    """One signed POST to a checked receiver; never raises."""
    started = time.monotonic()
    try:
        parts, addresses = webhooks.check_receiver(url)
        target, host, extensions = _pinned_request(addresses, parts)
        response = client.post(target, content=payload, headers={**headers, **host}, extensions=extensions)
        elapsed = int((time.monotonic() - started) * 1000)
        ok = 200 <= response.status_code < 300
        return Outcome(
            ok=ok,
            status=response.status_code,
            duration_ms=elapsed,
            error=None if ok else f"HTTP {response.status_code}",
        )
    except webhooks.UnsafeReceiver as refusal:
        return Outcome(ok=False, status=None, duration_ms=0, error=f"refused: {refusal}"[:500])
    except httpx.HTTPError as exc:
        elapsed = int((time.monotonic() - started) * 1000)
        return Outcome(ok=False, status=None, duration_ms=elapsed, error=f"{type(exc).__name__}: {exc}"[:500])


def _due(engine: Engine, now: datetime, batch: int) -> list[Any]:
    with engine.connect() as conn:
        return list(
            conn.execute(
                sa.select(
                    _d.id, _d.endpoint_id, _d.message_id, _d.payload, _d.attempts, _d.created_at, _e.url, _e.secret
                )
                .join(table(WebhookEndpoint), _e.id == _d.endpoint_id)
                .where(
                    _d.status == WebhookDeliveryStatus.PENDING.value,
                    sa.or_(_d.next_attempt_at.is_(None), _d.next_attempt_at <= now),
                    _e.status == WebhookEndpointStatus.ACTIVE.value,
                    _e.deleted_at.is_(None),
                )
                .order_by(_d.id)
                .limit(batch)
            )
        )


def _claim(engine: Engine, row: Any, now: datetime) -> bool:
    """Take one due row for this worker: only the worker that saw its attempt count can bump it."""
    with engine.begin() as conn:
        result = conn.execute(
            sa.update(table(WebhookDelivery))
            .where(_d.id == row.id, _d.status == WebhookDeliveryStatus.PENDING.value, _d.attempts == row.attempts)
            .values(attempts=row.attempts + 1, next_attempt_at=now + CLAIM_LEASE, last_attempt_at=now)
        )
        return result.rowcount == 1


def _mine(session: Session, delivery_id: int, attempts: int):
    return session.execute(
        sa.select(WebhookDelivery).where(
            col(WebhookDelivery.id) == delivery_id,
            col(WebhookDelivery.attempts) == attempts,
            col(WebhookDelivery.status) == WebhookDeliveryStatus.PENDING,
        )
    ).scalar_one_or_none()


def disable_endpoint(session: Session, endpoint_id: int, reason: str, *, now: datetime) -> bool:
    """Disable an active endpoint, drop its pending events, email the organization's Global admins and audit it
    (in the caller's transaction). False when it was not active (another worker did it)."""
    changed = session.execute(
        sa.update(WebhookEndpoint)
        .where(col(WebhookEndpoint.id) == endpoint_id, col(WebhookEndpoint.status) == WebhookEndpointStatus.ACTIVE)
        .values(status=WebhookEndpointStatus.DISABLED, disabled_at=now, disabled_reason=reason[:500])
        .execution_options(synchronize_session=False)
    )
    if rowcount(changed) != 1:
        return False
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    assert endpoint is not None, "the update above just matched it"
    session.refresh(endpoint)
    webhooks.fail_pending(session, endpoint_id, "endpoint disabled")
    audit.record(
        session,
        action="webhook.endpoint_disabled",
        org_id=endpoint.org_id,
        actor_email="webhooks",
        target_type="webhookendpoint",
        target_id=endpoint.id,
        detail=f"{endpoint.url}: {reason}"[:2000],
    )
    for address in webhooks.global_admin_emails(session, endpoint.org_id):
        mail.queue_catalog_email(
            session,
            to=address,
            key="mail.webhook_disabled",
            url=endpoint.url,
            reason=reason[:300],
            page=f"{get_settings().public_url.rstrip('/')}/account/webhooks",
        )
    return True


def _record(engine: Engine, row: Any, attempts: int, outcome: Outcome, now: datetime) -> str:
    """Store the attempt's outcome; returns delivered | retrying | failed | lost."""
    with Session(engine, expire_on_commit=False) as session:
        delivery = _mine(session, row.id, attempts)
        if delivery is None:
            return "lost"
        delivery.response_status, delivery.duration_ms = outcome.status, outcome.duration_ms
        delivery.last_error = outcome.error
        if outcome.ok:
            delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
                WebhookDeliveryStatus.SUCCEEDED,
                now,
                None,
            )
            result = "delivered"
        else:
            delay = retry_delay(attempts)
            gone = outcome.status == 410
            if delay is None or gone:
                delivery.status, delivery.next_attempt_at = WebhookDeliveryStatus.FAILED, None
                result = "failed"
            else:
                delivery.next_attempt_at = now + delay
                result = "retrying"
        session.add(delivery)
        session.flush()
        if result == "failed":
            reason = (
                "the receiver answered 410 Gone"
                if outcome.status == 410
                else f"{attempts} attempts failed over {retry_schedule()[-1].total_seconds() / 3600:.0f} "
                f"hours; last: {outcome.error or 'error'}"
            )
            disable_endpoint(session, row.endpoint_id, reason, now=now)
        session.commit()
        return result


def deliver_due(
    engine: Engine, *, client: httpx.Client | None = None, now: datetime | None = None, batch: int = BATCH_SIZE
) -> Round:
    """Send up to `batch` due deliveries and record each outcome. `now` fixes the clock (tests)."""
    fixed = now
    report = Round()
    due = _due(engine, fixed or utcnow(), max(1, batch))
    if not due:  # the usual round: no client (building one loads the CA store, ~10 ms every 2 s)
        return report
    own_client = client is None
    client = client or make_client()
    try:
        for row in due:
            now = fixed or utcnow()
            if not _claim(engine, row, now):
                report.skipped += 1
                continue
            attempts = row.attempts + 1
            payload = row.payload.encode("utf-8")
            headers = webhooks.signed_headers(row.secret, row.message_id, payload, timestamp=int(now.timestamp()))
            outcome = post(client, row.url, headers, payload)
            result = _record(engine, row, attempts, outcome, fixed or utcnow())
            if result == "delivered":
                report.delivered += 1
            elif result == "retrying":
                report.retrying += 1
            elif result == "failed":
                report.failed += 1
            else:
                report.skipped += 1
            if not outcome.ok:
                logger.info(
                    "webhook %s to endpoint %s not delivered (attempt %s): %s",
                    row.message_id,
                    row.endpoint_id,
                    attempts,
                    outcome.error,
                )
    finally:
        if own_client:
            client.close()
    return report


def make_client() -> httpx.Client:
    """No proxies from the environment, no redirects, a short timeout."""
    return httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False, trust_env=False)


async def run_webhook_loop(stop: asyncio.Event | None = None, *, interval_seconds: float = 2.0) -> None:
    """Deliver the webhook outbox every `interval_seconds` until `stop` is set (or the task is cancelled)."""
    from rxapp.db import get_engine, run_in_background  # imported here so importing this module never opens a database

    engine = get_engine()
    stop = stop or asyncio.Event()
    while not stop.is_set():
        report = Round()
        try:
            report = await run_in_background(deliver_due, engine)
            if report.handled:
                logger.info("webhooks: %s", report)
        except Exception:
            logger.exception("webhook delivery round failed")
        if report.handled >= BATCH_SIZE and not stop.is_set():
            continue
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval_seconds)
