"""Customer invitations (SPEC 6, "Pending invitations"): every customer link a reseller created — **Request a
reseller relationship**, **Invite new customer** (two-party) and delegated admin requests — listed with its
status and expiry; a pending one can be revoked, a pending or expired one replaced by a new link. No Reflex here.

Statuses use the vocabulary of the provider's invitations (`partners.status.*`): pending, expired (pending
past its expiry), accepted, declined, revoked, superseded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from rxapp import clock
from rxapp.boundary import record_id
from rxapp.errors import Conflict, NotFound, RuleViolation
from rxapp.models import Link, LinkPurpose, LinkStatus, Organization, User
from rxapp.models.rows import rowcount, saved_id
from rxapp.permissions import Action, Actor, can, require
from rxapp.services import audit, customers, links

PAGE_SIZE_DEFAULT = 25
PAGE_SIZE_MAX = 100
PURPOSES = (LinkPurpose.CUSTOMER_RELATIONSHIP, LinkPurpose.CUSTOMER_TWO_PARTY, LinkPurpose.DELEGATED_ADMIN)


@dataclass(frozen=True)
class InvitationRow:
    id: int
    purpose: str  # customer_relationship | customer_two_party | delegated_admin
    status: str  # pending | expired | accepted | declined | revoked | superseded
    created_at: datetime
    expires_at: datetime
    opened_at: datetime | None
    created_by: str
    provider_name: str  # two-party links: the indirect provider named in the link
    customer_name: str  # delegated admin requests: the customer asked
    can_revoke: bool
    can_renew: bool


@dataclass(frozen=True)
class InvitationPage:
    rows: list[InvitationRow]
    total: int
    page: int
    page_size: int


@dataclass(frozen=True)
class NewLink:
    """The fresh link that replaced an old one: the draft (as the request page shows it) and whether it was
    emailed (delegated admin requests go to the customer's Global admins)."""

    draft: customers.LinkDraft
    purpose: str
    emailed: bool
    replaced_id: int


def _permission(purpose: LinkPurpose) -> Action:
    return Action.REQUEST_DELEGATED_ADMIN if purpose == LinkPurpose.DELEGATED_ADMIN else Action.INVITE_CUSTOMERS


def status_of(link: Link, now: datetime | None = None) -> str:
    """The status a partner sees: a pending link past its expiry is `expired`."""
    now = now or clock.now(link.issuer_org_id, link.target_org_id)
    if link.status == LinkStatus.PENDING and link.expires_at <= now:
        return "expired"
    return link.status.value


def _scope(actor: Actor):
    return (Link.issuer_org_id == actor.org_id, col(Link.purpose).in_(PURPOSES))


def list_invitations(
    session: Session,
    actor: Actor,
    *,
    page: int = 0,
    page_size: int = PAGE_SIZE_DEFAULT,
    after: tuple[datetime, int] | None = None,
) -> InvitationPage:
    """One page (newest first) of the customer links the actor's organization created. `after` (the creation
    time and id of the last row seen) reads the next page by keyset instead of by page number (the API)."""
    require(actor, Action.INVITE_CUSTOMERS, read=True)
    try:
        page = max(0, int(page))
        page_size = max(1, min(int(page_size), PAGE_SIZE_MAX))
    except (TypeError, ValueError):
        page, page_size = 0, PAGE_SIZE_DEFAULT
    total = int(session.exec(select(func.count()).select_from(Link).where(*_scope(actor))).one())
    provider, target = aliased(Organization), aliased(Organization)
    result = session.exec(
        select(Link, User, provider, target)
        .join(User, col(User.id) == Link.issuer_user_id, isouter=True)
        .join(provider, col(provider.id) == Link.provider_org_id, isouter=True)
        .join(target, col(target.id) == Link.target_org_id, isouter=True)
        .where(*_scope(actor), *_after(after))
        .order_by(col(Link.created_at).desc(), col(Link.id).desc())
        .offset(0 if after else page * page_size)
        .limit(page_size)
    ).all()
    rows = []
    for link, user, prov, cust in result:
        status = status_of(link)
        allowed = can(actor, _permission(link.purpose))
        rows.append(
            InvitationRow(
                id=saved_id(link.id),
                purpose=link.purpose.value,
                status=status,
                created_at=link.created_at,
                expires_at=link.expires_at,
                opened_at=link.opened_at,
                created_by=(user.full_name or user.email) if user else "",
                provider_name=prov.name if prov else "",
                customer_name=cust.name if cust else "",
                can_revoke=allowed and status == "pending",
                can_renew=allowed and status in ("pending", "expired"),
            )
        )
    return InvitationPage(rows=rows, total=total, page=page, page_size=page_size)


def _after(after: tuple[datetime, int] | None) -> tuple:
    if after is None:
        return ()
    created_at, last_id = after
    return (
        sa.or_(col(Link.created_at) < created_at, sa.and_(col(Link.created_at) == created_at, col(Link.id) < last_id)),
    )


def _own_link(session: Session, actor: Actor, link_id: object) -> Link:
    """A customer link of the actor's organization (unknown, foreign and malformed ids are all NotFound)."""
    link = session.get(Link, record_id(link_id))
    if link is None or link.issuer_org_id != actor.org_id or link.purpose not in PURPOSES:
        raise NotFound()
    require(actor, _permission(link.purpose))
    return link


def revoke_invitation(session: Session, actor: Actor, *, link_id: object) -> None:
    """Withdraw a pending link: it stops working at once (the landing page says it was revoked)."""
    require(actor, Action.INVITE_CUSTOMERS)
    link = _own_link(session, actor, link_id)
    if status_of(link) != "pending":
        raise Conflict("invitations.not_pending")
    result = session.execute(
        sa.update(Link)
        .where(col(Link.id) == link.id, col(Link.status) == LinkStatus.PENDING)
        .values(status=LinkStatus.REVOKED)
        .execution_options(synchronize_session=False)
    )
    if rowcount(result) != 1:
        raise Conflict("invitations.not_pending")
    session.refresh(link)
    audit.record(
        session, action="link.revoked", actor=actor, target_type="link", target_id=link.id, detail=link.purpose.value
    )


def _by_url(session: Session, url: str) -> Link:
    return session.exec(select(Link).where(Link.token_hash == links.hash_token(url.rsplit("/", 1)[-1]))).one()


def new_link(session: Session, actor: Actor, *, link_id: object) -> NewLink:
    """Replace a pending (or expired) link by a fresh one of the same purpose (and provider, or customer):
    the old link is superseded and stops working. Delegated admin requests are emailed again to the
    customer's Global admins (as `customers.request_delegated_admin` does)."""
    require(actor, Action.INVITE_CUSTOMERS)
    old = _own_link(session, actor, link_id)
    if links.revoke_pending(session, id=old.id) != 1:
        raise Conflict("invitations.not_pending")
    session.refresh(old)
    emailed = False
    if old.purpose == LinkPurpose.CUSTOMER_RELATIONSHIP:
        draft = customers.request_relationship_link(session, actor)
    elif old.purpose == LinkPurpose.CUSTOMER_TWO_PARTY:
        try:
            draft = customers.invite_new_customer_link(session, actor, provider_org_id=old.provider_org_id)
        except NotFound:
            raise RuleViolation("invitations.partnership_ended") from None
    else:
        if old.target_org_id is None:  # pragma: no cover - delegated admin links always name the customer
            raise NotFound()
        url = customers.request_delegated_admin(session, actor, customer_org_id=old.target_org_id, days=old.grant_days)
        fresh = _by_url(session, url)
        draft = customers.LinkDraft(
            url=url, reseller_name=actor.org_name, provider_name="", expires_at=fresh.expires_at
        )
        emailed = True
    replacement = _by_url(session, draft.url)
    audit.record(
        session,
        action="link.resent",
        actor=actor,
        target_type="link",
        target_id=replacement.id,
        detail=f"{old.purpose.value}; replaces link {old.id}",
    )
    return NewLink(draft=draft, purpose=old.purpose.value, emailed=emailed, replaced_id=saved_id(old.id))
