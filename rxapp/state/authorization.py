"""The authorization link's landing page (`/authorize/[token]`): an indirect reseller signs in, sees the provider
and what authorizing it grants, then authorizes or declines."""

from __future__ import annotations

import dataclasses
from typing import cast

import reflex as rx

from rxapp.services import auth, partners
from rxapp.services.countries import country_columns
from rxapp.state.base import AppState, Refused
from rxapp.state.rows import AuthorizationViewRow


class AuthorizeState(AppState):
    """`/authorize/[token]`: sign in first, see the provider and what authorizing grants, then decide."""

    loaded: rx.Field[bool] = rx.field(False)
    link_error: rx.Field[str] = rx.field("")
    wrong_account: rx.Field[bool] = rx.field(False)
    view: rx.Field[AuthorizationViewRow] = rx.field(default_factory=AuthorizationViewRow)
    can_authorize: rx.Field[bool] = rx.field(False)
    role_message: rx.Field[str] = rx.field("")
    agreed: rx.Field[bool] = rx.field(False)
    busy: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    outcome: rx.Field[str] = rx.field("")  # "" | authorized | declined
    outcome_text: rx.Field[str] = rx.field("")

    def _token(self) -> str:
        parts = self._path().split("/")
        return parts[2][:128] if len(parts) > 2 else ""

    @rx.event
    async def load(self):
        self.loaded, self.link_error, self.wrong_account, self.view = False, "", False, AuthorizationViewRow()
        self.agreed, self.error, self.outcome, self.outcome_text, self.role_message = False, "", "", "", ""
        actor = await self._actor()
        if actor is None:
            return rx.redirect(f"/signin?next={self._path()}", replace=True)
        token = self._token()
        view = await self._call(lambda s, a: partners.view_authorization(s, a, token=token), error="link_error")
        if isinstance(view, Refused):
            self.wrong_account = view.error.code == "link.wrong_account"
        else:
            # The view as text, with the provider's country named in each UI language (`provider_country_<lang>`).
            self.view = cast(
                AuthorizationViewRow,
                {
                    **{key: str(value) for key, value in dataclasses.asdict(view).items()},
                    **country_columns(view.provider_country, "provider_country"),
                },
            )
            self.can_authorize = view.can_authorize
            if not view.can_authorize:
                self.role_message = self._text(
                    "partners.need_global_admin", reseller=view.reseller_name, email=actor.email
                )
        self.loaded = True
        return None

    @rx.event
    def set_agreed(self, value: bool):
        self.agreed = bool(value)

    @rx.event
    async def authorize(self):
        if not self.agreed or self.busy:
            return
        self.busy, self.error = True, ""
        yield
        token = self._token()
        if not isinstance(await self._call(lambda s, a: partners.authorize_provider(s, a, token=token)), Refused):
            self.outcome = "authorized"
            self.outcome_text = self._text("partners.authorize.done", provider=self.view.get("provider_name", ""))
        self.busy = False

    @rx.event
    async def decline(self):
        self.error = ""
        token = self._token()
        if not isinstance(await self._call(lambda s, a: partners.decline_authorization(s, a, token=token)), Refused):
            self.outcome = "declined"
            self.outcome_text = self._text(
                "partners.authorize.declined_done", provider=self.view.get("provider_name", "")
            )

    @rx.event
    async def use_other_account(self):
        """Sign out here and come back to this link after signing in with the invited account."""

        path, session_token = self._path(), self.session_token
        await self._call(lambda session: auth.sign_out(session, session_token), anonymous=True, error=None)
        self.session_token = ""
        self._show_actor(None)
        return rx.redirect(f"/signin?next={path}", replace=True)
