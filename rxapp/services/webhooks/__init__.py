"""Webhooks (Account settings › Webhooks), one module per job; callers keep writing `webhooks.emit(...)`.

- `events`: the event types and `emit`, which writes deliveries to the webhook outbox in the transaction of
  the change, and one builder per hook the services call;
- `endpoints`: an organization's endpoints, their secrets, test events and delivery log;
- `security`: Standard Webhooks signatures and the refusal of receivers on private networks.

`webhook_delivery` sends what is queued. No Reflex here.
"""

from rxapp.services.webhooks.endpoints import (
    DELIVERY_PAGE,
    DESCRIPTION_MAX,
    MAX_ENDPOINTS,
    TEST_EVENT,
    DeliveryRow,
    EndpointSummary,
    IssuedEndpoint,
    create_endpoint,
    delete_endpoint,
    enable_endpoint,
    fail_pending,
    global_admin_emails,
    list_deliveries,
    list_endpoints,
    resend,
    send_test_event,
)
from rxapp.services.webhooks.events import (
    EVENT_TYPES,
    body,
    delegated_admin,
    delegated_admin_expired,
    delegated_admin_expiring,
    emit,
    enrollment_event,
    message_id,
    org_ref,
    relationship_accepted,
    subscription_event,
)
from rxapp.services.webhooks.security import (
    SECRET_MARK,
    URL_MAX,
    UnsafeReceiver,
    check_receiver,
    new_secret,
    resolve,
    sign,
    signed_headers,
)

__all__ = [
    "DELIVERY_PAGE",
    "DESCRIPTION_MAX",
    "EVENT_TYPES",
    "MAX_ENDPOINTS",
    "SECRET_MARK",
    "TEST_EVENT",
    "URL_MAX",
    "DeliveryRow",
    "EndpointSummary",
    "IssuedEndpoint",
    "UnsafeReceiver",
    "body",
    "check_receiver",
    "create_endpoint",
    "delegated_admin",
    "delegated_admin_expired",
    "delegated_admin_expiring",
    "delete_endpoint",
    "emit",
    "enable_endpoint",
    "enrollment_event",
    "fail_pending",
    "global_admin_emails",
    "list_deliveries",
    "list_endpoints",
    "message_id",
    "new_secret",
    "org_ref",
    "relationship_accepted",
    "resend",
    "resolve",
    "send_test_event",
    "sign",
    "signed_headers",
    "subscription_event",
]
