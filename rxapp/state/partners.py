"""Thin states for the provider directory and the partnership pages (the authorization link landing is in
`state/authorization.py`)."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

import reflex as rx

from rxapp.boundary import as_id, form_text
from rxapp.i18n import LANGUAGES
from rxapp.permissions import Action
from rxapp.services import partners
from rxapp.services.countries import country_columns, country_name, sort_key
from rxapp.state.base import AppState, Refused
from rxapp.state.rows import (
    CountryChoice,
    DirectoryRow,
    PartnerInvitationRow,
    PartnershipRow,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from rxapp.errors import DomainError
    from rxapp.permissions import Actor

POLL_SECONDS = 10
POLL_ROUNDS = 30  # lists refresh for 5 minutes after the page was opened (keeps idle sessions from living on)


Row = TypeVar("Row", bound=Mapping[str, object])
T = TypeVar("T")


def _row(item: Any) -> dict[str, str]:
    """A dataclass row as a dict of strings (what the page shows; ids as text for event arguments), with its
    country's name in each UI language when it has a country (`components.countries.country_label`)."""
    row = {key: str(value) for key, value in dataclasses.asdict(item).items()}
    return {**row, **country_columns(row["country"])} if "country" in row else row


def _rows(items: Sequence[Any], shape: type[Row]) -> list[Row]:  # noqa: ARG001 (names the rows' type)
    """The service's dataclasses as `shape` rows (`state/rows/` spells each dataclass's fields, as text)."""
    return [cast(Row, _row(item)) for item in items]


def _country_choices(codes: list[str]) -> dict[str, list[CountryChoice]]:
    """The directory's country filter in each UI language: named and sorted for that language."""
    return {
        lang: sorted(
            (CountryChoice(code=code, name=country_name(lang, code)) for code in codes),
            key=lambda choice: sort_key(choice["name"]),
        )
        for lang in LANGUAGES
    }


# ------------------------------------------------------------------------------------------- directory


class DirectoryState(AppState):
    query: rx.Field[str] = rx.field("")
    country: rx.Field[str] = rx.field("all")
    entries: rx.Field[list[DirectoryRow]] = rx.field(default_factory=list)
    # UI language -> the filter's countries, in its order
    country_choices: rx.Field[dict[str, list[CountryChoice]]] = rx.field(default_factory=dict)
    loaded: rx.Field[bool] = rx.field(False)
    managed: rx.Field[list[DirectoryRow]] = rx.field(default_factory=list)
    manage_error: rx.Field[str] = rx.field("")
    manage_done: rx.Field[str] = rx.field("")

    @rx.event
    async def load(self):
        """Read the public directory; platform staff also get every provider to publish or unpublish."""
        query, country = self.query, "" if self.country == "all" else self.country
        listing = await self._call(
            lambda session: (
                partners.list_directory(session, query=query, country=country),
                partners.directory_countries(session),
            ),
            anonymous=True,
            error=None,
        )
        if isinstance(listing, Refused):  # the public reads refuse nothing; were one to, the event fails as before
            raise listing.error
        entries, countries = listing
        self.entries = _rows(entries, DirectoryRow)
        self.country_choices = _country_choices([code for code, _name in countries])
        self.managed = []
        if Action.MANAGE_DIRECTORY.value in self._rights:
            # `manage_error` is not cleared here: a refused (un)publish reloads the page and keeps its message.
            managed = await self._call(
                lambda s, a: partners.list_directory_admin(s, a), error="manage_error", clear=False
            )
            if not isinstance(managed, Refused):
                self.managed = _rows(managed, DirectoryRow)
        self.loaded = True

    @rx.event
    def search(self, form: dict):
        self.query = form_text(form, "query")
        return DirectoryState.load

    @rx.event
    def set_country(self, value: str):
        self.country = str(value)[:2] if value != "all" else "all"
        return DirectoryState.load

    @rx.event
    async def set_published(self, org_id: str, published: bool):
        self.manage_error = self.manage_done = ""
        entry = await self._call(
            lambda s, a: partners.set_directory_published(
                s, a, org_id=as_id(org_id), published=published is True or published == "true"
            ),
            error="manage_error",
        )
        if not isinstance(entry, Refused):
            key = "partners.directory.published_done" if entry.published else "partners.directory.unpublished_done"
            self.manage_done = self._text(key, name=entry.name)
        return DirectoryState.load


# ------------------------------------------------------------------------------------------ partnerships


class _PartnershipMixin(rx.State, mixin=True):
    """Shared by both sides: the active list, the history, ending, and the periodic refresh. Each page state
    gets its own copy of these vars (a mixin, not a parent state)."""

    rows: rx.Field[list[PartnershipRow]] = rx.field(default_factory=list)
    history: rx.Field[list[PartnershipRow]] = rx.field(default_factory=list)
    search_text: rx.Field[str] = rx.field("")
    loaded: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    success: rx.Field[str] = rx.field("")
    _poll_generation: int = 0

    if TYPE_CHECKING:  # AppState's, which every state mixing this in derives from too

        def _text(self, key: str, **params: Any) -> str: ...
        def _error_text(self, error: DomainError) -> str: ...
        async def _call(
            self,
            work: Callable[[Session, Actor], T],
            *,
            error: str | None = "error",
            success: str | None = None,
            message: str = "message",
            **params: Any,
        ) -> T | Refused: ...
        def _path(self) -> str: ...

    def _reader(self, query: str) -> Callable[[Session, Actor], dict[str, list[Any]]]:
        """Everything the page lists, read as the signed-in user in one unit of work (runs in a thread)."""

        def work(session: Session, actor: Actor) -> dict[str, list[Any]]:
            data: dict[str, list[Any]] = {
                "rows": _rows(partners.list_partnerships(session, actor, query=query), PartnershipRow),
                "history": _rows(partners.list_partnerships(session, actor, active=False), PartnershipRow),
            }
            data.update(self._read_more(session, actor))
            return data

        return work

    def _read_more(self, session, actor) -> dict[str, list[Any]]:  # noqa: ARG002 (a hook: none here)
        return {}

    def _apply(self, data: dict[str, list[Any]]) -> None:
        for name, value in data.items():
            setattr(self, name, value)
        self.loaded = True

    async def _refresh(self) -> None:
        # `error` is not cleared here: an action's refusal stays shown over the refreshed lists.
        data = await self._call(self._reader(self.search_text), clear=False)
        if not isinstance(data, Refused):
            self._apply(data)

    async def _act(self, work: Callable, done_key: str, **params: str) -> None:
        self.error = self.success = ""
        await self._call(work, success=done_key, message="success", **params)
        await self._refresh()

    @rx.event
    async def load(self):
        self.error = self.success = ""
        await self._refresh()
        return type(self).poll

    @rx.event
    async def search(self, form: dict):
        self.search_text = form_text(form, "query")
        await self._refresh()

    @rx.event(background=True)
    async def poll(self):
        """Refresh the lists every few seconds while this tab stays on the page (for a few minutes), so a
        change made by the other company shows up without a reload."""
        async with self:
            self._poll_generation += 1
            generation, path = self._poll_generation, self._path()
        for _ in range(POLL_ROUNDS):
            await asyncio.sleep(POLL_SECONDS)
            async with self:
                if self._poll_generation != generation or self._path() != path:
                    return
                work = self._reader(self.search_text)
            # Read without holding the state: with `error=None` the call writes nothing to it (a refusal, such
            # as an ended session, just stops the refresh).
            data = await self._call(work, error=None)
            if isinstance(data, Refused):
                return
            async with self:
                if self._poll_generation != generation:
                    return
                self._apply(data)

    @rx.event
    async def end_partnership(self, relationship_id: str, name: str):
        await self._act(
            lambda s, a: partners.end_partnership(s, a, relationship_id=as_id(relationship_id)),
            "partners.ended_done",
            name=str(name)[:200],
        )

    @rx.event
    def dismiss(self):
        self.error = self.success = ""


INVITE_FIELDS = ("reseller_email", "reseller_mpn_id", "invite_message")  # the invitation form's controls


class ResellersState(_PartnershipMixin, AppState):
    """The provider's **Indirect resellers** page."""

    invitations: rx.Field[list[PartnerInvitationRow]] = rx.field(default_factory=list)
    invite_open: rx.Field[bool] = rx.field(False)
    invite_by: rx.Field[str] = rx.field("email")
    invite_error: rx.Field[str] = rx.field("")
    invite_field: rx.Field[str] = rx.field("")  # the invitation form's field `invite_error` is about (shown under it)
    busy: rx.Field[bool] = rx.field(False)

    def _read_more(self, session, actor):
        return {"invitations": _rows(partners.list_invitations(session, actor), PartnerInvitationRow)}

    @rx.event
    def set_invite_open(self, value: bool):
        self.invite_open = bool(value)
        self.invite_error = ""

    @rx.event
    def set_invite_by(self, value: str):
        self.invite_by = "mpn" if value == "mpn" else "email"
        self.invite_error = self.invite_field = ""

    @rx.event
    async def send_invite(self, form: dict):
        if self.busy:
            return
        self.invite_error = self.invite_field = self.success = self.error = ""
        self.busy = True
        yield
        try:
            await self._send_invite(form)
        finally:
            self.busy = False
        if self.invite_field:
            yield rx.set_focus(self.invite_field)

    async def _send_invite(self, form: dict) -> None:
        by_email = self.invite_by == "email"
        email = form_text(form, "reseller_email") if by_email else None
        mpn_id = None if by_email else form_text(form, "reseller_mpn_id")
        message = form_text(form, "invite_message")
        sent = await self._call(
            lambda s, a: partners.invite_reseller(s, a, email=email, mpn_id=mpn_id, message=message),
            error="invite_error",
        )
        if isinstance(sent, Refused):
            field = getattr(sent.error, "field", None) or ""
            if sent.error.code == "partners.already_partners":  # about the reseller the field names
                field = "reseller_email" if by_email else "reseller_mpn_id"
            self.invite_field = field if field in INVITE_FIELDS else ""
            return
        link, _token = sent
        self.invite_open = False
        await self._refresh()
        name = next((row["reseller_name"] for row in self.invitations if row["id"] == str(link.id)), "")
        self.success = self._text("partners.invite_sent", name=name)

    @rx.event
    async def resend(self, link_id: str, name: str):
        await self._act(
            lambda s, a: partners.resend_invitation(s, a, link_id=as_id(link_id)),
            "partners.resent",
            name=str(name)[:200],
        )

    @rx.event
    async def revoke(self, link_id: str, name: str):
        await self._act(
            lambda s, a: partners.revoke_invitation(s, a, link_id=as_id(link_id)),
            "partners.revoked_done",
            name=str(name)[:200],
        )


class ProvidersState(_PartnershipMixin, AppState):
    """The reseller's **Indirect providers** page."""
