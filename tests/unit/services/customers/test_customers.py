"""Customers (SPEC 5): list/search/paging/export, details, links, acceptance, Partners page, delegated admin."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from rxapp.errors import Conflict, DomainError, LinkInvalid, NotFound, PermissionDenied, ValidationFailed
from rxapp.models import (
    AuditEvent,
    CustomerUser,
    DelegatedAdminGrant,
    DelegatedAdminStatus,
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
from rxapp.services import customers
from rxapp.services.auth import actor_for
from rxapp.services.customers import search_sql
from rxapp.services.relationships import require_delegated_admin
from rxapp.services.search_index import install_search_index
from tests.unit.services.customers.builders import many_customers

PASSWORD = "Correct-horse-battery-42"


@pytest.fixture
def search_index() -> bool:
    """Whether the database has the trigram search index (as the migration makes it); a test may say False."""
    return True


@pytest.fixture
def engine(engine, search_index):
    if search_index:
        with engine.begin() as conn:
            install_search_index(conn)
    return engine


def token_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


@pytest.fixture
def partnership(session, org) -> Callable[[], None]:
    """`partnership()`: an active Fabrikam (provider) – Contoso (reseller) partnership, as issue 5 creates it."""

    def make() -> None:
        session.add(
            Relationship(
                kind=RelationshipKind.PROVIDER_RESELLER,
                partner_org_id=org("Fabrikam Distribution Korea").id,
                client_org_id=org("Contoso Cloud Partners").id,
            )
        )
        session.flush()

    return make


@pytest.fixture
def accept_contoso(session, actor) -> Callable[[], str]:
    """`accept_contoso()`: Adatum accepts Contoso's relationship link; returns the link."""

    def make() -> str:
        contoso, adatum = actor("admin@contoso.example"), actor("admin@adatum.example")
        url = customers.request_relationship_link(session, contoso).url
        customers.accept_link(session, adatum, token=token_of(url))
        session.commit()
        return url

    return make


# ------------------------------------------------------------------------------------------ links & acceptance


def test_request_link_then_customer_accepts(session, actor):
    contoso, adatum = actor("admin@contoso.example"), actor("admin@adatum.example")
    draft = customers.request_relationship_link(session, contoso)
    assert "/accept/" in draft.url
    assert draft.reseller_name == "Contoso Cloud Partners"
    info = customers.describe_link(session, token=token_of(draft.url))
    assert info.reseller == "Contoso Cloud Partners"
    assert info.purpose == "customer_relationship"
    # opening changes nothing but the opened mark
    assert customers.list_customers(session, contoso).total == 0
    result = customers.accept_link(session, adatum, token=token_of(draft.url))
    assert result.reseller == "Contoso Cloud Partners"
    page = customers.list_customers(session, contoso)
    assert [row.name for row in page.rows] == ["Adatum Corporation"]
    assert page.rows[0].delegated_admin == "active"
    grant = session.exec(select(DelegatedAdminGrant)).one()
    assert timedelta(days=364) < grant.expires_at - utcnow() <= timedelta(days=365)
    assert session.exec(select(Link)).one().status == LinkStatus.ACCEPTED
    assert session.exec(select(OutboxEmail).where(OutboxEmail.to_address == "admin@contoso.example")).first()
    actions = {e.action for e in session.exec(select(AuditEvent)).all()}
    assert {"link.sent", "link.opened", "link.accepted", "customers.delegated_admin_granted"} <= actions
    with pytest.raises(LinkInvalid) as used:
        customers.accept_link(session, adatum, token=token_of(draft.url))
    assert used.value.code == "link.used"


def test_helpdesk_agent_cannot_request_relationship(session, actor):
    with pytest.raises(PermissionDenied):
        customers.request_relationship_link(session, actor("helpdesk@contoso.example"))


def test_only_customer_global_admin_accepts(session, actor):
    contoso = actor("admin@contoso.example")
    url = customers.request_relationship_link(session, contoso).url
    for email in ("admin@contoso.example", "admin@fabrikam.example"):
        with pytest.raises(PermissionDenied):
            customers.accept_link(session, actor(email), token=token_of(url))


def test_bad_links_say_why(session, actor):
    contoso, adatum = actor("admin@contoso.example"), actor("admin@adatum.example")
    with pytest.raises(LinkInvalid) as missing:
        customers.describe_link(session, token="nope")
    assert missing.value.code == "link.not_found"
    url = customers.request_relationship_link(session, contoso).url
    link = session.exec(select(Link)).one()
    link.expires_at = utcnow() - timedelta(seconds=1)
    session.add(link)
    with pytest.raises(LinkInvalid) as expired:
        customers.accept_link(session, adatum, token=token_of(url))
    assert expired.value.code == "link.expired"
    url2 = customers.request_relationship_link(session, contoso).url
    customers.decline_link(session, adatum, token=token_of(url2))
    with pytest.raises(LinkInvalid) as declined:
        customers.describe_link(session, token=token_of(url2))
    assert declined.value.code == "link.declined"
    assert customers.list_customers(session, contoso).total == 0


def test_concurrent_acceptance_creates_exactly_one_relationship(engine, actor):
    with Session(engine) as session:
        url = customers.request_relationship_link(session, actor("admin@contoso.example")).url
        adatum = actor("admin@adatum.example")
        session.commit()
    token = token_of(url)
    barrier = threading.Barrier(4)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt():
        barrier.wait()
        try:
            with Session(engine) as s:
                customers.accept_link(s, adatum, token=token)
                s.commit()
            outcome = "ok"
        except (DomainError, sa.exc.OperationalError) as error:
            outcome = type(error).__name__
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 1, outcomes
    with Session(engine) as session:
        rels = session.exec(select(Relationship).where(Relationship.kind == RelationshipKind.RESELLER_CUSTOMER)).all()
        assert len(rels) == 1
        assert len(session.exec(select(DelegatedAdminGrant)).all()) == 1


def test_active_pair_index_refuses_duplicates(session, org):
    contoso, adatum = org("Contoso Cloud Partners"), org("Adatum Corporation")
    session.add(
        Relationship(kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=contoso.id, client_org_id=adatum.id)
    )
    session.flush()
    session.add(
        Relationship(kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=contoso.id, client_org_id=adatum.id)
    )
    with pytest.raises(sa.exc.IntegrityError):
        session.flush()


def test_two_party_invitation_new_customer_account(session, actor, org, partnership):
    partnership()
    contoso, fabrikam = actor("admin@contoso.example"), actor("admin@fabrikam.example")
    fabrikam_id = org("Fabrikam Distribution Korea").id
    assert customers.list_partner_providers(session, contoso) == [
        customers.OrgChoice(id=fabrikam_id, name="Fabrikam Distribution Korea")
    ]
    draft = customers.invite_new_customer_link(session, contoso, provider_org_id=fabrikam_id)
    assert draft.provider_name == "Fabrikam Distribution Korea"
    info = customers.describe_link(session, token=token_of(draft.url))
    assert info.provider == "Fabrikam Distribution Korea"
    assert info.can_create_account
    with pytest.raises(ValidationFailed) as weak:
        customers.create_customer_account(
            session,
            token=token_of(draft.url),
            company="Woodgrove Bank",
            country="KR",
            domain="woodgrove.example",
            admin_name="Woo Admin",
            email="admin@woodgrove.example",
            password="password1234",
        )
    assert weak.value.field == "password"
    user = customers.create_customer_account(
        session,
        token=token_of(draft.url),
        company="Woodgrove Bank",
        country="KR",
        domain="woodgrove.example",
        admin_name="Woo Admin",
        email="admin@woodgrove.example",
        password=PASSWORD,
    )
    with pytest.raises(LinkInvalid) as used:  # one link creates at most one organization
        customers.create_customer_account(
            session,
            token=token_of(draft.url),
            company="Other",
            country="KR",
            domain="other.example",
            admin_name="X Y",
            email="x@other.example",
            password=PASSWORD,
        )
    assert used.value.code == "link.account_created"
    woodgrove = actor_for(user, session.get(Organization, user.org_id))
    customers.accept_link(session, woodgrove, token=token_of(draft.url))
    assert [r.name for r in customers.list_customers(session, contoso).rows] == ["Woodgrove Bank"]
    assert [r.name for r in customers.list_customers(session, fabrikam).rows] == ["Woodgrove Bank"]
    # provider filters by indirect reseller
    contoso_id = org("Contoso Cloud Partners").id
    assert customers.list_customers(session, fabrikam, via_reseller_id=contoso_id).total == 1
    assert customers.list_indirect_resellers(session, fabrikam)[0].name == "Contoso Cloud Partners"


def test_invite_needs_active_partnership(session, actor, org):
    contoso = actor("admin@contoso.example")
    fabrikam_id = org("Fabrikam Distribution Korea").id
    with pytest.raises(NotFound):
        customers.invite_new_customer_link(session, contoso, provider_org_id=fabrikam_id)
    with pytest.raises(NotFound):
        customers.list_customers(
            session, actor("admin@fabrikam.example"), via_reseller_id=org("Contoso Cloud Partners").id
        )


def test_partnership_ended_before_acceptance(session, actor, org, partnership):
    partnership()
    contoso, adatum = actor("admin@contoso.example"), actor("admin@adatum.example")
    url = customers.invite_new_customer_link(
        session, contoso, provider_org_id=org("Fabrikam Distribution Korea").id
    ).url
    rel = session.exec(select(Relationship)).one()
    rel.status = RelationshipStatus.ENDED
    session.add(rel)
    with pytest.raises(DomainError) as ended:
        customers.accept_link(session, adatum, token=token_of(url))
    assert ended.value.code == "customers.partnership_ended"


# ------------------------------------------------------------------------------------------ isolation


def test_provider_without_relationship_cannot_act_for_customer(session, actor, org, accept_contoso):
    accept_contoso()
    fabrikam = actor("admin@fabrikam.example")
    adatum_id = org("Adatum Corporation").id
    with pytest.raises(NotFound):
        customers.customer_detail(session, fabrikam, customer_org_id=adatum_id)
    with pytest.raises(NotFound):
        customers.add_customer_user(
            session, fabrikam, customer_org_id=adatum_id, display_name="Eve", user_principal_name="eve@adatum.example"
        )
    assert customers.list_customers(session, fabrikam).total == 0


def test_tenant_isolation_between_resellers(session, org, accept_contoso):
    accept_contoso()
    other = Organization(kind=OrgKind.RESELLER, name="Litware Resellers", country="KR", domain="litware.example")
    session.add(other)
    session.flush()
    litware_user = User(
        org_id=other.id,
        email="admin@litware.example",
        full_name="L",
        password_hash="x",
        agent_role="admin_agent",
        admin_role="global_admin",
    )
    session.add(litware_user)
    session.flush()
    litware = actor_for(litware_user, other)
    adatum_id = org("Adatum Corporation").id
    assert customers.list_customers(session, litware, search="adatum").total == 0
    with pytest.raises(NotFound):
        customers.customer_detail(session, litware, customer_org_id=adatum_id)
    with pytest.raises(NotFound):
        customers.customer_detail(session, litware, customer_org_id="not-a-number")
    with pytest.raises(NotFound):
        customers.request_delegated_admin(session, litware, customer_org_id=adatum_id)
    tailspin = org("Tailspin Toys Korea")
    ga = User(
        org_id=tailspin.id, email="ga@tailspin.example", full_name="T", password_hash="x", admin_role="global_admin"
    )
    session.add(ga)
    session.flush()
    with pytest.raises(NotFound):  # a customer's Partners rows belong to that customer only
        customers.remove_relationship(
            session, actor_for(ga, tailspin), relationship_id=session.exec(select(Relationship)).one().id
        )
    with pytest.raises(NotFound):
        customers.remove_delegated_admin(
            session, actor_for(ga, tailspin), reseller_org_id=org("Contoso Cloud Partners").id
        )
    assert customers.list_partners(session, actor_for(ga, tailspin)).current == []


# ------------------------------------------------------------------------------------------ delegated admin


def test_removed_delegated_admin_refuses_admin_actions(session, actor, org, accept_contoso):
    accept_contoso()
    contoso, adatum = actor("admin@contoso.example"), actor("admin@adatum.example")
    adatum_id = org("Adatum Corporation").id
    customers.add_customer_user(
        session, contoso, customer_org_id=adatum_id, display_name="Kim Min", user_principal_name="kim@adatum.example"
    )
    with pytest.raises(ValidationFailed):
        customers.add_customer_user(
            session, contoso, customer_org_id=adatum_id, display_name="X", user_principal_name="x@elsewhere.example"
        )
    detail = customers.customer_detail(session, contoso, customer_org_id=adatum_id)
    assert detail.delegated_admin == "active"
    assert detail.users is not None
    assert detail.users[0].upn == "kim@adatum.example"
    assert [p.name for p in detail.resellers] == ["Contoso Cloud Partners"]
    helpdesk = actor("helpdesk@contoso.example")
    with pytest.raises(PermissionDenied):
        customers.list_customer_users(session, helpdesk, customer_org_id=adatum_id)
    partners = customers.list_partners(session, adatum)
    assert partners.current[0].delegated_admin == "active"
    customers.remove_delegated_admin(session, adatum, reseller_org_id=partners.current[0].partner_id)
    with pytest.raises(PermissionDenied) as refused:
        customers.list_customer_users(session, contoso, customer_org_id=adatum_id)
    assert refused.value.code == "customers.delegated_admin_required"
    with pytest.raises(PermissionDenied):
        customers.add_customer_user(
            session, contoso, customer_org_id=adatum_id, display_name="Lee", user_principal_name="lee@adatum.example"
        )
    detail = customers.customer_detail(session, contoso, customer_org_id=adatum_id)
    assert detail.delegated_admin == "removed"
    assert detail.users is None
    assert customers.list_partners(session, adatum).removed_grants
    # re-request, customer approves, admin actions work again
    url = customers.request_delegated_admin(session, contoso, customer_org_id=adatum_id)
    assert session.exec(select(OutboxEmail).where(OutboxEmail.to_address == "admin@adatum.example")).first()
    info = customers.describe_link(session, token=token_of(url))
    assert info.purpose == "delegated_admin"
    assert not info.can_create_account
    customers.accept_link(session, adatum, token=token_of(url))
    assert len(customers.list_customer_users(session, contoso, customer_org_id=adatum_id)) == 1
    # while they are live, a new request asks for an extension (its own email)
    customers.request_delegated_admin(session, contoso, customer_org_id=adatum_id, days=90)
    assert session.exec(
        select(OutboxEmail).where(
            OutboxEmail.to_address == "admin@adatum.example", OutboxEmail.subject.contains("extend")
        )
    ).first()


def test_expired_delegated_admin_stops_working(session, actor, org, accept_contoso):
    accept_contoso()
    contoso = actor("admin@contoso.example")
    adatum_id = org("Adatum Corporation").id
    grant = session.exec(select(DelegatedAdminGrant)).one()
    grant.expires_at = utcnow() - timedelta(minutes=1)
    session.add(grant)
    session.flush()
    with pytest.raises(PermissionDenied):
        require_delegated_admin(session, contoso, adatum_id)
    assert customers.list_customers(session, contoso).rows[0].delegated_admin == "expired"
    assert customers.request_delegated_admin(session, contoso, customer_org_id=adatum_id)


def test_delegated_admin_link_for_another_customer_is_refused(session, actor, org, accept_contoso):
    accept_contoso()
    contoso = actor("admin@contoso.example")
    adatum_id = org("Adatum Corporation").id
    customers.remove_delegated_admin(session, actor("admin@adatum.example"), reseller_org_id=contoso.org_id)
    url = customers.request_delegated_admin(session, contoso, customer_org_id=adatum_id)
    other = Organization(kind=OrgKind.CUSTOMER, name="Tail Two", country="KR", domain="tail2.example")
    session.add(other)
    session.flush()
    u = User(org_id=other.id, email="ga@tail2.example", full_name="G", password_hash="x", admin_role="global_admin")
    session.add(u)
    session.flush()
    with pytest.raises(LinkInvalid) as wrong:
        customers.accept_link(session, actor_for(u, other), token=token_of(url))
    assert wrong.value.code == "link.wrong_account"


def test_customer_removes_relationship_history_kept(session, actor, org, accept_contoso):
    accept_contoso()
    contoso, adatum = actor("admin@contoso.example"), actor("admin@adatum.example")
    rel_id = customers.list_partners(session, adatum).current[0].id
    with pytest.raises(PermissionDenied):
        customers.list_partners(session, contoso)
    customers.remove_relationship(session, adatum, relationship_id=rel_id)
    with pytest.raises(Conflict):
        customers.remove_relationship(session, adatum, relationship_id=rel_id)
    partners = customers.list_partners(session, adatum)
    assert partners.current == []
    assert partners.history[0].name == "Contoso Cloud Partners"
    assert customers.list_customers(session, contoso).total == 0
    assert session.exec(select(DelegatedAdminGrant)).one().status == DelegatedAdminStatus.REMOVED
    with pytest.raises(NotFound):
        customers.customer_detail(session, contoso, customer_org_id=org("Adatum Corporation").id)


# ------------------------------------------------------------------------------------------ list


@pytest.mark.parametrize("small", [True, False])
def test_keyset_paging_search_and_sort(session, monkeypatch, small, actor, org):
    if not small:
        monkeypatch.setattr(search_sql, "SMALL_LIST", 10)
    contoso = actor("admin@contoso.example")
    many_customers(session, contoso.org_id, 53)
    many_customers(session, org("Fabrikam Distribution Korea").id, 0)
    first = customers.list_customers(session, contoso, limit=20)
    assert first.total == 53
    assert [r.name for r in first.rows][:2] == ["Cust 0000", "Cust 0001"]
    second = customers.list_customers(session, contoso, limit=20, after=first.last)
    assert second.rows[0].name == "Cust 0020"
    back = customers.list_customers(session, contoso, limit=20, before=second.first)
    assert [r.name for r in back.rows] == [r.name for r in first.rows]
    last = customers.list_customers(session, contoso, limit=20, last_page=True)
    assert [r.name for r in last.rows] == [f"Cust {i:04d}" for i in range(40, 53)]
    desc = customers.list_customers(session, contoso, limit=5, descending=True)
    assert desc.rows[0].name == "Cust 0052"
    since = customers.list_customers(session, contoso, limit=5, sort="since", descending=True)
    assert since.rows[0].name == "Cust 0052"
    since2 = customers.list_customers(session, contoso, limit=5, sort="since", descending=True, after=since.last)
    assert since2.rows[0].name == "Cust 0047"
    # search: substring of name, domain, contact email; case-insensitive; LIKE fallback for short terms
    assert customers.list_customers(session, contoso, search="cust 001").total == 10
    assert customers.list_customers(session, contoso, search="CUST42.EXAMPLE").total == 1
    assert customers.list_customers(session, contoso, search="it@cust7.").total == 1
    assert customers.list_customers(session, contoso, search="05").total == 4
    assert customers.list_customers(session, contoso, search='"%_').total == 0
    page = customers.list_customers(session, contoso, search="cust 00", limit=5)
    nxt = customers.list_customers(session, contoso, search="cust 00", limit=5, after=page.last)
    assert [r.name for r in nxt.rows] == [f"Cust {i:04d}" for i in range(5, 10)]


@pytest.mark.parametrize("search_index", [False])
def test_search_falls_back_to_like_without_index(session, actor):
    contoso = actor("admin@contoso.example")
    many_customers(session, contoso.org_id, 12)
    assert customers.list_customers(session, contoso, search="cust 001").total == 2


def test_search_index_follows_renames(session, actor, org):
    contoso = actor("admin@contoso.example")
    many_customers(session, contoso.org_id, 3)
    o = org("Cust 0001")
    o.name = "Renamed Widgets"
    session.add(o)
    session.flush()
    assert customers.list_customers(session, contoso, search="widgets").total == 1
    assert customers.list_customers(session, contoso, search="cust 0001").total == 0


def test_export_neutralizes_formulas(session, actor, org):
    contoso = actor("admin@contoso.example")
    many_customers(session, contoso.org_id, 2)
    evil = org("Cust 0000")
    evil.name = '=HYPERLINK("http://x")'
    session.add(evil)
    session.flush()
    text = customers.export_customers_csv(session, contoso)
    lines = text.strip().splitlines()
    assert lines[0].startswith("Name,Domain")
    assert len(lines) == 3
    assert "'=HYPERLINK" in text
    assert customers.neutralize_cell("+1") == "'+1"
    assert customers.neutralize_cell("-x") == "'-x"
    assert customers.neutralize_cell("@a") == "'@a"
    assert customers.neutralize_cell("ok") == "ok"
    assert "Cust 0001" not in customers.export_customers_csv(session, contoso, search="0000")
    with pytest.raises(PermissionDenied):
        customers.export_customers_csv(session, actor("admin@adatum.example"))


def test_customer_list_permissions(session, actor):
    with pytest.raises(PermissionDenied):
        customers.list_customers(session, actor("admin@adatum.example"))
    with pytest.raises(PermissionDenied):
        customers.list_customers(session, actor("ops@platform.example"))
    assert customers.list_customers(session, actor("helpdesk@contoso.example")).total == 0
    assert session.exec(select(CustomerUser)).all() == []
