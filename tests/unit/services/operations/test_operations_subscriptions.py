"""Subscriptions and licenses: the Office 365 exception, quantity limits, delegated admin expiry, isolation."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from rxapp.errors import Conflict, DomainError, NotFound, PermissionDenied, ValidationFailed
from rxapp.models import (
    AuditEvent,
    DelegatedAdminGrant,
    DelegatedAdminStatus,
    LicenseAssignment,
    Relationship,
    RelationshipKind,
    RelationshipStatus,
    SubscriptionStatus,
    utcnow,
)
from rxapp.permissions import Action, can
from rxapp.services import subscriptions as subs
from tests.unit.services.operations.world import (
    actor,
    customer_user,
    org,
    subscription,
)

HELPDESK, ADMIN = "helpdesk@contoso.example", "admin@contoso.example"


def test_list_shows_only_the_resellers_own_customers(session):
    rows = subs.list_subscriptions(session, actor(session, HELPDESK))
    assert sorted((r.customer, r.product, r.quantity) for r in rows) == [
        ("Adatum Corporation", "Microsoft 365 Business Premium", 2),
        ("Adatum Corporation", "Office 365 E3", 5),
    ]
    litware_rows = subs.list_subscriptions(session, actor(session, "admin@litware.example"))
    assert [r.customer for r in litware_rows] == ["Proseware"]
    fabrikam_rows = subs.list_subscriptions(session, actor(session, "admin@fabrikam.example"))
    assert {r.customer for r in fabrikam_rows} == {"Adatum Corporation"}  # Proseware has no provider relationship


def test_helpdesk_changes_quantity_and_audit_reaches_customer(session):
    sub = subscription(session, "adatum.example", "M365-BP")
    subs.change_quantity(session, actor(session, HELPDESK), subscription_id=sub.id, quantity=7)
    assert sub.quantity == 7
    logs = {e.org_id for e in session.exec(select(AuditEvent).where(AuditEvent.action == "subscription.quantity"))}
    assert logs == {org(session, "contoso.example").id, org(session, "adatum.example").id}


def test_helpdesk_refused_on_office_365(session):
    sub = subscription(session, "adatum.example", "O365-E3")
    with pytest.raises(PermissionDenied) as refusal:
        subs.change_quantity(session, actor(session, HELPDESK), subscription_id=sub.id, quantity=6)
    assert refusal.value.code == "subscriptions.office_365_needs_admin_agent"
    assert refusal.value.params["roles"] == ["admin_agent", "global_admin", "sales_agent"]
    for op in (subs.suspend, subs.reactivate):
        with pytest.raises(PermissionDenied):
            op(session, actor(session, HELPDESK), subscription_id=sub.id)
    session.refresh(sub)
    assert sub.quantity == 5


@pytest.mark.parametrize("who", [ADMIN, "agent@contoso.example"])
def test_admin_agent_and_global_admin_manage_office_365(session, who):
    sub = subscription(session, "adatum.example", "O365-E3")
    subs.change_quantity(session, actor(session, who), subscription_id=sub.id, quantity=6)
    assert sub.quantity == 6


@pytest.mark.parametrize("who", ["billing@contoso.example", "users@contoso.example"])
def test_admins_without_agent_role_cannot_manage(session, who):
    sub = subscription(session, "adatum.example", "M365-BP")
    with pytest.raises(PermissionDenied):
        subs.change_quantity(session, actor(session, who), subscription_id=sub.id, quantity=3)


@pytest.mark.parametrize("quantity", [0, 10_001, "x"])
def test_quantity_range(session, quantity):
    sub = subscription(session, "adatum.example", "M365-BP")
    with pytest.raises(ValidationFailed):
        subs.change_quantity(session, actor(session, ADMIN), subscription_id=sub.id, quantity=quantity)


def test_quantity_never_below_assigned_licenses(session):
    sub = subscription(session, "adatum.example", "M365-BP")
    admin = actor(session, ADMIN)
    for upn in ("alex@adatum.example", "bo@adatum.example"):
        subs.assign_license(session, admin, subscription_id=sub.id, customer_user_id=customer_user(session, upn).id)
    with pytest.raises(DomainError) as refusal:
        subs.change_quantity(session, admin, subscription_id=sub.id, quantity=1)
    assert refusal.value.code == "subscriptions.below_assigned"


def test_suspend_and_reactivate(session):
    sub = subscription(session, "adatum.example", "M365-BP")
    helpdesk = actor(session, HELPDESK)
    subs.suspend(session, helpdesk, subscription_id=sub.id)
    assert sub.status == SubscriptionStatus.SUSPENDED
    with pytest.raises(Conflict):
        subs.suspend(session, helpdesk, subscription_id=sub.id)
    with pytest.raises(DomainError) as refusal:
        subs.change_quantity(session, helpdesk, subscription_id=sub.id, quantity=3)
    assert refusal.value.code == "subscriptions.suspended"
    subs.reactivate(session, helpdesk, subscription_id=sub.id)
    assert sub.status == SubscriptionStatus.ACTIVE


def test_other_reseller_cannot_see_or_touch(session):
    sub = subscription(session, "adatum.example", "M365-BP")
    litware = actor(session, "admin@litware.example")
    for call in (
        lambda: subs.change_quantity(session, litware, subscription_id=sub.id, quantity=3),
        lambda: subs.suspend(session, litware, subscription_id=sub.id),
        lambda: subs.assign_license(
            session, litware, subscription_id=sub.id, customer_user_id=customer_user(session, "alex@adatum.example").id
        ),
    ):
        with pytest.raises(NotFound):
            call()


def test_ended_relationship_hides_subscriptions(session):
    rel = session.exec(
        select(Relationship).where(
            Relationship.kind == RelationshipKind.RESELLER_CUSTOMER,
            Relationship.partner_org_id == org(session, "contoso.example").id,
        )
    ).one()
    rel.status = RelationshipStatus.ENDED
    session.add(rel)
    session.flush()
    sub = subscription(session, "adatum.example", "M365-BP")
    assert subs.list_subscriptions(session, actor(session, ADMIN)) == []
    with pytest.raises(NotFound):
        subs.change_quantity(session, actor(session, ADMIN), subscription_id=sub.id, quantity=3)


# --- licenses ------------------------------------------------------------------------------------------


def test_assign_up_to_quantity_then_refuse(session):
    sub = subscription(session, "adatum.example", "M365-BP")  # quantity 2
    admin = actor(session, ADMIN)
    for upn in ("alex@adatum.example", "bo@adatum.example"):
        subs.assign_license(session, admin, subscription_id=sub.id, customer_user_id=customer_user(session, upn).id)
    with pytest.raises(DomainError) as refusal:
        subs.assign_license(
            session, admin, subscription_id=sub.id, customer_user_id=customer_user(session, "chris@adatum.example").id
        )
    assert refusal.value.code == "licenses.no_free_seat"
    subs.unassign_license(
        session, admin, subscription_id=sub.id, customer_user_id=customer_user(session, "alex@adatum.example").id
    )
    subs.assign_license(
        session, admin, subscription_id=sub.id, customer_user_id=customer_user(session, "chris@adatum.example").id
    )
    overview = subs.license_overview(session, admin, customer_org_id=org(session, "adatum.example").id)
    held = {u["upn"]: [lic["product"] for lic in u["licenses"]] for u in overview["users"]}
    assert held == {
        "alex@adatum.example": [],
        "bo@adatum.example": ["Microsoft 365 Business Premium"],
        "chris@adatum.example": ["Microsoft 365 Business Premium"],
    }
    customer_log = session.exec(
        select(AuditEvent).where(
            AuditEvent.org_id == org(session, "adatum.example").id, AuditEvent.action == "license.assign"
        )
    ).all()
    assert len(customer_log) == 3


def test_assigning_twice_is_refused(session):
    sub = subscription(session, "adatum.example", "O365-E3")
    admin = actor(session, ADMIN)
    user_id = customer_user(session, "alex@adatum.example").id
    subs.assign_license(session, admin, subscription_id=sub.id, customer_user_id=user_id)
    with pytest.raises(DomainError) as refusal:
        subs.assign_license(session, admin, subscription_id=sub.id, customer_user_id=user_id)
    assert refusal.value.code == "licenses.already_assigned"


def test_helpdesk_cannot_administer_licenses(session):
    assert not can(actor(session, HELPDESK), Action.ADMINISTER_CUSTOMERS)
    sub = subscription(session, "adatum.example", "M365-BP")
    with pytest.raises(PermissionDenied):
        subs.assign_license(
            session,
            actor(session, HELPDESK),
            subscription_id=sub.id,
            customer_user_id=customer_user(session, "alex@adatum.example").id,
        )


def test_user_of_another_customer_is_not_found(session):
    sub = subscription(session, "adatum.example", "M365-BP")
    with pytest.raises(NotFound):
        subs.assign_license(
            session,
            actor(session, ADMIN),
            subscription_id=sub.id,
            customer_user_id=customer_user(session, "pat@proseware.example").id,
        )


@pytest.mark.parametrize("change", ["expired", "removed", "deleted"])
def test_delegated_admin_must_be_live(session, change):
    grant = session.exec(
        select(DelegatedAdminGrant).where(DelegatedAdminGrant.reseller_org_id == org(session, "contoso.example").id)
    ).one()
    if change == "expired":
        grant.expires_at = utcnow() - timedelta(minutes=1)
        session.add(grant)
    elif change == "removed":
        grant.status = DelegatedAdminStatus.REMOVED
        session.add(grant)
    else:
        session.delete(grant)
    session.flush()
    sub = subscription(session, "adatum.example", "M365-BP")
    admin = actor(session, ADMIN)
    with pytest.raises(DomainError) as refusal:
        subs.assign_license(
            session, admin, subscription_id=sub.id, customer_user_id=customer_user(session, "alex@adatum.example").id
        )
    assert refusal.value.code == "onbehalf.delegated_admin_required"
    with pytest.raises(DomainError):
        subs.license_overview(session, admin, customer_org_id=org(session, "adatum.example").id)
    # Managing subscriptions does not need delegated admin, only the reseller relationship.
    subs.change_quantity(session, admin, subscription_id=sub.id, quantity=4)


def test_concurrent_assignments_never_exceed_quantity(world_engine):
    with Session(world_engine) as setup:
        sub = subscription(setup, "adatum.example", "M365-BP")
        sub.quantity = 1
        setup.add(sub)
        setup.commit()
        sub_id = sub.id
        user_ids = [customer_user(setup, f"{n}@adatum.example").id for n in ("alex", "bo", "chris")]
    barrier = threading.Barrier(len(user_ids))
    outcomes: list[str] = []

    def attempt(user_id: int) -> None:
        with Session(world_engine) as session:
            admin = actor(session, ADMIN)
            barrier.wait()
            try:
                subs.assign_license(session, admin, subscription_id=sub_id, customer_user_id=user_id)
                session.commit()
                outcomes.append("ok")
            except Exception as error:  # noqa: BLE001 - any refusal (no free seat, busy database) counts
                session.rollback()
                outcomes.append(type(error).__name__)

    threads = [threading.Thread(target=attempt, args=(uid,)) for uid in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Session(world_engine) as check:
        count = len(check.exec(select(LicenseAssignment).where(LicenseAssignment.subscription_id == sub_id)).all())
    assert count == 1
    assert outcomes.count("ok") == 1


@pytest.mark.parametrize("customer_org_id", ["not-a-number", None, 0])
def test_malformed_customer_id_is_not_found(session, customer_org_id):
    with pytest.raises(NotFound):
        subs.license_overview(session, actor(session, ADMIN), customer_org_id=customer_org_id)
