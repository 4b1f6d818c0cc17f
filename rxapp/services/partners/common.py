"""What the partner flows share: the partnership's relationship kind and link purpose, their limits, and who a
partnership email goes to. A partnership is a `Relationship(kind=PROVIDER_RESELLER, partner=provider,
client=reseller)`; ended rows stay (status `ended`, `ended_at`), so the history is kept.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from rxapp.models import (
    AdminRole,
    LinkPurpose,
    Organization,
    RelationshipKind,
    User,
)
from rxapp.services import mail
from rxapp.services.throttle import Policy

KIND = RelationshipKind.PROVIDER_RESELLER
PURPOSE = LinkPurpose.RESELLER_AUTHORIZATION
MAX_QUERY = 100
MAX_MESSAGE = 1000
MAX_ROWS = 200
INVITES_PER_HOUR = 30
LINK_ATTEMPTS = 20
LINK_WINDOW_SECONDS = 600
# Per user: invitations sent (or resent), authorization links opened, and links authorized or declined.
INVITES = Policy("invite-reseller", limit=INVITES_PER_HOUR, window_seconds=3600)
LINK_OPENINGS = Policy("link-open", limit=LINK_ATTEMPTS * 3, window_seconds=LINK_WINDOW_SECONDS)
LINK_DECISIONS = Policy("link-accept", limit=LINK_ATTEMPTS, window_seconds=LINK_WINDOW_SECONDS)


def clean_query(query: str | None) -> str:
    return (query or "").strip()[:MAX_QUERY]


def date_text(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else ""


def global_admin_emails(session: Session, org_id: int) -> list[str]:
    """Where a partnership email to an organization goes: its active Global admins (else its contact)."""
    emails = list(
        session.exec(
            select(User.email)
            .where(User.org_id == org_id, User.is_active, User.admin_role == AdminRole.GLOBAL_ADMIN)
            .order_by(col(User.id))
        )
    )
    if not emails:
        org = session.get(Organization, org_id)
        if org is not None and org.contact_email:
            emails = [org.contact_email]
    return emails


def send_to(session: Session, recipients: list[str], key: str, **params: object) -> None:
    for address in dict.fromkeys(recipients):
        mail.queue_catalog_email(session, to=address, key=key, **params)
