"""The customer list on PostgreSQL, where every search goes through the in-memory directory: its load, a search,
the sort orders and paging give the same customers as on SQLite (the directory's SQL once used a join SQLite
accepts and PostgreSQL refuses)."""

from __future__ import annotations

from sqlmodel import Session

from rxapp.db import create_all, make_engine
from rxapp.models import AdminRole, AgentRole, Organization, OrgKind, Relationship, RelationshipKind
from rxapp.permissions import Actor
from rxapp.services import customers
from tests.unit.scratch_postgres import scratch_database

NAMES = ["Harbor Freight", "Adatum", "Harbor Lights", "Northwind", "Fabrikam", "Harborview", "Tailspin"]


def _world(session: Session) -> Actor:
    reseller = Organization(kind=OrgKind.RESELLER, name="Contoso", country="US")
    other = Organization(kind=OrgKind.RESELLER, name="Other", country="US")
    session.add_all([reseller, other])
    session.flush()
    for number, name in enumerate(NAMES):
        org = Organization(kind=OrgKind.CUSTOMER, name=name, country="KR", domain=f"c{number}.example")
        session.add(org)
        session.flush()
        session.add(
            Relationship(kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=reseller.id, client_org_id=org.id)
        )
    stranger = Organization(kind=OrgKind.CUSTOMER, name="Harbor Stranger", country="KR")
    session.add(stranger)
    session.flush()
    session.add(
        Relationship(kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=other.id, client_org_id=stranger.id)
    )
    session.commit()
    return Actor(
        user_id=1,
        org_id=reseller.id,
        org_kind=OrgKind.RESELLER,
        agent_role=AgentRole.ADMIN_AGENT,
        admin_role=AdminRole.GLOBAL_ADMIN,
    )


def test_searching_sorting_and_paging_on_postgresql():
    with scratch_database("customer_list") as url:
        engine = make_engine(url)
        create_all(engine)
        with Session(engine, expire_on_commit=False) as session:
            actor = _world(session)
            everyone = customers.list_customers(session, actor, limit=100)
            assert [row.name for row in everyone.rows] == sorted(NAMES)
            found = customers.list_customers(session, actor, search="harbor", limit=2)
            assert found.total == 3  # never another partner's "Harbor Stranger"
            assert [row.name for row in found.rows] == ["Harbor Freight", "Harbor Lights"]
            rest = customers.list_customers(session, actor, search="harbor", limit=2, after=found.last)
            assert [row.name for row in rest.rows] == ["Harborview"]
            newest_first = customers.list_customers(session, actor, search="ha", sort="name", descending=True)
            assert [row.name for row in newest_first.rows] == ["Harborview", "Harbor Lights", "Harbor Freight"]
        engine.dispose()
