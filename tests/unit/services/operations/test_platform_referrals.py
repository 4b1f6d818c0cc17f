"""Platform staff refer leads to resellers: who may, to whom, the reseller search, the bounded list of the
platform's referrals, the audit trail, and refusals that name the referral form's own fields in EN and KO."""

from __future__ import annotations

import pytest
from sqlmodel import Session, func, select

from rxapp.db import create_all, make_engine
from rxapp.errors import NotFound, PermissionDenied, ValidationFailed
from rxapp.i18n import catalog, translate
from rxapp.models import (
    AdminRole,
    AgentRole,
    AuditEvent,
    Lead,
    LeadSource,
    LeadStatus,
    Organization,
    OrgKind,
    OrgStatus,
    OutboxEmail,
)
from rxapp.permissions import Actor
from rxapp.services import leads
from tests.unit.scratch_postgres import scratch_database
from tests.unit.services.operations.world import (
    actor,
    add_user,
    org,
)

OPS = "ops@platform.example"
LEAD = {
    "company_name": "Fourth Coffee",
    "contact_name": "Ha-eun Jung",
    "contact_email": "owner@fourthcoffee.example",
    "country": "KR",
}


def _count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def _add_org(
    session,
    name: str,
    kind: OrgKind = OrgKind.RESELLER,
    status: OrgStatus = OrgStatus.ACTIVE,
    domain: str | None = None,
) -> Organization:
    organization = Organization(
        kind=kind, name=name, country="KR", status=status, domain=domain or name.lower().replace(" ", "") + ".example"
    )
    session.add(organization)
    session.flush()
    return organization


# --- the reseller search -----------------------------------------------------------------------------------


def test_reseller_search_offers_at_most_20_active_resellers_by_name_in_any_case(session):
    names = [f"Harbor Reseller {n:02d}" for n in range(25)]
    for name in reversed(names):  # inserted out of order: the answer is sorted by name, not by id
        _add_org(session, name)
    _add_org(session, "Harbor Dormant Reseller", status=OrgStatus.INACTIVE)
    _add_org(session, "Harbor Signup", status=OrgStatus.UNENROLLED)
    _add_org(session, "Harbor Customer", kind=OrgKind.CUSTOMER)
    _add_org(session, "Harbor Distribution", kind=OrgKind.PROVIDER)
    ops = actor(session, OPS)

    found = leads.find_resellers(session, ops, name="hARbor")
    assert leads.RESELLER_MATCHES == 20
    assert [r.name for r in found] == names[:20]
    assert all(r.country == "KR" and isinstance(r.id, int) for r in found)
    # A part in the middle of the name, in another case; only active resellers ever come back.
    assert [r.name for r in leads.find_resellers(session, ops, name="RESELLER 2")] == [
        "Harbor Reseller 20",
        "Harbor Reseller 21",
        "Harbor Reseller 22",
        "Harbor Reseller 23",
        "Harbor Reseller 24",
    ]
    assert leads.find_resellers(session, ops, name="dormant") == []
    assert leads.find_resellers(session, ops, name="harbor customer") == []
    assert leads.find_resellers(session, ops, name="harbor distribution") == []
    assert leads.find_resellers(session, ops, name="_") == []  # LIKE wildcards are plain characters


# --- who may refer -----------------------------------------------------------------------------------------


def test_partner_and_customer_users_cannot_refer_leads_as_the_platform(session):
    litware, contoso = org(session, "litware.example"), org(session, "contoso.example")
    stranger = _add_org(session, "Tailspin Resellers")  # active, but no partnership with Fabrikam
    leads_before, emails_before = _count(session, Lead), _count(session, OutboxEmail)

    with pytest.raises(NotFound):  # a reseller refers to no one
        leads.refer_lead(session, actor(session, "admin@contoso.example"), reseller_org_id=litware.id, **LEAD)
    with pytest.raises(PermissionDenied):  # customers have no leads at all
        leads.refer_lead(session, actor(session, "admin@adatum.example"), reseller_org_id=contoso.id, **LEAD)
    with pytest.raises(NotFound):  # a provider only to its own indirect resellers
        leads.refer_lead(session, actor(session, "admin@fabrikam.example"), reseller_org_id=stranger.id, **LEAD)
    # Platform staff without an Admin agent or Global admin role may not either.
    platform = session.get(Organization, actor(session, OPS).org_id)
    add_user(session, platform, "users@platform.example", AgentRole.NOT_AN_AGENT, AdminRole.USER_MANAGEMENT_ADMIN)
    clerk = actor(session, "users@platform.example")
    with pytest.raises(PermissionDenied):
        leads.refer_lead(session, clerk, reseller_org_id=contoso.id, **LEAD)
    with pytest.raises(PermissionDenied):
        leads.list_platform_referrals(session, clerk)
    with pytest.raises(PermissionDenied):
        leads.find_resellers(session, clerk, name="contoso")

    assert (_count(session, Lead), _count(session, OutboxEmail)) == (leads_before, emails_before)
    # The platform itself may refer to that reseller (any active one).
    lead = leads.refer_lead(session, actor(session, OPS), reseller_org_id=stranger.id, **LEAD)
    assert (lead.source, lead.partner_org_id) == (LeadSource.PLATFORM, stranger.id)


@pytest.mark.parametrize("reseller_id", ["abc", "", None, "1; drop table lead", 10**9])
def test_a_reseller_id_that_is_not_one_is_not_found(session, reseller_id):
    with pytest.raises(NotFound):
        leads.refer_lead(session, actor(session, OPS), reseller_org_id=reseller_id, **LEAD)


def test_an_inactive_reseller_cannot_receive_a_referral(session):
    dormant = _add_org(session, "Dormant Resellers", status=OrgStatus.INACTIVE)
    with pytest.raises(NotFound):
        leads.refer_lead(session, actor(session, OPS), reseller_org_id=dormant.id, **LEAD)


def test_a_platform_referral_is_audited_for_the_platform_and_the_reseller(session):
    ops, contoso = actor(session, OPS), org(session, "contoso.example")
    lead = leads.refer_lead(session, ops, reseller_org_id=contoso.id, **LEAD)
    events = session.exec(
        select(AuditEvent).where(AuditEvent.target_type == "lead", AuditEvent.target_id == lead.id)
    ).all()
    assert sorted((e.action, e.org_id, e.actor_email) for e in events) == [
        ("lead.received", contoso.id, OPS),
        ("lead.refer", ops.org_id, OPS),
    ]
    assert "Contoso Cloud Partners" in next(e.detail for e in events if e.action == "lead.refer")


# --- the list of the platform's referrals ------------------------------------------------------------------


def test_the_list_holds_only_platform_referrals_with_reseller_and_current_status(session):
    ops, litware = actor(session, OPS), org(session, "litware.example")
    leads.refer_lead(
        session,
        actor(session, "admin@fabrikam.example"),
        reseller_org_id=litware.id,
        **{**LEAD, "company_name": "From Fabrikam"},
    )
    mine = leads.refer_lead(session, ops, reseller_org_id=litware.id, **LEAD)
    leads.invite_lead(session, actor(session, "admin@litware.example"), lead_id=mine.id)

    rows, total = leads.list_platform_referrals(session, ops)
    assert "From Fabrikam" not in [r.company for r in rows]
    assert (
        total
        == len(rows)
        == session.exec(select(func.count()).select_from(Lead).where(Lead.source == LeadSource.PLATFORM)).one()
    )
    newest = rows[0]
    assert (newest.company, newest.partner, newest.status, newest.source) == (
        "Fourth Coffee",
        "Litware Partners",
        "invited",
        "platform",
    )
    assert (newest.contact, newest.email, newest.country) == ("Ha-eun Jung", "owner@fourthcoffee.example", "KR")


def test_the_list_is_bounded_and_counts_everything(session):
    contoso, ops = org(session, "contoso.example"), actor(session, OPS)
    session.add_all(
        [
            Lead(
                partner_org_id=contoso.id,
                source=LeadSource.PLATFORM,
                source_org_id=ops.org_id,
                company_name=f"Bulk {n}",
                contact_name="A B",
                contact_email=f"a{n}@bulk.example",
                country="KR",
                status=LeadStatus.NEW,
            )
            for n in range(leads.PAGE_SIZE_MAX + 5)
        ]
    )
    session.flush()
    rows, total = leads.list_platform_referrals(session, ops, limit=10**6)
    assert len(rows) == leads.PAGE_SIZE_MAX
    assert total >= leads.PAGE_SIZE_MAX + 5
    last_page, _ = leads.list_platform_referrals(session, ops, limit=25, offset=total - 3)
    assert len(last_page) == 3
    assert leads.list_platform_referrals(session, ops, limit=0, offset=-5)[0] == rows[:1]


# --- refusals name the form's fields -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "en", "ko"),
    [
        ({"company_name": "   "}, "lead_company", "Company is required.", "회사를 입력하세요."),
        ({"contact_name": ""}, "lead_contact", "Contact is required.", "담당자를 입력하세요."),
        (
            {"contact_email": "owner@fourthcoffee"},
            "email",
            "Enter a valid email address.",
            "올바른 전자 메일 주소를 입력하세요.",
        ),
        ({"country": "ZZ"}, "country", "Choose a country/region from the list.", None),
    ],
)
def test_refusals_name_the_referral_forms_field_in_english_and_korean(session, change, field, en, ko):
    with pytest.raises(ValidationFailed) as refusal:
        leads.refer_lead(
            session, actor(session, OPS), reseller_org_id=org(session, "contoso.example").id, **{**LEAD, **change}
        )
    error = refusal.value
    assert error.field == field
    assert field in leads.LEAD_FIELDS.values()
    label = {lang: translate(lang, f"field.{field}") for lang in ("en", "ko")}
    assert translate("en", error.code, field=label["en"]) == en
    korean = translate("ko", error.code, field=label["ko"])
    assert korean != translate("en", error.code, field=label["en"])  # said in Korean, not English again
    if ko:
        assert korean == ko


def test_the_referral_forms_field_names_are_in_both_catalogs():
    for field in leads.LEAD_FIELDS.values():
        assert f"field.{field}" in catalog("en")
        assert f"field.{field}" in catalog("ko")
    assert translate("en", "field.lead_company") == translate("en", "leads.company")
    assert translate("ko", "field.lead_contact") == translate("ko", "leads.contact")


def test_reseller_search_ignores_case_on_postgresql_too():
    """SQLite's LIKE ignores ASCII case by itself; PostgreSQL's does not, so the search must lower both sides."""
    with scratch_database("pc_referrals") as url:
        engine = make_engine(url)
        try:
            create_all(engine)
            with Session(engine) as session:
                for org_name in ("harbor lower", "HARBOR UPPER", "Harbor Title", "Elsewhere"):
                    _add_org(session, org_name)
                ops = Actor(
                    user_id=1,
                    org_id=1,
                    org_kind=OrgKind.PLATFORM,
                    agent_role=AgentRole.ADMIN_AGENT,
                    admin_role=AdminRole.NOT_AN_ADMIN,
                )
                found = [r.name for r in leads.find_resellers(session, ops, name="hArBoR")]
                assert sorted(found) == ["HARBOR UPPER", "Harbor Title", "harbor lower"]  # order: the collation's
        finally:
            engine.dispose()
