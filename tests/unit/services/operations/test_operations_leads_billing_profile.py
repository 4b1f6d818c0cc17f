"""Leads, billing (charges, CSV) and the partner / marketing profiles."""

from __future__ import annotations

import csv
import io

import pytest
from sqlmodel import select

from rxapp.errors import DomainError, LinkInvalid, NotFound, PermissionDenied, ValidationFailed
from rxapp.models import (
    Lead,
    LeadStatus,
    Link,
    LinkPurpose,
    LinkStatus,
    Organization,
    OrgKind,
    OutboxEmail,
    Subscription,
)
from rxapp.services import billing, leads, links, profile
from tests.unit.services.operations.world import (
    actor,
    org,
    subscription,
)

ADMIN, HELPDESK, BILLING = "admin@contoso.example", "helpdesk@contoso.example", "billing@contoso.example"


# --- leads -----------------------------------------------------------------------------------------------


def test_demo_leads_from_platform_and_provider(session):
    rows = leads.list_leads(session, actor(session, ADMIN))
    assert sorted((r.company, r.source) for r in rows) == [
        ("Litware Korea", "platform"),
        ("Woodgrove Bank Korea", "provider"),
    ]
    assert leads.list_leads(session, actor(session, "admin@litware.example")) == []


@pytest.mark.parametrize("who", [HELPDESK, BILLING, "users@contoso.example"])
def test_leads_need_manage_leads(session, who):
    with pytest.raises(PermissionDenied):
        leads.list_leads(session, actor(session, who))


def test_lead_becomes_invitation_in_one_step(session):
    lead = session.exec(select(Lead).where(Lead.company_name == "Litware Korea")).one()
    leads.invite_lead(session, actor(session, ADMIN), lead_id=lead.id)
    assert lead.status == LeadStatus.INVITED
    link = session.get(Link, lead.link_id)
    assert (link.purpose, link.target_email, link.issuer_org_id, link.status) == (
        LinkPurpose.CUSTOMER_RELATIONSHIP,
        "it@litware.example",
        org(session, "contoso.example").id,
        LinkStatus.PENDING,
    )
    email = session.exec(select(OutboxEmail).where(OutboxEmail.to_address == "it@litware.example")).one()
    url = next(line for line in email.body.splitlines() if "/accept/" in line)
    token = url.rsplit("/", 1)[1]
    assert links.find_link(session, token, purposes={LinkPurpose.CUSTOMER_RELATIONSHIP}).id == link.id
    with pytest.raises(DomainError) as refusal:
        leads.invite_lead(session, actor(session, ADMIN), lead_id=lead.id)
    assert refusal.value.code == "leads.not_new"


def test_other_reseller_cannot_touch_a_lead(session):
    lead = session.exec(select(Lead)).first()
    with pytest.raises(NotFound):
        leads.invite_lead(session, actor(session, "admin@litware.example"), lead_id=lead.id)
    with pytest.raises(NotFound):
        leads.dismiss_lead(session, actor(session, "admin@litware.example"), lead_id=lead.id)


def test_provider_refers_leads_to_its_resellers_only(session):
    fabrikam = actor(session, "admin@fabrikam.example")
    assert [t.name for t in leads.referral_targets(session, fabrikam)] == [
        "Contoso Cloud Partners",
        "Litware Partners",
    ]
    leads.refer_lead(
        session,
        fabrikam,
        reseller_org_id=org(session, "litware.example").id,
        company_name="Fourth Coffee",
        contact_name="Ha-eun Jung",
        contact_email="owner@fourthcoffee.example",
        country="KR",
    )
    assert [r.company for r in leads.list_leads(session, actor(session, "admin@litware.example"))] == ["Fourth Coffee"]
    assert "Fourth Coffee" in [r.company for r in leads.list_leads(session, fabrikam)]
    northwind = session.exec(select(Organization).where(Organization.domain == "northwind.example")).one()
    with pytest.raises(NotFound):
        leads.refer_lead(
            session,
            fabrikam,
            reseller_org_id=northwind.id,
            company_name="X",
            contact_name="Y",
            contact_email="y@x.example",
            country="KR",
        )


OPS = "ops@platform.example"


def test_platform_refers_a_lead_to_any_active_reseller(session):
    contoso = org(session, "contoso.example")
    before, count_before = leads.list_platform_referrals(session, actor(session, OPS))
    lead = leads.refer_lead(
        session,
        actor(session, OPS),
        reseller_org_id=contoso.id,
        company_name="Fourth Coffee",
        contact_name="Ha-eun Jung",
        contact_email="owner@fourthcoffee.example",
        country="KR",
    )
    assert lead.source.value == "platform"
    rows, total = leads.list_platform_referrals(session, actor(session, OPS))
    assert total == count_before + 1
    assert rows[0].company == "Fourth Coffee"
    assert (rows[0].partner, rows[0].status) == ("Contoso Cloud Partners", "new")
    assert "Fourth Coffee" in [r.company for r in leads.list_leads(session, actor(session, ADMIN))]
    email = session.exec(
        select(OutboxEmail).where(OutboxEmail.to_address == contoso.contact_email).order_by(OutboxEmail.id.desc())
    ).first()
    assert email.subject == "New lead: Fourth Coffee / 새 잠재 고객: Fourth Coffee"
    assert "/leads" in email.body
    assert all(r.source == "platform" for r in rows)
    assert [r.company for r in before] == ["Litware Korea"]  # demo data: the platform's referral, not Fabrikam's


def test_platform_referrals_page_newest_first(session):
    contoso = org(session, "contoso.example")
    _, count_before = leads.list_platform_referrals(session, actor(session, OPS))
    for n in range(3):
        leads.refer_lead(
            session,
            actor(session, OPS),
            reseller_org_id=contoso.id,
            company_name=f"Company {n}",
            contact_name="A B",
            contact_email=f"a{n}@company.example",
            country="KR",
        )
    first, total = leads.list_platform_referrals(session, actor(session, OPS), limit=2)
    second, _ = leads.list_platform_referrals(session, actor(session, OPS), limit=2, offset=2)
    assert [r.company for r in first] == ["Company 2", "Company 1"]
    assert second[0].company == "Company 0"
    assert total == count_before + 3


def test_platform_reseller_search(session):
    ops = actor(session, OPS)
    assert [r.name for r in leads.find_resellers(session, ops, name="CONTOSO")] == ["Contoso Cloud Partners"]
    assert leads.find_resellers(session, ops, name="northwind") == []  # not enrolled yet: not active
    assert leads.find_resellers(session, ops, name="fabrikam") == []  # a provider, not a reseller
    assert leads.find_resellers(session, ops, name="  ") == []
    assert leads.find_resellers(session, ops, name="%") == []  # wildcards are plain characters


def test_platform_cannot_refer_to_inactive_or_non_resellers(session):
    ops = actor(session, OPS)
    for domain in ("northwind.example", "fabrikam.example", "adatum.example"):
        with pytest.raises(NotFound):
            leads.refer_lead(
                session,
                ops,
                reseller_org_id=org(session, domain).id,
                company_name="X",
                contact_name="Y",
                contact_email="y@x.example",
                country="KR",
            )
    with pytest.raises(ValidationFailed):
        leads.refer_lead(
            session,
            ops,
            reseller_org_id=org(session, "contoso.example").id,
            company_name="",
            contact_name="Y",
            contact_email="y@x.example",
            country="KR",
        )


@pytest.mark.parametrize("who", [ADMIN, "admin@fabrikam.example", "admin@adatum.example"])
def test_only_platform_staff_see_and_search_platform_referrals(session, who):
    with pytest.raises(PermissionDenied):
        leads.list_platform_referrals(session, actor(session, who))
    with pytest.raises(PermissionDenied):
        leads.find_resellers(session, actor(session, who), name="contoso")


def _platform_user(session, agent, admin):
    from rxapp.models import User, utcnow
    from rxapp.services.auth import actor_for

    platform = session.exec(select(Organization).where(Organization.kind == OrgKind.PLATFORM)).one()
    user = User(
        org_id=platform.id,
        email=f"{agent.value}-{admin.value}@platform.example",
        full_name="Staff",
        password_hash="-",
        agent_role=agent,
        admin_role=admin,
        totp_secret="JBSWY3DPEHPK3PXP",
        totp_enabled_at=utcnow(),
    )  # platform staff have a second factor
    session.add(user)
    session.flush()
    return actor_for(user, platform)


def test_platform_admin_agents_refer_other_platform_roles_do_not(session):
    from rxapp.models import AdminRole, AgentRole

    agent = _platform_user(session, AgentRole.ADMIN_AGENT, AdminRole.NOT_AN_ADMIN)
    assert [r.name for r in leads.find_resellers(session, agent, name="contoso")] == ["Contoso Cloud Partners"]
    leads.refer_lead(
        session,
        agent,
        reseller_org_id=org(session, "contoso.example").id,
        company_name="Tailspin",
        contact_name="A B",
        contact_email="a@tailspin.example",
        country="KR",
    )
    assert leads.list_platform_referrals(session, agent)[0][0].company == "Tailspin"
    for roles in (
        (AgentRole.HELPDESK_AGENT, AdminRole.NOT_AN_ADMIN),
        (AgentRole.NOT_AN_AGENT, AdminRole.USER_MANAGEMENT_ADMIN),
    ):
        staff = _platform_user(session, *roles)
        with pytest.raises(PermissionDenied):
            leads.refer_lead(
                session,
                staff,
                reseller_org_id=org(session, "contoso.example").id,
                company_name="X",
                contact_name="Y",
                contact_email="y@x.example",
                country="KR",
            )
        with pytest.raises(PermissionDenied):
            leads.find_resellers(session, staff, name="contoso")


def test_provider_cannot_refer_to_a_deactivated_reseller(session):
    from rxapp.models import OrgStatus

    litware = org(session, "litware.example")
    litware.status = OrgStatus.INACTIVE
    session.add(litware)
    session.flush()
    with pytest.raises(NotFound):
        leads.refer_lead(
            session,
            actor(session, "admin@fabrikam.example"),
            reseller_org_id=litware.id,
            company_name="X",
            contact_name="Y",
            contact_email="y@x.example",
            country="KR",
        )


def test_dismiss(session):
    lead = session.exec(select(Lead).where(Lead.company_name == "Woodgrove Bank Korea")).one()
    leads.dismiss_lead(session, actor(session, ADMIN), lead_id=lead.id)
    assert lead.status == LeadStatus.DISMISSED


def test_accepting_a_lead_invitation_converts_the_lead(session):
    from rxapp.models import AuditEvent
    from rxapp.services import customers

    lead = session.exec(select(Lead).where(Lead.company_name == "Litware Korea")).one()
    leads.invite_lead(session, actor(session, ADMIN), lead_id=lead.id)
    email = session.exec(select(OutboxEmail).where(OutboxEmail.to_address == "it@litware.example")).one()
    token = next(line for line in email.body.splitlines() if "/accept/" in line).rsplit("/", 1)[1]
    customers.create_customer_account(
        session,
        token=token,
        company="Litware Korea",
        country="KR",
        domain="litwarekorea.example",
        admin_name="Seo-yeon Lee",
        email="it@litwarekorea.example",
        password="Correct-horse-battery-42",
    )
    assert lead.status == LeadStatus.INVITED
    customers.accept_link(session, actor(session, "it@litwarekorea.example"), token=token)
    assert lead.status == LeadStatus.CONVERTED
    assert session.get(Link, lead.link_id).status == LinkStatus.ACCEPTED
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "lead.converted")).one()
    assert (event.org_id, event.target_id) == (org(session, "contoso.example").id, lead.id)
    other = session.exec(select(Lead).where(Lead.company_name == "Woodgrove Bank Korea")).one()
    assert other.status == LeadStatus.NEW
    # A relationship link that did not come from a lead converts nothing.
    url = customers.request_relationship_link(session, actor(session, "admin@litware.example")).url
    customers.accept_link(session, actor(session, "it@litwarekorea.example"), token=url.rsplit("/", 1)[1])
    assert len(session.exec(select(AuditEvent).where(AuditEvent.action == "lead.converted")).all()) == 1


# --- billing -------------------------------------------------------------------------------------------


def test_billing_admin_sees_monthly_charges(session):
    rows, total = billing.monthly_charges(session, actor(session, BILLING))
    assert sorted((r.product, r.quantity, r.monthly_cents) for r in rows) == [
        ("Microsoft 365 Business Premium", 2, 4400),
        ("Office 365 E3", 5, 11500),
    ]
    assert total == 15900
    litware_rows, _ = billing.monthly_charges(session, actor(session, "admin@litware.example"))
    assert [r.customer for r in litware_rows] == ["Proseware"]


def test_suspended_subscriptions_are_not_charged(session):
    sub = subscription(session, "adatum.example", "O365-E3")
    sub.status = "suspended"
    session.add(sub)
    session.flush()
    _rows, total = billing.monthly_charges(session, actor(session, BILLING))
    assert total == 4400


@pytest.mark.parametrize("who", [HELPDESK, "agent@contoso.example", "users@contoso.example"])
def test_billing_needs_billing_or_global_admin(session, who):
    with pytest.raises(PermissionDenied):
        billing.monthly_charges(session, actor(session, who))
    with pytest.raises(PermissionDenied):
        billing.export_csv(session, actor(session, who))


def test_csv_export_neutralizes_formulas(session):
    adatum = org(session, "adatum.example")
    adatum.name = '=HYPERLINK("http://evil.example")'
    session.add(adatum)
    session.flush()
    text = billing.export_csv(session, actor(session, ADMIN))
    rows = list(csv.reader(io.StringIO(text)))
    customers = [row[2] for row in rows[1:] if row[0] == "monthly charge"]
    assert customers
    assert all(c.startswith("'=") for c in customers)
    assert ["monthly total", "", "", "", "", "", "159.00", ""] in rows
    assert billing.neutralize("-1") == "'-1"
    assert billing.neutralize("@x") == "'@x"
    assert billing.neutralize("ok") == "ok"


def test_customer_billing_sees_its_own_subscriptions(session):
    rows, _total = billing.monthly_charges(session, actor(session, "admin@adatum.example"))
    assert {r.customer for r in rows} == {"Adatum Corporation"}
    assert len(rows) == len(
        session.exec(
            select(Subscription).where(Subscription.customer_org_id == org(session, "adatum.example").id)
        ).all()
    )


# --- partner profile -----------------------------------------------------------------------------------


def _values(session, **changes):
    data = profile.get_profile(session, actor(session, ADMIN))
    data.update(changes)
    return data


@pytest.mark.parametrize("who", [ADMIN, "agent@contoso.example", "users@contoso.example"])
def test_profile_viewers(session, who):
    assert profile.get_profile(session, actor(session, who))["mpn_id"] == "5000001"


@pytest.mark.parametrize("who", [HELPDESK, BILLING])
def test_profile_hidden_from_helpdesk_and_billing(session, who):
    with pytest.raises(PermissionDenied):
        profile.get_profile(session, actor(session, who))


@pytest.mark.parametrize("who", ["agent@contoso.example", "users@contoso.example"])
def test_only_global_admin_edits(session, who):
    with pytest.raises(PermissionDenied):
        profile.update_profile(session, actor(session, who), values=_values(session))


def test_edit_profile_and_country_locked(session):
    assert profile.update_profile(session, actor(session, ADMIN), values=_values(session, city="Busan")) is False
    assert org(session, "contoso.example").city == "Busan"
    with pytest.raises(ValidationFailed) as refusal:
        profile.update_profile(session, actor(session, ADMIN), values=_values(session, country="US"))
    assert refusal.value.code == "profile.country_locked"
    assert org(session, "contoso.example").country == "KR"


def test_free_mail_contact_refused(session):
    with pytest.raises(ValidationFailed) as refusal:
        profile.update_profile(session, actor(session, ADMIN), values=_values(session, contact_email="me@gmail.com"))
    assert refusal.value.code == "validation.email_free_mail"


def test_changed_contact_email_is_verified_by_link(session):
    pending = profile.update_profile(
        session, actor(session, ADMIN), values=_values(session, contact_email="Partners@Contoso.example")
    )
    assert pending is True
    contoso = org(session, "contoso.example")
    assert contoso.contact_email == "admin@contoso.example"
    assert profile.get_profile(session, actor(session, ADMIN))["pending_contact_email"] == "partners@contoso.example"
    email = session.exec(select(OutboxEmail).where(OutboxEmail.to_address == "partners@contoso.example")).one()
    token = next(line for line in email.body.splitlines() if "/verify-contact/" in line).rsplit("/", 1)[1]
    assert profile.preview_contact_link(session, token=token) == {
        "org": "Contoso Cloud Partners",
        "email": "partners@contoso.example",
    }
    assert contoso.contact_email == "admin@contoso.example"
    profile.confirm_contact(session, token=token)
    assert contoso.contact_email == "partners@contoso.example"
    with pytest.raises(LinkInvalid) as replay:
        profile.confirm_contact(session, token=token)
    assert replay.value.code == "link.used"


def test_new_change_voids_the_previous_link(session):
    profile.update_profile(session, actor(session, ADMIN), values=_values(session, contact_email="a@contoso.example"))
    first = session.exec(select(OutboxEmail).where(OutboxEmail.to_address == "a@contoso.example")).one()
    first_token = next(line for line in first.body.splitlines() if "/verify-contact/" in line).rsplit("/", 1)[1]
    profile.update_profile(session, actor(session, ADMIN), values=_values(session, contact_email="b@contoso.example"))
    with pytest.raises(LinkInvalid) as refusal:
        profile.confirm_contact(session, token=first_token)
    assert refusal.value.code == "link.revoked"


def test_marketing_profile(session):
    assert profile.get_marketing_profile(session, org(session, "contoso.example").id) is None
    with pytest.raises(PermissionDenied):
        profile.update_marketing_profile(session, actor(session, "users@contoso.example"), values={"description": "x"})
    with pytest.raises(ValidationFailed):
        profile.update_marketing_profile(session, actor(session, ADMIN), values={"description": " "})
    profile.update_marketing_profile(
        session,
        actor(session, ADMIN),
        values={
            "description": "Cloud migrations for Korean SMBs",
            "industries": "Retail",
            "products": "Microsoft 365",
            "regions_served": "Seoul, Busan",
        },
    )
    assert profile.get_marketing_profile(session, org(session, "contoso.example").id)["industries"] == "Retail"
    assert profile.get_own_marketing_profile(session, actor(session, "users@contoso.example"))["products"] == (
        "Microsoft 365"
    )
