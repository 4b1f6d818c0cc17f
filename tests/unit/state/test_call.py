"""`AppState._call`, the one way a page state calls a service: the work runs through `services.runner` (as the
signed-in user, or anonymous), and returns its result, or `Refused` with the refusal already shown in the var
the caller named (the form's control marked and focused when the refusal is about one of its fields)."""

from __future__ import annotations

import pytest
import reflex as rx
from sqlmodel import Session, select

from rxapp.db import session_scope
from rxapp.errors import NotAuthenticated, RuleViolation, ValidationFailed
from rxapp.i18n import translate
from rxapp.models import User
from rxapp.services import auth
from rxapp.state.base import Refused
from rxapp.state.customers import CustomersState
from rxapp.state.health import HEALTH_IDS, HealthState
from rxapp.state.incentives import IncentiveProgramsState
from tests.unit.state.reflex_events import state_of

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("engine")]

ADMIN = ("admin@contoso.example", "Reseller-demo-2026")
CONFLICT = "error.conflict"  # a refusal about no field


@pytest.fixture
def anyio_backend():
    return "asyncio"


def _stale(state) -> None:
    """What an earlier event left on the page."""
    state.error, state.error_field, state.message = "an earlier refusal", "health-title", "an earlier confirmation"


def _refuse(error):
    def work(*_args):
        raise error

    return work


async def test_the_work_runs_as_the_signed_in_user_and_its_result_is_returned(sign_in):
    state = state_of(HealthState, sign_in(*ADMIN))
    _stale(state)
    out = await state._call(lambda _session, actor: actor.email)
    assert out == "admin@contoso.example"
    assert state.error == "", "the earlier refusal is cleared first"
    assert state.error_field == "", "the earlier control mark is cleared first"
    assert state.message == "an earlier confirmation", "no `success`: the message is left as it was"


async def test_a_refusal_is_returned_and_shown_in_the_error_var(sign_in):
    state = state_of(HealthState, sign_in(*ADMIN))
    _stale(state)
    refusal = RuleViolation(CONFLICT)
    out = await state._call(_refuse(refusal))
    assert isinstance(out, Refused)
    assert out.error is refusal
    assert out.error.code == CONFLICT
    assert out.focus is None, "a refusal about no control moves no focus"
    assert state.error == translate("en", CONFLICT)
    assert state.error != CONFLICT, "the catalog text, not the key"
    assert state.error_field == "", "a refusal about no control marks none"
    assert state.message == "", "a refusal clears the confirmation"


async def test_a_refusal_goes_to_the_var_named_by_error(sign_in):
    state = state_of(HealthState, sign_in(*ADMIN))
    state.error = ""
    out = await state._call(_refuse(RuleViolation(CONFLICT)), error="message")
    assert isinstance(out, Refused)
    assert state.message == translate("en", CONFLICT)
    assert state.error == ""


async def test_a_refusal_about_a_forms_control_marks_it_and_returns_the_focus(sign_in):
    state = state_of(HealthState, sign_in(*ADMIN))
    _stale(state)
    state.error_field = "health-family"
    out = await state._call(_refuse(ValidationFailed("validation.required", field="op_title")), fields=HEALTH_IDS)
    assert isinstance(out, Refused)
    assert state.error_field == "health-title"
    assert state.error == "Title is required.", "the field is named in the message, in the user's language"
    assert out.focus is not None
    assert str(out.focus.args) == str(rx.set_focus("health-title").args), "the focus moves to that control"
    assert "ref_health_title" in str(out.focus.args)
    assert state.message == ""

    out = await state._call(_refuse(ValidationFailed("validation.required", field="op_other")), fields=HEALTH_IDS)
    assert isinstance(out, Refused)
    assert out.focus is None, "a field the form does not have: no focus"
    assert state.error_field == "", "... and no control marked: the message stays at the top"
    assert state.error


async def test_field_errors_put_a_refusal_under_its_own_field(sign_in):
    state = state_of(IncentiveProgramsState, sign_in("ops@platform.example", "Platform-demo-2026"))
    state.error, state.name_error, state.rate_error = "an earlier refusal", "an earlier name refusal", "stale"
    routes = {"name": "name_error", "rate": "rate_error"}
    out = await state._call(_refuse(ValidationFailed("incentives.name_required", field="name")), field_errors=routes)
    assert isinstance(out, Refused)
    assert out.focus is None
    assert state.name_error == translate("en", "incentives.name_required")
    assert state.rate_error == "", "every routed var is cleared first"
    assert state.error == "", "a routed refusal is not repeated at the top"

    out = await state._call(_refuse(RuleViolation(CONFLICT)), field_errors=routes)
    assert isinstance(out, Refused)
    assert state.error == translate("en", CONFLICT), "a refusal about no routed field goes to `error`"
    assert state.name_error == ""


async def test_error_none_ignores_a_refusal_silently(sign_in):
    state = state_of(HealthState, sign_in(*ADMIN))
    state.error, state.error_field, state.message = "", "", "an earlier confirmation"
    refusal = RuleViolation(CONFLICT)
    out = await state._call(_refuse(refusal), error=None, success="health.posted")
    assert isinstance(out, Refused)
    assert out.error is refusal
    assert state.error == ""
    assert state.message == "an earlier confirmation", "nothing shown, nothing cleared"


async def test_success_puts_the_catalog_text_in_the_message(sign_in):
    state = state_of(HealthState, sign_in(*ADMIN))
    state.message = ""
    out = await state._call(lambda _s, _a: 7, success="subs.quantity_changed", quantity=7)
    assert out == 7
    assert state.message == "The quantity is now 7."

    out = await state._call(_refuse(RuleViolation(CONFLICT)), success="health.posted")
    assert isinstance(out, Refused)
    assert state.message == "", "a refused work shows no confirmation"
    assert state.error == translate("en", CONFLICT)

    state.lang = "ko"
    await state._call(lambda _s, _a: None, success="health.posted")
    assert state.message == translate("ko", "health.posted"), "in the user's language"
    assert state.message != translate("en", "health.posted")


async def test_success_can_go_to_another_var(sign_in):
    state = state_of(IncentiveProgramsState, sign_in("ops@platform.example", "Platform-demo-2026"))
    state.success = ""
    await state._call(lambda _s, _a: None, success="health.posted", message="success")
    assert state.success == translate("en", "health.posted")


async def test_anonymous_work_runs_without_a_session():
    state = state_of(HealthState, "")
    seen = []

    def work(session):
        seen.append(session)
        return session.exec(select(User).where(User.email == ADMIN[0])).one().full_name

    out = await state._call(work, anonymous=True)
    assert not isinstance(out, Refused)
    assert isinstance(out, str)
    assert out
    assert len(seen) == 1
    assert isinstance(seen[0], Session), "the work got the database session alone"
    assert state.error == ""

    ran = []
    out = await state._call(lambda _s, _a: ran.append(1))
    assert isinstance(out, Refused), "without `anonymous`, no session token is refused"
    assert isinstance(out.error, NotAuthenticated)
    assert ran == [], "... before the work runs"


async def test_an_ended_session_is_refused_with_the_not_signed_in_text(sign_in):
    token = sign_in(*ADMIN)
    with session_scope() as session:
        auth.sign_out(session, token)
    state = state_of(HealthState, token)
    _stale(state)
    ran = []
    out = await state._call(lambda _s, _a: ran.append(1), success="health.posted", fields=HEALTH_IDS)
    assert isinstance(out, Refused)
    assert isinstance(out.error, NotAuthenticated)
    assert out.focus is None
    assert ran == [], "the work never runs for an ended session"
    assert state.error == translate("en", "error.not_signed_in")
    assert "session has ended" in state.error
    assert state.error_field == ""
    assert state.message == ""


async def test_clear_false_keeps_the_pages_message_until_the_call_itself_is_refused(sign_in):
    """A list reloaded after an action: the action's refusal and confirmation stay unless the reload is refused."""
    state = state_of(HealthState, sign_in(*ADMIN))
    _stale(state)
    out = await state._call(lambda _session, actor: actor.email, clear=False)
    assert out == "admin@contoso.example"
    assert state.error == "an earlier refusal"
    assert state.error_field == "health-title"
    assert state.message == "an earlier confirmation"
    out = await state._call(_refuse(RuleViolation(CONFLICT)), clear=False)
    assert isinstance(out, Refused)
    assert state.error == translate("en", CONFLICT), "the reload's own refusal replaces the earlier one"
    assert state.message == "an earlier confirmation", "and leaves the confirmation as it was"


async def test_field_var_names_the_states_own_control_mark(sign_in):
    """The customer details' add-user form marks its control in `action_field`, not `error_field`."""
    state = state_of(CustomersState, sign_in(*ADMIN))
    state.action_field = "stale"
    fields = {"user_principal_name": "customer-user-upn"}
    refusal = ValidationFailed("validation.required", field="user_principal_name")
    out = await state._call(
        _refuse(refusal), error="action_error", fields=fields, field_var="action_field", message="action_message"
    )
    assert isinstance(out, Refused)
    assert state.action_field == "customer-user-upn"
    assert state.action_error
    assert out.focus is not None
    out = await state._call(
        _refuse(RuleViolation(CONFLICT)), error="action_error", fields=fields, field_var="action_field"
    )
    assert isinstance(out, Refused)
    assert state.action_field == "", "cleared first, and no control marked for a refusal about none"
