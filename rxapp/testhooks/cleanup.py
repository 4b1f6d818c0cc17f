"""Clean-up of one QA run: every row whose name, domain, email or user name holds the run id, and everything that
refers to those rows (found through the foreign keys), whatever else shares the database. No Reflex here."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from rxapp.models import (
    AuditEvent,
    MpnProfile,
    Organization,
    OutboxEmail,
    PmcAccount,
    User,
)
from rxapp.models.rows import rowcount
from rxapp.services import attempts, signin_guard
from rxapp.testhooks.data import check_run


def _like(column: Any, run: str) -> Any:
    return column.contains(run, autoescape=True)


def delete_run(session: Session, run: str) -> tuple[dict[str, int], list[int]]:
    """Delete every row of the run: its organizations, users, PMC sign-ins and MPN profiles (by the run id
    in their names), everything that refers to them (found through the foreign keys, to any depth), the
    emails to its addresses and the audit entries of its addresses. Returns the counts by table and the
    ids of the deleted organizations (whose test clock offsets the caller resets after the commit)."""
    check_run(run)
    tables = {table.name: table for table in SQLModel.metadata.sorted_tables}
    doomed: dict[str, set[Any]] = {name: set() for name in tables}

    def seed(model: Any, *conditions: Any) -> None:
        doomed[model.__tablename__].update(session.exec(select(model.id).where(sa.or_(*conditions))))

    seed(Organization, _like(Organization.name, run), _like(Organization.domain, run))
    seed(User, _like(User.email, run))
    seed(PmcAccount, _like(PmcAccount.user_name, run))
    seed(MpnProfile, _like(MpnProfile.name, run))
    seed(OutboxEmail, _like(OutboxEmail.to_address, run))
    seed(AuditEvent, _like(AuditEvent.actor_email, run))

    with_id = [table for table in tables.values() if "id" in table.c and len(table.primary_key.columns) == 1]
    for _ in range(20):  # follow the foreign keys until nothing new turns up
        grew = False
        for table in with_id:
            conditions = [
                fk.parent.in_(list(doomed[fk.column.table.name]))
                for fk in table.foreign_keys
                if doomed[fk.column.table.name]
            ]
            if not conditions:
                continue
            ids = set(session.execute(sa.select(table.c.id).where(sa.or_(*conditions))).scalars())
            if not ids <= doomed[table.name]:
                doomed[table.name] |= ids
                grew = True
        if not grew:
            break

    # Second-factor failures are counted per user id, and SQLite gives a deleted last row's id to the next user:
    # the run's counters go with its users, or a later run's new user would inherit them.
    store = attempts.get_attempts(session)
    for user_id in doomed["user"]:
        store.clear(signin_guard.CODE, str(user_id))

    counts: dict[str, int] = {}
    for table in reversed(SQLModel.metadata.sorted_tables):
        deleted = 0
        if table in with_id:
            ids = sorted(doomed[table.name])
            for start in range(0, len(ids), 500):
                deleted += rowcount(session.execute(table.delete().where(table.c.id.in_(ids[start : start + 500]))))
        else:  # link tables without an id of their own
            conditions = [
                fk.parent.in_(list(doomed[fk.column.table.name]))
                for fk in table.foreign_keys
                if doomed[fk.column.table.name]
            ]
            if conditions:
                deleted = rowcount(session.execute(table.delete().where(sa.or_(*conditions))))
        if deleted:
            counts[table.name] = deleted
    return counts, sorted(doomed["organization"])
