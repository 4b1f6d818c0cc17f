"""Orders: relationship required, reseller of record required, quantity limits, who sees which orders."""

from __future__ import annotations

import pytest
from sqlmodel import select

from rxapp.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from rxapp.models import (
    AuditEvent,
    Order,
    OrderStatus,
    Relationship,
    RelationshipKind,
    RelationshipStatus,
    Subscription,
)
from rxapp.services import orders
from tests.unit.services.operations.world import (
    actor,
    org,
    product,
)


def _submit(
    session,
    who="admin@fabrikam.example",
    customer="adatum.example",
    reseller="contoso.example",
    sku="M365-BP",
    quantity=10,
):
    return orders.submit_order(
        session,
        actor(session, who),
        customer_org_id=org(session, customer).id,
        reseller_org_id=org(session, reseller).id,
        product_id=product(session, sku).id,
        quantity=quantity,
    )


def test_provider_orders_for_customer_with_reseller_of_record(session):
    order = _submit(session, sku="D365-SALES", quantity=4)
    assert order.status == OrderStatus.FULFILLED
    sub = session.exec(select(Subscription).where(Subscription.order_id == order.id)).one()
    assert (sub.quantity, sub.reseller_org_id, sub.provider_org_id) == (
        4,
        org(session, "contoso.example").id,
        org(session, "fabrikam.example").id,
    )
    logs = {e.org_id for e in session.exec(select(AuditEvent).where(AuditEvent.action == "order.submit"))}
    assert logs == {org(session, d).id for d in ("fabrikam.example", "contoso.example", "adatum.example")}


def test_second_order_adds_licenses_to_the_existing_subscription(session):
    before = session.exec(select(Subscription).where(Subscription.product_id == product(session, "M365-BP").id)).one()
    _submit(session, quantity=3)
    session.refresh(before)
    assert before.quantity == 5


def test_order_options_offer_only_resellers_the_customer_accepted(session):
    options = orders.order_options(session, actor(session, "admin@fabrikam.example"))
    assert [(o.name, [r.name for r in o.resellers]) for o in options] == [
        ("Adatum Corporation", ["Contoso Cloud Partners"])
    ]


def test_refused_without_provider_customer_relationship(session):
    rel = session.exec(select(Relationship).where(Relationship.kind == RelationshipKind.PROVIDER_CUSTOMER)).one()
    rel.status = RelationshipStatus.ENDED
    session.add(rel)
    session.flush()
    with pytest.raises(DomainError) as refusal:
        _submit(session)
    assert refusal.value.code == "orders.no_customer_relationship"


def test_customer_of_a_partner_reseller_without_provider_relationship_is_refused_with_reason(session):
    with pytest.raises(DomainError) as refusal:
        _submit(session, customer="proseware.example", reseller="litware.example")
    assert refusal.value.code == "orders.no_customer_relationship"


def test_unrelated_customer_is_not_found(session):
    with pytest.raises(NotFound):
        _submit(session, customer="tailspin.example")


def test_reseller_not_accepted_by_customer_is_refused(session):
    with pytest.raises(DomainError) as refusal:
        _submit(session, reseller="litware.example")
    assert refusal.value.code == "orders.reseller_not_of_record"


def test_reseller_without_partnership_is_refused(session):
    rel = session.exec(
        select(Relationship).where(
            Relationship.kind == RelationshipKind.PROVIDER_RESELLER,
            Relationship.client_org_id == org(session, "contoso.example").id,
        )
    ).one()
    rel.status = RelationshipStatus.ENDED
    session.add(rel)
    session.flush()
    with pytest.raises(DomainError) as refusal:
        _submit(session)
    assert refusal.value.code == "orders.reseller_not_partner"


@pytest.mark.parametrize("quantity", [0, -1, 10_001, "lots"])
def test_quantity_limits(session, quantity):
    with pytest.raises(ValidationFailed):
        _submit(session, quantity=quantity)


@pytest.mark.parametrize("who", ["admin@contoso.example", "helpdesk@contoso.example", "admin@adatum.example"])
def test_only_providers_submit_orders(session, who):
    with pytest.raises(PermissionDenied):
        _submit(session, who=who)


def test_resellers_see_orders_for_their_customers_only(session):
    _submit(session)
    contoso_rows = orders.list_orders(session, actor(session, "admin@contoso.example"))
    assert [(r.customer, r.product, r.quantity) for r in contoso_rows] == [
        ("Adatum Corporation", "Microsoft 365 Business Premium", 10)
    ]
    assert orders.list_orders(session, actor(session, "admin@litware.example")) == []
    assert len(orders.list_orders(session, actor(session, "admin@fabrikam.example"))) == 1
    # The customer's Global admin sees its own orders (billing), a bare count check keeps isolation explicit.
    assert [r.reseller for r in orders.list_orders(session, actor(session, "admin@adatum.example"))] == [
        "Contoso Cloud Partners"
    ]
    assert session.exec(select(Order)).all()
