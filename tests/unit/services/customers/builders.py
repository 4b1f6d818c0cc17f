"""Customer lists of any size for the customer list tests (one reseller relationship per customer)."""

from __future__ import annotations

from sqlmodel import Session

from rxapp.models import Organization, OrgKind, Relationship, RelationshipKind


def many_customers(session: Session, reseller_id: int, n: int, prefix: str = "Cust") -> None:
    for i in range(n):
        o = Organization(
            kind=OrgKind.CUSTOMER,
            name=f"{prefix} {i:04d}",
            country="KR",
            domain=f"{prefix.lower()}{i}.example",
            contact_email=f"it@{prefix.lower()}{i}.example",
        )
        session.add(o)
        session.flush()
        session.add(
            Relationship(kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=reseller_id, client_org_id=o.id)
        )
    session.flush()
