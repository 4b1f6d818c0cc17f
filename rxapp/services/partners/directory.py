"""The indirect provider directory (SPEC section 4): what resellers search, and the platform's choice of who is
published in it.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp.boundary import record_id
from rxapp.errors import Conflict, NotFound
from rxapp.models import (
    Organization,
    OrgKind,
    OrgStatus,
)
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit, profile
from rxapp.services.partners.common import MAX_ROWS, clean_query, global_admin_emails, send_to
from rxapp.services.validation import COUNTRIES


@dataclass(frozen=True)
class DirectoryEntry:
    id: int
    name: str
    country: str
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
        id=saved_id(org.id),
        name=org.name,
        country=org.country,
        city=org.city or "",
        contact_name=contact,
        contact_email=org.contact_email or "",
        contact_phone=org.contact_phone or "",
        support_email=org.support_email or "",
        support_phone=org.support_phone or "",
        support_website=org.support_website or "",
        programs=org.directory_programs or "",
        published=org.directory_published,
    )


def _provider_query(query: str | None, country: str | None):
    statement = select(Organization).where(Organization.kind == OrgKind.PROVIDER)
    needle = clean_query(query)
    if needle:
        statement = statement.where(sa.func.lower(Organization.name).contains(needle.lower(), autoescape=True))
    code = (country or "").strip().upper()
    if code:
        statement = statement.where(Organization.country == code)
    return statement.order_by(Organization.name, col(Organization.id)).limit(MAX_ROWS)


def list_directory(session: Session, *, query: str | None = None, country: str | None = None) -> list[DirectoryEntry]:
    """The public **Find a provider** directory: active, published providers (no sign-in needed)."""
    statement = _provider_query(query, country).where(
        Organization.directory_published, Organization.status == OrgStatus.ACTIVE
    )
    orgs = list(session.exec(statement))
    marketing = profile.marketing_profiles(session, [saved_id(org.id) for org in orgs])
    return [_entry(org, marketing.get(saved_id(org.id))) for org in orgs]


def directory_countries(session: Session) -> list[tuple[str, str]]:
    """The countries/regions of published providers, as (code, English name), for the filter."""
    codes = session.exec(
        select(Organization.country)
        .distinct()
        .where(
            Organization.kind == OrgKind.PROVIDER,
            Organization.directory_published,
            Organization.status == OrgStatus.ACTIVE,
        )
    )
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
    audit.record(
        session,
        action="partners.directory_published" if published else "partners.directory_unpublished",
        actor=actor,
        target_type="organization",
        target_id=org.id,
        detail=org.name,
    )
    audit.record(
        session,
        action="partners.directory_published" if published else "partners.directory_unpublished",
        actor=actor,
        org_id=org.id,
        target_type="organization",
        target_id=org.id,
    )
    send_to(
        session,
        global_admin_emails(session, saved_id(org.id)),
        "partners.mail.published" if published else "partners.mail.unpublished",
        provider=org.name,
    )
    return _entry(org)
