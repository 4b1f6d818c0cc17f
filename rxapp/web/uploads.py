"""The guard in front of Reflex's upload endpoint (`POST /_upload`, the registry's CSV import).

Reflex parses the whole multipart body before its handler (and our session check) runs. This middleware
decides first, from the headers alone: the event handler must be one the portal accepts uploads for, the
tab's session (read from the server-side state of the tab's client token) must be live and allowed the
handler's action, and the declared length must be within the limit. Only then is the body passed on, counted
while it streams: past the limit the request is cut off with 413. Every refusal is a small JSON answer with a
clear message and no byte of the body read.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rxapp.i18n import translate
from rxapp.permissions import Action, can
from rxapp.services import runner

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
UPLOAD_PATH = "/_upload"

SessionLookup = Callable[[str], Awaitable[str]]


def upload_actions() -> dict[str, Action]:
    """Event handler (full name) -> the action its caller needs. Nothing else may receive an upload."""
    from rxapp.state.platform_enrollment import RegistryState

    return {f"{RegistryState.get_full_name()}.import_csv": Action.MANAGE_REGISTRY}


async def session_of_tab(client_token: str) -> str:
    """The session token the tab behind `client_token` holds in its server-side state ("" when none)."""
    from reflex.istate.manager.token import BaseStateToken

    from rxapp.rxapp import app
    from rxapp.state.base import AppState

    root = await app.state_manager.get_state(BaseStateToken(ident=client_token, cls=AppState))
    state = root if isinstance(root, AppState) else root.get_substate(AppState.get_full_name().split(".")[1:])
    assert isinstance(state, AppState), "the substate at AppState's path is the AppState"
    return str(state.session_token or "")


class _TooLarge(Exception):
    pass


class UploadGuard:
    def __init__(
        self, app: ASGIApp, *, lookup: SessionLookup = session_of_tab, max_bytes: int = MAX_UPLOAD_BYTES
    ) -> None:
        self.app, self.lookup, self.max_bytes = app, lookup, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].rstrip("/") != UPLOAD_PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        refusal = await self._refusal(scope)
        if refusal is not None:
            await _answer(send, *refusal)
            return
        await self._pass_counted(scope, receive, send)

    async def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
        action = upload_actions().get(headers.get("reflex-event-handler", ""))
        client_token = headers.get("reflex-client-token", "")
        if action is None or not client_token or len(client_token) > 200:
            return 400, "upload.refused"
        length = headers.get("content-length", "")
        if not length.isdigit():
            return 411, "upload.length_required"
        if int(length) > self.max_bytes:
            return 413, "upload.too_large"
        session_token = await self.lookup(client_token)
        actor = await asyncio.to_thread(runner.current_actor, session_token) if session_token else None
        if actor is None:
            return 401, "error.not_signed_in"
        if not can(actor, action):
            return 403, "upload.not_allowed"
        return None

    async def _pass_counted(self, scope: Scope, receive: Receive, send: Send) -> None:
        seen, started = 0, False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge()
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except _TooLarge:
            if not started:
                await _answer(send, 413, "upload.too_large")


async def _answer(send: Send, status: int, key: str) -> None:
    body = json.dumps(
        {
            "detail": translate("en", key, max_mb=MAX_UPLOAD_BYTES // (1024 * 1024)),
            "code": key,
            "detail_ko": translate("ko", key, max_mb=MAX_UPLOAD_BYTES // (1024 * 1024)),
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def guard_uploads(asgi_app: ASGIApp) -> ASGIApp:
    """Reflex's `api_transformer`."""
    return UploadGuard(asgi_app)
