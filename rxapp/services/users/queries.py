"""The user list (one page, filtered) and one user, read with prepared statements."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session, col, func

from rxapp.db_reads import LIKE_ESCAPE, Prepared, contains_pattern, read
from rxapp.models import AdminRole, AgentRole, User
from rxapp.permissions import Action, Actor, require
from rxapp.services.users.rules import MAX_PAGE_SIZE, SUMMARY_COLUMNS, UserSummary, own_user

_AGENT_ROLES = frozenset(r.value for r in AgentRole)
_ADMIN_ROLES = frozenset(r.value for r in AdminRole)
_LIST_STATEMENTS: dict[tuple[bool, str, str], tuple[Prepared, Prepared]] = {}


def _user_list_statements(search: bool, role_column: str, status: str) -> tuple[Prepared, Prepared]:
    """The count and page statements of one combination of the list's filters, built once (with bound
    values: the list runs on every event). Columns, not User objects: no password hash read, no ORM work."""
    key = (search, role_column, status)
    if key not in _LIST_STATEMENTS:
        query = sa.select(*SUMMARY_COLUMNS).where(col(User.org_id) == sa.bindparam("org"))
        if search:
            pattern = sa.bindparam("pattern")
            query = query.where(
                sa.or_(
                    func.lower(User.full_name).like(pattern, escape=LIKE_ESCAPE),
                    func.lower(User.email).like(pattern, escape=LIKE_ESCAPE),
                )
            )
        if role_column:
            column = col(User.agent_role) if role_column == "agent" else col(User.admin_role)
            query = query.where(column == sa.bindparam("role"))
        if status:
            query = query.where(col(User.is_active).is_(status == "active"))
        page = (
            query.order_by(func.lower(User.full_name), col(User.id))
            .offset(sa.bindparam("offset"))
            .limit(sa.bindparam("limit"))
        )
        _LIST_STATEMENTS[key] = (Prepared(sa.select(func.count()).select_from(query.subquery())), Prepared(page))
    return _LIST_STATEMENTS[key]


def list_users(
    session: Session,
    actor: Actor,
    *,
    search: str = "",
    role: str = "",
    status: str = "",
    limit: int = 25,
    offset: int = 0,
) -> tuple[list[UserSummary], int]:
    """One page of the organization's users (by name), filtered by name/email text, role and status."""
    require(actor, Action.MANAGE_USERS, read=True)
    needle = (search or "").strip().lower()[:254]
    role_column = "agent" if role in _AGENT_ROLES else "admin" if role in _ADMIN_ROLES else ""
    count, page = _user_list_statements(bool(needle), role_column, status if status in {"active", "inactive"} else "")
    params = {"org": actor.org_id, "pattern": contains_pattern(needle), "role": role}
    total = read(session, count, params).scalar_one()
    limit = min(max(1, int(limit)), MAX_PAGE_SIZE)
    rows = read(session, page, {**params, "offset": max(0, int(offset)), "limit": limit})
    return [UserSummary.of(row) for row in rows], total


def get_user(session: Session, actor: Actor, *, user_id: int) -> UserSummary:
    """One user of the actor's organization."""
    require(actor, Action.MANAGE_USERS, read=True)
    return UserSummary.of(own_user(session, actor, user_id))
