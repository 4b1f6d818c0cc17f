"""Fixtures of the partner API tests: the mounted API application, a world of partners with orders and a
pending link, and API client secrets made on demand."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from rxapp.api.app import mount_api
from rxapp.models import (
    Link,
    Product,
    Subscription,
)
from rxapp.services import api_clients, customers, links, orders, partners
from tests.unit.api.helpers import World


async def _not_the_api(_scope, _receive, send):  # the Reflex app behind the mount, for these tests
    await send({"type": "http.response.start", "status": 418, "headers": []})
    await send({"type": "http.response.body", "body": b"reflex"})


@pytest.fixture
def world(session, actor, org) -> World:
    """Fabrikam (provider) – Contoso (reseller) partnership; Adatum accepted both; Fabrikam ordered Office 365
    and Azure for Adatum; Contoso has one pending customer link."""
    fabrikam, contoso = actor("admin@fabrikam.example"), actor("admin@contoso.example")
    _link, token = partners.invite_reseller(session, fabrikam, mpn_id="5000001")
    partners.authorize_provider(session, contoso, token=token)
    draft = customers.invite_new_customer_link(session, contoso, provider_org_id=org("Fabrikam").id)
    customers.accept_link(session, actor("admin@adatum.example"), token=draft.url.rsplit("/", 1)[1])
    ids = {}
    for sku in ("O365-E3", "AZURE-PLAN"):
        product = session.exec(select(Product).where(Product.sku == sku)).one()
        placed = orders.submit_order(
            session,
            fabrikam,
            customer_org_id=org("Adatum").id,
            reseller_org_id=org("Contoso").id,
            product_id=product.id,
            quantity=5,
        )
        ids[sku] = session.exec(select(Subscription.id).where(Subscription.order_id == placed.id)).one()
    pending = customers.request_relationship_link(session, contoso)
    link = session.exec(select(Link).where(Link.token_hash == links.hash_token(pending.url.rsplit("/", 1)[1]))).one()
    session.commit()
    return World(
        adatum=org("Adatum").id,
        contoso=org("Contoso").id,
        fabrikam=org("Fabrikam").id,
        o365=ids["O365-E3"],
        azure=ids["AZURE-PLAN"],
        customer_link=link.id,
    )


@pytest.fixture
def api(engine):  # noqa: ARG001 (requested for its setup)
    with TestClient(mount_api(_not_the_api), base_url="http://testserver") as client:
        yield client


@pytest.fixture
def secret(session, actor):
    """`secret(admin_email, agent, admin)`: a new API client of that admin's organization; returns its secret."""

    def make(email: str, agent: str = "admin_agent", admin: str = "not_an_admin") -> str:
        issued = api_clients.create_client(
            session, actor(email), name=f"{agent}+{admin}", agent_role=agent, admin_role=admin, expires_in_days=30
        )
        session.commit()
        return issued.secret

    return make
