"""Messages do not outlive their page (issue 13, point 3): flags shared by the pages of an area are reset when
a page opens, and the notice banner shows on the page it was meant for only."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

import rxapp.rxapp  # noqa: F401  (registers every page)
from rxapp.models import AuditEvent, AuditOutcome
from rxapp.routes import PAGES
from rxapp.state.base import AppState, fresh_page_events
from rxapp.state.billing import BillingState
from rxapp.state.ops import OpsState
from rxapp.state.orders import OrdersState
from rxapp.state.subscriptions import SubscriptionsState
from tests.unit.state.reflex_events import send, state_of

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend():
    return "asyncio"


async def _open(state, route: str, monkeypatch) -> None:
    """What the browser's page load runs: the page's one on_load event (the guard, the fresh events, then the
    page's own loaders)."""
    monkeypatch.setattr(AppState, "_path", lambda _self: route)
    root = state if type(state) is AppState else await state.get_state(AppState)
    await send(root, "open_page", route)


@pytest.mark.usefixtures("engine")
async def test_an_order_message_does_not_follow_to_subscriptions(sign_in, monkeypatch):
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    orders = state_of(OrdersState, token)
    await _open(orders, "/orders", monkeypatch)
    orders.message, orders.error_field = "The order was submitted.", "quantity"  # as a submit leaves them
    subscriptions = await orders.get_state(SubscriptionsState)
    assert subscriptions.message == orders.message, "the flag is shared by the area's pages"
    await _open(subscriptions, "/subscriptions", monkeypatch)
    assert subscriptions.message == ""
    assert subscriptions.error == ""
    assert subscriptions.error_field == ""
    assert subscriptions.loaded, "the page itself still loads"


def test_every_page_of_a_shared_state_starts_fresh():
    for spec in PAGES:
        states = {handler.state for handler in spec.on_load}
        if any(issubclass(cls, OpsState) for cls in states):
            assert OpsState.fresh in fresh_page_events(spec.on_load), spec.route


@pytest.mark.usefixtures("engine")
async def test_a_notice_shows_on_its_page_only(sign_in, monkeypatch):
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    billing = state_of(BillingState, token)
    billing._notify("Your password was changed.", "/dashboard")
    monkeypatch.setattr(AppState, "_path", lambda _self: "/dashboard")
    await send(await billing.get_state(AppState), "open_page", "/dashboard")
    assert billing.notice == "Your password was changed.", "shown on the page it was meant for"
    await _open(billing, "/billing", monkeypatch)
    assert billing.notice == "", "gone on the next page"


@pytest.mark.usefixtures("engine")
async def test_a_protected_page_shows_only_after_the_guard(sign_in, monkeypatch):
    """The shell draws a protected page's content only for `checked_path` (issue 13, point 10): a page the
    user may not open never gets it, so its heading never shows before the redirect."""
    helpdesk = state_of(AppState, sign_in("helpdesk@contoso.example", "Helpdesk-demo-2026"))
    monkeypatch.setattr(AppState, "_path", lambda _self: "/account/users")
    result = await send(helpdesk, "open_page", "/account/users")
    assert helpdesk.checked_path == ""
    assert "dashboard" in str(result)
    admin = state_of(AppState, sign_in("admin@contoso.example", "Reseller-demo-2026"))
    await send(admin, "open_page", "/account/users")
    assert admin.checked_path != "", "an allowed page is let through"


async def test_opening_a_page_is_one_event_that_guards_then_loads(engine, sign_in, monkeypatch):
    """`open_page`: the guard and the page's loaders in one event, so the browser gets one update per page open;
    a page the guard refuses runs none of its loaders."""
    from rxapp.state.customers import CustomersState
    from rxapp.state.users import UsersState

    admin = state_of(AppState, sign_in("admin@contoso.example", "Reseller-demo-2026"))
    monkeypatch.setattr(AppState, "_path", lambda _self: "/customers")
    assert await send(admin, "open_page", "/customers") == [None]
    customers = await admin.get_state(CustomersState)
    assert admin.checked_path == "/customers"
    assert customers.loaded, "the page's own loader ran in the same event"
    assert customers.error == ""

    helpdesk = state_of(AppState, sign_in("helpdesk@contoso.example", "Helpdesk-demo-2026"))
    monkeypatch.setattr(AppState, "_path", lambda _self: "/account/users")
    result = await send(helpdesk, "open_page", "/account/users")
    assert "dashboard" in str(result)
    assert not (await helpdesk.get_state(UsersState)).loaded, "a refused page's loader does not run"
    with Session(engine) as session:
        logged = session.exec(
            select(AuditEvent).where(
                AuditEvent.actor_email == "helpdesk@contoso.example", AuditEvent.action == "refused.manage_users"
            )
        ).all()
    assert [(e.outcome, e.detail) for e in logged] == [(AuditOutcome.REFUSED, "error.permission_denied")], (
        "the refused page open is in the audit log"
    )


def test_every_page_loads_with_one_open_page_event_for_its_own_route():
    from reflex.event import Event

    from rxapp.rxapp import app

    for spec in PAGES:
        events = Event.from_event_type(app.get_load_events(spec.route))
        assert [(e.name.rsplit(".", 1)[-1], e.payload) for e in events] == [("open_page", {"route": spec.route})], (
            spec.route
        )
