"""Account settings › API access and Webhooks: thin handlers around `services.api_clients` and
`services.webhooks`. A secret lives in state only between its creation and **Done** (or the next visit of the
page, which wipes it): it is shown once."""

from __future__ import annotations

from datetime import datetime

import reflex as rx

from rxapp.boundary import as_id, form_text
from rxapp.models import AdminRole, AgentRole
from rxapp.services import api_clients, webhooks
from rxapp.state.base import AppState, Refused
from rxapp.state.rows import ApiClientRow, WebhookDeliveryRow, WebhookEndpointRow

AGENT_ROLES = [role.value for role in AgentRole]
ADMIN_ROLES = [role.value for role in AdminRole]
EXPIRY_CHOICES = [str(days) for days in api_clients.EXPIRY_CHOICES]
# A refused form field -> the var that shows its message under the control (any other refusal: `error`).
CLIENT_FIELD_ERRORS = {
    "api_client_name": "name_error",
    "agent_role": "role_error",
    "admin_role": "role_error",
    "api_expiry": "expiry_error",
}
WEBHOOK_FIELD_ERRORS = {"webhook_url": "url_error", "webhook_events": "events_error"}


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""


def _id_text(value: object) -> str:
    """A record id from the browser as the rows hold it (a string), or "" when not one: the selected endpoint
    compares equal to its row's id, on the server and in the page."""
    wanted = as_id(value)
    return str(wanted) if wanted else ""


class ApiAccessState(AppState):
    """`/account/api`: the organization's API clients; create, rotate, revoke."""

    rows: rx.Field[list[ApiClientRow]] = rx.field(default_factory=list)
    loaded: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    success: rx.Field[str] = rx.field("")
    name_error: rx.Field[str] = rx.field("")
    role_error: rx.Field[str] = rx.field("")
    expiry_error: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)
    secret: rx.Field[str] = rx.field("")
    secret_name: rx.Field[str] = rx.field("")

    def _forget(self) -> None:
        self.secret = self.secret_name = ""

    def _row(self, client: api_clients.ClientSummary) -> ApiClientRow:
        return {
            "id": str(client.id),
            "name": client.name,
            "prefix": f"{client.prefix}…",
            "roles": f"{self._text(f'role.{client.agent_role}')} · {self._text(f'role.{client.admin_role}')}",
            "created": _when(client.created_at),
            "created_by": client.created_by,
            "expires": _when(client.expires_at),
            "last_used": _when(client.last_used_at) or self._text("api.never"),
            "status": client.status,
        }

    async def _load(self) -> None:
        # `error` is not cleared here: an action's refusal stays shown over the reloaded list.
        clients = await self._call(lambda s, a: api_clients.list_clients(s, a), clear=False)
        if isinstance(clients, Refused):
            self.rows = []
        else:
            self.rows = [self._row(client) for client in clients]
        self.loaded = True

    def _show(self, issued: api_clients.IssuedSecret) -> None:
        self.secret, self.secret_name = issued.secret, issued.client.name

    @rx.event
    async def load(self):
        """on_load: a secret from an earlier visit is never shown again."""
        self._forget()
        self.error = self.success = self.name_error = self.role_error = self.expiry_error = ""
        await self._load()

    @rx.event
    async def create(self, form: dict):
        name = form_text(form, "name")
        agent, admin = form_text(form, "agent_role"), form_text(form, "admin_role")
        expiry = form_text(form, "expires_in_days")
        self.error = self.success = self.name_error = self.role_error = self.expiry_error = ""
        self.busy = True
        yield
        issued = await self._call(
            lambda s, a: api_clients.create_client(
                s, a, name=name, agent_role=agent, admin_role=admin, expires_in_days=expiry
            ),
            field_errors=CLIENT_FIELD_ERRORS,
        )
        if not isinstance(issued, Refused):
            self._show(issued)
            await self._load()
        self.busy = False

    @rx.event
    async def rotate(self, client_id: str):
        self.error = self.success = ""
        issued = await self._call(lambda s, a: api_clients.rotate_secret(s, a, client_id=as_id(client_id)))
        if not isinstance(issued, Refused):
            self._show(issued)
        await self._load()

    @rx.event
    async def revoke(self, client_id: str):
        self._forget()
        self.error = self.success = ""
        await self._call(
            lambda s, a: api_clients.revoke_client(s, a, client_id=as_id(client_id)),
            success="api.revoked",
            message="success",
        )
        await self._load()

    @rx.event
    def done(self):
        self._forget()


class WebhooksState(AppState):
    """`/account/webhooks`: endpoints, the secret once, Send test event, the delivery log with Resend."""

    endpoints: rx.Field[list[WebhookEndpointRow]] = rx.field(default_factory=list)
    deliveries: rx.Field[list[WebhookDeliveryRow]] = rx.field(default_factory=list)
    selected: rx.Field[str] = rx.field("")
    selected_url: rx.Field[str] = rx.field("")
    more: rx.Field[bool] = rx.field(False)
    loaded: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    success: rx.Field[str] = rx.field("")
    url_error: rx.Field[str] = rx.field("")
    events_error: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)
    secret: rx.Field[str] = rx.field("")
    secret_url: rx.Field[str] = rx.field("")

    def _forget(self) -> None:
        self.secret = self.secret_url = ""

    def _endpoint(self, endpoint: webhooks.EndpointSummary) -> WebhookEndpointRow:
        return {
            "id": str(endpoint.id),
            "url": endpoint.url,
            "description": endpoint.description,
            "events": ", ".join(endpoint.event_types),
            "status": endpoint.status,
            "reason": endpoint.disabled_reason,
            "created": _when(endpoint.created_at),
        }

    def _delivery(self, row: webhooks.DeliveryRow) -> WebhookDeliveryRow:
        return {
            "id": str(row.id),
            "event": row.event_type,
            "status": row.status,
            "attempts": str(row.attempts),
            "response": str(row.response_status) if row.response_status is not None else "—",
            "duration": f"{row.duration_ms} ms" if row.duration_ms is not None else "—",
            "created": _when(row.created_at),
            "error": row.last_error,
            "next": _when(row.next_attempt_at),
            "resent": "yes" if row.resend_of_id else "",
        }

    async def _load(self) -> None:
        # `error` is not cleared here (nor by the log): an action's refusal stays shown over the reloaded lists.
        rows = await self._call(lambda s, a: webhooks.list_endpoints(s, a), clear=False)
        if isinstance(rows, Refused):
            self.endpoints = []
        else:
            self.endpoints = [self._endpoint(row) for row in rows]
            if self.selected and self.selected not in {row["id"] for row in self.endpoints}:
                self.selected, self.deliveries = "", []
        self.loaded = True
        if self.selected:
            await self._load_log()

    async def _load_log(self, *, before: int | None = None) -> None:
        endpoint = self.selected
        rows = await self._call(
            lambda s, a: webhooks.list_deliveries(
                s, a, endpoint_id=endpoint, before_id=before, limit=webhooks.DELIVERY_PAGE + 1
            ),
            clear=False,
        )
        if isinstance(rows, Refused):
            self.deliveries = []
            return
        page = [self._delivery(row) for row in rows[: webhooks.DELIVERY_PAGE]]
        self.deliveries = (self.deliveries + page) if before else page
        self.more = len(rows) > webhooks.DELIVERY_PAGE

    @rx.event
    async def load(self):
        self._forget()
        self.error = self.success = self.url_error = self.events_error = ""
        await self._load()

    @rx.event
    async def create(self, form: dict):
        url = form_text(form, "url")
        description = form_text(form, "description")
        events = [
            name.removeprefix("event:")
            for name, value in form.items()
            if str(name).startswith("event:") and value not in ("", None, False)
        ][:32]
        self.error = self.success = self.url_error = self.events_error = ""
        self.busy = True
        yield
        issued = await self._call(
            lambda s, a: webhooks.create_endpoint(s, a, url=url, event_types=events, description=description),
            field_errors=WEBHOOK_FIELD_ERRORS,
        )
        if not isinstance(issued, Refused):
            self.secret, self.secret_url = issued.secret, issued.endpoint.url
            self.selected = str(issued.endpoint.id)
            await self._load()
        self.busy = False

    @rx.event
    def done(self):
        self._forget()

    @rx.event
    async def show_log(self, endpoint_id: str):
        self.selected = _id_text(endpoint_id)
        self.selected_url = next((row["url"] for row in self.endpoints if row["id"] == self.selected), "")
        self.deliveries = []
        await self._load_log()

    @rx.event
    async def refresh_log(self):
        if self.selected:
            await self._load_log()

    @rx.event
    async def older(self):
        if self.selected and self.deliveries:
            await self._load_log(before=int(self.deliveries[-1]["id"]))

    @rx.event
    async def send_test(self, endpoint_id: str):
        self.error = self.success = ""
        queued = await self._call(
            lambda s, a: webhooks.send_test_event(s, a, endpoint_id=as_id(endpoint_id)),
            success="webhooks.test_queued",
            message="success",
        )
        if not isinstance(queued, Refused):
            self.selected = _id_text(endpoint_id)
            self.selected_url = next((row["url"] for row in self.endpoints if row["id"] == self.selected), "")
        await self._load()

    @rx.event
    async def resend(self, delivery_id: str):
        self.error = self.success = ""
        await self._call(
            lambda s, a: webhooks.resend(s, a, delivery_id=as_id(delivery_id)),
            success="webhooks.resend_queued",
            message="success",
        )
        await self._load()

    @rx.event
    async def enable(self, endpoint_id: str):
        self.error = self.success = ""
        await self._call(
            lambda s, a: webhooks.enable_endpoint(s, a, endpoint_id=as_id(endpoint_id)),
            success="webhooks.enabled",
            message="success",
        )
        await self._load()

    @rx.event
    async def delete(self, endpoint_id: str):
        self._forget()
        self.error = self.success = ""
        await self._call(
            lambda s, a: webhooks.delete_endpoint(s, a, endpoint_id=as_id(endpoint_id)),
            success="webhooks.deleted",
            message="success",
        )
        await self._load()
