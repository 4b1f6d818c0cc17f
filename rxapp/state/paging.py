"""Server-side paging shared by the list pages: the page number, the total, and Previous / Next."""

from __future__ import annotations

import reflex as rx

PAGE_SIZE = 25


class PagedList(rx.State, mixin=True):
    """Mix into a list state that defines `async _load()` (read the current page from its service)."""

    page: rx.Field[int] = rx.field(0)
    total: rx.Field[int] = rx.field(0)

    async def _load(self) -> None:
        """Read the current page into the state's rows and `total` (each list state defines it)."""
        raise NotImplementedError

    @rx.var
    def page_count(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))

    @rx.event
    async def go(self, delta: int):
        """Previous (-1) or next (+1); any other value from the browser moves one step or is ignored."""
        try:
            step = 1 if int(delta) > 0 else -1
        except (TypeError, ValueError):
            return
        self.page = min(max(0, self.page + step), self.page_count - 1)
        await self._load()
        return
