"""`/customers?provider=N` (issue 13, point 1): a reseller's list narrowed to the customers it shares with one of
its indirect providers, through every path of the list (plain, searched, small and large, paged, exported)."""

from __future__ import annotations

import random

import pytest
from sqlmodel import select

from rxapp.errors import NotFound
from rxapp.models import Organization, OrgKind, Relationship, RelationshipKind
from rxapp.services import customers
from rxapp.services.customers import search_sql
from rxapp.services.relationships import has_partnership
from tests.unit.services.customers.builders import many_customers


def _org(session, name: str, kind: OrgKind) -> Organization:
    org = Organization(kind=kind, name=name, country="KR", domain=name.lower().replace(" ", "") + ".example")
    session.add(org)
    session.flush()
    return org


def _serve(session, partner_id: int, client_id: int, kind: RelationshipKind) -> None:
    session.add(Relationship(kind=kind, partner_org_id=partner_id, client_org_id=client_id))
    session.flush()


@pytest.fixture
def world(session, actor, org):
    """Contoso serves 40 customers; its provider Fabrikam serves a seeded random 15 of them, an unrelated
    provider (Litware) serves others."""
    contoso = actor("admin@contoso.example")
    fabrikam = org("Fabrikam Distribution Korea")
    if not has_partnership(session, provider_org_id=fabrikam.id, reseller_org_id=contoso.org_id):
        _serve(session, fabrikam.id, contoso.org_id, RelationshipKind.PROVIDER_RESELLER)
    litware = _org(session, "Litware Distribution", OrgKind.PROVIDER)
    many_customers(session, contoso.org_id, 40)
    ours = list(session.exec(select(Organization).where(Organization.name.like("Cust %")).order_by(Organization.name)))
    shared = sorted(random.Random(13).sample(ours, 15), key=lambda o: o.name)
    for customer in shared:
        _serve(session, fabrikam.id, customer.id, RelationshipKind.PROVIDER_CUSTOMER)
    for customer in ours[:5]:
        _serve(session, litware.id, customer.id, RelationshipKind.PROVIDER_CUSTOMER)
    _serve(
        session, fabrikam.id, _org(session, "Elsewhere Corp", OrgKind.CUSTOMER).id, RelationshipKind.PROVIDER_CUSTOMER
    )  # Fabrikam's customer that Contoso does not serve
    return {"contoso": contoso, "fabrikam": fabrikam, "litware": litware, "shared": [c.name for c in shared]}


@pytest.mark.parametrize("small", [True, False])
def test_the_list_holds_the_customers_shared_with_the_provider(session, monkeypatch, small, world):
    if not small:
        monkeypatch.setattr(search_sql, "SMALL_LIST", 4)
    contoso, provider_id, shared = world["contoso"], world["fabrikam"].id, world["shared"]
    first = customers.list_customers(session, contoso, via_provider_id=provider_id, limit=10)
    assert first.total == len(shared) == 15
    second = customers.list_customers(session, contoso, via_provider_id=provider_id, limit=10, after=first.last)
    assert [r.name for r in first.rows + second.rows] == shared, "paged in name order, nothing else"
    last = customers.list_customers(session, contoso, via_provider_id=provider_id, limit=10, last_page=True)
    assert [r.name for r in last.rows] == shared[10:]
    term = shared[0]
    searched = customers.list_customers(session, contoso, via_provider_id=provider_id, search=term)
    assert [r.name for r in searched.rows] == [term]
    short = customers.list_customers(session, contoso, via_provider_id=provider_id, search="00")
    assert {r.name for r in short.rows} == {n for n in shared if "00" in n.split()[1]}
    unfiltered = customers.list_customers(session, contoso, limit=100)
    assert unfiltered.total == 40 + _demo_count(session, contoso), "without the filter: every customer"


def _demo_count(session, contoso) -> int:
    return len(
        session.exec(
            select(Relationship.id).where(
                Relationship.partner_org_id == contoso.org_id,
                Relationship.kind == RelationshipKind.RESELLER_CUSTOMER,
                Relationship.status == "active",
                Relationship.client_org_id.notin_(select(Organization.id).where(Organization.name.like("Cust %"))),
            )
        ).all()
    )


def test_the_export_follows_the_filter(session, world):
    text = customers.export_customers_csv(session, world["contoso"], via_provider_id=world["fabrikam"].id)
    names = [line.split(",")[0] for line in text.strip().splitlines()[1:]]
    assert names == world["shared"]


def test_only_a_partner_provider_filters_the_list(session, actor, world):
    contoso = world["contoso"]
    assert (
        customers.shared_provider_name(session, contoso, provider_org_id=world["fabrikam"].id)
        == "Fabrikam Distribution Korea"
    )
    for provider in (world["litware"].id, 999_999, "abc"):
        with pytest.raises(NotFound):
            customers.list_customers(session, contoso, via_provider_id=provider)
        with pytest.raises(NotFound):
            customers.shared_provider_name(session, contoso, provider_org_id=provider)
    fabrikam = actor("admin@fabrikam.example")
    with pytest.raises(NotFound):  # a provider's list has its reseller filter, not this one
        customers.list_customers(session, fabrikam, via_provider_id=world["fabrikam"].id)
    helpdesk = actor("helpdesk@contoso.example")
    assert customers.list_customers(session, helpdesk, via_provider_id=world["fabrikam"].id).total == 15
