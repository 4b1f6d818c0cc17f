"""Webhooks: endpoints (secret once, events chosen), events written with the change, Standard Webhooks signatures
(verified with the `standardwebhooks` package), receivers on private networks refused, delivery to a real local
HTTP receiver, retries over 24 hours, the endpoint disabled after repeated failure (Global admins emailed), Resend
and Send test event."""

from __future__ import annotations

import json
import socket
from datetime import timedelta

import pytest
from sqlmodel import select
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from rxapp.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from rxapp.models import (
    AuditEvent,
    OutboxEmail,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEndpoint,
    WebhookEndpointStatus,
    utcnow,
)
from rxapp.services import customers, webhook_delivery, webhooks
from rxapp.services.webhooks import security
from rxapp.settings import get_settings
from tests.webhook_receiver import start_receiver

CONTOSO_ADMIN = "admin@contoso.example"


@pytest.fixture
def receiver(monkeypatch):
    monkeypatch.setattr(get_settings(), "webhooks_allow_private", True)
    receiver = start_receiver()
    yield receiver
    receiver.server.shutdown()


def endpoint_for(session, actor, url, events=("customer.relationship_accepted",)):
    issued = webhooks.create_endpoint(session, actor(CONTOSO_ADMIN), url=url, event_types=list(events))
    session.commit()
    return issued


def accept_contoso(session, actor):
    url = customers.request_relationship_link(session, actor(CONTOSO_ADMIN)).url
    customers.accept_link(session, actor("admin@adatum.example"), token=url.rsplit("/", 1)[1])
    session.commit()


def fake_dns(monkeypatch, *addresses):
    def getaddrinfo(_host, port, *args, **kwargs):
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses
        ]

    monkeypatch.setattr(security.socket, "getaddrinfo", getaddrinfo)


# ------------------------------------------------------------------------------------------ signing


def test_signature_verifies_with_the_standard_webhooks_library():
    secret = webhooks.new_secret()
    assert secret.startswith("whsec_")
    body = webhooks.body("webhook.test", 7, {"hello": "wörld"}).encode()
    headers = webhooks.signed_headers(secret, "msg_1", body, timestamp=int(utcnow().timestamp()))
    assert headers["webhook-signature"].startswith("v1,")
    assert Webhook(secret).verify(body, headers)["data"] == {"hello": "wörld"}
    with pytest.raises(WebhookVerificationError):
        Webhook(webhooks.new_secret()).verify(body, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body + b" ", headers)


# ------------------------------------------------------------------------------------------ receivers


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.5",
        "192.168.1.2",
        "172.16.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "0.0.0.0",  # noqa: S104
        "224.0.0.1",
    ],
)
def test_private_loopback_and_link_local_receivers_are_refused(monkeypatch, address):
    fake_dns(monkeypatch, "93.184.216.34", address)  # one bad address among good ones is enough
    with pytest.raises(webhooks.UnsafeReceiver):
        webhooks.check_receiver("https://hooks.example.com/in", allow_private=False)


def test_public_https_receiver_is_accepted_and_http_refused(monkeypatch):
    fake_dns(monkeypatch, "93.184.216.34")
    parts, addresses = webhooks.check_receiver("https://hooks.example.com/in", allow_private=False)
    assert addresses == ["93.184.216.34"]
    assert parts.hostname == "hooks.example.com"
    for url in ("http://hooks.example.com/in", "ftp://hooks.example.com/", "https://user:pw@hooks.example.com/"):
        with pytest.raises(webhooks.UnsafeReceiver):
            webhooks.check_receiver(url, allow_private=False)


def test_creating_an_endpoint_on_a_private_network_is_refused(session, actor, monkeypatch):
    monkeypatch.setattr(get_settings(), "webhooks_allow_private", False)
    with pytest.raises(ValidationFailed) as refused:
        webhooks.create_endpoint(
            session, actor(CONTOSO_ADMIN), url="https://127.0.0.1:8443/hook", event_types=["subscription.created"]
        )
    assert refused.value.code == "webhooks.url_refused"
    assert refused.value.field == "webhook_url"
    fake_dns(monkeypatch, "10.1.2.3")
    with pytest.raises(ValidationFailed):
        webhooks.create_endpoint(
            session, actor(CONTOSO_ADMIN), url="https://intranet.example.com/hook", event_types=["subscription.created"]
        )


def test_delivery_time_check_refuses_a_host_that_now_resolves_privately(session, actor, monkeypatch):
    fake_dns(monkeypatch, "93.184.216.34")
    monkeypatch.setattr(get_settings(), "webhooks_allow_private", False)
    issued = endpoint_for(session, actor, "https://hooks.example.com/in")
    webhooks.send_test_event(session, actor(CONTOSO_ADMIN), endpoint_id=issued.endpoint.id)
    session.commit()
    fake_dns(monkeypatch, "127.0.0.1")  # DNS rebinding: the name now points inside
    report = webhook_delivery.deliver_due(session.get_bind())
    assert report.retrying == 1
    row = session.exec(select(WebhookDelivery)).one()
    session.refresh(row)
    assert row.last_error.startswith("refused:")
    assert row.response_status is None


# ------------------------------------------------------------------------------------------ endpoints


def test_endpoint_secret_shown_once_and_events_checked(session, actor, receiver):
    issued = endpoint_for(session, actor, receiver.url, events=("subscription.created", "delegated_admin.removed"))
    assert issued.secret.startswith("whsec_")
    assert issued.secret not in repr(issued)
    listed = webhooks.list_endpoints(session, actor(CONTOSO_ADMIN))
    assert [e.event_types for e in listed] == [["delegated_admin.removed", "subscription.created"]]
    assert issued.secret not in str(listed)
    assert listed[0].secret_hint.endswith("…")
    with pytest.raises(ValidationFailed):
        webhooks.create_endpoint(session, actor(CONTOSO_ADMIN), url=receiver.url, event_types=[])
    with pytest.raises(ValidationFailed):
        webhooks.create_endpoint(session, actor(CONTOSO_ADMIN), url=receiver.url, event_types=["order.hacked"])
    with pytest.raises(PermissionDenied):
        webhooks.list_endpoints(session, actor("helpdesk@contoso.example"))
    with pytest.raises(NotFound):
        webhooks.send_test_event(session, actor("admin@fabrikam.example"), endpoint_id=issued.endpoint.id)


def test_events_are_written_with_the_change_or_not_at_all(session, actor, receiver):
    endpoint_for(session, actor, receiver.url)
    url = customers.request_relationship_link(session, actor(CONTOSO_ADMIN)).url
    session.commit()
    session.rollback()
    assert session.exec(select(WebhookDelivery)).all() == []
    customers.accept_link(session, actor("admin@adatum.example"), token=url.rsplit("/", 1)[1])
    assert [d.event_type for d in session.exec(select(WebhookDelivery))] == ["customer.relationship_accepted"]
    session.rollback()  # the change is undone: so is its event
    assert session.exec(select(WebhookDelivery)).all() == []


# ------------------------------------------------------------------------------------------ delivery


def test_customer_accepts_and_the_receiver_gets_one_signed_event(session, actor, receiver, engine):
    issued = endpoint_for(
        session, actor, receiver.url, events=("customer.relationship_accepted", "delegated_admin.approved")
    )
    accept_contoso(session, actor)
    report = webhook_delivery.deliver_due(engine)
    assert report.delivered == 2
    received = receiver.wait_for(2)
    assert len(received) == 2
    events = {}
    for request in received:
        payload = Webhook(issued.secret).verify(request.body, request.headers)
        events[payload["type"]] = payload
        assert request.path == "/hooks/partner-center"
        assert request.headers["content-type"] == "application/json"
    accepted = events["customer.relationship_accepted"]
    assert accepted["data"]["customer"]["name"] == "Adatum Corporation"
    assert accepted["data"]["reseller"]["name"] == "Contoso Cloud Partners"
    assert events["delegated_admin.approved"]["data"]["expires_at"]
    assert webhook_delivery.deliver_due(engine).handled == 0  # nothing twice
    log = webhooks.list_deliveries(session, actor(CONTOSO_ADMIN), endpoint_id=issued.endpoint.id)
    assert {row.status for row in log} == {"succeeded"}
    assert all(row.response_status == 200 for row in log)
    assert all(row.attempts == 1 and row.duration_ms is not None for row in log)


def test_retry_schedule_grows_over_24_hours():
    schedule = webhook_delivery.retry_schedule()
    assert len(schedule) == webhook_delivery.MAX_ATTEMPTS == 10
    gaps = [later - earlier for earlier, later in zip(schedule, schedule[1:], strict=False)]
    assert all(b >= a for a, b in zip(gaps, gaps[1:], strict=False))
    assert timedelta(hours=20) < schedule[-1] <= timedelta(hours=24)
    assert webhook_delivery.retry_delay(1) == timedelta(seconds=5)
    assert webhook_delivery.retry_delay(10) is None


def test_failing_receiver_gets_retries_then_the_endpoint_is_disabled_and_resend_delivers(
    session, actor, receiver, engine
):
    issued = endpoint_for(session, actor, receiver.url)
    accept_contoso(session, actor)
    receiver.status = 500
    now = utcnow()
    for attempt in range(1, webhook_delivery.MAX_ATTEMPTS + 1):
        report = webhook_delivery.deliver_due(engine, now=now)
        assert report.handled == 1, attempt
        assert report.failed == (1 if attempt == webhook_delivery.MAX_ATTEMPTS else 0)
        assert webhook_delivery.deliver_due(engine, now=now).handled == 0  # not due again before its delay
        delay = webhook_delivery.retry_delay(attempt)
        now += delay or timedelta(0)
    assert len(receiver.requests) == webhook_delivery.MAX_ATTEMPTS
    ids = {r.headers["webhook-id"] for r in receiver.requests}
    assert len(ids) == 1  # every retry is the same message
    endpoint = session.get(WebhookEndpoint, issued.endpoint.id)
    session.refresh(endpoint)
    assert endpoint.status == WebhookEndpointStatus.DISABLED
    assert "10 attempts failed" in endpoint.disabled_reason
    delivery = session.exec(select(WebhookDelivery)).one()
    session.refresh(delivery)
    assert delivery.status == WebhookDeliveryStatus.FAILED
    assert delivery.response_status == 500
    assert delivery.attempts == 10
    emails = session.exec(select(OutboxEmail).where(OutboxEmail.subject.contains("webhook endpoint was disabled")))
    assert [e.to_address for e in emails] == [CONTOSO_ADMIN]
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "webhook.endpoint_disabled")).one()

    # Events while disabled are not queued; Resend needs the endpoint enabled again.
    admin = actor(CONTOSO_ADMIN)
    with pytest.raises(Conflict):
        webhooks.resend(session, admin, delivery_id=delivery.id)
    webhooks.enable_endpoint(session, admin, endpoint_id=endpoint.id)
    again = webhooks.resend(session, admin, delivery_id=delivery.id)
    session.commit()
    receiver.status = 204
    assert webhook_delivery.deliver_due(engine).delivered == 1
    last = receiver.requests[-1]
    assert last.headers["webhook-id"] == delivery.message_id
    assert Webhook(issued.secret).verify(last.body, last.headers)["type"] == "customer.relationship_accepted"
    log = webhooks.list_deliveries(session, admin, endpoint_id=endpoint.id)
    assert [(row.id, row.status, row.resend_of_id) for row in log][0] == (again.id, "succeeded", delivery.id)


def test_410_gone_disables_at_once(session, actor, receiver, engine):
    issued = endpoint_for(session, actor, receiver.url)
    webhooks.send_test_event(session, actor(CONTOSO_ADMIN), endpoint_id=issued.endpoint.id)
    session.commit()
    receiver.status = 410
    assert webhook_delivery.deliver_due(engine).failed == 1
    endpoint = session.get(WebhookEndpoint, issued.endpoint.id)
    session.refresh(endpoint)
    assert endpoint.status == WebhookEndpointStatus.DISABLED
    assert "410" in endpoint.disabled_reason


def test_send_test_event_and_two_workers_deliver_once(session, actor, receiver, engine):
    issued = endpoint_for(session, actor, receiver.url)
    webhooks.send_test_event(session, actor(CONTOSO_ADMIN), endpoint_id=issued.endpoint.id)
    session.commit()
    rows = webhook_delivery._due(engine, utcnow(), 10)
    assert webhook_delivery._claim(engine, rows[0], utcnow())
    assert not webhook_delivery._claim(engine, rows[0], utcnow())  # the second worker loses the claim
    assert webhook_delivery.deliver_due(engine).handled == 0  # claimed: leased, not due
    delivered = webhook_delivery.deliver_due(engine, now=utcnow() + webhook_delivery.CLAIM_LEASE)
    assert delivered.delivered == 1
    body = json.loads(receiver.requests[-1].body)
    assert body["type"] == "webhook.test"
    assert body["data"] == {"endpoint_id": issued.endpoint.id}


def test_subscription_and_partnership_events_reach_both_partners(session, actor, org, receiver, engine):
    from rxapp.models import Relationship, RelationshipKind
    from rxapp.services import orders, partners, subscriptions

    fabrikam_admin = actor("admin@fabrikam.example")
    hook = webhooks.create_endpoint(
        session,
        fabrikam_admin,
        url=receiver.url,
        event_types=[
            "subscription.created",
            "subscription.changed",
            "subscription.suspended",
            "indirect_provider.authorized",
            "customer.indirect_reseller_relationship_accepted",
        ],
    )
    session.commit()
    link, token = partners.invite_reseller(session, fabrikam_admin, mpn_id="5000001")
    partners.authorize_provider(session, actor(CONTOSO_ADMIN), token=token)
    draft = customers.invite_new_customer_link(session, actor(CONTOSO_ADMIN), provider_org_id=org("Fabrikam").id)
    customers.accept_link(session, actor("admin@adatum.example"), token=draft.url.rsplit("/", 1)[1])
    product = session.exec(select(orders.Product)).first()
    order = orders.submit_order(
        session,
        fabrikam_admin,
        customer_org_id=org("Adatum").id,
        reseller_org_id=org("Contoso").id,
        product_id=product.id,
        quantity=3,
    )
    sub = session.exec(select(orders.Subscription).where(orders.Subscription.order_id == order.id)).one()
    subscriptions.change_quantity(session, fabrikam_admin, subscription_id=sub.id, quantity=5)
    subscriptions.suspend(session, fabrikam_admin, subscription_id=sub.id)
    session.commit()
    assert session.exec(select(Relationship).where(Relationship.kind == RelationshipKind.PROVIDER_CUSTOMER)).one()
    webhook_delivery.deliver_due(engine)
    types = [Webhook(hook.secret).verify(r.body, r.headers)["type"] for r in receiver.wait_for(5)]
    assert types == [
        "indirect_provider.authorized",
        "customer.indirect_reseller_relationship_accepted",
        "subscription.created",
        "subscription.changed",
        "subscription.suspended",
    ]
    changed = json.loads(receiver.requests[3].body)["data"]
    assert changed["quantity"] == 5
    assert changed["previous_quantity"] == 3
    assert changed["change"] == "quantity"


def test_delegated_admin_expiring_and_expired_for_the_expiry_task(session, actor, receiver, engine):
    from rxapp.models import DelegatedAdminGrant

    hook = endpoint_for(
        session,
        actor,
        receiver.url,
        events=("delegated_admin.expiring", "delegated_admin.expired", "delegated_admin.removed"),
    )
    accept_contoso(session, actor)
    grant = session.exec(select(DelegatedAdminGrant)).one()
    webhooks.delegated_admin_expiring(session, grant, days_left=30)
    webhooks.delegated_admin_expired(session, grant)
    customers.remove_delegated_admin(session, actor("admin@adatum.example"), reseller_org_id=grant.reseller_org_id)
    session.commit()
    webhook_delivery.deliver_due(engine)
    payloads = [Webhook(hook.secret).verify(r.body, r.headers) for r in receiver.wait_for(3)]
    assert [p["type"] for p in payloads] == [
        "delegated_admin.expiring",
        "delegated_admin.expired",
        "delegated_admin.removed",
    ]
    assert payloads[0]["data"]["days_left"] == 30
    assert payloads[2]["data"]["reason"] == "removed_by_customer"


@pytest.mark.usefixtures("session")
def test_enrollment_decisions_reach_the_platform(receiver, engine):
    from rxapp.services import enrollment
    from tests.unit.services.enrollment.steps import in_review, ops, run

    staff = ops(engine)
    hook = run(
        engine,
        lambda s: webhooks.create_endpoint(
            s, staff, url=receiver.url, event_types=["enrollment.approved", "enrollment.rejected"]
        ),
    )
    enrollment_id = in_review(engine)
    run(engine, lambda s: enrollment.approve_enrollment(s, ops(engine), enrollment_id=enrollment_id))
    webhook_delivery.deliver_due(engine)
    payload = Webhook(hook.secret).verify(receiver.wait_for(1)[0].body, receiver.requests[0].headers)
    assert payload["type"] == "enrollment.approved"
    assert payload["data"]["enrollment_id"] == enrollment_id
    assert payload["data"]["organization"]["name"] == "Northwind Traders"
