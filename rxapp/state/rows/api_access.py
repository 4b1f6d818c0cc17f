"""The rows of the API access page: API clients, webhook endpoints and their deliveries."""

from __future__ import annotations

from typing import TypedDict


class ApiClientRow(TypedDict):
    id: str
    name: str
    prefix: str
    roles: str
    created: str
    created_by: str
    expires: str
    last_used: str
    status: str


class WebhookEndpointRow(TypedDict):
    id: str
    url: str
    description: str
    events: str
    status: str
    reason: str
    created: str


class WebhookDeliveryRow(TypedDict):
    id: str
    event: str
    status: str
    attempts: str
    response: str
    duration: str
    created: str
    error: str
    next: str
    resent: str  # "yes" for a resend, else ""
