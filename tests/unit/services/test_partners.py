"""Indirect providers and resellers: directory, authorization links and partnerships (services only)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from rxapp.errors import Conflict, LinkInvalid, NotFound, PermissionDenied, ValidationFailed
from rxapp.models import (
    AdminRole,
    AgentRole,
    AuditEvent,
    Link,
    LinkStatus,
    Organization,
    OrgKind,
    OutboxEmail,
    Relationship,
    RelationshipKind,
    RelationshipStatus,
    User,
    utcnow,
)
from rxapp.permissions import Actor
from rxapp.services import auth, partners
from rxapp.services.mail import extract_links

FABRIKAM = "admin@fabrikam.example"
CONTOSO = "admin@contoso.example"
HELPDESK = "helpdesk@contoso.example"
ADATUM = "admin@adatum.example"
PLATFORM = "ops@platform.example"


def token_of(link_url: str) -> str:
    return link_url.rsplit("/", 1)[1]


def emails_to(session: Session, address: str) -> list[OutboxEmail]:
    return list(session.exec(select(OutboxEmail).where(OutboxEmail.to_address == address).order_by(OutboxEmail.id)))


def audit_actions(session: Session, org_id: int) -> list[str]:
    return list(session.exec(select(AuditEvent.action).where(AuditEvent.org_id == org_id).order_by(AuditEvent.id)))


@pytest.fixture
def invite(session, actor) -> Callable[..., str]:
    """`invite()`: Fabrikam invites Contoso (or whom the keyword arguments say); returns the token."""

    def make(**kwargs) -> str:
        _link, token = partners.invite_reseller(session, actor(FABRIKAM), **(kwargs or {"email": CONTOSO}))
        session.commit()
        return token

    return make


def add_provider(session: Session, name: str = "Litware Distribution", *, published: bool = False) -> Actor:
    provider = Organization(
        kind=OrgKind.PROVIDER,
        name=name,
        country="US",
        domain=f"{name.split()[0].lower()}.example",
        directory_published=published,
        contact_email=f"partners@{name.split()[0].lower()}.example",
    )
    session.add(provider)
    session.flush()
    user = User(
        org_id=provider.id,
        email=f"admin@{name.split()[0].lower()}.example",
        full_name=f"{name} Admin",
        password_hash="x",
        agent_role=AgentRole.ADMIN_AGENT,
        admin_role=AdminRole.GLOBAL_ADMIN,
    )
    session.add(user)
    session.commit()
    return auth.actor_for(user, provider)


@pytest.fixture
def partnership(session, actor, invite) -> Callable[[], Relationship]:
    """`partnership()`: Contoso authorizes Fabrikam's invitation; returns the relationship."""

    def make() -> Relationship:
        rel = partners.authorize_provider(session, actor(CONTOSO), token=invite())
        session.commit()
        return rel

    return make


# ------------------------------------------------------------------------------------------- directory


def test_directory_lists_published_providers_with_search_and_country(session):
    add_provider(session, "Litware Distribution", published=True)
    add_provider(session, "Hidden Supply", published=False)
    names = [e.name for e in partners.list_directory(session)]
    assert names == ["Fabrikam Distribution Korea", "Litware Distribution"]
    assert [e.name for e in partners.list_directory(session, query="fabri")] == ["Fabrikam Distribution Korea"]
    assert [e.name for e in partners.list_directory(session, country="us")] == ["Litware Distribution"]
    assert partners.list_directory(session, query="zzz") == []
    fabrikam = partners.list_directory(session, country="KR")[0]
    assert fabrikam.contact_email == "partners@fabrikam.example"
    assert fabrikam.support_phone
    assert "Azure" in fabrikam.programs
    assert [code for code, _ in partners.directory_countries(session)] == ["KR", "US"]


def test_platform_publishes_and_unpublishes_providers(session, actor, org):
    ops = actor(PLATFORM)
    litware = add_provider(session)
    assert {e.name for e in partners.list_directory_admin(session, ops)} >= {"Litware Distribution"}
    partners.set_directory_published(session, ops, org_id=litware.org_id, published=True)
    session.commit()
    assert "Litware Distribution" in [e.name for e in partners.list_directory(session)]
    assert emails_to(session, "admin@litware.example")[-1].subject.startswith("Litware Distribution is listed")
    with pytest.raises(Conflict):
        partners.set_directory_published(session, ops, org_id=litware.org_id, published=True)
    partners.set_directory_published(session, ops, org_id=litware.org_id, published=False)
    session.commit()
    assert "Litware Distribution" not in [e.name for e in partners.list_directory(session)]
    assert "partners.directory_unpublished" in audit_actions(session, litware.org_id)
    # Only providers can be published.
    with pytest.raises(NotFound):
        partners.set_directory_published(session, ops, org_id=org("Contoso").id, published=True)


@pytest.mark.parametrize("email", [FABRIKAM, CONTOSO, HELPDESK, ADATUM])
def test_only_platform_staff_manage_the_directory(session, email, actor, org):
    with pytest.raises(PermissionDenied):
        partners.set_directory_published(session, actor(email), org_id=org("Fabrikam").id, published=False)
    with pytest.raises(PermissionDenied):
        partners.list_directory_admin(session, actor(email))


# ----------------------------------------------------------------------------------------- invitations


def test_invite_by_email_emails_a_personalized_link(session, org, invite):
    token = invite()
    link = session.exec(select(Link)).one()
    assert link.target_org_id == org("Contoso").id
    assert link.target_email == CONTOSO
    assert link.provider_org_id == org("Fabrikam").id
    assert link.status == LinkStatus.PENDING
    assert link.token_hash != token
    assert len(token) >= 43
    email = emails_to(session, CONTOSO)[-1]
    assert "Fabrikam Distribution Korea invites you" in email.subject
    urls = extract_links(email.body)
    assert urls == [f"http://localhost:3000/authorize/{token}"]
    assert "administrator access" in email.body
    assert "관리자 액세스" in email.body
    assert "partners.invitation_sent" in audit_actions(session, org("Fabrikam").id)


def test_invite_by_mpn_id_emails_the_resellers_global_admins(session, org, invite):
    invite(mpn_id="5000001")
    link = session.exec(select(Link)).one()
    assert link.target_mpn_id == "5000001"
    assert link.target_email is None
    assert link.target_org_id == org("Contoso").id
    assert len(emails_to(session, CONTOSO)) == 1
    assert emails_to(session, HELPDESK) == []  # not a Global admin


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"email": "nobody@nowhere.example"}, "partners.no_reseller_email"),
        ({"email": ADATUM}, "partners.no_reseller_email"),  # a customer
        ({"email": "admin@northwind.example"}, "partners.no_reseller_email"),  # not enrolled yet
        ({"email": "not an email"}, "validation.email_invalid"),
        ({"mpn_id": "9999999"}, "partners.no_reseller_mpn"),
        ({"mpn_id": "6000001"}, "partners.no_reseller_mpn"),  # registry profile without a Partner Center account
        ({"mpn_id": "12ab"}, "partners.mpn_invalid"),
        ({"mpn_id": ""}, "validation.required"),
        ({"email": CONTOSO, "message": "x" * 1001}, "validation.too_long"),
    ],
)
def test_invite_refuses_what_is_not_an_enrolled_reseller(session, kwargs, code, actor):
    with pytest.raises(ValidationFailed) as refused:
        partners.invite_reseller(session, actor(FABRIKAM), **kwargs)
    assert refused.value.code == code
    assert session.exec(select(Link)).all() == []


@pytest.mark.parametrize("email", [CONTOSO, HELPDESK, ADATUM, PLATFORM])
def test_only_provider_agents_and_global_admins_invite(session, email, actor):
    with pytest.raises(PermissionDenied):
        partners.invite_reseller(session, actor(email), email=CONTOSO)


def test_a_new_invitation_voids_the_pending_one(session, actor, invite):
    first = invite()
    second = invite()
    with pytest.raises(LinkInvalid) as refused:
        partners.view_authorization(session, actor(CONTOSO), token=first)
    assert refused.value.code == "link.revoked"
    assert partners.view_authorization(session, actor(CONTOSO), token=second).provider_name


def test_invite_refused_when_already_partners(session, actor, partnership):
    partnership()
    with pytest.raises(Conflict) as refused:
        partners.invite_reseller(session, actor(FABRIKAM), email=CONTOSO)
    assert refused.value.code == "partners.already_partners"


def test_resend_voids_the_old_link_and_sends_a_new_one(session, actor, invite):
    old_token = invite()
    old = session.exec(select(Link)).one()
    _new, new_token = partners.resend_invitation(session, actor(FABRIKAM), link_id=old.id)
    session.commit()
    session.refresh(old)
    assert old.status == LinkStatus.SUPERSEDED
    assert len(emails_to(session, CONTOSO)) == 2
    assert new_token in emails_to(session, CONTOSO)[-1].body
    with pytest.raises(LinkInvalid, match="link.revoked"):
        partners.authorize_provider(session, actor(CONTOSO), token=old_token)
    with pytest.raises(Conflict):
        partners.resend_invitation(session, actor(FABRIKAM), link_id=old.id)
    assert partners.authorize_provider(session, actor(CONTOSO), token=new_token).id


def test_resend_and_revoke_only_own_invitations(session, actor, invite):
    invite()
    link = session.exec(select(Link)).one()
    litware = add_provider(session)
    with pytest.raises(NotFound):
        partners.resend_invitation(session, litware, link_id=link.id)
    with pytest.raises(NotFound):
        partners.revoke_invitation(session, litware, link_id=link.id)
    with pytest.raises(NotFound):
        partners.revoke_invitation(session, actor(FABRIKAM), link_id=987654)
    with pytest.raises(PermissionDenied):
        partners.revoke_invitation(session, actor(CONTOSO), link_id=link.id)
    assert partners.list_invitations(session, litware) == []


def test_authorizing_after_revoke_is_refused(session, actor, org, invite):
    token = invite()
    link = session.exec(select(Link)).one()
    partners.revoke_invitation(session, actor(FABRIKAM), link_id=link.id)
    session.commit()
    assert "withdrew" in emails_to(session, CONTOSO)[-1].subject
    with pytest.raises(LinkInvalid) as refused:
        partners.authorize_provider(session, actor(CONTOSO), token=token)
    assert refused.value.code == "link.revoked"
    with pytest.raises(Conflict):
        partners.revoke_invitation(session, actor(FABRIKAM), link_id=link.id)
    assert session.exec(select(Relationship)).all() == []
    assert "partners.invitation_revoked" in audit_actions(session, org("Fabrikam").id)


def test_list_invitations_shows_status_and_expiry(session, actor, invite):
    invite()
    link = session.exec(select(Link)).one()
    [row] = partners.list_invitations(session, actor(FABRIKAM))
    assert (row.reseller_name, row.sent_to, row.status, row.can_resend, row.can_revoke) == (
        "Contoso Cloud Partners",
        CONTOSO,
        "pending",
        True,
        True,
    )
    link.expires_at = utcnow() - timedelta(minutes=1)
    session.add(link)
    session.commit()
    [row] = partners.list_invitations(session, actor(FABRIKAM))
    assert row.status == "expired"
    assert row.can_resend
    assert not row.can_revoke
    with pytest.raises(PermissionDenied):
        partners.list_invitations(session, actor(CONTOSO))


# ------------------------------------------------------------------------------------- the link itself


def test_view_shows_provider_and_marks_opened_once(session, actor, org, invite):
    token = invite()
    view = partners.view_authorization(session, actor(CONTOSO), token=token)
    session.commit()
    assert view.provider_name == "Fabrikam Distribution Korea"
    assert view.reseller_name == "Contoso Cloud Partners"
    assert view.can_authorize
    assert view.provider_contact_email == "partners@fabrikam.example"
    partners.view_authorization(session, actor(CONTOSO), token=token)
    session.commit()
    assert session.exec(select(Link)).one().opened_at is not None
    assert audit_actions(session, org("Fabrikam").id).count("partners.invitation_opened") == 1
    helpdesk_view = partners.view_authorization(session, actor(HELPDESK), token=token)
    assert not helpdesk_view.can_authorize


@pytest.mark.parametrize("email", [FABRIKAM, ADATUM, PLATFORM, "admin@northwind.example"])
def test_a_user_of_another_organization_gets_wrong_account(session, email, actor, invite):
    token = invite()
    for call in (partners.view_authorization, partners.authorize_provider, partners.decline_authorization):
        with pytest.raises(LinkInvalid) as refused:
            call(session, actor(email), token=token)
        assert refused.value.code == "link.wrong_account"


def test_only_a_global_admin_may_authorize(session, actor, invite):
    token = invite()
    for call in (partners.authorize_provider, partners.decline_authorization):
        with pytest.raises(PermissionDenied) as refused:
            call(session, actor(HELPDESK), token=token)
        assert refused.value.params["roles"] == ["global_admin"]
    session.rollback()
    assert session.exec(select(Link)).one().status == LinkStatus.PENDING


def test_authorize_creates_the_partnership_both_sides_see(session, actor, invite):
    token = invite()
    contoso, fabrikam = actor(CONTOSO), actor(FABRIKAM)
    rel = partners.authorize_provider(session, contoso, token=token)
    session.commit()
    assert (rel.kind, rel.status) == (RelationshipKind.PROVIDER_RESELLER, RelationshipStatus.ACTIVE)
    assert (rel.partner_org_id, rel.client_org_id) == (fabrikam.org_id, contoso.org_id)
    link = session.exec(select(Link)).one()
    assert (link.status, link.used_by_user_id, rel.via_link_id) == (LinkStatus.ACCEPTED, contoso.user_id, link.id)
    [provider_row] = partners.list_partnerships(session, contoso)
    assert provider_row.name == "Fabrikam Distribution Korea"
    assert provider_row.started_on
    [reseller_row] = partners.list_partnerships(session, fabrikam)
    assert reseller_row.name == "Contoso Cloud Partners"
    assert reseller_row.id == rel.id
    assert partners.list_partnerships(session, actor(HELPDESK))[0].id == rel.id
    assert "authorized you" in emails_to(session, FABRIKAM)[-1].subject
    assert "is now your indirect provider" in emails_to(session, CONTOSO)[-1].subject
    assert "partners.provider_authorized" in audit_actions(session, contoso.org_id)
    assert "partners.invitation_accepted" in audit_actions(session, fabrikam.org_id)
    assert partners.list_invitations(session, fabrikam)[0].status == "accepted"


def test_a_used_link_is_refused(session, actor, invite):
    token = invite()
    partners.authorize_provider(session, actor(CONTOSO), token=token)
    session.commit()
    for call in (partners.view_authorization, partners.authorize_provider, partners.decline_authorization):
        with pytest.raises(LinkInvalid) as refused:
            call(session, actor(CONTOSO), token=token)
        assert refused.value.code == "link.used"
    assert len(session.exec(select(Relationship)).all()) == 1


def test_expired_and_unknown_links_get_their_own_message(session, actor, invite):
    token = invite()
    with pytest.raises(LinkInvalid, match="link.not_found"):
        partners.view_authorization(session, actor(CONTOSO), token=token + "x")
    link = session.exec(select(Link)).one()
    link.expires_at = utcnow() - timedelta(seconds=1)
    session.add(link)
    session.commit()
    with pytest.raises(LinkInvalid, match="link.expired"):
        partners.authorize_provider(session, actor(CONTOSO), token=token)


def test_decline_settles_the_link_and_tells_the_provider(session, actor, invite):
    token = invite()
    partners.decline_authorization(session, actor(CONTOSO), token=token)
    session.commit()
    assert session.exec(select(Link)).one().status == LinkStatus.DECLINED
    assert "declined" in emails_to(session, FABRIKAM)[-1].subject
    with pytest.raises(LinkInvalid, match="link.declined"):
        partners.authorize_provider(session, actor(CONTOSO), token=token)
    assert session.exec(select(Relationship)).all() == []


def test_two_authorizations_of_one_link_at_the_same_moment_make_one_partnership(engine, actor, invite):
    token = invite()
    contoso = actor(CONTOSO)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt() -> None:
        with Session(engine) as session:
            barrier.wait()
            try:
                partners.authorize_provider(session, contoso, token=token)
                session.commit()
                result = "ok"
            except (LinkInvalid, Conflict) as refusal:
                session.rollback()
                result = refusal.code
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # The loser is refused either at the link (already used) or, if it read the link before the winner
    # committed, at the pair's unique index (already partners): never a second partnership.
    assert len(outcomes) == 2
    assert outcomes.count("ok") == 1
    assert set(outcomes) - {"ok"} <= {"link.used", "partners.already_partners"}
    with Session(engine) as session:
        assert len(session.exec(select(Relationship)).all()) == 1


def test_two_links_for_one_pair_cannot_make_two_partnerships(session, actor, org, invite):
    # A second pending link (e.g. made before a bug fix or by another path) must not duplicate the pair.
    from rxapp.services import links

    first = invite()
    _link, second = links.issue_link(
        session,
        purpose=partners.PURPOSE,
        issuer_org_id=org("Fabrikam").id,
        target_org_id=org("Contoso").id,
        provider_org_id=org("Fabrikam").id,
    )
    session.commit()
    partners.authorize_provider(session, actor(CONTOSO), token=first)
    session.commit()
    with pytest.raises(Conflict, match="partners.already_partners"):
        partners.authorize_provider(session, actor(CONTOSO), token=second)


# -------------------------------------------------------------------------------------- partnerships


@pytest.mark.parametrize("email", [ADATUM, PLATFORM])
def test_customers_and_platform_have_no_partnership_pages(session, email, actor):
    with pytest.raises(PermissionDenied):
        partners.list_partnerships(session, actor(email))


def test_partnership_search(session, actor, partnership):
    partnership()
    fabrikam = actor(FABRIKAM)
    for query in ("CONTOSO", "5000001", "contoso.example"):
        assert [p.name for p in partners.list_partnerships(session, fabrikam, query=query)] == [
            "Contoso Cloud Partners"
        ]
    assert partners.list_partnerships(session, fabrikam, query="adatum") == []


@pytest.mark.parametrize("ender", [FABRIKAM, CONTOSO])
def test_either_side_ends_a_partnership_and_history_is_kept(session, ender, actor, partnership):
    rel = partnership()
    partners.end_partnership(session, actor(ender), relationship_id=rel.id)
    session.commit()
    session.refresh(rel)
    assert rel.status == RelationshipStatus.ENDED
    assert rel.ended_at is not None
    assert rel.ended_by_user_id == actor(ender).user_id
    for side in (FABRIKAM, CONTOSO):
        assert partners.list_partnerships(session, actor(side)) == []
        [past] = partners.list_partnerships(session, actor(side), active=False)
        assert past.status == "ended"
        assert past.ended_on
        assert "partners.partnership_ended" in audit_actions(session, actor(side).org_id)
        assert "ended" in emails_to(session, side)[-1].subject
    with pytest.raises(Conflict, match="partners.already_ended"):
        partners.end_partnership(session, actor(ender), relationship_id=rel.id)
    # A new invitation and authorization make a new partnership; the old row stays.
    partnership()
    assert len(partners.list_partnerships(session, actor(CONTOSO))) == 1
    assert len(partners.list_partnerships(session, actor(CONTOSO), active=False)) == 1


def test_ending_is_refused_to_helpdesk_and_to_outsiders(session, actor, partnership):
    rel = partnership()
    with pytest.raises(PermissionDenied):
        partners.end_partnership(session, actor(HELPDESK), relationship_id=rel.id)
    with pytest.raises(NotFound):
        partners.end_partnership(session, add_provider(session), relationship_id=rel.id)
    with pytest.raises(PermissionDenied):
        partners.end_partnership(session, actor(ADATUM), relationship_id=rel.id)
    session.rollback()
    assert session.get(Relationship, rel.id).status == RelationshipStatus.ACTIVE


def test_another_provider_does_not_see_the_partnership(session, partnership):
    partnership()
    litware = add_provider(session)
    assert partners.list_partnerships(session, litware) == []
    assert partners.list_invitations(session, litware) == []


def test_catalog_has_every_partners_text_in_english_and_korean():
    from rxapp.i18n import partners as texts

    assert set(texts.EN) == set(texts.KO)
    assert all(texts.KO[key].strip() for key in texts.KO)
    assert texts.EN["partners.authorize.submit"] == "Authorize indirect provider"
    assert texts.KO["nav.indirect_providers"] == "간접 공급자"
    assert texts.KO["partners.view_customers"] == "고객 보기"


@pytest.mark.parametrize("bad_id", ["not-a-number", None, "1; drop table"])
def test_ids_that_are_not_numbers_are_not_found(session, actor, bad_id):
    fabrikam = actor("admin@fabrikam.example")
    with pytest.raises(NotFound):
        partners.end_partnership(session, fabrikam, relationship_id=bad_id)
    with pytest.raises(NotFound):
        partners.revoke_invitation(session, fabrikam, link_id=bad_id)
