"""The operations world's builder and lookups (its fixtures are in this directory's conftest.py): a demo world for
the on-behalf-of-customers tests: demo data plus the relationships the issue's scenario
needs (Fabrikam–Contoso partnership, Adatum's acceptance of both, delegated admin), built once and copied."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from rxapp.db import create_all, make_engine
from rxapp.models import (
    AdminRole,
    AgentRole,
    CustomerUser,
    DelegatedAdminGrant,
    Organization,
    OrgKind,
    Product,
    Relationship,
    RelationshipKind,
    Subscription,
    User,
    utcnow,
)
from rxapp.services.auth import actor_for
from rxapp.services.demo import load_demo_data


def org(session: Session, domain: str) -> Organization:
    return session.exec(select(Organization).where(Organization.domain == domain)).one()


def product(session: Session, sku: str) -> Product:
    return session.exec(select(Product).where(Product.sku == sku)).one()


def actor(session: Session, email: str):
    user = session.exec(select(User).where(User.email == email)).one()
    return actor_for(user, session.get(Organization, user.org_id))


def relate(session: Session, kind: RelationshipKind, partner: Organization, client: Organization) -> Relationship:
    rel = Relationship(kind=kind, partner_org_id=partner.id, client_org_id=client.id)
    session.add(rel)
    session.flush()
    return rel


def add_user(session: Session, organization: Organization, email: str, agent: AgentRole, admin: AdminRole) -> User:
    user = User(
        org_id=organization.id,
        email=email,
        full_name=email.split("@")[0].title(),
        password_hash="x",
        agent_role=agent,
        admin_role=admin,
    )
    session.add(user)
    session.flush()
    return user


def build_world(path: str) -> None:
    engine = make_engine(f"sqlite:///{path}")
    create_all(engine)
    with Session(engine) as session:
        load_demo_data(session)
        session.flush()
        fabrikam, contoso = org(session, "fabrikam.example"), org(session, "contoso.example")
        adatum = org(session, "adatum.example")
        relate(session, RelationshipKind.PROVIDER_RESELLER, fabrikam, contoso)
        relate(session, RelationshipKind.RESELLER_CUSTOMER, contoso, adatum)
        relate(session, RelationshipKind.PROVIDER_CUSTOMER, fabrikam, adatum)
        session.add(
            DelegatedAdminGrant(
                reseller_org_id=contoso.id, customer_org_id=adatum.id, expires_at=utcnow() + timedelta(days=365)
            )
        )
        # A second reseller (Litware) partnered with Fabrikam but not accepted by Adatum, with its own customer.
        litware = Organization(kind=OrgKind.RESELLER, name="Litware Partners", country="KR", domain="litware.example")
        proseware = Organization(kind=OrgKind.CUSTOMER, name="Proseware", country="KR", domain="proseware.example")
        session.add_all([litware, proseware])
        session.flush()
        add_user(session, litware, "admin@litware.example", AgentRole.ADMIN_AGENT, AdminRole.GLOBAL_ADMIN)
        relate(session, RelationshipKind.PROVIDER_RESELLER, fabrikam, litware)
        relate(session, RelationshipKind.RESELLER_CUSTOMER, litware, proseware)
        session.add(
            DelegatedAdminGrant(
                reseller_org_id=litware.id, customer_org_id=proseware.id, expires_at=utcnow() + timedelta(days=365)
            )
        )
        add_user(session, contoso, "billing@contoso.example", AgentRole.NOT_AN_AGENT, AdminRole.BILLING_ADMIN)
        add_user(session, contoso, "users@contoso.example", AgentRole.NOT_AN_AGENT, AdminRole.USER_MANAGEMENT_ADMIN)
        add_user(session, contoso, "agent@contoso.example", AgentRole.ADMIN_AGENT, AdminRole.NOT_AN_ADMIN)
        # Adatum's subscriptions through Contoso (and Fabrikam), and its users.
        for sku, quantity in (("O365-E3", 5), ("M365-BP", 2)):
            session.add(
                Subscription(
                    customer_org_id=adatum.id,
                    product_id=product(session, sku).id,
                    reseller_org_id=contoso.id,
                    provider_org_id=fabrikam.id,
                    quantity=quantity,
                )
            )
        session.add(
            Subscription(
                customer_org_id=proseware.id,
                product_id=product(session, "D365-SALES").id,
                reseller_org_id=litware.id,
                provider_org_id=fabrikam.id,
                quantity=3,
            )
        )
        for name in ("alex", "bo", "chris"):
            session.add(
                CustomerUser(
                    customer_org_id=adatum.id, display_name=name.title(), user_principal_name=f"{name}@adatum.example"
                )
            )
        session.add(
            CustomerUser(customer_org_id=proseware.id, display_name="Pat", user_principal_name="pat@proseware.example")
        )
        session.commit()
    engine.dispose()


def subscription(session: Session, customer_domain: str, sku: str) -> Subscription:
    return session.exec(
        select(Subscription).where(
            Subscription.customer_org_id == org(session, customer_domain).id,
            Subscription.product_id == product(session, sku).id,
        )
    ).one()


def customer_user(session: Session, upn: str) -> CustomerUser:
    return session.exec(select(CustomerUser).where(CustomerUser.user_principal_name == upn)).one()
