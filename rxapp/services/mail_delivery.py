"""SMTP delivery of the outbox. Several workers may run it at once: each row is claimed by a conditional
UPDATE before it is sent, so one email is sent by one worker. No Reflex here."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime, make_msgid
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from rxapp.models import EmailStatus, OutboxEmail
from rxapp.models.base import utcnow
from rxapp.models.rows import table
from rxapp.settings import get_settings

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BATCH_SIZE = 20
CLAIM_LEASE = timedelta(minutes=10)  # a claimed row whose worker died is retried after this
SMTP_TIMEOUT_SECONDS = 30.0
_DEFAULT_PORTS = {"plain": 25, "starttls": 587, "ssl": 465}
_SCHEMES: dict[str, Literal["plain", "starttls", "ssl"]] = {
    "smtp": "plain",
    "smtp+starttls": "starttls",
    "smtps": "ssl",
    "smtp+ssl": "ssl",
}

_table = table(OutboxEmail)
_c = _table.c


@dataclass(frozen=True)
class SmtpTarget:
    host: str
    port: int
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    mode: Literal["plain", "starttls", "ssl"] = "plain"

    def describe(self) -> str:
        """Where mail goes, without credentials (for logs)."""
        return f"{self.mode}://{self.host}:{self.port}"


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0  # given up: no more attempts
    retrying: int = 0  # failed this time, scheduled again
    skipped: int = 0  # claimed by another worker first

    @property
    def handled(self) -> int:
        return self.sent + self.failed + self.retrying + self.skipped


class _PermanentFailure(Exception):
    """A message that can never be sent as it stands (retrying will not help)."""


def parse_smtp_url(url: str) -> SmtpTarget:
    """`smtp://[user:pass@]host[:port]` (plain, 25), `smtp+starttls://` (587) or `smtps://` (TLS, 465)."""
    parts = urlsplit((url or "").strip())
    mode = _SCHEMES.get(parts.scheme.lower())
    if mode is None:
        raise ValueError("SMTP URL must start with smtp://, smtp+starttls:// or smtps://")
    try:
        port = parts.port
    except ValueError as exc:
        raise ValueError("SMTP URL has an invalid port") from exc
    host = parts.hostname
    if not host:
        raise ValueError("SMTP URL has no host")
    return SmtpTarget(
        host=host,
        port=port or _DEFAULT_PORTS[mode],
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
        mode=mode,
    )


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt: 1, 2, 4, 8 ... minutes."""
    return timedelta(minutes=2 ** max(0, attempts - 1))


def build_message(row: Any, *, mail_from: str, now: datetime) -> EmailMessage:
    """A text/plain UTF-8 message. Header values go through email.headerregistry, which refuses line
    breaks, so user text cannot add headers even if it reached the outbox without queue_email."""
    message = EmailMessage(policy=SMTP_POLICY)
    try:
        message["From"] = mail_from
        message["To"] = Address(addr_spec=row.to_address.strip())
        message["Subject"] = row.subject
    except (ValueError, IndexError, TypeError, MessageError) as exc:
        raise _PermanentFailure(f"unusable header: {exc}") from exc
    if message["From"].defects or len(message["From"].addresses) != 1:
        raise _PermanentFailure("MAIL_FROM is not a single valid address")
    if message["To"].defects:
        raise _PermanentFailure("recipient address is not valid")
    sender = message["From"].addresses[0]
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=sender.domain or None)
    body = row.body or ""
    # Non-ASCII text goes quoted-printable so it survives servers without 8BITMIME.
    message.set_content(body, subtype="plain", charset="utf-8", cte=None if body.isascii() else "quoted-printable")
    return message


def _connect(target: SmtpTarget) -> smtplib.SMTP:
    if target.mode == "ssl":
        connection: smtplib.SMTP = smtplib.SMTP_SSL(
            target.host, target.port, timeout=SMTP_TIMEOUT_SECONDS, context=ssl.create_default_context()
        )
    else:
        connection = smtplib.SMTP(target.host, target.port, timeout=SMTP_TIMEOUT_SECONDS)
    try:
        connection.ehlo()
        if target.mode == "starttls":
            connection.starttls(context=ssl.create_default_context())
            connection.ehlo()
        if target.username:
            connection.login(target.username, target.password or "")
    except BaseException:
        _close(connection)
        raise
    return connection


def _close(connection: smtplib.SMTP | None) -> None:
    if connection is None:
        return
    try:
        connection.quit()
    except Exception:  # noqa: BLE001 - the connection is going away anyway
        with contextlib.suppress(Exception):
            connection.close()


def _describe_error(exc: BaseException, target: SmtpTarget) -> str:
    """A short error text for `last_error`, with credentials scrubbed."""
    text = f"{type(exc).__name__}: {exc}"
    for secret in (target.password, target.username):
        if secret:
            text = text.replace(secret, "***")
    return " ".join(text.split())[:1000]


def _is_permanent(exc: BaseException) -> bool:
    """A refusal that a later attempt would meet again (e.g. a 5xx refusal of the recipient)."""
    if isinstance(exc, (_PermanentFailure, smtplib.SMTPNotSupportedError)):
        return True  # e.g. a non-ASCII address and a server without SMTPUTF8
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    return False


def _keeps_connection(exc: BaseException) -> bool:
    """Per-message refusals leave the SMTP session usable; anything else drops it."""
    return isinstance(
        exc,
        (_PermanentFailure, smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPNotSupportedError),
    )


def _claim(engine: Engine, email_id: int, seen_attempts: int, *, now: datetime) -> bool:
    """Take one pending row for this worker: only the worker that saw `seen_attempts` can bump it."""
    with engine.begin() as conn:
        result = conn.execute(
            sa.update(_table)
            .where(
                _c.id == email_id,
                _c.status == EmailStatus.PENDING,
                _c.attempts == seen_attempts,
            )
            .values(attempts=seen_attempts + 1, next_attempt_at=now + CLAIM_LEASE)
        )
        return result.rowcount == 1


def _finish(engine: Engine, email_id: int, attempts: int, **values: Any) -> None:
    """Record the outcome of our claimed attempt (only if the row is still ours)."""
    with engine.begin() as conn:
        conn.execute(
            sa.update(_table)
            .where(_c.id == email_id, _c.status == EmailStatus.PENDING, _c.attempts == attempts)
            .values(**values)
        )


def _due_rows(engine: Engine, now: datetime, batch: int) -> list[Any]:
    with engine.connect() as conn:
        return list(
            conn.execute(
                sa.select(_c.id, _c.to_address, _c.subject, _c.body, _c.attempts)
                .where(
                    _c.status == EmailStatus.PENDING,
                    sa.or_(_c.next_attempt_at.is_(None), _c.next_attempt_at <= now),
                )
                .order_by(_c.id)
                .limit(batch)
            )
        )


def deliver_pending(
    engine: Engine, smtp_url: str, *, mail_from: str, batch: int = BATCH_SIZE, now: datetime | None = None
) -> DeliveryReport:
    """Send up to `batch` due outbox emails over SMTP and record each outcome.

    A failure is retried after 1, 2, 4, 8 ... minutes; after MAX_ATTEMPTS attempts (or a permanent
    refusal) the email is marked failed. `now` fixes the clock (tests).
    """
    target = parse_smtp_url(smtp_url)
    fixed_now = now
    now = now or utcnow()
    report = DeliveryReport()
    connection: smtplib.SMTP | None = None
    try:
        for row in _due_rows(engine, now, max(1, batch)):
            if row.attempts >= MAX_ATTEMPTS:  # its last attempt was interrupted (worker died)
                _finish(
                    engine,
                    row.id,
                    row.attempts,
                    status=EmailStatus.FAILED,
                    next_attempt_at=None,
                    last_error=f"gave up after {row.attempts} attempts",
                )
                report.failed += 1
                continue
            if not _claim(engine, row.id, row.attempts, now=now):
                report.skipped += 1
                continue
            attempts = row.attempts + 1
            try:
                message = build_message(row, mail_from=mail_from, now=fixed_now or utcnow())
                if connection is None:
                    connection = _connect(target)
                connection.send_message(
                    message,
                    from_addr=message["From"].addresses[0].addr_spec,
                    to_addrs=[message["To"].addresses[0].addr_spec],
                )
            except (smtplib.SMTPException, OSError, _PermanentFailure) as exc:
                error = _describe_error(exc, target)
                connection_lost = not _keeps_connection(exc)
                if connection_lost:
                    _close(connection)
                    connection = None
                if _is_permanent(exc) or attempts >= MAX_ATTEMPTS:
                    _finish(engine, row.id, attempts, status=EmailStatus.FAILED, last_error=error, next_attempt_at=None)
                    report.failed += 1
                    logger.warning("email %s failed for good after %s attempt(s): %s", row.id, attempts, error)
                else:
                    _finish(engine, row.id, attempts, last_error=error, next_attempt_at=now + retry_delay(attempts))
                    report.retrying += 1
                    logger.info("email %s not sent (attempt %s), will retry: %s", row.id, attempts, error)
                if connection_lost:
                    break  # the server is unreachable or broke off: leave the rest for the next round
            else:
                _finish(
                    engine,
                    row.id,
                    attempts,
                    status=EmailStatus.SENT,
                    sent_at=fixed_now or utcnow(),
                    last_error=None,
                    next_attempt_at=None,
                )
                report.sent += 1
    finally:
        _close(connection)
    return report


async def run_delivery_loop(stop: asyncio.Event | None = None, *, interval_seconds: float = 5.0) -> None:
    """Deliver the outbox every `interval_seconds` until `stop` is set (or the task is cancelled).

    Returns at once when no SMTP server is configured: the local mailbox page shows the emails instead.
    """
    settings = get_settings()
    if not settings.smtp_url:
        logger.info("no SMTP_URL configured: emails stay in the outbox for the local mailbox page")
        return
    try:
        target = parse_smtp_url(settings.smtp_url)
    except ValueError as exc:
        logger.error("SMTP_URL is not usable (%s): emails will not be delivered", exc)
        return
    from rxapp.db import get_engine, run_in_background  # imported here so importing this module never opens a database

    engine = get_engine()
    stop = stop or asyncio.Event()
    logger.info("delivering outbox emails via %s", target.describe())
    while not stop.is_set():
        report = DeliveryReport()
        try:
            report = await run_in_background(
                deliver_pending, engine, settings.smtp_url, mail_from=settings.mail_from, batch=BATCH_SIZE
            )
            if report.handled:
                logger.info("outbox: %s", report)
        except Exception:
            logger.exception("outbox delivery round failed")
        if report.handled >= BATCH_SIZE and not stop.is_set():
            continue  # a full batch: more may be waiting
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval_seconds)
