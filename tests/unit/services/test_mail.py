"""The outbox (queue_email, mailbox queries, links) and SMTP delivery against a real aiosmtpd server."""

from __future__ import annotations

import asyncio
import smtplib
import threading
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import Session, select

from rxapp.db import create_all, make_engine
from rxapp.models import EmailStatus, OutboxEmail
from rxapp.models.base import utcnow
from rxapp.services import mail_delivery
from rxapp.services.mail import count_mailbox, extract_links, get_email, list_mailbox, queue_email
from rxapp.services.mail_delivery import (
    MAX_ATTEMPTS,
    deliver_pending,
    parse_smtp_url,
    run_delivery_loop,
)
from tests.unit.doubles import SmtpCollector, free_port

MAIL_FROM = "Partner Center <no-reply@partner-center.example>"
KOREAN_SUBJECT = "파트너 센터: 초대장이 도착했습니다"
KOREAN_BODY = "안녕하세요, 홍길동님.\n\n초대를 수락하려면 다음 링크를 여세요:\nhttps://portal.example/invite/abc123\n"


# ---------------------------------------------------------------------------------------------- fixtures


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/t.db")
    create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def smtp_server():
    collector = SmtpCollector()
    port = free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield collector, f"smtp://127.0.0.1:{port}"
    finally:
        controller.stop()


def _queue(engine, **kwargs) -> int:
    with Session(engine) as session:
        row = queue_email(session, **kwargs)
        session.commit()
        return row.id


def _row(engine, email_id: int) -> OutboxEmail:
    with Session(engine) as session:
        return session.get(OutboxEmail, email_id)


def _count(engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(OutboxEmail)).all())


# ---------------------------------------------------------------------------------------------- queue_email


def test_queue_email_is_written_only_by_the_callers_commit(engine):
    with Session(engine) as session:
        queued = queue_email(session, to="a@example.com", subject="Hello", body="Body")
        # Visible inside the caller's own transaction ...
        assert [e.to_address for e in list_mailbox(session)] == ["a@example.com"]
        # ... but nothing is written for anyone else until the caller commits.
        assert _count(engine) == 0
        session.rollback()
        assert queued not in session  # rolled back with the transaction
    assert _count(engine) == 0

    email_id = _queue(engine, to="  b@example.com ", subject="  Hi  ", body="Text")
    row = _row(engine, email_id)
    assert (row.to_address, row.subject, row.body) == ("b@example.com", "Hi", "Text")
    assert row.status == EmailStatus.PENDING
    assert row.attempts == 0
    assert row.sent_at is None
    assert row.next_attempt_at is None


@pytest.mark.parametrize(
    ("to", "subject"),
    [
        ("victim@example.com\r\nBcc: attacker@evil.example", "Hello"),
        ("victim@example.com\nBcc: attacker@evil.example", "Hello"),
        ("victim@example.com", "Hello\r\nBcc: attacker@evil.example"),
        ("victim@example.com", "Hello\nX-Injected: yes"),
        ("victim@example.com", "Hello\rX-Injected: yes"),
        ("victim@example.com\r\n", "Hello"),  # even a trailing line break is refused, not silently stripped
    ],
)
def test_queue_email_refuses_header_injection(engine, to, subject):
    with Session(engine) as session:
        with pytest.raises(ValueError, match="line breaks and control characters"):
            queue_email(session, to=to, subject=subject, body="x")
        assert not session.new
        session.commit()
    assert _count(engine) == 0


def test_queue_email_refuses_unusable_address_and_trims_long_subject(engine):
    with Session(engine) as session:
        for bad in ("", "   ", "no-at-sign", "a@b@c", "Name <a@example.com>", "a@", "a b@example.com"):
            with pytest.raises(ValueError, match="not a usable email address|line breaks"):
                queue_email(session, to=bad, subject="s", body="b")
        row = queue_email(session, to="a@example.com", subject="가" * 500, body="multi\nline\r\nbody is fine")
    assert row.subject == "가" * 300
    assert row.body == "multi\nline\r\nbody is fine"


# ---------------------------------------------------------------------------------------------- mailbox


def test_mailbox_lists_newest_first_filters_and_pages(engine):
    ids = [_queue(engine, to=f"User{i}@Example.com", subject=f"s{i}", body="b") for i in range(5)]
    other = _queue(engine, to="someone@else.org", subject="other", body="b")
    with Session(engine) as session:
        assert count_mailbox(session) == 6
        assert [e.id for e in list_mailbox(session)] == [other, *reversed(ids)]
        assert [e.id for e in list_mailbox(session, limit=2, offset=1)] == [ids[4], ids[3]]
        # Case-insensitive substring of the recipient.
        assert count_mailbox(session, to="EXAMPLE.COM") == 5
        assert [e.id for e in list_mailbox(session, to="user3@")] == [ids[3]]
        # LIKE wildcards in the filter are literal characters, not "match everything".
        assert count_mailbox(session, to="%") == 0
        assert list_mailbox(session, to="_") == []
        assert get_email(session, other).subject == "other"
        assert get_email(session, 999_999) is None


def test_extract_links():
    body = (
        "Verify: https://portal.example/verify?token=abc_DEF-123&x=1.\n"
        "Or (http://localhost:3000/invite/xyz), see https://en.wikipedia.org/wiki/Foo_(bar)!\n"
        "Again https://portal.example/verify?token=abc_DEF-123&x=1 and <https://a.example/b>.\n"
        "Not links: ftp://files.example, mailto:x@y.z, http:// alone, www.example.com"
    )
    assert extract_links(body) == [
        "https://portal.example/verify?token=abc_DEF-123&x=1",
        "http://localhost:3000/invite/xyz",
        "https://en.wikipedia.org/wiki/Foo_(bar)",
        "https://a.example/b",
    ]
    assert extract_links("") == []
    assert extract_links(KOREAN_BODY) == ["https://portal.example/invite/abc123"]


# ---------------------------------------------------------------------------------------------- SMTP


def test_parse_smtp_url():
    target = parse_smtp_url("smtp://user:p%40ss@127.0.0.1:2525")
    assert (target.host, target.port, target.username, target.password, target.mode) == (
        "127.0.0.1",
        2525,
        "user",
        "p@ss",
        "plain",
    )
    assert "p@ss" not in repr(target)
    assert (parse_smtp_url("smtp://mail.example").port, parse_smtp_url("smtp://mail.example").mode) == (25, "plain")
    starttls = parse_smtp_url("smtp+starttls://u:p@mail.example")
    assert (starttls.port, starttls.mode) == (587, "starttls")
    ssl_target = parse_smtp_url("smtps://mail.example")
    assert (ssl_target.port, ssl_target.mode, ssl_target.username) == (465, "ssl", None)
    for bad in ("http://mail.example", "mail.example:25", "smtp://", "smtp://host:notaport", ""):
        with pytest.raises(ValueError, match="SMTP URL"):
            parse_smtp_url(bad)


def test_delivers_over_smtp_once(engine, smtp_server):
    collector, url = smtp_server
    email_id = _queue(engine, to="hong@example.com", subject=KOREAN_SUBJECT, body=KOREAN_BODY)

    report = deliver_pending(engine, url, mail_from=MAIL_FROM)

    assert (report.sent, report.failed, report.retrying) == (1, 0, 0)
    [envelope] = collector.envelopes
    assert envelope.mail_from == "no-reply@partner-center.example"
    assert envelope.rcpt_tos == ["hong@example.com"]
    [message] = collector.messages()
    assert message["To"] == "hong@example.com"
    assert message["Subject"] == KOREAN_SUBJECT
    assert message["From"].addresses[0].display_name == "Partner Center"
    assert message["Date"]
    assert message["Message-ID"].endswith("@partner-center.example>")
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().replace("\r\n", "\n") == KOREAN_BODY
    assert envelope.content.isascii()  # encoded for 7-bit servers too

    row = _row(engine, email_id)
    assert row.status == EmailStatus.SENT
    assert row.attempts == 1
    assert row.sent_at is not None
    assert row.last_error is None

    again = deliver_pending(engine, url, mail_from=MAIL_FROM)
    assert (again.sent, again.failed, again.retrying, again.skipped) == (0, 0, 0, 0)
    assert len(collector.envelopes) == 1


def test_injected_headers_never_reach_the_wire(engine, smtp_server):
    """A row that bypassed queue_email's checks is refused by the message builder, not sent."""
    collector, url = smtp_server
    with Session(engine) as session:
        bad = OutboxEmail(to_address="a@example.com", subject="Hi\r\nBcc: attacker@evil.example", body="x")
        good = OutboxEmail(to_address="b@example.com", subject="Fine", body="y")
        session.add_all([bad, good])
        session.commit()
        bad_id, good_id = bad.id, good.id

    report = deliver_pending(engine, url, mail_from=MAIL_FROM)

    assert (report.sent, report.failed) == (1, 1)
    assert [e.rcpt_tos for e in collector.envelopes] == [["b@example.com"]]
    assert all(b"attacker" not in e.content for e in collector.envelopes)
    assert _row(engine, bad_id).status == EmailStatus.FAILED
    assert _row(engine, bad_id).last_error
    assert _row(engine, good_id).status == EmailStatus.SENT


def test_server_down_retries_with_backoff_then_fails(engine):
    closed_url = f"smtp://user:hunter2secret@127.0.0.1:{free_port()}"
    email_id = _queue(engine, to="a@example.com", subject="s", body="b")
    t0 = utcnow()

    report = deliver_pending(engine, closed_url, mail_from=MAIL_FROM, now=t0)

    assert (report.sent, report.failed, report.retrying) == (0, 0, 1)
    row = _row(engine, email_id)
    assert row.status == EmailStatus.PENDING
    assert row.attempts == 1
    assert row.last_error
    assert "hunter2secret" not in row.last_error
    assert row.next_attempt_at == t0 + timedelta(minutes=1)
    assert row.next_attempt_at > utcnow()

    # Not due yet: nothing happens.
    idle = deliver_pending(engine, closed_url, mail_from=MAIL_FROM, now=t0 + timedelta(seconds=30))
    assert idle.handled == 0
    assert _row(engine, email_id).attempts == 1

    delays = [row.next_attempt_at - t0]
    now = t0
    for attempt in range(2, MAX_ATTEMPTS + 1):
        now = _row(engine, email_id).next_attempt_at
        report = deliver_pending(engine, closed_url, mail_from=MAIL_FROM, now=now)
        row = _row(engine, email_id)
        assert row.attempts == attempt
        if attempt < MAX_ATTEMPTS:
            assert report.retrying == 1
            assert row.status == EmailStatus.PENDING
            delays.append(row.next_attempt_at - now)
    assert delays == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16)]
    assert report.failed == 1
    assert row.status == EmailStatus.FAILED
    assert row.next_attempt_at is None
    assert row.last_error

    # A failed email is never picked up again.
    later = deliver_pending(engine, closed_url, mail_from=MAIL_FROM, now=now + timedelta(days=1))
    assert later.handled == 0
    assert _row(engine, email_id).attempts == MAX_ATTEMPTS


def test_recovers_when_the_server_comes_back(engine, smtp_server):
    collector, url = smtp_server
    email_id = _queue(engine, to="a@example.com", subject="s", body="b")
    t0 = utcnow()
    deliver_pending(engine, f"smtp://127.0.0.1:{free_port()}", mail_from=MAIL_FROM, now=t0)
    assert _row(engine, email_id).attempts == 1

    report = deliver_pending(engine, url, mail_from=MAIL_FROM, now=t0 + timedelta(minutes=1))

    assert report.sent == 1
    assert len(collector.envelopes) == 1
    row = _row(engine, email_id)
    assert row.status == EmailStatus.SENT
    assert row.attempts == 2
    assert row.last_error is None


def test_a_row_is_claimed_by_one_worker_only(engine):
    email_id = _queue(engine, to="a@example.com", subject="s", body="b")
    now = utcnow()
    assert mail_delivery._claim(engine, email_id, 0, now=now) is True
    assert mail_delivery._claim(engine, email_id, 0, now=now) is False  # a second worker saw attempts=0 too
    assert _row(engine, email_id).attempts == 1


def test_concurrent_workers_send_each_email_once(engine, smtp_server):
    collector, url = smtp_server
    for i in range(12):
        _queue(engine, to=f"u{i}@example.com", subject=f"s{i}", body="b")
    barrier = threading.Barrier(3)
    reports = []

    def worker():
        barrier.wait()
        reports.append(deliver_pending(engine, url, mail_from=MAIL_FROM, batch=50))

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sum(r.sent for r in reports) == 12
    assert sorted(tuple(e.rcpt_tos) for e in collector.envelopes) == sorted((f"u{i}@example.com",) for i in range(12))
    with Session(engine) as session:
        assert {e.status for e in session.exec(select(OutboxEmail))} == {EmailStatus.SENT}


def test_recipient_refused_permanently_fails_at_once(engine, smtp_server, monkeypatch):
    _collector, url = smtp_server
    email_id = _queue(engine, to="a@example.com", subject="s", body="b")

    def refuse(*args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"no such user")})

    monkeypatch.setattr(smtplib.SMTP, "send_message", refuse)
    report = deliver_pending(engine, url, mail_from=MAIL_FROM)

    assert report.failed == 1
    row = _row(engine, email_id)
    assert row.status == EmailStatus.FAILED
    assert row.attempts == 1
    assert "550" in row.last_error


# ---------------------------------------------------------------------------------------------- the loop


@pytest.fixture
def configured(monkeypatch, tmp_path):
    """Point get_settings()/get_engine() at a temporary database (and restore the caches afterwards)."""
    from rxapp.db import get_engine
    from rxapp.settings import get_settings

    def apply(smtp_url: str | None):
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/loop.db")
        if smtp_url:
            monkeypatch.setenv("SMTP_URL", smtp_url)
        else:
            monkeypatch.delenv("SMTP_URL", raising=False)
        monkeypatch.setenv("MAIL_FROM", MAIL_FROM)
        get_settings.cache_clear()
        get_engine.cache_clear()
        engine = get_engine()
        create_all(engine)
        return engine

    yield apply
    get_settings.cache_clear()
    get_engine.cache_clear()


def test_loop_returns_at_once_without_smtp(configured):
    engine = configured(None)
    _queue(engine, to="a@example.com", subject="s", body="b")

    asyncio.run(asyncio.wait_for(run_delivery_loop(interval_seconds=0.01), timeout=2))

    with Session(engine) as session:
        assert session.exec(select(OutboxEmail)).one().status == EmailStatus.PENDING


def test_loop_delivers_until_stopped(configured, smtp_server):
    collector, url = smtp_server
    engine = configured(url)
    email_id = _queue(engine, to="a@example.com", subject="looped", body="b")

    async def scenario():
        stop = asyncio.Event()
        task = asyncio.create_task(run_delivery_loop(stop, interval_seconds=0.05))
        for _ in range(200):
            if collector.envelopes:
                break
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.wait_for(task, timeout=5)
        return task

    task = asyncio.run(scenario())

    assert task.done()
    assert task.exception() is None
    assert [m["Subject"] for m in collector.messages()] == ["looped"]
    assert _row(engine, email_id).status == EmailStatus.SENT


def test_local_mailbox_is_on_only_without_smtp_and_never_in_production():
    from rxapp.settings import Settings

    assert Settings(smtp_url=None).local_mailbox_enabled
    assert not Settings(smtp_url="smtp://127.0.0.1:25").local_mailbox_enabled
    assert not Settings(environment="production", public_url="https://partners.example").local_mailbox_enabled


def test_the_mailbox_service_refuses_to_show_anything_where_it_is_off(engine, monkeypatch):
    """The guard is in the service, not only in the page's state: with a mail server configured, every read
    of the outbox through the mailbox functions is refused."""
    from rxapp.errors import NotFound
    from rxapp.settings import get_settings

    with Session(engine) as session:
        email_id = queue_email(session, to="a@example.com", subject="s", body="b").id
        session.commit()
        monkeypatch.setattr(get_settings(), "smtp_url", "smtp://127.0.0.1:25")
        for read in (
            lambda: list_mailbox(session),
            lambda: count_mailbox(session),
            lambda: get_email(session, email_id),
        ):
            with pytest.raises(NotFound):
                read()
