"""A new customer from a link: the organization and its Global admin, and the later confirmation that turns the
claimed email domain into the organization's verified domain."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from rxapp.boundary import column_length
from rxapp.errors import LinkInvalid, ValidationFailed
from rxapp.models import (
    AdminRole,
    AgentRole,
    Link,
    LinkPurpose,
    Organization,
    OrgKind,
    User,
)
from rxapp.models.rows import rowcount, saved_id
from rxapp.services import audit, links, mail
from rxapp.services.passwords import check_password_policy, hash_password
from rxapp.services.validation import normalize_domain, normalize_email, require_country, require_text


def create_customer_account(
    session: Session,
    *,
    token: str,
    company: str,
    country: str,
    domain: str,
    admin_name: str,
    email: str,
    password: str,
    client_address: str | None = None,
) -> User:
    """From a customer link: a new customer organization and its Global admin (who then signs in).

    A link creates at most one organization: the new one becomes the link's target in a conditional update, so
    only that organization's admin can accept it and a second (or concurrent) sign-up through it is refused.
    The domain must be the admin's email domain and is only a claim until the admin confirms the email
    (`profile.confirm_contact`): an unverified claim blocks no one else's sign-up with the same domain."""
    link = links.find_link(session, token, purposes={LinkPurpose.CUSTOMER_RELATIONSHIP, LinkPurpose.CUSTOMER_TWO_PARTY})
    if link.target_org_id is not None:
        raise LinkInvalid("link.account_created")
    company = require_text(
        company, field="customer_company", max_length=column_length(Organization, "name"), min_length=2
    )
    country = require_country(country)
    domain = normalize_domain(domain)
    name = require_text(admin_name, field="full_name", max_length=column_length(User, "full_name"))
    address = normalize_email(email)
    if address.rpartition("@")[2] != domain:
        raise ValidationFailed("customers.domain_not_email", field="domain", domain=domain)
    if session.exec(select(Organization.id).where(Organization.domain == domain)).first() is not None:
        raise ValidationFailed("customers.domain_taken", field="domain")
    if session.exec(select(User.id).where(User.email == address)).first() is not None:
        raise ValidationFailed("validation.email_taken", field="email")
    check_password_policy(password or "", context_words=[company, address.split("@")[0], name, domain])
    org = Organization(
        kind=OrgKind.CUSTOMER, name=company, country=country, claimed_domain=domain, contact_email=address
    )
    session.add(org)
    session.flush()
    claimed = session.execute(
        sa.update(Link).where(col(Link.id) == link.id, col(Link.target_org_id).is_(None)).values(target_org_id=org.id)
    )
    if rowcount(claimed) != 1:  # a concurrent sign-up through the same link won
        raise LinkInvalid("link.account_created")
    user = User(
        org_id=saved_id(org.id),
        email=address,
        full_name=name,
        password_hash=hash_password(password),
        agent_role=AgentRole.NOT_AN_AGENT,
        admin_role=AdminRole.GLOBAL_ADMIN,
    )
    session.add(user)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise ValidationFailed("validation.email_taken", field="email") from None
    verification, verify_token = links.issue_link(
        session,
        purpose=LinkPurpose.CONTACT_VERIFICATION,
        issuer_org_id=org.id,
        target_email=address,
        target_org_id=org.id,
    )
    mail.queue_catalog_email(
        session,
        to=address,
        key="mail.customer_admin_verification",
        user=name,
        org=company,
        domain=domain,
        url=links.link_url(LinkPurpose.CONTACT_VERIFICATION, verify_token),
        expires=verification.expires_at.strftime("%Y-%m-%d"),
    )
    audit.record(
        session,
        action="customers.account_created",
        org_id=org.id,
        actor_email=address,
        target_type="organization",
        target_id=org.id,
        detail=f"from link {link.id}, domain {domain} unverified",
        client_address=client_address,
    )
    return user


def verify_claimed_domain(session: Session, org: Organization, email: str) -> bool:
    """The admin confirmed `email`: a customer's claimed domain of that email becomes its verified domain,
    unless another organization verified it first (then it stays unverified). True when verified now."""
    domain = org.claimed_domain
    if org.domain is not None or not domain or email.lower().rpartition("@")[2] != domain:
        return False
    taken = session.exec(select(Organization.id).where(Organization.domain == domain)).first() is not None
    if not taken:
        org.domain, org.claimed_domain = domain, None
        session.add(org)
        try:
            with session.begin_nested():
                session.flush()
        except IntegrityError:
            taken = True
    if taken:
        session.refresh(org)
        audit.record(
            session,
            action="customers.domain_not_verified",
            org_id=org.id,
            actor_email=email,
            target_type="organization",
            target_id=org.id,
            detail=f"{domain} verified by another",
        )
        return False
    audit.record(
        session,
        action="customers.domain_verified",
        org_id=org.id,
        actor_email=email,
        target_type="organization",
        target_id=org.id,
        detail=domain,
    )
    return True
