"""The customer list as CSV (every page of the filtered list), safe to open in a spreadsheet program."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from sqlmodel import Session

from rxapp.permissions import Actor
from rxapp.services import audit
from rxapp.services.customers.listing import PAGE_SIZE_MAX, CustomerRow, list_customers


def neutralize_cell(value: Any) -> str:
    """A CSV cell that spreadsheet programs will not run as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    if text and text[0] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


EXPORT_HEADER = (
    "Name",
    "Domain",
    "Country/region",
    "Contact email",
    "Customer since",
    "Delegated admin",
    "Delegated admin expires",
)


def export_customers_csv(
    session: Session,
    actor: Actor,
    *,
    search: str = "",
    sort: str = "name",
    descending: bool = False,
    via_reseller_id: int | None = None,
    via_provider_id: int | None = None,
    header: tuple[str, ...] = EXPORT_HEADER,
) -> str:
    """The filtered list (every page) as CSV text; cells that could run as formulas are neutralized."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralize_cell(h) for h in header])
    count = 0
    for row in _iter_all(
        session,
        actor,
        search=search,
        sort=sort,
        descending=descending,
        via_reseller_id=via_reseller_id,
        via_provider_id=via_provider_id,
    ):
        writer.writerow(
            [
                neutralize_cell(v)
                for v in (
                    row.name,
                    row.domain,
                    row.country,
                    row.contact_email,
                    row.since.strftime("%Y-%m-%d"),
                    row.delegated_admin,
                    row.delegated_admin_expires.strftime("%Y-%m-%d") if row.delegated_admin_expires else "",
                )
            ]
        )
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
