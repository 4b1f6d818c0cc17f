"""Refusals through `AppState._call` where a page keeps or routes its message in its own way: a removal's
refusal survives the list's reload, a field refusal goes to its own var, a list page's message stays while
paging, a refused sign-in on a link's page keeps the browser's session as it was."""

from __future__ import annotations

import pytest

from rxapp.state.customer_links import AcceptState, LinkDraftState
from rxapp.state.customers import CustomerPartnersState, CustomersState
from rxapp.state.platform_enrollment import ReviewState
from tests.unit.state.reflex_events import send, state_of

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("engine")]


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
def related(sign_in, monkeypatch):
    """Contoso's relationship link made and accepted by Adatum, through the pages' states; returns
    (Contoso's token, Adatum's token)."""

    async def make() -> tuple[str, str]:
        contoso = sign_in("admin@contoso.example", "Reseller-demo-2026")
        adatum = sign_in("admin@adatum.example", "Customer-demo-2026")
        draft = state_of(LinkDraftState, contoso)
        await send(draft, "create_link")
        assert draft.error == ""
        assert draft.ready
        monkeypatch.setattr(AcceptState, "_token", lambda _self: draft.link.rstrip("/").rsplit("/", 1)[-1])
        accept = state_of(AcceptState, adatum)
        await send(accept, "accept")
        assert accept.error == ""
        assert accept.done
        await send(accept, "accept")
        assert accept.error, "a used link is refused"
        assert accept.done, "the earlier outcome stays"
        return contoso, adatum

    return make


async def test_a_refused_removal_stays_shown_after_the_partners_reload(related):
    _, adatum = await related()
    state = state_of(CustomerPartnersState, adatum)
    state._show_actor(await state._actor())  # the page's rights, as `open_page` sets them
    await send(state, "load")
    assert state.error == ""
    assert state.current
    state.message = "old"
    events = await send(state, "remove", "999999")
    assert state.error, "the refusal is shown"
    assert state.message == "", "no earlier success message next to it"
    assert events == [CustomerPartnersState.load]
    refusal = state.error
    await send(state, "load")
    assert state.error == refusal, "the reload keeps the removal's refusal"
    assert state.current


async def test_a_refused_delegated_admin_duration_shows_under_the_days(related):
    contoso, _ = await related()
    state = state_of(CustomersState, contoso)
    await send(state, "submit_search", {"search": "Adatum"})
    assert state.rows, (state.error, "the reseller has customers")
    await send(state, "toggle", state.rows[0]["id"])
    await send(state, "request_da", {"days": "0"})
    assert state.da_days_error
    assert state.action_error == ""
    assert state.action_message == ""


async def test_the_review_queue_keeps_its_message_while_paging(sign_in):
    state = state_of(ReviewState, sign_in("ops@platform.example", "Platform-demo-2026"))
    await send(state, "load")
    await send(state, "open", "999999")
    refusal = state.error
    assert refusal, "an unknown application is refused"
    await send(state, "go", 1)
    assert state.error == refusal
    assert state.loaded


async def test_a_refused_sign_in_on_a_link_page_keeps_the_session_and_shows_the_refusal():
    state = state_of(AcceptState, "")
    await send(state, "sign_in", {"email": "admin@adatum.example", "password": "wrong"})
    assert state.error
    assert state.session_token == ""
    assert state.busy is False
