"""Server-side paging shared by the list pages: the page number, the total, and Previous / Next.

The number of pages is worked out where it is needed (`page_count` in a handler, `page_count_var` in the
browser), not kept as a computed var: Reflex evaluates every state's computed vars when any tab hydrates, so each
list state with one was created, marked changed and stored for every tab, whatever its page (scaled out: 12 Redis
keys per tab instead of 3, every one written back at each lease's end)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import NumberVar

PAGE_SIZE = 25


def page_count(total: int) -> int:
    """Pages of `PAGE_SIZE` rows that `total` rows fill (at least one)."""
    return max(1, -(-total // PAGE_SIZE))


def page_count_var(total: NumberVar) -> NumberVar:
    """`page_count`, worked out in the browser from a state's `total`."""
    return rx.cond(total > PAGE_SIZE, (total + (PAGE_SIZE - 1)) // PAGE_SIZE, 1).to(int)


class PagedList(rx.State, mixin=True):
    """Mix into a list state that defines `async _load()` (read the current page from its service)."""

    page: rx.Field[int] = rx.field(0)
    total: rx.Field[int] = rx.field(0)

    async def _load(self) -> None:
        """Read the current page into the state's rows and `total` (each list state defines it)."""
        raise NotImplementedError

    @rx.event
    async def go(self, delta: int):
        """Previous (-1) or next (+1); any other value from the browser moves one step or is ignored."""
        try:
            step = 1 if int(delta) > 0 else -1
        except (TypeError, ValueError):
            return
        self.page = min(max(0, self.page + step), page_count(self.total) - 1)
        await self._load()
        return
