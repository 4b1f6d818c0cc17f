"""Account settings › User management: thin handlers around `services.users`.

Every handler is callable from the browser with any arguments: arguments are converted and checked here
and again by the services, which re-check the session and the actor's roles on every call.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

import reflex as rx

from rxapp.boundary import as_id
from rxapp.models import AdminRole, AgentRole
from rxapp.permissions import Actor
from rxapp.services import mfa, users
from rxapp.services.users import Credentials
from rxapp.state import list_reads
from rxapp.state.base import AppState, Refused
from rxapp.state.paging import PAGE_SIZE, PagedList
from rxapp.state.rows import UserRow

if TYPE_CHECKING:
    from sqlmodel import Session

AGENT_ROLES = [role.value for role in AgentRole]
ADMIN_ROLES = [role.value for role in AdminRole]
ROLE_FILTERS = ["all", *AGENT_ROLES, *ADMIN_ROLES]


def edit_href(user_id: int) -> str:
    return f"/account/users/edit?user={int(user_id)}"


class CredentialsState(AppState):
    """The sign-in name and temporary password of a user just added or reset: shown once, then forgotten.

    The password only ever lives here between the service call and the first view of the page; leaving the
    page (Done, any other User management page) or reloading it wipes it.
    """

    cred_kind: rx.Field[str] = rx.field("")  # "added" | "reset" | "" (nothing to show)
    cred_name: rx.Field[str] = rx.field("")
    cred_email: rx.Field[str] = rx.field("")
    cred_password: rx.Field[str] = rx.field("")
    cred_expires: rx.Field[str] = rx.field("")
    _fresh: bool = False

    def _store(self, kind: str, creds: users.Credentials) -> None:
        self.cred_kind, self.cred_name, self.cred_email = kind, creds.full_name, creds.email
        self.cred_password = creds.temporary_password
        self.cred_expires = creds.expires_at.strftime("%Y-%m-%d %H:%M UTC")
        self._fresh = True

    def _forget(self) -> None:
        self.cred_kind = self.cred_name = self.cred_email = self.cred_password = self.cred_expires = ""
        self._fresh = False

    @rx.event
    def show_once(self):
        """on_load of the credentials page: the first view shows them, any later view (reload) wipes them."""
        if self._fresh:
            self._fresh = False
        else:
            self._forget()

    @rx.event
    def done(self):
        self._forget()
        return rx.redirect("/account/users")


class UsersState(PagedList, AppState):
    """The user list: search, role filter, paging."""

    rows: rx.Field[list[UserRow]] = rx.field(default_factory=list)
    search: rx.Field[str] = rx.field("")
    role_filter: rx.Field[str] = rx.field("all")
    loaded: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")

    @rx.event
    async def load(self):
        """on_load: wipe any credentials left from an earlier page, then read one page of users."""
        (await self.get_state(CredentialsState))._forget()
        await self._load()

    async def _load(self) -> None:
        role = "" if self.role_filter == "all" else self.role_filter
        search, offset = self.search, self.page * PAGE_SIZE
        page = await self._call(
            functools.partial(list_reads.user_page, search=search, role=role, limit=PAGE_SIZE, offset=offset)
        )
        if isinstance(page, Refused):
            self.rows, self.total, self.loaded = [], 0, True
            return
        self.rows, self.total = page
        self.error, self.loaded = "", True

    @rx.event
    async def apply_search(self, form: dict):
        self.search = str(form.get("search", ""))[:254]
        self.page = 0
        await self._load()

    @rx.event
    async def set_role_filter(self, value: str):
        self.role_filter = value if value in ROLE_FILTERS else "all"
        self.page = 0
        await self._load()


class RoleChoice(rx.State, mixin=True):
    """The agent and admin role radios of Add user and edit: only the known roles are accepted."""

    agent_role: rx.Field[str] = rx.field(AgentRole.NOT_AN_AGENT.value)
    admin_role: rx.Field[str] = rx.field(AdminRole.NOT_AN_ADMIN.value)

    @rx.event
    def set_agent_role(self, value: str):
        if value in AGENT_ROLES:
            self.agent_role = value

    @rx.event
    def set_admin_role(self, value: str):
        if value in ADMIN_ROLES:
            self.admin_role = value


ADD_USER_FIELDS = {"full_name": "full_name", "email": "email"}  # the service's field -> the control's id


class AddUserState(RoleChoice, AppState):
    """**Add user**: full name, email, agent role and admin role; **Add** leads to the credentials page."""

    may_grant_global_admin: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    error_field: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)

    @rx.event
    async def load(self):
        (await self.get_state(CredentialsState))._forget()
        self.agent_role, self.admin_role = AgentRole.NOT_AN_AGENT.value, AdminRole.NOT_AN_ADMIN.value
        self.error, self.error_field, self.busy = "", "", False
        actor = await self._actor()
        self.may_grant_global_admin = actor is not None and AdminRole.GLOBAL_ADMIN in users.grantable_admin_roles(actor)

    @rx.event
    async def submit(self, form: dict):
        """Create the user (the password is hashed off the event loop) and show the credentials once."""
        self.busy, self.error, self.error_field = True, "", ""
        yield
        name, email = str(form.get("full_name", ""))[:500], str(form.get("email", ""))[:500]
        agent, admin, client = self.agent_role, self.admin_role, self._client_address()
        if await _issue_credentials(
            self,
            "added",
            lambda s, a: users.add_user(
                s, a, full_name=name, email=email, agent_role=agent, admin_role=admin, client_address=client
            ),
        ):
            yield rx.redirect("/account/users/created")
        elif self.error_field:
            yield rx.set_focus(self.error_field)


class EditUserState(RoleChoice, AppState):
    """One user: roles (**Update**), deactivate / reactivate, reset password."""

    agent_role: rx.Field[str] = rx.field("")  # nothing chosen until the user is loaded
    admin_role: rx.Field[str] = rx.field("")
    user_id: rx.Field[int] = rx.field(0)
    full_name: rx.Field[str] = rx.field("")
    email: rx.Field[str] = rx.field("")
    is_active: rx.Field[bool] = rx.field(True)
    mfa_on: rx.Field[bool] = rx.field(False)
    is_self: rx.Field[bool] = rx.field(False)
    may_grant_global_admin: rx.Field[bool] = rx.field(False)
    may_manage: rx.Field[bool] = rx.field(False)
    loaded: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    error_field: rx.Field[str] = rx.field("")
    message: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)

    @rx.event
    async def load(self):
        (await self.get_state(CredentialsState))._forget()
        self.error = self.message = self.error_field = ""
        self.loaded = False
        raw = str(self.router.url.query_parameters.get("user", ""))
        self.user_id = as_id(raw)
        await self._load()

    async def _load(self) -> None:
        user_id = self.user_id
        found = await self._call(lambda s, a: (users.get_user(s, a, user_id=user_id), a))
        if isinstance(found, Refused):
            self.loaded, self.may_manage = True, False
            self.full_name = self.email = ""
            return
        summary, actor = found
        self._show(summary)
        self.is_self = summary.id == actor.user_id
        grantable = users.grantable_admin_roles(actor)
        self.may_grant_global_admin = AdminRole.GLOBAL_ADMIN in grantable
        self.may_manage = summary.admin_role in grantable
        self.loaded = True

    def _show(self, summary: users.UserSummary) -> None:
        self.full_name, self.email = summary.full_name, summary.email
        self.agent_role, self.admin_role = summary.agent_role.value, summary.admin_role.value
        self.is_active, self.mfa_on = summary.is_active, summary.mfa_on

    @rx.event
    async def update(self):
        """**Update**: save the chosen roles."""
        self.error = self.message = ""
        user_id, agent, admin, client = self.user_id, self.agent_role, self.admin_role, self._client_address()
        summary = await self._call(
            lambda s, a: users.update_roles(
                s, a, user_id=user_id, agent_role=agent, admin_role=admin, client_address=client
            ),
            success="users.updated",
        )
        if isinstance(summary, Refused):
            await self._reload_quietly()
            return
        self._show(summary)

    async def _reload_quietly(self) -> None:
        error = self.error
        await self._load()
        self.error = error or self.error

    @rx.event
    async def deactivate(self):
        await self._set_active(False)

    @rx.event
    async def reactivate(self):
        await self._set_active(True)

    async def _set_active(self, active: bool) -> None:
        self.error = self.message = ""
        user_id, client = self.user_id, self._client_address()
        summary = await self._call(
            lambda s, a: users.set_active(s, a, user_id=user_id, active=active, client_address=client),
            success="users.reactivated" if active else "users.deactivated",
        )
        if not isinstance(summary, Refused):
            self._show(summary)

    @rx.event
    async def reset_password(self):
        """A new temporary password (hashed off the event loop), shown once on the credentials page."""
        self.busy, self.error, self.message = True, "", ""
        yield
        user_id, client = self.user_id, self._client_address()
        if await _issue_credentials(
            self, "reset", lambda s, a: users.reset_password(s, a, user_id=user_id, client_address=client)
        ):
            yield rx.redirect("/account/users/created")

    @rx.event
    async def reset_mfa(self):
        """**Reset multi-factor sign-in** (confirmed first): the user's authenticator and recovery codes stop
        working; the user is signed out and emailed."""
        self.busy, self.error, self.message = True, "", ""
        yield
        user_id, client = self.user_id, self._client_address()
        done = await self._call(
            lambda s, a: mfa.reset(s, a, user_id=user_id, client_address=client), success="mfa.reset_done"
        )
        if not isinstance(done, Refused):
            self.mfa_on = False
        self.busy = False


async def _issue_credentials(
    state: AddUserState | EditUserState, kind: str, work: Callable[[Session, Actor], Credentials]
) -> bool:
    """Run a service call that issues a temporary password (hashing it off the event loop) and keep the
    credentials for the page that shows them once. False, with the state's `error` set, when refused."""
    creds = await state._call(work, fields=ADD_USER_FIELDS if isinstance(state, AddUserState) else None)
    if isinstance(creds, Refused):
        state.busy = False
        return False
    (await state.get_state(CredentialsState))._store(kind, creds)
    state.busy = False
    return True
