"""Customer links that cannot be abused: one link creates at most one customer organization; the domain must be
the admin's email domain and is only a claim (blocking no one) until the admin confirms the email; the reseller
sees it as unverified until then."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from rxapp.errors import LinkInvalid, ValidationFailed
from rxapp.models import Organization, OrgKind, OutboxEmail
from rxapp.services import customers, profile

PASSWORD = "Correct-horse-battery-42"


def _token(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _sign_up(session, token, company, email, domain=None):
    return customers.create_customer_account(
        session,
        token=token,
        company=company,
        country="KR",
        domain=domain or email.rpartition("@")[2],
        admin_name="Kim Admin",
        email=email,
        password=PASSWORD,
    )


def _verification_token(session, address: str) -> str:
    mail = session.exec(
        select(OutboxEmail).where(OutboxEmail.to_address == address).order_by(OutboxEmail.id.desc())
    ).first()
    return re.search(r"/verify-contact/([A-Za-z0-9_-]+)", mail.body).group(1)


def _customers(session) -> int:
    return len(session.exec(select(Organization.id).where(Organization.kind == OrgKind.CUSTOMER)).all())


@pytest.fixture
def link(session, actor):
    """A fresh "request a relationship" link of Contoso (a reseller)."""
    return lambda: _token(customers.request_relationship_link(session, actor("admin@contoso.example")).url)


def test_one_link_creates_at_most_one_organization(session, link):
    token, before = link(), _customers(session)
    assert customers.describe_link(session, token=token).can_create_account
    _sign_up(session, token, "Woodgrove Bank", "admin@woodgrove.example")
    assert not customers.describe_link(session, token=token).can_create_account  # the page offers sign-in only
    for i in range(5):
        with pytest.raises(LinkInvalid) as refused:
            _sign_up(session, token, f"Shell {i}", f"admin@shell{i}.example")
        assert refused.value.code == "link.account_created"
    assert _customers(session) == before + 1


def test_only_the_new_organizations_admin_can_accept_the_link(session, link, actor):
    token = link()
    _sign_up(session, token, "Woodgrove Bank", "admin@woodgrove.example")
    with pytest.raises(LinkInvalid) as wrong:
        customers.accept_link(session, actor("admin@adatum.example"), token=token)
    assert wrong.value.code == "link.wrong_account"


def test_the_domain_must_be_the_admins_email_domain(session, link):
    with pytest.raises(ValidationFailed) as mismatch:
        _sign_up(session, link(), "Woodgrove Bank", "admin@woodgrove.example", domain="microsoft.example")
    assert mismatch.value.field == "domain"
    assert mismatch.value.code == "customers.domain_not_email"


@pytest.mark.usefixtures("actor")
def test_an_unverified_claim_blocks_nobody_and_the_reseller_sees_it_unverified(session, link):
    squatter = _sign_up(session, link(), "Fake Woodgrove", "ceo@woodgrove.example")
    squatter_org = session.get(Organization, squatter.org_id)
    assert squatter_org.domain is None
    assert squatter_org.claimed_domain == "woodgrove.example"
    real = _sign_up(session, link(), "Woodgrove Bank", "it@woodgrove.example")  # not "domain taken"
    real_org = session.get(Organization, real.org_id)

    profile.confirm_contact(session, token=_verification_token(session, "it@woodgrove.example"))
    assert real_org.domain == "woodgrove.example"
    assert real_org.claimed_domain is None
    # the squatter confirming later gets no domain: it was verified by the real company first
    profile.confirm_contact(session, token=_verification_token(session, "ceo@woodgrove.example"))
    session.refresh(squatter_org)
    assert squatter_org.domain is None
    with pytest.raises(ValidationFailed) as taken:
        _sign_up(session, link(), "Third", "x@woodgrove.example")
    assert taken.value.code == "customers.domain_taken"


def test_reseller_list_and_detail_mark_unverified_domains(session, link, actor):
    contoso = actor("admin@contoso.example")
    token = link()
    user = _sign_up(session, token, "Woodgrove Bank", "admin@woodgrove.example")
    from rxapp.services.auth import actor_for

    woodgrove = actor_for(user, session.get(Organization, user.org_id))
    customers.accept_link(session, woodgrove, token=token)
    row = next(r for r in customers.list_customers(session, contoso).rows if r.name == "Woodgrove Bank")
    assert (row.domain, row.domain_verified) == ("woodgrove.example", False)
    detail = customers.customer_detail(session, contoso, customer_org_id=user.org_id)
    assert (detail.domain, detail.domain_verified) == ("woodgrove.example", False)

    profile.confirm_contact(session, token=_verification_token(session, "admin@woodgrove.example"))
    row = next(r for r in customers.list_customers(session, contoso).rows if r.name == "Woodgrove Bank")
    assert (row.domain, row.domain_verified) == ("woodgrove.example", True)
    assert customers.customer_detail(session, contoso, customer_org_id=user.org_id).domain_verified is True
