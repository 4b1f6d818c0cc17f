"""The partner's customer list (SPEC section 5): one page of customers with its total and edge cursors, and the
lists its filters offer. The SQL itself is built in `search_sql`; this module picks the plan (the in-memory
directory, the trigram index, one SQLite statement, or count + page) and decorates the page's rows with
delegated admin states and unverified domain claims. Nothing but the page's rows is read into Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from rxapp import clock
from rxapp.boundary import record_id
from rxapp.db_reads import Prepared, driver_connection, read
from rxapp.errors import NotFound
from rxapp.models import (
    Organization,
    OrgKind,
)
from rxapp.models.base import as_utc
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import customer_directory
from rxapp.services.customers.search_sql import (
    COLUMNS,
    Cursor,
    ListQuery,
    ListSql,
    clean_search,
    page_statement,
    search_statement,
)
from rxapp.services.relationships import (
    grant_state,
    has_partnership,
    indirect_providers,
    indirect_resellers,
    newest_grants,
)
from rxapp.services.search_index import SEARCH_TABLE

PAGE_SIZE_DEFAULT = 25
PAGE_SIZE_MAX = 100
SORTS = ("name", "since")


@dataclass
class CustomerRow:
    id: int
    name: str
    domain: str
    country: str
    contact_email: str
    since: datetime
    relationship_id: int
    delegated_admin: str = "none"  # active | expired | removed | none
    delegated_admin_expires: datetime | None = None
    domain_verified: bool = True  # False: a claimed domain its admin has not confirmed yet (shown as such)


@dataclass(frozen=True, slots=True)
class OrgChoice:
    """A partner organization a list's filter or a form's choice offers."""

    id: int
    name: str


@dataclass
class CustomerPage:
    rows: list[CustomerRow]
    total: int
    first: Cursor | None = None
    last: Cursor | None = None


def _count(session: Session, sql: ListSql) -> int:
    return int(read(session, sql.count_statement(), sql.params).scalar_one())


def _searched_page(
    session: Session,
    sql: ListSql,
    query: ListQuery,
    match_set: str,
    *,
    cursor: Cursor | None,
    backwards: bool,
    limit: int,
) -> tuple[int, list[CustomerRow]]:
    statement, params = search_statement(sql, query, match_set, cursor=cursor, backwards=backwards, limit=limit)
    result = read(session, statement, params).all()
    total = int(result[0][0]) if result else 0
    return total, _to_rows(row[1:] for row in result if row[1] is not None)


def _indexed_page(
    session: Session,
    actor: Actor,
    sql: ListSql,
    query: ListQuery,
    cursor: Cursor | None,
    before: Cursor | None,
    last_page: bool,
    limit: int,
) -> tuple[int, list[CustomerRow]] | None:
    """A trigram search through the partner's in-memory directory: the index's matches (any partner's, read
    at the index's own speed) kept to the partner's customers and paged in memory; None when the directory is
    not loaded yet."""

    def candidates() -> Sequence[tuple]:
        # Thousands of ids: read with the driver's own cursor (no per-row result objects).
        cursor_ = driver_connection(session).cursor()
        try:
            cursor_.execute(
                f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ?",  # noqa: S608
                (sql.params["fts"],),
            )
            return cursor_.fetchall()
        finally:
            cursor_.close()

    found = customer_directory.indexed_page(
        session,
        actor.org_id,
        sql.kind,
        f"fts:{sql.params['fts']}",
        candidates,
        sort=query.sort,
        descending=query.descending,
        after_id=cursor.id if cursor else None,
        backwards=before is not None,
        last_page=last_page,
        limit=limit,
    )
    if found is None:
        return None
    total, ids = found
    return total, _rows_by_id(session, sql, ids)


def _rows_by_id(session: Session, sql: ListSql, ids: list[int]) -> list[CustomerRow]:
    """The list rows of these customers of the partner, in the order of `ids`."""
    if not ids:
        return []
    where = " AND ".join(["r.client_org_id = o.id", *sql.base])
    # The ids first (SQLite keeps the CROSS JOIN order): each probes the partner's pair index once.
    statement = (
        f"SELECT {COLUMNS} FROM organization AS o CROSS JOIN relationship AS r "  # noqa: S608
        f"WHERE o.id IN :ids AND {where}"
    )
    rows = {row.id: row for row in _to_rows(read(session, statement, {**sql.params, "ids": ids}))}
    return [rows[org_id] for org_id in ids if org_id in rows]


def _rows(session: Session, statement: str, params: dict[str, Any]) -> list[CustomerRow]:
    return _to_rows(read(session, statement, params))


def _to_rows(result: Any) -> list[CustomerRow]:
    rows = []
    for org_id, name, domain, country, contact, started, rel_id in result:
        started = as_utc(datetime.fromisoformat(started) if isinstance(started, str) else started)  # raw SQLite text
        rows.append(
            CustomerRow(
                id=org_id,
                name=name,
                domain=domain or "",
                country=country,
                contact_email=contact or "",
                since=started,
                relationship_id=rel_id,
            )
        )
    return rows


_CLAIMS = Prepared(
    sa.select(col(Organization.id), col(Organization.claimed_domain)).where(  # built once
        col(Organization.id).in_(sa.bindparam("ids", expanding=True)), col(Organization.claimed_domain).is_not(None)
    )
)


def _add_claims(session: Session, rows: list[CustomerRow]) -> None:
    """Rows without a verified domain show the claimed one, marked unverified (one query for the page)."""
    ids = [row.id for row in rows if not row.domain]
    if not ids:
        return
    claims = dict(read(session, _CLAIMS, {"ids": ids}).all())
    for row in rows:
        if row.id in claims:
            row.domain, row.domain_verified = claims[row.id], False


def _add_grants(session: Session, actor: Actor, rows: list[CustomerRow]) -> None:
    if not rows or actor.org_kind != OrgKind.RESELLER:
        return
    newest = newest_grants(session, actor.org_id, [row.id for row in rows])
    for row in rows:
        grant = newest.get(row.id)
        if grant is not None:  # most customers have none: no clock to read for them
            row.delegated_admin = grant_state(grant, clock.now(actor.org_id, row.id))
            row.delegated_admin_expires = grant.expires_at


def _check_query(session: Session, actor: Actor, query: ListQuery) -> ListQuery:
    require(actor, Action.VIEW_CUSTOMERS, read=True)
    sort = query.sort if query.sort in SORTS else "name"
    via = query.via_reseller_id
    if via is not None:
        via = record_id(via)
        if actor.org_kind != OrgKind.PROVIDER or not has_partnership(
            session, provider_org_id=actor.org_id, reseller_org_id=via
        ):
            raise NotFound()
    provider = query.via_provider_id
    if provider is not None:
        provider = record_id(provider)
        if actor.org_kind != OrgKind.RESELLER or not has_partnership(
            session, provider_org_id=provider, reseller_org_id=actor.org_id
        ):
            raise NotFound()
    return ListQuery(
        search=clean_search(query.search),
        sort=sort,
        descending=bool(query.descending),
        via_reseller_id=via,
        via_provider_id=provider,
    )


def list_customers(
    session: Session,
    actor: Actor,
    *,
    search: str = "",
    sort: str = "name",
    descending: bool = False,
    via_reseller_id: int | None = None,
    via_provider_id: int | None = None,
    after: Cursor | None = None,
    before: Cursor | None = None,
    last_page: bool = False,
    limit: int = PAGE_SIZE_DEFAULT,
) -> CustomerPage:
    """One page of the partner's customers (active relationships), the total, and the page's edge cursors.

    `after` gives the page after a cursor, `before` the page before it, `last_page` the final page
    (sized so that pages line up with forward paging). Nothing but the page's rows is read into Python.
    """
    query = _check_query(
        session,
        actor,
        ListQuery(
            search=search,
            sort=sort,
            descending=descending,
            via_reseller_id=via_reseller_id,
            via_provider_id=via_provider_id,
        ),
    )
    limit = max(1, min(int(limit), PAGE_SIZE_MAX))
    sql = ListSql(session, actor, query)
    backwards = before is not None or last_page
    cursor = None if last_page else (before if before is not None else after)
    match_set = sql.match_set()
    if (
        sql.term
        and not sql.use_fts
        and not sql.filtered
        and (
            found := customer_directory.search_page(
                session,
                actor.org_id,
                sql.kind,
                sql.term,
                sort=query.sort,
                descending=query.descending,
                after_id=cursor.id if cursor else None,
                backwards=before is not None,
                last_page=last_page,
                limit=limit,
            )
        )
        is not None
    ):  # no index serves the term: the in-memory directory
        total, rows = found[0], _rows_by_id(session, sql, found[1])
        backwards = False  # already in display order
    elif (
        sql.use_fts
        and not sql.filtered
        and (indexed := _indexed_page(session, actor, sql, query, cursor, before, last_page, limit)) is not None
    ):
        total, rows = indexed
        backwards = False
    elif match_set is not None:  # SQLite search: total and page in one pass over the matches
        total, rows = _searched_page(session, sql, query, match_set, cursor=cursor, backwards=backwards, limit=limit)
        if last_page and total:
            rows = rows[: total - ((total - 1) // limit) * limit]
    else:
        total = _count(session, sql)
        if total == 0:
            return CustomerPage(rows=[], total=0)
        if cursor is None and not last_page and not sql.filtered and total >= customer_directory.PREPARE_FROM:
            customer_directory.prepare(session, actor.org_id, sql.kind)  # the list opened: ready its searches
        if last_page:
            limit = total - ((total - 1) // limit) * limit
        statement, params = page_statement(sql, query, total, cursor=cursor, backwards=backwards, limit=limit)
        rows = _rows(session, statement, params)
    if total == 0:
        return CustomerPage(rows=[], total=0)
    if backwards:
        rows.reverse()
    _add_grants(session, actor, rows)
    _add_claims(session, rows)
    page = CustomerPage(rows=rows, total=total)
    if rows:
        page.first = Cursor(name=rows[0].name, id=rows[0].id, relationship_id=rows[0].relationship_id)
        page.last = Cursor(name=rows[-1].name, id=rows[-1].id, relationship_id=rows[-1].relationship_id)
    return page


def list_indirect_resellers(session: Session, actor: Actor) -> list[OrgChoice]:
    """A provider's active indirect resellers (for the customer list's filter)."""
    require(actor, Action.VIEW_CUSTOMERS, read=True)
    if actor.org_kind != OrgKind.PROVIDER:
        return []
    return [OrgChoice(id=saved_id(org.id), name=org.name) for org in indirect_resellers(session, actor.org_id)]


def shared_provider_name(session: Session, actor: Actor, *, provider_org_id: Any) -> str:
    """The name of the indirect provider a reseller's customer list is filtered by (NotFound unless the
    reseller is in an active partnership with it)."""
    require(actor, Action.VIEW_CUSTOMERS)
    provider_id = record_id(provider_org_id)
    provider = session.get(Organization, provider_id)
    if (
        provider is None
        or actor.org_kind != OrgKind.RESELLER
        or not has_partnership(session, provider_org_id=provider_id, reseller_org_id=actor.org_id)
    ):
        raise NotFound()
    return provider.name


def list_partner_providers(session: Session, actor: Actor) -> list[OrgChoice]:
    """A reseller's active indirect providers (for **Invite new customer**)."""
    require(actor, Action.INVITE_CUSTOMERS, read=True)
    return [OrgChoice(id=saved_id(org.id), name=org.name) for org in indirect_providers(session, actor.org_id)]
