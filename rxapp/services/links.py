"""Personalized links: `secrets.token_urlsafe(32)`, SHA-256 stored, single use enforced atomically."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp import clock
from rxapp.errors import LinkInvalid
from rxapp.models import Link, LinkPurpose, LinkStatus, Organization, utcnow
from rxapp.models.rows import rowcount
from rxapp.settings import get_settings

LINK_PATHS: dict[LinkPurpose, str] = {
    LinkPurpose.ENROLLMENT_VERIFICATION: "/enroll/verify",
    LinkPurpose.RESELLER_AUTHORIZATION: "/authorize",
    LinkPurpose.CUSTOMER_RELATIONSHIP: "/accept",
    LinkPurpose.CUSTOMER_TWO_PARTY: "/accept",
    LinkPurpose.DELEGATED_ADMIN: "/accept",
    LinkPurpose.CONTACT_VERIFICATION: "/verify-contact",
    LinkPurpose.SIGN_IN_UNBLOCK: "/unblock",
}


def hash_token(token: str) -> str:
    """The stored form of a link token."""
    return hashlib.sha256(token.encode()).hexdigest()


def page_url(path: str) -> str:
    """The absolute URL of one of the portal's pages, built from configuration (never from the request's Host)."""
    return f"{get_settings().public_url.rstrip('/')}{path}"


def link_url(purpose: LinkPurpose, token: str) -> str:
    """The absolute URL of a link (see `page_url`)."""
    return page_url(f"{LINK_PATHS[purpose]}/{token}")


def issue_link(session: Session, *, purpose: LinkPurpose, **fields: Any) -> tuple[Link, str]:
    """Create a pending link in the caller's transaction; returns the row and the one-time token."""
    token = secrets.token_urlsafe(32)
    lifetime = timedelta(days=get_settings().link_lifetime_days)
    now = clock.now(fields.get("issuer_org_id"), fields.get("target_org_id"))  # the clock its expiry is judged by
    link = Link(purpose=purpose, token_hash=hash_token(token), expires_at=now + lifetime, **fields)
    session.add(link)
    session.flush()
    return link, token


def find_link(session: Session, token: str, *, purposes: set[LinkPurpose]) -> Link:
    """The link a token names, or `LinkInvalid` saying why it cannot be used (not found, used, expired...)."""
    query = select(Link).where(Link.token_hash == hash_token(token or "")).execution_options(populate_existing=True)
    link = session.exec(query).first()
    if link is None or link.purpose not in purposes:
        raise LinkInvalid("link.not_found")
    if link.status == LinkStatus.ACCEPTED:
        raise LinkInvalid("link.used")
    if link.status == LinkStatus.DECLINED:
        raise LinkInvalid("link.declined")
    if link.status in (LinkStatus.REVOKED, LinkStatus.SUPERSEDED):
        raise LinkInvalid("link.revoked")
    if link.expires_at <= clock.now(link.issuer_org_id, link.target_org_id):
        raise LinkInvalid("link.expired")
    issuer = session.get(Organization, link.issuer_org_id) if link.issuer_org_id else None
    if issuer is not None and issuer.suspended_at is not None:
        # Kept pending, not revoked: reinstating the issuer makes the link work again until it expires.
        raise LinkInvalid("link.issuer_suspended", partner=issuer.name)
    return link


def mark_opened(session: Session, link: Link) -> None:
    """Note the first opening of a link (opening changes nothing else)."""
    if link.opened_at is None:
        link.opened_at = utcnow()
        session.add(link)


def settle_link(session: Session, link: Link, *, status: LinkStatus, user_id: int | None = None) -> None:
    """Move a pending link to its final status exactly once; a concurrent or repeated use gets `link.used`."""
    result = session.execute(
        sa.update(Link)
        .where(col(Link.id) == link.id, col(Link.status) == LinkStatus.PENDING)
        .values(status=status, used_at=utcnow(), used_by_user_id=user_id)
        .execution_options(synchronize_session=False)
    )
    if rowcount(result) != 1:
        raise LinkInvalid("link.used")
    session.refresh(link)


def revoke_pending(session: Session, **match: Any) -> int:
    """Supersede every pending link matching `match` (a re-sent link voids the old one)."""
    conditions = [getattr(Link, name) == value for name, value in match.items()]
    result = session.execute(
        sa.update(Link)
        .where(col(Link.status) == LinkStatus.PENDING, *conditions)
        .values(status=LinkStatus.SUPERSEDED)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result)
