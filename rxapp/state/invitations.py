"""`/customers/invitations`: thin handlers around `services.invitations`."""

from __future__ import annotations

import reflex as rx

from rxapp.boundary import as_id
from rxapp.permissions import Action
from rxapp.services import invitations
from rxapp.state.base import AppState, Refused
from rxapp.state.formatting import date_text
from rxapp.state.paging import PAGE_SIZE, PagedList
from rxapp.state.rows import InvitationRow


class InvitationsState(PagedList, AppState):
    rows: rx.Field[list[InvitationRow]] = rx.field(default_factory=list)
    loaded: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    success: rx.Field[str] = rx.field("")
    new_link: rx.Field[str] = rx.field("")
    new_link_expires: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)

    def _row(self, row: invitations.InvitationRow) -> InvitationRow:
        detail = ""
        if row.provider_name:
            detail = self._text("invitations.with_provider", provider=row.provider_name)
        elif row.customer_name:
            detail = self._text("invitations.to_customer", customer=row.customer_name)
        return {
            "id": str(row.id),
            "purpose": self._text(f"invitations.purpose.{row.purpose}"),
            "detail": detail,
            "status": row.status,
            "created": date_text(row.created_at),
            "expires": date_text(row.expires_at),
            "opened": date_text(row.opened_at) or self._text("invitations.not_opened"),
            "created_by": row.created_by,
            "can_revoke": "yes" if row.can_revoke else "",
            "can_renew": "yes" if row.can_renew else "",
        }

    async def _load(self) -> None:
        page = self.page
        # `error` is not cleared here: an action's refusal stays shown over the reloaded list.
        result = await self._call(
            lambda s, a: invitations.list_invitations(s, a, page=page, page_size=PAGE_SIZE), clear=False
        )
        if isinstance(result, Refused):
            self.rows, self.total = [], 0
        else:
            self.rows, self.total = [self._row(r) for r in result.rows], result.total
        self.loaded = True

    @rx.event
    async def load(self):
        self.error = self.success = self.new_link = self.new_link_expires = ""
        self.page, self.loaded, self.busy = 0, False, False
        if Action.INVITE_CUSTOMERS.value not in self._rights:
            return
        await self._load()

    @rx.event
    async def revoke(self, link_id: str):
        self.error = self.success = self.new_link = ""
        await self._call(
            lambda s, a: invitations.revoke_invitation(s, a, link_id=as_id(link_id)),
            success="invitations.revoked_done",
            message="success",
        )
        await self._load()

    @rx.event
    async def renew(self, link_id: str):
        if self.busy:
            return
        self.error = self.success = self.new_link = self.new_link_expires = ""
        self.busy = True
        yield
        try:
            result = await self._call(lambda s, a: invitations.new_link(s, a, link_id=as_id(link_id)))
        finally:
            self.busy = False
        if not isinstance(result, Refused):
            if result.emailed:
                self.success = self._text("invitations.new_link_emailed")
            else:
                self.success = self._text("invitations.new_link_ready")
                self.new_link = result.draft.url
                self.new_link_expires = self._text("customers.link_expires", date=date_text(result.draft.expires_at))
        await self._load()

    @rx.event
    def copy(self):
        if not self.new_link:
            return
        yield rx.set_clipboard(self.new_link)
        yield rx.toast(self._text("common.copied"))
