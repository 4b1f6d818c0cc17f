"""Issue 13, point 5: a refusal about a field is shown under that field (marked invalid, described by the
message) and the focus moves there; refusals about no field stay above the form; registry forms keep what was
typed when refused."""

from __future__ import annotations

import pytest

from rxapp.components.forms import field, form_error, select_field
from rxapp.state.platform_enrollment import RegistryState
from rxapp.state.profile import ProfileState
from rxapp.state.users import AddUserState
from tests.unit.state.reflex_events import send, state_of

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend():
    return "asyncio"


def _focus(events) -> list[str]:
    """The ids that the handler's events move the focus to."""
    return [str(e) for e in events if e is not None and "focus" in str(e).lower()]


@pytest.mark.usefixtures("engine")
async def test_add_user_shows_a_taken_email_under_the_email_field(sign_in):
    state = state_of(AddUserState, sign_in("admin@contoso.example", "Reseller-demo-2026"))
    events = await send(state, "submit", {"full_name": "Again", "email": "helpdesk@contoso.example"})
    assert state.error_field == "email"
    assert state.error
    assert any("email" in f for f in _focus(events)), "the focus moves to the email field"
    events = await send(state, "submit", {"full_name": "  ", "email": "new.person@contoso.example"})
    assert state.error_field == "full_name"


@pytest.mark.usefixtures("engine")
async def test_registry_refusals_name_their_field_and_keep_the_form(sign_in):
    state = state_of(RegistryState, sign_in("ops@platform.example", "Platform-demo-2026"))
    form = {"mpn_id": "5000001", "new_profile_name": "Duplicate", "new_country": "KR", "pmc_users": ""}
    events = await send(state, "add_profile", form)
    assert state.error_field == "mpn_id"
    assert "5000001" in state.error
    assert any("mpn_id" in f for f in _focus(events))
    assert state.profile_form == 0, "a refused add keeps the form as typed"
    await send(state, "add_profile", {**form, "mpn_id": "7123456", "new_profile_name": "New Partner"})
    assert state.error == ""
    assert state.error_field == "", "a saved add clears it"
    assert state.profile_form == 1, "a saved add clears it"
    await send(state, "add_pmc", {"user_name": "x", "password": "Correct-horse-battery-42", "mpn_ids": ""})
    assert state.error_field == "user_name"
    assert state.pmc_form == 0


@pytest.mark.usefixtures("engine")
async def test_the_profile_shows_a_free_webmail_refusal_under_the_contact_email(sign_in):
    state = state_of(ProfileState, sign_in("admin@contoso.example", "Reseller-demo-2026"))
    await send(state, "load")
    values = {**dict(state.data.items()), "contact_email": "someone@gmail.com"}
    events = await send(state, "save", values)
    assert state.error_field == "profile-contact_email"
    assert "gmail.com" in state.error
    assert any("profile_contact_email" in f for f in _focus(events)), events  # the ref of the id


def test_the_field_component_marks_and_describes_the_field():
    rendered = str(field("field.email", "email", state=AddUserState).render())
    assert "aria-invalid" in rendered.replace("_", "-")
    assert "email-error" in rendered
    rendered = str(select_field("field.status", "status", [("a", "A")], state=RegistryState).render())
    assert "status-error" in rendered
    assert "error_field" in str(form_error(AddUserState).render())


@pytest.mark.usefixtures("engine")
async def test_change_password_refusals_sit_under_their_field(sign_in):
    from rxapp.state.auth import ChangePasswordState

    state = state_of(ChangePasswordState, sign_in("admin@contoso.example", "Reseller-demo-2026"))
    await send(
        state,
        "submit",
        {
            "current_password": "Reseller-demo-2026",
            "password": "violet kettle marathon 93",
            "confirm": "violet kettle marathon 39",
        },
    )
    assert state.error_field == "confirm"
    await send(
        state,
        "submit",
        {
            "current_password": "wrong-one-entirely",
            "password": "violet kettle marathon 93",
            "confirm": "violet kettle marathon 93",
        },
    )
    assert state.error_field == "current_password"
    await send(state, "submit", {"current_password": "Reseller-demo-2026", "password": "short", "confirm": "short"})
    assert state.error_field == "password"


@pytest.mark.usefixtures("engine")
async def test_the_enrollment_create_form_names_the_refused_field():
    from rxapp.state.enrollment import EnrollWizardState

    state = state_of(EnrollWizardState, "")
    form = {
        "company_name": "Wingtip",
        "country": "KR",
        "domain": "northwind.example",
        "admin_name": "Dana Kim",
        "admin_email": "dana@wingtip-unique.example",
        "password": "violet kettle marathon 93",
    }
    events = await send(state, "create_account", form)
    assert state.error_field == "domain"
    assert state.error
    assert any("domain" in f for f in _focus(events))
