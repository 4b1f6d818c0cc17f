"""The per-event read paths: column queries on the session's connection (`db_reads.read`) see the unit of work's own
pending changes, the list pages read columns with the same result as the objects, and list rows leave out only
their empty fields."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import select

from rxapp.db_reads import read
from rxapp.models import User
from rxapp.services import users
from rxapp.services.users import UserSummary
from rxapp.state.rows import compact


def test_a_read_sees_the_pending_changes_of_its_unit_of_work(session, user):
    ada = user("admin@contoso.example")
    ada.full_name = "Renamed In This Transaction"
    session.add(ada)  # not flushed: a read must flush first, as the ORM's autoflush would
    name = read(session, sa.select(User.full_name).where(User.id == ada.id)).scalar_one()
    assert name == "Renamed In This Transaction"
    session.rollback()
    assert read(session, sa.select(User.full_name).where(User.id == ada.id)).scalar_one() != name


def test_the_user_list_reads_columns_with_the_objects_result(session, actor):
    admin = actor("admin@contoso.example")
    listed, total = users.list_users(session, admin, limit=100)
    objects = session.exec(select(User).where(User.org_id == admin.org_id)).all()
    assert total == len(objects)
    by_id = {summary.id: summary for summary in listed}
    assert by_id == {user.id: UserSummary.of(user) for user in objects}


def test_list_rows_leave_out_only_empty_fields():
    row = {"name": "Adatum", "domain": "", "roles": [], "detail": None, "total": 0, "flag": False, "id": "7"}
    assert compact(row) == {"name": "Adatum", "total": 0, "flag": False, "id": "7"}
