"""Sign-in and password change: thin handlers around `services.auth`."""

from __future__ import annotations

import reflex as rx

from rxapp.errors import ValidationFailed
from rxapp.services import auth, mfa
from rxapp.state.base import AppState, Refused


def _safe_next(target: str) -> str:
    """Only same-site paths are followed after sign-in (no open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") else "/dashboard"


class SignInState(AppState):
    error: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)
    code_step: rx.Field[bool] = rx.field(False)  # the password was right; the second factor is asked for
    # The token of the password step: a backend var (underscore), never sent to the browser.
    _pending_token: str = ""

    @rx.event
    async def submit(self, form: dict):
        """Check the credentials (hashing runs off the event loop); open a session, or ask for the code."""
        self.busy, self.error = True, ""
        yield
        email, password = str(form.get("email", "")), str(form.get("password", ""))
        context = self._sign_in_context()
        started = await self._call(
            lambda session: auth.start_sign_in(session, email=email, password=password, **context), anonymous=True
        )
        if isinstance(started, Refused):
            self.busy = False
            yield rx.set_focus("password")
            yield rx.set_value("password", "")
            return
        token, pending = started
        self.busy, self.lang_chosen = False, ""  # the choice is saved to the account now
        if pending:
            self._pending_token, self.code_step = token, True
            yield rx.set_focus("code")
            return
        yield self._signed_in(token)

    @rx.event
    async def submit_code(self, form: dict):
        """The second step: a code of the authenticator app or a recovery code."""
        self.busy, self.error = True, ""
        yield
        code, pending, client = str(form.get("code", ""))[:64], self._pending_token, self._client_address()
        token = await self._call(
            lambda session: mfa.complete_sign_in(session, pending_token=pending, code=code, client_address=client),
            anonymous=True,
        )
        if isinstance(token, Refused):
            self.busy = False
            if token.error.code == "mfa.sign_in_again":
                self._pending_token, self.code_step = "", False
            yield rx.set_value("code", "")
            return
        self._pending_token, self.code_step, self.busy = "", False, False
        yield self._signed_in(token)

    @rx.event
    def restart(self):
        """**Use another account**: back to the password step."""
        self._pending_token, self.code_step, self.error = "", False, ""

    def _signed_in(self, token: str):
        self.session_token = token
        next_path = str(self.router.url.query_parameters.get("next", "/dashboard"))
        return rx.redirect(_safe_next(next_path), replace=True)


PASSWORD_FIELDS = {"current_password": "current_password", "password": "password", "confirm": "confirm"}


class ChangePasswordState(AppState):
    error: rx.Field[str] = rx.field("")
    error_field: rx.Field[str] = rx.field("")  # the field the refusal is about (shown under it)
    busy: rx.Field[bool] = rx.field(False)

    @rx.event
    async def submit(self, form: dict):
        """Change the signed-in user's password; a temporary password must be changed before anything else."""
        self.busy, self.error, self.error_field = True, "", ""
        yield
        current, new, again = (str(form.get(k, "")) for k in ("current_password", "password", "confirm"))
        client = self._client_address()
        if new != again:
            self.busy = False
            mismatch = ValidationFailed("password.mismatch", field="confirm")  # checked here, not by a service
            yield self._show_refusal(mismatch, fields=PASSWORD_FIELDS).focus
            return
        token = await self._call(
            lambda session, actor: auth.change_password(
                session, actor, current_password=current, new_password=new, client_address=client
            ),
            fields=PASSWORD_FIELDS,
        )
        if isinstance(token, Refused):
            yield token.focus
        else:
            self.session_token = token
            self._notify(self._text("password.changed"), "/dashboard")
            yield rx.redirect("/dashboard", replace=True)
        self.busy = False
