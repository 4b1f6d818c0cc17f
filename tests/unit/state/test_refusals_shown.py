"""Where a page shows a refusal, through `AppState._call`: a refused form field under its control, any other
refusal above the form, and an action's refusal still shown after the page reloads its list (the reloads do
not clear the page's error)."""

from __future__ import annotations

import pytest

from rxapp.services import webhooks
from rxapp.state.api_access import ApiAccessState, WebhooksState
from rxapp.state.incentives import IncentiveProgramsState
from rxapp.state.relationships import RelationshipsState
from rxapp.state.suspension import PartnerOrgsState
from tests.unit.state.reflex_events import send, state_of

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("engine")]

ADMIN = ("admin@contoso.example", "Reseller-demo-2026")
PLATFORM = ("ops@platform.example", "Platform-demo-2026")


@pytest.fixture
def anyio_backend():
    return "asyncio"


async def test_an_api_client_form_shows_each_refused_field_under_its_control(sign_in):
    state = state_of(ApiAccessState, sign_in(*ADMIN))
    form = {"name": "", "agent_role": "admin_agent", "admin_role": "not_an_admin", "expires_in_days": "90"}
    await send(state, "create", form)
    assert state.name_error
    assert state.error == state.role_error == state.expiry_error == ""
    assert state.secret == ""
    assert state.busy is False
    await send(state, "create", {**form, "name": "Robot", "expires_in_days": "7777"})
    assert state.expiry_error
    assert state.name_error == "", "a new attempt clears the earlier field's message"
    assert state.busy is False


async def test_a_refused_rotation_stays_shown_over_the_reloaded_list(sign_in):
    state = state_of(ApiAccessState, sign_in(*ADMIN))
    await send(state, "load")
    assert state.error == ""
    await send(state, "rotate", "999999")
    assert state.error, "the unknown client is refused"
    assert state.loaded is True
    assert state.secret == ""


async def test_a_webhook_form_shows_each_refused_field_under_its_control(sign_in):
    state = state_of(WebhooksState, sign_in(*ADMIN))
    await send(state, "create", {"url": "https://hooks.example/in", "event:no.such.event": "on"})
    assert state.events_error
    assert state.error == state.url_error == ""
    await send(state, "create", {"url": "not a url", f"event:{webhooks.EVENT_TYPES[0]}": "on"})
    assert state.url_error
    assert state.error == state.events_error == ""
    assert state.secret == ""
    assert state.busy is False


async def test_an_incentive_program_form_shows_the_refused_field_under_its_control(sign_in):
    state = state_of(IncentiveProgramsState, sign_in(*PLATFORM))
    await send(state, "load")
    await send(state, "create", {"name": "", "rate": "5", "starts_on": "2026-01-01", "ends_on": "2026-12-31"})
    assert state.name_error
    assert state.error == state.success == ""
    assert state.form_key == 0, "a refused program keeps the form as typed"


async def test_a_suspension_reason_is_refused_under_its_field_and_the_dialog_stays(sign_in):
    state = state_of(PartnerOrgsState, sign_in(*PLATFORM))
    await send(state, "load")
    assert state.rows, "platform staff see the partners"
    target = state.rows[0]
    await send(state, "open_suspend", target["id"], target["name"])
    await send(state, "suspend", {"suspension_reason": "x"})
    assert state.reason_error
    assert state.dialog_error == ""
    assert state.target_id == target["id"]
    assert state.busy is False
    await send(state, "open_suspend", "999999", "Nobody")
    await send(state, "suspend", {"suspension_reason": "Unpaid invoices"})
    assert state.dialog_error, "an unknown partner is refused in the dialog"
    assert state.reason_error == ""
    assert state.busy is False


async def test_a_refused_relationship_action_stays_shown_over_the_reloaded_list(sign_in):
    state = state_of(RelationshipsState, sign_in(*ADMIN))
    await send(state, "load")
    await send(state, "revoke", "delegated_admin:999999")
    assert state.error, "an unknown relationship is refused"
    assert state.message == ""
    assert state.loaded is True
    await send(state, "open_extend", "delegated_admin:999999", "Nobody")
    await send(state, "extend", {"days": "30"})
    assert state.error
    assert state.extend_key == "", "a refusal about no field closes the dialog"
