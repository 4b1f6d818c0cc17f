"""The root state: the browser's session token and language, and the public view of the signed-in user.

Nothing here is trusted: every handler re-resolves the token on the server (`services.runner`).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast, overload

import reflex as rx
from reflex.event import EventHandler, EventSpec
from reflex.state import EventHandlerSetVar
from reflex_base.registry import RegistrationContext

from rxapp import boundary, service_processes
from rxapp.errors import DomainError, PermissionDenied, ValidationFailed
from rxapp.i18n import LANGUAGES, translate
from rxapp.permissions import Actor, allowed_actions, require, rights_flags
from rxapp.routes import PAGES, is_public, route_action
from rxapp.services import auth, runner

if TYPE_CHECKING:
    from sqlmodel import Session

T = TypeVar("T")


@dataclass(frozen=True)
class Refused:
    """What `AppState._call` returns when the service refused: the refusal is already shown on the page; `focus`
    is the event that moves the focus to the refused control (return it from the handler), or None."""

    error: DomainError
    focus: EventSpec | None = None


SECURITY_PAGE = "/account/security"


class RefusedSetVar(EventHandlerSetVar):
    """Reflex's generic `setvar` event, which the portal never uses: refused like any unexpected input."""

    def setvar(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        boundary.refuse(self)


class AppState(rx.State):
    """Root of every page state. Every event handler of every page state goes through the input boundary
    (`rxapp.boundary`): wrapped here before Reflex registers it, mixins' handlers included."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        for owner in [cls, *(base for base in cls.__mro__[1:] if getattr(base, "_mixin", False))]:
            for name, value in list(owner.__dict__.items()):
                if rx.State._item_is_event_handler(name, value) and inspect.isfunction(value):
                    setattr(owner, name, boundary.guard(value))
        super().__init_subclass__(**kwargs)

    session_token: rx.Field[str] = rx.field(rx.LocalStorage("", name="pc_session", sync=True))
    lang: rx.Field[str] = rx.field(rx.LocalStorage("en", name="pc_lang", sync=True))
    # "1" while a language picked when signed out is not yet saved to an account: the next sign-in saves it
    # (the last explicit choice wins over the account's older one).
    lang_chosen: rx.Field[str] = rx.field(rx.LocalStorage("", name="pc_lang_chosen", sync=True))

    user_name: rx.Field[str] = rx.field("")
    user_email: rx.Field[str] = rx.field("")
    org_name: rx.Field[str] = rx.field("")
    org_kind: rx.Field[str] = rx.field("")
    # One flag per action of the matrix, in `ACTIONS` order ("1" allowed): what the pages show (see
    # `components.rights.may`); the server's own checks use `_rights`. A string of flags, not the names: it
    # travels with every page's hydration.
    rights: rx.Field[str] = rx.field("")
    _rights: list[str] = []
    notice: rx.Field[str] = rx.field("")
    # The own organization's suspension (issue 14): shown in the banner of every page; its reason is the
    # platform staff's message to this organization, nothing of another tenant.
    org_suspended: rx.Field[bool] = rx.field(False)
    suspension_reason: rx.Field[str] = rx.field("")
    checked_path: rx.Field[str] = rx.field("")  # the protected page the guard let through (its content shows only then)
    _notice_path: str = ""  # the page the notice is for: any other page starts without it

    @rx.var
    def signed_in(self) -> bool:
        return self.user_email != ""

    # --- helpers (underscore: not callable from the browser) -------------------------------------
    def _client_address(self) -> str:
        # The router's session field itself: `self.router` assembles a whole RouterData on every read.
        return self.rx_router_session.client_ip or "-"

    def _text(self, key: str, **params: Any) -> str:
        return translate(self.lang, key, **params)

    def _error_text(self, error: DomainError) -> str:
        """A domain error in the user's language (roles named in the user's language too)."""
        params = dict(error.params)
        if isinstance(error, PermissionDenied):
            roles = params.get("roles", [])
            params["roles"] = ", ".join(self._text(f"role.{role}") for role in roles)
        if isinstance(error, ValidationFailed) and error.field:
            params.setdefault("field", self._text(f"field.{error.field}"))
        return self._text(error.code, **params)

    @overload
    async def _call(
        self,
        work: Callable[[Session, Actor], T],
        *,
        error: str | None = "error",
        fields: Mapping[str, str] | None = None,
        field_errors: Mapping[str, str] | None = None,
        success: str | None = None,
        message: str = "message",
        field_var: str = "error_field",
        clear: bool = True,
        anonymous: Literal[False] = False,
        **params: Any,
    ) -> T | Refused: ...

    @overload
    async def _call(
        self,
        work: Callable[[Session], T],
        *,
        error: str | None = "error",
        fields: Mapping[str, str] | None = None,
        field_errors: Mapping[str, str] | None = None,
        success: str | None = None,
        message: str = "message",
        field_var: str = "error_field",
        clear: bool = True,
        anonymous: Literal[True],
        **params: Any,
    ) -> T | Refused: ...

    async def _call(
        self,
        work: Callable[..., T],
        *,
        error: str | None = "error",
        fields: Mapping[str, str] | None = None,
        field_errors: Mapping[str, str] | None = None,
        success: str | None = None,
        message: str = "message",
        field_var: str = "error_field",
        clear: bool = True,
        anonymous: bool = False,
        **params: Any,
    ) -> T | Refused:
        """The one way a state calls a service: through `runner` (as the signed-in user, re-checked on the
        server, or `anonymous` for the signed-out flows), in one transaction, off the event loop so a slow query
        never stalls other tabs. Returns the service's result, or `Refused` with the refusal already shown:

        - its message goes to the var named `error` (cleared first; None: the refusal is not shown), or to the var
          `field_errors` names for the refused field (a form's per-field message);
        - `fields` (the service's field -> the control's id): a refusal about one of the form's controls puts that
          id in `error_field` (or the var `field_var` names; the form shows the message under it) and
          `Refused.focus` moves the focus there; any other refusal stays at the top of the page (that var "");
        - `success`: a catalog key (with `params`) shown in the var named `message` when the work is done;
        - `clear=False`: nothing is cleared first and a refusal leaves `message` as it is (a list reloaded after an
          action keeps the action's message until the reload itself is refused)."""
        if clear:
            for name in (error, *(field_errors or {}).values()):
                if name:
                    setattr(self, name, "")
            if error and field_var in self.vars:
                setattr(self, field_var, "")
        try:
            if anonymous:
                result = await asyncio.to_thread(runner.run_public, work)
            else:
                address = self._client_address()
                call = functools.partial(runner.run_as, self.session_token, work, client_address=address)
                result = await service_processes.run(call, offload=service_processes.travels(work))
        except DomainError as refusal:
            return self._show_refusal(refusal, error, fields, field_errors, message if clear else None, field_var)
        if success:
            setattr(self, message, self._text(success, **params))
        return result

    def _show_refusal(
        self,
        refusal: DomainError,
        error: str | None = "error",
        fields: Mapping[str, str] | None = None,
        field_errors: Mapping[str, str] | None = None,
        message: str | None = "message",
        field_var: str = "error_field",
    ) -> Refused:
        """Show a refusal as `_call` does (also one the state finds itself, e.g. two passwords that differ)."""
        field = getattr(refusal, "field", None) or ""
        if error is None and not (field_errors and field in field_errors):
            return Refused(refusal)
        if message and message in self.vars:
            setattr(self, message, "")
        text = self._error_text(refusal)
        if field_errors and field in field_errors:
            setattr(self, field_errors[field], text)
            return Refused(refusal)
        setattr(self, cast(str, error), text)
        if fields and field in fields:
            if field_var in self.vars:
                setattr(self, field_var, fields[field])
            return Refused(refusal, rx.set_focus(fields[field]))
        return Refused(refusal)

    async def _actor(self) -> Actor | None:
        """The signed-in actor, re-checked on the server (None when the session has ended)."""
        return await asyncio.to_thread(runner.current_actor, self.session_token)

    def _sign_in_context(self) -> dict[str, Any]:
        """What a sign-in takes from the browser besides the credentials: its address (throttling, the audit
        log) and the page's language, which becomes the account's when it was picked on the signed-out page."""
        return {
            "client_address": self._client_address(),
            "language": self.lang,
            "language_chosen": self.lang_chosen == "1",
        }

    async def _sign_in(self, email: str, password: str) -> str | Refused:
        """Open a session with these credentials (the hash is checked off the event loop); the page's language
        becomes the user's unless one is saved, and always when it was picked on the signed-out page. Returns the
        new token, or `Refused` with the refusal in `error`."""
        context = self._sign_in_context()
        token = await self._call(
            lambda session: auth.sign_in(session, email=email, password=password, **context), anonymous=True
        )
        if not isinstance(token, Refused):
            self.lang_chosen = ""
        return token

    def _assign(self, **values: Any) -> None:
        """Set these vars, each only when its value differs: Reflex sends every var that was set, changed or
        not, and an event that changes nothing then still costs the browser an update (opening a public page
        signed out re-set the whole empty header)."""
        for name, value in values.items():
            if getattr(self, name) != value:
                setattr(self, name, value)

    def _show_actor(self, actor: Actor | None) -> None:
        if actor is None:
            self._rights = []
            self._assign(
                user_name="",
                user_email="",
                org_name="",
                org_kind="",
                rights="",
                org_suspended=False,
                suspension_reason="",
            )
            return
        allowed = allowed_actions(actor)
        self._rights = sorted(action.value for action in allowed)
        self._assign(
            user_name=actor.full_name,
            user_email=actor.email,
            org_name=actor.org_name,
            org_kind=actor.org_kind.value,
            rights=rights_flags(allowed),
            org_suspended=actor.suspension is not None,
            suspension_reason=actor.suspension or "",
        )
        if actor.language in LANGUAGES:  # the account's language follows the user to any browser
            self._assign(lang=actor.language)

    def _notify(self, text: str, path: str) -> None:
        """A notice banner for the page at `path` (the next page shown); it does not follow the user further."""
        self.notice, self._notice_path = text, path

    def _path(self) -> str:
        path = str(self.router.url.path) if self.router.url else "/"
        return path.rstrip("/") or "/"

    async def _guard_page(self) -> EventSpec | None:
        """Require a live session (except public pages), force a pending password change or second-factor
        set-up, and send a user whose organization kind or roles do not allow the page to the dashboard: the
        redirect, or None when the page may show (`checked_path` set for a protected page)."""
        path = self._path()
        if self.notice and self._notice_path != path:
            self.notice = self._notice_path = ""
        actor = await self._actor()
        self._show_actor(actor)
        if is_public(path):
            self._assign(checked_path="")
            return None
        self.checked_path = ""  # (set again below when the page may show: sent once, as its final value)
        if actor is None:
            self.session_token = ""
            return rx.redirect(f"/signin?next={path}", replace=True)
        if actor.must_change_password:
            if path != "/change-password":
                return rx.redirect("/change-password", replace=True)
            self.checked_path = str(self.router.url.path) if self.router.url else path
            return None
        if actor.must_enroll_mfa:  # the organization (or the platform) requires a second factor first
            if path != SECURITY_PAGE:
                return rx.redirect(SECURITY_PAGE, replace=True)
            self.checked_path = str(self.router.url.path) if self.router.url else path
            return None
        action = route_action(path)
        if action is not None and action.value not in self._rights:
            # Logged as any refused action is (`runner.run_as`); the page's loaders, refused too, do not run.
            await self._call(lambda _session, actor: require(actor, action, read=True), error=None)
            self._notify(
                self._error_text(PermissionDenied(action=action.value, roles=_roles_for(action))), "/dashboard"
            )
            return rx.redirect("/dashboard", replace=True)
        self.checked_path = str(self.router.url.path) if self.router.url else path
        return None

    # --- events --------------------------------------------------------------------------------
    @boundary.guard
    @rx.event
    async def open_page(self, route: str):
        """on_load of every page, as one event: the guard, then (when it lets the page show) the page's loaders
        on their own states (`page_loaders`). Opening a page is one round of changes and one update to the
        browser; a chain of separate events sent one update each (the header, then the page's flags, then its
        rows), each drawn by the browser in turn. A redirect skips the loaders, which would only be refused."""
        redirect = await self._guard_page()
        if redirect is not None:
            return redirect
        follow: list = []
        for handler in page_loaders(route):
            owner = handler.state
            assert owner is not None, "a page's loader is a state's own handler"
            state = self if type(self) is owner else await self.get_state(owner)
            result = handler.fn(state)
            if inspect.isawaitable(result):
                result = await result
            if result is not None:
                follow.extend(result if isinstance(result, list | tuple) else [result])
        return follow or None

    @boundary.guard
    @rx.event
    def dismiss_notice(self):
        self.notice = self._notice_path = ""

    @boundary.guard
    @rx.event
    async def set_language(self, lang: str):
        """The header's language picker: the page's language and, when signed in, the user's (for emails)."""
        if lang not in LANGUAGES:
            return
        self.lang = lang
        if not self.signed_in:
            self.lang_chosen = "1"  # saved to the account at the next sign-in
            return
        await self._call(lambda session, actor: auth.set_language(session, actor, language=lang), error=None)

    @boundary.guard
    @rx.event
    async def sign_out(self):
        token = self.session_token
        await self._call(lambda session: auth.sign_out(session, token), anonymous=True, error=None)
        self.session_token = ""
        self._show_actor(None)
        self.notice = ""
        return rx.redirect("/signin")


def _create_refused_setvar(cls) -> None:
    cls.setvar = cls.event_handlers["setvar"] = RefusedSetVar(state_cls=cls)


# Reflex names `_create_setvar` a builtin (not declarable in a class body); set after the class, every page
# state's `setvar` is the refused one, registered like any handler. AppState's own was made already: replace it.
# (Cast: the checker types the attribute as the bound method a read returns, not the classmethod one assigns.)
AppState._create_setvar = cast(Any, classmethod(_create_refused_setvar))
_create_refused_setvar(AppState)
RegistrationContext.get().register_event_handler(AppState.setvar, states=(AppState,))


def fresh_page_events(on_load: tuple) -> list:
    """The `fresh` event of each state of a page's on_load handlers that has one, run before them: states
    whose message and loaded flags are shared by several pages reset them when a page is opened."""
    events = []
    for handler in on_load:
        fresh = getattr(handler.state, "fresh", None)  # a parent state's own handler when defined there
        if isinstance(fresh, EventHandler) and fresh not in events:
            events.append(fresh)
    return events


def page_loaders(route: str) -> list[EventHandler]:
    """What opening the page at `route` runs after the guard: its states' `fresh` events, then its on_load
    handlers (none for an unknown route)."""
    spec = next((spec for spec in PAGES if spec.route == route), None)
    return [] if spec is None else [*fresh_page_events(spec.on_load), *spec.on_load]


def _roles_for(action) -> list[str]:
    from rxapp.permissions import MATRIX

    return sorted(role.value for role in MATRIX[action].roles)
