"""Indirect providers and indirect resellers (SPEC section 4): the provider directory, authorization links
(a provider invites a reseller; a Global admin of the reseller authorizes it) and the partnerships.

A partnership is a `Relationship(kind=PROVIDER_RESELLER, partner=provider, client=reseller)`. Ended rows
stay (status `ended`, `ended_at`), so the history is kept. No Reflex here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, or_, select

from rxapp import clock
from rxapp.boundary import record_id
from rxapp.errors import Conflict, LinkInvalid, NotFound, Throttled, ValidationFailed
from rxapp.models import (
    AdminRole,
    Link,
    LinkPurpose,
    LinkStatus,
    Organization,
    OrgKind,
    OrgStatus,
    Relationship,
    RelationshipKind,
    RelationshipStatus,
    User,
    utcnow,
)
from rxapp.permissions import Action, Actor, can, require
from rxapp.services import audit, links, mail, profile, relationships, webhooks
from rxapp.services.throttle import get_throttle
from rxapp.services.validation import COUNTRIES, normalize_email

KIND = RelationshipKind.PROVIDER_RESELLER
PURPOSE = LinkPurpose.RESELLER_AUTHORIZATION
MAX_QUERY = 100
MAX_MESSAGE = 1000
MAX_ROWS = 200
INVITES_PER_HOUR = 30
LINK_ATTEMPTS = 20
LINK_WINDOW_SECONDS = 600


# ------------------------------------------------------------------------------------------- helpers


def _clean_query(query: str | None) -> str:
    return (query or "").strip()[:MAX_QUERY]


def _date(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else ""


def _global_admin_emails(session: Session, org_id: int) -> list[str]:
    """Where a partnership email to an organization goes: its active Global admins (else its contact)."""
    emails = list(session.exec(
        select(User.email).where(User.org_id == org_id, User.is_active, User.admin_role == AdminRole.GLOBAL_ADMIN)
        .order_by(User.id)
    ))
    if not emails:
        org = session.get(Organization, org_id)
        if org is not None and org.contact_email:
            emails = [org.contact_email]
    return emails


def _send(session: Session, recipients: list[str], key: str, **params: object) -> None:
    for address in dict.fromkeys(recipients):
        mail.queue_catalog_email(session, to=address, key=key, **params)


def _throttle(scope: str, key: str, *, limit: int, window_seconds: int) -> None:
    if not get_throttle().hit(scope, key, limit=limit, window_seconds=window_seconds):
        raise Throttled()


# ------------------------------------------------------------------------------------ provider directory


@dataclass(frozen=True)
class DirectoryEntry:
    id: int
    name: str
    country: str
    country_name: str
    city: str
    contact_name: str
    contact_email: str
    contact_phone: str
    support_email: str
    support_phone: str
    support_website: str
    programs: str
    published: bool
    description: str = ""  # the provider's marketing profile (Account settings › Marketing profile)
    industries: str = ""
    products: str = ""
    regions_served: str = ""


def _entry(org: Organization, marketing: dict[str, str] | None = None) -> DirectoryEntry:
    contact = " ".join(part for part in (org.contact_first_name, org.contact_last_name) if part)
    return DirectoryEntry(
        **(marketing or {}),
        id=org.id, name=org.name, country=org.country, country_name=COUNTRIES.get(org.country, org.country),
        city=org.city or "", contact_name=contact, contact_email=org.contact_email or "",
        contact_phone=org.contact_phone or "", support_email=org.support_email or "",
        support_phone=org.support_phone or "", support_website=org.support_website or "",
        programs=org.directory_programs or "", published=org.directory_published,
    )


def _provider_query(query: str | None, country: str | None):
    statement = select(Organization).where(Organization.kind == OrgKind.PROVIDER)
    needle = _clean_query(query)
    if needle:
        statement = statement.where(sa.func.lower(Organization.name).contains(needle.lower(), autoescape=True))
    code = (country or "").strip().upper()
    if code:
        statement = statement.where(Organization.country == code)
    return statement.order_by(Organization.name, Organization.id).limit(MAX_ROWS)


def list_directory(session: Session, *, query: str | None = None, country: str | None = None) -> list[DirectoryEntry]:
    """The public **Find a provider** directory: active, published providers (no sign-in needed)."""
    statement = _provider_query(query, country).where(
        Organization.directory_published, Organization.status == OrgStatus.ACTIVE)
    orgs = list(session.exec(statement))
    marketing = profile.marketing_profiles(session, [org.id for org in orgs])
    return [_entry(org, marketing.get(org.id)) for org in orgs]


def directory_countries(session: Session) -> list[tuple[str, str]]:
    """The countries/regions of published providers, as (code, English name), for the filter."""
    codes = session.exec(select(Organization.country).distinct().where(
        Organization.kind == OrgKind.PROVIDER, Organization.directory_published,
        Organization.status == OrgStatus.ACTIVE))
    return sorted(((code, COUNTRIES.get(code, code)) for code in codes), key=lambda item: item[1])


def list_directory_admin(session: Session, actor: Actor, *, query: str | None = None) -> list[DirectoryEntry]:
    """Every provider, published or not, for platform staff who manage the directory."""
    require(actor, Action.MANAGE_DIRECTORY, read=True)
    return [_entry(org) for org in session.exec(_provider_query(query, None))]


def set_directory_published(session: Session, actor: Actor, *, org_id: int, published: bool) -> DirectoryEntry:
    """Publish a provider in the directory or take it out (platform staff)."""
    require(actor, Action.MANAGE_DIRECTORY)
    org = session.get(Organization, record_id(org_id))
    if org is None or org.kind != OrgKind.PROVIDER:
        raise NotFound()
    published = bool(published)
    if org.directory_published == published:
        raise Conflict("partners.directory_unchanged")
    org.directory_published = published
    session.add(org)
    audit.record(session, action="partners.directory_published" if published else "partners.directory_unpublished",
                 actor=actor, target_type="organization", target_id=org.id, detail=org.name)
    audit.record(session, action="partners.directory_published" if published else "partners.directory_unpublished",
                 actor=actor, org_id=org.id, target_type="organization", target_id=org.id)
    _send(session, _global_admin_emails(session, org.id),
          "partners.mail.published" if published else "partners.mail.unpublished",
          provider=org.name)
    return _entry(org)


# ----------------------------------------------------------------------------- invitations (provider side)


@dataclass(frozen=True)
class Invitation:
    id: int
    reseller_name: str
    sent_to: str
    mpn_id: str
    sent_on: str
    expires_on: str
    status: str  # pending | expired | accepted | declined | revoked | superseded
    can_resend: bool
    can_revoke: bool
    created_at: datetime | None = None
    expires_at: datetime | None = None


def _provider(session: Session, actor: Actor) -> Organization:
    org = session.get(Organization, actor.org_id)
    if org is None or org.kind != OrgKind.PROVIDER:
        raise NotFound()
    return org


def _find_reseller(session: Session, *, email: str | None, mpn_id: str | None) -> tuple[Organization, str | None]:
    """The invited reseller (by its admin's email, or by MPN ID) and the address named, if any."""
    if email:
        address = normalize_email(email, field="reseller_email")
        user = session.exec(select(User).where(User.email == address, User.is_active)).first()
        org = session.get(Organization, user.org_id) if user else None
        if org is None or org.kind != OrgKind.RESELLER or org.status != OrgStatus.ACTIVE:
            raise ValidationFailed("partners.no_reseller_email", field="reseller_email")
        return org, address
    value = (mpn_id or "").strip()
    if not value:
        raise ValidationFailed("validation.required", field="reseller_mpn_id")
    if not value.isdigit() or len(value) > 20:
        raise ValidationFailed("partners.mpn_invalid", field="reseller_mpn_id")
    org = session.exec(select(Organization).where(Organization.mpn_id == value)).first()
    if org is None or org.kind != OrgKind.RESELLER or org.status != OrgStatus.ACTIVE:
        raise ValidationFailed("partners.no_reseller_mpn", field="reseller_mpn_id")
    return org, None


def _send_invitation(session: Session, actor: Actor, provider: Organization, reseller: Organization,
                     *, target_email: str | None, target_mpn_id: str | None, message: str | None) -> tuple[Link, str]:
    link, token = links.issue_link(
        session, purpose=PURPOSE, issuer_org_id=provider.id, issuer_user_id=actor.user_id,
        target_email=target_email, target_org_id=reseller.id, target_mpn_id=target_mpn_id,
        provider_org_id=provider.id, message=message or None,
    )
    recipients = [target_email] if target_email else _global_admin_emails(session, reseller.id)
    note = f"\n\n“{message}”" if message else ""
    _send(session, recipients, "partners.mail.invite",
          provider=provider.name, reseller=reseller.name, url=links.link_url(PURPOSE, token),
          expires=_date(link.expires_at), note=note)
    return link, token


def invite_reseller(session: Session, actor: Actor, *, email: str | None = None, mpn_id: str | None = None,
                    message: str | None = None) -> tuple[Link, str]:
    """**Invite reseller**: email a personalized authorization link to an enrolled reseller, found by its
    admin's email or by its MPN ID. A pending invitation to the same reseller is replaced (voided)."""
    require(actor, Action.INVITE_RESELLERS)
    provider = _provider(session, actor)
    _throttle("invite-reseller", str(actor.user_id), limit=INVITES_PER_HOUR, window_seconds=3600)
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE:
        raise ValidationFailed("validation.too_long", field="invite_message", max=MAX_MESSAGE)
    reseller, address = _find_reseller(session, email=email, mpn_id=None if email else mpn_id)
    if relationships.has_partnership(session, provider_org_id=provider.id, reseller_org_id=reseller.id):
        raise Conflict("partners.already_partners", name=reseller.name)
    voided = links.revoke_pending(session, purpose=PURPOSE, issuer_org_id=provider.id, target_org_id=reseller.id)
    link, token = _send_invitation(session, actor, provider, reseller, target_email=address,
                                   target_mpn_id=None if address else reseller.mpn_id, message=message)
    audit.record(session, action="partners.invitation_sent", actor=actor, target_type="link", target_id=link.id,
                 detail=f"reseller={reseller.name}; to={'email' if address else 'mpn_id'}; voided={voided}")
    return link, token


def _own_invitation(session: Session, actor: Actor, link_id: int) -> Link:
    link = session.get(Link, record_id(link_id))
    if link is None or link.purpose != PURPOSE or link.issuer_org_id != actor.org_id:
        raise NotFound()
    return link


def resend_invitation(session: Session, actor: Actor, *, link_id: int) -> tuple[Link, str]:
    """Send a pending (or expired) invitation again with a new link; the old link stops working."""
    require(actor, Action.INVITE_RESELLERS)
    provider = _provider(session, actor)
    old = _own_invitation(session, actor, link_id)
    _throttle("invite-reseller", str(actor.user_id), limit=INVITES_PER_HOUR, window_seconds=3600)
    if links.revoke_pending(session, id=old.id) != 1:
        raise Conflict("partners.invitation_not_pending")
    session.refresh(old)
    reseller = session.get(Organization, old.target_org_id)
    if reseller is None or reseller.status != OrgStatus.ACTIVE:
        raise NotFound()
    if relationships.has_partnership(session, provider_org_id=provider.id, reseller_org_id=reseller.id):
        raise Conflict("partners.already_partners", name=reseller.name)
    link, token = _send_invitation(session, actor, provider, reseller, target_email=old.target_email,
                                   target_mpn_id=old.target_mpn_id, message=old.message)
    audit.record(session, action="partners.invitation_resent", actor=actor, target_type="link", target_id=link.id,
                 detail=f"reseller={reseller.name}; replaces link {old.id}")
    return link, token


def revoke_invitation(session: Session, actor: Actor, *, link_id: int) -> None:
    """Withdraw a pending invitation: its link stops working at once."""
    require(actor, Action.INVITE_RESELLERS)
    provider = _provider(session, actor)
    link = _own_invitation(session, actor, link_id)
    result = session.execute(
        sa.update(Link).where(Link.id == link.id, Link.status == LinkStatus.PENDING)
        .values(status=LinkStatus.REVOKED).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict("partners.invitation_not_pending")
    session.refresh(link)
    reseller = session.get(Organization, link.target_org_id)
    name = reseller.name if reseller else ""
    audit.record(session, action="partners.invitation_revoked", actor=actor, target_type="link", target_id=link.id,
                 detail=f"reseller={name}")
    recipients = [link.target_email] if link.target_email else (
        _global_admin_emails(session, reseller.id) if reseller else [])
    _send(session, recipients, "partners.mail.revoked",
          provider=provider.name, reseller=name)


def list_invitations(session: Session, actor: Actor) -> list[Invitation]:
    """The invitations this provider sent (newest first), with status and expiry."""
    require(actor, Action.VIEW_INDIRECT_RESELLERS, read=True)
    rows = session.exec(
        select(Link, Organization).join(Organization, Organization.id == Link.target_org_id, isouter=True)
        .where(Link.purpose == PURPOSE, Link.issuer_org_id == actor.org_id)
        .order_by(col(Link.created_at).desc(), col(Link.id).desc()).limit(MAX_ROWS)
    )
    may_change = can(actor, Action.INVITE_RESELLERS, change=True)
    result = []
    for link, org in rows:
        status = link.status.value
        if link.status == LinkStatus.PENDING and link.expires_at <= clock.now(link.issuer_org_id, link.target_org_id):
            status = "expired"
        pending = link.status == LinkStatus.PENDING
        result.append(Invitation(
            id=link.id, reseller_name=org.name if org else "", sent_to=link.target_email or "",
            mpn_id=link.target_mpn_id or "", sent_on=_date(link.created_at), expires_on=_date(link.expires_at),
            status=status, can_resend=may_change and pending, can_revoke=may_change and status == "pending",
            created_at=link.created_at, expires_at=link.expires_at,
        ))
    return result


# --------------------------------------------------------------------------- the link (reseller side)


@dataclass(frozen=True)
class AuthorizationView:
    provider_name: str
    provider_country: str
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
    _throttle("link-open", str(actor.user_id), limit=LINK_ATTEMPTS * 3, window_seconds=LINK_WINDOW_SECONDS)
    link = _link_for(session, actor, token)
    provider = session.get(Organization, link.provider_org_id)
    reseller = session.get(Organization, link.target_org_id)
    if provider is None or reseller is None:
        raise LinkInvalid("link.not_found")
    if link.opened_at is None:
        links.mark_opened(session, link)
        audit.record(session, action="partners.invitation_opened", actor=actor, org_id=provider.id,
                     target_type="link", target_id=link.id, detail=f"reseller={reseller.name}")
    issuer = session.get(User, link.issuer_user_id) if link.issuer_user_id else None
    return AuthorizationView(
        provider_name=provider.name, provider_country=COUNTRIES.get(provider.country, provider.country),
        provider_city=provider.city or "", provider_contact_email=provider.contact_email or "",
        provider_support_email=provider.support_email or "", provider_support_phone=provider.support_phone or "",
        provider_website=provider.support_website or "", provider_programs=provider.directory_programs or "",
        reseller_name=reseller.name, invited_by=issuer.full_name if issuer else "", message=link.message or "",
        expires_on=_date(link.expires_at), can_authorize=can(actor, Action.AUTHORIZE_PROVIDERS),
    )


def authorize_provider(session: Session, actor: Actor, *, token: str) -> Relationship:
    """**Authorize indirect provider**: only a Global admin of the invited reseller; the link is settled and
    the partnership created in one transaction, so concurrent uses of one link make exactly one partnership."""
    _throttle("link-accept", str(actor.user_id), limit=LINK_ATTEMPTS, window_seconds=LINK_WINDOW_SECONDS)
    link = _link_for(session, actor, token)
    require(actor, Action.AUTHORIZE_PROVIDERS)
    provider = session.get(Organization, link.provider_org_id)
    reseller = session.get(Organization, actor.org_id)
    if provider is None or provider.kind != OrgKind.PROVIDER or provider.status != OrgStatus.ACTIVE:
        raise LinkInvalid("partners.provider_unavailable")
    if relationships.has_partnership(session, provider_org_id=provider.id, reseller_org_id=reseller.id):
        raise Conflict("partners.already_partners", name=provider.name)
    links.settle_link(session, link, status=LinkStatus.ACCEPTED, user_id=actor.user_id)
    relationship = Relationship(kind=KIND, partner_org_id=provider.id, client_org_id=reseller.id,
                                via_link_id=link.id)
    session.add(relationship)
    try:
        session.flush()
    except IntegrityError as exc:  # another link of the same pair won the race (ux_relationship_active_pair)
        raise Conflict("partners.already_partners", name=provider.name) from exc
    webhooks.emit(session, [provider.id, reseller.id], "indirect_provider.authorized",
                  {"provider": webhooks.org_ref(provider), "reseller": webhooks.org_ref(reseller),
                   "relationship_id": relationship.id})
    audit.record(session, action="partners.provider_authorized", actor=actor, target_type="relationship",
                 target_id=relationship.id, detail=f"provider={provider.name}")
    audit.record(session, action="partners.invitation_accepted", actor=actor, org_id=provider.id,
                 target_type="relationship", target_id=relationship.id, detail=f"reseller={reseller.name}")
    issuer = session.get(User, link.issuer_user_id) if link.issuer_user_id else None
    provider_recipients = [issuer.email] if issuer and issuer.is_active else _global_admin_emails(session, provider.id)
    _send(session, provider_recipients, "partners.mail.authorized_provider", provider=provider.name,
          reseller=reseller.name)
    _send(session, _global_admin_emails(session, reseller.id), "partners.mail.authorized_reseller",
          provider=provider.name, reseller=reseller.name, user=actor.full_name or actor.email)
    return relationship


def decline_authorization(session: Session, actor: Actor, *, token: str) -> None:
    """Decline the invitation (a Global admin of the invited reseller); the link cannot be used again."""
    _throttle("link-accept", str(actor.user_id), limit=LINK_ATTEMPTS, window_seconds=LINK_WINDOW_SECONDS)
    link = _link_for(session, actor, token)
    require(actor, Action.AUTHORIZE_PROVIDERS)
    provider = session.get(Organization, link.provider_org_id)
    links.settle_link(session, link, status=LinkStatus.DECLINED, user_id=actor.user_id)
    name = provider.name if provider else ""
    audit.record(session, action="partners.invitation_declined", actor=actor, target_type="link", target_id=link.id,
                 detail=f"provider={name}")
    if provider is not None:
        audit.record(session, action="partners.invitation_declined", actor=actor, org_id=provider.id,
                     target_type="link", target_id=link.id, detail=f"reseller={actor.org_name}")
        issuer = session.get(User, link.issuer_user_id) if link.issuer_user_id else None
        recipients = [issuer.email] if issuer and issuer.is_active else _global_admin_emails(session, provider.id)
        _send(session, recipients, "partners.mail.declined",
              provider=name, reseller=actor.org_name)


# ------------------------------------------------------------------------------------------ partnerships


@dataclass(frozen=True)
class Partnership:
    id: int
    org_id: int
    name: str
    country: str
    mpn_id: str
    contact_email: str
    support_phone: str
    started_on: str
    ended_on: str
    status: str
    partner_status: str = "active"  # "suspended" while platform staff suspend the other organization
    contact_phone: str = ""  # the primary contact's own phone (the Contact column pairs it with their email)
    support_email: str = ""


def _side(actor: Actor) -> tuple[Action, sa.ColumnElement, sa.ColumnElement]:
    """(view action, own column, other column) for the actor's side of a provider–reseller partnership."""
    if actor.org_kind == OrgKind.PROVIDER:
        return Action.VIEW_INDIRECT_RESELLERS, Relationship.partner_org_id, Relationship.client_org_id
    return Action.VIEW_INDIRECT_PROVIDERS, Relationship.client_org_id, Relationship.partner_org_id


def list_partnerships(session: Session, actor: Actor, *, active: bool = True,
                      query: str | None = None) -> list[Partnership]:
    """A provider's indirect resellers, or a reseller's indirect providers (`active=False`: the history)."""
    action, own, other = _side(actor)
    require(actor, action, read=True)
    statement = (
        select(Relationship, Organization).join(Organization, Organization.id == other)
        .where(Relationship.kind == KIND, own == actor.org_id,
               Relationship.status == (RelationshipStatus.ACTIVE if active else RelationshipStatus.ENDED))
    )
    needle = _clean_query(query).lower()
    if needle:
        statement = statement.where(or_(
            sa.func.lower(Organization.name).contains(needle, autoescape=True),
            sa.func.lower(Organization.domain).contains(needle, autoescape=True),
            col(Organization.mpn_id).contains(needle, autoescape=True),
        ))
    order = Organization.name if active else col(Relationship.ended_at).desc()
    rows = session.exec(statement.order_by(order, Relationship.id).limit(MAX_ROWS))
    return [
        Partnership(id=rel.id, org_id=org.id, name=org.name, country=org.country, mpn_id=org.mpn_id or "",
                    contact_email=org.contact_email or "", support_phone=org.support_phone or "",
                    contact_phone=org.contact_phone or "", support_email=org.support_email or "",
                    started_on=_date(rel.started_at), ended_on=_date(rel.ended_at), status=rel.status.value,
                    partner_status="suspended" if org.suspended_at is not None else "active")
        for rel, org in rows
    ]


def end_partnership(session: Session, actor: Actor, *, relationship_id: int) -> Relationship:
    """End a partnership from either side (provider: Admin agent or Global admin; reseller: Global admin).
    The row stays as history (status ended, ended_at); both sides are told."""
    if actor.org_kind == OrgKind.PROVIDER:
        require(actor, Action.INVITE_RESELLERS)
    else:
        require(actor, Action.AUTHORIZE_PROVIDERS)
    relationship = session.get(Relationship, record_id(relationship_id))
    if relationship is None or relationship.kind != KIND or actor.org_id not in (
        relationship.partner_org_id, relationship.client_org_id
    ):
        raise NotFound()
    now = utcnow()
    if not relationships.end_relationship(session, relationship, user_id=actor.user_id, now=now):
        raise Conflict("partners.already_ended")
    session.refresh(relationship)
    provider = session.get(Organization, relationship.partner_org_id)
    reseller = session.get(Organization, relationship.client_org_id)
    other = reseller if actor.org_id == provider.id else provider
    audit.record(session, action="partners.partnership_ended", actor=actor, target_type="relationship",
                 target_id=relationship.id, detail=f"with={other.name}")
    audit.record(session, action="partners.partnership_ended", actor=actor, org_id=other.id,
                 target_type="relationship", target_id=relationship.id, detail=f"by={actor.org_name}")
    recipients = _global_admin_emails(session, provider.id) + _global_admin_emails(session, reseller.id)
    _send(session, recipients, "partners.mail.ended",
          provider=provider.name, reseller=reseller.name, by=actor.org_name, date=_date(now))
    return relationship
