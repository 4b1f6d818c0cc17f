"""Customers (SPEC section 5): a partner's customer list (search, sort, keyset paging, export), customer
details, reseller-relationship links (one-party and two-party), the customer's acceptance, its Partners page
and delegated admin privileges. The relationship and delegated admin checks themselves live in
`relationships`. No Reflex here.

Scale: the list query never loads a partner's whole customer list into Python. A search uses an FTS5
trigram index over organization name, domain and contact email (SQLite; created by a migration, kept in sync
by triggers) and falls back to LIKE/ILIKE elsewhere; paging is keyset on (name, id) or on the relationship id,
so a deep page costs what the first one does. On SQLite a searched list is one statement: the partner's
matching customers are materialized once, counted, and the page is read from them (`_search_statement`).
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from rxapp import clock
from rxapp.boundary import record_id
from rxapp.errors import Conflict, DomainError, LinkInvalid, NotFound, ValidationFailed
from rxapp.models import (
    AdminRole,
    AgentRole,
    CustomerUser,
    DelegatedAdminGrant,
    DelegatedAdminStatus,
    LicenseAssignment,
    Link,
    LinkPurpose,
    LinkStatus,
    Organization,
    OrgKind,
    OrgStatus,
    Product,
    Relationship,
    RelationshipKind,
    RelationshipStatus,
    Subscription,
    User,
    utcnow,
)
from rxapp.models.relationships import CUSTOMER_KINDS
from rxapp.permissions import Action, Actor, can, require
from rxapp.services import audit, customer_directory, leads, links, mail, profile, webhooks
from rxapp.services.passwords import check_password_policy, hash_password
from rxapp.services.relationships import (
    active_relationship,
    current_grant,
    customer_kind,
    end_relationship,
    grant_state,
    has_active_relationship,
    has_partnership,
    indirect_providers,
    indirect_resellers,
    live_delegated_admin,
    newest_grants,
    require_delegated_admin,
    require_served_customer,
    served_relationship,
)
from rxapp.services.search_index import SEARCH_TABLE, has_search_index, install_search_index  # noqa: F401
from rxapp.services.validation import normalize_domain, normalize_email, require_country, require_text
from rxapp.settings import get_settings

PAGE_SIZE_DEFAULT = 25
PAGE_SIZE_MAX = 100
SORTS = ("name", "since")
# Up to this many customers a list is sorted after the join; above it, it is read in name order from the
# organization name index (each page then costs about page size / share of customers index probes).
SMALL_LIST = 3000
TRIGRAM = 3
MAX_SEARCH = 100
CUSTOMER_LINKS = {LinkPurpose.CUSTOMER_RELATIONSHIP, LinkPurpose.CUSTOMER_TWO_PARTY, LinkPurpose.DELEGATED_ADMIN}

# ------------------------------------------------------------------------------------------ shapes


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


@dataclass
class Cursor:
    """A position in the list: the last (or first) row's sort key."""

    name: str = ""
    id: int = 0
    relationship_id: int = 0


@dataclass
class CustomerPage:
    rows: list[CustomerRow]
    total: int
    first: Cursor | None = None
    last: Cursor | None = None


@dataclass
class LinkDraft:
    url: str
    reseller_name: str
    provider_name: str
    expires_at: datetime


@dataclass
class ListQuery:
    search: str = ""
    sort: str = "name"
    descending: bool = False
    via_reseller_id: int | None = None
    via_provider_id: int | None = None  # a reseller's list: the customers shared with this indirect provider
    extra: dict[str, Any] = field(default_factory=dict)


# ------------------------------------------------------------------------------------------ helpers


def require_order_rights(session: Session, actor: Actor, customer_org_id: Any) -> Organization:
    """A provider may submit orders for a customer only while it has a reseller relationship with it."""
    require(actor, Action.SUBMIT_ORDERS)
    customer_id = record_id(customer_org_id)
    customer = session.get(Organization, customer_id)
    if customer is None or customer.kind != OrgKind.CUSTOMER:
        raise NotFound()
    if not has_active_relationship(session, RelationshipKind.PROVIDER_CUSTOMER, actor.org_id, customer_id):
        raise DomainError("customers.no_reseller_relationship")
    return customer


def neutralize_cell(value: Any) -> str:
    """A CSV cell that spreadsheet programs will not run as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    if text and text[0] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


# ------------------------------------------------------------------------------------------ the list


def _clean_search(search: str | None) -> str:
    return " ".join((search or "").split())[:MAX_SEARCH]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _like_pattern(term: str) -> str:
    escaped = term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_VIA = ("EXISTS (SELECT 1 FROM relationship r2 WHERE r2.partner_org_id = :via "
        "AND r2.client_org_id = r.client_org_id AND r2.status = 'active' AND r2.kind = '{kind}')")


class _Sql:
    """Builds the list's SQL from constant fragments; every user-supplied value is a bound parameter.

    Plans (SQLite follows the CROSS JOIN order; PostgreSQL plans for itself):
    - count: the partner's relationships (index-only), or the trigram matches probed against the
      kind's partial pair index (`ux_relationship_active_<kind>`);
    - a large result: walk the order's index (organization name, or relationship id) from the cursor and stop
      after one page; a search is a materialized set of matching ids (`+o.id IN (...)`);
    - a small result (<= SMALL_LIST): collect it through the trigram matches (or relationships) and sort.
    SQLite searches do not use count/page separately: see `match_set` and `_search_statement`.
    """

    def __init__(self, session: Session, actor: Actor, query: ListQuery) -> None:
        kind = customer_kind(actor)
        if kind is None:  # pragma: no cover - VIEW_CUSTOMERS exists only for partners
            raise NotFound()
        if kind not in CUSTOMER_KINDS:  # pragma: no cover - customer_kind returns one of them
            raise NotFound()
        self.params: dict[str, Any] = {"partner": actor.org_id}
        self.kind = kind
        self.filtered = query.via_reseller_id is not None or query.via_provider_id is not None
        self.dialect = session.connection().dialect.name
        self.term = _clean_search(query.search)
        self.use_fts = bool(self.term) and len(self.term) >= TRIGRAM and has_search_index(session)
        # kind and status are literals (a constant of the enum, never user input) so that the planner can use
        # the kind's partial pair index `ux_relationship_active_<kind>` (its WHERE must match the query's).
        self.base = ["r.partner_org_id = :partner", f"r.kind = '{kind.value}'", "r.status = 'active'"]
        self.like: list[str] = []
        if self.use_fts:
            self.params["fts"] = _fts_phrase(self.term)
        elif self.term:
            self.params["pattern"] = _like_pattern(self.term)
            op = "ILIKE" if self.dialect == "postgresql" else "LIKE"
            self.like.append(
                f"(o.name {op} :pattern ESCAPE '\\' OR o.domain {op} :pattern ESCAPE '\\' "
                f"OR o.contact_email {op} :pattern ESCAPE '\\')"
            )
        if self.filtered:  # the other partner of the customer: a constant kind, the partner's id bound
            via_kind = "reseller_customer" if query.via_reseller_id is not None else "provider_customer"
            self.params["via"] = query.via_reseller_id if query.via_reseller_id is not None else query.via_provider_id
            self.base.append(_VIA.format(kind=via_kind))

    def count_statement(self) -> str:
        if not self.term and not self.filtered:  # the count kept by the relationship triggers
            self.params["kind"] = self.kind.value
            return ("SELECT coalesce((SELECT active FROM relationship_count WHERE partner_org_id = :partner "
                    "AND kind = :kind), 0)")
        where = " AND ".join(self.base)
        if self.use_fts:
            return (f"SELECT count(*) FROM {SEARCH_TABLE} CROSS JOIN relationship AS r "  # noqa: S608
                    f"WHERE {SEARCH_TABLE} MATCH :fts AND r.client_org_id = {SEARCH_TABLE}.rowid AND {where}")
        if self.like:
            return (f"SELECT count(*) FROM relationship AS r CROSS JOIN organization AS o "  # noqa: S608
                    f"WHERE o.id = r.client_org_id AND {where} AND {self.like[0]}")
        return f"SELECT count(*) FROM relationship AS r WHERE {where}"  # noqa: S608

    def match_set(self) -> str | None:
        """SQLite, with a search: SELECT of the ids of the partner's matching customers (the search's
        candidates probed against the kind's partial pair index), or None when the list is not searched here."""
        if self.dialect != "sqlite" or not self.term or sqlite3.sqlite_version_info < (3, 35):  # MATERIALIZED
            return None
        where = " AND ".join(self.base)
        if self.use_fts:
            return (f"SELECT r.client_org_id AS id FROM {SEARCH_TABLE} CROSS JOIN relationship AS r "  # noqa: S608
                    f"WHERE {SEARCH_TABLE} MATCH :fts AND r.client_org_id = {SEARCH_TABLE}.rowid AND {where}")
        # 1-2 characters: one pass over the organizations (cheaper than fetching each customer's row).
        return (f"SELECT o.id AS id FROM organization AS o CROSS JOIN relationship AS r "  # noqa: S608
                f"WHERE r.client_org_id = o.id AND {where} AND {self.like[0]}")

    def page_source(self, *, small: bool, org_first: bool) -> tuple[str, list[str]]:
        """FROM clause and WHERE terms for one page."""
        join = ["r.client_org_id = o.id", *self.base, *self.like]
        if self.use_fts and small:
            return (f"{SEARCH_TABLE} CROSS JOIN organization AS o CROSS JOIN relationship AS r",
                    [f"{SEARCH_TABLE} MATCH :fts", f"o.id = {SEARCH_TABLE}.rowid", *join])
        if self.use_fts:
            join.append("+o.id IN (SELECT rowid FROM organization_search WHERE organization_search MATCH :fts)")
        if org_first and not small:
            return "organization AS o CROSS JOIN relationship AS r", join
        return "relationship AS r CROSS JOIN organization AS o", join


_COLUMNS = "o.id, o.name, o.domain, o.country, o.contact_email, r.started_at, r.id"


def _count(session: Session, sql: _Sql) -> int:
    return int(session.execute(sa.text(sql.count_statement()), sql.params).scalar_one())


def _page_statement(sql: _Sql, query: ListQuery, total: int, *, cursor: Cursor | None, backwards: bool,
                    limit: int) -> tuple[str, dict[str, Any]]:
    params = dict(sql.params, limit=limit)
    descending = query.descending != backwards
    comparison = "<" if descending else ">"
    order = "DESC" if descending else "ASC"
    extra: list[str] = []
    if query.sort == "since":
        if cursor is not None:
            extra.append(f"r.id {comparison} :after_rel")
            params["after_rel"] = cursor.relationship_id
        order_by = f"r.id {order}"
        org_first = False
    else:
        if cursor is not None:
            extra.append(f"(o.name, o.id) {comparison} (:after_name, :after_id)")
            params.update(after_name=cursor.name, after_id=cursor.id)
        order_by = f"o.name {order}, o.id {order}"
        org_first = True
    source, terms = sql.page_source(small=total <= SMALL_LIST, org_first=org_first)
    where = " AND ".join([*terms, *extra])
    statement = f"SELECT {_COLUMNS} FROM {source} WHERE {where} ORDER BY {order_by} LIMIT :limit"  # noqa: S608
    return statement, params


_MATCH_COLUMNS = ("o.id AS org_id, o.name AS name, o.domain AS domain, o.country AS country, "
                  "o.contact_email AS contact, r.started_at AS started, r.id AS rel_id")


def _search_statement(sql: _Sql, query: ListQuery, match_set: str, *, cursor: Cursor | None, backwards: bool,
                      limit: int) -> tuple[str, dict[str, Any]]:
    """One SQLite statement for a searched list: the total and one page from a single pass over the matches.

    `m` (materialized once) holds the ids of the partner's matching customers; `c` counts them. Of the two
    page plans only the one that fits the total runs (the other gets LIMIT 0, which SQLite checks before
    its loop): above SMALL_LIST, walk the order's index from the cursor and test membership in `m`; up to
    it, read the matches and sort them. The outer LEFT JOIN returns the total even for an empty page.
    """
    params = dict(sql.params, limit=limit, small=SMALL_LIST)
    descending = query.descending != backwards
    comparison = "<" if descending else ">"
    order = "DESC" if descending else "ASC"
    where = " AND ".join(sql.base)
    extra = ""
    if query.sort == "since":
        if cursor is not None:
            extra = f" AND r.id {comparison} :after_rel"
            params["after_rel"] = cursor.relationship_id
        big = (f"FROM relationship AS r CROSS JOIN organization AS o WHERE {where} "  # noqa: S608
               f"AND +r.client_org_id IN (SELECT id FROM m) AND o.id = r.client_org_id")
        inner_order, outer_order = f"r.id {order}", f"p.rel_id {order}"
    else:
        if cursor is not None:
            extra = f" AND (o.name, o.id) {comparison} (:after_name, :after_id)"
            params.update(after_name=cursor.name, after_id=cursor.id)
        big = (f"FROM organization AS o CROSS JOIN relationship AS r WHERE +o.id IN (SELECT id FROM m) "  # noqa: S608
               f"AND r.client_org_id = o.id AND {where}")
        inner_order, outer_order = f"o.name {order}, o.id {order}", f"p.name {order}, p.org_id {order}"
    small = (f"FROM m CROSS JOIN organization AS o CROSS JOIN relationship AS r WHERE o.id = m.id "
             f"AND r.client_org_id = m.id AND {where}")
    is_big = "(SELECT total FROM c) > :small"
    statement = (
        f"WITH m AS MATERIALIZED ({match_set}), c AS MATERIALIZED (SELECT count(*) AS total FROM m), "  # noqa: S608
        f"big AS (SELECT {_MATCH_COLUMNS} {big}{extra} ORDER BY {inner_order} "
        f"LIMIT (CASE WHEN {is_big} THEN :limit ELSE 0 END)), "
        f"few AS (SELECT {_MATCH_COLUMNS} {small}{extra} ORDER BY {inner_order} "
        f"LIMIT (CASE WHEN {is_big} THEN 0 ELSE :limit END)) "
        f"SELECT c.total, p.org_id, p.name, p.domain, p.country, p.contact, p.started, p.rel_id "
        f"FROM c LEFT JOIN (SELECT * FROM big UNION ALL SELECT * FROM few) AS p ON 1 = 1 ORDER BY {outer_order}"
    )
    return statement, params


def _searched_page(session: Session, sql: _Sql, query: ListQuery, match_set: str, *, cursor: Cursor | None,
                   backwards: bool, limit: int) -> tuple[int, list[CustomerRow]]:
    statement, params = _search_statement(sql, query, match_set, cursor=cursor, backwards=backwards, limit=limit)
    result = session.execute(sa.text(statement), params).all()
    total = int(result[0][0]) if result else 0
    return total, _to_rows(row[1:] for row in result if row[1] is not None)


def _indexed_page(session: Session, actor: Actor, sql: _Sql, query: ListQuery, cursor: Cursor | None,
                  before: Cursor | None, last_page: bool, limit: int) -> tuple[int, list[CustomerRow]] | None:
    """A trigram search through the partner's in-memory directory: the index's matches (any partner's, read
    at the index's own speed) kept to the partner's customers and paged in memory; None when the directory is
    not loaded yet."""
    def candidates() -> list[tuple]:
        # Thousands of ids: read with the driver's own cursor (no per-row result objects).
        cursor_ = session.connection().connection.dbapi_connection.cursor()
        try:
            cursor_.execute(f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ?",  # noqa: S608
                            (sql.params["fts"],))
            return cursor_.fetchall()
        finally:
            cursor_.close()

    found = customer_directory.indexed_page(
        session, actor.org_id, sql.kind, f"fts:{sql.params['fts']}", candidates, sort=query.sort,
        descending=query.descending, after_id=cursor.id if cursor else None, backwards=before is not None,
        last_page=last_page, limit=limit)
    if found is None:
        return None
    total, ids = found
    return total, _rows_by_id(session, sql, ids)


def _rows_by_id(session: Session, sql: _Sql, ids: list[int]) -> list[CustomerRow]:
    """The list rows of these customers of the partner, in the order of `ids`."""
    if not ids:
        return []
    where = " AND ".join(["r.client_org_id = o.id", *sql.base])
    # The ids first (SQLite keeps the CROSS JOIN order): each probes the partner's pair index once.
    statement = sa.text(f"SELECT {_COLUMNS} FROM organization AS o CROSS JOIN relationship AS r "  # noqa: S608
                        f"WHERE o.id IN :ids AND {where}").bindparams(sa.bindparam("ids", expanding=True))
    rows = {row.id: row for row in _to_rows(session.execute(statement, {**sql.params, "ids": ids}))}
    return [rows[org_id] for org_id in ids if org_id in rows]


def _rows(session: Session, statement: str, params: dict[str, Any]) -> list[CustomerRow]:
    return _to_rows(session.execute(sa.text(statement), params))


def _to_rows(result: Any) -> list[CustomerRow]:
    rows = []
    for org_id, name, domain, country, contact, started, rel_id in result:
        if isinstance(started, str):  # raw SQLite text
            started = datetime.fromisoformat(started)
        if started.tzinfo is None:
            started = started.replace(tzinfo=UTC)
        rows.append(CustomerRow(id=org_id, name=name, domain=domain or "", country=country,
                                contact_email=contact or "", since=started, relationship_id=rel_id))
    return rows


def _add_claims(session: Session, rows: list[CustomerRow]) -> None:
    """Rows without a verified domain show the claimed one, marked unverified (one query for the page)."""
    ids = [row.id for row in rows if not row.domain]
    if not ids:
        return
    claims = dict(session.execute(sa.select(Organization.id, Organization.claimed_domain).where(
        Organization.id.in_(ids), Organization.claimed_domain.is_not(None))).all())
    for row in rows:
        if row.id in claims:
            row.domain, row.domain_verified = claims[row.id], False


def _add_grants(session: Session, actor: Actor, rows: list[CustomerRow]) -> None:
    if not rows or actor.org_kind != OrgKind.RESELLER:
        return
    newest = newest_grants(session, actor.org_id, [row.id for row in rows])
    for row in rows:
        grant = newest.get(row.id)
        row.delegated_admin = grant_state(grant, clock.now(actor.org_id, row.id))
        row.delegated_admin_expires = grant.expires_at if grant else None


def _check_query(session: Session, actor: Actor, query: ListQuery) -> ListQuery:
    require(actor, Action.VIEW_CUSTOMERS, read=True)
    sort = query.sort if query.sort in SORTS else "name"
    via = query.via_reseller_id
    if via is not None:
        via = record_id(via)
        if actor.org_kind != OrgKind.PROVIDER or not has_partnership(
                session, provider_org_id=actor.org_id, reseller_org_id=via):
            raise NotFound()
    provider = query.via_provider_id
    if provider is not None:
        provider = record_id(provider)
        if actor.org_kind != OrgKind.RESELLER or not has_partnership(
                session, provider_org_id=provider, reseller_org_id=actor.org_id):
            raise NotFound()
    return ListQuery(search=_clean_search(query.search), sort=sort, descending=bool(query.descending),
                     via_reseller_id=via, via_provider_id=provider)


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
    query = _check_query(session, actor, ListQuery(search=search, sort=sort, descending=descending,
                                                   via_reseller_id=via_reseller_id, via_provider_id=via_provider_id))
    limit = max(1, min(int(limit), PAGE_SIZE_MAX))
    sql = _Sql(session, actor, query)
    backwards = before is not None or last_page
    cursor = None if last_page else (before if before is not None else after)
    match_set = sql.match_set()
    if sql.term and not sql.use_fts and not sql.filtered and (found := customer_directory.search_page(
            session, actor.org_id, sql.kind, sql.term, sort=query.sort, descending=query.descending,
            after_id=cursor.id if cursor else None, backwards=before is not None, last_page=last_page,
            limit=limit)) is not None:  # no index serves the term: the in-memory directory
        total, rows = found[0], _rows_by_id(session, sql, found[1])
        backwards = False  # already in display order
    elif sql.use_fts and not sql.filtered and (indexed := _indexed_page(session, actor, sql, query, cursor, before,
                                                                       last_page, limit)) is not None:
        total, rows = indexed
        backwards = False
    elif match_set is not None:  # SQLite search: total and page in one pass over the matches
        total, rows = _searched_page(session, sql, query, match_set, cursor=cursor, backwards=backwards,
                                     limit=limit)
        if last_page and total:
            rows = rows[:total - ((total - 1) // limit) * limit]
    else:
        total = _count(session, sql)
        if total == 0:
            return CustomerPage(rows=[], total=0)
        if last_page:
            limit = total - ((total - 1) // limit) * limit
        statement, params = _page_statement(sql, query, total, cursor=cursor, backwards=backwards, limit=limit)
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


EXPORT_HEADER = ("Name", "Domain", "Country/region", "Contact email", "Customer since", "Delegated admin",
                 "Delegated admin expires")


def export_customers_csv(session: Session, actor: Actor, *, search: str = "", sort: str = "name",
                         descending: bool = False, via_reseller_id: int | None = None,
                         via_provider_id: int | None = None, header: tuple[str, ...] = EXPORT_HEADER) -> str:
    """The filtered list (every page) as CSV text; cells that could run as formulas are neutralized."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralize_cell(h) for h in header])
    count = 0
    for row in _iter_all(session, actor, search=search, sort=sort, descending=descending,
                         via_reseller_id=via_reseller_id, via_provider_id=via_provider_id):
        writer.writerow([neutralize_cell(v) for v in (
            row.name, row.domain, row.country, row.contact_email, row.since.strftime("%Y-%m-%d"),
            row.delegated_admin, row.delegated_admin_expires.strftime("%Y-%m-%d") if row.delegated_admin_expires
            else "")])
        count += 1
    audit.record(session, action="customers.exported", actor=actor, detail=f"{count} rows")
    return out.getvalue()


def _iter_all(session: Session, actor: Actor, **filters: Any) -> Iterator[CustomerRow]:
    after = None
    while True:
        page = list_customers(session, actor, after=after, limit=PAGE_SIZE_MAX, **filters)
        yield from page.rows
        if len(page.rows) < PAGE_SIZE_MAX or page.last is None:
            return
        after = page.last


def list_indirect_resellers(session: Session, actor: Actor) -> list[dict[str, Any]]:
    """A provider's active indirect resellers (for the customer list's filter)."""
    require(actor, Action.VIEW_CUSTOMERS, read=True)
    if actor.org_kind != OrgKind.PROVIDER:
        return []
    return [{"id": org.id, "name": org.name} for org in indirect_resellers(session, actor.org_id)]


def shared_provider_name(session: Session, actor: Actor, *, provider_org_id: Any) -> str:
    """The name of the indirect provider a reseller's customer list is filtered by (NotFound unless the
    reseller is in an active partnership with it)."""
    require(actor, Action.VIEW_CUSTOMERS)
    provider_id = record_id(provider_org_id)
    provider = session.get(Organization, provider_id)
    if provider is None or actor.org_kind != OrgKind.RESELLER or not has_partnership(
            session, provider_org_id=provider_id, reseller_org_id=actor.org_id):
        raise NotFound()
    return provider.name


def list_partner_providers(session: Session, actor: Actor) -> list[dict[str, Any]]:
    """A reseller's active indirect providers (for **Invite new customer**)."""
    require(actor, Action.INVITE_CUSTOMERS, read=True)
    return [{"id": org.id, "name": org.name} for org in indirect_providers(session, actor.org_id)]


# ------------------------------------------------------------------------------------------ details


def customer_detail(session: Session, actor: Actor, *, customer_org_id: Any) -> dict[str, Any]:
    """The expanded row: company details, resellers of record, delegated admin status, subscriptions,
    licenses and (with active delegated admin privileges) users. Only for the actor's own customers."""
    require(actor, Action.VIEW_CUSTOMERS, read=True)
    customer, rel = served_relationship(session, actor, customer_org_id)
    partners = session.exec(
        select(Relationship, Organization)
        .join(Organization, Organization.id == Relationship.partner_org_id)
        .where(Relationship.client_org_id == customer.id, Relationship.status == RelationshipStatus.ACTIVE,
               Relationship.kind.in_((RelationshipKind.RESELLER_CUSTOMER, RelationshipKind.PROVIDER_CUSTOMER)))
        .order_by(Organization.name)
    ).all()
    grant = current_grant(session, actor.org_id, customer.id) if actor.org_kind == OrgKind.RESELLER else None
    state = grant_state(grant)
    subscriptions = session.exec(
        select(Subscription, Product)
        .join(Product, Product.id == Subscription.product_id)
        .where(Subscription.customer_org_id == customer.id,
               sa.or_(Subscription.reseller_org_id == actor.org_id, Subscription.provider_org_id == actor.org_id))
        .order_by(Product.name, Subscription.id)
    ).all()
    assigned = dict(session.exec(
        select(LicenseAssignment.subscription_id, sa.func.count())
        .where(LicenseAssignment.subscription_id.in_([s.id for s, _ in subscriptions] or [0]))
        .group_by(LicenseAssignment.subscription_id)
    ).all())
    users = None
    if state == "active" and can(actor, Action.ADMINISTER_CUSTOMERS, change=True):  # stops while suspended
        users = _users(session, customer.id)
    return {
        "id": customer.id,
        "name": customer.name,
        "domain": customer.domain or customer.claimed_domain or "",
        "domain_verified": customer.domain is not None or not customer.claimed_domain,
        "country": customer.country,
        "contact_email": customer.contact_email or "",
        "address": ", ".join(p for p in (customer.address_line1, customer.city, customer.postal_code) if p),
        "since": rel.started_at,
        "resellers": [{"name": org.name, "kind": r.kind.value, "since": r.started_at} for r, org in partners],
        "delegated_admin": state,
        "delegated_admin_expires": grant.expires_at if grant else None,
        "subscriptions": [{"id": s.id, "product": p.name, "quantity": s.quantity, "status": s.status.value,
                           "assigned": int(assigned.get(s.id, 0))} for s, p in subscriptions],
        "users": users,
    }


def _users(session: Session, customer_org_id: int) -> list[dict[str, Any]]:
    rows = session.exec(
        select(CustomerUser).where(CustomerUser.customer_org_id == customer_org_id)
        .order_by(CustomerUser.display_name, CustomerUser.id).limit(200)
    ).all()
    licenses = dict(session.exec(
        select(LicenseAssignment.customer_user_id, sa.func.count())
        .where(LicenseAssignment.customer_user_id.in_([u.id for u in rows] or [0]))
        .group_by(LicenseAssignment.customer_user_id)
    ).all())
    return [{"id": u.id, "name": u.display_name, "upn": u.user_principal_name, "active": u.is_active,
             "licenses": int(licenses.get(u.id, 0))} for u in rows]


def list_customer_users(session: Session, actor: Actor, *, customer_org_id: Any) -> list[dict[str, Any]]:
    """The customer's users, administered on its behalf (needs delegated admin privileges)."""
    customer = require_delegated_admin(session, actor, customer_org_id)
    return _users(session, customer.id)


def add_customer_user(session: Session, actor: Actor, *, customer_org_id: Any, display_name: str,
                      user_principal_name: str) -> CustomerUser:
    """Add a user to the customer's tenant on its behalf (needs delegated admin privileges)."""
    customer = require_delegated_admin(session, actor, customer_org_id)
    name = require_text(display_name, field="customer_user_name", max_length=200)
    upn = normalize_email(user_principal_name, field="customer_upn")
    if customer.domain and upn.rpartition("@")[2] != customer.domain.lower():
        raise ValidationFailed("customers.upn_domain", field="customer_upn", domain=customer.domain)
    exists = session.exec(select(CustomerUser.id).where(CustomerUser.customer_org_id == customer.id,
                                                        CustomerUser.user_principal_name == upn)).first()
    if exists is not None:
        raise ValidationFailed("customers.upn_taken", field="customer_upn")
    user = CustomerUser(customer_org_id=customer.id, display_name=name, user_principal_name=upn)
    session.add(user)
    session.flush()
    audit.record(session, action="customers.user_added", actor=actor, target_type="customeruser",
                 target_id=user.id, detail=f"{customer.name}: {upn}")
    audit.record(session, action="customers.user_added_by_partner", actor=actor, org_id=customer.id,
                 target_type="customeruser", target_id=user.id, detail=f"{actor.org_name}: {upn}")
    return user


# ------------------------------------------------------------------------------------------ links


def request_relationship_link(session: Session, actor: Actor) -> LinkDraft:
    """A personalized link a customer follows to accept the reseller (the partner sends it themselves)."""
    require(actor, Action.INVITE_CUSTOMERS)
    link, token = links.issue_link(session, purpose=LinkPurpose.CUSTOMER_RELATIONSHIP,
                                   issuer_org_id=actor.org_id, issuer_user_id=actor.user_id)
    audit.record(session, action="link.sent", actor=actor, target_type="link", target_id=link.id,
                 detail=LinkPurpose.CUSTOMER_RELATIONSHIP.value)
    return LinkDraft(url=links.link_url(link.purpose, token), reseller_name=actor.org_name, provider_name="",
                     expires_at=link.expires_at)


def invite_new_customer_link(session: Session, actor: Actor, *, provider_org_id: Any) -> LinkDraft:
    """A two-party link: the customer accepts the reseller and that provider as resellers of record at once."""
    require(actor, Action.INVITE_CUSTOMERS)
    provider_id = record_id(provider_org_id)
    provider = session.get(Organization, provider_id)
    if provider is None or provider.kind != OrgKind.PROVIDER or not has_partnership(
            session, provider_org_id=provider_id, reseller_org_id=actor.org_id):
        raise NotFound()
    link, token = links.issue_link(session, purpose=LinkPurpose.CUSTOMER_TWO_PARTY, issuer_org_id=actor.org_id,
                                   issuer_user_id=actor.user_id, provider_org_id=provider_id)
    audit.record(session, action="link.sent", actor=actor, target_type="link", target_id=link.id,
                 detail=f"{LinkPurpose.CUSTOMER_TWO_PARTY.value} via {provider.name}")
    return LinkDraft(url=links.link_url(link.purpose, token), reseller_name=actor.org_name,
                     provider_name=provider.name, expires_at=link.expires_at)


DA_MIN_DAYS, DA_MAX_DAYS = 1, 730  # granular delegated admin allows 1 day to 2 years


def delegated_admin_days(days: Any) -> int:
    """A requested duration in days (1 to 730; None or "" means the default), else `ValidationFailed`."""
    if days is None or str(days).strip() == "":
        return get_settings().delegated_admin_days
    try:
        value = int(str(days).strip())
    except ValueError:
        value = 0
    if not DA_MIN_DAYS <= value <= DA_MAX_DAYS:
        raise ValidationFailed("customers.da_days_invalid", field="days", min=DA_MIN_DAYS, max=DA_MAX_DAYS)
    return value


def request_delegated_admin(session: Session, actor: Actor, *, customer_org_id: Any, days: Any = None) -> str:
    """Ask a customer for delegated admin privileges for `days` (1 to 730, default 365): missing, removed or
    expired ones, or an extension of live ones (approving renews them for `days` from then). Emails its
    Global admins a link that shows the duration. Returns the link's URL."""
    require(actor, Action.REQUEST_DELEGATED_ADMIN)
    customer = require_served_customer(session, actor, customer_org_id)
    days = delegated_admin_days(days)
    extension = live_delegated_admin(session, actor.org_id, customer.id)
    links.revoke_pending(session, purpose=LinkPurpose.DELEGATED_ADMIN, issuer_org_id=actor.org_id,
                         target_org_id=customer.id)
    link, token = links.issue_link(session, purpose=LinkPurpose.DELEGATED_ADMIN, issuer_org_id=actor.org_id,
                                   issuer_user_id=actor.user_id, target_org_id=customer.id)
    link.grant_days = days
    session.add(link)
    url = links.link_url(link.purpose, token)
    admins = session.exec(select(User.email).where(User.org_id == customer.id, User.is_active,
                                                   User.admin_role == AdminRole.GLOBAL_ADMIN)).all()
    key = "mail.delegated_admin_extension" if extension else "mail.delegated_admin_request"
    for address in admins:
        mail.queue_catalog_email(session, to=address, key=key, reseller=actor.org_name, url=url, days=days)
    audit.record(session, action="link.sent", actor=actor, target_type="link", target_id=link.id,
                 detail=f"{LinkPurpose.DELEGATED_ADMIN.value} to {customer.name}")
    audit.record(session, action="customers.delegated_admin_requested", actor=actor, org_id=customer.id,
                 target_type="link", target_id=link.id,
                 detail=f"{actor.org_name}: {days} days" + (" (extension)" if extension else ""))
    return url


def describe_link(session: Session, *, token: str, actor: Actor | None = None) -> dict[str, Any]:
    """What a customer link asks (public: the landing page shows it before sign-in). Notes the first opening;
    changes nothing else. Raises LinkInvalid saying why a link cannot be used."""
    link = links.find_link(session, token, purposes=CUSTOMER_LINKS)
    reseller = session.get(Organization, link.issuer_org_id) if link.issuer_org_id else None
    provider = session.get(Organization, link.provider_org_id) if link.provider_org_id else None
    if reseller is None or reseller.status != OrgStatus.ACTIVE:
        raise LinkInvalid("link.revoked")
    if link.opened_at is None:
        audit.record(session, action="link.opened", org_id=link.issuer_org_id, target_type="link",
                     target_id=link.id, detail=link.purpose.value)
    links.mark_opened(session, link)
    target = session.get(Organization, link.target_org_id) if link.target_org_id else None
    return {
        "purpose": link.purpose.value,
        "reseller": reseller.name,
        "provider": provider.name if provider else "",
        "target": target.name if target else "",
        "expires_at": link.expires_at,
        # a link addressed to (or already used to create) an organization cannot create another one
        "can_create_account": link.purpose != LinkPurpose.DELEGATED_ADMIN and link.target_org_id is None,
        "days": link.grant_days or get_settings().delegated_admin_days,
    }


def _grant(session: Session, *, reseller_org_id: int, customer_org_id: int,
           days: int | None = None) -> DelegatedAdminGrant:
    """Grant (or renew) delegated admin privileges for `days` (the link's; else settings.delegated_admin_days)."""
    now = clock.now(reseller_org_id, customer_org_id)  # the clock its expiry is judged by
    expires = now + timedelta(days=days or get_settings().delegated_admin_days)
    grant = session.exec(
        select(DelegatedAdminGrant).where(DelegatedAdminGrant.reseller_org_id == reseller_org_id,
                                          DelegatedAdminGrant.customer_org_id == customer_org_id,
                                          DelegatedAdminGrant.status == DelegatedAdminStatus.ACTIVE)
    ).first()
    if grant is None:
        grant = DelegatedAdminGrant(reseller_org_id=reseller_org_id, customer_org_id=customer_org_id,
                                    expires_at=expires)
    else:
        grant.granted_at, grant.expires_at = now, expires
    session.add(grant)
    session.flush()
    return grant


def _relate(session: Session, *, kind: RelationshipKind, partner_org_id: int, customer_org_id: int,
            link_id: int) -> tuple[Relationship, bool]:
    existing = active_relationship(session, partner_org_id, customer_org_id, kind)
    if existing is not None:
        return existing, False
    rel = Relationship(kind=kind, partner_org_id=partner_org_id, client_org_id=customer_org_id,
                       via_link_id=link_id)
    session.add(rel)
    try:
        with session.begin_nested():
            session.flush()
    except sa.exc.IntegrityError:
        raise Conflict() from None
    return rel, True


def _customer_actor(session: Session, actor: Actor, link: Link) -> None:
    require(actor, Action.MANAGE_CUSTOMER_PARTNERS)
    if link.target_org_id is not None and link.target_org_id != actor.org_id:
        raise LinkInvalid("link.wrong_account")


def accept_link(session: Session, actor: Actor, *, token: str) -> dict[str, Any]:
    """The customer's Global admin accepts: relationship(s) and delegated admin privileges are created in the
    same transaction that settles the link, so of two concurrent acceptances exactly one succeeds."""
    link = links.find_link(session, token, purposes=CUSTOMER_LINKS)
    _customer_actor(session, actor, link)
    reseller = session.get(Organization, link.issuer_org_id) if link.issuer_org_id else None
    if reseller is None or reseller.status != OrgStatus.ACTIVE or reseller.kind != OrgKind.RESELLER:
        raise LinkInvalid("link.revoked")
    provider = None
    if link.purpose == LinkPurpose.CUSTOMER_TWO_PARTY:
        provider = session.get(Organization, link.provider_org_id) if link.provider_org_id else None
        if provider is None or not has_partnership(session, provider_org_id=provider.id,
                                                   reseller_org_id=reseller.id):
            raise DomainError("customers.partnership_ended")
    if link.purpose == LinkPurpose.DELEGATED_ADMIN and not has_active_relationship(
            session, RelationshipKind.RESELLER_CUSTOMER, reseller.id, actor.org_id):
        raise LinkInvalid("link.revoked")
    try:
        links.settle_link(session, link, status=LinkStatus.ACCEPTED, user_id=actor.user_id)
    except sa.exc.OperationalError:  # a concurrent acceptance holds or took the write lock
        raise LinkInvalid("link.used") from None
    created = []
    reseller_rel = provider_rel = None
    if link.purpose != LinkPurpose.DELEGATED_ADMIN:
        rel, new = _relate(session, kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=reseller.id,
                           customer_org_id=actor.org_id, link_id=link.id)
        if new:
            created.append(rel)
            reseller_rel = rel.id
    if provider is not None:
        rel, new = _relate(session, kind=RelationshipKind.PROVIDER_CUSTOMER, partner_org_id=provider.id,
                           customer_org_id=actor.org_id, link_id=link.id)
        if new:
            created.append(rel)
            provider_rel = rel.id
    if link.purpose == LinkPurpose.CUSTOMER_RELATIONSHIP:
        leads.convert_invited_lead(session, actor, link=link)
    grant = _grant(session, reseller_org_id=reseller.id, customer_org_id=actor.org_id, days=link.grant_days)
    detail = f"{link.purpose.value}: {reseller.name}" + (f" + {provider.name}" if provider else "")
    audit.record(session, action="link.accepted", actor=actor, target_type="link", target_id=link.id, detail=detail)
    audit.record(session, action="link.accepted", actor=actor, org_id=reseller.id, target_type="link",
                 target_id=link.id, detail=f"{link.purpose.value}: {actor.org_name}")
    audit.record(session, action="customers.delegated_admin_granted", actor=actor, target_type="delegatedadmin",
                 target_id=grant.id, detail=f"{reseller.name} until {grant.expires_at:%Y-%m-%d}")
    for rel in created:
        audit.record(session, action="customers.relationship_started", actor=actor, org_id=rel.partner_org_id,
                     target_type="relationship", target_id=rel.id, detail=actor.org_name)
    _notify_issuer(session, link, "accepted", customer=actor.org_name)
    customer = session.get(Organization, actor.org_id)
    webhooks.relationship_accepted(session, customer=customer, reseller=reseller, provider=provider,
                                   relationship_id=reseller_rel, provider_relationship_id=provider_rel)
    webhooks.delegated_admin(session, "delegated_admin.approved", customer=customer, reseller_org_id=reseller.id,
                             grant_id=grant.id, expires_at=grant.expires_at)
    if provider is not None and provider.contact_email:
        mail.queue_catalog_email(session, to=provider.contact_email, key="mail.new_customer",
                                 customer=actor.org_name, reseller=reseller.name, provider=provider.name)
    return {"reseller": reseller.name, "provider": provider.name if provider else "",
            "expires_at": grant.expires_at, "purpose": link.purpose.value}


def _notify_issuer(session: Session, link: Link, outcome: str, **params: str) -> None:
    """Tell the partner user who sent a customer link that it was "accepted" or "declined"."""
    user = session.get(User, link.issuer_user_id) if link.issuer_user_id else None
    if user is not None and user.is_active:
        mail.queue_catalog_email(session, to=user.email, key=f"mail.{outcome}.{link.purpose.value}", **params)


def decline_link(session: Session, actor: Actor, *, token: str) -> None:
    """The customer declines; the link cannot be used any more."""
    link = links.find_link(session, token, purposes=CUSTOMER_LINKS)
    _customer_actor(session, actor, link)
    try:
        links.settle_link(session, link, status=LinkStatus.DECLINED, user_id=actor.user_id)
    except sa.exc.OperationalError:
        raise LinkInvalid("link.used") from None
    audit.record(session, action="link.declined", actor=actor, target_type="link", target_id=link.id,
                 detail=link.purpose.value)
    audit.record(session, action="link.declined", actor=actor, org_id=link.issuer_org_id, target_type="link",
                 target_id=link.id, detail=f"{link.purpose.value}: {actor.org_name}")
    _notify_issuer(session, link, "declined", customer=actor.org_name)


def create_customer_account(session: Session, *, token: str, company: str, country: str, domain: str,
                            admin_name: str, email: str, password: str,
                            client_address: str | None = None) -> User:
    """From a customer link: a new customer organization and its Global admin (who then signs in).

    A link creates at most one organization: the new one becomes the link's target in a conditional update, so
    only that organization's admin can accept it and a second (or concurrent) sign-up through it is refused.
    The domain must be the admin's email domain and is only a claim until the admin confirms the email
    (`profile.confirm_contact`): an unverified claim blocks no one else's sign-up with the same domain."""
    link = links.find_link(session, token, purposes={LinkPurpose.CUSTOMER_RELATIONSHIP,
                                                     LinkPurpose.CUSTOMER_TWO_PARTY})
    if link.target_org_id is not None:
        raise LinkInvalid("link.account_created")
    company = require_text(company, field="customer_company", max_length=200, min_length=2)
    country = require_country(country)
    domain = normalize_domain(domain)
    name = require_text(admin_name, field="full_name", max_length=200)
    address = normalize_email(email)
    if address.rpartition("@")[2] != domain:
        raise ValidationFailed("customers.domain_not_email", field="domain", domain=domain)
    if session.exec(select(Organization.id).where(Organization.domain == domain)).first() is not None:
        raise ValidationFailed("customers.domain_taken", field="domain")
    if session.exec(select(User.id).where(User.email == address)).first() is not None:
        raise ValidationFailed("validation.email_taken", field="email")
    check_password_policy(password or "", context_words=[company, address.split("@")[0], name, domain])
    org = Organization(kind=OrgKind.CUSTOMER, name=company, country=country, claimed_domain=domain,
                       contact_email=address)
    session.add(org)
    session.flush()
    claimed = session.execute(sa.update(Link).where(Link.id == link.id, Link.target_org_id.is_(None))
                              .values(target_org_id=org.id))
    if claimed.rowcount != 1:  # a concurrent sign-up through the same link won
        raise LinkInvalid("link.account_created")
    user = User(org_id=org.id, email=address, full_name=name, password_hash=hash_password(password),
                agent_role=AgentRole.NOT_AN_AGENT, admin_role=AdminRole.GLOBAL_ADMIN)
    session.add(user)
    try:
        with session.begin_nested():
            session.flush()
    except sa.exc.IntegrityError:
        raise ValidationFailed("validation.email_taken", field="email") from None
    verification, verify_token = links.issue_link(
        session, purpose=LinkPurpose.CONTACT_VERIFICATION, issuer_org_id=org.id, target_email=address,
        target_org_id=org.id)
    mail.queue_catalog_email(session, to=address, key="mail.customer_admin_verification", user=name, org=company,
                             domain=domain,
                             url=links.link_url(LinkPurpose.CONTACT_VERIFICATION, verify_token),
                             expires=verification.expires_at.strftime("%Y-%m-%d"))
    audit.record(session, action="customers.account_created", org_id=org.id, actor_email=address,
                 target_type="organization", target_id=org.id, detail=f"from link {link.id}, domain {domain} "
                 "unverified", client_address=client_address)
    return user


def verify_claimed_domain(session: Session, org: Organization, email: str) -> bool:
    """The admin confirmed `email`: a customer's claimed domain of that email becomes its verified domain,
    unless another organization verified it first (then it stays unverified). True when verified now."""
    domain = org.claimed_domain
    if org.domain is not None or not domain or email.lower().rpartition("@")[2] != domain:
        return False
    taken = session.exec(select(Organization.id).where(Organization.domain == domain)).first() is not None
    if not taken:
        org.domain, org.claimed_domain = domain, None
        session.add(org)
        try:
            with session.begin_nested():
                session.flush()
        except sa.exc.IntegrityError:
            taken = True
    if taken:
        session.refresh(org)
        audit.record(session, action="customers.domain_not_verified", org_id=org.id, actor_email=email,
                     target_type="organization", target_id=org.id, detail=f"{domain} verified by another")
        return False
    audit.record(session, action="customers.domain_verified", org_id=org.id, actor_email=email,
                 target_type="organization", target_id=org.id, detail=domain)
    return True


# ------------------------------------------------------------------------------------------ customer side


def list_partners(session: Session, actor: Actor) -> dict[str, list[dict[str, Any]]]:
    """The customer's resellers and providers of record (what each may do) and the history."""
    require(actor, Action.VIEW_CUSTOMER_PARTNERS, read=True)
    rels = session.exec(
        select(Relationship, Organization)
        .join(Organization, Organization.id == Relationship.partner_org_id)
        .where(Relationship.client_org_id == actor.org_id,
               Relationship.kind.in_((RelationshipKind.RESELLER_CUSTOMER, RelationshipKind.PROVIDER_CUSTOMER)))
        .order_by(Relationship.started_at.desc(), Relationship.id.desc())
    ).all()
    grants = session.exec(
        select(DelegatedAdminGrant, Organization)
        .join(Organization, Organization.id == DelegatedAdminGrant.reseller_org_id)
        .where(DelegatedAdminGrant.customer_org_id == actor.org_id)
        .order_by(DelegatedAdminGrant.granted_at.desc(), DelegatedAdminGrant.id.desc())
    ).all()
    newest: dict[int, DelegatedAdminGrant] = {}
    for grant, _ in grants:
        newest.setdefault(grant.reseller_org_id, grant)
    current, history = [], []
    for rel, org in rels:
        item = {"id": rel.id, "partner_id": org.id, "name": org.name, "kind": rel.kind.value,
                "since": rel.started_at, "ended_at": rel.ended_at, "delegated_admin": "none",
                "delegated_admin_expires": None, "grant_id": None,
                "suspended": org.suspended_at is not None}
        if rel.kind == RelationshipKind.RESELLER_CUSTOMER:
            grant = newest.get(org.id)
            item["delegated_admin"] = grant_state(grant)
            item["delegated_admin_expires"] = grant.expires_at if grant else None
            item["grant_id"] = grant.id if grant and item["delegated_admin"] == "active" else None
        (current if rel.status == RelationshipStatus.ACTIVE else history).append(item)
    removed = [{"id": g.id, "name": org.name, "granted_at": g.granted_at, "removed_at": g.removed_at}
               for g, org in grants if g.status == DelegatedAdminStatus.REMOVED]
    marketing = profile.marketing_profiles(session, [item["partner_id"] for item in current])
    for item in current:  # what each current partner tells its customers about itself
        item["marketing"] = marketing.get(item["partner_id"], {})
    return {"current": current, "history": history, "removed_grants": removed}


def remove_relationship(session: Session, actor: Actor, *, relationship_id: Any) -> None:
    """End a reseller or provider relationship (its delegated admin privileges go with it); history kept."""
    require(actor, Action.MANAGE_CUSTOMER_PARTNERS)
    rel = session.get(Relationship, record_id(relationship_id))
    if rel is None or rel.client_org_id != actor.org_id or rel.kind not in (
            RelationshipKind.RESELLER_CUSTOMER, RelationshipKind.PROVIDER_CUSTOMER):
        raise NotFound()
    if not end_relationship(session, rel, user_id=actor.user_id):
        raise Conflict()
    partner = session.get(Organization, rel.partner_org_id)
    if rel.kind == RelationshipKind.RESELLER_CUSTOMER and _remove_grants(session, actor, rel.partner_org_id):
        webhooks.delegated_admin(session, "delegated_admin.removed", customer=session.get(Organization, actor.org_id),
                                 reseller_org_id=rel.partner_org_id, reason="relationship_ended")
    audit.record(session, action="customers.relationship_ended", actor=actor, target_type="relationship",
                 target_id=rel.id, detail=partner.name if partner else "")
    audit.record(session, action="customers.relationship_ended", actor=actor, org_id=rel.partner_org_id,
                 target_type="relationship", target_id=rel.id, detail=actor.org_name)
    if partner is not None and partner.contact_email:
        mail.queue_catalog_email(session, to=partner.contact_email, key="mail.relationship_ended",
                                 customer=actor.org_name, partner=partner.name)


def _remove_grants(session: Session, actor: Actor, reseller_org_id: int) -> int:
    result = session.execute(
        sa.update(DelegatedAdminGrant)
        .where(DelegatedAdminGrant.reseller_org_id == reseller_org_id,
               DelegatedAdminGrant.customer_org_id == actor.org_id,
               DelegatedAdminGrant.status == DelegatedAdminStatus.ACTIVE)
        .values(status=DelegatedAdminStatus.REMOVED, removed_at=utcnow(), removed_by_user_id=actor.user_id)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def remove_delegated_admin(session: Session, actor: Actor, *, reseller_org_id: Any) -> None:
    """Remove a reseller's delegated admin privileges (the relationship stays); history kept."""
    require(actor, Action.MANAGE_CUSTOMER_PARTNERS)
    reseller_id = record_id(reseller_org_id)
    if _remove_grants(session, actor, reseller_id) == 0:
        raise NotFound()
    reseller = session.get(Organization, reseller_id)
    webhooks.delegated_admin(session, "delegated_admin.removed", customer=session.get(Organization, actor.org_id),
                             reseller_org_id=reseller_id, reason="removed_by_customer")
    audit.record(session, action="customers.delegated_admin_removed", actor=actor, target_type="organization",
                 target_id=reseller_id, detail=reseller.name if reseller else "")
    audit.record(session, action="customers.delegated_admin_removed", actor=actor, org_id=reseller_id,
                 target_type="organization", target_id=actor.org_id, detail=actor.org_name)
    if reseller is not None and reseller.contact_email:
        mail.queue_catalog_email(session, to=reseller.contact_email, key="mail.delegated_admin_removed",
                                 customer=actor.org_name, reseller=reseller.name)
