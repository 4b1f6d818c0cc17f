"""The reseller's side of an authorization link (SPEC section 4): view it, authorize the provider (a Global
admin of the reseller only: the partnership starts) or decline it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from rxapp.errors import Conflict, LinkInvalid
from rxapp.models import (
    Link,
    LinkStatus,
    Organization,
    OrgKind,
    OrgStatus,
    Relationship,
    User,
)
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, can, require
from rxapp.services import audit, links, relationships, webhooks
from rxapp.services.partners.common import (
    KIND,
    LINK_DECISIONS,
    LINK_OPENINGS,
    PURPOSE,
    date_text,
    global_admin_emails,
    send_to,
)


@dataclass(frozen=True)
class AuthorizationView:
    provider_name: str
    provider_country: str  # the code; the page names it in the UI language
    provider_city: str
    provider_contact_email: str
    provider_support_email: str
    provider_support_phone: str
    provider_website: str
    provider_programs: str
    reseller_name: str
    invited_by: str
    message: str
    expires_on: str
    can_authorize: bool


def _link_for(session: Session, actor: Actor, token: str) -> Link:
    """The link behind `token` if the actor belongs to the invited reseller; a clear LinkInvalid otherwise."""
    link = links.find_link(session, token, purposes={PURPOSE})
    if actor.org_id != link.target_org_id:
        raise LinkInvalid("link.wrong_account")
    return link


def view_authorization(session: Session, actor: Actor, *, token: str) -> AuthorizationView:
    """What the link landing shows: who the provider is and what authorizing grants. Changes nothing but
    the first-opened mark (and its audit entry)."""
    LINK_OPENINGS.require(str(actor.user_id))
    link = _link_for(session, actor, token)
    provider = session.get(Organization, link.provider_org_id)
    reseller = session.get(Organization, link.target_org_id)
    if provider is None or reseller is None:
        raise LinkInvalid("link.not_found")
    if link.opened_at is None:
        links.mark_opened(session, link)
        audit.record(
            session,
            action="partners.invitation_opened",
            actor=actor,
            org_id=provider.id,
            target_type="link",
            target_id=link.id,
            detail=f"reseller={reseller.name}",
        )
    issuer = session.get(User, link.issuer_user_id) if link.issuer_user_id else None
    return AuthorizationView(
        provider_name=provider.name,
        provider_country=provider.country,
        provider_city=provider.city or "",
        provider_contact_email=provider.contact_email or "",
        provider_support_email=provider.support_email or "",
        provider_support_phone=provider.support_phone or "",
        provider_website=provider.support_website or "",
        provider_programs=provider.directory_programs or "",
        reseller_name=reseller.name,
        invited_by=issuer.full_name if issuer else "",
        message=link.message or "",
        expires_on=date_text(link.expires_at),
        can_authorize=can(actor, Action.AUTHORIZE_PROVIDERS),
    )


def authorize_provider(session: Session, actor: Actor, *, token: str) -> Relationship:
    """**Authorize indirect provider**: only a Global admin of the invited reseller; the link is settled and
    the partnership created in one transaction, so concurrent uses of one link make exactly one partnership."""
    LINK_DECISIONS.require(str(actor.user_id))
    link = _link_for(session, actor, token)
    require(actor, Action.AUTHORIZE_PROVIDERS)
    provider = session.get(Organization, link.provider_org_id)
    reseller = session.get(Organization, actor.org_id)
    assert reseller is not None, "a signed-in actor's organization exists"
    if provider is None or provider.kind != OrgKind.PROVIDER or provider.status != OrgStatus.ACTIVE:
        raise LinkInvalid("partners.provider_unavailable")
    if relationships.has_partnership(
        session, provider_org_id=saved_id(provider.id), reseller_org_id=saved_id(reseller.id)
    ):
        raise Conflict("partners.already_partners", name=provider.name)
    links.settle_link(session, link, status=LinkStatus.ACCEPTED, user_id=actor.user_id)
    relationship = Relationship(
        kind=KIND, partner_org_id=saved_id(provider.id), client_org_id=saved_id(reseller.id), via_link_id=link.id
    )
    session.add(relationship)
    try:
        session.flush()
    except IntegrityError as exc:  # another link of the same pair won the race (ux_relationship_active_pair)
        raise Conflict("partners.already_partners", name=provider.name) from exc
    webhooks.emit(
        session,
        [provider.id, reseller.id],
        "indirect_provider.authorized",
        {
            "provider": webhooks.org_ref(provider),
            "reseller": webhooks.org_ref(reseller),
            "relationship_id": relationship.id,
        },
    )
    audit.record(
        session,
        action="partners.provider_authorized",
        actor=actor,
        target_type="relationship",
        target_id=relationship.id,
        detail=f"provider={provider.name}",
    )
    audit.record(
        session,
        action="partners.invitation_accepted",
        actor=actor,
        org_id=provider.id,
        target_type="relationship",
        target_id=relationship.id,
        detail=f"reseller={reseller.name}",
    )
    issuer = session.get(User, link.issuer_user_id) if link.issuer_user_id else None
    provider_recipients = (
        [issuer.email] if issuer and issuer.is_active else global_admin_emails(session, saved_id(provider.id))
    )
    send_to(
        session,
        provider_recipients,
        "partners.mail.authorized_provider",
        provider=provider.name,
        reseller=reseller.name,
    )
    send_to(
        session,
        global_admin_emails(session, saved_id(reseller.id)),
        "partners.mail.authorized_reseller",
        provider=provider.name,
        reseller=reseller.name,
        user=actor.full_name or actor.email,
    )
    return relationship


def decline_authorization(session: Session, actor: Actor, *, token: str) -> None:
    """Decline the invitation (a Global admin of the invited reseller); the link cannot be used again."""
    LINK_DECISIONS.require(str(actor.user_id))
    link = _link_for(session, actor, token)
    require(actor, Action.AUTHORIZE_PROVIDERS)
    provider = session.get(Organization, link.provider_org_id)
    links.settle_link(session, link, status=LinkStatus.DECLINED, user_id=actor.user_id)
    name = provider.name if provider else ""
    audit.record(
        session,
        action="partners.invitation_declined",
        actor=actor,
        target_type="link",
        target_id=link.id,
        detail=f"provider={name}",
    )
    if provider is not None:
        audit.record(
            session,
            action="partners.invitation_declined",
            actor=actor,
            org_id=provider.id,
            target_type="link",
            target_id=link.id,
            detail=f"reseller={actor.org_name}",
        )
        issuer = session.get(User, link.issuer_user_id) if link.issuer_user_id else None
        recipients = (
            [issuer.email] if issuer and issuer.is_active else global_admin_emails(session, saved_id(provider.id))
        )
        send_to(session, recipients, "partners.mail.declined", provider=name, reseller=actor.org_name)
