"""The resources of the partner API. Each endpoint calls the same service as the page that does the same thing,
as the API client's actor, so the permission matrix and every rule live in one place (`rxapp.services`).
One module per resource area; `router` gathers them in this order (the OpenAPI document's)."""

from __future__ import annotations

from fastapi import APIRouter

from rxapp.api.routes import audit, client, customers, invitations, orders, partners, subscriptions

router = APIRouter()
for area in (client, customers, invitations, partners, orders, subscriptions, audit):
    router.include_router(area.router)

__all__ = ["router"]
