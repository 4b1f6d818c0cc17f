"""A provider's invitations of resellers (SPEC section 4): send, resend, revoke and list authorization links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp import clock
from rxapp.boundary import record_id
from rxapp.errors import Conflict, NotFound, ValidationFailed
from rxapp.models import (
    Link,
    LinkStatus,
    Organization,
    OrgKind,
    OrgStatus,
    User,
)
from rxapp.models.rows import rowcount, saved_id
from rxapp.permissions import Action, Actor, can, require
from rxapp.services import audit, links, relationships
from rxapp.services.partners.common import (
    INVITES,
    MAX_MESSAGE,
    MAX_ROWS,
    PURPOSE,
    date_text,
    global_admin_emails,
    send_to,
)
from rxapp.services.validation import normalize_email


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


def _send_invitation(
    session: Session,
    actor: Actor,
    provider: Organization,
    reseller: Organization,
    *,
    target_email: str | None,
    target_mpn_id: str | None,
    message: str | None,
) -> tuple[Link, str]:
    link, token = links.issue_link(
        session,
        purpose=PURPOSE,
        issuer_org_id=provider.id,
        issuer_user_id=actor.user_id,
        target_email=target_email,
        target_org_id=reseller.id,
        target_mpn_id=target_mpn_id,
        provider_org_id=provider.id,
        message=message or None,
    )
    recipients = [target_email] if target_email else global_admin_emails(session, saved_id(reseller.id))
    note = f"\n\n“{message}”" if message else ""
    send_to(
        session,
        recipients,
        "partners.mail.invite",
        provider=provider.name,
        reseller=reseller.name,
        url=links.link_url(PURPOSE, token),
        expires=date_text(link.expires_at),
        note=note,
    )
    return link, token


def invite_reseller(
    session: Session, actor: Actor, *, email: str | None = None, mpn_id: str | None = None, message: str | None = None
) -> tuple[Link, str]:
    """**Invite reseller**: email a personalized authorization link to an enrolled reseller, found by its
    admin's email or by its MPN ID. A pending invitation to the same reseller is replaced (voided)."""
    require(actor, Action.INVITE_RESELLERS)
    provider = _provider(session, actor)
    INVITES.require(str(actor.user_id))
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE:
        raise ValidationFailed("validation.too_long", field="invite_message", max=MAX_MESSAGE)
    reseller, address = _find_reseller(session, email=email, mpn_id=None if email else mpn_id)
    if relationships.has_partnership(
        session, provider_org_id=saved_id(provider.id), reseller_org_id=saved_id(reseller.id)
    ):
        raise Conflict("partners.already_partners", name=reseller.name)
    voided = links.revoke_pending(session, purpose=PURPOSE, issuer_org_id=provider.id, target_org_id=reseller.id)
    link, token = _send_invitation(
        session,
        actor,
        provider,
        reseller,
        target_email=address,
        target_mpn_id=None if address else reseller.mpn_id,
        message=message,
    )
    audit.record(
        session,
        action="partners.invitation_sent",
        actor=actor,
        target_type="link",
        target_id=link.id,
        detail=f"reseller={reseller.name}; to={'email' if address else 'mpn_id'}; voided={voided}",
    )
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
    INVITES.require(str(actor.user_id))
    if links.revoke_pending(session, id=old.id) != 1:
        raise Conflict("partners.invitation_not_pending")
    session.refresh(old)
    reseller = session.get(Organization, old.target_org_id)
    if reseller is None or reseller.status != OrgStatus.ACTIVE:
        raise NotFound()
    if relationships.has_partnership(
        session, provider_org_id=saved_id(provider.id), reseller_org_id=saved_id(reseller.id)
    ):
        raise Conflict("partners.already_partners", name=reseller.name)
    link, token = _send_invitation(
        session,
        actor,
        provider,
        reseller,
        target_email=old.target_email,
        target_mpn_id=old.target_mpn_id,
        message=old.message,
    )
    audit.record(
        session,
        action="partners.invitation_resent",
        actor=actor,
        target_type="link",
        target_id=link.id,
        detail=f"reseller={reseller.name}; replaces link {old.id}",
    )
    return link, token


def revoke_invitation(session: Session, actor: Actor, *, link_id: int) -> None:
    """Withdraw a pending invitation: its link stops working at once."""
    require(actor, Action.INVITE_RESELLERS)
    provider = _provider(session, actor)
    link = _own_invitation(session, actor, link_id)
    result = session.execute(
        sa.update(Link)
        .where(col(Link.id) == link.id, col(Link.status) == LinkStatus.PENDING)
        .values(status=LinkStatus.REVOKED)
        .execution_options(synchronize_session=False)
    )
    if rowcount(result) != 1:
        raise Conflict("partners.invitation_not_pending")
    session.refresh(link)
    reseller = session.get(Organization, link.target_org_id)
    name = reseller.name if reseller else ""
    audit.record(
        session,
        action="partners.invitation_revoked",
        actor=actor,
        target_type="link",
        target_id=link.id,
        detail=f"reseller={name}",
    )
    recipients = (
        [link.target_email]
        if link.target_email
        else (global_admin_emails(session, saved_id(reseller.id)) if reseller else [])
    )
    send_to(session, recipients, "partners.mail.revoked", provider=provider.name, reseller=name)


def list_invitations(session: Session, actor: Actor) -> list[Invitation]:
    """The invitations this provider sent (newest first), with status and expiry."""
    require(actor, Action.VIEW_INDIRECT_RESELLERS, read=True)
    rows = session.exec(
        select(Link, Organization)
        .join(Organization, col(Organization.id) == Link.target_org_id, isouter=True)
        .where(Link.purpose == PURPOSE, Link.issuer_org_id == actor.org_id)
        .order_by(col(Link.created_at).desc(), col(Link.id).desc())
        .limit(MAX_ROWS)
    )
    may_change = can(actor, Action.INVITE_RESELLERS, change=True)
    result = []
    for link, org in rows:
        status = link.status.value
        if link.status == LinkStatus.PENDING and link.expires_at <= clock.now(link.issuer_org_id, link.target_org_id):
            status = "expired"
        pending = link.status == LinkStatus.PENDING
        result.append(
            Invitation(
                id=saved_id(link.id),
                reseller_name=org.name if org else "",
                sent_to=link.target_email or "",
                mpn_id=link.target_mpn_id or "",
                sent_on=date_text(link.created_at),
                expires_on=date_text(link.expires_at),
                status=status,
                can_resend=may_change and pending,
                can_revoke=may_change and status == "pending",
                created_at=link.created_at,
                expires_at=link.expires_at,
            )
        )
    return result
