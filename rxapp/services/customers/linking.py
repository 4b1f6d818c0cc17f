"""The customer link lifecycle (SPEC section 5): a partner issues a relationship, two-party or delegated admin
link; the customer's Global admin opens it, then accepts (relationships and delegated admin privileges are
created in the transaction that settles the link) or declines it. The relationship and delegated admin
checks themselves live in `relationships`; asking for delegated admin privileges in `delegated_admin_requests`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, select

from rxapp import clock
from rxapp.boundary import record_id
from rxapp.errors import Conflict, LinkInvalid, NotFound, RuleViolation
from rxapp.models import (
    DelegatedAdminGrant,
    DelegatedAdminStatus,
    Link,
    LinkPurpose,
    LinkStatus,
    Organization,
    OrgKind,
    OrgStatus,
    Relationship,
    RelationshipKind,
    User,
)
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit, leads, links, mail, webhooks
from rxapp.services.relationships import (
    active_relationship,
    has_active_relationship,
    has_partnership,
)
from rxapp.settings import get_settings

CUSTOMER_LINKS = {LinkPurpose.CUSTOMER_RELATIONSHIP, LinkPurpose.CUSTOMER_TWO_PARTY, LinkPurpose.DELEGATED_ADMIN}


@dataclass
class LinkDraft:
    url: str
    reseller_name: str
    provider_name: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class LinkDescription:
    """What a customer link asks, as its landing page shows it before sign-in."""

    purpose: str  # LinkPurpose's value
    reseller: str
    provider: str  # "" unless a two-party link
    target: str  # the organization it is addressed to, "" when none
    expires_at: datetime
    can_create_account: bool  # False for a link addressed to (or already used to create) an organization
    days: int  # how long the delegated admin privileges it grants last


@dataclass(frozen=True, slots=True)
class LinkAcceptance:
    """What accepting a customer link settled."""

    reseller: str
    provider: str  # "" unless a two-party link
    expires_at: datetime  # the delegated admin privileges'
    purpose: str  # LinkPurpose's value


def request_relationship_link(session: Session, actor: Actor) -> LinkDraft:
    """A personalized link a customer follows to accept the reseller (the partner sends it themselves)."""
    require(actor, Action.INVITE_CUSTOMERS)
    link, token = links.issue_link(
        session, purpose=LinkPurpose.CUSTOMER_RELATIONSHIP, issuer_org_id=actor.org_id, issuer_user_id=actor.user_id
    )
    audit.record(
        session,
        action="link.sent",
        actor=actor,
        target_type="link",
        target_id=link.id,
        detail=LinkPurpose.CUSTOMER_RELATIONSHIP.value,
    )
    return LinkDraft(
        url=links.link_url(link.purpose, token),
        reseller_name=actor.org_name,
        provider_name="",
        expires_at=link.expires_at,
    )


def invite_new_customer_link(session: Session, actor: Actor, *, provider_org_id: Any) -> LinkDraft:
    """A two-party link: the customer accepts the reseller and that provider as resellers of record at once."""
    require(actor, Action.INVITE_CUSTOMERS)
    provider_id = record_id(provider_org_id)
    provider = session.get(Organization, provider_id)
    if (
        provider is None
        or provider.kind != OrgKind.PROVIDER
        or not has_partnership(session, provider_org_id=provider_id, reseller_org_id=actor.org_id)
    ):
        raise NotFound()
    link, token = links.issue_link(
        session,
        purpose=LinkPurpose.CUSTOMER_TWO_PARTY,
        issuer_org_id=actor.org_id,
        issuer_user_id=actor.user_id,
        provider_org_id=provider_id,
    )
    audit.record(
        session,
        action="link.sent",
        actor=actor,
        target_type="link",
        target_id=link.id,
        detail=f"{LinkPurpose.CUSTOMER_TWO_PARTY.value} via {provider.name}",
    )
    return LinkDraft(
        url=links.link_url(link.purpose, token),
        reseller_name=actor.org_name,
        provider_name=provider.name,
        expires_at=link.expires_at,
    )


def describe_link(session: Session, *, token: str) -> LinkDescription:
    """What a customer link asks (public: the landing page shows it before sign-in). Notes the first opening;
    changes nothing else. Raises LinkInvalid saying why a link cannot be used."""
    link = links.find_link(session, token, purposes=CUSTOMER_LINKS)
    reseller = session.get(Organization, link.issuer_org_id) if link.issuer_org_id else None
    provider = session.get(Organization, link.provider_org_id) if link.provider_org_id else None
    if reseller is None or reseller.status != OrgStatus.ACTIVE:
        raise LinkInvalid("link.revoked")
    if link.opened_at is None:
        audit.record(
            session,
            action="link.opened",
            org_id=link.issuer_org_id,
            target_type="link",
            target_id=link.id,
            detail=link.purpose.value,
        )
    links.mark_opened(session, link)
    target = session.get(Organization, link.target_org_id) if link.target_org_id else None
    return LinkDescription(
        purpose=link.purpose.value,
        reseller=reseller.name,
        provider=provider.name if provider else "",
        target=target.name if target else "",
        expires_at=link.expires_at,
        # a link addressed to (or already used to create) an organization cannot create another one
        can_create_account=link.purpose != LinkPurpose.DELEGATED_ADMIN and link.target_org_id is None,
        days=link.grant_days or get_settings().delegated_admin_days,
    )


def _grant(
    session: Session, *, reseller_org_id: int, customer_org_id: int, days: int | None = None
) -> DelegatedAdminGrant:
    """Grant (or renew) delegated admin privileges for `days` (the link's; else settings.delegated_admin_days)."""
    now = clock.now(reseller_org_id, customer_org_id)  # the clock its expiry is judged by
    expires = now + timedelta(days=days or get_settings().delegated_admin_days)
    grant = session.exec(
        select(DelegatedAdminGrant).where(
            DelegatedAdminGrant.reseller_org_id == reseller_org_id,
            DelegatedAdminGrant.customer_org_id == customer_org_id,
            DelegatedAdminGrant.status == DelegatedAdminStatus.ACTIVE,
        )
    ).first()
    if grant is None:
        grant = DelegatedAdminGrant(
            reseller_org_id=reseller_org_id, customer_org_id=customer_org_id, expires_at=expires
        )
    else:
        grant.granted_at, grant.expires_at = now, expires
    session.add(grant)
    session.flush()
    return grant


def _relate(
    session: Session, *, kind: RelationshipKind, partner_org_id: int, customer_org_id: int, link_id: int
) -> tuple[Relationship, bool]:
    existing = active_relationship(session, partner_org_id, customer_org_id, kind)
    if existing is not None:
        return existing, False
    rel = Relationship(kind=kind, partner_org_id=partner_org_id, client_org_id=customer_org_id, via_link_id=link_id)
    session.add(rel)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise Conflict() from None
    return rel, True


def _customer_actor(actor: Actor, link: Link) -> None:
    require(actor, Action.MANAGE_CUSTOMER_PARTNERS)
    if link.target_org_id is not None and link.target_org_id != actor.org_id:
        raise LinkInvalid("link.wrong_account")


def accept_link(session: Session, actor: Actor, *, token: str) -> LinkAcceptance:
    """The customer's Global admin accepts: relationship(s) and delegated admin privileges are created in the
    same transaction that settles the link, so of two concurrent acceptances exactly one succeeds."""
    link = links.find_link(session, token, purposes=CUSTOMER_LINKS)
    _customer_actor(actor, link)
    reseller = session.get(Organization, link.issuer_org_id) if link.issuer_org_id else None
    if reseller is None or reseller.status != OrgStatus.ACTIVE or reseller.kind != OrgKind.RESELLER:
        raise LinkInvalid("link.revoked")
    provider = None
    if link.purpose == LinkPurpose.CUSTOMER_TWO_PARTY:
        provider = session.get(Organization, link.provider_org_id) if link.provider_org_id else None
        if provider is None or not has_partnership(
            session, provider_org_id=saved_id(provider.id), reseller_org_id=saved_id(reseller.id)
        ):
            raise RuleViolation("customers.partnership_ended")
    if link.purpose == LinkPurpose.DELEGATED_ADMIN and not has_active_relationship(
        session, RelationshipKind.RESELLER_CUSTOMER, saved_id(reseller.id), actor.org_id
    ):
        raise LinkInvalid("link.revoked")
    try:
        links.settle_link(session, link, status=LinkStatus.ACCEPTED, user_id=actor.user_id)
    except OperationalError:  # a concurrent acceptance holds or took the write lock
        raise LinkInvalid("link.used") from None
    created = []
    reseller_rel = provider_rel = None
    if link.purpose != LinkPurpose.DELEGATED_ADMIN:
        rel, new = _relate(
            session,
            kind=RelationshipKind.RESELLER_CUSTOMER,
            partner_org_id=saved_id(reseller.id),
            customer_org_id=actor.org_id,
            link_id=saved_id(link.id),
        )
        if new:
            created.append(rel)
            reseller_rel = rel.id
    if provider is not None:
        rel, new = _relate(
            session,
            kind=RelationshipKind.PROVIDER_CUSTOMER,
            partner_org_id=saved_id(provider.id),
            customer_org_id=actor.org_id,
            link_id=saved_id(link.id),
        )
        if new:
            created.append(rel)
            provider_rel = rel.id
    if link.purpose == LinkPurpose.CUSTOMER_RELATIONSHIP:
        leads.convert_invited_lead(session, actor, link=link)
    grant = _grant(session, reseller_org_id=saved_id(reseller.id), customer_org_id=actor.org_id, days=link.grant_days)
    detail = f"{link.purpose.value}: {reseller.name}" + (f" + {provider.name}" if provider else "")
    audit.record(session, action="link.accepted", actor=actor, target_type="link", target_id=link.id, detail=detail)
    audit.record(
        session,
        action="link.accepted",
        actor=actor,
        org_id=reseller.id,
        target_type="link",
        target_id=link.id,
        detail=f"{link.purpose.value}: {actor.org_name}",
    )
    audit.record(
        session,
        action="customers.delegated_admin_granted",
        actor=actor,
        target_type="delegatedadmin",
        target_id=grant.id,
        detail=f"{reseller.name} until {grant.expires_at:%Y-%m-%d}",
    )
    for rel in created:
        audit.record(
            session,
            action="customers.relationship_started",
            actor=actor,
            org_id=rel.partner_org_id,
            target_type="relationship",
            target_id=rel.id,
            detail=actor.org_name,
        )
    _notify_issuer(session, link, "accepted", customer=actor.org_name)
    customer = session.get(Organization, actor.org_id)
    assert customer is not None, "a signed-in actor's organization exists"
    webhooks.relationship_accepted(
        session,
        customer=customer,
        reseller=reseller,
        provider=provider,
        relationship_id=reseller_rel,
        provider_relationship_id=provider_rel,
    )
    webhooks.delegated_admin(
        session,
        "delegated_admin.approved",
        customer=customer,
        reseller_org_id=saved_id(reseller.id),
        grant_id=grant.id,
        expires_at=grant.expires_at,
    )
    if provider is not None and provider.contact_email:
        mail.queue_catalog_email(
            session,
            to=provider.contact_email,
            key="mail.new_customer",
            customer=actor.org_name,
            reseller=reseller.name,
            provider=provider.name,
        )
    return LinkAcceptance(
        reseller=reseller.name,
        provider=provider.name if provider else "",
        expires_at=grant.expires_at,
        purpose=link.purpose.value,
    )


def _notify_issuer(session: Session, link: Link, outcome: str, **params: str) -> None:
    """Tell the partner user who sent a customer link that it was "accepted" or "declined"."""
    user = session.get(User, link.issuer_user_id) if link.issuer_user_id else None
    if user is not None and user.is_active:
        mail.queue_catalog_email(session, to=user.email, key=f"mail.{outcome}.{link.purpose.value}", **params)


def decline_link(session: Session, actor: Actor, *, token: str) -> None:
    """The customer declines; the link cannot be used any more."""
    link = links.find_link(session, token, purposes=CUSTOMER_LINKS)
    _customer_actor(actor, link)
    try:
        links.settle_link(session, link, status=LinkStatus.DECLINED, user_id=actor.user_id)
    except OperationalError:
        raise LinkInvalid("link.used") from None
    audit.record(
        session, action="link.declined", actor=actor, target_type="link", target_id=link.id, detail=link.purpose.value
    )
    audit.record(
        session,
        action="link.declined",
        actor=actor,
        org_id=link.issuer_org_id,
        target_type="link",
        target_id=link.id,
        detail=f"{link.purpose.value}: {actor.org_name}",
    )
    _notify_issuer(session, link, "declined", customer=actor.org_name)
