"""Reflex event handlers of User management and the audit log, called as the browser would call them (any
arguments, no UI in the way) with the session token of a user who lacks the role: refused, nothing changed.

The handlers run for real: the state classes are instantiated the way Reflex does in its own tests, the
handler functions run with a real session token, through `services.runner` into the services and the
database (a copy of the demo database, which `session_scope()` uses as the server's would)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from rxapp.models import AdminRole, AgentRole, AuditEvent, AuditOutcome, User
from rxapp.state.audit import AuditState
from rxapp.state.users import AddUserState, CredentialsState, EditUserState, UsersState
from tests.unit.state.reflex_events import send, state_of

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend():
    return "asyncio"


def snapshot(engine) -> list[tuple]:
    with Session(engine) as session:
        return [
            (u.id, u.email, u.agent_role, u.admin_role, u.is_active, u.password_hash, u.must_change_password)
            for u in session.exec(select(User).order_by(User.id))
        ]


def refusals(engine) -> list[str]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEvent.action).where(AuditEvent.outcome == AuditOutcome.REFUSED)))


async def test_helpdesk_agent_events_to_user_management_are_refused(engine, user, sign_in):
    token = sign_in("helpdesk@contoso.example", "Helpdesk-demo-2026")
    me = user("helpdesk@contoso.example").id
    admin = user("admin@contoso.example").id
    before = snapshot(engine)

    listing = state_of(UsersState, token)
    await send(listing, "load")
    assert listing.rows == []
    assert "Global admin" in listing.error

    add = state_of(AddUserState, token)
    await send(add, "set_admin_role", "global_admin")
    await send(add, "set_agent_role", "admin_agent")
    yielded = await send(add, "submit", {"full_name": "Mallory", "email": "mallory@contoso.example"})
    assert "User management admin" in add.error
    assert not any("created" in str(y) for y in yielded)  # no redirect to the credentials page
    creds = await add.get_state(CredentialsState)
    assert creds.cred_password == ""

    edit = state_of(EditUserState, token)
    edit.user_id, edit.agent_role, edit.admin_role = me, "admin_agent", "global_admin"
    await send(edit, "update")  # promote oneself
    assert "Global admin" in edit.error
    edit.user_id = admin
    await send(edit, "deactivate")
    assert edit.error
    edit.error = ""
    await send(edit, "reset_password")
    assert edit.error
    assert (await edit.get_state(CredentialsState)).cred_password == ""

    assert snapshot(engine) == before  # nothing changed
    assert refusals(engine).count("refused.manage_users") >= 5  # every attempt is in the audit log


async def test_helpdesk_agent_cannot_read_or_export_the_audit_log(engine, sign_in):
    token = sign_in("helpdesk@contoso.example", "Helpdesk-demo-2026")
    state = state_of(AuditState, token)
    await send(state, "load")
    assert state.rows == []
    assert "Global admin" in state.error
    state.error = ""
    result = await send(state, "export")
    assert result == [None]
    assert "Global admin" in state.error
    assert "refused.view_audit_log" in refusals(engine)


async def test_user_management_admin_events_cannot_touch_a_global_admin(engine, session, user, sign_in):
    ga_token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    add = state_of(AddUserState, ga_token)
    await send(add, "load")
    assert add.may_grant_global_admin
    await send(add, "set_admin_role", "user_management_admin")
    await send(add, "set_agent_role", "not_an_agent")
    await send(add, "submit", {"full_name": "Uma Admin", "email": "uma@contoso.example"})
    assert add.error == ""
    creds = await add.get_state(CredentialsState)
    password = creds.cred_password
    assert password
    assert creds.cred_email == "uma@contoso.example"
    # Shown once: the credentials page's first load keeps it, any later load wipes it.
    await send(creds, "show_once")
    assert creds.cred_password == password
    await send(creds, "show_once")
    assert creds.cred_password == ""

    uma = user("uma@contoso.example")
    uma.must_change_password = False
    session.add(uma)
    session.commit()
    uma_token = sign_in("uma@contoso.example", password)
    admin = user("admin@contoso.example").id
    before = snapshot(engine)

    edit = state_of(EditUserState, uma_token)
    edit.user_id, edit.agent_role, edit.admin_role = admin, "not_an_agent", "not_an_admin"
    await send(edit, "update")
    assert "Global admin" in edit.error
    edit.user_id, edit.agent_role, edit.admin_role = user("uma@contoso.example").id, "admin_agent", "global_admin"
    edit.error = ""
    await send(edit, "update")  # grant oneself Global admin
    assert "Global admin" in edit.error
    edit.user_id, edit.error = admin, ""
    await send(edit, "deactivate")
    assert edit.error
    assert snapshot(engine) == before

    # Allowed: the list, and managing a Helpdesk agent.
    listing = state_of(UsersState, uma_token)
    await send(listing, "load")
    assert {row["email"] for row in listing.rows} >= {"admin@contoso.example", "helpdesk@contoso.example"}
    edit.user_id, edit.error = user("helpdesk@contoso.example").id, ""
    await send(edit, "load")  # reads ?user= from the URL: none here, so it shows nothing
    edit.user_id = user("helpdesk@contoso.example").id
    edit.agent_role, edit.admin_role = AgentRole.ADMIN_AGENT.value, AdminRole.NOT_AN_ADMIN.value
    edit.error = ""
    await send(edit, "update")
    assert edit.error == ""
    assert edit.message
    with Session(engine) as session:
        helpdesk = session.exec(select(User).where(User.email == "helpdesk@contoso.example")).one()
        assert helpdesk.agent_role == AgentRole.ADMIN_AGENT


@pytest.mark.usefixtures("engine")
async def test_bad_arguments_from_the_browser_are_ignored(sign_in):
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    edit = state_of(EditUserState, token)
    edit.admin_role = "not_an_admin"
    await send(edit, "set_admin_role", "root")
    await send(edit, "set_agent_role", {"x": 1})
    assert edit.admin_role == "not_an_admin"
    assert edit.agent_role == ""
    listing = state_of(UsersState, token)
    await send(listing, "go", "not a number")
    await send(listing, "set_role_filter", "<script>")
    assert listing.role_filter == "all"
