"""Asking a served customer for delegated admin privileges (SPEC section 5): a delegated admin link with the
requested duration, emailed to the customer's Global admins; `linking` settles it when they accept."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from rxapp.errors import ValidationFailed
from rxapp.models import AdminRole, LinkPurpose, User
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit, links, mail
from rxapp.services.relationships import live_delegated_admin, require_served_customer
from rxapp.settings import get_settings

DA_MIN_DAYS, DA_MAX_DAYS = 1, 730  # granular delegated admin allows 1 day to 2 years


def delegated_admin_days(days: Any) -> int:
    """A requested duration in days (1 to 730; None or "" means the default), else `ValidationFailed`."""
    if days is None or str(days).strip() == "":
        return get_settings().delegated_admin_days
    try:
        value = int(str(days).strip())
    except ValueError:
        value = 0
    if not DA_MIN_DAYS <= value <= DA_MAX_DAYS:
        raise ValidationFailed("customers.da_days_invalid", field="days", min=DA_MIN_DAYS, max=DA_MAX_DAYS)
    return value


def request_delegated_admin(session: Session, actor: Actor, *, customer_org_id: Any, days: Any = None) -> str:
    """Ask a customer for delegated admin privileges for `days` (1 to 730, default 365): missing, removed or
    expired ones, or an extension of live ones (approving renews them for `days` from then). Emails its
    Global admins a link that shows the duration. Returns the link's URL."""
    require(actor, Action.REQUEST_DELEGATED_ADMIN)
    customer = require_served_customer(session, actor, customer_org_id)
    days = delegated_admin_days(days)
    extension = live_delegated_admin(session, actor.org_id, saved_id(customer.id))
    links.revoke_pending(
        session, purpose=LinkPurpose.DELEGATED_ADMIN, issuer_org_id=actor.org_id, target_org_id=customer.id
    )
    link, token = links.issue_link(
        session,
        purpose=LinkPurpose.DELEGATED_ADMIN,
        issuer_org_id=actor.org_id,
        issuer_user_id=actor.user_id,
        target_org_id=customer.id,
    )
    link.grant_days = days
    session.add(link)
    url = links.link_url(link.purpose, token)
    admins = session.exec(
        select(User.email).where(User.org_id == customer.id, User.is_active, User.admin_role == AdminRole.GLOBAL_ADMIN)
    ).all()
    key = "mail.delegated_admin_extension" if extension else "mail.delegated_admin_request"
    for address in admins:
        mail.queue_catalog_email(session, to=address, key=key, reseller=actor.org_name, url=url, days=days)
    audit.record(
        session,
        action="link.sent",
        actor=actor,
        target_type="link",
        target_id=link.id,
        detail=f"{LinkPurpose.DELEGATED_ADMIN.value} to {customer.name}",
    )
    audit.record(
        session,
        action="customers.delegated_admin_requested",
        actor=actor,
        org_id=customer.id,
        target_type="link",
        target_id=link.id,
        detail=f"{actor.org_name}: {days} days" + (" (extension)" if extension else ""),
    )
    return url
