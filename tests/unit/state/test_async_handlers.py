"""Handlers that reach the database run off the event loop (async, `asyncio.to_thread`) and still re-check the
session on every event: an ended session is refused the same way, and nothing of another tab leaks."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from rxapp.db import session_scope
from rxapp.services import auth
from rxapp.state.audit import AuditState
from rxapp.state.base import AppState
from rxapp.state.customers import CustomersState
from rxapp.state.users import UsersState
from tests.unit.state.reflex_events import send, state_of

pytestmark = pytest.mark.anyio
STATE_DIR = Path(__file__).resolve().parents[3] / "rxapp" / "state"


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.usefixtures("engine")
async def test_an_ended_session_is_refused_by_async_handlers(sign_in):
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    users = state_of(UsersState, token)
    await send(users, "load")
    assert users.error == "", "a live session lists the users"
    assert users.rows, "a live session lists the users"

    with session_scope() as session:
        auth.sign_out(session, token)

    for cls, handler, args in (
        (UsersState, "load", ()),
        (AuditState, "load", ()),
        (CustomersState, "submit_search", ({"search": "Adatum"},)),
    ):
        state = state_of(cls, token)
        await send(state, handler, *args)
        assert state.rows == [], cls.__name__
        assert "session has ended" in state.error, (cls.__name__, state.error)


@pytest.mark.usefixtures("engine")
async def test_the_page_guard_sends_an_ended_session_to_sign_in(sign_in, monkeypatch):
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    with session_scope() as session:
        auth.sign_out(session, token)
    monkeypatch.setattr(AppState, "_path", lambda _self: "/account/users")
    state = state_of(AppState, token)
    result = await send(state, "open_page", "/account/users")
    assert state.session_token == ""
    assert state.user_email == ""
    assert "signin" in str(result)


def test_no_state_opens_a_database_session_or_calls_a_service_on_the_event_loop():
    """Every state reaches the services through AppState's async doorway (`_call`, `_actor`): no state calls
    the runner itself (the partnership pages' periodic refresh included)."""
    for path in STATE_DIR.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "rxapp.db":
                pytest.fail(f"{path.name} imports rxapp.db")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"run_as", "current_actor", "run_public"}
            ):
                pytest.fail(f"{path.name}:{node.lineno} calls services.runner itself, not through AppState._call")


@pytest.mark.usefixtures("engine")
async def test_opening_a_page_sends_only_what_changed(sign_in, monkeypatch):
    """Reflex sends every var that was set: opening a public page signed out sets nothing (no update for the
    browser to draw), and opening another page as the same user sends the page's own flag, not the header."""
    import rxapp.pages  # noqa: F401  (registers the pages: which are public, which page loads what)

    monkeypatch.setattr(AppState, "_path", lambda _self: "/signin")
    signed_out = state_of(AppState, "")
    signed_out.dirty_vars.clear()
    await send(signed_out, "open_page", "/signin")
    assert signed_out.dirty_vars <= {"_rights"}  # (a backend var: never sent)

    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    state = state_of(AppState, token)
    monkeypatch.setattr(AppState, "_path", lambda _self: "/account/users")
    await send(state, "open_page", "/account/users")
    assert {"user_email", "rights", "checked_path"} <= state.dirty_vars  # the first page shows the user
    state.dirty_vars.clear()
    monkeypatch.setattr(AppState, "_path", lambda _self: "/audit")
    await send(state, "open_page", "/audit")
    assert state.dirty_vars - {"_rights"} == {"checked_path"}
    assert state.checked_path == "/audit"
    assert state.user_email == "admin@contoso.example"
