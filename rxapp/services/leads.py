"""Leads: prospective customers referred to a reseller by the platform or by one of its indirect providers,
turned into a customer relationship invitation in one step."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from rxapp.boundary import column_length, record_id
from rxapp.errors import NotFound, RuleViolation
from rxapp.models import (
    Lead,
    LeadSource,
    LeadStatus,
    Link,
    LinkPurpose,
    Organization,
    OrgKind,
    OrgStatus,
)
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit, links, mail, relationships
from rxapp.services.validation import normalize_email, require_country, require_text


@dataclass(frozen=True)
class LeadRow:
    id: int
    company: str
    contact: str
    email: str
    country: str
    source: str
    source_name: str
    partner: str
    status: str
    created_at: str


@dataclass(frozen=True, slots=True)
class ResellerMatch:
    """An active reseller a name search found (platform staff refer a lead to it)."""

    id: int
    name: str
    country: str


@dataclass(frozen=True, slots=True)
class ReferralTarget:
    """A reseller a provider may refer leads to."""

    id: int
    name: str


NEWEST_FIRST = (col(Lead.created_at).desc(), col(Lead.id).desc())
# The referral form's fields, as ValidationFailed names them (catalog keys `field.<name>`, the form's labels).
LEAD_FIELDS = {"company": "lead_company", "contact": "lead_contact", "email": "email", "country": "country"}
RESELLER_MATCHES = 20  # how many resellers a name search offers to refer a lead to
PAGE_SIZE_MAX = 200


def list_leads(session: Session, actor: Actor) -> list[LeadRow]:
    """A reseller's leads; a provider sees the leads it referred."""
    require(actor, Action.MANAGE_LEADS, read=True)
    column = Lead.source_org_id if actor.org_kind == OrgKind.PROVIDER else Lead.partner_org_id
    return _rows(session, session.exec(select(Lead).where(column == actor.org_id).order_by(*NEWEST_FIRST)))


def list_platform_referrals(
    session: Session, actor: Actor, *, limit: int = 25, offset: int = 0
) -> tuple[list[LeadRow], int]:
    """Platform staff: one page of the leads the platform referred (to any reseller), newest first, and
    their number."""
    require(actor, Action.REFER_LEADS, read=True)
    mine = select(Lead).where(Lead.source == LeadSource.PLATFORM)
    total = session.exec(select(func.count()).select_from(mine.subquery())).one()
    page = mine.order_by(*NEWEST_FIRST).offset(max(0, int(offset))).limit(max(1, min(int(limit), PAGE_SIZE_MAX)))
    return _rows(session, session.exec(page)), total


def _rows(session: Session, leads) -> list[LeadRow]:
    leads = list(leads)
    wanted = {lead.partner_org_id for lead in leads} | {lead.source_org_id for lead in leads if lead.source_org_id}
    names = (
        dict(session.exec(select(Organization.id, Organization.name).where(col(Organization.id).in_(wanted))).all())
        if wanted
        else {}
    )
    return [
        LeadRow(
            id=lead.id,
            company=lead.company_name,
            contact=lead.contact_name,
            email=lead.contact_email,
            country=lead.country,
            source=lead.source.value,
            source_name=names.get(lead.source_org_id, ""),
            partner=names.get(lead.partner_org_id, ""),
            status=lead.status.value,
            created_at=lead.created_at.strftime("%Y-%m-%d"),
        )
        for lead in leads
    ]


def find_resellers(session: Session, actor: Actor, *, name: str) -> list[ResellerMatch]:
    """Platform staff: active resellers whose name contains `name` (any case), by name, at most 20."""
    require(actor, Action.REFER_LEADS, read=True)
    needle = (name or "").strip()[:200]
    if not needle:
        return []
    found = session.exec(
        select(Organization)
        .where(
            Organization.kind == OrgKind.RESELLER,
            Organization.status == OrgStatus.ACTIVE,
            func.lower(Organization.name).contains(needle.lower(), autoescape=True),
        )
        .order_by(Organization.name, col(Organization.id))
        .limit(RESELLER_MATCHES)
    )
    return [ResellerMatch(id=saved_id(org.id), name=org.name, country=org.country) for org in found]


def referral_targets(session: Session, actor: Actor) -> list[ReferralTarget]:
    """The resellers a provider may refer leads to (its indirect resellers)."""
    require(actor, Action.MANAGE_LEADS, read=True)
    if actor.org_kind != OrgKind.PROVIDER:
        return []
    return [
        ReferralTarget(id=saved_id(o.id), name=o.name) for o in relationships.indirect_resellers(session, actor.org_id)
    ]


def refer_lead(
    session: Session,
    actor: Actor,
    *,
    reseller_org_id: int,
    company_name: str,
    contact_name: str,
    contact_email: str,
    country: str,
) -> Lead:
    """A referral: by a provider to one of its indirect resellers, or by platform staff to any active reseller.
    The reseller's primary contact is told by email."""
    if actor.org_kind == OrgKind.PLATFORM:
        require(actor, Action.REFER_LEADS)
        source = LeadSource.PLATFORM
    else:
        require(actor, Action.MANAGE_LEADS)
        if actor.org_kind != OrgKind.PROVIDER:
            raise NotFound()
        source = LeadSource.PROVIDER
    reseller = session.get(Organization, record_id(reseller_org_id))
    if reseller is None or reseller.kind != OrgKind.RESELLER or reseller.status != OrgStatus.ACTIVE:
        raise NotFound()
    if source == LeadSource.PROVIDER and not relationships.has_partnership(
        session, provider_org_id=actor.org_id, reseller_org_id=saved_id(reseller.id)
    ):
        raise NotFound()
    lead = Lead(
        partner_org_id=saved_id(reseller.id),
        source=source,
        source_org_id=actor.org_id,
        company_name=require_text(
            company_name, field=LEAD_FIELDS["company"], max_length=column_length(Lead, "company_name")
        ),
        contact_name=require_text(
            contact_name, field=LEAD_FIELDS["contact"], max_length=column_length(Lead, "contact_name")
        ),
        contact_email=normalize_email(contact_email, field=LEAD_FIELDS["email"]),
        country=require_country(country, field=LEAD_FIELDS["country"]),
    )
    session.add(lead)
    session.flush()
    audit.record(
        session,
        action="lead.refer",
        actor=actor,
        target_type="lead",
        target_id=lead.id,
        detail=f"{lead.company_name} → {reseller.name}",
    )
    audit.record(
        session,
        action="lead.received",
        actor=actor,
        org_id=reseller.id,
        target_type="lead",
        target_id=lead.id,
        detail=lead.company_name,
    )
    if reseller.contact_email:
        mail.queue_catalog_email(
            session,
            to=reseller.contact_email,
            key="mail.lead_received",
            source=actor.org_name,
            reseller=reseller.name,
            company=lead.company_name,
            country=lead.country,
            contact=lead.contact_name,
            email=lead.contact_email,
            url=links.page_url("/leads"),
        )
    return lead


def _own_lead(session: Session, actor: Actor, lead_id: int) -> Lead:
    require(actor, Action.MANAGE_LEADS)
    lead = session.get(Lead, record_id(lead_id))
    if lead is None or lead.partner_org_id != actor.org_id:
        raise NotFound()
    return lead


def invite_lead(session: Session, actor: Actor, *, lead_id: int) -> Lead:
    """One step: a personalized customer relationship invitation emailed to the lead's contact."""
    lead = _own_lead(session, actor, lead_id)
    require(actor, Action.INVITE_CUSTOMERS)
    if lead.status != LeadStatus.NEW:
        raise RuleViolation("leads.not_new")
    link, token = links.issue_link(
        session,
        purpose=LinkPurpose.CUSTOMER_RELATIONSHIP,
        issuer_org_id=actor.org_id,
        issuer_user_id=actor.user_id,
        target_email=lead.contact_email,
    )
    url = links.link_url(LinkPurpose.CUSTOMER_RELATIONSHIP, token)
    mail.queue_catalog_email(
        session,
        to=lead.contact_email,
        key="mail.lead_invitation",
        reseller=actor.org_name,
        contact=lead.contact_name,
        company=lead.company_name,
        url=url,
        expires=link.expires_at.strftime("%Y-%m-%d"),
    )
    lead.status, lead.link_id = LeadStatus.INVITED, link.id
    session.add(lead)
    audit.record(
        session,
        action="lead.invite",
        actor=actor,
        target_type="lead",
        target_id=lead.id,
        detail=f"{lead.company_name} <{lead.contact_email}>",
    )
    audit.record(
        session,
        action="link.sent",
        actor=actor,
        target_type="link",
        target_id=link.id,
        detail=f"customer_relationship → {lead.contact_email}",
    )
    return lead


def convert_invited_lead(session: Session, actor: Actor, *, link: Link) -> Lead | None:
    """The customer accepted the relationship invitation sent for a lead: the lead is converted, in the
    transaction that settles the link. Returns the lead (None if the link did not come from one)."""
    lead = session.exec(select(Lead).where(Lead.link_id == link.id, Lead.status == LeadStatus.INVITED)).first()
    if lead is None:
        return None
    lead.status = LeadStatus.CONVERTED
    session.add(lead)
    audit.record(
        session,
        action="lead.converted",
        actor=actor,
        org_id=lead.partner_org_id,
        target_type="lead",
        target_id=lead.id,
        detail=f"{lead.company_name} → {actor.org_name}",
    )
    return lead


def dismiss_lead(session: Session, actor: Actor, *, lead_id: int) -> Lead:
    lead = _own_lead(session, actor, lead_id)
    if lead.status != LeadStatus.NEW:
        raise RuleViolation("leads.not_new")
    lead.status = LeadStatus.DISMISSED
    session.add(lead)
    audit.record(
        session, action="lead.dismiss", actor=actor, target_type="lead", target_id=lead.id, detail=lead.company_name
    )
    return lead


def add_demo_leads(session: Session) -> None:
    """Demo data: two leads for Contoso, one referred by the platform and one by Fabrikam."""
    contoso = session.exec(select(Organization).where(Organization.domain == "contoso.example")).first()
    fabrikam = session.exec(select(Organization).where(Organization.domain == "fabrikam.example")).first()
    platform = session.exec(select(Organization).where(Organization.kind == OrgKind.PLATFORM)).first()
    if contoso is None:
        return
    existing = session.exec(select(Lead.id).where(Lead.partner_org_id == contoso.id)).first()
    if existing is not None:
        return
    session.add_all(
        [
            Lead(
                partner_org_id=saved_id(contoso.id),
                source=LeadSource.PLATFORM,
                source_org_id=platform.id if platform else None,
                company_name="Litware Korea",
                contact_name="Seo-yeon Lee",
                contact_email="it@litware.example",
                country="KR",
            ),
            Lead(
                partner_org_id=saved_id(contoso.id),
                source=LeadSource.PROVIDER,
                source_org_id=fabrikam.id if fabrikam else None,
                company_name="Woodgrove Bank Korea",
                contact_name="Do-hyun Choi",
                contact_email="cio@woodgrove.example",
                country="KR",
            ),
        ]
    )
