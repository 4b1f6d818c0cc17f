"""The process killed (SIGKILL) in the middle of an enrollment submission and of a link acceptance: each runs
in a child process that stops right after its transaction has written the records and queued its email (the
last step before the commit); the parent kills it there, then checks that nothing of the half-done work is
in the database, that the same work succeeds once after the "restart", and that every email committed before
or after the crash is sent by the outbox delivery."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import Session, select

from rxapp.models import (
    AuditEvent,
    DelegatedAdminGrant,
    EmailStatus,
    Enrollment,
    EnrollmentStatus,
    Link,
    LinkPurpose,
    LinkStatus,
    OutboxEmail,
    Relationship,
)
from rxapp.services import customers, mail
from rxapp.services.mail_delivery import deliver_pending
from tests.unit.doubles import SmtpCollector, free_port
from tests.unit.services.enrollment.steps import DETAILS, to_draft
from tests.unit.services.enrollment.steps import actor as actor_of

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MAIL_FROM = "Partner Center <no-reply@partner-center.example>"
PASSWORD = "Correct-horse-battery-42"

CHILD = textwrap.dedent("""
    import json, pathlib, sys, time
    from sqlmodel import select
    from rxapp.db import session_scope
    from rxapp.models import Organization, User
    from rxapp.services import auth, customers, enrollment, mail

    scenario, ready, pause, args = sys.argv[1], sys.argv[2], sys.argv[3] == "pause", json.loads(sys.argv[4])
    if pause:
        queue = mail.queue_email
        def queue_then_stop(session, **kwargs):
            row = queue(session, **kwargs)
            session.flush()                          # every record of the transaction is written, not committed
            pathlib.Path(ready).write_text("mid-transaction")
            time.sleep(300)                          # killed here
            return row
        mail.queue_email = queue_then_stop
    with session_scope() as session:
        user = session.exec(select(User).where(User.email == args["email"])).one()
        who = auth.actor_for(user, session.get(Organization, user.org_id))
        if scenario == "enrollment":
            enrollment.submit_enrollment(session, who, enrollment_id=args["draft"], pmc_account_id=args["account"],
                                         details=args["details"])
        else:
            customers.accept_link(session, who, token=args["token"])
    pathlib.Path(ready).write_text("committed")
""")


def _child(engine, tmp_path: Path, scenario: str, args: dict, *, pause: bool) -> tuple[subprocess.Popen, Path]:
    import json

    ready = tmp_path / f"{scenario}-{'pause' if pause else 'run'}.ready"
    env = {**os.environ, "DATABASE_URL": str(engine.url), "ENABLE_TEST_HOOKS": "false"}
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, scenario, str(ready), "pause" if pause else "run", json.dumps(args)],
        cwd=PROJECT_ROOT,
        env=env,
    )
    return process, ready


def _wait_for(ready: Path, process: subprocess.Popen, text: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not (ready.exists() and ready.read_text() == text):
        assert process.poll() is None or text == "committed", f"child exited early ({process.returncode})"
        assert time.monotonic() < deadline, f"child never reached {text!r}"
        time.sleep(0.1)


def _kill_mid_transaction(engine, tmp_path, scenario: str, args: dict) -> None:
    process, ready = _child(engine, tmp_path, scenario, args, pause=True)
    try:
        _wait_for(ready, process, "mid-transaction")
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def _restart_and_run(engine, tmp_path, scenario: str, args: dict) -> None:
    process, ready = _child(engine, tmp_path, scenario, args, pause=False)
    assert process.wait(timeout=120) == 0
    assert ready.read_text() == "committed"


def _integrity(engine) -> str:
    with engine.connect() as connection:
        return connection.exec_driver_sql("PRAGMA integrity_check").scalar_one()


@pytest.fixture
def smtp():
    collector, port = SmtpCollector(), free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    yield collector, f"smtp://127.0.0.1:{port}"
    controller.stop()


def _queue_committed(engine, to: str) -> int:
    """An email committed before the crash (as any earlier request would have left it in the outbox)."""
    with Session(engine) as session:
        row = mail.queue_email(session, to=to, subject="Queued before the crash", body="Still delivered.")
        session.commit()
        return row.id


def _rows(engine, model, *where):
    with Session(engine) as session:
        return list(session.exec(select(model).where(*where)))


def test_enrollment_submission_killed_midway_leaves_nothing_and_mail_still_goes(engine, tmp_path, smtp):
    collector, smtp_url = smtp
    who = actor_of(engine, "admin@northwind.example")
    draft, account = to_draft(engine, who)
    earlier = _queue_committed(engine, "earlier@northwind.example")
    args = {"email": "admin@northwind.example", "draft": draft, "account": account, "details": DETAILS}

    _kill_mid_transaction(engine, tmp_path, "enrollment", args)

    assert _integrity(engine) == "ok"
    assert _rows(engine, Enrollment, Enrollment.id == draft)[0].status == EnrollmentStatus.DRAFT
    assert _rows(engine, Link, Link.purpose == LinkPurpose.ENROLLMENT_VERIFICATION) == []
    assert _rows(engine, OutboxEmail, OutboxEmail.to_address == DETAILS["contact_email"]) == []
    assert _rows(engine, AuditEvent, AuditEvent.action == "enrollment.submitted") == []

    _restart_and_run(engine, tmp_path, "enrollment", args)
    assert _rows(engine, Enrollment, Enrollment.id == draft)[0].status == EnrollmentStatus.PENDING_VERIFICATION
    assert len(_rows(engine, Link, Link.purpose == LinkPurpose.ENROLLMENT_VERIFICATION)) == 1

    report = deliver_pending(engine, smtp_url, mail_from=MAIL_FROM)
    assert report.failed == 0
    sent_to = sorted(rcpt for envelope in collector.envelopes for rcpt in envelope.rcpt_tos)
    assert sent_to == sorted(["earlier@northwind.example", DETAILS["contact_email"]])
    assert _rows(engine, OutboxEmail, OutboxEmail.id == earlier)[0].status == EmailStatus.SENT


def test_link_acceptance_killed_midway_leaves_nothing_and_mail_still_goes(engine, session, tmp_path, smtp, actor):
    collector, smtp_url = smtp
    token = customers.request_relationship_link(session, actor("admin@contoso.example")).url.rsplit("/", 1)[1]
    admin = customers.create_customer_account(
        session,
        token=token,
        company="Woodgrove Bank",
        country="KR",
        domain="woodgrove.example",
        admin_name="Kim Admin",
        email="admin@woodgrove.example",
        password=PASSWORD,
    )
    session.commit()  # the new customer's welcome (verification) email is committed before the crash
    args = {"email": "admin@woodgrove.example", "token": token}

    _kill_mid_transaction(engine, tmp_path, "link", args)

    assert _integrity(engine) == "ok"
    [link] = _rows(engine, Link, Link.target_org_id == admin.org_id, Link.purpose == LinkPurpose.CUSTOMER_RELATIONSHIP)
    assert link.status == LinkStatus.PENDING
    assert link.used_at is None
    assert _rows(engine, Relationship, Relationship.client_org_id == admin.org_id) == []
    assert _rows(engine, DelegatedAdminGrant, DelegatedAdminGrant.customer_org_id == admin.org_id) == []
    assert _rows(engine, AuditEvent, AuditEvent.action == "link.accepted") == []

    _restart_and_run(engine, tmp_path, "link", args)
    assert [link.status for link in _rows(engine, Link, Link.id == link.id)] == [LinkStatus.ACCEPTED]
    assert len(_rows(engine, Relationship, Relationship.client_org_id == admin.org_id)) == 1
    assert len(_rows(engine, DelegatedAdminGrant, DelegatedAdminGrant.customer_org_id == admin.org_id)) == 1

    report = deliver_pending(engine, smtp_url, mail_from=MAIL_FROM)
    assert report.failed == 0
    sent_to = [rcpt for envelope in collector.envelopes for rcpt in envelope.rcpt_tos]
    assert "admin@woodgrove.example" in sent_to  # committed before the crash
    assert "admin@contoso.example" in sent_to  # the acceptance notice, committed after the restart
    assert _rows(engine, OutboxEmail, OutboxEmail.status != EmailStatus.SENT) == []  # the whole outbox went out
