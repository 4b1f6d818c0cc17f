"""The in-memory customer directory (1–2 character searches; every search on PostgreSQL) is never stale:
a new customer, an ended relationship and a renamed customer show in the very next search."""

from __future__ import annotations

from sqlmodel import Session, select

from rxapp.models import Organization, OrgKind, Relationship, RelationshipKind, RelationshipStatus
from rxapp.services import customer_directory, customers


def _names(session, actor, term: str) -> list[str]:
    return [row.name for row in customers.list_customers(session, actor, search=term, limit=100).rows]


def _customer(session: Session, partner_org_id: int, name: str) -> Relationship:
    org = Organization(kind=OrgKind.CUSTOMER, name=name, country="KR", domain=f"{name.lower()}.example")
    session.add(org)
    session.flush()
    rel = Relationship(kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=partner_org_id, client_org_id=org.id)
    session.add(rel)
    session.commit()
    return rel


def test_searches_follow_every_change_at_once(session, actor):
    contoso = actor("admin@contoso.example")
    first = _customer(session, contoso.org_id, "Qzalpha")
    assert _names(session, contoso, "qz") == ["Qzalpha"]

    second = _customer(session, contoso.org_id, "Qzbeta")
    assert _names(session, contoso, "qz") == ["Qzalpha", "Qzbeta"]

    first.status = RelationshipStatus.ENDED
    session.add(first)
    session.commit()
    assert _names(session, contoso, "qz") == ["Qzbeta"]

    org = session.get(Organization, second.client_org_id)
    org.name = "Renamed"
    session.add(org)
    session.commit()
    assert _names(session, contoso, "qz") == ["Renamed"]  # still matches by its domain qzbeta.example
    org.domain = "renamed.example"
    session.add(org)
    session.commit()
    assert _names(session, contoso, "qz") == []
    assert _names(session, contoso, "Re") == ["Renamed"]


def test_another_partners_customers_never_show(session, actor):
    contoso = actor("admin@contoso.example")
    other = session.exec(
        select(Organization).where(Organization.kind == OrgKind.RESELLER, Organization.id != contoso.org_id)
    ).first()
    if other is None:
        other = Organization(kind=OrgKind.RESELLER, name="Other Reseller", country="KR")
        session.add(other)
        session.commit()
    _customer(session, other.id, "Qzother")
    _customer(session, contoso.org_id, "Qzmine")
    assert _names(session, contoso, "qz") == ["Qzmine"]


def test_memory_is_bounded(session, actor, monkeypatch):
    contoso = actor("admin@contoso.example")
    _customer(session, contoso.org_id, "Qzone")
    monkeypatch.setattr(customer_directory, "MAX_TERMS", 3)
    for term in ("q", "qz", "z", "o", "n"):
        _names(session, contoso, term)
    found = customer_directory.directory(session, contoso.org_id, RelationshipKind.RESELLER_CUSTOMER)
    assert found is not None
    assert len(found.matches) <= 3
