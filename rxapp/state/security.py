"""Sign-in security (the account page of every user) and the emailed link that lifts a sign-in block.

The authenticator key and its QR code are in state only while the set-up screen shows them; the recovery
codes only until the user says they are stored. Nothing else of the second factor reaches the browser.
"""

from __future__ import annotations

import reflex as rx

from rxapp.services import mfa, signin_guard
from rxapp.state.base import AppState, Refused


class SecurityState(AppState):
    """**Sign-in security**: multi-factor sign-in of the signed-in user; the organization's requirement for
    its Global admin."""

    enabled: rx.Field[bool] = rx.field(False)
    required: rx.Field[bool] = rx.field(False)
    platform: rx.Field[bool] = rx.field(False)
    org_requires: rx.Field[bool] = rx.field(False)
    codes_left: rx.Field[int] = rx.field(0)
    setup_key: rx.Field[str] = rx.field("")
    setup_qr: rx.Field[str] = rx.field("")
    recovery_codes: rx.Field[list[str]] = rx.field(default_factory=list)
    reset_email: rx.Field[str] = rx.field("")  # platform staff: the admin whose second factor is about to be reset
    loaded: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    message: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)

    @rx.event
    async def load(self):
        self.error = self.message = ""
        self.setup_key = self.setup_qr = ""
        self.recovery_codes = []
        await self._refresh()

    async def _refresh(self) -> None:
        # Neither `error` nor `message` is cleared here: an action's outcome stays shown over the refreshed status.
        shown = await self._call(mfa.status, clear=False)
        if isinstance(shown, Refused):
            return
        self.enabled, self.required, self.platform = shown["enabled"], shown["required"], shown["platform"]
        self.org_requires, self.codes_left = shown["org_requires"], shown["recovery_codes_left"]
        self.loaded = True

    @rx.event
    async def start_setup(self):
        """**Set up**: a new key, shown with its QR code until the first code confirms it."""
        self.error = self.message = ""
        shown = await self._call(mfa.begin_enrollment)
        if isinstance(shown, Refused):
            return
        self.setup_key, self.setup_qr = shown["key"], shown["qr"]
        yield rx.set_focus("setup-code")

    @rx.event
    async def confirm_setup(self, form: dict):
        self.busy, self.error = True, ""
        yield
        code, client = str(form.get("code", ""))[:64], self._client_address()
        # clear=False: a refused code leaves `message` (e.g. a requirement saved meanwhile) as it was.
        codes = await self._call(
            lambda s, a: mfa.confirm_enrollment(s, a, code=code, client_address=client), clear=False
        )
        if isinstance(codes, Refused):
            self.busy = False
            yield rx.set_value("setup-code", "")
            return
        self.setup_key = self.setup_qr = ""
        self.recovery_codes, self.busy = codes, False
        await self._refresh()
        await self._show_rights()

    @rx.event
    async def codes_stored(self):
        """**I have stored my recovery codes**: they leave the page (and the state) for good."""
        self.recovery_codes = []

    @rx.event
    async def new_codes(self):
        self.error = self.message = ""
        client = self._client_address()
        codes = await self._call(lambda s, a: mfa.new_recovery_codes(s, a, client_address=client))
        if not isinstance(codes, Refused):
            self.recovery_codes = codes
        await self._refresh()

    @rx.event
    async def set_requirement(self, required: bool):
        self.error = self.message = ""
        client, wanted = self._client_address(), bool(required)
        await self._call(
            lambda s, a: mfa.set_requirement(s, a, required=wanted, client_address=client),
            success="mfa.required_saved" if wanted else "mfa.not_required_saved",
        )
        await self._refresh()

    @rx.event
    def ask_platform_reset(self, form: dict):
        """Platform staff: the sign-in name of another organization's last Global admin; asks to confirm."""
        self.error = self.message = ""
        self.reset_email = str(form.get("email", "")).strip()[:254]

    @rx.event
    def cancel_platform_reset(self):
        self.reset_email = ""

    @rx.event
    async def platform_reset(self):
        email, client = self.reset_email, self._client_address()
        self.reset_email = ""
        await self._call(
            lambda s, a: mfa.reset_by_email(s, a, email=email, client_address=client), success="mfa.reset_done"
        )

    async def _show_rights(self) -> None:
        """After the set-up a user who had to enroll gets the organization's rights (navigation) back."""
        self._show_actor(await self._actor())


class UnblockState(AppState):
    """The landing page of the emailed link that lets a blocked account sign in again (no sign-in needed)."""

    error: rx.Field[str] = rx.field("")
    done: rx.Field[bool] = rx.field(False)
    busy: rx.Field[bool] = rx.field(False)

    @rx.event
    def load(self):
        self.error, self.done, self.busy = "", False, False

    @rx.event
    async def confirm(self):
        self.busy, self.error = True, ""
        yield
        token, client = self._path().rsplit("/", 1)[-1][:200], self._client_address()
        unblocked = await self._call(
            lambda session: signin_guard.unblock(session, token=token, client_address=client), anonymous=True
        )
        if not isinstance(unblocked, Refused):
            self.done = True
        self.busy = False
