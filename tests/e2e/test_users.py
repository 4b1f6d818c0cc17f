"""User management and the audit log in a real browser: add a user (temporary password shown once), forced
change at first sign-in, role-based navigation and page guards, a User management admin's limits,
deactivation ending sessions at once, the last Global admin, and protected events sent straight over the
websocket by a user who lacks the role. Each test works in a reseller of its own (`data.reseller()`)."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect

from rxapp.state.users import AddUserState, EditUserState
from tests.e2e.pages import (
    AddUserPage,
    AppShell,
    AuditLogPage,
    DashboardPage,
    SignInPage,
    UserCreatedPage,
    UserManagementPage,
    first_sign_in,
    sign_in,
)

pytestmark = pytest.mark.e2e

NEED_USER_ROLES = "You need one of these roles to do that: Global admin, User management admin."


def add_user(page: Page, full_name: str, email: str, agent: str, admin: str) -> str:
    """From the navigation: User management › **Add user**; returns the temporary password shown once."""
    AppShell(page).go("User management")
    return UserManagementPage(page).shown().add_user().create(full_name, email, agent, admin)


def test_admin_adds_a_helpdesk_agent_who_must_change_the_temporary_password(page: Page, data):
    contoso = data.reseller()
    email, name = data.email("helpdesk", contoso), data.name("Hana Helpdesk")
    sign_in(page, contoso.admin)
    temporary = add_user(page, name, email, "Helpdesk agent", "Not an admin")
    expect(page.get_by_text("Important")).to_be_visible()
    expect(page.get_by_text("you will not be able to access it again later")).to_be_visible()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    created = UserCreatedPage(page)
    created.copy()
    assert temporary in page.evaluate("navigator.clipboard.readText()")
    created.done()
    # Shown once: coming back to the page shows nothing.
    page.goto(UserCreatedPage.path)
    expect(page.get_by_text("There is nothing to show here.")).to_be_visible()
    expect(page.get_by_text(temporary)).to_have_count(0)
    # The list: search and role filter find the new user, who must still change the password.
    users = UserManagementPage(page).open()
    users.search(email)
    row = users.user_row(email)
    expect(row).to_contain_text("Helpdesk agent")
    expect(row).to_contain_text("Must change password")
    users.search("")
    users.filter_by_role("Global admin")
    expect(users.user_row(contoso.admin.email)).to_be_visible()
    expect(users.user_row(email)).to_have_count(0)
    AppShell(page).sign_out()

    # The new user: temporary password, forced change, then a Helpdesk agent's view.
    first_sign_in(page, email, temporary, "amber window falcon 58 ridge")
    shell = AppShell(page)
    expect(shell.nav_link("Dashboard")).to_be_visible()
    expect(shell.nav_link("User management")).to_have_count(0)
    expect(shell.nav_link("Audit log")).to_have_count(0)
    expect(shell.nav_link("Request a reseller relationship")).to_have_count(0)
    dashboard = DashboardPage(page)
    page.goto(UserManagementPage.path)
    dashboard.expect_path("/dashboard$")
    expect(dashboard.status_with("You need one of these roles")).to_have_text(NEED_USER_ROLES)
    page.goto(AddUserPage.path)
    dashboard.expect_path("/dashboard$")
    page.goto(AuditLogPage.path)
    dashboard.expect_path("/dashboard$")
    expect(dashboard.status_with("You need one of these roles")).to_contain_text("Global admin")
    shell.sign_out()

    # The audit log shows each step.
    sign_in(page, contoso.admin)
    audit = AuditLogPage(page).open()
    rows = audit.filter(action="user.added", actor=contoso.admin.email)
    expect(rows.filter(has_text=email).filter(has_text="User added")).to_have_count(1)
    rows = audit.filter(actor=email)
    expect(rows.filter(has_text="Password changed")).to_have_count(1)
    expect(rows.filter(has_text="Sign-in").first).to_be_visible()
    expect(rows.filter(has_text="Refused: manage users — needs").first).to_contain_text("Global admin")
    expect(rows.filter(has_text="Refused: view the audit log").first).to_be_visible()
    # The temporary password is nowhere in the log.
    expect(page.get_by_text(temporary)).to_have_count(0)


def test_user_management_admin_manages_users_but_not_customers_or_global_admins(page: Page, data):
    contoso = data.reseller()
    uma_email, uma_name = data.email("uma", contoso), data.name("Uma Manager")
    sign_in(page, contoso.admin)
    temporary = add_user(page, uma_name, uma_email, "Not an agent", "User management admin")
    AppShell(page).sign_out()

    first_sign_in(page, uma_email, temporary, "copper lantern drift 47 meadow")
    shell = AppShell(page)
    expect(shell.nav_link("User management")).to_be_visible()
    expect(shell.nav_link("Customers")).to_have_count(0)
    expect(shell.nav_link("Audit log")).to_have_count(0)

    # May add users, but not grant Global admin.
    shell.go("User management")
    add = UserManagementPage(page).shown().add_user()
    expect(add.role("Global admin")).to_be_disabled()
    expect(page.get_by_text("Only a Global admin can grant the Global admin role")).to_be_visible()
    agent_email, agent_name = data.email("agent", contoso), data.name("Ari Agent")
    add.create(agent_name, agent_email, "Helpdesk agent", "Not an admin")

    # Can't change a Global admin's account.
    UserManagementPage(page).open().open_user("Contoso Admin")
    expect(page.get_by_text("Only a Global admin can grant the Global admin role")).to_be_visible()
    expect(page.get_by_role("button", name="Update")).to_have_count(0)
    expect(page.get_by_role("button", name="Deactivate")).to_have_count(0)

    # Update, deactivate (with confirmation), reactivate, reset password of the new Helpdesk agent.
    edit = UserManagementPage(page).open().open_user(agent_name)
    edit.choose("Admin agent")
    edit.update()
    expect(edit.status_with("The user's roles were updated.")).to_be_visible()
    edit.button("Deactivate").click()
    expect(edit.confirmation).to_contain_text("Deactivate this user?")
    edit.confirmation.get_by_role("button", name="Cancel").click()
    expect(edit.confirmation).to_have_count(0)  # Cancel closes the dialog, and the user stays active
    expect(edit.state("Active")).to_be_visible()
    edit.deactivate()
    expect(edit.status_with("deactivated and signed out everywhere")).to_be_visible()
    expect(edit.state("Deactivated")).to_be_visible()
    edit.reactivate()
    edit.reset_password()
    expect(UserCreatedPage(page).sign_in_name).to_have_text(agent_email)
    shell.sign_out()

    sign_in(page, contoso.admin)
    rows = AuditLogPage(page).open().filter(actor=uma_email)
    for action in ("User added", "Roles updated", "User deactivated", "User reactivated", "Password reset"):
        expect(rows.filter(has_text=action).filter(has_text=agent_email)).to_have_count(1)


def test_deactivation_ends_the_users_sessions_at_once(page: Page, new_page, data):
    contoso = data.reseller()
    email, name = data.email("leaver", contoso), data.name("Lee Leaver")
    sign_in(page, contoso.admin)
    temporary = add_user(page, name, email, "Helpdesk agent", "Not an admin")
    user_page = new_page()
    first_sign_in(user_page, email, temporary, "harbor quartz violet 62 lane")
    UserManagementPage(page).open().open_user(name).deactivate()
    user_page.reload()
    expect(user_page).to_have_url(re.compile("/signin"))
    signin = SignInPage(user_page)
    signin.submit(email, "harbor quartz violet 62 lane")
    signin.expect_refused()


def test_the_last_global_admin_cannot_be_demoted(page: Page, data):
    contoso = data.reseller()
    sign_in(page, contoso.admin)
    edit = UserManagementPage(page).open().open_user("Contoso Admin")
    expect(page.get_by_text("(you)")).to_be_visible()
    expect(edit.button("Deactivate")).to_have_count(0)  # never oneself
    edit.choose("Not an admin")
    edit.update()
    expect(edit.alert).to_contain_text("last active Global admin")
    expect(edit.role("Global admin")).to_be_checked()  # the page shows the truth again


def test_audit_log_export_neutralizes_formulas(page: Page, data):
    contoso = data.reseller()
    email = data.email("=cmd", contoso)
    sign_in(page, contoso.admin)
    add_user(page, "Formula Test", email, "Not an agent", "Not an admin")
    audit = AuditLogPage(page).open()
    audit.filter(action="user.added")
    rows = audit.export_csv()
    column = {name: index for index, name in enumerate(rows[0])}
    assert rows[0][column["action"] : column["action"] + 2] == ["action", "action_code"], "words beside codes"
    details = [row[column["detail_code"]] for row in rows[1:]]
    assert f"'{email} roles=not_an_agent+not_an_admin" in details
    assert f"'{email} Roles: Not an agent, Not an admin" in [row[column["detail"]] for row in rows[1:]]
    assert all(row[column["action_code"]] == "user.added" for row in rows[1:])
    assert all(row[column["action"]] == "User added" for row in rows[1:])


def test_user_management_in_korean(page: Page, data):
    contoso = data.reseller(helpdesk=False)
    sign_in(page, contoso.admin)
    shell = AppShell(page)
    shell.choose_language("한국어")
    shell.go("사용자 관리")
    expect(page.get_by_role("heading", name="계정 설정 › 사용자 관리")).to_be_visible()
    page.get_by_role("link", name="사용자 추가").click()
    expect(page.get_by_role("radio", name="기술 지원팀 에이전트")).to_be_visible()
    expect(page.get_by_role("button", name="추가", exact=True)).to_be_visible()
    shell.choose_language("English")
    AddUserPage(page).shown()


# --- events sent straight over the websocket, not through the UI ----------------------------------------


def _event_frame(name: str, payload: dict, path: str) -> str:
    """A Socket.IO frame as the Reflex client sends it on the `/_event` namespace."""
    event = {"name": name, "payload": payload, "router_data": {"pathname": path, "asPath": path}}
    return "42/_event," + json.dumps(["event", event])


def _handler(state_cls, handler: str) -> str:
    return f"{state_cls.get_full_name()}.{handler}"


def test_protected_events_sent_over_the_websocket_by_a_helpdesk_agent_are_refused(page: Page, new_page, data):
    """The browser's own websocket carries hand-made events to the User management handlers (setting any
    var, promoting oneself, deactivating the Global admin, adding a user): all refused and in the audit log,
    nothing changed (checked through the UI: roles, sign-ins with the same passwords, no new user)."""
    contoso = data.reseller()
    admin, helpdesk = contoso.admin, contoso.user("helpdesk")
    server_side: dict[str, WebSocketRoute] = {}

    def through(ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        server_side["ws"] = server
        ws.on_message(server.send)
        server.on_message(ws.send)

    page.route_web_socket(re.compile(r".*/_event.*"), through)
    sign_in(page, helpdesk)
    expect(AppShell(page).nav_link("User management")).to_have_count(0)
    send = server_side["ws"].send
    edit, add = EditUserState, AddUserState
    mallory = data.email("mallory", contoso)
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

    # Every protected handler answered with a refusal that is in the audit log (update, deactivate,
    # reset_password, submit; the failed update also re-reads the user, refused too).
    admin_page = new_page()
    sign_in(admin_page, admin)  # the Global admin was neither deactivated nor given a new password
    rows = AuditLogPage(admin_page).open().filter(action="refused", actor=helpdesk.email)
    expect(rows.filter(has_text="Refused: manage users — needs")).to_have_count(5)
    expect(rows.filter(has_text=re.compile(r"Refused: (?!manage users)"))).to_have_count(0)
    users = UserManagementPage(admin_page).open()
    users.search(helpdesk.email)
    expect(users.user_row(helpdesk.email)).to_contain_text("Helpdesk agent")
    expect(users.user_row(helpdesk.email)).to_contain_text("Not an admin")
    expect(users.user_row(helpdesk.email)).not_to_contain_text("Must change password")
    users.search(admin.email)
    expect(users.user_row(admin.email)).to_contain_text("Global admin")
    expect(users.user_row(admin.email)).to_contain_text("Active")
    users.search(mallory)
    expect(admin_page.get_by_text(re.compile("^No users match"))).to_be_visible()
    # The page itself still works for what a Helpdesk agent may do, with the same password.
    DashboardPage(page).open()
    AppShell(page).sign_out()
    sign_in(page, helpdesk)
