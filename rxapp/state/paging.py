"""Server-side paging shared by the list pages: the page number, the total, and Previous / Next."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

import reflex as rx

PAGE_SIZE = 25
_EMPTY: tuple[Any, ...] = ("", [], None)
Row = TypeVar("Row", bound=Mapping[str, Any])


def compact(row: Row) -> Row:
    """A list row without its empty fields. A page of rows travels with every hydration and list event, so
    an absent field means empty to the page: it tests fields by truth (`rx.cond(row["x"], ...)`), matches
    them with a default branch, and `rx.foreach` takes an absent list as empty. The row's type is a
    `TypedDict(total=False)` (`state/rows/`), whose fields may be absent."""
    # A comprehension builds a plain dict; it is the same row type, less its empty fields.
    return cast(Row, {key: value for key, value in row.items() if value not in _EMPTY})


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
