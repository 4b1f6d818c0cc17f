"""The per-event read paths: column queries on the session's connection (`db_reads.read`) see the unit of work's own
pending changes, the list pages read columns with the same result as the objects, and list rows leave out only
their empty fields."""

from __future__ import annotations

from datetime import UTC

import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import select

from rxapp.db_reads import read
from rxapp.models import User
from rxapp.services import users
from rxapp.services.customers.listing import CustomerRow
from rxapp.services.users import UserSummary
from rxapp.state.list_reads import _customer_row
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


_TEXT = st.text(alphabet="ab.-", max_size=3)
_WHEN = st.one_of(st.none(), st.datetimes(timezones=st.just(UTC)))


@settings(derandomize=True, max_examples=200)
@given(
    name=_TEXT,
    domain=_TEXT,
    country=st.sampled_from(["", "US", "KR"]),
    verified=st.booleans(),
    since=_WHEN,
    da=st.sampled_from(["none", "active", "expired", "removed"]),
    until=_WHEN,
)
def test_a_customer_row_is_the_compacted_full_row(name, domain, country, verified, since, da, until):
    """`list_reads._customer_row` builds the row field by field (it runs 25 times an event): exactly the
    full row with its empty fields left out."""
    r = CustomerRow(7, name, domain, country, "", since, 9, da, until, verified)  # type: ignore[arg-type]
    full = {
        "id": "7",
        "name": name,
        "domain": domain,
        "country": country,
        "unverified": "" if verified else "1",
        "since": since.isoformat()[:10] if since else "",
        "da_state": "" if da == "none" else da,
        "da_until": until.isoformat()[:10] if until else "",
    }
    assert _customer_row(r) == compact(full)
