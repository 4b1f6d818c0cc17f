"""The list pages' reads as units of work for a service process (`rxapp.service_processes`): one page of rows
as the page shows them, built where the query ran, so only plain rows travel back to the event loop.

No Reflex here: a service process imports this module and the services, not the states and pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rxapp.models import OrgKind
from rxapp.permissions import Actor
from rxapp.service_processes import process_safe
from rxapp.services import audit, audit_view, customers, users
from rxapp.services.audit import AuditFilter
from rxapp.state.rows import AuditRow, CustomerRow, UserRow, compact

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class CustomerPage:
    """What an event needs of one page of the customer list: its rows, the total and the paging cursors."""

    rows: list[CustomerRow]
    total: int
    first: customers.Cursor | None
    last: customers.Cursor | None


@process_safe
def customer_page(session: Session, actor: Actor, *, limit: int, filters: dict, where: dict) -> CustomerPage:
    """One page of customers: raw codes and ISO dates only (the page words them in the browser's language)."""
    page = customers.list_customers(session, actor, limit=limit, **filters, **where)
    return CustomerPage([_customer_row(r) for r in page.rows], page.total, page.first, page.last)


def _customer_row(r: customers.CustomerRow) -> CustomerRow:
    """One list row, compact (`rows.compact`: empty fields left out), built field by field: every list event
    builds a page of these, and this costs about a third of building the full dict and compacting it."""
    row = CustomerRow(id=str(r.id))
    if r.name:
        row["name"] = r.name
    if r.country:
        row["country"] = r.country
    if r.domain:
        row["domain"] = r.domain
    if not r.domain_verified:
        row["unverified"] = "1"
    if r.since:
        row["since"] = r.since.date().isoformat()
    if r.delegated_admin != "none":
        row["da_state"] = r.delegated_admin
    if r.delegated_admin_expires:
        row["da_until"] = r.delegated_admin_expires.date().isoformat()
    return row


@process_safe
def user_page(
    session: Session, actor: Actor, *, search: str, role: str, limit: int, offset: int
) -> tuple[list[UserRow], int]:
    """One page of the organization's users: role codes, worded by the page (T.pick); no status when active."""
    rows, total = users.list_users(session, actor, search=search, role=role, limit=limit, offset=offset)
    return [
        compact(
            UserRow(
                id=row.id,
                full_name=row.full_name,
                email=row.email,
                agent_role=row.agent_role.value,
                admin_role=row.admin_role.value,
                status="inactive" if not row.is_active else ("temporary" if row.must_change_password else ""),
            )
        )
        for row in rows
    ], total


@process_safe
def audit_page(
    session: Session, actor: Actor, *, filters: AuditFilter, limit: int, offset: int
) -> tuple[list[AuditRow], int, bool]:
    """One page of the audit log: codes and names, worded by the page; the organization column (and the third
    value, True) only for platform staff, who see every organization's entries."""
    events, total = audit.list_events(session, actor, filters=filters, limit=limit, offset=offset)
    all_orgs = actor.org_kind == OrgKind.PLATFORM
    rows = [
        compact(
            AuditRow(
                at=view.at,
                org=view.org if all_orgs else "",
                actor=view.actor,
                action=view.action,
                refused=view.refused,
                roles=view.roles,
                outcome="" if view.outcome == "ok" else view.outcome,
                kind=view.record_kind,
                record=view.record_name,
                detail=view.detail,
            )
        )
        for view in audit_view.readable(session, events)
    ]
    return rows, total, all_orgs
