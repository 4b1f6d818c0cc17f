"""Demo data: the accounts the README lists, loaded into an empty database."""

from __future__ import annotations

from sqlmodel import Session, func, select

from rxapp.models import (
    AdminRole,
    AgentRole,
    HealthStatus,
    MpnProfile,
    Organization,
    OrgKind,
    OrgStatus,
    PmcAccess,
    PmcAccount,
    Product,
    ProductFamily,
    RegistryCustomer,
    ServiceHealthEntry,
    User,
)
from rxapp.models.rows import saved_id
from rxapp.services import mfa
from rxapp.services.passwords import hash_password

DEMO_ACCOUNTS: list[tuple[str, str, str]] = [
    # (email, password, what it is) — the README lists the same.
    ("ops@platform.example", "Platform-demo-2026", "platform staff"),
    ("admin@fabrikam.example", "Provider-demo-2026", "Fabrikam Distribution Korea, provider, Global admin"),
    ("admin@contoso.example", "Reseller-demo-2026", "Contoso Cloud Partners, reseller, Global admin + Admin agent"),
    ("helpdesk@contoso.example", "Helpdesk-demo-2026", "Contoso Cloud Partners, Helpdesk agent"),
    ("admin@adatum.example", "Customer-demo-2026", "Adatum Corporation, customer, Global admin"),
    ("admin@northwind.example", "Northwind-demo-2026", "Northwind Traders, work account not yet enrolled"),
]

# Partner Membership Center sign-ins of the registry (used in the enrollment wizard), as (user, password,
# MPN IDs it may act for).
DEMO_PMC_ACCOUNTS: list[tuple[str, str, str]] = [
    ("pmc-northwind", "Pmc-demo-2026", "6000001 (KR), 6000002 (US): Northwind Traders"),
    ("pmc-contoso", "Pmc-demo-2026", "5000001 (KR): Contoso Cloud Partners, already enrolled"),
]

PRODUCTS = [
    ("O365-E3", "Office 365 E3", ProductFamily.OFFICE_365, 2300),
    ("M365-BP", "Microsoft 365 Business Premium", ProductFamily.MICROSOFT_365, 2200),
    ("AZURE-PLAN", "Azure plan", ProductFamily.AZURE, 0),
    ("D365-SALES", "Dynamics 365 Sales", ProductFamily.DYNAMICS_365, 6500),
]


def is_empty(session: Session) -> bool:
    """Whether the database holds no organization yet."""
    return session.exec(select(func.count()).select_from(Organization)).one() == 0


def _org(session: Session, **fields) -> Organization:
    org = Organization(**fields)
    session.add(org)
    session.flush()
    return org


# The demo platform account's authenticator key (README): `pyotp.TOTP(key).now()` gives its current code.
DEMO_PLATFORM_TOTP_KEY = "PCDEMOPLATFORMOPSKEYTOTP234567AB"


def _user(
    session: Session, org: Organization, email: str, password: str, name: str, agent: AgentRole, admin: AdminRole
) -> User:
    user = User(
        org_id=saved_id(org.id),
        email=email,
        full_name=name,
        password_hash=hash_password(password),
        agent_role=agent,
        admin_role=admin,
    )
    session.add(user)
    return user


def load_demo_data(session: Session) -> bool:
    """Load the demo organizations, users, registry, products and service health; False if not empty."""
    if not is_empty(session):
        return False
    ga, aa, na = AdminRole.GLOBAL_ADMIN, AgentRole.ADMIN_AGENT, AgentRole.NOT_AN_AGENT
    platform = _org(session, kind=OrgKind.PLATFORM, name="Partner Center Operations", country="US")
    ops = _user(session, platform, "ops@platform.example", "Platform-demo-2026", "Platform Operations", aa, ga)
    session.flush()
    mfa.set_key(session, ops, DEMO_PLATFORM_TOTP_KEY)  # platform staff always sign in with a second factor

    fabrikam = _org(
        session,
        kind=OrgKind.PROVIDER,
        name="Fabrikam Distribution Korea",
        country="KR",
        domain="fabrikam.example",
        mpn_id="4000001",
        legal_name="Fabrikam Distribution Korea Ltd.",
        address_line1="123 Teheran-ro",
        city="Seoul",
        postal_code="06133",
        contact_first_name="Min-jun",
        contact_last_name="Kim",
        contact_email="partners@fabrikam.example",
        contact_phone="+82 2 555 0100",
        support_email="support@fabrikam.example",
        support_phone="+82 2 555 0199",
        support_website="https://fabrikam.example/support",
        directory_published=True,
        directory_programs="CSP indirect provider; Azure; Microsoft 365",
    )
    _user(session, fabrikam, "admin@fabrikam.example", "Provider-demo-2026", "Fabrikam Admin", aa, ga)

    contoso = _org(
        session,
        kind=OrgKind.RESELLER,
        name="Contoso Cloud Partners",
        country="KR",
        domain="contoso.example",
        mpn_id="5000001",
        legal_name="Contoso Cloud Partners Co., Ltd.",
        address_line1="45 Gangnam-daero",
        city="Seoul",
        postal_code="06232",
        contact_first_name="Ji-woo",
        contact_last_name="Park",
        contact_email="admin@contoso.example",
        contact_phone="+82 2 555 0200",
        support_email="support@contoso.example",
        support_phone="+82 2 555 0299",
        support_website="https://contoso.example/support",
    )
    _user(session, contoso, "admin@contoso.example", "Reseller-demo-2026", "Contoso Admin", aa, ga)
    _user(
        session,
        contoso,
        "helpdesk@contoso.example",
        "Helpdesk-demo-2026",
        "Contoso Helpdesk",
        AgentRole.HELPDESK_AGENT,
        AdminRole.NOT_AN_ADMIN,
    )
    contoso_profile = MpnProfile(
        mpn_id="5000001", name="Contoso Cloud Partners", country="KR", linked_org_id=contoso.id
    )
    # A PMC sign-in for an MPN ID that is already linked: enrolling with it is refused (already enrolled).
    pmc_contoso = PmcAccount(user_name="pmc-contoso", password_hash=hash_password("Pmc-demo-2026"))
    session.add_all([contoso_profile, pmc_contoso])
    session.flush()
    session.add(PmcAccess(pmc_account_id=saved_id(pmc_contoso.id), mpn_profile_id=saved_id(contoso_profile.id)))

    adatum = _org(
        session,
        kind=OrgKind.CUSTOMER,
        name="Adatum Corporation",
        country="KR",
        domain="adatum.example",
        contact_email="admin@adatum.example",
    )
    _user(session, adatum, "admin@adatum.example", "Customer-demo-2026", "Adatum Admin", na, ga)

    northwind = _org(
        session,
        kind=OrgKind.RESELLER,
        status=OrgStatus.UNENROLLED,
        name="Northwind Traders",
        country="KR",
        domain="northwind.example",
    )
    _user(session, northwind, "admin@northwind.example", "Northwind-demo-2026", "Northwind Admin", na, ga)
    pmc = PmcAccount(user_name="pmc-northwind", password_hash=hash_password("Pmc-demo-2026"))
    kr = MpnProfile(mpn_id="6000001", name="Northwind Traders Korea", country="KR")
    us = MpnProfile(mpn_id="6000002", name="Northwind Traders US", country="US")
    session.add_all([pmc, kr, us])
    session.flush()
    session.add_all(
        [
            PmcAccess(pmc_account_id=saved_id(pmc.id), mpn_profile_id=saved_id(kr.id)),
            PmcAccess(pmc_account_id=saved_id(pmc.id), mpn_profile_id=saved_id(us.id)),
        ]
    )
    # A customer Northwind already serves through other portals: it appears once Northwind is approved.
    tailspin = _org(session, kind=OrgKind.CUSTOMER, name="Tailspin Toys Korea", country="KR", domain="tailspin.example")
    session.add(RegistryCustomer(mpn_profile_id=saved_id(kr.id), customer_org_id=saved_id(tailspin.id)))

    for sku, name, family, price in PRODUCTS:
        session.add(Product(sku=sku, name=name, family=family, monthly_price_cents=price))
    session.add_all(
        [
            ServiceHealthEntry(
                family=ProductFamily.OFFICE_365,
                status=HealthStatus.ADVISORY,
                title="Exchange Online: delayed mail delivery in Korea Central",
                description="Some messages are delayed by up to 15 minutes. Engineers are rerouting.",
            ),
            ServiceHealthEntry(
                family=ProductFamily.AZURE, status=HealthStatus.HEALTHY, title="Azure: all services operating normally"
            ),
            ServiceHealthEntry(
                family=ProductFamily.DYNAMICS_365,
                status=HealthStatus.RESOLVED,
                title="Dynamics 365 Sales: sign-in errors resolved",
            ),
        ]
    )
    session.flush()
    from rxapp.services.demo_incentives import add_demo_incentives
    from rxapp.services.leads import add_demo_leads

    add_demo_leads(session)
    add_demo_incentives(session, partners=[contoso, fabrikam], customer=adatum)
    return True
