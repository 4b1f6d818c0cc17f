"""User management and the audit log in a real browser: add a user (temporary password shown once), forced
change at first sign-in, role-based navigation and page guards, a User management admin's limits,
deactivation ending sessions at once, the last Global admin, and protected events sent straight over the
websocket by a user who lacks the role."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect
from sqlmodel import Session, select

from rxapp.db import make_engine
from rxapp.models import AuditEvent, AuditOutcome, User
from rxapp.state.users import AddUserState, EditUserState
from tests.e2e.helpers import sign_in, sign_out

pytestmark = pytest.mark.e2e

ADMIN = ("admin@contoso.example", "Reseller-demo-2026")
HELPDESK = ("helpdesk@contoso.example", "Helpdesk-demo-2026")
NEED_USER_ROLES = "You need one of these roles to do that: Global admin, User management admin."


def unique_email(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}@contoso.example"


def nav(page: Page):
    return page.get_by_role("navigation", name="Dashboard menu")


def choose(page: Page, role_name: str) -> None:
    """Pick a role (a radio button named by the role) and wait until the server has it."""
    radio = page.get_by_role("radio", name=role_name, exact=True)
    radio.click()
    expect(radio).to_be_checked()


def add_user(page: Page, full_name: str, email: str, agent: str, admin: str) -> str:
    """From User management: **Add user**, fill the form, **Add**; returns the temporary password shown once."""
    nav(page).get_by_role("link", name="User management").click()
    expect(page.get_by_role("heading", name="Account settings › User management")).to_be_visible()
    page.get_by_role("link", name="Add user").click()
    expect(page.get_by_role("heading", name="Add a new user")).to_be_visible()
    page.get_by_label("Full name").fill(full_name)
    page.get_by_label("Email").fill(email)
    choose(page, agent)
    choose(page, admin)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("heading", name="Confirm the user's details")).to_be_visible()
    expect(page.get_by_test_id("sign-in-name")).to_have_text(email)
    password = page.get_by_test_id("temporary-password").inner_text().strip()
    assert len(password) >= 16
    return password


def change_temporary_password(page: Page, email: str, temporary: str, new_password: str) -> None:
    sign_in(page, email, temporary, expect_path="/change-password")
    page.goto("/dashboard")  # nothing else before the change
    expect(page).to_have_url(re.compile("/change-password"))
    page.get_by_label("Current password").fill(temporary)
    page.get_by_label("New password", exact=True).fill(new_password)
    page.get_by_label("Confirm new password").fill(new_password)
    page.get_by_role("button", name="Change password").click()
    expect(page).to_have_url(re.compile("/dashboard$"))


def open_user(page: Page, full_name: str) -> None:
    page.goto("/account/users")
    expect(page.get_by_text(re.compile(r"^\d+ users$|^No users match"))).to_be_visible()
    page.get_by_label("Search users").fill(full_name)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=full_name, exact=True).click()
    expect(page.get_by_role("heading", name="Edit user")).to_be_visible()
    expect(page.get_by_role("heading", name=full_name)).to_be_visible()


def audit_rows(page: Page, *, action: str = "", actor: str = ""):
    page.goto("/audit")
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    # Loaded (with the last filters) before the filters are typed in.
    expect(page.get_by_text(re.compile(r"^\d+ entries$|^No activity matches"))).to_be_visible()
    page.get_by_label("Action").fill(action)
    page.get_by_label("User", exact=True).fill(actor)
    page.get_by_role("button", name="Apply filters").click()
    return page.get_by_role("row")


def test_admin_adds_a_helpdesk_agent_who_must_change_the_temporary_password(page: Page):
    email, name = unique_email("helpdesk"), f"Hana Helpdesk {uuid.uuid4().hex[:4]}"
    sign_in(page, *ADMIN)
    temporary = add_user(page, name, email, "Helpdesk agent", "Not an admin")
    expect(page.get_by_text("Important")).to_be_visible()
    expect(page.get_by_text("you will not be able to access it again later")).to_be_visible()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_text("Copied to the clipboard.")).to_be_visible()
    assert temporary in page.evaluate("navigator.clipboard.readText()")
    page.get_by_role("button", name="Done").click()
    expect(page.get_by_role("heading", name="Account settings › User management")).to_be_visible()
    # Shown once: coming back to the page shows nothing.
    page.goto("/account/users/created")
    expect(page.get_by_text("There is nothing to show here.")).to_be_visible()
    expect(page.get_by_text(temporary)).to_have_count(0)
    # The list: search and role filter find the new user, who must still change the password.
    page.goto("/account/users")
    page.get_by_label("Search users").fill(email)
    page.get_by_role("button", name="Search").click()
    row = page.get_by_role("row").filter(has_text=email)
    expect(row).to_contain_text("Helpdesk agent")
    expect(row).to_contain_text("Must change password")
    page.get_by_label("Search users").fill("")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("combobox", name="Filter by role").click()
    page.get_by_role("option", name="Global admin").click()
    expect(page.get_by_role("row").filter(has_text="admin@contoso.example")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=email)).to_have_count(0)
    sign_out(page)

    # The new user: temporary password, forced change, then a Helpdesk agent's view.
    new_password = "amber window falcon 58 ridge"
    change_temporary_password(page, email, temporary, new_password)
    expect(nav(page).get_by_role("link", name="Dashboard")).to_be_visible()
    expect(nav(page).get_by_role("link", name="User management")).to_have_count(0)
    expect(nav(page).get_by_role("link", name="Audit log")).to_have_count(0)
    expect(nav(page).get_by_role("link", name="Request a reseller relationship")).to_have_count(0)
    page.goto("/account/users")
    expect(page).to_have_url(re.compile("/dashboard$"))
    expect(page.get_by_role("status").filter(has_text="You need one of these roles")).to_have_text(NEED_USER_ROLES)
    page.goto("/account/users/add")
    expect(page).to_have_url(re.compile("/dashboard$"))
    page.goto("/audit")
    expect(page).to_have_url(re.compile("/dashboard$"))
    expect(page.get_by_role("status").filter(has_text="You need one of these roles")).to_contain_text(
        "Global admin")
    sign_out(page)

    # The audit log shows each step.
    sign_in(page, *ADMIN)
    rows = audit_rows(page, action="user.added", actor="admin@contoso.example")
    expect(rows.filter(has_text=email).filter(has_text="User added")).to_have_count(1)
    rows = audit_rows(page, actor=email)
    expect(rows.filter(has_text="Password changed")).to_have_count(1)
    expect(rows.filter(has_text="Sign-in").first).to_be_visible()
    expect(rows.filter(has_text="refused.manage_users").first).to_contain_text("Refused")
    expect(rows.filter(has_text="refused.view_audit_log").first).to_be_visible()
    # The temporary password is nowhere in the log.
    expect(page.get_by_text(temporary)).to_have_count(0)


def test_user_management_admin_manages_users_but_not_customers_or_global_admins(page: Page):
    uma_email, uma_name = unique_email("uma"), f"Uma Manager {uuid.uuid4().hex[:4]}"
    sign_in(page, *ADMIN)
    temporary = add_user(page, uma_name, uma_email, "Not an agent", "User management admin")
    sign_out(page)

    change_temporary_password(page, uma_email, temporary, "copper lantern drift 47 meadow")
    expect(nav(page).get_by_role("link", name="User management")).to_be_visible()
    expect(nav(page).get_by_role("link", name="Customers")).to_have_count(0)
    expect(nav(page).get_by_role("link", name="Audit log")).to_have_count(0)

    # May add users, but not grant Global admin.
    nav(page).get_by_role("link", name="User management").click()
    page.get_by_role("link", name="Add user").click()
    expect(page.get_by_role("radio", name="Global admin")).to_be_disabled()
    expect(page.get_by_text("Only a Global admin can grant the Global admin role")).to_be_visible()
    agent_email, agent_name = unique_email("agent"), f"Ari Agent {uuid.uuid4().hex[:4]}"
    add_user(page, agent_name, agent_email, "Helpdesk agent", "Not an admin")

    # Can't change a Global admin's account.
    open_user(page, "Contoso Admin")
    expect(page.get_by_text("Only a Global admin can grant the Global admin role")).to_be_visible()
    expect(page.get_by_role("button", name="Update")).to_have_count(0)
    expect(page.get_by_role("button", name="Deactivate")).to_have_count(0)

    # Update, deactivate (with confirmation), reactivate, reset password of the new Helpdesk agent.
    open_user(page, agent_name)
    choose(page, "Admin agent")
    page.get_by_role("button", name="Update").click()
    expect(page.get_by_role("status").filter(has_text="The user's roles were updated.")).to_be_visible()
    page.get_by_role("button", name="Deactivate").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Deactivate this user?")
    dialog.get_by_role("button", name="Cancel").click()
    expect(page.get_by_text("Active", exact=True)).to_be_visible()
    page.get_by_role("button", name="Deactivate").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Deactivate").click()
    expect(page.get_by_role("status").filter(has_text="deactivated and signed out everywhere")).to_be_visible()
    expect(page.get_by_text("Deactivated", exact=True)).to_be_visible()
    page.get_by_role("button", name="Reactivate").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Reactivate").click()
    expect(page.get_by_role("status").filter(has_text="The user was reactivated.")).to_be_visible()
    page.get_by_role("button", name="Reset password").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Reset password").click()
    expect(page.get_by_role("heading", name="New temporary password")).to_be_visible()
    expect(page.get_by_test_id("sign-in-name")).to_have_text(agent_email)
    sign_out(page)

    sign_in(page, *ADMIN)
    rows = audit_rows(page, actor=uma_email)
    for action in ("User added", "Roles updated", "User deactivated", "User reactivated", "Password reset"):
        expect(rows.filter(has_text=action).filter(has_text=agent_email)).to_have_count(1)


def test_deactivation_ends_the_users_sessions_at_once(page: Page, new_context):
    email, name = unique_email("leaver"), f"Lee Leaver {uuid.uuid4().hex[:4]}"
    sign_in(page, *ADMIN)
    temporary = add_user(page, name, email, "Helpdesk agent", "Not an admin")
    other = new_context()
    try:
        user_page = other.new_page()
        user_page.set_default_timeout(15_000)
        change_temporary_password(user_page, email, temporary, "harbor quartz violet 62 lane")
        open_user(page, name)
        page.get_by_role("button", name="Deactivate").click()
        page.get_by_role("alertdialog").get_by_role("button", name="Deactivate").click()
        expect(page.get_by_role("status").filter(has_text="deactivated")).to_be_visible()
        user_page.reload()
        expect(user_page).to_have_url(re.compile("/signin"))
        user_page.get_by_label("Email").fill(email)
        user_page.get_by_label("Password").fill("harbor quartz violet 62 lane")
        user_page.get_by_role("button", name="Sign in").click()
        expect(user_page.get_by_role("alert")).to_have_text("The email or password is incorrect.")
    finally:
        other.close()


def test_the_last_global_admin_cannot_be_demoted(page: Page):
    sign_in(page, *ADMIN)
    open_user(page, "Contoso Admin")
    expect(page.get_by_text("(you)")).to_be_visible()
    expect(page.get_by_role("button", name="Deactivate")).to_have_count(0)  # never oneself
    choose(page, "Not an admin")
    page.get_by_role("button", name="Update").click()
    expect(page.get_by_role("alert")).to_contain_text("last active Global admin")
    expect(page.get_by_role("radio", name="Global admin")).to_be_checked()  # the page shows the truth again


def test_audit_log_export_neutralizes_formulas(page: Page):
    email = f"=cmd-{uuid.uuid4().hex[:6]}@contoso.example"
    sign_in(page, *ADMIN)
    add_user(page, "Formula Test", email, "Not an agent", "Not an admin")
    audit_rows(page, action="user.added")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export CSV").click()
    rows = list(csv.reader(io.StringIO(Path(download_info.value.path()).read_text(encoding="utf-8"))))
    assert rows[0][:4] == ["time_utc", "organization_id", "actor", "action"]
    details = [row[7] for row in rows[1:]]
    assert f"'{email} roles=not_an_agent+not_an_admin" in details
    assert all(row[3] == "user.added" for row in rows[1:])


def test_user_management_in_korean(page: Page):
    sign_in(page, *ADMIN)
    page.get_by_role("combobox", name="Language / 언어").click()
    page.get_by_role("option", name="한국어").click()
    nav(page).get_by_role("link", name="사용자 관리").click()
    expect(page.get_by_role("heading", name="계정 설정 › 사용자 관리")).to_be_visible()
    page.get_by_role("link", name="사용자 추가").click()
    expect(page.get_by_role("radio", name="기술 지원팀 에이전트")).to_be_visible()
    expect(page.get_by_role("button", name="추가", exact=True)).to_be_visible()
    page.get_by_role("combobox", name="Language / 언어").click()
    page.get_by_role("option", name="English").click()
    expect(page.get_by_role("heading", name="Add a new user")).to_be_visible()


# --- events sent straight over the websocket, not through the UI ----------------------------------------


def _event_frame(name: str, payload: dict, path: str) -> str:
    """A Socket.IO frame as the Reflex client sends it on the `/_event` namespace."""
    event = {"name": name, "payload": payload, "router_data": {"pathname": path, "asPath": path}}
    return "42/_event," + json.dumps(["event", event])


def _handler(state_cls, handler: str) -> str:
    return f"{state_cls.get_full_name()}.{handler}"


def test_protected_events_sent_over_the_websocket_by_a_helpdesk_agent_are_refused(page: Page, db_url: str):
    """The browser's own websocket carries hand-made events to the User management handlers (setting any
    var, promoting oneself, deactivating the Global admin, adding a user): all refused, nothing changed."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        admin = session.exec(select(User).where(User.email == ADMIN[0])).one()
        helpdesk = session.exec(select(User).where(User.email == HELPDESK[0])).one()
        before = [(u.email, u.agent_role, u.admin_role, u.is_active, u.password_hash) for u in (admin, helpdesk)]
        last_event_id = session.exec(select(AuditEvent.id).order_by(AuditEvent.id.desc())).first() or 0

    server_side: dict[str, WebSocketRoute] = {}

    def through(ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        server_side["ws"] = server
        ws.on_message(server.send)
        server.on_message(ws.send)

    page.route_web_socket(re.compile(r".*/_event.*"), through)
    sign_in(page, *HELPDESK)
    expect(nav(page).get_by_role("link", name="User management")).to_have_count(0)
    send = server_side["ws"].send
    edit, add = EditUserState, AddUserState
    mallory = unique_email("mallory")
    for name, payload in [
        (_handler(edit, "setvar"), {"var_name": "user_id", "value": helpdesk.id}),
        (_handler(edit, "set_agent_role"), {"value": "admin_agent"}),
        (_handler(edit, "set_admin_role"), {"value": "global_admin"}),
        (_handler(edit, "update"), {}),
        (_handler(edit, "setvar"), {"var_name": "user_id", "value": admin.id}),
        (_handler(edit, "deactivate"), {}),
        (_handler(edit, "reset_password"), {}),
        (_handler(add, "set_admin_role"), {"value": "global_admin"}),
        (_handler(add, "submit"), {"form": {"full_name": "Mallory", "email": mallory}}),
    ]:
        send(_event_frame(name, payload, "/dashboard"))

    def refused() -> list[AuditEvent]:
        with Session(engine) as session:
            return list(session.exec(select(AuditEvent).where(
                AuditEvent.id > last_event_id, AuditEvent.actor_email == HELPDESK[0],
                AuditEvent.outcome == AuditOutcome.REFUSED)))

    # Every protected handler answered with a refusal that is in the audit log (update, deactivate,
    # reset_password, submit; the failed update also re-reads the user, refused too), and nothing changed.
    for _ in range(60):
        if len(refused()) >= 5:
            break
        page.wait_for_timeout(250)
    assert [e.action for e in refused()] == ["refused.manage_users"] * 5
    with Session(engine) as session:
        admin_now = session.get(User, admin.id)
        helpdesk_now = session.get(User, helpdesk.id)
        after = [(u.email, u.agent_role, u.admin_role, u.is_active, u.password_hash)
                 for u in (admin_now, helpdesk_now)]
        assert after == before
        assert session.exec(select(User).where(User.email == mallory)).first() is None
    engine.dispose()
    # The page itself still works for what a Helpdesk agent may do.
    page.goto("/dashboard")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
