"""The audit log: who may read it, organization scoping, filters, paging and the CSV export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlmodel import select

from rxapp.errors import PermissionDenied
from rxapp.models import AuditEvent, AuditOutcome, User, utcnow
from rxapp.services import audit, users
from rxapp.services.audit import AuditFilter, csv_cell


def test_global_admins_see_their_organization_and_platform_staff_see_all(session, actor):
    contoso = actor("admin@contoso.example")
    adatum = actor("admin@adatum.example")
    platform = actor("ops@platform.example")
    audit.record(session, action="test.contoso", actor=contoso)
    audit.record(session, action="test.adatum", actor=adatum)
    session.commit()
    assert [e.action for e in audit.list_events(session, contoso)[0]] == ["test.contoso"]
    assert [e.action for e in audit.list_events(session, adatum)[0]] == ["test.adatum"]
    assert {e.action for e in audit.list_events(session, platform)[0]} == {"test.contoso", "test.adatum"}


@pytest.mark.parametrize("email", ["helpdesk@contoso.example"])
def test_users_without_global_admin_are_refused(session, email, actor):
    with pytest.raises(PermissionDenied):
        audit.list_events(session, actor(email))
    with pytest.raises(PermissionDenied):
        audit.export_events_csv(session, actor(email))


def test_user_management_admin_is_refused(session, actor):
    ga = actor("admin@contoso.example")
    creds = users.add_user(
        session,
        ga,
        full_name="Uma",
        email="uma@contoso.example",
        agent_role="not_an_agent",
        admin_role="user_management_admin",
    )
    user = session.get(User, creds.user_id)
    user.must_change_password = False
    session.commit()
    with pytest.raises(PermissionDenied):
        audit.list_events(session, actor("uma@contoso.example"))


def test_filters_and_paging(session, actor):
    ga = actor("admin@contoso.example")
    now = utcnow()
    for days_ago, action, email, outcome in [
        (10, "user.added", "admin@contoso.example", AuditOutcome.OK),
        (5, "user.deactivated", "admin@contoso.example", AuditOutcome.OK),
        (2, "auth.sign_in", "helpdesk@contoso.example", AuditOutcome.REFUSED),
        (1, "auth.sign_in", "helpdesk@contoso.example", AuditOutcome.OK),
    ]:
        session.add(
            AuditEvent(
                at=now - timedelta(days=days_ago), org_id=ga.org_id, actor_email=email, action=action, outcome=outcome
            )
        )
    session.commit()

    def actions(**kw):
        return [e.action for e in audit.list_events(session, ga, filters=AuditFilter(**kw))[0]]

    assert actions() == ["auth.sign_in", "auth.sign_in", "user.deactivated", "user.added"]
    assert actions(since=now - timedelta(days=6)) == ["auth.sign_in", "auth.sign_in", "user.deactivated"]
    assert actions(since=now - timedelta(days=6), until=now - timedelta(days=3)) == ["user.deactivated"]
    assert actions(action_contains="USER.") == ["user.deactivated", "user.added"]
    assert actions(actor_contains="helpdesk") == ["auth.sign_in", "auth.sign_in"]
    assert actions(outcome="refused") == ["auth.sign_in"]
    assert actions(outcome="bogus") == actions()
    assert actions(action_contains="%") == []
    assert audit.list_events(session, ga, action="user.added")[1] == 1
    page, total = audit.list_events(session, ga, limit=3, offset=3)
    assert total == 4
    assert [e.action for e in page] == ["user.added"]


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("plain text", "plain text"),
        ("a=b", "a=b"),
        (None, ""),
        (42, "42"),
    ],
)
def test_csv_cells_are_neutralized(raw, safe):
    assert csv_cell(raw) == safe


def test_csv_export(session, actor):
    ga = actor("admin@contoso.example")
    audit.record(session, action="test.export", actor=ga, detail="=cmd|' /C calc'!A0")
    audit.record(session, action="test.other_org", org_id=actor("admin@adatum.example").org_id)
    session.commit()
    text = audit.export_events_csv(session, ga, filters=AuditFilter(action_contains="test."))
    session.commit()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == audit.CSV_COLUMNS
    assert len(rows) == 2
    row = dict(zip(audit.CSV_COLUMNS, rows[1], strict=True))
    assert row["action_code"] == "test.export"
    assert row["detail_code"] == "'=cmd|' /C calc'!A0"
    assert row["detail"] == "'=cmd|' /C calc'!A0"
    assert row["actor"] == "admin@contoso.example"
    # The export itself is in the log.
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "audit.exported")).one().detail == "1 rows"
