"""Account settings › Partner profile (legal business profile, primary contact, support details, MPN ID) and
Marketing profile. The country/region stays locked after enrollment; a new primary contact email takes effect
only once its owner opens the verification link sent to it."""

from __future__ import annotations

from sqlmodel import Session, col, select

from rxapp.errors import NotFound, ValidationFailed
from rxapp.models import Link, LinkPurpose, LinkStatus, MarketingProfile, Organization, utcnow
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit, customers, links, mail
from rxapp.services.validation import (
    normalize_email,
    normalize_phone,
    normalize_postal_code,
    normalize_website,
    require_business_email,
    require_text,
)

PROFILE_FIELDS = (
    "legal_name",
    "address_line1",
    "address_line2",
    "city",
    "region",
    "postal_code",
    "contact_first_name",
    "contact_last_name",
    "contact_email",
    "contact_phone",
    "support_email",
    "support_phone",
    "support_website",
)
MARKETING_FIELDS = ("description", "industries", "products", "regions_served")
MARKETING_LIMITS = {"description": 4000, "industries": 1000, "products": 1000, "regions_served": 1000}


def _org(session: Session, actor: Actor) -> Organization:
    org = session.get(Organization, actor.org_id)
    if org is None:
        raise NotFound()
    return org


def _pending_contact(session: Session, org_id: int) -> str:
    link = session.exec(
        select(Link)
        .where(
            Link.purpose == LinkPurpose.CONTACT_VERIFICATION,
            Link.issuer_org_id == org_id,
            Link.status == LinkStatus.PENDING,
            Link.expires_at > utcnow(),
        )
        .order_by(col(Link.id).desc())
    ).first()
    return link.target_email if link and link.target_email else ""


def get_profile(session: Session, actor: Actor) -> dict[str, str]:
    """The partner profile of the actor's organization."""
    require(actor, Action.VIEW_PARTNER_PROFILE, read=True)
    org = _org(session, actor)
    data = {name: getattr(org, name) or "" for name in PROFILE_FIELDS}
    data.update(
        name=org.name,
        country=org.country,
        mpn_id=org.mpn_id or "",
        domain=org.domain or "",
        pending_contact_email=_pending_contact(session, saved_id(org.id)),
    )
    return data


def update_profile(session: Session, actor: Actor, *, values: dict[str, str]) -> bool:
    """Save the profile. Returns True when a new primary contact email awaits verification."""
    require(actor, Action.EDIT_PARTNER_PROFILE)
    org = _org(session, actor)
    if "country" in values and (values.get("country") or "").strip().upper() not in ("", org.country):
        raise ValidationFailed("profile.country_locked", field="op_country")

    def text(name: str, limit: int, *, required: bool = True) -> str | None:
        raw = str(values.get(name) or "").strip()
        if not raw and not required:
            return None
        return require_text(raw, field=f"op_{name}", max_length=limit)

    cleaned = {
        "legal_name": text("legal_name", 200),
        "address_line1": text("address_line1", 200),
        "address_line2": text("address_line2", 200, required=False),
        "city": text("city", 100),
        "region": text("region", 100, required=False),
        "postal_code": normalize_postal_code(str(values.get("postal_code") or ""), org.country, field="op_postal_code"),
        "contact_first_name": text("contact_first_name", 100),
        "contact_last_name": text("contact_last_name", 100),
        "contact_phone": normalize_phone(str(values.get("contact_phone") or ""), field="op_contact_phone"),
        "support_email": normalize_email(str(values.get("support_email") or ""), field="op_support_email"),
        "support_phone": normalize_phone(str(values.get("support_phone") or ""), field="op_support_phone"),
        "support_website": normalize_website(str(values.get("support_website") or ""), field="op_support_website")
        or None,
    }
    new_contact = require_business_email(str(values.get("contact_email") or ""), field="op_contact_email")
    changed = [name for name, value in cleaned.items() if (getattr(org, name) or None) != (value or None)]
    for name, value in cleaned.items():
        setattr(org, name, value)
    session.add(org)
    if changed:
        audit.record(
            session,
            action="profile.update",
            actor=actor,
            target_type="organization",
            target_id=org.id,
            detail="changed: " + ", ".join(changed),
        )
    if new_contact == (org.contact_email or "").lower():
        return False
    links.revoke_pending(session, purpose=LinkPurpose.CONTACT_VERIFICATION, issuer_org_id=org.id)
    link, token = links.issue_link(
        session,
        purpose=LinkPurpose.CONTACT_VERIFICATION,
        issuer_org_id=org.id,
        issuer_user_id=actor.user_id,
        target_email=new_contact,
        target_org_id=org.id,
    )
    url = links.link_url(LinkPurpose.CONTACT_VERIFICATION, token)
    mail.queue_catalog_email(
        session,
        to=new_contact,
        key="mail.contact_verification",
        user=actor.full_name,
        org=org.name,
        url=url,
        expires=link.expires_at.strftime("%Y-%m-%d"),
    )
    audit.record(
        session,
        action="profile.contact_verification_sent",
        actor=actor,
        target_type="link",
        target_id=link.id,
        detail=new_contact,
    )
    return True


def preview_contact_link(session: Session, *, token: str) -> dict[str, str]:
    """What a contact verification link would do (opening it changes nothing but the opened mark)."""
    link = links.find_link(session, token, purposes={LinkPurpose.CONTACT_VERIFICATION})
    org = session.get(Organization, link.issuer_org_id) if link.issuer_org_id else None
    if org is None:
        raise NotFound()
    links.mark_opened(session, link)
    return {"org": org.name, "email": link.target_email or ""}


def confirm_contact(session: Session, *, token: str, client_address: str | None = None) -> str:
    """Apply the verified primary contact email (single use); returns the organization's name."""
    link = links.find_link(session, token, purposes={LinkPurpose.CONTACT_VERIFICATION})
    org = session.get(Organization, link.issuer_org_id) if link.issuer_org_id else None
    if org is None or not link.target_email:
        raise NotFound()
    links.settle_link(session, link, status=LinkStatus.ACCEPTED)
    previous = org.contact_email
    org.contact_email = link.target_email
    session.add(org)
    customers.verify_claimed_domain(session, org, link.target_email)
    audit.record(
        session,
        action="profile.contact_verified",
        org_id=org.id,
        actor_email=link.target_email,
        target_type="organization",
        target_id=org.id,
        detail=f"{previous} → {link.target_email}",
        client_address=client_address,
    )
    return org.name


# --- marketing profile ---------------------------------------------------------------------------------


def get_marketing_profile(session: Session, org_id: int) -> dict[str, str] | None:
    """A partner's public marketing profile (for the provider directory and customers), or None."""
    profile = session.get(MarketingProfile, org_id)
    if profile is None:
        return None
    return {name: getattr(profile, name) for name in MARKETING_FIELDS}


def marketing_profiles(session: Session, org_ids: list[int]) -> dict[int, dict[str, str]]:
    """The public marketing profiles of several partners in one query (directory cards, a customer's
    Partners page): org id -> fields; partners without one are left out."""
    if not org_ids:
        return {}
    rows = session.exec(select(MarketingProfile).where(col(MarketingProfile.org_id).in_(sorted(set(org_ids))))).all()
    return {row.org_id: {name: getattr(row, name) for name in MARKETING_FIELDS} for row in rows}


def get_own_marketing_profile(session: Session, actor: Actor) -> dict[str, str]:
    require(actor, Action.VIEW_PARTNER_PROFILE, read=True)
    return get_marketing_profile(session, actor.org_id) or dict.fromkeys(MARKETING_FIELDS, "")


def update_marketing_profile(session: Session, actor: Actor, *, values: dict[str, str]) -> MarketingProfile:
    require(actor, Action.EDIT_PARTNER_PROFILE)
    cleaned = {}
    for name in MARKETING_FIELDS:
        value = str(values.get(name) or "").strip()
        if len(value) > MARKETING_LIMITS[name]:
            raise ValidationFailed("validation.too_long", field=f"op_{name}", max=MARKETING_LIMITS[name])
        cleaned[name] = value
    if not cleaned["description"]:
        raise ValidationFailed("validation.required", field="op_description")
    profile = session.get(MarketingProfile, actor.org_id) or MarketingProfile(org_id=actor.org_id)
    for name, value in cleaned.items():
        setattr(profile, name, value)
    profile.updated_at = utcnow()
    session.add(profile)
    audit.record(session, action="marketing.update", actor=actor, target_type="organization", target_id=actor.org_id)
    return profile
