"""The local mailbox (only when no SMTP server is configured): every outbox email, links clickable."""

from __future__ import annotations

import asyncio

import reflex as rx

from rxapp.boundary import form_text
from rxapp.models.rows import saved_id
from rxapp.services import mail, runner
from rxapp.state.paging import PAGE_SIZE, PagedList
from rxapp.state.rows import MailRow


class MailboxState(PagedList, rx.State):
    enabled: rx.Field[bool] = rx.field(True)
    recipient: rx.Field[str] = rx.field("")
    messages: rx.Field[list[MailRow]] = rx.field(default_factory=list)
    loaded: rx.Field[bool] = rx.field(False)

    @rx.event
    async def load(self):
        """Read one page of the outbox (newest first), optionally for one recipient."""
        await self._load()

    async def _load(self) -> None:
        self.enabled = mail.mailbox_enabled()
        if not self.enabled:
            self.messages, self.total, self.loaded = [], 0, True
            return
        recipient, offset = self.recipient.strip() or None, self.page * PAGE_SIZE
        self.total, rows = await asyncio.to_thread(
            runner.run_public,
            lambda session: (
                mail.count_mailbox(session, to=recipient),
                mail.list_mailbox(session, to=recipient, limit=PAGE_SIZE, offset=offset),
            ),
        )
        self.messages = [
            {
                "id": saved_id(row.id),
                "to": row.to_address,
                "subject": row.subject,
                "body": row.body,
                "links": mail.extract_links(row.body),
                "at": row.created_at.strftime("%Y-%m-%d %H:%M UTC"),
                "status": row.status.value,
            }
            for row in rows
        ]
        self.loaded = True

    @rx.event
    def filter(self, form: dict):
        self.recipient, self.page = form_text(form, "recipient"), 0
        return MailboxState.load
