"""The relationship expiry dashboard: what each side sees (reseller, provider, customer), days left, the
filters and sort, CSV, and the actions in place going through the existing services and their rules."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlmodel import select

from rxapp import clock
from rxapp.errors import NotFound, PermissionDenied, ValidationFailed
from rxapp.models import DelegatedAdminGrant, Link, LinkStatus, OutboxEmail, Relationship, RelationshipKind
from rxapp.services import customers, partners
from rxapp.services import relationship_dashboard as dashboard
from tests.unit.doubles import MemoryStore


def token_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


@pytest.fixture
def world(session, actor, org):
    """Contoso serves Adatum with 30-day delegated admin privileges; Fabrikam invited Contoso (pending)."""
    contoso, adatum = org("Contoso"), org("Adatum")
    session.add(
        Relationship(kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=contoso.id, client_org_id=adatum.id)
    )
    session.flush()
    url = customers.request_delegated_admin(session, actor("admin@contoso.example"), customer_org_id=adatum.id, days=30)
    customers.accept_link(session, actor("admin@adatum.example"), token=token_of(url))
    partners.invite_reseller(session, actor("admin@fabrikam.example"), mpn_id="5000001")
    session.commit()
    return contoso, adatum


@pytest.mark.usefixtures("world")
def test_the_reseller_sees_its_grant_with_30_days_left_and_the_authorization_waiting(session, actor):
    items = dashboard.list_items(session, actor("admin@contoso.example"))
    grant = next(i for i in items if i.kind == "delegated_admin")
    assert (grant.other_party, grant.days_left, grant.status) == ("Adatum Corporation", 30, "active")
    assert grant.can_extend
    assert not grant.can_revoke
    auth = next(i for i in items if i.kind == "authorization")
    assert auth.other_party == "Fabrikam Distribution Korea"
    assert auth.status == "pending"
    assert not auth.can_resend
    assert not auth.can_revoke


def test_the_customer_sees_its_partners_grant_and_may_revoke_it(session, actor, world):
    [item] = dashboard.list_items(session, actor("admin@adatum.example"))
    assert (item.other_party, item.kind, item.days_left, item.can_revoke, item.can_extend) == (
        "Contoso Cloud Partners",
        "delegated_admin",
        30,
        True,
        False,
    )
    dashboard.revoke(session, actor("admin@adatum.example"), key=item.key)
    assert dashboard.list_items(session, actor("admin@adatum.example")) == []
    with pytest.raises(PermissionDenied):
        customers.list_customer_users(session, actor("admin@contoso.example"), customer_org_id=world[1].id)


def test_the_provider_sees_its_authorizations_and_its_resellers_grants_over_its_customers(session, actor, world):
    fabrikam = actor("admin@fabrikam.example")
    items = dashboard.list_items(session, fabrikam)
    assert [i.kind for i in items] == ["authorization"]  # Adatum is not (yet) Fabrikam's customer
    assert items[0].other_party == "Contoso Cloud Partners"
    assert items[0].can_resend
    assert items[0].can_revoke
    link_id = int(items[0].key.split(":")[1])
    session.get(Link, link_id).status = LinkStatus.ACCEPTED
    session.add(
        Relationship(kind=RelationshipKind.PROVIDER_RESELLER, partner_org_id=fabrikam.org_id, client_org_id=world[0].id)
    )
    session.add(
        Relationship(kind=RelationshipKind.PROVIDER_CUSTOMER, partner_org_id=fabrikam.org_id, client_org_id=world[1].id)
    )
    session.commit()
    [grant] = dashboard.list_items(session, fabrikam)
    assert grant.other_party == "Contoso Cloud Partners → Adatum Corporation"
    assert not (grant.can_extend)
    assert not (grant.can_revoke)
    assert not (grant.can_resend)


@pytest.mark.usefixtures("world")
def test_days_left_count_down_with_the_clock_and_the_grant_ends(session, actor):
    contoso = actor("admin@contoso.example")
    clock.enable(MemoryStore(), ttl=0)
    try:
        clock.advance(timedelta(days=23).total_seconds(), org_id=contoso.org_id)
        assert dashboard.list_items(session, contoso, kind="delegated_admin")[0].days_left == 7
        clock.advance(timedelta(days=8).total_seconds(), org_id=contoso.org_id)
        [ended] = dashboard.list_items(session, contoso, kind="delegated_admin")
        assert (ended.days_left, ended.status) == (0, "expired")
    finally:
        clock.disable()


@pytest.mark.usefixtures("world")
def test_filters_sort_and_within(session, actor):
    contoso = actor("admin@contoso.example")
    customers.request_relationship_link(session, contoso)  # a customer link, ends in the link lifetime
    items = dashboard.list_items(session, contoso)
    assert [i.ends_at for i in items] == sorted(i.ends_at for i in items)
    descending = dashboard.list_items(session, contoso, descending=True)
    assert [i.key for i in descending] == [i.key for i in reversed(items)]
    assert {i.kind for i in dashboard.list_items(session, contoso, kind="customer_link")} == {"customer_link"}
    within = dashboard.list_items(session, contoso, within_days=29)
    assert all(i.days_left <= 29 for i in within)
    assert "delegated_admin" not in {i.kind for i in within}
    assert any(i.kind == "delegated_admin" for i in dashboard.list_items(session, contoso, within_days="30"))
    assert len(dashboard.list_items(session, contoso, within_days="junk")) == len(items)


@pytest.mark.usefixtures("world")
def test_extension_and_resend_in_place(session, actor):
    contoso = actor("admin@contoso.example")
    grant = dashboard.list_items(session, contoso, kind="delegated_admin")[0]
    with pytest.raises(ValidationFailed):
        dashboard.extend(session, contoso, key=grant.key, days=731)
    dashboard.extend(session, contoso, key=grant.key, days=60)
    emails = session.exec(
        select(OutboxEmail).where(
            OutboxEmail.to_address == "admin@adatum.example", OutboxEmail.subject.contains("extend")
        )
    ).all()
    assert len(emails) == 1
    assert "60 days" in emails[0].body
    [request] = dashboard.list_items(session, contoso, kind="customer_link")
    assert request.detail == "delegated_admin"
    assert request.can_resend
    assert request.can_revoke
    dashboard.resend(session, contoso, key=request.key)
    assert session.get(Link, int(request.key.split(":")[1])).status == LinkStatus.SUPERSEDED
    [fresh] = dashboard.list_items(session, contoso, kind="customer_link")
    assert fresh.key != request.key
    assert session.get(Link, int(fresh.key.split(":")[1])).grant_days == 60
    dashboard.revoke(session, contoso, key=fresh.key)
    assert dashboard.list_items(session, contoso, kind="customer_link") == []


@pytest.mark.usefixtures("world")
def test_actions_on_what_the_actor_does_not_see_are_not_found(session, actor):
    grant_id = session.exec(select(DelegatedAdminGrant.id)).first()
    helpdesk, fabrikam = actor("helpdesk@contoso.example"), actor("admin@fabrikam.example")
    with pytest.raises(NotFound):
        dashboard.extend(session, helpdesk, key=f"delegated_admin:{grant_id}", days=30)  # sees it, may not
    with pytest.raises(NotFound):
        dashboard.revoke(session, fabrikam, key=f"delegated_admin:{grant_id}")
    with pytest.raises(NotFound):
        dashboard.resend(session, fabrikam, key="customer_link:not-a-number")
    with pytest.raises(PermissionDenied):
        dashboard.list_items(session, actor("ops@platform.example"))


def test_csv_has_a_row_per_item_and_neutralizes_formulas(session, actor, world):
    contoso = actor("admin@contoso.example")
    adatum = world[1]
    adatum.name = "=HYPERLINK(1)"
    session.add(adatum)
    session.commit()
    text = dashboard.export_csv(
        session, contoso, header=("a", "b", "c", "d", "e", "f"), labels={"delegated_admin": "DA", "active": "On"}
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["a", "b", "c", "d", "e", "f"]
    grant = next(row for row in rows if row[1] == "DA")
    assert grant[0] == "'=HYPERLINK(1)"
    assert grant[4:] == ["30", "On"]
    assert len(rows) == 1 + len(dashboard.list_items(session, contoso))
