"""Issue 13, point 2: the marketing profile a partner saves is what Find a provider and the customer's Partners
page show of it (and a partner without one shows nothing extra)."""

from __future__ import annotations

from sqlmodel import select

from rxapp.models import Relationship, RelationshipKind, RelationshipStatus
from rxapp.services import customers, partners, profile

FABRIKAM = {
    "description": "Cloud distribution for Korean resellers since 2009.",
    "industries": "Retail, Finance",
    "products": "Microsoft 365, Azure",
    "regions_served": "Korea, Japan",
}


def test_find_a_provider_shows_the_marketing_profile(session, actor, org):
    fabrikam = org("Fabrikam Distribution Korea")
    fabrikam.directory_published = True
    session.add(fabrikam)
    profile.update_marketing_profile(session, actor("admin@fabrikam.example"), values=FABRIKAM)
    session.flush()
    entry = next(e for e in partners.list_directory(session) if e.id == fabrikam.id)
    assert {name: getattr(entry, name) for name in FABRIKAM} == FABRIKAM
    others = [e for e in partners.list_directory(session) if e.id != fabrikam.id]
    assert all(e.description == "" for e in others), "no profile, nothing made up"


def test_the_customers_partners_page_shows_each_partners_profile(session, actor, org):
    adatum = actor("admin@adatum.example")
    contoso = org("Contoso Cloud Partners")
    if not session.exec(
        select(Relationship).where(
            Relationship.partner_org_id == contoso.id,
            Relationship.client_org_id == adatum.org_id,
            Relationship.status == RelationshipStatus.ACTIVE,
        )
    ).first():
        session.add(
            Relationship(
                kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=contoso.id, client_org_id=adatum.org_id
            )
        )
        session.flush()
    values = {**FABRIKAM, "description": "Contoso helps small businesses move to the cloud."}
    profile.update_marketing_profile(session, actor("admin@contoso.example"), values=values)
    session.flush()
    current = customers.list_partners(session, adatum).current
    item = next(i for i in current if i.partner_id == contoso.id)
    assert item.marketing == values
    assert all(i.marketing == {} for i in current if i.partner_id != contoso.id)
