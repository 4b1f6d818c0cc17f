"""Lists that follow a choice in a form (an order's resellers, a support request's subscriptions) are set with
the choice, not computed vars (tests/unit/state/test_state_tree.py): they must still follow every choice."""

from __future__ import annotations

import pytest

from rxapp.state.orders import OrdersState
from rxapp.state.support import SupportState
from tests.unit.state.reflex_events import send, state_of

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend():
    return "asyncio"


async def test_an_orders_reseller_list_follows_the_chosen_customer():
    state = state_of(OrdersState, "token")
    state.options = [
        {"id": "1", "name": "Adatum", "resellers": [{"id": "7", "name": "Contoso"}]},
        {
            "id": "2",
            "name": "Northwind",
            "resellers": [{"id": "8", "name": "Litware"}, {"id": "9", "name": "Tailspin"}],
        },
    ]
    await send(state, "pick_customer", "2")
    assert [r["name"] for r in state.reseller_options] == ["Litware", "Tailspin"]
    await send(state, "pick_customer", "1")
    assert [r["name"] for r in state.reseller_options] == ["Contoso"]
    await send(state, "pick_customer", "404")
    assert state.reseller_options == []


async def test_a_support_requests_subscriptions_follow_the_chosen_customer():
    state = state_of(SupportState, "token")
    state.subscriptions = [
        {"id": "s1", "customer_id": "1", "name": "Microsoft 365 E3"},
        {"id": "s2", "customer_id": "2", "name": "Azure plan"},
        {"id": "s3", "customer_id": "1", "name": "Dynamics 365"},
    ]
    await send(state, "pick_customer", "1")
    assert [s["id"] for s in state.customer_subscriptions] == ["s1", "s3"]
    await send(state, "pick_customer", "2")
    assert [s["id"] for s in state.customer_subscriptions] == ["s2"]
