"""The customer list's SQL: the query shape (`ListQuery`, `Cursor`) and the statements for one page.

Kept apart from the list service because this is where the list's speed is decided: every fragment is a
constant and every user-supplied value a bound parameter, and the comments on `ListSql` say which index each
plan walks. A search uses an FTS5 trigram index over organization name, domain and contact email (SQLite;
created by a migration, kept in sync by triggers) and falls back to LIKE/ILIKE elsewhere; paging is keyset on
(name, id) or on the relationship id, so a deep page costs what the first one does. On SQLite a searched list
is one statement: the partner's matching customers are materialized once, counted, and the page is read from
them (`search_statement`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from rxapp.db_reads import contains_pattern, read_connection
from rxapp.errors import NotFound
from rxapp.models.relationships import CUSTOMER_KINDS
from rxapp.permissions import Actor
from rxapp.services.relationships import (
    customer_kind,
)
from rxapp.services.search_index import SEARCH_TABLE, has_search_index

# Up to this many customers a list is sorted after the join; above it, it is read in name order from the
# organization name index (each page then costs about page size / share of customers index probes).
SMALL_LIST = 3000
TRIGRAM = 3
MAX_SEARCH = 100


@dataclass
class Cursor:
    """A position in the list: the last (or first) row's sort key."""

    name: str = ""
    id: int = 0
    relationship_id: int = 0


@dataclass
class ListQuery:
    search: str = ""
    sort: str = "name"
    descending: bool = False
    via_reseller_id: int | None = None
    via_provider_id: int | None = None  # a reseller's list: the customers shared with this indirect provider
    extra: dict[str, Any] = field(default_factory=dict)


def clean_search(search: str | None) -> str:
    return " ".join((search or "").split())[:MAX_SEARCH]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


_VIA = (
    "EXISTS (SELECT 1 FROM relationship r2 WHERE r2.partner_org_id = :via "
    "AND r2.client_org_id = r.client_org_id AND r2.status = 'active' AND r2.kind = '{kind}')"
)


class ListSql:
    """Builds the list's SQL from constant fragments; every user-supplied value is a bound parameter.

    Plans (SQLite follows the CROSS JOIN order; PostgreSQL plans for itself):
    - count: the partner's relationships (index-only), or the trigram matches probed against the
      kind's partial pair index (`ux_relationship_active_<kind>`);
    - a large result: walk the order's index (organization name, or relationship id) from the cursor and stop
      after one page; a search is a materialized set of matching ids (`+o.id IN (...)`);
    - a small result (<= SMALL_LIST): collect it through the trigram matches (or relationships) and sort.
    SQLite searches do not use count/page separately: see `match_set` and `search_statement`.
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
        self.dialect = read_connection(session).dialect.name
        self.term = clean_search(query.search)
        self.use_fts = bool(self.term) and len(self.term) >= TRIGRAM and has_search_index(session)
        # kind and status are literals (a constant of the enum, never user input) so that the planner can use
        # the kind's partial pair index `ux_relationship_active_<kind>` (its WHERE must match the query's).
        self.base = ["r.partner_org_id = :partner", f"r.kind = '{kind.value}'", "r.status = 'active'"]
        self.like: list[str] = []
        if self.use_fts:
            self.params["fts"] = _fts_phrase(self.term)
        elif self.term:
            self.params["pattern"] = contains_pattern(self.term)
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
            return (
                "SELECT coalesce((SELECT active FROM relationship_count WHERE partner_org_id = :partner "
                "AND kind = :kind), 0)"
            )
        where = " AND ".join(self.base)
        if self.use_fts:
            return (
                f"SELECT count(*) FROM {SEARCH_TABLE} CROSS JOIN relationship AS r "  # noqa: S608
                f"WHERE {SEARCH_TABLE} MATCH :fts AND r.client_org_id = {SEARCH_TABLE}.rowid AND {where}"
            )
        if self.like:
            return (
                f"SELECT count(*) FROM relationship AS r CROSS JOIN organization AS o "  # noqa: S608
                f"WHERE o.id = r.client_org_id AND {where} AND {self.like[0]}"
            )
        return f"SELECT count(*) FROM relationship AS r WHERE {where}"  # noqa: S608

    def match_set(self) -> str | None:
        """SQLite, with a search: SELECT of the ids of the partner's matching customers (the search's
        candidates probed against the kind's partial pair index), or None when the list is not searched here."""
        if self.dialect != "sqlite" or not self.term or sqlite3.sqlite_version_info < (3, 35):  # MATERIALIZED
            return None
        where = " AND ".join(self.base)
        if self.use_fts:
            return (
                f"SELECT r.client_org_id AS id FROM {SEARCH_TABLE} CROSS JOIN relationship AS r "  # noqa: S608
                f"WHERE {SEARCH_TABLE} MATCH :fts AND r.client_org_id = {SEARCH_TABLE}.rowid AND {where}"
            )
        # 1-2 characters: one pass over the organizations (cheaper than fetching each customer's row).
        return (
            f"SELECT o.id AS id FROM organization AS o CROSS JOIN relationship AS r "  # noqa: S608
            f"WHERE r.client_org_id = o.id AND {where} AND {self.like[0]}"
        )

    def page_source(self, *, small: bool, org_first: bool) -> tuple[str, list[str]]:
        """FROM clause and WHERE terms for one page."""
        join = ["r.client_org_id = o.id", *self.base, *self.like]
        if self.use_fts and small:
            return (
                f"{SEARCH_TABLE} CROSS JOIN organization AS o CROSS JOIN relationship AS r",
                [f"{SEARCH_TABLE} MATCH :fts", f"o.id = {SEARCH_TABLE}.rowid", *join],
            )
        if self.use_fts:
            join.append("+o.id IN (SELECT rowid FROM organization_search WHERE organization_search MATCH :fts)")
        if org_first and not small:
            return "organization AS o CROSS JOIN relationship AS r", join
        return "relationship AS r CROSS JOIN organization AS o", join


COLUMNS = "o.id, o.name, o.domain, o.country, o.contact_email, r.started_at, r.id"


def page_statement(
    sql: ListSql, query: ListQuery, total: int, *, cursor: Cursor | None, backwards: bool, limit: int
) -> tuple[str, dict[str, Any]]:
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
    statement = f"SELECT {COLUMNS} FROM {source} WHERE {where} ORDER BY {order_by} LIMIT :limit"  # noqa: S608
    return statement, params


_MATCH_COLUMNS = (
    "o.id AS org_id, o.name AS name, o.domain AS domain, o.country AS country, "
    "o.contact_email AS contact, r.started_at AS started, r.id AS rel_id"
)


def search_statement(
    sql: ListSql, query: ListQuery, match_set: str, *, cursor: Cursor | None, backwards: bool, limit: int
) -> tuple[str, dict[str, Any]]:
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
        big = (
            f"FROM relationship AS r CROSS JOIN organization AS o WHERE {where} "  # noqa: S608
            f"AND +r.client_org_id IN (SELECT id FROM m) AND o.id = r.client_org_id"
        )
        inner_order, outer_order = f"r.id {order}", f"p.rel_id {order}"
    else:
        if cursor is not None:
            extra = f" AND (o.name, o.id) {comparison} (:after_name, :after_id)"
            params.update(after_name=cursor.name, after_id=cursor.id)
        big = (
            f"FROM organization AS o CROSS JOIN relationship AS r WHERE +o.id IN (SELECT id FROM m) "  # noqa: S608
            f"AND r.client_org_id = o.id AND {where}"
        )
        inner_order, outer_order = f"o.name {order}, o.id {order}", f"p.name {order}, p.org_id {order}"
    small = (
        f"FROM m CROSS JOIN organization AS o CROSS JOIN relationship AS r WHERE o.id = m.id "
        f"AND r.client_org_id = m.id AND {where}"
    )
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
