"""The relationship expiry dashboard (`/relationships`): every time-limited thing between the actor's organization
and others, in one list: delegated admin privileges, pending customer links and reseller authorizations, and
pending enrollment verification, each with the other party, start, end, days left and status.

Who sees what: a reseller its grants over its customers, the links it sent and the authorizations providers sent
it; a provider the authorizations it sent its resellers and the grants its resellers hold over its customers
(read only); a customer the grants it gave its partners and the requests waiting for it. The actions in place
(request an extension, resend, revoke) call the existing services, which check the matrix again.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from rxapp import clock
from rxapp.boundary import record_id
from rxapp.errors import NotFound
from rxapp.models import (
    DelegatedAdminGrant,
    DelegatedAdminStatus,
    Link,
    LinkPurpose,
    LinkStatus,
    Organization,
    OrgKind,
    RelationshipKind,
)
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, can, require
from rxapp.services import audit, customers, enrollment, invitations, partners, relationships
from rxapp.services.billing import neutralize

KINDS = ("delegated_admin", "customer_link", "authorization", "enrollment_verification")
CUSTOMER_LINKS = (LinkPurpose.CUSTOMER_RELATIONSHIP, LinkPurpose.CUSTOMER_TWO_PARTY, LinkPurpose.DELEGATED_ADMIN)
EXPIRED_SHOWN = timedelta(days=30)  # an expired (unanswered) link or grant stays listed this long


@dataclass(frozen=True)
class Item:
    key: str  # "<kind>:<record id>", what the actions name
    kind: str
    detail: str  # the link's purpose, or "" (a catalog suffix the page translates)
    other_party: str
    started_at: datetime
    ends_at: datetime
    days_left: int  # whole days, rounded up; 0 once ended
    status: str  # active | expired | pending
    can_extend: bool = False
    can_resend: bool = False
    can_revoke: bool = False


def days_left(ends_at: datetime, now: datetime) -> int:
    """Whole days until `ends_at`, rounded up (a 30-day grant shows 30 on its first day); 0 once it ended."""
    return max(0, math.ceil((ends_at - now).total_seconds() / 86400))


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.exec(select(col(Organization.id), Organization.name).where(col(Organization.id).in_(ids)))
    return {saved_id(org_id): name for org_id, name in rows}


def _grants(session: Session, actor: Actor) -> list[Item]:
    if actor.org_kind == OrgKind.RESELLER:
        where = [DelegatedAdminGrant.reseller_org_id == actor.org_id]
    elif actor.org_kind == OrgKind.CUSTOMER:
        where = [DelegatedAdminGrant.customer_org_id == actor.org_id]
    elif actor.org_kind == OrgKind.PROVIDER:
        resellers = [org.id for org in relationships.indirect_resellers(session, actor.org_id)]
        own = relationships.active_client_ids(session, RelationshipKind.PROVIDER_CUSTOMER, actor.org_id)
        if not resellers or not own:
            return []
        where = [
            col(DelegatedAdminGrant.reseller_org_id).in_(resellers),
            col(DelegatedAdminGrant.customer_org_id).in_(own),
        ]
    else:
        return []
    grants = list(
        session.exec(
            select(DelegatedAdminGrant)
            .where(*where)
            .order_by(col(DelegatedAdminGrant.granted_at), col(DelegatedAdminGrant.id))
        )
    )
    newest = {(g.reseller_org_id, g.customer_org_id): g for g in grants}  # the pair's newest grant decides
    names = _names(session, {g.reseller_org_id for g in grants} | {g.customer_org_id for g in grants})
    items = []
    for grant in newest.values():
        if grant.status != DelegatedAdminStatus.ACTIVE:
            continue
        now = clock.now(grant.reseller_org_id, grant.customer_org_id)
        if grant.expires_at <= now - EXPIRED_SHOWN:
            continue
        if actor.org_kind == OrgKind.RESELLER:
            other = names.get(grant.customer_org_id, "")
        elif actor.org_kind == OrgKind.CUSTOMER:
            other = names.get(grant.reseller_org_id, "")
        else:
            other = f"{names.get(grant.reseller_org_id, '')} → {names.get(grant.customer_org_id, '')}"
        live = grant.expires_at > now
        items.append(
            Item(
                key=f"delegated_admin:{grant.id}",
                kind="delegated_admin",
                detail="",
                other_party=other,
                started_at=grant.granted_at,
                ends_at=grant.expires_at,
                days_left=days_left(grant.expires_at, now),
                status="active" if live else "expired",
                can_extend=actor.org_kind == OrgKind.RESELLER and can(actor, Action.REQUEST_DELEGATED_ADMIN),
                can_revoke=live and actor.org_kind == OrgKind.CUSTOMER and can(actor, Action.MANAGE_CUSTOMER_PARTNERS),
            )
        )
    return items


def _link_rows(session: Session, actor: Actor) -> list[tuple[Link, str, bool]]:
    """(link, kind, sent by the actor's organization) of the pending links that concern it."""
    pending = select(Link).where(Link.status == LinkStatus.PENDING)
    rows: list[tuple[Link, str, bool]] = []
    if actor.org_kind == OrgKind.RESELLER:
        rows += [
            (link, "customer_link", True)
            for link in session.exec(
                pending.where(Link.issuer_org_id == actor.org_id, col(Link.purpose).in_(CUSTOMER_LINKS))
            )
        ]
        rows += [
            (link, "authorization", False)
            for link in session.exec(
                pending.where(Link.target_org_id == actor.org_id, Link.purpose == LinkPurpose.RESELLER_AUTHORIZATION)
            )
        ]
    elif actor.org_kind == OrgKind.PROVIDER:
        rows += [
            (link, "authorization", True)
            for link in session.exec(
                pending.where(Link.issuer_org_id == actor.org_id, Link.purpose == LinkPurpose.RESELLER_AUTHORIZATION)
            )
        ]
    elif actor.org_kind == OrgKind.CUSTOMER:
        rows += [
            (link, "customer_link", False)
            for link in session.exec(
                pending.where(Link.target_org_id == actor.org_id, Link.purpose == LinkPurpose.DELEGATED_ADMIN)
            )
        ]
    if actor.org_kind in (OrgKind.RESELLER, OrgKind.PROVIDER):
        rows += [
            (link, "enrollment_verification", True)
            for link in session.exec(
                pending.where(Link.issuer_org_id == actor.org_id, Link.purpose == LinkPurpose.ENROLLMENT_VERIFICATION)
            )
        ]
    return rows


def _links(session: Session, actor: Actor) -> list[Item]:
    rows = _link_rows(session, actor)
    names = _names(session, {i for link, _, _ in rows for i in (link.issuer_org_id, link.target_org_id) if i})
    items = []
    for link, kind, sent in rows:
        now = clock.now(link.issuer_org_id, link.target_org_id)
        if link.expires_at <= now - EXPIRED_SHOWN:
            continue
        live = link.expires_at > now
        if kind == "enrollment_verification":
            other = ""  # the platform: the page and the CSV name it in the reader's language
        elif sent:
            other = names.get(link.target_org_id, "") if link.target_org_id else (link.target_email or "")
        else:
            other = names.get(link.issuer_org_id, "") if link.issuer_org_id else ""
        if kind == "customer_link":
            right = invitations._permission(link.purpose) if sent else None
        elif kind == "authorization":
            right = Action.INVITE_RESELLERS if sent else None
        else:
            right = Action.EDIT_PARTNER_PROFILE  # resending verification is the Global admin's
        allowed = right is not None and can(actor, right)
        items.append(
            Item(
                key=f"{kind}:{link.id}",
                kind=kind,
                detail=link.purpose.value,
                other_party=other,
                started_at=link.created_at,
                ends_at=link.expires_at,
                days_left=days_left(link.expires_at, now),
                status="pending" if live else "expired",
                can_resend=allowed,
                can_revoke=allowed and live and kind != "enrollment_verification",
            )
        )
    return items


def list_items(
    session: Session, actor: Actor, *, kind: str = "", within_days: Any = None, descending: bool = False
) -> list[Item]:
    """The actor's time-limited relationships, by end date (soonest first unless `descending`); `kind` one of
    `KINDS` (anything else: all); `within_days` keeps what ends within that many days (ended ones included)."""
    require(actor, Action.VIEW_RELATIONSHIPS)
    items = _grants(session, actor) + _links(session, actor)
    if kind in KINDS:
        items = [item for item in items if item.kind == kind]
    try:
        within = int(within_days) if within_days not in (None, "") else None
    except (TypeError, ValueError):
        within = None
    if within is not None and within >= 0:
        items = [item for item in items if item.days_left <= within]
    return sorted(items, key=lambda item: (item.ends_at, item.key), reverse=descending)


def export_csv(
    session: Session, actor: Actor, *, header: tuple[str, ...], labels: dict[str, str], **filters: Any
) -> str:
    """The filtered list as CSV (`labels` translate kinds and statuses), formula injection neutralized."""
    items = list_items(session, actor, **filters)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for item in items:
        party = item.other_party or labels.get("platform", "")
        writer.writerow(
            [
                neutralize(v)
                for v in (
                    party,
                    labels.get(item.kind, item.kind),
                    f"{item.started_at:%Y-%m-%d}",
                    f"{item.ends_at:%Y-%m-%d}",
                    item.days_left,
                    labels.get(item.status, item.status),
                )
            ]
        )
    audit.record(session, action="relationships.export", actor=actor, detail=f"{len(items)} rows")
    return buffer.getvalue()


def _find(session: Session, actor: Actor, key: str) -> Item:
    """The actor's item named `key` (as the list shows it, so only what the actor may see)."""
    kind, _, raw = str(key).partition(":")
    record_id(raw)
    for item in list_items(session, actor, kind=kind):
        if item.key == key:
            return item
    raise NotFound()


def extend(session: Session, actor: Actor, *, key: str, days: Any = None) -> str:
    """Request an extension of delegated admin privileges (the customer approves it from its email)."""
    item = _find(session, actor, key)
    if not item.can_extend:
        raise NotFound()
    grant = session.get(DelegatedAdminGrant, int(item.key.split(":")[1]))
    assert grant is not None, "_find found the item, so its grant exists"
    return customers.request_delegated_admin(session, actor, customer_org_id=grant.customer_org_id, days=days)


def resend(session: Session, actor: Actor, *, key: str) -> None:
    """Send a pending link again (a new link; the old one stops working)."""
    item = _find(session, actor, key)
    if not item.can_resend:
        raise NotFound()
    link = session.get(Link, int(item.key.split(":")[1]))
    assert link is not None, "_find found the item, so its link exists"
    if item.kind == "customer_link":
        invitations.new_link(session, actor, link_id=link.id)
    elif item.kind == "authorization":
        partners.resend_invitation(session, actor, link_id=saved_id(link.id))
    else:
        assert link.enrollment_id is not None, "an enrollment verification link names its enrollment"
        enrollment.resend_verification(session, actor, enrollment_id=link.enrollment_id)


def revoke(session: Session, actor: Actor, *, key: str) -> None:
    """Withdraw a pending link, or (a customer) remove a partner's delegated admin privileges."""
    item = _find(session, actor, key)
    if not item.can_revoke:
        raise NotFound()
    record = int(item.key.split(":")[1])
    if item.kind == "delegated_admin":
        grant = session.get(DelegatedAdminGrant, record)
        assert grant is not None, "_find found the item, so its grant exists"
        customers.remove_delegated_admin(session, actor, reseller_org_id=grant.reseller_org_id)
    elif item.kind == "customer_link":
        invitations.revoke_invitation(session, actor, link_id=record)
    else:
        partners.revoke_invitation(session, actor, link_id=record)
