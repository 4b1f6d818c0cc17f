"""Customer invitations (SPEC 6 "Pending invitations"): listing scope, statuses, revoke, new link, permissions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from rxapp.errors import Conflict, LinkInvalid, NotFound, PermissionDenied
from rxapp.models import (
    AuditEvent,
    Link,
    LinkStatus,
    Organization,
    OrgKind,
    OutboxEmail,
    Relationship,
    RelationshipKind,
    User,
    utcnow,
)
from rxapp.services import customers, invitations
from rxapp.services.auth import actor_for
from rxapp.services.links import hash_token

CONTOSO = "admin@contoso.example"


def token_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


@pytest.fixture
def partnership(session, org):
    session.add(
        Relationship(
            kind=RelationshipKind.PROVIDER_RESELLER, partner_org_id=org("Fabrikam").id, client_org_id=org("Contoso").id
        )
    )
    session.flush()


@pytest.fixture
def litware(session):
    other = Organization(kind=OrgKind.RESELLER, name="Litware Resellers", country="KR", domain="litware.example")
    session.add(other)
    session.flush()
    user = User(
        org_id=other.id,
        email="admin@litware.example",
        full_name="Litware Admin",
        password_hash="x",
        agent_role="admin_agent",
        admin_role="global_admin",
    )
    session.add(user)
    session.flush()
    return actor_for(user, other)


def link_of(session, url: str) -> Link:
    return session.exec(select(Link).where(Link.token_hash == hash_token(token_of(url)))).one()


@pytest.mark.usefixtures("partnership")
def test_list_shows_only_own_links_newest_first(session, actor, org, litware):
    contoso = actor(CONTOSO)
    first = customers.request_relationship_link(session, contoso)
    second = customers.invite_new_customer_link(session, contoso, provider_org_id=org("Fabrikam").id)
    customers.request_relationship_link(session, litware)
    page = invitations.list_invitations(session, contoso)
    assert page.total == 2
    assert [r.id for r in page.rows] == [link_of(session, second.url).id, link_of(session, first.url).id]
    two_party, single = page.rows
    assert two_party.purpose == "customer_two_party"
    assert two_party.provider_name.startswith("Fabrikam")
    assert single.purpose == "customer_relationship"
    assert single.provider_name == ""
    assert single.created_by == "Contoso Admin"
    assert single.status == "pending"
    assert single.opened_at is None
    assert single.can_revoke
    assert single.can_renew
    assert single.expires_at > utcnow() + timedelta(days=13)
    theirs = invitations.list_invitations(session, litware)
    assert theirs.total == 1
    assert theirs.rows[0].created_by == "Litware Admin"
    # paging
    assert [r.id for r in invitations.list_invitations(session, contoso, page=1, page_size=1).rows] == [single.id]


def test_statuses_including_expired_and_opened(session, actor):
    contoso, adatum = actor(CONTOSO), actor("admin@adatum.example")
    drafts = [customers.request_relationship_link(session, contoso) for _ in range(5)]
    accepted, declined, expired, revoked, opened = drafts
    customers.describe_link(session, token=token_of(opened.url))
    customers.accept_link(session, adatum, token=token_of(accepted.url))
    customers.decline_link(session, adatum, token=token_of(declined.url))
    link = link_of(session, expired.url)
    link.expires_at = utcnow() - timedelta(minutes=1)
    session.add(link)
    session.flush()
    invitations.revoke_invitation(session, contoso, link_id=link_of(session, revoked.url).id)
    rows = {r.id: r for r in invitations.list_invitations(session, contoso).rows}
    status = {
        name: rows[link_of(session, d.url).id].status
        for name, d in zip(("accepted", "declined", "expired", "revoked", "opened"), drafts, strict=True)
    }
    assert status == {
        "accepted": "accepted",
        "declined": "declined",
        "expired": "expired",
        "revoked": "revoked",
        "opened": "pending",
    }
    assert rows[link_of(session, opened.url).id].opened_at is not None
    exp = rows[link_of(session, expired.url).id]
    assert exp.can_renew
    assert not exp.can_revoke
    acc = rows[link_of(session, accepted.url).id]
    assert not acc.can_renew
    assert not acc.can_revoke


def test_revoke_then_accept_refused(session, actor):
    contoso, adatum = actor(CONTOSO), actor("admin@adatum.example")
    draft = customers.request_relationship_link(session, contoso)
    link = link_of(session, draft.url)
    invitations.revoke_invitation(session, contoso, link_id=str(link.id))
    with pytest.raises(LinkInvalid) as landing:
        customers.describe_link(session, token=token_of(draft.url))
    assert landing.value.code == "link.revoked"
    with pytest.raises(LinkInvalid) as refused:
        customers.accept_link(session, adatum, token=token_of(draft.url))
    assert refused.value.code == "link.revoked"
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "link.revoked")).one()
    assert event.target_id == link.id
    assert event.org_id == contoso.org_id
    with pytest.raises(Conflict):  # a second revoke (a second click, a stale tab)
        invitations.revoke_invitation(session, contoso, link_id=link.id)
    with pytest.raises(Conflict):  # nor can a revoked link be renewed
        invitations.new_link(session, contoso, link_id=link.id)


@pytest.mark.usefixtures("partnership")
def test_new_link_supersedes_the_old(session, actor, org):
    contoso, adatum = actor(CONTOSO), actor("admin@adatum.example")
    old = customers.invite_new_customer_link(session, contoso, provider_org_id=org("Fabrikam").id)
    old_link = link_of(session, old.url)
    old_link.expires_at = utcnow() - timedelta(days=1)  # an expired link can be replaced too
    session.add(old_link)
    session.flush()
    fresh = invitations.new_link(session, contoso, link_id=old_link.id)
    assert fresh.draft.url != old.url
    assert fresh.purpose == "customer_two_party"
    assert not fresh.emailed
    assert fresh.draft.provider_name.startswith("Fabrikam")
    assert fresh.draft.expires_at > utcnow()
    session.refresh(old_link)
    assert old_link.status == LinkStatus.SUPERSEDED
    new = link_of(session, fresh.draft.url)
    assert new.provider_org_id == old_link.provider_org_id
    assert new.status == LinkStatus.PENDING
    with pytest.raises(LinkInvalid):
        customers.accept_link(session, adatum, token=token_of(old.url))
    rows = {r.id: r.status for r in invitations.list_invitations(session, contoso).rows}
    assert rows == {old_link.id: "superseded", new.id: "pending"}
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "link.resent")).one().target_id == new.id
    customers.accept_link(session, adatum, token=token_of(fresh.draft.url))


def test_new_delegated_admin_link_is_emailed_again(session, actor, org):
    contoso, adatum = actor(CONTOSO), actor("admin@adatum.example")
    customers.accept_link(session, adatum, token=token_of(customers.request_relationship_link(session, contoso).url))
    customers.remove_delegated_admin(session, adatum, reseller_org_id=contoso.org_id)
    customers.request_delegated_admin(session, contoso, customer_org_id=org("Adatum").id)
    da = session.exec(select(Link).where(Link.purpose == "delegated_admin")).one()
    row = next(r for r in invitations.list_invitations(session, contoso).rows if r.id == da.id)
    assert row.customer_name == "Adatum Corporation"
    assert row.status == "pending"
    before = len(session.exec(select(OutboxEmail).where(OutboxEmail.to_address == "admin@adatum.example")).all())
    fresh = invitations.new_link(session, contoso, link_id=da.id)
    assert fresh.emailed
    assert fresh.purpose == "delegated_admin"
    after = session.exec(select(OutboxEmail).where(OutboxEmail.to_address == "admin@adatum.example")).all()
    assert len(after) == before + 1
    assert fresh.draft.url in after[-1].body
    session.refresh(da)
    assert da.status == LinkStatus.SUPERSEDED


def test_other_resellers_links_are_not_found(session, actor, litware):
    theirs = link_of(session, customers.request_relationship_link(session, litware).url)
    contoso = actor(CONTOSO)
    for call in (invitations.revoke_invitation, invitations.new_link):
        with pytest.raises(NotFound):
            call(session, contoso, link_id=theirs.id)
        with pytest.raises(NotFound):
            call(session, contoso, link_id="not-a-number")
        with pytest.raises(NotFound):
            call(session, contoso, link_id=None)
        with pytest.raises(NotFound):
            call(session, contoso, link_id=10**9)
    session.refresh(theirs)
    assert theirs.status == LinkStatus.PENDING


@pytest.mark.usefixtures("org")
def test_reseller_authorization_links_are_not_customer_invitations(session, actor):
    from rxapp.services import partners

    link, _ = partners.invite_reseller(session, actor("admin@fabrikam.example"), email=CONTOSO)
    with pytest.raises(PermissionDenied):  # providers do not invite customers
        invitations.list_invitations(session, actor("admin@fabrikam.example"))
    with pytest.raises(PermissionDenied):
        invitations.revoke_invitation(session, actor("admin@fabrikam.example"), link_id=link.id)


def test_helpdesk_agent_refused(session, actor):
    link = link_of(session, customers.request_relationship_link(session, actor(CONTOSO)).url)
    helpdesk = actor("helpdesk@contoso.example")
    with pytest.raises(PermissionDenied):
        invitations.list_invitations(session, helpdesk)
    with pytest.raises(PermissionDenied):
        invitations.revoke_invitation(session, helpdesk, link_id=link.id)
    with pytest.raises(PermissionDenied):
        invitations.new_link(session, helpdesk, link_id=link.id)
    with pytest.raises(PermissionDenied):
        invitations.list_invitations(session, actor("admin@adatum.example"))
    session.refresh(link)
    assert link.status == LinkStatus.PENDING
