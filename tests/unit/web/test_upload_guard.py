"""The upload endpoint's guard: the caller's session and permission and the declared size are checked before
any byte of the body is read; the body is counted while it streams and cut off past 5 MB."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from rxapp.state.platform_enrollment import RegistryState
from rxapp.web.uploads import MAX_UPLOAD_BYTES, UploadGuard

HANDLER = f"{RegistryState.get_full_name()}.import_csv"
CSV = b"mpn_id,name,country\n7000001,Tailspin Toys,KR\n"


class Endpoint:
    """Stands for Reflex's /_upload: reads the whole body and says how much it got."""

    def __init__(self) -> None:
        self.read = 0

    async def __call__(self, _scope, receive, send):
        more = True
        while more:
            message = await receive()
            self.read += len(message.get("body", b""))
            more = message.get("more_body", False)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": str(self.read).encode()})


@pytest.fixture
def tabs(engine, sign_in):  # noqa: ARG001 (requested for its setup)
    """Client token of a browser tab -> the session its server-side state holds."""
    return {
        "tab-staff": sign_in("ops@platform.example", "Platform-demo-2026"),
        "tab-reseller": sign_in("admin@contoso.example", "Reseller-demo-2026"),
        "tab-signed-out": "",
    }


@pytest.fixture
def endpoint():
    return Endpoint()


@pytest.fixture
def client(tabs, endpoint):
    async def lookup(client_token: str) -> str:
        return tabs.get(client_token, "")

    return TestClient(UploadGuard(endpoint, lookup=lookup))


def _post(client, tab, body=CSV, handler=HANDLER, **headers):
    return client.post(
        "/_upload",
        content=body,
        headers={
            "reflex-client-token": tab,
            "reflex-event-handler": handler,
            "content-type": "multipart/form-data; boundary=x",
            **headers,
        },
    )


def test_platform_staff_upload_reaches_the_endpoint(client, endpoint):
    response = _post(client, "tab-staff")
    assert response.status_code == 200
    assert endpoint.read == len(CSV)


@pytest.mark.parametrize(
    ("tab", "status", "words"),
    [
        ("tab-signed-out", 401, "sign in again"),
        ("unknown-tab", 401, "sign in again"),
        ("tab-reseller", 403, "permission"),
    ],
)
def test_no_session_or_no_permission_is_refused_before_the_body_is_read(client, endpoint, tab, status, words):
    response = _post(client, tab)
    assert response.status_code == status
    assert words in response.json()["detail"].lower()
    assert response.json()["detail_ko"]
    assert endpoint.read == 0


def test_other_handlers_and_missing_headers_are_refused(client, endpoint):
    assert _post(client, "tab-staff", handler="state.app_state.set_language").status_code == 400
    assert client.post("/_upload", content=CSV).status_code == 400
    assert endpoint.read == 0


def test_a_declared_size_over_the_limit_is_refused_unread(client, endpoint):
    response = _post(client, "tab-staff", body=b"x" * (MAX_UPLOAD_BYTES + 1))
    assert response.status_code == 413
    assert "5 MB" in response.json()["detail"]
    assert endpoint.read == 0


def test_a_body_longer_than_declared_is_cut_off_while_streaming(client, endpoint):
    def chunks():
        for _ in range(7):
            yield b"y" * (1024 * 1024)

    response = client.post(
        "/_upload",
        content=chunks(),
        headers={"reflex-client-token": "tab-staff", "reflex-event-handler": HANDLER, "content-length": "1000"},
    )
    assert response.status_code == 413
    assert endpoint.read <= MAX_UPLOAD_BYTES + 1024 * 1024  # stopped at the first chunk past the limit


def test_other_paths_pass_untouched(client, endpoint):
    assert client.post("/api/v1/anything", content=b"abc").status_code == 200
    assert endpoint.read == 3


@pytest.mark.usefixtures("engine")
def test_the_session_is_read_from_the_tabs_server_side_state(sign_in, monkeypatch):
    """`session_of_tab` reads the session token Reflex keeps for the tab (the in-memory state manager here)."""
    import asyncio

    from reflex.istate.manager.memory import StateManagerMemory
    from reflex.istate.manager.token import BaseStateToken

    from rxapp.rxapp import app
    from rxapp.state.base import AppState
    from rxapp.web.uploads import session_of_tab

    token = sign_in("ops@platform.example", "Platform-demo-2026")
    manager = StateManagerMemory()
    monkeypatch.setattr(app, "_state_manager", manager)

    async def scenario():
        root = await manager.get_state(BaseStateToken(ident="tab-1", cls=AppState))
        root.get_substate(AppState.get_full_name().split(".")[1:]).session_token = token
        return await session_of_tab("tab-1"), await session_of_tab("tab-2")

    assert asyncio.run(scenario()) == (token, "")
