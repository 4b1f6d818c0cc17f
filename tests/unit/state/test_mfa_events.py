"""The sign-in page's code step and the Sign-in security page as the browser drives them: the password
step's token and the authenticator key stay on the server, a user who must set up a second factor is sent
to the set-up page from every other page."""

from __future__ import annotations

import json

import pyotp
import pytest

from rxapp.services.demo import DEMO_PLATFORM_TOTP_KEY
from rxapp.state.auth import SignInState
from rxapp.state.base import AppState
from rxapp.state.security import SecurityState
from tests.unit.state.reflex_events import send, state_of

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend():
    return "asyncio"


def _browser_view(state) -> str:
    """What Reflex sends to the browser: the state's vars (backend vars, with an underscore, stay behind)."""
    return json.dumps(state.dict(), default=str)


@pytest.mark.usefixtures("engine")
async def test_the_code_step_keeps_the_password_steps_token_on_the_server(monkeypatch):
    monkeypatch.setattr(SignInState, "_path", lambda _self: "/signin")
    state = state_of(SignInState, "")
    monkeypatch.setattr(type(state), "router", property(lambda _self: _Router()), raising=False)
    await send(state, "submit", {"email": "ops@platform.example", "password": "Platform-demo-2026"})
    assert state.code_step
    assert state.session_token == ""
    assert state._pending_token
    assert state._pending_token not in _browser_view(state)
    await send(state, "submit_code", {"code": "12345"})
    assert "not valid" in state.error
    assert state.session_token == ""
    await send(state, "submit_code", {"code": pyotp.TOTP(DEMO_PLATFORM_TOTP_KEY).now()})
    assert state.session_token
    assert not state.code_step
    assert state._pending_token == ""


@pytest.mark.usefixtures("engine")
async def test_a_user_who_must_set_up_is_sent_to_the_security_page(sign_in, monkeypatch, actor, session):
    from rxapp.services import mfa

    mfa.set_requirement(session, actor("admin@contoso.example"), required=True)
    session.commit()
    token = sign_in("helpdesk@contoso.example", "Helpdesk-demo-2026")
    monkeypatch.setattr(AppState, "_path", lambda _self: "/customers")
    result = await send(state_of(AppState, token), "open_page", "/customers")
    assert "/account/security" in str(result)
    security = state_of(SecurityState, token)
    await send(security, "load")
    assert security.required
    assert not security.enabled
    await send(security, "start_setup")
    key = security.setup_key.replace(" ", "")
    assert security.setup_qr.startswith("data:image/svg+xml")
    await send(security, "confirm_setup", {"code": pyotp.TOTP(key).now()})
    assert security.enabled
    assert len(security.recovery_codes) == 10
    assert security.setup_key == ""
    await send(security, "codes_stored")
    assert security.recovery_codes == []
    monkeypatch.setattr(AppState, "_path", lambda _self: "/customers")
    assert "/account/security" not in str(await send(state_of(AppState, token), "open_page", "/customers"))


class _Router:
    class url:  # noqa: N801 - mimics Reflex's router
        query_parameters: dict = {}
        path = "/signin"

    class session:  # noqa: N801
        client_ip = "10.3.3.3"


@pytest.mark.usefixtures("engine")
async def test_a_link_page_sends_an_account_with_a_second_factor_to_the_sign_in_page(monkeypatch):
    from rxapp.state.customer_links import AcceptState

    monkeypatch.setattr(AcceptState, "_path", lambda _self: "/accept/some-token")
    state = state_of(AcceptState, "")
    monkeypatch.setattr(type(state), "router", property(lambda _self: _Router()), raising=False)
    result = await send(state, "sign_in", {"email": "ops@platform.example", "password": "Platform-demo-2026"})
    assert "/signin?next=/accept/some-token" in str(result)
    assert state.session_token == ""
