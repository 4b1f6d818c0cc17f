"""The partner's own legal and marketing profiles, and the public page of the primary contact's
verification link."""

from __future__ import annotations

import reflex as rx

from rxapp.boundary import form_text
from rxapp.permissions import Action, can
from rxapp.services import profile
from rxapp.services.countries import country_columns
from rxapp.services.throttle import get_throttle
from rxapp.state.base import AppState, Refused
from rxapp.state.ops import OpsState

# Service field -> the form's control (a refusal shows under it).
PROFILE_IDS = {f"op_{name}": f"profile-{name}" for name in profile.PROFILE_FIELDS}
MARKETING_IDS = {f"op_{name}": f"marketing-{name}" for name in profile.MARKETING_FIELDS}


class ProfileState(OpsState):
    data: rx.Field[dict[str, str]] = rx.field(default_factory=dict)  # the form's values, by field name
    can_edit: rx.Field[bool] = rx.field(False)

    @rx.event
    async def load(self):
        result = await self._call(lambda s, a: (profile.get_profile(s, a), can(a, Action.EDIT_PARTNER_PROFILE)))
        if not isinstance(result, Refused):
            self.data, self.can_edit = result
            self.data.update(country_columns(self.data.get("country", "")))  # its name in each UI language
        self.loaded = True

    @rx.event
    async def save(self, form: dict):
        values = {name: form_text(form, name) for name in profile.PROFILE_FIELDS}
        self.busy = True
        yield
        pending = await self._call(lambda s, a: profile.update_profile(s, a, values=values), fields=PROFILE_IDS)
        self.busy = False
        if isinstance(pending, Refused):
            yield pending.focus  # the focus on the refused field
        else:
            self.message = self._text(
                "profile.saved_pending" if pending else "profile.saved", email=values["contact_email"]
            )
            message = self.message
            await self.load()
            self.message = message


class MarketingState(OpsState):
    data: rx.Field[dict[str, str]] = rx.field(default_factory=dict)  # the form's values, by field name
    can_edit: rx.Field[bool] = rx.field(False)

    @rx.event
    async def load(self):
        result = await self._call(
            lambda s, a: (profile.get_own_marketing_profile(s, a), can(a, Action.EDIT_PARTNER_PROFILE))
        )
        if not isinstance(result, Refused):
            self.data, self.can_edit = result
        self.loaded = True

    @rx.event
    async def save(self, form: dict):
        values = {name: form_text(form, name) for name in profile.MARKETING_FIELDS}
        self.busy = True
        yield
        out = await self._call(
            lambda s, a: profile.update_marketing_profile(s, a, values=values),
            success="marketing.saved",
            fields=MARKETING_IDS,
        )
        self.busy = False
        if isinstance(out, Refused):
            yield out.focus
        else:
            self.data = values


class VerifyContactState(AppState):
    """The public landing page of a primary-contact verification link (no sign-in needed)."""

    org: rx.Field[str] = rx.field("")
    email: rx.Field[str] = rx.field("")
    error: rx.Field[str] = rx.field("")
    done: rx.Field[bool] = rx.field(False)
    busy: rx.Field[bool] = rx.field(False)
    loaded: rx.Field[bool] = rx.field(False)

    def _token(self) -> str:
        return self._path().rsplit("/", 1)[-1][:200]

    @rx.event
    async def load(self):
        self.done = False  # `_call` clears `error` first
        token = self._token()
        preview = await self._call(lambda session: profile.preview_contact_link(session, token=token), anonymous=True)
        if not isinstance(preview, Refused):
            self.org, self.email = preview["org"], preview["email"]
        self.loaded = True

    @rx.event
    async def confirm(self):
        token, client = self._token(), self._client_address()

        def work(session) -> bool:
            if not get_throttle().hit("contact-verify", client, limit=30, window_seconds=900):
                return False
            profile.confirm_contact(session, token=token, client_address=client)
            return True

        self.busy = True
        yield  # the button shows progress while the link is checked
        checked = await self._call(work, anonymous=True)  # clears `error` (the button shows only without one)
        if not isinstance(checked, Refused):
            if checked:
                self.done = True
            else:
                self.error = self._text("error.throttled")
        self.busy = False
