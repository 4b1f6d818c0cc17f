"""Issue 13, point 5 on the operations pages: the page states turn a refusal's field into the id of the form's
control (the message shows under it) and an event that moves the focus there (the services' side is tested in
tests/unit/services/operations/test_ops_field_errors.py)."""

from __future__ import annotations

import pytest

from rxapp.errors import ValidationFailed
from rxapp.services import subscriptions
from rxapp.state.health import HealthState
from rxapp.state.leads import ReferralsState
from rxapp.state.licenses import LicensesState
from rxapp.state.subscriptions import SubscriptionsState
from rxapp.state.support import SupportState
from tests.unit.state.reflex_events import send, state_of

# --- the page states turn the field into the control, and focus it ----------------------------------------


def _focus(events) -> list[str]:
    return [str(e) for e in events if e is not None and "focus" in str(e).lower()]


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.anyio
@pytest.mark.usefixtures("engine")
async def test_support_forms_show_refusals_under_their_fields(sign_in):
    state = state_of(SupportState, sign_in("admin@contoso.example", "Reseller-demo-2026"))
    await send(state, "load")
    events = await send(state, "ticket_to_platform", {"subject": "   ", "body": "Our invoices are missing."})
    assert state.error_field == "ticket-subject"
    assert state.error
    assert state.message == ""
    assert any("ticket_subject" in f for f in _focus(events)), events
    await send(state, "ticket_to_platform", {"subject": "Invoices", "body": "Our invoices are missing."})
    assert state.error_field == "", "a sent ticket clears the mark"
    assert state.ticket.get("id")
    events = await send(state, "reply", {"body": "  "})
    assert state.error_field == "reply-body"
    assert any("reply_body" in f for f in _focus(events)), events


@pytest.mark.anyio
@pytest.mark.usefixtures("engine")
async def test_a_refused_health_post_names_its_control(sign_in):
    staff = state_of(HealthState, sign_in("ops@platform.example", "Platform-demo-2026"))
    events = await send(staff, "post", {"family": "azure", "status": "incident", "title": "  ", "description": ""})
    assert staff.error_field == "health-title"
    assert any("health_title" in f for f in _focus(events))


@pytest.mark.anyio
@pytest.mark.usefixtures("engine")
async def test_a_refused_quantity_shows_under_its_row(sign_in, monkeypatch):
    """The demo has no subscriptions: the service's refusal is stood in for (the rule itself is tested above)."""

    def refuse(_session, _actor, *, quantity, **_ignored):
        raise ValidationFailed("subscriptions.below_assigned", field="op_quantity", assigned=quantity + 1)

    monkeypatch.setattr(subscriptions, "change_quantity", refuse)
    subs = state_of(SubscriptionsState, sign_in("admin@contoso.example", "Reseller-demo-2026"))
    events = await send(subs, "set_quantity", {"id": "42", "quantity": "1"})
    assert subs.error_field == "subs-quantity-42"
    assert "2" in subs.error
    assert subs.message == ""
    assert any("subs-quantity-42" in str(e) for e in events), "the focus moves to the row's quantity"


@pytest.mark.anyio
@pytest.mark.usefixtures("engine")
async def test_a_refused_license_shows_under_the_users_choice(sign_in, monkeypatch):
    def refuse(*_, **__):
        raise ValidationFailed("licenses.no_free_seat", field="op_license", product="M365", quantity=2)

    monkeypatch.setattr(subscriptions, "assign_license", refuse)
    state = state_of(LicensesState, sign_in("admin@contoso.example", "Reseller-demo-2026"))
    events = await send(state, "assign", {"subscription": "7", "user": "42"})
    assert state.error_field == "license-42"
    assert "M365" in state.error
    assert any("license-42" in str(e) for e in events), "the focus moves to the user's license choice"


@pytest.mark.anyio
@pytest.mark.usefixtures("engine")
async def test_a_refused_referral_marks_the_field_and_keeps_the_form(sign_in):
    state = state_of(ReferralsState, sign_in("ops@platform.example", "Platform-demo-2026"))
    await send(state, "load")
    form = {"company": "Fourth Coffee", "contact": "Ha-eun Jung", "email": "not-an-address", "country": "KR"}
    events = await send(state, "refer", form)
    assert state.error_field == "reseller-query", "no reseller chosen yet: the search box is the wrong field"
    assert any("reseller_query" in f for f in _focus(events)), events
    await send(state, "find_resellers", {"reseller_query": "Contoso"})
    await send(state, "choose", state.reseller_matches[0]["id"])
    events = await send(state, "refer", form)
    assert state.error_field == "lead-email"
    assert any("lead_email" in f for f in _focus(events))
    assert state.form_key == 0, "a refused referral keeps what was typed and chosen"
    assert state.reseller_id
